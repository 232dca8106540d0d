/* attrib.c - quote and reported-speech attribution; see attrib.h.
 *
 * Per sentence, every reporting cue (data/cues.tsv) is tried as the head of an attribution:
 * find its speaker (left of the cue, or right of it in inverted "said X"), then its content
 * (the quotation or clause it reports). Later passes drop a cue that stands inside the
 * reported clause of an earlier one ("said [voters think ...]": one attribution), read a
 * headline "Name: ..." as attributed, cut a content where the next speaker of the same
 * sentence begins, and give cue-less quotations to the speaker before them. Speaker nouns
 * ("aides", "the poll", "court filings") come from data/speakers.tsv. */
#include "attrib/attrib.h"

#include <string.h>

#include "actor/actor.h"
#include "context.h"
#include "data/table.h"
#include "doc.h"
#include "place/place.h"
#include "util/error.h"
#include "util/text.h"

/* ---------------------------------------------------------------- function words */

/* Classes of the small closed word lists the patterns test; each token's classes are looked
 * up once per document (one hash) instead of comparing it with every list. */
enum {
    W_PRONOUN = 1,      /* he, she, it, they, we, I */
    W_SKIP = 2,         /* may stand between a speaker and the cue: "has now said" */
    W_SPEAKER = 4,      /* common nouns heading a speaker phrase (data/speakers.tsv) */
    W_BOUNDARY = 8,     /* ends a noun phrase on its left: conjunctions, relatives, prepositions */
    W_PREP = 16,        /* prepositions after a cue: "said on Friday", "wrote on Telegram" */
    W_DET = 32,         /* determiners: a following cue form is a noun ("his promise") */
    W_PREP_BEFORE = 64, /* prepositions: a following cue form is a noun ("in support") */
    W_QUANT = 128       /* a share of people as a speaker: "percent", "half", "most" */
};

static const char *const pronoun_words[] = {"he", "she", "it", "they", "we", "i", NULL};
static const char *const skip_words[] = {"has", "have", "had", "also", "now", "earlier", "later",
                                    "previously", "repeatedly", "initially", "again", "already",
                                    "still", "just", "then", "further", "separately", "once",
                                    "first", "last", "late", "early", "on", "had", "would",
                                    "was", "were", "is", "been", "not", "yet", "never", "since",
                                    "in", "for", "weeks", "days", "months", "this", "week",
                                    "publicly", "privately", "officially", "openly", "recently",
                                    "reportedly", "insistently", "itself", "himself", "herself",
                                    "do", "does", "did", "don't", "doesn't", "didn't", "won't",
                                    "wouldn't", "can't", "cannot", "could", "couldn't", "will",
                                    "may", "might", "must", "should", "shouldn't", "can", NULL};
static const char *const boundary_words[] = {"and", "but", "that", "which", "who", "whom", "where",
                                    "when", "as", "while", "if", "because", "to", "after",
                                    "before", "in", "on", "at", "for", "from", "with", "by",
                                    "about", "into", "than", "since", "until", "although",
                                    "though", "whether", "or", "nor", "so", NULL};
static const char *const prep_words[] = {"on", "in", "via", "to", "at", "during", "through", "with",
                                    "after", "before", "from", "for", "following", NULL};
static const char *const det_words[] = {"the", "a", "an", "this", "these", "those", "his",
                                    "her", "its", "their", "our", "my", "your", "every", "each",
                                    "no", "any", "another", NULL};
static const char *const prepb_words[] = {"in", "of", "for", "with", "without", "at", "from", "into",
                                    "about", "against", "under", "over", "among", "amid", NULL};
static const char *const quant_words[] = {"percent", "%", "half", "third", "thirds", "quarter",
                                    "quarters", "majority", "most", "many", "some", "few",
                                    "others", "both", "none", "plurality", "minority", "dozens",
                                    "hundreds", "thousands", "millions", "all", "one", "two",
                                    "three", "four", "five", "six", "seven", "eight", "nine",
                                    "ten", "another", "several", "more", NULL};

static const struct {
    const char *const *words;
    unsigned bit;
} word_lists[] = {{pronoun_words, W_PRONOUN}, {skip_words, W_SKIP},
                  {boundary_words, W_BOUNDARY},
                  {prep_words, W_PREP},       {det_words, W_DET},
                  {prepb_words, W_PREP_BEFORE}, {quant_words, W_QUANT}};

/* The classes of token i (0 for a token that is in no list). */
static unsigned wclass(const cl_doc *doc, uint32_t i)
{
    return doc->tok_wclass && i < doc->tokens.n ? doc->tok_wclass[i] : 0;
}

const char *cl_attrib_kind_name(int kind)
{
    switch (kind) {
    case CL_ATTR_DIRECT: return "direct";
    case CL_ATTR_INDIRECT: return "indirect";
    case CL_ATTR_MIXED: return "mixed";
    case CL_ATTR_ACCORDING: return "according-to";
    }
    return "indirect";
}

static void add_word_class(cl_attrib_tables *t, cl_arena *a, const char *w, unsigned bit)
{
    uint32_t bits = 0;
    cl_strmap_get(&t->words, w, strlen(w), &bits);
    if (!cl_strmap_set(&t->words, w, strlen(w), bits | bit))
        cl_strmap_put(&t->words, a, w, strlen(w), bit);
}

cl_status cl_attrib_tables_load(cl_attrib_tables *t, cl_arena *a, cl_error *err)
{
    cl_table tab;
    cl_status st = cl_table_load(a, "cues.tsv", 4, &tab, err);
    if (st != CL_OK)
        return st;
    cl_strmap_init(&t->verbs, a, tab.nrows);
    cl_strmap_init(&t->nouns, a, 64);
    for (uint32_t r = 0; r < tab.nrows; r++) {
        const char *form = cl_table_cell(&tab, r, 0);
        const char *cls = cl_table_cell(&tab, r, 2), *pos = cl_table_cell(&tab, r, 3);
        static const char *const names[] = {"neutral", "deny", "belief", "intent", "question", "evidence"};
        uint32_t c = 0;
        while (c < 6 && strcmp(cls, names[c]) != 0)
            c++;
        if (c == 6)
            return cl_error_set(err, CL_EFORMAT, "cues.tsv", tab.lines[r], 0,
                                "cues.tsv line %u: unknown class %s", tab.lines[r], cls);
        cl_strmap *m = strcmp(pos, "noun") == 0 ? &t->nouns : &t->verbs;
        if (strcmp(pos, "both") == 0)
            c |= CL_CUE_NOUNLIKE;
        else if (strcmp(pos, "quote") == 0)
            c |= CL_CUE_QUOTE_ONLY;
        else if (strcmp(pos, "verb") != 0 && strcmp(pos, "noun") != 0)
            return cl_error_set(err, CL_EFORMAT, "cues.tsv", tab.lines[r], 0,
                                "cues.tsv line %u: unknown part of speech %s", tab.lines[r], pos);
        /* the lemma travels in the high bits: index of the row */
        cl_strmap_put(m, a, form, strlen(form), c | (r << 5));
    }
    cl_strmap_init(&t->words, a, 1024);
    for (size_t l = 0; l < sizeof word_lists / sizeof *word_lists; l++)
        for (const char *const *w = word_lists[l].words; *w; w++)
            add_word_class(t, a, *w, word_lists[l].bit);
    cl_table sp;
    st = cl_table_load(a, "speakers.tsv", 1, &sp, err);
    if (st != CL_OK)
        return st;
    for (uint32_t r = 0; r < sp.nrows; r++)
        add_word_class(t, a, cl_table_cell(&sp, r, 0), W_SPEAKER);
    return CL_OK;
}

/* ---------------------------------------------------------------- helpers */

typedef struct sent_ctx {
    cl_doc *doc;
    uint32_t s;            /* sentence index */
    uint32_t first, end;   /* token range */
} sent_ctx;

static int tok_is(const cl_doc *doc, uint32_t i, const char *w)
{
    return i < doc->tokens.n && cl_eq_ci(cl_tok_ptr(doc, i), cl_tok_len(doc, i), w);
}

/* Is token i one of the words of a NULL-terminated list? */
static int tok_in(const cl_doc *doc, uint32_t i, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (tok_is(doc, i, *w))
            return 1;
    return 0;
}

static int tok_punct(const cl_doc *doc, uint32_t i, char c)
{
    return i < doc->tokens.n && doc->tokens.v[i].kind == CL_TOK_PUNCT && cl_tok_len(doc, i) == 1 &&
           cl_tok_ptr(doc, i)[0] == c;
}

int cl_cue_asserts_nothing(int cue_class)
{
    return cue_class == CL_CUE_INTENT || cue_class == CL_CUE_QUESTION;
}

/* Is token i-1 a determiner or possessive, so that token i is a noun ("his promise",
 * "Russia's denial", "the planned offensive")? */
static int determiner_before(const cl_doc *doc, uint32_t i)
{
    if (i == 0 || i > doc->tokens.n)
        return 0;
    const cl_token *p = &doc->tokens.v[i - 1];
    if (p->kind == CL_TOK_POSS)
        return 1;
    return p->kind == CL_TOK_WORD && (wclass(doc, i - 1) & W_DET);
}

/* A lower-case word with an adjective ending: "analytical", "official", "written". */
static int adjective_shaped(const cl_doc *doc, uint32_t i)
{
    if (i >= doc->tokens.n)
        return 0;
    static const char *const ends[] = {"al", "ic", "ive", "ous", "ful", "ary", "ian", "ish",
                                       "less", "able", "ible", "ed", "en", "est", NULL};
    const cl_token *t = &doc->tokens.v[i];
    if (t->kind != CL_TOK_WORD || (t->flags & CL_TF_CAP))
        return 0;
    const char *w = cl_tok_ptr(doc, i);
    uint32_t n = cl_tok_len(doc, i);
    for (const char *const *e = ends; *e; e++) {
        uint32_t k = (uint32_t)strlen(*e);
        if (n > k + 2 && memcmp(w + n - k, *e, k) == 0)
            return 1;
    }
    return 0;
}

/* Is token i-1 a preposition, so that token i is a noun ("in support", "in pledged
 * delegates")? */
static int preposition_before(const cl_doc *doc, uint32_t i)
{
    return (wclass(doc, i - 1) & W_PREP_BEFORE) != 0;
}

/* Is the verb-or-noun form at token i (base form: no -s, -ed, -ing) the second noun of a
 * compound after "a/an" ("a talk show host", "a TV show")? After a singular noun with an
 * article a present-tense verb would take -s ("a poll shows"), so the base form is a noun. */
static int compound_noun_after_article(const cl_doc *doc, uint32_t i)
{
    if (i < 2)
        return 0;
    const char *w = cl_tok_ptr(doc, i);
    uint32_t n = cl_tok_len(doc, i);
    if (n < 3 || w[n - 1] == 's' || (w[n - 2] == 'e' && w[n - 1] == 'd') ||
        (n > 4 && memcmp(w + n - 3, "ing", 3) == 0))
        return 0;
    const cl_token *p = &doc->tokens.v[i - 1];
    if (p->kind != CL_TOK_WORD || (wclass(doc, i - 1) & (W_DET | W_BOUNDARY | W_SKIP | W_PRONOUN)))
        return 0;
    const char *pw = cl_tok_ptr(doc, i - 1);
    uint32_t pn = cl_tok_len(doc, i - 1);
    if (pn > 3 && pw[pn - 1] == 's' && !(p->flags & CL_TF_CAP))
        return 0; /* "some analysts support" */
    return tok_is(doc, i - 2, "a") || tok_is(doc, i - 2, "an") || tok_is(doc, i - 2, "another");
}

/* Cue class of token i as a verb, or -1. Capitalized words are names ("the United
 * States", "Airborne Warning"), not verbs. */
static int verb_cue(const cl_doc *doc, uint32_t i)
{
    if (i >= doc->tokens.n)
        return -1;
    uint32_t v;
    if (doc->tokens.v[i].kind != CL_TOK_WORD || (doc->tokens.v[i].flags & CL_TF_CAP))
        return -1;
    if (!cl_tok_get(doc, &doc->ctx->attrib.verbs, i, &v))
        return -1;
    /* "his promise", "in support"; but "another says", "each said", "another claims"
     * (a plural after "another" is no noun): pronouns */
    if (i > 0 && (determiner_before(doc, i) || preposition_before(doc, i))) {
        int pronoun_det = tok_is(doc, i - 1, "another") || tok_is(doc, i - 1, "each");
        int plural = cl_tok_len(doc, i) > 3 && cl_tok_ptr(doc, i)[cl_tok_len(doc, i) - 1] == 's';
        if (!(pronoun_det && (!(v & CL_CUE_NOUNLIKE) || plural)))
            return -1;
    }
    /* "a U.S. think tank" */
    if (tok_is(doc, i + 1, "tank") || tok_is(doc, i + 1, "tanks"))
        return -1;
    /* "in an analytical note", "a brief statement": a reporting noun after an adjective */
    uint32_t nv;
    if (i > 1 && cl_tok_get(doc, &doc->ctx->attrib.nouns, i, &nv) &&
        adjective_shaped(doc, i - 1) && determiner_before(doc, i - 1))
        return -1;
    /* "political support", "a compromise plan" */
    if ((v & CL_CUE_NOUNLIKE) && i > 0 && adjective_shaped(doc, i - 1))
        return -1;
    if ((v & CL_CUE_NOUNLIKE) && compound_noun_after_article(doc, i))
        return -1;
    return (int)(v & 7);
}

