/* test_fuzz_replay.c - replays every saved fuzz input (the files under fuzz/corpus/TARGET), so a crash
 * once found and fixed stays fixed; under the sanitizer build this is the regression run. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "targets.h"

static void replay_one(const char *path, const char *data, size_t len, void *ctx)
{
    (void)path;
    const cl_fuzz_target *t = ctx;
    t->fn((const uint8_t *)data, len);
}

static int replay_dir(const cl_fuzz_target *t)
{
    char dir[256];
    snprintf(dir, sizeof dir, "fuzz/corpus/%s", t->name);
    return test_each_file(dir, 0, replay_one, (void *)t);
}

static void replay_corpora(void **state)
{
    (void)state;
    int total = 0;
    for (const cl_fuzz_target *t = cl_fuzz_targets; t->name; t++)
        total += replay_dir(t);
    /* the seeds we wrote must be there: a missing corpus would make this test empty */
    assert_true(total >= 8);
}

int run_fuzz_replay_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(replay_corpora)};
    return cmocka_run_group_tests_name("fuzz-replay", tests, NULL, NULL);
}
