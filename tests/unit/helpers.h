/* helpers.h - shared fixtures for the unit tests: one engine context for the whole run and
 * a helper that extracts a text we wrote and returns the document. */
#ifndef CL_TEST_HELPERS_H
#define CL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "claimline/claimline.h"
#include "doc.h"

/* The shared context (created on first use, freed at exit). */
const cl_context *test_ctx(void);
/* Extracts text (NUL-terminated) with an optional metadata date; caller frees the doc. */
cl_doc *test_extract(const char *text, const char *date, unsigned flags);
/* Text of a span of the document, as a static buffer (valid until the next call). */
const char *test_span(const cl_doc *doc, uint32_t start, uint32_t end);

/* Calls fn on every file of dir (not recursive; dot files skipped) with its bytes (gzip
 * files uncompressed when gunzip is set, as they are otherwise); returns how many files
 * were read (0 when the folder is absent). */
int test_each_file(const char *dir, int gunzip,
                   void (*fn)(const char *path, const char *data, size_t len, void *ctx),
                   void *ctx);

/* Each test file registers its group. */
int run_util_tests(void);
int run_time_tests(void);
int run_clean_tests(void);
int run_attrib_tests(void);
int run_ingest_tests(void);
int run_html_tests(void);
int run_ledger_tests(void);
int run_recparse_tests(void);
int run_spec_tests(void);
int run_fuzz_replay_tests(void);

#endif
