/* query.c - the ledger's queries: claims, timelines with corroboration and conflicts, events.
 *
 * The SQL is the same for every store (placeholders and the case-insensitive LIKE follow the
 * store's dialect); result sets own their strings (one arena per result). Corroboration and
 * conflicts are computed here, over the rows, in near-linear time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/conflict.h"
#include "ledger/ledger_impl.h"
#include "time/calendar.h"
#include "util/arena.h"
#include "util/error.h"

struct cl_result {
    cl_arena arena;
    CL_VEC(cl_claim_row) rows;
    CL_VEC(cl_event_row) events;
    CL_VEC(cl_conflict) conflicts;
    CL_VEC(uint64_t) pairs; /* (a << 32 | b) row indexes of each conflict */
    CL_VEC(cl_conflict_group) groups;
    CL_VEC(cl_document_row) docs;
    uint32_t *kind;     /* per row: its claim kind (see number_kinds), for the conflict pass */
    uint32_t *place_no; /* per row in a conflict: its place's number in the sweep */
    const char **interned; /* open addressing, power-of-two size; NULL = empty */
    uint32_t n_interned, intern_cap;
};

/* ---------------------------------------------------------------- queries */

void cl_query_init(cl_query *q)
{
    memset(q, 0, sizeof *q);
}

size_t cl_result_count(const cl_result *r) { return r ? r->rows.n : 0; }
const cl_claim_row *cl_result_claim(const cl_result *r, size_t i) { return &r->rows.v[i]; }
size_t cl_result_conflict_count(const cl_result *r) { return r ? r->conflicts.n : 0; }
size_t cl_result_event_count(const cl_result *r) { return r ? r->events.n : 0; }
const cl_event_row *cl_result_event(const cl_result *r, size_t i) { return &r->events.v[i]; }
const cl_conflict *cl_result_conflict(const cl_result *r, size_t i) { return &r->conflicts.v[i]; }
size_t cl_result_conflict_group_count(const cl_result *r) { return r ? r->groups.n : 0; }
size_t cl_result_document_count(const cl_result *r) { return r ? r->docs.n : 0; }
const cl_document_row *cl_result_document(const cl_result *r, size_t i) { return &r->docs.v[i]; }
const cl_conflict_group *cl_result_conflict_group(const cl_result *r, size_t i)
{
    return &r->groups.v[i];
}

void cl_result_free(cl_result *r)
{
    if (!r)
        return;
    cl_arena_release(&r->arena);
    free(r->interned);
    free(r);
}

/* A query's SQL with its parameters, numbered in the order they appear (PostgreSQL wants
 * every numbered parameter used). */
typedef struct sql_text {
    char sql[2048];
    size_t len;
    const char *params[12];
    int n;
    int dollar;
} sql_text;

static void sql_add(sql_text *q, const char *s)
{
    size_t n = strlen(s);
    if (q->len + n < sizeof q->sql) {
        memcpy(q->sql + q->len, s, n + 1);
        q->len += n;
    }
}

/* Appends a placeholder for the text value v. */
static void sql_param(sql_text *q, const char *v)
{
    char ph[16];
    q->params[q->n++] = v;
    snprintf(ph, sizeof ph, q->dollar ? "$%d::text" : "?%d", q->n);
    sql_add(q, ph);
}

static void sql_init(sql_text *q, const cl_ledger *lg, const char *select)
{
    memset(q, 0, sizeof *q);
    q->dollar = lg->ops->dollar_params;
    sql_add(q, select);
}

static const char *col_text(cl_result *r, const char *s)
{
    return s ? cl_arena_strdup(&r->arena, s) : NULL;
}

static uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The result's one copy of a column value that repeats from row to row (side, stance,
 * place, outlet, dates ...): rows share it, so a place's 20k claims hold a few hundred
 * strings instead of 300k, and equal values compare equal by pointer (cmp_str, eqs). Falls
 * back to a plain copy when the table cannot grow. */