static int is_pronoun(const cl_doc *doc, uint32_t i)
{
    return (wclass(doc, i) & W_PRONOUN) != 0;
}

/* Words that may stand between a speaker and the cue: "has now said", "also said". */
static int skippable(const cl_doc *doc, uint32_t i)
{
    if (i >= doc->tokens.n)
        return 0;
    const cl_token *t = &doc->tokens.v[i];
    if (t->kind != CL_TOK_WORD)
        return 0;
    if (t->flags & CL_TF_CAP)
        return 0;
    if (wclass(doc, i) & W_SKIP)
        return 1;
    uint32_t n = cl_tok_len(doc, i);
    const char *s = cl_tok_ptr(doc, i);
    return n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y';
}

static int in_timex(const cl_doc *doc, uint32_t i)
{
    return doc->tok_timex && i < doc->tokens.n && doc->tok_timex[i] >= 0;
}

/* ---------------------------------------------------------------- speakers */

typedef struct speaker {
    uint32_t first, count;   /* tokens of the speaker phrase (count 0 = none) */
    int32_t actor;           /* actor mention index, -1 = none */
    int pronoun;
    int description;         /* "the ministry": a head noun with a determiner */
} speaker;

/* Common nouns that can head a speaker phrase ("officials said", "the institute said"). */
static int speaker_noun(const cl_doc *doc, uint32_t i)
{
    return (wclass(doc, i) & W_SPEAKER) != 0;
}

/* Words that end a noun phrase on its left: conjunctions, relatives, prepositions. */
static int boundary_word(const cl_doc *doc, uint32_t i)
{
    return (wclass(doc, i) & W_BOUNDARY) != 0;
}

/* Extends a phrase left from its head over determiners, adjectives and capitalized words. */
static uint32_t np_start(const sent_ctx *sc, uint32_t head)
{
    const cl_doc *doc = sc->doc;
    uint32_t k = head;
    while (k > sc->first) {
        uint32_t p = k - 1;
        const cl_token *t = &doc->tokens.v[p];
        if (t->kind == CL_TOK_POSS || t->kind == CL_TOK_WORD || t->kind == CL_TOK_NUMBER) {
            if (t->kind == CL_TOK_WORD && verb_cue(doc, p) >= 0)
                break;
            /* "That person said": opening a sentence, "that" points at a noun */
            if (p == sc->first && p < head && tok_is(doc, p, "that")) {
                k = p;
                break;
            }
            if (boundary_word(doc, p))
                break;
            k = p;
            if (tok_is(doc, p, "the") || tok_is(doc, p, "a") || tok_is(doc, p, "an"))
                break;
            if (head - k > 8)
                break;
            continue;
        }
        if (t->kind == CL_TOK_DASH && (t->flags & CL_TF_NOSPACE)) {
            k = p;
            continue;
        }
        break;
    }
    return k;
}

/* A share of people as a speaker head: a number, "percent", "half", "most". */
static int quantity_head(const cl_doc *doc, uint32_t i)
{
    if (i >= doc->tokens.n)
        return 0;
    return doc->tokens.v[i].kind == CL_TOK_NUMBER || (wclass(doc, i) & W_QUANT) ||
           (doc->tokens.v[i].kind == CL_TOK_SYMBOL && tok_is(doc, i, "%")); /* "42% say" */
}

/* A lower-case noun heading a phrase that opens with a determiner, a possessive, a number or
 * a name: "the email said", "the NFL legend said", "Trump's lawyer said". */
static int generic_head(const sent_ctx *sc, uint32_t k)
{
    const cl_doc *doc = sc->doc;
    if (k >= doc->tokens.n)
        return 0;
    const cl_token *t = &doc->tokens.v[k];
    if (t->kind != CL_TOK_WORD || (t->flags & CL_TF_CAP) || boundary_word(doc, k) ||
        skippable(doc, k) || verb_cue(doc, k) >= 0 || determiner_before(doc, k + 1))
        return 0;
    uint32_t b = np_start(sc, k);
    for (uint32_t j = b; j < k; j++) {
        const cl_token *u = &doc->tokens.v[j];
        if (u->kind == CL_TOK_POSS || u->kind == CL_TOK_NUMBER || (u->flags & CL_TF_CAP) ||
            determiner_before(doc, j + 1) || quantity_head(doc, j) || tok_is(doc, j, "one") ||
            tok_is(doc, j, "several"))
            return 1;
    }
    /* a bare plural: "aides said", "economists say", "security specialists say" */
    const char *w = cl_tok_ptr(doc, k);
    uint32_t n = cl_tok_len(doc, k);
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
           (b == sc->first || boundary_word(doc, b - 1) || doc->tokens.v[b - 1].kind == CL_TOK_PUNCT);
}

/* Makes tokens [first, end) a descriptive speaker phrase; the last actor mention inside
 * it, if any, is the speaker ("the Washington-based think tank ISW"). */
static void describe(const cl_doc *doc, speaker *sp, uint32_t first, uint32_t end)
{
    sp->first = first;
    sp->count = end - first;
    sp->description = 1;
    for (uint32_t j = end; j-- > first;) {
        int32_t am = cl_actor_at_token(doc, j);
        if (am >= 0) {
            sp->actor = am;
            sp->description = 0;
            return;
        }
    }
}

/* Is token k, found before a comma left of a cue, still inside an apposition rather than
 * the speaker's head: a place that is no actor ("in Cambridge, Mass.,", "Bangor, Maine,")
 * or a number (an age, "67,")? */
static int apposition_inner(const cl_doc *doc, uint32_t k)
{
    if (cl_actor_at_token(doc, k) >= 0)
        return 0;
    const cl_token *t = &doc->tokens.v[k];
    if (t->kind == CL_TOK_NUMBER)
        return 1;
    /* the state or country of "Bangor, Maine," follows a place and a comma */
    return cl_place_at_token(doc, k) >= 0 ||
           (k >= 2 && tok_punct(doc, k - 1, ',') && cl_place_at_token(doc, k - 2) >= 0);
}

/* Words that tie an unnamed speaker to what they know or whom they stand near: "a source
 * close to the Kremlin", "people familiar with the plans", "officials briefed on the talks". */
static int postmodifier_word(const cl_doc *doc, uint32_t i)
{
    static const char *const words[] = {"close", "closer", "familiar", "briefed", "knowledgeable",
                                        "involved", "privy", "loyal", "linked", "connected",
                                        "allied", "aligned", "affiliated", "opposed", NULL};
    return tok_in(doc, i, words);
}

/* A form of "speak" or "talk": with "to/with X" and nothing said, a meeting, not a cue. */
static int speech_word(const cl_doc *doc, uint32_t i)
{
    static const char *const words[] = {"spoke", "spoken", "speak", "speaks", "speaking",
                                        "talked", "talk", "talks", "talking", NULL};
    return tok_in(doc, i, words);
}

/* Is token i shaped like an adverb ("widely", "repeatedly")? */
static int ly_adverb(const cl_doc *doc, uint32_t i)
{
    uint32_t n = cl_tok_len(doc, i);
    return n > 3 && memcmp(cl_tok_ptr(doc, i) + n - 2, "ly", 2) == 0;
}

/* "the memo seen by Reuters", "the report, seen by the BBC,": "seen by" right after a noun
 * or a comma (no form of be or have, no adverb between) is a reduced relative of
 * perception, unless an "as" follows ("seen by many as a betrayal" is belief). */
static int perceived_by(const sent_ctx *sc, uint32_t c)
{
    static const char *const aux[] = {"is", "was", "were", "are", "be", "been", "being", "has",
                                      "have", "had", "not", NULL};
    const cl_doc *doc = sc->doc;
    if (!tok_is(doc, c, "seen") || !tok_is(doc, c + 1, "by") || c == sc->first)
        return 0;
    for (uint32_t j = c + 2; j < sc->end && j < c + 8; j++)
        if (tok_is(doc, j, "as"))
            return 0;
    if (tok_punct(doc, c - 1, ','))
        return 1;
    const cl_token *p = &doc->tokens.v[c - 1];
    int adverb = ly_adverb(doc, c - 1);
    return p->kind == CL_TOK_WORD && !tok_in(doc, c - 1, aux) && !adverb;
}

/* When the phrase starting at token b ends a postmodifier of an unnamed speaker ("a source
 * close to [the Kremlin]", "people with knowledge of [the matter]"), the token where that
 * speaker's phrase starts; UINT32_MAX otherwise. The person, not the Kremlin, is speaking. */
static uint32_t postmodified_speaker(const sent_ctx *sc, uint32_t b)
{
    const cl_doc *doc = sc->doc;
    if (b < sc->first + 3)
        return UINT32_MAX;
    uint32_t prep = b - 1, h;
    if (tok_is(doc, prep, "of") && tok_is(doc, prep - 1, "knowledge") && prep >= sc->first + 3 &&
        tok_is(doc, prep - 2, "with"))
        h = prep - 3; /* "sources with knowledge of" */
    else if ((tok_is(doc, prep, "to") || tok_is(doc, prep, "with") || tok_is(doc, prep, "on") ||
              tok_is(doc, prep, "in")) &&
             postmodifier_word(doc, prep - 1))
        h = prep - 2;
    else if (tok_is(doc, prep, "by") && perceived_by(sc, prep - 1) &&
             doc->tokens.v[prep - 2].kind == CL_TOK_WORD)
        return np_start(sc, prep - 2); /* "a memo seen by Reuters": the memo says it */
    else
        return UINT32_MAX;
    const cl_token *t = &doc->tokens.v[h];
    if (t->kind != CL_TOK_WORD || ((t->flags & CL_TF_CAP) && h > sc->first) ||
        !(speaker_noun(doc, h) || generic_head(sc, h) || tok_is(doc, h, "person") ||
          tok_is(doc, h, "insiders")))
        return UINT32_MAX;
    return np_start(sc, h);
}

/* An adverb that stands between commas after a subject: "Smith, meanwhile, ...". */
static int sentence_adverb(const cl_doc *doc, uint32_t i)
{
    static const char *const words[] = {"meanwhile", "however", "though", "too", "instead",
                                        "nonetheless", "nevertheless", "moreover", "also",
                                        "therefore", NULL};
    return tok_in(doc, i, words) ||
           (skippable(doc, i) && !(doc->tokens.v[i].flags & CL_TF_CAP) && cl_tok_len(doc, i) > 4);
}

/* "Sen. Marco Rubio (R-Fla.) said": a short parenthesis after a name is no speaker. When
 * token k closes one, the token before it opens; k otherwise. */
static uint32_t before_short_parenthesis(const sent_ctx *sc, uint32_t k)
{
    const cl_doc *doc = sc->doc;
    if (!tok_punct(doc, k, ')'))
        return k;
    uint32_t j = k;
    while (j > sc->first && k - j < 10 && !tok_punct(doc, j, '('))
        j--;
    return tok_punct(doc, j, '(') && j > sc->first ? j - 1 : k;
}

/* A verb of being asked, reached or told: "asked", "pressed", "contacted", "informed" ... */
static int questioned_word(const cl_doc *doc, uint32_t i)
{
    static const char *const words[] = {"asked", "questioned", "pressed", "interviewed",
                                        "contacted", "reached", "approached", "told",
                                        "informed", "warned", "notified", "briefed", NULL};
    return tok_in(doc, i, words);
}

/* "when asked ...", "after being informed ...", "if contacted ...": starting at token k, a
 * clause saying that someone was asked or told, which is no content of the cue before it
 * and no attribution of its own unless it names the one asking. */
static int when_asked(const sent_ctx *sc, uint32_t k)
{
    static const char *const conj[] = {"when", "after", "if", "while", "before", "as", NULL};
    const cl_doc *doc = sc->doc;
    if (k + 1 >= sc->end || !tok_in(doc, k, conj))
        return 0;
    uint32_t v = k + 1 + (tok_is(doc, k + 1, "being") ? 1 : 0);
    return v < sc->end && questioned_word(doc, v);
}

/* Is the period at token j the end of a short capitalized abbreviation ("R-Ky.", "Pa.",
 * "Jr.") rather than of a sentence? */
static int abbreviation_period(const cl_doc *doc, uint32_t j)
{
    if (j == 0)
        return 0;
    const cl_token *w = &doc->tokens.v[j - 1];
    return w->kind == CL_TOK_WORD && (w->flags & CL_TF_CAP) && cl_tok_len(doc, j - 1) <= 4 &&
           w->end == doc->tokens.v[j].start;
}

static int is_preposition(const cl_doc *doc, uint32_t i);

/* "Residents who fled the town say ...", "groups that have endorsed him say ...": when the
 * speaker phrase found before the cue at c (starting at token first) ends a restrictive
 * relative clause, the token of that clause's "who/that" (its head noun is right before
 * it); UINT32_MAX otherwise. "that" must start a clause without a subject of its own ("the
 * fact that officials say" is no relative clause). */
