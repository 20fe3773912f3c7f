/*
 * sb.h - the one growable string builder (after git's strbuf, with curl
 * dynbuf's size cap).
 *
 * All text dondoc builds (JSON aside, which jansson writes) goes through a
 * struct sb: report output, SQL-free messages, normalised cell text, error
 * detail. The buffer is always NUL-terminated, so sb.buf can be passed to any
 * C string function; it may also hold NULs when built from binary input.
 *
 * Ownership: an sb owns its buffer; sb_detach() hands it to the caller, who
 * then frees it with free(). sb_release() frees it and leaves the sb empty
 * and reusable.
 *
 * Size cap: when sb.max is non-zero, an append that would make len exceed max
 * appends nothing, sets sb.toobig and returns -1. Readers of untrusted input
 * set max; internal builders leave it 0 (no cap).
 */
#ifndef DONDOC_SB_H
#define DONDOC_SB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct sb {
	char *buf;
	size_t len;
	size_t cap;
	size_t max;
	bool toobig;
};

extern char sb_empty[];
#define SB_INIT { .buf = sb_empty }

void sb_init(struct sb *sb, size_t max);
void sb_release(struct sb *sb);
/** Empties the string, keeping its allocation. */
void sb_reset(struct sb *sb);
/** Returns the buffer (always a fresh allocation) and leaves sb empty. */
char *sb_detach(struct sb *sb);
int sb_add(struct sb *sb, const void *data, size_t len);
int sb_adds(struct sb *sb, const char *s);
int sb_addc(struct sb *sb, char c);
/** Makes room for extra more bytes at once (-1 past the cap). */
int sb_reserve(struct sb *sb, size_t extra);
int sb_addf(struct sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_vaddf(struct sb *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/** Cuts the string to len bytes (no-op when already shorter). */
void sb_setlen(struct sb *sb, size_t len);
/** Appends v as Vietnamese documents print it: a decimal comma, at most
 *  decimals places, trailing zeros dropped, no thousands separator ("-0"
 *  prints "0"). */
int sb_add_decimal_vi(struct sb *sb, double v, int decimals);
/** Removes ASCII white space at both ends. */
void sb_trim(struct sb *sb);

/**
 * Appends s[0..len) with runs of white space (ASCII and U+00A0) collapsed to
 * one space, without leading space when the sb is empty or already ends in a
 * space. Used to build the normalised texts of plan/1.
 */
int sb_add_collapsed(struct sb *sb, const char *s, size_t len);

#endif
