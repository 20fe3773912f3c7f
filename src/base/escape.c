/*
 * escape.c - escaping for HTML, XML, CSV and JSON (escape.h).
 */
#include "base/compat.h"
#include "base/escape.h"
#include "base/sb.h"

/* Appends s with each reserved byte replaced by its entity. */
static void entities(struct sb *out, const char *s, size_t len, const char *reserved,
		     bool drop_controls)
{
	size_t i, from = 0;

	if (!s)
		return;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		/* Every reserved set is among these: look closer only there. */
		if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'')
			continue;
		if (strchr(reserved, c) && c) {
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			}
		} else if (drop_controls && (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
			rep = "";
		}
		if (!rep)
			continue;
		sb_add(out, s + from, i - from);
		sb_adds(out, rep);
		from = i + 1;
	}
	sb_add(out, s + from, len - from);
}

void escape_html(struct sb *out, const char *s, size_t len)
{
	entities(out, s, len, "&<>", false);
}

void escape_html_attr(struct sb *out, const char *s, size_t len)
{
	entities(out, s, len, "&<>\"'", false);
}

void escape_xml(struct sb *out, const char *s, size_t len)
{
	entities(out, s, len, "&<>\"'", true);
}

void escape_csv(struct sb *out, const char *s, size_t len)
{
	if (!s)
		s = "", len = 0;
	bool formula = len && strchr("=+-@", s[0]);
	bool quote = formula || memchr(s, ',', len) || memchr(s, '"', len) ||
		     memchr(s, '\n', len) || memchr(s, '\r', len);
	size_t i;

	if (quote)
		sb_addc(out, '"');
	if (formula)
		sb_addc(out, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			sb_addc(out, '"');
		sb_addc(out, s[i]);
	}
	if (quote)
		sb_addc(out, '"');
}

void escape_json(struct sb *out, const char *s, size_t len)
{
	size_t i, from = 0;

	sb_addc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue; /* copied with its run */
		sb_add(out, s + from, i - from);
		from = i + 1;
		switch (c) {
		case '"': sb_adds(out, "\\\""); break;
		case '\\': sb_adds(out, "\\\\"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		case '\t': sb_adds(out, "\\t"); break;
		default: sb_addf(out, "\\u%04x", c); break;
		}
	}
	sb_add(out, s + from, len - from);
	sb_addc(out, '"');
}

void escape_ics(struct sb *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; s && i < len; i++) {
		if (s[i] == '\\' || s[i] == ';' || s[i] == ',')
			sb_addc(out, '\\');
		if (s[i] == '\n') {
			sb_adds(out, "\\n");
			continue;
		}
		if (s[i] != '\r')
			sb_addc(out, s[i]);
	}
}
