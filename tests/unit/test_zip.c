/*
 * test_zip.c - the safe ZIP and XML layers under hostile input: every limit
 * (entry count, entry size enforced while inflating even when the headers lie,
 * total size, ratio), bad CRCs, unsafe names, encrypted entries, truncated
 * and garbage archives; DOCTYPEs (also in UTF-16), malformed, empty and too
 * deep XML; and the small tree helpers. Archives are built in memory with
 * libzip itself, then patched where a test needs a lie.
 */
#include "unit.h"
#include "ingest/doc.h"
#include "ingest/xml.h"
#include "ingest/zip.h"
#include "base/xalloc.h"

#include "mkzip.h"

static void put32(char *p, uint32_t v)
{
	p[0] = (char)(v & 0xff);
	p[1] = (char)((v >> 8) & 0xff);
	p[2] = (char)((v >> 16) & 0xff);
	p[3] = (char)((v >> 24) & 0xff);
}

/* Makes every header of a one-entry archive declare size as the inflated
 * size: the lie a bomb tells. */
static void lie_about_size(struct sb *zipdata, uint32_t size)
{
	char *p = zipdata->buf, *end = zipdata->buf + zipdata->len;

	assert_memory_equal(p, "PK\x03\x04", 4);
	put32(p + 22, size);
	for (p = zipdata->buf + 4; p + 46 <= end; p++)
		if (memcmp(p, "PK\x01\x02", 4) == 0)
			put32(p + 24, size);
}

static struct limits_state {
	struct doc_limits lim;
} ls;

static const struct doc_limits *limits(size_t entries, size_t entry, size_t total, unsigned ratio)
{
	ls.lim = doc_default_limits;
	ls.lim.max_entries = entries;
	ls.lim.max_entry_bytes = entry;
	ls.lim.max_total_bytes = total;
	ls.lim.max_ratio = ratio;
	return &ls.lim;
}

static void reads_entries(void **state)
{
	struct zip_part e[] = {{.name = "word/document.xml", .data = "<a>xin chào</a>"},
			    {.name = "docProps/app.xml", .data = "<b/>", .store = true}};
	struct sb zipdata = SB_INIT, out = SB_INIT, err = SB_INIT;
	struct zip_safe *z;

	make_zip(e, 2, &zipdata);
	z = zip_safe_open("t.docx", zipdata.buf, zipdata.len, NULL, &err);
	assert_non_null(z);
	assert_int_equal(zip_safe_count(z), 2);
	assert_string_equal(zip_safe_name(z, 1), "docProps/app.xml");
	assert_null(zip_safe_name(z, 2));
	assert_true(zip_safe_has(z, "word/document.xml"));
	assert_false(zip_safe_has(z, "word/styles.xml"));
	assert_int_equal(zip_safe_read(z, "word/document.xml", &out, &err), 0);
	assert_string_equal(out.buf, "<a>xin chào</a>");
	assert_int_equal(zip_safe_read(z, "word/styles.xml", &out, &err), -1);
	assert_non_null(strstr(err.buf, "t.docx"));
	assert_non_null(strstr(err.buf, "word/styles.xml"));
	zip_safe_close(z);
	sb_release(&zipdata);
	sb_release(&out);
	sb_release(&err);
}

/* An entry of n bytes of 'a': deflates about 1000:1. */
static char *big(size_t n)
{
	char *s = xmalloc(n + 1);

	memset(s, 'a', n);
	s[n] = 0;
	return s;
}

static void size_limits_while_inflating(void **state)
{
	char *data = big(200000);
	struct zip_part e[] = {{.name = "word/document.xml", .data = data}};
	struct sb zipdata = SB_INIT, out = SB_INIT, err = SB_INIT;
	struct zip_safe *z;

	make_zip(e, 1, &zipdata);
	/* Declared over the limit: refused at open. */
	assert_null(zip_safe_open("b.docx", zipdata.buf, zipdata.len,
				  limits(10, 100000, 1000000, 0), &err));
	assert_non_null(strstr(err.buf, "b.docx"));
	assert_non_null(strstr(err.buf, "over the limit"));
	/* The headers lie (100 bytes): the count while inflating refuses it. */
	lie_about_size(&zipdata, 100);
	sb_reset(&err);
	z = zip_safe_open("b.docx", zipdata.buf, zipdata.len, limits(10, 100000, 1000000, 0), &err);
	if (z) {
		assert_int_equal(zip_safe_read(z, "word/document.xml", &out, &err), -1);
		assert_non_null(strstr(err.buf, "inflates past"));
		assert_int_equal(out.len, 0);
		zip_safe_close(z);
	} else {
		assert_true(err.len > 0); /* libzip saw the lie itself: also fine */
	}
	/* The ratio limit: 200000 bytes from a few hundred. */
	sb_reset(&err);
	make_zip(e, 1, &zipdata);
	z = zip_safe_open("r.docx", zipdata.buf, zipdata.len, limits(10, 1 << 20, 1 << 22, 100),
			  &err);
	assert_non_null(z);
	assert_int_equal(zip_safe_read(z, "word/document.xml", &out, &err), -1);
	assert_non_null(strstr(err.buf, "zip bomb"));
	zip_safe_close(z);
	/* Without a ratio limit the same entry reads. */
	z = zip_safe_open("r.docx", zipdata.buf, zipdata.len, limits(10, 1 << 20, 1 << 22, 0),
			  &err);
	assert_non_null(z);
	assert_int_equal(zip_safe_read(z, "word/document.xml", &out, &err), 0);
	assert_int_equal(out.len, 200000);
	zip_safe_close(z);
	free(data);
	sb_release(&zipdata);
	sb_release(&out);
	sb_release(&err);
}

