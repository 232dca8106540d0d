/* claim.h - claims: propositions about places, held by a claimant with a stance.
 *
 * A claim is (claimant, side, stance, predicate, place, holder, when, said) with its
 * evidence sentence. Predicates (data/predicates.tsv): control, fighting, advance, retreat,
 * repel. A trigger found inside an attribution's content belongs to that speaker; one
 * outside any attribution is the outlet's own voice (side MEDIA), accepted only in plain
 * assertive shapes. Stance comes from the cue (denied, dismissed), negation and denial
 * phrases, and hedges (data/modality.tsv); conditions, predictions, goals, questions and
 * non-confirmations are not claims at all. "Kyiv dismissed Russia's announcement" denies
 * the latest claim of the other side; "Moscow's claims of having captured X" is Moscow's
 * claim. */
#ifndef CL_CLAIM_CLAIM_H
#define CL_CLAIM_CLAIM_H

#include "claimline/claimline.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

enum cl_holder_rule { CL_HOLD_AGENT = 0, CL_HOLD_ADVERSARY, CL_HOLD_TO, CL_HOLD_NONE };
enum cl_modality {
    CL_MOD_NEGATION = 1,
    CL_MOD_DENIAL,
    CL_MOD_HEDGE,
    CL_MOD_HYPOTHETICAL,
    CL_MOD_GOAL,
    CL_MOD_UNCONFIRMED,
    CL_MOD_ATTEMPT
};

#define CL_PATTERN_MAX 6

typedef struct cl_trigger_pattern {
    const char *words[CL_PATTERN_MAX];   /* "*" = a gap of up to four tokens */
    uint8_t n_words;
    uint8_t predicate;
    uint8_t holder;
    uint8_t nominal;
    uint8_t window;
    int8_t locative;                     /* predicate for locative places, -1 = same */
    uint32_t first_id;                   /* id of the first word (cl_claim_tables.first_word) */
} cl_trigger_pattern;

typedef struct cl_claim_tables {
    cl_trigger_pattern *patterns;
    uint32_t n_patterns;
    cl_strmap first_word;      /* first word of a pattern -> its id (quick reject) */
    cl_strmap modality;        /* phrase -> class */
    cl_strmap modality_first;  /* first word of a modality phrase -> 1 (quick reject) */
    uint32_t modality_max_words;
} cl_claim_tables;

cl_status cl_claim_tables_load(cl_claim_tables *t, cl_arena *a, cl_error *err);

/* Fills doc->claims. */
void cl_claim_run(cl_doc *doc);

const char *cl_predicate_name(int p);
const char *cl_stance_name(int s);

#endif
