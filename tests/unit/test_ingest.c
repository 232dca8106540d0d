/* test_ingest.c - the reader: files, directories, JSON lines, and every kind of bad input
 * reported without losing the good documents. Fixtures are written to a temp directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char dir[256];

static void write_file(const char *name, const char *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(data, 1, len, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/claimline-test-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0700);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

typedef struct counts {
    int docs, rejects;
    char ids[16][64];
    char reasons[16][256];
} counts;

static void read_all(const char *path, counts *c)
{
    memset(c, 0, sizeof *c);
    cl_error err;
    cl_reader *rd = cl_reader_new(&err);
    assert_non_null(rd);
    cl_reader_set_limit(rd, 4096);
    assert_int_equal(cl_reader_add_path(rd, path, &err), CL_OK);
    cl_input in;
    cl_error rej;
    cl_read_kind k;
    while ((k = cl_reader_next(rd, &in, &rej)) != CL_READ_END) {
        if (k == CL_READ_DOC) {
            if (c->docs < 16)
                snprintf(c->ids[c->docs], 64, "%s", in.id);
            c->docs++;
        } else {
            if (c->rejects < 16)
                snprintf(c->reasons[c->rejects], 256, "%.100s:%llu %.140s", rej.source,
                         (unsigned long long)rej.line, rej.message);
            c->rejects++;
        }
    }
    cl_reader_free(rd);
}

static void jsonl_with_bad_lines(void **state)
{
    (void)state;
    const char data[] =
        "{\"id\":\"a1\",\"date\":\"2024-02-17\",\"title\":\"T\",\"text\":\"Troops held the bridge.\"}\n"
        "{\"id\":\"a2\",\"text\":\"Truncated line\n"
        "\n"
        "[1,2,3]\n"
        "{\"id\":\"a3\"}\n"
        "{\"id\":7,\"text\":\"Numeric ids are kept.\"}\n";
    write_file("feed.jsonl", data, sizeof data - 1);
    char path[512];
    snprintf(path, sizeof path, "%s/feed.jsonl", dir);
    counts c;
    read_all(path, &c);
    assert_int_equal(c.docs, 2);
    assert_string_equal(c.ids[0], "a1");
    assert_string_equal(c.ids[1], "7");
    assert_int_equal(c.rejects, 3);
    assert_non_null(strstr(c.reasons[0], ":2 invalid JSON"));
    assert_non_null(strstr(c.reasons[1], ":4 JSON line is not an object"));
    assert_non_null(strstr(c.reasons[2], ":5 no \"text\" or \"html\" field"));
}

static void directory_walk_and_junk(void **state)
{
    (void)state;
    write_file("b.txt", "The second article about the ferry.", 35);
    write_file("a.txt", "The first article about the bridge.", 35);
    write_file("sub/c.txt", "A third one in a folder.", 24);
    write_file("empty.txt", "", 0);
    char big[5000];
    memset(big, 'x', sizeof big);
    write_file("sub/huge.txt", big, sizeof big);
    counts c;
    read_all(dir, &c);
    /* a.txt, b.txt, feed.jsonl (2 docs), sub/c.txt; rejected: empty, huge, 3 bad lines */
    assert_int_equal(c.docs, 5);
    assert_string_equal(c.ids[0], "a");
    assert_string_equal(c.ids[1], "b");
    assert_int_equal(c.rejects, 5);
}

static void over_long_json_line_is_skipped(void **state)
{
    (void)state;
    size_t n = 10000;
    char *data = malloc(n + 200);
    int o = sprintf(data, "{\"id\":\"long\",\"text\":\"");
    memset(data + o, 'y', n);
    o += (int)n;
    o += sprintf(data + o, "\"}\n{\"id\":\"short\",\"text\":\"After the long one.\"}\n");
    write_file("long.jsonl", data, (size_t)o);
    free(data);
    char path[512];
    snprintf(path, sizeof path, "%s/long.jsonl", dir);
    counts c;
    read_all(path, &c);
    assert_int_equal(c.docs, 1);
    assert_string_equal(c.ids[0], "short");
    assert_int_equal(c.rejects, 1);
    assert_non_null(strstr(c.reasons[0], "longer than"));
}

static void missing_path(void **state)
{
    (void)state;
    counts c;
    read_all("/nonexistent/claimline/input", &c);
    assert_int_equal(c.docs, 0);
    assert_int_equal(c.rejects, 1);
}

int run_ingest_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_with_bad_lines), cmocka_unit_test(directory_walk_and_junk),
        cmocka_unit_test(over_long_json_line_is_skipped), cmocka_unit_test(missing_path)};
    return cmocka_run_group_tests_name("ingest", tests, setup, teardown);
}
