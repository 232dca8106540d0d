/* cmd_tag.c - `claimline tag --timeml IN_DIR OUT_DIR`: TempEval-3 input files in, the same
 * files with our TIMEX3 tags out, named like the input minus any .TE3input suffix, so the
 * standard TempEval-3 scorer reads them. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char tag_usage[] =
    "usage: claimline tag --timeml IN_DIR OUT_DIR\n"
    "\n"
    "Reads every TimeML file in IN_DIR (.tml, .TE3input; a DCT and a TEXT element) and\n"
    "writes it to OUT_DIR with a TIMEX3 tag (tid, type, value, mod) around each temporal\n"
    "expression of its TEXT, anchored to its DCT. Output files are named like the input\n"
    "minus any .TE3input suffix. A file that cannot be read or parsed is reported and\n"
    "skipped (exit 3).\n";

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

static int wanted(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".tml") == 0) ||
           (n > 9 && strcmp(name + n - 9, ".TE3input") == 0);
}

int cmd_tag(int argc, char **argv)
{
    static const struct option opts[] = {{"timeml", no_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int timeml = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 't': timeml = 1; break;
        case 'h': fputs(tag_usage, stdout); return EXIT_OK;
        default: fputs(tag_usage, stderr); return EXIT_USAGE;
        }
    }
    if (!timeml || optind + 2 != argc) {
        fputs(tag_usage, stderr);
        return EXIT_USAGE;
    }
    const char *in_dir = argv[optind], *out_dir = argv[optind + 1];
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "claimline: cannot create %s: %s\n", out_dir, strerror(errno));
        return EXIT_FAIL;
    }
    struct dirent **names;
    int n = scandir(in_dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "claimline: cannot read %s: %s\n", in_dir, strerror(errno));
        return EXIT_FAIL;
    }
    cl_error err;
    cl_context *ctx = cl_context_new(NULL, &err);
    if (!ctx) {
        cli_report("cannot start the engine", &err);
        return EXIT_FAIL;
    }
    int done = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] == '.' || !wanted(name)) {
            free(names[i]);
            continue;
        }
        char in_path[4096], out_path[4096];
        snprintf(in_path, sizeof in_path, "%s/%s", in_dir, name);
        size_t nl = strlen(name);
        int strip = nl > 9 && strcmp(name + nl - 9, ".TE3input") == 0;
        snprintf(out_path, sizeof out_path, "%s/%.*s", out_dir, (int)(strip ? nl - 9 : nl), name);
        size_t len;
        char *xml = slurp(in_path, &len), *out = NULL;
        size_t out_len = 0;
        if (!xml || cl_timeml_tag(ctx, xml, len, &out, &out_len, &err) != CL_OK) {
            fprintf(stderr, "claimline: skipped %s: %s\n", in_path, xml ? err.message : strerror(errno));
            failed++;
        } else {
            FILE *f = fopen(out_path, "wb");
            if (!f || fwrite(out, 1, out_len, f) != out_len || fclose(f) != 0) {
                fprintf(stderr, "claimline: cannot write %s\n", out_path);
                failed++;
            } else {
                done++;
            }
        }
        free(out);
        free(xml);
        free(names[i]);
    }
    free(names);
    cl_context_free(ctx);
    fprintf(stderr, "claimline: tagged %d file(s) into %s, %d skipped\n", done, out_dir, failed);
    return failed ? EXIT_PARTIAL : EXIT_OK;
}
