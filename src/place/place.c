/* place.c - place mentions; see place.h.
 *
 * Two passes: the first collects candidate token runs with their gazetteer entries and
 * counts the document's countries (country names, country actors, unambiguous places);
 * the second filters and disambiguates each candidate with that context. */
#include "place/place.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "data/table.h"
#include "doc.h"
#include "place/gazetteer.h"
#include "util/error.h"
#include "util/text.h"

enum { MAX_PLACE_TOKENS = 4, MAX_COUNTRIES = 16 };

cl_status cl_place_tables_load(cl_place_tables *t, const void *gazp, cl_arena *a, cl_error *err)
{
    const cl_gazetteer *gaz = gazp;
    cl_table tab;
    cl_status st = cl_table_load(a, "place_words.tsv", 2, &tab, err);
    if (st != CL_OK)
        return st;
    cl_strmap_init(&t->words, a, tab.nrows);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *w = cl_table_cell(&tab, r, 0), *c = cl_table_cell(&tab, r, 1);
        uint32_t cls = strcmp(c, "region") == 0       ? CL_PW_REGION
                       : strcmp(c, "settlement") == 0 ? CL_PW_SETTLEMENT
                       : strcmp(c, "locative") == 0   ? CL_PW_LOCATIVE
                       : strcmp(c, "area") == 0       ? CL_PW_AREA
                       : strcmp(c, "front") == 0      ? CL_PW_FRONT
                       : strcmp(c, "direction") == 0  ? CL_PW_DIRECTION
                       : strcmp(c, "settlements") == 0 ? CL_PW_SETTLEMENTS
                                                      : 0;
        if (!cls)
            return cl_error_set(err, CL_EFORMAT, "place_words.tsv", tab.lines[r], 0,
                                "place_words.tsv line %u: unknown class %s", tab.lines[r], c);
        cl_strmap_put(&t->words, a, w, strlen(w), cls);
    }
    st = cl_table_load(a, "admin1_abbreviations.tsv", 3, &tab, err);
    if (st != CL_OK)
        return st;
    cl_strmap_init(&t->state_abbrev, a, tab.nrows);
    t->abbrev_country = cl_arena_alloc(a, sizeof(char *) * (tab.nrows + 1));
    t->abbrev_admin1 = cl_arena_alloc(a, sizeof(char *) * (tab.nrows + 1));
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *ab = cl_table_cell(&tab, r, 0);
        t->abbrev_country[r] = cl_table_cell(&tab, r, 1);
        t->abbrev_admin1[r] = cl_table_cell(&tab, r, 2);
        if (strlen(t->abbrev_country[r]) != 2)
            return cl_error_set(err, CL_EFORMAT, "admin1_abbreviations.tsv", tab.lines[r], 0,
                                "admin1_abbreviations.tsv line %u: country must be ISO alpha-2",
                                tab.lines[r]);
        cl_strmap_put(&t->state_abbrev, a, ab, strlen(ab), r);
    }
    cl_strmap_init(&t->alpha3_to_2, a, 300);
    for (uint32_t e = 0; e < gaz->hdr->n_entries; e++) {
        const cl_gaz_entry *ge = &gaz->entries[e];
        if (ge->kind != CL_GAZ_COUNTRY || !ge->admin1)
            continue;
        const char *a3 = cl_gaz_str(gaz, ge->admin1);
        cl_strmap_put(&t->alpha3_to_2, a, a3, strlen(a3), e);
    }
    return CL_OK;
}

const char *cl_place_alpha2(const cl_doc *doc, const char *alpha3)
{
    uint32_t e;
    /* an armed group's side "SDN.RSF" is in its country's territory */
    size_t n = alpha3 ? strcspn(alpha3, ".") : 0;
    if (!alpha3 || !cl_strmap_get(&doc->ctx->place.alpha3_to_2, alpha3, n, &e))
        return NULL;
    return doc->ctx->gaz.entries[e].country;
}

static void place_range(const cl_doc *doc, uint32_t k, uint32_t *first, uint32_t *count)
{
    *first = doc->places.v[k].tok_first;
    *count = doc->places.v[k].tok_count;
}

int32_t cl_place_at_token(const cl_doc *doc, uint32_t tok)
{
    if (!doc->tok_place || tok >= doc->tokens.n)
        return -1;
    return doc->tok_place[tok];
}

