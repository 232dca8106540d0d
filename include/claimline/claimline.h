/* claimline.h - the public API of libclaimline.
 *
 * claimline turns news articles into a dated, source-attributed ledger of claims. The
 * library is a pipeline of pure per-document stages (ingest, clean, segment, annotate,
 * record) and a ledger that stores records and answers queries:
 *
 *   cl_context *ctx = cl_context_new(NULL, &err);      // tables + gazetteer, shared, read-only
 *   cl_reader *rd = cl_reader_new(&err);              // streams documents from files/stdin
 *   cl_reader_add_path(rd, "articles/");
 *   cl_input in; cl_error rej;
 *   while ((k = cl_reader_next(rd, &in, &rej)) != CL_READ_END) {
 *       if (k == CL_READ_REJECT) { report(&rej); continue; }
 *       cl_doc *doc = cl_extract(ctx, &in, NULL, &err); // NULL + err when rejected
 *       char *json = cl_doc_to_json(doc, 0, &len);      // caller frees
 *       cl_doc_free(doc);
 *   }
 *
 * Conventions: public names are cl_noun_verb; functions returning memory say who frees it;
 * errors are cl_status values with messages in a cl_error; the library never prints, never
 * exits, and aborts only when malloc fails outside a document (a document that outgrows its
 * memory cap is rejected with CL_ELIMIT instead). A cl_context is immutable after creation
 * and may be shared by any number of threads; everything else belongs to one thread.
 */
#ifndef CLAIMLINE_H
#define CLAIMLINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CL_VERSION "0.1.0"
/* Version of the record JSON schema (docs/record.md); bumped on any incompatible change. */
#define CL_RECORD_SCHEMA "claimline-record/1"

/* Stable status codes: numbers never change meaning. */
typedef enum cl_status {
    CL_OK = 0,
    CL_ENOMEM = 1,     /* out of memory */
    CL_EIO = 2,        /* a file could not be read or written */
    CL_EFORMAT = 3,    /* malformed input: bad JSON, missing field, not a document */
    CL_EENCODING = 4,  /* not text: binary data or mostly invalid UTF-8 */
    CL_ELIMIT = 5,     /* a size, depth or memory cap was exceeded */
    CL_EINVAL = 6,     /* a bad argument from the caller */
    CL_EDB = 7,        /* the ledger database reported an error */
    CL_ENOTFOUND = 8,  /* a named file, place or record does not exist */
    CL_EEMPTY = 9      /* the document has no text */
} cl_status;

/* A static English description of a status. */
const char *cl_strerror(cl_status status);

/* An error with its location: file (or source), 1-based line, byte offset when known. */
typedef struct cl_error {
    cl_status status;
    char message[512];
    char source[512];
    uint64_t line;     /* 0 when not applicable */
    uint64_t offset;   /* byte offset in the source; 0 when not applicable */
} cl_error;

/* ---------------------------------------------------------------- context */

typedef struct cl_context cl_context;

typedef struct cl_options {
    /* A gazetteer file built by tools/gazetteer (memory-mapped); NULL = the built-in one. */
    const char *gazetteer_path;
    /* Largest accepted document text, bytes (default 32 MiB). */
    size_t max_doc_bytes;
    /* Memory cap of one document's arena, bytes (default 512 MiB). */
    size_t max_doc_memory;
} cl_options;

void cl_options_init(cl_options *opts);

/* Loads the language tables and the gazetteer. opts may be NULL for defaults. Returns NULL
 * and fills err on failure. Free with cl_context_free. */
cl_context *cl_context_new(const cl_options *opts, cl_error *err);
void cl_context_free(cl_context *ctx);

/* ---------------------------------------------------------------- ingest */

typedef enum cl_format {
    CL_FORMAT_TEXT = 0,  /* plain text, one article per file */
    CL_FORMAT_JSONL = 1, /* JSON lines: id, url, date, title, text */
    CL_FORMAT_HTML = 2   /* an HTML page (.html, .htm, .html.gz, or a JSON line's "html"):
                            cl_extract reads its main text and metadata */
} cl_format;

/* One input document as read: all strings are NUL-terminated, UTF-8 or NULL, and belong to
 * the reader (valid until the next cl_reader_next call). */
