/* test_spec.c - runs the spec files in tests/spec (format in tests/spec/README.md). Each
 * failing case is printed with its file and line; the group fails if any case fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor/actor.h"
#include "claim/claim.h"
#include "helpers.h"
#include "place/placekey.h"
#include "time/timex.h"

enum { MAX_FIELDS = 4 };

/* Splits a line at " | " into at most MAX_FIELDS fields (in place). */
static int split_fields(char *line, char **f)
{
    int n = 0;
    char *p = line;
    while (n < MAX_FIELDS) {
        f[n++] = p;
        char *sep = strstr(p, " | ");
        if (!sep)
            break;
        *sep = '\0';
        p = sep + 3;
    }
    return n;
}

static int same_place(const char *a, const char *b)
{
    char ka[128], kb[128];
    cl_place_key(a, strlen(a), ka, sizeof ka);
    cl_place_key(b, strlen(b), kb, sizeof kb);
    return strcmp(ka, kb) == 0;
}

typedef int (*case_fn)(char **f, int n, char *why, size_t cap);

static int check_timex(char **f, int n, char *why, size_t cap)
{
    if (n != 3)
        return snprintf(why, cap, "needs 3 fields"), 0;
    cl_doc *doc = test_extract(f[1], strcmp(f[0], "none") ? f[0] : NULL, CL_EXTRACT_NO_CLEAN);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    int ok = 1;
    if (strcmp(f[2], "-") == 0) {
        if (doc->timexes.n) {
            snprintf(why, cap, "expected no timex, got '%s'",
                     test_span(doc, doc->timexes.v[0].start, doc->timexes.v[0].end));
            ok = 0;
        }
    } else {
        char *save, *item = strtok_r(f[2], ";", &save);
        for (; item && ok; item = strtok_r(NULL, ";", &save)) {
            char *eq = strrchr(item, '=');
            if (!eq)
                continue;
            *eq = '\0';
            const char *want = eq + 1;
            int found = 0;
            for (uint32_t i = 0; i < doc->timexes.n; i++) {
                const cl_timex *t = &doc->timexes.v[i];
                if (strcmp(test_span(doc, t->start, t->end), item) != 0)
                    continue;
                found = 1;
                if (strcmp(t->value, want) != 0) {
                    snprintf(why, cap, "'%s' = %s, expected %s", item, t->value, want);
                    ok = 0;
                }
            }
            if (!found) {
                size_t o = (size_t)snprintf(why, cap, "'%s' not tagged; tags:", item);
                for (uint32_t i = 0; i < doc->timexes.n && o < cap; i++)
                    o += (size_t)snprintf(why + o, cap - o, " '%s'=%s",
                                          test_span(doc, doc->timexes.v[i].start, doc->timexes.v[i].end),
                                          doc->timexes.v[i].value);
                ok = 0;
            }
        }
    }
    cl_doc_free(doc);
    return ok;
}

static int check_segment(char **f, int n, char *why, size_t cap)
{
    if (n != 2)
        return snprintf(why, cap, "needs 2 fields"), 0;
    cl_doc *doc = test_extract(f[0], NULL, CL_EXTRACT_NO_CLEAN);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    char got[4096] = "";
    size_t o = 0;
    for (uint32_t i = 0; i < doc->sentences.n && o < sizeof got; i++)
        o += (size_t)snprintf(got + o, sizeof got - o, "%s%s", i ? " || " : "",
                              test_span(doc, doc->sentences.v[i].start, doc->sentences.v[i].end));
    cl_doc_free(doc);
    if (strcmp(got, f[1]) != 0) {
        snprintf(why, cap, "got: %s", got);
        return 0;
    }
    return 1;
}

/* Splits "SIDE STANCE PREDICATE PLACE... HOLDER" (the place may hold spaces: "Chasiv
 * Yar") into its five parts; returns 0 when there are fewer than five words. */
