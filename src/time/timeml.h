/* timeml.h - reading TimeML / TempEval-3 files and writing them back with our TIMEX3 tags.
 *
 * A TimeML file holds the document creation time in <DCT><TIMEX3 ... value="..."> and the
 * text in <TEXT>...</TEXT> with inline EVENT, TIMEX3 and SIGNAL tags. The reader strips
 * every tag and entity from the TEXT element, keeping the gold TIMEX3 annotations as byte
 * spans of the stripped text; the writer inserts tags into a plain TEXT. Malformed input
 * (unclosed tags, missing TEXT) is an error with the byte offset, never a crash. */
#ifndef CL_TIME_TIMEML_H
#define CL_TIME_TIMEML_H

#include <stddef.h>
#include <stdint.h>

#include "claimline/claimline.h"
#include "util/buf.h"

typedef struct cl_timeml_timex {
    uint32_t start, end;        /* span in the stripped text */
    char type[16];
    char value[64];
    char mod[24];
} cl_timeml_timex;

typedef struct cl_timeml_doc {
    char dct[16];               /* YYYY-MM-DD, "" when absent */
    char *text;                 /* stripped TEXT content (malloc'ed) */
    size_t text_len;
    cl_timeml_timex *timexes;   /* malloc'ed */
    size_t n_timexes;
    size_t text_open_end;       /* byte offset just after <TEXT> in the input */
    size_t text_close;          /* byte offset of </TEXT> in the input */
} cl_timeml_doc;

/* Parses a TimeML document. Returns CL_OK or fills err; free with cl_timeml_free. */
cl_status cl_timeml_parse(const char *xml, size_t len, cl_timeml_doc *out, cl_error *err);
void cl_timeml_free(cl_timeml_doc *doc);

/* Appends text[0..len) to out with &, < and > escaped. */
void cl_timeml_escape(cl_buf *out, const char *text, size_t len);

#endif
