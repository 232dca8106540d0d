/* cmd_query.c - `claimline timeline`, `claims`, `conflicts` and `events`: ledger queries
 * printed as a human table, JSON lines, CSV (GDELT/ACLED-style columns) or GeoJSON. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char timeline_usage[] =
    "usage: claimline timeline PLACE [--db LEDGER] [--side S] [--since DATE] [--until DATE]\n"
    "                          [--window DAYS] [--copies] [--pairs]\n"
    "                          [--format table|jsonl|csv|geojson]\n"
    "\n"
    "The place's claims in date order (undated last), with the number of independent\n"
    "outlets carrying each claim and '! conflict' on claims that contradict another party's;\n"
    "the conflicts follow, grouped by kind (the same two kinds of claim, with counts and the\n"
    "earliest pair as an example); --pairs lists every pair instead. Place names match any\n"
    "spelling (Kupiansk = Kupyansk).\n"
    "Claims from near-copies of an earlier article (syndication) are counted once and not\n"
    "shown; --copies shows them.\n";

static const char claims_usage[] =
    "usage: claimline claims [--db LEDGER] [--place P] [--side S] [--actor A] [--predicate P]\n"
    "                        [--since DATE] [--until DATE] [--limit N]\n"
    "                        [--format table|jsonl|csv|geojson]\n";

static const char conflicts_usage[] =
    "usage: claimline conflicts [--db LEDGER] [--place P] [--side S] [--since DATE] [--until DATE]\n"
    "                           [--window DAYS] [--pairs] [--format table|jsonl|csv|geojson]\n"
    "\n"
    "Pairs of claims by different parties about the same place that contradict each other\n"
    "within the window (default 7 days); undated claims conflict only inside one document.\n"
    "The table groups pairs of the same kind (--pairs lists each); jsonl and csv list every\n"
    "pair.\n";

static const char events_usage[] =
    "usage: claimline events [--db LEDGER] [--place P] [--side S] [--cameo CODE] [--since DATE]\n"
    "                        [--until DATE] [--limit N] [--copies]\n"
    "                        [--format table|jsonl|csv|geojson]\n"
    "\n"
    "CAMEO-coded events (190 conventional force, 192 occupy territory, 0874 retreat, 072\n"
    "military aid, 0232 appeal for military aid, 163 sanctions, 010 statement), with source\n"
    "and target sides, place and date. --side matches source or target; --cameo a code\n"
    "prefix. --format csv writes GDELT-style columns. Near-copies of earlier articles are left\n"
    "out unless --copies is given.\n";

enum fmt { FMT_TABLE, FMT_JSONL, FMT_CSV, FMT_GEOJSON };

typedef struct qopts {
    cl_query q;
    const char *db;
    enum fmt format;
    int copies;          /* show rows from syndicated copies too */
    int pairs;           /* list every conflicting pair, not the groups */
} qopts;

enum { O_DB = 1000, O_PLACE, O_SIDE, O_ACTOR, O_PRED, O_SINCE, O_UNTIL, O_LIMIT, O_WINDOW, O_FORMAT,
       O_COPIES, O_CAMEO, O_PAIRS };

