/*
 * test_docx.c - the DOCX reader on small hand-written WordprocessingML:
 * automatic numbering (levels, formats, restarts, start overrides, style
 * numbering, bullets), whole-paragraph bold (direct, run style, paragraph
 * style, w:val="0"), tables (gridSpan, vMerge restart/continue, the
 * repeating header row read once), tracked changes, tabs and breaks,
 * footnotes, document-order lines, and clear errors for what is no Word
 * document. Archives are built in memory with libzip.
 */
#include "unit.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "base/xalloc.h"

#include "mkzip.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* Reads a DOCX made of body (inside w:body) and the optional other parts. */
static struct doc *read_docx(const char *body, const char *numbering, const char *styles,
			     const char *notes, struct sb *err)
{
	struct sb doc = SB_INIT, zipdata = SB_INIT;
	struct zip_part parts[4];
	size_t n = 0;
	struct doc *d;

	sb_addf(&doc,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		"<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>",
		W, body);
	parts[n++] = (struct zip_part){ .name = "word/document.xml", .data = doc.buf};
	if (numbering)
		parts[n++] = (struct zip_part){ .name = "word/numbering.xml", .data = numbering};
	if (styles)
		parts[n++] = (struct zip_part){ .name = "word/styles.xml", .data = styles};
	if (notes)
		parts[n++] = (struct zip_part){ .name = "word/footnotes.xml", .data = notes};
	make_zip(parts, n, &zipdata);
	d = docx_read("t.docx", zipdata.buf, zipdata.len, NULL, err);
	sb_release(&doc);
	sb_release(&zipdata);
	return d;
}

static const char numbering_xml[] =
    "<w:numbering " W ">"
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
    "<w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%2.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%2.%3.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
    "<w:lvlText w:val=\"%4)\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">"
    "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>"
    "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
    "</w:numbering>";

#define NP(num, lvl, text)                                                                         \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/>"           \
	"</w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

