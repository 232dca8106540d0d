/* test_recparse.c - the record reader (src/ledger/recparse.c): every stored field, escapes,
 * skipped keys, lenient types, strict rejection, and agreement with jansson (the reader it
 * replaces) on the example records and on mutated ones. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ledger/recparse.h"

/* Parses a NUL-terminated literal; the arena must be released by the caller. */
static cl_status parse(const char *json, cl_arena *a, ledger_record *r, cl_error *err)
{
    cl_arena_init(a, 0);
    return ledger_record_parse(json, strlen(json), a, r, err);
}

static void assert_str_or_null(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got, want);
}

static const char full_record[] =
    "{\"schema\":\"claimline-record/1\",\"id\":\"r1\",\"hash\":\"00ff\",\"source\":\"a.jsonl\","
    "\"source_line\":7,\"url\":\"https://x.test/1\",\"outlet\":\"Harbor Wire\",\"title\":\"T\","
    "\"date\":{\"value\":\"2023-11-22\",\"basis\":\"metadata\"},\"dateline\":{\"place\":\"Kyiv\"},"
    "\"sentences\":[[0,33,1],[34,130,1]],\"text\":\"line one\\nline two\","
    "\"claims\":[{\"claimant\":\"Ukraine's General Staff\",\"actor\":\"UKR.GENSTAFF\","
    "\"side\":\"UKR\",\"stance\":\"assert\",\"predicate\":\"repel\",\"place\":\"Lyman\","
    "\"place_kind\":\"city\",\"country\":\"UA\",\"admin1\":\"Donetsk\",\"lat\":48.99012,"
    "\"lon\":37.80843,\"holder\":\"UKR\",\"when\":[\"2023-11-20\",\"2023-11-22\"],"
    "\"when_value\":null,\"said\":[\"2023-11-22\",null],\"cue\":\"said\",\"trigger_span\":[74,82],"
    "\"sentence\":1,\"line\":3,\"evidence\":\"It said so.\"},"
    "{\"claimant\":\"B\",\"lat\":-1.5e1,\"lon\":2,\"when\":null,\"sentence\":2}],"
    "\"events\":[{\"cameo\":\"190\",\"label\":\"use force\",\"source\":\"UKR\",\"target\":\"RUS\","
    "\"place\":\"Lyman\",\"country\":\"UA\",\"lat\":48.5,\"lon\":37.25,"
    "\"date\":[\"2023-11-22\",\"2023-11-23\"],\"sentence\":4,\"evidence\":\"E\"},"
    "{\"cameo\":\"042\",\"lat\":null,\"lon\":1}],"
    "\"minhash\":\"0213\",\"warnings\":[]}";

