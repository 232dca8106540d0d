/* timex_bench.c - throughput of the temporal tagger alone (segmentation, tagging,
 * normalization and the JSON of the tags) over the texts of a JSON-lines corpus, each
 * against its own document date.
 *
 * usage: timex_bench CORPUS.jsonl */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claimline/claimline.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: timex_bench CORPUS.jsonl\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    /* load the texts first so that only tagging is timed */
    size_t n = 0, cap = 0, bytes = 0;
    char **texts = NULL, **dates = NULL;
    size_t *lens = NULL;
    json_error_t jerr;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)got, 0, &jerr);
        const char *text = o ? json_string_value(json_object_get(o, "text")) : NULL;
        if (!text) {
            json_decref(o);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            texts = realloc(texts, cap * sizeof *texts);
            dates = realloc(dates, cap * sizeof *dates);
            lens = realloc(lens, cap * sizeof *lens);
        }
        const char *date = json_string_value(json_object_get(o, "date"));
        lens[n] = json_string_length(json_object_get(o, "text"));
        texts[n] = malloc(lens[n] + 1);
        memcpy(texts[n], text, lens[n] + 1);
        dates[n] = date ? strdup(date) : NULL;
        bytes += lens[n];
        n++;
        json_decref(o);
    }
    free(line);
    fclose(f);
    cl_error err;
    cl_context *ctx = cl_context_new(NULL, &err);
    if (!ctx) {
        fprintf(stderr, "timex_bench: %s\n", err.message);
        return 1;
    }
    size_t tags = 0;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        char *json = cl_timex_json(ctx, texts[i], lens[i], dates[i], &err);
        if (json) {
            for (const char *p = json; (p = strstr(p, "\"value\"")); p++)
                tags++;
            free(json);
        }
    }
    double secs = now() - t0;
    double mb = (double)bytes / 1048576.0;
    printf("%-12s %zu docs  %.1f MB  %.2f s  %.2f MB/s  %.0f docs/s  %zu dates\n", "claimline-timex", n, mb,
           secs, mb / secs, (double)n / secs, tags);
    for (size_t i = 0; i < n; i++) {
        free(texts[i]);
        free(dates[i]);
    }
    free(texts);
    free(dates);
    free(lens);
    cl_context_free(ctx);
    return 0;
}
