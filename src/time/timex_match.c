/* timex_match.c - the date tagger's matchers: each reads the tokens at one position and,
 * when they make a temporal expression, fills in a `tx` with what the words say (month 5 +
 * day 12, "last" + "week", weekday 5 + part EV) and its last token. Nothing is anchored
 * here; cl_tx_resolve (timex_resolve.c) does that. */
#include "time/timex_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "time/calendar.h"
#include "util/text.h"

/* 2023-01-13 */
int cl_tx_match_iso(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    int y = cl_tx_year_value(tg, i);
    if (y < 0 || i + 4 >= tg->end || cl_tx_kind_at(tg, i + 1) != CL_TOK_DASH ||
        cl_tx_kind_at(tg, i + 3) != CL_TOK_DASH)
        return 0;
    int nd1 = 0, nd2 = 0;
    long mo = cl_tx_digits_value(tg, i + 2, &nd1), d = cl_tx_digits_value(tg, i + 4, &nd2);
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
    const cl_time_lexeme *mod = cl_tx_lex_in(tg, p, (size_t)(dash - p), CL_TC_MOD);
    if (!mod)
        return NULL;
    *rest = dash + 1;
    *rest_len = n - (size_t)(dash - p) - 1;
    return mod;
}

/* Is token i a usable month name? "May" and "March" need support from a neighbour. */
static const cl_time_lexeme *month_at(const tagger *tg, uint32_t i)
{
    const cl_time_lexeme *mo = cl_tx_lex(tg, i, CL_TC_MONTH);
    if (!mo)
        return NULL;
    if (!cl_tx_cap_at(tg, i))
        return NULL;
    const cl_time_lexeme *weak = cl_tx_lex(tg, i, CL_TC_WEAK_MONTH);
    if (!weak)
        return mo;
    /* supported by a day or year after, or a preposition/modifier before */
    if (cl_tx_day_value(tg, i + 1) > 0 || cl_tx_year_value(tg, i + 1) > 0)
        return mo;
    /* "May was a difficult month": the month as a subject */
    if (weak->ival && cl_tx_lex(tg, i + 1, CL_TC_MONTH_VERB))
        return mo;
    if (i > tg->first) {
        if (cl_tx_lex(tg, i - 1, CL_TC_MONTH_CUE))
            return (tg->doc->tokens.v[i].flags & CL_TF_SENT_START) ? NULL : mo;
        if (cl_tx_day_value(tg, i - 1) > 0)
            return mo;
    }
    return NULL;
}

/* "June last year", "Oct. 5 next year": a year-less date placed by a relative year. */
static void year_shift_after(const tagger *tg, tx *m)
{
    uint32_t k = m->last + 1;
    const cl_time_lexeme *sh = cl_tx_lex(tg, k, CL_TC_SHIFT);
    if (m->year > 0 || m->yrel || !sh || sh->anaphoric || !cl_tx_is(tg, k + 1, "year"))
        return;
    m->yrel = 2;
    m->yshift = sh->ival;
    m->last = k + 1;
}