static void reads_every_field(void **state)
{
    (void)state;
    cl_arena a;
    ledger_record r;
    cl_error err;
    assert_int_equal(parse(full_record, &a, &r, &err), CL_OK);
    assert_string_equal(r.hash, "00ff");
    assert_string_equal(r.id, "r1");
    assert_string_equal(r.source, "a.jsonl");
    assert_string_equal(r.url, "https://x.test/1");
    assert_string_equal(r.outlet, "Harbor Wire");
    assert_string_equal(r.title, "T");
    assert_string_equal(r.date, "2023-11-22");
    assert_string_equal(r.date_basis, "metadata");
    assert_string_equal(r.minhash, "0213");
    assert_string_equal(r.text, "line one\nline two");
    assert_int_equal(r.source_line, 7);

    assert_int_equal(r.n_claims, 2);
    const ledger_claim *c = &r.claims[0];
    assert_string_equal(c->claimant, "Ukraine's General Staff");
    assert_string_equal(c->actor, "UKR.GENSTAFF");
    assert_string_equal(c->side, "UKR");
    assert_string_equal(c->stance, "assert");
    assert_string_equal(c->predicate, "repel");
    assert_string_equal(c->place, "Lyman");
    assert_string_equal(c->country, "UA");
    assert_string_equal(c->admin1, "Donetsk");
    assert_string_equal(c->holder, "UKR");
    assert_string_equal(c->when_lo, "2023-11-20");
    assert_string_equal(c->when_hi, "2023-11-22");
    assert_string_equal(c->said_lo, "2023-11-22");
    assert_null(c->said_hi);
    assert_string_equal(c->evidence, "It said so.");
    assert_true(c->lat == 48.99012 && c->lon == 37.80843);
    assert_true(c->has_latlon);
    assert_int_equal(c->sentence, 1);
    assert_int_equal(c->line, 3);
    c = &r.claims[1];
    assert_string_equal(c->claimant, "B");
    assert_null(c->actor);
    assert_null(c->when_lo);
    assert_null(c->when_hi);
    assert_true(c->lat == -15.0 && c->lon == 2.0);
    assert_true(c->has_latlon);
    assert_int_equal(c->sentence, 2);
    assert_int_equal(c->line, 0);

    assert_int_equal(r.n_events, 2);
    const ledger_event *e = &r.events[0];
    assert_string_equal(e->cameo, "190");
    assert_string_equal(e->label, "use force");
    assert_string_equal(e->source, "UKR");
    assert_string_equal(e->target, "RUS");
    assert_string_equal(e->place, "Lyman");
    assert_string_equal(e->country, "UA");
    assert_string_equal(e->date_lo, "2023-11-22");
    assert_string_equal(e->date_hi, "2023-11-23");
    assert_string_equal(e->evidence, "E");
    assert_true(e->lat == 48.5 && e->lon == 37.25);
    assert_true(e->has_latlon);
    assert_int_equal(e->sentence, 4);
    e = &r.events[1];
    assert_string_equal(e->cameo, "042");
    assert_false(e->has_latlon); /* lat is null */
    assert_true(e->lat == 0 && e->lon == 1.0);
    assert_null(e->date_lo);
    cl_arena_release(&a);
}

