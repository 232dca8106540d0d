/* cmd_extract.c - `claimline extract`, `analyze` and `load`: documents in, records or
 * ledger rows out. Every input is accounted for: a record, or a rejection on stderr. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "parallel.h"
#include "progress.h"

static const char extract_usage[] =
    "usage: claimline extract [-j N] [--no-clean] [--no-text] [--max-bytes N] [PATH...|-]\n"
    "\n"
    "Writes one JSON record per input document to stdout (schema: docs/record.md).\n"
    "PATH is a text file (one article), an HTML page (.html, .htm, .html.gz), a WARC crawl\n"
    "(.warc, .warc.gz: each HTML response is a page), a .jsonl file (one article per line\n"
    "with id, url, date, title, text or html), a directory (read recursively) or - for\n"
    "stdin (the default).\n"
    "Rejected inputs are listed on stderr with file, line and reason; the run goes on.\n"
    "\n"
    "  -j, --jobs N    extract on N threads (default: every core); records keep input order\n"
    "  --no-clean      keep the text exactly as given (no line removed)\n"
    "  --no-text       leave the cleaned text out of the records\n"
    "  --max-bytes N   largest accepted document or JSON line (default 33554432)\n";

static const char analyze_usage[] =
    "usage: claimline analyze [--db LEDGER] [-j N] [--no-clean] [--batch N] PATH...\n"
    "\n"
    "Extracts every input and loads the records into the ledger: a SQLite file (default\n"
    "./claimline.db or $CLAIMLINE_DB) or a PostgreSQL database given by URI\n"
    "(postgresql://USER@HOST:PORT/DBNAME; tables are created when absent). Loading is\n"
    "idempotent: a document already in the ledger (same content hash) is skipped, and many\n"
    "loaders may write into one PostgreSQL ledger at once.\n"
    "\n"
    "  --batch N       documents per transaction (default 2000); smaller batches show\n"
    "                  up sooner to readers, larger ones load faster\n";

static const char load_usage[] =
    "usage: claimline load [--db LEDGER] [--batch N] RECORDS.jsonl... | -\n"
    "\n"
    "Loads records written by 'claimline extract' into the ledger (a SQLite file or a\n"
    "postgresql:// URI, as for analyze), 2000 records per transaction unless --batch N\n"
    "says otherwise. Idempotent.\n";

typedef struct run_opts {
    unsigned extract_flags;
    unsigned record_flags;
    size_t max_bytes;
    const char *db;
    int jobs;  /* extraction threads; 0 = every core */
    long batch; /* documents per ledger transaction */
} run_opts;

/* Records go to the ledger in batches, each one transaction: 2000 documents by default
 * (against 500: the 200 MB benchmark load 44-49 s -> 29-33 s, peak RSS +19 MB), since the
 * syndication index takes a key per band at random places and every page a batch touches
 * is written again. */
enum { DEFAULT_BATCH_DOCS = 2000 };

enum { OPT_NO_CLEAN = 1000, OPT_NO_TEXT, OPT_MAX_BYTES, OPT_DB, OPT_BATCH };

static const struct option long_opts[] = {
    {"no-clean", no_argument, NULL, OPT_NO_CLEAN},
    {"no-text", no_argument, NULL, OPT_NO_TEXT},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"db", required_argument, NULL, OPT_DB},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parses options; returns the index of the first path or -1 on a usage error. */
static int parse(int argc, char **argv, run_opts *o, const char *usage)
{
    memset(o, 0, sizeof *o);
    o->db = cli_default_db();
    o->batch = DEFAULT_BATCH_DOCS;
    optind = 1;
    opterr = 1;
    int c;
    while ((c = getopt_long(argc, argv, "hj:", long_opts, NULL)) != -1) {
        switch (c) {
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 256) {
                fprintf(stderr, "claimline: -j needs a number of threads from 1 to 256\n");
                return -1;
            }
            o->jobs = (int)v;
            break;
        }
        case OPT_NO_CLEAN: o->extract_flags |= CL_EXTRACT_NO_CLEAN; break;
        case OPT_NO_TEXT: o->record_flags |= CL_RECORD_NO_TEXT; break;
        case OPT_MAX_BYTES: {
            char *end;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || v == 0) {
                fprintf(stderr, "claimline: --max-bytes needs a positive number\n");
                return -1;
            }
            o->max_bytes = (size_t)v;
            break;
        }
        case OPT_DB: o->db = optarg; break;
        case OPT_BATCH: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 1000000) {
                fprintf(stderr, "claimline: --batch needs a number of documents from 1 to 1000000\n");
                return -1;
            }
            o->batch = v;
            break;
        }
        case 'h': fputs(usage, stdout); exit(EXIT_OK);
        default: fputs(usage, stderr); return -1;
        }
    }
    return optind;
}

