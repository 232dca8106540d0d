/* timex.c - TIMEX3 recognition and normalization; see timex.h.
 *
 * Recognition and resolution are separate: a matcher turns a token run into a `tx`
 * (what the words say: "last" + "week", weekday 5 + part EV, month 5 + mod MID), then
 * resolve() anchors it to the document date or the previous expression and writes the
 * TIMEX3 value and the day interval. */
#include "time/timex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/table.h"
#include "context.h"
#include "doc.h"
#include "util/error.h"
#include "util/text.h"

/* ---------------------------------------------------------------- tables */

static int cat_from_name(const char *s)
{
    static const char *const names[] = {NULL,      "month",  "weekday", "relday", "partofday",
                                        "unit",    "units",  "number",  "ordinal", "season",
                                        "mod",     "approx", "shift",   "ref",    "set",
                                        "holiday", NULL};
    for (int i = 1; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return 0;
}

/* Words the matchers compare literally (every is(tg, ..., "word") in this file). With the
 * lexicon, numbers and tokens holding a digit, hyphen or period they are the only tokens
 * an expression can start with; tag_sentence skips every other token without trying the
 * matchers. Keep the list in step when a matcher learns a new literal. */
static const char *const literal_words[] = {
    "$", ",", ".", ";", "GMT", "UTC", "a", "a.m.", "about", "after", "ago", "almost", "am",
    "an", "and", "around", "at", "before", "beginning", "by", "coming", "current", "each",
    "earlier", "end", "every", "fiscal", "following", "for", "full", "future", "half", "hours",
    "hrs", "immediate", "indeed", "its", "last", "later", "latest", "least", "less", "local", "midday",
    "middle", "midnight", "moment", "more", "most", "near", "nearly", "need", "next", "noon", "of",
    "on", "once", "or", "over", "p.m.", "past", "per", "period", "pm", "previous", "prior",
    "quarter", "recent", "same", "some", "speed", "start", "than", "that", "the", "this",
    "their", "time", "times", "to", "tonight", "twice", "until", "up", "weekend", "within", "year",
    "year-ago", "year-earlier", NULL};

cl_status cl_time_tables_load(cl_time_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "time.tsv", 3, &tab, err);
    if (st != CL_OK)
        return st;
    t->lex = cl_arena_zalloc(a, sizeof(cl_time_lexeme) * (tab.nrows + 1));
    t->n_lex = 0;
    cl_strmap_init(&t->words, a, tab.nrows);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *w = cl_table_cell(&tab, r, 0), *c = cl_table_cell(&tab, r, 1);
        const char *v = cl_table_cell(&tab, r, 2);
        int cat = cat_from_name(c);
        if (!cat)
            return cl_error_set(err, CL_EFORMAT, "time.tsv", tab.lines[r], 0,
                                "time.tsv line %u: unknown category %s", tab.lines[r], c);
        cl_time_lexeme *lx = &t->lex[t->n_lex];
        lx->cat = (uint8_t)cat;
        lx->sval = v;
        lx->anaphoric = v[0] == 'P' && cat == CL_TC_SHIFT;
        lx->ival = (int32_t)strtol(lx->anaphoric ? v + 1 : v, NULL, 10);
        lx->next = UINT32_MAX;
        uint32_t first;
        if (cl_strmap_get(&t->words, w, strlen(w), &first)) {
            /* chain: append at the end */
            uint32_t k = first;
            while (t->lex[k].next != UINT32_MAX)
                k = t->lex[k].next;
            t->lex[k].next = t->n_lex;
        } else {
            cl_strmap_put(&t->words, a, w, strlen(w), t->n_lex);
        }
        t->n_lex++;
    }
    cl_strmap_init(&t->literals, a, sizeof literal_words / sizeof *literal_words);
    for (const char *const *w = literal_words; *w; w++)
        cl_strmap_put(&t->literals, a, *w, strlen(*w), 1);
    return CL_OK;
}

const char *cl_timex_type_name(int type)
{
    switch (type) {
    case CL_TIMEX_DATE: return "DATE";
    case CL_TIMEX_TIME: return "TIME";
    case CL_TIMEX_DURATION: return "DURATION";
    case CL_TIMEX_SET: return "SET";
    }
    return "DATE";
}

/* ---------------------------------------------------------------- token access */

typedef struct tagger {
    cl_doc *doc;
    const cl_time_tables *t;
    uint32_t first, end;     /* token range of the sentence */
    int32_t dct;             /* document date or CL_DAY_NONE */
    int32_t anchor;          /* last resolved day, for "the previous day" */
    int last_q_year, last_q;  /* the last quarter mentioned (financial "a year earlier") */
    uint32_t *tok_lex;       /* first lexeme of each token, UINT32_MAX = none (one lookup each) */
    uint8_t *may_start;      /* can an expression start at this token? */
} tagger;

static const cl_time_lexeme *lex_in(const tagger *tg, const char *s, size_t n, int cat)
{
    uint32_t k;
    if (n == 0 || n > 40 || !cl_strmap_get(&tg->t->words, s, n, &k))
        return NULL;
    for (; k != UINT32_MAX; k = tg->t->lex[k].next)
        if (tg->t->lex[k].cat == cat)
            return &tg->t->lex[k];
    return NULL;
}

static const cl_time_lexeme *lex(const tagger *tg, uint32_t i, int cat)
{
    if (i >= tg->end)
        return NULL;
    for (uint32_t k = tg->tok_lex[i]; k != UINT32_MAX; k = tg->t->lex[k].next)
        if (tg->t->lex[k].cat == cat)
            return &tg->t->lex[k];
    return NULL;
}

static int is(const tagger *tg, uint32_t i, const char *w)
{
    return i < tg->end && cl_eq_ci(cl_tok_ptr(tg->doc, i), cl_tok_len(tg->doc, i), w);
}

static int kind_at(const tagger *tg, uint32_t i)
{
    return i < tg->end ? tg->doc->tokens.v[i].kind : -1;
}

static int cap_at(const tagger *tg, uint32_t i)
{
    return i < tg->end && (tg->doc->tokens.v[i].flags & CL_TF_CAP);
}

/* Integer value of a digit token (no letters), or -1. */
static long digits_value(const tagger *tg, uint32_t i, int *ndigits)
{
    if (kind_at(tg, i) != CL_TOK_NUMBER)
        return -1;
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    long v = 0;
    int d = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (p[k] == ',')
            continue;
        if (!cl_is_digit(p[k]))
            return -1;
        if (d++ > 9)
            return -1;
        v = v * 10 + (p[k] - '0');
    }
    if (ndigits)
        *ndigits = d;
    return v;
}

/* Day-of-month value: "12", "12th", "1st", "twelfth". Returns 1..31 or -1. */
static int day_value(const tagger *tg, uint32_t i)
{
    if (i >= tg->end)
        return -1;
    if (kind_at(tg, i) == CL_TOK_NUMBER) {
        const char *p = cl_tok_ptr(tg->doc, i);
        uint32_t n = cl_tok_len(tg->doc, i);
        int v = 0, k = 0;
        while (k < (int)n && cl_is_digit(p[k]) && k < 3)
            v = v * 10 + (p[k++] - '0');
        if (k == 0 || k > 2)
            return -1;
        if (k < (int)n) {
            const char *suf = p + k;
            size_t sl = n - (uint32_t)k;
            if (!(cl_eq_ci(suf, sl, "st") || cl_eq_ci(suf, sl, "nd") || cl_eq_ci(suf, sl, "rd") ||
                  cl_eq_ci(suf, sl, "th")))
                return -1;
        }
        return v >= 1 && v <= 31 ? v : -1;
    }
    const cl_time_lexeme *o = lex(tg, i, CL_TC_ORDINAL);
    return o && o->ival <= 31 ? o->ival : -1;
}

/* A four-digit year 1000..2999 at token i, or -1. */
static int year_value(const tagger *tg, uint32_t i)
{
    int nd = 0;
    long v = digits_value(tg, i, &nd);
    if (nd != 4 || v < 1000 || v > 2999)
        return -1;
    /* "2,023" is a count, not a year */
    if (memchr(cl_tok_ptr(tg->doc, i), ',', cl_tok_len(tg->doc, i)))
        return -1;
    return (int)v;
}

/* "and a half" / "and one-half" starting at token i. */
static int half_after(const tagger *tg, uint32_t i)
{
    return is(tg, i, "and") && (is(tg, i + 1, "a") || is(tg, i + 1, "one")) && is(tg, i + 2, "half");
}

static int quantity(const tagger *tg, uint32_t i, double *v);

/* A year said in words, as broadcast transcripts write it: "nineteen ninety-six",
 * "nineteen eighty four", "nineteen hundred". Returns the year and sets *last, or -1. */
static int spoken_year(const tagger *tg, uint32_t i, uint32_t *last)
{
    const cl_time_lexeme *hi = lex(tg, i, CL_TC_NUMBER);
    if (!hi || hi->ival < 11 || hi->ival > 20 || kind_at(tg, i) != CL_TOK_WORD)
        return -1;
    int y = -1;
    if (is(tg, i + 1, "hundred")) {
        y = hi->ival * 100;
        *last = i + 1;
    } else if (kind_at(tg, i + 1) == CL_TOK_WORD && i + 1 < tg->end &&
               memchr(cl_tok_ptr(tg->doc, i + 1), '-', cl_tok_len(tg->doc, i + 1))) {
        double v;
        if (quantity(tg, i + 1, &v) && v > 20 && v < 100) {
            y = hi->ival * 100 + (int)v; /* nineteen ninety-six */
            *last = i + 1;
        }
    } else {
        const cl_time_lexeme *tens = lex(tg, i + 1, CL_TC_NUMBER);
        if (tens && tens->ival >= 10 && tens->ival <= 90 && kind_at(tg, i + 1) == CL_TOK_WORD &&
            (tens->ival < 20 || tens->ival % 10 == 0)) {
            y = hi->ival * 100 + tens->ival; /* nineteen ninety [four], nineteen twelve */
            *last = i + 1;
            const cl_time_lexeme *ones = lex(tg, i + 2, CL_TC_NUMBER);
            if (tens->ival >= 20 && ones && ones->ival >= 1 && ones->ival <= 9 &&
                kind_at(tg, i + 2) == CL_TOK_WORD && !is(tg, i + 2, "a") && !is(tg, i + 2, "an")) {
                y += ones->ival;
                *last = i + 2;
            }
        }
    }
    return y >= 1100 && y <= 2099 ? y : -1;
}

/* A year in digits or in words at token i: the year (setting *last), or -1. */
static int year_span(const tagger *tg, uint32_t i, uint32_t *last)
{
    int y = year_value(tg, i);
    if (y > 0) {
        *last = i;
        return y;
    }
    return i < tg->end ? spoken_year(tg, i, last) : -1;
}

/* Quantity for durations: digits, number words ("two", "a", "several" = X), hyphenated
 * number words ("twenty-five"). Returns 1 and sets *v (-1 for X) when found. */