static int split_claim(const char *item, char side[16], char stance[16], char pred[16],
                       char place[80], char holder[16])
{
    int n = 0;
    if (sscanf(item, "%15s %15s %15s %n", side, stance, pred, &n) != 3 || n == 0)
        return 0;
    const char *rest = item + n;
    const char *end = rest + strlen(rest);
    while (end > rest && end[-1] == ' ')
        end--;
    const char *sp = end;
    while (sp > rest && sp[-1] != ' ')
        sp--;
    if (sp == rest)
        return 0; /* no place before the holder */
    snprintf(holder, 16, "%.*s", (int)(end - sp), sp);
    const char *pe = sp;
    while (pe > rest && pe[-1] == ' ')
        pe--;
    snprintf(place, 80, "%.*s", (int)(pe - rest), rest);
    return 1;
}

static int check_claims(char **f, int n, char *why, size_t cap)
{
    if (n != 3)
        return snprintf(why, cap, "needs 3 fields"), 0;
    cl_doc *doc = test_extract(f[1], strcmp(f[0], "none") ? f[0] : NULL, 0);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    char got[16][160];
    int ng = 0;
    for (uint32_t i = 0; i < doc->claims.n && ng < 16; i++) {
        const cl_claim *c = &doc->claims.v[i];
        snprintf(got[ng++], sizeof got[0], "%s %s %s %s %s", c->side ? c->side : "?",
                 cl_stance_name(c->stance), cl_predicate_name(c->predicate),
                 doc->places.v[c->place].name, c->holder ? c->holder : "-");
    }
    int used[16] = {0}, expected = 0, ok = 1;
    if (strcmp(f[2], "-") != 0) {
        char *save, *item = strtok_r(f[2], ";", &save);
        for (; item; item = strtok_r(NULL, ";", &save)) {
            expected++;
            char es[16], est[16], ep[16], epl[80], eh[16];
            if (!split_claim(item, es, est, ep, epl, eh))
                continue;
            int found = 0;
            for (int g = 0; g < ng && !found; g++) {
                char gs[16], gst[16], gp[16], gpl[80], gh[16];
                if (used[g] || !split_claim(got[g], gs, gst, gp, gpl, gh))
                    continue;
                if (!strcmp(es, gs) && !strcmp(est, gst) && !strcmp(ep, gp) && same_place(epl, gpl) &&
                    !strcmp(eh, gh))
                    found = used[g] = 1;
            }
            ok &= found;
        }
    }
    if (!ok || ng != expected) {
        size_t o = (size_t)snprintf(why, cap, "got %d claim(s):", ng);
        for (int g = 0; g < ng && o < cap; g++)
            o += (size_t)snprintf(why + o, cap - o, " [%s]", got[g]);
        ok = 0;
    }
    cl_doc_free(doc);
    return ok;
}

static int check_actors(char **f, int n, char *why, size_t cap)
{
    if (n != 2)
        return snprintf(why, cap, "needs 2 fields"), 0;
    cl_doc *doc = test_extract(f[0], NULL, CL_EXTRACT_NO_CLEAN);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    int ok = 1;
    char *save, *item = strtok_r(f[1], ";", &save);
    for (; item && ok; item = strtok_r(NULL, ";", &save)) {
        char *eq = strrchr(item, '=');
        if (!eq)
            continue;
        *eq = '\0';
        int found = 0;
        for (uint32_t i = 0; i < doc->actors.n && !found; i++) {
            const cl_actor *a = &doc->actors.v[i];
            if (strcmp(test_span(doc, a->start, a->end), item) != 0)
                continue;
            found = 1;
            const char *side = a->side ? a->side : "-";
            if (strcmp(side, eq + 1) != 0) {
                snprintf(why, cap, "'%s' side %s, expected %s", item, side, eq + 1);
                ok = 0;
            }
        }
        if (!found) {
            size_t o = (size_t)snprintf(why, cap, "no actor '%s'; actors:", item);
            for (uint32_t i = 0; i < doc->actors.n && o < cap; i++)
                o += (size_t)snprintf(why + o, cap - o, " '%s'=%s",
                                      test_span(doc, doc->actors.v[i].start, doc->actors.v[i].end),
                                      doc->actors.v[i].side ? doc->actors.v[i].side : "-");
            ok = 0;
        }
    }
    cl_doc_free(doc);
    return ok;
}

