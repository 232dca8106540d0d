/* gen_corpus.c - writes a news-shaped benchmark corpus as JSON lines.
 *
 * usage: gen_corpus MEGABYTES [SEED] > corpus.jsonl
 *
 * Articles are assembled from sentence templates written for this project (no text from
 * any article): datelines, reported claims of control, fighting and retreat with dates,
 * denials and hedges, direct quotes, background paragraphs, and the page chrome that real
 * scrapes carry (navigation, promos, captions). Place and actor names are facts. The same
 * seed gives the same corpus, byte for byte. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint32_t next_rand(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

#define PICK(a) ((a)[next_rand() % (sizeof(a) / sizeof((a)[0]))])

typedef struct war {
    const char *dateline;
    const char *side_a, *side_a_adj, *side_b, *side_b_adj;
    const char *spokes_a, *spokes_b;
    const char *towns[8];
    const char *regions[3];
} war;

static const war wars[] = {
    {"KYIV", "Russia", "Russian", "Ukraine", "Ukrainian", "Russia's defence ministry",
     "Ukraine's general staff",
     {"Bakhmut", "Avdiivka", "Soledar", "Kupiansk", "Vuhledar", "Marinka", "Lyman", "Pokrovsk"},
     {"the Donetsk region", "Luhansk province", "the Kharkiv region"}},
    {"PORT SUDAN", "the Sudanese army", "army", "the Rapid Support Forces", "RSF", "the army's spokesman",
     "an RSF commander",
     {"El Fasher", "Omdurman", "Wad Madani", "Nyala", "El Obeid", "Sennar", "Kadugli", "Geneina"},
     {"North Darfur", "Gezira state", "South Kordofan"}},
    {"BANGKOK", "the Myanmar military", "junta", "the Arakan Army", "rebel", "a junta spokesman",
     "an Arakan Army statement",
     {"Lashio", "Myawaddy", "Sittwe", "Paletwa", "Kyaukphyu", "Maungdaw", "Laukkai", "Hpakant"},
     {"Rakhine state", "Shan state", "Kachin state"}},
};

static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};
static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday"};
static const char *const outlets[] = {"Northwind News", "The Daily Ledger", "Harbor Wire",
                                      "Meridian Post", "Coastline Times"};

typedef struct out {
    char *buf;
    size_t len, cap;
} out;

static void put(out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + n + 1 > o->cap) {
        o->cap = (o->len + n + 1) * 2;
        o->buf = realloc(o->buf, o->cap);
        if (!o->buf) {
            perror("gen_corpus");
            exit(1);
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void putf(out *o, const char *fmt, const char *a, const char *b, const char *c)
{
    char line[1024];
    snprintf(line, sizeof line, fmt, a, b, c);
    put(o, line);
}

/* One paragraph of reporting about war w; day is the article's weekday index. */
static void paragraph(out *o, const war *w, int day)
{
    const char *town = PICK(w->towns), *town2 = PICK(w->towns), *region = PICK(w->regions);
    const char *past = weekdays[(day + 6) % 7];
    switch (next_rand() % 12) {
    case 0:
        putf(o, "%s said on %s that its forces had taken full control of %s. ", w->spokes_a, past, town);
        putf(o, "%s said the fighting for %s was still going on. ", w->spokes_b, town, NULL);
        break;
    case 1:
        putf(o, "%s denied that %s had fallen, saying its units were holding their positions. ", w->spokes_b, town, NULL);
        break;
    case 2:
        putf(o, "\\\"The enemy has been pushed back from %s,\\\" %s said in a statement late on %s. ", town, w->spokes_b, past);
        break;
    case 3:
        putf(o, "Analysts said %s forces had likely advanced toward %s but could not confirm %s control of the town. ", w->side_a_adj, town, w->side_a_adj);
        break;
    case 4:
        putf(o, "Heavy fighting continued around %s and %s, according to %s. ", town, town2, w->spokes_b);
        break;
    case 5:
        putf(o, "%s said its troops repelled several attacks near %s in %s. ", w->spokes_b, town, region);
        break;
    case 6:
        putf(o, "%s forces withdrew from %s to avoid encirclement, %s said. ", w->side_b_adj, town, w->spokes_a);
        break;
    case 7:
        putf(o, "Residents who fled %s earlier this week described days of shelling. ", town, NULL, NULL);
        put(o, "Aid groups said thousands of people were still trapped without water or power. ");
        break;
    case 8:
        putf(o, "Even if %s falls, the wider front in %s would hold, a military analyst said. ", town, region, NULL);
        break;
    case 9:
        putf(o, "The claims could not be independently verified. %s has not confirmed the loss of %s. ", w->side_b, town, NULL);
        break;
    case 10:
        putf(o, "%s is seeking to capture %s before the rains begin, officials in %s said. ", w->side_a, town, region);
        break;
    default:
        putf(o, "The battle for %s has lasted months and left much of the town in ruins. ", town, NULL, NULL);
        put(o, "Both sides have reported heavy losses, though neither gives precise figures. ");
        break;
    }
}

static void article(out *o, unsigned long n)
{
    const war *w = &wars[next_rand() % (sizeof wars / sizeof wars[0])];
    int year = 2022 + (int)(next_rand() % 3), month = (int)(next_rand() % 12), mday = 1 + (int)(next_rand() % 28);
    int day = (int)(next_rand() % 7);
    const char *outlet = PICK(outlets);
    char head[512], date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", year, month + 1, mday);
    snprintf(head, sizeof head,
             "{\"id\":\"bench-%07lu\",\"url\":\"https://news.example/%lu\",\"date\":\"%s\","
             "\"outlet\":\"%s\",\"title\":\"Fighting around %s as %s claims gains\",\"text\":\"",
             n, n, date, outlet, PICK(w->towns), w->side_a);
    put(o, head);
    if (next_rand() % 3 == 0)
        put(o, "Skip to main content\\nMenu\\nSubscribe for unlimited access\\n\\n");
    char dl[256];
    snprintf(dl, sizeof dl, "%s, %s %d (%s) - ", w->dateline, months[month], mday, outlet);
    put(o, dl);
    int paras = 4 + (int)(next_rand() % 10);
    for (int p = 0; p < paras; p++) {
        int sents = 1 + (int)(next_rand() % 3);
        for (int s = 0; s < sents; s++)
            paragraph(o, w, day);
        put(o, "\\n\\n");
        if (next_rand() % 17 == 0)
            put(o, "Read more: Ten charts that explain the winter\\n\\n");
    }
    if (next_rand() % 4 == 0)
        put(o, "Reporting by staff; editing by the night desk\\nOur standards: the trust principles\\n");
    put(o, "\"}\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: gen_corpus MEGABYTES [SEED] > corpus.jsonl\n", stderr);
        return 2;
    }
    double mb = atof(argv[1]);
    rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) | 1 : 88172645463325252ull;
    size_t target = (size_t)(mb * 1048576.0), written = 0;
    out o = {0};
    for (unsigned long n = 1; written < target; n++) {
        o.len = 0;
        article(&o, n);
        fwrite(o.buf, 1, o.len, stdout);
        written += o.len;
    }
    free(o.buf);
    return 0;
}