static int quantity(const tagger *tg, uint32_t i, double *v)
{
    if (i >= tg->end)
        return 0;
    if (kind_at(tg, i) == CL_TOK_NUMBER) {
        const char *p = cl_tok_ptr(tg->doc, i);
        uint32_t n = cl_tok_len(tg->doc, i);
        char buf[32];
        uint32_t o = 0;
        for (uint32_t k = 0; k < n && o + 1 < sizeof buf; k++) {
            if (p[k] == ',')
                continue;
            if (!cl_is_digit(p[k]) && p[k] != '.')
                return 0;
            buf[o++] = p[k];
        }
        buf[o] = '\0';
        *v = strtod(buf, NULL);
        return *v > 0 && *v < 100000;
    }
    const cl_time_lexeme *num = lex(tg, i, CL_TC_NUMBER);
    if (num) {
        *v = num->sval[0] == 'X' ? -1 : strtod(num->sval, NULL);
        return 1;
    }
    /* twenty-five */
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    const char *dash = memchr(p, '-', n);
    if (dash) {
        const cl_time_lexeme *a = lex_in(tg, p, (size_t)(dash - p), CL_TC_NUMBER);
        const cl_time_lexeme *b = lex_in(tg, dash + 1, n - (size_t)(dash - p) - 1, CL_TC_NUMBER);
        if (a && b && a->ival >= 20 && b->ival < 10) {
            *v = a->ival + b->ival;
            return 1;
        }
    }
    return 0;
}

/* "1/2", "3/4" glued together at token i: the fraction, else 0. */
static double fraction_at(const tagger *tg, uint32_t i)
{
    int nd = 0;
    long a = digits_value(tg, i, &nd), b;
    if (a < 1 || nd != 1 || !is(tg, i + 1, "/") || i + 2 >= tg->end ||
        !(tg->doc->tokens.v[i + 1].flags & CL_TF_NOSPACE) ||
        !(tg->doc->tokens.v[i + 2].flags & CL_TF_NOSPACE))
        return 0;
    b = digits_value(tg, i + 2, &nd);
    return nd == 1 && b > a ? (double)a / (double)b : 0;
}

/* A quantity that may take several tokens: "twenty four", "5 1/2", "two and a half".
 * Returns 1, sets *v (-1 for X) and *last (its last token). */
static int quantity_span(const tagger *tg, uint32_t i, double *v, uint32_t *last)
{
    if (!quantity(tg, i, v))
        return 0;
    *last = i;
    if (*v < 0)
        return 1;
    const cl_time_lexeme *tens = lex(tg, i, CL_TC_NUMBER), *ones = lex(tg, i + 1, CL_TC_NUMBER);
    if (tens && ones && tens->ival >= 20 && tens->ival <= 90 && tens->ival % 10 == 0 &&
        ones->ival >= 1 && ones->ival <= 9 && kind_at(tg, i + 1) == CL_TOK_WORD &&
        !is(tg, i + 1, "a") && !is(tg, i + 1, "an")) {
        *v += ones->ival; /* "twenty four" */
        *last = i + 1;
    }
    double f = kind_at(tg, i) == CL_TOK_NUMBER ? fraction_at(tg, *last + 1) : 0;
    if (f > 0) {
        *v += f;
        *last += 3;
    } else if (half_after(tg, *last + 1)) {
        *v += 0.5;
        *last += 3;
    }
    return 1;
}

/* ---------------------------------------------------------------- the match record */

enum tx_kind {
    TK_ABS = 0,    /* fields given (year may be missing) */
    TK_DCT,        /* offset from the document date in units of gran */
    TK_ANAPHOR,    /* offset in days from the previous date */
    TK_WEEKDAY,    /* a weekday resolved by tense (and an optional shift) */
    TK_REF,        /* PRESENT_REF ... */
    TK_DURATION,
    TK_SET
};

enum tx_gran {
    G_DAY = 0, G_WEEK, G_WEEKEND, G_MONTH, G_QUARTER, G_HALF, G_SEASON, G_YEAR, G_DECADE,
    G_CENTURY
};

typedef struct tx {
    uint32_t first, last;
    uint8_t type, kind, gran;
    int year, month, day;     /* -1 = not given */
    int weekday;
    int shift;                /* for TK_WEEKDAY: -1 last, 1 next, 0 none/this */
    int offset;
    int quarter;
    int decade;               /* e.g. 199 */
    const char *season;
    const char *part;         /* MO AF EV NI MI */
    int hour, minute;
    const char *mod;
    int sub;                  /* -1 "earlier this week", +1 "later this week" */
    const char *ref;
    int years_back;           /* "N years ago / earlier": may follow a quarter */
    int yrel;                 /* a year-less month or day: 1 "last/this/next May" (shift is
                               * in yshift, from the document month), 2 "May last year" */
    int yshift;
    char dur[32];
} tx;

static void tx_init(tx *m, uint32_t first)
{
    memset(m, 0, sizeof *m);
    m->first = m->last = first;
    m->year = m->month = m->day = -1;
    m->hour = m->minute = -1;
}

/* ---------------------------------------------------------------- matchers */

static int future_context(const tagger *tg, uint32_t first, uint32_t last);
static int match_weekday(const tagger *tg, uint32_t i, tx *m);
static int match_relday(const tagger *tg, uint32_t i, tx *m);
static int match_month(const tagger *tg, uint32_t i, tx *m);

/* 2023-01-13 */
static int match_iso(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    int y = year_value(tg, i);
    if (y < 0 || i + 4 >= tg->end || kind_at(tg, i + 1) != CL_TOK_DASH ||
        kind_at(tg, i + 3) != CL_TOK_DASH)
        return 0;
    int nd1 = 0, nd2 = 0;
    long mo = digits_value(tg, i + 2, &nd1), d = digits_value(tg, i + 4, &nd2);
    if (nd1 != 2 || nd2 != 2 || !cl_is_valid_date(y, (int)mo, (int)d))
        return 0;
    for (uint32_t k = i + 1; k <= i + 4; k++)
        if (!(tg->doc->tokens.v[k].flags & CL_TF_NOSPACE))
            return 0;
    tx_init(m, i);
    m->last = i + 4;
    m->kind = TK_ABS;
    m->gran = G_DAY;
    m->year = y;
    m->month = (int)mo;
    m->day = (int)d;
    return 1;
}

/* "mid-May", "early-2022", "late-1990s": a modifier glued to its head by a hyphen. */
static const cl_time_lexeme *hyphen_mod(const tagger *tg, uint32_t i, const char **rest,
                                        size_t *rest_len)
{
    if (i >= tg->end)
        return NULL; /* past the sentence (callers look ahead) */
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    const char *dash = memchr(p, '-', n);
    if (!dash)
        return NULL;
    const cl_time_lexeme *mod = lex_in(tg, p, (size_t)(dash - p), CL_TC_MOD);
    if (!mod)
        return NULL;
    *rest = dash + 1;
    *rest_len = n - (size_t)(dash - p) - 1;
    return mod;
}

/* Is token i a usable month name? "May" and "March" need support from a neighbour. */
static const cl_time_lexeme *month_at(const tagger *tg, uint32_t i)
{
    const cl_time_lexeme *mo = lex(tg, i, CL_TC_MONTH);
    if (!mo)
        return NULL;
    if (!cap_at(tg, i))
        return NULL;
    uint32_t n = cl_tok_len(tg->doc, i);
    const char *p = cl_tok_ptr(tg->doc, i);
    int weak = cl_eq_ci(p, n, "may") || cl_eq_ci(p, n, "march") || cl_eq_ci(p, n, "jan") ||
               cl_eq_ci(p, n, "mar") || cl_eq_ci(p, n, "jun") || cl_eq_ci(p, n, "dec");
    if (!weak)
        return mo;
    /* supported by a day or year after, or a preposition/modifier before */
    if (day_value(tg, i + 1) > 0 || year_value(tg, i + 1) > 0)
        return mo;
    /* "May was a difficult month": the month as a subject */
    static const char *const verbs_after[] = {"was", "is", "has", "had", "saw", "brought",
                                              "marked", "ended", "began", "will", NULL};
    for (const char *const *v = verbs_after; *v; v++)
        if (is(tg, i + 1, *v) && !cl_eq_ci(p, n, "jan") && !cl_eq_ci(p, n, "dec"))
            return mo;
    if (i > tg->first) {
        static const char *const before[] = {"in", "since", "until", "till", "by", "of",
                                             "early", "mid", "late", "last", "next", "this",
                                             "during", "from", "through", "before", "after",
                                             "between", "and", "to", "on", NULL};
        for (const char *const *b = before; *b; b++)
            if (is(tg, i - 1, *b))
                return (i >= tg->first + 1 && (tg->doc->tokens.v[i].flags & CL_TF_SENT_START))
                           ? NULL
                           : mo;
        if (day_value(tg, i - 1) > 0)
            return mo;
    }
    return NULL;
}

/* "June last year", "Oct. 5 next year": a year-less date placed by a relative year. */
static void year_shift_after(const tagger *tg, tx *m)
{
    uint32_t k = m->last + 1;
    const cl_time_lexeme *sh = lex(tg, k, CL_TC_SHIFT);
    if (m->year > 0 || m->yrel || !sh || sh->anaphoric || !is(tg, k + 1, "year"))
        return;
    m->yrel = 2;
    m->yshift = sh->ival;
    m->last = k + 1;
}