/* attributions.spec: `cue=speaker` items (an attribution with that cue word has exactly
 * that speaker text), `cue=speaker -> content` (and exactly that content text) and `!cue`
 * items (the word is no cue). */
static int check_attributions(char **f, int n, char *why, size_t cap)
{
    if (n != 2)
        return snprintf(why, cap, "needs 2 fields"), 0;
    cl_doc *doc = test_extract(f[0], NULL, CL_EXTRACT_NO_CLEAN);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    int ok = 1;
    char *save, *item = strtok_r(f[1], ";", &save);
    for (; item && ok; item = strtok_r(NULL, ";", &save)) {
        while (*item == ' ')
            item++;
        int negative = item[0] == '!';
        char *cue = negative ? item + 1 : item;
        char *eq = strchr(cue, '=');
        if (eq)
            *eq = '\0';
        char *want_content = eq ? strstr(eq + 1, " -> ") : NULL;
        if (want_content) {
            *want_content = '\0';
            want_content += 4;
        }
        int found = 0;
        for (uint32_t i = 0; i < doc->attributions.n && !found; i++) {
            const cl_attribution *a = &doc->attributions.v[i];
            if (strcmp(test_span(doc, a->cue.start, a->cue.end), cue) != 0)
                continue;
            found = 1;
            char sp[512];
            snprintf(sp, sizeof sp, "%s",
                     a->speaker.end > a->speaker.start ? test_span(doc, a->speaker.start, a->speaker.end) : "-");
            const char *content = test_span(doc, a->content.start, a->content.end);
            if (negative) {
                snprintf(why, cap, "'%s' is a cue (speaker '%s')", cue, sp);
                ok = 0;
            } else if (eq && strcmp(sp, eq + 1) != 0) {
                snprintf(why, cap, "'%s' speaker '%s', expected '%s'", cue, sp, eq + 1);
                ok = 0;
            } else if (want_content && strcmp(content, want_content) != 0) {
                snprintf(why, cap, "'%s' content '%s', expected '%s'", cue, content, want_content);
                ok = 0;
            }
        }
        if (!found && !negative) {
            size_t o = (size_t)snprintf(why, cap, "no cue '%s'; cues:", cue);
            for (uint32_t i = 0; i < doc->attributions.n && o < cap; i++)
                o += (size_t)snprintf(why + o, cap - o, " '%s'", test_span(doc, doc->attributions.v[i].cue.start, doc->attributions.v[i].cue.end));
            ok = 0;
        }
    }
    cl_doc_free(doc);
    return ok;
}

static int check_places(char **f, int n, char *why, size_t cap)
{
    if (n != 2)
        return snprintf(why, cap, "needs 2 fields"), 0;
    cl_doc *doc = test_extract(f[0], NULL, CL_EXTRACT_NO_CLEAN);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    int ok = 1;
    char *save, *item = strtok_r(f[1], ";", &save);
    for (; item && ok; item = strtok_r(NULL, ";", &save)) {
        int negative = item[0] == '!';
        char *surface = item + negative;
        char *eq = strchr(surface, '=');
        if (eq)
            *eq = '\0';
        const cl_place *hit = NULL;
        for (uint32_t i = 0; i < doc->places.n && !hit; i++)
            if (strcmp(test_span(doc, doc->places.v[i].start, doc->places.v[i].end), surface) == 0)
                hit = &doc->places.v[i];
        if (negative) {
            if (hit) {
                snprintf(why, cap, "'%s' taken for a place (%s)", surface, hit->name);
                ok = 0;
            }
            continue;
        }
        if (!hit) {
            snprintf(why, cap, "no place '%s'", surface);
            ok = 0;
            continue;
        }
        char want[160];
        snprintf(want, sizeof want, "%s", eq ? eq + 1 : "");
        char got[160];
        static const char *const kinds[] = {"city", "admin1", "country", "front"};
        snprintf(got, sizeof got, "%s/%.2s/%s", hit->name, hit->country[0] ? hit->country : "-",
                 kinds[hit->kind]);
        if (strcmp(got, want) != 0) {
            snprintf(why, cap, "'%s' resolved to %s, expected %s", surface, got, want);
            ok = 0;
        }
    }
    cl_doc_free(doc);
    return ok;
}