static const struct option long_opts[] = {
    {"db", required_argument, NULL, O_DB},          {"place", required_argument, NULL, O_PLACE},
    {"side", required_argument, NULL, O_SIDE},      {"actor", required_argument, NULL, O_ACTOR},
    {"predicate", required_argument, NULL, O_PRED}, {"since", required_argument, NULL, O_SINCE},
    {"until", required_argument, NULL, O_UNTIL},    {"limit", required_argument, NULL, O_LIMIT},
    {"window", required_argument, NULL, O_WINDOW},  {"format", required_argument, NULL, O_FORMAT},
    {"copies", no_argument, NULL, O_COPIES},        {"cameo", required_argument, NULL, O_CAMEO},
    {"pairs", no_argument, NULL, O_PAIRS},          {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int parse(int argc, char **argv, qopts *o, const char *usage)
{
    memset(o, 0, sizeof *o);
    cl_query_init(&o->q);
    o->db = cli_default_db();
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        switch (c) {
        case O_DB: o->db = optarg; break;
        case O_PLACE: o->q.place = optarg; break;
        case O_SIDE: o->q.side = optarg; break;
        case O_ACTOR: o->q.actor = optarg; break;
        case O_PRED: o->q.predicate = optarg; break;
        case O_SINCE: o->q.since = optarg; break;
        case O_UNTIL: o->q.until = optarg; break;
        case O_LIMIT: o->q.limit = atoi(optarg); break;
        case O_WINDOW: o->q.window_days = atoi(optarg); break;
        case O_COPIES: o->copies = 1; break;
        case O_PAIRS: o->pairs = 1; break;
        case O_CAMEO: o->q.predicate = optarg; break;
        case O_FORMAT:
            if (strcmp(optarg, "table") == 0)
                o->format = FMT_TABLE;
            else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                o->format = FMT_JSONL;
            else if (strcmp(optarg, "csv") == 0)
                o->format = FMT_CSV;
            else if (strcmp(optarg, "geojson") == 0)
                o->format = FMT_GEOJSON;
            else {
                fprintf(stderr, "claimline: unknown format '%s' (table, jsonl, csv, geojson)\n",
                        optarg);
                return -1;
            }
            break;
        case 'h': fputs(usage, stdout); exit(EXIT_OK);
        default: fputs(usage, stderr); return -1;
        }
    }
    return optind;
}

/* ---------------------------------------------------------------- output helpers */

static void csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

/* GeoJSON: one FeatureCollection; feature_sep before every feature but the first. */
static void collection_begin(FILE *f)
{
    fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
}

static void feature_sep(FILE *f, size_t i)
{
    if (i)
        fputs(",\n", f);
}

static void collection_end(FILE *f)
{
    fputs("\n]}\n", f);
}

static void when_text(const cl_claim_row *r, char *out, size_t n)
{
    const char *lo = r->when_lo ? r->when_lo : r->said_lo;
    const char *hi = r->when_hi ? r->when_hi : r->said_hi;
    if (!lo || !hi)
        snprintf(out, n, "undated");
    else if (strcmp(lo, hi) == 0)
        snprintf(out, n, "%s", lo);
    else
        snprintf(out, n, "%s..%s", lo, hi + 5);
}

static void claim_text(const cl_claim_row *r, char *out, size_t n)
{
    if (r->holder)
        snprintf(out, n, "%s %s by %s", r->stance, r->predicate, r->holder);
    else
        snprintf(out, n, "%s %s", r->stance, r->predicate);
}

static const char csv_header[] =
    "date_start,date_end,side,claimant,actor,stance,predicate,holder,place,country,outlet,doc,"
    "copy_of,line,corroboration,conflicted,evidence\n";

static void print_csv_row(FILE *f, const cl_claim_row *r)
{
    csv_field(f, r->when_lo ? r->when_lo : r->said_lo);
    fputc(',', f);
    csv_field(f, r->when_hi ? r->when_hi : r->said_hi);
    fputc(',', f);
    csv_field(f, r->side);
    fputc(',', f);
    csv_field(f, r->claimant);
    fputc(',', f);
    csv_field(f, r->actor);
    fputc(',', f);
    csv_field(f, r->stance);
    fputc(',', f);
    csv_field(f, r->predicate);
    fputc(',', f);
    csv_field(f, r->holder);
    fputc(',', f);
    csv_field(f, r->place);
    fputc(',', f);
    csv_field(f, r->country);
    fputc(',', f);
    csv_field(f, r->outlet);
    fputc(',', f);
    csv_field(f, r->doc_id);
    fputc(',', f);
    csv_field(f, r->copy_of);
    fprintf(f, ",%lld,%d,%d,", (long long)r->line, r->corroboration, r->conflicted);
    csv_field(f, r->evidence);
    fputc('\n', f);
}

/* Prints text wrapped to width, each line indented. */
static void wrapped(FILE *f, const char *s, int indent, int width)
{
    int col = 0;
    fprintf(f, "%*s", indent, "");
    const char *p = s;
    while (*p) {
        const char *sp = strchr(p, ' ');
        int len = sp ? (int)(sp - p) : (int)strlen(p);
        if (col > 0 && col + 1 + len > width) {
            fprintf(f, "\n%*s", indent, "");
            col = 0;
        } else if (col > 0) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, (size_t)len, f);
        col += len;
        p += len;
        while (*p == ' ')
            p++;
    }
    fputc('\n', f);
}

