/* main.c - the claimline command-line tool: dispatches to one command per verb. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: claimline COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Turns news articles into a dated, source-attributed ledger of claims.\n"
    "\n"
    "commands:\n"
    "  extract [PATH...|-]        records as JSON lines on stdout (files, directories, stdin)\n"
    "  analyze PATH... [--db F]   extract and load into a ledger (default ./claimline.db)\n"
    "  load RECORDS... [--db F]   load records written by extract (JSON lines)\n"
    "  timeline PLACE [--db F]    the place's dated claims by side, conflicts marked\n"
    "  claims [filters]           claims filtered by --place --side --actor --since --until\n"
    "  conflicts [filters]        contradicting claims of the parties, place by place\n"
    "  events [filters]           CAMEO-coded events; --format csv gives GDELT-style columns\n"
    "  serve [--db F] [--port N]  the ledger over HTTP: a web page and a JSON API\n"
    "  eval --gold FILE RECORDS   score records against gold (also --timeml, --polnear, --html)\n"
    "  timex --dct DATE TEXT      tag and normalize the temporal expressions of a text\n"
    "  tag --timeml IN OUT        TempEval-3 files in, the same files with TIMEX3 tags out\n"
    "  version                    print the version\n"
    "\n"
    "Run 'claimline COMMAND --help' for a command's options.\n"
    "\n"
    "exit codes: 0 done; 1 failed; 2 bad command line; 3 done but some inputs were\n"
    "rejected (listed on stderr); 4 eval scores below the baseline.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    /* --version works on its own and after any command */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0 || (i == 1 && strcmp(argv[i], "version") == 0)) {
            printf("claimline %s (record schema %s)\n", CL_VERSION, CL_RECORD_SCHEMA);
            return EXIT_OK;
        }
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {
        {"extract", cmd_extract},     {"analyze", cmd_analyze},   {"load", cmd_load},
        {"timeline", cmd_timeline},   {"claims", cmd_claims},     {"conflicts", cmd_conflicts},
        {"events", cmd_events},       {"eval", cmd_eval},         {"timex", cmd_timex},
        {"tag", cmd_tag},             {"serve", cmd_serve},
    };
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "claimline: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}
