/* eval.c - scores records against a claimline-gold/1 file (format: shared eval README).
 *
 * Measures, per the gold's documents: document dates (right / unknown / wrong / missing),
 * boilerplate removal (precision, recall, F1 over removed lines, ignoring "either" lines,
 * and content lines lost), claims (recall per tier, precision against all tiers, must-not
 * violations, the dates of matched claims), and the gold conflicts found among the records'
 * claims. A claim matches a gold claim of its document on (side, stance, predicate, place,
 * holder); the place matches the gold place or any accepted spelling, case-insensitively. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/conflict.h"
#include "time/calendar.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

typedef struct tally {
    int date_right, date_unknown, date_unknown_bad, date_wrong, date_missing;
    int bp_removed_ok, bp_removed_bad, bp_missed, bp_gold;
    int core_total, core_found, hard_total, hard_found, opt_total, opt_found;
    int produced, matched;
    int must_not;
    int when_right, when_unknown, when_wrong;
    int conflicts_total, conflicts_found;
} tally;

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int str_eq_null(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int ieq(const char *a, const char *b)
{
    return a && b && cl_eq_ci(a, strlen(a), b);
}

static int int_in(json_t *arr, json_int_t v)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) if (json_integer_value(x) == v) return 1;
    return 0;
}

static int place_matches(json_t *gold, const char *place)
{
    if (ieq(jstr(gold, "place"), place))
        return 1;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(gold, "place_accept"), i, x)
    {
        if (json_is_string(x) && ieq(json_string_value(x), place))
            return 1;
    }
    return 0;
}

static int claim_matches(json_t *gold, json_t *c)
{
    return str_eq_null(jstr(gold, "side"), jstr(c, "side")) &&
           str_eq_null(jstr(gold, "stance"), jstr(c, "stance")) &&
           str_eq_null(jstr(gold, "predicate"), jstr(c, "predicate")) &&
           str_eq_null(jstr(gold, "holder"), jstr(c, "holder")) &&
           place_matches(gold, jstr(c, "place"));
}

static json_t *load_records(const char *path, cl_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cl_error_set(err, CL_EIO, path, 0, 0, "cannot open records %s", path);
        return NULL;
    }
    json_t *by_id = json_object();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    uint64_t lineno = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_error_t jerr;
        json_t *rec = json_loadb(line, (size_t)n, 0, &jerr);
        if (!rec || !jstr(rec, "id")) {
            json_decref(rec);
            continue;
        }
        json_object_set_new(by_id, jstr(rec, "id"), rec);
    }
    free(line);
    fclose(f);
    return by_id;
}

static void score_date(tally *t, json_t *gdoc, json_t *rec)
{
    if (!rec) {
        t->date_missing++;
        return;
    }
    const char *v = jstr(json_object_get(rec, "date"), "value");
    json_t *accept = json_object_get(gdoc, "date_accept");
    size_t i;
    json_t *x;
    int null_ok = 0;
    json_array_foreach(accept, i, x)
    {
        if (json_is_null(x))
            null_ok = 1;
        else if (v && json_is_string(x) && strcmp(json_string_value(x), v) == 0) {
            t->date_right++;
            return;
        }
    }
    if (!v) {
        if (null_ok)
            t->date_unknown++;
        else
            t->date_unknown_bad++;
        return;
    }
    t->date_wrong++;
}

static void score_boilerplate(tally *t, json_t *gdoc, json_t *rec)
{
    json_t *bp = json_object_get(gdoc, "boilerplate"), *either = json_object_get(gdoc, "either");
    t->bp_gold += (int)json_array_size(bp);
    if (!rec) {
        t->bp_missed += (int)json_array_size(bp);
        return;
    }
    json_t *removed = json_object_get(rec, "removed");
    json_t *lines = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(removed, i, r) json_array_append_new(lines, json_integer(json_integer_value(json_object_get(r, "line"))));
    json_array_foreach(lines, i, r)
    {
        json_int_t l = json_integer_value(r);
        if (int_in(bp, l))
            t->bp_removed_ok++;
        else if (!int_in(either, l))
            t->bp_removed_bad++;
    }
    json_array_foreach(bp, i, r) if (!int_in(lines, json_integer_value(r))) t->bp_missed++;
    json_decref(lines);
}

/* Is a produced claim's time consistent with the accepted values of a gold claim? */
static int when_fits(json_t *c, json_t *gold_when)
{
    json_t *w = json_object_get(c, "when");
    cl_interval ours;
    if (!json_is_array(w) || !cl_parse_day(json_string_value(json_array_get(w, 0)), &ours.lo) ||
        !cl_parse_day(json_string_value(json_array_get(w, 1)), &ours.hi))
        return -1; /* unknown */
    size_t i;
    json_t *x;
    json_array_foreach(gold_when, i, x)
    {
        cl_interval g;
        if (cl_parse_iso_interval(json_string_value(x), &g) && ours.lo >= g.lo && ours.hi <= g.hi)
            return 1;
    }
    return 0;
}