static void print_table_row(FILE *f, const cl_claim_row *r, int with_counts)
{
    char when[40], what[64], src[160];
    when_text(r, when, sizeof when);
    claim_text(r, what, sizeof what);
    snprintf(src, sizeof src, "%s%s%s:%lld", r->outlet ? r->outlet : "", r->outlet ? " " : "",
             r->doc_id ? r->doc_id : "?", (long long)r->line);
    fprintf(f, "%-22s %-5s %-24s %-28.28s %s", when, r->side ? r->side : "?", what,
            r->claimant ? r->claimant : "?", src);
    if (with_counts)
        fprintf(f, "  [%d outlet%s]%s", r->corroboration, r->corroboration == 1 ? "" : "s",
                r->conflicted ? "  ! conflict" : "");
    if (r->copy_of)
        fprintf(f, "  (copy of %s)", r->copy_of);
    fputc('\n', f);
    char quoted[2048];
    snprintf(quoted, sizeof quoted, "\"%s\"", r->evidence ? r->evidence : "");
    wrapped(f, quoted, 6, 92);
}

static void print_pair_line(FILE *f, const cl_claim_row *c)
{
    char when[40], what[64];
    when_text(c, when, sizeof when);
    claim_text(c, what, sizeof what);
    fprintf(f, "  %-5s %-24s %-22s %s (%s:%lld)\n", c->side, what, when,
            c->claimant ? c->claimant : "?", c->doc_id, (long long)c->line);
}

/* One line per side of a group: the kind of claim, how many claims of that kind are in
 * the group, and the earliest pair's claim as an example. */
static void print_group_side(FILE *f, const cl_claim_row *c, size_t claims)
{
    char when[40], what[64], count[32];
    when_text(c, when, sizeof when);
    claim_text(c, what, sizeof what);
    snprintf(count, sizeof count, "%zu claim%s", claims, claims == 1 ? "" : "s");
    fprintf(f, "  %-5s %-24s %-12s e.g. %s %s (%s:%lld)\n", c->side, what, count, when,
            c->claimant ? c->claimant : "?", c->doc_id, (long long)c->line);
}

/* The conflicts as groups (every pair with --pairs). A group of one pair is shown as
 * the pair. */
static void print_conflicts(FILE *f, const cl_result *r, int all_pairs)
{
    size_t n = cl_result_conflict_count(r);
    if (all_pairs) {
        for (size_t i = 0; i < n; i++) {
            const cl_conflict *c = cl_result_conflict(r, i);
            fprintf(f, "%s: %s\n", c->a->place, c->reason);
            print_pair_line(f, c->a);
            print_pair_line(f, c->b);
        }
        return;
    }
    size_t ng = cl_result_conflict_group_count(r);
    for (size_t i = 0; i < ng; i++) {
        const cl_conflict_group *g = cl_result_conflict_group(r, i);
        if (g->pairs == 1) {
            fprintf(f, "%s: %s\n", g->a->place, g->reason);
            print_pair_line(f, g->a);
            print_pair_line(f, g->b);
            continue;
        }
        fprintf(f, "%s: %s (%zu pairs", g->a->place, g->reason, g->pairs);
        if (g->first && strcmp(g->first, g->last) != 0)
            fprintf(f, ", %s..%s", g->first, g->last);
        else if (g->first)
            fprintf(f, ", %s", g->first);
        fprintf(f, ")\n");
        print_group_side(f, g->a, g->claims_a);
        print_group_side(f, g->b, g->claims_b);
    }
}

