/* actor.c - actor mentions with sides; see actor.h.
 *
 * One left-to-right pass per sentence tries, at each token, the longest of: a known actor
 * alias, a country word (+ 's) + role or title + name, a title run + name, a bare personal
 * name. A second pass gives names the side of their apposition, and a third links later
 * surname-only mentions to the full name met earlier in the document. */
#include "actor/actor.h"

#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "data/table.h"
#include "doc.h"
#include "util/error.h"
#include "time/timex.h"
#include "util/text.h"

enum { MAX_PHRASE_TOKENS = 8 };

const char *cl_actor_kind_name(int kind)
{
    switch (kind) {
    case CL_ACTOR_PERSON: return "person";
    case CL_ACTOR_ORG: return "org";
    case CL_ACTOR_COUNTRY: return "country";
    case CL_ACTOR_CAPITAL: return "capital";
    case CL_ACTOR_FORCES: return "forces";
    case CL_ACTOR_MEDIA: return "media";
    }
    return "org";
}

/* ---------------------------------------------------------------- table loading */

/* Lower-cases a phrase and folds typographic apostrophes into ' (in place, shrinking). */
static size_t fold_phrase(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            s[o++] = '\'';
            i += 2;
            continue;
        }
        s[o++] = cl_lower(s[i]);
    }
    s[o] = '\0';
    return o;
}

/* Registers every proper word-prefix of a multi-word phrase, so lookups can stop early. */
static void add_prefixes(cl_strmap *m, cl_arena *a, const char *p, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (p[i] == ' ')
            cl_strmap_put(m, a, p, i, 1);
    /* "russia's" is a prefix of "russia's defence ministry": also the part before 's */
    for (size_t i = 1; i + 1 < n; i++)
        if (p[i] == '\'' && p[i + 1] == 's')
            cl_strmap_put(m, a, p, i, 1);
}

typedef struct put_ctx {
    cl_actor_tables *t;
    cl_arena *a;
    cl_strmap *map;
    uint32_t value;
} put_ctx;

static void put_item(const char *item, size_t len, void *user)
{
    put_ctx *c = user;
    char buf[256];
    if (len >= sizeof buf)
        return;
    memcpy(buf, item, len);
    size_t n = fold_phrase(buf, len);
    cl_strmap_put(c->map, c->a, buf, n, c->value);
    add_prefixes(&c->t->prefixes, c->a, buf, n);
}

static int kind_from_name(const char *k)
{
    if (strcmp(k, "person") == 0) return CL_ACTOR_PERSON;
    if (strcmp(k, "media") == 0) return CL_ACTOR_MEDIA;
    if (strcmp(k, "forces") == 0 || strcmp(k, "armed-group") == 0) return CL_ACTOR_FORCES;
    if (strcmp(k, "gov") == 0 || strcmp(k, "military") == 0 || strcmp(k, "thinktank") == 0 ||
        strcmp(k, "intl") == 0 || strcmp(k, "party") == 0 || strcmp(k, "org") == 0)
        return CL_ACTOR_ORG;
    return -1;
}

static cl_status load_countries(cl_actor_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "countries.tsv", 5, &tab, err);
    if (st != CL_OK)
        return st;
    t->countries = cl_arena_zalloc(a, sizeof(cl_country) * (tab.nrows + 1));
    t->n_countries = tab.nrows;
    cl_strmap_init(&t->country_words, a, tab.nrows * 6);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        t->countries[r].alpha3 = cl_table_cell(&tab, r, 0);
        const char *names = cl_table_cell(&tab, r, 1);
        const char *semi = strchr(names, ';');
        t->countries[r].name = semi ? cl_arena_strndup(a, names, (size_t)(semi - names)) : names;
        for (uint32_t col = 1; col <= 4; col++) {
            put_ctx c = {t, a, &t->country_words, (r << 2) | (col - 1)};
            cl_table_split(cl_table_cell(&tab, r, col), put_item, &c);
        }
    }
    return CL_OK;
}

