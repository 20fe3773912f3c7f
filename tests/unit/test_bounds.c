/*
 * test_bounds.c - the reader bounds of issue 14 (docs/reliability.md): an XML
 * part parsed as it inflates stops at the node and memory limits and at a
 * DOCTYPE, with messages naming the file, the part and the setting; libxml2's
 * own words never come through; text tables stop at the row and cell limits;
 * UTF-16 text with a byte order mark reads as UTF-8 does.
 */
#include "unit.h"
#include "ingest/doc.h"
#include "ingest/xml.h"
#include "ingest/zip.h"
#include "base/xalloc.h"

#include "mkzip.h"

/* Parses xml as the entry "word/document.xml" of a ZIP, with lim. */
static xmlDocPtr parse_zipped(const char *xml, size_t len, const struct doc_limits *lim,
			      struct sb *err)
{
	struct zip_part part = { "word/document.xml", xml, len, false, false };
	struct sb zipped = SB_INIT;
	struct zip_safe *z;
	xmlDocPtr doc;

	assert_true(make_zip(&part, 1, &zipped));
	z = zip_safe_open("d.docx", zipped.buf, zipped.len, lim, err);
	assert_non_null(z);
	doc = xml_safe_parse_entry(z, "d.docx", "word/document.xml", lim, err);
	zip_safe_close(z);
	sb_release(&zipped);
	return doc;
}

static void entry_parse_matches_memory_parse(void **state)
{
	static const char s[] = "<r><p a=\"1\">xin <b>chào</b></p><p/></r>";
	struct sb err = SB_INIT, a = SB_INIT, b = SB_INIT;
	xmlDocPtr x = parse_zipped(s, strlen(s), &doc_default_limits, &err);
	xmlDocPtr y = xml_safe_parse("d", "p", s, strlen(s), &err);

	assert_non_null(x);
	assert_non_null(y);
	xml_text(xmlDocGetRootElement(x), &a);
	xml_text(xmlDocGetRootElement(y), &b);
	assert_string_equal(a.buf, "xin chào");
	assert_string_equal(a.buf, b.buf);
	xmlFreeDoc(x);
	xmlFreeDoc(y);
	sb_release(&a);
	sb_release(&b);
	sb_release(&err);
}

static void entry_parse_stops_at_limits(void **state)
{
	struct doc_limits lim = doc_default_limits;
	struct sb xml = SB_INIT, err = SB_INIT;
	int i;

	sb_adds(&xml, "<r>");
	for (i = 0; i < 5000; i++)
		sb_addf(&xml, "<p a=\"%d\"/>", i);
	sb_adds(&xml, "</r>");
	lim.max_xml_nodes = 1000;
	assert_null(parse_zipped(xml.buf, xml.len, &lim, &err));
	assert_non_null(strstr(err.buf, "d.docx: word/document.xml: vượt giới hạn 1000"));
	assert_non_null(strstr(err.buf, "DONDOC_MAX_XML_NODES"));
	sb_reset(&err);
	lim.max_xml_nodes = 0;
	lim.max_reader_bytes = 100000;
	assert_null(parse_zipped(xml.buf, xml.len, &lim, &err));
	assert_non_null(strstr(err.buf, "DONDOC_MAX_READER_BYTES"));
	sb_reset(&err);
	lim.max_reader_bytes = 0; /* no limit: the same part reads */
	xmlFreeDoc(parse_zipped(xml.buf, xml.len, &lim, &err));
	assert_int_equal(err.len, 0);
	sb_release(&xml);
	sb_release(&err);
}

