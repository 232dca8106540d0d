/* textmeta.h - metadata fields at the very start of a plain-text article.
 *
 * Scrapers often prefix the body with a field such as " date 2023-01-13 " on the first
 * line. That is metadata, not text: it gives the document date and must not become part
 * of a sentence. Recognized keys: date, published, pubdate, updated (case-insensitive),
 * optionally followed by ':' or '=', then an ISO day, optionally with a time
 * (2023-01-13T09:30:00Z). */
#ifndef CL_INGEST_TEXTMETA_H
#define CL_INGEST_TEXTMETA_H

#include <stddef.h>

typedef struct cl_textmeta {
    size_t body_offset;   /* where the body starts (0 when there is no field) */
    char date[11];        /* YYYY-MM-DD, "" when absent */
} cl_textmeta;

/* Returns 1 when a metadata field was found. */
int cl_textmeta_parse(const char *text, size_t len, cl_textmeta *out);

#endif
