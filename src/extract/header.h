/*
 * header.h - the document-header pass's helpers that other passes share:
 * words with their folding keys, and dates as Vietnamese documents print them.
 *
 * Header and goals both match phrases word by word on the folding key
 * ("Số:", "ngày … tháng … năm …", "báo cáo … trước ngày 15/6/2024") while
 * keeping the printed text of each word, so that a match can be cut out of
 * the original. A token is a run of letters and digits (and '&', so that
 * "NN&MT" stays one word) or one punctuation character. Owned by the header
 * pass (header.c). Pure: no I/O.
 */
#ifndef DONDOC_HEADER_H
#define DONDOC_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "model/plan.h"

struct htok {
	const char *s; /* into the tokenized text */
	size_t len;
	char *key; /* folding key of a word; the character itself for punctuation */
	bool word; /* letters and digits */
	bool digits; /* ASCII digits only */
	bool space; /* white space (or the start of the text) before it */
	bool upper; /* starts with an upper-case letter */
	bool caps; /* a word whose letters are all upper case */
};

struct htoks {
	struct htok *v;
	size_t n, cap;
};

/** Appends the tokens of s[0..len) to out (which must be zeroed or reused
 *  after header_toks_release()). */
void header_tokenize(const char *s, size_t len, struct htoks *out);
void header_toks_release(struct htoks *t);

/** True when token i exists and its key is key. */
bool header_tok_is(const struct htoks *t, size_t i, const char *key);

/**
 * Reads a date starting at token i: "ngày 03 tháng 02 năm 2026", "ngày tháng
 * 4 năm 2026" (partial: "2026-04"), "ngày /3/2026", "ngày 15/6/2024",
 * "15/6/2024", "15-6-2024", OCR's "thang4". With fuzzy (OCR'd text) the
 * words "ngày", "tháng", "năm" may be one edit off ("ndm"). Writes the ISO
 * form into iso (DATE_LEN bytes; partial when day or month is blank) and
 * returns the index of the token after the date, or 0 when no date starts
 * at i.
 */
size_t header_date_at(const struct htoks *t, size_t i, bool fuzzy, char *iso);

#endif