static const char *col_shared(cl_result *r, const char *s)
{
    if (!s)
        return NULL;
    if (r->n_interned * 2 >= r->intern_cap) {
        uint32_t cap = r->intern_cap ? r->intern_cap * 2 : 256;
        const char **t = calloc(cap, sizeof *t);
        if (!t)
            return col_text(r, s);
        for (uint32_t i = 0; i < r->intern_cap; i++) {
            if (!r->interned[i])
                continue;
            uint32_t k = (uint32_t)text_hash(r->interned[i]) & (cap - 1);
            while (t[k])
                k = (k + 1) & (cap - 1);
            t[k] = r->interned[i];
        }
        free(r->interned);
        r->interned = t;
        r->intern_cap = cap;
    }
    uint32_t k = (uint32_t)text_hash(s) & (r->intern_cap - 1);
    for (; r->interned[k]; k = (k + 1) & (r->intern_cap - 1))
        if (strcmp(r->interned[k], s) == 0)
            return r->interned[k];
    const char *copy = col_text(r, s);
    if (copy) {
        r->interned[k] = copy;
        r->n_interned++;
    }
    return copy;
}

static int64_t col_int(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

static cl_result *new_result(cl_error *err)
{
    cl_result *r = calloc(1, sizeof *r);
    if (!r) {
        cl_error_set(err, CL_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    cl_arena_init(&r->arena, 0);
    return r;
}

/* Appends the limit (0 = none) and runs the query into a new result set, row by row. */
static cl_result *run_query(cl_ledger *lg, sql_text *s, int limit, ledger_row_fn fn,
                            cl_error *err)
{
    if (limit > 0) {
        char lim[32];
        snprintf(lim, sizeof lim, " LIMIT %d", limit);
        sql_add(s, lim);
    }
    cl_result *r = new_result(err);
    if (!r)
        return NULL;
    if (lg->ops->query(lg->st, s->sql, s->params, s->n, fn, r, err) != CL_OK) {
        cl_result_free(r);
        return NULL;
    }
    return r;
}

static double col_double(const char *s)
{
    return s ? strtod(s, NULL) : NAN;
}

static void claim_row(void *user, const char *const *c, int ncols)
{
    cl_result *r = user;
    if (ncols < 20)
        return;
    cl_claim_row *row = &CL_VEC_PUSH(&r->arena, r->rows);
    memset(row, 0, sizeof *row);
    row->rowid = col_int(c[0]);
    row->doc_id = col_text(r, c[1]);
    row->outlet = col_shared(r, c[2]);
    row->source = col_shared(r, c[3]);
    row->claimant = col_shared(r, c[4]);
    row->actor = col_shared(r, c[5]);
    row->side = col_shared(r, c[6]);
    row->stance = col_shared(r, c[7]);
    row->predicate = col_shared(r, c[8]);
    row->place = col_shared(r, c[9]);
    row->country = col_shared(r, c[10]);
    row->holder = col_shared(r, c[11]);
    row->when_lo = col_shared(r, c[12]);
    row->when_hi = col_shared(r, c[13]);
    row->said_lo = col_shared(r, c[14]);
    row->said_hi = col_shared(r, c[15]);
    row->evidence = col_text(r, c[16]);
    row->sentence = col_int(c[17]);
    row->line = col_int(c[18]);
    row->copy_of = col_shared(r, c[19]);
    row->lat = ncols > 21 ? col_double(c[20]) : NAN;
    row->lon = ncols > 21 ? col_double(c[21]) : NAN;
}

static cl_result *select_claims(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    sql_text s;
    char key[256], from[16]; /* parameters: they must live until the query runs */
    sql_init(&s, lg,
             "SELECT c.id, c.doc_id, c.outlet, c.source, claimant, actor, side, stance, predicate,"
             " place, country, holder, when_lo, when_hi, said_lo, said_hi, evidence, sentence, line,"
             " CASE WHEN c.copy_of IS NOT NULL THEN"
             " (SELECT o.id FROM documents o WHERE o.hash = c.copy_of) END, lat, lon"
             " FROM claims c WHERE 1=1");
    if (q->place) {
        ledger_place_key(q->place, key);
        sql_add(&s, " AND place_key = "), sql_param(&s, key);
    }
    if (q->no_copies)
        sql_add(&s, " AND c.copy_of IS NULL");
    if (q->side)
        sql_add(&s, " AND upper(side) = upper("), sql_param(&s, q->side), sql_add(&s, ")");
    if (q->actor) {
        sql_add(&s, " AND (upper(actor) = upper("), sql_param(&s, q->actor);
        sql_add(&s, ") OR claimant "), sql_add(&s, lg->ops->ilike), sql_add(&s, " '%' || ");
        sql_param(&s, q->actor), sql_add(&s, " || '%')");
    }
    if (q->predicate)
        sql_add(&s, " AND predicate = "), sql_param(&s, q->predicate);
    if (q->since) {
        sql_add(&s, " AND coalesce(when_hi, said_hi) >= "), sql_param(&s, q->since);
        /* no claim starting more than the ledger's longest interval before --since can
         * reach it: the place index is read from there on, not from its first claim */
        int32_t day;
        int64_t span = ledger_read_span(lg);
        if (span >= 0 && strlen(q->since) == 10 && cl_parse_day(q->since, &day)) {
            cl_format_day((int32_t)(day - span), from);
            sql_add(&s, " AND (coalesce(when_lo, said_lo) IS NULL) = false");
            sql_add(&s, " AND coalesce(when_lo, said_lo) >= "), sql_param(&s, from);
        }
    }
    if (q->until) {
        /* undated claims fail the test below anyway; saying so lets the place index read
         * the dated claims up to the date instead of every claim of the place */
        sql_add(&s, " AND (coalesce(when_lo, said_lo) IS NULL) = false");
        sql_add(&s, " AND coalesce(when_lo, said_lo) <= "), sql_param(&s, q->until);
    }
    /* the order of the claims_place_time index (store_*.c): keep the two in step */
    sql_add(&s, " ORDER BY coalesce(when_lo, said_lo) IS NULL, coalesce(when_lo, said_lo),"
                " side, c.doc_id, sentence, c.id");
    return run_query(lg, &s, q->limit, claim_row, err);
}

cl_result *cl_ledger_claims(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    return select_claims(lg, q, err);
}

static int eqs(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int cmp_str(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a ? a : "", b ? b : "");
}

/* Orders claims by what they say: side, stance, predicate, holder. */
static int cmp_said(const cl_claim_row *a, const cl_claim_row *b)
{
    int c;
    if ((c = cmp_str(a->side, b->side)) || (c = cmp_str(a->stance, b->stance)) ||
        (c = cmp_str(a->predicate, b->predicate)))
        return c;
    return cmp_str(a->holder, b->holder);
}

static int cmp_said_at(const void *x, const void *y, void *rows_)
{
    const cl_claim_row *rows = rows_;
    return cmp_said(&rows[*(const uint32_t *)x], &rows[*(const uint32_t *)y]);
}

/* Numbers the rows' claim kinds: rows that say the same thing (side, stance, predicate,
 * holder) get the same number, so that whether two kinds contradict is decided once per
 * pair of kinds and conflicts group by comparing numbers. Returns the number of kinds. */
static uint32_t number_kinds(cl_result *r)
{
    uint32_t n = r->rows.n, kinds = 0;
    r->kind = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (n + 1));
    r->place_no = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (n + 1));
    uint32_t *idx = malloc(sizeof(uint32_t) * (n + 1));
    if (!idx) {
        for (uint32_t i = 0; i < n; i++)
            r->kind[i] = i; /* every row its own kind: correct, only slower */
        return n;
    }
    for (uint32_t i = 0; i < n; i++)
        idx[i] = i;
    qsort_r(idx, n, sizeof *idx, cmp_said_at, r->rows.v);
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 && cmp_said(&r->rows.v[idx[i]], &r->rows.v[idx[i - 1]]) != 0)
            kinds++;
        r->kind[idx[i]] = kinds;
    }
    free(idx);
    return n ? kinds + 1 : 0;
}

