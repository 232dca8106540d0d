/* timex.c - TIMEX3 recognition and normalization; see timex.h.
 *
 * Recognition and resolution are separate: a matcher (timex_match.c) turns a token run
 * into a `tx` (what the words say: "last" + "week", weekday 5 + part EV, month 5 + mod
 * MID), then cl_tx_resolve() (timex_resolve.c) anchors it to the document date or the
 * previous expression and writes the TIMEX3 value and the day interval. The matchers read
 * tokens through timex_words.c. This file loads the vocabulary and drives the matchers
 * over each sentence. */
#include "time/timex.h"

#include <stdlib.h>
#include <string.h>

#include "data/table.h"
#include "context.h"
#include "doc.h"
#include "time/timex_internal.h"
#include "util/error.h"
#include "util/text.h"

/* ---------------------------------------------------------------- tables */

static int cat_from_name(const char *s)
{
    static const char *const names[] = {
        NULL,       "month",     "weekday",  "relday",   "partofday", "unit",     "units",
        "number",   "ordinal",   "season",   "mod",      "approx",    "shift",    "ref",
        "set",      "holiday",   "weakmonth", "monthverb", "monthcue", "countcue", "counted",
        "zone",     "pastverb",  "notpast",  "future",   NULL};
    for (int i = 1; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return 0;
}

/* Words the matchers compare literally (every cl_tx_is(tg, ..., "word") in timex_*.c).
 * With the lexicon, numbers and tokens holding a digit, hyphen or period they are the only
 * tokens an expression can start with; tag_sentence skips every other token without trying
 * the matchers. Keep the list in step when a matcher learns a new literal. */
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

/* ---------------------------------------------------------------- driver */

typedef int (*matcher)(const tagger *, uint32_t, tx *);

static int match_at(const tagger *tg, uint32_t i, tx *best)
{
    static const matcher matchers[] = {
        cl_tx_match_iso,     cl_tx_match_clock, cl_tx_match_holiday, cl_tx_match_period,
        cl_tx_match_quarter, cl_tx_match_month, cl_tx_match_weekday, cl_tx_match_year,
        cl_tx_match_relday,  cl_tx_match_shift, cl_tx_match_ago,     cl_tx_match_duration,
        cl_tx_match_set,     cl_tx_match_ref};
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
        cl_tx_resolve(tg, &found[k], &out[k]);
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
        cl_tx_resolve(tg, &found[k], &out[k]);
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
                                cl_tok_get(doc, &tg.t->words, i, &k)
                            ? k
                            : UINT32_MAX;
        /* only words of the expression categories start one; context words do not */
        int start = t->kind == CL_TOK_NUMBER;
        for (uint32_t x = tg.tok_lex[i]; x != UINT32_MAX && !start; x = tg.t->lex[x].next)
            start = tg.t->lex[x].cat <= CL_TC_HOLIDAY;
        for (uint32_t j = 0; j < n && !start && t->kind == CL_TOK_WORD; j++) {
            char c = doc->text[t->start + j];
            start = (c >= '0' && c <= '9') || c == '-' || c == '.';
        }
        if (!start && t->kind == CL_TOK_WORD)
            start = cl_tok_get(doc, &tg.t->literals, i, &k);
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
