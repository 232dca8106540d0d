/* ledger.c - opening a ledger and loading records into it, in batches.
 *
 * Loading is idempotent, keyed by the document's content hash: a record whose hash is
 * already present changes nothing. Records given between cl_ledger_begin and
 * cl_ledger_commit are parsed and kept in memory, then written by the commit in one
 * transaction (one record alone is its own batch), so the database is locked only while a
 * batch is written, a reader never sees half a document, and a killed load leaves whole
 * batches only. A batch that loses a race with another writer (PostgreSQL deadlock or
 * serialization failure) is written again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/copies.h"
#include "ledger/ledger_impl.h"
#include "place/placekey.h"
#include "time/calendar.h"
#include "util/error.h"

enum { MAX_ATTEMPTS = 5 };

void ledger_place_key(const char *place, char key[256])
{
    key[0] = '\0';
    if (place)
        cl_place_key(place, strlen(place), key, 256);
}

static void span_row(void *user, const char *const *cols, int ncols)
{
    if (ncols >= 1 && cols[0])
        *(int64_t *)user = strtoll(cols[0], NULL, 10);
}

int64_t ledger_read_span(cl_ledger *lg)
{
    int64_t span = -1;
    cl_error err;
    if (lg->ops->query(lg->st, "SELECT value FROM meta WHERE key = 'claim_span_days'", NULL, 0,
                       span_row, &span, &err) != CL_OK)
        return -1;
    return span;
}

/* Days from the start to the end of a claim's interval (when, else said), or -1. */
static int64_t claim_span(const ledger_claim *c)
{
    const char *lo = c->when_lo ? c->when_lo : c->said_lo;
    const char *hi = c->when_hi ? c->when_hi : c->said_hi;
    int32_t a, b;
    if (!lo || !hi || !cl_parse_day(lo, &a) || !cl_parse_day(hi, &b) || b < a)
        return -1;
    return (int64_t)b - a;
}

/* Raises the ledger's longest claim interval to cover the new documents' claims, in the
 * batch's transaction. Only when it grows: most batches touch no shared row. */
static cl_status raise_span(cl_ledger *lg, const ledger_new_doc *docs, size_t n, int64_t *raised,
                            cl_error *err)
{
    *raised = -1;
    if (lg->span_days < 0)
        return CL_OK; /* a ledger older than the record: no bound kept */
    int64_t span = lg->span_days;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < docs[i].rec->n_claims; k++) {
            int64_t d = claim_span(&docs[i].rec->claims[k]);
            span = d > span ? d : span;
        }
    if (span <= lg->span_days)
        return CL_OK;
    char sql[192];
    /* RETURNING: both stores' query call expects rows back */
    snprintf(sql, sizeof sql,
             "UPDATE meta SET value = '%lld' WHERE key = 'claim_span_days'"
             " AND CAST(value AS INTEGER) < %lld RETURNING value",
             (long long)span, (long long)span);
    int64_t written = -1;
    cl_status s = lg->ops->query(lg->st, sql, NULL, 0, span_row, &written, err);
    if (s == CL_OK)
        *raised = span;
    return s;
}

static cl_ledger *open_ledger(const char *uri, int read_only, cl_error *err)
{
    cl_error_clear(err);
    if (!uri || !*uri) {
        cl_error_set(err, CL_EINVAL, NULL, 0, 0, "no ledger path");
        return NULL;
    }
    char shown[1024];
    cl_ledger_display_name(uri, shown, sizeof shown);
    cl_ledger *lg = calloc(1, sizeof *lg);
    if (!lg) {
        cl_error_set(err, CL_ENOMEM, shown, 0, 0, "out of memory");
        return NULL;
    }
    if (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0)
        lg->st = ledger_pg_open(uri, read_only, &lg->ops, err);
    else
        lg->st = ledger_sqlite_open(strncmp(uri, "sqlite:", 7) == 0 ? uri + 7 : uri, read_only,
                                    &lg->ops, err);
    if (!lg->st) {
        free(lg);
        return NULL;
    }
    cl_arena_init(&lg->batch_arena, 0);
    lg->span_days = ledger_read_span(lg);
    lg->copies = ledger_copies_new();
    if (!lg->copies) {
        cl_ledger_close(lg);
        cl_error_set(err, CL_ENOMEM, shown, 0, 0, "out of memory");
        return NULL;
    }
    return lg;
}

const char *cl_ledger_display_name(const char *uri, char *out, size_t cap)
{
    if (cap == 0)
        return out;
    size_t o = 0, n = strlen(uri);
    const char *scheme = strstr(uri, "://");
    const char *auth = scheme ? scheme + 3 : NULL;
    const char *at = auth ? memchr(auth, '@', strcspn(auth, "/?#")) : NULL;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    for (size_t i = 0; i < n && o + 1 < cap;) {
        const char *p = uri + i;
        const char *hidden = NULL; /* where the secret ends */
        if (colon && p == colon + 1) {
            hidden = at;
        } else if (scheme && i > 0 && (p[-1] == '?' || p[-1] == '&') && strncmp(p, "password=", 9) == 0) {
            for (size_t k = 0; k < 9 && o + 1 < cap; k++)
                out[o++] = p[k];
            p += 9;
            i += 9;
            hidden = p + strcspn(p, "&#");
        }
        if (hidden) {
            for (const char *m = "***"; *m && o + 1 < cap; m++)
                out[o++] = *m;
            i = (size_t)(hidden - uri);
            continue;
        }
        out[o++] = uri[i++];
    }
    out[o] = '\0';
    return out;
}

cl_ledger *cl_ledger_open(const char *uri, cl_error *err)
{
    return open_ledger(uri, 0, err);
}

cl_ledger *cl_ledger_open_readonly(const char *uri, cl_error *err)
{
    return open_ledger(uri, 1, err);
}