static void score_claims(tally *t, json_t *gold, const char *doc_id, json_t *rec, cl_buf *notes)
{
    json_t *claims = rec ? json_object_get(rec, "claims") : NULL;
    size_t i, j;
    json_t *g, *c;
    json_array_foreach(json_object_get(gold, "claims"), i, g)
    {
        if (!str_eq_null(jstr(g, "doc"), doc_id))
            continue;
        const char *tier = jstr(g, "tier");
        int found = 0;
        json_array_foreach(claims, j, c) found |= claim_matches(g, c);
        if (tier && strcmp(tier, "core") == 0) {
            t->core_total++;
            t->core_found += found;
        } else if (tier && strcmp(tier, "hard") == 0) {
            t->hard_total++;
            t->hard_found += found;
        } else {
            t->opt_total++;
            t->opt_found += found;
        }
        if (!found && tier && strcmp(tier, "optional") != 0)
            cl_buf_printf(notes, "  missed %s claim: %s %s %s %s holder=%s (%s)\n", tier, doc_id,
                          jstr(g, "side"), jstr(g, "stance"), jstr(g, "predicate"),
                          jstr(g, "holder") ? jstr(g, "holder") : "-", jstr(g, "place"));
    }
    json_array_foreach(claims, j, c)
    {
        t->produced++;
        int matched = 0, dated = 0, fits = 0, unknown = 0;
        json_array_foreach(json_object_get(gold, "claims"), i, g)
        {
            if (!str_eq_null(jstr(g, "doc"), doc_id) || !claim_matches(g, c))
                continue;
            matched = 1;
            json_t *gw = json_object_get(g, "when");
            if (json_is_array(gw) && json_array_size(gw)) {
                dated = 1;
                int f = when_fits(c, gw);
                if (f > 0)
                    fits = 1;
                if (f < 0)
                    unknown = 1;
            }
        }
        t->matched += matched;
        if (matched && dated)
            fits ? t->when_right++ : unknown ? t->when_unknown++ : t->when_wrong++;
        if (!matched)
            cl_buf_printf(notes, "  unmatched claim: %s line %lld: %s %s %s %s holder=%s\n", doc_id,
                          (long long)json_integer_value(json_object_get(c, "line")),
                          jstr(c, "side"), jstr(c, "stance"), jstr(c, "predicate"),
                          jstr(c, "place"), jstr(c, "holder") ? jstr(c, "holder") : "-");
        /* must-not rules */
        json_array_foreach(json_object_get(gold, "must_not"), i, g)
        {
            if (!str_eq_null(jstr(g, "doc"), doc_id))
                continue;
            json_t *lines = json_object_get(g, "lines");
            int bad;
            if (lines) {
                bad = int_in(lines, json_integer_value(json_object_get(c, "line")));
            } else {
                bad = 1;
                static const char *const keys[] = {"side", "predicate", "holder", "stance", NULL};
                for (const char *const *k = keys; *k; k++)
                    if (json_object_get(g, *k) && !str_eq_null(jstr(g, *k), jstr(c, *k)))
                        bad = 0;
            }
            if (bad) {
                t->must_not++;
                cl_buf_printf(notes, "  MUST-NOT violated: %s line %lld (%s)\n", doc_id,
                              (long long)json_integer_value(json_object_get(c, "line")),
                              jstr(g, "why") ? jstr(g, "why") : "listed");
            }
        }
    }
}

