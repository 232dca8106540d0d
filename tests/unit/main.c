/* main.c - runs every unit-test group; the exit status is the number of failed groups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "helpers.h"

static cl_context *shared;

static void free_shared(void) { cl_context_free(shared); }

const cl_context *test_ctx(void)
{
    if (!shared) {
        cl_error err;
        shared = cl_context_new(NULL, &err);
        if (!shared) {
            fprintf(stderr, "cannot create context: %s\n", err.message);
            exit(1);
        }
        atexit(free_shared);
    }
    return shared;
}

cl_doc *test_extract(const char *text, const char *date, unsigned flags)
{
    cl_input in = {0};
    in.id = "test";
    in.source = "test";
    in.text = text;
    in.text_len = strlen(text);
    in.date = date;
    cl_error err;
    cl_doc *doc = cl_extract(test_ctx(), &in, flags, &err);
    if (!doc)
        fprintf(stderr, "extract failed: %s\n", err.message);
    return doc;
}

const char *test_span(const cl_doc *doc, uint32_t start, uint32_t end)
{
    static char buf[4096];
    size_t n = end > start ? end - start : 0;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, doc->text + start, n);
    buf[n] = '\0';
    return buf;
}

int main(void)
{
    int failed = 0;
    failed += run_util_tests() != 0;
    failed += run_time_tests() != 0;
    failed += run_clean_tests() != 0;
    failed += run_attrib_tests() != 0;
    failed += run_ingest_tests() != 0;
    failed += run_html_tests() != 0;
    failed += run_ledger_tests() != 0;
    failed += run_recparse_tests() != 0;
    failed += run_spec_tests() != 0;
    failed += run_fuzz_replay_tests() != 0;
    return failed;
}
