/* claim.c - claim extraction; see claim.h.
 *
 * For each sentence: find trigger phrases, then for each trigger decide who claims it (the
 * attribution whose content holds it, or the outlet), whether it is a claim at all and with
 * which stance (modality of the trigger's clause), which place it is about (the window after
 * the trigger, "X's capture", "the town" for the last town named), who holds it (agent,
 * adversary, "fall to X"), and when (a time in the clause, else when it was said). */
#include "claim/claim.h"

#include <stdlib.h>
#include <string.h>

#include "actor/actor.h"
#include "context.h"
#include "data/table.h"
#include "doc.h"
#include "place/place.h"
#include "util/error.h"
#include "util/text.h"

static const char *const predicate_names[CL_PRED_COUNT] = {"control", "fighting", "advance",
                                                           "retreat", "repel"};

const char *cl_predicate_name(int p)
{
    return p >= 0 && p < CL_PRED_COUNT ? predicate_names[p] : "control";
}

const char *cl_stance_name(int s)
{
    return s == CL_STANCE_DENY ? "deny" : s == CL_STANCE_HEDGE ? "hedge" : "assert";
}

static int predicate_from_name(const char *s)
{
    for (int i = 0; i < CL_PRED_COUNT; i++)
        if (strcmp(s, predicate_names[i]) == 0)
            return i;
    return -1;
}

cl_status cl_claim_tables_load(cl_claim_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "predicates.tsv", 6, &tab, err);
    if (st != CL_OK)
        return st;
    t->patterns = cl_arena_zalloc(a, sizeof(cl_trigger_pattern) * (tab.nrows + 1));
    cl_strmap_init(&t->first_word, a, tab.nrows);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        cl_trigger_pattern *p = &t->patterns[t->n_patterns];
        char *words = cl_arena_strdup(a, cl_table_cell(&tab, r, 0));
        for (char *w = strtok(words, " "); w && p->n_words < CL_PATTERN_MAX; w = strtok(NULL, " "))
            p->words[p->n_words++] = w;
        int pred = predicate_from_name(cl_table_cell(&tab, r, 1));
        const char *h = cl_table_cell(&tab, r, 2);
        int holder = strcmp(h, "agent") == 0       ? CL_HOLD_AGENT
                     : strcmp(h, "adversary") == 0 ? CL_HOLD_ADVERSARY
                     : strcmp(h, "to") == 0        ? CL_HOLD_TO
                     : strcmp(h, "none") == 0      ? CL_HOLD_NONE
                                                   : -1;
        const char *loc = cl_table_cell(&tab, r, 5);
        int locative = strcmp(loc, "-") == 0 ? -1 : predicate_from_name(loc);
        if (pred < 0 || holder < 0 || p->n_words == 0 || (strcmp(loc, "-") != 0 && locative < 0))
            return cl_error_set(err, CL_EFORMAT, "predicates.tsv", tab.lines[r], 0,
                                "predicates.tsv line %u: bad row", tab.lines[r]);
        p->predicate = (uint8_t)pred;
        p->holder = (uint8_t)holder;
        p->nominal = strcmp(cl_table_cell(&tab, r, 3), "noun") == 0;
        p->window = (uint8_t)atoi(cl_table_cell(&tab, r, 4));
        p->locative = (int8_t)locative;
        if (!cl_strmap_get(&t->first_word, p->words[0], strlen(p->words[0]), &p->first_id)) {
            p->first_id = t->first_word.count;
            cl_strmap_put(&t->first_word, a, p->words[0], strlen(p->words[0]), p->first_id);
        }
        t->n_patterns++;
    }
    cl_table mod;
    st = cl_table_load(a, "modality.tsv", 2, &mod, err);
    if (st != CL_OK)
        return st;
    cl_strmap_init(&t->modality, a, mod.nrows);
    cl_strmap_init(&t->modality_first, a, mod.nrows);
    static const char *const classes[] = {NULL, "negation", "denial", "hedge", "hypothetical",
                                          "goal", "unconfirmed", "attempt"};
    for (uint32_t r = 0; r < mod.nrows; r++) {
        const char *ph = cl_table_cell(&mod, r, 0), *c = cl_table_cell(&mod, r, 1);
        uint32_t cls = 0;
        for (uint32_t k = 1; k < sizeof classes / sizeof *classes; k++)
            if (strcmp(c, classes[k]) == 0)
                cls = k;
        if (!cls)
            return cl_error_set(err, CL_EFORMAT, "modality.tsv", mod.lines[r], 0,
                                "modality.tsv line %u: unknown class %s", mod.lines[r], c);
        uint32_t words = 1;
        for (const char *q = ph; *q; q++)
            words += *q == ' ';
        if (words > t->modality_max_words)
            t->modality_max_words = words;
        cl_strmap_put(&t->modality, a, ph, strlen(ph), cls);
        const char *sp = strchr(ph, ' ');
        cl_strmap_put(&t->modality_first, a, ph, sp ? (size_t)(sp - ph) : strlen(ph), 1);
    }
    return CL_OK;
}

/* ---------------------------------------------------------------- token helpers */

static int tok_is(const cl_doc *doc, uint32_t i, const char *w)
{
    return i < doc->tokens.n && cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), w);
}

static int is_punct(const cl_doc *doc, uint32_t i, char c)
{
    return i < doc->tokens.n && doc->tokens.v[i].kind == CL_TOK_PUNCT && cl_tok_len(doc, i) == 1 &&
           cl_tok_ptr(doc, i)[0] == c;
}

static int is_quote(const cl_doc *doc, uint32_t i)
{
    return i < doc->tokens.n && doc->tokens.v[i].kind == CL_TOK_QUOTE;
}