static void entry_parse_plain_messages(void **state)
{
	static const char dtd[] = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
	static const char open[] = "<r><p>text</r>";
	struct sb deep = SB_INIT, err = SB_INIT;
	int i;

	assert_null(parse_zipped(dtd, strlen(dtd), NULL, &err));
	assert_non_null(strstr(err.buf, "word/document.xml has a DOCTYPE"));
	sb_reset(&err);
	for (i = 0; i < 300; i++)
		sb_adds(&deep, "<a>");
	for (i = 0; i < 300; i++)
		sb_adds(&deep, "</a>");
	assert_null(parse_zipped(deep.buf, deep.len, NULL, &err));
	assert_non_null(strstr(err.buf, "deeper than 200 levels"));
	assert_null(strstr(err.buf, "XML_PARSE"));
	sb_reset(&err);
	assert_null(parse_zipped(open, strlen(open), NULL, &err));
	assert_non_null(strstr(err.buf, "not well-formed XML (line 1, column"));
	assert_non_null(strstr(err.buf, "closed with another element's name"));
	sb_release(&deep);
	sb_release(&err);
}

static void text_tables_stop_at_limits(void **state)
{
	struct doc_limits lim = doc_default_limits;
	struct sb t = SB_INIT, err = SB_INIT;
	int i;

	sb_adds(&t, "KẾ HOẠCH\n| TT | Nội dung |\n|---|---|\n");
	for (i = 1; i <= 50; i++)
		sb_addf(&t, "| %d | Nhiệm vụ %d |\n", i, i);
	lim.max_rows = 20;
	assert_null(text_read("k.txt", t.buf, t.len, &lim, &err));
	assert_non_null(strstr(err.buf, "k.txt: vượt giới hạn 20 dòng trong một bảng"));
	assert_non_null(strstr(err.buf, "DONDOC_MAX_ROWS) at line 23"));
	sb_reset(&err);
	lim.max_rows = 0;
	lim.max_cells = 30;
	assert_null(text_read("k.txt", t.buf, t.len, &lim, &err));
	assert_non_null(strstr(err.buf, "DONDOC_MAX_CELLS"));
	sb_reset(&err);
	lim.max_cells = 0;
	lim.max_lines = 10;
	assert_null(text_read("k.txt", t.buf, t.len, &lim, &err));
	assert_non_null(strstr(err.buf, "more than 10 lines"));
	sb_release(&t);
	sb_release(&err);
}

static void utf16_text_reads_as_utf8(void **state)
{
	/* "Sở", a new line and a surrogate pair (U+1F600), in UTF-16 LE and BE */
	static const char le[] = "\xff\xfe" "S\0\xdf\x1e\n\0" "=\xd8\x00\xde";
	static const char be[] = "\xfe\xff" "\0S\x1e\xdf\0\n" "\xd8=\xde\x00";
	struct sb err = SB_INIT;
	struct doc *a = text_read("le.txt", le, sizeof(le) - 1, NULL, &err);
	struct doc *b = text_read("be.txt", be, sizeof(be) - 1, NULL, &err);

	assert_non_null(a);
	assert_non_null(b);
	/* the two lines join into one paragraph */
	assert_string_equal(a->blocks.v[0].text, "Sở \xf0\x9f\x98\x80");
	assert_string_equal(b->blocks.v[0].text, "Sở \xf0\x9f\x98\x80");
	doc_free(a);
	doc_free(b);
	assert_null(text_read("bad.txt", "\xff\xfe\x00\xd8" "a\0", 6, NULL, &err));
	assert_non_null(strstr(err.buf, "bad.txt: invalid UTF-16 at offset 2"));
	sb_reset(&err);
	assert_null(text_read("odd.txt", "\xff\xfe" "a", 3, NULL, &err));
	assert_non_null(strstr(err.buf, "odd number of bytes"));
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_parse_matches_memory_parse),
		cmocka_unit_test(entry_parse_stops_at_limits),
		cmocka_unit_test(entry_parse_plain_messages),
		cmocka_unit_test(text_tables_stop_at_limits),
		cmocka_unit_test(utf16_text_reads_as_utf8),
	};

	return cmocka_run_group_tests_name("bounds", tests, NULL, NULL);
}
