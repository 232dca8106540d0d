/* util.c - small helpers shared by the commands. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void cli_report(const char *what, const cl_error *err)
{
    fprintf(stderr, "claimline: %s", what);
    if (err && err->message[0]) {
        fprintf(stderr, ": %s", err->message);
        if (err->source[0] && !strstr(err->message, err->source)) {
            fprintf(stderr, " (%s", err->source);
            if (err->line)
                fprintf(stderr, ":%llu", (unsigned long long)err->line);
            fputc(')', stderr);
        }
    }
    fputc('\n', stderr);
}

void cli_reject(const cl_error *rej)
{
    fprintf(stderr, "claimline: rejected %s", rej->source[0] ? rej->source : "input");
    if (rej->line)
        fprintf(stderr, ":%llu", (unsigned long long)rej->line);
    fprintf(stderr, ": %s\n", rej->message);
}

const char *cli_default_db(void)
{
    const char *env = getenv("CLAIMLINE_DB");
    return env && *env ? env : "claimline.db";
}

cl_ledger *cli_open_readonly(const char *db)
{
    int is_file = !strstr(db, "://");
    if (is_file && access(strncmp(db, "sqlite:", 7) == 0 ? db + 7 : db, R_OK) != 0) {
        fprintf(stderr, "claimline: no ledger at %s (run 'claimline analyze' first)\n", db);
        return NULL;
    }
    cl_error err;
    cl_ledger *lg = cl_ledger_open_readonly(db, &err);
    if (!lg)
        cli_report("cannot open the ledger", &err);
    return lg;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}
