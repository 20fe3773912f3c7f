/*
 * form.c - urlencoded and multipart bodies, and cookies (form.h).
 */
#include "base/compat.h"
#include "web/form.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <strings.h>

/* ---- shared ------------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The first occurrence of needle[0..nl) in hay[0..n), or NULL (memmem is
 * a GNU extension). */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t nl)
{
	const char *p = hay, *end = hay + n;

	if (!nl)
		return hay;
	while (n >= nl && (p = memchr(p, needle[0], (size_t)(end - p) - nl + 1))) {
		if (memcmp(p, needle, nl) == 0)
			return p;
		p++;
		if ((size_t)(end - p) < nl)
			break;
	}
	return NULL;
}

static struct field *push_field(struct form_fields *f, const char *name, size_t nlen)
{
	struct field *x = VEC_PUSH(f);

	x->name = xstrndup(name, nlen);
	x->value = (struct sb)SB_INIT;
	return x;
}

const char *form_get(const struct form_fields *f, const char *name)
{
	size_t i;

	for (i = 0; f && i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return f->v[i].value.buf;
	return NULL;
}

void form_fields_release(struct form_fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].name);
		sb_release(&f->v[i].value);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

void form_upload_release(struct upload *up)
{
	free(up->field);
	free(up->filename);
	sb_release(&up->data);
	memset(up, 0, sizeof(*up));
	up->data = (struct sb)SB_INIT;
}

/* The media type of a Content-Type value: does it start with type
 * (case-insensitively), followed by its end, ';' or white space? */
static bool media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	while (ct && (*ct == ' ' || *ct == '\t'))
		ct++;
	return ct && strncasecmp(ct, type, n) == 0 &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

enum form_kind form_kind_of(const char *content_type)
{
	if (media_is(content_type, "application/x-www-form-urlencoded"))
		return FORM_URLENCODED;
	if (media_is(content_type, "multipart/form-data"))
		return FORM_MULTIPART;
	return FORM_NONE;
}

/* ---- application/x-www-form-urlencoded ---------------------------------------- */

/* Appends the decoded s[0..n) ('+' is a space, %XX a byte) to out. */
static int url_decode(const char *s, size_t n, struct sb *out, struct sb *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;

			if (hi < 0 || lo < 0) {
				sb_addf(err, "a form field has a bad %%-escape at byte %zu", i);
				return -ERR_INPUT;
			}
			c = (char)(hi << 4 | lo);
			i += 2;
		}
		if (c == '\0') {
			sb_adds(err, "a form field holds a NUL byte");
			return -ERR_INPUT;
		}
		sb_addc(out, c);
	}
	return 0;
}

static int parse_urlencoded(const char *body, size_t len, const struct form_limits *lim,
			    struct form_fields *fields, struct sb *err)
{
	const char *p = body, *end = body + len;
	struct sb name = SB_INIT;
	int rc = 0;

	if (len > lim->max_body) {
		sb_addf(err, "the form is larger than %zu bytes", lim->max_body);
		return -ERR_TOOBIG;
	}
	while (p < end && rc == 0) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *nend = eq ? eq : stop;

		sb_reset(&name);
		if ((rc = url_decode(p, (size_t)(nend - p), &name, err)) == 0 && name.len) {
			struct field *f = push_field(fields, name.buf, name.len);

			if (eq)
				rc = url_decode(eq + 1, (size_t)(stop - eq - 1), &f->value, err);
		}
		p = amp ? amp + 1 : end;
	}
	sb_release(&name);
	return rc;
}

/* ---- multipart/form-data ---------------------------------------------------------- */

/* Reads the parameter name of a header value ("form-data; name=\"x\"";
 * also a Content-Type's boundary) into out: quoted strings unquoted (a
 * backslash escapes the next byte), tokens as they stand. false: absent. */
static bool header_param(const char *v, size_t vlen, const char *name, struct sb *out)
{
	const char *p = v, *end = v + vlen;
	size_t nl = strlen(name);

	sb_reset(out);
	while (p < end) {
		/* the next parameter starts after a ';' outside quotes */
		bool q = false;

		while (p < end && (q || *p != ';')) {
			if (*p == '"')
				q = !q;
			else if (q && *p == '\\' && p + 1 < end)
				p++;
			p++;
		}
		if (p >= end)
			return false;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
			p += nl + 1;
			if (p < end && *p == '"') {
				for (p++; p < end && *p != '"'; p++) {
					if (*p == '\\' && p + 1 < end)
						p++;
					sb_addc(out, *p);
				}
				return p < end; /* an unclosed quote: absent */
			}
			while (p < end && *p != ';' && *p != ' ' && *p != '\t')
				sb_addc(out, *p++);
			return true;
		}
	}
	return false;
}

/* The header named name (case-insensitive) among the part's header lines
 * h[0..n): its value and length; NULL when absent. */