/* Whether two kinds of claim contradict, decided once per pair of kinds (both claims
 * about the same place, which every caller ensures). Without room for the table every
 * pair is decided on its own. */
typedef struct kind_memo {
    uint32_t kinds;
    uint8_t *code;           /* kinds x kinds: 0 not decided, 1 no, 2 + i reasons[i] */
    const char *reasons[64];
    uint32_t n_reasons;
} kind_memo;

static const char *contradiction(const cl_result *r, kind_memo *m, uint32_t i, uint32_t j)
{
    const cl_claim_row *a = &r->rows.v[i], *b = &r->rows.v[j];
    if (!m->code)
        return cl_claims_contradict(a, b);
    uint8_t *code = &m->code[(size_t)r->kind[i] * m->kinds + r->kind[j]];
    if (*code == 1)
        return NULL;
    if (*code > 1)
        return m->reasons[*code - 2];
    const char *why = cl_claims_contradict(a, b);
    if (!why) {
        *code = 1;
        return NULL;
    }
    uint32_t k = 0;
    while (k < m->n_reasons && m->reasons[k] != why)
        k++;
    if (k == m->n_reasons && m->n_reasons < sizeof m->reasons / sizeof *m->reasons)
        m->reasons[m->n_reasons++] = why;
    if (k < m->n_reasons)
        *code = (uint8_t)(2 + k);
    return why;
}