static cl_status load_actors(cl_actor_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "actors.tsv", 5, &tab, err);
    if (st != CL_OK)
        return st;
    t->actors = cl_arena_zalloc(a, sizeof(cl_known_actor) * (tab.nrows + 1));
    t->n_actors = tab.nrows;
    cl_strmap_init(&t->aliases, a, tab.nrows * 4);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        cl_known_actor *k = &t->actors[r];
        k->id = cl_table_cell(&tab, r, 0);
        k->side = cl_table_cell(&tab, r, 1);
        int kind = kind_from_name(cl_table_cell(&tab, r, 2));
        if (kind < 0)
            return cl_error_set(err, CL_EFORMAT, "actors.tsv", tab.lines[r], 0,
                                "actors.tsv line %u: unknown kind %s", tab.lines[r],
                                cl_table_cell(&tab, r, 2));
        k->kind = (uint8_t)kind;
        k->name = cl_table_cell(&tab, r, 3);
        put_ctx c = {t, a, &t->aliases, r};
        put_item(k->name, strlen(k->name), &c);
        cl_table_split(cl_table_cell(&tab, r, 4), put_item, &c);
    }
    return CL_OK;
}

static cl_status load_roles(cl_actor_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "actor_roles.tsv", 3, &tab, err);
    if (st != CL_OK)
        return st;
    t->roles = cl_arena_zalloc(a, sizeof(cl_role) * (tab.nrows + 1));
    t->n_roles = tab.nrows;
    cl_strmap_init(&t->role_phrases, a, tab.nrows);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *k = cl_table_cell(&tab, r, 2);
        int kind = strcmp(k, "forces") == 0   ? CL_ACTOR_FORCES
                   : strcmp(k, "person") == 0 ? CL_ACTOR_PERSON
                   : strcmp(k, "media") == 0  ? CL_ACTOR_MEDIA
                   : strcmp(k, "org") == 0    ? CL_ACTOR_ORG
                                              : -1;
        if (kind < 0)
            return cl_error_set(err, CL_EFORMAT, "actor_roles.tsv", tab.lines[r], 0,
                                "actor_roles.tsv line %u: unknown kind %s", tab.lines[r], k);
        t->roles[r].suffix = cl_table_cell(&tab, r, 1);
        t->roles[r].kind = (uint8_t)kind;
        put_ctx c = {t, a, &t->role_phrases, r};
        const char *p = cl_table_cell(&tab, r, 0);
        put_item(p, strlen(p), &c);
    }
    cl_table titles;
    st = cl_table_load(a, "titles.tsv", 1, &titles, err);
    if (st != CL_OK)
        return st;
    cl_strmap_init(&t->titles, a, titles.nrows);
    for (uint32_t r = 0; r < titles.nrows; r++) {
        const char *w = cl_table_cell(&titles, r, 0);
        cl_strmap_put(&t->titles, a, w, strlen(w), 1);
    }
    return CL_OK;
}

cl_status cl_actor_tables_load(cl_actor_tables *t, cl_arena *a, cl_error *err)
{
    memset(t, 0, sizeof *t);
    cl_strmap_init(&t->prefixes, a, 4096);
    cl_status st = load_countries(t, a, err);
    if (st == CL_OK)
        st = load_actors(t, a, err);
    if (st == CL_OK)
        st = load_roles(t, a, err);
    return st;
}

/* ---------------------------------------------------------------- phrase lookup */

typedef struct scanner {
    cl_doc *doc;
    const cl_actor_tables *t;
    uint32_t first, end;   /* sentence token range */
} scanner;

/* Builds the folded key of tokens [i, i+n) into buf; returns its length or 0 if too long. */
static size_t phrase_key(const cl_doc *doc, uint32_t i, uint32_t n, char *buf, size_t cap)
{
    size_t o = 0;
    for (uint32_t k = i; k < i + n; k++) {
        const cl_token *t = &doc->tokens.v[k];
        uint32_t len = t->end - t->start;
        if (k > i && !(t->flags & CL_TF_NOSPACE)) {
            if (o + 1 >= cap)
                return 0;
            buf[o++] = ' ';
        }
        if (o + len >= cap)
            return 0;
        memcpy(buf + o, doc->text + t->start, len);
        o += len;
    }
    return fold_phrase(buf, o);
}

