/* test_html.c - the reduction of a page before parsing (html_reduce.c): what it leaves out,
 * what it must keep, and that the extractor finds the same text, title and metadata
 * whether a page is parsed reduced or as given (every saved HTML fuzz input, the pages we
 * wrote here, and the benchmark pages under ../shared/eval/boilerplate/html when present);
 * then rules of the main-text choice on pages we wrote (data tables, split articles,
 * embedded posts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ingest/html.h"
#include "ingest/html_reduce.h"

typedef struct reduce_case {
    const char *in, *out;
} reduce_case;

static const reduce_case cases[] = {
    /* scripts and style sheets lose their contents, JSON-LD keeps them */
    {"<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>",
     "<p>a</p><script></script><p>b</p>"},
    {"<style>p { color: red }</style>x", "<style></style>x"},
    {"<script type=\"application/ld+json\">{\"datePublished\": \"2024-01-02\"}</script>",
     "<script type=\"application/ld+json\">{\"datePublished\": \"2024-01-02\"}</script>"},
    /* script escapes: inside "<!--", a nested "<script>" hides the next "</script>" */
    {"<script><!--<script>x</script>y--></script>z", "<script></script>z"},
    {"<script><!-->x</script>z", "<script></script>z"},
    /* an unclosed script swallows the rest for the parser too: left as it is */
    {"<script>if (a < b) {", "<script>if (a < b) {"},
    /* comments keep their node, not their text */
    {"a<!-- <script> -->b<!-->c<!--->d", "a<!---->b<!---->c<!---->d"},
    {"a<!-- never closed <p>x", "a<!---->"},
    /* attributes: only those read are kept; quoted '>' does not end a tag */
    {"<div class=\"body\" data-x=\"1 > 2\" onclick='f(\">\")' id=main>t</div>",
     "<div class=\"body\" id=main>t</div>"},
    {"<a href=\"/x\" rel=\"nofollow\" class=\"more\">m</a>", "<a class=\"more\">m</a>"},
    {"<link rel=\"canonical\" href=\"https://example.org/a\" media=all>",
     "<link rel=\"canonical\" href=\"https://example.org/a\">"},
    {"<meta property=\"og:title\" content=\"T\" data-n=\"1\">",
     "<meta property=\"og:title\" content=\"T\">"},
    /* an end tag's quoted attribute may hold '>' (found by the differential fuzzer) */
    {"</s i=\"><p \">x<p>y", "</s i=\"><p \">x<p>y"},
    /* formatting elements keep everything (the parser compares their attributes) */
    {"<b data-k=\"1\" class=\"x\">t</b>", "<b data-k=\"1\" class=\"x\">t</b>"},
    {"<br/><img src=\"x.jpg\" alt=\"a\"/>", "<br/><img/>"},
    /* raw-text elements are copied as they are, markup inside included */
    {"<title>A <script> in a title</title>", "<title>A <script> in a title</title>"},
    {"<textarea><!-- x --></textarea>", "<textarea><!-- x --></textarea>"},
    /* drawings of SVG elements only are left out; one that could show HTML is kept */
    {"<p>a<svg viewBox=\"0 0 1 1\"><g><path d=\"M0 0\"/></g></svg>b</p>",
     "<p>a<svg></svg>b</p>"},
    {"<svg><foreignObject><p>shown</p></foreignObject></svg>",
     "<svg><foreignObject><p>shown</p></foreignObject></svg>"},
    {"<svg><path d=\"M0\"/><p>breaks out</p></svg>",
     "<svg><path d=\"M0\"/><p>breaks out</p></svg>"},
    /* white space runs are cut to their first character */
    {"<p>\n    one   two\t\tthree\n</p>\n\n<p>x</p>", "<p>\none two\tthree\n</p>\n<p>x</p>"},
    /* what the tokenizer would drop or keep as text, untouched */
    {"a < b and <3 and </ 3> and <?php ?>", "a < b and <3 and </ 3> and <?php ?>"},
    {"<p class=\"x", "<p class=\"x"},
};

