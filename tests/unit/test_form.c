/*
 * test_form.c - the web's body and cookie parser (src/web/form.c) on its
 * edge cases: empty bodies, repeated keys, bad %-escapes and NUL bytes,
 * fields and files over their limits, multipart bodies without a boundary
 * or cut off, the one-file rule, and Cookie headers.
 */
#include "unit.h"
#include "base/err.h"
#include "web/form.h"

#define URLENC "application/x-www-form-urlencoded"
#define MP "multipart/form-data; boundary=XyZ"

static const struct form_limits lim = { 64, 100 };

struct parsed {
	struct form_fields f;
	struct upload up;
	struct sb err;
	int rc;
};

static void parse(struct parsed *p, const char *ct, const char *body, size_t len)
{
	memset(p, 0, sizeof(*p));
	p->up.data = (struct sb)SB_INIT;
	p->err = (struct sb)SB_INIT;
	p->rc = form_parse(ct, body, len, &lim, &p->f, &p->up, &p->err);
}

static void done(struct parsed *p)
{
	form_fields_release(&p->f);
	form_upload_release(&p->up);
	sb_release(&p->err);
}

#define PARSE(p, ct, lit) parse(p, ct, lit, sizeof(lit) - 1)

static void test_kind(void **state)
{
	(void)state;
	assert_int_equal(form_kind_of(URLENC), FORM_URLENCODED);
	assert_int_equal(form_kind_of(" Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
			 FORM_URLENCODED);
	assert_int_equal(form_kind_of(MP), FORM_MULTIPART);
	assert_int_equal(form_kind_of("multipart/form-datax"), FORM_NONE);
	assert_int_equal(form_kind_of("application/json"), FORM_NONE);
	assert_int_equal(form_kind_of(NULL), FORM_NONE);
}

static void test_empty(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, URLENC, "", 0);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 0);
	done(&p);
	/* Empty pairs and names are skipped; a key without '=' is empty. */
	PARSE(&p, URLENC, "&&=x&a&b=");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 2);
	assert_string_equal(form_get(&p.f, "a"), "");
	assert_string_equal(form_get(&p.f, "b"), "");
	assert_null(form_get(&p.f, "c"));
	done(&p);
	/* A multipart form with no part at all. */
	PARSE(&p, MP, "--XyZ--\r\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 0);
	assert_null(p.up.field);
	done(&p);
	/* An empty body is no multipart form: it lacks its closing delimiter. */
	parse(&p, MP, "", 0);
	assert_int_equal(p.rc, -ERR_INPUT);
	done(&p);
	/* Not a form: nothing parsed, no error. */
	PARSE(&p, "application/json", "{\"a\":1}");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 0);
	done(&p);
}

static void test_decoding_and_repeats(void **state)
{
	struct parsed p;

	(void)state;
	PARSE(&p, URLENC, "note=%C4%90%C3%A3+xong%21&k=1&k=2&k=3&a%3Db=c%26d");
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "note"), "Đã xong!");
	/* Every value of a repeated key is kept, in order; form_get: the first. */
	assert_int_equal(p.f.n, 5);
	assert_string_equal(form_get(&p.f, "k"), "1");
	assert_string_equal(p.f.v[2].value.buf, "2");
	assert_string_equal(p.f.v[3].value.buf, "3");
	assert_string_equal(form_get(&p.f, "a=b"), "c&d");
	done(&p);
	/* Multipart repeats alike. */
	PARSE(&p, MP,
	      "--XyZ\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\none\r\n"
	      "--XyZ\r\ncontent-disposition: form-data; name=k\r\n\r\ntwo\r\n--XyZ--");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.f.n, 2);
	assert_string_equal(form_get(&p.f, "k"), "one");
	assert_string_equal(p.f.v[1].value.buf, "two");
	done(&p);
}

static void test_bad_escapes(void **state)
{
	static const char *const bad[] = { "a=%", "a=%4", "a=%zz", "a=%4g", "a%=1",
					   "a=1&b=%G0", "a=%00", "a=x%0" };
	struct parsed p;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		parse(&p, URLENC, bad[i], strlen(bad[i]));
		assert_int_equal(p.rc, -ERR_INPUT);
		assert_true(p.err.len > 0);
		done(&p);
	}
	/* A NUL byte as such, and in a multipart field. */
	parse(&p, URLENC, "a=b\0c", 5);
	assert_int_equal(p.rc, -ERR_INPUT);
	done(&p);
	{
		static const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
					   "x\0y\r\n--XyZ--";

		parse(&p, MP, body, sizeof(body) - 1);
		assert_int_equal(p.rc, -ERR_INPUT);
		done(&p);
	}
	{
		/* A NUL in a part's headers (here the file name) would cut the
		 * name short: refused. (Found by fuzz/fuzz_form.c.) */
		static const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"f\";"
					   " filename=\"\0.pdf\"\r\n\r\nx\r\n--XyZ--";

		parse(&p, MP, body, sizeof(body) - 1);
		assert_int_equal(p.rc, -ERR_INPUT);
		assert_null(p.up.field);
		done(&p);
	}
	/* "%2B" is a plus, "+" a space. */
	PARSE(&p, URLENC, "a=1%2B1+2");
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "a"), "1+1 2");
	done(&p);
}