static uint32_t relative_clause_before(const sent_ctx *sc, uint32_t first, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    for (uint32_t r = first; r-- > sc->first + 1 && first - r <= 10;) {
        const cl_token *t = &doc->tokens.v[r];
        if (t->kind == CL_TOK_PUNCT || t->kind == CL_TOK_QUOTE || t->kind == CL_TOK_DASH)
            return UINT32_MAX;
        /* "... say they believe": the phrase is the subject of a clause reported by the
         * cue right before it, no relative clause's end */
        if (r + 1 == first && verb_cue(doc, r) >= 0)
            return UINT32_MAX;
        int who = tok_is(doc, r, "who");
        int that = tok_is(doc, r, "that");
        if (!who && !that)
            continue;
        if (that) {
            const cl_token *n = &doc->tokens.v[r + 1];
            if ((n->flags & CL_TF_CAP) || (wclass(doc, r + 1) & W_DET) || is_pronoun(doc, r + 1) ||
                speaker_noun(doc, r + 1) || n->kind != CL_TOK_WORD)
                return UINT32_MAX;
        }
        const cl_token *h = &doc->tokens.v[r - 1];
        if (h->kind != CL_TOK_WORD || verb_cue(doc, r - 1) >= 0 || skippable(doc, r - 1) ||
            boundary_word(doc, r - 1) || is_preposition(doc, r - 1) || r + 1 >= c)
            return UINT32_MAX;
        return r;
    }
    return UINT32_MAX;
}

/* Does the speaker phrase hold a speaker noun: its head, or the noun before "of" in "a
 * video of the episode"? */
static int holds_speaker_noun(const cl_doc *doc, const speaker *sp)
{
    for (uint32_t i = sp->first; i < sp->first + sp->count; i++)
        if (speaker_noun(doc, i) && (i + 1 == sp->first + sp->count || tok_is(doc, i + 1, "of")))
            return 1;
    return 0;
}

/* The speaker ending right before the cue at token c (after skipping adverbs, auxiliaries
 * and time expressions). */
static speaker speaker_left(const sent_ctx *sc, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    speaker sp = {0, 0, -1, 0, 0};
    if (c == sc->first)
        return sp;
    uint32_t k = c - 1;
    while (k > sc->first && (skippable(doc, k) || in_timex(doc, k)))
        k--;
    k = before_short_parenthesis(sc, k);
    /* "Joyce - who is a lawyer in Illinois - told": an apposition between dashes */
    if (doc->tokens.v[k].kind == CL_TOK_DASH && k > sc->first + 1) {
        uint32_t j = k;
        while (j-- > sc->first + 1 && k - j < 30 && doc->tokens.v[j].kind != CL_TOK_DASH &&
               doc->tokens.v[j].kind != CL_TOK_QUOTE && !tok_punct(doc, j, '.'))
            ;
        if (doc->tokens.v[j].kind == CL_TOK_DASH && j > sc->first && k - j > 1)
            k = j - 1;
    }
    /* "X, the commander of Y's forces, said" / "X, who ..., said": skip the apposition
     * back to the comma that opens it */
    uint32_t app_first = 0, app_end = 0;
    if (tok_punct(doc, k, ',') && k > sc->first) {
        app_end = k;
        /* the apposition may hold commas itself ("Cecelia Purner, 67, a nurse in
         * Allentown, Pa., said"): while the word before a comma is a place or an age,
         * the apposition goes on further left */
        for (int segment = 0; segment < 4; segment++) {
            uint32_t j = k, opened = 0, cue_inside = 0;
            while (j-- > sc->first && app_end - j < 40) {
                if (tok_punct(doc, j, ',')) {
                    opened = 1;
                    break;
                }
                if (doc->tokens.v[j].kind == CL_TOK_QUOTE ||
                    (tok_punct(doc, j, '.') && !abbreviation_period(doc, j)))
                    break;
                if (!cue_inside)
                    cue_inside = verb_cue(doc, j) >= 0 && !perceived_by(sc, j) &&
                                 !(j > sc->first && when_asked(sc, j - 1));
            }
            /* a cue inside is another clause, unless the apposition is a relative clause
             * ("Kyiv, which has denied the claim, said") */
            if (opened && cue_inside && !tok_is(doc, j + 1, "who") && !tok_is(doc, j + 1, "which"))
                opened = 0;
            if (!opened || j == sc->first) {
                if (segment == 0)
                    return sp;
                break;
            }
            app_first = j + 1;
            k = j - 1;
            /* "Sanders, meanwhile, who ..., said": a sentence adverb set off by commas */
            if (k > sc->first + 1 && tok_punct(doc, k - 1, ',') && sentence_adverb(doc, k))
                k -= 2;
            if (!apposition_inner(doc, k))
                break;
        }
        /* "Rep. Elijah Cummings (D-Md.), chair of the committee, said" */
        k = before_short_parenthesis(sc, k);
    }
    /* "Feinstein, who said ...": the relative pronoun is the speaker and stands for the
     * phrase before it */
    if (app_end == 0 && k > sc->first + 1 &&
        (tok_is(doc, k, "who") || tok_is(doc, k, "which") ||
         (tok_is(doc, k, "that") && doc->tokens.v[k - 1].kind == CL_TOK_WORD &&
          verb_cue(doc, k - 1) < 0 && !boundary_word(doc, k - 1) && !skippable(doc, k - 1))) &&
        doc->tokens.v[k - 1].kind != CL_TOK_QUOTE) {
        uint32_t rel = k;
        k--;
        if (tok_punct(doc, k, ',') && k > sc->first)
            k--;
        int32_t ante = cl_actor_at_token(doc, k);
        sp.first = rel;
        sp.count = 1;
        if (ante >= 0)
            sp.actor = ante;
        else
            sp.description = 1;
        return sp;
    }
    const cl_token *t = &doc->tokens.v[k];
    if (t->kind == CL_TOK_PUNCT || t->kind == CL_TOK_QUOTE)
        return sp;
    /* a named person in the apposition is the more precise speaker: "The founder of
     * Wagner, Yevgeny Prigozhin, insists", "A Kremlin spokesman, Dmitry Peskov, said" */
    int32_t a = cl_actor_at_token(doc, k);
    if (app_end > app_first && (a < 0 || !doc->actors.v[a].named)) {
        for (uint32_t j = app_first; j < app_end; j++) {
            int32_t pa = cl_actor_at_token(doc, j);
            if (pa >= 0 && doc->actors.v[pa].named && doc->actors.v[pa].side) {
                const cl_actor *m = &doc->actors.v[pa];
                sp.actor = pa;
                sp.first = m->tok_first;
                sp.count = m->tok_count;
                return sp;
            }
        }
    }
    /* "a source close to the Kremlin said": an unnamed speaker, not the Kremlin */
    uint32_t tail = np_start(sc, k);
    if (a >= 0)
        tail = doc->actors.v[a].tok_first > sc->first &&
                       (tok_is(doc, doc->actors.v[a].tok_first - 1, "the") ||
                        tok_is(doc, doc->actors.v[a].tok_first - 1, "a"))
                   ? doc->actors.v[a].tok_first - 1
                   : doc->actors.v[a].tok_first;
    uint32_t pm = postmodified_speaker(sc, tail);
    if (pm != UINT32_MAX) {
        sp.first = pm;
        sp.count = k + 1 - pm;
        sp.description = 1;
        return sp;
    }
    /* "the commander of the ground forces said", "a spokesman for the army said": the
     * commander, who speaks for them */
    if (tail >= sc->first + 2 && (tok_is(doc, tail - 1, "of") || tok_is(doc, tail - 1, "for")) &&
        doc->tokens.v[tail - 2].kind == CL_TOK_WORD &&
        (!(doc->tokens.v[tail - 2].flags & CL_TF_CAP) || tail - 2 == sc->first) &&
        (speaker_noun(doc, tail - 2) || tok_is(doc, tail - 2, "head") ||
         tok_is(doc, tail - 2, "chief") || tok_is(doc, tail - 2, "leader"))) {
        describe(doc, &sp, np_start(sc, tail - 2), k + 1);
        return sp;
    }
    /* "Analysts in Kyiv said", "residents of the town said": the people, not the place */
    int place_head = a >= 0 || (t->kind == CL_TOK_WORD && (t->flags & CL_TF_CAP));
    uint32_t hk = a >= 0 ? doc->actors.v[a].tok_first : np_start(sc, k);
    if (place_head && hk >= sc->first + 2 && (tok_is(doc, hk - 1, "in") || tok_is(doc, hk - 1, "from") ||
                                tok_is(doc, hk - 1, "at")) &&
        (speaker_noun(doc, hk - 2) || generic_head(sc, hk - 2))) {
        /* an actor before the place still names the people: "M23 rebels in eastern Congo" */
        describe(doc, &sp, np_start(sc, hk - 2), hk - 1);
        sp.count = k + 1 - sp.first;
        return sp;
    }
    if (a >= 0) {
        const cl_actor *m = &doc->actors.v[a];
        sp.actor = a;
        sp.first = m->tok_first > sc->first && (tok_is(doc, m->tok_first - 1, "the") ||
                                                tok_is(doc, m->tok_first - 1, "a") ||
                                                tok_is(doc, m->tok_first - 1, "an"))
                       ? m->tok_first - 1
                       : m->tok_first;
        sp.count = m->tok_first + m->tok_count - sp.first;
        return sp;
    }
    if (is_pronoun(doc, k)) {
        sp.first = k;
        sp.count = 1;
        sp.pronoun = 1;
        return sp;
    }
    /* "one in four said", "four in 10 said": a share of people polled */
    static const char *const numbers[] = {"one", "two", "three", "four", "five", "six", "seven",
                                          "eight", "nine", "ten", NULL};
    if (k >= sc->first + 2 && tok_is(doc, k - 1, "in") &&
        (tok_in(doc, k, numbers) || t->kind == CL_TOK_NUMBER) &&
        (tok_in(doc, k - 2, numbers) || doc->tokens.v[k - 2].kind == CL_TOK_NUMBER)) {
        sp.first = k - 2;
        sp.count = 3;
        sp.description = 1;
        return sp;
    }
    /* "55 percent said", "nearly half said", "most said": a share of people polled */
    if (quantity_head(doc, k)) {
        sp.first = np_start(sc, k);
        sp.count = k + 1 - sp.first;
        sp.description = 1;
        return sp;
    }
    int form = -1;
    uint32_t cue_bits = 0;
    int verb_only = cl_tok_get(doc, &doc->ctx->attrib.verbs, c, &cue_bits) &&
                    !(cue_bits & CL_CUE_NOUNLIKE);
    /* "Russian claims": an adjective is no speaker; but right before a form that is only a
     * verb it is a surname ("..., Cuban said") */
    if (cl_actor_country_at(doc, k, k + 1, &form, NULL) && form == CL_CF_ADJ &&
        !(verb_only && k + 1 == c))
        return sp;
    if (speaker_noun(doc, k) || (t->kind == CL_TOK_WORD && (t->flags & CL_TF_CAP)) ||
        generic_head(sc, k)) {
        describe(doc, &sp, np_start(sc, k), k + 1);
        return sp;
    }
    return sp;
}

/* The actor mention (after an optional "the" or "a") or the pronoun starting at token k,
 * ending before limit; count 0 when there is none. */
static speaker mention_or_pronoun_at(const sent_ctx *sc, uint32_t k, uint32_t limit)
{
    const cl_doc *doc = sc->doc;
    speaker sp = {0, 0, -1, 0, 0};
    if (k >= limit)
        return sp;
    int32_t a = cl_actor_at_token(doc, k);
    if (a < 0 && (tok_is(doc, k, "the") || tok_is(doc, k, "a")) && k + 1 < limit)
        a = cl_actor_at_token(doc, k + 1);
    if (a >= 0) {
        const cl_actor *m = &doc->actors.v[a];
        sp.actor = a;
        sp.first = k;
        sp.count = m->tok_first + m->tok_count - k;
    } else if (is_pronoun(doc, k)) {
        sp.first = k;
        sp.count = 1;
        sp.pronoun = 1;
    }
    return sp;
}

/* Inverted order: the speaker right after the cue ("said NATO spokesperson Oana Lungescu"). */
static speaker speaker_right(const sent_ctx *sc, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    uint32_t k = c + 1;
    speaker sp = mention_or_pronoun_at(sc, k, sc->end);
    if (sp.count || k >= sc->end)
        return sp;
    /* "said the ministry", "said officials" */
    uint32_t j = k;
    if (tok_is(doc, j, "the"))
        j++;
    uint32_t h = j;
    while (h < sc->end && h < j + 6 && doc->tokens.v[h].kind == CL_TOK_WORD &&
           !speaker_noun(doc, h))
        h++;
    if (h < sc->end && speaker_noun(doc, h)) {
        while (h + 1 < sc->end && speaker_noun(doc, h + 1)) /* "a senior army officer" */
            h++;
        sp.first = k;
        sp.count = h + 1 - k;
        sp.description = 1;
        return sp;
    }
    /* '"...," tweeted another.', '"...," said one': an unnamed member of a group already
     * described */
    if ((tok_is(doc, k, "another") || tok_is(doc, k, "one") || tok_is(doc, k, "others")) &&
        (k + 1 == sc->end || doc->tokens.v[k + 1].kind == CL_TOK_PUNCT)) {
        describe(doc, &sp, k, k + 1);
        return sp;
    }
    /* "said Sen. Susan Collins", "said former congressman Barney Frank", "said a Democratic
     * strategist": a phrase up to the comma or the end that names or describes someone */
    static const char *const aux[] = {"is", "was", "were", "are", "be", "been", "has", "have",
                                      "had", "will", "would", "could", "should", "can", "may",
                                      "might", "must", "did", "does", "do", NULL};
    /* "said one party activist", "said a 2008 campaign veteran" */
    int named = 0, opened = tok_is(doc, k, "a") || tok_is(doc, k, "an") || tok_is(doc, k, "the") ||
                            tok_is(doc, k, "one");
    for (j = k; j < sc->end && j < k + 8; j++) {
        const cl_token *u = &doc->tokens.v[j];
        if ((u->kind != CL_TOK_WORD && u->kind != CL_TOK_POSS && u->kind != CL_TOK_NUMBER &&
             !(u->kind == CL_TOK_DASH && (u->flags & CL_TF_NOSPACE))) ||
            (j > k && (boundary_word(doc, j) || tok_is(doc, j, "of"))) ||
            (in_timex(doc, j) && !(opened && j == k + 1)) || verb_cue(doc, j) >= 0 ||
            tok_in(doc, j, aux))
            break;
        named |= (u->flags & CL_TF_CAP) != 0;
    }
    if (j > k && (named || opened) && (j == sc->end || doc->tokens.v[j].kind == CL_TOK_PUNCT ||
                                       tok_is(doc, j, "of") || boundary_word(doc, j))) {
        describe(doc, &sp, k, j);
    }
    return sp;
}


