/* conflict.c - see conflict.h. */
#include "ledger/conflict.h"

#include <string.h>

#include "time/calendar.h"

static int eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static int party(const cl_claim_row *c)
{
    return c->side && *c->side && strcmp(c->side, "MEDIA") != 0 && !eq(c->stance, "hedge");
}

/* The claim's time: when it holds, else when it was said. */
static int claim_time(const cl_claim_row *c, int32_t *lo, int32_t *hi)
{
    const char *a = c->when_lo ? c->when_lo : c->said_lo;
    const char *b = c->when_hi ? c->when_hi : c->said_hi;
    return a && b && cl_parse_day(a, lo) && cl_parse_day(b, hi);
}

static int close_in_time(const cl_claim_row *a, const cl_claim_row *b, int window)
{
    int32_t alo, ahi, blo, bhi;
    int ka = claim_time(a, &alo, &ahi), kb = claim_time(b, &blo, &bhi);
    if (!ka || !kb)
        return a->doc_id && b->doc_id && strcmp(a->doc_id, b->doc_id) == 0 &&
               eq(a->source, b->source);
    return alo <= bhi + window && blo <= ahi + window;
}

static int assert_deny(const cl_claim_row *a, const cl_claim_row *b)
{
    return eq(a->stance, "assert") && eq(b->stance, "deny");
}

const char *cl_claims_conflict(const cl_claim_row *a, const cl_claim_row *b, int window)
{
    if (window <= 0)
        window = CL_CONFLICT_WINDOW_DAYS;
    const char *why = cl_claims_contradict(a, b);
    return why && close_in_time(a, b, window) ? why : NULL;
}

const char *cl_claims_contradict(const cl_claim_row *a, const cl_claim_row *b)
{
    if (!party(a) || !party(b) || eq(a->side, b->side) || !a->place || !b->place)
        return NULL;
    if (strcmp(a->place, b->place) != 0)
        return NULL;
    const char *pa = a->predicate, *pb = b->predicate;
    /* asserted vs denied */
    if (eq(pa, pb) && ((a->holder == NULL && b->holder == NULL) || eq(a->holder, b->holder))) {
        if (assert_deny(a, b) || assert_deny(b, a))
            return strcmp(pa, "control") == 0   ? "control asserted vs denied"
                   : strcmp(pa, "retreat") == 0 ? "retreat asserted vs denied"
                   : strcmp(pa, "fighting") == 0 ? "fighting asserted vs denied"
                   : strcmp(pa, "advance") == 0 ? "advance asserted vs denied"
                                                : "repel asserted vs denied";
    }
    if (!eq(a->stance, "assert") || !eq(b->stance, "assert"))
        return NULL;
    for (int swap = 0; swap < 2; swap++) {
        const cl_claim_row *x = swap ? b : a, *y = swap ? a : b;
        const char *px = x->predicate, *py = y->predicate;
        if (eq(px, "control") && eq(py, "control") && x->holder && y->holder &&
            !eq(x->holder, y->holder))
            return "control claimed by both sides";
        if (eq(px, "control") && eq(py, "fighting") && !eq(x->holder, y->side))
            return "control asserted vs fighting reported";
        if (eq(px, "control") && eq(py, "retreat") && eq(x->holder, y->holder))
            return "control asserted vs retreat reported";
        if (eq(px, "advance") && eq(py, "repel") && x->holder && y->holder &&
            !eq(x->holder, y->holder))
            return "advance asserted vs repelled";
        if (eq(px, "retreat") && eq(py, "repel") && eq(x->holder, y->holder))
            return "retreat asserted vs attacks repelled";
    }
    return NULL;
}