/* Longest phrase from map starting at token i (within [i, end)); returns its token count
 * and value, or 0. */
static uint32_t longest_in(const cl_doc *doc, const cl_actor_tables *t, const cl_strmap *map,
                           uint32_t i, uint32_t end, uint32_t *value)
{
    uint32_t best = 0;
    char buf[256];
    size_t o = 0;
    uint64_t h = CL_HASH_CI_SEED;
    /* the key grows a token at a time (as phrase_key builds it), and so does its hash */
    for (uint32_t n = 1; n <= MAX_PHRASE_TOKENS && i + n <= end; n++) {
        const cl_token *tk = &doc->tokens.v[i + n - 1];
        uint32_t len = tk->end - tk->start;
        size_t from = o;
        if (n > 1 && !(tk->flags & CL_TF_NOSPACE)) {
            if (o + 1 >= sizeof buf)
                break;
            buf[o++] = ' ';
        }
        if (o + len >= sizeof buf)
            break;
        memcpy(buf + o, doc->text + tk->start, len);
        o += fold_phrase(buf + o, len);
        h = cl_hash_ci_more(h, buf + from, o - from);
        uint32_t v;
        if (cl_strmap_get_hashed(map, buf, o, h, &v)) {
            best = n;
            *value = v;
        }
        uint32_t dummy;
        if (!cl_strmap_get_hashed(&t->prefixes, buf, o, h, &dummy)) {
            /* no longer phrase starts with this one, unless the next token is a glued
             * possessive ("Russia" + "'s") */
            if (!(i + n < end && doc->tokens.v[i + n].kind == CL_TOK_POSS))
                break;
        }
    }
    return best;
}

/* A hyphenated word that puts a speaker on a country's side: "Russian-installed",
 * "Moscow-backed", "Kremlin-appointed", "pro-Russian", "pro-Kremlin". Only these links:
 * "Russian-occupied" and "Russian-controlled" describe land, not who speaks. Returns the
 * country's entry (as country_words stores it) or 0. */
static int aligned_word(const cl_doc *doc, uint32_t i, uint32_t *value)
{
    static const char *const links[] = {"installed", "appointed", "backed", "led", "allied",
                                        "aligned", "supported", "sponsored", "funded", NULL};
    const cl_token *tk = &doc->tokens.v[i];
    if (tk->kind != CL_TOK_WORD || !(tk->flags & CL_TF_HYPHENATED))
        return 0;
    const char *p = cl_tok_ptr(doc, i);
    uint32_t len = cl_tok_len(doc, i);
    const char *dash = memchr(p, '-', len);
    if (!dash || dash == p || dash + 1 == p + len)
        return 0;
    size_t head = (size_t)(dash - p), tail = len - head - 1;
    const char *country = p, *link = dash + 1;
    size_t clen = head, llen = tail;
    if (head == 3 && cl_eq_ci(p, 3, "pro")) { /* pro-Russian: the country comes second */
        country = dash + 1, clen = tail;
        link = NULL, llen = 0;
    }
    if (!(*country >= 'A' && *country <= 'Z'))
        return 0; /* country words are proper nouns */
    if (link) {
        int known = 0;
        for (const char *const *w = links; *w && !known; w++)
            known = cl_eq_ci(link, llen, *w);
        if (!known)
            return 0;
    }
    return cl_strmap_get(&doc->ctx->actor.country_words, country, clen, value);
}

const char *cl_actor_country_at(const cl_doc *doc, uint32_t i, uint32_t end, int *form,
                                uint32_t *ntok)
{
    const cl_actor_tables *t = &doc->ctx->actor;
    uint32_t v;
    uint32_t n = longest_in(doc, t, &t->country_words, i, end, &v);
    if (!n && i < end && aligned_word(doc, i, &v)) {
        if (form)
            *form = CL_CF_ADJ; /* "Russian-installed officials": like "Russian officials" */
        if (ntok)
            *ntok = 1;
        return t->countries[v >> 2].alpha3;
    }
    if (!n)
        return NULL;
    /* Country words are proper nouns: at least one capital letter. */
    int cap = 0;
    for (uint32_t k = i; k < i + n; k++)
        cap |= (doc->tokens.v[k].flags & CL_TF_CAP) != 0;
    if (!cap)
        return NULL;
    if (form)
        *form = (int)(v & 3);
    if (ntok)
        *ntok = n;
    return t->countries[v >> 2].alpha3;
}