typedef struct cl_input {
    const char *id;          /* stable id: file stem or the JSON "id" */
    const char *source;      /* file path, "-" for stdin */
    uint64_t source_line;    /* 1-based line in a JSONL source; 0 for a whole file */
    const char *url;
    const char *date;        /* metadata date as given (ISO day expected), or NULL */
    const char *title;
    const char *outlet;
    const char *text;        /* the body, exactly as read */
    size_t text_len;
    cl_format format;
} cl_input;

typedef struct cl_reader cl_reader;

typedef enum cl_read_kind {
    CL_READ_DOC = 0,     /* *in holds a document */
    CL_READ_REJECT = 1,  /* *rej says which input was rejected and why; go on reading */
    CL_READ_END = 2      /* nothing left */
} cl_read_kind;

/* Creates a reader with no inputs. Free with cl_reader_free. */
cl_reader *cl_reader_new(cl_error *err);
void cl_reader_free(cl_reader *rd);
/* Largest accepted file or JSON line in bytes (default 32 MiB); longer ones are rejected. */
void cl_reader_set_limit(cl_reader *rd, size_t max_bytes);
/* Queues a file, a directory (read recursively, in name order) or "-" for stdin. Files
 * named *.jsonl / *.ndjson are JSON lines; anything else is plain text. For stdin the
 * format is sniffed from the first byte ('{' = JSON lines). */
cl_status cl_reader_add_path(cl_reader *rd, const char *path, cl_error *err);
/* Queues an in-memory buffer (copied) read like a file named `name` (the name decides the
 * format: *.jsonl is JSON lines, anything else one plain-text document). */
cl_status cl_reader_add_buffer(cl_reader *rd, const char *name, const void *data, size_t len,
                               cl_error *err);
/* Reads the next document or rejection. */
cl_read_kind cl_reader_next(cl_reader *rd, cl_input *in, cl_error *rej);
/* Counters for the end-of-run summary. */
uint64_t cl_reader_docs(const cl_reader *rd);
uint64_t cl_reader_rejects(const cl_reader *rd);
uint64_t cl_reader_bytes(const cl_reader *rd);
/* WARC records skipped as not being HTML responses (requests, metadata, images ...). */
uint64_t cl_reader_skipped(const cl_reader *rd);

/* ---------------------------------------------------------------- extract */

typedef struct cl_doc cl_doc;

/* Extract flags. */
enum {
    CL_EXTRACT_NO_CLEAN = 1u << 0, /* keep the text exactly as given: no line removed */
    CL_EXTRACT_TIME_ONLY = 1u << 1 /* stop after sentences and temporal expressions (no
                                      actors, places, attributions, claims or events) */
};

/* Runs the whole per-document pipeline (clean, segment, date, timex, places, actors,
 * attribution, claims, events, signature). Pure: reads only ctx and in. Returns a document
 * the caller frees with cl_doc_free, or NULL with err filled when the document is rejected
 * (empty, not text, too large). */
cl_doc *cl_extract(const cl_context *ctx, const cl_input *in, unsigned flags, cl_error *err);
void cl_doc_free(cl_doc *doc);

/* Record flags. */
enum {
    CL_RECORD_NO_TEXT = 1u << 0  /* omit the cleaned text from the record */
};

/* Serializes the record (docs/record.md) as one line of JSON without the trailing newline.
 * Returns a malloc'ed NUL-terminated string the caller frees with free(), length in *len. */
char *cl_doc_to_json(const cl_doc *doc, unsigned flags, size_t *len);

/* Summary numbers of a processed document. */
size_t cl_doc_claim_count(const cl_doc *doc);
const char *cl_doc_id(const cl_doc *doc);

/* ---------------------------------------------------------------- time (debug) */

/* Tags temporal expressions in text against the document creation date dct ("YYYY-MM-DD"
 * or NULL) and returns them as a JSON array (caller frees with free()), or NULL with err. */
char *cl_timex_json(const cl_context *ctx, const char *text, size_t len, const char *dct,
                    cl_error *err);

/* Tags a TimeML / TempEval-3 input file: returns the same file with a TIMEX3 element
 * (tid, type, value, mod where it applies) around each temporal expression of its TEXT,
 * anchored to its DCT. *out (caller frees) holds *out_len bytes. */
cl_status cl_timeml_tag(const cl_context *ctx, const char *xml, size_t len, char **out,
                        size_t *out_len, cl_error *err);

/* ---------------------------------------------------------------- ledger */

typedef struct cl_ledger cl_ledger;

