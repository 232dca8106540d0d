/* targets.c - fuzz entry points (see targets.h). Each must never crash, leak or read out of
 * bounds, whatever the bytes; results are checked for basic sanity. */
#include "targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimline/claimline.h"
#include "ingest/html.h"
#include "serve_api.h"

static cl_context *fuzz_ctx(void)
{
    static cl_context *ctx; /* created once per process: the fuzzers' shared setup */
    if (!ctx) {
        cl_error err;
        ctx = cl_context_new(NULL, &err);
        if (!ctx)
            abort();
    }
    return ctx;
}

static void extract_one(const cl_input *in, unsigned flags)
{
    cl_error err;
    cl_doc *doc = cl_extract(fuzz_ctx(), in, flags, &err);
    if (!doc) {
        if (err.status == CL_OK)
            abort(); /* a rejection must say why */
        return;
    }
    size_t len;
    char *json = cl_doc_to_json(doc, 0, &len);
    if (!json || len == 0 || json[0] != '{' || json[len - 1] != '}')
        abort();
    free(json);
    cl_doc_free(doc);
}

/* Extracts every document the reader yields (at most 64) and frees the reader; a
 * rejection must say why. */
static void extract_all(cl_reader *rd)
{
    cl_input in;
    cl_error rej;
    cl_read_kind k;
    int n = 0;
    while ((k = cl_reader_next(rd, &in, &rej)) != CL_READ_END && n++ < 64) {
        if (k == CL_READ_DOC)
            extract_one(&in, 0);
        else if (rej.status == CL_OK)
            abort();
    }
    cl_reader_free(rd);
}

int cl_fuzz_extract(const uint8_t *data, size_t size)
{
    cl_input in = {0};
    in.id = "fuzz";
    in.source = "fuzz";
    in.text = (const char *)data;
    in.text_len = size;
    in.date = size > 0 && (data[0] & 1) ? "2024-02-17" : NULL;
    extract_one(&in, 0);
    extract_one(&in, CL_EXTRACT_NO_CLEAN);
    return 0;
}

static int same_or_null(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

int cl_fuzz_html(const uint8_t *data, size_t size)
{
    cl_input in = {0};
    in.id = "fuzz";
    in.source = "fuzz.html";
    in.text = (const char *)data;
    in.text_len = size;
    in.format = CL_FORMAT_HTML;
    extract_one(&in, 0);
    /* differential: the page reduced before parsing (as extract reads it) and the page
     * parsed as given must give the same main text and metadata */
    cl_arena a, b;
    cl_arena_init(&a, 0);
    cl_arena_init(&b, 0);
    cl_html_page pr, pa;
    int ok_r = cl_html_extract(&a, in.text, size, CL_HTML_MAX_DEPTH, 0, &pr);
    int ok_a = cl_html_extract(&b, in.text, size, CL_HTML_MAX_DEPTH, CL_HTML_AS_IS, &pa);
    if (ok_r != ok_a || pr.text_len != pa.text_len || memcmp(pr.text, pa.text, pr.text_len) != 0 ||
        !same_or_null(pr.title, pa.title) || !same_or_null(pr.date, pa.date) ||
        !same_or_null(pr.outlet, pa.outlet) || !same_or_null(pr.url, pa.url))
        abort();
    cl_arena_release(&a);
    cl_arena_release(&b);
    return 0;
}

int cl_fuzz_warc(const uint8_t *data, size_t size)
{
    /* the WARC reader streams from files (zlib): give it one */
    char path[] = "/tmp/claimline-fuzz-XXXXXX.warc";
    int fd = mkstemps(path, 5);
    if (fd < 0)
        return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f || fwrite(data, 1, size, f) != size) {
        if (f)
            fclose(f);
        unlink(path);
        return 0;
    }
    fclose(f);
    cl_error err;
    cl_reader *rd = cl_reader_new(&err);
    if (!rd)
        abort();
    cl_reader_set_limit(rd, 1 << 16);
    cl_reader_add_path(rd, path, &err);
    extract_all(rd);
    unlink(path);
    return 0;
}

