/*
 * keymap.h - the one string map: names to dense indexes, compared through
 * the folding key.
 *
 * Roll-ups and completeness group by agency, leader, section or plan as
 * written in documents and reports, where "Sở Tài chính" and "SỞ TÀI CHÍNH"
 * are one body. A keymap gives each distinct folding key (vi_fold, no flags)
 * an index 0, 1, 2, ... in first-seen order and remembers the first spelling
 * for display. Lookups are hashed, so grouping n rows costs O(n).
 *
 * Ownership: the keymap owns copies of the keys; keymap_key() returns a
 * pointer valid until keymap_free().
 */
#ifndef DONDOC_KEYMAP_H
#define DONDOC_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

struct keymap;

struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/** The index of key (NULL counts as ""), adding it when new; *added (may be
 *  NULL) says which. */
size_t keymap_intern(struct keymap *km, const char *key, bool *added);
/** The index of key, or false when absent. */
bool keymap_find(const struct keymap *km, const char *key, size_t *index);
size_t keymap_count(const struct keymap *km);
/** The first spelling seen for index i (i < keymap_count). */
const char *keymap_key(const struct keymap *km, size_t i);

#endif
