/* cmd_eval.c - `claimline eval` (scores against gold) and `claimline timex` (debugging the
 * temporal tagger on one text). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char eval_usage[] =
    "usage: claimline eval --gold GOLD.json [--json] [--baseline FILE] RECORDS.jsonl\n"
    "       claimline eval --timeml DIR [--json] [--baseline FILE]\n"
    "       claimline eval --polnear DIR [--json] [--baseline FILE]\n"
    "       claimline eval --html DIR [--json] [--baseline FILE]\n"
    "\n"
    "With --timeml: TempEval-3 Task A scores of the date tagger on every .tml file under DIR\n"
    "(gold tags stripped, text re-tagged with the file's creation time).\n"
    "With --polnear: attribution scores on a PolNeAR folder (DIR/text, DIR/attributions):\n"
    "cue precision/recall/F1, source accuracy on matched cues, content token-overlap F1.\n"
    "CLAIMLINE_EVAL_VERBOSE=1 lists every missed and extra cue.\n"
    "With --html: main-text quality of the HTML extractor on DIR/ground-truth.json and the\n"
    "pages in DIR/html (4-word shingle precision/recall/F1 per page, averaged).\n"
    "\n"
    "Scores records (from 'claimline extract') against a claimline-gold/1 file: document\n"
    "dates right/unknown/wrong, boilerplate precision/recall/F1, claim recall per tier,\n"
    "precision, must-not violations, claim dates and conflicts. --json prints the scores\n"
    "as JSON. --baseline FILE compares with committed minimums (a JSON object of the same\n"
    "shape: higher-is-better numbers are minimums; wrong, missing, content_lost and\n"
    "must_not_violations are maximums) and exits 4 if any is not met.\n";

static const char timex_usage[] =
    "usage: claimline timex [--dct YYYY-MM-DD] TEXT...\n"
    "\n"
    "Tags the temporal expressions of TEXT (or stdin when TEXT is -) against the document\n"
    "creation date and prints them as JSON: span, text, TIMEX3 type, value, mod, interval.\n";

/* Walks baseline and scores together; prints every failure. Returns the failure count. */
static int compare(json_t *base, json_t *scores, const char *path)
{
    int fails = 0;
    const char *key;
    json_t *b;
    json_object_foreach(base, key, b)
    {
        json_t *s = json_object_get(scores, key);
        char sub[256];
        snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", key);
        if (json_is_object(b)) {
            fails += compare(b, s, sub);
            continue;
        }
        if (!json_is_number(b))
            continue;
        if (!json_is_number(s)) {
            fprintf(stderr, "claimline: baseline %s: no such score\n", sub);
            fails++;
            continue;
        }
        double bv = json_number_value(b), sv = json_number_value(s);
        int lower_better = strcmp(key, "wrong") == 0 || strcmp(key, "missing") == 0 ||
                           strcmp(key, "content_lost") == 0 ||
                           strcmp(key, "must_not_violations") == 0;
        if (lower_better ? sv > bv + 1e-9 : sv < bv - 1e-9) {
            fprintf(stderr, "claimline: score %s = %g, baseline %s %g\n", sub, sv,
                    lower_better ? "at most" : "at least", bv);
            fails++;
        }
    }
    return fails;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {{"gold", required_argument, NULL, 'g'},
                                         {"timeml", required_argument, NULL, 't'},
                                         {"polnear", required_argument, NULL, 'p'},
                                         {"html", required_argument, NULL, 'H'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"baseline", required_argument, NULL, 'b'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *gold = NULL, *baseline = NULL, *timeml = NULL, *polnear = NULL, *html = NULL;
    int as_json = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'g': gold = optarg; break;
        case 't': timeml = optarg; break;
        case 'p': polnear = optarg; break;
        case 'H': html = optarg; break;
        case 'j': as_json = 1; break;
        case 'b': baseline = optarg; break;
        case 'h': fputs(eval_usage, stdout); return EXIT_OK;
        default: fputs(eval_usage, stderr); return EXIT_USAGE;
        }
    }
    int modes = (gold != NULL) + (timeml != NULL) + (polnear != NULL) + (html != NULL);
    if (modes != 1 || (gold && optind + 1 != argc) || (!gold && optind != argc)) {
        fputs(eval_usage, stderr);
        return EXIT_USAGE;
    }
    char *report = NULL, *scores = NULL;
    cl_error err;
    cl_status st = timeml    ? cl_eval_timeml(timeml, &report, &scores, &err)
                   : polnear ? cl_eval_polnear(polnear, &report, &scores, &err)
                   : html    ? cl_eval_html(html, &report, &scores, &err)
                             : cl_eval_gold(gold, argv[optind], &report, &scores, &err);
    if (st != CL_OK) {
        cli_report("eval failed", &err);
        return EXIT_FAIL;
    }
    fputs(as_json ? scores : report, stdout);
    if (as_json)
        fputc('\n', stdout);
    int rc = EXIT_OK;
    if (baseline) {
        json_error_t jerr;
        json_t *base = json_load_file(baseline, 0, &jerr);
        json_t *s = json_loads(scores, 0, &jerr);
        if (!base) {
            fprintf(stderr, "claimline: cannot read baseline %s: %s\n", baseline, jerr.text);
            rc = EXIT_FAIL;
        } else if (compare(base, s, "") > 0) {
            rc = EXIT_BELOW;
        } else {
            fprintf(stderr, "claimline: scores meet the baseline %s\n", baseline);
        }
        json_decref(base);
        json_decref(s);
    }
    free(report);
    free(scores);
    return rc;
}