/* ---------------------------------------------------------------- candidates */

typedef struct candidate {
    uint32_t sentence, first, count;   /* tokens of the name */
    uint32_t span_last;                /* last token incl. a region word */
    const uint32_t *ids;
    uint32_t n_ids;
    uint8_t region;                    /* followed by a region word */
    uint8_t settlement;                /* "the town of X" / "X town" */
    uint8_t locative;                  /* after a locative preposition */
    uint8_t sentence_initial;
    uint8_t front;                     /* "the Donetsk front" */
    /* "Paris, Texas": the state or country after the comma (a candidate, or a row of
     * admin1_abbreviations.tsv for "Springfield, Ill.") */
    int32_t qualifier, qualifier_abbrev;
    int32_t abbrev_of;                 /* is "Ill." after a town: row + 1, else 0 */
} candidate;

typedef struct country_votes {
    char code[MAX_COUNTRIES][2];
    int votes[MAX_COUNTRIES];
    int n;
} country_votes;

static void vote(country_votes *cv, const char *cc, int w)
{
    if (!cc)
        return;
    for (int i = 0; i < cv->n; i++) {
        if (cv->code[i][0] == cc[0] && cv->code[i][1] == cc[1]) {
            cv->votes[i] += w;
            return;
        }
    }
    if (cv->n < MAX_COUNTRIES) {
        cv->code[cv->n][0] = cc[0];
        cv->code[cv->n][1] = cc[1];
        cv->votes[cv->n++] = w;
    }
}

static int votes_for(const country_votes *cv, const char *cc)
{
    for (int i = 0; i < cv->n; i++)
        if (cv->code[i][0] == cc[0] && cv->code[i][1] == cc[1])
            return cv->votes[i];
    return 0;
}

static int word_class(const cl_doc *doc, uint32_t i)
{
    uint32_t v;
    if (i >= doc->tokens.n)
        return 0;
    if (cl_tok_get(doc, &doc->ctx->place.words, i, &v))
        return (int)v;
    return 0;
}

static int tok_is(const cl_doc *doc, uint32_t i, const char *w)
{
    return i < doc->tokens.n && cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), w);
}

/* Tokens that cannot start or continue a place name. */
static int blocked(const cl_doc *doc, uint32_t i, const uint8_t *covered)
{
    const cl_token *t = &doc->tokens.v[i];
    if (t->kind != CL_TOK_WORD || !(t->flags & CL_TF_CAP))
        return 1;
    /* acronyms (NATO, EU, ISW) are organisations, not places */
    if ((t->flags & CL_TF_ALLCAPS) && !(t->flags & CL_TF_ABBREV) && t->end - t->start <= 5)
        return 1;
    return covered[i];
}

/* A lower-case piece inside a place name: an Arabic article glued to the next word
 * ("al-Balah", "ez-Zor", "el-Sheikh"), or a particle before a capitalized word ("Deir al
 * Balah", "Sharm el Sheikh"). The run goes on through it; the lookup decides whether the
 * whole is a name. */
static int inner_particle(const cl_doc *doc, uint32_t i, uint32_t end, const uint8_t *covered)
{
    static const char *const particles[] = {"al", "el", "ad", "ar", "as", "ash", "at", "az",
                                            "ed", "en", "es", "ez", "an", "ul", NULL};
    const cl_token *t = &doc->tokens.v[i];
    if (t->kind != CL_TOK_WORD || (t->flags & CL_TF_CAP) || covered[i])
        return 0;
    const char *p = cl_tok_ptr(doc, i);
    uint32_t len = cl_tok_len(doc, i);
    const char *dash = memchr(p, '-', len);
    uint32_t head = dash ? (uint32_t)(dash - p) : len;
    int particle = 0;
    for (const char *const *w = particles; *w && !particle; w++)
        particle = cl_eq_ci(p, head, *w);
    if (!particle)
        return 0;
    if (dash) /* "al-Balah": a capital after the hyphen */
        return dash + 1 < p + len && dash[1] >= 'A' && dash[1] <= 'Z';
    return i + 1 < end && (doc->tokens.v[i + 1].flags & CL_TF_CAP) &&
           doc->tokens.v[i + 1].kind == CL_TOK_WORD;
}