/* Opens (creating when absent) a ledger. uri is a SQLite file path, "sqlite:PATH", or a
 * PostgreSQL connection URI ("postgresql://user@host:port/dbname"; tables are created
 * when absent). Free with cl_ledger_close. A handle serves one thread at a time: threads
 * that query at once each open their own (as `serve` does with its pool). */
cl_ledger *cl_ledger_open(const char *uri, cl_error *err);
/* Opens an existing ledger for queries only: never creates or changes anything, never takes
 * the write lock (readers do not wait for a load in progress). */
cl_ledger *cl_ledger_open_readonly(const char *uri, cl_error *err);
void cl_ledger_close(cl_ledger *lg);
/* The ledger URI as it may be shown: a password given as "user:PASSWORD@" or as a
 * "password=" parameter is replaced by "***". Writes into out (cap bytes, truncated) and
 * returns out. */
const char *cl_ledger_display_name(const char *uri, char *out, size_t cap);

/* Groups many loads into one batch: records added after begin are parsed and kept in
 * memory, and commit writes them all in one transaction (much faster; a reader never sees
 * part of a batch). */
cl_status cl_ledger_begin(cl_ledger *lg, cl_error *err);
cl_status cl_ledger_commit(cl_ledger *lg, cl_error *err);

/* Loads one record (a JSON object as produced by cl_doc_to_json). Idempotent: a document
 * whose content hash is already in the ledger is skipped. Outside a batch the record is
 * written at once and *added says whether it was new (1) or already present (0); inside a
 * batch *added is -1 and cl_ledger_load_stats tells, after the commit, what was written.
 * A record that is not a JSON object with a hash and an id fails with CL_EFORMAT and
 * leaves the batch as it was. */
cl_status cl_ledger_add_json(cl_ledger *lg, const char *json, size_t len, int *added,
                             cl_error *err);

/* What this handle's commits wrote: new documents, documents already present (or given
 * twice), claims of the new documents. */
typedef struct cl_load_stats {
    uint64_t added, present, claims;
} cl_load_stats;
void cl_ledger_load_stats(const cl_ledger *lg, cl_load_stats *out);

/* A query over the ledger's claims. Strings may be NULL (no filter); dates are ISO days. */
typedef struct cl_query {
    const char *place;   /* case-insensitive place name */
    const char *side;    /* claimant side, e.g. "RUS" */
    const char *actor;   /* actor id or claimant text (case-insensitive substring) */
    const char *predicate;
    const char *since;
    const char *until;
    int window_days;     /* conflict window; 0 = default (7) */
    int limit;           /* 0 = no limit */
    int no_copies;       /* 1: leave out near-copies of earlier documents (syndication) */
} cl_query;

void cl_query_init(cl_query *q);

/* One claim row as returned by queries. Strings belong to the result set. */
typedef struct cl_claim_row {
    int64_t rowid;
    const char *doc_id, *outlet, *source;
    const char *claimant, *actor, *side, *stance, *predicate, *place, *country, *holder;
    const char *when_lo, *when_hi, *said_lo, *said_hi; /* ISO days or NULL (unknown) */
    const char *evidence;
    int64_t sentence, line;
    const char *copy_of; /* id of the document this one is a near-copy of (syndication), or NULL */
    int corroboration;   /* independent outlets carrying the same claim (timeline only) */
    int conflicted;      /* 1 when the claim is part of a conflict (timeline only) */
    double lat, lon;     /* the place's coordinates; NAN when it has none */
} cl_claim_row;

/* A pair of contradicting claims. */
typedef struct cl_conflict {
    const cl_claim_row *a, *b;
    const char *reason;  /* e.g. "control asserted vs denied" */
} cl_conflict;

/* Conflicting pairs of the same kind: same place and reason, and on each side the same
 * claim (side, stance, predicate, holder). A place reported daily by both parties gives
 * thousands of pairs but a handful of groups, which is what a reader can take in. */
typedef struct cl_conflict_group {
    const char *reason;
    const cl_claim_row *a, *b; /* the group's earliest pair */
    size_t pairs;              /* conflicting pairs in the group */
    size_t claims_a, claims_b; /* distinct claims on each side of it */
    const char *first, *last;  /* earliest and latest day of those claims; NULL when undated */
} cl_conflict_group;

typedef struct cl_result cl_result;

/* Claims matching q, ordered by date (undated last), then side. Caller frees with
 * cl_result_free. */