const char *cl_actor_adjective_at(const cl_doc *doc, uint32_t i)
{
    uint32_t v;
    if (i >= doc->tokens.n || doc->tokens.v[i].kind != CL_TOK_WORD ||
        !(doc->tokens.v[i].flags & CL_TF_CAP) ||
        !cl_tok_get(doc, &doc->ctx->actor.country_words, i, &v) || (int)(v & 3) != CL_CF_ADJ)
        return NULL;
    return doc->ctx->actor.countries[v >> 2].alpha3;
}

/* ---------------------------------------------------------------- mention building */

static int tok_cap(const cl_doc *doc, uint32_t i)
{
    return (doc->tokens.v[i].flags & CL_TF_CAP) && doc->tokens.v[i].kind == CL_TOK_WORD;
}

static int is_title_word(const scanner *sc, uint32_t i)
{
    uint32_t v;
    return i < sc->end && sc->doc->tokens.v[i].kind == CL_TOK_WORD &&
           cl_tok_get(sc->doc, &sc->t->titles, i, &v);
}

static cl_actor *add_mention(scanner *sc, uint32_t first, uint32_t count, int kind,
                             const char *id, const char *side, const char *name)
{
    cl_doc *doc = sc->doc;
    cl_actor *m = &CL_VEC_PUSH(&doc->arena, doc->actors);
    memset(m, 0, sizeof *m);
    m->tok_first = first;
    m->tok_count = count;
    m->start = doc->tokens.v[first].start;
    m->end = doc->tokens.v[first + count - 1].end;
    m->kind = (uint8_t)kind;
    m->id = id;
    m->side = side;
    m->name = name ? name : cl_doc_span_text(doc, m->start, m->end);
    return m;
}

static int tok_is(const cl_doc *doc, uint32_t i, const char *w)
{
    return cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), w);
}

/* Capitalized words that start sentences or phrases but are never part of a name. */
static int function_word(const cl_doc *doc, uint32_t i)
{
    static const char *const words[] = {
        "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "When", "While", "As",
        "After", "Before", "Since", "For", "From", "To", "Of", "With", "By", "This", "That",
        "These", "Those", "There", "Their", "His", "Her", "Its", "Our", "We", "They", "He",
        "She", "It", "I", "You", "Meanwhile", "However", "Both", "Some", "Many", "Most",
        "Other", "Even", "Still", "Yet", "So", "Then", "Also", "Under", "Over", "Mr", "Mrs",
        "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "According", "Here", "Where", "What", "Who",
        "Why", "How", "All", "No", "Not", "Unlike", "Despite", "Amid", "During", "Until",
        "Although", "Though", "Because", "Once", "Earlier", "Later", "Last", "Next", "Now",
        "Today", "Yesterday", "Tomorrow", "Every", "Each", "Several", "Western", "Eastern",
        "Northern", "Southern", "Central", "North", "South", "East", "West", "Read", "More",
        "Sign", "Skip", "Share", "Image", "Photo", "Video", NULL};
    for (const char *const *w = words; *w; w++)
        if (cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), *w) &&
            strlen(*w) == cl_tok_len(doc, i))
            return 1;
    return 0;
}

static int time_word(const cl_doc *doc, uint32_t i)
{
    uint32_t k;
    const cl_time_tables *tt = &doc->ctx->time;
    if (!cl_tok_get(doc, &tt->words, i, &k))
        return 0;
    for (; k != UINT32_MAX; k = tt->lex[k].next)
        if (tt->lex[k].cat == CL_TC_MONTH || tt->lex[k].cat == CL_TC_WEEKDAY)
            return 1;
    return 0;
}

/* Known actor whose alias is the text of tokens [i, i+n), or -1. */
static int32_t known_actor(const scanner *sc, uint32_t i, uint32_t n)
{
    char buf[256];
    size_t len = phrase_key(sc->doc, i, n, buf, sizeof buf);
    uint32_t v;
    if (len && cl_strmap_get(&sc->t->aliases, buf, len, &v))
        return (int32_t)v;
    return -1;
}

