/* cli.h - shared pieces of the claimline command-line tool: exit codes, the commands'
 * entry points, and small helpers. Every command uses only the public API. */
#ifndef CLAIMLINE_CLI_H
#define CLAIMLINE_CLI_H

#include <stdio.h>

#include "claimline/claimline.h"

/* Documented exit codes (README, `claimline help`). */
enum {
    EXIT_OK = 0,        /* everything done */
    EXIT_FAIL = 1,      /* the command failed (database error, unreadable gold file ...) */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_PARTIAL = 3,   /* done, but some inputs were rejected (reported on stderr) */
    EXIT_BELOW = 4      /* eval: a score fell below the baseline */
};

int cmd_extract(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_timex(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* Prints "claimline: " + message + the error's location to stderr. */
void cli_report(const char *what, const cl_error *err);
/* Prints a rejected input as "claimline: rejected SOURCE[:LINE]: MESSAGE". */
void cli_reject(const cl_error *rej);
/* The default ledger: $CLAIMLINE_DB or ./claimline.db */
const char *cli_default_db(void);
/* Opens an existing ledger read-only for queries; reports on stderr and returns NULL when
 * there is none or it cannot be opened. */
cl_ledger *cli_open_readonly(const char *db);
/* JSON output (json_rows.c): a string (null for NULL) and one object per row. */
void cli_json_string(FILE *f, const char *s);
void cli_json_claim(FILE *f, const cl_claim_row *r);
/* The same with the claim's ledger id first (the HTTP API: /api/document?claim=ID). */
void cli_json_claim_with_id(FILE *f, const cl_claim_row *r);
void cli_json_event(FILE *f, const cl_event_row *e);
void cli_json_conflict(FILE *f, const cl_conflict *c);
/* The same rows as GeoJSON Features (a point at the row's place, or null geometry). */
void cli_geojson_claim(FILE *f, const cl_claim_row *r);
void cli_geojson_event(FILE *f, const cl_event_row *e);
void cli_geojson_conflict(FILE *f, const cl_conflict *c);
/* 1 when argv[i] is -h or --help. */
int cli_wants_help(int argc, char **argv);

#endif
