/* warc.h - HTML responses out of a WARC file (.warc or .warc.gz, gzip members read as one
 * stream), one record at a time: memory holds one record, never the file. Request,
 * metadata, warcinfo, non-HTML and non-2xx records are skipped and counted. A record whose
 * header lies (a length past the end, a next record that does not start with "WARC/")
 * ends the file with an error naming the byte offset; records before it are kept. */
#ifndef CL_INGEST_WARC_H
#define CL_INGEST_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "claimline/claimline.h"

typedef struct cl_warc cl_warc;

typedef struct cl_warc_page {
    const char *html;       /* the HTTP body, de-chunked and decompressed */
    size_t html_len;
    const char *url;        /* WARC-Target-URI */
    const char *crawl_day;  /* YYYY-MM-DD of WARC-Date ("" when absent); not a publication date */
    const char *record_id;  /* WARC-Record-ID without "<urn:uuid:" and ">" */
    uint64_t offset;        /* byte offset of the record in the (uncompressed) stream */
} cl_warc_page;

/* Opens a WARC file; records larger than limit bytes are skipped with an error. */
cl_warc *cl_warc_open(const char *path, size_t limit, cl_error *err);

/* The next HTML response: 1 with *page (valid until the next call), 0 at the end, -1 with
 * *rej for a bad record (the next call goes on when it can, else returns 0). */
int cl_warc_next(cl_warc *w, cl_warc_page *page, cl_error *rej);

/* Records skipped as not being HTML responses. */
uint64_t cl_warc_skipped(const cl_warc *w);

void cl_warc_close(cl_warc *w);

#endif