/* Month phrases: [mod] Month [day][,] [year] | day [of] Month [year] | Month [of] year */
static int match_month(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    const char *mod = NULL;
    /* "early", "mid", "late", "the beginning/end/middle of" */
    const cl_time_lexeme *md = lex(tg, k, CL_TC_MOD);
    if (md && (month_at(tg, k + 1) || year_value(tg, k + 1) > 0) &&
        !is(tg, k, "end") && !is(tg, k, "start") && !is(tg, k, "beginning") &&
        !is(tg, k, "middle")) {
        mod = md->sval;
        k++;
    } else if (is(tg, k, "the") && lex(tg, k + 1, CL_TC_MOD) && is(tg, k + 2, "of") &&
               (month_at(tg, k + 3) || year_value(tg, k + 3) > 0)) {
        mod = lex(tg, k + 1, CL_TC_MOD)->sval;
        k += 3;
    }
    /* hyphenated "mid-May" */
    const char *rest;
    size_t rest_len;
    const cl_time_lexeme *hm = !mod ? hyphen_mod(tg, k, &rest, &rest_len) : NULL;
    if (hm) {
        const cl_time_lexeme *mo = lex_in(tg, rest, rest_len, CL_TC_MONTH);
        if (mo) {
            m->kind = TK_ABS;
            m->gran = G_MONTH;
            m->month = mo->ival;
            m->mod = hm->sval;
            m->last = k;
            int y = year_value(tg, k + 1);
            if (y > 0) {
                m->year = y;
                m->last = k + 1;
            }
            return 1;
        }
        /* mid-2022 */
        int nd = 0;
        long y = 0;
        for (size_t q = 0; q < rest_len && cl_is_digit(rest[q]); q++, nd++)
            y = y * 10 + (rest[q] - '0');
        if (nd == 4 && (size_t)nd == rest_len && y >= 1000 && y <= 2999) {
            m->kind = TK_ABS;
            m->gran = G_YEAR;
            m->year = (int)y;
            m->mod = hm->sval;
            m->last = k;
            return 1;
        }
        return 0;
    }
    /* day [of] Month [year] */
    int d = day_value(tg, k);
    if (d > 0) {
        uint32_t j = k + 1 + (is(tg, k + 1, "of") ? 1 : 0);
        const cl_time_lexeme *mo = month_at(tg, j);
        if (mo && (kind_at(tg, k) == CL_TOK_NUMBER || lex(tg, k, CL_TC_ORDINAL))) {
            m->kind = TK_ABS;
            m->gran = G_DAY;
            m->month = mo->ival;
            m->day = d;
            m->last = j;
            uint32_t y_at = j + 1 + (is(tg, j + 1, ",") ? 1 : 0), y_last;
            int y = year_span(tg, y_at, &y_last);
            if (y > 0) {
                m->year = y;
                m->last = y_last;
            }
            m->mod = mod;
            return 1;
        }
        return 0;
    }
    /* "the 12th of January" */
    if (is(tg, k, "the") && day_value(tg, k + 1) > 0 && is(tg, k + 2, "of") && month_at(tg, k + 3)) {
        if (match_month(tg, k + 1, m)) {
            m->first = i;
            return 1;
        }
        return 0;
    }
    /* "last April", "next January", "this September" */
    const cl_time_lexeme *sh = lex(tg, k, CL_TC_SHIFT);
    if (sh && !sh->anaphoric && month_at(tg, k + 1) && year_value(tg, k + 2) < 0) {
        m->yrel = 1;
        m->yshift = sh->ival;
        k++;
    }
    const cl_time_lexeme *mo = month_at(tg, k);
    if (!mo)
        return 0;
    m->kind = TK_ABS;
    m->month = mo->ival;
    m->last = k;
    m->mod = mod;
    int dd = day_value(tg, k + 1);
    if (dd > 0 && !(kind_at(tg, k + 2) == CL_TOK_WORD && (lex(tg, k + 2, CL_TC_UNITS) ||
                                                           lex(tg, k + 2, CL_TC_UNIT)))) {
        m->gran = G_DAY;
        m->day = dd;
        m->last = k + 1;
        uint32_t y_at = k + 2 + (is(tg, k + 2, ",") ? 1 : 0), y_last;
        int y = year_span(tg, y_at, &y_last);
        if (y > 0) {
            m->year = y;
            m->last = y_last;
        }
        year_shift_after(tg, m);
        return 1;
    }
    m->gran = G_MONTH;
    uint32_t y_at = k + 1 + (is(tg, k + 1, "of") || is(tg, k + 1, ",") ? 1 : 0), y_last;
    int y = year_span(tg, y_at, &y_last);
    if (y > 0) {
        m->year = y;
        m->last = y_last;
    }
    year_shift_after(tg, m);
    return 1;
}

/* Years, decades, seasons, quarters: 2023 | the 1990s | spring 2022 | the third quarter */
static int match_year(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    const cl_time_lexeme *md = lex(tg, k, CL_TC_MOD);
    const char *mod = NULL;
    if (md && !is(tg, k, "end") && !is(tg, k, "start") && !is(tg, k, "beginning") &&
        !is(tg, k, "middle")) {
        mod = md->sval;
        k++;
    } else if (is(tg, k, "the") && lex(tg, k + 1, CL_TC_MOD) && is(tg, k + 2, "of")) {
        mod = lex(tg, k + 1, CL_TC_MOD)->sval;
        k += 3;
    }
    /* [the] season [of] [year] */
    if (is(tg, k, "the") && lex(tg, k + 1, CL_TC_SEASON))
        k++;
    const cl_time_lexeme *se = lex(tg, k, CL_TC_SEASON);
    if (se) {
        uint32_t y_at = k + 1 + (is(tg, k + 1, "of") ? 1 : 0), y_last;
        int y = year_span(tg, y_at, &y_last);
        if (y > 0) {
            m->kind = TK_ABS;
            m->gran = G_SEASON;
            m->season = se->sval;
            m->year = y;
            m->mod = mod;
            m->last = y_last;
            return 1;
        }
        return 0;
    }
    /* the 1990s / 1990s / the '90s */
    uint32_t d_at = k + (is(tg, k, "the") ? 1 : 0);
    if (kind_at(tg, d_at) == CL_TOK_NUMBER) {
        const char *p = cl_tok_ptr(tg->doc, d_at);
        uint32_t n = cl_tok_len(tg->doc, d_at);
        if (n == 5 && p[4] == 's' && cl_is_digit(p[0]) && p[3] == '0') {
            int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10;
            if (y >= 1000 && y <= 2990) {
                m->kind = TK_ABS;
                m->gran = G_DECADE;
                m->decade = y / 10;
                m->mod = mod;
                m->last = d_at;
                return 1;
            }
        }
    }
    /* "the year 2000", "the year two thousand" */
    if (is(tg, k, "the") && is(tg, k + 1, "year") && lex(tg, k + 2, CL_TC_NUMBER) &&
        lex(tg, k + 2, CL_TC_NUMBER)->ival == 2 && is(tg, k + 3, "thousand")) {
        m->kind = TK_ABS;
        m->gran = G_YEAR;
        m->year = 2000;
        m->last = k + 3;
        return 1;
    }
    uint32_t y_last = k;
    if (is(tg, k, "the") && is(tg, k + 1, "year") && year_span(tg, k + 2, &y_last) > 0)
        k += 2;
    /* a bare year */
    int y = year_span(tg, k, &y_last);
    if (y < 0)
        return 0;
    if (y < 1800 || y > 2100)
        return 0;
    /* "some 2000 people", "2000 troops": a count, not a year */
    if (k > tg->first && (is(tg, k - 1, "some") || is(tg, k - 1, "about") || is(tg, k - 1, "nearly") ||
                          is(tg, k - 1, "almost") || is(tg, k - 1, "around") || is(tg, k - 1, "over") ||
                          is(tg, k - 1, "than") || is(tg, k - 1, "least") || is(tg, k - 1, "to") ||
                          is(tg, k - 1, "$")))
        return 0;
    static const char *const counted[] = {"people", "troops", "soldiers", "residents", "civilians",
                                          "dollars", "euros", "tons", "tonnes", "km", "miles",
                                          "meters", "metres", "feet", "units", "cases", "votes",
                                          "seats", "workers", "employees", "jobs", "homes",
                                          "houses", "vehicles", "tanks", "barrels", "shares",
                                          "times", "men", "women", "children", "deaths", NULL};
    for (const char *const *w = counted; *w; w++)
        if (is(tg, k + 1, *w))
            return 0;
    m->kind = TK_ABS;
    m->gran = G_YEAR;
    m->year = y;
    m->mod = mod;
    m->last = y_last;
    return 1;
}

/* Is token k the word "year" followed by 's ("this year's")? */
static int year_poss(const tagger *tg, uint32_t k)
{
    return is(tg, k, "year") && kind_at(tg, k + 1) == CL_TOK_POSS;
}

/* Quarters and halves: "the third quarter (of 2023)", "its fourth quarter", "the fiscal
 * first quarter", "the 1988 second quarter", "this year's third quarter", "the last half
 * of 1989", "the year-ago third quarter", "the 1988 quarter" (the quarter under report,
 * of that year). A quarter named without a year is this year's, or last year's when it
 * is still to come and the clause is not about the future. */
static int match_quarter(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    uint32_t k = i, n0 = cl_tok_len(tg->doc, i);
    char c0 = (char)(cl_tok_ptr(tg->doc, i)[0] | 0x20);
    int det = 0;
    if (c0 == 't' || c0 == 'i' || c0 == 'a')
        det = n0 == 1 ? is(tg, k, "a")
              : n0 == 3 ? is(tg, k, "the") || is(tg, k, "its")
              : n0 == 5 && is(tg, k, "their");
    /* most tokens: neither a determiner, a lexicon word (ordinal, shift) nor "fiscal-" */
    if (!det && tg->tok_lex[i] == UINT32_MAX && c0 != 'f')
        return 0;
    tx_init(m, i);
    k += det ? 1 : 0;
    if (is(tg, i, "its") || is(tg, i, "their"))
        m->first = k; /* TimeML leaves the possessive out: its "third quarter" */
    /* quick exit (this runs at every "the"): what follows must be a number, a word of the
     * lexicon (ordinal, shift, "year"), or a word starting like comparable, corresponding,
     * year-ago, fiscal */
    if (k >= tg->end)
        return 0;
    if (kind_at(tg, k) != CL_TOK_NUMBER && tg->tok_lex[k] == UINT32_MAX) {
        char c1 = (char)(cl_tok_ptr(tg->doc, k)[0] | 0x20);
        if (c1 != 'c' && c1 != 'f' && c1 != 'y')
            return 0;
    }
    int y = -1, yoff = 0, yrel = 0;
    if (det && (y = year_value(tg, k)) > 0) {
        k++; /* the 1988 second quarter */
    } else if (lex(tg, k, CL_TC_SHIFT) && !lex(tg, k, CL_TC_SHIFT)->anaphoric &&
               year_poss(tg, k + 1)) {
        yoff = lex(tg, k, CL_TC_SHIFT)->ival; /* this year's third quarter */
        yrel = 1;
        k += 3;
    } else if (det && (is(tg, k, "comparable") || is(tg, k, "corresponding")) &&
               (is(tg, k + 1, "year-ago") || is(tg, k + 1, "year-earlier"))) {
        yoff = -1;
        yrel = 2;
        k += 2;
    } else if (det && (is(tg, k, "year-ago") || is(tg, k, "year-earlier"))) {
        yoff = -1; /* the year-ago third quarter */
        yrel = 2;
        k++;
    }
    if (is(tg, k, "fiscal"))
        k++;
    const cl_time_lexeme *o = lex(tg, k, CL_TC_ORDINAL);
    const char *p = k < tg->end ? cl_tok_ptr(tg->doc, k) : "";
    uint32_t n = k < tg->end ? cl_tok_len(tg->doc, k) : 0;
    if (!o && n > 7 && cl_eq_ci(p, 7, "fiscal-"))
        o = lex_in(tg, p + 7, n - 7, CL_TC_ORDINAL); /* the fiscal-first quarter */
    int half = 0, q = 0;
    if (o && (is(tg, k + 1, "quarter") || is(tg, k + 1, "half"))) {
        half = is(tg, k + 1, "half");
        q = o->ival;
        k++;
    } else if (det && is(tg, k, "last") && is(tg, k + 1, "half") && is(tg, k + 2, "of") &&
               year_value(tg, k + 3) > 0) {
        half = 1; /* the last half of 1989 */
        q = 2;
        k++;
    } else if ((y > 0 || yrel) && (is(tg, k, "quarter") || is(tg, k, "period"))) {
        /* the 1988 quarter, last year's quarter: the quarter being reported */
        int dy, dm, dd;
        cl_civil_from_days(tg->dct != CL_DAY_NONE ? tg->dct : 0, &dy, &dm, &dd);
        q = tg->last_q ? tg->last_q : (dm - 1) / 3 == 0 ? 4 : (dm - 1) / 3;
    } else {
        return 0;
    }
    if (q < 1 || (half && q > 2) || (!half && q > 4))
        return 0;
    if (!det && !o)
        return 0;
    m->gran = half ? G_HALF : G_QUARTER;
    m->quarter = q;
    m->last = k;
    if (y < 0 && is(tg, k + 1, "of") && year_value(tg, k + 2) > 0) {
        y = year_value(tg, k + 2);
        m->last = k + 2;
    }
    if (y > 0) {
        m->kind = TK_ABS;
        m->year = y;
        /* "the 1988 quarter" in 1989 compares with the quarter under report: not the new one */
        int dy = 0, dm, dd;
        if (tg->dct != CL_DAY_NONE)
            cl_civil_from_days(tg->dct, &dy, &dm, &dd);
        m->yrel = m->last == k && y < dy ? 2 : 0;
        return 1;
    }
    m->kind = TK_DCT;
    m->offset = yoff;
    if (yrel == 2 && tg->last_q_year) {
        /* the year-ago quarter: a year before the one under report (which it does not
         * replace as the quarter under report: yrel) */
        m->yrel = 2;
        m->kind = TK_ABS;
        m->year = tg->last_q_year - 1;
        return 1;
    }
    if (!yrel && tg->dct != CL_DAY_NONE) {
        int dy, dm, dd;
        cl_civil_from_days(tg->dct, &dy, &dm, &dd);
        int now_q = half ? (dm <= 6 ? 1 : 2) : (dm - 1) / 3 + 1;
        if (q > now_q && future_context(tg, i, m->last) != 1)
            m->offset = -1;
    }
    return 1;
}

