/* targets.h - the fuzzed entry points, shared by the libFuzzer drivers (fuzz_NAME.c) and the
 * unit tests, which replay every saved input under fuzz/corpus/NAME on each run. */
#ifndef CL_FUZZ_TARGETS_H
#define CL_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* Whole per-document pipeline on bytes as a plain-text article, cleaned and verbatim. */
int cl_fuzz_extract(const uint8_t *data, size_t size);
/* The JSON-lines reader and extraction of every document it yields. */
int cl_fuzz_jsonl(const uint8_t *data, size_t size);
/* The temporal tagger on bytes as text with a fixed document date. */
int cl_fuzz_timex(const uint8_t *data, size_t size);
/* The HTML path: bytes as a page through main-text extraction and the whole pipeline. */
int cl_fuzz_html(const uint8_t *data, size_t size);
/* The WARC reader (through a temporary file) and extraction of every page it yields. */
int cl_fuzz_warc(const uint8_t *data, size_t size);
/* The TimeML reader and writer (claimline tag --timeml) on bytes as a TimeML file. */
int cl_fuzz_timeml(const uint8_t *data, size_t size);
/* The ledger's record loader on bytes as a JSON record (in-memory SQLite). */
int cl_fuzz_record(const uint8_t *data, size_t size);

/* The HTTP API of `serve` (routing, parameter checks, queries, JSON) on bytes as a request:
 * method, path and key=value lines, against a small in-memory ledger. */
int cl_fuzz_http(const uint8_t *data, size_t size);

/* Names and functions of all targets, NULL-terminated. */
typedef struct cl_fuzz_target {
    const char *name;
    int (*fn)(const uint8_t *, size_t);
} cl_fuzz_target;
extern const cl_fuzz_target cl_fuzz_targets[];

#endif