/* The heading of the conflicts section. */
static void print_conflicts_heading(FILE *f, const cl_result *r, int all_pairs)
{
    size_t n = cl_result_conflict_count(r), ng = cl_result_conflict_group_count(r);
    if (all_pairs || ng == n)
        fprintf(f, "conflicts:\n");
    else
        fprintf(f, "conflicts: %zu pairs of %zu kind%s (--pairs lists every pair):\n", n, ng,
                ng == 1 ? "" : "s");
}

static void print_conflicts_machine(FILE *f, const cl_result *r, enum fmt fmt)
{
    size_t n = cl_result_conflict_count(r);
    if (fmt == FMT_CSV)
        fprintf(f, "place,reason,side_a,claim_a,date_a,doc_a,line_a,side_b,claim_b,date_b,doc_b,line_b\n");
    if (fmt == FMT_GEOJSON) {
        collection_begin(f);
        for (size_t i = 0; i < n; i++) {
            feature_sep(f, i);
            cli_geojson_conflict(f, cl_result_conflict(r, i));
        }
        collection_end(f);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const cl_conflict *c = cl_result_conflict(r, i);
        char wa[40], wb[40], ca[64], cb[64];
        when_text(c->a, wa, sizeof wa);
        when_text(c->b, wb, sizeof wb);
        claim_text(c->a, ca, sizeof ca);
        claim_text(c->b, cb, sizeof cb);
        if (fmt == FMT_CSV) {
            csv_field(f, c->a->place);
            fputc(',', f);
            csv_field(f, c->reason);
            fprintf(f, ",%s,%s,%s,%s,%lld,%s,%s,%s,%s,%lld\n", c->a->side, ca, wa, c->a->doc_id,
                    (long long)c->a->line, c->b->side, cb, wb, c->b->doc_id, (long long)c->b->line);
        } else {
            cli_json_conflict(f, c);
            fputc('\n', f);
        }
    }
}

/* ---------------------------------------------------------------- commands */

int cmd_timeline(int argc, char **argv)
{
    qopts o;
    int first = parse(argc, argv, &o, timeline_usage);
    if (first < 0)
        return EXIT_USAGE;
    if (first < argc)
        o.q.place = argv[first];
    if (!o.q.place) {
        fputs(timeline_usage, stderr);
        return EXIT_USAGE;
    }
    cl_ledger *lg = cli_open_readonly(o.db);
    if (!lg)
        return EXIT_FAIL;
    cl_error err;
    cl_result *r = cl_ledger_timeline(lg, &o.q, &err);
    if (!r) {
        cli_report("timeline query failed", &err);
        cl_ledger_close(lg);
        return EXIT_FAIL;
    }
    size_t n = cl_result_count(r);
    if (o.format == FMT_JSONL) {
        for (size_t i = 0; i < n; i++) {
            cli_json_claim(stdout, cl_result_claim(r, i));
            fputc('\n', stdout);
        }
    } else if (o.format == FMT_GEOJSON) {
        collection_begin(stdout);
        for (size_t i = 0; i < n; i++) {
            feature_sep(stdout, i);
            cli_geojson_claim(stdout, cl_result_claim(r, i));
        }
        collection_end(stdout);
    } else if (o.format == FMT_CSV) {
        fputs(csv_header, stdout);
        for (size_t i = 0; i < n; i++)
            print_csv_row(stdout, cl_result_claim(r, i));
    } else {
        const char *name = n ? cl_result_claim(r, 0)->place : NULL;
        if (name && strcmp(name, o.q.place) != 0)
            printf("%s (%s)", o.q.place, name);
        else
            printf("%s", o.q.place);
        printf(": %zu claim%s, %zu conflict%s (window %d days)\n\n", n, n == 1 ? "" : "s",
               cl_result_conflict_count(r), cl_result_conflict_count(r) == 1 ? "" : "s",
               o.q.window_days ? o.q.window_days : 7);
        if (n)
            printf("%-22s %-5s %-24s %-28s %s\n", "WHEN", "SIDE", "CLAIM", "CLAIMANT", "SOURCE");
        size_t hidden = 0;
        for (size_t i = 0; i < n; i++) {
            const cl_claim_row *row = cl_result_claim(r, i);
            if (row->copy_of && !o.copies) {
                hidden++;
                continue;
            }
            print_table_row(stdout, row, 1);
        }
        if (hidden)
            printf("\n(%zu claim%s from syndicated copies not shown; --copies shows them)\n", hidden,
                   hidden == 1 ? "" : "s");
        if (cl_result_conflict_count(r)) {
            putchar('\n');
            print_conflicts_heading(stdout, r, o.pairs);
            print_conflicts(stdout, r, o.pairs);
        }
    }
    cl_result_free(r);
    cl_ledger_close(lg);
    return EXIT_OK;
}

