/* test_doc.c - per-document stages on texts we wrote: metadata, cleaning, dates,
 * attribution. (Language cases live in the spec files; these check mechanics.) */
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "helpers.h"
#include "ingest/textmeta.h"
#include "time/calendar.h"

static int removed_reason(const cl_doc *doc, uint32_t line, const char *reason)
{
    for (uint32_t i = 0; i < doc->removed.n; i++)
        if (doc->removed.v[i].line == line)
            return strcmp(cl_removal_name(doc->removed.v[i].reason), reason) == 0;
    return 0;
}

static int is_removed(const cl_doc *doc, uint32_t line)
{
    for (uint32_t i = 0; i < doc->removed.n; i++)
        if (doc->removed.v[i].line == line)
            return 1;
    return 0;
}

static void metadata_field(void **state)
{
    (void)state;
    cl_textmeta m;
    assert_true(cl_textmeta_parse(" date 2024-02-17 The town was quiet.", 36, &m));
    assert_string_equal(m.date, "2024-02-17");
    assert_int_equal(m.body_offset, 17);
    assert_false(cl_textmeta_parse("Date palms grew along the road.", 31, &m));
    assert_false(cl_textmeta_parse(" date 2024-02-30 text", 21, &m));
    cl_doc *doc = test_extract(" date 2024-02-17 The column reached the river on Saturday.", NULL, 0);
    assert_non_null(doc);
    char day[16];
    cl_format_day(doc->date.lo, day);
    assert_string_equal(day, "2024-02-17");
    assert_int_equal(doc->date_basis, CL_DATE_METADATA);
    assert_memory_equal(doc->text, "The column", 10);
    assert_string_equal(doc->timexes.v[0].value, "2024-02-17");
    cl_doc_free(doc);
    /* no date anywhere: unknown, not a guess */
    doc = test_extract("The column reached the river on Saturday.", NULL, 0);
    assert_false(cl_interval_known(doc->date));
    assert_int_equal(doc->date_basis, CL_DATE_NONE);
    cl_doc_free(doc);
}

static const char page[] =
    "Skip to main content\n"                                                   /* 1 */
    "\n"
    "Sign in\n"                                                                /* 3 */
    "\n"
    "River Crossing Holds After Night of Shelling\n"                           /* 5 */
    "\n"
    "River Crossing Holds After Night of Shelling\n"                           /* 7 */
    "\n"
    "HARBOURTON (Northgate Press) - The garrison at the river crossing said on Sunday that it had held its positions through a night of heavy shelling.\n" /* 9 */
    "\n"
    "Engineers worked through the morning to repair the damaged pontoon, according to a local official.\n" /* 11 */
    "\n"
    "Bank Merger Talks Collapse In Final Hours\n"                              /* 13 */
    "More Stories You May Like\n"                                             /* 14 */
    "\n"
    "Bank Merger Talks Collapse In Final Hours\n"                              /* 16 */
    "\n"
    "Merger talks between two regional banks collapsed late on Friday after the lenders failed to agree on a price.\n" /* 18 */
    "\n"
    "The regional commander said reinforcements would arrive within days and that morale remained high.\n" /* 20 */
    "\n"
    "Soldiers unload supplies near the crossing Photo: Jane Roe/Northgate Press\n" /* 22 */
    "\n"
    "This story is developing and will be updated.\n"                         /* 24 */
    "\n"
    "Spotted an error? Let our corrections desk know.\n"                      /* 26 */
    "\n"
    "Subscribe today\n"                                                        /* 28 */
    "  \xe2\x80\xa2 Unlimited digital access\n"                                /* 29 */
    "  \xe2\x80\xa2 Ad free reading on every device\n"                          /* 30 */
    "  \xe2\x80\xa2 All newsletters and podcasts\n"                            /* 31 */
    "\n"
    "Ferry Service Resumes On The Northern Lake\n"                             /* 33 */
    "\n"
    "LAKETOWN (Northgate Press) - The ferry service across the northern lake resumed on Monday after a two-week...\n" /* 35 */
    "\n"
    "Read more\n";                                                             /* 37 */

