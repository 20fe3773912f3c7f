/*
 * fuzz_xml_stream.c - libFuzzer target for the streaming XML parse of ZIP
 * entries (xml_safe_parse_entry, issue 14): the input becomes one stored
 * entry of an in-memory ZIP and is parsed as it is read, under tight node
 * and memory limits so that the limit paths run too. Oracle: when both the
 * streaming parse and the in-memory parse (xml_safe_parse) accept the bytes,
 * their trees hold the same text. The streaming form that hands each
 * element of depth 1 to a callback and frees it (xml_safe_parse_entry_each)
 * runs too, its callback stopping the parse when the element's text starts
 * with '!'.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "ingest/doc.h"
#include "ingest/xml.h"
#include "ingest/zip.h"

#include <stdint.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A ZIP holding data as the stored entry "part.xml", into out. */
static bool one_entry_zip(const uint8_t *data, size_t size, struct sb *out)
{
	zip_error_t ze;
	zip_source_t *src, *s;
	zip_t *za;
	zip_stat_t st;
	zip_int64_t idx;
	bool ok = false;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		return false;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		goto out;
	s = zip_source_buffer(za, data, size, 0);
	idx = s ? zip_file_add(za, "part.xml", s, 0) : -1;
	if (idx < 0) {
		zip_source_free(s);
		zip_discard(za);
		goto out;
	}
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto out;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		goto out;
	while (out->len < st.size) {
		char buf[4096];
		zip_int64_t k = zip_source_read(src, buf, sizeof(buf));

		if (k <= 0)
			break;
		sb_add(out, buf, (size_t)k);
	}
	zip_source_close(src);
	ok = out->len == st.size;
out:
	zip_source_free(src);
	zip_error_fini(&ze);
	return ok;
}

static int each(xmlNodePtr node, void *arg)
{
	struct sb *text = arg;

	sb_reset(text);
	xml_text(node, text);
	return text->len && text->buf[0] == '!' ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_limits lim = doc_default_limits;
	struct sb zipped = SB_INIT, err = SB_INIT, a = SB_INIT, b = SB_INIT;
	struct zip_safe *z = NULL;
	xmlDocPtr streamed = NULL, whole = NULL;

	if (size == 0 || size > (1u << 20) || !one_entry_zip(data, size, &zipped))
		goto out;
	lim.max_xml_nodes = 2000;
	lim.max_reader_bytes = 1u << 20;
	z = zip_safe_open("fuzz.zip", zipped.buf, zipped.len, &lim, &err);
	if (!z)
		goto out;
	streamed = xml_safe_parse_entry_each(z, "fuzz.zip", "part.xml", &lim, 1, each, &a, &err);
	if (streamed)
		xmlFreeDoc(streamed);
	zip_safe_close(z);
	sb_reset(&a);
	sb_reset(&err);
	z = zip_safe_open("fuzz.zip", zipped.buf, zipped.len, &lim, &err);
	if (!z)
		goto out;
	streamed = xml_safe_parse_entry(z, "fuzz.zip", "part.xml", &lim, &err);
	sb_reset(&err);
	whole = xml_safe_parse("fuzz.xml", "part.xml", (const char *)data, size, &err);
	if (streamed && whole) {
		xml_text(xmlDocGetRootElement(streamed), &a);
		xml_text(xmlDocGetRootElement(whole), &b);
		if (a.len != b.len || memcmp(a.buf ? a.buf : "", b.buf ? b.buf : "", a.len) != 0)
			abort(); /* the two parses disagree */
	}
out:
	if (streamed)
		xmlFreeDoc(streamed);
	if (whole)
		xmlFreeDoc(whole);
	zip_safe_close(z);
	sb_release(&zipped);
	sb_release(&err);
	sb_release(&a);
	sb_release(&b);
	return 0;
}
