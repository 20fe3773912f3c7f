/*
 * review_int.h - what ops_track.c (import) and ops_review.c share: the
 * source lines of a document, collected at import for the review page.
 */
#ifndef DONDOC_REVIEW_INT_H
#define DONDOC_REVIEW_INT_H

#include <stddef.h>

struct doc;
struct source_line;

struct src_lines {
	struct source_line *v; /* texts owned */
	size_t n, cap;
};

/**
 * The lines of a document numbered as tasks.source_line: a text export's
 * own lines (data, len); for other readers one line per paragraph and per
 * table row (cells joined by " | ") at the line the reader gave it.
 */
void src_lines_collect(const struct doc *d, const char *data, size_t len, struct src_lines *out);
void src_lines_release(struct src_lines *l);

#endif