static uint32_t lookup_run(const cl_doc *doc, uint32_t i, uint32_t n, const uint32_t **ids)
{
    uint32_t a = doc->tokens.v[i].start, b = doc->tokens.v[i + n - 1].end;
    return cl_gazetteer_find(&doc->ctx->gaz, doc->text + a, b - a, ids);
}

/* Marks tokens that belong to people, organisations and times: never places. */
static uint8_t *covered_tokens(cl_doc *doc)
{
    uint8_t *cov = cl_arena_zalloc(&doc->arena, doc->tokens.n + 1);
    for (uint32_t a = 0; a < doc->actors.n; a++) {
        const cl_actor *m = &doc->actors.v[a];
        uint32_t after = m->tok_first + m->tok_count;
        /* "Moscow's claims", "Kyiv's forces": the government, not the city */
        int possessor = after < doc->tokens.n && doc->tokens.v[after].kind == CL_TOK_POSS;
        if ((m->kind == CL_ACTOR_COUNTRY || m->kind == CL_ACTOR_CAPITAL) &&
            !(m->kind == CL_ACTOR_CAPITAL && possessor))
            continue;
        for (uint32_t k = m->tok_first; k < m->tok_first + m->tok_count; k++)
            cov[k] = 1;
    }
    for (uint32_t x = 0; x < doc->timexes.n; x++) {
        const cl_timex *t = &doc->timexes.v[x];
        for (uint32_t k = t->tok_first; k < t->tok_first + t->tok_count; k++)
            cov[k] = 1;
    }
    return cov;
}

static void collect(cl_doc *doc, const uint8_t *cov, candidate **out, uint32_t *nout)
{
    CL_VEC(candidate) cands = {0};
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        uint32_t end = se->tok_first + se->tok_count;
        for (uint32_t i = se->tok_first; i < end; i++) {
            if (blocked(doc, i, cov))
                continue;
            /* the longest run of capitalized words (with inner hyphen tokens) in the table */
            uint32_t best = 0, n_ids = 0;
            const uint32_t *ids = NULL;
            for (uint32_t n = 1; n <= MAX_PLACE_TOKENS && i + n <= end; n++) {
                /* "Deir al-Balah", "Deir ez-Zor": a particle does not end the run */
                if (blocked(doc, i + n - 1, cov) &&
                    !(n > 1 && inner_particle(doc, i + n - 1, end, cov)))
                    break;
                const uint32_t *cand_ids;
                uint32_t k = lookup_run(doc, i, n, &cand_ids);
                if (k) {
                    best = n;
                    ids = cand_ids;
                    n_ids = k;
                }
            }
            if (!best)
                continue;
            candidate *c = &CL_VEC_PUSH(&doc->arena, cands);
            memset(c, 0, sizeof *c);
            c->sentence = s;
            c->first = i;
            c->count = best;
            c->span_last = i + best - 1;
            c->qualifier = c->qualifier_abbrev = -1;
            c->abbrev_of = 0;
            c->ids = ids;
            c->n_ids = n_ids;
            c->sentence_initial = i == se->tok_first ||
                                  (i == se->tok_first + 1 &&
                                   doc->tokens.v[se->tok_first].kind == CL_TOK_QUOTE);
            uint32_t after = i + best;
            if (after < end && word_class(doc, after) == CL_PW_REGION) {
                c->region = 1;
                c->span_last = after;
            }
            if (after < end && word_class(doc, after) == CL_PW_SETTLEMENT)
                c->settlement = 1;
            if (after < end && word_class(doc, after) == CL_PW_FRONT)
                c->front = 1;
            if (i > se->tok_first) {
                int wc = word_class(doc, i - 1);
                uint32_t dummy;
                /* "captured X", "seized X": the object of a claim verb is a place */
                if (wc == CL_PW_LOCATIVE ||
                    cl_tok_get(doc, &doc->ctx->claim.first_word, i - 1, &dummy))
                    c->locative = 1;
                if (tok_is(doc, i - 1, "of") && i >= se->tok_first + 2 &&
                    word_class(doc, i - 2) == CL_PW_SETTLEMENT)
                    c->settlement = 1;
            }
            i += best - 1;
        }
    }
    *out = cands.v;
    *nout = cands.n;
}

/* "Paris, Texas" / "Springfield, Ill.": links each candidate to the state or country
 * written right after it and a comma. */