/* Month phrases: [mod] Month [day][,] [year] | day [of] Month [year] | Month [of] year */
int cl_tx_match_month(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    const char *mod = NULL;
    /* "early", "mid", "late", "the beginning/end/middle of" */
    const cl_time_lexeme *md = cl_tx_lex(tg, k, CL_TC_MOD);
    if (md && (month_at(tg, k + 1) || cl_tx_year_value(tg, k + 1) > 0) &&
        !cl_tx_is(tg, k, "end") && !cl_tx_is(tg, k, "start") && !cl_tx_is(tg, k, "beginning") &&
        !cl_tx_is(tg, k, "middle")) {
        mod = md->sval;
        k++;
    } else if (cl_tx_is(tg, k, "the") && cl_tx_lex(tg, k + 1, CL_TC_MOD) &&
               cl_tx_is(tg, k + 2, "of") &&
               (month_at(tg, k + 3) || cl_tx_year_value(tg, k + 3) > 0)) {
        mod = cl_tx_lex(tg, k + 1, CL_TC_MOD)->sval;
        k += 3;
    }
    /* hyphenated "mid-May" */
    const char *rest;
    size_t rest_len;
    const cl_time_lexeme *hm = !mod ? hyphen_mod(tg, k, &rest, &rest_len) : NULL;
    if (hm) {
        const cl_time_lexeme *mo = cl_tx_lex_in(tg, rest, rest_len, CL_TC_MONTH);
        if (mo) {
            m->kind = TK_ABS;
            m->gran = G_MONTH;
            m->month = mo->ival;
            m->mod = hm->sval;
            m->last = k;
            int y = cl_tx_year_value(tg, k + 1);
            if (y > 0) {
                m->year = y;
                m->last = k + 1;
            }
            return 1;
        }
        /* mid-2022 */
        int nd = 0;
        long y = 0;
        for (size_t q = 0; q < rest_len && cl_is_digit(rest[q]) && nd < 5; q++, nd++)
            y = y * 10 + (rest[q] - '0'); /* five digits say "not a year": stop there */
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
    int d = cl_tx_day_value(tg, k);
    if (d > 0) {
        uint32_t j = k + 1 + (cl_tx_is(tg, k + 1, "of") ? 1 : 0);
        const cl_time_lexeme *mo = month_at(tg, j);
        if (mo && (cl_tx_kind_at(tg, k) == CL_TOK_NUMBER || cl_tx_lex(tg, k, CL_TC_ORDINAL))) {
            m->kind = TK_ABS;
            m->gran = G_DAY;
            m->month = mo->ival;
            m->day = d;
            m->last = j;
            uint32_t y_at = j + 1 + (cl_tx_is(tg, j + 1, ",") ? 1 : 0), y_last;
            int y = cl_tx_year_span(tg, y_at, &y_last);
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
    if (cl_tx_is(tg, k, "the") && cl_tx_day_value(tg, k + 1) > 0 && cl_tx_is(tg, k + 2, "of") &&
        month_at(tg, k + 3)) {
        if (cl_tx_match_month(tg, k + 1, m)) {
            m->first = i;
            return 1;
        }
        return 0;
    }
    /* "last April", "next January", "this September" */
    const cl_time_lexeme *sh = cl_tx_lex(tg, k, CL_TC_SHIFT);
    if (sh && !sh->anaphoric && month_at(tg, k + 1) && cl_tx_year_value(tg, k + 2) < 0) {
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
    int dd = cl_tx_day_value(tg, k + 1);
    if (dd > 0 && !(cl_tx_kind_at(tg, k + 2) == CL_TOK_WORD && (cl_tx_lex(tg, k + 2, CL_TC_UNITS) ||
                                                           cl_tx_lex(tg, k + 2, CL_TC_UNIT)))) {
        m->gran = G_DAY;
        m->day = dd;
        m->last = k + 1;
        uint32_t y_at = k + 2 + (cl_tx_is(tg, k + 2, ",") ? 1 : 0), y_last;
        int y = cl_tx_year_span(tg, y_at, &y_last);
        if (y > 0) {
            m->year = y;
            m->last = y_last;
        }
        year_shift_after(tg, m);
        return 1;
    }
    m->gran = G_MONTH;
    uint32_t y_at = k + 1 + (cl_tx_is(tg, k + 1, "of") || cl_tx_is(tg, k + 1, ",") ? 1 : 0), y_last;
    int y = cl_tx_year_span(tg, y_at, &y_last);
    if (y > 0) {
        m->year = y;
        m->last = y_last;
    }
    year_shift_after(tg, m);
    return 1;
}

/* Years, decades, seasons, quarters: 2023 | the 1990s | spring 2022 | the third quarter */
int cl_tx_match_year(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    const cl_time_lexeme *md = cl_tx_lex(tg, k, CL_TC_MOD);
    const char *mod = NULL;
    if (md && !cl_tx_is(tg, k, "end") && !cl_tx_is(tg, k, "start") &&
        !cl_tx_is(tg, k, "beginning") && !cl_tx_is(tg, k, "middle")) {
        mod = md->sval;
        k++;
    } else if (cl_tx_is(tg, k, "the") && cl_tx_lex(tg, k + 1, CL_TC_MOD) &&
               cl_tx_is(tg, k + 2, "of")) {
        mod = cl_tx_lex(tg, k + 1, CL_TC_MOD)->sval;
        k += 3;
    }
    /* [the] season [of] [year] */
    if (cl_tx_is(tg, k, "the") && cl_tx_lex(tg, k + 1, CL_TC_SEASON))
        k++;
    const cl_time_lexeme *se = cl_tx_lex(tg, k, CL_TC_SEASON);
    if (se) {
        uint32_t y_at = k + 1 + (cl_tx_is(tg, k + 1, "of") ? 1 : 0), y_last;
        int y = cl_tx_year_span(tg, y_at, &y_last);
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
    uint32_t d_at = k + (cl_tx_is(tg, k, "the") ? 1 : 0);
    if (cl_tx_kind_at(tg, d_at) == CL_TOK_NUMBER) {
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
    if (cl_tx_is(tg, k, "the") && cl_tx_is(tg, k + 1, "year") &&
        cl_tx_lex(tg, k + 2, CL_TC_NUMBER) && cl_tx_lex(tg, k + 2, CL_TC_NUMBER)->ival == 2 &&
        cl_tx_is(tg, k + 3, "thousand")) {
        m->kind = TK_ABS;
        m->gran = G_YEAR;
        m->year = 2000;
        m->last = k + 3;
        return 1;
    }
    uint32_t y_last = k;
    if (cl_tx_is(tg, k, "the") && cl_tx_is(tg, k + 1, "year") &&
        cl_tx_year_span(tg, k + 2, &y_last) > 0)
        k += 2;
    /* a bare year */
    int y = cl_tx_year_span(tg, k, &y_last);
    if (y < 0)
        return 0;
    if (y < 1800 || y > 2100)
        return 0;
    /* "some 2000 people", "2000 troops": a count, not a year */
    if (k > tg->first && (cl_tx_lex(tg, k - 1, CL_TC_COUNT_CUE) || cl_tx_is(tg, k - 1, "$")))
        return 0;
    if (cl_tx_lex(tg, k + 1, CL_TC_COUNTED))
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
    return cl_tx_is(tg, k, "year") && cl_tx_kind_at(tg, k + 1) == CL_TOK_POSS;
}

/* Quarters and halves: "the third quarter (of 2023)", "its fourth quarter", "the fiscal
 * first quarter", "the 1988 second quarter", "this year's third quarter", "the last half
 * of 1989", "the year-ago third quarter", "the 1988 quarter" (the quarter under report,
 * of that year). A quarter named without a year is this year's, or last year's when it
 * is still to come and the clause is not about the future. */
int cl_tx_match_quarter(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    uint32_t k = i, n0 = cl_tok_len(tg->doc, i);
    char c0 = (char)(cl_tok_ptr(tg->doc, i)[0] | 0x20);
    int det = 0;
    if (c0 == 't' || c0 == 'i' || c0 == 'a')
        det = n0 == 1 ? cl_tx_is(tg, k, "a")
              : n0 == 3 ? cl_tx_is(tg, k, "the") || cl_tx_is(tg, k, "its")
              : n0 == 5 && cl_tx_is(tg, k, "their");
    /* most tokens: neither a determiner, a lexicon word (ordinal, shift) nor "fiscal-" */
    if (!det && tg->tok_lex[i] == UINT32_MAX && c0 != 'f')
        return 0;
    tx_init(m, i);
    k += det ? 1 : 0;
    if (cl_tx_is(tg, i, "its") || cl_tx_is(tg, i, "their"))
        m->first = k; /* TimeML leaves the possessive out: its "third quarter" */
    /* quick exit (this runs at every "the"): what follows must be a number, a word of the
     * lexicon (ordinal, shift, "year"), or a word starting like comparable, corresponding,
     * year-ago, fiscal */
    if (k >= tg->end)
        return 0;
    if (cl_tx_kind_at(tg, k) != CL_TOK_NUMBER && tg->tok_lex[k] == UINT32_MAX) {
        char c1 = (char)(cl_tok_ptr(tg->doc, k)[0] | 0x20);
        if (c1 != 'c' && c1 != 'f' && c1 != 'y')
            return 0;
    }
    int y = -1, yoff = 0, yrel = 0;
    if (det && (y = cl_tx_year_value(tg, k)) > 0) {
        k++; /* the 1988 second quarter */
    } else if (cl_tx_lex(tg, k, CL_TC_SHIFT) && !cl_tx_lex(tg, k, CL_TC_SHIFT)->anaphoric &&
               year_poss(tg, k + 1)) {
        yoff = cl_tx_lex(tg, k, CL_TC_SHIFT)->ival; /* this year's third quarter */
        yrel = 1;
        k += 3;
    } else if (det && (cl_tx_is(tg, k, "comparable") || cl_tx_is(tg, k, "corresponding")) &&
               (cl_tx_is(tg, k + 1, "year-ago") || cl_tx_is(tg, k + 1, "year-earlier"))) {
        yoff = -1;
        yrel = 2;
        k += 2;
    } else if (det && (cl_tx_is(tg, k, "year-ago") || cl_tx_is(tg, k, "year-earlier"))) {
        yoff = -1; /* the year-ago third quarter */
        yrel = 2;
        k++;
    }
    if (cl_tx_is(tg, k, "fiscal"))
        k++;
    const cl_time_lexeme *o = cl_tx_lex(tg, k, CL_TC_ORDINAL);
    const char *p = k < tg->end ? cl_tok_ptr(tg->doc, k) : "";
    uint32_t n = k < tg->end ? cl_tok_len(tg->doc, k) : 0;
    if (!o && n > 7 && cl_eq_ci(p, 7, "fiscal-"))
        o = cl_tx_lex_in(tg, p + 7, n - 7, CL_TC_ORDINAL); /* the fiscal-first quarter */
    int half = 0, q = 0;
    if (o && (cl_tx_is(tg, k + 1, "quarter") || cl_tx_is(tg, k + 1, "half"))) {
        half = cl_tx_is(tg, k + 1, "half");
        q = o->ival;
        k++;
    } else if (det && cl_tx_is(tg, k, "last") && cl_tx_is(tg, k + 1, "half") &&
               cl_tx_is(tg, k + 2, "of") && cl_tx_year_value(tg, k + 3) > 0) {
        half = 1; /* the last half of 1989 */
        q = 2;
        k++;
    } else if ((y > 0 || yrel) && (cl_tx_is(tg, k, "quarter") || cl_tx_is(tg, k, "period"))) {
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
    if (y < 0 && cl_tx_is(tg, k + 1, "of") && cl_tx_year_value(tg, k + 2) > 0) {
        y = cl_tx_year_value(tg, k + 2);
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
        if (q > now_q && cl_tx_future_context(tg, i, m->last) != 1)
            m->offset = -1;
    }
    return 1;
}

/* Business periods: "third-quarter" (a hyphenated adjective: this year's), "the quarter" /
 * "the latest quarter" (the last one completed), "the year" / "the fiscal year" (this
 * year), "the year-earlier quarter" / "the year-ago period" (last year's). */
int cl_tx_match_period(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    const char *dash = memchr(p, '-', n);
    if (dash && cl_eq_ci(dash + 1, n - (size_t)(dash - p) - 1, "quarter")) {
        const cl_time_lexeme *o = cl_tx_lex_in(tg, p, (size_t)(dash - p), CL_TC_ORDINAL);
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
    if (y0 && (cl_tx_is(tg, i, "year-earlier") || cl_tx_is(tg, i, "year-ago")) &&
        !cl_tx_is(tg, i + 1, "quarter") && !cl_tx_is(tg, i + 1, "period")) {
        m->kind = TK_DCT;
        m->gran = G_YEAR;
        m->offset = -1;
        m->years_back = 1;
        return 1;
    }
    /* "year-end", "year end", "year's end": the end of this year (by convention) */
    if (y0 &&
        (cl_tx_is(tg, i, "year-end") || (cl_tx_is(tg, i, "year") && cl_tx_is(tg, i + 1, "end")) ||
         (cl_tx_is(tg, i, "year") && cl_tx_is(tg, i + 1, "'s") && cl_tx_is(tg, i + 2, "end")))) {
        m->kind = TK_DCT;
        m->gran = G_YEAR;
        m->offset = 0;
        m->last = cl_tx_is(tg, i, "year-end") ? i : cl_tx_is(tg, i + 1, "end") ? i + 1 : i + 2;
        return 1;
    }
    if (!cl_tx_is(tg, i, "the"))
        return 0;
    uint32_t k = i + 1;
    int earlier = 0;
    if (cl_tx_is(tg, k, "full") && cl_tx_is(tg, k + 1, "year") && !cl_tx_is(tg, k + 2, "before") &&
        !cl_tx_is(tg, k + 2, "earlier")) {
        m->kind = TK_DCT; /* "the full year": this (fiscal) year */
        m->gran = G_YEAR;
        m->last = k + 1;
        return 1;
    }
    int latest = 0;
    if (cl_tx_is(tg, k, "latest") || cl_tx_is(tg, k, "current") || cl_tx_is(tg, k, "fiscal") ||
        cl_tx_is(tg, k, "most") || cl_tx_is(tg, k, "full")) {
        latest = cl_tx_is(tg, k, "latest") || cl_tx_is(tg, k, "most");
        if (cl_tx_is(tg, k, "most") && cl_tx_is(tg, k + 1, "recent"))
            k++;
        k++;
        if (cl_tx_is(tg, k, "fiscal"))
            k++; /* the current fiscal year */
    }
    if (cl_tx_is(tg, k, "year-earlier") || cl_tx_is(tg, k, "year-ago")) {
        earlier = 1;
        k++;
    }
    if (cl_tx_is(tg, k, "quarter") || ((earlier || latest) && cl_tx_is(tg, k, "period"))) {
        m->kind = TK_DCT;
        m->gran = G_QUARTER;
        m->offset = -1; /* the last completed quarter */
        m->sub = earlier ? -4 : 0;
        m->yrel = earlier ? 2 : 0; /* a year-ago quarter is not the one under report */
        m->last = k;
        return 1;
    }
    if (cl_tx_is(tg, k, "year") && !cl_tx_is(tg, k + 1, "before") &&
        !cl_tx_is(tg, k + 1, "after") && !cl_tx_is(tg, k + 1, "earlier") &&
        !cl_tx_is(tg, k + 1, "later")) {
        if (!earlier && (cl_tx_is(tg, k + 1, "ended") || cl_tx_is(tg, k + 1, "ending"))) {
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
    const cl_time_lexeme *pd = cl_tx_lex(tg, j, CL_TC_PARTOFDAY);
    if (!pd || cl_tx_is(tg, j, "noon") || cl_tx_is(tg, j, "midnight"))
        return 0;
    m->type = CL_TIMEX_TIME;
    m->part = pd->sval;
    m->last = j;
    return 1;
}

/* today / yesterday / tomorrow / tonight [morning] */
int cl_tx_match_relday(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    const cl_time_lexeme *rd = cl_tx_lex(tg, i, CL_TC_RELDAY);
    if (!rd)
        return 0;
    tx_init(m, i);
    m->kind = TK_DCT;
    m->gran = G_DAY;
    m->offset = rd->ival;
    if (cl_tx_is(tg, i, "tonight")) {
        m->type = CL_TIMEX_TIME;
        m->part = "NI";
    } else {
        part_after(tg, i + 1, m);
    }
    return 1;
}

/* [last|next|this] Friday [morning], Friday's [meeting] */
int cl_tx_match_weekday(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    uint32_t k = i;
    int shift = 0;
    const cl_time_lexeme *sh = cl_tx_lex(tg, k, CL_TC_SHIFT);
    if (sh && !sh->anaphoric && cl_tx_lex(tg, k + 1, CL_TC_WEEKDAY)) {
        shift = sh->ival;
        k++;
    }
    const cl_time_lexeme *wd = cl_tx_lex(tg, k, CL_TC_WEEKDAY);
    if (!wd || !cl_tx_cap_at(tg, k))
        return 0;
    tx_init(m, i);
    m->kind = TK_WEEKDAY;
    m->gran = G_DAY;
    m->weekday = wd->ival;
    m->shift = shift;
    m->last = k;
    /* "Friday, Jan. 13": the explicit date wins */
    tx explicit_date;
    uint32_t d_at = k + 1 + (cl_tx_is(tg, k + 1, ",") ? 1 : 0);
    if (cl_tx_match_month(tg, d_at, &explicit_date) && explicit_date.gran == G_DAY) {
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
int cl_tx_match_shift(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    int sub = 0;
    const char *mod = NULL;
    if (cl_tx_is(tg, k, "earlier") || cl_tx_is(tg, k, "later")) {
        sub = cl_tx_is(tg, k, "earlier") ? -1 : 1;
        k++;
    } else if (cl_tx_lex(tg, k, CL_TC_MOD) && !cl_tx_is(tg, k, "end") &&
               !cl_tx_is(tg, k, "start") && !cl_tx_is(tg, k, "beginning") &&
               !cl_tx_is(tg, k, "middle")) {
        mod = cl_tx_lex(tg, k, CL_TC_MOD)->sval; /* "late last year", "late the previous day" */
        k++;
    }
    int the = cl_tx_is(tg, k, "the");
    if (the)
        k++;
    /* "over the weekend": the last one, or the coming one when the clause looks ahead */
    if (the && cl_tx_is(tg, k, "weekend")) {
        m->kind = TK_DCT;
        m->gran = G_WEEKEND;
        int future = cl_tx_future_context(tg, i, k) > 0;
        int wd = tg->dct != CL_DAY_NONE ? cl_weekday(tg->dct) : 1;
        m->offset = future ? (wd >= 6 ? 1 : 0) : (wd >= 6 ? 0 : -1);
        m->last = k;
        return 1;
    }
    const cl_time_lexeme *sh = cl_tx_lex(tg, k, CL_TC_SHIFT);
    if (!sh)
        return 0;
    /* "the last" / "the past" + unit is a duration ("the past week"); "last week" a date */
    uint32_t u_at = k + 1;
    const cl_time_lexeme *u = cl_tx_lex(tg, u_at, CL_TC_UNIT);
    const cl_time_lexeme *pd = cl_tx_lex(tg, u_at, CL_TC_PARTOFDAY);
    const cl_time_lexeme *se = cl_tx_lex(tg, u_at, CL_TC_SEASON);
    if (sh->anaphoric || (the && (cl_tx_is(tg, k, "same") || cl_tx_is(tg, k, "following") ||
                                  cl_tx_is(tg, k, "previous") || cl_tx_is(tg, k, "next")))) {
        /* the previous day / the following week / that evening / the same day */
        if (u && strcmp(u->sval, "D") == 0) {
            m->kind = TK_ANAPHOR;
            m->gran = G_DAY;
            m->offset = sh->anaphoric ? sh->ival : (cl_tx_is(tg, k, "next") ? 1 : 0);
            m->last = u_at;
            m->mod = mod;
            part_after(tg, u_at + 1, m);
            return 1;
        }
        if (pd && !cl_tx_is(tg, u_at, "noon") && !cl_tx_is(tg, u_at, "midnight")) {
            m->kind = TK_ANAPHOR;
            m->gran = G_DAY;
            m->offset = sh->anaphoric ? sh->ival : cl_tx_is(tg, k, "next") ? 1 : 0;
            if (cl_tx_is(tg, u_at, "night") && sh->ival < 0)
                m->offset = -1;
            m->type = CL_TIMEX_TIME;
            m->part = pd->sval;
            m->last = u_at;
            return 1;
        }
        if (u && unit_gran(u) >= 0 && cl_tx_is(tg, k, "that") == 0) {
            /* the following week / the previous month: relative to the last date */
            m->kind = TK_ANAPHOR;
            m->gran = (uint8_t)unit_gran(u);
            m->offset = sh->anaphoric ? sh->ival : 1;
            m->last = u_at;
            return 1;
        }
        return 0;
    }
    if (cl_tx_is(tg, k, "that"))
        return 0;
    if (the && (cl_tx_is(tg, k, "past") || cl_tx_is(tg, k, "last") || cl_tx_is(tg, k, "coming"))) {
        /* the past week -> P1W; the past three years -> P3Y */
        double q = 1, qq;
        uint32_t j = k + 1, qlast;
        if (cl_tx_quantity_span(tg, j, &qq, &qlast) &&
            (cl_tx_lex(tg, qlast + 1, CL_TC_UNITS) || cl_tx_lex(tg, qlast + 1, CL_TC_UNIT))) {
            q = qq;
            j = qlast + 1;
        }
        const cl_time_lexeme *du = cl_tx_lex(tg, j, CL_TC_UNITS) ? cl_tx_lex(tg, j, CL_TC_UNITS)
                                                           : cl_tx_lex(tg, j, CL_TC_UNIT);
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
    if (pd && !the && (cl_tx_is(tg, k, "this") || cl_tx_is(tg, k, "last"))) {
        /* this morning, last night */
        m->kind = TK_DCT;
        m->gran = G_DAY;
        m->offset = cl_tx_is(tg, k, "last") ? -1 : 0;
        if (cl_tx_is(tg, k, "last") && !cl_tx_is(tg, u_at, "night"))
            m->offset = -1;
        m->type = CL_TIMEX_TIME;
        m->part = pd->sval;
        m->last = u_at;
        return 1;
    }
    return 0;
}

/* N units ago / later / earlier / before / after */
int cl_tx_match_ago(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    double q;
    uint32_t k = i;
    if (cl_tx_lex(tg, k, CL_TC_APPROX) && !cl_tx_is(tg, k, "more") && !cl_tx_is(tg, k, "less") &&
        !cl_tx_is(tg, k, "up") && !cl_tx_is(tg, k, "least"))
        k++;
    if (!cl_tx_quantity(tg, k, &q))
        return 0;
    const cl_time_lexeme *u = cl_tx_lex(tg, k + 1, CL_TC_UNITS) ? cl_tx_lex(tg, k + 1, CL_TC_UNITS)
                                                          : cl_tx_lex(tg, k + 1, CL_TC_UNIT);
    if (!u || unit_gran(u) < 0)
        return 0;
    int dir = cl_tx_is(tg, k + 2, "ago")                                       ? -2
              : (cl_tx_is(tg, k + 2, "later") || cl_tx_is(tg, k + 2, "after")) ? 1
              : (cl_tx_is(tg, k + 2, "earlier") || cl_tx_is(tg, k + 2, "before") ||
                 cl_tx_is(tg, k + 2, "prior"))
                  ? -1
                  : 0;
    if (!dir)
        return 0;
    /* "two days after the attack" is not anchored to a date we know */
    if ((cl_tx_is(tg, k + 2, "after") || cl_tx_is(tg, k + 2, "before") ||
         cl_tx_is(tg, k + 2, "prior")) &&
        !(k + 3 >= tg->end || cl_tx_kind_at(tg, k + 3) == CL_TOK_PUNCT))
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
int cl_tx_match_duration(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    uint32_t k = i;
    const char *mod = NULL;
    const cl_time_lexeme *ap = cl_tx_lex(tg, k, CL_TC_APPROX);
    if (ap) {
        if (cl_tx_is(tg, k, "more") || cl_tx_is(tg, k, "less")) {
            if (!cl_tx_is(tg, k + 1, "than"))
                return 0;
            mod = ap->sval;
            k += 2;
        } else if (cl_tx_is(tg, k, "at") && cl_tx_is(tg, k + 1, "least")) {
            mod = "EQUAL_OR_MORE";
            k += 2;
        } else if (!cl_tx_is(tg, k, "least") && !cl_tx_is(tg, k, "up") &&
                   !cl_tx_is(tg, k, "some")) {
            mod = ap->sval;
            k++;
        }
    } else if (cl_tx_is(tg, k, "at") && cl_tx_is(tg, k + 1, "least")) {
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
    if (dash && cl_tx_kind_at(tg, k) != CL_TOK_DASH) {
        const cl_time_lexeme *uu =
            cl_tx_lex_in(tg, dash + 1, n - (size_t)(dash - p) - 1, CL_TC_UNIT);
        if (uu && strcmp(uu->sval, "WE") != 0) {
            const cl_time_lexeme *num = cl_tx_lex_in(tg, p, (size_t)(dash - p), CL_TC_NUMBER);
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
    if (!u && cl_tx_kind_at(tg, k) == CL_TOK_NUMBER && cl_tx_kind_at(tg, k + 1) == CL_TOK_DASH &&
        (tg->doc->tokens.v[k + 1].flags & CL_TF_NOSPACE) && k + 2 < tg->end &&
        (tg->doc->tokens.v[k + 2].flags & CL_TF_NOSPACE) && cl_tx_lex(tg, k + 2, CL_TC_UNIT) &&
        cl_tx_quantity(tg, k, &q)) {
        u = cl_tx_lex(tg, k + 2, CL_TC_UNIT);
        last = k + 2;
    }
    uint32_t qlast = k;
    if (!u && cl_tx_quantity_span(tg, k, &q, &qlast)) {
        u = cl_tx_lex(tg, qlast + 1, CL_TC_UNITS) ? cl_tx_lex(tg, qlast + 1, CL_TC_UNITS)
                                            : cl_tx_lex(tg, qlast + 1, CL_TC_UNIT);
        last = qlast + 1;
        if (u && q < 0 && !cl_tx_lex(tg, k + 1, CL_TC_UNITS))
            u = NULL;
        /* "a day" after a verb is a duration; "a day" as in "once a day" is a set (below) */
        if (u && cl_tx_is(tg, k, "a") && i > tg->first &&
            (cl_tx_is(tg, i - 1, "once") || cl_tx_is(tg, i - 1, "twice") ||
             cl_tx_is(tg, i - 1, "times")))
            u = NULL;
        /* "half a year" */
        if (!u && cl_tx_is(tg, k, "half") &&
            (cl_tx_is(tg, k + 1, "a") || cl_tx_is(tg, k + 1, "an"))) {
            u = cl_tx_lex(tg, k + 2, CL_TC_UNIT);
            q = 0.5;
            last = k + 2;
        }
    }
    if (!u) {
        /* bare plural units after "recent", "for", "over the", "in" + "recent" */
        const cl_time_lexeme *pl = cl_tx_lex(tg, k, CL_TC_UNITS);
        if (pl && i > tg->first && k == i &&
            (cl_tx_is(tg, k - 1, "recent") || cl_tx_is(tg, k - 1, "for") ||
             cl_tx_is(tg, k - 1, "coming") || cl_tx_is(tg, k - 1, "past") ||
             cl_tx_is(tg, k + 1, "of") || cl_tx_is(tg, k - 1, "within"))) {
            u = pl;
            q = -1;
            last = k;
            if (cl_tx_is(tg, k - 1, "recent") || cl_tx_is(tg, k - 1, "coming") ||
                cl_tx_is(tg, k - 1, "past")) {
                m->first = k - 1;
            }
        } else {
            return 0;
        }
    }
    if (unit_gran(u) == G_WEEKEND || strcmp(u->sval, "WE") == 0)
        return 0;
    /* "a minute and a half" */
    if (q > 0 && cl_tx_half_after(tg, last + 1)) {
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
    uint32_t d_at = m->last + 1 + (cl_tx_is(tg, m->last + 1, "on") ? 1 : 0);
    tx day;
    if (cl_tx_match_weekday(tg, d_at, &day) || cl_tx_match_relday(tg, d_at, &day) ||
        (cl_tx_match_month(tg, d_at, &day) && day.gran == G_DAY)) {
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
int cl_tx_match_clock(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    if (cl_tx_is(tg, i, "noon") || cl_tx_is(tg, i, "midday") || cl_tx_is(tg, i, "midnight")) {
        if (i > tg->first && (cl_tx_is(tg, i - 1, "at") || cl_tx_is(tg, i - 1, "by") ||
                              cl_tx_is(tg, i - 1, "until") || cl_tx_is(tg, i - 1, "before") ||
                              cl_tx_is(tg, i - 1, "after"))) {
            m->type = CL_TIMEX_TIME;
            m->kind = TK_DCT;
            m->gran = G_DAY;
            m->hour = cl_tx_is(tg, i, "midnight") ? 24 : 12;
            m->minute = 0;
            clock_day_after(tg, m);
            return 1;
        }
        return 0;
    }
    if (cl_tx_kind_at(tg, i) != CL_TOK_NUMBER)
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
    } else if (cl_tx_is(tg, i + 1, "a.m.") || cl_tx_is(tg, i + 1, "am")) {
        pm = 0;
        last = i + 1;
    } else if (cl_tx_is(tg, i + 1, "p.m.") || cl_tx_is(tg, i + 1, "pm")) {
        pm = 1;
        last = i + 1;
    }
    if (pm < 0 && !colon)
        return 0;
    if (pm < 0 && !(cl_tx_is(tg, i + 1, "GMT") || cl_tx_is(tg, i + 1, "UTC") ||
                    (i > tg->first && cl_tx_is(tg, i - 1, "at")) || cl_tx_is(tg, i + 1, "local") ||
                    cl_tx_is(tg, i + 1, "hours") || cl_tx_is(tg, i + 1, "hrs")))
        return 0;
    if (h > 24 || mi > 59 || (pm >= 0 && (h == 0 || h > 12)))
        return 0;
    if (pm == 1 && h < 12)
        h += 12;
    if (pm == 0 && h == 12)
        h = 0;
    if (cl_tx_lex(tg, last + 1, CL_TC_ZONE))
        last++;
    if (cl_tx_is(tg, last + 1, "local") && cl_tx_is(tg, last + 2, "time"))
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
int cl_tx_match_ref(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    const cl_time_lexeme *r = cl_tx_lex(tg, i, CL_TC_REF);
    if (r) {
        /* "now" as a discourse marker at the start of a sentence is still PRESENT_REF in
         * TimeML; "once" only counts as "formerly" before a verb-ish word, skip it. */
        if (cl_tx_is(tg, i, "once"))
            return 0;
        m->kind = TK_REF;
        m->ref = r->sval;
        return 1;
    }
    if (cl_tx_is(tg, i, "the")) {
        /* "the near future", "the immediate future" ("the foreseeable future" is a manner
         * of speaking, not a time, in TimeML practice) */
        if (cl_tx_is(tg, i + 2, "future") && !cl_tx_is(tg, i + 3, "of") &&
            (cl_tx_is(tg, i + 1, "near") || cl_tx_is(tg, i + 1, "immediate") ||
             cl_tx_is(tg, i + 1, "distant"))) {
            m->kind = TK_REF;
            m->ref = "FUTURE_REF";
            m->last = i + 2;
            return 1;
        }
        /* "the past", "in the past it considered", "into the future if ..." */
        if ((cl_tx_is(tg, i + 1, "past") || cl_tx_is(tg, i + 1, "future")) &&
            ((i > tg->first && (cl_tx_is(tg, i - 1, "in") || cl_tx_is(tg, i - 1, "into"))) ||
             i + 2 >= tg->end || cl_tx_kind_at(tg, i + 2) == CL_TOK_PUNCT ||
             cl_tx_is(tg, i + 2, "and") || cl_tx_is(tg, i + 2, "or"))) {
            m->kind = TK_REF;
            m->ref = cl_tx_is(tg, i + 1, "past") ? "PAST_REF" : "FUTURE_REF";
            m->last = i + 1;
            return 1;
        }
        return 0;
    }
    if (cl_tx_is(tg, i, "at") && cl_tx_is(tg, i + 1, "the") && cl_tx_is(tg, i + 2, "moment")) {
        m->kind = TK_REF;
        m->ref = "PRESENT_REF";
        m->first = i + 1;
        m->last = i + 2;
        return 1;
    }
    return 0;
}

/* daily, weekly, every day, each year, once a week */
int cl_tx_match_set(const tagger *tg, uint32_t i, tx *m)
{
    if (i >= tg->end)
        return 0; /* look-ahead past the sentence */
    tx_init(m, i);
    const cl_time_lexeme *s = cl_tx_lex(tg, i, CL_TC_SET);
    if (s) {
        m->type = CL_TIMEX_SET;
        m->kind = TK_SET;
        snprintf(m->dur, sizeof m->dur, "%s", s->sval);
        return 1;
    }
    if ((cl_tx_is(tg, i, "every") || cl_tx_is(tg, i, "each") || cl_tx_is(tg, i, "per")) &&
        cl_tx_lex(tg, i + 1, CL_TC_UNIT)) {
        const cl_time_lexeme *u = cl_tx_lex(tg, i + 1, CL_TC_UNIT);
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
    if ((cl_tx_is(tg, i, "once") || cl_tx_is(tg, i, "twice")) &&
        (cl_tx_is(tg, i + 1, "a") || cl_tx_is(tg, i + 1, "per")) &&
        cl_tx_lex(tg, i + 2, CL_TC_UNIT)) {
        const cl_time_lexeme *u = cl_tx_lex(tg, i + 2, CL_TC_UNIT);
        m->type = CL_TIMEX_SET;
        m->kind = TK_SET;
        snprintf(m->dur, sizeof m->dur, "P1%s", u->sval);
        m->last = i + 2;
        return 1;
    }
    return 0;
}

/* Christmas, New Year's Day */
int cl_tx_match_holiday(const tagger *tg, uint32_t i, tx *m)
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
        if (!cl_tx_cap_at(tg, k) && tg->doc->tokens.v[k].kind != CL_TOK_POSS)
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
        const cl_time_lexeme *h = cl_tx_lex_in(tg, key, o, CL_TC_HOLIDAY);
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
    int y = cl_tx_year_value(tg, best_last + 1);
    if (y > 0) {
        m->year = y;
        m->last = best_last + 1;
    }
    return 1;
}