/* Per-row facts computed once for the conflict sweep. */
typedef struct conflict_key {
    uint32_t row;
    int dated;        /* when (or said) is known */
    int32_t lo, hi;   /* days */
} conflict_key;

typedef struct sweep_ctx {
    const cl_claim_row *rows;
    const conflict_key *keys;
} sweep_ctx;

/* Orders by document, then row (the per-document pass for undated claims). */
static int cmp_doc(const void *x, const void *y, void *ctx_)
{
    const sweep_ctx *ctx = ctx_;
    const conflict_key *a = &ctx->keys[*(const uint32_t *)x], *b = &ctx->keys[*(const uint32_t *)y];
    int c = cmp_str(ctx->rows[a->row].doc_id, ctx->rows[b->row].doc_id);
    if (c)
        return c;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Records the pair when the two rows conflict. Dated rows are compared in time by their
 * parsed days (the sweep has them); undated ones by the full rule. */
static void check_pair(cl_result *r, kind_memo *memo, const conflict_key *kx,
                       const conflict_key *ky, int window)
{
    uint32_t i = kx->row, j = ky->row;
    const char *why;
    if (kx->dated && ky->dated)
        why = kx->lo <= ky->hi + window && ky->lo <= kx->hi + window
                  ? contradiction(r, memo, i, j)
                  : NULL;
    else
        why = cl_claims_conflict(&r->rows.v[i], &r->rows.v[j], window);
    if (!why)
        return;
    r->rows.v[i].conflicted = r->rows.v[j].conflicted = 1;
    cl_conflict *c = &CL_VEC_PUSH(&r->arena, r->conflicts);
    c->a = NULL;
    c->b = NULL;
    c->reason = why;
    uint32_t lo = i < j ? i : j, hi = i < j ? j : i;
    CL_VEC_PUSH(&r->arena, r->pairs) = ((uint64_t)lo << 32) | hi;
}

/* Orders by place, then dated before undated, then start day. */
static int cmp_sweep(const void *x, const void *y, void *ctx_)
{
    const sweep_ctx *ctx = ctx_;
    const conflict_key *a = &ctx->keys[*(const uint32_t *)x], *b = &ctx->keys[*(const uint32_t *)y];
    int c = cmp_str(ctx->rows[a->row].place, ctx->rows[b->row].place);
    if (c)
        return c;
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->dated && a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

static int party_row(const cl_claim_row *c)
{
    return c->side && *c->side && strcmp(c->side, "MEDIA") != 0 && !eqs(c->stance, "hedge") &&
           c->place && !c->copy_of;
}

/* Pairs of conflicting rows. Within each place, dated claims are swept in order of their
 * start day and compared only with claims starting within the window of their end, so the
 * work is near-linear for a place reported every day; undated claims conflict only within
 * their own document. At most max_pairs conflicts are listed (every conflicting row is
 * still marked up to that point). */
static void find_conflicts(cl_result *r, int window)
{
    const uint32_t max_pairs = 200000;
    if (window <= 0)
        window = CL_CONFLICT_WINDOW_DAYS;
    uint32_t n = r->rows.n, m = 0;
    conflict_key *keys = cl_arena_alloc(&r->arena, sizeof *keys * (n + 1));
    uint32_t *idx = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        const cl_claim_row *c = &r->rows.v[i];
        if (!party_row(c))
            continue; /* no conflict without two parties; a copy defers to its original */
        conflict_key *k = &keys[m];
        k->row = i;
        const char *lo = c->when_lo ? c->when_lo : c->said_lo;
        const char *hi = c->when_hi ? c->when_hi : c->said_hi;
        k->dated = lo && hi && cl_parse_day(lo, &k->lo) && cl_parse_day(hi, &k->hi);
        idx[m] = m;
        m++;
    }
    sweep_ctx ctx = {r->rows.v, keys};
    qsort_r(idx, m, sizeof *idx, cmp_sweep, &ctx);
    kind_memo memo = {0};
    memo.kinds = number_kinds(r);
    if (memo.kinds && memo.kinds <= 2048)
        memo.code = calloc((size_t)memo.kinds * memo.kinds, 1);
    for (uint32_t g = 0, place_no = 0; g < m && r->pairs.n < max_pairs; place_no++) {
        uint32_t e = g + 1;
        while (e < m && eqs(r->rows.v[keys[idx[e]].row].place, r->rows.v[keys[idx[g]].row].place))
            e++;
        for (uint32_t x = g; x < e; x++)
            r->place_no[keys[idx[x]].row] = place_no;
        for (uint32_t x = g; x < e && r->pairs.n < max_pairs; x++) {
            const conflict_key *kx = &keys[idx[x]];
            for (uint32_t y = x + 1; y < e && r->pairs.n < max_pairs; y++) {
                const conflict_key *ky = &keys[idx[y]];
                if (kx->dated && ky->dated && ky->lo > kx->hi + window)
                    break; /* sorted by start: nothing later is close enough */
                if (!kx->dated || !ky->dated)
                    continue; /* undated: the per-document pass below */
                check_pair(r, &memo, kx, ky, window);
            }
        }
        /* undated claims conflict only within their own document: pair them there */
        int any_undated = !keys[idx[e - 1]].dated;
        if (any_undated) {
            uint32_t *byd = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (e - g));
            memcpy(byd, idx + g, sizeof(uint32_t) * (e - g));
            qsort_r(byd, e - g, sizeof *byd, cmp_doc, &ctx);
            for (uint32_t d = 0; d < e - g && r->pairs.n < max_pairs;) {
                uint32_t de = d + 1;
                while (de < e - g && eqs(r->rows.v[keys[byd[de]].row].doc_id,
                                         r->rows.v[keys[byd[d]].row].doc_id))
                    de++;
                for (uint32_t x = d; x < de; x++)
                    for (uint32_t y = x + 1; y < de && r->pairs.n < max_pairs; y++)
                        if (!keys[byd[x]].dated || !keys[byd[y]].dated)
                            check_pair(r, &memo, &keys[byd[x]], &keys[byd[y]], window);
                d = de;
            }
        }
        g = e;
    }
    free(memo.code);
    for (uint32_t k = 0; k < r->conflicts.n; k++) {
        r->conflicts.v[k].a = &r->rows.v[r->pairs.v[k] >> 32];
        r->conflicts.v[k].b = &r->rows.v[r->pairs.v[k] & 0xFFFFFFFFu];
    }
}

