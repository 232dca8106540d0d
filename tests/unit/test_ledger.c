/* test_ledger.c - loading is idempotent, queries filter, conflicts are found and dated.
 *
 * Every test runs against a SQLite file and, when CLAIMLINE_TEST_PG names a PostgreSQL
 * database (`make check` starts a private server, tests/pg/server.sh), against PostgreSQL:
 * the same calls must give the same answers. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

static char db[512];

static int setup_sqlite(void **state)
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

static int teardown_sqlite(void **state)
{
    (void)state;
    char p[600];
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
    return 0;
}

/* Empties the PostgreSQL test database (the ledger recreates its tables). */
static int setup_pg(void **state)
{
    (void)state;
    snprintf(db, sizeof db, "%s", getenv("CLAIMLINE_TEST_PG"));
    PGconn *c = PQconnectdb(db);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect to %s: %s", db, PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    PGresult *r = PQexec(c, "SET client_min_messages = warning;"
                            "DROP TABLE IF EXISTS claims, events, doc_bands, documents, meta CASCADE");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    PQfinish(c);
    return ok ? 0 : -1;
}

static int teardown_pg(void **state)
{
    (void)state;
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
    cl_load_stats stats;
    cl_ledger_load_stats(lg, &stats);
    assert_int_equal(stats.added, 4);
    assert_int_equal(stats.present, 0);
    assert_int_equal(cl_ledger_begin(lg, &err), CL_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(load(lg, articles[i][0], articles[i][1], articles[i][2]), -1);
    /* a broken record inside a batch is refused; the rest of the batch stands */
    int added = 1;
    assert_int_equal(cl_ledger_add_json(lg, "{\"id\":", 6, &added, &err), CL_EFORMAT);
    assert_int_equal(added, 0);
    assert_int_equal(cl_ledger_add_json(lg, "{\"id\": \"x\"}", 11, &added, &err), CL_EFORMAT);
    assert_int_equal(cl_ledger_commit(lg, &err), CL_OK);
    cl_ledger_load_stats(lg, &stats);
    assert_int_equal(stats.added, 4);
    assert_int_equal(stats.present, 4);
    assert_int_equal(cl_ledger_counts(lg, &docs, &claims, &err), CL_OK);
    assert_int_equal(docs, 4);
    assert_int_equal(claims, claims_before);
    assert_true(claims >= 4);
    /* a broken record is refused and leaves nothing behind */
    added = 1;
    assert_int_equal(cl_ledger_add_json(lg, "{\"id\":", 6, &added, &err), CL_EFORMAT);
    assert_int_equal(added, 0);
    cl_ledger_close(lg);
}

/* Vuhledar, reported by both parties over three days: six conflicting pairs of two kinds. */
static const char *const vuhledar[][3] = {
    {"rv1", "2024-02-10", "The Russian defence ministry announced on Saturday that its units had seized Vuhledar, a mining town."},
    {"rv2", "2024-02-11", "Russia's defence ministry said on Sunday that its troops controlled Vuhledar."},
    {"uv1", "2024-02-11", "Ukraine's General Staff said on Sunday that fierce fighting was continuing in Vuhledar."},
    {"uv2", "2024-02-12", "Ukraine's army said on Monday that heavy fighting went on in Vuhledar."},
    {"uv3", "2024-02-12", "Ukraine's army denied on Monday that Russian forces had captured Vuhledar."},
};

static void conflicts_group_by_kind(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    for (size_t i = 0; i < sizeof vuhledar / sizeof *vuhledar; i++)
        load(lg, vuhledar[i][0], vuhledar[i][1], vuhledar[i][2]);
    cl_query q;
    cl_query_init(&q);
    q.place = "Vuhledar";
    cl_result *r = cl_ledger_timeline(lg, &q, &err);
    assert_non_null(r);
    assert_int_equal(cl_result_count(r), 5);
    assert_int_equal(cl_result_conflict_count(r), 6);
    assert_int_equal(cl_result_conflict_group_count(r), 2);
    /* ordered by earliest day, then reason */
    const cl_conflict_group *g = cl_result_conflict_group(r, 0);
    assert_string_equal(g->reason, "control asserted vs denied");
    assert_int_equal(g->pairs, 2);
    assert_int_equal(g->claims_a, 2);
    assert_int_equal(g->claims_b, 1);
    assert_string_equal(g->a->side, "RUS");
    assert_string_equal(g->a->doc_id, "rv1"); /* the earliest pair is the example */
    assert_string_equal(g->b->doc_id, "uv3");
    assert_string_equal(g->first, "2024-02-10");
    assert_string_equal(g->last, "2024-02-12");
    g = cl_result_conflict_group(r, 1);
    assert_string_equal(g->reason, "control asserted vs fighting reported");
    assert_int_equal(g->pairs, 4);
    assert_int_equal(g->claims_a, 2);
    assert_int_equal(g->claims_b, 2);
    assert_string_equal(g->a->predicate, "control");
    assert_string_equal(g->b->predicate, "fighting");
    size_t pairs = 0;
    for (size_t i = 0; i < cl_result_conflict_group_count(r); i++)
        pairs += cl_result_conflict_group(r, i)->pairs;
    assert_int_equal(pairs, cl_result_conflict_count(r));
    cl_result_free(r);
    /* the conflicts query groups the same way */
    r = cl_ledger_conflicts(lg, &q, &err);
    assert_non_null(r);
    assert_int_equal(cl_result_conflict_group_count(r), 2);
    cl_result_free(r);
    cl_ledger_close(lg);
}

/* A claim leads back to its article, with the evidence sentence inside the text. */
static void claim_document_has_the_evidence(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    cl_query q;
    cl_query_init(&q);
    q.place = "Vuhledar";
    cl_result *r = cl_ledger_claims(lg, &q, &err);
    assert_non_null(r);
    assert_true(cl_result_count(r) > 0);
    const cl_claim_row *c = cl_result_claim(r, 0);
    cl_result *d = cl_ledger_claim_document(lg, c->rowid, &err);
    assert_non_null(d);
    assert_int_equal(cl_result_document_count(d), 1);
    const cl_document_row *doc = cl_result_document(d, 0);
    assert_string_equal(doc->id, c->doc_id);
    assert_string_equal(doc->evidence, c->evidence);
    assert_non_null(doc->text);
    assert_non_null(strstr(doc->text, doc->evidence));
    assert_string_equal(doc->date, "2024-02-10");
    cl_result_free(d);
    /* no such claim: an empty result, not an error */
    d = cl_ledger_claim_document(lg, 1 << 30, &err);
    assert_non_null(d);
    assert_int_equal(cl_result_document_count(d), 0);
    cl_result_free(d);
    cl_result_free(r);
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

/* A batch holding new documents, one twice, and a near-copy of one of them: each document
 * lands once, the copy is marked, the counts say so. */
static void batch_dedupes_and_finds_copies(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    cl_load_stats before, after;
    cl_ledger_load_stats(lg, &before);
    int64_t docs0, claims0, docs1, claims1;
    assert_int_equal(cl_ledger_counts(lg, &docs0, &claims0, &err), CL_OK);
    const char *story =
        "Ukraine's army said on Monday that its troops had pushed Russian forces out of Robotyne, "
        "a village south of Orikhiv, after weeks of fighting. The army said engineers were "
        "clearing mines on the roads into the village, and that shelling continued overnight.";
    const char *shorter =
        "Ukraine's army said on Monday that its troops had pushed Russian forces out of Robotyne, "
        "a village south of Orikhiv, after weeks of fighting. The army said engineers were "
        "clearing mines on the roads into the village.";
    assert_int_equal(cl_ledger_begin(lg, &err), CL_OK);
    assert_int_equal(load(lg, "bO", "2023-08-28", story), -1);
    assert_int_equal(load(lg, "bO", "2023-08-28", story), -1);
    assert_int_equal(load(lg, "bC", "2023-08-28", shorter), -1);
    assert_int_equal(cl_ledger_commit(lg, &err), CL_OK);
    cl_ledger_load_stats(lg, &after);
    assert_int_equal(after.added - before.added, 2);
    assert_int_equal(after.present - before.present, 1);
    assert_int_equal(cl_ledger_counts(lg, &docs1, &claims1, &err), CL_OK);
    assert_int_equal(docs1 - docs0, 2);
    assert_int_equal((uint64_t)(claims1 - claims0), after.claims - before.claims);
    cl_query q;
    cl_query_init(&q);
    q.place = "Robotyne";
    cl_result *r = cl_ledger_claims(lg, &q, &err);
    assert_non_null(r);
    assert_true(cl_result_count(r) >= 2);
    for (size_t i = 0; i < cl_result_count(r); i++) {
        const cl_claim_row *row = cl_result_claim(r, i);
        if (strcmp(row->doc_id, "bC") == 0)
            assert_string_equal(row->copy_of, "bO");
        else
            assert_null(row->copy_of);
    }
    cl_result_free(r);
    cl_ledger_close(lg);
}

/* A record written by hand: one claim of control of Marinka with the given interval. */
static void add_claim_record(cl_ledger *lg, const char *id, const char *hash, const char *lo,
                             const char *hi)
{
    char json[1024];
    int n = snprintf(json, sizeof json,
                     "{\"schema\":\"claimline-record/1\",\"id\":\"%s\",\"hash\":\"%s\","
                     "\"date\":{\"value\":\"%s\",\"basis\":\"metadata\"},\"claims\":[{"
                     "\"claimant\":\"the ministry\",\"side\":\"RUS\",\"stance\":\"assert\","
                     "\"predicate\":\"control\",\"place\":\"Marinka\",\"holder\":\"RUS\","
                     "\"when\":[\"%s\",\"%s\"],\"said\":[\"%s\",\"%s\"],\"sentence\":0,"
                     "\"evidence\":\"A sentence we wrote.\"}]}",
                     id, hash, hi, lo, hi, hi, hi);
    cl_error err;
    int added = 0;
    assert_int_equal(cl_ledger_add_json(lg, json, (size_t)n, &added, &err), CL_OK);
    assert_int_equal(added, 1);
}

static size_t marinka_since(cl_ledger *lg, const char *since)
{
    cl_query q;
    cl_query_init(&q);
    q.place = "Marinka";
    q.since = since;
    cl_error err;
    cl_result *r = cl_ledger_claims(lg, &q, &err);
    assert_non_null(r);
    size_t n = cl_result_count(r);
    cl_result_free(r);
    return n;
}

/* --since reads the place index from (since - the longest interval on record): a claim
 * whose long interval starts well before --since must still be found, in this session and
 * after reopening. */
static void since_finds_long_intervals(void **state)
{
    (void)state;
    cl_error err;
    cl_ledger *lg = cl_ledger_open(db, &err);
    assert_non_null(lg);
    add_claim_record(lg, "m-long", "5a1a000000000000000000000000000a", "2023-01-10", "2023-06-30");
    add_claim_record(lg, "m-day", "5a1a000000000000000000000000000b", "2023-07-01", "2023-07-01");
    assert_int_equal(marinka_since(lg, "2023-06-15"), 2);
    assert_int_equal(marinka_since(lg, "2023-07-01"), 1);
    assert_int_equal(marinka_since(lg, "2023-07-02"), 0);
    cl_ledger_close(lg);
    lg = cl_ledger_open_readonly(db, &err);
    assert_non_null(lg);
    assert_int_equal(marinka_since(lg, "2023-01-10"), 2);
    assert_int_equal(marinka_since(lg, "2023-06-30"), 2);
    cl_ledger_close(lg);
}

int run_ledger_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(idempotent_load),
                                       cmocka_unit_test(conflicts_respect_the_window),
                                       cmocka_unit_test(conflicts_group_by_kind),
                                       cmocka_unit_test(claim_document_has_the_evidence),
                                       cmocka_unit_test(syndicated_copies_count_once),
                                       cmocka_unit_test(batch_dedupes_and_finds_copies),
                                       cmocka_unit_test(since_finds_long_intervals)};
    int failed = cmocka_run_group_tests_name("ledger (SQLite)", tests, setup_sqlite, teardown_sqlite);
    const char *pg = getenv("CLAIMLINE_TEST_PG");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("ledger (PostgreSQL)", tests, setup_pg, teardown_pg);
    else
        fprintf(stderr, "ledger (PostgreSQL): skipped, CLAIMLINE_TEST_PG is not set\n");
    return failed;
}
