/* timex_internal.h - private to the date tagger (timex.c, timex_words.c, timex_match.c,
 * timex_resolve.c): the tagger state, the match record a matcher fills in, and the
 * functions one of these files calls in another. Include it nowhere else. */
#ifndef CL_TIME_TIMEX_INTERNAL_H
#define CL_TIME_TIMEX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "time/timex.h"
#include "util/text.h"

/* The tagger's state while it walks one document (cl_timex_tag). */
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

/* The match record: what the words of one expression say, before resolution. */
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

static inline void tx_init(tx *m, uint32_t first)
{
    memset(m, 0, sizeof *m);
    m->first = m->last = first;
    m->year = m->month = m->day = -1;
    m->hour = m->minute = -1;
}

/* token access (timex_words.c) */
const cl_time_lexeme *cl_tx_lex_in(const tagger *tg, const char *s, size_t n, int cat);

/* The four accessors every matcher calls many times per token: inline, so splitting the
 * tagger into files costs nothing. */
static inline const cl_time_lexeme *cl_tx_lex(const tagger *tg, uint32_t i, int cat)
{
    if (i >= tg->end)
        return NULL;
    for (uint32_t k = tg->tok_lex[i]; k != UINT32_MAX; k = tg->t->lex[k].next)
        if (tg->t->lex[k].cat == cat)
            return &tg->t->lex[k];
    return NULL;
}

static inline int cl_tx_is(const tagger *tg, uint32_t i, const char *w)
{
    return i < tg->end && cl_eq_ci(cl_tok_ptr(tg->doc, i), cl_tok_len(tg->doc, i), w);
}

static inline int cl_tx_kind_at(const tagger *tg, uint32_t i)
{
    return i < tg->end ? tg->doc->tokens.v[i].kind : -1;
}

static inline int cl_tx_cap_at(const tagger *tg, uint32_t i)
{
    return i < tg->end && (tg->doc->tokens.v[i].flags & CL_TF_CAP);
}

long cl_tx_digits_value(const tagger *tg, uint32_t i, int *ndigits);
int cl_tx_day_value(const tagger *tg, uint32_t i);
int cl_tx_year_value(const tagger *tg, uint32_t i);
int cl_tx_half_after(const tagger *tg, uint32_t i);
int cl_tx_year_span(const tagger *tg, uint32_t i, uint32_t *last);
int cl_tx_quantity(const tagger *tg, uint32_t i, double *v);
int cl_tx_quantity_span(const tagger *tg, uint32_t i, double *v, uint32_t *last);

/* matchers (timex_match.c) */
int cl_tx_match_iso(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_month(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_year(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_quarter(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_period(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_relday(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_weekday(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_shift(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_ago(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_duration(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_clock(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_ref(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_set(const tagger *tg, uint32_t i, tx *m);
int cl_tx_match_holiday(const tagger *tg, uint32_t i, tx *m);

/* resolution (timex_resolve.c) */
int cl_tx_future_context(const tagger *tg, uint32_t first, uint32_t last);
void cl_tx_resolve(tagger *tg, tx *m, cl_timex *out);

#endif