static void total_and_count_limits(void **state)
{
	struct zip_part e[] = {{.name = "a.xml", .data = "0123456789012345678901234567890123456789"},
			    {.name = "b.xml", .data = "0123456789012345678901234567890123456789"},
			    {.name = "c.xml", .data = "x"}};
	struct sb zipdata = SB_INIT, out = SB_INIT, err = SB_INIT;
	struct zip_safe *z;

	make_zip(e, 3, &zipdata);
	assert_null(
	    zip_safe_open("n.docx", zipdata.buf, zipdata.len, limits(2, 1000, 1000, 0), &err));
	assert_non_null(strstr(err.buf, "3 entries"));
	z = zip_safe_open("n.docx", zipdata.buf, zipdata.len, limits(3, 1000, 60, 0), &err);
	assert_non_null(z);
	assert_int_equal(zip_safe_read(z, "a.xml", &out, &err), 0);
	sb_reset(&err);
	assert_int_equal(zip_safe_read(z, "b.xml", &out, &err), -1);
	assert_non_null(strstr(err.buf, "total limit"));
	zip_safe_close(z);
	sb_release(&zipdata);
	sb_release(&out);
	sb_release(&err);
}

static void bad_crc(void **state)
{
	struct zip_part e[] = {
	    {.name = "word/document.xml", .data = "<a>hello world</a>", .store = true}};
	struct sb zipdata = SB_INIT, out = SB_INIT, err = SB_INIT;
	struct zip_safe *z;
	char *p;

	make_zip(e, 1, &zipdata);
	for (p = zipdata.buf; p + 5 <= zipdata.buf + zipdata.len && memcmp(p, "hello", 5); p++)
		;
	assert_true(p + 5 <= zipdata.buf + zipdata.len);
	p[0] = 'j';
	z = zip_safe_open("c.docx", zipdata.buf, zipdata.len, NULL, &err);
	assert_non_null(z);
	assert_int_equal(zip_safe_read(z, "word/document.xml", &out, &err), -1);
	assert_non_null(strstr(err.buf, "CRC"));
	assert_int_equal(out.len, 0);
	zip_safe_close(z);
	sb_release(&zipdata);
	sb_release(&out);
	sb_release(&err);
}

static void unsafe_names(void **state)
{
	static const char *const bad[] = {"../x.xml", "/etc/x.xml", "C:\\x.xml", "a/../../x",
					  "a\\b.xml", "c:x",	    ".."};
	static const char *const good[] = {"a/..b/x.xml", "word/document.xml", "x..y"};
	struct sb zipdata = SB_INIT, err = SB_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct zip_part e[] = {{.name = bad[i], .data = "<a/>"}};

		make_zip(e, 1, &zipdata);
		sb_reset(&err);
		assert_null(zip_safe_open("p.docx", zipdata.buf, zipdata.len, NULL, &err));
		assert_non_null(strstr(err.buf, "unsafe"));
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		struct zip_part e[] = {{.name = good[i], .data = "<a/>"}};
		struct zip_safe *z;

		make_zip(e, 1, &zipdata);
		z = zip_safe_open("p.docx", zipdata.buf, zipdata.len, NULL, &err);
		assert_non_null(z);
		zip_safe_close(z);
	}
	sb_release(&zipdata);
	sb_release(&err);
}

static void encrypted_entry(void **state)
{
	struct zip_part e[] = {{.name = "word/document.xml", .data = "<a/>", .encrypt = true}};
	struct sb zipdata = SB_INIT, err = SB_INIT;

	if (!make_zip(e, 1, &zipdata)) {
		/* This libzip cannot write AES: set the traditional flag bit. */
		char *p = zipdata.buf;

		p[6] |= 1;
		for (p = zipdata.buf + 4; p + 46 <= zipdata.buf + zipdata.len; p++)
			if (memcmp(p, "PK\x01\x02", 4) == 0)
				p[8] |= 1;
	}
	assert_null(zip_safe_open("e.docx", zipdata.buf, zipdata.len, NULL, &err));
	assert_non_null(strstr(err.buf, "e.docx"));
	assert_non_null(strstr(err.buf, "encrypted"));
	sb_release(&zipdata);
	sb_release(&err);
}

