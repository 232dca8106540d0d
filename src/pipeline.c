/* pipeline.c - cl_extract: one document through every stage, in order.
 *
 * The document's arena carries a memory cap; a document that outgrows it (or makes malloc
 * fail) unwinds here through the arena's jump and becomes a rejection, so one hostile input
 * never takes the run down. Everything a document allocates lives in its arena. */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "actor/actor.h"
#include "attrib/attrib.h"
#include "claim/claim.h"
#include "clean/clean.h"
#include "context.h"
#include "doc.h"
#include "event/event.h"
#include "ingest/html.h"
#include "ingest/textmeta.h"
#include "place/place.h"
#include "segment/segment.h"
#include "signature/minhash.h"
#include "time/timex.h"
#include "util/error.h"
#include "util/utf8.h"

const char *cl_doc_span_text(cl_doc *doc, uint32_t start, uint32_t end)
{
    if (end < start || end > doc->text_len)
        return "";
    return cl_arena_strndup(&doc->arena, doc->text + start, end - start);
}

int32_t cl_doc_sentence_at(const cl_doc *doc, uint32_t off)
{
    uint32_t lo = 0, hi = doc->sentences.n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        const cl_sentence *s = &doc->sentences.v[mid];
        if (off < s->start)
            hi = mid;
        else if (off >= s->end)
            lo = mid + 1;
        else
            return (int32_t)mid;
    }
    return -1;
}

int32_t *cl_doc_token_index(cl_doc *doc, uint32_t n, void (*range)(const cl_doc *, uint32_t,
                                                                   uint32_t *, uint32_t *))
{
    int32_t *idx = cl_arena_alloc(&doc->arena, sizeof(int32_t) * (doc->tokens.n + 1));
    for (uint32_t i = 0; i <= doc->tokens.n; i++)
        idx[i] = -1;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t first, count;
        range(doc, k, &first, &count);
        for (uint32_t t = first; t < first + count && t < doc->tokens.n; t++)
            idx[t] = (int32_t)k;
    }
    return idx;
}

