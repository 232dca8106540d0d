/* segment.h - UTF-8-safe tokenization and sentence splitting.
 *
 * Tokens are views (offsets) into doc->text: words (with internal hyphens and apostrophes,
 * initialisms such as U.S.), numbers (10,000 / 3.5 / 12:30 / 76th), quotes, dashes, a
 * separate possessive token for 's, and single punctuation marks. Sentences end at . ! ? or
 * an ellipsis followed by an upper-case start, never after a title abbreviation (Mr., Gen.),
 * a month before a number (Feb. 24) or an initial (John F. Kennedy); closing quotes stay
 * with their sentence; paragraph breaks and bullets always start a new sentence. Tokens in
 * quotations are marked, across sentence boundaries within a paragraph. */
#ifndef CL_SEGMENT_SEGMENT_H
#define CL_SEGMENT_SEGMENT_H

#include "claimline/claimline.h"
#include "util/strmap.h"

typedef struct cl_doc cl_doc;

enum cl_abbrev_class { CL_ABBR_TITLE = 1, CL_ABBR_MONTH = 2, CL_ABBR_OTHER = 3 };

typedef struct cl_segment_tables {
    cl_strmap abbrevs;   /* "mr." -> cl_abbrev_class */
} cl_segment_tables;

cl_status cl_segment_tables_load(cl_segment_tables *t, cl_arena *a, cl_error *err);

/* Fills doc->tokens and doc->sentences from doc->text. */
void cl_segment_run(cl_doc *doc);

/* 1-based input line of a text offset (via the clean stage's line map). */
uint32_t cl_doc_line_at(const cl_doc *doc, uint32_t off);

#endif