static void find_qualifiers(const cl_doc *doc, candidate *cands, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++) {
        candidate *c = &cands[k];
        const cl_sentence *se = &doc->sentences.v[c->sentence];
        uint32_t comma = c->span_last + 1, next = comma + 1;
        if (c->region || next >= se->tok_first + se->tok_count || !tok_is(doc, comma, ","))
            continue;
        uint32_t row;
        if (cl_tok_get(doc, &doc->ctx->place.state_abbrev, next, &row)) {
            c->qualifier_abbrev = (int32_t)row;
            if (k + 1 < n && cands[k + 1].first == next)
                cands[k + 1].abbrev_of = (int32_t)row + 1;
            continue;
        }
        if (k + 1 < n && cands[k + 1].first == next) {
            const cl_gaz_entry *qe = &doc->ctx->gaz.entries[cands[k + 1].ids[0]];
            int has_state = qe->kind != CL_GAZ_CITY;
            for (uint32_t j = 0; j < cands[k + 1].n_ids && !has_state; j++)
                has_state = doc->ctx->gaz.entries[cands[k + 1].ids[j]].kind != CL_GAZ_CITY;
            if (has_state)
                c->qualifier = (int32_t)(k + 1);
        }
    }
}

/* Population as a score; unknown populations count as a village. */
static double pop_score(const cl_gaz_entry *e)
{
    return log10((double)(e->population ? e->population : 500) + 1.0);
}

/* How well a town's entry fits the state or country written after it: 2 for its state,
 * 1 for its country, 0 otherwise. */
static int qualifier_fit(const cl_doc *doc, const candidate *cands, const candidate *c,
                         const cl_gaz_entry *e)
{
    const cl_gazetteer *g = &doc->ctx->gaz;
    if (e->kind != CL_GAZ_CITY)
        return 0;
    const char *admin1 = e->admin1 ? cl_gaz_str(g, e->admin1) : "";
    if (c->qualifier_abbrev >= 0) {
        const cl_place_tables *t = &doc->ctx->place;
        if (memcmp(e->country, t->abbrev_country[c->qualifier_abbrev], 2) != 0)
            return 0;
        return strcmp(admin1, t->abbrev_admin1[c->qualifier_abbrev]) == 0 ? 2 : 1;
    }
    if (c->qualifier < 0)
        return 0;
    const candidate *q = &cands[c->qualifier];
    int fit = 0;
    for (uint32_t k = 0; k < q->n_ids && fit < 2; k++) {
        const cl_gaz_entry *qe = &g->entries[q->ids[k]];
        if (qe->kind == CL_GAZ_CITY || memcmp(qe->country, e->country, 2) != 0)
            continue;
        if (qe->kind == CL_GAZ_COUNTRY)
            fit = fit > 1 ? fit : 1;
        else if (strcmp(cl_gaz_str(g, qe->name), admin1) == 0)
            fit = 2;
    }
    return fit;
}

/* A word shortened with a final period ("Ill.", "Gen."), not an initialism ("U.S."). */
static int word_abbreviation(const cl_doc *doc, uint32_t i)
{
    const char *p = cl_tok_ptr(doc, i);
    uint32_t n = cl_tok_len(doc, i);
    return n >= 3 && p[n - 1] == '.' && memchr(p, '.', n - 1) == NULL;
}

/* The gazetteer entry of the state an abbreviation stands for, or UINT32_MAX. */
static uint32_t state_of_abbrev(const cl_doc *doc, uint32_t row)
{
    const cl_gazetteer *g = &doc->ctx->gaz;
    const char *name = doc->ctx->place.abbrev_admin1[row], *cc = doc->ctx->place.abbrev_country[row];
    const uint32_t *ids;
    uint32_t n = cl_gazetteer_find(g, name, strlen(name), &ids);
    for (uint32_t k = 0; k < n; k++) {
        const cl_gaz_entry *e = &g->entries[ids[k]];
        if (e->kind == CL_GAZ_ADMIN1 && memcmp(e->country, cc, 2) == 0)
            return ids[k];
    }
    return UINT32_MAX;
}

/* Chooses the gazetteer entry for a candidate, or returns UINT32_MAX to reject it. A
 * subdivision scores as a town of 100,000 people: "Maine" is the state, not Maine,
 * Wisconsin, while "Kherson" and "Donetsk" stay the cities. */
