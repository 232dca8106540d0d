/* timeml_eval.c - TempEval-3 Task A scoring of the temporal tagger on TimeML files.
 *
 * For every .tml file under a folder: strip the gold tags, tag the text with the file's
 * creation time, and compare. Extraction: strict (same span) and relaxed (overlapping)
 * precision, recall and F1, matching one-to-one. On relaxed matches: type and value
 * accuracy. Value F1: a system expression counts when it overlaps a gold one and has the
 * same value. The report ends with the most frequent value errors, for development. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "context.h"
#include "doc.h"
#include "time/timeml.h"
#include "time/timex.h"
#include "util/buf.h"
#include "util/error.h"

typedef struct tml_tally {
    long gold, sys, strict, relaxed, type_ok, value_ok, value_ok_sys;
    long files, failed;
} tml_tally;

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static int add_path(path_list *l, const char *p)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        char **nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv)
            return 0;
        l->v = nv;
        l->cap = ncap;
    }
    return (l->v[l->n++] = strdup(p)) != NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(const char *dir, path_list *out, int depth)
{
    DIR *d = opendir(dir);
    if (!d || depth > 8) {
        if (d)
            closedir(d);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            collect(path, out, depth + 1);
        else if (n > 4 && strcmp(e->d_name + n - 4, ".tml") == 0)
            add_path(out, path);
    }
    closedir(d);
}

typedef struct err_note {
    char text[64], gold[48], ours[48];
} err_note;

static void score_file(const cl_context *ctx, const char *path, tml_tally *t, cl_buf *notes,
                       int *notes_left, int verbose)
{
    size_t len;
    char *xml = cl_buf_read_file(path, 64u << 20, &len);
    cl_timeml_doc td;
    cl_error err;
    if (!xml || cl_timeml_parse(xml, len, &td, &err) != CL_OK) {
        t->failed++;
        free(xml);
        return;
    }
    free(xml);
    t->files++;
    cl_input in = {0};
    in.id = "timeml";
    in.source = path;
    in.text = td.text;
    in.text_len = td.text_len;
    in.date = td.dct[0] ? td.dct : NULL;
    cl_doc *doc = td.text_len ? cl_extract(ctx, &in, CL_EXTRACT_NO_CLEAN | CL_EXTRACT_TIME_ONLY, &err) : NULL;
    size_t ns = doc ? doc->timexes.n : 0;
    t->gold += (long)td.n_timexes;
    t->sys += (long)ns;
    char *gold_used = calloc(td.n_timexes + 1, 1);
    for (size_t i = 0; i < ns; i++) {
        const cl_timex *x = &doc->timexes.v[i];
        /* best overlapping unused gold */
        long best = -1;
        for (size_t g = 0; g < td.n_timexes; g++) {
            const cl_timeml_timex *gt = &td.timexes[g];
            if (gold_used[g] || gt->end <= x->start || gt->start >= x->end)
                continue;
            best = (long)g;
            if (gt->start == x->start && gt->end == x->end)
                break;
        }
        if (best < 0)
            continue;
        const cl_timeml_timex *gt = &td.timexes[best];
        gold_used[best] = 1;
        t->relaxed++;
        if (gt->start == x->start && gt->end == x->end)
            t->strict++;
        if (strcmp(gt->type, cl_timex_type_name(x->type)) == 0)
            t->type_ok++;
        if (strcmp(gt->value, x->value) == 0) {
            t->value_ok++;
        } else if (*notes_left > 0) {
            (*notes_left)--;
            cl_buf_printf(notes, "  value: \"%.*s\" gold %s (%s) ours %s (%s)  [dct %s]\n",
                          (int)(gt->end - gt->start), td.text + gt->start, gt->value, gt->type,
                          x->value, cl_timex_type_name(x->type), td.dct);
        }
    }
    if (verbose) {
        for (size_t g = 0; g < td.n_timexes; g++)
            if (!gold_used[g])
                cl_buf_printf(notes, "  missed: \"%.*s\" %s %s\n",
                              (int)(td.timexes[g].end - td.timexes[g].start),
                              td.text + td.timexes[g].start, td.timexes[g].type, td.timexes[g].value);
        for (size_t i = 0; i < ns; i++) {
            const cl_timex *x = &doc->timexes.v[i];
            int hit = 0;
            for (size_t g = 0; g < td.n_timexes && !hit; g++)
                hit = td.timexes[g].end > x->start && td.timexes[g].start < x->end;
            if (!hit)
                cl_buf_printf(notes, "  extra: \"%.*s\" %s\n", (int)(x->end - x->start),
                              td.text + x->start, x->value);
        }
    }
    free(gold_used);
    cl_doc_free(doc);
    cl_timeml_free(&td);
}

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

