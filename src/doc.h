/* doc.h - the in-memory document every stage reads and extends.
 *
 * A cl_doc owns one arena; every array below lives in it. Offsets are byte offsets into
 * doc->text (the cleaned text), which is what the record's spans refer to. Stages run in
 * pipeline order (pipeline.c) and each fills its own arrays:
 *
 *   ingest   -> input fields, meta_date         clean   -> text, lines, removed, title
 *   segment  -> tokens, sentences               time    -> date, timexes
 *   place    -> places                          actor   -> actors
 *   attrib   -> attributions                    claim   -> claims
 *   event    -> events                          signature -> minhash
 */
#ifndef CL_DOC_H
#define CL_DOC_H

#include <stdint.h>

#include "claimline/claimline.h"
#include "time/calendar.h"
#include "util/arena.h"
#include "util/strmap.h"

typedef struct cl_context cl_context;

typedef struct cl_span {
    uint32_t start, end;
} cl_span;

/* ---------------------------------------------------------------- clean */

/* Why a line was removed (stable strings in clean.c). */
typedef enum cl_removal {
    CL_RM_NONE = 0,
    CL_RM_NAV,
    CL_RM_PROMO,
    CL_RM_TEASER,
    CL_RM_CAPTION,
    CL_RM_FOOTER,
    CL_RM_DUPLICATE_TITLE,
    CL_RM_TITLE,
    CL_RM_INJECTED,
    CL_RM_CREDITS,
    CL_RM_NOTICE,
    CL_RM_REPEATED
} cl_removal;

typedef struct cl_removed_line {
    uint32_t line;          /* 1-based input line */
    cl_removal reason;
    const char *text;       /* the line, trimmed */
} cl_removed_line;

/* A kept line: where it sits in the cleaned text and where it came from. */
typedef struct cl_line_map {
    uint32_t text_start, text_end;  /* span in doc->text */
    uint32_t line;                  /* 1-based input line */
    uint32_t input_start;           /* byte offset of the kept part in the input */
} cl_line_map;

/* ---------------------------------------------------------------- segment */

enum cl_token_kind {
    CL_TOK_WORD = 0,
    CL_TOK_NUMBER,
    CL_TOK_PUNCT,   /* . , ; : ! ? ( ) [ ] ... */
    CL_TOK_QUOTE,   /* " “ ” « » (and ' used as a quote) */
    CL_TOK_DASH,    /* - – — standing alone */
    CL_TOK_POSS,    /* 's or ' after a word */
    CL_TOK_SYMBOL   /* $ % & / and everything else */
};

enum cl_token_flag {
    CL_TF_CAP = 1u << 0,       /* first letter upper case */
    CL_TF_ALLCAPS = 1u << 1,   /* every letter upper case (and more than one letter) */
    CL_TF_SENT_START = 1u << 2,
    CL_TF_ABBREV = 1u << 3,    /* ends with a period that is part of the token */
    CL_TF_OPEN_QUOTE = 1u << 4,
    CL_TF_CLOSE_QUOTE = 1u << 5,
    CL_TF_IN_QUOTE = 1u << 6,  /* inside a quotation */
    CL_TF_HYPHENATED = 1u << 7,
    CL_TF_LINE_START = 1u << 8,  /* first token on its line */
    CL_TF_PARA_START = 1u << 9,  /* first token after a blank line (or of the text) */
    CL_TF_INITIAL = 1u << 10,    /* single letter + period: "F." */
    CL_TF_BULLET = 1u << 11,     /* a bullet character starting a line */
    CL_TF_NOSPACE = 1u << 12     /* no white space before the token */
};

typedef struct cl_token {
    uint32_t start, end;
    uint16_t kind;
    uint16_t flags;
} cl_token;

typedef struct cl_sentence {
    uint32_t start, end;       /* span in doc->text */
    uint32_t tok_first, tok_count;
    uint32_t line;             /* 1-based input line of the sentence start */
    uint32_t para;             /* paragraph (kept line) index */
} cl_sentence;

/* ---------------------------------------------------------------- time */

enum cl_timex_type { CL_TIMEX_DATE = 0, CL_TIMEX_TIME, CL_TIMEX_DURATION, CL_TIMEX_SET };

typedef struct cl_timex {
    uint32_t start, end;
    uint32_t sentence;
    uint32_t tok_first, tok_count;
    uint8_t type;
    uint8_t anchored;          /* 1 when the value depends on the document date */
    const char *value;         /* TIMEX3 value: 2023-01-12, 2023-W02, XXXX-01-12, P3M ... */
    const char *mod;           /* NULL, "START", "MID", "END", "APPROX", "LESS_THAN" ... */
    cl_interval when;          /* the days it denotes; unknown when not a calendar date */
} cl_timex;