static uint32_t choose(const cl_doc *doc, const candidate *cands, const candidate *c,
                       const country_votes *cv)
{
    const cl_gazetteer *g = &doc->ctx->gaz;
    if (c->abbrev_of)
        return state_of_abbrev(doc, (uint32_t)c->abbrev_of - 1);
    if (c->count == 1 && word_abbreviation(doc, c->first))
        return UINT32_MAX; /* "Ill." is not Il, Kenya: keys drop periods and double letters */
    uint32_t best = UINT32_MAX;
    double best_score = -1e9;
    int best_fit = 0;
    for (uint32_t k = 0; k < c->n_ids; k++) {
        const cl_gaz_entry *e = &g->entries[c->ids[k]];
        if (c->region && e->kind != CL_GAZ_ADMIN1)
            continue;
        if (c->settlement && e->kind != CL_GAZ_CITY)
            continue;
        double score = 0;
        int fit = qualifier_fit(doc, cands, c, e);
        if (e->kind == CL_GAZ_COUNTRY)
            score = 100;
        else if (e->kind == CL_GAZ_ADMIN1) /* the seat's size breaks ties between regions */
            score = 5.0 + (votes_for(cv, e->country) > 0 ? 4.0 : 0) + pop_score(e) / 1000.0;
        else
            score = pop_score(e) + (votes_for(cv, e->country) > 0 ? 4.0 : 0) + 200.0 * fit;
        if (e->flags & CL_GAZ_CAPITAL)
            score += 2;
        if (score > best_score) {
            best_score = score;
            best = c->ids[k];
            best_fit = fit;
        }
    }
    if (best == UINT32_MAX)
        return best;
    const cl_gaz_entry *e = &g->entries[best];
    if (e->kind == CL_GAZ_COUNTRY || c->region || best_fit)
        return best;
    int in_context = votes_for(cv, e->country) > 0;
    int common = (e->flags & CL_GAZ_COMMON) != 0;
    /* the word as written may be an ordinary word even when the entry's name is not: "An"
     * opening a sentence is the article, not Ann in Myanmar (keys fold double letters) */
    if (!common && c->count == 1 && c->sentence_initial) {
        const cl_token *t = &doc->tokens.v[c->first];
        common = cl_words_contains(&doc->ctx->words, doc->text + t->start, t->end - t->start);
    }
    /* A common word needs a locative preposition or a region/settlement word. */
    if (common && !(c->locative || c->settlement) )
        return UINT32_MAX;
    if (common && c->sentence_initial)
        return UINT32_MAX;
    /* Small places need the document's country or a preposition. */
    if (e->kind == CL_GAZ_CITY && e->population < 20000 && !in_context && !c->locative &&
        !c->settlement)
        return UINT32_MAX;
    if (e->kind == CL_GAZ_CITY && e->population < 1000 && !in_context)
        return UINT32_MAX;
    return best;
}

/* Is the candidate glued to other capitalized words (part of a longer name)? */
static int inside_longer_name(const cl_doc *doc, const candidate *c)
{
    const cl_sentence *se = &doc->sentences.v[c->sentence];
    uint32_t end = se->tok_first + se->tok_count;
    uint32_t before = c->first, after = c->first + c->count;
    if (before > se->tok_first) {
        const cl_token *p = &doc->tokens.v[before - 1];
        if (p->kind == CL_TOK_WORD && (p->flags & CL_TF_CAP) && !(p->flags & CL_TF_SENT_START) &&
            !word_class(doc, before - 1) && !cl_actor_country_at(doc, before - 1, before, NULL, NULL))
            return 1;
    }
    if (after < end && !c->region) {
        const cl_token *n = &doc->tokens.v[after];
        if (n->kind == CL_TOK_WORD && (n->flags & CL_TF_CAP) && !word_class(doc, after) &&
            !(n->flags & CL_TF_ALLCAPS))
            return 1;
    }
    return 0;
}

/* A front line: "the eastern front" (no coordinates) or "the Donetsk front" (those of the
 * place that names it). */