/* Business periods: "third-quarter" (a hyphenated adjective: this year's), "the quarter" /
 * "the latest quarter" (the last one completed), "the year" / "the fiscal year" (this
 * year), "the year-earlier quarter" / "the year-ago period" (last year's). */
static int match_period(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    const char *dash = memchr(p, '-', n);
    if (dash && cl_eq_ci(dash + 1, n - (size_t)(dash - p) - 1, "quarter")) {
        const cl_time_lexeme *o = lex_in(tg, p, (size_t)(dash - p), CL_TC_ORDINAL);
        if (!o || o->ival > 4)
            return 0;
        m->kind = TK_DCT;
        m->gran = G_QUARTER;
        m->quarter = o->ival;
        return 1;
    }
    /* a bare "year-earlier" / "year-ago" ("profit rose from year-earlier levels"): last
     * year, or in a report on a quarter that quarter a year before (resolve) */
    int y0 = (p[0] | 0x20) == 'y'; /* the words below start so: one test for most tokens */
    if (y0 && (is(tg, i, "year-earlier") || is(tg, i, "year-ago")) && !is(tg, i + 1, "quarter") &&
        !is(tg, i + 1, "period")) {
        m->kind = TK_DCT;
        m->gran = G_YEAR;
        m->offset = -1;
        m->years_back = 1;
        return 1;
    }
    /* "year-end", "year end", "year's end": the end of this year (by convention) */
    if (y0 && (is(tg, i, "year-end") || (is(tg, i, "year") && is(tg, i + 1, "end")) ||
               (is(tg, i, "year") && is(tg, i + 1, "'s") && is(tg, i + 2, "end")))) {
        m->kind = TK_DCT;
        m->gran = G_YEAR;
        m->offset = 0;
        m->last = is(tg, i, "year-end") ? i : is(tg, i + 1, "end") ? i + 1 : i + 2;
        return 1;
    }
    if (!is(tg, i, "the"))
        return 0;
    uint32_t k = i + 1;
    int earlier = 0;
    if (is(tg, k, "full") && is(tg, k + 1, "year") && !is(tg, k + 2, "before") &&
        !is(tg, k + 2, "earlier")) {
        m->kind = TK_DCT; /* "the full year": this (fiscal) year */
        m->gran = G_YEAR;
        m->last = k + 1;
        return 1;
    }
    int latest = 0;
    if (is(tg, k, "latest") || is(tg, k, "current") || is(tg, k, "fiscal") || is(tg, k, "most") ||
        is(tg, k, "full")) {
        latest = is(tg, k, "latest") || is(tg, k, "most");
        if (is(tg, k, "most") && is(tg, k + 1, "recent"))
            k++;
        k++;
        if (is(tg, k, "fiscal"))
            k++; /* the current fiscal year */
    }
    if (is(tg, k, "year-earlier") || is(tg, k, "year-ago")) {
        earlier = 1;
        k++;
    }
    if (is(tg, k, "quarter") || ((earlier || latest) && is(tg, k, "period"))) {
        m->kind = TK_DCT;
        m->gran = G_QUARTER;
        m->offset = -1; /* the last completed quarter */
        m->sub = earlier ? -4 : 0;
        m->yrel = earlier ? 2 : 0; /* a year-ago quarter is not the one under report */
        m->last = k;
        return 1;
    }
    if (is(tg, k, "year") && !is(tg, k + 1, "before") && !is(tg, k + 1, "after") &&
        !is(tg, k + 1, "earlier") && !is(tg, k + 1, "later")) {
        if (!earlier && (is(tg, k + 1, "ended") || is(tg, k + 1, "ending"))) {
            /* "the year ended March 31": a fiscal year, measured, not placed */
            m->type = CL_TIMEX_DURATION;
            m->kind = TK_DURATION;
            snprintf(m->dur, sizeof m->dur, "P1Y");
            m->last = k;
            return 1;
        }
        m->kind = TK_DCT;
        m->gran = G_YEAR;
        m->offset = earlier || latest ? -1 : 0; /* the latest (completed) fiscal year */
        m->last = k;
        return 1;
    }
    return 0;
}

/* Part of day after token j: "morning", "evening", "night". */
static int part_after(const tagger *tg, uint32_t j, tx *m)
{
    const cl_time_lexeme *pd = lex(tg, j, CL_TC_PARTOFDAY);
    if (!pd || is(tg, j, "noon") || is(tg, j, "midnight"))
        return 0;
    m->type = CL_TIMEX_TIME;
    m->part = pd->sval;
    m->last = j;
    return 1;
}

/* today / yesterday / tomorrow / tonight [morning] */
static int match_relday(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    const cl_time_lexeme *rd = lex(tg, i, CL_TC_RELDAY);
    if (!rd)
        return 0;
    tx_init(m, i);
    m->kind = TK_DCT;
    m->gran = G_DAY;
    m->offset = rd->ival;
    if (is(tg, i, "tonight")) {
        m->type = CL_TIMEX_TIME;
        m->part = "NI";
    } else {
        part_after(tg, i + 1, m);
    }
    return 1;
}

/* [last|next|this] Friday [morning], Friday's [meeting] */
static int match_weekday(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    uint32_t k = i;
    int shift = 0;
    const cl_time_lexeme *sh = lex(tg, k, CL_TC_SHIFT);
    if (sh && !sh->anaphoric && lex(tg, k + 1, CL_TC_WEEKDAY)) {
        shift = sh->ival;
        k++;
    }
    const cl_time_lexeme *wd = lex(tg, k, CL_TC_WEEKDAY);
    if (!wd || !cap_at(tg, k))
        return 0;
    tx_init(m, i);
    m->kind = TK_WEEKDAY;
    m->gran = G_DAY;
    m->weekday = wd->ival;
    m->shift = shift;
    m->last = k;
    /* "Friday, Jan. 13": the explicit date wins */
    tx explicit_date;
    uint32_t d_at = k + 1 + (is(tg, k + 1, ",") ? 1 : 0);
    if (match_month(tg, d_at, &explicit_date) && explicit_date.gran == G_DAY) {
        *m = explicit_date;
        m->first = i;
        return 1;
    }
    part_after(tg, k + 1, m);
    return 1;
}

/* Writes the TIMEX3 duration value of q units (q < 0: an unknown number, X). Decades and
 * centuries count in years and fortnights in weeks, as TimeML does; a fraction moves to
 * the next smaller unit where one divides evenly ("5 1/2 hours" PT5H30M, "2 1/2 years"
 * P2Y6M), else stays decimal. quarters: 1 "P3M" (a quarter in months), 0 "P1Q". */
static void format_duration(char *out, size_t n, double q, const char *unit, int quarters)
{
    static const struct { const char *unit, *small; int per; } smaller[] = {
        {"Y", "M", 12}, {"W", "D", 7}, {"D", "H", 24}, {"H", "M", 60}, {"MIN", "S", 60}};
    if (strcmp(unit, "2W") == 0) {
        q = q < 0 ? q : q * 2;
        unit = "W";
    }
    if (quarters && strcmp(unit, "Q") == 0) {
        q = q < 0 ? q : q * 3;
        unit = "M";
    }
    if (strcmp(unit, "DE") == 0 || strcmp(unit, "CE") == 0) {
        q = q < 0 ? q : q * (strcmp(unit, "DE") == 0 ? 10 : 100);
        unit = "Y";
    }
    int time_unit = strcmp(unit, "H") == 0 || strcmp(unit, "MIN") == 0 || strcmp(unit, "S") == 0;
    const char *t = time_unit ? "T" : "";
    const char *u2 = strcmp(unit, "MIN") == 0 ? "M" : unit;
    if (q < 0) {
        snprintf(out, n, "P%sX%s", t, u2);
        return;
    }
    double whole = (double)(long)q, rest = q - whole;
    for (size_t k = 0; rest > 0 && k < sizeof smaller / sizeof *smaller; k++) {
        double small = rest * smaller[k].per;
        if (strcmp(unit, smaller[k].unit) != 0 || small != (double)(long)small)
            continue;
        int small_time = strcmp(unit, "D") == 0 || time_unit;
        if (whole > 0 && small_time && !time_unit)
            snprintf(out, n, "P%gDT%g%s", whole, small, smaller[k].small);
        else if (whole > 0)
            snprintf(out, n, "P%s%g%s%g%s", t, whole, u2, small, smaller[k].small);
        else
            snprintf(out, n, "P%s%g%s", small_time ? "T" : "", small, smaller[k].small);
        return;
    }
    snprintf(out, n, "P%s%g%s", t, q, u2);
}

/* Units as granularities for "last week", "this month" ... */
static int unit_gran(const cl_time_lexeme *u)
{
    const char *v = u->sval;
    if (strcmp(v, "D") == 0) return G_DAY;
    if (strcmp(v, "W") == 0) return G_WEEK;
    if (strcmp(v, "WE") == 0) return G_WEEKEND;
    if (strcmp(v, "M") == 0) return G_MONTH;
    if (strcmp(v, "Q") == 0) return G_QUARTER;
    if (strcmp(v, "Y") == 0) return G_YEAR;
    if (strcmp(v, "DE") == 0) return G_DECADE;
    if (strcmp(v, "CE") == 0) return G_CENTURY;
    return -1;
}

/* [earlier|later] [the] (last|this|next|past|coming|previous|following|same|that)
 * (week|month|year|weekend|day|night|morning|summer ...) */