/* The subject of the clause that a participle or coordinated cue at c continues: the
 * first actor, pronoun or name of the sentence, after an opening adverbial clause
 * ("After the vote, Trump ..."). */
static speaker sentence_subject(const sent_ctx *sc, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    speaker sp = {0, 0, -1, 0, 0};
    uint32_t k = sc->first;
    while (k < c && (doc->tokens.v[k].kind == CL_TOK_QUOTE || doc->tokens.v[k].kind == CL_TOK_PUNCT))
        k++;
    if (k < c && (boundary_word(doc, k) || is_preposition(doc, k))) {
        uint32_t j = k;
        while (j < c && !tok_punct(doc, j, ','))
            j++;
        if (j + 1 >= c)
            return sp;
        k = j + 1;
    }
    if (k >= c)
        return sp;
    sp = mention_or_pronoun_at(sc, k, c);
    if (sp.count)
        return sp;
    /* "the other candidate, former Secretary of State Hillary Clinton, drew ...": a named
     * person in the subject phrase, before its first clause boundary */
    for (uint32_t j = k; j < c && j < k + 12 && !boundary_word(doc, j) && verb_cue(doc, j) < 0;
         j++) {
        int32_t a = cl_actor_at_token(doc, j);
        if (a >= 0 && doc->actors.v[a].kind == CL_ACTOR_PERSON && doc->actors.v[a].named) {
            sp.actor = a;
            sp.first = doc->actors.v[a].tok_first;
            sp.count = doc->actors.v[a].tok_count;
            return sp;
        }
    }
    /* "The mayor won the vote by saying ...": a determiner and a speaker noun */
    if (wclass(doc, k) & W_DET) {
        for (uint32_t h = k + 1; h < c && h < k + 5 && doc->tokens.v[h].kind == CL_TOK_WORD; h++) {
            if (speaker_noun(doc, h)) {
                describe(doc, &sp, k, h + 1);
                return sp;
            }
        }
        return sp;
    }
    uint32_t j = k;
    while (j < c && j < k + 6 && doc->tokens.v[j].kind == CL_TOK_WORD &&
           (doc->tokens.v[j].flags & CL_TF_CAP))
        j++;
    if (j > k && !in_timex(doc, k)) {
        sp.first = k;
        sp.count = j - k;
        sp.description = 1;
    }
    return sp;
}

/* ---------------------------------------------------------------- resolution */

typedef struct resolved {
    const char *name, *id, *side;
    int kind;
    int32_t actor;
} resolved;

static int name_has(const char *name, const char *word)
{
    return name && cl_find_ci(name, strlen(name), word) >= 0;
}

/* The most recent actor (among earlier attributions' speakers, then mentions) that fits a
 * pronoun or description of the speaker phrase. */
/* An armed group of the actor table (COD.M23, MMR.MNDAA), not a country's forces
 * ("Russian troops": RUS.MIL). */
static int named_group(const char *id)
{
    return id && !strstr(id, ".MIL");
}

/* Resolves to actor mention k; returns 1. */
static int from_mention(const cl_doc *doc, uint32_t k, resolved *out)
{
    const cl_actor *m = &doc->actors.v[k];
    out->name = m->name;
    out->id = m->id;
    out->side = m->side;
    out->kind = m->kind;
    out->actor = (int32_t)k;
    return 1;
}

static int resolve_reference(const cl_doc *doc, const sent_ctx *sc, const speaker *sp,
                             const cl_attribution *self, resolved *out)
{
    /* the head noun: "the General Staff in Kyiv" is the staff, not Kyiv */
    uint32_t h = sp->first + sp->count - 1;
    for (uint32_t k = sp->first + 1; k + 1 < sp->first + sp->count; k++)
        if (tok_is(doc, k, "in") || tok_is(doc, k, "from") || tok_is(doc, k, "at")) {
            h = k - 1;
            break;
        }
    const char *head = cl_doc_span_text((cl_doc *)doc, doc->tokens.v[h].start,
                                        doc->tokens.v[h].end);
    int person = tok_is(doc, sp->first, "he") || tok_is(doc, sp->first, "she") ||
                 tok_is(doc, sp->first, "i");
    int org_pron = tok_is(doc, sp->first, "it") || tok_is(doc, sp->first, "they") ||
                   tok_is(doc, sp->first, "we");
    int person_noun = cl_eq_ci(head, strlen(head), "governor") ||
                      cl_eq_ci(head, strlen(head), "spokesman") ||
                      cl_eq_ci(head, strlen(head), "spokeswoman") ||
                      cl_eq_ci(head, strlen(head), "spokesperson") ||
                      cl_eq_ci(head, strlen(head), "minister") ||
                      cl_eq_ci(head, strlen(head), "president") ||
                      cl_eq_ci(head, strlen(head), "official") ||
                      cl_eq_ci(head, strlen(head), "commander") ||
                      cl_eq_ci(head, strlen(head), "officer");
    /* "the group", "the rebels": the armed group named last */
    size_t hl = strlen(head);
    int group_noun = !person && !org_pron && sp->count <= 2 &&
                     (cl_eq_ci(head, hl, "group") || cl_eq_ci(head, hl, "rebels") ||
                      cl_eq_ci(head, hl, "militia") || cl_eq_ci(head, hl, "insurgents"));
    uint32_t cutoff = doc->tokens.v[sp->first].start;
    /* 0. a group named earlier in the same sentence comes first: "lost X to the MNDAA,
     * the group said" */
    for (uint32_t k = doc->actors.n; group_noun && k-- > 0;) {
        const cl_actor *m = &doc->actors.v[k];
        if (m->start >= cutoff)
            continue;
        if (m->sentence != sc->s)
            break;
        if (m->kind == CL_ACTOR_FORCES && named_group(m->id))
            return from_mention(doc, k, out);
    }
    /* 1. earlier speakers, most recent first (same or previous three paragraphs) */
    uint32_t para = doc->sentences.v[sc->s].para;
    for (uint32_t k = doc->attributions.n; k-- > 0;) {
        const cl_attribution *a = &doc->attributions.v[k];
        if (a == self || a->speaker_tok_first == sp->first)
            continue;
        if (doc->sentences.v[a->sentence].para + 3 < para)
            break;
        if (!a->speaker_name || (a->resolved && !a->actor && !a->side))
            continue;
        int fits;
        if (group_noun)
            fits = a->speaker_kind == CL_ACTOR_FORCES && named_group(a->actor);
        else if (person || person_noun)
            fits = a->speaker_kind == CL_ACTOR_PERSON;
        else if (org_pron)
            fits = a->speaker_kind != CL_ACTOR_PERSON;
        else
            fits = name_has(a->speaker_name, head) || name_has(a->speaker_text, head) ||
                   (a->actor && name_has(a->actor, head));
        if (fits) {
            out->name = a->speaker_name;
            out->id = a->actor;
            out->side = a->side;
            out->kind = a->speaker_kind;
            out->actor = a->speaker_actor;
            return 1;
        }
    }
    /* 2. earlier mentions */
    for (uint32_t k = doc->actors.n; k-- > 0;) {
        const cl_actor *m = &doc->actors.v[k];
        if (m->start >= cutoff)
            continue;
        if (doc->sentences.v[m->sentence].para + 3 < para)
            break;
        int fits;
        if (group_noun)
            fits = m->kind == CL_ACTOR_FORCES && named_group(m->id);
        else if (person || person_noun)
            fits = m->kind == CL_ACTOR_PERSON;
        else if (org_pron)
            fits = m->kind == CL_ACTOR_ORG || m->kind == CL_ACTOR_COUNTRY ||
                   m->kind == CL_ACTOR_CAPITAL;
        else
            fits = name_has(m->name, head) ||
                   name_has(cl_doc_span_text((cl_doc *)doc, m->start, m->end), head);
        if (fits)
            return from_mention(doc, k, out);
    }
    return 0;
}

/* "Israeli forces pulled out of X, the military said": a body named without its country
 * ("the military", "the army", "the defence minister") speaks for the only party named
 * before it in this sentence, or else in the sentence before; NULL when two are named
 * (or none). */
static const char *lone_party(cl_doc *doc, const sent_ctx *sc, const speaker *sp)
{
    static const char *const bodies[] = {"military", "army", "ministry", "minister",
                                         "staff", "command", "government", "navy", NULL};
    uint32_t head = sp->first + sp->count - 1;
    int body = 0;
    for (const char *const *w = bodies; *w && !body; w++)
        body = tok_is(doc, head, *w);
    if (!body || !tok_is(doc, sp->first, "the"))
        return NULL;
    /* this sentence first; the one before only when this one names no party */
    for (uint32_t back = 0; back < 2 && back <= sc->s; back++) {
        const char *party = NULL;
        for (uint32_t k = doc->actors.n; k-- > 0;) {
            const cl_actor *m = &doc->actors.v[k];
            if (m->sentence + back < sc->s)
                break;
            if (m->sentence != sc->s - back || m->tok_first >= sp->first || !m->side ||
                strcmp(m->side, "MEDIA") == 0)
                continue;
            if (party && strcmp(party, m->side) != 0)
                return NULL;
            party = m->side;
        }
        /* an armed group of a country ("SDN.RSF") is not the state: "the army" there is
         * the state's own (SDN) */
        const char *dot = party ? strchr(party, '.') : NULL;
        if (dot)
            return cl_arena_strndup(&doc->arena, party, (size_t)(dot - party));
        if (party)
            return party;
    }
    return NULL;
}

static void resolve_speaker(cl_doc *doc, const sent_ctx *sc, const speaker *sp, cl_attribution *at)
{
    at->speaker_actor = -1;
    at->speaker_kind = CL_ACTOR_ORG;
    if (sp->count == 0)
        return;
    at->speaker = (cl_span){doc->tokens.v[sp->first].start,
                            doc->tokens.v[sp->first + sp->count - 1].end};
    at->speaker_tok_first = sp->first;
    at->speaker_tok_count = sp->count;
    at->speaker_text = cl_doc_span_text(doc, at->speaker.start, at->speaker.end);
    at->speaker_name = at->speaker_text;
    if (sp->actor >= 0) {
        const cl_actor *m = &doc->actors.v[sp->actor];
        at->speaker_actor = sp->actor;
        at->actor = m->id;
        at->side = m->side;
        at->speaker_kind = m->kind;
        at->speaker_name = m->name;
        /* "army spokesman Nabil Abdallah": a named person without a side of his own speaks
         * for the body named just before him, resolved like "the army" */
        if (!at->side && m->kind == CL_ACTOR_PERSON) {
            for (uint32_t k = m->tok_first; k-- > sc->first && k + 3 >= m->tok_first;) {
                if (!speaker_noun(doc, k) || (doc->tokens.v[k].flags & CL_TF_CAP))
                    continue;
                speaker body = {k, 1, -1, 0, 1};
                resolved rb = {0};
                if (resolve_reference(doc, sc, &body, at, &rb) && rb.kind != CL_ACTOR_PERSON) {
                    at->side = rb.side;
                    break;
                }
            }
        }
        return;
    }
    resolved r = {0};
    if ((sp->pronoun || sp->description) && resolve_reference(doc, sc, sp, at, &r)) {
        at->resolved = 1;
        at->speaker_name = r.name;
        at->actor = r.id;
        at->side = r.side;
        at->speaker_kind = (uint8_t)r.kind;
        at->speaker_actor = r.actor;
        return;
    }
    /* a description with a country word in it: "the former British army officer"; but
     * "rebels in Myanmar" fight that country's government, they do not speak for it */
    int opposed = 0;
    for (uint32_t k = sp->first; k < sp->first + sp->count && !opposed; k++)
        opposed = tok_is(doc, k, "rebels") || tok_is(doc, k, "rebel") ||
                  tok_is(doc, k, "insurgents") || tok_is(doc, k, "militants") ||
                  tok_is(doc, k, "opposition") || tok_is(doc, k, "guerrillas");
    for (uint32_t k = sp->first; k < sp->first + sp->count; k++) {
        int form = -1;
        const char *side = cl_actor_country_at(doc, k, sp->first + sp->count, &form, NULL);
        if (side && sp->count == 1 && form == CL_CF_ADJ)
            break; /* a lone adjective as speaker is a surname: "..., Cuban said" */
        if (side) {
            /* "Syrian rebels" speak for the rebels of that country, a side of their own */
            at->side = opposed ? cl_arena_printf(&doc->arena, "%s.REBELS", side) : side;
            break;
        }
    }
    if (!opposed && !at->side && sp->description)
        at->side = lone_party(doc, sc, sp);
    if (sp->pronoun)
        at->speaker_kind = (tok_is(doc, sp->first, "he") || tok_is(doc, sp->first, "she"))
                               ? CL_ACTOR_PERSON
                               : CL_ACTOR_ORG;
}

