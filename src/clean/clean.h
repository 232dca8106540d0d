/* clean.h - boilerplate removal for plain-text articles.
 *
 * Classifies each input line as content or boilerplate with a reason (nav, promo, teaser,
 * caption, footer, duplicate-title, title, injected, credits, notice, repeated), picks the
 * title, recognizes a dateline ("KYIV (Reuters) -"), and builds the cleaned text with a map
 * from every kept line back to its input line. Rules use the line's own shape (length,
 * punctuation, capitalization, bullets, credit suffixes), phrase tables (data/boilerplate.tsv)
 * and the line's neighbours (stacked headlines are teasers; a mid-article headline block
 * with its teaser paragraph is an injected story). */
#ifndef CL_CLEAN_CLEAN_H
#define CL_CLEAN_CLEAN_H

#include "claimline/claimline.h"
#include "data/table.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

enum cl_bp_match { CL_BP_LINE = 0, CL_BP_PREFIX, CL_BP_SUFFIX, CL_BP_CONTAINS };

typedef struct cl_bp_phrase {
    const char *phrase;
    uint32_t len;
    uint8_t match;
    uint8_t reason;   /* cl_removal */
} cl_bp_phrase;

typedef struct cl_clean_tables {
    cl_bp_phrase *phrases;
    uint32_t n_phrases;
    cl_strmap whole_lines;   /* phrase -> index, for match=line */
} cl_clean_tables;

cl_status cl_clean_tables_load(cl_clean_tables *t, cl_arena *a, cl_error *err);

/* Cleans doc->input into doc->text (or copies it verbatim with CL_EXTRACT_NO_CLEAN).
 * body_offset skips a leading metadata field. */
void cl_clean_run(cl_doc *doc, uint32_t body_offset);

/* The stable name of a removal reason ("nav", "teaser" ...). */
const char *cl_removal_name(int reason);

#endif
