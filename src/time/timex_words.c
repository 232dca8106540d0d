/* timex_words.c - token access for the date tagger: what a token of the sentence is as a
 * lexicon word (data/time.tsv), a literal word, a number, a day of the month, a year in
 * digits or in words, or a quantity ("twenty-five", "5 1/2", "two and a half"). */
#include "time/timex_internal.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util/text.h"

const cl_time_lexeme *cl_tx_lex_in(const tagger *tg, const char *s, size_t n, int cat)
{
    uint32_t k;
    if (n == 0 || n > 40 || !cl_strmap_get(&tg->t->words, s, n, &k))
        return NULL;
    for (; k != UINT32_MAX; k = tg->t->lex[k].next)
        if (tg->t->lex[k].cat == cat)
            return &tg->t->lex[k];
    return NULL;
}

/* Integer value of a digit token (no letters), or -1. */
long cl_tx_digits_value(const tagger *tg, uint32_t i, int *ndigits)
{
    if (cl_tx_kind_at(tg, i) != CL_TOK_NUMBER)
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
int cl_tx_day_value(const tagger *tg, uint32_t i)
{
    if (i >= tg->end)
        return -1;
    if (cl_tx_kind_at(tg, i) == CL_TOK_NUMBER) {
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
    const cl_time_lexeme *o = cl_tx_lex(tg, i, CL_TC_ORDINAL);
    return o && o->ival <= 31 ? o->ival : -1;
}

/* A four-digit year 1000..2999 at token i, or -1. */
int cl_tx_year_value(const tagger *tg, uint32_t i)
{
    int nd = 0;
    long v = cl_tx_digits_value(tg, i, &nd);
    if (nd != 4 || v < 1000 || v > 2999)
        return -1;
    /* "2,023" is a count, not a year */
    if (memchr(cl_tok_ptr(tg->doc, i), ',', cl_tok_len(tg->doc, i)))
        return -1;
    return (int)v;
}

/* "and a half" / "and one-half" starting at token i. */
int cl_tx_half_after(const tagger *tg, uint32_t i)
{
    return cl_tx_is(tg, i, "and") && (cl_tx_is(tg, i + 1, "a") || cl_tx_is(tg, i + 1, "one")) &&
           cl_tx_is(tg, i + 2, "half");
}

/* A year said in words, as broadcast transcripts write it: "nineteen ninety-six",
 * "nineteen eighty four", "nineteen hundred". Returns the year and sets *last, or -1. */
static int spoken_year(const tagger *tg, uint32_t i, uint32_t *last)
{
    const cl_time_lexeme *hi = cl_tx_lex(tg, i, CL_TC_NUMBER);
    if (!hi || hi->ival < 11 || hi->ival > 20 || cl_tx_kind_at(tg, i) != CL_TOK_WORD)
        return -1;
    int y = -1;
    if (cl_tx_is(tg, i + 1, "hundred")) {
        y = hi->ival * 100;
        *last = i + 1;
    } else if (cl_tx_kind_at(tg, i + 1) == CL_TOK_WORD && i + 1 < tg->end &&
               memchr(cl_tok_ptr(tg->doc, i + 1), '-', cl_tok_len(tg->doc, i + 1))) {
        double v;
        if (cl_tx_quantity(tg, i + 1, &v) && v > 20 && v < 100) {
            y = hi->ival * 100 + (int)v; /* nineteen ninety-six */
            *last = i + 1;
        }
    } else {
        const cl_time_lexeme *tens = cl_tx_lex(tg, i + 1, CL_TC_NUMBER);
        if (tens && tens->ival >= 10 && tens->ival <= 90 &&
            cl_tx_kind_at(tg, i + 1) == CL_TOK_WORD && (tens->ival < 20 || tens->ival % 10 == 0)) {
            y = hi->ival * 100 + tens->ival; /* nineteen ninety [four], nineteen twelve */
            *last = i + 1;
            const cl_time_lexeme *ones = cl_tx_lex(tg, i + 2, CL_TC_NUMBER);
            if (tens->ival >= 20 && ones && ones->ival >= 1 && ones->ival <= 9 &&
                cl_tx_kind_at(tg, i + 2) == CL_TOK_WORD && !cl_tx_is(tg, i + 2, "a") &&
                !cl_tx_is(tg, i + 2, "an")) {
                y += ones->ival;
                *last = i + 2;
            }
        }
    }
    return y >= 1100 && y <= 2099 ? y : -1;
}

/* A year in digits or in words at token i: the year (setting *last), or -1. */
int cl_tx_year_span(const tagger *tg, uint32_t i, uint32_t *last)
{
    int y = cl_tx_year_value(tg, i);
    if (y > 0) {
        *last = i;
        return y;
    }
    return i < tg->end ? spoken_year(tg, i, last) : -1;
}

/* Quantity for durations: digits, number words ("two", "a", "several" = X), hyphenated
 * number words ("twenty-five"). Returns 1 and sets *v (-1 for X) when found. */
int cl_tx_quantity(const tagger *tg, uint32_t i, double *v)
{
    if (i >= tg->end)
        return 0;
    if (cl_tx_kind_at(tg, i) == CL_TOK_NUMBER) {
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
    const cl_time_lexeme *num = cl_tx_lex(tg, i, CL_TC_NUMBER);
    if (num) {
        *v = num->sval[0] == 'X' ? -1 : strtod(num->sval, NULL);
        return 1;
    }
    /* twenty-five */
    const char *p = cl_tok_ptr(tg->doc, i);
    uint32_t n = cl_tok_len(tg->doc, i);
    const char *dash = memchr(p, '-', n);
    if (dash) {
        const cl_time_lexeme *a = cl_tx_lex_in(tg, p, (size_t)(dash - p), CL_TC_NUMBER);
        const cl_time_lexeme *b =
            cl_tx_lex_in(tg, dash + 1, n - (size_t)(dash - p) - 1, CL_TC_NUMBER);
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
    long a = cl_tx_digits_value(tg, i, &nd), b;
    if (a < 1 || nd != 1 || !cl_tx_is(tg, i + 1, "/") || i + 2 >= tg->end ||
        !(tg->doc->tokens.v[i + 1].flags & CL_TF_NOSPACE) ||
        !(tg->doc->tokens.v[i + 2].flags & CL_TF_NOSPACE))
        return 0;
    b = cl_tx_digits_value(tg, i + 2, &nd);
    return nd == 1 && b > a ? (double)a / (double)b : 0;
}

/* A quantity that may take several tokens: "twenty four", "5 1/2", "two and a half".
 * Returns 1, sets *v (-1 for X) and *last (its last token). */
int cl_tx_quantity_span(const tagger *tg, uint32_t i, double *v, uint32_t *last)
{
    if (!cl_tx_quantity(tg, i, v))
        return 0;
    *last = i;
    if (*v < 0)
        return 1;
    const cl_time_lexeme *tens = cl_tx_lex(tg, i, CL_TC_NUMBER),
                         *ones = cl_tx_lex(tg, i + 1, CL_TC_NUMBER);
    if (tens && ones && tens->ival >= 20 && tens->ival <= 90 && tens->ival % 10 == 0 &&
        ones->ival >= 1 && ones->ival <= 9 && cl_tx_kind_at(tg, i + 1) == CL_TOK_WORD &&
        !cl_tx_is(tg, i + 1, "a") && !cl_tx_is(tg, i + 1, "an")) {
        *v += ones->ival; /* "twenty four" */
        *last = i + 1;
    }
    double f = cl_tx_kind_at(tg, i) == CL_TOK_NUMBER ? fraction_at(tg, *last + 1) : 0;
    if (f > 0) {
        *v += f;
        *last += 3;
    } else if (cl_tx_half_after(tg, *last + 1)) {
        *v += 0.5;
        *last += 3;
    }
    return 1;
}
