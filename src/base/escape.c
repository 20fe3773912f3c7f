/*
 * escape.c - HTML escaping (see escape.h).
 */
#include "base/compat.h"
#include "base/escape.h"
#include "base/sb.h"

void escape_html(struct sb *out, const char *s)
{
	const char *run = s;

	if (!s)
		return;
	for (; *s; s++) {
		const char *ent;

		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		sb_add(out, run, (size_t)(s - run));
		sb_adds(out, ent);
		run = s + 1;
	}
	sb_add(out, run, (size_t)(s - run));
}
