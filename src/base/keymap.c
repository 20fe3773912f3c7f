/*
 * keymap.c - an open-addressing hash from folding keys to indexes.
 *
 * Slots hold index + 1 (0 = empty); the table doubles when half full, so
 * probes stay short and interning n keys is linear on average.
 */
#include "base/compat.h"
#include "base/keymap.h"

#include "base/utf8.h"
#include "base/xalloc.h"

struct key {
	char *spelling; /* first spelling seen */
	char *folded; /* its folding key */
};

struct keymap {
	struct key *keys; /* by index */
	size_t n, cap;
	size_t *slot;
	size_t nslot; /* power of two */
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

struct keymap *keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof(*km));

	km->nslot = 16;
	km->slot = xcalloc(km->nslot, sizeof(*km->slot));
	return km;
}

void keymap_free(struct keymap *km)
{
	if (!km)
		return;
	for (size_t i = 0; i < km->n; i++) {
		free(km->keys[i].spelling);
		free(km->keys[i].folded);
	}
	free(km->keys);
	free(km->slot);
	free(km);
}

/* The slot holding folded, or the empty slot where it would go. */
static size_t probe(const struct keymap *km, const char *folded)
{
	size_t mask = km->nslot - 1, i = hash(folded) & mask;

	while (km->slot[i] && strcmp(km->keys[km->slot[i] - 1].folded, folded))
		i = (i + 1) & mask;
	return i;
}

static void grow(struct keymap *km)
{
	size_t *old = km->slot, nold = km->nslot;

	km->nslot *= 2;
	km->slot = xcalloc(km->nslot, sizeof(*km->slot));
	for (size_t i = 0; i < nold; i++)
		if (old[i])
			km->slot[probe(km, km->keys[old[i] - 1].folded)] = old[i];
	free(old);
}

size_t keymap_intern(struct keymap *km, const char *key, bool *added)
{
	char *folded = vi_fold_dup(key ? key : "", 0);
	size_t at = probe(km, folded), idx;

	if (km->slot[at]) {
		free(folded);
		if (added)
			*added = false;
		return km->slot[at] - 1;
	}
	xgrow((void **)&km->keys, &km->cap, km->n + 1, sizeof(*km->keys));
	idx = km->n++;
	km->keys[idx].spelling = xstrdup(key ? key : "");
	km->keys[idx].folded = folded;
	km->slot[at] = idx + 1;
	if (km->n * 2 > km->nslot)
		grow(km);
	if (added)
		*added = true;
	return idx;
}

bool keymap_find(const struct keymap *km, const char *key, size_t *index)
{
	char *folded = vi_fold_dup(key ? key : "", 0);
	size_t at = probe(km, folded);

	free(folded);
	if (!km->slot[at])
		return false;
	if (index)
		*index = km->slot[at] - 1;
	return true;
}

size_t keymap_count(const struct keymap *km)
{
	return km->n;
}

const char *keymap_key(const struct keymap *km, size_t i)
{
	return i < km->n ? km->keys[i].spelling : NULL;
}
