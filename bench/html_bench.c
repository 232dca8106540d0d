/* html_bench.c - throughput of HTML main-text extraction alone (reduction, parse with
 * gumbo, metadata, block scoring) on a folder of pages (.html or .html.gz), each page
 * several times; then the same without the reduction before parsing.
 *
 * usage: html_bench DIR [ROUNDS] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "ingest/html.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: html_bench DIR [ROUNDS]\n", stderr);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 1;
    }
    char **pages = NULL;
    size_t *lens = NULL, n = 0, bytes = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        gzFile f = gzopen(path, "rb");
        if (!f)
            continue;
        size_t cap = 1 << 16, len = 0;
        char *buf = malloc(cap);
        int got;
        while ((got = gzread(f, buf + len, (unsigned)(cap - len))) > 0) {
            len += (size_t)got;
            if (len == cap)
                buf = realloc(buf, cap *= 2);
        }
        gzclose(f);
        pages = realloc(pages, sizeof *pages * (n + 1));
        lens = realloc(lens, sizeof *lens * (n + 1));
        pages[n] = buf;
        lens[n++] = len;
        bytes += len;
    }
    closedir(d);
    /* the extractor as it runs, then the same pages parsed as given (no reduction
     * before gumbo) for comparison: both must give the same text */
    const struct { const char *name; unsigned flags; } modes[] = {
        {"claimline-html", 0}, {"as-is (no reduce)", CL_HTML_AS_IS}};
    for (int mode = 0; mode < 2; mode++) {
        size_t text = 0;
        double t0 = now();
        for (int r = 0; r < rounds; r++) {
            for (size_t i = 0; i < n; i++) {
                cl_arena a;
                cl_arena_init(&a, 0);
                cl_html_page p;
                cl_html_extract(&a, pages[i], lens[i], CL_HTML_MAX_DEPTH, modes[mode].flags, &p);
                text += p.text_len;
                cl_arena_release(&a);
            }
        }
        double secs = now() - t0;
        double mb = (double)bytes * rounds / 1048576.0;
        printf("%-18s %zu pages x %d  %.1f MB  %.2f s  %.2f MB/s  %.0f pages/s  %zu bytes of text\n",
               modes[mode].name, n, rounds, mb, secs, mb / secs, (double)n * rounds / secs,
               text / (size_t)rounds);
    }
    for (size_t i = 0; i < n; i++)
        free(pages[i]);
    free(pages);
    free(lens);
    return 0;
}