/* Says how many WARC records were not HTML pages (they are not documents, so not
 * rejections either). */
static void report_skipped(const cl_reader *rd)
{
    uint64_t n = cl_reader_skipped(rd);
    if (n)
        fprintf(stderr, "claimline: %llu WARC record(s) skipped: not HTML responses\n",
                (unsigned long long)n);
}

typedef int (*record_sink)(void *user, const char *json, size_t len, const cl_doc *doc);

/* The caller's sink with a progress line in front. */
typedef struct progress_sink {
    record_sink sink;
    void *user;
    cli_progress progress;
} progress_sink;

static int with_progress(void *user, const char *json, size_t len, const cl_doc *doc)
{
    progress_sink *ps = user;
    cli_progress_tick(&ps->progress);
    return ps->sink(ps->user, json, len, doc);
}

/* Streams every document of the paths through extraction into sink. Returns the number of
 * rejected inputs, or -1 when the engine could not start. */
static long run_extract(char **paths, int npaths, const run_opts *o, record_sink sink, void *user,
                        uint64_t *docs_out)
{
    cl_error err;
    cl_options copts;
    cl_options_init(&copts);
    if (o->max_bytes)
        copts.max_doc_bytes = o->max_bytes;
    cl_context *ctx = cl_context_new(&copts, &err);
    if (!ctx) {
        cli_report("cannot start the engine", &err);
        return -1;
    }
    cl_reader *rd = cl_reader_new(&err);
    if (!rd) {
        cl_context_free(ctx);
        cli_report("cannot start the reader", &err);
        return -1;
    }
    if (o->max_bytes)
        cl_reader_set_limit(rd, o->max_bytes);
    static char dash[] = "-";
    char *stdin_path[] = {dash};
    if (npaths == 0) {
        paths = stdin_path;
        npaths = 1;
    }
    for (int i = 0; i < npaths; i++)
        cl_reader_add_path(rd, paths[i], &err);
    progress_sink prog = {sink, user, {0}};
    cli_progress_start(&prog.progress, paths, npaths, rd);
    sink = with_progress;
    user = &prog;
    int jobs = o->jobs;
    if (jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 1 ? (int)(cores > 64 ? 64 : cores) : 1;
    }
    if (jobs > 1) {
        cl_parallel_sink ps = {sink, cli_reject, user};
        long r = cl_parallel_run(ctx, rd, o->extract_flags, o->record_flags, jobs, &ps, docs_out);
        cli_progress_end(&prog.progress);
        report_skipped(rd);
        cl_reader_free(rd);
        cl_context_free(ctx);
        return r;
    }
    long rejected = 0;
    uint64_t docs = 0;
    cl_input in;
    cl_error rej;
    cl_read_kind k;
    while ((k = cl_reader_next(rd, &in, &rej)) != CL_READ_END) {
        if (k == CL_READ_REJECT) {
            cli_reject(&rej);
            rejected++;
            continue;
        }
        cl_doc *doc = cl_extract(ctx, &in, o->extract_flags, &rej);
        if (!doc) {
            cli_reject(&rej);
            rejected++;
            continue;
        }
        size_t len;
        char *json = cl_doc_to_json(doc, o->record_flags, &len);
        if (!json) {
            fprintf(stderr, "claimline: rejected %s: record too large to write\n", in.source);
            rejected++;
        } else {
            if (sink(user, json, len, doc) != 0) {
                free(json);
                cl_doc_free(doc);
                rejected = -1;
                break;
            }
            docs++;
        }
        free(json);
        cl_doc_free(doc);
    }
    cli_progress_end(&prog.progress);
    report_skipped(rd);
    cl_reader_free(rd);
    cl_context_free(ctx);
    if (docs_out)
        *docs_out = docs;
    return rejected;
}

static int stdout_sink(void *user, const char *json, size_t len, const cl_doc *doc)
{
    (void)user;
    (void)doc;
    if (fwrite(json, 1, len, stdout) != len || fputc('\n', stdout) == EOF) {
        fprintf(stderr, "claimline: cannot write to stdout\n");
        return -1;
    }
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    run_opts o;
    int first = parse(argc, argv, &o, extract_usage);
    if (first < 0)
        return EXIT_USAGE;
    uint64_t docs = 0;
    long rejected = run_extract(argv + first, argc - first, &o, stdout_sink, NULL, &docs);
    if (fflush(stdout) != 0)
        return EXIT_FAIL;
    if (rejected < 0)
        return EXIT_FAIL;
    if (isatty(2))
        fprintf(stderr, "claimline: %llu records, %ld rejected\n", (unsigned long long)docs,
                rejected);
    return rejected ? EXIT_PARTIAL : EXIT_OK;
}

typedef struct ledger_sink {
    cl_ledger *lg;
    long batch;      /* documents in the open batch */
    long batch_docs; /* documents per batch */
} ledger_sink;