/* Prepositions that put a nominal trigger in the background (see claim_for_hit). */
static int is_preposition(const cl_doc *doc, uint32_t i)
{
    static const char *const w[] = {"of", "for", "after", "during", "about", "to", "against",
                                    "with", "from", "in", "amid", "despite", "since", NULL};
    for (const char *const *p = w; *p; p++)
        if (tok_is(doc, i, *p))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- triggers */

typedef struct hit {
    uint32_t first, last;
    const cl_trigger_pattern *p;
} hit;

/* Matches pattern p at token i (quote marks between words are skipped). */
static int match_pattern(const cl_doc *doc, uint32_t i, uint32_t end,
                         const cl_trigger_pattern *p, uint32_t *last)
{
    uint32_t k = i;
    for (uint8_t w = 0; w < p->n_words; w++) {
        while (w > 0 && k < end && is_quote(doc, k))
            k++;
        if (k >= end)
            return 0;
        if (strcmp(p->words[w], "*") == 0) {
            /* a gap of 0..4 tokens before the next word */
            if (w + 1 >= p->n_words)
                return 0;
            const char *next = p->words[w + 1];
            uint32_t g = 0;
            while (g <= 4 && k + g < end && !tok_is(doc, k + g, next))
                g++;
            if (g > 4 || k + g >= end)
                return 0;
            k += g;
            continue;
        }
        if (strcmp(p->words[w], "@side") == 0) {
            /* a nationality adjective ending the clause: "X is Ukrainian." */
            int form = -1;
            uint32_t n = 0;
            if (!(doc->tokens.v[k].flags & CL_TF_CAP) ||
                !cl_actor_country_at(doc, k, end, &form, &n) || form != CL_CF_ADJ ||
                !(k + n >= end || doc->tokens.v[k + n].kind == CL_TOK_PUNCT || is_quote(doc, k + n) ||
                  tok_is(doc, k + n, "and") || tok_is(doc, k + n, "but")))
                return 0;
            *last = k + n - 1;
            k += n;
            continue;
        }
        if (!tok_is(doc, k, p->words[w]))
            return 0;
        *last = k;
        k++;
    }
    return 1;
}

static uint32_t find_triggers(const cl_doc *doc, uint32_t first, uint32_t end, hit *out,
                              uint32_t cap)
{
    const cl_claim_tables *t = &doc->ctx->claim;
    uint32_t n = 0;
    uint32_t covered_to = 0; /* tokens before this index belong to an earlier trigger */
    for (uint32_t i = first; i < end && n < cap; i++) {
        uint32_t v;
        if (doc->tokens.v[i].kind != CL_TOK_WORD ||
            !cl_tok_get(doc, &t->first_word, i, &v))
            continue;
        hit best = {0, 0, NULL};
        for (uint32_t k = 0; k < t->n_patterns; k++) {
            uint32_t last;
            if (t->patterns[k].first_id == v && match_pattern(doc, i, end, &t->patterns[k], &last) &&
                (!best.p || last > best.last)) {
                best = (hit){i, last, &t->patterns[k]};
            }
        }
        /* a trigger inside an earlier one counts only if it reaches further ("still
         * holding" then "holding out") */
        if (!best.p || (i < covered_to && best.last < covered_to))
            continue;
        out[n++] = best;
        covered_to = best.last + 1;
        /* patterns with the same words but another predicate: add them too */
        for (uint32_t k = 0; k < t->n_patterns && n < cap; k++) {
            const cl_trigger_pattern *q = &t->patterns[k];
            uint32_t last;
            if (q != best.p && q->first_id == v && q->predicate != best.p->predicate &&
                match_pattern(doc, i, end, q, &last) && last == best.last)
                out[n++] = (hit){i, last, q};
        }
    }
    return n;
}

/* ---------------------------------------------------------------- modality */

/* Class of the modality phrase starting at token i (longest), its length in *len. */
static int modality_at(const cl_doc *doc, uint32_t i, uint32_t end, uint32_t *len)
{
    const cl_claim_tables *t = &doc->ctx->claim;
    char buf[128];
    size_t o = 0;
    int best = 0;
    uint32_t first;
    if (!cl_tok_get(doc, &t->modality_first, i, &first)) {
        /* only n't-words can still be a negation */
        uint32_t n = cl_tok_len(doc, i);
        const char *p = cl_tok_ptr(doc, i);
        if ((n > 3 && memcmp(p + n - 3, "n't", 3) == 0) ||
            (n > 5 && memcmp(p + n - 5, "n\xE2\x80\x99t", 5) == 0)) {
            *len = 1;
            return CL_MOD_NEGATION;
        }
        return 0;
    }
    for (uint32_t n = 1; n <= t->modality_max_words && i + n <= end; n++) {
        uint32_t k = i + n - 1;
        uint32_t tl = cl_tok_len(doc, k);
        if (o + tl + 2 >= sizeof buf)
            break;
        if (n > 1 && !(doc->tokens.v[k].flags & CL_TF_NOSPACE))
            buf[o++] = ' ';
        memcpy(buf + o, cl_tok_ptr(doc, k), tl);
        o += tl;
        uint32_t v;
        if (cl_strmap_get(&t->modality, buf, o, &v)) {
            best = (int)v;
            *len = n;
        }
    }
    /* typographic apostrophe in n't */
    if (!best && cl_tok_len(doc, i) >= 3) {
        const char *p = cl_tok_ptr(doc, i);
        uint32_t n = cl_tok_len(doc, i);
        if ((n > 3 && memcmp(p + n - 3, "n't", 3) == 0) ||
            (n > 5 && memcmp(p + n - 5, "n\xE2\x80\x99t", 5) == 0)) {
            best = CL_MOD_NEGATION;
            *len = 1;
        }
    }
    return best;
}

/* Does a verb before "to" (within five tokens) make the infinitive happen? */
static int realized_infinitive(const cl_doc *doc, uint32_t lo, uint32_t to)
{
    static const char *const verbs[] = {"ordered", "decided", "forced", "managed", "began",
                                        "started", "continued", "had", "compelled", "chose",
                                        "agreed", NULL};
    for (uint32_t k = to; k-- > lo && k + 6 > to;)
        for (const char *const *v = verbs; *v; v++)
            if (tok_is(doc, k, *v))
                return 1;
    return 0;
}

typedef struct modality {
    int negations;
    int denial, hedge, hypothetical, goal, unconfirmed;
    int attempt; /* "were trying to storm X", "failed to take X": an attack on X */
} modality;

/* Left boundary of the trigger's clause. */
static uint32_t clause_start(const cl_doc *doc, uint32_t lo, uint32_t trig)
{
    uint32_t k = trig;
    while (k > lo) {
        uint32_t p = k - 1;
        if (is_punct(doc, p, ';') || is_punct(doc, p, ':') || is_punct(doc, p, '(') ||
            doc->tokens.v[p].kind == CL_TOK_DASH)
            break;
        if (is_punct(doc, p, ',') && p + 1 < trig &&
            (tok_is(doc, p + 1, "but") || tok_is(doc, p + 1, "which") || tok_is(doc, p + 1, "who") ||
             tok_is(doc, p + 1, "while") || tok_is(doc, p + 1, "and") || tok_is(doc, p + 1, "where")))
            break;
        if (trig - p > 14)
            break;
        k = p;
    }
    return k;
}

static modality analyze(const cl_doc *doc, uint32_t lo, uint32_t hi, const hit *h)
{
    modality m = {0};
    uint32_t cs = clause_start(doc, lo, h->first);
    for (uint32_t k = cs; k < h->first;) {
        uint32_t len = 1;
        int c = modality_at(doc, k, h->first, &len);
        switch (c) {
        case CL_MOD_NEGATION: m.negations++; break;
        case CL_MOD_DENIAL: m.denial = 1; break;
        case CL_MOD_HEDGE: m.hedge = 1; break;
        case CL_MOD_HYPOTHETICAL: m.hypothetical = 1; break;
        case CL_MOD_GOAL:
            /* "to" counts only right before the trigger: "moved troops to capture X",
             * not "claimed to have taken"; and not after a verb that makes it happen:
             * "ordered the troops to withdraw", "were forced to retreat" */
            if (!tok_is(doc, k, "to"))
                m.goal = 1;
            else if (k + 1 == h->first && !realized_infinitive(doc, cs, k) && !m.attempt)
                m.goal = 1;
            break;
        case CL_MOD_UNCONFIRMED: m.unconfirmed = 1; break;
        case CL_MOD_ATTEMPT: m.attempt = 1; break;
        default: break;
        }
        k += len;
    }
    /* a modal right after a nominal trigger: "Bakhmut's capture would give" */
    for (uint32_t k = h->last + 1; k < hi && k <= h->last + 4; k++) {
        if (tok_is(doc, k, "would") || tok_is(doc, k, "could") || tok_is(doc, k, "will") ||
            tok_is(doc, k, "might") || tok_is(doc, k, "may")) {
            if (h->p->nominal)
                m.hypothetical = 1;
            break;
        }
        if (is_punct(doc, k, ',') || is_punct(doc, k, '.'))
            break;
    }
    /* denial phrases anywhere in the reported content ("- this does not correspond to
     * reality") */
    for (uint32_t k = lo; k < hi; k++) {
        uint32_t len = 1;
        if (modality_at(doc, k, hi, &len) == CL_MOD_DENIAL && !(k < h->first && k >= cs))
            m.denial = 1;
    }
    return m;
}

/* Is the attribution's cue itself negated ("have not yet confirmed", "declined to say")? */
static int cue_negated(const cl_doc *doc, const cl_attribution *at, uint32_t sent_first)
{
    uint32_t c = at->cue_tok;
    uint32_t lo = c > sent_first + 4 ? c - 4 : sent_first;
    for (uint32_t k = lo; k < c; k++) {
        uint32_t len = 1;
        int m = modality_at(doc, k, c + 1, &len);
        if (m == CL_MOD_NEGATION || m == CL_MOD_UNCONFIRMED)
            return 1;
        if (tok_is(doc, k, "declined") || tok_is(doc, k, "refused") || tok_is(doc, k, "failed"))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- places */

static int settlement_word(const cl_doc *doc, uint32_t i)
{
    uint32_t v;
    return cl_tok_get(doc, &doc->ctx->place.words, i, &v) &&
           v == CL_PW_SETTLEMENT;
}

/* The last town (or subdivision) named before token tok. */
/* Is token i a word for a village (and not for a town or city; "settlement" is either)? */
static int village_word(const cl_doc *doc, uint32_t i)
{
    return tok_is(doc, i, "village") || tok_is(doc, i, "villages") || tok_is(doc, i, "hamlet");
}

/* The settlement word a place was introduced with ("the village of X", "the town of X"):
 * 1 village, 2 town or city, 0 none. */
static int introduced_as(const cl_doc *doc, const cl_place *pl)
{
    uint32_t k = pl->tok_first;
    if (k < 2 || !tok_is(doc, k - 1, "of"))
        return 0;
    if (village_word(doc, k - 2))
        return 1;
    return tok_is(doc, k - 2, "town") || tok_is(doc, k - 2, "city") ? 2 : 0;
}

/* The nearest place before tok that "the town" (or "the region") can refer to. anaphor
 * is the token of the settlement word used, or UINT32_MAX: "the town" skips a place
 * introduced as a village, "the village" one introduced as a town. */
static int32_t last_place_before(const cl_doc *doc, uint32_t tok, int want_region,
                                 uint32_t anaphor)
{
    int want = anaphor == UINT32_MAX  ? 0
               : village_word(doc, anaphor) ? 1
               : tok_is(doc, anaphor, "town") || tok_is(doc, anaphor, "city") ? 2
                                                                                : 0;
    uint32_t lo = 0, hi = doc->places.n;
    while (lo < hi) { /* first place starting at or after tok */
        uint32_t mid = (lo + hi) / 2;
        if (doc->places.v[mid].tok_first < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t p = lo; p-- > 0;) {
        const cl_place *pl = &doc->places.v[p];
        if (pl->tok_first >= tok || pl->kind == CL_PLACE_COUNTRY)
            continue;
        /* "denied by Kyiv": a capital standing for its government is no antecedent */
        int32_t a = cl_actor_at_token(doc, pl->tok_first);
        if (a >= 0 && doc->actors.v[a].kind == CL_ACTOR_CAPITAL)
            continue;
        if (want && !want_region) {
            int as = introduced_as(doc, pl);
            if (as && as != want)
                continue;
        }
        if (want_region ? pl->kind == CL_PLACE_ADMIN1 : pl->kind == CL_PLACE_CITY)
            return (int32_t)p;
    }
    return -1;
}

typedef struct place_hit {
    int32_t place;
    int locative;      /* introduced by in/at/near/around */
    int anaphoric;     /* "the town", "it" */
} place_hit;

static int locative_prep(const cl_doc *doc, uint32_t i)
{
    return tok_is(doc, i, "in") || tok_is(doc, i, "at") || tok_is(doc, i, "near") ||
           tok_is(doc, i, "around") || tok_is(doc, i, "inside");
}

/* Finds the places a trigger is about. Returns how many (at most cap). */
static int past_participle(const char *p, uint32_t n);

static uint32_t trigger_places(const cl_doc *doc, const hit *h, uint32_t end, place_hit *out,
                               uint32_t cap)
{
    uint32_t n = 0;
    uint32_t limit = h->last + 1 + h->p->window;
    if (limit > end)
        limit = end;
    for (uint32_t k = h->last + 1; k < limit && n < cap; k++) {
        if (is_quote(doc, k))
            continue;
        if (is_punct(doc, k, ';') || is_punct(doc, k, '.') || is_punct(doc, k, '?'))
            break;
        if (k > h->last + 1 && doc->ctx->attrib.verbs.slots &&
            tok_is(doc, k, "said"))
            break;
        int32_t p = cl_place_at_token(doc, k);
        if (p >= 0 && doc->places.v[p].tok_first == k) {
            const cl_place *pl = &doc->places.v[p];
            if (pl->kind == CL_PLACE_COUNTRY) {
                k = pl->tok_first + pl->tok_count - 1;
                continue;
            }
            /* more places only when coordinated with the first */
            if (n > 0) {
                uint32_t prev_end = doc->places.v[out[n - 1].place].tok_first +
                                    doc->places.v[out[n - 1].place].tok_count;
                int coordinated = 1;
                for (uint32_t j = prev_end; j < k; j++)
                    if (!(is_punct(doc, j, ',') || tok_is(doc, j, "and") || tok_is(doc, j, "or") ||
                          tok_is(doc, j, "including")))
                        coordinated = 0;
                if (!coordinated)
                    break;
            }
            uint32_t b = k;
            while (b > h->last + 1 && (tok_is(doc, b - 1, "the") || is_quote(doc, b - 1)))
                b--;
            out[n++] = (place_hit){p, b > h->last + 1 && locative_prep(doc, b - 1), 0};
            k = pl->tok_first + pl->tok_count - 1;
            limit = k + 6 < end ? k + 6 : end;  /* room for "and Vuhledar" */
            continue;
        }
        if (n > 0)
            continue;
        uint32_t pw;
        if (cl_tok_get(doc, &doc->ctx->place.words, k, &pw) &&
            pw == CL_PW_SETTLEMENTS) {
            /* "20 settlements, including X and Y", "the villages of X and Y", "two
             * villages, X and Y" name them; "two villages east of X" does not */
            uint32_t q = k + 1 + (is_punct(doc, k + 1, ',') ? 1 : 0);
            if (tok_is(doc, q, "including") ||
                (tok_is(doc, q, "such") && tok_is(doc, q + 1, "as")) ||
                (q == k + 1 && tok_is(doc, q, "of"))) {
                limit = q + 8 < end ? q + 8 : end;
                k = q;
                continue;
            }
            if (q == k + 2 && cl_place_at_token(doc, q) >= 0) {
                limit = q + 8 < end ? q + 8 : end;
                k = q - 1;
                continue;
            }
            break;
        }
        /* "the town of X" continues; "the town" / "the city" is the last town named;
         * "a town" has no name here */
        if (settlement_word(doc, k)) {
            if (tok_is(doc, k + 1, "of")) {
                /* "taken the village of X": the name counts as the object however short
                 * the trigger's window */
                if (limit < k + 3)
                    limit = k + 3 < end ? k + 3 : end;
                continue;
            }
            uint32_t d = k;
            while (d > h->last + 1 && doc->tokens.v[d - 1].kind == CL_TOK_WORD &&
                   !tok_is(doc, d - 1, "the") && !tok_is(doc, d - 1, "a") && !tok_is(doc, d - 1, "an") &&
                   !tok_is(doc, d - 1, "of") && d > k - 4)
                d--;
            if (d > h->last + 1 && tok_is(doc, d - 1, "the")) {
                int region = tok_is(doc, k, "region") || tok_is(doc, k, "province");
                int32_t lp = last_place_before(doc, h->first, region, k);
                if (lp >= 0 && n < cap)
                    out[n++] = (place_hit){lp, d - 1 > h->last + 1 && locative_prep(doc, d - 2), 1};
            } else if (tok_is(doc, k + 1, "near") || tok_is(doc, k + 1, "outside") ||
                       tok_is(doc, k + 1, "around")) {
                /* "a village near X": the landmark X (near_landmark makes it an advance) */
                uint32_t q = k + 2 + (tok_is(doc, k + 2, "the") ? 1 : 0);
                int32_t lp = cl_place_at_token(doc, q);
                if (lp >= 0 && doc->places.v[lp].tok_first == q &&
                    doc->places.v[lp].kind != CL_PLACE_COUNTRY && n < cap)
                    out[n++] = (place_hit){lp, 1, 0};
            }
            break;
        }
        /* "fighting was continuing there": the town named last (not "there were ...") */
        if (tok_is(doc, k, "there") && !tok_is(doc, k + 1, "is") && !tok_is(doc, k + 1, "are") &&
            !tok_is(doc, k + 1, "was") && !tok_is(doc, k + 1, "were") &&
            !tok_is(doc, k + 1, "has") && !tok_is(doc, k + 1, "have") &&
            !tok_is(doc, k + 1, "had") && !tok_is(doc, k + 1, "would") &&
            !tok_is(doc, k + 1, "will")) {
            int32_t lp = last_place_before(doc, h->first, 0, UINT32_MAX);
            if (lp >= 0)
                out[n++] = (place_hit){lp, 1, 1};
            break;
        }
        /* "control of it" */
        if (tok_is(doc, k, "it") && k > h->last + 1 && tok_is(doc, k - 1, "of")) {
            int32_t lp = last_place_before(doc, h->first, 0, UINT32_MAX);
            if (lp >= 0)
                out[n++] = (place_hit){lp, 0, 1};
            break;
        }
        /* "in the area", "on the outskirts of the city" */
        uint32_t wv;
        if (cl_tok_get(doc, &doc->ctx->place.words, k, &wv) &&
            wv == CL_PW_AREA && tok_is(doc, k - 1, "the")) {
            if (tok_is(doc, k + 1, "of"))
                continue;
            int32_t lp = last_place_before(doc, h->first, 0, UINT32_MAX);
            if (lp >= 0)
                out[n++] = (place_hit){lp, k >= 2 && locative_prep(doc, k - 2), 1};
            break;
        }
    }
    /* a state: "the town of X was now under their control", "X remains in Ukrainian hands" */
    int be_first = tok_is(doc, h->first, "is") || tok_is(doc, h->first, "are") ||
                   tok_is(doc, h->first, "remains");
    /* the passive names the place first: "X had been retaken", "X was liberated" (the
     * place right before the auxiliaries; "a village that had been occupied" is no claim) */
    int passive = 0;
    if (h->first >= 2 && past_participle(cl_tok_ptr(doc, h->first), cl_tok_len(doc, h->first))) {
        uint32_t k = h->first;
        while (k > 0 && k + 3 > h->first &&
               (tok_is(doc, k - 1, "been") || tok_is(doc, k - 1, "was") || tok_is(doc, k - 1, "were") ||
                tok_is(doc, k - 1, "is") || tok_is(doc, k - 1, "are") || tok_is(doc, k - 1, "being") ||
                tok_is(doc, k - 1, "had") || tok_is(doc, k - 1, "has") || tok_is(doc, k - 1, "have")))
            k--;
        int32_t p = k < h->first && k > 0 ? cl_place_at_token(doc, k - 1) : -1;
        passive = p >= 0 && doc->places.v[p].kind != CL_PLACE_COUNTRY;
    }
    int state = h->p->predicate == CL_PRED_CONTROL &&
                (tok_is(doc, h->first, "under") || tok_is(doc, h->first, "in") || be_first ||
                 h->p->holder == CL_HOLD_TO || passive);
    if (n == 0 && state && h->first >= 1) {
        uint32_t k = h->first;
        int be = be_first; /* "X is ours": the trigger holds the verb */
        for (uint32_t j = 0; !be && j < 3 && k > 0; j++) {
            k--;
            if (tok_is(doc, k, "was") || tok_is(doc, k, "is") || tok_is(doc, k, "were") ||
                tok_is(doc, k, "are") || tok_is(doc, k, "remains") || tok_is(doc, k, "remained") ||
                tok_is(doc, k, "remain") || tok_is(doc, k, "been") || tok_is(doc, k, "be") ||
                (h->p->holder == CL_HOLD_TO && (tok_is(doc, k, "had") || tok_is(doc, k, "has") ||
                                               tok_is(doc, k, "have")))) {
                be = 1;
                break;
            }
            if (h->p->holder == CL_HOLD_TO && j == 0) {
                be = 1; /* "X fell" */
                k++;
                break;
            }
        }
        for (uint32_t j = 0; be && j < 6 && k > 0; j++) {
            k--;
            int32_t p = cl_place_at_token(doc, k);
            if (p >= 0 && doc->places.v[p].kind != CL_PLACE_COUNTRY) {
                out[n++] = (place_hit){p, 0, 0};
                break;
            }
            /* "the town had fallen" */
            if (settlement_word(doc, k) && k > 0 && tok_is(doc, k - 1, "the")) {
                int32_t lp = last_place_before(doc, k, 0, k);
                if (lp >= 0)
                    out[n++] = (place_hit){lp, 0, 1};
                break;
            }
            if (is_punct(doc, k, ',') || is_punct(doc, k, ';'))
                break;
        }
    }
    /* a passive repel names the attack first: "attacks near X were repelled", or the
     * place in the clause before: "tried to break through near X, but all attacks have
     * been repelled" */
    if (n == 0 && h->p->predicate == CL_PRED_REPEL && h->first >= 2 &&
        (tok_is(doc, h->first - 1, "been") || tok_is(doc, h->first - 1, "were") ||
         tok_is(doc, h->first - 1, "was"))) {
        for (uint32_t k = h->first - 1, j = 0; k > 0 && j < 14; j++) {
            k--;
            if (is_punct(doc, k, ';') || is_punct(doc, k, '.') ||
                is_punct(doc, k, '?') || is_punct(doc, k, '!') || is_quote(doc, k) ||
                doc->tokens.v[k].kind == CL_TOK_DASH)
                break;
            int32_t p = cl_place_at_token(doc, k);
            if (p >= 0 && doc->places.v[p].kind != CL_PLACE_COUNTRY) {
                out[n++] = (place_hit){p, k > 0 && locative_prep(doc, k - 1), 0};
                break;
            }
            if (doc->tokens.v[k].flags & CL_TF_PARA_START)
                break;
        }
    }
    /* the place before a bare participle: "declared Avdiivka fully liberated", headlines
     * such as "Bakhmut captured, Wagner says" */
    if (n == 0 && h->p->predicate == CL_PRED_CONTROL && h->first >= 1 &&
        past_participle(cl_tok_ptr(doc, h->first), cl_tok_len(doc, h->first))) {
        uint32_t k = h->first - 1;
        while (k > 0 && (tok_is(doc, k, "fully") || tok_is(doc, k, "completely") ||
                         tok_is(doc, k, "finally") || tok_is(doc, k, "now")))
            k--;
        if (k > 0 && is_punct(doc, k, ',') && tok_is(doc, h->last + 1, "by"))
            k--; /* "Bakhmut, captured by Wagner in May" */
        int32_t p = cl_place_at_token(doc, k);
        if (p >= 0 && doc->places.v[p].kind != CL_PLACE_COUNTRY &&
            doc->places.v[p].tok_first + doc->places.v[p].tok_count == k + 1)
            out[n++] = (place_hit){p, 0, 0};
    }
    if (n == 0 && h->first >= 2 && doc->tokens.v[h->first - 1].kind == CL_TOK_POSS) {
        /* "Soledar's capture" */
        int32_t p = cl_place_at_token(doc, h->first - 2);
        if (p >= 0 && doc->places.v[p].kind != CL_PLACE_COUNTRY)
            out[n++] = (place_hit){p, 0, 0};
    }
    return n;
}

/* ---------------------------------------------------------------- holders */

/* The other of the document's two warring sides: the two sides most mentioned as
 * countries, capitals and forces. */
static const char *adversary_of(const cl_doc *doc, const char *side)
{
    const char *a, *b;
    cl_doc_dyad((cl_doc *)doc, &a, &b);
    if (!side || !a || !b)
        return NULL;
    if (strcmp(side, a) == 0)
        return b;
    if (strcmp(side, b) == 0)
        return a;
    return NULL;
}

static int possessive_pronoun(const cl_doc *doc, uint32_t i)
{
    return tok_is(doc, i, "its") || tok_is(doc, i, "their") || tok_is(doc, i, "our") ||
           tok_is(doc, i, "his") || tok_is(doc, i, "her") || tok_is(doc, i, "my");
}

static int subject_pronoun(const cl_doc *doc, uint32_t i)
{
    return tok_is(doc, i, "it") || tok_is(doc, i, "they") || tok_is(doc, i, "we") ||
           tok_is(doc, i, "he") || tok_is(doc, i, "she") || tok_is(doc, i, "i");
}

/* Side of the agent of a trigger, scanning left within [lo, trigger). "claimant" is the side
 * a pronoun refers to; *how says what was found (for "the enemy"). */
/* Is the word shaped like a past participle ("repelled", "taken", "overrun", "held")?
 * A trigger like "within 3 km of" after "are" is no passive. */
static int past_participle(const char *p, uint32_t n)
{
    static const char *const irregular[] = {"held", "lost", "won", "fought", "caught", "hit",
                                            "struck", "shot", "beat", "left", NULL};
    if (n > 3 && (memcmp(p + n - 2, "ed", 2) == 0 || memcmp(p + n - 2, "en", 2) == 0 ||
                  memcmp(p + n - 2, "wn", 2) == 0 || memcmp(p + n - 2, "un", 2) == 0))
        return 1;
    for (const char *const *w = irregular; *w; w++)
        if (cl_eq_ci(p, n, *w))
            return 1;
    return 0;
}

/* The side of the author of "X's statement that" / "an X statement that" / "X's claim
 * that" right before token k, or NULL: a pronoun after it stands for that author. */
static const char *statement_author(const cl_doc *doc, uint32_t lo, uint32_t k)
{
    uint32_t v;
    for (uint32_t j = k; j > lo + 1 && k - j < 4;) {
        j--;
        if (!tok_is(doc, j, "that") || !cl_tok_get(doc, &doc->ctx->attrib.nouns, j - 1, &v))
            continue;
        for (uint32_t a = j - 1; a > lo && j - a <= 5;) {
            a--;
            int32_t m = cl_actor_at_token(doc, a);
            if (m >= 0 && doc->actors.v[m].side)
                return doc->actors.v[m].side;
            const char *cs = cl_actor_country_at(doc, a, j - 1, NULL, NULL);
            if (cs)
                return cs;
        }
        return NULL;
    }
    return NULL;
}

/* Who did it to the side that suffered it: that side's adversary in the document, else
 * the claimant when the claimant is someone else ("Ukrainian attacks were repelled", the
 * Russian ministry said, in a text that names no other party). */
static const char *sufferer_adversary(const cl_doc *doc, const char *sufferer,
                                      const char *claimant)
{
    const char *adv = adversary_of(doc, sufferer);
    if (!adv && claimant && strcmp(claimant, sufferer) != 0)
        adv = claimant;
    return adv;
}

/* agent_side's answer for unnamed rebels: the rebels of the claim's place's country. */
static const char REBELS_OF_PLACE[] = "?.REBELS";

/* The alpha-3 code of the country whose alpha-2 code is cc, or NULL. */
static const char *alpha3_of(const cl_doc *doc, const char *cc)
{
    const cl_actor_tables *t = &doc->ctx->actor;
    for (uint32_t i = 0; i < t->n_countries; i++) {
        const char *a2 = cl_place_alpha2(doc, t->countries[i].alpha3);
        if (a2 && a2[0] == cc[0] && a2[1] == cc[1])
            return t->countries[i].alpha3;
    }
    return NULL;
}

static const char *agent_side(cl_doc *doc, uint32_t lo, const hit *h, const char *claimant,
                              int *found)
{
    *found = 1;
    /* passive with an agent: "captured by Russian forces" (a participle, not "were
     * advancing") */
    uint32_t tl = cl_tok_len(doc, h->first);
    const char *tp = cl_tok_ptr(doc, h->first);
    int participle = past_participle(tp, tl);
    /* a participle with its agent, no auxiliary needed: "Bakhmut, captured by Wagner in
     * May", "left Bakhmut captured by Russia" */
    if (participle && tok_is(doc, h->last + 1, "by")) {
        int32_t a = cl_actor_at_token(doc, h->last + 2);
        if (a < 0 && tok_is(doc, h->last + 2, "the"))
            a = cl_actor_at_token(doc, h->last + 3);
        if (a >= 0 && doc->actors.v[a].side)
            return doc->actors.v[a].side;
    }
    /* a headline drops the auxiliary: "Russian assault repelled near X" */
    uint32_t b = h->first - 1;
    int headline_passive = h->p->predicate == CL_PRED_REPEL && h->first > lo &&
                           (tok_is(doc, b, "assault") || tok_is(doc, b, "assaults") ||
                            tok_is(doc, b, "attack") || tok_is(doc, b, "attacks") ||
                            tok_is(doc, b, "offensive") || tok_is(doc, b, "advance"));
    if (participle && h->first > lo &&
        (headline_passive || tok_is(doc, b, "been") || tok_is(doc, b, "was") ||
         tok_is(doc, b, "were") || tok_is(doc, b, "being") || tok_is(doc, b, "is") ||
         tok_is(doc, b, "are"))) {
        uint32_t end = h->last + 8 < doc->tokens.n ? h->last + 8 : doc->tokens.n;
        for (uint32_t k = h->last + 1; k < end; k++) {
            if (tok_is(doc, k, "by")) {
                int32_t a = cl_actor_at_token(doc, k + 1);
                if (a < 0)
                    a = cl_actor_at_token(doc, k + 2);
                if (a >= 0 && doc->actors.v[a].side)
                    return doc->actors.v[a].side;
            }
        }
        /* "the Russians have been repelled": the subject suffered it */
        *found = 2;
    }
    for (uint32_t k = h->first; k-- > lo;) {
        if (is_punct(doc, k, ';') || is_punct(doc, k, ':'))
            break;
        /* "a Russian statement that X had been retaken": the passive's subject is the
         * place; the statement's author claims it */
        if (*found == 2 && tok_is(doc, k, "that")) {
            const char *author = statement_author(doc, lo, k + 1);
            return author ? author : claimant;
        }
        int32_t a = cl_actor_at_token(doc, k);
        if (a >= 0 && doc->actors.v[a].side) {
            const char *side = doc->actors.v[a].side;
            if (*found == 2)
                return sufferer_adversary(doc, side, claimant);
            return side;
        }
        if (possessive_pronoun(doc, k) || subject_pronoun(doc, k)) {
            /* "a Russian Defence Ministry statement that its troops ...": the pronoun is
             * the statement's author */
            const char *author = statement_author(doc, lo, k);
            return author ? author : claimant;
        }
        /* "rebels had taken X": the rebels of the country named before them, or of the
         * place's country (REBELS_OF_PLACE, settled by the caller) */
        if (tok_is(doc, k, "rebels") || tok_is(doc, k, "insurgents") || tok_is(doc, k, "militants")) {
            const char *cs = k > lo ? cl_actor_country_at(doc, k - 1, k, NULL, NULL) : NULL;
            if (*found == 2)
                return claimant;
            return cs ? cl_arena_printf(&doc->arena, "%s.REBELS", cs) : REBELS_OF_PLACE;
        }
        if (tok_is(doc, k, "enemy") || tok_is(doc, k, "enemy's")) {
            /* "the enemy has been pushed back": the claimant's side did it */
            if (*found == 2)
                return claimant;
            *found = 3;
            return claimant ? adversary_of(doc, claimant) : NULL;
        }
        /* an adjective of nationality right before a noun: "Russian offensive" */
        const char *cs = cl_actor_country_at(doc, k, h->first, NULL, NULL);
        if (cs) /* in the passive the subject suffered it: "Ukrainian attacks were repelled" */
            return *found == 2 ? sufferer_adversary(doc, cs, claimant) : cs;
        if (h->first - k > 12)
            break;
    }
    *found = 0;
    return claimant;
}

/* Is the trigger in a clause that sets the time of another ("after the RSF seized the
 * city", "since Russia took X", "before they withdrew")? Such a claim happened at some
 * other time than the report, so without a date of its own it has none. */
static int background_clause(const cl_doc *doc, uint32_t lo, uint32_t trig)
{
    for (uint32_t k = trig, j = 0; k > lo && j < 8; j++) {
        k--;
        if (is_punct(doc, k, ',') || is_punct(doc, k, ';') || is_punct(doc, k, ':'))
            return 0;
        if (tok_is(doc, k, "after") || tok_is(doc, k, "since") || tok_is(doc, k, "before") ||
            tok_is(doc, k, "until"))
            return 1;
    }
    return 0;
}

/* The side of the first actor in [lo, end): the subject of a main clause. */
static const char *clause_subject_side(const cl_doc *doc, uint32_t lo, uint32_t end)
{
    for (uint32_t k = lo; k < end; k++) {
        int32_t a = cl_actor_at_token(doc, k);
        if (a >= 0 && doc->actors.v[a].side)
            return doc->actors.v[a].side;
    }
    return NULL;
}

/* "fell to the Russians" */
static const char *to_side(const cl_doc *doc, const hit *h, uint32_t end)
{
    for (uint32_t k = h->last + 1; k + 1 < end && k <= h->last + 3; k++) {
        if (!tok_is(doc, k, "to"))
            continue;
        int32_t a = cl_actor_at_token(doc, k + 1);
        if (a < 0 && tok_is(doc, k + 1, "the"))
            a = cl_actor_at_token(doc, k + 2);
        if (a >= 0)
            return doc->actors.v[a].side;
        const char *s = cl_actor_country_at(doc, k + 1, end, NULL, NULL);
        if (!s && tok_is(doc, k + 1, "the"))
            s = cl_actor_country_at(doc, k + 2, end, NULL, NULL);
        return s;
    }
    return NULL;
}

/* ---------------------------------------------------------------- time */

/* Does a new clause start between tokens a and b: a comma before a relative pronoun or a
 * conjunction (", which", ", but", ", after"), or "but"/"while" alone? */
static int later_clause_between(const cl_doc *doc, uint32_t a, uint32_t b)
{
    static const char *const openers[] = {"which", "who", "where", "when", "but", "while",
                                          "after", "before", "since", "as", "whereas", NULL};
    for (uint32_t k = a; k < b; k++) {
        if (tok_is(doc, k, "but") || tok_is(doc, k, "while") || tok_is(doc, k, "whereas") ||
            is_punct(doc, k, ';'))
            return 1;
        if (is_punct(doc, k, ',') && k + 1 < b)
            for (const char *const *w = openers; *w; w++)
                if (tok_is(doc, k + 1, *w))
                    return 1;
    }
    return 0;
}

/* A date in the trigger's clause (within [lo, hi)), nearest to the trigger. */
static const cl_timex *clause_time(const cl_doc *doc, uint32_t s, uint32_t lo, uint32_t hi,
                                   const hit *h, const cl_attribution *at)
{
    const cl_timex *best = NULL;
    uint32_t best_d = UINT32_MAX;
    for (uint32_t x = cl_doc_first_timex(doc, s); x < doc->timexes.n; x++) {
        const cl_timex *t = &doc->timexes.v[x];
        if (t->sentence > s)
            break;
        if (t->tok_first < lo || t->tok_first >= hi || !cl_interval_known(t->when) ||
            t->type == CL_TIMEX_DURATION || t->type == CL_TIMEX_SET)
            continue;
        /* the time the statement was made is not the time of the event */
        if (at && t->tok_first > at->cue_tok && t->tok_first <= at->cue_tok + 3)
            continue;
        /* "retook X, which rebels captured in August": a later clause's own time */
        if (t->tok_first > h->last && later_clause_between(doc, h->last + 1, t->tok_first))
            continue;
        uint32_t d = t->tok_first > h->last ? t->tok_first - h->last : h->first - t->tok_first;
        if (d < best_d) {
            best = t;
            best_d = d;
        }
    }
    return best;
}

/* ---------------------------------------------------------------- emitting */

static int same_claim(const cl_claim *a, const cl_claim *b)
{
    return a->sentence == b->sentence && a->stance == b->stance && a->predicate == b->predicate &&
           a->place == b->place && ((a->side && b->side && strcmp(a->side, b->side) == 0) ||
                                    (!a->side && !b->side)) &&
           ((a->holder && b->holder && strcmp(a->holder, b->holder) == 0) ||
            (!a->holder && !b->holder));
}

static void emit(cl_doc *doc, const cl_claim *c)
{
    for (uint32_t k = doc->claims.n; k-- > 0 && doc->claims.v[k].sentence >= c->sentence;)
        if (same_claim(&doc->claims.v[k], c))
            return;
    CL_VEC_PUSH(&doc->arena, doc->claims) = *c;
}

/* The attribution whose content holds token i (the latest, innermost), or -1. */
static int32_t owner_of(const cl_doc *doc, uint32_t i)
{
    return doc->tok_owner && i < doc->tokens.n ? doc->tok_owner[i] : -1;
}

static int in_speaker(const cl_doc *doc, uint32_t i)
{
    return doc->tok_speaker && i < doc->tokens.n && doc->tok_speaker[i];
}

/* Fighting named in passing ("losses in the battles of X", "the fight for X had taxed")
 * is background, not a report of fighting. */
static int background_fighting(const cl_doc *doc, const hit *h, uint32_t place_end, uint32_t end)
{
    if (h->p->predicate != CL_PRED_FIGHTING || !h->p->nominal)
        return 0;
    if (h->first >= 2 && tok_is(doc, h->first - 1, "the") &&
        (tok_is(doc, h->first - 2, "in") || tok_is(doc, h->first - 2, "of")))
        return 1;
    uint32_t after[2] = {h->last + 1, place_end > h->last ? place_end : h->last + 1};
    for (int q = 0; q < 2; q++) {
        uint32_t k = after[q];
        if (k < end && (tok_is(doc, k, "had") || tok_is(doc, k, "has") || tok_is(doc, k, "have") ||
                        tok_is(doc, k, "would") || tok_is(doc, k, "could") ||
                        tok_is(doc, k, "will")))
            return 1;
    }
    return 0;
}

/* A country word inside a trigger that names the holder: the one whose control, flag or
 * hands the phrase speaks of ("under Russian control", "raised the Ukrainian flag over",
 * "in Russia's hands"). Not the object of the trigger's verb: "pushed Russian troops back",
 * "drove the Russians out of" name the side that lost. */
static const char *inner_holder(const cl_doc *doc, uint32_t q, uint32_t end)
{
    uint32_t n = 0;
    const char *side = cl_actor_country_at(doc, q, end, NULL, &n);
    if (!side)
        return NULL;
    uint32_t k = q + n;
    if (k < end && doc->tokens.v[k].kind == CL_TOK_POSS)
        k++;
    return tok_is(doc, k, "control") || tok_is(doc, k, "flag") || tok_is(doc, k, "flags") ||
                   tok_is(doc, k, "hands") || tok_is(doc, k, "banner")
               ? side
               : NULL;
}

/* Is place pl introduced by "near", "around" or "outside" after an object of the trigger
 * ("captured a military base near X")? */
static int near_landmark(const cl_doc *doc, const hit *h, const cl_place *pl)
{
    uint32_t b = pl->tok_first;
    while (b > h->last + 1 && tok_is(doc, b - 1, "the"))
        b--;
    return b >= h->last + 3 &&
           (tok_is(doc, b - 1, "near") || tok_is(doc, b - 1, "around") || tok_is(doc, b - 1, "outside"));
}

static void claim_for_hit(cl_doc *doc, uint32_t s, const hit *h, const hit *prev)
{
    /* the object of another trigger is part of that claim: "repelled the assault" */
    if (h->p->nominal && prev && prev->last < h->first && h->first <= prev->last + 4) {
        int only_np = 1;
        for (uint32_t k = prev->last + 1; k < h->first; k++) {
            const cl_token *t = &doc->tokens.v[k];
            if (!(t->kind == CL_TOK_WORD || t->kind == CL_TOK_QUOTE || t->kind == CL_TOK_NUMBER) ||
                cl_place_at_token(doc, k) >= 0)
                only_np = 0;
        }
        if (only_np)
            return;
    }
    const cl_sentence *se = &doc->sentences.v[s];
    uint32_t send = se->tok_first + se->tok_count;
    if (in_speaker(doc, h->first))
        return;
    int32_t owner = owner_of(doc, h->first);
    const cl_attribution *at = owner >= 0 ? &doc->attributions.v[owner] : NULL;
    /* "Russian troops appear to have taken X, the ISW said": a subject that appears or
     * seems to have done something says nothing; the report around it speaks, hedged */
    int raised = at && at->cue_lemma &&
                 (strcmp(at->cue_lemma, "appear") == 0 || strcmp(at->cue_lemma, "seem") == 0);
    if (raised) {
        int32_t outer = -1;
        for (uint32_t k = 0; k < doc->attributions.n; k++) {
            const cl_attribution *o = &doc->attributions.v[k];
            if ((int32_t)k != owner && o->sentence == s && o->content_tok_first <= h->first &&
                o->content_tok_end > h->last &&
                (outer < 0 || o->content_tok_end - o->content_tok_first <
                                  doc->attributions.v[outer].content_tok_end -
                                      doc->attributions.v[outer].content_tok_first))
                outer = (int32_t)k;
        }
        owner = outer;
        at = outer >= 0 ? &doc->attributions.v[outer] : NULL;
    }
    int media = at == NULL;
    if (at && (!at->side || cue_negated(doc, at, doc->sentences.v[at->sentence].tok_first)))
        return;
    /* a question asks, it does not claim */
    if (media && send > se->tok_first && is_punct(doc, send - 1, '?'))
        return;
    /* a gerund opening the sentence is a topic, not a report: "Capturing X could ..."
     * (a noun is not: "Fighting raged in X") */
    if (!h->p->nominal && h->first == se->tok_first && cl_tok_len(doc, h->first) > 4 &&
        memcmp(cl_tok_ptr(doc, h->first) + cl_tok_len(doc, h->first) - 3, "ing", 3) == 0)
        return;
    uint32_t lo = at ? at->content_tok_first : se->tok_first;
    uint32_t hi = at ? at->content_tok_end : send;
    if (lo < se->tok_first && !(at && at->content_sent_first < s))
        lo = se->tok_first;
    if (hi > send)
        hi = send;
    if (lo < se->tok_first)
        lo = se->tok_first;
    modality m = analyze(doc, lo, hi, h);
    if (m.hypothetical || m.goal || m.unconfirmed)
        return;
    /* "are likely to claim the capture of X": a statement still to be made */
    for (uint32_t k = lo; k + 1 < h->first; k++) {
        uint32_t v;
        if (tok_is(doc, k, "to") && cl_tok_get(doc, &doc->ctx->attrib.verbs, k + 1, &v) &&
            !tok_is(doc, k - 1, "on") && !realized_infinitive(doc, lo, k)) /* "went on to say" */
            return;
    }
    /* an attempt to take or reach a place is fighting there, whoever holds it */
    int attempted = m.attempt && (h->p->predicate == CL_PRED_CONTROL ||
                                  h->p->predicate == CL_PRED_ADVANCE) &&
                    h->p->holder == CL_HOLD_AGENT;
    if (m.attempt && !attempted)
        return;
    /* "an imminent encirclement of X", "a possible offensive": not (yet) happened */
    if (h->p->nominal && h->first > se->tok_first + 1) {
        static const char *const unreal[] = {"imminent", "possible", "potential", "future",
                                             "planned", "expected", "likely", "eventual",
                                             "looming", "feared", "anticipated", NULL};
        for (uint32_t k = h->first - 1; k >= se->tok_first && k + 4 > h->first; k--) {
            for (const char *const *w = unreal; *w; w++)
                if (tok_is(doc, k, *w))
                    return;
            if (tok_is(doc, k, "a") || tok_is(doc, k, "an") || tok_is(doc, k, "the") || k == 0)
                break;
        }
    }
    /* a nominal control trigger with an indefinite article is hypothetical */
    if (h->p->nominal && h->p->predicate == CL_PRED_CONTROL && h->first > se->tok_first) {
        uint32_t k = h->first - 1;
        while (k > se->tok_first && cl_actor_country_at(doc, k, h->first, NULL, NULL))
            k--;
        if (tok_is(doc, k, "a") || tok_is(doc, k, "an"))
            return;
    }
    /* A gerund without a form of "be" is a topic or an object, not an assertion:
     * "made capturing X its objective", "praised them for storming X". */
    uint32_t tl = cl_tok_len(doc, h->first);
    /* ("claims of capturing X" reports it, like "claims of the capture of X") */
    uint32_t noun_of;
    int reported_gerund = h->first >= se->tok_first + 2 && tok_is(doc, h->first - 1, "of") &&
                          cl_tok_get(doc, &doc->ctx->attrib.nouns, h->first - 2, &noun_of);
    /* (", capturing X and Y" after a main clause adds what its subject did) */
    int participle_clause = h->first > se->tok_first + 2 && is_punct(doc, h->first - 1, ',');
    if (!h->p->nominal && !reported_gerund && !participle_clause && tl > 4 &&
        memcmp(cl_tok_ptr(doc, h->first) + tl - 3, "ing", 3) == 0) {
        int be = 0;
        for (uint32_t k = h->first; k-- > se->tok_first && k + 3 >= h->first;)
            be |= tok_is(doc, k, "is") || tok_is(doc, k, "are") || tok_is(doc, k, "was") ||
                  tok_is(doc, k, "were") || tok_is(doc, k, "been") || tok_is(doc, k, "be") ||
                  tok_is(doc, k, "being") || tok_is(doc, k, "'s") || tok_is(doc, k, "'re");
        if (!be)
            return;
    }
    /* A nominal trigger inside a prepositional phrase is background: "for the continuation
     * of successful offensive operations", "after days of heavy fighting". Walk back over
     * quotes, determiners and up to three lower-case words to what governs the phrase. */
    if (h->p->nominal && h->first > se->tok_first) {
        uint32_t k = h->first - 1, words = 0;
        while (k > se->tok_first) {
            const cl_token *t = &doc->tokens.v[k];
            uint32_t dummy;
            int lower_word = t->kind == CL_TOK_WORD && !(t->flags & CL_TF_CAP) &&
                             !cl_tok_get(doc, &doc->ctx->attrib.verbs, k, &dummy) &&
                             !is_preposition(doc, k);
            if (t->kind == CL_TOK_QUOTE || (lower_word && words++ < 3))
                k--;
            else
                break;
        }
        uint32_t dummy;
        int reported = tok_is(doc, k, "of") && k > se->tok_first &&
                       cl_tok_get(doc, &doc->ctx->attrib.nouns, k - 1, &dummy);
        /* ", with the heaviest fighting near X" adds a fact, it is no background */
        int added = tok_is(doc, k, "with") && k > se->tok_first && is_punct(doc, k - 1, ',');
        if (is_preposition(doc, k) && !reported && !added)
            return;
    }
    /* "offensive capability": an adjective, not an offensive */
    if (tok_is(doc, h->last + 1, "capability") || tok_is(doc, h->last + 1, "capabilities") ||
        tok_is(doc, h->last + 1, "potential") || tok_is(doc, h->last + 1, "weapons"))
        return;

    int stance = CL_STANCE_ASSERT;
    if (m.denial || (m.negations & 1))
        stance = CL_STANCE_DENY;
    else if (m.hedge)
        stance = CL_STANCE_HEDGE;
    /* a denial cue denies the content; a negation inside turns it back ("denied that the
     * troops had not withdrawn"), but a word calling it false only repeats the cue
     * ("dismissed as fake a statement that ...") */
    if (at && at->cue_class == CL_CUE_DENY)
        stance = (m.negations & 1) ? CL_STANCE_ASSERT : CL_STANCE_DENY;
    /* "X wants to take Y", "X asked whether Y fell": no claim at all; "X thinks Y fell": a
     * hedge */
    if (at && cl_cue_asserts_nothing(at->cue_class))
        return;
    if (at && (at->cue_class == CL_CUE_BELIEF || raised) && stance == CL_STANCE_ASSERT)
        stance = CL_STANCE_HEDGE;
    if (media && stance != CL_STANCE_ASSERT)
        return;

    /* the place is in what the speaker said, not in the speaker's own phrase ("X remains
     * under Ukrainian control, officials in Kyiv said") */
    place_hit places[8];
    uint32_t np = trigger_places(doc, h, at && hi > h->last ? hi : send, places, 8);
    /* "acknowledged that the situation in X was difficult but said troops were still
     * fighting": the place the same speaker named earlier in the sentence */
    if (np == 0 && at && h->p->predicate == CL_PRED_FIGHTING && at->content_sent_first == s) {
        for (uint32_t p = doc->places.n; p-- > 0 && np == 0;) {
            const cl_place *pl = &doc->places.v[p];
            if (pl->tok_first >= h->first || pl->kind != CL_PLACE_CITY)
                continue;
            if (pl->tok_first < se->tok_first)
                break;
            int32_t o = owner_of(doc, pl->tok_first);
            if (o >= 0 && o != owner &&
                doc->attributions.v[o].speaker_tok_first == at->speaker_tok_first)
                places[np++] = (place_hit){(int32_t)p, 1, 1};
        }
    }
    /* in a quotation of several sentences, "Hostilities continued." is about the place
     * named just before */
    if (np == 0 && at && h->p->predicate == CL_PRED_FIGHTING && at->content_sent_first < s) {
        int32_t lp = -1;
        for (uint32_t p = doc->places.n; p-- > 0;) {
            const cl_place *pl = &doc->places.v[p];
            if (pl->tok_first < h->first && pl->tok_first >= at->content_tok_first &&
                pl->kind == CL_PLACE_CITY) {
                lp = (int32_t)p;
                break;
            }
        }
        if (lp >= 0)
            places[np++] = (place_hit){lp, 1, 1};
    }
    if (np == 0)
        return;

    const char *claimant_side = at ? at->side : "MEDIA";
    const char *pron_side = at ? at->side : NULL;
    int found = 0;
    for (uint32_t k = 0; k < np; k++) {
        const cl_place *pl = &doc->places.v[places[k].place];
        int pred = attempted ? CL_PRED_FIGHTING : h->p->predicate;
        if (places[k].locative && h->p->locative >= 0 && !attempted)
            pred = h->p->locative;
        /* "captured a base near X": X is a landmark, the claim an advance toward it */
        if (pred == CL_PRED_CONTROL && places[k].locative && !places[k].anaphoric &&
            near_landmark(doc, h, pl))
            pred = CL_PRED_ADVANCE;
        if (media && places[k].anaphoric)
            continue;
        if (background_fighting(doc, h, pl->tok_first + pl->tok_count, send))
            continue;
        const char *holder = NULL;
        const char *inner = NULL;
        for (uint32_t q = h->first + 1; q < h->last && !inner; q++)
            inner = inner_holder(doc, q, h->last);
        /* "X is Ukrainian": the adjective names the holder */
        if (!inner && h->p->n_words > 1 && strcmp(h->p->words[h->p->n_words - 1], "@side") == 0)
            inner = cl_actor_country_at(doc, h->last, h->last + 1, NULL, NULL);
        if (pred != CL_PRED_FIGHTING && inner) {
            holder = inner;
        } else if (pred != CL_PRED_FIGHTING) {
            int rule = h->p->holder;
            if (rule == CL_HOLD_TO) {
                holder = to_side(doc, h, send);
                /* "the town had fallen": to whom the claim says; a denial denies it fell
                 * to the other side */
                if (!holder)
                    holder = stance == CL_STANCE_DENY ? adversary_of(doc, claimant_side) : pron_side;
            }
            else if (rule == CL_HOLD_AGENT || rule == CL_HOLD_ADVERSARY) {
                holder = agent_side(doc, lo, h, pron_side, &found);
                /* ", capturing X" after a long main clause: its subject did it */
                if (!holder && participle_clause)
                    holder = clause_subject_side(doc, lo, h->first);
                /* "residents remain in X" holds nothing: staying needs armed subjects */
                uint32_t tl0 = cl_tok_len(doc, h->first);
                if (!found && tl0 >= 6 && cl_eq_ci(cl_tok_ptr(doc, h->first), 6, "remain"))
                    holder = NULL;
                if (holder == REBELS_OF_PLACE) {
                    const char *a3 = alpha3_of(doc, pl->country);
                    holder = a3 ? cl_arena_printf(&doc->arena, "%s.REBELS", a3) : NULL;
                }
                if (rule == CL_HOLD_ADVERSARY)
                    holder = holder ? adversary_of(doc, holder) : NULL;
            }
            if (!holder)
                continue;
        }
        cl_claim c = {0};
        c.sentence = s;
        c.line = se->line;
        c.attribution = owner;
        c.stance = (uint8_t)stance;
        c.predicate = (uint8_t)pred;
        c.holder = holder;
        c.place = places[k].place;
        c.trigger = (cl_span){doc->tokens.v[h->first].start, doc->tokens.v[h->last].end};
        c.side = claimant_side;
        if (at) {
            c.claimant = at->speaker_name ? at->speaker_name : at->speaker_text;
            c.actor = at->actor;
            c.said = at->said;
            c.cue = at->cue_lemma;
        } else {
            c.claimant = doc->outlet ? doc->outlet : "outlet";
            c.actor = NULL;
            c.said = doc->date;
        }
        const cl_timex *t = clause_time(doc, s, lo, hi, h, at);
        if (t) {
            c.when = t->when;
            c.when_value = t->value;
            /* "since October": from then until it was said */
            if (t->tok_first > 0 && tok_is(doc, t->tok_first - 1, "since") &&
                cl_interval_known(t->when) && cl_interval_known(c.said) &&
                c.said.hi > t->when.hi) {
                c.when.hi = c.said.hi;
                c.when_value = NULL;
            }
        } else if (background_clause(doc, lo, h->first)) {
            c.when = cl_interval_none(); /* "a year after the RSF seized the city" */
        } else {
            c.when = c.said;
        }
        /* a claim reports what happened or holds: a date after it was said is a misread
         * year ("capturing X in February" in a January text), so the date is unknown */
        if (cl_interval_known(c.when) && cl_interval_known(c.said) && c.when.lo > c.said.hi + 1) {
            c.when = cl_interval_none();
            c.when_value = NULL;
        }
        /* "earlier this week": what was reported had happened by the time it was said */
        if (cl_interval_known(c.when) && cl_interval_known(c.said) && c.when.hi > c.said.hi &&
            c.when.lo <= c.said.hi) {
            c.when.hi = c.said.hi;
            c.when_value = NULL;
        }
        emit(doc, &c);
    }
}

/* "Kyiv dismissed Russia's announcement": a denial whose content names another party's
 * statement but no proposition denies that party's latest claim. */
static void referenced_denials(cl_doc *doc, uint32_t upto_sentence)
{
    for (uint32_t k = 0; k < doc->attributions.n; k++) {
        const cl_attribution *at = &doc->attributions.v[k];
        if (at->sentence != upto_sentence || !at->side)
            continue;
        /* a denial cue, or a cue whose content calls something false: "called the report
         * false" */
        int denies = at->cue_class == CL_CUE_DENY;
        for (uint32_t i = at->content_tok_first; i < at->content_tok_end && !denies; i++) {
            uint32_t len = 1;
            denies = modality_at(doc, i, at->content_tok_end, &len) == CL_MOD_DENIAL;
        }
        /* "..., a claim Kyiv called fake": the verdict follows the cue */
        const cl_sentence *sent = &doc->sentences.v[at->sentence];
        uint32_t sent_end = sent->tok_first + sent->tok_count;
        if (!denies && at->content_tok_end <= at->content_tok_first + 3)
            for (uint32_t i = at->cue_tok + 1; i < sent_end && i <= at->cue_tok + 4 && !denies; i++) {
                uint32_t len = 1;
                denies = modality_at(doc, i, sent_end, &len) == CL_MOD_DENIAL;
            }
        if (!denies)
            continue;
        /* the referenced party: a possessor before a reporting noun in the content */
        const char *ref_side = NULL, *ref_noun = NULL;
        int has_trigger = 0, has_noun = 0;
        for (uint32_t i = at->content_tok_first; i < at->content_tok_end; i++) {
            uint32_t v;
            if (cl_tok_get(doc, &doc->ctx->attrib.nouns, i, &v)) {
                has_noun = 1;
                if (!ref_noun)
                    ref_noun = cl_doc_span_text(doc, doc->tokens.v[i].start, doc->tokens.v[i].end);
            }
            if (cl_tok_get(doc, &doc->ctx->attrib.nouns, i, &v) &&
                i >= 2 && doc->tokens.v[i - 1].kind == CL_TOK_POSS) {
                int32_t a = cl_actor_at_token(doc, i - 2);
                ref_side = a >= 0 ? doc->actors.v[a].side
                                  : cl_actor_country_at(doc, i - 2, i - 1, NULL, NULL);
                ref_noun = cl_doc_span_text(doc, doc->tokens.v[i].start, doc->tokens.v[i].end);
            }
            uint32_t dummy;
            if (cl_tok_get(doc, &doc->ctx->claim.first_word, i, &dummy))
                has_trigger = 1;
        }
        /* "but Ukraine denied that", "Kyiv denies it": only a pronoun after the cue (the
         * content reader takes "that" for a complementizer and leaves the content empty) */
        uint32_t pr = at->cue_tok + 1;
        const cl_sentence *ps = &doc->sentences.v[at->sentence];
        int pronoun_ref = at->content_tok_end <= at->content_tok_first + 1 &&
                          (tok_is(doc, pr, "that") || tok_is(doc, pr, "this") ||
                           tok_is(doc, pr, "it")) &&
                          (pr + 1 >= ps->tok_first + ps->tok_count || is_punct(doc, pr + 1, '.'));
        /* "..., which Kyiv denied": the relative pronoun stands for the clause before it */
        if (at->content_tok_end == at->content_tok_first + 1 &&
            tok_is(doc, at->content_tok_first, "which"))
            pronoun_ref = 1;
        /* "the report", "the claim": the other side's */
        if (!ref_side && (has_noun || pronoun_ref))
            ref_side = adversary_of(doc, at->side);
        if (!ref_side || has_trigger || strcmp(ref_side, at->side) == 0)
            continue;
        /* the claim referred to: by that side, before this sentence; prefer one whose cue
         * the noun names ("announcement" - "announced"), then a control claim, then the
         * latest; one made in the same sentence before all */
        int32_t best = -1;
        int best_score = -1;
        for (uint32_t c = 0; c < doc->claims.n; c++) {
            const cl_claim *prev = &doc->claims.v[c];
            if (!prev->side || strcmp(prev->side, ref_side) != 0 || prev->stance != CL_STANCE_ASSERT ||
                prev->sentence > at->sentence)
                continue;
            int score = 0;
            if (prev->cue && ref_noun && strlen(prev->cue) >= 5 && strncmp(prev->cue, ref_noun, 5) == 0)
                score += 4;
            if (prev->predicate == CL_PRED_CONTROL)
                score += 2;
            /* "X said ..., but Ukraine denied that": the claim just made */
            if (prev->sentence == at->sentence)
                score += 8;
            if (score >= best_score) {
                best_score = score;
                best = (int32_t)c;
            }
        }
        if (best >= 0) {
            cl_claim d = doc->claims.v[best];
            d.sentence = at->sentence;
            d.line = doc->sentences.v[at->sentence].line;
            d.attribution = (int32_t)k;
            d.stance = CL_STANCE_DENY;
            d.side = at->side;
            d.actor = at->actor;
            d.claimant = at->speaker_name;
            d.said = at->said;
            d.when = at->said;
            d.when_value = NULL;
            d.cue = at->cue_lemma;
            emit(doc, &d);
        }
    }
}

/* "Moscow's repeated claims of having captured X": the possessor claims X. */
static void nominal_claims(cl_doc *doc, uint32_t s, const hit *h)
{
    const cl_sentence *se = &doc->sentences.v[s];
    uint32_t k = h->first;
    /* walk back over "of having", "that", adjectives to a reporting noun */
    uint32_t steps = 0;
    while (k > se->tok_first && steps < 4) {
        k--;
        steps++;
        uint32_t v;
        if (!cl_tok_get(doc, &doc->ctx->attrib.nouns, k, &v))
            continue;
        if (!tok_is(doc, k + 1, "of") && !tok_is(doc, k + 1, "that"))
            return;
        /* possessor: X 's [adj] claims */
        uint32_t p = k;
        while (p > se->tok_first && doc->tokens.v[p - 1].kind == CL_TOK_WORD &&
               !(doc->tokens.v[p - 1].flags & CL_TF_CAP) && p + 3 > k)
            p--;
        if (p < se->tok_first + 2 || doc->tokens.v[p - 1].kind != CL_TOK_POSS)
            return;
        int32_t a = cl_actor_at_token(doc, p - 2);
        const char *side = a >= 0 ? doc->actors.v[a].side
                                  : cl_actor_country_at(doc, p - 2, p - 1, NULL, NULL);
        if (!side)
            return;
        place_hit places[4];
        uint32_t np = trigger_places(doc, h, se->tok_first + se->tok_count, places, 4);
        for (uint32_t q = 0; q < np; q++) {
            cl_claim c = {0};
            c.sentence = s;
            c.line = se->line;
            c.attribution = -1;
            c.stance = CL_STANCE_ASSERT;
            c.predicate = h->p->predicate;
            c.holder = h->p->holder == CL_HOLD_NONE ? NULL : side;
            c.place = places[q].place;
            c.trigger = (cl_span){doc->tokens.v[h->first].start, doc->tokens.v[h->last].end};
            c.side = side;
            c.claimant = a >= 0 ? doc->actors.v[a].name
                                : cl_doc_span_text(doc, doc->tokens.v[p - 2].start,
                                                   doc->tokens.v[p - 2].end);
            c.actor = a >= 0 ? doc->actors.v[a].id : side;
            c.said = cl_interval_none();
            c.when = cl_interval_none();
            c.cue = cl_doc_span_text(doc, doc->tokens.v[k].start, doc->tokens.v[k].end);
            emit(doc, &c);
        }
        return;
    }
}

void cl_claim_run(cl_doc *doc)
{
    hit hits[64];
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        uint32_t n = find_triggers(doc, se->tok_first, se->tok_first + se->tok_count, hits, 64);
        for (uint32_t k = 0; k < n; k++) {
            claim_for_hit(doc, s, &hits[k], k ? &hits[k - 1] : NULL);
            nominal_claims(doc, s, &hits[k]);
        }
        referenced_denials(doc, s);
    }
}
