/* html.h - main text and metadata of an HTML page.
 *
 * The page is parsed by gumbo (a conforming HTML5 parser), with every allocation taken
 * from the caller's arena, so malformed, truncated or absurdly nested markup costs bounded
 * memory and no recursion. The main text is chosen by scoring text blocks (paragraphs,
 * headings, list items, quotes, text-bearing divs) on their length, punctuation and link
 * density, and their containers on class and id hints ("article", "story-body" up;
 * "sidebar", "related", "comment", "newsletter" down); chrome subtrees (nav, aside,
 * footer, forms' controls, scripts, hidden elements, captions) are never read. */
#ifndef CL_INGEST_HTML_H
#define CL_INGEST_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

typedef struct cl_html_page {
    const char *text;     /* main text: blocks separated by blank lines ("" when none) */
    size_t text_len;
    const char *title;    /* og:title, else <title>; NULL when absent */
    const char *date;     /* publication day YYYY-MM-DD from meta tags, JSON-LD or <time> */
    const char *date_source; /* "meta", "json-ld" or "time" when date is set */
    const char *outlet;   /* og:site_name or the JSON-LD publisher */
    const char *url;      /* canonical link, else og:url */
    uint32_t depth;       /* estimated element nesting of the page */
} cl_html_page;

/* Deepest element nesting the extractor accepts; deeper pages are rejected before parsing
 * (HTML5 tree construction is quadratic in the depth of open elements). */
#define CL_HTML_MAX_DEPTH 4096

/* Flags of cl_html_extract. */
enum {
    /* parse the page as given instead of reduced (for tests and benchmarks: the
     * result must be the same) */
    CL_HTML_AS_IS = 1
};

/* Extracts the page: reduced to the parts the extractor reads (html_reduce.h), parsed,
 * its metadata and main text found. Returns 1, or 0 without parsing when the page is
 * estimated to nest elements deeper than max_depth (out->depth says how deep). All
 * memory comes from a (which may jump to its failure point when its cap is reached).
 * html need not be NUL-terminated. */
int cl_html_extract(cl_arena *a, const char *html, size_t len, uint32_t max_depth,
                    unsigned flags, cl_html_page *out);

/* Does this buffer look like HTML (a doctype or <html> near the start)? */
int cl_html_sniff(const char *s, size_t len);

#endif