typedef enum cl_date_basis {
    CL_DATE_NONE = 0,
    CL_DATE_METADATA,
    CL_DATE_DATELINE,
    CL_DATE_INFERRED
} cl_date_basis;

/* ---------------------------------------------------------------- places and actors */

enum cl_place_kind { CL_PLACE_CITY = 0, CL_PLACE_ADMIN1, CL_PLACE_COUNTRY, CL_PLACE_FRONT };

typedef struct cl_place {
    uint32_t start, end;
    uint32_t sentence;
    uint32_t tok_first, tok_count;
    uint8_t kind;
    const char *name;          /* canonical name */
    char country[3];           /* ISO alpha-2 */
    const char *admin1;        /* first-level subdivision name or NULL */
    double lat, lon;
    uint32_t population;
} cl_place;

enum cl_actor_kind {
    CL_ACTOR_PERSON = 0,
    CL_ACTOR_ORG,        /* ministry, army, group, institute */
    CL_ACTOR_COUNTRY,    /* "Russia", "Ukrainian officials" */
    CL_ACTOR_CAPITAL,    /* "Moscow", "Kyiv" as government */
    CL_ACTOR_FORCES,     /* "Russian troops", "Ukraine's forces" (holders, rarely speakers) */
    CL_ACTOR_MEDIA
};

typedef struct cl_actor {
    uint32_t start, end;
    uint32_t sentence;
    uint32_t tok_first, tok_count;
    uint8_t kind;
    uint8_t named;             /* a person mention that includes a personal name */
    const char *id;            /* canonical actor id, e.g. RUS.MOD, or RUS for the country */
    const char *side;          /* RUS, UKR, USA, NATO, MEDIA ... */
    const char *name;          /* display name */
} cl_actor;

/* ---------------------------------------------------------------- attribution and claims */

enum cl_attrib_kind { CL_ATTR_DIRECT = 0, CL_ATTR_INDIRECT, CL_ATTR_MIXED, CL_ATTR_ACCORDING };

typedef struct cl_attribution {
    uint32_t sentence;         /* sentence holding the cue */
    cl_span speaker, cue, content;
    uint32_t speaker_tok_first, speaker_tok_count;  /* 0 tokens when the speaker is implicit */
    uint32_t cue_tok;
    uint32_t content_tok_first, content_tok_end;    /* token range [first, end) */
    uint32_t content_sent_first, content_sent_last; /* sentences the content spans */
    int32_t speaker_actor;     /* index into actors, -1 when resolved otherwise or unknown */
    uint8_t kind;
    uint8_t cue_class;         /* CL_CUE_* from the cue table: neutral, deny, hedge ... */
    uint8_t resolved;          /* speaker came from a pronoun or description */
    uint8_t speaker_kind;      /* enum cl_actor_kind of the resolved speaker */
    const char *speaker_text;  /* surface text of the speaker phrase */
    const char *speaker_name;  /* resolved name (the antecedent for pronouns) */
    const char *actor;         /* actor id or NULL */
    const char *side;          /* side or NULL */
    const char *cue_lemma;
    cl_interval said;          /* when it was said */
} cl_attribution;

enum cl_stance { CL_STANCE_ASSERT = 0, CL_STANCE_DENY, CL_STANCE_HEDGE };
enum cl_predicate {
    CL_PRED_CONTROL = 0,
    CL_PRED_FIGHTING,
    CL_PRED_ADVANCE,
    CL_PRED_RETREAT,
    CL_PRED_REPEL,
    CL_PRED_COUNT
};

typedef struct cl_claim {
    uint32_t sentence;
    uint32_t line;             /* 1-based input line of the evidence sentence */
    int32_t attribution;       /* index into attributions, -1 = outlet's own voice */
    uint8_t stance;
    uint8_t predicate;
    const char *claimant;
    const char *actor;
    const char *side;
    const char *holder;        /* side that holds/advances/retreats/repels; NULL for fighting */
    int32_t place;             /* index into places */
    cl_span trigger;           /* the predicate word(s) */
    cl_interval when;          /* when the claimed state or event holds */
    const char *when_value;    /* the TIMEX3 value it came from, or NULL */
    cl_interval said;          /* when it was claimed */
    const char *cue;           /* cue word or NULL */
} cl_claim;