static void cleaner_removes_chrome(void **state)
{
    (void)state;
    cl_doc *doc = test_extract(page, NULL, 0);
    assert_non_null(doc);
    assert_true(removed_reason(doc, 1, "nav"));
    assert_true(removed_reason(doc, 3, "nav"));
    assert_true(removed_reason(doc, 5, "title"));
    assert_true(removed_reason(doc, 7, "duplicate-title"));
    assert_string_equal(doc->title, "River Crossing Holds After Night of Shelling");
    /* the injected story: headline, list marker, repeat and its teaser paragraph */
    assert_true(removed_reason(doc, 13, "injected"));
    assert_true(is_removed(doc, 14));
    assert_true(removed_reason(doc, 16, "injected"));
    assert_true(removed_reason(doc, 18, "injected"));
    assert_true(removed_reason(doc, 22, "caption"));
    assert_true(removed_reason(doc, 24, "notice"));
    assert_true(removed_reason(doc, 26, "footer"));
    for (uint32_t l = 28; l <= 31; l++)
        assert_true(removed_reason(doc, l, "promo"));
    assert_true(removed_reason(doc, 33, "teaser"));
    assert_true(removed_reason(doc, 35, "teaser"));
    assert_true(removed_reason(doc, 37, "teaser"));
    /* content stays */
    assert_false(is_removed(doc, 9));
    assert_false(is_removed(doc, 11));
    assert_false(is_removed(doc, 20));
    assert_string_equal(doc->dateline_place, "Harbourton");
    assert_string_equal(doc->dateline_outlet, "Northgate Press");
    assert_string_equal(doc->outlet, "Northgate Press");
    /* the dateline is a segment of its own (its date can be tagged); the first sentence
     * starts after it, and both map back to input line 9 */
    assert_int_equal(doc->sentences.v[0].end - doc->sentences.v[0].start, doc->dateline.end - doc->dateline.start - 1);
    assert_int_equal(doc->sentences.v[1].line, 9);
    assert_memory_equal(doc->text + doc->sentences.v[1].start, "The garrison", 12);
    cl_doc_free(doc);
}

static void no_clean_keeps_text(void **state)
{
    (void)state;
    cl_doc *doc = test_extract(page, NULL, CL_EXTRACT_NO_CLEAN);
    assert_int_equal(doc->text_len, strlen(page));
    assert_memory_equal(doc->text, page, strlen(page));
    assert_int_equal(doc->removed.n, 0);
    cl_doc_free(doc);
}

static void live_blog_subheadings_stay(void **state)
{
    (void)state;
    static const char blog[] =
        "Updates from the front on Tuesday:\n"                                      /* 1 */
        "\n"
        "Bridge near the river town reopened\n"                                    /* 3 */
        "\n"
        "The regional administration said the bridge reopened to traffic after repairs that lasted two weeks.\n" /* 5 */
        "\n"
        "Winter Fuel Prices: What Households Should Know\n"                         /* 7 */
        "\n"
        "Drone attack damages power station\n"                                      /* 9 */
        "\n"
        "A drone attack damaged a power station overnight, leaving thousands without electricity, officials said.\n"; /* 11 */
    cl_doc *doc = test_extract(blog, NULL, 0);
    assert_false(is_removed(doc, 3));   /* a subheading with its paragraph */
    assert_true(removed_reason(doc, 7, "teaser")); /* stacked on another headline */
    assert_false(is_removed(doc, 9));
    assert_false(is_removed(doc, 5));
    assert_false(is_removed(doc, 11));
    cl_doc_free(doc);
}

static void invalid_utf8_is_repaired_with_warning(void **state)
{
    (void)state;
    cl_doc *doc = test_extract("The caf\xe9 near the square was shelled on Monday.", NULL, 0);
    assert_non_null(doc);
    assert_int_equal(doc->warnings.n, 1);
    assert_non_null(strstr(doc->text, "\xef\xbf\xbd"));
    cl_doc_free(doc);
}

static void binary_is_rejected(void **state)
{
    (void)state;
    char junk[256];
    for (int i = 0; i < 256; i++)
        junk[i] = (char)(i * 37);
    cl_input in = {0};
    in.id = "junk";
    in.source = "junk.bin";
    in.text = junk;
    in.text_len = sizeof junk;
    cl_error err;
    assert_null(cl_extract(test_ctx(), &in, 0, &err));
    assert_int_equal(err.status, CL_EENCODING);
    assert_non_null(strstr(err.message, "binary"));
}

static void memory_cap_rejects_cleanly(void **state)
{
    (void)state;
    cl_options o;
    cl_options_init(&o);
    o.max_doc_memory = 256 * 1024;
    cl_error err;
    cl_context *ctx = cl_context_new(&o, &err);
    assert_non_null(ctx);
    size_t n = 200000;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = (i % 7 == 6) ? ' ' : 'a';
    big[n] = '\0';
    cl_input in = {0};
    in.id = "big";
    in.source = "big.txt";
    in.text = big;
    in.text_len = n;
    assert_null(cl_extract(ctx, &in, 0, &err));
    assert_int_equal(err.status, CL_ELIMIT);
    free(big);
    cl_context_free(ctx);
}

static void pronoun_speaker_resolves(void **state)
{
    (void)state;
    cl_doc *doc = test_extract(
        "Ukraine's Deputy Defence Minister Hanna Maliar said the line held.\n\n"
        "\"We are not leaving,\" she said. \"Not one step back.\"", "2024-02-17", 0);
    assert_true(doc->attributions.n >= 3);
    const cl_attribution *a = &doc->attributions.v[1];
    assert_true(a->resolved);
    assert_string_equal(a->side, "UKR");
    assert_int_equal(a->kind, CL_ATTR_DIRECT);
    /* the second quotation continues the same speaker */
    const cl_attribution *b = &doc->attributions.v[2];
    assert_string_equal(b->side, "UKR");
    assert_non_null(strstr(test_span(doc, b->content.start, b->content.end), "Not one step"));
    cl_doc_free(doc);
}