/* ---------------------------------------------------------------- content */

static int is_preposition(const cl_doc *doc, uint32_t i)
{
    return (wclass(doc, i) & W_PREP) != 0;
}

/* After the cue (and a "told" recipient, a platform phrase, a time, "that") - where the
 * reported clause starts. */
static uint32_t content_start(const sent_ctx *sc, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    uint32_t k = c + 1;
    /* "that" within the next few tokens, before any comma, wins - when what comes before
     * it is a time, a place to say it in or a recipient ("said in a statement on Telegram
     * that", "told Ukrainian television on Wednesday that"), not a clause of its own */
    int intro = tok_is(doc, k, "that") || in_timex(doc, k) || is_preposition(doc, k) ||
                skippable(doc, k) || tok_is(doc, c, "told") || tok_is(doc, c, "tells") ||
                tok_is(doc, c, "warned") || tok_is(doc, c, "assured") || tok_is(doc, c, "informed");
    for (uint32_t j = k; intro && j < sc->end && j < k + 12; j++) {
        if (tok_punct(doc, j, ',') || tok_punct(doc, j, ';') ||
            doc->tokens.v[j].kind == CL_TOK_QUOTE)
            break;
        if (tok_is(doc, j, "that"))
            return j + 1;
        if (verb_cue(doc, j) >= 0)
            break;
    }
    /* "told AFP", "told reporters", "told the BBC", "told him", "told investors": skip the
     * recipient */
    if (tok_is(doc, c, "told") || tok_is(doc, c, "tells") || tok_is(doc, c, "tell")) {
        static const char *const objects[] = {"him", "her", "them", "us", "me", "you", NULL};
        static const char *const audiences[] = {
            "reporters", "journalists", "television", "broadcaster", "radio", "news", "agency",
            "investors", "supporters", "voters", "lawmakers", "members", "colleagues", "staff",
            "troops", "soldiers", "residents", "students", "donors", "delegates", "audience",
            "crowd", "parliament", "congress", NULL};
        if (tok_in(doc, k, objects)) {
            k++;
        } else {
            if (tok_is(doc, k, "the"))
                k++;
            while (k < sc->end && doc->tokens.v[k].kind == CL_TOK_WORD &&
                   ((doc->tokens.v[k].flags & CL_TF_CAP) || tok_in(doc, k, audiences)))
                k++;
            while (k < sc->end && doc->tokens.v[k].kind == CL_TOK_POSS)
                k++;
        }
    }
    /* times and small adverbs after the cue: "said Friday", "said on Friday", "said earlier" */
    for (;;) {
        if (k < sc->end && in_timex(doc, k)) {
            k++;
            continue;
        }
        if (k + 1 < sc->end && (tok_is(doc, k, "on") || tok_is(doc, k, "late") ||
                                tok_is(doc, k, "early")) && in_timex(doc, k + 1)) {
            k++;
            continue;
        }
        if (k < sc->end && (tok_is(doc, k, "earlier") || tok_is(doc, k, "later") ||
                            tok_is(doc, k, "also") || tok_is(doc, k, "separately")))
        {
            k++;
            continue;
        }
        if (k < sc->end && tok_punct(doc, k, ':')) {
            k++;
            continue;
        }
        break;
    }
    return k;
}

/* Token range of the quotation that ends at close quote q: walks back to its opening
 * quote, possibly in an earlier sentence of the same paragraph. */
static uint32_t quote_open_before(const cl_doc *doc, uint32_t q, uint32_t para_first)
{
    for (uint32_t k = q; k-- > para_first;) {
        if (doc->tokens.v[k].flags & CL_TF_OPEN_QUOTE)
            return k;
        if (doc->tokens.v[k].flags & CL_TF_CLOSE_QUOTE)
            break;
    }
    return UINT32_MAX;
}

static uint32_t para_first_token(const cl_doc *doc, uint32_t s)
{
    uint32_t para = doc->sentences.v[s].para;
    while (s > 0 && doc->sentences.v[s - 1].para == para)
        s--;
    return doc->sentences.v[s].tok_first;
}

static void set_content(cl_doc *doc, cl_attribution *at, uint32_t first, uint32_t end)
{
    /* trim punctuation at the edges, but keep quotes of a direct quotation */
    while (first < end && (doc->tokens.v[first].kind == CL_TOK_PUNCT))
        first++;
    while (end > first && (doc->tokens.v[end - 1].kind == CL_TOK_PUNCT))
        end--;
    if (end <= first) {
        at->content = (cl_span){0, 0};
        at->content_tok_first = at->content_tok_end = first;
        return;
    }
    at->content_tok_first = first;
    at->content_tok_end = end;
    at->content = (cl_span){doc->tokens.v[first].start, doc->tokens.v[end - 1].end};
    at->content_sent_first = (uint32_t)cl_doc_sentence_at(doc, at->content.start);
    at->content_sent_last = (uint32_t)cl_doc_sentence_at(doc, at->content.end - 1);
    int quoted = 0, unquoted = 0;
    for (uint32_t k = first; k < end; k++) {
        const cl_token *t = &doc->tokens.v[k];
        if (t->kind == CL_TOK_QUOTE)
            continue;
        if (t->flags & CL_TF_IN_QUOTE)
            quoted++;
        else
            unquoted++;
    }
    at->kind = quoted && !unquoted ? CL_ATTR_DIRECT : quoted ? CL_ATTR_MIXED : CL_ATTR_INDIRECT;
}

/* When it was said: a time next to the cue, else the document date. */
static void said_time(cl_doc *doc, const sent_ctx *sc, cl_attribution *at)
{
    at->said = doc->date;
    uint32_t c = at->cue_tok;
    for (uint32_t x = cl_doc_first_timex(doc, sc->s); x < doc->timexes.n; x++) {
        const cl_timex *t = &doc->timexes.v[x];
        if (t->sentence > sc->s)
            break;
        if (t->sentence != sc->s || !cl_interval_known(t->when) || t->type == CL_TIMEX_DURATION ||
            t->type == CL_TIMEX_SET)
            continue;
        uint32_t a = t->tok_first, b = t->tok_first + t->tok_count;
        /* right after the cue, or anywhere between the cue and a content that follows it
         * ("told President Putin on Monday that ...") */
        int near_after = a > c && (a <= c + 3 || (at->content_tok_first > c && a < at->content_tok_first));
        int near_before = b <= c && b + 4 >= c && a >= at->speaker_tok_first;
        int inside_content = a >= at->content_tok_first && a < at->content_tok_end &&
                             !(a <= c + 3 && a > c);
        /* fronted before the speaker: "On Sunday, the General Staff said ..." */
        int fronted = a <= sc->first + 1 && b < at->speaker_tok_first &&
                      at->speaker_tok_first <= b + 2 && tok_punct(doc, b, ',') &&
                      at->content_tok_first > c;
        if ((near_after || near_before || fronted) && !inside_content) {
            at->said = t->when;
            return;
        }
    }
}

/* ---------------------------------------------------------------- patterns */

static cl_attribution *new_attr(cl_doc *doc, const sent_ctx *sc, uint32_t c, int cls)
{
    cl_attribution *at = &CL_VEC_PUSH(&doc->arena, doc->attributions);
    memset(at, 0, sizeof *at);
    at->sentence = sc->s;
    at->cue_tok = c;
    at->cue = (cl_span){doc->tokens.v[c].start, doc->tokens.v[c].end};
    at->cue_class = (uint8_t)cls;
    at->cue_lemma = cl_doc_span_text(doc, at->cue.start, at->cue.end);
    at->speaker_actor = -1;
    at->kind = CL_ATTR_INDIRECT;
    return at;
}

/* The latest attribution of sentence s with a speaker (for "and said", ", denying"). */
static cl_attribution *previous_in_sentence(cl_doc *doc, uint32_t s)
{
    for (size_t k = doc->attributions.n; k-- > 0;) {
        cl_attribution *a = &doc->attributions.v[k];
        if (a->sentence != s)
            break;
        if (a->speaker_name)
            return a;
    }
    return NULL;
}

static void copy_speaker(cl_attribution *at, const cl_attribution *from)
{
    at->speaker = from->speaker;
    at->speaker_tok_first = from->speaker_tok_first;
    at->speaker_tok_count = from->speaker_tok_count;
    at->speaker_text = from->speaker_text;
    at->speaker_name = from->speaker_name;
    at->speaker_kind = from->speaker_kind;
    at->speaker_actor = from->speaker_actor;
    at->actor = from->actor;
    at->side = from->side;
    at->resolved = 1;
}

/* Does the cue end its clause, so the content must be before it ("..., X said on Friday.",
 * "..., X said in a statement, adding ...")? True when what follows the cue is only a time,
 * a recipient or a prepositional phrase up to a comma or the end. */
static int cue_ends_clause(const sent_ctx *sc, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    uint32_t k = c + 1;
    int told = tok_is(doc, c, "told") || tok_is(doc, c, "tells");
    if (k >= sc->end || doc->tokens.v[k].kind == CL_TOK_PUNCT || doc->tokens.v[k].kind == CL_TOK_QUOTE)
        return 1;
    if (when_asked(sc, k))
        return 1; /* '"Yes," he said when asked ...': the answer is the quotation */
    if (!told && !in_timex(doc, k) && !is_preposition(doc, k) && !skippable(doc, k))
        return 0;
    for (; k < sc->end; k++) {
        if (tok_punct(doc, k, ',') || tok_punct(doc, k, '.') || tok_punct(doc, k, ';'))
            return 1;
        if (tok_is(doc, k, "that") || tok_punct(doc, k, ':') || doc->tokens.v[k].kind == CL_TOK_QUOTE)
            return 0;
    }
    return 1;
}

/* A verb that reports only next to a quotation: '"...," he continued' or '"...,"
 * continued Smith'. The content is the quotation before it. */
static void try_quote_only(cl_doc *doc, const sent_ctx *sc, uint32_t c, int cls)
{
    speaker sp = speaker_left(sc, c);
    uint32_t q;
    if (sp.count && sp.first > sc->first)
        q = sp.first - 1;
    else if (c > sc->first && !sp.count)
        q = c - 1;
    else if (sp.count && sc->first > para_first_token(doc, sc->s))
        q = sc->first - 1; /* '"... ?" Smith continued.': the quotation ended the sentence before */
    else
        return;
    if (tok_punct(doc, q, ',') && q > sc->first)
        q--;
    if (!(doc->tokens.v[q].flags & CL_TF_CLOSE_QUOTE) || (sp.count && !cue_ends_clause(sc, c)))
        return;
    if (!sp.count)
        sp = speaker_right(sc, c);
    if (!sp.count)
        return;
    uint32_t open = quote_open_before(doc, q, para_first_token(doc, sc->s));
    cl_attribution *at = new_attr(doc, sc, c, cls);
    resolve_speaker(doc, sc, &sp, at);
    set_content(doc, at, open != UINT32_MAX ? open : sc->first, q + 1);
    said_time(doc, sc, at);
}

/* Is the cue at token c a past participle after a form of "be" ("were denied", "has been
 * dismissed", "is widely reported")? Returns the token of "be", or 0 when the cue is not
 * passive; progressive forms ("was saying") are not. */
