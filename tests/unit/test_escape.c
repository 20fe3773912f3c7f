/*
 * test_escape.c - base/escape.h and base/hash.h: each target language's
 * reserved characters, and nothing else, replaced; SHA-256 known answers.
 */
#include "unit.h"
#include "base/escape.h"
#include "base/hash.h"

typedef void (*escape_fn)(struct sb *, const char *, size_t);

static void expect(escape_fn fn, const char *in, const char *want)
{
	struct sb out = SB_INIT;

	fn(&out, in, strlen(in));
	assert_string_equal(out.buf, want);
	sb_release(&out);
}

static void html(void **state)
{
	expect(escape_html, "Sở VH&TT <b>\"x\"</b>", "Sở VH&amp;TT &lt;b&gt;\"x\"&lt;/b&gt;");
	expect(escape_html_attr, "a\"b'c<d>&", "a&quot;b&#39;c&lt;d&gt;&amp;");
	expect(escape_html, "", "");
}

static void xml(void **state)
{
	expect(escape_xml, "Quý III/2026 & \"kế\" <x>\x01\x1f\tok\n",
	       "Quý III/2026 &amp; &quot;kế&quot; &lt;x&gt;\tok\n");
}

static void csv(void **state)
{
	expect(escape_csv, "Sở Tài chính", "Sở Tài chính");
	expect(escape_csv, "a,b", "\"a,b\"");
	expect(escape_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	expect(escape_csv, "two\nlines", "\"two\nlines\"");
	expect(escape_csv, "=SUM(A1)", "\"'=SUM(A1)\"");
	expect(escape_csv, "-5", "\"'-5\"");
}

static void json(void **state)
{
	expect(escape_json, "Hoà \"x\" \\ \n\t\x01", "\"Hoà \\\"x\\\" \\\\ \\n\\t\\u0001\"");
}

static void sha256(void **state)
{
	char hex[HASH_HEX_LEN];
	const unsigned char bin[] = { 0x00, 0x0f, 0xa5, 0xff };

	assert_int_equal(hash_sha256_hex("abc", 3, hex), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(hash_sha256_hex("", 0, hex), 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hash_hex(bin, sizeof(bin), hex);
	assert_string_equal(hex, "000fa5ff");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html), cmocka_unit_test(xml),	  cmocka_unit_test(csv),
		cmocka_unit_test(json), cmocka_unit_test(sha256),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