static void unescapes_strings(void **state)
{
    (void)state;
    cl_arena a;
    ledger_record r;
    cl_error err;
    assert_int_equal(
        parse("{\"id\":\"q\\\"b\\\\s\\/f\\b\\f\\n\\r\\t\", \"hash\":\"\\u00e9\\u20AC\\ud83d\\ude00x\","
              "\"title\":\"caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80\", \"\\u0069\\u0064\":\"via escaped key\"}",
              &a, &r, &err),
        CL_OK);
    assert_string_equal(r.hash, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x");
    assert_string_equal(r.title, "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80");
    assert_string_equal(r.id, "via escaped key"); /* "\u0069\u0064" is "id", the last one */
    cl_arena_release(&a);
    assert_int_equal(parse("{\"id\":\"q\\\"b\\\\s\\/f\\b\\f\\n\\r\\t\"}", &a, &r, &err), CL_OK);
    assert_string_equal(r.id, "q\"b\\s/f\b\f\n\r\t");
    cl_arena_release(&a);
}

static void skips_unknown_values(void **state)
{
    (void)state;
    cl_arena a;
    ledger_record r;
    cl_error err;
    assert_int_equal(
        parse(" \t{\"x\":{\"a\":[1,-0.5e+3,2E-2,0,-0,true,false,null,{},[],[[{\"id\":\"no\"}]]],"
              "\"s\":\"\\ud800\\udc00 \\\" }\"},\"id\" : \"yes\",\"claims\":[{\"deep\":{\"claimant\":"
              "\"no\"},\"claimant\":\"c\"}],\"y\":\"\xe4\xb8\xad\"}\r\n",
              &a, &r, &err),
        CL_OK);
    assert_string_equal(r.id, "yes");
    assert_int_equal(r.n_claims, 1);
    assert_string_equal(r.claims[0].claimant, "c");
    cl_arena_release(&a);

    /* 64 levels in all is the limit: the record plus 63 nested arrays */
    char deep[256];
    int n = snprintf(deep, sizeof deep, "{\"x\":");
    for (int i = 0; i < 63; i++)
        deep[n++] = '[';
    for (int i = 0; i < 63; i++)
        deep[n++] = ']';
    snprintf(deep + n, sizeof deep - (size_t)n, "}");
    assert_int_equal(parse(deep, &a, &r, &err), CL_OK);
    cl_arena_release(&a);
}

static void lenient_about_types(void **state)
{
    (void)state;
    cl_arena a;
    ledger_record r;
    cl_error err;
    /* wrong types and nulls give NULL / 0; duplicates: the last wins, whatever its type */
    assert_int_equal(
        parse("{\"id\":5,\"hash\":null,\"title\":[\"t\"],\"url\":{\"u\":1},\"source_line\":1.5,"
              "\"outlet\":\"o\",\"outlet\":true,\"source\":\"s1\",\"source\":\"s2\",\"date\":\"2024\","
              "\"claims\":[5,{\"lat\":\"1\",\"lon\":2,\"sentence\":3.0,\"line\":-1e-400,"
              "\"when\":[1,\"b\",\"c\"],\"said\":\"x\",\"place\":\"p\",\"place\":7}],"
              "\"events\":{\"cameo\":\"1\"}}",
              &a, &r, &err),
        CL_OK);
    assert_null(r.id);
    assert_null(r.hash);
    assert_null(r.title);
    assert_null(r.url);
    assert_null(r.outlet);
    assert_string_equal(r.source, "s2");
    assert_null(r.date);
    assert_null(r.date_basis);
    assert_int_equal(r.source_line, 0);
    assert_null(r.text);
    assert_null(r.minhash);
    assert_int_equal(r.n_claims, 2);
    assert_null(r.claims[0].claimant); /* a non-object element is an empty claim */
    assert_false(r.claims[0].has_latlon);
    const ledger_claim *c = &r.claims[1];
    assert_false(c->has_latlon);
    assert_true(c->lat == 0 && c->lon == 2.0);
    assert_int_equal(c->sentence, 0);
    assert_int_equal(c->line, 0);
    assert_null(c->when_lo);
    assert_string_equal(c->when_hi, "b");
    assert_null(c->said_lo);
    assert_null(c->place);
    assert_int_equal(r.n_events, 0);
    assert_null(r.events);
    cl_arena_release(&a);

    assert_int_equal(parse("{}", &a, &r, &err), CL_OK);
    assert_null(r.id);
    assert_int_equal(r.n_claims, 0);
    cl_arena_release(&a);

    assert_int_equal(parse("{\"date\":{\"basis\":\"dateline\"},\"source_line\":-9223372036854775808,"
                           "\"claims\":[],\"events\":[{}]}", &a, &r, &err),
                     CL_OK);
    assert_null(r.date);
    assert_string_equal(r.date_basis, "dateline");
    assert_true(r.source_line == INT64_MIN);
    assert_int_equal(r.n_claims, 0);
    assert_int_equal(r.n_events, 1);
    assert_null(r.events[0].cameo);
    cl_arena_release(&a);
}

static void rejects_malformed_lines(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        const char *why; /* part of the message */
    } bad[] = {
        {"", "end of input"},
        {"  \n", "end of input"},
        {"{\"id\":\"r1\",\"claims\":[{\"a\":1}", "end of input"},
        {"{\"id\":\"r1", "unterminated string"},
        {"{\"id\":\"r1\\", "unterminated string"},
        {"{\"id\":\"r1\"} x", "data after the object"},
        {"{\"id\":\"r1\"}{}", "data after the object"},
        {"{\"id\":\"a\tb\"}", "control character"},
        {"{\"id\":\"a\nb\"}", "control character"},
        {"{\"id\":\"\\x\"}", "invalid escape"},
        {"{\"id\":\"\\u12G4\"}", "invalid \\u escape"},
        {"{\"id\":\"\\u12\"}", "invalid \\u escape"},
        {"{\"id\":\"\\u0000\"}", "\\u0000"},
        {"{\"id\":\"\\ud800\"}", "unpaired high surrogate"},
        {"{\"id\":\"\\ud800\\u0041\"}", "unpaired high surrogate"},
        {"{\"id\":\"\\udc00\"}", "unpaired low surrogate"},
        {"{\"x\":\"\\ud83d\\ud83d\"}", "unpaired high surrogate"},
        {"{\"id\":\"\xff\"}", "invalid UTF-8"},
        {"{\"id\":\"\xc0\xaf\"}", "invalid UTF-8"},        /* overlong */
        {"{\"id\":\"\xed\xa0\x80\"}", "invalid UTF-8"},    /* encoded surrogate */
        {"{\"id\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8"}, /* above U+10FFFF */
        {"{\"x\":\"\xe2\x82\"}", "invalid UTF-8"},         /* cut short */
        {"{\"x\":\"\x80\"}", "invalid UTF-8"},
        {"[{\"id\":\"r1\"}]", "must be an object"},
        {"\"id\"", "must be an object"},
        {"{\"x\":01}", "leading zero"},
        {"{\"x\":1.}", "after '.'"},
        {"{\"x\":-}", "invalid number"},
        {"{\"x\":1e}", "exponent"},
        {"{\"x\":1e+}", "exponent"},
        {"{\"x\":+1}", "invalid token"},
        {"{\"x\":.5}", "invalid token"},
        {"{\"lat\":1.5.3}", "expected ',' or '}'"},
        {"{\"sentence\":-}", "invalid number"},
        {"{\"x\":tru}", "invalid token"},
        {"{\"x\":nul", "invalid token"},
        {"{\"x\":[1,]}", "invalid token"},
        {"{\"x\":[1 2]}", "expected ',' or ']'"},
        {"{\"x\":1,}", "expected a string key"},
        {"{\"x\" 1}", "expected ':'"},
        {"{'x':1}", "expected a string key"},
        {"{\"claims\":[{\"when\":[\"a\",]}]}", "invalid token"},
        {"{\"x\":{\"a\":1]}", "expected ',' or '}'"},
        {"{\"x\":[}", "invalid token"},
        {"{\"x\":9223372036854775808}", "integer out of range"},
        {"{\"line\":-9223372036854775809}", "integer out of range"},
        {"{\"x\":1e309}", "real number overflow"},
        {"{\"lat\":-2E+999}", "real number overflow"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cl_arena a;
        ledger_record r;
        cl_error err;
        cl_status s = parse(bad[i].json, &a, &r, &err);
        if (s != CL_EFORMAT || !strstr(err.message, bad[i].why))
            fail_msg("case %zu (%s): status %d, message '%s'", i, bad[i].json, (int)s,
                     s ? err.message : "");
        assert_non_null(strstr(err.message, "record is not a JSON object: "));
        assert_null(r.id);
        cl_arena_release(&a);
    }

    /* the position is 1-based and the input is not read past len */
    cl_arena a;
    ledger_record r;
    cl_error err;
    assert_int_equal(parse("{\"x\":01}", &a, &r, &err), CL_EFORMAT);
    assert_int_equal(err.offset, 7);
    assert_int_equal(err.line, 1);
    cl_arena_release(&a);
    cl_arena_init(&a, 0);
    assert_int_equal(ledger_record_parse("{\"id\":\"r\"}", 9, &a, &r, &err), CL_EFORMAT);
    assert_int_equal(err.offset, 10);
    assert_int_equal(ledger_record_parse("{\"x\":12}", 7, &a, &r, &err), CL_EFORMAT);
    assert_int_equal(ledger_record_parse("{\"x\":true}", 8, &a, &r, &err), CL_EFORMAT);
    assert_int_equal(ledger_record_parse(NULL, 0, &a, &r, &err), CL_EFORMAT);
    cl_arena_release(&a);

    /* too deep, in a skipped value and in a stored one */
    char deep[256];
    int n = snprintf(deep, sizeof deep, "{\"x\":");
    for (int i = 0; i < 64; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    assert_int_equal(parse(deep, &a, &r, &err), CL_EFORMAT);
    assert_non_null(strstr(err.message, "nesting deeper than 64"));
    cl_arena_release(&a);
    char *huge = malloc(200000);
    n = snprintf(huge, 200000, "{\"claims\":[{\"when\":[");
    for (int i = 0; i < 100000; i++)
        huge[n++] = '[';
    huge[n] = '\0';
    assert_int_equal(parse(huge, &a, &r, &err), CL_EFORMAT);
    assert_non_null(strstr(err.message, "nesting deeper than 64"));
    cl_arena_release(&a);
    free(huge);
}

/* ---------------------------------------------------------------- agreement with jansson */

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *jpair(json_t *o, const char *k, size_t i)
{
    json_t *p = json_object_get(o, k);
    return json_is_array(p) ? json_string_value(json_array_get(p, i)) : NULL;
}

static int jlatlon(json_t *o)
{
    return json_is_number(json_object_get(o, "lat")) && json_is_number(json_object_get(o, "lon"));
}

/* Compares every field of r with what the jansson loader read from the same record. */
static void assert_same_as_jansson(const ledger_record *r, json_t *rec)
{
    static const char *const rec_keys[] = {"hash", "id", "source", "url", "outlet", "title",
                                           "minhash", "text"};
    const char *const rec_vals[] = {r->hash, r->id, r->source, r->url,
                                    r->outlet, r->title, r->minhash, r->text};
    for (size_t i = 0; i < 8; i++)
        assert_str_or_null(rec_vals[i], jstr(rec, rec_keys[i]));
    assert_str_or_null(r->date, jstr(json_object_get(rec, "date"), "value"));
    assert_str_or_null(r->date_basis, jstr(json_object_get(rec, "date"), "basis"));
    assert_true(r->source_line == json_integer_value(json_object_get(rec, "source_line")));

    json_t *claims = json_object_get(rec, "claims");
    assert_int_equal(r->n_claims, json_array_size(claims));
    for (size_t i = 0; i < r->n_claims; i++) {
        json_t *c = json_array_get(claims, i);
        const ledger_claim *k = &r->claims[i];
        static const char *const keys[] = {"claimant", "actor", "side", "stance", "predicate",
                                           "place", "country", "admin1", "holder", "evidence"};
        const char *const vals[] = {k->claimant, k->actor, k->side, k->stance, k->predicate,
                                    k->place, k->country, k->admin1, k->holder, k->evidence};
        for (size_t j = 0; j < 10; j++)
            assert_str_or_null(vals[j], jstr(c, keys[j]));
        assert_str_or_null(k->when_lo, jpair(c, "when", 0));
        assert_str_or_null(k->when_hi, jpair(c, "when", 1));
        assert_str_or_null(k->said_lo, jpair(c, "said", 0));
        assert_str_or_null(k->said_hi, jpair(c, "said", 1));
        assert_true(k->lat == json_number_value(json_object_get(c, "lat")));
        assert_true(k->lon == json_number_value(json_object_get(c, "lon")));
        assert_int_equal(k->has_latlon, jlatlon(c));
        assert_true(k->sentence == json_integer_value(json_object_get(c, "sentence")));
        assert_true(k->line == json_integer_value(json_object_get(c, "line")));
    }

    json_t *events = json_object_get(rec, "events");
    assert_int_equal(r->n_events, json_array_size(events));
    for (size_t i = 0; i < r->n_events; i++) {
        json_t *e = json_array_get(events, i);
        const ledger_event *v = &r->events[i];
        static const char *const keys[] = {"cameo", "label", "source", "target",
                                           "place", "country", "evidence"};
        const char *const vals[] = {v->cameo, v->label, v->source, v->target,
                                    v->place, v->country, v->evidence};
        for (size_t j = 0; j < 7; j++)
            assert_str_or_null(vals[j], jstr(e, keys[j]));
        assert_str_or_null(v->date_lo, jpair(e, "date", 0));
        assert_str_or_null(v->date_hi, jpair(e, "date", 1));
        assert_true(v->lat == json_number_value(json_object_get(e, "lat")));
        assert_true(v->lon == json_number_value(json_object_get(e, "lon")));
        assert_int_equal(v->has_latlon, jlatlon(e));
        assert_true(v->sentence == json_integer_value(json_object_get(e, "sentence")));
    }
}

/* Parses json both ways: both must accept (with the same fields) or both reject. Returns 1
 * when accepted. */
static int check_with_jansson(const char *json, size_t len)
{
    cl_arena a;
    cl_arena_init(&a, 0);
    ledger_record r;
    cl_error err;
    cl_status s = ledger_record_parse(json, len, &a, &r, &err);
    json_t *rec = json_loadb(json, len, 0, NULL);
    int jansson_ok = rec && json_is_object(rec);
    if ((s == CL_OK) != jansson_ok)
        fail_msg("recparse %s, jansson %s: %.*s", s == CL_OK ? "accepts" : err.message,
                 jansson_ok ? "accepts" : "rejects", (int)(len < 300 ? len : 300), json);
    if (jansson_ok)
        assert_same_as_jansson(&r, rec);
    json_decref(rec);
    cl_arena_release(&a);
    return s == CL_OK;
}

/* Every record extracted from examples/ reads the same as with jansson. */
static void agrees_with_jansson_on_examples(void **state)
{
    (void)state;
    static const char *const paths[] = {"examples/articles", "examples/wire.jsonl"};
    cl_error err;
    cl_reader *rd = cl_reader_new(&err);
    assert_non_null(rd);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(cl_reader_add_path(rd, paths[i], &err), CL_OK);
    cl_input in;
    cl_read_kind k;
    int records = 0, claims = 0;
    while ((k = cl_reader_next(rd, &in, &err)) != CL_READ_END) {
        if (k != CL_READ_DOC)
            continue;
        cl_doc *doc = cl_extract(test_ctx(), &in, 0, &err);
        if (!doc)
            continue;
        size_t len;
        char *json = cl_doc_to_json(doc, 0, &len);
        assert_true(check_with_jansson(json, len));
        claims += (int)cl_doc_claim_count(doc);
        records++;
        free(json);
        cl_doc_free(doc);
    }
    cl_reader_free(rd);
    assert_true(records >= 10);
    assert_true(claims > 0);
}

/* Cut and mutated records: the two readers agree on what is valid and what it holds. */
static void agrees_with_jansson_on_mutations(void **state)
{
    (void)state;
    size_t len = sizeof full_record - 1;
    char *buf = malloc(len + 1);
    for (size_t cut = 0; cut < len; cut++) {
        char *exact = malloc(cut ? cut : 1); /* exact size: ASan sees a read past the cut */
        memcpy(exact, full_record, cut);
        assert_false(check_with_jansson(exact, cut));
        free(exact);
    }
    static const char bytes[] = "{}[]\",:\\/-+.0123456789eEtfnu \t\n\x01\x7f\x80\xc3\xa9\xed\xf0";
    uint32_t seed = 12345;
    int accepted = 0;
    for (int round = 0; round < 20000; round++) {
        memcpy(buf, full_record, len);
        int edits = 1 + round % 3;
        for (int e = 0; e < edits; e++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % len;
            seed = seed * 1103515245u + 12345u;
            buf[at] = bytes[(seed >> 8) % (sizeof bytes - 1)];
        }
        accepted += check_with_jansson(buf, len);
    }
    /* both outcomes must be well represented for the comparison to mean something */
    printf("recparse: %d of 20000 mutated records valid\n", accepted);
    assert_true(accepted > 2000 && accepted < 18000);
    free(buf);
}

int run_recparse_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_field),
        cmocka_unit_test(unescapes_strings),
        cmocka_unit_test(skips_unknown_values),
        cmocka_unit_test(lenient_about_types),
        cmocka_unit_test(rejects_malformed_lines),
        cmocka_unit_test(agrees_with_jansson_on_examples),
        cmocka_unit_test(agrees_with_jansson_on_mutations),
    };
    return cmocka_run_group_tests_name("recparse", tests, NULL, NULL);
}
