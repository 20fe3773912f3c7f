/*
 * sb.c - the growable string builder (see sb.h).
 */
#include "base/compat.h"
#include "base/sb.h"
#include "base/xalloc.h"

char sb_empty[1];

void sb_init(struct sb *sb, size_t max)
{
	sb->buf = sb_empty;
	sb->len = sb->cap = 0;
	sb->max = max;
	sb->toobig = false;
}

void sb_release(struct sb *sb)
{
	size_t max = sb->max;

	if (sb->cap)
		free(sb->buf);
	sb_init(sb, max);
}

void sb_reset(struct sb *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
	sb->toobig = false;
}

char *sb_detach(struct sb *sb)
{
	char *p = sb->cap ? sb->buf : xstrdup("");

	sb_init(sb, sb->max);
	return p;
}

static int grow(struct sb *sb, size_t extra)
{
	if (sb->max && (extra > sb->max || sb->len > sb->max - extra)) {
		sb->toobig = true;
		return -1;
	}
	if (sb->len + extra + 1 > sb->cap) {
		char *old = sb->cap ? sb->buf : NULL;
		xgrow((void **)&old, &sb->cap, sb->len + extra + 1, 1);
		sb->buf = old;
	}
	return 0;
}

int sb_add(struct sb *sb, const void *data, size_t len)
{
	if (grow(sb, len) < 0)
		return -1;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int sb_reserve(struct sb *sb, size_t extra)
{
	if (grow(sb, extra) < 0)
		return -1;
	sb->buf[sb->len] = '\0'; /* a fresh allocation is still a string */
	return 0;
}

int sb_adds(struct sb *sb, const char *s)
{
	return sb_add(sb, s, strlen(s));
}

int sb_addc(struct sb *sb, char c)
{
	/* The common case, room left and no cap in reach, without the calls. */
	if (sb->len + 1 < sb->cap && (!sb->max || sb->len < sb->max)) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
		return 0;
	}
	return sb_add(sb, &c, 1);
}

int sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room = sb->cap > sb->len ? sb->cap - sb->len : 0;
	int n;

	/* Formatted once into the room left when it fits (the common case of a
	 * page built piece by piece), else measured and formatted again. */
	va_copy(cp, ap);
	n = room ? vsnprintf(sb->buf + sb->len, room, fmt, cp) : vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		if (sb->cap)
			sb->buf[sb->len] = '\0';
		return -1;
	}
	if ((size_t)n < room && (!sb->max || (size_t)n <= sb->max - sb->len)) {
		sb->len += (size_t)n;
		return 0;
	}
	if (sb->cap)
		sb->buf[sb->len] = '\0'; /* undo a cut attempt: nothing appended yet */
	if (grow(sb, (size_t)n) < 0)
		return -1;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sb_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

void sb_setlen(struct sb *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

static bool is_space_at(const char *s, size_t len, size_t i, size_t *width)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*width = 1;
		return true;
	}
	/* U+00A0 NO-BREAK SPACE, common in Word exports. */
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
		*width = 2;
		return true;
	}
	return false;
}

void sb_trim(struct sb *sb)
{
	size_t a = 0, b = sb->len, w;

	while (a < b && is_space_at(sb->buf, sb->len, a, &w))
		a += w;
	while (b > a && (sb->buf[b - 1] == ' ' || sb->buf[b - 1] == '\t' ||
			 sb->buf[b - 1] == '\n' || sb->buf[b - 1] == '\r'))
		b--;
	if (a)
		memmove(sb->buf, sb->buf + a, b - a);
	if (sb->cap) {
		sb->len = b - a;
		sb->buf[sb->len] = '\0';
	}
}

int sb_add_collapsed(struct sb *sb, const char *s, size_t len)
{
	size_t i = 0, w;
	bool pending = sb->len > 0 && sb->buf[sb->len - 1] != ' ';
	bool space = false;

	while (i < len) {
		size_t j;

		if (is_space_at(s, len, i, &w)) {
			space = true;
			i += w;
			continue;
		}
		if (space && pending && sb_addc(sb, ' ') < 0)
			return -1;
		space = false;
		pending = true;
		/* Without a cap, a run of text goes in at once (the text passes of
		 * every reader call this on every paragraph); with one, a character
		 * at a time, so that what fits under the cap is kept. */
		for (j = i + 1; !sb->max && j < len && !is_space_at(s, len, j, &w); j++)
			;
		if (sb->max)
			j = i + 1;
		if (sb_add(sb, s + i, j - i) < 0)
			return -1;
		i = j;
	}
	return 0;
}

int sb_add_decimal_vi(struct sb *sb, double v, int decimals)
{
	char buf[64], *q;

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (strchr(buf, '.')) {
		q = buf + strlen(buf) - 1;
		while (*q == '0')
			*q-- = '\0';
		if (*q == '.')
			*q = '\0';
	}
	for (q = buf; *q; q++)
		if (*q == '.')
			*q = ',';
	return sb_adds(sb, strcmp(buf, "-0") == 0 ? "0" : buf);
}