static int match_shift(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    int sub = 0;
    const char *mod = NULL;
    if (is(tg, k, "earlier") || is(tg, k, "later")) {
        sub = is(tg, k, "earlier") ? -1 : 1;
        k++;
    } else if (lex(tg, k, CL_TC_MOD) && !is(tg, k, "end") && !is(tg, k, "start") &&
               !is(tg, k, "beginning") && !is(tg, k, "middle")) {
        mod = lex(tg, k, CL_TC_MOD)->sval; /* "late last year", "late the previous day" */
        k++;
    }
    int the = is(tg, k, "the");
    if (the)
        k++;
    /* "over the weekend": the last one, or the coming one when the clause looks ahead */
    if (the && is(tg, k, "weekend")) {
        m->kind = TK_DCT;
        m->gran = G_WEEKEND;
        int future = future_context(tg, i, k) > 0;
        int wd = tg->dct != CL_DAY_NONE ? cl_weekday(tg->dct) : 1;
        m->offset = future ? (wd >= 6 ? 1 : 0) : (wd >= 6 ? 0 : -1);
        m->last = k;
        return 1;
    }
    const cl_time_lexeme *sh = lex(tg, k, CL_TC_SHIFT);
    if (!sh)
        return 0;
    /* "the last" / "the past" + unit is a duration ("the past week"); "last week" a date */
    uint32_t u_at = k + 1;
    const cl_time_lexeme *u = lex(tg, u_at, CL_TC_UNIT);
    const cl_time_lexeme *pd = lex(tg, u_at, CL_TC_PARTOFDAY);
    const cl_time_lexeme *se = lex(tg, u_at, CL_TC_SEASON);
    if (sh->anaphoric || (the && (is(tg, k, "same") || is(tg, k, "following") ||
                                  is(tg, k, "previous") || is(tg, k, "next")))) {
        /* the previous day / the following week / that evening / the same day */
        if (u && strcmp(u->sval, "D") == 0) {
            m->kind = TK_ANAPHOR;
            m->gran = G_DAY;
            m->offset = sh->anaphoric ? sh->ival : (is(tg, k, "next") ? 1 : 0);
            m->last = u_at;
            m->mod = mod;
            part_after(tg, u_at + 1, m);
            return 1;
        }
        if (pd && !is(tg, u_at, "noon") && !is(tg, u_at, "midnight")) {
            m->kind = TK_ANAPHOR;
            m->gran = G_DAY;
            m->offset = sh->anaphoric ? sh->ival : is(tg, k, "next") ? 1 : 0;
            if (is(tg, u_at, "night") && sh->ival < 0)
                m->offset = -1;
            m->type = CL_TIMEX_TIME;
            m->part = pd->sval;
            m->last = u_at;
            return 1;
        }
        if (u && unit_gran(u) >= 0 && is(tg, k, "that") == 0) {
            /* the following week / the previous month: relative to the last date */
            m->kind = TK_ANAPHOR;
            m->gran = (uint8_t)unit_gran(u);
            m->offset = sh->anaphoric ? sh->ival : 1;
            m->last = u_at;
            return 1;
        }
        return 0;
    }
    if (is(tg, k, "that"))
        return 0;
    if (the && (is(tg, k, "past") || is(tg, k, "last") || is(tg, k, "coming"))) {
        /* the past week -> P1W; the past three years -> P3Y */
        double q = 1, qq;
        uint32_t j = k + 1, qlast;
        if (quantity_span(tg, j, &qq, &qlast) &&
            (lex(tg, qlast + 1, CL_TC_UNITS) || lex(tg, qlast + 1, CL_TC_UNIT))) {
            q = qq;
            j = qlast + 1;
        }
        const cl_time_lexeme *du = lex(tg, j, CL_TC_UNITS) ? lex(tg, j, CL_TC_UNITS)
                                                           : lex(tg, j, CL_TC_UNIT);
        if (!du || strcmp(du->sval, "WE") == 0)
            return 0;
        m->type = CL_TIMEX_DURATION;
        m->kind = TK_DURATION;
        format_duration(m->dur, sizeof m->dur, q, du->sval, 0);
        m->last = j;
        return 1;
    }
    if (u && unit_gran(u) >= 0) {
        m->kind = TK_DCT;
        m->gran = (uint8_t)unit_gran(u);
        m->offset = sh->ival;
        m->sub = sub;
        m->mod = mod;
        m->last = u_at;
        if (m->gran == G_DAY)
            return 0; /* "this day" / "next day" are not dates here */
        return 1;
    }
    if (se) {
        m->kind = TK_DCT;
        m->gran = G_SEASON;
        m->season = se->sval;
        m->offset = sh->ival;
        m->last = u_at;
        return 1;
    }
    if (pd && !the && (is(tg, k, "this") || is(tg, k, "last"))) {
        /* this morning, last night */
        m->kind = TK_DCT;
        m->gran = G_DAY;
        m->offset = is(tg, k, "last") ? -1 : 0;
        if (is(tg, k, "last") && !is(tg, u_at, "night"))
            m->offset = -1;
        m->type = CL_TIMEX_TIME;
        m->part = pd->sval;
        m->last = u_at;
        return 1;
    }
    return 0;
}

/* N units ago / later / earlier / before / after */
static int match_ago(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    double q;
    uint32_t k = i;
    if (lex(tg, k, CL_TC_APPROX) && !is(tg, k, "more") && !is(tg, k, "less") && !is(tg, k, "up") &&
        !is(tg, k, "least"))
        k++;
    if (!quantity(tg, k, &q))
        return 0;
    const cl_time_lexeme *u = lex(tg, k + 1, CL_TC_UNITS) ? lex(tg, k + 1, CL_TC_UNITS)
                                                          : lex(tg, k + 1, CL_TC_UNIT);
    if (!u || unit_gran(u) < 0)
        return 0;
    int dir = is(tg, k + 2, "ago") ? -2 : (is(tg, k + 2, "later") || is(tg, k + 2, "after")) ? 1
              : (is(tg, k + 2, "earlier") || is(tg, k + 2, "before") || is(tg, k + 2, "prior")) ? -1
                                                                                                 : 0;
    if (!dir)
        return 0;
    /* "two days after the attack" is not anchored to a date we know */
    if ((is(tg, k + 2, "after") || is(tg, k + 2, "before") || is(tg, k + 2, "prior")) &&
        !(k + 3 >= tg->end || kind_at(tg, k + 3) == CL_TOK_PUNCT))
        return 0;
    tx_init(m, i);
    m->gran = (uint8_t)unit_gran(u);
    int n = q < 0 ? 0 : (int)q;
    if (q < 0) {
        /* "several weeks ago": a past reference */
        m->kind = TK_REF;
        m->ref = "PAST_REF";
    } else if (m->gran == G_YEAR && (dir == -2 || dir == -1)) {
        /* years back from now; in a report on a quarter, that quarter then (resolve) */
        m->kind = TK_DCT;
        m->offset = -n;
        m->years_back = n;
    } else if (dir == -2) {
        m->kind = TK_DCT;
        m->offset = -n;
    } else {
        m->kind = TK_ANAPHOR;
        m->offset = dir * n;
    }
    m->last = k + 2;
    return 1;
}

/* [approx] N unit(s) | N-unit | recent weeks | for months | half a year */
static int match_duration(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    const char *mod = NULL;
    const cl_time_lexeme *ap = lex(tg, k, CL_TC_APPROX);
    if (ap) {
        if (is(tg, k, "more") || is(tg, k, "less")) {
            if (!is(tg, k + 1, "than"))
                return 0;
            mod = ap->sval;
            k += 2;
        } else if (is(tg, k, "at") && is(tg, k + 1, "least")) {
            mod = "EQUAL_OR_MORE";
            k += 2;
        } else if (!is(tg, k, "least") && !is(tg, k, "up") && !is(tg, k, "some")) {
            mod = ap->sval;
            k++;
        }
    } else if (is(tg, k, "at") && is(tg, k + 1, "least")) {
        mod = "EQUAL_OR_MORE";
        k += 2;
    }
    double q = 0;
    const cl_time_lexeme *u = NULL;
    uint32_t last = k;
    /* hyphenated "two-day", "11-month" */
    const char *p = k < tg->end ? cl_tok_ptr(tg->doc, k) : "";
    uint32_t n = k < tg->end ? cl_tok_len(tg->doc, k) : 0;
    const char *dash = n ? memchr(p, '-', n) : NULL;
    if (dash && kind_at(tg, k) != CL_TOK_DASH) {
        const cl_time_lexeme *uu = lex_in(tg, dash + 1, n - (size_t)(dash - p) - 1, CL_TC_UNIT);
        if (uu && strcmp(uu->sval, "WE") != 0) {
            const cl_time_lexeme *num = lex_in(tg, p, (size_t)(dash - p), CL_TC_NUMBER);
            char buf[16];
            size_t dl = (size_t)(dash - p);
            int digits = dl > 0 && dl < sizeof buf;
            for (size_t z = 0; z < dl && digits; z++)
                digits = cl_is_digit(p[z]);
            if (num && num->sval[0] != 'X') {
                q = strtod(num->sval, NULL);
                u = uu;
            } else if (digits) {
                memcpy(buf, p, dl);
                buf[dl] = '\0';
                q = strtod(buf, NULL);
                u = uu;
            }
            last = k;
        }
    }
    /* "30-year", "16-hour": the tokenizer splits a number from its unit at the hyphen */
    if (!u && kind_at(tg, k) == CL_TOK_NUMBER && kind_at(tg, k + 1) == CL_TOK_DASH &&
        (tg->doc->tokens.v[k + 1].flags & CL_TF_NOSPACE) && k + 2 < tg->end &&
        (tg->doc->tokens.v[k + 2].flags & CL_TF_NOSPACE) && lex(tg, k + 2, CL_TC_UNIT) &&
        quantity(tg, k, &q)) {
        u = lex(tg, k + 2, CL_TC_UNIT);
        last = k + 2;
    }
    uint32_t qlast = k;
    if (!u && quantity_span(tg, k, &q, &qlast)) {
        u = lex(tg, qlast + 1, CL_TC_UNITS) ? lex(tg, qlast + 1, CL_TC_UNITS)
                                            : lex(tg, qlast + 1, CL_TC_UNIT);
        last = qlast + 1;
        if (u && q < 0 && !lex(tg, k + 1, CL_TC_UNITS))
            u = NULL;
        /* "a day" after a verb is a duration; "a day" as in "once a day" is a set (below) */
        if (u && is(tg, k, "a") && i > tg->first && (is(tg, i - 1, "once") || is(tg, i - 1, "twice") ||
                                                     is(tg, i - 1, "times")))
            u = NULL;
        /* "half a year" */
        if (!u && is(tg, k, "half") && (is(tg, k + 1, "a") || is(tg, k + 1, "an"))) {
            u = lex(tg, k + 2, CL_TC_UNIT);
            q = 0.5;
            last = k + 2;
        }
    }
    if (!u) {
        /* bare plural units after "recent", "for", "over the", "in" + "recent" */
        const cl_time_lexeme *pl = lex(tg, k, CL_TC_UNITS);
        if (pl && i > tg->first && k == i &&
            (is(tg, k - 1, "recent") || is(tg, k - 1, "for") || is(tg, k - 1, "coming") ||
             is(tg, k - 1, "past") || is(tg, k + 1, "of") || is(tg, k - 1, "within"))) {
            u = pl;
            q = -1;
            last = k;
            if (is(tg, k - 1, "recent") || is(tg, k - 1, "coming") || is(tg, k - 1, "past")) {
                m->first = k - 1;
            }
        } else {
            return 0;
        }
    }
    if (unit_gran(u) == G_WEEKEND || strcmp(u->sval, "WE") == 0)
        return 0;
    /* "a minute and a half" */
    if (q > 0 && half_after(tg, last + 1)) {
        q += 0.5;
        last += 3;
    }
    format_duration(m->dur, sizeof m->dur, q, u->sval, 1);
    m->type = CL_TIMEX_DURATION;
    m->kind = TK_DURATION;
    m->mod = mod;
    m->last = last;
    return 1;
}

