/* test_util.c - arena, buffer, JSON writer, UTF-8, string map, place keys, calendar. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "place/placekey.h"
#include "time/calendar.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "util/strmap.h"
#include "util/utf8.h"

static void arena_grows_and_caps(void **state)
{
    (void)state;
    cl_arena a;
    cl_arena_init(&a, 0);
    CL_VEC(int) v = {0};
    for (int i = 0; i < 100000; i++)
        CL_VEC_PUSH(&a, v) = i;
    assert_int_equal(v.n, 100000);
    assert_int_equal(v.v[99999], 99999);
    char *s = cl_arena_printf(&a, "%s-%d", "x", 7);
    assert_string_equal(s, "x-7");
    cl_arena_release(&a);

    /* a capped arena jumps to its recovery point instead of growing past the cap */
    cl_arena capped;
    cl_arena_init(&capped, 1 << 20);
    jmp_buf jb;
    capped.on_fail = &jb;
    volatile int failed = 0;
    if (setjmp(jb)) {
        failed = 1;
    } else {
        for (int i = 0; i < 100; i++)
            cl_arena_alloc(&capped, 100000);
    }
    assert_true(failed);
    assert_true(capped.failed_by_cap);
    cl_arena_release(&capped);
}

static void buf_respects_limit(void **state)
{
    (void)state;
    cl_buf b;
    cl_buf_init(&b, 10);
    cl_buf_puts(&b, "12345");
    assert_true(cl_buf_ok(&b));
    cl_buf_puts(&b, "678901");
    assert_false(cl_buf_ok(&b));
    assert_int_equal(b.len, 5);
    cl_buf_free(&b);
}

static void json_escapes(void **state)
{
    (void)state;
    cl_buf b;
    cl_buf_init(&b, 0);
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "a");
    jw_str(&w, "q\"\\\n\x01\xff ok \xc3\xa9");
    jw_key(&w, "n");
    jw_null(&w);
    jw_key(&w, "arr");
    jw_arr_begin(&w);
    jw_int(&w, 1);
    jw_double(&w, NAN, 2);
    jw_arr_end(&w);
    jw_obj_end(&w);
    assert_string_equal(b.data, "{\"a\":\"q\\\"\\\\\\n\\u0001\xef\xbf\xbd ok \xc3\xa9\",\"n\":null,\"arr\":[1,null]}");
    cl_buf_free(&b);
    /* every special byte at every offset of a 20-byte plain run: the 8-bytes-at-a-time path
     * must hand each one to the byte-wise escapes */
    static const char *const specials[][2] = {{"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"},
                                              {"\x1f", "\\u001f"}, {"\xc3\xa9", "\xc3\xa9"},
                                              {"\xff", "\xef\xbf\xbd"}, {" ", " "}};
    for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
        for (int at = 0; at <= 20; at++) {
            char in[64], want[64];
            snprintf(in, sizeof in, "%.*s%s%.*s", at, "abcdefghijklmnopqrst", specials[k][0],
                     20 - at, "ABCDEFGHIJKLMNOPQRST");
            snprintf(want, sizeof want, "%.*s%s%.*s", at, "abcdefghijklmnopqrst", specials[k][1],
                     20 - at, "ABCDEFGHIJKLMNOPQRST");
            cl_buf e;
            cl_buf_init(&e, 0);
            cl_json_escape(&e, in, strlen(in));
            assert_string_equal(e.data, want);
            cl_buf_free(&e);
        }
    }
}

static void utf8_validation(void **state)
{
    (void)state;
    size_t nuls;
    assert_int_equal(cl_utf8_count_invalid("plain", 5, &nuls), 0);
    assert_int_equal(cl_utf8_count_invalid("\xc3\xa9\xe2\x80\x99", 5, &nuls), 0);
    assert_int_equal(cl_utf8_count_invalid("\xc0\xaf", 2, &nuls), 2);      /* overlong */
    assert_int_equal(cl_utf8_count_invalid("\xed\xa0\x80", 3, &nuls), 3);  /* surrogate */
    assert_int_equal(cl_utf8_count_invalid("a\0b", 3, &nuls), 0);
    assert_int_equal(nuls, 1);
    char out[32];
    size_t n = cl_utf8_repair("a\xffz", 3, out);
    assert_int_equal(n, 5);
    assert_string_equal(out, "a\xef\xbf\xbdz");
}