/* Can token i be part of a personal name? */
static int name_word(const scanner *sc, uint32_t i)
{
    const cl_doc *doc = sc->doc;
    if (i >= sc->end || !tok_cap(doc, i))
        return 0;
    const cl_token *t = &doc->tokens.v[i];
    if ((t->flags & CL_TF_ALLCAPS) && !(t->flags & CL_TF_INITIAL))
        return 0;
    if ((t->flags & CL_TF_ABBREV) && !(t->flags & CL_TF_INITIAL))
        return 0;
    if (is_title_word(sc, i) || function_word(doc, i) || time_word(doc, i))
        return 0;
    /* "US-based", "Kremlin-backed": a hyphen followed by a lower-case part is no name */
    const char *p = cl_tok_ptr(doc, i);
    uint32_t n = cl_tok_len(doc, i);
    const char *dash = memchr(p, '-', n);
    if (dash && dash + 1 < p + n && cl_is_ascii_lower(dash[1]))
        return 0;
    /* an ordinary word capitalized because it opens the sentence: "Capturing Soledar" */
    if ((t->flags & CL_TF_SENT_START) && cl_words_contains(&doc->ctx->words, p, n))
        return 0;
    if (cl_actor_country_at(doc, i, i + 1, NULL, NULL))
        return 0;
    uint32_t v;
    if (cl_tok_get(doc, &doc->ctx->place.words, i, &v))
        return 0; /* "Oblast", "Region" */
    return 1;
}

/* A run of 2-3 name words starting at i (initials allowed inside); returns its length. */
static uint32_t name_run(const scanner *sc, uint32_t i)
{
    uint32_t n = 0;
    while (n < 4 && name_word(sc, i + n))
        n++;
    if (n < 2)
        return 0;
    /* "Chasiv Yar", "Kryvyi Rih": a multi-word place is not a person */
    const cl_doc *doc = sc->doc;
    const uint32_t *ids;
    uint32_t a = doc->tokens.v[i].start, b = doc->tokens.v[i + n - 1].end;
    if (known_actor(sc, i, n) < 0 && cl_gazetteer_find(&doc->ctx->gaz, doc->text + a, b - a, &ids))
        return 0;
    return n;
}

/* A person named by tokens [i, i+n): known actor or a new name with the given side. */
static cl_actor *add_person(scanner *sc, uint32_t span_first, uint32_t i, uint32_t n,
                            const char *side)
{
    int32_t k = known_actor(sc, i, n);
    if (k < 0 && n > 2)
        k = known_actor(sc, i + n - 2, 2);
    if (k < 0)
        k = known_actor(sc, i + n - 1, 1);
    const cl_doc *doc = sc->doc;
    const char *name = cl_doc_span_text(sc->doc, doc->tokens.v[i].start, doc->tokens.v[i + n - 1].end);
    cl_actor *m;
    if (k >= 0 && sc->t->actors[k].kind == CL_ACTOR_PERSON) {
        const cl_known_actor *ka = &sc->t->actors[k];
        m = add_mention(sc, span_first, i + n - span_first, CL_ACTOR_PERSON, ka->id,
                        side ? side : ka->side, ka->name);
    } else {
        m = add_mention(sc, span_first, i + n - span_first, CL_ACTOR_PERSON, NULL, side, name);
    }
    m->named = 1;
    return m;
}

/* Title words starting at i ("Deputy Defence Minister", "Secretary of State"). Returns how
 * many; at least one must be capitalized, and the run may not start or end with "of". */
static uint32_t title_run(const scanner *sc, uint32_t i, int need_capital)
{
    uint32_t n = 0, caps = 0;
    while (i + n < sc->end && is_title_word(sc, i + n)) {
        caps += tok_cap(sc->doc, i + n);
        n++;
    }
    while (n > 0 && tok_is(sc->doc, i + n - 1, "of"))
        n--;
    if (n > 0 && tok_is(sc->doc, i, "of"))
        return 0;
    return (caps || !need_capital) ? n : 0;
}

