/*
 * test_xlsx.c - the XLSX reader on small workbooks built in memory with
 * libzip: shared strings (with bold and mixed runs), inline strings, numbers,
 * percentages, dates and booleans as an official reads them; bold from the
 * styles; merged cells as rowspan/colspan/covered; title rows and notes as
 * paragraphs; cells placed by their reference; several sheets; and hostile
 * workbooks refused with the file and the part named, within the limits.
 */
#include "unit.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "base/xalloc.h"

#include "mkzip.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NSR "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* Zips the parts (NULL-terminated) into out. */
static void zip_parts(const struct zip_part *parts, struct sb *out)
{
	size_t n = 0;

	while (parts[n].name)
		n++;
	assert_true(make_zip(parts, n, out));
}

/* A workbook of up to three sheets (NULL xml: absent), shared strings and
 * styles (NULL: no part). */
struct book {
	const char *names[3];
	const char *sheets[3];
	const char *sst, *styles, *workbook_extra, *rels;
};

static void make_book(const struct book *b, struct sb *out)
{
	struct sb wb = SB_INIT, rels = SB_INIT;
	struct zip_part parts[12];
	static const char *const sheet_names[] = { "xl/worksheets/sheet1.xml",
						   "xl/worksheets/sheet2.xml",
						   "xl/worksheets/sheet3.xml" };
	size_t n = 0, i;

	sb_addf(&wb, "<workbook " NS " " NSR ">%s<sheets>",
		b->workbook_extra ? b->workbook_extra : "");
	sb_adds(&rels, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		       "relationships\">");
	for (i = 0; i < 3 && b->sheets[i]; i++) {
		sb_addf(&wb, "<sheet name=\"%s\" sheetId=\"%zu\" r:id=\"rId%zu\"/>",
			b->names[i] ? b->names[i] : "Sheet", i + 1, i + 1);
		sb_addf(&rels, "<Relationship Id=\"rId%zu\" Type=\"" RELT "worksheet\" "
			       "Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
		parts[n++] = (struct zip_part){ .name = sheet_names[i], .data = b->sheets[i] };
	}
	sb_adds(&wb, "</sheets></workbook>");
	if (b->sst) {
		sb_adds(&rels, "<Relationship Id=\"rId10\" Type=\"" RELT "sharedStrings\" "
			       "Target=\"sharedStrings.xml\"/>");
		parts[n++] = (struct zip_part){ .name = "xl/sharedStrings.xml", .data = b->sst };
	}
	if (b->styles) {
		sb_adds(&rels, "<Relationship Id=\"rId11\" Type=\"" RELT "styles\" "
			       "Target=\"/xl/styles.xml\"/>");
		parts[n++] = (struct zip_part){ .name = "xl/styles.xml", .data = b->styles };
	}
	sb_adds(&rels, "</Relationships>");
	parts[n++] = (struct zip_part){ .name = "xl/workbook.xml", .data = wb.buf };
	parts[n++] = (struct zip_part){ .name = "xl/_rels/workbook.xml.rels", .data = b->rels ? b->rels : rels.buf };
	parts[n++] = (struct zip_part){ .name = "[Content_Types].xml", .data = "<Types/>" };
	parts[n] = (struct zip_part){ .name = NULL, .data = NULL };
	zip_parts(parts, out);
	sb_release(&wb);
	sb_release(&rels);
}

static struct doc *read_book(const struct book *b, const struct doc_limits *lim, struct sb *err)
{
	struct sb data = SB_INIT;
	struct doc *d;

	make_book(b, &data);
	d = xlsx_read("t.xlsx", data.buf, data.len, lim, err);
	sb_release(&data);
	return d;
}

static struct doc *read_ok(const struct book *b)
{
	struct sb err = SB_INIT;
	struct doc *d = read_book(b, NULL, &err);

	if (!d)
		fail_msg("xlsx_read failed: %s", err.buf);
	sb_release(&err);
	return d;
}

/* The error of a workbook that must be refused. */
static char *read_err(const struct book *b, const struct doc_limits *lim)
{
	struct sb err = SB_INIT;
	struct doc *d = read_book(b, lim, &err);

	assert_null(d);
	assert_true(err.len > 0);
	assert_non_null(strstr(err.buf, "t.xlsx: "));
	return sb_detach(&err);
}

static const struct doc_table *table_of(const struct doc *d, size_t k)
{
	size_t i;

	for (i = 0; i < d->blocks.n; i++)
		if (d->blocks.v[i].kind == BLOCK_TABLE && !k--)
			return d->blocks.v[i].table;
	fail_msg("no table %zu", k);
	return NULL;
}

static const struct doc_cell *cell(const struct doc_table *t, size_t r, size_t c)
{
	assert_true(r < t->rows.n);
	assert_true(c < t->rows.v[r].cells.n);
	return &t->rows.v[r].cells.v[c];
}

#define STYLES                                                                              \
	"<styleSheet " NS "><numFmts count=\"2\">"                                          \
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"                              \
	"<numFmt numFmtId=\"165\" formatCode=\"[$-42A]#,##0.0\"/></numFmts>"                \
	"<fonts><font><sz val=\"11\"/></font><font><b/></font><font><b val=\"0\"/></font>"  \
	"<font><i/></font></fonts>"                                                         \
	"<cellXfs><xf numFmtId=\"0\" fontId=\"0\"/>"        /* 0 */                         \
	"<xf numFmtId=\"0\" fontId=\"1\"/>"                 /* 1 bold */                    \
	"<xf numFmtId=\"2\" fontId=\"0\"/>"                 /* 2 0.00 */                    \
	"<xf numFmtId=\"10\" fontId=\"0\"/>"                /* 3 0.00% */                   \
	"<xf numFmtId=\"9\" fontId=\"0\"/>"                 /* 4 0% */                      \
	"<xf numFmtId=\"14\" fontId=\"0\"/>"                /* 5 builtin date */            \
	"<xf numFmtId=\"164\" fontId=\"0\"/>"               /* 6 custom date */             \
	"<xf numFmtId=\"165\" fontId=\"2\"/>"               /* 7 #,##0.0, b val=0 */        \
	"<xf numFmtId=\"20\" fontId=\"3\"/>"                /* 8 h:mm, italic */            \
	"<xf numFmtId=\"3\" fontId=\"0\"/>"                 /* 9 #,##0 */                   \
	"<xf numFmtId=\"49\" fontId=\"0\"/>"                /* 10 text */                   \
	"</cellXfs></styleSheet>"

static void values_as_printed(void **state)
{
	static const char sst[] =
	    "<sst " NS "><si><t>Chỉ tiêu</t></si>"
	    "<si><r><rPr><b/></rPr><t>Hạ tầng </t></r><r><rPr><b/></rPr><t>và dữ liệu</t></r></si>"
	    "<si><r><rPr><b/></rPr><t>nửa </t></r><r><rPr><sz val=\"9\"/></rPr><t>đậm</t></r></si>"
	    "<si><t>dòng_x000D_hai</t><rPh><t>PHONETIC</t></rPh></si>"
	    "<si><t>a_x005F_x000D_b</t></si></sst>";
	static const char sheet[] =
	    "<worksheet " NS "><sheetData>"
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\" s=\"1\"><v>2</v></c>"
	    "<c r=\"E1\" t=\"s\"><v>3</v></c>"
	    "<c r=\"F1\" t=\"inlineStr\"><is><t>nội dòng</t></is></c>"
	    "<c r=\"G1\" t=\"inlineStr\" s=\"1\"><is><r><t>a</t></r><r><t>b</t></r></is></c>"
	    "<c r=\"H1\" t=\"s\"><v>4</v></c></row>"
	    "<row r=\"2\"><c r=\"A2\"><v>155000</v></c>"
	    "<c r=\"B2\" s=\"2\"><v>14.970000000000001</v></c>"
	    "<c r=\"C2\" s=\"3\"><v>0.1497</v></c><c r=\"D2\" s=\"4\"><v>0.8</v></c>"
	    "<c r=\"E2\"><v>1.0000000000000001E-5</v></c><c r=\"F2\" s=\"2\"><v>93</v></c>"
	    "<c r=\"G2\" s=\"9\"><v>4060.5</v></c><c r=\"H2\"><v>1.234</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\" s=\"5\"><v>46112</v></c><c r=\"B3\" s=\"6\"><v>45658</v></c>"
	    "<c r=\"C3\" s=\"6\"><v>60</v></c><c r=\"D3\" s=\"6\"><v>61</v></c>"
	    "<c r=\"E3\" s=\"8\"><v>0.5</v></c><c r=\"F3\" t=\"b\"><v>1</v></c>"
	    "<c r=\"G3\" t=\"b\"><v>0</v></c><c r=\"H3\" t=\"e\"><v>#N/A</v></c></row>"
	    "<row r=\"4\"><c r=\"A4\"><f>SUM(A2:A3)</f><v>201112</v></c>"
	    "<c r=\"B4\" t=\"str\"><f>A1&amp;\"x\"</f><v>Chỉ tiêux</v></c>"
	    "<c r=\"C4\" s=\"7\"><v>2.5</v></c><c r=\"D4\" t=\"d\"><v>2026-03-15T00:00:00</v></c>"
	    "<c r=\"E4\" s=\"10\"><v>007</v></c><c r=\"F4\"><f>1/0</f></c>"
	    "<c r=\"G4\"><v>-0.0</v></c><c r=\"H4\"><v>-3.25</v></c></row>"
	    "</sheetData></worksheet>";
	struct book b = { .sheets = { sheet }, .sst = sst, .styles = STYLES };
	struct doc *d = read_ok(&b);
	const struct doc_table *t = table_of(d, 0);

	assert_string_equal(d->reader, "xlsx");
	assert_int_equal(t->rows.n, 4);
	assert_true(t->merges_known);
	assert_string_equal(cell(t, 0, 0)->text, "Chỉ tiêu");
	assert_false(cell(t, 0, 0)->bold);
	assert_string_equal(cell(t, 0, 1)->text, "Hạ tầng và dữ liệu");
	assert_true(cell(t, 0, 1)->bold); /* every run bold */
	assert_false(cell(t, 0, 2)->bold); /* one run not bold */
	assert_false(cell(t, 0, 3)->bold); /* a styled plain run beats the bold font */
	assert_string_equal(cell(t, 0, 4)->text, "dòng hai");
	/* The escaped line break reads as a space in the text and stays a
	 * break in the cell's lines; a one-line cell has none. */
	assert_non_null(cell(t, 0, 4)->lines);
	assert_string_equal(cell(t, 0, 4)->lines, "dòng\nhai");
	assert_null(cell(t, 0, 5)->lines);
	assert_string_equal(cell(t, 0, 5)->text, "nội dòng");
	assert_true(cell(t, 0, 6)->bold); /* unstyled runs take the bold cell font */
	assert_string_equal(cell(t, 0, 6)->text, "ab");
	assert_string_equal(cell(t, 0, 7)->text, "a_x000D_b"); /* unescaped once */
	assert_null(cell(t, 0, 7)->lines);

	assert_string_equal(cell(t, 1, 0)->text, "155000");
	assert_string_equal(cell(t, 1, 1)->text, "14,97");
	assert_string_equal(cell(t, 1, 2)->text, "14,97%");
	assert_string_equal(cell(t, 1, 3)->text, "80%");
	assert_string_equal(cell(t, 1, 4)->text, "0,00001");
	assert_string_equal(cell(t, 1, 5)->text, "93,00");
	assert_string_equal(cell(t, 1, 6)->text, "4060,5"); /* no grouping, value kept */
	assert_string_equal(cell(t, 1, 7)->text, "1,234");

	assert_string_equal(cell(t, 2, 0)->text, "31/03/2026");
	assert_string_equal(cell(t, 2, 1)->text, "01/01/2025");
	assert_string_equal(cell(t, 2, 2)->text, "29/02/1900");
	assert_string_equal(cell(t, 2, 3)->text, "01/03/1900");
	assert_string_equal(cell(t, 2, 4)->text, "12:00");
	assert_string_equal(cell(t, 2, 5)->text, "TRUE");
	assert_string_equal(cell(t, 2, 6)->text, "FALSE");
	assert_string_equal(cell(t, 2, 7)->text, "");

	assert_string_equal(cell(t, 3, 0)->text, "201112");
	assert_string_equal(cell(t, 3, 1)->text, "Chỉ tiêux");
	assert_string_equal(cell(t, 3, 2)->text, "2,5");
	assert_false(cell(t, 3, 2)->bold);
	assert_string_equal(cell(t, 3, 3)->text, "15/03/2026");
	assert_string_equal(cell(t, 3, 4)->text, "007");
	assert_string_equal(cell(t, 3, 5)->text, "");
	assert_string_equal(cell(t, 3, 6)->text, "0");
	assert_string_equal(cell(t, 3, 7)->text, "-3,25");
	doc_free(d);
}

static void date1904_system(void **state)
{
	static const char sheet[] =
		"<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" s=\"6\"><v>0</v></c>"
		"<c r=\"B1\" s=\"6\"><v>44196</v></c></row></sheetData></worksheet>";
	struct book b = { .sheets = { sheet }, .styles = STYLES,
			  .workbook_extra = "<workbookPr date1904=\"1\"/>" };
	struct doc *d = read_ok(&b);
	const struct doc_table *t = table_of(d, 0);

	assert_string_equal(cell(t, 0, 0)->text, "01/01/1904");
	assert_string_equal(cell(t, 0, 1)->text, "01/01/2025");
	doc_free(d);
}

/* A title merged over A1:E1, a blank row, the header, a section row merged
 * across, rows with vertical merges, a continued row, a note below. */
static const char layout_sheet[] =
    "<worksheet " NS "><dimension ref=\"A1:XFD1048576\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>PHÂN CÔNG NHIỆM VỤ</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>hidden under the merge</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" s=\"1\"/></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>TT</t></is></c>"
    "<c r=\"B3\" t=\"inlineStr\"><is><t>Nhiệm vụ</t></is></c>"
    "<c r=\"C3\" t=\"inlineStr\"><is><t>Cơ quan chủ trì</t></is></c>"
    "<c r=\"E3\" t=\"inlineStr\"><is><t>Thời gian</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" s=\"1\" t=\"inlineStr\"><is><t>I</t></is></c>"
    "<c r=\"B4\" s=\"1\" t=\"inlineStr\"><is><t>Nhóm một</t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\"><v>1</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>Việc một</t></is></c>"
    "<c r=\"C5\" t=\"inlineStr\"><is><t>Sở Tài chính</t></is></c>"
    "<c r=\"E5\" t=\"inlineStr\"><is><t>Quý I</t></is></c></row>"
    "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>tiếp theo</t></is></c></row>"
    "<row r=\"8\"><c r=\"A8\"><v>2</v></c><c r=\"B8\" t=\"inlineStr\"><is><t>Việc hai</t></is></c>"
    "<c r=\"E8\" t=\"inlineStr\"><is><t>Quý II</t></is></c></row>"
    "<row r=\"9\"><c r=\"A9\"><v>3</v></c><c r=\"B9\" t=\"inlineStr\"><is><t>Việc ba</t></is></c>"
    "</row>"
    "<row r=\"11\"><c r=\"A11\" t=\"inlineStr\"><is><t>Ghi chú: số liệu tạm tính</t></is></c></row>"
    "</sheetData><mergeCells count=\"5\"><mergeCell ref=\"A1:E1\"/><mergeCell ref=\"B4:E4\"/>"
    "<mergeCell ref=\"C5:C8\"/><mergeCell ref=\"D5:D9\"/><mergeCell ref=\"A11:E11\"/>"
    "</mergeCells></worksheet>";

static void layout_and_merges(void **state)
{
	struct book b = {.names = {"Phân công"}, .sheets = {layout_sheet}, .styles = STYLES};
	struct doc *d = read_ok(&b);
	const struct doc_table *t;

	assert_int_equal(d->blocks.n, 3);
	assert_int_equal(d->blocks.v[0].kind, BLOCK_PARA);
	assert_string_equal(d->blocks.v[0].text, "PHÂN CÔNG NHIỆM VỤ");
	assert_true(d->blocks.v[0].bold);
	assert_true(d->blocks.v[0].upper);
	assert_int_equal(d->blocks.v[0].line, 1);
	assert_int_equal(d->blocks.v[1].kind, BLOCK_TABLE);
	assert_int_equal(d->blocks.v[1].line, 3);
	assert_int_equal(d->blocks.v[1].end_line, 9);
	assert_int_equal(d->blocks.v[2].kind, BLOCK_PARA);
	assert_string_equal(d->blocks.v[2].text, "Ghi chú: số liệu tạm tính");
	assert_int_equal(d->blocks.v[2].line, 11);

	t = d->blocks.v[1].table;
	assert_string_equal(t->sheet, "Phân công");
	assert_true(t->merges_known);
	assert_int_equal(t->rows.n, 6); /* 3, 4, 5, 7, 8, 9: row 6 is empty */
	assert_int_equal(t->rows.v[0].line, 3);
	assert_int_equal(t->rows.v[3].line, 7);
	/* Every row as wide as the table; D3 and the gaps filled. */
	for (size_t r = 0; r < t->rows.n; r++)
		assert_int_equal(t->rows.v[r].cells.n, 5);
	assert_string_equal(cell(t, 0, 3)->text, "");
	assert_string_equal(cell(t, 0, 4)->text, "Thời gian");
	/* Section row: bold, merged across, the rest plain empty cells. */
	assert_true(cell(t, 1, 0)->bold);
	assert_int_equal(cell(t, 1, 1)->colspan, 4);
	assert_false(cell(t, 1, 2)->covered);
	/* C5:C8 covers rows 7 and 8 (row 6 left out): rowspan 3. */
	assert_int_equal(cell(t, 2, 2)->rowspan, 3);
	assert_string_equal(cell(t, 2, 2)->text, "Sở Tài chính");
	assert_true(cell(t, 3, 2)->covered);
	assert_true(cell(t, 4, 2)->covered);
	assert_string_equal(cell(t, 4, 2)->text, "");
	assert_false(cell(t, 5, 2)->covered);
	/* D5:D9 has an empty top-left cell: it covers nothing. */
	assert_false(cell(t, 3, 3)->covered);
	assert_int_equal(cell(t, 2, 3)->rowspan, 1);
	/* The continued row stays in the table. */
	assert_string_equal(cell(t, 3, 0)->text, "");
	assert_string_equal(cell(t, 3, 1)->text, "tiếp theo");
	doc_free(d);
}

static void sheets_in_order(void **state)
{
	static const char s1[] = "<worksheet " NS "><sheetData><row r=\"2\">"
				 "<c r=\"B2\" t=\"inlineStr\"><is><t>một</t></is></c>"
				 "<c r=\"C2\" t=\"inlineStr\"><is><t>hai</t></is></c></row>"
				 "</sheetData></worksheet>";
	static const char s2[] = "<worksheet " NS "><sheetData/></worksheet>";
	static const char s3[] = "<worksheet " NS "><sheetData><row>"
				 "<c t=\"inlineStr\"><is><t>ba</t></is></c>"
				 "<c t=\"inlineStr\"><is><t>bốn</t></is></c></row>"
				 "</sheetData></worksheet>";
	struct book b = { .names = { "Một", "Trống", "Ba" }, .sheets = { s1, s2, s3 } };
	struct doc *d = read_ok(&b);

	/* The empty sheet gives nothing; columns start at A for sheet 1. */
	assert_int_equal(d->blocks.n, 2);
	assert_string_equal(table_of(d, 0)->sheet, "Một");
	assert_int_equal(table_of(d, 0)->rows.v[0].cells.n, 3);
	assert_string_equal(cell(table_of(d, 0), 0, 0)->text, "");
	assert_string_equal(cell(table_of(d, 0), 0, 1)->text, "một");
	assert_string_equal(table_of(d, 1)->sheet, "Ba");
	assert_int_equal(table_of(d, 1)->rows.v[0].line, 1);
	assert_string_equal(cell(table_of(d, 1), 0, 1)->text, "bốn");
	doc_free(d);
}

static void hidden_sheets_and_paths(void **state)
{
	static const char wb[] =
		"<workbook " NS " " NSR "><sheets>"
		"<sheet name=\"Ẩn\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
		"<sheet name=\"Hiện\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
	static const char rels[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" RELT "worksheet\" Target=\"worksheets/a.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"" RELT "worksheet\" "
	    "Target=\"./worksheets/../worksheets/b.xml\"/></Relationships>";
	static const char sheet_a[] = "<worksheet " NS "><sheetData><row r=\"1\">"
				      "<c r=\"A1\" t=\"inlineStr\"><is><t>ẩn</t></is></c>"
				      "</row></sheetData></worksheet>";
	static const char sheet_b[] = "<worksheet " NS "><sheetData><row r=\"1\">"
				      "<c r=\"A1\" t=\"inlineStr\"><is><t>Tiêu đề</t></is></c>"
				      "</row></sheetData></worksheet>";
	struct zip_part parts[] = {
		{ .name = "xl/workbook.xml", .data = wb },
		{ .name = "xl/_rels/workbook.xml.rels", .data = rels },
		{ .name = "xl/worksheets/a.xml", .data = sheet_a },
		{ .name = "xl/worksheets/b.xml", .data = sheet_b },
		{ .name = NULL, .data = NULL },
	};
	struct sb data = SB_INIT, err = SB_INIT;
	struct doc *d;

	zip_parts(parts, &data);
	d = xlsx_read("t.xlsx", data.buf, data.len, NULL, &err);
	assert_non_null(d);
	/* One column: a paragraph, no table. */
	assert_int_equal(d->blocks.n, 1);
	assert_int_equal(d->blocks.v[0].kind, BLOCK_PARA);
	assert_string_equal(d->blocks.v[0].text, "Tiêu đề");
	doc_free(d);
	sb_release(&data);
	sb_release(&err);
}

static void through_ingest(void **state)
{
	struct book b = { .sheets = { layout_sheet } };
	struct sb data = SB_INIT, err = SB_INIT;
	struct doc *d;

	make_book(&b, &data);
	d = ingest_buffer("any.name", data.buf, data.len, NULL, &err);
	assert_non_null(d);
	assert_string_equal(d->reader, "xlsx");
	doc_free(d);
	sb_release(&data);
	sb_release(&err);
}

static void assert_err(const struct book *b, const struct doc_limits *lim, const char *want)
{
	char *e = read_err(b, lim);

	if (!strstr(e, want))
		fail_msg("error \"%s\" lacks \"%s\"", e, want);
	free(e);
}

static void hostile_books(void **state)
{
	static const char bad_ss[] =
	    "<worksheet " NS "><sheetData><row r=\"2\">"
	    "<c r=\"B2\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>";
	static const char neg_ss[] =
	    "<worksheet " NS "><sheetData><row r=\"2\">"
	    "<c r=\"B2\" t=\"s\"><v>-1</v></c></row></sheetData></worksheet>";
	static const char doctype[] = "<!DOCTYPE worksheet [<!ENTITY x \"y\">]><worksheet " NS
				      "><sheetData/></worksheet>";
	static const char bad_ref[] =
	    "<worksheet " NS "><sheetData><row r=\"1\">"
	    "<c r=\"A1048577\"><v>1</v></c></row></sheetData></worksheet>";
	static const char bad_row[] = "<worksheet " NS "><sheetData><row r=\"0\">"
				      "<c><v>1</v></c></row></sheetData></worksheet>";
	static const char bad_merge[] =
	    "<worksheet " NS "><sheetData><row r=\"1\">"
	    "<c r=\"A1\"><v>1</v></c></row></sheetData>"
	    "<mergeCells><mergeCell ref=\"A1:B\"/></mergeCells></worksheet>";
	static const char malformed[] = "<worksheet " NS "><sheetData><row>";
	static const char not_ws[] = "<chartsheet " NS "/>";
	struct book b = { .sheets = { bad_ss } };
	struct sb err = SB_INIT;

	assert_err(&b, NULL, "xl/worksheets/sheet1.xml: cell B2 of sheet \"Sheet\" refers to "
			     "shared string \"7\", but the workbook has 0 shared strings");
	b.sst = "<sst " NS "><si><t>x</t></si></sst>";
	assert_err(&b, NULL, "has 1 shared strings");
	b.sheets[0] = neg_ss;
	assert_err(&b, NULL, "shared string \"-1\"");
	b.sst = NULL;
	b.sheets[0] = doctype;
	assert_err(&b, NULL, "xl/worksheets/sheet1.xml has a DOCTYPE");
	b.sheets[0] = bad_ref;
	assert_err(&b, NULL, "cell reference \"A1048577\" is not valid");
	b.sheets[0] = bad_row;
	assert_err(&b, NULL, "row number \"0\" is out of range");
	b.sheets[0] = bad_merge;
	assert_err(&b, NULL, "merged range \"A1:B\" is not valid");
	b.sheets[0] = malformed;
	assert_err(&b, NULL, "not well-formed");
	b.sheets[0] = not_ws;
	assert_err(&b, NULL, "is not a worksheet");
	b.sheets[0] = "<worksheet " NS "><sheetData/></worksheet>";
	assert_err(&b, NULL, "the workbook holds no text");
	b.rels = "<Relationships><Relationship Id=\"rId1\" Type=\"" RELT "worksheet\" "
		 "Target=\"../../../etc/passwd\"/></Relationships>";
	assert_err(&b, NULL, "xl/_rels/workbook.xml.rels: a relationship without Id, Type or a "
			     "Target inside the archive");
	b.rels = "<Relationships><Relationship Id=\"rId1\" Type=\"" RELT "worksheet\" "
		 "Target=\"worksheets/none.xml\"/></Relationships>";
	assert_err(&b, NULL, "xl/worksheets/none.xml: missing");
	b.rels = "<Relationships/>";
	assert_err(&b, NULL, "no relationship rId1 for sheet");

	assert_null(xlsx_read("t.xlsx", "PK\3\4junk", 8, NULL, &err));
	assert_non_null(strstr(err.buf, "t.xlsx: "));
	sb_reset(&err);
	assert_null(xlsx_read("t.xlsx", "", 0, NULL, &err));
	assert_non_null(strstr(err.buf, "empty"));
	sb_release(&err);
}

static void no_workbook_part(void **state)
{
	struct zip_part parts[] = { { .name = "word/document.xml", .data = "<document/>" }, { .name = NULL, .data = NULL } };
	struct sb data = SB_INIT, err = SB_INIT;

	zip_parts(parts, &data);
	assert_null(xlsx_read("t.xlsx", data.buf, data.len, NULL, &err));
	assert_non_null(strstr(err.buf, "t.xlsx: no xl/workbook.xml"));
	sb_release(&data);
	sb_release(&err);
}

/* Huge claims cost nothing; huge real grids are refused within the limits. */
static void limits_hold(void **state)
{
	static const char far[] =
	    "<worksheet " NS "><sheetData>"
	    "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"
	    "<row r=\"1048576\"><c r=\"XFD1048576\"><v>3</v></c></row>"
	    "</sheetData></worksheet>";
	static const char huge_merge[] =
		"<worksheet " NS "><sheetData>"
		"<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"
		"<row r=\"2\"><c r=\"A2\"><v>3</v></c><c r=\"B2\"><v>4</v></c></row>"
		"<row r=\"3\"><c r=\"A3\"><v>5</v></c><c r=\"B3\"><v>6</v></c></row></sheetData>"
		"<mergeCells><mergeCell ref=\"C1:XFD1048576\"/><mergeCell ref=\"A6:XFD1048576\"/>"
		"<mergeCell ref=\"B1048576:B2\"/></mergeCells></worksheet>";
	struct doc_limits lim = doc_default_limits;
	struct book b = { .sheets = { far } };
	struct sb sheet = SB_INIT;
	struct doc *d;
	size_t i;

	/* 2 rows x 16384 columns fits the default cell limit; the far cell,
	 * set apart, is a note below a two-column table. */
	d = read_ok(&b);
	assert_int_equal(d->blocks.n, 2);
	assert_int_equal(table_of(d, 0)->rows.n, 1);
	assert_int_equal(table_of(d, 0)->rows.v[0].cells.n, 2);
	assert_string_equal(d->blocks.v[1].text, "3");
	assert_int_equal(d->blocks.v[1].line, 1048576);
	doc_free(d);
	lim.max_cells = 1000;
	assert_err(&b, &lim, "xl/worksheets/sheet1.xml: the table of sheet \"Sheet\" spans 2 rows "
			     "by 16384 columns, over the limit of 1000 cells");

	/* Merges to the last cell: only the grid of real cells is touched. */
	b.sheets[0] = huge_merge;
	d = read_ok(&b);
	assert_int_equal(table_of(d, 0)->rows.n, 3);
	assert_int_equal(table_of(d, 0)->rows.v[1].cells.n, 2);
	assert_int_equal(cell(table_of(d, 0), 1, 1)->rowspan, 2);
	assert_int_equal(cell(table_of(d, 0), 1, 1)->colspan, 1);
	assert_true(cell(table_of(d, 0), 2, 1)->covered);
	assert_string_equal(cell(table_of(d, 0), 2, 1)->text, ""); /* "6" hidden */
	doc_free(d);

	/* More cells with text than max_cells. */
	sb_adds(&sheet, "<worksheet " NS "><sheetData>");
	for (i = 1; i <= 600; i++)
		sb_addf(&sheet,
			"<row r=\"%zu\"><c r=\"A%zu\"><v>%zu</v></c><c r=\"B%zu\"><v>1</v></c>"
			"</row>",
			i, i, i, i);
	/* Thousands of overlapping merges: bounded work, dropped. */
	sb_adds(&sheet, "</sheetData><mergeCells>");
	for (i = 1; i <= 5000; i++)
		sb_addf(&sheet, "<mergeCell ref=\"C%zu:XFD1048576\"/>", i % 600 + 1);
	sb_adds(&sheet, "</mergeCells></worksheet>");
	b.sheets[0] = sheet.buf;
	d = read_ok(&b);
	assert_int_equal(table_of(d, 0)->rows.n, 600);
	doc_free(d);
	assert_err(&b, &lim, "has more than 1000 cells with text");
	lim = doc_default_limits;
	lim.max_blocks = 1;
	b.sheets[0] = layout_sheet;
	assert_err(&b, &lim, "more than 1 blocks");
	sb_release(&sheet);
}

/* A merge over a whole table: Excel would show one cell of it. */
static void merge_hiding_text_refused(void **state)
{
	struct sb sheet = SB_INIT;
	struct book b = { 0 };
	int r;

	sb_adds(&sheet, "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
			"<is><t>Tiêu đề</t></is></c></row>");
	for (r = 2; r <= 7; r++)
		sb_addf(&sheet, "<row r=\"%d\"><c r=\"A%d\"><v>1</v></c><c r=\"B%d\"><v>2</v></c>"
				"<c r=\"C%d\"><v>3</v></c></row>", r, r, r, r);
	sb_adds(&sheet, "</sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>"
			"</worksheet>");
	b.sheets[0] = sheet.buf;
	assert_err(&b, NULL, "merged range A1:XFD1048576 hides 18 cells with text");
	sb_release(&sheet);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_as_printed),
		cmocka_unit_test(date1904_system),
		cmocka_unit_test(layout_and_merges),
		cmocka_unit_test(sheets_in_order),
		cmocka_unit_test(hidden_sheets_and_paths),
		cmocka_unit_test(through_ingest),
		cmocka_unit_test(hostile_books),
		cmocka_unit_test(no_workbook_part),
		cmocka_unit_test(limits_hold),
		cmocka_unit_test(merge_hiding_text_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
