/*
 * utf8.h - UTF-8 checks, NFC, and the Vietnamese folding key.
 *
 * Every text that enters dondoc is checked (utf8_check) and put in NFC
 * (utf8_nfc) at the reader boundary. Every lookup and comparison of names,
 * labels and phrases goes through vi_fold(), so that "Sở Văn hoá", "SO VAN HOA"
 * and the OCR'd "S& Van hoa" meet on one key.
 *
 * This module knows nothing of agencies or plans; it only folds text.
 */
#ifndef DONDOC_UTF8_H
#define DONDOC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb;

/** True when s[0..len) is valid UTF-8 without NUL bytes; else *bad gets the
 *  byte offset of the first invalid sequence (bad may be NULL). */
bool utf8_check(const char *s, size_t len, size_t *bad);

/** Appends s[0..len) in Unicode NFC to out. Returns -1 on invalid UTF-8 or
 *  when out's cap is reached, with out unchanged in the first case. */
int utf8_nfc(struct sb *out, const char *s, size_t len);

/**
 * Decodes the code point at s[i] (i < len) into *cp and returns its length
 * in bytes. An invalid sequence gives *cp = invalid and length 1, so that a
 * scanner always moves on; callers choose the value (-1 or U+FFFD).
 */
size_t utf8_next(const char *s, size_t len, size_t i, int32_t *cp, int32_t invalid);

/** Number of code points in s[0..len) (invalid bytes count as one each). */
size_t utf8_length(const char *s, size_t len);

/** Appends s to out cut to at most max code points, with "…" when cut. */
void utf8_truncate(struct sb *out, const char *s, size_t max);

enum vi_fold_flags {
	/* Turn punctuation other than '&' into spaces ("VH-TT&DL" -> "vh tt&dl"). */
	VI_FOLD_PUNCT = 1 << 0,
	/* Drop spaces entirely ("VH TTDL" -> "vhttdl"). */
	VI_FOLD_NOSPACE = 1 << 1,
};

/**
 * Appends the folding key of s[0..len) to out: lower case, all diacritics and
 * tone marks removed (so old and new tone placement meet), đ -> d, runs of
 * white space collapsed to one space, trimmed. The key is plain ASCII for
 * Vietnamese input. Invalid UTF-8 bytes are dropped. Returns 0, or -1 when
 * out's cap is reached.
 */
int vi_fold(struct sb *out, const char *s, size_t len, unsigned flags);

/** vi_fold() of a NUL-terminated string into a new allocation. */
char *vi_fold_dup(const char *s, unsigned flags);

/** True when the folding keys of a and b are equal. */
bool vi_fold_eq(const char *a, const char *b);

/**
 * Levenshtein distance between a[0..alen) and b[0..blen) on bytes, giving up
 * early: returns max + 1 as soon as the distance must exceed max. Meant for
 * folded (ASCII) keys, where OCR confusions are single-byte edits.
 */
size_t edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t max);

#endif