/* "9 a.m. Tuesday", "4 a.m. EDT Thursday", "10 p.m. on Jan. 12", "noon Friday": a clock
 * time m takes the day named after it. */
static void clock_day_after(const tagger *tg, tx *m)
{
    uint32_t d_at = m->last + 1 + (is(tg, m->last + 1, "on") ? 1 : 0);
    tx day;
    if (match_weekday(tg, d_at, &day) || match_relday(tg, d_at, &day) ||
        (match_month(tg, d_at, &day) && day.gran == G_DAY)) {
        if (day.type != CL_TIMEX_TIME) {
            day.first = m->first;
            day.type = CL_TIMEX_TIME;
            day.hour = m->hour;
            day.minute = m->minute;
            day.part = NULL;
            *m = day;
        }
    }
}

/* 3 p.m. | 10am | 12:30 GMT | noon | midnight */
static int match_clock(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    if (is(tg, i, "noon") || is(tg, i, "midday") || is(tg, i, "midnight")) {
        if (i > tg->first && (is(tg, i - 1, "at") || is(tg, i - 1, "by") || is(tg, i - 1, "until") ||
                              is(tg, i - 1, "before") || is(tg, i - 1, "after"))) {
            m->type = CL_TIMEX_TIME;
            m->kind = TK_DCT;
            m->gran = G_DAY;
            m->hour = is(tg, i, "midnight") ? 24 : 12;
            m->minute = 0;
            clock_day_after(tg, m);
            return 1;
        }
        return 0;
    }
    if (kind_at(tg, i) != CL_TOK_NUMBER)
        return 0;
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    int h = 0, mi = 0, k = 0;
    while (k < (int)n && cl_is_digit(p[k]) && k < 2)
        h = h * 10 + (p[k++] - '0');
    if (k == 0)
        return 0;
    int colon = 0;
    if (k + 3 <= (int)n && (p[k] == ':' || p[k] == '.') && cl_is_digit(p[k + 1]) &&
        cl_is_digit(p[k + 2])) {
        mi = (p[k + 1] - '0') * 10 + (p[k + 2] - '0');
        colon = p[k] == ':';
        k += 3;
    }
    int pm = -1;
    const char *suf = p + k;
    size_t sl = n - (uint32_t)k;
    uint32_t last = i;
    if (sl) {
        if (cl_eq_ci(suf, sl, "am"))
            pm = 0;
        else if (cl_eq_ci(suf, sl, "pm"))
            pm = 1;
        else
            return 0;
    } else if (is(tg, i + 1, "a.m.") || is(tg, i + 1, "am")) {
        pm = 0;
        last = i + 1;
    } else if (is(tg, i + 1, "p.m.") || is(tg, i + 1, "pm")) {
        pm = 1;
        last = i + 1;
    }
    if (pm < 0 && !colon)
        return 0;
    if (pm < 0 && !(is(tg, i + 1, "GMT") || is(tg, i + 1, "UTC") || (i > tg->first && is(tg, i - 1, "at")) ||
                    is(tg, i + 1, "local") || is(tg, i + 1, "hours") || is(tg, i + 1, "hrs")))
        return 0;
    if (h > 24 || mi > 59 || (pm >= 0 && (h == 0 || h > 12)))
        return 0;
    if (pm == 1 && h < 12)
        h += 12;
    if (pm == 0 && h == 12)
        h = 0;
    static const char *const zones[] = {"GMT", "UTC", "EDT", "EST", "CDT", "CST", "PDT", "PST",
                                        "BST", "CET", "CEST", "EET", "EEST", "MSK", NULL};
    for (const char *const *z = zones; *z; z++)
        if (is(tg, last + 1, *z)) {
            last++;
            break;
        }
    if (is(tg, last + 1, "local") && is(tg, last + 2, "time"))
        last += 2;
    m->type = CL_TIMEX_TIME;
    m->kind = TK_DCT;
    m->gran = G_DAY;
    m->hour = h;
    m->minute = mi;
    m->last = last;
    clock_day_after(tg, m);
    return 1;
}

/* now, currently, recently, the past, the future, at the moment */
static int match_ref(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    const cl_time_lexeme *r = lex(tg, i, CL_TC_REF);
    if (r) {
        /* "now" as a discourse marker at the start of a sentence is still PRESENT_REF in
         * TimeML; "once" only counts as "formerly" before a verb-ish word, skip it. */
        if (is(tg, i, "once"))
            return 0;
        m->kind = TK_REF;
        m->ref = r->sval;
        return 1;
    }
    if (is(tg, i, "the")) {
        /* "the near future", "the immediate future" ("the foreseeable future" is a manner
         * of speaking, not a time, in TimeML practice) */
        if (is(tg, i + 2, "future") && !is(tg, i + 3, "of") &&
            (is(tg, i + 1, "near") || is(tg, i + 1, "immediate") || is(tg, i + 1, "distant"))) {
            m->kind = TK_REF;
            m->ref = "FUTURE_REF";
            m->last = i + 2;
            return 1;
        }
        /* "the past", "in the past it considered", "into the future if ..." */
        if ((is(tg, i + 1, "past") || is(tg, i + 1, "future")) &&
            ((i > tg->first && (is(tg, i - 1, "in") || is(tg, i - 1, "into"))) ||
             i + 2 >= tg->end || kind_at(tg, i + 2) == CL_TOK_PUNCT || is(tg, i + 2, "and") ||
             is(tg, i + 2, "or"))) {
            m->kind = TK_REF;
            m->ref = is(tg, i + 1, "past") ? "PAST_REF" : "FUTURE_REF";
            m->last = i + 1;
            return 1;
        }
        return 0;
    }
    if (is(tg, i, "at") && is(tg, i + 1, "the") && is(tg, i + 2, "moment")) {
        m->kind = TK_REF;
        m->ref = "PRESENT_REF";
        m->first = i + 1;
        m->last = i + 2;
        return 1;
    }
    return 0;
}

/* daily, weekly, every day, each year, once a week */
static int match_set(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    const cl_time_lexeme *s = lex(tg, i, CL_TC_SET);
    if (s) {
        m->type = CL_TIMEX_SET;
        m->kind = TK_SET;
        snprintf(m->dur, sizeof m->dur, "%s", s->sval);
        return 1;
    }
    if ((is(tg, i, "every") || is(tg, i, "each") || is(tg, i, "per")) && lex(tg, i + 1, CL_TC_UNIT)) {
        const cl_time_lexeme *u = lex(tg, i + 1, CL_TC_UNIT);
        if (strcmp(u->sval, "WE") == 0)
            return 0;
        int t = strcmp(u->sval, "H") == 0 || strcmp(u->sval, "MIN") == 0;
        m->type = CL_TIMEX_SET;
        m->kind = TK_SET;
        snprintf(m->dur, sizeof m->dur, "P%s1%s", t ? "T" : "",
                 strcmp(u->sval, "MIN") == 0 ? "M" : u->sval);
        m->last = i + 1;
        return 1;
    }
    if ((is(tg, i, "once") || is(tg, i, "twice")) && (is(tg, i + 1, "a") || is(tg, i + 1, "per")) &&
        lex(tg, i + 2, CL_TC_UNIT)) {
        const cl_time_lexeme *u = lex(tg, i + 2, CL_TC_UNIT);
        m->type = CL_TIMEX_SET;
        m->kind = TK_SET;
        snprintf(m->dur, sizeof m->dur, "P1%s", u->sval);
        m->last = i + 2;
        return 1;
    }
    return 0;
}