static uint32_t passive_cue(const sent_ctx *sc, uint32_t c)
{
    const cl_doc *doc = sc->doc;
    static const char *const irregular[] = {"said", "told", "written", "shown", "known",
                                            "thought", "heard", "seen", NULL};
    const char *w = cl_tok_ptr(doc, c);
    uint32_t n = cl_tok_len(doc, c);
    if (!(n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') && !tok_in(doc, c, irregular))
        return 0;
    uint32_t k = c;
    while (k > sc->first && k + 3 > c) {
        k--;
        if (tok_is(doc, k, "was") || tok_is(doc, k, "were") || tok_is(doc, k, "been") ||
            tok_is(doc, k, "being") || tok_is(doc, k, "be") || tok_is(doc, k, "is") ||
            tok_is(doc, k, "are"))
            return k > sc->first ? k : 0;
        /* only adverbs between: "were later denied", "was not confirmed" */
        if (!(skippable(doc, k) && !tok_is(doc, k, "has") && !tok_is(doc, k, "have") &&
              !tok_is(doc, k, "had")))
            return 0;
    }
    return 0;
}

/* The object of a relative clause ending the sentence whose speaker starts at token f:
 * "..., a claim [Kyiv disputes]", "..., an allegation [the ministry denied]", "..., which
 * [Kyiv denied]". Returns the token where "a claim" or "which" starts (after the comma),
 * or UINT32_MAX. */
static uint32_t referenced_object(const sent_ctx *sc, uint32_t f)
{
    const cl_doc *doc = sc->doc;
    if (f < sc->first + 3)
        return UINT32_MAX;
    if (tok_is(doc, f - 1, "which") && tok_punct(doc, f - 2, ','))
        return f - 1;
    uint32_t v;
    if (!cl_tok_get(doc, &doc->ctx->attrib.nouns, f - 1, &v))
        return UINT32_MAX;
    uint32_t k = f - 2;
    if (adjective_shaped(doc, k) && k > sc->first + 1)
        k--; /* "a baseless claim" */
    if (!(tok_is(doc, k, "a") || tok_is(doc, k, "an") || tok_is(doc, k, "the")) || k == sc->first ||
        !tok_punct(doc, k - 1, ','))
        return UINT32_MAX;
    return k;
}

/* Tries a cue at token c. */
/* "a group called Citizens for Trump", "a move called the boneless": "called" right after
 * a common noun names it; "called into question" is no saying either. */
static int naming_called(const sent_ctx *sc, uint32_t c)
{
    static const char *const not_nouns[] = {"who", "whom", "which", "that", "what", "has",
                                            "have", "had", "is", "was", "were", "are", "be",
                                            "been", "being", "also", "not", "never", "then",
                                            "once", "and", "or", "but", NULL};
    const cl_doc *doc = sc->doc;
    if (!tok_is(doc, c, "called"))
        return 0;
    if (tok_is(doc, c + 1, "into"))
        return 1;
    /* "the initiative called for a ban", "groups called on him to resign": a demand */
    if (c == sc->first || tok_is(doc, c + 1, "for") || tok_is(doc, c + 1, "on") ||
        tok_is(doc, c + 1, "upon") || skippable(doc, c - 1))
        return 0;
    const cl_token *p = &doc->tokens.v[c - 1];
    int adverb = ly_adverb(doc, c - 1);
    if (p->kind != CL_TOK_WORD || (p->flags & CL_TF_CAP) || adverb || is_pronoun(doc, c - 1) ||
        tok_in(doc, c - 1, not_nouns) || cl_actor_at_token(doc, c - 1) >= 0)
        return 0;
    /* "the mayor called the report a lie": a speaker noun is the subject, unless the
     * phrase is indefinite ("a group called ...") */
    uint32_t f = np_start(sc, c - 1);
    return !speaker_noun(doc, c - 1) || tok_is(doc, f, "a") || tok_is(doc, f, "an");
}

/* "officials who spoke with the paper said", "he spoke for an hour", "the two men have not
 * spoken since": speaking (to or with someone) says nothing by itself unless what follows
 * is what was said ("about ...", "of ...", "out against ...", a colon or a quotation). */
static int meeting_only(const sent_ctx *sc, uint32_t c)
{
    static const char *const saying[] = {"about", "of", "out", "against", "that", NULL};
    const cl_doc *doc = sc->doc;
    if (!speech_word(doc, c))
        return 0;
    uint32_t j = c + 1;
    if (tok_is(doc, j, "to") || tok_is(doc, j, "with")) {
        j++;
        while (j < sc->end && j < c + 10 &&
               (doc->tokens.v[j].kind == CL_TOK_WORD || doc->tokens.v[j].kind == CL_TOK_POSS) &&
               verb_cue(doc, j) < 0 && !boundary_word(doc, j) && !is_preposition(doc, j))
            j++;
    }
    return !(j < sc->end && (tok_in(doc, j, saying) || tok_punct(doc, j, ':') ||
                             doc->tokens.v[j].kind == CL_TOK_QUOTE));
}

static void try_cue(cl_doc *doc, const sent_ctx *sc, uint32_t c, int cls)
{
    /* "claims of an advance", "reports of shelling": nouns, not verbs */
    uint32_t nv;
    if (tok_is(doc, c + 1, "of") &&
        cl_tok_get(doc, &doc->ctx->attrib.nouns, c, &nv))
        return;
    if (perceived_by(sc, c) || meeting_only(sc, c) || naming_called(sc, c))
        return;
    /* "FEC reports show ...", "the claims say ...": a noun-like form right before another
     * cue verb is that verb's subject */
    uint32_t own = 0;
    if (c + 1 < sc->end && cl_tok_get(doc, &doc->ctx->attrib.verbs, c, &own) &&
        (own & CL_CUE_NOUNLIKE) && verb_cue(doc, c + 1) >= 0 && !tok_is(doc, c + 1, "that"))
        return;
    /* a cue inside a quotation is the quoted speaker's own word, not an attribution */
    if (doc->tokens.v[c].flags & CL_TF_IN_QUOTE)
        return;
    const cl_token *prev = c > sc->first ? &doc->tokens.v[c - 1] : NULL;
    uint32_t pfirst = para_first_token(doc, sc->s);

    uint32_t cv = 0;
    cl_tok_get(doc, &doc->ctx->attrib.verbs, c, &cv);
    if (cv & CL_CUE_QUOTE_ONLY) {
        try_quote_only(doc, sc, c, cls);
        return;
    }

    /* "... when asked by a reporter whether ...": the one asking speaks, and when no "by"
     * names them the question has no speaker (the subject was asked, it did not ask) */
    if (c > sc->first && when_asked(sc, c - 1 - (tok_is(doc, c - 1, "being") ? 1 : 0))) {
        if (!tok_is(doc, c, "asked") && !tok_is(doc, c, "questioned") && !tok_is(doc, c, "pressed"))
            return;
        speaker sp = {0, 0, -1, 0, 0};
        uint32_t k = c + 1;
        if (tok_is(doc, c + 1, "by") && c + 2 < sc->end) {
            sp = mention_or_pronoun_at(sc, c + 2, sc->end);
            if (!sp.count) {
                uint32_t e = c + 2;
                while (e < sc->end && e < c + 8 && doc->tokens.v[e].kind == CL_TOK_WORD &&
                       !boundary_word(doc, e) && !tok_is(doc, e, "if") &&
                       !tok_is(doc, e, "whether") && !tok_is(doc, e, "about"))
                    e++;
                if (e > c + 2)
                    describe(doc, &sp, c + 2, e);
            }
            if (sp.count)
                k = sp.first + sp.count;
        }
        uint32_t e = k;
        while (e < sc->end && !tok_punct(doc, e, ',') && !tok_punct(doc, e, '.') &&
               doc->tokens.v[e].kind != CL_TOK_QUOTE)
            e++;
        if (e > k) {
            cl_attribution *at = new_attr(doc, sc, c, CL_CUE_QUESTION);
            if (sp.count)
                resolve_speaker(doc, sc, &sp, at);
            set_content(doc, at, k, e);
            said_time(doc, sc, at);
        }
        return;
    }

    /* Coordinated or participial cue: "... dismissed X and said", ", denying ..." */
    cl_attribution *before = previous_in_sentence(doc, sc->s);
    int ing = cl_tok_len(doc, c) > 4 &&
              memcmp(cl_tok_ptr(doc, c) + cl_tok_len(doc, c) - 3, "ing", 3) == 0;
    /* ", saying ..." and "by saying ..." continue the clause's subject */
    int continues = ing && (tok_punct(doc, c - 1, ',') || tok_is(doc, c - 1, "by") ||
                            /* '... "overblown," adding that ...': the comma inside the quote */
                            (c >= sc->first + 2 && (doc->tokens.v[c - 1].flags & CL_TF_CLOSE_QUOTE) &&
                             tok_punct(doc, c - 2, ',')));
    /* "... and said", "... and then said", "... but later said" */
    int coordinated = tok_is(doc, c - 1, "and") || tok_is(doc, c - 1, "but") ||
                      (c >= sc->first + 2 && skippable(doc, c - 1) &&
                       (tok_is(doc, c - 2, "and") || tok_is(doc, c - 2, "but")));
    int when = tok_is(doc, c - 1, "when") || tok_is(doc, c - 1, "after") || tok_is(doc, c - 1, "if");
    if (before && prev && (coordinated || when || continues)) {
        /* the earlier content ends where this verb's conjunction begins */
        if (before->content_tok_end > c - 1 && before->content_tok_first < c - 1) {
            uint8_t kind = before->kind;
            set_content(doc, before, before->content_tok_first, c - 1);
            if (kind == CL_ATTR_ACCORDING)
                before->kind = kind;
        }
        cl_attribution *at = new_attr(doc, sc, c, cls);
        copy_speaker(at, before);
        uint32_t k = content_start(sc, c);
        set_content(doc, at, k, sc->end);
        at->said = before->said;
        return;
    }

    /* ", saying ...", "... and said ..." with no earlier speaker: the subject of the sentence
     * ("Trump spoke for an hour, calling the deal a disaster") */
    if (!before && prev && (coordinated || when || continues)) {
        speaker subj = sentence_subject(sc, c);
        /* "When asked about the vote, Smith said ...": the subject follows the clause */
        uint32_t j = c + 1;
        while (!subj.count && when && j < sc->end && !tok_punct(doc, j, ','))
            j++;
        if (!subj.count && when && j + 1 < sc->end)
            subj = mention_or_pronoun_at(sc, j + 1, sc->end);
        if (subj.count) {
            cl_attribution *at = new_attr(doc, sc, c, cls);
            resolve_speaker(doc, sc, &subj, at);
            set_content(doc, at, content_start(sc, c), sc->end);
            said_time(doc, sc, at);
        }
        return;
    }

    /* Passive: "..., which has been denied by Kyiv" */
    uint32_t rel = c;
    while (rel > sc->first && !tok_is(doc, rel, "which") && !tok_is(doc, rel, "what"))
        rel--;
    if (cls == CL_CUE_DENY && rel > sc->first && tok_is(doc, c + 1, "by") && c + 2 < sc->end) {
        uint32_t k = c + 2 + (tok_is(doc, c + 2, "the") ? 1 : 0);
        int32_t a = cl_actor_at_token(doc, k);
        if (a >= 0) {
            const cl_actor *m = &doc->actors.v[a];
            speaker sp = {c + 2, m->tok_first + m->tok_count - (c + 2), a, 0, 0};
            /* the denied clause: back to "which" and the content it refers to */
            uint32_t w = c;
            while (w > sc->first && !tok_is(doc, w, "which") && !tok_is(doc, w, "what"))
                w--;
            uint32_t cend = w;
            while (cend > sc->first && tok_punct(doc, cend - 1, ','))
                cend--;
            uint32_t cfirst = sc->first;
            if (before && before->content_tok_first < cend) {
                cfirst = before->content_tok_first;
                if (before->content_tok_end > cend)
                    set_content(doc, before, before->content_tok_first, cend);
            }
            cl_attribution *at = new_attr(doc, sc, c, cls);
            resolve_speaker(doc, sc, &sp, at);
            set_content(doc, at, cfirst, cend);
            said_time(doc, sc, at);
            return;
        }
    }

    /* Passive without an agent named: "the reports were denied", "Russian claims were
     * dismissed as fake": the subject is what was denied, not who denied it */
    uint32_t aux = passive_cue(sc, c);
    if (aux) {
        speaker agent = {0, 0, -1, 0, 0};
        uint32_t after = c + 1;
        /* the agent right after the verb, or after "as ...": "dismissed as fake by Kyiv" */
        uint32_t by = c + 1;
        if (tok_is(doc, c + 1, "as"))
            while (by < sc->end && by < c + 6 && !tok_is(doc, by, "by") &&
                   doc->tokens.v[by].kind == CL_TOK_WORD)
                by++;
        if (tok_is(doc, by, "by") && by + 1 < sc->end) {
            agent = mention_or_pronoun_at(sc, by + 1, sc->end);
            if (!agent.count) { /* "by the ministry": a described agent up to a clause break */
                uint32_t e = by + 1;
                while (e < sc->end && e < by + 7 && doc->tokens.v[e].kind == CL_TOK_WORD &&
                       (e == by + 1 || !boundary_word(doc, e)) && verb_cue(doc, e) < 0)
                    e++;
                if (e > by + 1)
                    describe(doc, &agent, by + 1, e);
            }
            if (agent.count && by == c + 1)
                after = agent.first + agent.count;
        }
        uint32_t k = content_start(sc, after - 1);
        cl_attribution *at = new_attr(doc, sc, c, cls);
        resolve_speaker(doc, sc, &agent, at);
        /* "he would be charged, police said, ...": nothing of the passive's own follows a
         * comma right after it (what follows is another clause): its subject is the content */
        int ends = after >= sc->end || tok_punct(doc, after, ',');
        if (cls != CL_CUE_DENY && !ends && k < sc->end && !tok_punct(doc, k, '.'))
            set_content(doc, at, k, sc->end);
        else { /* what was denied: the subject of the passive clause */
            uint32_t subj = aux;
            while (subj > sc->first && !tok_punct(doc, subj - 1, ',') &&
                   !tok_punct(doc, subj - 1, ';') && !tok_is(doc, subj - 1, "but") &&
                   !tok_is(doc, subj - 1, "and") && !tok_is(doc, subj - 1, "while") &&
                   !tok_is(doc, subj - 1, "that"))
                subj--;
            set_content(doc, at, subj, aux);
        }
        said_time(doc, sc, at);
        return;
    }

    speaker sp = speaker_left(sc, c);
    /* "the groups who wrote to her say ...": a cue inside a restrictive relative clause of
     * the subject of a later cue belongs to that subject's description */
    if (sp.count == 1 && (tok_is(doc, sp.first, "who") || tok_is(doc, sp.first, "that")) &&
        sp.first > sc->first && doc->tokens.v[sp.first - 1].kind == CL_TOK_WORD) {
        for (uint32_t j = c + 1; j < sc->end && doc->tokens.v[j].kind != CL_TOK_PUNCT &&
                                 doc->tokens.v[j].kind != CL_TOK_QUOTE;
             j++)
            if (verb_cue(doc, j) >= 0 && relative_clause_before(sc, j, j) == sp.first)
                return;
    }
    /* ... and that subject is the whole phrase: "residents who fled the town say", "the
     * groups who wrote to her on Thursday say" */
    if (!sp.pronoun || sp.count == 0) {
        uint32_t r = relative_clause_before(sc, sp.count ? sp.first : c, c);
        if (r != UINT32_MAX) {
            uint32_t end = sp.count ? sp.first + sp.count : c;
            speaker whole = {0, 0, -1, 0, 0};
            describe(doc, &whole, np_start(sc, r - 1), r);
            whole.count = end - whole.first;
            sp = whole;
        }
    }
    /* "the repayment plan", "much support": a noun-like form needs a named speaker, a
     * pronoun or a speaker noun before it */
    if ((cv & CL_CUE_NOUNLIKE) && sp.count && sp.actor < 0 && !sp.pronoun &&
        !tok_is(doc, c + 1, "that") && !holds_speaker_noun(doc, &sp) &&
        !tok_is(doc, sp.first + sp.count - 1, "another") &&
        !(doc->tokens.v[sp.first + sp.count - 1].flags & CL_TF_CAP))
        return;
    /* "X, a claim Kyiv disputes" / "X, which Kyiv denied": the speaker's object is the
     * claim before the comma; the earlier report ends at the comma */
    uint32_t ref = sp.count && !sp.pronoun ? referenced_object(sc, sp.first) : UINT32_MAX;
    if (ref != UINT32_MAX) {
        cl_attribution *earlier = previous_in_sentence(doc, sc->s);
        if (earlier && earlier->content_tok_first < ref - 1 && earlier->content_tok_end > ref - 1) {
            uint8_t kind = earlier->kind;
            set_content(doc, earlier, earlier->content_tok_first, ref - 1);
            if (kind == CL_ATTR_ACCORDING)
                earlier->kind = kind;
        }
        cl_attribution *at = new_attr(doc, sc, c, cls);
        resolve_speaker(doc, sc, &sp, at);
        set_content(doc, at, ref, sp.first);
        said_time(doc, sc, at);
        return;
    }
    if (sp.count) {
        /* "CONTENT," SPEAKER CUE  /  CONTENT, SPEAKER CUE (on Friday). */
        uint32_t b = sp.first;
        /* a name's title belongs to the speaker phrase: "army spokesman Nabil Abdallah" */
        if (sp.actor >= 0 && !sp.pronoun) {
            uint32_t e = np_start(sc, sp.first);
            while (e < b && (doc->tokens.v[e].kind != CL_TOK_WORD || boundary_word(doc, e)))
                e++;
            b = e;
        }
        /* an apposition before the speaker is not content: "minister, Oleksii Reznikov said";
         * the object of a preposition is ("repelled by Russian forces, the ministry said") */
        while (b > sc->first + 1 && tok_punct(doc, b - 1, ',')) {
            uint32_t j = b - 2;
            int32_t am = cl_actor_at_token(doc, j);
            if (am < 0 || doc->actors.v[am].tok_first + doc->actors.v[am].tok_count != b - 1)
                break;
            uint32_t af = doc->actors.v[am].tok_first;
            if (af > sc->first && (boundary_word(doc, af - 1) ||
                                   (af > sc->first + 1 && tok_is(doc, af - 1, "the") &&
                                    boundary_word(doc, af - 2))))
                break;
            b = doc->actors.v[am].tok_first;
        }
        int after_quote = b > sc->first && (doc->tokens.v[b - 1].flags & CL_TF_CLOSE_QUOTE);
        int after_comma = b > sc->first && tok_punct(doc, b - 1, ',');
        if (after_comma && b - 1 > sc->first && (doc->tokens.v[b - 2].flags & CL_TF_CLOSE_QUOTE))
            after_quote = 1;
        /* "CONTENT, SPEAKER CUE, CONTENT": a parenthetical cue ("Costs, he added, were
         * ...") reports the whole sentence around it */
        uint32_t after = c + 1;
        while (after < sc->end && (in_timex(doc, after) || is_preposition(doc, after)) &&
               after < c + 4)
            after++;
        if (after_comma && !after_quote && sp.count <= 4 && after < sc->end &&
            tok_punct(doc, after, ',') && after + 2 < sc->end && b - 1 > sc->first) {
            cl_attribution *at = new_attr(doc, sc, c, cls);
            resolve_speaker(doc, sc, &sp, at);
            set_content(doc, at, sc->first, sc->end);
            said_time(doc, sc, at);
            return;
        }
        /* a headline's two words: "Bakhmut captured, Wagner says" */
        int headline = after_comma && b - 1 == sc->first + 2 &&
                       (doc->tokens.v[sc->first].flags & CL_TF_CAP) &&
                       doc->tokens.v[sc->first + 1].kind == CL_TOK_WORD &&
                       cl_tok_len(doc, sc->first + 1) > 4 &&
                       memcmp(cl_tok_ptr(doc, sc->first + 1) + cl_tok_len(doc, sc->first + 1) - 2,
                              "ed", 2) == 0;
        if ((after_quote || (after_comma && (b - 1 > sc->first + 2 || headline))) &&
            cue_ends_clause(sc, c)) {
            cl_attribution *at = new_attr(doc, sc, c, cls);
            resolve_speaker(doc, sc, &sp, at);
            uint32_t cend = after_comma ? b - 1 : b;
            uint32_t cfirst = sc->first;
            uint32_t q = cend;
            while (q > sc->first && (doc->tokens.v[q - 1].kind == CL_TOK_PUNCT))
                q--;
            if (q > sc->first && (doc->tokens.v[q - 1].flags & CL_TF_CLOSE_QUOTE)) {
                uint32_t open = quote_open_before(doc, q - 1, pfirst);
                /* a quoted phrase ending a clause of the writer's words reports the whole
                 * clause: 'The claim that X fell was "not true," an official said' */
                int words_before = 0;
                for (uint32_t j = sc->first; open != UINT32_MAX && j < open && !words_before; j++)
                    words_before = doc->tokens.v[j].kind == CL_TOK_WORD &&
                                   !(doc->tokens.v[j].flags & CL_TF_IN_QUOTE);
                if (open != UINT32_MAX && !(words_before && open > sc->first + 3))
                    cfirst = open;
            } else if (sc->first > pfirst && (doc->tokens.v[sc->first].flags & CL_TF_IN_QUOTE)) {
                uint32_t open = quote_open_before(doc, sc->first, pfirst);
                if (open != UINT32_MAX)
                    cfirst = open;
            }
            set_content(doc, at, cfirst, cend);
            said_time(doc, sc, at);
            return;
        }
        /* '"... ?" Smith said.': a quotation ending in '?' or '!' closes the sentence before,
         * so the speaker opens this one and the content is that quotation */
        if (b == sc->first && sc->first > pfirst && cue_ends_clause(sc, c) &&
            (doc->tokens.v[sc->first - 1].flags & CL_TF_CLOSE_QUOTE)) {
            uint32_t open = quote_open_before(doc, sc->first - 1, pfirst);
            if (open != UINT32_MAX) {
                cl_attribution *at = new_attr(doc, sc, c, cls);
                resolve_speaker(doc, sc, &sp, at);
                set_content(doc, at, open, sc->first);
                said_time(doc, sc, at);
            }
            return;
        }
        /* SPEAKER CUE (that) CONTENT */
        uint32_t k = content_start(sc, c);
        if (k < sc->end) {
            cl_attribution *at = new_attr(doc, sc, c, cls);
            resolve_speaker(doc, sc, &sp, at);
            set_content(doc, at, k, sc->end);
            said_time(doc, sc, at);
        }
        return;
    }
    /* "CONTENT," CUE SPEAKER. */
    if (prev && (prev->flags & CL_TF_CLOSE_QUOTE || tok_punct(doc, c - 1, ','))) {
        speaker r = speaker_right(sc, c);
        if (!r.count)
            return;
        uint32_t cend = c;
        while (cend > sc->first && (doc->tokens.v[cend - 1].kind == CL_TOK_PUNCT ||
                                    doc->tokens.v[cend - 1].kind == CL_TOK_QUOTE))
            cend--;
        uint32_t cfirst = sc->first;
        if (prev->flags & CL_TF_CLOSE_QUOTE || (c >= 2 && (doc->tokens.v[c - 2].flags & CL_TF_CLOSE_QUOTE))) {
            uint32_t q = (prev->flags & CL_TF_CLOSE_QUOTE) ? c - 1 : c - 2;
            uint32_t open = quote_open_before(doc, q, pfirst);
            if (open != UINT32_MAX)
                cfirst = open;
            cend = q + 1;
        }
        cl_attribution *at = new_attr(doc, sc, c, cls);
        resolve_speaker(doc, sc, &r, at);
        set_content(doc, at, cfirst, cend);
        said_time(doc, sc, at);
    }
}

/* "according to SPEAKER" anywhere in the sentence. */
static void try_according(cl_doc *doc, const sent_ctx *sc)
{
    for (uint32_t i = sc->first; i + 2 < sc->end; i++) {
        if (!tok_is(doc, i, "according") || !tok_is(doc, i + 1, "to"))
            continue;
        speaker sp = {0, 0, -1, 0, 0};
        uint32_t k = i + 2;
        int32_t a = cl_actor_at_token(doc, k);
        if (a < 0 && tok_is(doc, k, "the"))
            a = cl_actor_at_token(doc, k + 1);
        uint32_t sp_end;
        if (a >= 0) {
            const cl_actor *m = &doc->actors.v[a];
            sp.actor = a;
            sp.first = k;
            sp_end = m->tok_first + m->tok_count;
        } else {
            sp_end = k;
            while (sp_end < sc->end && doc->tokens.v[sp_end].kind == CL_TOK_WORD &&
                   !tok_punct(doc, sp_end, ','))
                sp_end++;
            if (sp_end == k)
                continue;
            sp.first = k;
            sp.description = 1;
        }
        sp.count = sp_end - sp.first;
        cl_attribution *at = new_attr(doc, sc, i, CL_CUE_NEUTRAL);
        at->cue = (cl_span){doc->tokens.v[i].start, doc->tokens.v[i + 1].end};
        at->cue_lemma = "according to";
        at->kind = CL_ATTR_ACCORDING;
        resolve_speaker(doc, sc, &sp, at);
        /* content: the rest of the sentence on the other side of the comma */
        if (i == sc->first || (i == sc->first + 1 && doc->tokens.v[sc->first].kind == CL_TOK_QUOTE)) {
            uint32_t c0 = sp_end;
            while (c0 < sc->end && !tok_punct(doc, c0, ','))
                c0++;
            set_content(doc, at, c0 + 1, sc->end);
        } else {
            uint32_t c1 = i;
            set_content(doc, at, sc->first, c1);
        }
        at->kind = CL_ATTR_ACCORDING;
        said_time(doc, sc, at);
    }
}

/* "Russian troops reportedly entered the town", "he allegedly ordered ...": a report whose
 * source goes unnamed. The content is the clause that holds the adverb; there is no
 * speaker, and the class is belief: nobody named asserts it. */
static void try_hearsay_adverb(cl_doc *doc, const sent_ctx *sc)
{
    static const char *const adverbs[] = {"reportedly", "allegedly", "purportedly",
                                          "reputedly", NULL};
    for (uint32_t i = sc->first; i < sc->end; i++) {
        if (cl_tok_len(doc, i) < 9 || !tok_in(doc, i, adverbs) ||
            (doc->tokens.v[i].flags & CL_TF_IN_QUOTE))
            continue;
        uint32_t first = i, end = i + 1;
        while (first > sc->first && !tok_punct(doc, first - 1, ',') &&
               !tok_punct(doc, first - 1, ';') && !tok_punct(doc, first - 1, ':') &&
               doc->tokens.v[first - 1].kind != CL_TOK_QUOTE && !tok_is(doc, first - 1, "but"))
            first--;
        while (end < sc->end && !tok_punct(doc, end, ',') && !tok_punct(doc, end, ';') &&
               !tok_punct(doc, end, '.') && doc->tokens.v[end].kind != CL_TOK_QUOTE)
            end++;
        if (end - first < 3)
            continue;
        cl_attribution *at = new_attr(doc, sc, i, CL_CUE_BELIEF);
        set_content(doc, at, first, end);
        said_time(doc, sc, at);
    }
}

/* "Clinton leads in the latest CNN poll", "In a new survey, most voters ...": a poll or a
 * survey as the source of what its clause says, with "in" as the cue. */
static void try_in_poll(cl_doc *doc, const sent_ctx *sc)
{
    static const char *const heads[] = {"poll", "polls", "survey", "surveys", NULL};
    for (uint32_t i = sc->first; i + 1 < sc->end; i++) {
        if (cl_tok_len(doc, i) != 2 || !tok_is(doc, i, "in") ||
            (doc->tokens.v[i].flags & CL_TF_IN_QUOTE))
            continue;
        uint32_t h = i + 1;
        while (h < sc->end && h < i + 8 && !tok_in(doc, h, heads) &&
               (doc->tokens.v[h].kind == CL_TOK_WORD || doc->tokens.v[h].kind == CL_TOK_POSS ||
                doc->tokens.v[h].kind == CL_TOK_NUMBER || doc->tokens.v[h].kind == CL_TOK_SYMBOL ||
                doc->tokens.v[h].kind == CL_TOK_DASH) &&
               !boundary_word(doc, h) && !is_preposition(doc, h))
            h++;
        if (h >= sc->end || !tok_in(doc, h, heads))
            continue;
        /* "behind in the polls", "a drop in polls": standing in polls in general, no poll
         * that says it */
        if (h == i + 1 || (h == i + 2 && tok_is(doc, i + 1, "the")))
            continue;
        /* the content: the clause before "in", or after the comma closing a fronted "In a
         * poll ..., " */
        uint32_t cfirst, cend;
        if (i == sc->first) {
            cfirst = h + 1;
            while (cfirst < sc->end && !tok_punct(doc, cfirst, ','))
                cfirst++;
            cfirst++;
            cend = sc->end;
        } else {
            cfirst = sc->first;
            for (uint32_t j = i; j-- > sc->first;)
                if (tok_punct(doc, j, ',') || tok_punct(doc, j, ';')) {
                    cfirst = j + 1;
                    break;
                }
            cend = i;
        }
        while (cend > cfirst && doc->tokens.v[cend - 1].kind == CL_TOK_PUNCT)
            cend--;
        if (cfirst >= cend || cend > sc->end)
            continue;
        speaker sp = {0, 0, -1, 0, 0};
        describe(doc, &sp, i + 1, h + 1);
        cl_attribution *at = new_attr(doc, sc, i, CL_CUE_NEUTRAL);
        resolve_speaker(doc, sc, &sp, at);
        set_content(doc, at, cfirst, cend);
        at->kind = CL_ATTR_ACCORDING;
        said_time(doc, sc, at);
    }
}

/* A headline that names its speaker before a colon: "Senator Smith: The Bill Is Dead",
 * "Poll: ...". The phrase before the colon opens the sentence, is short, is title-cased
 * (small words like "on" or "of" may stay lower case) and holds a name or ends in a
 * speaker noun. */
/* Tokens [first, end) look like a person's name before a headline colon: one to three
 * capitalized words, no article, no rubric word ("Update", "Watch", "Opinion"). */
static int name_shaped(const cl_doc *doc, uint32_t first, uint32_t end)
{
    static const char *const rubrics[] = {
        "latest", "update", "updates", "watch", "breaking", "exclusive", "analysis", "opinion",
        "editorial", "live", "video", "photos", "review", "explainer", "factbox", "timeline",
        "correction", "clarification", "editor", "note", "read", "more", "related", "poll", "quiz", "the", "a",
        "an", "why", "how", "what", "who", "when", "where", "this", "here", "today", NULL};
    uint32_t words = 0;
    for (uint32_t i = first; i < end; i++) {
        const cl_token *t = &doc->tokens.v[i];
        if (t->kind == CL_TOK_PUNCT && tok_punct(doc, i, '.'))
            continue;
        if (t->kind != CL_TOK_WORD || !(t->flags & CL_TF_CAP))
            return 0;
        for (const char *const *r = rubrics; *r; r++)
            if (tok_is(doc, i, *r))
                return 0;
        words++;
    }
    return words >= 1 && words <= 3;
}

static void try_colon(cl_doc *doc, const sent_ctx *sc, size_t n_before)
{
    static const char *const small[] = {"on", "of", "at", "to", "the", "and", "in", "for", "a", NULL};
    uint32_t k = sc->first, words = 0;
    for (; k < sc->end && k < sc->first + 8; k++) {
        const cl_token *t = &doc->tokens.v[k];
        if (tok_punct(doc, k, ':'))
            break;
        if (t->kind == CL_TOK_WORD && !(t->flags & CL_TF_CAP)) {
            int ok = 0;
            for (const char *const *w = small; *w && !ok; w++)
                ok = tok_is(doc, k, *w);
            if (!ok || k == sc->first)
                return;
        } else if (t->kind != CL_TOK_WORD && t->kind != CL_TOK_POSS && t->kind != CL_TOK_DASH &&
                   t->kind != CL_TOK_NUMBER && !tok_punct(doc, k, '.'))
            return;
        words += t->kind == CL_TOK_WORD;
    }
    if (words == 0 || k + 2 >= sc->end || !tok_punct(doc, k, ':') ||
        (doc->tokens.v[k].flags & CL_TF_IN_QUOTE))
        return;
    /* cues found after the colon are inside what the headline's speaker says ("Smith: I
     * would consider a run"); a cue before it makes the colon something else */
    for (size_t i = n_before; i < doc->attributions.n; i++)
        if (doc->attributions.v[i].cue_tok < k)
            return;
    speaker sp = {sc->first, k - sc->first, -1, 0, 0};
    describe(doc, &sp, sc->first, k);
    /* a name or a speaking body ("Poll:", "Clinton Camp:"), not a rubric ("The Latest:",
     * "Analysis:") */
    if (sp.actor < 0 && !name_shaped(doc, sc->first, k) &&
        (!speaker_noun(doc, k - 1) || doc->attributions.n > n_before))
        return; /* with cues after the colon, only a name or an actor, not a heading */
    cl_attribution *at = new_attr(doc, sc, k, CL_CUE_NEUTRAL);
    resolve_speaker(doc, sc, &sp, at);
    set_content(doc, at, k + 1, sc->end);
    said_time(doc, sc, at);
}

/* A sentence that is a quotation with no cue continues the last speaker of the paragraph
 * (split and multi-paragraph quotes: "..." he said. "..."). */
static void continue_quotes(cl_doc *doc, const sent_ctx *sc, size_t n_before)
{
    if (doc->attributions.n != n_before)
        return;
    const cl_token *t0 = &doc->tokens.v[sc->first];
    if (!(t0->flags & CL_TF_OPEN_QUOTE) && !(t0->flags & CL_TF_IN_QUOTE))
        return;
    /* the previous attribution, in this or the previous paragraph */
    if (n_before == 0)
        return;
    const cl_attribution *p = &doc->attributions.v[n_before - 1];
    for (size_t k = n_before; k-- > 0;) {
        const cl_attribution *q = &doc->attributions.v[k];
        if (q->sentence + 1 < sc->s && q->sentence != p->sentence)
            break;
        if (q->kind == CL_ATTR_DIRECT || q->kind == CL_ATTR_MIXED) {
            p = q;
            break;
        }
    }
    uint32_t para = doc->sentences.v[sc->s].para;
    if (doc->sentences.v[p->sentence].para + 1 < para || !p->speaker_name)
        return;
    if (p->kind != CL_ATTR_DIRECT && p->kind != CL_ATTR_MIXED &&
        doc->sentences.v[p->sentence].para != para)
        return;
    cl_attribution *at = new_attr(doc, sc, p->cue_tok, p->cue_class);
    at->cue = p->cue;
    at->cue_lemma = p->cue_lemma;
    copy_speaker(at, p);
    at->sentence = sc->s;
    set_content(doc, at, sc->first, sc->end);
    at->said = p->said;
}

/* Cuts a content where a later speaker of the same sentence begins ("Russia said X, but
 * Ukraine said Y"). */
static void cut_overlaps(cl_doc *doc, size_t from)
{
    for (size_t i = from; i < doc->attributions.n; i++) {
        cl_attribution *a = &doc->attributions.v[i];
        for (size_t j = from; j < doc->attributions.n; j++) {
            const cl_attribution *b = &doc->attributions.v[j];
            if (i == j || b->speaker_tok_count == 0 || a->speaker_tok_first == b->speaker_tok_first)
                continue;
            uint32_t bs = b->speaker_tok_first;
            if (bs > a->content_tok_first && bs < a->content_tok_end && b->cue_tok > a->cue_tok) {
                uint32_t e = bs;
                while (e > a->content_tok_first &&
                       (tok_is(doc, e - 1, "but") || tok_is(doc, e - 1, "and") ||
                        tok_is(doc, e - 1, "while") || tok_is(doc, e - 1, "as") ||
                        tok_is(doc, e - 1, "although") || tok_is(doc, e - 1, "though") ||
                        doc->tokens.v[e - 1].kind == CL_TOK_PUNCT || tok_is(doc, e - 1, "whereas")))
                    e--;
                uint8_t kind = a->kind;
                set_content(doc, a, a->content_tok_first, e);
                if (kind == CL_ATTR_ACCORDING)
                    a->kind = kind;
            }
        }
    }
}

/* Does the clause from token a up to token b stay one clause: no comma, colon or semicolon
 * and no contrasting conjunction ("but", "while", "although") between them? */
static int one_clause(const cl_doc *doc, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (tok_punct(doc, k, ',') || tok_punct(doc, k, ';') || tok_punct(doc, k, ':') ||
            tok_is(doc, k, "but") || tok_is(doc, k, "while") || tok_is(doc, k, "whereas") ||
            tok_is(doc, k, "although") || tok_is(doc, k, "though"))
            return 0;
    return 1;
}

/* Drops a cue that stands inside the reported clause of an earlier cue of the sentence
 * ("officials said [voters think the plan will fail]"): the reported clause is one
 * attribution and its verbs are part of what was said. A cue after a comma or a "but"
 * starts an attribution of its own ("Russia said X, but Ukraine said Y"). */
/* "Murphy opposed the bill and Obama said he would veto it": a cue whose named speaker
 * follows "and/but/while" inside another attribution's content starts a clause of its own
 * (the other content is cut there by cut_overlaps). */
static int own_clause_after_and(const cl_doc *doc, const cl_attribution *o,
                                const cl_attribution *a)
{
    uint32_t s = a->speaker_tok_first;
    return a->speaker_tok_count > 0 && s > o->content_tok_first && s < a->cue_tok &&
           (tok_is(doc, s - 1, "and") || tok_is(doc, s - 1, "but") || tok_is(doc, s - 1, "while") ||
            tok_is(doc, s - 1, "whereas"));
}

static void drop_nested(cl_doc *doc, size_t from)
{
    size_t w = from;
    for (size_t i = from; i < doc->attributions.n; i++) {
        const cl_attribution *a = &doc->attributions.v[i];
        int nested = 0;
        for (size_t j = from; j < doc->attributions.n && !nested; j++) {
            const cl_attribution *o = &doc->attributions.v[j];
            nested = j != i && o->cue_tok < a->cue_tok && a->cue_tok >= o->content_tok_first &&
                     a->cue_tok < o->content_tok_end &&
                     one_clause(doc, o->content_tok_first, a->cue_tok) &&
                     !own_clause_after_and(doc, o, a);
        }
        if (!nested)
            doc->attributions.v[w++] = *a;
    }
    doc->attributions.n = (uint32_t)w;
}

void cl_attrib_run(cl_doc *doc)
{
    doc->tok_wclass = cl_arena_zalloc(&doc->arena, doc->tokens.n + 1);
    for (uint32_t i = 0; i < doc->tokens.n; i++) {
        uint32_t bits;
        if (doc->tokens.v[i].kind == CL_TOK_WORD &&
            cl_tok_get(doc, &doc->ctx->attrib.words, i, &bits))
            doc->tok_wclass[i] = (uint8_t)bits;
    }
    for (uint32_t s = 0; s < doc->sentences.n; s++) {
        const cl_sentence *se = &doc->sentences.v[s];
        sent_ctx sc = {doc, s, se->tok_first, se->tok_first + se->tok_count};
        size_t n_before = doc->attributions.n;
        for (uint32_t i = sc.first; i < sc.end; i++) {
            int cls = verb_cue(doc, i);
            if (cls >= 0)
                try_cue(doc, &sc, i, cls);
        }
        try_according(doc, &sc);
        try_in_poll(doc, &sc);
        try_hearsay_adverb(doc, &sc);
        try_colon(doc, &sc, n_before);
        drop_nested(doc, n_before);
        continue_quotes(doc, &sc, n_before);
        cut_overlaps(doc, n_before);
    }
    /* which attribution owns each token's content (the innermost, i.e. shortest), and
     * which tokens are speakers */
    doc->tok_owner = cl_arena_alloc(&doc->arena, sizeof(int32_t) * (doc->tokens.n + 1));
    doc->tok_speaker = cl_arena_zalloc(&doc->arena, doc->tokens.n + 1);
    uint32_t *owner_len = cl_arena_alloc(&doc->arena, sizeof(uint32_t) * (doc->tokens.n + 1));
    for (uint32_t i = 0; i <= doc->tokens.n; i++) {
        doc->tok_owner[i] = -1;
        owner_len[i] = UINT32_MAX;
    }
    for (uint32_t k = 0; k < doc->attributions.n; k++) {
        const cl_attribution *a = &doc->attributions.v[k];
        uint32_t len = a->content_tok_end - a->content_tok_first;
        for (uint32_t t = a->content_tok_first; t < a->content_tok_end && t < doc->tokens.n; t++) {
            if (len <= owner_len[t]) {
                owner_len[t] = len;
                doc->tok_owner[t] = (int32_t)k;
            }
        }
        for (uint32_t t = a->speaker_tok_first;
             t < a->speaker_tok_first + a->speaker_tok_count && t < doc->tokens.n; t++)
            doc->tok_speaker[t] = 1;
    }
}