/* After a country word: [the] role | title+ name. Returns tokens consumed after j, 0 if no
 * role or title follows. */
static uint32_t country_role(scanner *sc, uint32_t span_first, uint32_t j, const char *side)
{
    const cl_actor_tables *t = sc->t;
    uint32_t v;
    uint32_t m = longest_in(sc->doc, t, &t->role_phrases, j, sc->end, &v);
    uint32_t tr = title_run(sc, j, 0);
    /* a title followed by a name wins over a shorter body: "Ukraine's army chief Oleksandr
     * Syrskyi" is a person, not "Ukraine's army" */
    if (tr && tr >= m) {
        uint32_t nr = name_run(sc, j + tr);
        if (nr) {
            cl_actor *a = add_person(sc, span_first, j + tr, nr, side);
            if (!a->side)
                a->side = side;
            return tr + nr;
        }
    }
    if (m) {
        const cl_role *r = &t->roles[v];
        if (r->kind == CL_ACTOR_PERSON) {
            /* the title may go on ("Deputy Defence Minister") and a name may follow */
            uint32_t k = j + m;
            while (k < sc->end && is_title_word(sc, k))
                k++;
            uint32_t nr = name_run(sc, k);
            if (nr) {
                cl_actor *a = add_person(sc, span_first, k, nr, side);
                if (!a->side)
                    a->side = side;
                return k + nr - j;
            }
        }
        const char *id = cl_arena_printf(&sc->doc->arena, "%s.%s", side, r->suffix);
        const char *name = cl_doc_span_text(sc->doc, sc->doc->tokens.v[span_first].start,
                                            sc->doc->tokens.v[j + m - 1].end);
        add_mention(sc, span_first, j + m - span_first, r->kind, id, side, name);
        return m;
    }
    return 0;
}

/* Tries every pattern at token i; returns the number of tokens consumed (0 = none). */
static uint32_t match_at(scanner *sc, uint32_t i)
{
    cl_doc *doc = sc->doc;
    const cl_actor_tables *t = sc->t;
    uint32_t v;
    /* country word (+ 's) + role / title + name */
    int form;
    uint32_t cn;
    const char *side = cl_actor_country_at(doc, i, sc->end, &form, &cn);
    /* a known actor alias wins when longer ("Russian Defence Ministry" as an alias) */
    uint32_t an = longest_in(doc, t, &t->aliases, i, sc->end, &v);
    if (an && (!side || an > cn)) {
        int cap = 0;
        for (uint32_t k = i; k < i + an; k++)
            cap |= tok_cap(doc, k);
        if (cap) {
            const cl_known_actor *ka = &t->actors[v];
            uint32_t j = i + an;
            /* "Zelenskiy's office", "Wagner's fighters" */
            if (j + 1 < sc->end && doc->tokens.v[j].kind == CL_TOK_POSS) {
                uint32_t rv;
                uint32_t m = longest_in(doc, t, &t->role_phrases, j + 1, sc->end, &rv);
                if (!m && (tok_is(doc, j + 1, "office") || tok_is(doc, j + 1, "spokesman") ||
                           tok_is(doc, j + 1, "spokeswoman") || tok_is(doc, j + 1, "spokesperson")))
                    m = 1, rv = UINT32_MAX;
                if (m) {
                    int kind = rv == UINT32_MAX ? CL_ACTOR_ORG : t->roles[rv].kind;
                    const char *id = cl_arena_printf(&doc->arena, "%s.OFFICE", ka->id);
                    add_mention(sc, i, j + 1 + m - i, kind, id, ka->side, NULL);
                    return j + 1 + m - i;
                }
            }
            cl_actor *m = add_mention(sc, i, an, ka->kind, ka->id, ka->side, ka->name);
            m->named = ka->kind == CL_ACTOR_PERSON;
            return an;
        }
    }
    if (side) {
        uint32_t j = i + cn;
        int poss = j < sc->end && doc->tokens.v[j].kind == CL_TOK_POSS;
        if (poss)
            j++;
        if (form != CL_CF_PEOPLE) {
            /* "Ukraine's eastern forces", "Russia's own troops": skip one modifier */
            uint32_t jj = j;
            uint32_t wv;
            if (jj < sc->end && !(doc->tokens.v[jj].flags & CL_TF_CAP) &&
                ((cl_tok_get(doc, &doc->ctx->place.words, jj, &wv) &&
                  wv == CL_PW_DIRECTION) || tok_is(doc, jj, "own") || tok_is(doc, jj, "regular") ||
                 tok_is(doc, jj, "elite") || tok_is(doc, jj, "special") || tok_is(doc, jj, "main")))
                jj++;
            uint32_t used = country_role(sc, i, jj, side);
            if (!used && jj != j)
                used = country_role(sc, i, j, side);
            else if (used)
                used += jj - j;
            if (used)
                return j + used - i;
        }
        if (form == CL_CF_NAME || form == CL_CF_SEAT) {
            add_mention(sc, i, cn, form == CL_CF_SEAT ? CL_ACTOR_CAPITAL : CL_ACTOR_COUNTRY,
                        side, side, NULL);
            return cn;
        }
        if (form == CL_CF_PEOPLE) {
            add_mention(sc, i, cn, CL_ACTOR_FORCES, cl_arena_printf(&doc->arena, "%s.MIL", side),
                        side, NULL);
            return cn;
        }
        return 0;
    }
    /* title + name without a country: "Foreign Minister Dmytro Kuleba" */
    uint32_t tr = title_run(sc, i, 1);
    if (tr && tok_cap(doc, i)) {
        uint32_t nr = name_run(sc, i + tr);
        if (nr) {
            add_person(sc, i, i + tr, nr, NULL);
            return tr + nr;
        }
    }
    /* a personal name */
    uint32_t nr = name_run(sc, i);
    if (nr) {
        add_person(sc, i, i, nr, NULL);
        return nr;
    }
    return 0;
}