static void add_front(cl_doc *doc, uint32_t s, uint32_t first, uint32_t count,
                      const cl_gaz_entry *e)
{
    cl_place *p = &CL_VEC_PUSH(&doc->arena, doc->places);
    memset(p, 0, sizeof *p);
    p->tok_first = first;
    p->tok_count = count;
    p->start = doc->tokens.v[first].start;
    p->end = doc->tokens.v[first + count - 1].end;
    p->sentence = s;
    p->kind = CL_PLACE_FRONT;
    if (e) {
        p->name = cl_arena_printf(&doc->arena, "%s front", cl_gaz_str(&doc->ctx->gaz, e->name));
        p->country[0] = e->country[0];
        p->country[1] = e->country[1];
        p->lat = e->lat_e5 / 1e5;
        p->lon = e->lon_e5 / 1e5;
    } else {
        char *name = cl_arena_printf(&doc->arena, "%.*s front", (int)cl_tok_len(doc, first),
                                     cl_tok_ptr(doc, first));
        for (char *q = name; *q; q++)
            *q = cl_lower(*q);
        p->name = name;
        p->lat = p->lon = NAN;
    }
}

/* "the eastern front", "the southern front" */
static void direction_fronts(cl_doc *doc)
{
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        uint32_t end = se->tok_first + se->tok_count;
        for (uint32_t i = se->tok_first; i + 1 < end; i++)
            if (word_class(doc, i) == CL_PW_DIRECTION && word_class(doc, i + 1) == CL_PW_FRONT)
                add_front(doc, s, i, 2, NULL);
    }
}

/* Marks the tokens of places [from, doc->places.n) in taken. */
static void mark_places(const cl_doc *doc, uint32_t from, uint8_t *taken)
{
    for (uint32_t k = from; k < doc->places.n; k++)
        for (uint32_t t = 0; t < doc->places.v[k].tok_count; t++)
            taken[doc->places.v[k].tok_first + t] = 1;
}

/* A run of up to three capitalized words starting at i that is not an actor, a place or
 * the start of a sentence; returns its length (0 = none). */
static uint32_t name_run_at(const cl_doc *doc, const uint8_t *taken, uint32_t i, uint32_t end)
{
    uint32_t n = 0;
    while (i + n < end && n < 4) {
        const cl_token *t = &doc->tokens.v[i + n];
        /* "Maroun al-Ras", "Deir al Ahmar": an article inside the name */
        if (n > 0 && !taken[i + n] && inner_particle(doc, i + n, end, taken)) {
            n++;
            continue;
        }
        if (t->kind != CL_TOK_WORD || !(t->flags & CL_TF_CAP) || (t->flags & CL_TF_ALLCAPS) ||
            taken[i + n] || cl_actor_at_token(doc, i + n) >= 0)
            break;
        n++;
    }
    /* a run does not end on the article: "Maroun al" */
    while (n > 1 && !(doc->tokens.v[i + n - 1].flags & CL_TF_CAP) &&
           !memchr(cl_tok_ptr(doc, i + n - 1), '-', cl_tok_len(doc, i + n - 1)))
        n--;
    return n;
}

/* The country of a known region or country named within a few tokens after token i in
 * its sentence ("Paletwa, a town in Chin state"), or NULL. */
static const char *country_named_after(const cl_doc *doc, uint32_t i, uint32_t end)
{
    for (uint32_t k = 0; k < doc->places.n; k++) {
        const cl_place *p = &doc->places.v[k];
        if (p->tok_first > i && p->tok_first < i + 10 && p->tok_first < end &&
            (p->kind == CL_PLACE_ADMIN1 || p->kind == CL_PLACE_COUNTRY) && p->country[0])
            return p->country;
    }
    return NULL;
}

/* Places the gazetteer does not know but the text describes: "the town of Paletwa",
 * "Paletwa, a town in Chin state", "the village of X". Their country is that of a region
 * or country named right after them, else unknown (the document's other places may well
 * be across a border); they have no coordinates. */