int cmd_claims(int argc, char **argv)
{
    qopts o;
    int first = parse(argc, argv, &o, claims_usage);
    if (first < 0)
        return EXIT_USAGE;
    if (first < argc) {
        fputs(claims_usage, stderr);
        return EXIT_USAGE;
    }
    cl_ledger *lg = cli_open_readonly(o.db);
    if (!lg)
        return EXIT_FAIL;
    cl_error err;
    cl_result *r = cl_ledger_claims(lg, &o.q, &err);
    if (!r) {
        cli_report("claims query failed", &err);
        cl_ledger_close(lg);
        return EXIT_FAIL;
    }
    size_t n = cl_result_count(r);
    if (o.format == FMT_CSV)
        fputs(csv_header, stdout);
    else if (o.format == FMT_TABLE && n)
        printf("%-22s %-5s %-24s %-28s %s\n", "WHEN", "SIDE", "CLAIM", "CLAIMANT", "SOURCE");
    else if (o.format == FMT_GEOJSON)
        collection_begin(stdout);
    for (size_t i = 0; i < n; i++) {
        const cl_claim_row *row = cl_result_claim(r, i);
        if (o.format == FMT_GEOJSON) {
            feature_sep(stdout, i);
            cli_geojson_claim(stdout, row);
        } else if (o.format == FMT_JSONL) {
            cli_json_claim(stdout, row);
            fputc('\n', stdout);
        } else if (o.format == FMT_CSV) {
            print_csv_row(stdout, row);
        } else {
            print_table_row(stdout, row, 0);
        }
    }
    if (o.format == FMT_GEOJSON)
        collection_end(stdout);
    cl_result_free(r);
    cl_ledger_close(lg);
    return EXIT_OK;
}

int cmd_conflicts(int argc, char **argv)
{
    qopts o;
    int first = parse(argc, argv, &o, conflicts_usage);
    if (first < 0)
        return EXIT_USAGE;
    if (first < argc)
        o.q.place = argv[first];
    cl_ledger *lg = cli_open_readonly(o.db);
    if (!lg)
        return EXIT_FAIL;
    cl_error err;
    cl_result *r = cl_ledger_conflicts(lg, &o.q, &err);
    if (!r) {
        cli_report("conflicts query failed", &err);
        cl_ledger_close(lg);
        return EXIT_FAIL;
    }
    if (o.format == FMT_TABLE) {
        size_t n = cl_result_conflict_count(r);
        printf("%zu conflict%s (window %d days)\n\n", n, n == 1 ? "" : "s",
               o.q.window_days ? o.q.window_days : 7);
        if (!o.pairs && cl_result_conflict_group_count(r) < n) /* only when grouped */
            print_conflicts_heading(stdout, r, o.pairs);
        print_conflicts(stdout, r, o.pairs);
    } else {
        print_conflicts_machine(stdout, r, o.format);
    }
    cl_result_free(r);
    cl_ledger_close(lg);
    return EXIT_OK;
}

/* "2024-02-17" -> "20240217" (GDELT's SQLDATE) */
static void sqldate(const char *iso, char out[9])
{
    out[0] = '\0';
    if (!iso || strlen(iso) < 10)
        return;
    memcpy(out, iso, 4);
    memcpy(out + 4, iso + 5, 2);
    memcpy(out + 6, iso + 8, 2);
    out[8] = '\0';
}