static void strmap_is_case_insensitive(void **state)
{
    (void)state;
    cl_arena a;
    cl_arena_init(&a, 0);
    cl_strmap m;
    cl_strmap_init(&m, &a, 2);
    for (uint32_t i = 0; i < 1000; i++) {
        char k[16];
        snprintf(k, sizeof k, "Key%u", i);
        assert_true(cl_strmap_put(&m, &a, k, strlen(k), i));
    }
    uint32_t v;
    assert_true(cl_strmap_get(&m, "KEY512", 6, &v));
    assert_int_equal(v, 512);
    assert_false(cl_strmap_get(&m, "key1000", 7, &v));
    assert_false(cl_strmap_put(&m, &a, "key5", 4, 9));
    cl_arena_release(&a);
}

static void place_keys_meet_across_spellings(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"Avdiivka", "Avdiyivka"},   {"Kupiansk", "Kupyansk"},    {"Kupiansk", "Kupjansk"},
        {"Siversk", "Sivers\xe2\x80\x99k"}, {"Zaporizhzhia", "Zaporizhia"}, {"Marinka", "Mar'yinka"},
        {"Kramatorsk", "KRAMATORSK"}, {"S\xc3\xa3o Paulo", "Sao Paulo"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char a[64], b[64];
        cl_place_key(pairs[i][0], strlen(pairs[i][0]), a, sizeof a);
        cl_place_key(pairs[i][1], strlen(pairs[i][1]), b, sizeof b);
        assert_string_equal(a, b);
    }
}

static void ledger_names_hide_passwords(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"postgresql://ana:s3cret@db.example:5432/news", "postgresql://ana:***@db.example:5432/news"},
        {"postgresql://ana@db/news?password=s3cret&sslmode=require",
         "postgresql://ana@db/news?password=***&sslmode=require"},
        {"postgres://db/news?sslmode=require&password=s3cret", "postgres://db/news?sslmode=require&password=***"},
        {"postgresql://ana@db/news", "postgresql://ana@db/news"},
        {"/var/lib/claimline/ledger.db", "/var/lib/claimline/ledger.db"},
        {"postgresql://db/a@b", "postgresql://db/a@b"}, /* '@' after the host: no user */
    };
    char out[256];
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_string_equal(cl_ledger_display_name(cases[k][0], out, sizeof out), cases[k][1]);
    char small[12];
    cl_ledger_display_name(cases[0][0], small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_null(strstr(small, "s3c"));
}

static void calendar_round_trips(void **state)
{
    (void)state;
    for (int32_t z = -800000; z < 800000; z += 997) {
        int y, m, d;
        cl_civil_from_days(z, &y, &m, &d);
        assert_int_equal(cl_days_from_civil(y, m, d), z);
    }
    assert_int_equal(cl_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(cl_weekday(cl_days_from_civil(2023, 1, 13)), 5); /* a Friday */
    int iy, w;
    cl_iso_week(cl_days_from_civil(2023, 1, 12), &iy, &w);
    assert_int_equal(iy, 2023);
    assert_int_equal(w, 2);
    cl_iso_week(cl_days_from_civil(2021, 1, 3), &iy, &w);
    assert_int_equal(iy, 2020);
    assert_int_equal(w, 53);
    assert_false(cl_is_valid_date(2023, 2, 29));
    assert_true(cl_is_valid_date(2024, 2, 29));
    cl_interval iv;
    assert_true(cl_parse_iso_interval("2023-W02", &iv));
    char lo[16], hi[16];
    cl_format_day(iv.lo, lo);
    cl_format_day(iv.hi, hi);
    assert_string_equal(lo, "2023-01-09");
    assert_string_equal(hi, "2023-01-15");
    assert_true(cl_parse_iso_interval("2023-05", &iv));
    assert_int_equal(iv.hi - iv.lo, 30);
    assert_false(cl_parse_iso_interval("2023-13", &iv));
}

int run_util_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_grows_and_caps),   cmocka_unit_test(buf_respects_limit),
        cmocka_unit_test(json_escapes),           cmocka_unit_test(utf8_validation),
        cmocka_unit_test(strmap_is_case_insensitive),
        cmocka_unit_test(place_keys_meet_across_spellings),
        cmocka_unit_test(calendar_round_trips),
        cmocka_unit_test(ledger_names_hide_passwords),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