static void described_places(cl_doc *doc)
{
    uint32_t n_gazetteer = doc->places.n;
    uint32_t n_before = doc->places.n;
    uint8_t *taken = cl_arena_zalloc(&doc->arena, doc->tokens.n + 1);
    mark_places(doc, 0, taken);
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        uint32_t first = se->tok_first, end = se->tok_first + se->tok_count;
        for (uint32_t i = first; i < end; i++) {
            uint32_t at = 0, len = 0;
            /* "the town of X" */
            if (word_class(doc, i) == CL_PW_SETTLEMENT && tok_is(doc, i + 1, "of") && i + 2 < end) {
                at = i + 2;
                len = name_run_at(doc, taken, at, end);
            }
            /* "X, a town" / "X, a small village" */
            if (!len && i > first && !(doc->tokens.v[i].flags & CL_TF_SENT_START) &&
                (i == first || doc->tokens.v[i - 1].kind != CL_TOK_WORD ||
                 !(doc->tokens.v[i - 1].flags & CL_TF_CAP))) {
                uint32_t n = name_run_at(doc, taken, i, end);
                uint32_t k = i + n;
                if (n && tok_is(doc, k, ",") && (tok_is(doc, k + 1, "a") || tok_is(doc, k + 1, "the"))) {
                    uint32_t w = k + 2;
                    if (w < end && word_class(doc, w) != CL_PW_SETTLEMENT && w + 1 < end)
                        w++; /* one adjective: "a small town", "a frontline village" */
                    if (w < end && word_class(doc, w) == CL_PW_SETTLEMENT) {
                        at = i;
                        len = n;
                    }
                }
            }
            if (!len)
                continue;
            cl_place *p = &CL_VEC_PUSH(&doc->arena, doc->places);
            memset(p, 0, sizeof *p);
            p->tok_first = at;
            p->tok_count = len;
            p->start = doc->tokens.v[at].start;
            p->end = doc->tokens.v[at + len - 1].end;
            p->sentence = s;
            p->kind = CL_PLACE_CITY;
            p->name = cl_doc_span_text(doc, p->start, p->end);
            const char *cc = n_gazetteer ? country_named_after(doc, at + len - 1, end) : NULL;
            /* "the southern Lebanese village of X": the adjective before the word */
            int of_form = at >= first + 2 && tok_is(doc, at - 1, "of") &&
                          word_class(doc, at - 2) == CL_PW_SETTLEMENT;
            for (uint32_t k = at - 2; of_form && !cc && k > first && k + 5 > at;) {
                k--;
                const char *side = cl_actor_country_at(doc, k, at, NULL, NULL);
                if (side)
                    cc = cl_place_alpha2(doc, side);
            }
            if (cc) {
                p->country[0] = cc[0];
                p->country[1] = cc[1];
            }
            p->lat = p->lon = NAN;
            mark_places(doc, doc->places.n - 1, taken);
            i = at + len - 1;
        }
    }
    /* a described place is the same place wherever else its name stands */
    uint32_t n_described = doc->places.n;
    for (uint32_t k = n_before; k < n_described; k++) {
        const char *name = doc->places.v[k].name;
        size_t nl = strlen(name);
        uint32_t ntok = doc->places.v[k].tok_count;
        for (uint32_t s = 0; s < doc->sentences.n; s++) {
            const cl_sentence *se = &doc->sentences.v[s];
            for (uint32_t i = se->tok_first; i + ntok <= se->tok_first + se->tok_count; i++) {
                if (taken[i] || doc->tokens.v[i].start + nl > doc->text_len ||
                    memcmp(doc->text + doc->tokens.v[i].start, name, nl) != 0 ||
                    doc->tokens.v[i + ntok - 1].end != doc->tokens.v[i].start + nl)
                    continue;
                cl_place *p = &CL_VEC_PUSH(&doc->arena, doc->places);
                *p = doc->places.v[k];
                p->tok_first = i;
                p->start = doc->tokens.v[i].start;
                p->end = doc->tokens.v[i + ntok - 1].end;
                p->sentence = s;
                mark_places(doc, doc->places.n - 1, taken);
            }
        }
    }
}

