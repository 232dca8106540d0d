/* parallel.h - extraction on worker threads, records in input order (see parallel.c). */
#ifndef CLAIMLINE_CLI_PARALLEL_H
#define CLAIMLINE_CLI_PARALLEL_H

#include <stdint.h>
#include <stdio.h>

#include "claimline/claimline.h"

typedef struct cl_parallel_sink {
    /* called in input order on the calling thread; non-zero stops the run */
    int (*record)(void *user, const char *json, size_t len, const cl_doc *doc);
    void (*reject)(const cl_error *rej);
    void *user;
} cl_parallel_sink;

/* Reads every document of rd, extracts on `workers` threads and hands records to out in
 * input order. Returns the number of rejected inputs, or -1 when the sink failed or the
 * threads could not start; *docs_out receives the number of records written. */
long cl_parallel_run(const cl_context *ctx, cl_reader *rd, unsigned extract_flags,
                     unsigned record_flags, int workers, const cl_parallel_sink *out,
                     uint64_t *docs_out);

#endif