/* Christmas, New Year's Day */
static int match_holiday(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    char key[64];
    size_t o = 0;
    const cl_time_lexeme *best = NULL;
    uint32_t best_last = i;
    for (uint32_t k = i; k < tg->end && k < i + 4; k++) {
        const char *p = cl_tok_ptr(tg->doc, k);
        uint32_t n = cl_tok_len(tg->doc, k);
        if (!cap_at(tg, k) && tg->doc->tokens.v[k].kind != CL_TOK_POSS)
            break;
        if (o && !(tg->doc->tokens.v[k].flags & CL_TF_NOSPACE) && o + 1 < sizeof key)
            key[o++] = ' ';
        if (o + n >= sizeof key)
            break;
        for (uint32_t z = 0; z < n; z++) {
            char c = p[z];
            /* typographic apostrophe -> ' */
            if ((unsigned char)c == 0xE2 && z + 2 < n && (unsigned char)p[z + 1] == 0x80 &&
                (unsigned char)p[z + 2] == 0x99) {
                key[o++] = '\'';
                z += 2;
                continue;
            }
            key[o++] = c;
        }
        const cl_time_lexeme *h = lex_in(tg, key, o, CL_TC_HOLIDAY);
        if (h) {
            best = h;
            best_last = k;
        }
    }
    size_t hl = best ? strlen(best->sval) : 0;
    if (!best || (hl != 5 && hl != 6))
        return 0;
    tx_init(m, i);
    m->kind = TK_ABS;
    m->gran = G_DAY;
    m->month = atoi(best->sval);
    if (cl_is_digit(best->sval[3])) {
        m->day = atoi(best->sval + 3);
    } else {
        /* "11-TH4": the fourth Thursday of November; the day depends on the year */
        static const char *const wd[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
        int w = 0;
        for (int k = 0; k < 7; k++)
            if (memcmp(best->sval + 3, wd[k], 2) == 0)
                w = k + 1;
        if (!w)
            return 0;
        m->weekday = w;
        m->quarter = best->sval[5] - '0'; /* the n-th */
        m->day = 1;
    }
    m->last = best_last;
    int y = year_value(tg, best_last + 1);
    if (y > 0) {
        m->year = y;
        m->last = best_last + 1;
    }
    return 1;
}

/* ---------------------------------------------------------------- resolution */

/* Does the clause around token i talk about the future? */
static int past_verb(const tagger *tg, uint32_t k)
{
    static const char *const irregular[] = {
        "said", "was", "were", "had", "did", "told", "took", "came", "went", "made", "met",
        "saw", "began", "fell", "held", "left", "gave", "got", "won", "lost", "ran", "sent",
        "spent", "struck", "fought", "hit", "began", "rose", "sold", "bought", "paid", "put",
        "set", "led", "wrote", "spoke", "knew", "thought", "became", "brought", "kept", NULL};
    for (const char *const *w = irregular; *w; w++)
        if (is(tg, k, *w))
            return 1;
    const char *p = cl_tok_ptr(tg->doc, k);
    uint32_t n = cl_tok_len(tg->doc, k);
    return kind_at(tg, k) == CL_TOK_WORD && !cap_at(tg, k) && n > 4 && p[n - 2] == 'e' &&
           p[n - 1] == 'd' && !is(tg, k, "need") && !is(tg, k, "speed") && !is(tg, k, "indeed");
}

static int future_marker(const tagger *tg, uint32_t k)
{
    static const char *const w[] = {"will", "'ll", "shall", "scheduled", "upcoming", "expected",
                                    "plans", "planned", "planning", "due", "intends", "going",
                                    "next", "coming", "tomorrow", "effective", "payable", NULL};
    for (const char *const *p = w; *p; p++)
        if (is(tg, k, *p))
            return 1;
    return 0;
}

/* Tense of the clause around an expression: the nearest tense marker before it (a past
 * verb, or will / scheduled / expected ...), else the nearest after it. Returns 1 future,
 * 0 past, -1 when nothing tells. */
static int future_context(const tagger *tg, uint32_t first, uint32_t last)
{
    for (uint32_t k = first; k-- > tg->first && k + 10 > first;) {
        if (kind_at(tg, k) == CL_TOK_PUNCT && (is(tg, k, ";") || is(tg, k, ".")))
            break;
        if (future_marker(tg, k))
            /* "had been scheduled to", "was expected": a plan told in the past */
            return k > tg->first && !is(tg, k, "going") && !is(tg, k, "planning") &&
                           (is(tg, k - 1, "been") || is(tg, k - 1, "was") ||
                            is(tg, k - 1, "were") || is(tg, k - 1, "had"))
                       ? 0
                       : 1;
        if (past_verb(tg, k))
            return 0;
    }
    for (uint32_t k = last + 1; k < tg->end && k <= last + 8; k++) {
        if (future_marker(tg, k))
            return 1;
        if (past_verb(tg, k))
            return 0;
    }
    return -1;
}

static void gran_interval(int gran, int y, int mo, int d, int q, const char *season, int decade,
                          cl_interval *out)
{
    switch (gran) {
    case G_DAY:
        *out = cl_interval_day(cl_days_from_civil(y, mo, d));
        break;
    case G_MONTH:
        out->lo = cl_days_from_civil(y, mo, 1);
        out->hi = cl_days_from_civil(y, mo, cl_days_in_month(y, mo));
        break;
    case G_QUARTER:
        out->lo = cl_days_from_civil(y, (q - 1) * 3 + 1, 1);
        out->hi = cl_days_from_civil(y, q * 3, cl_days_in_month(y, q * 3));
        break;
    case G_HALF:
        out->lo = cl_days_from_civil(y, q == 1 ? 1 : 7, 1);
        out->hi = cl_days_from_civil(y, q == 1 ? 6 : 12, q == 1 ? 30 : 31);
        break;
    case G_SEASON: {
        int start = strcmp(season, "SP") == 0 ? 3 : strcmp(season, "SU") == 0 ? 6
                    : strcmp(season, "FA") == 0 ? 9 : 12;
        out->lo = cl_days_from_civil(y, start, 1);
        int ey = start == 12 ? y + 1 : y, em = start == 12 ? 2 : start + 2;
        out->hi = cl_days_from_civil(ey, em, cl_days_in_month(ey, em));
        break;
    }
    case G_YEAR:
        out->lo = cl_days_from_civil(y, 1, 1);
        out->hi = cl_days_from_civil(y, 12, 31);
        break;
    case G_DECADE:
        out->lo = cl_days_from_civil(decade * 10, 1, 1);
        out->hi = cl_days_from_civil(decade * 10 + 9, 12, 31);
        break;
    default:
        *out = cl_interval_none();
    }
}

/* Narrows an interval for START/MID/END. */
static void apply_mod(const char *mod, cl_interval *iv)
{
    if (!mod || !cl_interval_known(*iv) || iv->hi - iv->lo < 2)
        return;
    int32_t len = iv->hi - iv->lo + 1, third = len / 3;
    if (strcmp(mod, "START") == 0)
        iv->hi = iv->lo + third;
    else if (strcmp(mod, "MID") == 0) {
        iv->lo += third;
        iv->hi -= third;
    } else if (strcmp(mod, "END") == 0)
        iv->lo = iv->hi - third;
}

static const char *day_value_str(cl_arena *a, int32_t z)
{
    char b[16];
    cl_format_day(z, b);
    return cl_arena_strdup(a, b);
}

/* Picks the year for a month (and day) given without one, by the document date and tense. */
static int guess_year(const tagger *tg, const tx *m, int future)
{
    int y, mo, d;
    cl_civil_from_days(tg->dct, &y, &mo, &d);
    int day = m->day > 0 ? m->day : 1;
    /* the year that puts the date nearest the document date; the tense decides only when
     * the date is months away (a past "March 12" in a February article is last year's) */
    int best = y;
    int32_t best_dist = INT32_MAX;
    for (int cy = y - 1; cy <= y + 1; cy++) {
        int32_t cand = cl_days_from_civil(cy, m->month, day);
        if (m->gran == G_MONTH)
            cand += 14;
        int32_t dist = cand > tg->dct ? cand - tg->dct : tg->dct - cand;
        if (dist < best_dist) {
            best_dist = dist;
            best = cy;
        }
    }
    int32_t cand = cl_days_from_civil(best, m->month, day);
    /* with no tense, news looks back ("rose in March"), but a deadline ("by February",
     * "through January") may lie either side: the nearest then */
    if (future < 0 && m->first > tg->first &&
        (is(tg, m->first - 1, "by") || is(tg, m->first - 1, "until") ||
         is(tg, m->first - 1, "till") || is(tg, m->first - 1, "through")))
        return best;
    if (future <= 0 && cand > tg->dct + 60)
        return best - 1;
    if (future == 1 && cand < tg->dct - 60)
        return best + 1;
    return best;
}

/* The year of "last April" (the latest April before the document month), "next May",
 * "this September", "June last year". */
static int shifted_year(const tagger *tg, const tx *m)
{
    int y, mo, d;
    cl_civil_from_days(tg->dct, &y, &mo, &d);
    if (m->yrel == 2 || m->yshift == 0)
        return y + m->yshift;
    if (m->yshift < 0)
        return m->month < mo ? y : y - 1;
    return m->month > mo ? y : y + 1;
}

/* Writes value and interval for a match. Returns the timex. */
static void resolve(tagger *tg, tx *m, cl_timex *out)
{
    cl_arena *a = &tg->doc->arena;
    cl_interval iv = cl_interval_none();
    const char *value = NULL;
    char buf[64];
    int future = -1;
    out->anchored = 0;
    switch (m->kind) {
    case TK_REF:
        value = m->ref;
        if (strcmp(m->ref, "PRESENT_REF") == 0 && tg->dct != CL_DAY_NONE) {
            iv = cl_interval_day(tg->dct);
            out->anchored = 1;
        }
        break;
    case TK_DURATION:
    case TK_SET:
        value = cl_arena_strdup(a, m->dur);
        break;
    case TK_ABS: {
        int y = m->year;
        if (y < 0 && m->gran != G_DECADE) {
            if (tg->dct == CL_DAY_NONE) {
                if (m->gran == G_DAY)
                    snprintf(buf, sizeof buf, "XXXX-%02d-%02d", m->month, m->day);
                else if (m->gran == G_MONTH)
                    snprintf(buf, sizeof buf, "XXXX-%02d", m->month);
                else
                    snprintf(buf, sizeof buf, "XXXX");
                value = cl_arena_strdup(a, buf);
                break;
            }
            future = future_context(tg, m->first, m->last);
            y = m->yrel ? shifted_year(tg, m) : guess_year(tg, m, future);
            out->anchored = 1;
        }
        if (m->gran == G_DAY && m->weekday && m->quarter > 0) {
            int32_t first = cl_days_from_civil(y, m->month, 1);
            int delta = (m->weekday - cl_weekday(first) + 7) % 7;
            int32_t z = first + delta + 7 * (m->quarter - 1);
            int yy, mm, dd;
            cl_civil_from_days(z, &yy, &mm, &dd);
            m->day = dd;
        }
        if (m->gran == G_DAY && !cl_is_valid_date(y, m->month, m->day)) {
            snprintf(buf, sizeof buf, "%04d-%02d-XX", y, m->month);
            value = cl_arena_strdup(a, buf);
            break;
        }
        gran_interval(m->gran, y, m->month, m->day, m->quarter, m->season, m->decade, &iv);
        switch (m->gran) {
        case G_DAY: snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m->month, m->day); break;
        case G_MONTH: snprintf(buf, sizeof buf, "%04d-%02d", y, m->month); break;
        case G_QUARTER: snprintf(buf, sizeof buf, "%04d-Q%d", y, m->quarter); break;
        case G_HALF: snprintf(buf, sizeof buf, "%04d-H%d", y, m->quarter); break;
        case G_SEASON: snprintf(buf, sizeof buf, "%04d-%s", y, m->season); break;
        case G_YEAR: snprintf(buf, sizeof buf, "%04d", y); break;
        case G_DECADE: snprintf(buf, sizeof buf, "%03d", m->decade); break;
        default: snprintf(buf, sizeof buf, "XXXX");
        }
        value = cl_arena_strdup(a, buf);
        break;
    }
    case TK_WEEKDAY: {
        if (tg->dct == CL_DAY_NONE) {
            snprintf(buf, sizeof buf, "XXXX-WXX-%d", m->weekday);
            value = cl_arena_strdup(a, buf);
            break;
        }
        future = m->shift > 0 ? 1 : m->shift < 0 ? 0 : future_context(tg, m->first, m->last);
        int wd = cl_weekday(tg->dct);
        int32_t day;
        if (future < 0) {
            /* no tense: news mostly reports what happened, so the past one, unless the day
             * is only a day or two ahead ("meet Tuesday" in a Monday paper) */
            int back = (wd - m->weekday + 7) % 7, ahead = (m->weekday - wd + 7) % 7;
            future = ahead < back && ahead <= 2;
        }
        if (future) {
            int delta = (m->weekday - wd + 7) % 7;
            if (m->shift > 0 && delta == 0)
                delta = 7;
            day = tg->dct + delta;
        } else {
            int delta = (wd - m->weekday + 7) % 7;
            if (m->shift < 0 && delta == 0)
                delta = 7;
            day = tg->dct - delta;
        }
        iv = cl_interval_day(day);
        value = day_value_str(a, day);
        out->anchored = 1;
        break;
    }
    case TK_DCT:
    case TK_ANAPHOR: {
        if (m->years_back && tg->last_q) {
            int qy = tg->last_q_year - m->years_back;
            gran_interval(G_QUARTER, qy, 0, 0, tg->last_q, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-Q%d", qy, tg->last_q);
            value = cl_arena_strdup(a, buf);
            out->anchored = 1;
            break;
        }
        int32_t base = m->kind == TK_ANAPHOR && tg->anchor != CL_DAY_NONE ? tg->anchor : tg->dct;
        if (base == CL_DAY_NONE) {
            value = m->gran == G_DAY ? "XXXX-XX-XX" : m->gran == G_WEEK ? "XXXX-WXX"
                    : m->gran == G_MONTH ? "XXXX-XX" : "XXXX";
            break;
        }
        out->anchored = 1;
        int y, mo, d;
        cl_civil_from_days(base, &y, &mo, &d);
        switch (m->gran) {
        case G_DAY: {
            int32_t day = base + m->offset;
            iv = cl_interval_day(day);
            value = day_value_str(a, day);
            break;
        }
        case G_WEEK:
        case G_WEEKEND: {
            int32_t day = base + 7 * m->offset;
            int iy, w;
            cl_iso_week(day, &iy, &w);
            int32_t mon = cl_iso_week_monday(iy, w);
            if (m->gran == G_WEEKEND) {
                iv = (cl_interval){mon + 5, mon + 6};
                snprintf(buf, sizeof buf, "%04d-W%02d-WE", iy, w);
            } else {
                iv = (cl_interval){mon, mon + 6};
                snprintf(buf, sizeof buf, "%04d-W%02d", iy, w);
            }
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_MONTH: {
            int total = y * 12 + (mo - 1) + m->offset;
            int ny = total / 12, nm = total % 12 + 1;
            gran_interval(G_MONTH, ny, nm, 1, 0, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-%02d", ny, nm);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_QUARTER: {
            int q = m->quarter ? m->quarter : (mo - 1) / 3 + 1;
            int total = m->quarter ? (y + m->offset) * 4 + (q - 1)
                                   : y * 4 + (q - 1) + m->offset + m->sub;
            int ny = total / 4, nq = total % 4 + 1;
            gran_interval(G_QUARTER, ny, 0, 0, nq, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-Q%d", ny, nq);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_HALF: {
            int ny = y + m->offset;
            gran_interval(G_HALF, ny, 0, 0, m->quarter, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-H%d", ny, m->quarter);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_SEASON: {
            int ny = y + m->offset;
            gran_interval(G_SEASON, ny, 0, 0, 0, m->season, 0, &iv);
            snprintf(buf, sizeof buf, "%04d-%s", ny, m->season);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_YEAR: {
            int ny = y + m->offset;
            gran_interval(G_YEAR, ny, 0, 0, 0, NULL, 0, &iv);
            snprintf(buf, sizeof buf, "%04d", ny);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_DECADE: {
            int dec = y / 10 + m->offset;
            gran_interval(G_DECADE, 0, 0, 0, 0, NULL, dec, &iv);
            snprintf(buf, sizeof buf, "%03d", dec);
            value = cl_arena_strdup(a, buf);
            break;
        }
        case G_CENTURY: {
            int c = y / 100 + m->offset;
            snprintf(buf, sizeof buf, "%02d", c);
            value = cl_arena_strdup(a, buf);
            break;
        }
        default:
            value = "XXXX";
        }
        /* earlier this week: the part before the document date; later: after it */
        if (m->sub && m->gran != G_QUARTER && cl_interval_known(iv) && tg->dct != CL_DAY_NONE) {
            if (m->sub < 0 && tg->dct > iv.lo)
                iv.hi = tg->dct - 1 < iv.hi ? tg->dct - 1 : iv.hi;
            else if (m->sub > 0 && tg->dct < iv.hi)
                iv.lo = tg->dct + 1 > iv.lo ? tg->dct + 1 : iv.lo;
        }
        break;
    }
    }
    apply_mod(m->mod, &iv);
    /* Times: the day plus T + part of day or clock time. */
    if (m->type == CL_TIMEX_TIME) {
        const char *day = value ? value : "XXXX-XX-XX";
        if (m->part)
            snprintf(buf, sizeof buf, "%sT%s", day, m->part);
        else
            snprintf(buf, sizeof buf, "%sT%02d:%02d", day, m->hour, m->minute);
        value = cl_arena_strdup(a, buf);
    }
    out->value = value ? value : "XXXX-XX-XX";
    out->mod = m->mod;
    out->when = iv;
}

/* ---------------------------------------------------------------- driver */

typedef int (*matcher)(const tagger *, uint32_t, tx *);

static int match_at(const tagger *tg, uint32_t i, tx *best)
{
    static const matcher matchers[] = {match_iso,   match_clock,    match_holiday, match_period,
                                       match_quarter,
                                       match_month, match_weekday,  match_year,
                                       match_relday, match_shift,   match_ago,
                                       match_duration, match_set,   match_ref};
    int found = 0;
    for (size_t k = 0; k < sizeof matchers / sizeof *matchers; k++) {
        tx m;
        if (!matchers[k](tg, i, &m))
            continue;
        /* keep the longest match starting here */
        if (!found || m.last > best->last) {
            *best = m;
            found = 1;
        }
    }
    return found;
}

/* Tags the tokens of one sentence. Expressions are resolved in two passes so that an
 * anaphoric one ("late the previous day") can lean on a date later in the same sentence
 * ("..., he said on Wednesday") when none comes before it. */
static void tag_sentence(tagger *tg, uint32_t s_index)
{
    const cl_sentence *s = &tg->doc->sentences.v[s_index];
    tg->first = s->tok_first;
    tg->end = s->tok_first + s->tok_count;
    tx found[64];
    uint32_t n = 0;
    for (uint32_t i = tg->first; i < tg->end && n < 64;) {
        const cl_token *t = &tg->doc->tokens.v[i];
        if ((t->kind != CL_TOK_WORD && t->kind != CL_TOK_NUMBER) || !tg->may_start[i]) {
            i++;
            continue;
        }
        tx m;
        if (!match_at(tg, i, &m)) {
            i++;
            continue;
        }
        if (m.type == 0 && m.kind != TK_DURATION && m.kind != TK_SET)
            m.type = CL_TIMEX_DATE;
        found[n++] = m;
        i = m.last + 1;
    }
    if (n == 0)
        return;
    cl_timex *out = cl_arena_zalloc(&tg->doc->arena, sizeof(cl_timex) * n);
    int32_t anchor_before = tg->anchor;
    /* pass 1: everything that does not lean on another expression */
    for (uint32_t k = 0; k < n; k++) {
        if (found[k].kind == TK_ANAPHOR)
            continue;
        out[k].type = found[k].type;
        resolve(tg, &found[k], &out[k]);
        const char *v = out[k].value;
        if (!found[k].years_back && found[k].yrel != 2 && v && strlen(v) == 7 && v[4] == '-' && v[5] == 'Q' &&
            cl_is_digit(v[6])) {
            tg->last_q_year = atoi(v);
            tg->last_q = v[6] - '0';
        }
    }
    /* pass 2: anaphoric ones, from the nearest earlier day, else a later one in the sentence */
    for (uint32_t k = 0; k < n; k++) {
        if (found[k].kind != TK_ANAPHOR)
            continue;
        int32_t anchor = CL_DAY_NONE;
        for (uint32_t j = k; j-- > 0 && anchor == CL_DAY_NONE;)
            if (found[j].kind != TK_ANAPHOR && cl_interval_known(out[j].when) &&
                out[j].when.lo == out[j].when.hi)
                anchor = out[j].when.lo;
        if (anchor == CL_DAY_NONE)
            anchor = anchor_before;
        if (anchor == CL_DAY_NONE)
            for (uint32_t j = k + 1; j < n && anchor == CL_DAY_NONE; j++)
                if (found[j].kind != TK_ANAPHOR && cl_interval_known(out[j].when) &&
                    out[j].when.lo == out[j].when.hi)
                    anchor = out[j].when.lo;
        tg->anchor = anchor;
        out[k].type = found[k].type;
        resolve(tg, &found[k], &out[k]);
    }
    /* the last day of this sentence anchors the next ones */
    tg->anchor = anchor_before;
    for (uint32_t k = 0; k < n; k++)
        if (cl_interval_known(out[k].when) && out[k].when.lo == out[k].when.hi)
            tg->anchor = out[k].when.lo;
    for (uint32_t k = 0; k < n; k++) {
        cl_timex *x = &CL_VEC_PUSH(&tg->doc->arena, tg->doc->timexes);
        *x = out[k];
        x->tok_first = found[k].first;
        x->tok_count = found[k].last - found[k].first + 1;
        x->start = tg->doc->tokens.v[found[k].first].start;
        x->end = tg->doc->tokens.v[found[k].last].end;
        x->sentence = s_index;
    }
}

void cl_timex_tag(cl_doc *doc)
{
    tagger tg = {0};
    tg.doc = doc;
    tg.t = &doc->ctx->time;
    tg.dct = doc->date.lo;
    tg.anchor = CL_DAY_NONE;
    tg.tok_lex = cl_arena_alloc(&doc->arena, sizeof(uint32_t) * (doc->tokens.n + 1));
    tg.may_start = cl_arena_alloc(&doc->arena, doc->tokens.n + 1);
    for (uint32_t i = 0; i < doc->tokens.n; i++) {
        uint32_t k;
        const cl_token *t = &doc->tokens.v[i];
        uint32_t n = t->end - t->start;
        tg.tok_lex[i] = (t->kind == CL_TOK_WORD || t->kind == CL_TOK_POSS) && n <= 40 &&
                                cl_strmap_get(&tg.t->words, doc->text + t->start, n, &k)
                            ? k
                            : UINT32_MAX;
        int start = t->kind == CL_TOK_NUMBER || tg.tok_lex[i] != UINT32_MAX;
        for (uint32_t j = 0; j < n && !start && t->kind == CL_TOK_WORD; j++) {
            char c = doc->text[t->start + j];
            start = (c >= '0' && c <= '9') || c == '-' || c == '.';
        }
        if (!start && t->kind == CL_TOK_WORD)
            start = cl_strmap_get(&tg.t->literals, doc->text + t->start, n, &k);
        tg.may_start[i] = (uint8_t)start;
    }
    for (uint32_t s = 0; s < doc->sentences.n; s++)
        tag_sentence(&tg, s);
}

static void timex_range(const cl_doc *doc, uint32_t k, uint32_t *first, uint32_t *count)
{
    *first = doc->timexes.v[k].tok_first;
    *count = doc->timexes.v[k].tok_count;
}

void cl_time_run(cl_doc *doc)
{
    doc->date = cl_interval_none();
    doc->date_basis = CL_DATE_NONE;
    int32_t z;
    if (doc->meta_date && cl_parse_day(doc->meta_date, &z)) {
        doc->date = cl_interval_day(z);
        doc->date_basis = CL_DATE_METADATA;
    }
    cl_timex_tag(doc);
    doc->tok_timex = cl_doc_token_index(doc, doc->timexes.n, timex_range);
}
