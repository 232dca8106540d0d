/* words.h - is a word an ordinary lower-case English word?
 *
 * The list is the system word list (Debian's wamerican), reduced at build time to sorted
 * lower-case words and embedded as a blob; lookups bisect the blob in place, so there is
 * nothing to load. Used to tell "Capturing" (a word that opens a sentence) from a name,
 * and "Reading" the word from Reading the town. */
#ifndef CL_DATA_WORDS_H
#define CL_DATA_WORDS_H

#include <stddef.h>

typedef struct cl_words {
    const char *data;   /* sorted, one word per line, each line ending in '\n' */
    size_t len;
} cl_words;

/* Attaches the embedded list (empty when the build had no word list). */
void cl_words_open(cl_words *w);

/* 1 when s[0..n) lower-cased is in the list. */
int cl_words_contains(const cl_words *w, const char *s, size_t n);

#endif