static void automatic_numbering(void **state)
{
	struct sb err = SB_INIT;
	/* clang-format off */
	static const char body[] =
		NP(1, 0, "MỤC ĐÍCH") NP(1, 1, "Mục đích") NP(1, 2, "Truyền thông")
		NP(1, 2, "Quảng bá") NP(1, 1, "Yêu cầu") NP(1, 2, "An toàn")
		NP(1, 3, "thứ nhất") NP(1, 3, "thứ hai") NP(1, 0, "NỘI DUNG")
		NP(1, 1, "Lễ hội") NP(2, 0, "gạch đầu dòng") NP(2, 1, "chấm")
		NP(3, 1, "từ năm") NP(0, 0, "không số") P("Văn bản thường")
		NP(4, 1, "tiếp tục") NP(3, 1, "sáu");
	/* clang-format on */
	struct doc *d = read_docx(body, numbering_xml, NULL, NULL, &err);
	static const char *const want[] = {
	    "I. MỤC ĐÍCH",
	    "1. Mục đích",
	    "1.1. Truyền thông",
	    "1.2. Quảng bá",
	    "2. Yêu cầu",
	    "2.1. An toàn",
	    "a) thứ nhất",
	    "b) thứ hai",
	    "II. NỘI DUNG",
	    "1. Lễ hội",
	    "- gạch đầu dòng",
	    "• chấm",
	    "5. từ năm",
	    "không số",
	    "Văn bản thường",
	    /* The instance with an override restarted the sequence at 5; the
	     * other instances of the same abstract list go on with it. */
	    "6. tiếp tục",
	    "7. sáu",
	};
	size_t i;

	assert_non_null(d);
	assert_string_equal(d->reader, "docx");
	assert_int_equal(d->blocks.n, ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(d->blocks.v[i].text, want[i]);
	assert_int_equal(d->blocks.v[0].num, NUM_ROMAN);
	assert_true(d->blocks.v[0].num_auto);
	assert_int_equal(d->blocks.v[2].num, NUM_ARABIC);
	assert_string_equal(d->blocks.v[2].num_label, "1.1");
	assert_int_equal(d->blocks.v[2].num_depth, 2);
	assert_string_equal(d->blocks.v[2].body, "Truyền thông");
	assert_true(d->blocks.v[2].num_auto);
	assert_int_equal(d->blocks.v[6].num, NUM_LETTER);
	assert_int_equal(d->blocks.v[10].num, NUM_DASH);
	assert_int_equal(d->blocks.v[11].num, NUM_BULLET);
	assert_false(d->blocks.v[13].num_auto);
	assert_false(d->blocks.v[14].num_auto);
	/* Lines are paragraph ordinals in document order. */
	for (i = 1; i < d->blocks.n; i++)
		assert_true(d->blocks.v[i].line > d->blocks.v[i - 1].line);
	doc_free(d);
	sb_release(&err);
}

static const char styles_xml[] =
    "<w:styles " W ">"
    "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Strong2\"><w:basedOn w:val=\"Heading1\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Bold\"><w:rPr><w:b w:val=\"true\"/></w:rPr>"
    "</w:style>"
    "</w:styles>";

static void bold_and_styles(void **state)
{
	struct sb err = SB_INIT;
	/* clang-format off */
	static const char body[] =
		"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>TOÀN BỘ </w:t></w:r>"
		"<w:r><w:rPr><w:b w:val=\"1\"/></w:rPr><w:t>ĐẬM</w:t></w:r>"
		"<w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>một phần</w:t></w:r>"
		"<w:r><w:t xml:space=\"preserve\"> thường</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>không đậm</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rStyle w:val=\"Bold\"/></w:rPr>"
		"<w:t>kiểu ký tự</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
		"<w:r><w:t>Tiêu đề</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
		"<w:r><w:rPr><w:b w:val=\"false\"/></w:rPr><w:t>Tiêu đề thường</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Strong2\"/></w:pPr>"
		"<w:r><w:t>Kế thừa</w:t></w:r></w:p>";
	/* clang-format on */
	struct doc *d = read_docx(body, numbering_xml, styles_xml, NULL, &err);

	assert_non_null(d);
	assert_int_equal(d->blocks.n, 7);
	assert_string_equal(d->blocks.v[0].text, "TOÀN BỘ ĐẬM");
	assert_true(d->blocks.v[0].bold);
	assert_false(d->blocks.v[1].bold);
	assert_false(d->blocks.v[2].bold);
	assert_true(d->blocks.v[3].bold);
	/* Numbering and bold through the paragraph style. */
	assert_string_equal(d->blocks.v[4].text, "I. Tiêu đề");
	assert_true(d->blocks.v[4].bold);
	assert_true(d->blocks.v[4].num_auto);
	assert_string_equal(d->blocks.v[5].text, "II. Tiêu đề thường");
	assert_false(d->blocks.v[5].bold);
	/* numId 0 in the derived style removes the numbering; bold is inherited. */
	assert_string_equal(d->blocks.v[6].text, "Kế thừa");
	assert_true(d->blocks.v[6].bold);
	doc_free(d);
	sb_release(&err);
}

#define TC(props, text) "<w:tc><w:tcPr>" props "</w:tcPr>" P(text) "</w:tc>"
#define TCB(text) "<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define RESTART "<w:vMerge w:val=\"restart\"/>"
#define CONT "<w:vMerge/>"

static void tables_and_merges(void **state)
{
	struct sb err = SB_INIT;
	/* clang-format off */
	static const char body[] =
		P("Trước bảng")
		"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
		"<w:tr><w:trPr><w:tblHeader/></w:trPr>"
		TC("", "TT") TC("", "Nhiệm vụ") TC("", "Chủ trì") TC("", "Thời gian") "</w:tr>"
		"<w:tr>" TCB("I") "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
		"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>PHẦN MỘT</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr>" TC("", "1") TC("", "Việc một") TC(RESTART, "Sở A") TC(RESTART, "Quý I")
		"</w:tr>"
		"<w:tr>" TC("", "2") TC("", "Việc hai") TC(CONT, "") TC("", "Quý II") "</w:tr>"
		"<w:tr>" TC("", "3") TC("", "Việc ba")
		TC("<w:vMerge w:val=\"continue\"/>", "bỏ") TC("", "") "</w:tr>"
		"<w:tr>" TC("", "4") TC("", "Việc bốn") TC("", "Sở B") TC(CONT, "") "</w:tr>"
		"<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("", "Việc năm")
		"<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>Sở</w:t>"
		"<w:tab/><w:t>C</w:t><w:br/><w:t>D</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>dòng hai</w:t></w:r></w:p></w:tc></w:tr>"
		"</w:tbl>"
		P("Sau bảng");
	/* clang-format on */
	struct doc *d = read_docx(body, NULL, NULL, NULL, &err);
	struct doc_table *t;

	assert_non_null(d);
	assert_int_equal(d->blocks.n, 3);
	assert_int_equal(d->blocks.v[1].kind, BLOCK_TABLE);
	t = d->blocks.v[1].table;
	assert_true(t->merges_known);
	assert_int_equal(t->rows.n, 7);
	assert_string_equal(t->rows.v[0].cells.v[0].text, "TT");
	/* The section row: bold, spanning three grid columns. */
	assert_int_equal(t->rows.v[1].cells.n, 2);
	assert_int_equal(t->rows.v[1].cells.v[1].colspan, 3);
	assert_true(t->rows.v[1].cells.v[1].bold);
	assert_true(t->rows.v[1].cells.v[0].bold);
	assert_false(t->rows.v[2].cells.v[1].bold);
	/* "Sở A" spans three rows; the cells it covers are empty. */
	assert_int_equal(t->rows.v[2].cells.v[2].rowspan, 3);
	assert_false(t->rows.v[2].cells.v[2].covered);
	assert_true(t->rows.v[3].cells.v[2].covered);
	assert_string_equal(t->rows.v[3].cells.v[2].text, "");
	assert_true(t->rows.v[4].cells.v[2].covered);
	assert_string_equal(t->rows.v[4].cells.v[2].text, "");
	assert_false(t->rows.v[5].cells.v[2].covered);
	/* "Quý I" is cut by "Quý II": its merge had one row. A continuation with no
	 * open merge above is a cell of its own. */
	assert_int_equal(t->rows.v[2].cells.v[3].rowspan, 1);
	assert_false(t->rows.v[5].cells.v[3].covered);
	/* gridBefore keeps the columns aligned; tabs and breaks become spaces,
	 * paragraphs of a cell are joined. */
	assert_int_equal(t->rows.v[6].cells.v[0].colspan, 1);
	assert_string_equal(t->rows.v[6].cells.v[1].text, "Việc năm");
	assert_string_equal(t->rows.v[6].cells.v[2].text, "Sở C D dòng hai");
	/* A break and a paragraph are the cell's line breaks; a tab is not. */
	assert_non_null(t->rows.v[6].cells.v[2].lines);
	assert_string_equal(t->rows.v[6].cells.v[2].lines, "Sở C\nD\ndòng hai");
	assert_null(t->rows.v[6].cells.v[1].lines);
	assert_int_equal(t->rows.v[6].cells.v[2].colspan, 2);
	/* Rows take line ordinals between the paragraphs around them. */
	assert_true(t->rows.v[0].line > d->blocks.v[0].line);
	assert_true(d->blocks.v[2].line > t->rows.v[6].line);
	doc_free(d);
	sb_release(&err);
}

static void changes_and_footnotes(void **state)
{
	struct sb err = SB_INIT;
	static const char body[] =
	    "<w:p><w:r><w:t xml:space=\"preserve\">Giữ </w:t></w:r>"
	    "<w:del><w:r><w:delText>bỏ đi </w:delText></w:r></w:del>"
	    "<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins>"
	    "<w:hyperlink><w:r><w:t xml:space=\"preserve\"> liên kết</w:t></w:r></w:hyperlink>"
	    "<w:r><w:footnoteReference w:id=\"2\"/></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText> PAGE </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	    "<w:r><w:t xml:space=\"preserve\"> 7</w:t></w:r></w:p>";
	static const char notes[] =
	    "<w:footnotes " W ">"
	    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
	    "</w:footnote>"
	    "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r>"
	    "<w:r><w:t xml:space=\"preserve\"> Theo Quyết định số 1/QĐ.</w:t></w:r></w:p>"
	    "</w:footnote></w:footnotes>";
	struct doc *d = read_docx(body, NULL, NULL, notes, &err);

	assert_non_null(d);
	assert_int_equal(d->blocks.n, 2);
	assert_string_equal(d->blocks.v[0].text, "Giữ thêm liên kết 7");
	assert_string_equal(d->blocks.v[1].text, "Footnote 1: Theo Quyết định số 1/QĐ.");
	doc_free(d);
	sb_release(&err);
}

static void not_a_word_document(void **state)
{
	struct sb err = SB_INIT, zipdata = SB_INIT;
	struct zip_part other[] = {{.name = "xl/workbook.xml", .data = "<workbook/>"}};
	struct zip_part nobody[] = {{.name = "word/document.xml", .data = "<w:document " W "/>"}};
	struct zip_part dtd[] = {{.name = "word/document.xml", .data = "<!DOCTYPE w:document [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
			      "<w:document " W "><w:body>" P("&e;") "</w:body></w:document>"}};
	struct doc *d;

	make_zip(other, 1, &zipdata);
	assert_null(docx_read("x.docx", zipdata.buf, zipdata.len, NULL, &err));
	assert_non_null(strstr(err.buf, "x.docx"));
	assert_non_null(strstr(err.buf, "word/document.xml"));
	sb_reset(&err);
	make_zip(nobody, 1, &zipdata);
	assert_null(docx_read("x.docx", zipdata.buf, zipdata.len, NULL, &err));
	assert_non_null(strstr(err.buf, "w:body"));
	sb_reset(&err);
	make_zip(dtd, 1, &zipdata);
	assert_null(docx_read("x.docx", zipdata.buf, zipdata.len, NULL, &err));
	assert_non_null(strstr(err.buf, "DOCTYPE"));
	sb_reset(&err);
	d = read_docx("", NULL, NULL, NULL, &err);
	assert_null(d);
	assert_non_null(strstr(err.buf, "no text"));
	sb_reset(&err);
	/* ingest_buffer picks the reader by content. */
	make_zip(nobody, 1, &zipdata);
	assert_null(ingest_buffer("y.bin", zipdata.buf, zipdata.len, NULL, &err));
	assert_non_null(strstr(err.buf, "y.bin"));
	sb_release(&zipdata);
	sb_release(&err);
}

static void limits_apply(void **state)
{
	struct sb err = SB_INIT, body = SB_INIT, doc = SB_INIT, zipdata = SB_INIT;
	struct doc_limits lim = doc_default_limits;
	struct zip_part parts[1];
	int i;

	for (i = 0; i < 50; i++)
		sb_adds(&body, P("đoạn văn"));
	sb_addf(&doc, "<w:document %s><w:body>%s</w:body></w:document>", W, body.buf);
	parts[0] = (struct zip_part){ .name = "word/document.xml", .data = doc.buf};
	make_zip(parts, 1, &zipdata);
	lim.max_blocks = 10;
	assert_null(docx_read("l.docx", zipdata.buf, zipdata.len, &lim, &err));
	assert_non_null(strstr(err.buf, "more than 10 blocks"));
	sb_release(&err);
	sb_release(&body);
	sb_release(&doc);
	sb_release(&zipdata);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(automatic_numbering), cmocka_unit_test(bold_and_styles),
	    cmocka_unit_test(tables_and_merges),   cmocka_unit_test(changes_and_footnotes),
	    cmocka_unit_test(not_a_word_document), cmocka_unit_test(limits_apply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
