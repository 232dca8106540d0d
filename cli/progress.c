/* progress.c - a one-line progress display on stderr for long runs: documents, megabytes
 * read, MB/s and, when the input size is known (files, not stdin), the share done and
 * an estimate of the time left. Shown only when stderr is a terminal, at most five times
 * a second, and erased at the end. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* nftw has no user pointer: the sum being built lives here during one walk only */
static uint64_t walk_total;

static int add_size(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F)
        walk_total += (uint64_t)st->st_size;
    return 0;
}

void cli_progress_start(cli_progress *p, char **paths, int npaths, const cl_reader *rd)
{
    memset(p, 0, sizeof *p);
    p->on = isatty(2);
    p->rd = rd;
    p->t0 = p->last = now();
    if (!p->on)
        return;
    walk_total = 0;
    for (int i = 0; i < npaths; i++) {
        if (strcmp(paths[i], "-") == 0) {
            walk_total = 0; /* stdin: size unknown */
            break;
        }
        nftw(paths[i], add_size, 16, FTW_PHYS);
    }
    p->total = walk_total;
}

void cli_progress_tick(cli_progress *p)
{
    p->docs++;
    if (!p->on)
        return;
    double t = now();
    if (t - p->last < 0.2)
        return;
    p->last = t;
    double secs = t - p->t0, mb = (double)cl_reader_bytes(p->rd) / 1048576.0;
    double rate = secs > 0 ? mb / secs : 0;
    char eta[64] = "";
    if (p->total && rate > 0) {
        double total_mb = (double)p->total / 1048576.0;
        double left = total_mb > mb ? (total_mb - mb) / rate : 0;
        snprintf(eta, sizeof eta, "  %3.0f%%  about %d:%02d left", mb * 100.0 / total_mb,
                 (int)left / 60, (int)left % 60);
    }
    fprintf(stderr, "\r  %llu documents  %.1f MB  %.1f MB/s%s   ", (unsigned long long)p->docs,
            mb, rate, eta);
}

void cli_progress_end(cli_progress *p)
{
    if (p->on && p->last > p->t0)
        fprintf(stderr, "\r%*s\r", 78, "");
}