static int cmp_place_pos(const void *a, const void *b)
{
    const cl_place *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

void cl_place_run(cl_doc *doc)
{
    if (!doc->ctx->gaz.hdr)
        return;
    uint8_t *cov = covered_tokens(doc);
    candidate *cands;
    uint32_t n;
    collect(doc, cov, &cands, &n);
    find_qualifiers(doc, cands, n);

    /* Country context: countries named or spoken for, and places with one reading. */
    country_votes cv = {0};
    const cl_gazetteer *g = &doc->ctx->gaz;
    for (uint32_t a = 0; a < doc->actors.n; a++) {
        const cl_actor *m = &doc->actors.v[a];
        if (m->side)
            vote(&cv, cl_place_alpha2(doc, m->side), 1);
    }
    /* nationality adjectives outside actor mentions: "Ukrainian marines held Krynky" */
    for (uint32_t i = 0; i < doc->tokens.n; i++) {
        const char *side = cl_actor_adjective_at(doc, i);
        if (side && cl_actor_at_token(doc, i) < 0)
            vote(&cv, cl_place_alpha2(doc, side), 1);
    }
    for (uint32_t k = 0; k < n; k++) {
        const cl_gaz_entry *e = &g->entries[cands[k].ids[0]];
        if (e->kind == CL_GAZ_COUNTRY || cands[k].n_ids == 1 ||
            (e->kind == CL_GAZ_CITY && e->population > 500000))
            vote(&cv, e->country, e->kind == CL_GAZ_COUNTRY ? 2 : 1);
    }
    /* Keep the leading countries only: a stray mention must not pull every place. */
    int top = 0;
    for (int i = 0; i < cv.n; i++)
        top = cv.votes[i] > top ? cv.votes[i] : top;
    for (int i = 0; i < cv.n; i++)
        if (cv.votes[i] * 4 < top)
            cv.votes[i] = 0;

    uint32_t *chosen = cl_arena_alloc(&doc->arena, sizeof(uint32_t) * (n + 1));
    for (uint32_t k = 0; k < n; k++) {
        const candidate *c = &cands[k];
        chosen[k] = c->front || inside_longer_name(doc, c) ? UINT32_MAX : choose(doc, cands, c, &cv);
    }
    /* the state that qualifies a town is that town's state ("Springfield, Georgia" is
     * the U.S. state, not the country) */
    for (uint32_t k = 0; k < n; k++) {
        int32_t q = cands[k].qualifier;
        if (q < 0 || chosen[k] == UINT32_MAX || chosen[q] == UINT32_MAX ||
            qualifier_fit(doc, cands, &cands[k], &g->entries[chosen[k]]) != 2)
            continue;
        const cl_gaz_entry *town = &g->entries[chosen[k]];
        for (uint32_t j = 0; j < cands[q].n_ids; j++) {
            const cl_gaz_entry *qe = &g->entries[cands[q].ids[j]];
            if (qe->kind == CL_GAZ_ADMIN1 && memcmp(qe->country, town->country, 2) == 0 &&
                town->admin1 && strcmp(cl_gaz_str(g, qe->name), cl_gaz_str(g, town->admin1)) == 0) {
                chosen[q] = cands[q].ids[j];
                break;
            }
        }
    }
    for (uint32_t k = 0; k < n; k++) {
        const candidate *c = &cands[k];
        if (c->front) {
            add_front(doc, c->sentence, c->first, c->count + 1, &g->entries[c->ids[0]]);
            continue;
        }
        uint32_t id = chosen[k];
        if (id == UINT32_MAX)
            continue;
        const cl_gaz_entry *e = &g->entries[id];
        cl_place *p = &CL_VEC_PUSH(&doc->arena, doc->places);
        memset(p, 0, sizeof *p);
        p->tok_first = c->first;
        p->tok_count = c->span_last - c->first + 1;
        p->start = doc->tokens.v[c->first].start;
        p->end = doc->tokens.v[c->span_last].end;
        p->sentence = c->sentence;
        p->kind = e->kind == CL_GAZ_COUNTRY ? CL_PLACE_COUNTRY
                  : e->kind == CL_GAZ_ADMIN1 ? CL_PLACE_ADMIN1
                                             : CL_PLACE_CITY;
        p->name = cl_gaz_str(g, e->name);
        p->country[0] = e->country[0];
        p->country[1] = e->country[1];
        p->admin1 = e->kind == CL_GAZ_CITY && e->admin1 ? cl_gaz_str(g, e->admin1) : NULL;
        p->lat = e->lat_e5 / 1e5;
        p->lon = e->lon_e5 / 1e5;
        p->population = e->population;
    }
    described_places(doc);
    direction_fronts(doc);
    if (doc->places.n > 1)
        qsort(doc->places.v, doc->places.n, sizeof(cl_place), cmp_place_pos);
    doc->tok_place = cl_doc_token_index(doc, doc->places.n, place_range);
}