int cmd_events(int argc, char **argv)
{
    qopts o;
    int first = parse(argc, argv, &o, events_usage);
    if (first < 0)
        return EXIT_USAGE;
    if (first < argc) {
        fputs(events_usage, stderr);
        return EXIT_USAGE;
    }
    o.q.no_copies = !o.copies;
    cl_ledger *lg = cli_open_readonly(o.db);
    if (!lg)
        return EXIT_FAIL;
    cl_error err;
    cl_result *r = cl_ledger_events(lg, &o.q, &err);
    if (!r) {
        cli_report("events query failed", &err);
        cl_ledger_close(lg);
        return EXIT_FAIL;
    }
    size_t n = cl_result_event_count(r);
    if (o.format == FMT_CSV)
        fputs("GLOBALEVENTID,SQLDATE,DATE_END,Actor1Code,Actor2Code,EventCode,EventBaseCode,"
              "EventRootCode,ActionGeo_FullName,ActionGeo_CountryCode,ActionGeo_Lat,"
              "ActionGeo_Long,SOURCEURL,DocId,Outlet,Sentence,Evidence\n",
              stdout);
    else if (o.format == FMT_TABLE && n)
        printf("%-22s %-5s %-6s %-5s %-34s %-16s %s\n", "DATE", "SRC", "TARGET", "CAMEO", "EVENT",
               "PLACE", "SOURCE");
    else if (o.format == FMT_GEOJSON)
        collection_begin(stdout);
    for (size_t i = 0; i < n; i++) {
        const cl_event_row *e = cl_result_event(r, i);
        if (o.format == FMT_GEOJSON) {
            feature_sep(stdout, i);
            cli_geojson_event(stdout, e);
        } else if (o.format == FMT_CSV) {
            char d1[9], d2[9], base[4] = "", root[3] = "";
            sqldate(e->date_lo, d1);
            sqldate(e->date_hi, d2);
            if (e->cameo) {
                snprintf(base, sizeof base, "%.3s", e->cameo);
                snprintf(root, sizeof root, "%.2s", e->cameo);
            }
            printf("%lld,%s,%s,", (long long)e->rowid, d1, d2);
            csv_field(stdout, e->source);
            fputc(',', stdout);
            csv_field(stdout, e->target);
            printf(",%s,%s,%s,", e->cameo ? e->cameo : "", base, root);
            csv_field(stdout, e->place);
            fputc(',', stdout);
            csv_field(stdout, e->country);
            if (e->lat == e->lat)
                printf(",%.5f,%.5f,", e->lat, e->lon);
            else
                fputs(",,,", stdout);
            csv_field(stdout, e->url ? e->url : e->doc_id);
            fputc(',', stdout);
            csv_field(stdout, e->doc_id);
            fputc(',', stdout);
            csv_field(stdout, e->outlet);
            printf(",%lld,", (long long)e->sentence);
            csv_field(stdout, e->evidence);
            fputc('\n', stdout);
        } else if (o.format == FMT_JSONL) {
            cli_json_event(stdout, e);
            fputc('\n', stdout);
        } else {
            char when[40];
            if (!e->date_lo)
                snprintf(when, sizeof when, "undated");
            else if (strcmp(e->date_lo, e->date_hi) == 0)
                snprintf(when, sizeof when, "%s", e->date_lo);
            else
                snprintf(when, sizeof when, "%s..%s", e->date_lo, e->date_hi + 5);
            printf("%-22s %-5s %-6s %-5s %-34.34s %-16.16s %s:%lld\n", when,
                   e->source ? e->source : "-", e->target ? e->target : "-", e->cameo ? e->cameo : "",
                   e->label ? e->label : "", e->place ? e->place : "-", e->doc_id, (long long)e->sentence);
        }
    }
    if (o.format == FMT_GEOJSON)
        collection_end(stdout);
    cl_result_free(r);
    cl_ledger_close(lg);
    return EXIT_OK;
}