/* ---------------------------------------------------------------- conflict groups */

/* Conflict groups under construction: an open-addressing table from (place, kind a,
 * kind b) to the group's number (the reason is a function of the two kinds); the keys are
 * kept 3 per group (place_no, kind_a, kind_b) beside it. */
typedef struct group_table {
    uint32_t *slot; /* group number + 1; 0 empty */
    uint32_t cap;
} group_table;

static uint32_t group_hash(uint32_t place, uint32_t ka, uint32_t kb)
{
    uint64_t h = ((uint64_t)place * 0x9E3779B97F4A7C15ull) ^
                 ((uint64_t)ka * 0xC2B2AE3D27D4EB4Full) ^ ((uint64_t)kb * 0x165667B19E3779F9ull);
    return (uint32_t)(h ^ (h >> 29));
}

/* Widens [first, last] by the claim's days (when it holds, else when it was said). */
static void widen_days(const cl_claim_row *c, const char **first, const char **last)
{
    const char *lo = c->when_lo ? c->when_lo : c->said_lo;
    const char *hi = c->when_hi ? c->when_hi : c->said_hi;
    if (!lo || !hi)
        return;
    if (!*first || strcmp(lo, *first) < 0)
        *first = lo;
    if (!*last || strcmp(hi, *last) > 0)
        *last = hi;
}

