/* attrib.h - who said what: direct quotes and reported speech.
 *
 * Recognizes, per sentence:
 *   "CONTENT," SPEAKER CUE.        "CONTENT," CUE SPEAKER.       (direct, also multi-sentence
 *   SPEAKER CUE (that) CONTENT     SPEAKER told AFP (that) ...    and split quotes)
 *   CONTENT, SPEAKER CUE (on Friday).      According to SPEAKER, CONTENT.
 *   SPEAKER wrote on Telegram that CONTENT     SPEAKER dismissed X's announcement
 * and a quotation with no cue of its own continues the previous speaker of its paragraph.
 * Speakers resolve to actors: a mention inside the speaker phrase, else a pronoun or a
 * description ("she", "it", "the ministry", "the institute", "the governor") to the most
 * recent fitting speaker or mention. Cue words live in data/cues.tsv. */
#ifndef CL_ATTRIB_ATTRIB_H
#define CL_ATTRIB_ATTRIB_H

#include "claimline/claimline.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

/* What a cue says about its content (data/cues.tsv "class"): neutral and evidence assert
 * it, deny rejects it, belief hedges it, intent and question assert nothing. */
enum cl_cue_class {
    CL_CUE_NEUTRAL = 0,
    CL_CUE_DENY = 1,
    CL_CUE_BELIEF = 2,
    CL_CUE_INTENT = 3,
    CL_CUE_QUESTION = 4,
    CL_CUE_EVIDENCE = 5,
};

/* Flag on a cue form that news also uses as a noun ("support", "plans"). */
#define CL_CUE_NOUNLIKE 8u
/* Flag on a verb that reports speech only next to a quotation ("...," he continued). */
#define CL_CUE_QUOTE_ONLY 16u

/* Does a cue of this class assert nothing (a want, a plan, a question)? */
int cl_cue_asserts_nothing(int cue_class);

typedef struct cl_attrib_tables {
    cl_strmap verbs;   /* form -> class */
    cl_strmap nouns;   /* form -> class */
    cl_strmap words;   /* function words -> bit set of their classes (attrib.c) */
} cl_attrib_tables;

cl_status cl_attrib_tables_load(cl_attrib_tables *t, cl_arena *a, cl_error *err);

/* Fills doc->attributions. */
void cl_attrib_run(cl_doc *doc);

const char *cl_attrib_kind_name(int kind);

#endif