cl_result *cl_ledger_claims(cl_ledger *lg, const cl_query *q, cl_error *err);
/* Claims matching q with corroboration counts and conflict marks filled in. */
cl_result *cl_ledger_timeline(cl_ledger *lg, const cl_query *q, cl_error *err);
/* Conflicting pairs among the claims matching q. */
cl_result *cl_ledger_conflicts(cl_ledger *lg, const cl_query *q, cl_error *err);

size_t cl_result_count(const cl_result *r);
const cl_claim_row *cl_result_claim(const cl_result *r, size_t i);
size_t cl_result_conflict_count(const cl_result *r);
const cl_conflict *cl_result_conflict(const cl_result *r, size_t i);
/* The document a claim was read from (claim_id: cl_claim_row.rowid), to show its evidence
 * in place: a result holding that one document, or none when there is no such claim. */
cl_result *cl_ledger_claim_document(cl_ledger *lg, int64_t claim_id, cl_error *err);

/* A document of the ledger as cl_ledger_claim_document returns it, with the claim's
 * evidence sentence. Strings belong to the result set; text is NULL when the records were
 * loaded without it (extract --no-text). */
typedef struct cl_document_row {
    const char *id, *source, *url, *outlet, *title, *date, *date_basis, *text;
    const char *evidence;
    int64_t sentence, line;
} cl_document_row;
size_t cl_result_document_count(const cl_result *r);
const cl_document_row *cl_result_document(const cl_result *r, size_t i);
/* The conflicts grouped (cl_conflict_group), ordered by place, then earliest day. */
size_t cl_result_conflict_group_count(const cl_result *r);
const cl_conflict_group *cl_result_conflict_group(const cl_result *r, size_t i);
void cl_result_free(cl_result *r);

/* One CAMEO event row. Strings belong to the result set. */
typedef struct cl_event_row {
    int64_t rowid;
    const char *doc_id, *outlet, *url, *copy_of;
    const char *cameo, *label, *source, *target;
    const char *place, *country;
    double lat, lon;                  /* NAN when the event has no place */
    const char *date_lo, *date_hi;    /* ISO days or NULL */
    const char *evidence;
    int64_t sentence;
} cl_event_row;

/* Events matching q (place, side as source or target, since/until; `predicate` filters by
 * CAMEO code prefix), ordered by date. Caller frees with cl_result_free. */
cl_result *cl_ledger_events(cl_ledger *lg, const cl_query *q, cl_error *err);
size_t cl_result_event_count(const cl_result *r);
const cl_event_row *cl_result_event(const cl_result *r, size_t i);

/* Ledger totals: documents, claims. */
cl_status cl_ledger_counts(cl_ledger *lg, int64_t *docs, int64_t *claims, cl_error *err);

/* Ledger totals read in one snapshot. claims_of_documents is the number of claims the
 * documents present say they carry: equal to claims unless a document were half-loaded. */
typedef struct cl_totals {
    int64_t documents, claims, claims_of_documents, events, copies;
} cl_totals;
cl_status cl_ledger_totals(cl_ledger *lg, cl_totals *out, cl_error *err);

/* ---------------------------------------------------------------- eval */

/* Scores records (a JSONL file) against a claimline-gold/1 file and writes a human report
 * to *report (caller frees with free()). When scores_json is non-NULL it receives the
 * scores as a JSON object (caller frees). */
cl_status cl_eval_gold(const char *gold_path, const char *records_path, char **report,
                       char **scores_json, cl_error *err);

/* TempEval-3 Task A scores of the temporal tagger on every .tml file under dir (strict
 * and relaxed extraction F1, type and value accuracy, value F1). Report and scores as in
 * cl_eval_gold. */
cl_status cl_eval_timeml(const char *dir, char **report, char **scores_json, cl_error *err);

/* Attribution scores on a PolNeAR folder (text files under DIR/text with brat standoff files in
 * DIR/attributions): cue precision/recall/F1 (overlapping spans, one-to-one), source
 * accuracy on matched cues, content token-overlap F1. Report and scores as in
 * cl_eval_gold. */
cl_status cl_eval_polnear(const char *dir, char **report, char **scores_json, cl_error *err);

/* Main-text quality of the HTML extractor on an article-extraction benchmark folder
 * (DIR/ground-truth.json with "articleBody" per page key, pages in DIR/html/KEY.html.gz):
 * 4-word shingle precision, recall and F1 per page, averaged. Report and scores as in
 * cl_eval_gold. */
cl_status cl_eval_html(const char *dir, char **report, char **scores_json, cl_error *err);

#ifdef __cplusplus
}
#endif

#endif