/* Names without a side take one from an apposition: "Hanna Maliar, Ukraine's deputy
 * defense minister" / "Ukrainian defence minister, Oleksii Reznikov". */
static void appositions(cl_doc *doc)
{
    for (uint32_t a = 0; a < doc->actors.n; a++) {
        cl_actor *m = &doc->actors.v[a];
        if (m->kind != CL_ACTOR_PERSON || m->side)
            continue;
        const cl_sentence *s = &doc->sentences.v[m->sentence];
        uint32_t end = s->tok_first + s->tok_count;
        uint32_t j = m->tok_first + m->tok_count;
        if (j < end && tok_is(doc, j, ",")) {
            scanner sc = {doc, &doc->ctx->actor, s->tok_first, end};
            const char *side = NULL;
            int role = 0;
            for (uint32_t k = j + 1; k < end && k < j + 16; k++) {
                uint32_t cv;
                if (tok_is(doc, k, ",") || tok_is(doc, k, ".") || tok_is(doc, k, ";") ||
                    cl_tok_get(doc, &doc->ctx->attrib.verbs, k, &cv))
                    break;
                if (tok_is(doc, k, "of") || tok_is(doc, k, "and") || tok_is(doc, k, "the"))
                    continue;
                uint32_t cn;
                const char *sd = cl_actor_country_at(doc, k, end, NULL, &cn);
                if (sd && !side)
                    side = sd;
                uint32_t v;
                if (is_title_word(&sc, k) ||
                    longest_in(doc, sc.t, &sc.t->role_phrases, k, end, &v))
                    role = 1;
            }
            if (side && role) {
                m->side = side;
                continue;
            }
        }
        /* "Ukraine's defense minister, Oleksii Reznikov" / "A spokesman for Ukraine's
         * eastern forces, Volodymyr Fityo": a description before the comma */
        if (m->tok_first >= 2 && tok_is(doc, m->tok_first - 1, ",")) {
            const cl_sentence *se = &doc->sentences.v[m->sentence];
            scanner sc = {doc, &doc->ctx->actor, se->tok_first, m->tok_first - 1};
            const char *side = NULL;
            int role = 0;
            for (uint32_t k = m->tok_first - 1; k-- > se->tok_first && k + 16 > m->tok_first;) {
                uint32_t cv;
                if (tok_is(doc, k, ",") || tok_is(doc, k, ".") ||
                    cl_tok_get(doc, &doc->ctx->attrib.verbs, k, &cv))
                    break;
                int32_t ai = cl_actor_at_token(doc, k);
                const char *sd = ai >= 0 ? doc->actors.v[ai].side
                                         : cl_actor_country_at(doc, k, m->tok_first - 1, NULL, NULL);
                if (sd && !side)
                    side = sd;
                uint32_t v;
                if ((is_title_word(&sc, k) && !tok_is(doc, k, "of")) ||
                    longest_in(doc, sc.t, &sc.t->role_phrases, k, m->tok_first - 1, &v) ||
                    (ai >= 0 && doc->actors.v[ai].kind != CL_ACTOR_COUNTRY))
                    role = 1;
            }
            if (side && role)
                m->side = side;
        }
    }
}