static void row_from(json_t *rec, json_t *c, cl_claim_row *row)
{
    memset(row, 0, sizeof *row);
    row->doc_id = jstr(rec, "id");
    row->source = jstr(rec, "source");
    row->side = jstr(c, "side");
    row->stance = jstr(c, "stance");
    row->predicate = jstr(c, "predicate");
    row->place = jstr(c, "place");
    row->holder = jstr(c, "holder");
    json_t *w = json_object_get(c, "when"), *s = json_object_get(c, "said");
    row->when_lo = json_string_value(json_array_get(w, 0));
    row->when_hi = json_string_value(json_array_get(w, 1));
    row->said_lo = json_string_value(json_array_get(s, 0));
    row->said_hi = json_string_value(json_array_get(s, 1));
}

/* Is there a conflict at the gold place between the two gold sides? */
static int conflict_found(json_t *records, json_t *gc)
{
    const char *place = jstr(gc, "place");
    json_t *between = json_object_get(gc, "between");
    const char *s1 = json_string_value(json_array_get(between, 0));
    const char *s2 = json_string_value(json_array_get(between, 1));
    const char *k1, *k2;
    json_t *r1, *r2;
    json_object_foreach(records, k1, r1)
    {
        size_t i;
        json_t *c1;
        json_array_foreach(json_object_get(r1, "claims"), i, c1)
        {
            if (!ieq(jstr(c1, "place"), place))
                continue;
            json_object_foreach(records, k2, r2)
            {
                size_t j;
                json_t *c2;
                json_array_foreach(json_object_get(r2, "claims"), j, c2)
                {
                    if (!ieq(jstr(c2, "place"), place))
                        continue;
                    cl_claim_row a, b;
                    row_from(r1, c1, &a);
                    row_from(r2, c2, &b);
                    if (!str_eq_null(a.side, s1) || !str_eq_null(b.side, s2))
                        continue;
                    if (cl_claims_conflict(&a, &b, 0))
                        return 1;
                }
            }
        }
    }
    return 0;
}

static double ratio(int a, int b) { return b ? (double)a / b : 1.0; }