uint32_t cl_doc_first_timex(const cl_doc *doc, uint32_t s)
{
    uint32_t lo = 0, hi = doc->timexes.n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (doc->timexes.v[mid].sentence < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void cl_doc_dyad(cl_doc *doc, const char **a, const char **b)
{
    if (!doc->dyad_done) {
        const char *sides[8];
        int counts[8], n = 0;
        for (uint32_t i = 0; i < doc->actors.n; i++) {
            const cl_actor *m = &doc->actors.v[i];
            /* countries, and armed groups with a side of their own ("SDN.RSF"); not
             * international bodies or outlets */
            if (!m->side || (strlen(m->side) != 3 && !strchr(m->side, '.')) ||
                m->kind == CL_ACTOR_MEDIA)
                continue;
            int k;
            for (k = 0; k < n; k++)
                if (strcmp(sides[k], m->side) == 0)
                    break;
            if (k == n) {
                if (n == 8)
                    continue;
                sides[n] = m->side;
                counts[n++] = 0;
            }
            counts[k] += (m->kind == CL_ACTOR_FORCES || m->kind == CL_ACTOR_COUNTRY ||
                          m->kind == CL_ACTOR_CAPITAL) ? 2 : 1;
        }
        int b1 = -1, b2 = -1;
        for (int k = 0; k < n; k++) {
            if (b1 < 0 || counts[k] > counts[b1]) {
                b2 = b1;
                b1 = k;
            } else if (b2 < 0 || counts[k] > counts[b2]) {
                b2 = k;
            }
        }
        doc->dyad[0] = b1 >= 0 ? sides[b1] : NULL;
        doc->dyad[1] = b2 >= 0 ? sides[b2] : NULL;
        doc->dyad_done = 1;
    }
    *a = doc->dyad[0];
    *b = doc->dyad[1];
}

void cl_doc_warn(cl_doc *doc, const char *msg)
{
    CL_VEC_PUSH(&doc->arena, doc->warnings) = cl_arena_strdup(&doc->arena, msg);
}

void cl_doc_free(cl_doc *doc)
{
    if (!doc)
        return;
    cl_arena_release(&doc->arena);
    free(doc);
}

const char *cl_doc_id(const cl_doc *doc) { return doc->id; }
size_t cl_doc_claim_count(const cl_doc *doc) { return doc->claims.n; }

static const char *copy_opt(cl_doc *doc, const char *s)
{
    return s && *s ? cl_arena_strdup(&doc->arena, s) : NULL;
}

/* Checks the bytes are text. A few invalid sequences are repaired (with a warning);
 * NUL bytes or a high share of invalid bytes mean binary data: rejected. */
static cl_status check_text(const cl_input *in, size_t *invalid, cl_error *err)
{
    size_t nuls = 0;
    *invalid = cl_utf8_count_invalid(in->text, in->text_len, &nuls);
    if (nuls > 0 || (*invalid > 8 && *invalid * 20 > in->text_len))
        return cl_error_set(err, CL_EENCODING, in->source, in->source_line, 0,
                            "%s: binary data or not UTF-8 text (%zu NUL bytes, %zu invalid "
                            "sequences in %zu bytes)",
                            in->id ? in->id : "document", nuls, *invalid, in->text_len);
    return CL_OK;
}

static void run_stages(cl_doc *doc, uint32_t body_offset)
{
    cl_clean_run(doc, body_offset);
    if (!doc->outlet && doc->dateline_outlet)
        doc->outlet = doc->dateline_outlet;
    cl_segment_run(doc);
    cl_time_run(doc);
    if (doc->flags & CL_EXTRACT_TIME_ONLY)
        return;
    cl_actor_run(doc);
    cl_place_run(doc);
    cl_attrib_run(doc);
    cl_claim_run(doc);
    cl_event_run(doc);
    cl_minhash_run(doc);
}

static cl_doc *extract_text(const cl_context *ctx, const cl_input *in, unsigned flags,
                            cl_error *err);

/* An HTML page: its main text and metadata become a text input (the input's own fields
 * win over the page's), extracted as usual. The page's parse lives in a scratch arena
 * under the same memory cap as a document. */
static cl_doc *extract_html(const cl_context *ctx, const cl_input *in, unsigned flags,
                            cl_error *err)
{
    cl_arena scratch;
    cl_arena_init(&scratch, ctx->opts.max_doc_memory);
    jmp_buf jb;
    scratch.on_fail = &jb;
    if (setjmp(jb)) {
        int by_cap = scratch.failed_by_cap;
        cl_arena_release(&scratch);
        cl_error_set(err, by_cap ? CL_ELIMIT : CL_ENOMEM, in->source, in->source_line, 0,
                     by_cap ? "HTML page needs more than the %zu-byte memory limit"
                            : "out of memory reading an HTML page (limit %zu bytes)",
                     ctx->opts.max_doc_memory);
        return NULL;
    }
    cl_html_page page;
    if (!cl_html_extract(&scratch, in->text, in->text_len, CL_HTML_MAX_DEPTH, 0, &page)) {
        cl_arena_release(&scratch);
        cl_error_set(err, CL_ELIMIT, in->source, in->source_line, 0,
                     "HTML nested about %u elements deep (more than %d): not a page we "
                     "can read in bounded time",
                     page.depth, CL_HTML_MAX_DEPTH);
        return NULL;
    }
    scratch.on_fail = NULL;
    if (page.text_len == 0) {
        cl_arena_release(&scratch);
        cl_error_set(err, CL_EEMPTY, in->source, in->source_line, 0,
                     "no article text found in the HTML page");
        return NULL;
    }
    cl_input t = *in;
    t.format = CL_FORMAT_TEXT;
    t.text = page.text;
    t.text_len = page.text_len;
    if (!t.title)
        t.title = page.title;
    if (!t.date)
        t.date = page.date;
    if (!t.outlet)
        t.outlet = page.outlet;
    if (!t.url)
        t.url = page.url;
    cl_doc *doc = extract_text(ctx, &t, flags, err);
    cl_arena_release(&scratch);
    return doc;
}

cl_doc *cl_extract(const cl_context *ctx, const cl_input *in, unsigned flags, cl_error *err)
{
    cl_error_clear(err);
    if (ctx && in && in->text && in->format == CL_FORMAT_HTML && in->text_len &&
        in->text_len <= ctx->opts.max_doc_bytes)
        return extract_html(ctx, in, flags, err);
    return extract_text(ctx, in, flags, err);
}

static cl_doc *extract_text(const cl_context *ctx, const cl_input *in, unsigned flags,
                            cl_error *err)
{
    cl_error_clear(err);
    if (!ctx || !in || !in->text)
        return cl_error_set(err, CL_EINVAL, NULL, 0, 0, "no input"), NULL;
    if (in->text_len == 0)
        return cl_error_set(err, CL_EEMPTY, in->source, in->source_line, 0, "empty document"), NULL;
    if (in->text_len > ctx->opts.max_doc_bytes)
        return cl_error_set(err, CL_ELIMIT, in->source, in->source_line, 0,
                            "document is larger than the %zu-byte limit", ctx->opts.max_doc_bytes),
               NULL;
    size_t invalid;
    if (check_text(in, &invalid, err) != CL_OK)
        return NULL;

    cl_doc *volatile doc = calloc(1, sizeof(cl_doc));
    if (!doc)
        return cl_error_set(err, CL_ENOMEM, in->source, in->source_line, 0, "out of memory"), NULL;
    cl_arena_init(&doc->arena, ctx->opts.max_doc_memory);
    jmp_buf jb;
    doc->arena.on_fail = &jb;
    if (setjmp(jb)) {
        int by_cap = doc->arena.failed_by_cap;
        cl_doc_free(doc);
        cl_error_set(err, by_cap ? CL_ELIMIT : CL_ENOMEM, in->source, in->source_line, 0,
                     by_cap ? "document needs more than the %zu-byte memory limit"
                            : "out of memory (limit %zu bytes)",
                     ctx->opts.max_doc_memory);
        return NULL;
    }
    doc->ctx = ctx;
    doc->flags = flags;
    doc->id = copy_opt(doc, in->id);
    if (!doc->id)
        doc->id = "document";
    doc->source = copy_opt(doc, in->source);
    doc->source_line = in->source_line;
    doc->url = copy_opt(doc, in->url);
    doc->outlet = copy_opt(doc, in->outlet);
    doc->title = copy_opt(doc, in->title);

    /* the body, as valid UTF-8 */
    char *body;
    size_t blen;
    if (invalid) {
        body = cl_arena_alloc(&doc->arena, in->text_len * 3 + 1);
        blen = cl_utf8_repair(in->text, in->text_len, body);
        cl_doc_warn(doc, cl_arena_printf(&doc->arena,
                                         "%zu invalid UTF-8 sequences replaced by U+FFFD", invalid));
    } else {
        body = cl_arena_strndup(&doc->arena, in->text, in->text_len);
        blen = in->text_len;
    }
    /* CRLF and CR line ends become LF (offsets then refer to the normalized text) */
    size_t o = 0;
    for (size_t i = 0; i < blen; i++) {
        if (body[i] == '\r') {
            body[o++] = '\n';
            if (i + 1 < blen && body[i + 1] == '\n')
                i++;
        } else {
            body[o++] = body[i];
        }
    }
    if (o != blen)
        cl_doc_warn(doc, "CR line ends normalized to LF");
    body[o] = '\0';
    blen = o;
    doc->input = body;
    doc->input_len = (uint32_t)blen;

    cl_textmeta meta;
    uint32_t body_offset = 0;
    if (cl_textmeta_parse(body, blen, &meta)) {
        body_offset = (uint32_t)meta.body_offset;
        doc->meta_date = cl_arena_strdup(&doc->arena, meta.date);
    }
    if (in->date && *in->date)
        doc->meta_date = cl_arena_strdup(&doc->arena, in->date);
    XXH128_hash_t h = XXH3_128bits(body + body_offset, blen - body_offset);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++) {
        doc->hash[i * 2] = hex[(h.high64 >> (60 - 8 * i)) & 15];
        doc->hash[i * 2 + 1] = hex[(h.high64 >> (56 - 8 * i)) & 15];
        doc->hash[16 + i * 2] = hex[(h.low64 >> (60 - 8 * i)) & 15];
        doc->hash[16 + i * 2 + 1] = hex[(h.low64 >> (56 - 8 * i)) & 15];
    }
    doc->hash[32] = '\0';

    run_stages(doc, body_offset);
    doc->arena.on_fail = NULL;
    return doc;
}
