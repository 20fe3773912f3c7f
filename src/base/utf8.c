/*
 * utf8.c - UTF-8 validation, NFC and the Vietnamese folding key, on utf8proc.
 */
#include "base/compat.h"
#include "base/utf8.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <pthread.h>
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

size_t utf8_next(const char *s, size_t len, size_t i, int32_t *cp, int32_t invalid)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(len - i), &c);

	if (n <= 0) {
		*cp = invalid;
		return 1;
	}
	*cp = c;
	return (size_t)n;
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

	if (len <= max) { /* no more characters than bytes: nothing to cut */
		sb_add(out, s, len);
		return;
	}
	while (i < len && count < max) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = (unsigned char)s[i] < 0x80
					     ? 1
					     : utf8proc_iterate((const utf8proc_uint8_t *)s + i,
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

/*
 * True when s is certainly NFC already: no combining marks and only code points
 * whose NFC form is themselves (Latin with precomposed Vietnamese letters,
 * common punctuation). Almost every real document passes, and skips the cost
 * of utf8proc's full normalisation.
 */
static bool surely_nfc(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i),
				     &cp);
		if (n <= 0)
			return false;
		if (!(cp < 0x0300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
		      (cp >= 0x2010 && cp <= 0x2027)))
			return false;
		i += (size_t)n;
	}
	return true;
}

int utf8_nfc(struct sb *out, const char *s, size_t len)
{
	if (surely_nfc(s, len))
		return sb_add(out, s, len);
	return map_into(out, s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
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

/*
 * Folding runs on every name, label and phrase comparison, thousands of times
 * per document, so the fold of every Latin letter Vietnamese uses (U+0000 to
 * U+024F, and U+1E00 to U+1EFF with ạ ả ấ ... ỹ) is computed once with
 * utf8proc and kept in a table; rarer code points go through utf8proc one at
 * a time.
 */
#define FOLD_LATIN_END 0x0250 /* Basic Latin to Latin Extended-B */
#define FOLD_VI_START 0x1E00 /* Latin Extended Additional: ạ ả ấ ầ ... ỹ */
#define FOLD_VI_END 0x1F00
#define FOLD_TABLE_SIZE (FOLD_LATIN_END + (FOLD_VI_END - FOLD_VI_START))

struct fold_entry {
	unsigned char len; /* bytes in out; 0 = the code point folds to nothing */
	char out[7];
};

static struct fold_entry fold_table[FOLD_TABLE_SIZE];

/* The table slot of cp, or -1 when cp is not in the table. */
static int fold_slot(utf8proc_int32_t cp)
{
	if (cp >= 0 && cp < FOLD_LATIN_END)
		return cp;
	if (cp >= FOLD_VI_START && cp < FOLD_VI_END)
		return FOLD_LATIN_END + (cp - FOLD_VI_START);
	return -1;
}
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* The fold of one code point: decomposed, marks stripped, case-folded, with
 * đ (which has no decomposition) mapped to d and NBSP to a space. */
static size_t fold_codepoint(utf8proc_int32_t cp, char out[7])
{
	utf8proc_uint8_t enc[4], *mapped = NULL;
	utf8proc_ssize_t n, m;

	if (cp == 0x0111 || cp == 0x0110) {
		out[0] = 'd';
		return 1;
	}
	if (cp == 0x00A0) {
		out[0] = ' ';
		return 1;
	}
	n = utf8proc_encode_char(cp, enc);
	m = utf8proc_map(enc, n, &mapped,
			 UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD);
	if (m < 0 || m > 6) {
		free(mapped);
		memcpy(out, enc, (size_t)n);
		return (size_t)n;
	}
	memcpy(out, mapped, (size_t)m);
	free(mapped);
	return (size_t)m;
}

static void build_fold_table(void)
{
	utf8proc_int32_t cp;

	for (cp = 0; cp < FOLD_VI_END; cp++) {
		int slot = fold_slot(cp);

		if (slot >= 0)
			fold_table[slot].len = (unsigned char)fold_codepoint(cp, fold_table[slot].out);
	}
}

int vi_fold(struct sb *out, const char *s, size_t len, unsigned flags)
{
	size_t i = 0, j;
	bool space = false, any = false;

	pthread_once(&fold_once, build_fold_table);
	if (!out->max)
		sb_reserve(out, len); /* a fold is rarely longer: appends without growing */
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		char buf[7];
		const char *piece;
		size_t plen;
		int slot;

		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			n = 1;
		} else {
			n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					     (utf8proc_ssize_t)(len - i), &cp);
			if (n <= 0) { /* invalid bytes are dropped */
				i++;
				continue;
			}
		}
		i += (size_t)n;
		if (cp == 0)
			continue;
		slot = fold_slot(cp);
		if (slot >= 0) {
			piece = fold_table[slot].out;
			plen = fold_table[slot].len;
		} else {
			plen = fold_codepoint(cp, buf);
			piece = buf;
		}
		for (j = 0; j < plen; j++) {
			unsigned char c = (unsigned char)piece[j];

			if (is_fold_space(c, flags)) {
				space = true;
				continue;
			}
			if (space && any && !(flags & VI_FOLD_NOSPACE) && sb_addc(out, ' ') < 0)
				return -1;
			space = false;
			any = true;
			if (sb_addc(out, (char)c) < 0)
				return -1;
		}
	}
	return 0;
}

char *vi_fold_dup(const char *s, unsigned flags)
{
	struct sb out = SB_INIT;
	size_t len = strlen(s);

	sb_reserve(&out, len + 8); /* a fold is rarely longer: one allocation */
	vi_fold(&out, s, len, flags);
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