cl_status cl_eval_gold(const char *gold_path, const char *records_path, char **report,
                       char **scores_json, cl_error *err)
{
    cl_error_clear(err);
    json_error_t jerr;
    json_t *gold = json_load_file(gold_path, 0, &jerr);
    if (!gold || !json_is_object(gold)) {
        json_decref(gold);
        return cl_error_set(err, CL_EFORMAT, gold_path, (uint64_t)(jerr.line > 0 ? jerr.line : 0), 0,
                            "cannot read gold file: %s", jerr.text);
    }
    if (!str_eq_null(jstr(gold, "schema"), "claimline-gold/1")) {
        json_decref(gold);
        return cl_error_set(err, CL_EFORMAT, gold_path, 0, 0, "not a claimline-gold/1 file");
    }
    json_t *records = load_records(records_path, err);
    if (!records) {
        json_decref(gold);
        return err ? err->status : CL_EIO;
    }
    tally t = {0};
    cl_buf notes;
    cl_buf_init(&notes, 0);
    size_t i;
    json_t *gdoc;
    json_array_foreach(json_object_get(gold, "docs"), i, gdoc)
    {
        const char *id = jstr(gdoc, "id");
        json_t *rec = id ? json_object_get(records, id) : NULL;
        if (!rec)
            cl_buf_printf(&notes, "  no record for gold document %s\n", id ? id : "?");
        score_date(&t, gdoc, rec);
        score_boilerplate(&t, gdoc, rec);
        score_claims(&t, gold, id, rec, &notes);
    }
    json_t *gc;
    json_array_foreach(json_object_get(gold, "conflicts"), i, gc)
    {
        t.conflicts_total++;
        int f = conflict_found(records, gc);
        t.conflicts_found += f;
        if (!f)
            cl_buf_printf(&notes, "  missed conflict at %s\n", jstr(gc, "place"));
    }
    double bp_p = ratio(t.bp_removed_ok, t.bp_removed_ok + t.bp_removed_bad);
    double bp_r = ratio(t.bp_removed_ok, t.bp_gold);
    double bp_f = bp_p + bp_r > 0 ? 2 * bp_p * bp_r / (bp_p + bp_r) : 0;
    double prec = ratio(t.matched, t.produced);
    cl_buf out;
    cl_buf_init(&out, 0);
    cl_buf_printf(&out, "gold: %s\nrecords: %s\n\n", gold_path, records_path);
    cl_buf_printf(&out, "document dates   right %d  unknown %d  wrong %d  missing %d%s\n",
                  t.date_right, t.date_unknown + t.date_unknown_bad, t.date_wrong, t.date_missing,
                  t.date_unknown_bad ? "  (some unknowns where a date is required)" : "");
    cl_buf_printf(&out, "boilerplate      precision %.3f  recall %.3f  F1 %.3f  content lines lost %d\n",
                  bp_p, bp_r, bp_f, t.bp_removed_bad);
    cl_buf_printf(&out, "claims recall    core %d/%d (%.3f)  hard %d/%d (%.3f)  optional %d/%d\n",
                  t.core_found, t.core_total, ratio(t.core_found, t.core_total), t.hard_found,
                  t.hard_total, ratio(t.hard_found, t.hard_total), t.opt_found, t.opt_total);
    cl_buf_printf(&out, "claims precision %d/%d (%.3f)\n", t.matched, t.produced, prec);
    cl_buf_printf(&out, "must-not         %d violations\n", t.must_not);
    cl_buf_printf(&out, "claim dates      right %d  unknown %d  wrong %d\n", t.when_right,
                  t.when_unknown, t.when_wrong);
    cl_buf_printf(&out, "conflicts        %d/%d found\n", t.conflicts_found, t.conflicts_total);
    if (notes.len) {
        cl_buf_puts(&out, "\nnotes:\n");
        cl_buf_append(&out, notes.data, notes.len);
    }
    cl_buf_free(&notes);
    *report = cl_buf_detach(&out, NULL);
    if (scores_json) {
        json_t *s = json_pack(
            "{s:{s:i,s:i,s:i,s:i},s:{s:f,s:f,s:f,s:i},s:{s:f,s:f,s:f,s:f,s:i,s:i},s:i,"
            "s:{s:i,s:i,s:i},s:{s:i,s:i}}",
            "dates", "right", t.date_right, "unknown", t.date_unknown + t.date_unknown_bad,
            "wrong", t.date_wrong, "missing", t.date_missing, "boilerplate", "precision", bp_p,
            "recall", bp_r, "f1", bp_f, "content_lost", t.bp_removed_bad, "claims", "core_recall",
            ratio(t.core_found, t.core_total), "hard_recall", ratio(t.hard_found, t.hard_total),
            "optional_recall", ratio(t.opt_found, t.opt_total), "precision", prec, "produced",
            t.produced, "matched", t.matched, "must_not_violations", t.must_not, "claim_dates",
            "right", t.when_right, "unknown", t.when_unknown, "wrong", t.when_wrong, "conflicts",
            "found", t.conflicts_found, "total", t.conflicts_total);
        *scores_json = json_dumps(s, JSON_SORT_KEYS | JSON_INDENT(2));
        json_decref(s);
    }
    json_decref(records);
    json_decref(gold);
    return CL_OK;
}