static int check_events(char **f, int n, char *why, size_t cap)
{
    if (n != 3)
        return snprintf(why, cap, "needs 3 fields"), 0;
    cl_doc *doc = test_extract(f[1], strcmp(f[0], "none") ? f[0] : NULL, 0);
    if (!doc)
        return snprintf(why, cap, "not extracted"), 0;
    int ok = 1;
    char *save, *item = strtok_r(f[2], ";", &save);
    for (; item && ok; item = strtok_r(NULL, ";", &save)) {
        char code[16], src[16], tgt[16];
        if (sscanf(item, "%15s %15[^>]>%15s", code, src, tgt) != 3)
            continue;
        int found = 0;
        for (uint32_t i = 0; i < doc->events.n && !found; i++) {
            const cl_event *e = &doc->events.v[i];
            found = strcmp(e->cameo, code) == 0 && e->source && strcmp(e->source, src) == 0 &&
                    strcmp(e->target ? e->target : "-", tgt) == 0;
        }
        if (!found) {
            size_t o = (size_t)snprintf(why, cap, "no event %s %s>%s; events:", code, src, tgt);
            for (uint32_t i = 0; i < doc->events.n && o < cap; i++)
                o += (size_t)snprintf(why + o, cap - o, " %s %s>%s", doc->events.v[i].cameo,
                                      doc->events.v[i].source ? doc->events.v[i].source : "?",
                                      doc->events.v[i].target ? doc->events.v[i].target : "-");
            ok = 0;
        }
    }
    cl_doc_free(doc);
    return ok;
}

/* Runs one spec file; returns the number of failures. */
static int run_file(const char *path, case_fn fn, int *cases)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "%s: cannot open (run the tests from the repository root)\n", path);
        return 1;
    }
    char line[8192];
    int lineno = 0, fails = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char copy[8192];
        snprintf(copy, sizeof copy, "%s", line);
        char *f[MAX_FIELDS];
        int n = split_fields(line, f);
        char why[4096] = "";
        (*cases)++;
        if (!fn(f, n, why, sizeof why)) {
            fprintf(stderr, "%s:%d: FAIL %s\n    %s\n", path, lineno, copy, why);
            fails++;
        }
    }
    fclose(fp);
    return fails;
}

static void spec_files(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        case_fn fn;
    } files[] = {{"tests/spec/timex.spec", check_timex},
                 {"tests/spec/segment.spec", check_segment},
                 {"tests/spec/claims.spec", check_claims},
                 {"tests/spec/actors.spec", check_actors},
                 {"tests/spec/attributions.spec", check_attributions},
                 {"tests/spec/places.spec", check_places},
                 {"tests/spec/events.spec", check_events}};
    int fails = 0, cases = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        fails += run_file(files[i].path, files[i].fn, &cases);
    fprintf(stderr, "spec: %d cases, %d failed\n", cases, fails);
    assert_int_equal(fails, 0);
}

int run_spec_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(spec_files)};
    return cmocka_run_group_tests_name("spec", tests, NULL, NULL);
}
