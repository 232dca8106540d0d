/* placekey.h - the lookup key of a place name, shared by the gazetteer compiler and the
 * runtime so both sides fold names the same way.
 *
 * Transliterations of one name differ in small ways (Avdiivka / Avdiyivka, Kupiansk /
 * Kupyansk / Kupjansk, Siversk / Sivers'k, Zaporizhzhia / Zaporizhia): the key lowercases,
 * folds Latin diacritics, drops apostrophes, turns hyphens into spaces, reads y and j as i,
 * and collapses runs of one letter, so all the spellings above meet. */
#ifndef CL_PLACE_PLACEKEY_H
#define CL_PLACE_PLACEKEY_H

#include <stddef.h>

/* Writes the key of s[0..n) into out (capacity cap, NUL-terminated, truncated if needed);
 * returns the key length. */
size_t cl_place_key(const char *s, size_t n, char *out, size_t cap);

#endif