typedef struct cl_event {
    uint32_t sentence;
    const char *cameo;         /* CAMEO code, e.g. "192" */
    const char *label;         /* short description */
    const char *source;        /* source side or actor id */
    const char *target;        /* target side or NULL */
    int32_t place;             /* index into places or -1 */
    cl_interval when;
} cl_event;

/* ---------------------------------------------------------------- the document */

struct cl_doc {
    cl_arena arena;
    const cl_context *ctx;
    unsigned flags;

    /* input */
    const char *id, *source, *url, *outlet, *title;
    uint64_t source_line;
    const char *input;          /* the body as read (repaired to valid UTF-8) */
    uint32_t input_len;
    const char *meta_date;      /* metadata date string, if any */
    char hash[33];              /* content hash (hex XXH3-128 of the input body) */
    CL_VEC(const char *) warnings;

    /* clean */
    const char *text;
    uint32_t text_len;
    uint32_t body_start;        /* first byte of body text (after a kept metadata field) */
    CL_VEC(cl_line_map) lines;
    CL_VEC(cl_removed_line) removed;
    uint32_t title_line;        /* input line the title came from, 0 if none */
    const char *dateline_place; /* "KYIV" from "KYIV (Reuters) -" */
    const char *dateline_outlet;
    cl_span dateline;           /* span of the dateline in text, empty if none */

    /* segment */
    CL_VEC(cl_token) tokens;
    CL_VEC(cl_sentence) sentences;
    uint64_t *tok_hash;         /* cl_hash_ci of each token's text (one more: the sentinel) */

    /* time */
    cl_interval date;           /* document creation date; unknown if none */
    cl_date_basis date_basis;
    CL_VEC(cl_timex) timexes;

    /* annotations */
    CL_VEC(cl_place) places;
    CL_VEC(cl_actor) actors;
    CL_VEC(cl_attribution) attributions;
    CL_VEC(cl_claim) claims;
    CL_VEC(cl_event) events;

    /* signature */
    uint32_t minhash[64];
    int has_minhash;

    /* per-token indexes, built by the stage that owns the annotation (-1 = none), so
     * later stages look up "which mention covers token i" in constant time */
    int32_t *tok_actor;         /* actor mention covering the token */
    int32_t *tok_place;         /* place mention covering the token */
    int32_t *tok_timex;         /* timex covering the token */
    int32_t *tok_owner;         /* innermost attribution whose content holds the token */
    uint8_t *tok_speaker;       /* 1 when the token is inside a speaker phrase */
    uint8_t *tok_wclass;        /* attribution word classes of the token (attrib.c) */
    const char *dyad[2];        /* the document's two most-mentioned sides (see cl_doc_dyad) */
    int dyad_done;
};

/* Builds an index from tokens to the spans [first, first+count) of n items whose token
 * ranges are given by the callback; later items win over earlier ones. */
int32_t *cl_doc_token_index(cl_doc *doc, uint32_t n, void (*range)(const cl_doc *, uint32_t,
                                                                   uint32_t *, uint32_t *));
/* Index of the first timex of sentence s (binary search; timexes are in text order). */
uint32_t cl_doc_first_timex(const cl_doc *doc, uint32_t s);
/* The document's two warring sides: the sides most mentioned as countries, capitals and
 * forces (NULL when fewer than two). Computed once. */
void cl_doc_dyad(cl_doc *doc, const char **a, const char **b);

/* The text of a span, as a NUL-terminated copy in the document's arena. */
const char *cl_doc_span_text(cl_doc *doc, uint32_t start, uint32_t end);
/* Index of the sentence containing byte offset off, or -1. */
int32_t cl_doc_sentence_at(const cl_doc *doc, uint32_t off);
/* Adds a warning to the record. */
void cl_doc_warn(cl_doc *doc, const char *msg);

/* Token helpers: pointer and length of token i. */
static inline const char *cl_tok_ptr(const cl_doc *d, uint32_t i) { return d->text + d->tokens.v[i].start; }
static inline uint32_t cl_tok_len(const cl_doc *d, uint32_t i) { return d->tokens.v[i].end - d->tokens.v[i].start; }
/* Looks token i up in a word map (case-insensitive) with the hash the segmenter computed
 * once for it, instead of hashing the token again for every table. */
static inline int cl_tok_get(const cl_doc *d, const cl_strmap *m, uint32_t i, uint32_t *value)
{
    return cl_strmap_get_hashed(m, cl_tok_ptr(d, i), cl_tok_len(d, i), d->tok_hash[i], value);
}

#endif