int cl_fuzz_timeml(const uint8_t *data, size_t size)
{
    char *out = NULL;
    size_t len = 0;
    cl_error err;
    cl_status st = cl_timeml_tag(fuzz_ctx(), (const char *)data, size, &out, &len, &err);
    if (st == CL_OK && (!out || len < 1))
        abort();
    if (st != CL_OK && err.status == CL_OK)
        abort(); /* a failure must say why */
    free(out);
    return 0;
}

int cl_fuzz_jsonl(const uint8_t *data, size_t size)
{
    cl_error err;
    cl_reader *rd = cl_reader_new(&err);
    if (!rd)
        abort();
    cl_reader_set_limit(rd, 1 << 16);
    cl_reader_add_buffer(rd, "fuzz.jsonl", data, size, &err);
    extract_all(rd);
    return 0;
}

int cl_fuzz_timex(const uint8_t *data, size_t size)
{
    cl_error err;
    char *json = cl_timex_json(fuzz_ctx(), (const char *)data, size, "2023-01-13", &err);
    free(json);
    return 0;
}

int cl_fuzz_record(const uint8_t *data, size_t size)
{
    static cl_ledger *lg;
    cl_error err;
    if (!lg) {
        lg = cl_ledger_open(":memory:", &err);
        if (!lg)
            abort();
    }
    int added;
    cl_ledger_add_json(lg, (const char *)data, size, &added, &err);
    return 0;
}

/* A small in-memory ledger for the HTTP target: two reports of our own wording. */
static cl_ledger *http_ledger(void)
{
    static cl_ledger *lg; /* created once per process, like the context */
    if (lg)
        return lg;
    cl_error err;
    lg = cl_ledger_open(":memory:", &err);
    if (!lg)
        abort();
    static const char *const texts[] = {
        "Russia's defence ministry said on Saturday its forces had taken full control of Avdiivka.",
        "Ukraine's General Staff said on Saturday that heavy fighting was continuing in Avdiivka."};
    for (size_t i = 0; i < 2; i++) {
        cl_input in = {0};
        in.id = i ? "u" : "r";
        in.source = "fuzz";
        in.date = "2024-02-17";
        in.text = texts[i];
        in.text_len = strlen(texts[i]);
        cl_doc *doc = cl_extract(fuzz_ctx(), &in, 0, &err);
        if (!doc)
            abort();
        size_t len;
        char *json = cl_doc_to_json(doc, 0, &len);
        if (!json || cl_ledger_add_json(lg, json, len, NULL, &err) != CL_OK)
            abort();
        free(json);
        cl_doc_free(doc);
    }
    return lg;
}

int cl_fuzz_http(const uint8_t *data, size_t size)
{
    /* line 1 method, line 2 path, then one "key=value" (or bare "key") per line */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *lines[2 + 16] = {0};
    size_t n = 0;
    for (char *p = copy; p && n < sizeof lines / sizeof *lines;) {
        lines[n++] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    serve_param params[16];
    size_t np = 0;
    for (size_t i = 2; i < n; i++) {
        char *eq = strchr(lines[i], '=');
        if (eq)
            *eq++ = '\0';
        params[np].key = lines[i];
        params[np++].value = eq;
    }
    serve_reply reply;
    serve_handle(http_ledger(), lines[0], n > 1 ? lines[1] : NULL, params, np, &reply);
    int st = reply.status;
    if (st != 200 && st != 400 && st != 404 && st != 405 && st != 500)
        abort();
    if (!reply.body || (reply.type && strcmp(reply.type, "application/json") == 0 &&
                        (reply.len == 0 || reply.body[0] != '{')))
        abort();
    free(reply.body);
    free(copy);
    return 0;
}

const cl_fuzz_target cl_fuzz_targets[] = {{"extract", cl_fuzz_extract},
                                          {"jsonl", cl_fuzz_jsonl},
                                          {"timex", cl_fuzz_timex},
                                          {"record", cl_fuzz_record},
                                          {"html", cl_fuzz_html},
                                          {"timeml", cl_fuzz_timeml},
                                          {"warc", cl_fuzz_warc},
                                          {"http", cl_fuzz_http},
                                          {NULL, NULL}};
