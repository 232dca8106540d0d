/* textmeta.c - see textmeta.h. */
#include "ingest/textmeta.h"

#include <string.h>

#include "time/calendar.h"
#include "util/text.h"

static const char *const meta_keys[] = {"date", "published", "pubdate", "updated", NULL};

int cl_textmeta_parse(const char *text, size_t len, cl_textmeta *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    /* A UTF-8 byte order mark is not text either. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && cl_is_hspace(text[i]))
        i++;
    for (const char *const *k = meta_keys; *k; k++) {
        size_t kl = strlen(*k);
        if (i + kl >= len || !cl_starts_ci(text + i, len - i, *k))
            continue;
        size_t j = i + kl;
        if (cl_is_ascii_alpha(text[j]))
            continue;
        while (j < len && (cl_is_hspace(text[j]) || text[j] == ':' || text[j] == '='))
            j++;
        int y, m, d;
        if (j + 10 > len || !cl_parse_iso_day(text + j, len - j, &y, &m, &d) ||
            !cl_is_valid_date(y, m, d))
            continue;
        memcpy(out->date, text + j, 10);
        out->date[10] = '\0';
        j += 10;
        /* An optional time of day: T09:30, T09:30:00Z, +02:00 ... */
        if (j < len && (text[j] == 'T' || text[j] == 't')) {
            while (j < len && !cl_is_hspace(text[j]) && text[j] != '\n')
                j++;
        }
        if (j < len && !cl_is_hspace(text[j]) && text[j] != '\n')
            continue; /* "date 2023-01-13abc": not a field */
        while (j < len && cl_is_hspace(text[j]))
            j++;
        out->body_offset = j;
        return 1;
    }
    return 0;
}