static int to_ledger(void *user, const char *json, size_t len, const cl_doc *doc)
{
    ledger_sink *ls = user;
    (void)doc;
    cl_error err;
    if (ls->batch == 0 && cl_ledger_begin(ls->lg, &err) != CL_OK) {
        cli_report("cannot write the ledger", &err);
        return -1;
    }
    if (cl_ledger_add_json(ls->lg, json, len, NULL, &err) != CL_OK) {
        cli_report("cannot load a record", &err);
        return -1;
    }
    if (++ls->batch == ls->batch_docs) {
        ls->batch = 0;
        if (cl_ledger_commit(ls->lg, &err) != CL_OK) {
            cli_report("cannot commit the ledger", &err);
            return -1;
        }
    }
    return 0;
}

static int finish_ledger(ledger_sink *ls, long rejected, const char *db)
{
    cl_error err;
    int rc = EXIT_OK;
    if (cl_ledger_commit(ls->lg, &err) != CL_OK) {
        cli_report("cannot commit the ledger", &err);
        rc = EXIT_FAIL;
    }
    int64_t docs = 0, claims = 0;
    cl_ledger_counts(ls->lg, &docs, &claims, &err);
    cl_load_stats stats;
    cl_ledger_load_stats(ls->lg, &stats);
    cl_ledger_close(ls->lg);
    if (rejected < 0)
        return EXIT_FAIL;
    char name[512];
    printf("%s: %llu documents added, %llu already present, %ld rejected; ledger holds %lld "
           "documents and %lld claims\n",
           cl_ledger_display_name(db, name, sizeof name), (unsigned long long)stats.added, (unsigned long long)stats.present, rejected,
           (long long)docs, (long long)claims);
    if (rc != EXIT_OK)
        return rc;
    return rejected ? EXIT_PARTIAL : EXIT_OK;
}

int cmd_analyze(int argc, char **argv)
{
    run_opts o;
    int first = parse(argc, argv, &o, analyze_usage);
    if (first < 0)
        return EXIT_USAGE;
    if (first >= argc) {
        fputs(analyze_usage, stderr);
        return EXIT_USAGE;
    }
    cl_error err;
    ledger_sink ls = {.batch_docs = o.batch};
    ls.lg = cl_ledger_open(o.db, &err);
    if (!ls.lg) {
        cli_report("cannot open the ledger", &err);
        return EXIT_FAIL;
    }
    o.record_flags = 0;
    long rejected = run_extract(argv + first, argc - first, &o, to_ledger, &ls, NULL);
    return finish_ledger(&ls, rejected, o.db);
}

int cmd_load(int argc, char **argv)
{
    run_opts o;
    int first = parse(argc, argv, &o, load_usage);
    if (first < 0)
        return EXIT_USAGE;
    cl_error err;
    ledger_sink ls = {.batch_docs = o.batch};
    ls.lg = cl_ledger_open(o.db, &err);
    if (!ls.lg) {
        cli_report("cannot open the ledger", &err);
        return EXIT_FAIL;
    }
    long rejected = 0;
    int n = argc - first;
    static char dash[] = "-";
    char *stdin_path[] = {dash};
    char **paths = n ? argv + first : stdin_path;
    if (!n)
        n = 1;
    char *line = NULL;
    size_t cap = 0;
    for (int i = 0; i < n && rejected >= 0; i++) {
        FILE *f = strcmp(paths[i], "-") == 0 ? stdin : fopen(paths[i], "r");
        if (!f) {
            fprintf(stderr, "claimline: rejected %s: cannot open\n", paths[i]);
            rejected++;
            continue;
        }
        ssize_t got;
        unsigned long long lineno = 0;
        while ((got = getline(&line, &cap, f)) > 0) {
            lineno++;
            if (got == 1)
                continue;
            if (ls.batch == 0 && cl_ledger_begin(ls.lg, &err) != CL_OK) {
                cli_report("cannot write the ledger", &err);
                rejected = -1;
                break;
            }
            if (cl_ledger_add_json(ls.lg, line, (size_t)got, NULL, &err) != CL_OK) {
                if (err.status == CL_EDB) {
                    cli_report("cannot load a record", &err);
                    rejected = -1;
                    break;
                }
                fprintf(stderr, "claimline: rejected %s:%llu: %s\n", paths[i], lineno, err.message);
                rejected++;
                continue;
            }
            if (++ls.batch == ls.batch_docs) {
                ls.batch = 0;
                if (cl_ledger_commit(ls.lg, &err) != CL_OK) {
                    cli_report("cannot commit the ledger", &err);
                    rejected = -1;
                    break;
                }
            }
        }
        if (f != stdin)
            fclose(f);
    }
    free(line);
    return finish_ledger(&ls, rejected, o.db);
}
