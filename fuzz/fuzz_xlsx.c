/*
 * fuzz_xlsx.c - libFuzzer target: the XLSX reader and the whole extraction
 * on hostile workbooks. Any crash, leak, UB or hang fails.
 *
 * Mutating a ZIP byte by byte mostly breaks its CRCs, so the input is read
 * two ways. Bytes that start like a ZIP go to xlsx_read() as they are (the
 * container checks). Anything else is split at "\n--part--\n" into the XML
 * parts of a workbook - sheet 1, shared strings, styles, then optionally the
 * workbook part, its relationships and sheet 2 - which are zipped (stored)
 * and read, so the mutations reach the XML the reader walks. Seeds in both
 * forms: tests/fixtures/make_xlsx.py --fuzz-seeds GOOD.xlsx DIR.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"

#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEP "\n--part--\n"

static const char *const names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
	"xl/workbook.xml",	    "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml",
};

/* The default workbook lists sheet 2 only when the input has one. */
#define WORKBOOK(more)                                                                    \
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "    \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"  \
	"<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>" more "</sheets></workbook>"
static const char workbook1[] = WORKBOOK("");
static const char workbook2[] = WORKBOOK("<sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/>");
static const char default_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";

static const char *find_sep(const char *p, const char *end)
{
	size_t n = strlen(SEP);

	for (; (size_t)(end - p) >= n; p++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p || (size_t)(end - p) < n)
			return NULL;
		if (memcmp(p, SEP, n) == 0)
			return p;
	}
	return NULL;
}

/* Zips the parts of data (stored, no compression) into out; false when
 * libzip cannot. */
static bool zip_parts(const char *data, size_t size, struct sb *out)
{
	const char *part[ARRAY_SIZE(names)] = { 0 };
	size_t len[ARRAY_SIZE(names)] = { 0 }, n = 0, i;
	const char *p = data, *end = data + size;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	bool ok = false;

	while (n < ARRAY_SIZE(names)) {
		const char *q = find_sep(p, end);

		part[n] = p;
		len[n++] = q ? (size_t)(q - p) : (size_t)(end - p);
		if (!q)
			break;
		p = q + strlen(SEP);
	}
	if (n < 4) {
		part[3] = workbook1;
		len[3] = strlen(workbook1);
	} else if (n == 6 && len[3] == 0) {
		part[3] = workbook2;
		len[3] = strlen(workbook2);
	}
	if (n < 5 || len[4] == 0) {
		part[4] = default_rels;
		len[4] = strlen(default_rels);
	}
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
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		zip_source_t *s;
		zip_int64_t idx;

		if (!part[i])
			continue;
		s = zip_source_buffer(za, part[i], len[i], 0);
		if (!s || (idx = zip_file_add(za, names[i], s, 0)) < 0) {
			zip_source_free(s);
			continue;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		goto out;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		char *buf = malloc(st.size ? st.size : 1);

		if (buf && zip_source_read(src, buf, st.size) == (zip_int64_t)st.size) {
			sb_add(out, buf, st.size);
			ok = true;
		}
		free(buf);
		zip_source_close(src);
	}
	zip_source_free(src);
out:
	zip_error_fini(&ze);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct agency_registry *reg;
	struct doc_limits lim = doc_default_limits;
	struct sb err = SB_INIT, zipped = SB_INIT;
	struct doc *d = NULL;
	struct plan plan;

	if (!reg)
		reg = agency_registry_new(); /* built once: it is read-only here */
	lim.max_bytes = 1u << 20;
	lim.max_cells = 20000;
	lim.max_blocks = 5000;
	lim.max_entry_bytes = 4u << 20;
	lim.max_total_bytes = 16u << 20;
	if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		d = xlsx_read("fuzz.xlsx", (const char *)data, size, &lim, &err);
	else if (zip_parts((const char *)data, size, &zipped))
		d = xlsx_read("fuzz.xlsx", zipped.buf, zipped.len, &lim, &err);
	if (d) {
		plan_init(&plan);
		sb_reset(&err);
		extract_plan(d, reg, NULL, &plan, &err);
		plan_release(&plan);
		doc_free(d);
	}
	sb_release(&zipped);
	sb_release(&err);
	return 0;
}
