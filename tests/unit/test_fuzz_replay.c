/* test_fuzz_replay.c - replays every saved fuzz input (the files under fuzz/corpus/TARGET), so a crash
 * once found and fixed stays fixed; under the sanitizer build this is the regression run. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "targets.h"

static int replay_dir(const cl_fuzz_target *t)
{
    char dir[256];
    snprintf(dir, sizeof dir, "fuzz/corpus/%s", t->name);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, 0, SEEK_SET);
        unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
        size_t got = size > 0 ? fread(buf, 1, (size_t)size, f) : 0;
        fclose(f);
        t->fn(buf, got);
        free(buf);
        n++;
    }
    closedir(d);
    return n;
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
