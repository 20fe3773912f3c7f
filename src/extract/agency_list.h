/*
 * agency_list.h - splitting an agency list as printed into bodies and group
 * labels: pieces cut at commas, "và", newlines and linking words, joined again
 * where the join is a known name. Internal to src/extract/agency*.c.
 */
#ifndef DONDOC_AGENCY_LIST_H
#define DONDOC_AGENCY_LIST_H

/* Each function is documented at its definition. */

#include "extract/agency_reg.h"

struct piece {
	size_t t0, t1;
	bool join_next; /* the next piece may continue this name (",", "và", newline) */
	bool colon; /* the piece ends with ':' */
	bool dash; /* the piece ends with a spaced dash: "Trung tâm CNTT - Cục …" */
	bool va; /* the next piece follows "và" */
};

struct split {
	struct ctx c;
	VEC(struct piece) p;
	struct strlist *bodies, *groups, *unknown;
	size_t found, known, unknown_n, long_unknown;
	int level; /* UBND level bare place names take, or -1 */
	char *prefix; /* "Bộ" after "Các Bộ:": the head the names that follow take */
	/* Folding keys already in bodies, groups and unknown, so that pushing
	 * without duplicates stays linear on long lists. */
	struct smap seen_b, seen_g, seen_u;
};

bool ag_trim_char(unsigned char c);
size_t ag_capped_len(const char *s, size_t cap);
void ag_split_release(struct split *s);
void ag_split_run(struct split *s, const struct agency_registry *r, const char *list, unsigned flags);

#endif
