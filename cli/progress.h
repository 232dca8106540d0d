/* progress.h - progress line on stderr for long runs (see progress.c). */
#ifndef CLAIMLINE_CLI_PROGRESS_H
#define CLAIMLINE_CLI_PROGRESS_H

#include <stdint.h>

#include "claimline/claimline.h"

typedef struct cli_progress {
    int on;             /* stderr is a terminal */
    const cl_reader *rd;
    double t0, last;
    uint64_t total;     /* input bytes when known, else 0 */
    uint64_t docs;
} cli_progress;

void cli_progress_start(cli_progress *p, char **paths, int npaths, const cl_reader *rd);
/* One more document out; redraws at most five times a second. */
void cli_progress_tick(cli_progress *p);
/* Erases the line. */
void cli_progress_end(cli_progress *p);

#endif
