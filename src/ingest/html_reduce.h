/* html_reduce.h - a page cut down to what main-text extraction reads, before parsing.
 *
 * Most bytes of a modern page are scripts, style sheets, comments and attributes (srcset,
 * data-*, inline handlers) that the extractor never reads, yet an HTML5 parser tokenizes
 * them character by character. cl_html_reduce copies a page without them, following the
 * HTML5 tokenizer where it matters (quoted attribute values, comments, raw-text elements,
 * script escapes, foreign content), so the parser builds the same tree minus those parts. */
#ifndef CL_INGEST_HTML_REDUCE_H
#define CL_INGEST_HTML_REDUCE_H

#include <stddef.h>
#include <stdint.h>

/* Copies html (len bytes, need not be NUL-terminated) into out, which must hold
 * 2 * len + 1 bytes, and NUL-terminates it. Left out: the contents of script elements
 * (JSON-LD kept), style elements, comments and SVG drawings made of SVG elements only;
 * every attribute the extractor does not read (it reads class, id, style, hidden,
 * aria-hidden, role, type, content, itemprop, datetime; href and rel of link; name and
 * property of meta), except on formatting elements (b, i, font ...), which keep all;
 * white space between words and tags beyond the first character of each run. Elements
 * inside svg or math are copied as they are. *depth receives an upper estimate of the
 * element nesting (start tags minus end tags, void and self-closed elements not
 * counted). Returns the length written. */
size_t cl_html_reduce(const char *html, size_t len, char *out, uint32_t *depth);

#endif