static int cmp_group(const void *x, const void *y)
{
    const cl_conflict_group *p = x, *q = y;
    int c = cmp_str(p->a->place, q->a->place);
    if (c)
        return c;
    if (!p->first != !q->first)
        return p->first ? -1 : 1; /* dated groups first */
    if (p->first && (c = strcmp(p->first, q->first)))
        return c;
    if ((c = strcmp(p->reason, q->reason)))
        return c;
    if ((c = cmp_said(p->a, q->a)) || (c = cmp_said(p->b, q->b)))
        return c;
    return p->a < q->a ? -1 : p->a > q->a;
}

/* Groups the result's conflicts (cl_conflict_group) in linear time: find_conflicts
 * numbered the kinds and places, a table gives each conflict its group, a counting sort
 * lists each group's conflicts in the sweep's order (the first is the example). */
static void group_conflicts(cl_result *r)
{
    size_t n = r->conflicts.n;
    if (n == 0)
        return;
    uint32_t *gid = malloc(sizeof *gid * n);
    uint32_t *rows = malloc(sizeof *rows * 2 * n); /* per conflict: row a, row b */
    uint32_t *keys = malloc(sizeof *keys * 3 * n);
    uint32_t *seen = calloc(r->rows.n + 1, sizeof *seen); /* per row: last group + 1 */
    group_table t = {calloc(256, sizeof(uint32_t)), 256};
    uint32_t *start = NULL, *order = NULL;
    uint32_t groups = 0;
    if (!gid || !rows || !keys || !seen || !t.slot)
        goto done; /* the pairs are still there; only the summary is missing */
    for (size_t k = 0; k < n; k++) {
        uint32_t i = (uint32_t)(r->pairs.v[k] >> 32), j = (uint32_t)(r->pairs.v[k] & 0xFFFFFFFFu);
        if (r->kind[i] > r->kind[j]) {
            uint32_t tmp = i;
            i = j;
            j = tmp;
        }
        rows[2 * k] = i;
        rows[2 * k + 1] = j;
        uint32_t place = r->place_no[i], ka = r->kind[i], kb = r->kind[j];
        if (2 * (groups + 1) > t.cap) { /* grow: keep the table at most half full */
            uint32_t cap = t.cap * 2, *slot = calloc(cap, sizeof *slot);
            if (!slot)
                goto done;
            for (uint32_t g = 0; g < groups; g++) {
                uint32_t h = group_hash(keys[3 * g], keys[3 * g + 1], keys[3 * g + 2]) & (cap - 1);
                while (slot[h])
                    h = (h + 1) & (cap - 1);
                slot[h] = g + 1;
            }
            free(t.slot);
            t.slot = slot;
            t.cap = cap;
        }
        uint32_t h = group_hash(place, ka, kb) & (t.cap - 1);
        while (t.slot[h]) {
            const uint32_t *key = &keys[3 * (t.slot[h] - 1)];
            if (key[0] == place && key[1] == ka && key[2] == kb)
                break;
            h = (h + 1) & (t.cap - 1);
        }
        if (!t.slot[h]) {
            keys[3 * groups] = place;
            keys[3 * groups + 1] = ka;
            keys[3 * groups + 2] = kb;
            t.slot[h] = ++groups;
        }
        gid[k] = t.slot[h] - 1;
    }
    start = calloc(groups + 1, sizeof *start);
    order = malloc(sizeof *order * n);
    if (!start || !order)
        goto done;
    for (size_t k = 0; k < n; k++)
        start[gid[k] + 1]++;
    for (uint32_t g = 0; g < groups; g++)
        start[g + 1] += start[g];
    for (size_t k = 0; k < n; k++)
        order[start[gid[k]]++] = (uint32_t)k; /* start[g] ends at group g's end */
    for (uint32_t g = 0, from = 0; g < groups; g++) {
        uint32_t to = start[g];
        uint32_t first = order[from];
        cl_conflict_group *grp = &CL_VEC_PUSH(&r->arena, r->groups);
        memset(grp, 0, sizeof *grp);
        grp->reason = r->conflicts.v[first].reason;
        grp->a = &r->rows.v[rows[2 * first]];
        grp->b = &r->rows.v[rows[2 * first + 1]];
        grp->pairs = to - from;
        /* a row is on one side of a group only: its kind decides which */
        for (uint32_t x = from; x < to; x++) {
            for (int side = 0; side < 2; side++) {
                uint32_t row = rows[2 * order[x] + side];
                if (seen[row] == g + 1)
                    continue;
                seen[row] = g + 1;
                if (side == 0)
                    grp->claims_a++;
                else
                    grp->claims_b++;
                widen_days(&r->rows.v[row], &grp->first, &grp->last);
            }
        }
        from = to;
    }
    qsort(r->groups.v, r->groups.n, sizeof *r->groups.v, cmp_group);
done:
    free(gid);
    free(rows);
    free(keys);
    free(seen);
    free(t.slot);
    free(start);
    free(order);
}

