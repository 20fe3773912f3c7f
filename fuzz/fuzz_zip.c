/*
 * fuzz_zip.c - libFuzzer target for the safe ZIP and XML layers: arbitrary
 * bytes opened as an archive (zip_safe_open with tight limits), every entry
 * inflated (zip_safe_read) and parsed as XML (xml_safe_parse) with the tree
 * helpers run over it. A crash, leak, hang or undefined behaviour here is a
 * hole in the first thing a hostile DOCX or XLSX reaches.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "ingest/doc.h"
#include "ingest/xml.h"
#include "ingest/zip.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(xmlNodePtr n, struct sb *out, int depth)
{
	for (xmlNodePtr c = n->children; c && depth < 300; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xml_attr(c, NULL, "val");
		xml_attr(c, "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "val");
		xml_child(c, NULL, "t");
		walk(c, out, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_limits lim = doc_default_limits;
	struct sb err = SB_INIT, out = SB_INIT, text = SB_INIT;
	struct zip_safe *z;
	size_t i;

	lim.max_entries = 64;
	lim.max_entry_bytes = 1 << 20;
	lim.max_total_bytes = 4 << 20;
	z = zip_safe_open("fuzz.zip", (const char *)data, size, &lim, &err);
	for (i = 0; z && i < zip_safe_count(z); i++) {
		const char *name = zip_safe_name(z, i);
		xmlDocPtr x;

		sb_reset(&out);
		if (!name || zip_safe_read(z, name, &out, &err) != 0)
			continue;
		x = xml_safe_parse("fuzz.zip", name, out.buf, out.len, &err);
		if (x) {
			walk(xmlDocGetRootElement(x), &text, 0);
			sb_reset(&text);
			xml_text(xmlDocGetRootElement(x), &text);
			xmlFreeDoc(x);
		}
	}
	zip_safe_close(z);
	/* The same bytes as one XML part. */
	{
		xmlDocPtr x = xml_safe_parse("fuzz.xml", "part", (const char *)data, size, &err);

		if (x)
			xmlFreeDoc(x);
	}
	sb_release(&err);
	sb_release(&out);
	sb_release(&text);
	return 0;
}