/* Later mentions by surname alone ("Reznikov said") take the full name's identity. */
static void surnames(cl_doc *doc)
{
    uint32_t n0 = doc->actors.n;
    cl_strmap by_surname;
    cl_strmap_init(&by_surname, &doc->arena, n0 + 1);
    /* the first full name for each surname, in text order */
    for (uint32_t a = 0; a < n0; a++) {
        const cl_actor *m = &doc->actors.v[a];
        if (m->kind != CL_ACTOR_PERSON || m->tok_count < 2)
            continue;
        uint32_t last = m->tok_first + m->tok_count - 1;
        cl_strmap_put(&by_surname, &doc->arena, cl_tok_ptr(doc, last), cl_tok_len(doc, last), a);
    }
    if (by_surname.count == 0)
        return;
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        uint32_t end = se->tok_first + se->tok_count;
        for (uint32_t i = se->tok_first; i < end; i++) {
            uint32_t a;
            if (!tok_cap(doc, i) || doc->tok_actor[i] >= 0 ||
                !cl_tok_get(doc, &by_surname, i, &a))
                continue;
            const cl_actor *m = &doc->actors.v[a];
            uint32_t last = m->tok_first + m->tok_count - 1;
            /* same spelling (the map folds case) and after the full name */
            if (memcmp(cl_tok_ptr(doc, last), cl_tok_ptr(doc, i), cl_tok_len(doc, i)) != 0 ||
                m->start > doc->tokens.v[i].start)
                continue;
            cl_actor *x = &CL_VEC_PUSH(&doc->arena, doc->actors);
            *x = doc->actors.v[a];
            x->tok_first = i;
            x->tok_count = 1;
            x->start = doc->tokens.v[i].start;
            x->end = doc->tokens.v[i].end;
            x->sentence = s;
        }
    }
}

static int cmp_mention(const void *a, const void *b)
{
    const cl_actor *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void actor_range(const cl_doc *doc, uint32_t k, uint32_t *first, uint32_t *count)
{
    *first = doc->actors.v[k].tok_first;
    *count = doc->actors.v[k].tok_count;
}

int32_t cl_actor_at_token(const cl_doc *doc, uint32_t tok)
{
    if (!doc->tok_actor || tok >= doc->tokens.n)
        return -1;
    return doc->tok_actor[tok];
}

void cl_actor_run(cl_doc *doc)
{
    scanner sc = {doc, &doc->ctx->actor, 0, 0};
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        sc.first = se->tok_first;
        sc.end = se->tok_first + se->tok_count;
        for (uint32_t i = sc.first; i < sc.end;) {
            const cl_token *t = &doc->tokens.v[i];
            if (t->kind != CL_TOK_WORD) {
                i++;
                continue;
            }
            uint32_t before = doc->actors.n;
            uint32_t used = match_at(&sc, i);
            for (uint32_t a = before; a < doc->actors.n; a++)
                doc->actors.v[a].sentence = s;
            i += used ? used : 1;
        }
    }
    doc->tok_actor = cl_doc_token_index(doc, doc->actors.n, actor_range);
    appositions(doc);
    surnames(doc);
    if (doc->actors.n > 1)
        qsort(doc->actors.v, doc->actors.n, sizeof(cl_actor), cmp_mention);
    doc->tok_actor = cl_doc_token_index(doc, doc->actors.n, actor_range);
}