/* Orders rows by claim (side, stance, predicate, place, holder), then outlet. */
static int cmp_claim(const void *x, const void *y, void *rows_)
{
    const cl_claim_row *rows = rows_;
    const cl_claim_row *a = &rows[*(const uint32_t *)x], *b = &rows[*(const uint32_t *)y];
    int c;
    if ((c = cmp_str(a->side, b->side)) || (c = cmp_str(a->stance, b->stance)) ||
        (c = cmp_str(a->predicate, b->predicate)) || (c = cmp_str(a->place, b->place)) ||
        (c = cmp_str(a->holder, b->holder)))
        return c;
    return cmp_str(a->outlet ? a->outlet : a->doc_id, b->outlet ? b->outlet : b->doc_id);
}

static int same_claim(const cl_claim_row *a, const cl_claim_row *b)
{
    return eqs(a->side, b->side) && eqs(a->stance, b->stance) && eqs(a->predicate, b->predicate) &&
           eqs(a->place, b->place) && eqs(a->holder, b->holder);
}

/* Distinct outlets carrying the same claim (side, stance, predicate, place, holder); a
 * syndicated copy is not independent corroboration. Sorting makes it O(n log n). */
static void corroborate(cl_result *r)
{
    uint32_t n = r->rows.n;
    uint32_t *idx = cl_arena_alloc(&r->arena, sizeof(uint32_t) * (n + 1));
    for (uint32_t i = 0; i < n; i++)
        idx[i] = i;
    qsort_r(idx, n, sizeof *idx, cmp_claim, r->rows.v);
    for (uint32_t g = 0; g < n;) {
        uint32_t e = g + 1;
        while (e < n && same_claim(&r->rows.v[idx[e]], &r->rows.v[idx[g]]))
            e++;
        int outlets = 0;
        const char *last = NULL;
        int have_last = 0;
        for (uint32_t k = g; k < e; k++) {
            const cl_claim_row *c = &r->rows.v[idx[k]];
            if (c->copy_of)
                continue;
            const char *o = c->outlet ? c->outlet : c->doc_id;
            if (!have_last || !eqs(o, last))
                outlets++;
            last = o;
            have_last = 1;
        }
        for (uint32_t k = g; k < e; k++)
            r->rows.v[idx[k]].corroboration = outlets;
        g = e;
    }
}

cl_result *cl_ledger_timeline(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    cl_result *r = select_claims(lg, q, err);
    if (!r)
        return NULL;
    corroborate(r);
    find_conflicts(r, q->window_days);
    group_conflicts(r);
    return r;
}

cl_result *cl_ledger_conflicts(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    cl_query byplace = *q;
    byplace.limit = 0;
    cl_result *r = select_claims(lg, &byplace, err);
    if (!r)
        return NULL;
    find_conflicts(r, q->window_days);
    group_conflicts(r);
    return r;
}

static void event_row(void *user, const char *const *c, int ncols)
{
    cl_result *r = user;
    if (ncols < 17)
        return;
    cl_event_row *e = &CL_VEC_PUSH(&r->arena, r->events);
    memset(e, 0, sizeof *e);
    e->rowid = col_int(c[0]);
    e->doc_id = col_text(r, c[1]);
    e->outlet = col_text(r, c[2]);
    e->url = col_text(r, c[3]);
    e->copy_of = col_text(r, c[4]);
    e->cameo = col_text(r, c[5]);
    e->label = col_text(r, c[6]);
    e->source = col_text(r, c[7]);
    e->target = col_text(r, c[8]);
    e->place = col_text(r, c[9]);
    e->country = col_text(r, c[10]);
    e->lat = col_double(c[11]);
    e->lon = col_double(c[12]);
    e->date_lo = col_text(r, c[13]);
    e->date_hi = col_text(r, c[14]);
    e->evidence = col_text(r, c[15]);
    e->sentence = col_int(c[16]);
}