static void reduce_cases(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t len = strlen(cases[k].in);
        char *out = malloc(2 * len + 1);
        uint32_t depth;
        size_t n = cl_html_reduce(cases[k].in, len, out, &depth);
        if (n != strlen(cases[k].out) || memcmp(out, cases[k].out, n) != 0)
            fail_msg("case %zu: %s\n  gave     %.*s\n  expected %s", k, cases[k].in, (int)n, out,
                     cases[k].out);
        free(out);
    }
}

static void depth_estimate(void **state)
{
    (void)state;
    char out[256];
    uint32_t depth;
    cl_html_reduce("<div><div><p>x</p></div><br><img src=a></div>", 45, out, &depth);
    assert_int_equal(depth, 3);
    /* markup inside a script is not nesting */
    const char *js = "<script>for (;;) s += '<div><div><div><div>';</script><p>x";
    cl_html_reduce(js, strlen(js), out, &depth);
    assert_int_equal(depth, 1);
}

/* Extracts a page reduced and as given and checks both give the same result. */
static void same_both_ways(const char *name, const char *html, size_t len)
{
    cl_arena a, b;
    cl_arena_init(&a, 0);
    cl_arena_init(&b, 0);
    cl_html_page pr, pa;
    int ok_r = cl_html_extract(&a, html, len, CL_HTML_MAX_DEPTH, 0, &pr);
    int ok_a = cl_html_extract(&b, html, len, CL_HTML_MAX_DEPTH, CL_HTML_AS_IS, &pa);
    assert_int_equal(ok_r, ok_a);
    if (pr.text_len != pa.text_len || memcmp(pr.text, pa.text, pr.text_len) != 0)
        fail_msg("%s: main text differs when the page is reduced", name);
#define SAME(field)                                                                      \
    if ((pr.field == NULL) != (pa.field == NULL) || (pr.field && strcmp(pr.field, pa.field)))   \
        fail_msg("%s: %s differs when the page is reduced", name, #field);
    SAME(title)
    SAME(date)
    SAME(date_source)
    SAME(outlet)
    SAME(url)
#undef SAME
    cl_arena_release(&a);
    cl_arena_release(&b);
}

static void same_in_file(const char *path, const char *data, size_t len, void *ctx)
{
    (void)ctx;
    same_both_ways(path, data, len);
}

/* Every page in dir (plain or gzip); returns how many. */
static int same_in_dir(const char *dir)
{
    return test_each_file(dir, 1, same_in_file, NULL);
}

/* Pages written for this test: the parser's corners that a reduction could break. */
static const char *const pages[] = {
    "<html><head><title>Corners</title><script>document.write('<p>not text</p>')</script>"
    "<meta property=\"og:site_name\" content=\"Example Times\"></head><body>"
    "<div class=\"article-body\"><p>The council said on Monday that the bridge would reopen, "
    "after repairs that took longer than planned.</p><!-- ad slot -->"
    "<p>Engineers, who inspected it twice, found no new cracks.</p></div>"
    "<aside class=\"related\"><p>Other stories, picked for you, every day.</p></aside></body></html>",
    /* misnested formatting elements whose attributes differ only in dropped ones */
    "<p><b data-i=1><b data-i=2><b data-i=3><b data-i=4>bold text, with commas, that goes on"
    "</p><p>a second paragraph, still bold, as the parser reopens the elements.</p>",
    /* a table with text foster-parented out of it, and an svg icon in the middle */
    "<div class=\"story\"><table>stray text, here, before the row<tr><td>cell text, in a "
    "table, with commas.</td></tr></table><svg><use href=\"#i\"></use></svg>"
    "<p>After the table, the story goes on, and ends.</p></div>",
    /* a textarea and a title holding markup, a noscript with text */
    "<title>A <b>bold</b> title</title><body><textarea><p>not a paragraph</p></textarea>"
    "<noscript><p>Enable scripts, please, to see this.</p></noscript>"
    "<article><p>The article text, which is long enough, and has commas.</p></article>",
    /* an inline script that looks like it closes itself, then the article */
    "<body><script>var s = \"<\\/script><p>fake</p>\";</script><div id=\"content\">"
    "<p>Real text follows the script, with a comma, and a full stop.</p></div>",
};

static void same_text_reduced_or_not(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof pages / sizeof *pages; k++) {
        char name[32];
        snprintf(name, sizeof name, "page %zu", k);
        same_both_ways(name, pages[k], strlen(pages[k]));
    }
    int n = same_in_dir("fuzz/corpus/html");
    assert_true(n >= 4); /* the seeds we wrote must be there */
    const char *shared = getenv("CLAIMLINE_SHARED");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/eval/boilerplate/html", shared ? shared : "../shared");
    int bench = same_in_dir(dir);
    if (bench == 0)
        fprintf(stderr, "note: %s not found; benchmark pages not compared\n", dir);
}

