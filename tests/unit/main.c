/* main.c - runs every unit-test group; the exit status is the number of failed groups. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

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

/* The bytes of a file as they are (NULL when unreadable); caller frees. */
static char *read_raw(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(size > 0 ? (size_t)size : 1);
    *len = buf && size > 0 ? fread(buf, 1, (size_t)size, f) : 0;
    fclose(f);
    return buf;
}

/* The bytes of a file, uncompressed when it is gzip (NULL when unreadable); caller frees. */
static char *read_gunzipped(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    int got;
    *len = 0;
    while (buf && (got = gzread(f, buf + *len, (unsigned)(cap - *len))) > 0) {
        *len += (size_t)got;
        if (*len == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    gzclose(f);
    return buf;
}

int test_each_file(const char *dir, int gunzip,
                   void (*fn)(const char *path, const char *data, size_t len, void *ctx),
                   void *ctx)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *buf = gunzip ? read_gunzipped(path, &len) : read_raw(path, &len);
        if (buf) {
            fn(path, buf, len, ctx);
            n++;
        }
        free(buf);
    }
    closedir(d);
    return n;
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