int cmd_timex(int argc, char **argv)
{
    static const struct option opts[] = {{"dct", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *dct = NULL;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': dct = optarg; break;
        case 'h': fputs(timex_usage, stdout); return EXIT_OK;
        default: fputs(timex_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(timex_usage, stderr);
        return EXIT_USAGE;
    }
    /* the text: arguments joined by spaces, or stdin for "-" */
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    if (!text)
        return EXIT_FAIL;
    if (strcmp(argv[optind], "-") == 0) {
        size_t got;
        while ((got = fread(text + len, 1, cap - len, stdin)) > 0) {
            len += got;
            if (len == cap) {
                char *p = realloc(text, cap *= 2);
                if (!p) {
                    free(text);
                    return EXIT_FAIL;
                }
                text = p;
            }
        }
    } else {
        for (int i = optind; i < argc; i++) {
            size_t n = strlen(argv[i]);
            if (len + n + 2 > cap) {
                char *p = realloc(text, cap = (len + n + 2) * 2);
                if (!p) {
                    free(text);
                    return EXIT_FAIL;
                }
                text = p;
            }
            if (len)
                text[len++] = ' ';
            memcpy(text + len, argv[i], n);
            len += n;
        }
    }
    cl_error err;
    cl_context *ctx = cl_context_new(NULL, &err);
    if (!ctx) {
        free(text);
        cli_report("cannot start the engine", &err);
        return EXIT_FAIL;
    }
    char *json = cl_timex_json(ctx, text, len, dct, &err);
    int rc = EXIT_OK;
    if (!json) {
        cli_report("cannot tag the text", &err);
        rc = EXIT_FAIL;
    } else {
        /* one expression per line: easy to read and to grep */
        json_error_t jerr;
        json_t *v = json_loads(json, 0, &jerr);
        json_t *arr = json_object_get(v, "timex");
        char *dct_s = json_dumps(json_object_get(v, "dct"), JSON_ENCODE_ANY);
        printf("{\"dct\": %s, \"timex\": [\n", dct_s ? dct_s : "null");
        free(dct_s);
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x)
        {
            char *line = json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER);
            printf("  %s%s\n", line ? line : "{}", i + 1 < json_array_size(arr) ? "," : "");
            free(line);
        }
        puts("]}");
        json_decref(v);
    }
    free(json);
    free(text);
    cl_context_free(ctx);
    return rc;
}