static void garbage_and_truncated(void **state)
{
	struct zip_part e[] = {{.name = "word/document.xml", .data = "<a>some text here</a>"}};
	struct sb zipdata = SB_INIT, err = SB_INIT;
	size_t cut;

	assert_null(zip_safe_open("g.docx", "PK\x03\x04junk", 8, NULL, &err));
	assert_non_null(strstr(err.buf, "g.docx"));
	assert_null(zip_safe_open("g.docx", "", 0, NULL, &err));
	make_zip(e, 1, &zipdata);
	for (cut = 1; cut < zipdata.len; cut += 7) {
		struct zip_safe *z = zip_safe_open("t.docx", zipdata.buf, cut, NULL, &err);

		if (z) { /* a cut that still parses must still read safely */
			struct sb out = SB_INIT;

			zip_safe_read(z, "word/document.xml", &out, &err);
			sb_release(&out);
			zip_safe_close(z);
		}
	}
	sb_release(&zipdata);
	sb_release(&err);
}

static void xml_refuses_doctype(void **state)
{
	static const char dtd[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
	static const char lower[] = "<?xml version=\"1.0\"?><!doctype a><a/>";
	static const char u16[] = "\xff\xfe<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0a\0>\0<\0a\0/\0>\0";
	struct sb err = SB_INIT;

	assert_null(xml_safe_parse("d.docx", "word/document.xml", dtd, strlen(dtd), &err));
	assert_non_null(strstr(err.buf, "d.docx"));
	assert_non_null(strstr(err.buf, "word/document.xml"));
	assert_non_null(strstr(err.buf, "DOCTYPE"));
	sb_reset(&err);
	assert_null(xml_safe_parse("d.docx", "p", lower, strlen(lower), &err));
	assert_non_null(strstr(err.buf, "DOCTYPE"));
	sb_reset(&err);
	assert_null(xml_safe_parse("d.docx", "p", u16, sizeof(u16) - 1, &err));
	assert_non_null(strstr(err.buf, "DOCTYPE"));
	sb_release(&err);
}

static void xml_refuses_bad(void **state)
{
	struct sb err = SB_INIT, deep = SB_INIT;
	int i;

	assert_null(xml_safe_parse("x", "p", "", 0, &err));
	assert_non_null(strstr(err.buf, "empty"));
	sb_reset(&err);
	assert_null(xml_safe_parse("x", "p", "<a><b></a>", 10, &err));
	assert_non_null(strstr(err.buf, "not well-formed"));
	sb_reset(&err);
	assert_null(xml_safe_parse("x", "p", "<a>&undefined;</a>", 18, &err));
	for (i = 0; i < 5000; i++)
		sb_adds(&deep, "<a>");
	sb_reset(&err);
	assert_null(xml_safe_parse("x", "p", deep.buf, deep.len, &err));
	sb_release(&deep);
	sb_release(&err);
}

static void xml_helpers(void **state)
{
	static const char s[] = "<r xmlns:w=\"urn:w\"><w:p w:val=\"a&amp;b\" plain=\"1\">"
				"<w:t>xin </w:t><x>chào</x></w:p></r>";
	struct sb err = SB_INIT, text = SB_INIT;
	xmlDocPtr doc = xml_safe_parse("x", "p", s, strlen(s), &err);
	xmlNodePtr root, p;

	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	p = xml_child(root, "urn:w", "p");
	assert_non_null(p);
	assert_true(xml_is(p, "urn:w", "p"));
	assert_false(xml_is(p, "urn:other", "p"));
	assert_true(xml_is(p, NULL, "p"));
	assert_null(xml_child(root, "urn:other", "p"));
	assert_string_equal(xml_attr(p, "urn:w", "val"), "a&b");
	assert_string_equal(xml_attr(p, NULL, "plain"), "1");
	assert_null(xml_attr(p, NULL, "val"));
	assert_null(xml_attr(p, "urn:w", "plain"));
	xml_text(p, &text);
	assert_string_equal(text.buf, "xin chào");
	xmlFreeDoc(doc);
	sb_release(&err);
	sb_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(reads_entries),	      cmocka_unit_test(size_limits_while_inflating),
	    cmocka_unit_test(total_and_count_limits), cmocka_unit_test(bad_crc),
	    cmocka_unit_test(unsafe_names),	      cmocka_unit_test(encrypted_entry),
	    cmocka_unit_test(garbage_and_truncated),  cmocka_unit_test(xml_refuses_doctype),
	    cmocka_unit_test(xml_refuses_bad),	      cmocka_unit_test(xml_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