/* A cue set off by commas inside the sentence reports the whole sentence around it. */
static void parenthetical_cue_reports_the_sentence(void **state)
{
    (void)state;
    cl_doc *doc = test_extract("The new dam, the regional governor said on Friday, would be finished "
                               "before the spring floods.", "2024-02-17", 0);
    assert_int_equal(doc->attributions.n, 1);
    const cl_attribution *a = &doc->attributions.v[0];
    const char *content = test_span(doc, a->content.start, a->content.end);
    assert_non_null(strstr(content, "The new dam"));
    assert_non_null(strstr(content, "before the spring floods"));
    cl_doc_free(doc);
}

/* "Since October" runs from October to when it was said; "the town" is not the place
 * introduced as a village. */
static void claim_since_and_the_town(void **state)
{
    (void)state;
    cl_doc *doc = test_extract(
        "Since October, Russian forces have made gains around the town of Avdiivka, the "
        "Institute for the Study of War said on Thursday.\n\n"
        "The ministry said Russian units had advanced in the nearby village of Lastochkyne.\n\n"
        "The institute said fighting went on in the town.",
        "2024-02-17", 0);
    int since = 0, town = 0;
    for (uint32_t i = 0; i < doc->claims.n; i++) {
        const cl_claim *c = &doc->claims.v[i];
        const char *place = doc->places.v[c->place].name;
        if (c->sentence == 0) {
            int32_t oct1, thu;
            assert_true(cl_parse_day("2023-10-01", &oct1) && cl_parse_day("2024-02-15", &thu));
            assert_int_equal(c->when.lo, oct1);
            assert_int_equal(c->when.hi, thu);
            since = 1;
        }
        if (c->sentence == 2) {
            assert_string_equal(place, "Avdiyivka"); /* not the village */
            town = 1;
        }
    }
    assert_true(since && town);
    cl_doc_free(doc);
}

/* "On Sunday, X said ...": said on Sunday; a capture dated after the article (a month
 * name read as next year's) is left undated rather than dated in the future. */
static void claim_said_fronted_and_no_future_dates(void **state)
{
    (void)state;
    cl_doc *doc = test_extract(
        "On Sunday, the General Staff in Kyiv said its troops had repelled assaults near "
        "Kurakhove.\n\n"
        "Russian forces have been advancing in the Donetsk region for more than a year, "
        "capturing Avdiivka in February.",
        "2025-01-06", 0);
    int32_t sunday;
    assert_true(cl_parse_day("2025-01-05", &sunday));
    int said = 0, undated = 0;
    for (uint32_t i = 0; i < doc->claims.n; i++) {
        const cl_claim *c = &doc->claims.v[i];
        const char *place = doc->places.v[c->place].name;
        if (c->sentence == 0) {
            assert_string_equal(c->side, "UKR");
            assert_int_equal(c->said.lo, sunday);
            said = 1;
        }
        if (c->sentence == 1 && strcmp(place, "Avdiyivka") == 0) {
            assert_false(cl_interval_known(c->when));
            undated = 1;
        }
    }
    assert_true(said && undated);
    cl_doc_free(doc);
}

/* A claim's period ends when it was said: "this month" on the 6th is the 1st to the 6th;
 * a later clause's time does not date it. */
static void claim_period_ends_when_said(void **state)
{
    (void)state;
    cl_doc *doc = test_extract("Kyiv said on Wednesday its forces had advanced near Orlivka this month.\n\n"
                               "Myanmar's army said its forces had retaken Lashio, which rebels "
                               "captured in August.",
                               "2024-03-06", 0);
    int32_t first, wednesday;
    assert_true(cl_parse_day("2024-03-01", &first) && cl_parse_day("2024-03-06", &wednesday));
    int month = 0, lashio = 0;
    for (uint32_t i = 0; i < doc->claims.n; i++) {
        const cl_claim *c = &doc->claims.v[i];
        if (c->sentence == 0) {
            assert_int_equal(c->when.lo, first);
            assert_int_equal(c->when.hi, wednesday);
            month = 1;
        }
        if (c->sentence == 1) { /* dated when it was said, not in August */
            assert_int_equal(c->when.lo, wednesday);
            lashio = 1;
        }
    }
    assert_true(month && lashio);
    cl_doc_free(doc);
}

int run_time_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(metadata_field)};
    return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}

int run_clean_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cleaner_removes_chrome), cmocka_unit_test(no_clean_keeps_text),
        cmocka_unit_test(live_blog_subheadings_stay),
        cmocka_unit_test(invalid_utf8_is_repaired_with_warning),
        cmocka_unit_test(binary_is_rejected), cmocka_unit_test(memory_cap_rejects_cleanly)};
    return cmocka_run_group_tests_name("clean", tests, NULL, NULL);
}

int run_attrib_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(pronoun_speaker_resolves),
                                       cmocka_unit_test(parenthetical_cue_reports_the_sentence),
                                       cmocka_unit_test(claim_since_and_the_town),
                                       cmocka_unit_test(claim_said_fronted_and_no_future_dates),
                                       cmocka_unit_test(claim_period_ends_when_said)};
    return cmocka_run_group_tests_name("attrib", tests, NULL, NULL);
}