static const char *part_header(const char *h, size_t n, const char *name, size_t *vlen)
{
	const char *p = h, *end = h + n;
	size_t nl = strlen(name);

	while (p < end) {
		const char *eol = find_bytes(p, (size_t)(end - p), "\r\n", 2);
		const char *le = eol ? eol : end;

		if ((size_t)(le - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;

			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			*vlen = (size_t)(le - v);
			return v;
		}
		p = eol ? eol + 2 : end;
	}
	return NULL;
}

static int parse_multipart(const char *ct, const char *body, size_t len,
			   const struct form_limits *lim, struct form_fields *fields,
			   struct upload *up, struct sb *err)
{
	struct sb boundary = SB_INIT, delim = SB_INIT, sep = SB_INIT, filename = SB_INIT;
	const char *p, *end = body + len;
	size_t field_bytes = 0;
	bool closed = false;
	int rc = -ERR_INPUT;

	if (!header_param(ct, strlen(ct), "boundary", &boundary) || !boundary.len ||
	    boundary.len > 70) {
		sb_adds(err, "a multipart form without its boundary");
		goto out;
	}
	sb_addf(&delim, "--%s", boundary.buf);
	/* The first delimiter: at the start, or after a preamble's CRLF. */
	if (len >= delim.len && memcmp(body, delim.buf, delim.len) == 0) {
		p = body + delim.len;
	} else {
		const char *d = NULL;

		sb_reset(&sep);
		sb_addf(&sep, "\r\n%s", delim.buf);
		d = find_bytes(body, len, sep.buf, sep.len);
		if (!d) {
			sb_adds(err, "the multipart form holds no part of its boundary");
			goto out;
		}
		p = d + sep.len;
	}
	/* From here p is just after a delimiter; the next "\r\n--boundary"
	 * ends each part's content. */
	sb_reset(&sep);
	sb_addf(&sep, "\r\n%s", delim.buf);
	for (;;) {
		const char *hend, *cend, *disp;
		size_t dlen, clen;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			closed = true;
			break;
		}
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			break;
		p += 2;
		hend = find_bytes(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			break;
		cend = find_bytes(hend + 4, (size_t)(end - hend - 4), sep.buf, sep.len);
		if (!cend)
			break;
		if (memchr(p, '\0', (size_t)(hend - p))) {
			sb_adds(err, "a multipart form's part headers hold a NUL byte");
			goto out;
		}
		disp = part_header(p, (size_t)(hend - p), "Content-Disposition", &dlen);
		clen = (size_t)(cend - hend - 4);
		if (disp) {
			struct sb fname = SB_INIT;
			bool has_name = header_param(disp, dlen, "name", &fname);
			bool is_file = header_param(disp, dlen, "filename", &filename);

			if (has_name && fname.len && is_file) {
				/* One file per request: the first with a name. */
				if (filename.len && !up->field) {
					up->field = xstrdup(fname.buf);
					up->filename = xstrdup(filename.buf);
					if (clen > lim->max_upload) {
						sb_addf(err, "the file is larger than %zu bytes",
							lim->max_upload);
						sb_release(&fname);
						rc = -ERR_TOOBIG;
						goto out;
					}
					sb_init(&up->data, lim->max_upload);
					sb_add(&up->data, hend + 4, clen);
				}
			} else if (has_name && fname.len) {
				field_bytes += clen;
				if (field_bytes > lim->max_body) {
					sb_addf(err, "the form's fields are larger than %zu bytes",
						lim->max_body);
					sb_release(&fname);
					rc = -ERR_TOOBIG;
					goto out;
				}
				if (memchr(hend + 4, '\0', clen)) {
					sb_adds(err, "a form field holds a NUL byte");
					sb_release(&fname);
					goto out;
				}
				sb_add(&push_field(fields, fname.buf, fname.len)->value, hend + 4,
				       clen);
			}
			sb_release(&fname);
		}
		p = cend + sep.len;
	}
	if (!closed) {
		sb_adds(err, "the multipart form is cut off or malformed (no closing boundary)");
		goto out;
	}
	rc = 0;
out:
	sb_release(&boundary);
	sb_release(&delim);
	sb_release(&sep);
	sb_release(&filename);
	return rc;
}

int form_parse(const char *content_type, const char *body, size_t len,
	       const struct form_limits *lim, struct form_fields *fields, struct upload *up,
	       struct sb *err)
{
	switch (form_kind_of(content_type)) {
	case FORM_URLENCODED:
		return parse_urlencoded(body, len, lim, fields, err);
	case FORM_MULTIPART:
		return parse_multipart(content_type, body, len, lim, fields, up, err);
	default:
		return 0;
	}
}

/* ---- cookies ------------------------------------------------------------------------ */

void form_cookies(const char *header, struct form_fields *out)
{
	const char *p = header;

	while (p && *p) {
		const char *semi = strchr(p, ';');
		const char *stop = semi ? semi : p + strlen(p);
		const char *eq, *ne, *v, *ve;

		while (p < stop && (*p == ' ' || *p == '\t'))
			p++;
		eq = memchr(p, '=', (size_t)(stop - p));
		if (eq) {
			ne = eq;
			while (ne > p && (ne[-1] == ' ' || ne[-1] == '\t'))
				ne--;
			v = eq + 1;
			ve = stop;
			while (v < ve && (*v == ' ' || *v == '\t'))
				v++;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
				v++;
				ve--;
			}
			if (ne > p)
				sb_add(&push_field(out, p, (size_t)(ne - p))->value, v, (size_t)(ve - v));
		}
		p = semi ? semi + 1 : NULL;
	}
}
