/*
 * fuzz_form.c - arbitrary bytes into the web's body and cookie parser
 * (src/web/form.c): the first line is the Content-Type, the rest the body
 * (and, as one string, a Cookie header). No crash, no leak, no UB; a
 * refusal is -ERR_INPUT or -ERR_TOOBIG; what is accepted keeps its limits:
 * field names non-empty, fields NUL-free and within max_body together, the
 * file within max_upload.
 */
#include "base/compat.h"
#include "base/err.h"
#include "base/sb.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct form_limits lim = { 256, 1024 };
	const char *s = (const char *)data, *nl = memchr(s, '\n', size);
	struct form_fields f = { 0 }, c = { 0 };
	struct upload up = { 0 };
	struct sb ct = SB_INIT, body = SB_INIT, err = SB_INIT;
	size_t i, total = 0;
	int rc;

	up.data = (struct sb)SB_INIT;
	sb_add(&ct, s, nl ? (size_t)(nl - s) : size);
	if (nl)
		sb_add(&body, nl + 1, size - (size_t)(nl + 1 - s));
	rc = form_parse(ct.buf, body.buf, body.len, &lim, &f, &up, &err);
	if (rc != 0 && rc != -ERR_INPUT && rc != -ERR_TOOBIG)
		abort();
	if (rc < 0 && !err.len)
		abort();
	for (i = 0; rc == 0 && i < f.n; i++) {
		if (!f.v[i].name[0] || strlen(f.v[i].value.buf) != f.v[i].value.len)
			abort();
		total += f.v[i].value.len;
	}
	if (rc == 0 && form_kind_of(ct.buf) == FORM_MULTIPART && total > lim.max_body)
		abort();
	if (rc == 0 && (up.data.len > lim.max_upload || (up.field && (!up.field[0] || !up.filename[0]))))
		abort();
	form_cookies(body.buf, &c);
	for (i = 0; i < c.n; i++)
		if (!c.v[i].name[0])
			abort();
	form_fields_release(&f);
	form_fields_release(&c);
	form_upload_release(&up);
	sb_release(&ct);
	sb_release(&body);
	sb_release(&err);
	return 0;
}