cl_result *cl_ledger_events(cl_ledger *lg, const cl_query *q, cl_error *err)
{
    cl_error_clear(err);
    sql_text s;
    char key[256];
    sql_init(&s, lg,
             "SELECT e.id, e.doc_id, d.outlet, d.url, (SELECT o.id FROM documents o WHERE o.hash = d.copy_of),"
             " cameo, label, e.source, target, place, country, lat, lon, date_lo, date_hi, evidence,"
             " sentence FROM events e JOIN documents d ON d.hash = e.doc_hash WHERE 1=1");
    if (q->place) {
        ledger_place_key(q->place, key);
        sql_add(&s, " AND place_key = "), sql_param(&s, key);
    }
    if (q->side) {
        sql_add(&s, " AND (upper(e.source) = upper("), sql_param(&s, q->side);
        sql_add(&s, ") OR upper(target) = upper("), sql_param(&s, q->side), sql_add(&s, "))");
    }
    if (q->predicate)
        sql_add(&s, " AND cameo LIKE "), sql_param(&s, q->predicate), sql_add(&s, " || '%'");
    if (q->since)
        sql_add(&s, " AND date_hi >= "), sql_param(&s, q->since);
    if (q->until)
        sql_add(&s, " AND date_lo <= "), sql_param(&s, q->until);
    if (q->no_copies)
        sql_add(&s, " AND d.copy_of IS NULL");
    /* the order of the events_place_time index (store_*.c) */
    sql_add(&s, " ORDER BY date_lo IS NULL, date_lo, e.doc_id, sentence, e.id");
    return run_query(lg, &s, q->limit, event_row, err);
}

static void document_row(void *user, const char *const *c, int ncols)
{
    cl_result *r = user;
    if (ncols < 11)
        return;
    cl_document_row *d = &CL_VEC_PUSH(&r->arena, r->docs);
    d->id = col_text(r, c[0]);
    d->source = col_text(r, c[1]);
    d->url = col_text(r, c[2]);
    d->outlet = col_text(r, c[3]);
    d->title = col_text(r, c[4]);
    d->date = col_text(r, c[5]);
    d->date_basis = col_text(r, c[6]);
    d->text = col_text(r, c[7]);
    d->evidence = col_text(r, c[8]);
    d->sentence = col_int(c[9]);
    d->line = col_int(c[10]);
}

cl_result *cl_ledger_claim_document(cl_ledger *lg, int64_t claim_id, cl_error *err)
{
    cl_error_clear(err);
    sql_text s;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)claim_id);
    sql_init(&s, lg,
             "SELECT d.id, d.source, d.url, d.outlet, d.title, d.date, d.date_basis, d.text,"
             " c.evidence, c.sentence, c.line"
             " FROM claims c JOIN documents d ON d.hash = c.doc_hash WHERE c.id = CAST(");
    sql_param(&s, id);
    sql_add(&s, " AS BIGINT)");
    return run_query(lg, &s, 1, document_row, err);
}

static void totals_row(void *user, const char *const *c, int ncols)
{
    cl_totals *t = user;
    if (ncols >= 5) {
        t->documents = col_int(c[0]);
        t->claims = col_int(c[1]);
        t->claims_of_documents = col_int(c[2]);
        t->events = col_int(c[3]);
        t->copies = col_int(c[4]);
    }
}

cl_status cl_ledger_totals(cl_ledger *lg, cl_totals *t, cl_error *err)
{
    memset(t, 0, sizeof *t);
    /* one statement: one snapshot in both stores */
    return lg->ops->query(lg->st,
                          "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims),"
                          " (SELECT coalesce(sum(claims), 0) FROM documents),"
                          " (SELECT count(*) FROM events),"
                          " (SELECT count(*) FROM documents WHERE copy_of IS NOT NULL)",
                          NULL, 0, totals_row, t, err);
}

cl_status cl_ledger_counts(cl_ledger *lg, int64_t *docs, int64_t *claims, cl_error *err)
{
    cl_totals t;
    cl_status s = cl_ledger_totals(lg, &t, err);
    *docs = t.documents;
    *claims = t.claims;
    return s;
}