/* The main text of a page we wrote, as a static buffer. */
static const char *main_text_of(const char *html)
{
    static char text[4096];
    cl_arena a;
    cl_arena_init(&a, 0);
    cl_html_page p;
    assert_int_equal(cl_html_extract(&a, html, strlen(html), CL_HTML_MAX_DEPTH, 0, &p), 1);
    snprintf(text, sizeof text, "%s", p.text);
    cl_arena_release(&a);
    return text;
}

#define STORY_P(x)                                                                        \
    "<p>" x " The committee met on a wet Tuesday, argued for an hour, and agreed on nothing "\
    "at all, which surprised nobody who had followed it.</p>"

static void main_text_rules(void **state)
{
    (void)state;
    /* a results table: each row read as one line */
    const char *table = main_text_of(
        "<body><nav><a href=/>Home</a> <a href=/a>Sport</a></nav><div class=\"article\">"
        STORY_P("First.") "<table><tr><th>Pos.</th><th>Rider</th><th>Points</th></tr>"
        "<tr><td>1</td><td>Ada Quill</td><td>412</td></tr>"
        "<tr><td>2</td><td><a href=/r/2>Ben Marsh</a></td><td>398</td></tr></table>"
        STORY_P("Second.") "</div></body>");
    assert_non_null(strstr(table, "1 Ada Quill 412"));
    assert_non_null(strstr(table, "Pos. Rider Points"));
    assert_null(strstr(table, "Home"));
    /* a layout table: its cells stay apart, the menu cell out */
    const char *layout = main_text_of(
        "<body><table><tr><td class=\"menu\"><ul><li><a href=/a>Archive</a></li>"
        "<li><a href=/b>Contact</a></li></ul></td><td><div class=\"story\">"
        STORY_P("Alpha.") STORY_P("Beta.") "</div></td></tr></table></body>");
    assert_non_null(strstr(layout, "Alpha."));
    assert_null(strstr(layout, "Archive"));
    /* an article cut into sections by a figure, each section in its own wrapper */
    const char *twins = main_text_of(
        "<body><div class=\"wrap\"><div class=\"post-body rich\">" STORY_P("One.")
        STORY_P("Two.") "</div></div><figure><img src=x.jpg><figcaption>A photo, with a "
        "caption, of the hall.</figcaption></figure><div class=\"wrap\"><section>"
        "<div class=\"post-body rich\">" STORY_P("Three.") "</div></section></div>"
        "<div class=\"promo-box\"><p>Subscribe today, and save a lot, on every issue we "
        "print.</p></div></body>");
    assert_non_null(strstr(twins, "One."));
    assert_non_null(strstr(twins, "Three."));
    assert_null(strstr(twins, "caption"));
    assert_null(strstr(twins, "Subscribe"));
    /* an embedded post quoted by the story stays; the share bar does not */
    const char *tweet = main_text_of(
        "<body><article>" STORY_P("Before.") "<div class=\"social-embed\">"
        "<blockquote class=\"twitter-tweet\"><p>The bridge is open again, finally, after "
        "two long years.</p>&mdash; A Reader (@reader) <a href=https://t.example/1>May 2, "
        "2024</a></blockquote></div>" STORY_P("After.")
        "<div class=\"social-share\"><p>Share this story on every network, now, please.</p>"
        "</div></article></body>");
    assert_non_null(strstr(tweet, "The bridge is open again"));
    assert_non_null(strstr(tweet, "After."));
    assert_null(strstr(tweet, "Share this story"));
}

int run_html_tests(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(reduce_cases),
                                       cmocka_unit_test(depth_estimate),
                                       cmocka_unit_test(same_text_reduced_or_not),
                                       cmocka_unit_test(main_text_rules)};
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
