/*
 * fuzz_docx.c - libFuzzer target for the DOCX reader and everything after it.
 *
 * Input that starts like a ZIP goes to docx_read() as it is. Any other input
 * is cut at "\n---\n" into word/document.xml, numbering.xml, styles.xml and
 * footnotes.xml, zipped in memory, and read: random bytes rarely make a valid
 * archive, and this way the fuzzer works on the WordprocessingML the reader
 * walks (numbering, merges, styles), then on the extraction of the result.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"

#include <stdint.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const parts[] = {"word/document.xml", "word/numbering.xml", "word/styles.xml",
				    "word/footnotes.xml"};

/* Zips the pieces of data into out; false when libzip fails. */
static bool build_zip(const char *data, size_t size, struct sb *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	size_t k = 0, start = 0, i;
	bool ok = false;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto out;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		zip_source_free(src);
		goto out;
	}
	for (i = 0; i <= size && k < ARRAY_SIZE(parts); i++) {
		if (i == size || (i + 5 <= size && memcmp(data + i, "\n---\n", 5) == 0)) {
			zip_source_t *s = zip_source_buffer(za, data + start, i - start, 0);

			if (s && zip_file_add(za, parts[k], s, 0) < 0)
				zip_source_free(s);
			k++;
			start = i + 5;
			i += 4;
		}
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		goto out;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		char buf[4096];
		zip_int64_t n;

		while ((n = zip_source_read(src, buf, sizeof(buf))) > 0)
			sb_add(out, buf, (size_t)n);
		zip_source_close(src);
		ok = true;
	}
	zip_source_free(src);
out:
	zip_error_fini(&ze);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct agency_registry *reg;
	static FILE *null_out;
	struct sb err = SB_INIT, zipped = SB_INIT;
	struct doc *d = NULL;
	struct plan plan;

	if (!reg)
		reg = agency_registry_new();
	if (!null_out)
		null_out = fopen("/dev/null", "w");
	if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		d = docx_read("fuzz.docx", (const char *)data, size, NULL, &err);
	else if (build_zip((const char *)data, size, &zipped))
		d = docx_read("fuzz.docx", zipped.buf, zipped.len, NULL, &err);
	if (d) {
		if (null_out)
			doc_dump(d, null_out);
		plan_init(&plan);
		sb_reset(&err);
		extract_plan(d, reg, null_out, &plan, &err);
		plan_release(&plan);
		doc_free(d);
	}
	sb_release(&err);
	sb_release(&zipped);
	return 0;
}