static void test_oversize(void **state)
{
	char big[200];
	struct parsed p;
	struct sb body = SB_INIT;

	(void)state;
	memset(big, 'x', sizeof(big));
	/* urlencoded: the body beyond max_body (64). */
	sb_adds(&body, "a=");
	sb_add(&body, big, 63);
	parse(&p, URLENC, body.buf, body.len);
	assert_int_equal(p.rc, -ERR_TOOBIG);
	done(&p);
	sb_reset(&body);
	sb_adds(&body, "a=");
	sb_add(&body, big, 62);
	parse(&p, URLENC, body.buf, body.len);
	assert_int_equal(p.rc, 0);
	assert_int_equal(strlen(form_get(&p.f, "a")), 62);
	done(&p);
	/* multipart: fields together beyond max_body. */
	sb_reset(&body);
	sb_adds(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n");
	sb_add(&body, big, 40);
	sb_adds(&body, "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n");
	sb_add(&body, big, 40);
	sb_adds(&body, "\r\n--XyZ--\r\n");
	parse(&p, MP, body.buf, body.len);
	assert_int_equal(p.rc, -ERR_TOOBIG);
	done(&p);
	/* multipart: the file beyond max_upload (100), and at it. */
	sb_reset(&body);
	sb_adds(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
		       "Content-Type: text/plain\r\n\r\n");
	sb_add(&body, big, 101);
	sb_adds(&body, "\r\n--XyZ--\r\n");
	parse(&p, MP, body.buf, body.len);
	assert_int_equal(p.rc, -ERR_TOOBIG);
	done(&p);
	sb_reset(&body);
	sb_adds(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n");
	sb_add(&body, big, 100);
	sb_adds(&body, "\r\n--XyZ--\r\n");
	parse(&p, MP, body.buf, body.len);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.up.data.len, 100);
	done(&p);
	sb_release(&body);
}

static void test_missing_boundary(void **state)
{
	static const char *const cts[] = { "multipart/form-data", "multipart/form-data; boundary=",
					   "multipart/form-data; boundary=\"\"",
					   "multipart/form-data; charset=utf-8" };
	static const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
				   "--XyZ--\r\n";
	struct parsed p;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cts); i++) {
		parse(&p, cts[i], body, sizeof(body) - 1);
		assert_int_equal(p.rc, -ERR_INPUT);
		assert_non_null(strstr(p.err.buf, "boundary"));
		assert_int_equal(p.f.n, 0);
		done(&p);
	}
	/* A boundary the body never uses. */
	parse(&p, "multipart/form-data; boundary=Other", body, sizeof(body) - 1);
	assert_int_equal(p.rc, -ERR_INPUT);
	done(&p);
	/* Cut off: no closing delimiter, or a part that never ends. */
	PARSE(&p, MP, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ\r\n");
	assert_int_equal(p.rc, -ERR_INPUT);
	done(&p);
	PARSE(&p, MP, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1");
	assert_int_equal(p.rc, -ERR_INPUT);
	done(&p);
	PARSE(&p, MP, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"");
	assert_int_equal(p.rc, -ERR_INPUT);
	done(&p);
	/* A quoted boundary, a preamble, and a boundary-like line in a value. */
	PARSE(&p, "multipart/form-data; boundary=\"a b\"",
	      "preamble\r\n--a b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n"
	      "--a bc\r\n--a b--\r\nepilogue");
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "n"), "--a bc");
	done(&p);
}

static void test_files(void **state)
{
	struct parsed p;

	(void)state;
	/* An empty file input (filename="") is no file; the first file is
	 * kept with its field and name; a later one is ignored; fields
	 * around them are read; binary content survives, CRLF included. */
	{
		static const char body[] =
			"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
			"--XyZ\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
			"Content-Type: application/octet-stream\r\n\r\n\r\n"
			"--XyZ\r\nContent-Disposition: form-data; name=\"evidence\"; "
			"filename=\"bi\\\"ên bản.pdf\"\r\n\r\n%PDF\0\r\n\xff\r\n"
			"--XyZ\r\nContent-Disposition: form-data; name=\"other\"; filename=\"b.txt\"\r\n"
			"\r\nsecond\r\n"
			"--XyZ\r\nContent-Disposition: form-data; name=\"state\"\r\n\r\ndone\r\n"
			"--XyZ--\r\n";

		parse(&p, MP, body, sizeof(body) - 1);
	}
	assert_int_equal(p.rc, 0);
	assert_string_equal(form_get(&p.f, "csrf"), "tok");
	assert_string_equal(form_get(&p.f, "state"), "done");
	assert_null(form_get(&p.f, "other"));
	assert_int_equal(p.f.n, 2);
	assert_string_equal(p.up.field, "evidence");
	assert_string_equal(p.up.filename, "bi\"ên bản.pdf");
	assert_int_equal(p.up.data.len, 8);
	assert_memory_equal(p.up.data.buf, "%PDF\0\r\n\xff", 8);
	done(&p);
}

static void test_cookies(void **state)
{
	struct form_fields c = { 0 };

	(void)state;
	form_cookies("__Host-dondoc=abc123; lang=en;theme = \"dark\" ; junk; =x; lang=vi", &c);
	assert_string_equal(form_get(&c, "__Host-dondoc"), "abc123");
	/* The first of a repeated name. */
	assert_string_equal(form_get(&c, "lang"), "en");
	assert_string_equal(form_get(&c, "theme"), "dark");
	assert_null(form_get(&c, "junk"));
	assert_null(form_get(&c, ""));
	assert_int_equal(c.n, 4);
	form_fields_release(&c);
	form_cookies(NULL, &c);
	assert_int_equal(c.n, 0);
	form_cookies("", &c);
	assert_int_equal(c.n, 0);
	form_cookies("a=", &c);
	assert_string_equal(form_get(&c, "a"), "");
	form_fields_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_decoding_and_repeats),
		cmocka_unit_test(test_bad_escapes),
		cmocka_unit_test(test_oversize),
		cmocka_unit_test(test_missing_boundary),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_cookies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
