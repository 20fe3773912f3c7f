/*
 * utf8.c - UTF-8 validation, NFC and the Vietnamese folding key, on utf8proc.
 */
#include "base/compat.h"
#include "base/utf8.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <utf8proc.h>

bool utf8_check(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

size_t utf8_length(const char *s, size_t len)
{
	size_t i = 0, count = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		i += n > 0 ? (size_t)n : 1;
		count++;
	}
	return count;
}

void utf8_truncate(struct sb *out, const char *s, size_t max)
{
	size_t i = 0, len = strlen(s), count = 0;

	while (i < len && count < max) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		i += n > 0 ? (size_t)n : 1;
		count++;
	}
	sb_add(out, s, i);
	if (i < len)
		sb_adds(out, "\xE2\x80\xA6");
}

static int map_into(struct sb *out, const char *s, size_t len, utf8proc_option_t opts)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	int rc;

	if (len == 0)
		return 0;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped, opts);
	if (n < 0)
		return -1;
	rc = sb_add(out, mapped, (size_t)n);
	free(mapped);
	return rc;
}

int utf8_nfc(struct sb *out, const char *s, size_t len)
{
	return map_into(out, s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* Copies only the valid UTF-8 sequences of s, so that folding never fails on
 * damaged input. */
static void valid_only(struct sb *dst, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			i++;
			continue;
		}
		if (cp != 0)
			sb_add(dst, s + i, (size_t)n);
		i += (size_t)n;
	}
}

static bool is_fold_space(unsigned char c, unsigned flags)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return true;
	if ((flags & VI_FOLD_PUNCT) && c < 0x80 && c != '&' &&
	    !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
		return true;
	return false;
}

int vi_fold(struct sb *out, const char *s, size_t len, unsigned flags)
{
	struct sb clean = SB_INIT, mapped = SB_INIT;
	size_t i;
	bool space = false, any = false;
	int rc = -1;

	valid_only(&clean, s, len);
	if (map_into(&mapped, clean.buf, clean.len,
		     UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
			     UTF8PROC_CASEFOLD) < 0)
		goto out;
	for (i = 0; i < mapped.len; i++) {
		unsigned char c = (unsigned char)mapped.buf[i];

		/* U+0111 đ (U+0110 Đ case-folds to it) has no decomposition. */
		if (c == 0xC4 && i + 1 < mapped.len && (unsigned char)mapped.buf[i + 1] == 0x91) {
			c = 'd';
			i++;
		} else if (c == 0xC2 && i + 1 < mapped.len &&
			   (unsigned char)mapped.buf[i + 1] == 0xA0) {
			c = ' ';
			i++;
		}
		if (is_fold_space(c, flags)) {
			space = true;
			continue;
		}
		if (space && any && !(flags & VI_FOLD_NOSPACE) && sb_addc(out, ' ') < 0)
			goto out;
		space = false;
		any = true;
		if (sb_addc(out, (char)c) < 0)
			goto out;
	}
	rc = 0;
out:
	sb_release(&clean);
	sb_release(&mapped);
	return rc;
}

char *vi_fold_dup(const char *s, unsigned flags)
{
	struct sb out = SB_INIT;

	vi_fold(&out, s, strlen(s), flags);
	return sb_detach(&out);
}

bool vi_fold_eq(const char *a, const char *b)
{
	char *fa = vi_fold_dup(a, 0), *fb = vi_fold_dup(b, 0);
	bool eq = strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return eq;
}

size_t edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	size_t *row, i, j, result;

	if ((alen > blen ? alen - blen : blen - alen) > max)
		return max + 1;
	row = xmalloc((blen + 1) * sizeof(*row));
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t diag = row[0], best;

		row[0] = i;
		best = row[0];
		for (j = 1; j <= blen; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = diag + cost;

			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (up + 1 < v)
				v = up + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max) {
			free(row);
			return max + 1;
		}
	}
	result = row[blen];
	free(row);
	return result > max ? max + 1 : result;
}
