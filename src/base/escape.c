/*
 * escape.c - XML escaping (see escape.h).
 */
#include "base/compat.h"
#include "base/escape.h"
#include "base/sb.h"

void escape_xml(struct sb *out, const char *s)
{
	const char *run = s;

	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *ent = NULL;

		switch (c) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&apos;"; break;
		default:
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
				continue;
			ent = ""; /* forbidden in XML 1.0: dropped */
		}
		sb_add(out, run, (size_t)(s - run));
		sb_adds(out, ent);
		run = s + 1;
	}
	sb_add(out, run, (size_t)(s - run));
}
