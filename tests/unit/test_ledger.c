/* test_ledger.c - loading is idempotent, queries filter, conflicts are found and dated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

static char db[256];

static int setup(void **state)
{
    (void)state;
    snprintf(db, sizeof db, "/tmp/claimline-ledger-XXXXXX");
    int fd = mkstemp(db);
    if (fd < 0)
        return -1;
    close(fd);
    unlink(db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[300];
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
    return 0;
}

static const char *const articles[][3] = {
    {"r1", "2024-02-17",
     "Russia's defence ministry said on Saturday its forces had taken full control of Avdiivka."},
    {"u1", "2024-02-17",
     "Ukraine's General Staff said on Saturday that fierce fighting was continuing in Avdiivka."},
    {"r2", "2024-03-20",
     "Russia's defence ministry said on Wednesday its forces had taken control of Synkivka."},
    {"u2", "2024-01-02",
     "Ukraine's army said on Tuesday that heavy fighting was continuing in Synkivka."},
};

static int load(cl_ledger *lg, const char *id, const char *date, const char *text)
{
    cl_input in = {0};
    in.id = id;
    in.source = "test";
    in.date = date;
    in.outlet = id[0] == 'r' ? "Meridian Wire" : "Northgate Press";
    in.text = text;
    in.text_len = strlen(text);
    cl_error err;
    cl_doc *doc = cl_extract(test_ctx(), &in, 0, &err);
    assert_non_null(doc);
    size_t len;
    char *json = cl_doc_to_json(doc, 0, &len);
    int added = -1;
    assert_int_equal(cl_ledger_add_json(lg, json, len, &added, &err), CL_OK);
    free(json);
    cl_doc_free(doc);
    return added;
}

static void idempotent_load(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(load(lg, articles[i][0], articles[i][1], articles[i][2]), 1);
    int64_t docs, claims;
    assert_int_equal(cl_ledger_counts(lg, &docs, &claims, &err), CL_OK);
    assert_int_equal(docs, 4);
    int64_t claims_before = claims;
    /* the same content again changes nothing, inside or outside a batch */
    assert_int_equal(cl_ledger_begin(lg, &err), CL_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(load(lg, articles[i][0], articles[i][1], articles[i][2]), 0);
    assert_int_equal(cl_ledger_commit(lg, &err), CL_OK);
    assert_int_equal(cl_ledger_counts(lg, &docs, &claims, &err), CL_OK);
    assert_int_equal(docs, 4);
    assert_int_equal(claims, claims_before);
    assert_true(claims >= 4);
    /* a broken record is refused and leaves nothing behind */
    int added = 1;
    assert_int_equal(cl_ledger_add_json(lg, "{\"id\":", 6, &added, &err), CL_EFORMAT);
    assert_int_equal(added, 0);
    cl_ledger_close(lg);
}

static void conflicts_respect_the_window(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    cl_query q;
    cl_query_init(&q);
    q.place = "Avdiyivka"; /* another spelling of the same town */
    cl_result *r = cl_ledger_timeline(lg, &q, &err);
    assert_non_null(r);
    assert_int_equal(cl_result_count(r), 2);
    assert_int_equal(cl_result_conflict_count(r), 1);
    const cl_conflict *c = cl_result_conflict(r, 0);
    assert_string_equal(c->reason, "control asserted vs fighting reported");
    assert_true(cl_result_claim(r, 0)->conflicted);
    cl_result_free(r);
    /* Synkivka: the two claims are months apart, no conflict */
    q.place = "Synkivka";
    r = cl_ledger_conflicts(lg, &q, &err);
    assert_non_null(r);
    assert_int_equal(cl_result_count(r), 2);
    assert_int_equal(cl_result_conflict_count(r), 0);
    cl_result_free(r);
    /* a wide window finds it */
    q.window_days = 120;
    r = cl_ledger_conflicts(lg, &q, &err);
    assert_int_equal(cl_result_conflict_count(r), 1);
    cl_result_free(r);
    /* filters */
    cl_query_init(&q);
    q.side = "UKR";
    r = cl_ledger_claims(lg, &q, &err);
    for (size_t i = 0; i < cl_result_count(r); i++)
        assert_string_equal(cl_result_claim(r, i)->side, "UKR");
    assert_int_equal(cl_result_count(r), 2);
    cl_result_free(r);
    cl_query_init(&q);
    q.since = "2024-03-01";
    r = cl_ledger_claims(lg, &q, &err);
    assert_int_equal(cl_result_count(r), 1);
    assert_string_equal(cl_result_claim(r, 0)->when_lo, "2024-03-20");
    cl_result_free(r);
    cl_ledger_close(lg);
}

static void syndicated_copies_count_once(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    const char *original =
        "Russia's defence ministry said on Saturday its forces had taken full control of Avdiivka, "
        "the town that Ukrainian troops held for almost two years. The ministry said its units "
        "cleared the last districts late on Friday. Engineers began clearing mines from the main "
        "road on Sunday morning, according to local officials.";
    const char *copy =
        "Russia's defence ministry said on Saturday its forces had taken full control of Avdiivka, "
        "the town that Ukrainian troops held for almost two years. The ministry said its units "
        "cleared the last districts late on Friday.";
    assert_int_equal(load(lg, "rA", "2024-02-18", original), 1);
    assert_int_equal(load(lg, "uC", "2024-02-18", copy), 1);
    cl_query q;
    cl_query_init(&q);
    q.place = "Avdiivka";
    cl_result *r = cl_ledger_timeline(lg, &q, &err);
    assert_non_null(r);
    int copies = 0;
    for (size_t i = 0; i < cl_result_count(r); i++) {
        const cl_claim_row *row = cl_result_claim(r, i);
        if (strcmp(row->doc_id, "rA") != 0 && strcmp(row->doc_id, "uC") != 0)
            continue;
        if (row->copy_of) {
            copies++;
            assert_string_equal(row->copy_of, "rA");
        }
        /* the copy does not corroborate its own original */
        assert_int_equal(row->corroboration, 1);
    }
    assert_true(copies >= 1);
    cl_result_free(r);
    cl_ledger_close(lg);
}

int run_ledger_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(idempotent_load),
                                       cmocka_unit_test(conflicts_respect_the_window),
                                       cmocka_unit_test(syndicated_copies_count_once)};
    return cmocka_run_group_tests_name("ledger", tests, setup, teardown);
}