cl_status cl_eval_timeml(const char *dir, char **report, char **scores_json, cl_error *err)
{
    cl_error_clear(err);
    path_list files = {0};
    collect(dir, &files, 0);
    if (files.n == 0)
        return cl_error_set(err, CL_ENOTFOUND, dir, 0, 0, "no .tml files under %s", dir);
    qsort(files.v, files.n, sizeof *files.v, cmp_str);
    cl_context *ctx = cl_context_new(NULL, err);
    if (!ctx)
        return err ? err->status : CL_ENOMEM;
    tml_tally t = {0};
    cl_buf notes;
    cl_buf_init(&notes, 0);
    /* CLAIMLINE_EVAL_VERBOSE=1 lists every value error, miss and extra expression */
    const char *verbose_env = getenv("CLAIMLINE_EVAL_VERBOSE");
    int verbose = verbose_env && *verbose_env == '1';
    int notes_left = verbose ? 1000000 : 60;
    for (size_t i = 0; i < files.n; i++) {
        score_file(ctx, files.v[i], &t, &notes, &notes_left, verbose);
        free(files.v[i]);
    }
    free(files.v);
    cl_context_free(ctx);
    double gold = (double)t.gold, sys = (double)t.sys, rel = (double)t.relaxed;
    double sp = sys > 0 ? (double)t.strict / sys : 0, sr = gold > 0 ? (double)t.strict / gold : 0;
    double rp = sys > 0 ? rel / sys : 0, rr = gold > 0 ? rel / gold : 0;
    double type_acc = rel > 0 ? (double)t.type_ok / rel : 0;
    double value_acc = rel > 0 ? (double)t.value_ok / rel : 0;
    double vp = sys > 0 ? (double)t.value_ok / sys : 0, vr = gold > 0 ? (double)t.value_ok / gold : 0;
    cl_buf out;
    cl_buf_init(&out, 0);
    cl_buf_printf(&out, "TimeML: %ld files (%ld unreadable), %ld gold expressions, %ld tagged\n\n",
                  t.files, t.failed, t.gold, t.sys);
    cl_buf_printf(&out, "strict   P %.3f  R %.3f  F1 %.3f\n", sp, sr, f1(sp, sr));
    cl_buf_printf(&out, "relaxed  P %.3f  R %.3f  F1 %.3f\n", rp, rr, f1(rp, rr));
    cl_buf_printf(&out, "type accuracy %.3f   value accuracy %.3f   value F1 %.3f\n", type_acc,
                  value_acc, f1(vp, vr));
    if (notes.len) {
        cl_buf_puts(&out, verbose ? "\nerrors:\n" : "\nfirst value errors:\n");
        cl_buf_append(&out, notes.data, notes.len);
    }
    cl_buf_free(&notes);
    *report = cl_buf_detach(&out, NULL);
    if (scores_json) {
        json_t *s = json_pack("{s:{s:f,s:f,s:f},s:{s:f,s:f,s:f},s:f,s:f,s:f,s:i,s:i}", "strict",
                              "precision", sp, "recall", sr, "f1", f1(sp, sr), "relaxed",
                              "precision", rp, "recall", rr, "f1", f1(rp, rr), "type_accuracy",
                              type_acc, "value_accuracy", value_acc, "value_f1", f1(vp, vr), "gold",
                              (json_int_t)t.gold, "files", (json_int_t)t.files);
        *scores_json = json_dumps(s, JSON_SORT_KEYS | JSON_INDENT(2));
        json_decref(s);
    }
    return CL_OK;
}