void cl_ledger_close(cl_ledger *lg)
{
    if (!lg)
        return;
    lg->ops->close(lg->st);
    ledger_copies_free(lg->copies);
    cl_arena_release(&lg->batch_arena);
    free(lg);
}

void cl_ledger_load_stats(const cl_ledger *lg, cl_load_stats *out)
{
    *out = lg->stats;
}

/* Orders positions in the batch by their record's hash, then by position. */
static int cmp_by_hash(const void *x, const void *y, void *recs_)
{
    ledger_record *const *recs = recs_;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int c = strcmp(recs[a]->hash, recs[b]->hash);
    return c ? c : (a < b ? -1 : a > b);
}

/* One attempt at writing the batch in one transaction; counts what it added. */
static cl_status write_once(cl_ledger *lg, ledger_record **recs, uint32_t n, cl_arena *scratch,
                            cl_load_stats *got, cl_error *err)
{
    memset(got, 0, sizeof *got);
    /* documents in hash order (the order rows are locked in), each hash once */
    uint32_t *order = cl_arena_alloc(scratch, sizeof *order * (n + 1));
    for (uint32_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, cmp_by_hash, recs);
    const ledger_record **unique = cl_arena_alloc(scratch, sizeof *unique * (n + 1));
    uint32_t *pos = cl_arena_alloc(scratch, sizeof *pos * (n + 1));
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (m && strcmp(unique[m - 1]->hash, recs[order[i]]->hash) == 0)
            continue; /* the same document twice in one batch: the first one counts */
        unique[m] = recs[order[i]];
        pos[m++] = order[i];
    }
    int *added = cl_arena_zalloc(scratch, sizeof *added * (m + 1));
    int64_t *seq = cl_arena_zalloc(scratch, sizeof *seq * (m + 1));
    int64_t raised = -1;
    cl_status s = lg->ops->begin(lg->st, err);
    if (s != CL_OK)
        return s;
    s = lg->ops->insert_documents(lg->st, unique, m, added, seq, err);
    if (s == CL_OK) {
        /* the new documents, back in input order */
        uint8_t *is_new = cl_arena_zalloc(scratch, n + 1);
        int64_t *new_seq = cl_arena_zalloc(scratch, sizeof *new_seq * (n + 1));
        for (uint32_t i = 0; i < m; i++) {
            is_new[pos[i]] = (uint8_t)added[i];
            new_seq[pos[i]] = seq[i];
        }
        ledger_new_doc *docs = cl_arena_zalloc(scratch, sizeof *docs * (m + 1));
        size_t k = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (!is_new[i])
                continue;
            docs[k].seq = new_seq[i];
            docs[k++].rec = recs[i];
            got->claims += recs[i]->n_claims;
        }
        got->added = k;
        got->present = n - k;
        s = ledger_find_copies(lg->copies, lg->ops, lg->st, docs, k, scratch, err);
        if (s == CL_OK)
            s = lg->ops->write_rows(lg->st, docs, k, err);
        if (s == CL_OK)
            s = raise_span(lg, docs, k, &raised, err);
    }
    if (s == CL_OK)
        s = lg->ops->commit(lg->st, err);
    if (s == CL_OK && raised > lg->span_days)
        lg->span_days = raised;
    else
        lg->ops->rollback(lg->st);
    if (s != CL_OK)
        ledger_copies_forget(lg->copies); /* it learnt documents that were not written */
    return s;
}

/* Writes the pending batch and forgets it, whatever the outcome. */
static cl_status write_batch(cl_ledger *lg, cl_error *err)
{
    cl_status s = CL_OK;
    uint32_t n = lg->batch.n;
    if (n) {
        for (int attempt = 1;; attempt++) {
            cl_arena scratch;
            cl_arena_init(&scratch, 0);
            cl_load_stats got;
            s = write_once(lg, lg->batch.v, n, &scratch, &got, err);
            cl_arena_release(&scratch);
            if (s == CL_OK) {
                lg->stats.added += got.added;
                lg->stats.present += got.present;
                lg->stats.claims += got.claims;
                break;
            }
            if (attempt == MAX_ATTEMPTS || !lg->ops->retryable(lg->st))
                break;
        }
    }
    cl_arena_release(&lg->batch_arena);
    cl_arena_init(&lg->batch_arena, 0);
    memset(&lg->batch, 0, sizeof lg->batch);
    return s;
}

cl_status cl_ledger_begin(cl_ledger *lg, cl_error *err)
{
    (void)err;
    lg->in_batch = 1;
    return CL_OK;
}

cl_status cl_ledger_commit(cl_ledger *lg, cl_error *err)
{
    cl_error_clear(err);
    if (!lg->in_batch)
        return CL_OK;
    lg->in_batch = 0;
    return write_batch(lg, err);
}

cl_status cl_ledger_add_json(cl_ledger *lg, const char *json, size_t len, int *added,
                             cl_error *err)
{
    int dummy;
    if (!added)
        added = &dummy;
    *added = 0;
    cl_error_clear(err);
    ledger_record *rec = cl_arena_zalloc(&lg->batch_arena, sizeof *rec);
    cl_status s = ledger_record_parse(json, len, &lg->batch_arena, rec, err);
    if (s != CL_OK)
        return s;
    if (!rec->hash || !rec->id)
        return cl_error_set(err, CL_EFORMAT, NULL, 0, 0, "record has no hash or id");
    CL_VEC_PUSH(&lg->batch_arena, lg->batch) = rec;
    if (lg->in_batch) {
        *added = -1; /* known at commit: cl_ledger_load_stats */
        return CL_OK;
    }
    uint64_t before = lg->stats.added;
    s = write_batch(lg, err);
    *added = lg->stats.added > before;
    return s;
}

