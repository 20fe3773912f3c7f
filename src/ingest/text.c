/*
 * text.c - the plain-text reader: UTF-8 exports of plans, with tables as
 * tab-separated lines or markdown pipe rows, into the document model.
 *
 * Lines that belong to a table (a tab, or a "| a | b |" row) form a table
 * until a line of prose comes; blank lines between rows do not end a table,
 * since exports put one at every page break. Prose lines join into a
 * paragraph until a blank line, a line that starts with numbering, or a change
 * between upper-case heading lines and ordinary text (OCR wraps paragraphs
 * at the page edge; headings sit on lines of their own). A blank line inside
 * a sentence (a page break) does not end the paragraph when the next line
 * carries on in lower case.
 *
 * A spreadsheet saved as tab-delimited text (Excel, LibreOffice) is read as
 * its XLSX would be: a cell with line breaks comes quoted over several lines
 * ("Sở Tài chính⏎Công an tỉnh"), and the title rows above the table, padded
 * with tabs, become paragraphs (title_rows).
 */
#include "base/compat.h"
#include "ingest/doc.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <utf8proc.h>

struct line {
	const char *s;
	size_t len;
	int no;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static bool is_blank(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!isspace((unsigned char)l->s[i]))
			return false;
	return true;
}

static bool is_pipe_row(const struct line *l)
{
	const char *s = l->s;
	size_t len = l->len;

	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return len >= 2 && s[0] == '|' && s[len - 1] == '|';
}

static bool is_table_line(const struct line *l)
{
	return memchr(l->s, '\t', l->len) != NULL || is_pipe_row(l);
}

/* "|---|:---:|" separates a markdown header from its body. */
static bool is_pipe_separator(const struct line *l)
{
	size_t i;
	bool dash = false;

	if (!is_pipe_row(l))
		return false;
	for (i = 0; i < l->len; i++) {
		char c = l->s[i];

		if (c == '-')
			dash = true;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t')
			return false;
	}
	return dash;
}

/*
 * A tab-separated field Excel quoted: it opens with '"', and a lone '"' (not
 * a doubled one) followed by a tab or the end of a line closes it, on this
 * line or a later one (a line break inside the cell: Alt+Enter). Returns the
 * offset in line k's text just past the closing quote, with *k moved to the
 * line holding it, or -1 (then the field is read as printed): no closing
 * quote within the next 30 lines, or a quote glued to more text.
 */
static long quoted_end(const struct lines *lines, size_t *k, size_t from)
{
	size_t j = *k, n, i;

	for (n = 0; j < lines->n && n < 30; n++, j++, from = 0) {
		const struct line *l = &lines->v[j];

		for (i = from; i < l->len; i++) {
			if (l->s[i] != '"')
				continue;
			if (i + 1 < l->len && l->s[i + 1] == '"') {
				i++;
				continue;
			}
			if (i + 1 < l->len && l->s[i + 1] != '\t')
				return -1;
			*k = j;
			return (long)(i + 1);
		}
	}
	return -1;
}

/*
 * One row of a table from line *i on: the cells split at the separator; with
 * tabs, a quoted field may run over several lines (Excel's tab-delimited
 * export of a cell with line breaks), its quotes dropped and "" read as '"'.
 * *i moves to the row's last line.
 */
static void add_cells(struct doc_row *row, const struct lines *lines, size_t *i)
{
	const struct line *l = &lines->v[*i];
	const char *s = l->s, *end = l->s + l->len, *p;
	char sep = '\t';

	if (!memchr(l->s, '\t', l->len) && is_pipe_row(l)) {
		sep = '|';
		while (s < end && isspace((unsigned char)*s))
			s++;
		s++; /* the leading '|' */
		while (end > s && isspace((unsigned char)end[-1]))
			end--;
		end--; /* the trailing '|' */
	}
	for (;;) {
		size_t k = *i;
		long close;

		if (sep == '\t' && s < end && *s == '"' &&
		    (close = quoted_end(lines, &k, (size_t)(s - l->s) + 1)) >= 0) {
			struct sb cell = SB_INIT;
			const char *q = s + 1;
			size_t j;

			for (j = *i; j <= k; j++) {
				const struct line *m = &lines->v[j];
				const char *e = j == k ? m->s + close - 1 : m->s + m->len;

				if (j > *i) {
					sb_addc(&cell, '\n');
					q = m->s;
				}
				for (; q < e; q++) {
					sb_addc(&cell, *q);
					if (*q == '"' && q + 1 < e && q[1] == '"')
						q++;
				}
			}
			doc_row_add_cell(row, cell.buf ? cell.buf : "", cell.len);
			sb_release(&cell);
			*i = k;
			l = &lines->v[k];
			s = l->s + close;
			end = l->s + l->len;
			if (s >= end)
				break;
			s++; /* the tab after the closing quote */
			continue;
		}
		p = memchr(s, sep, (size_t)(end - s));
		if (!p)
			p = end;
		doc_row_add_cell(row, s, (size_t)(p - s));
		if (p == end)
			break;
		s = p + 1;
	}
}

/* Classifies a line as doc_add_para would, without keeping the block. */
static void probe_line(const struct line *l, bool *upper, bool *item)
{
	struct doc probe = { 0 };
	struct doc_block *b = doc_add_para(&probe, l->s, l->len, l->no);

	*upper = b->upper;
	*item = b->num != NUM_NONE || b->label != NULL;
	free(b->text);
	free(b->num_label);
	free(b->label);
	free(b->value);
	free(probe.blocks.v);
}

static void flush_para(struct doc *d, struct sb *para, int first, int last)
{
	struct doc_block *b;

	if (!para->len)
		return;
	b = doc_add_para(d, para->buf, para->len, first);
	b->end_line = last;
	sb_reset(para);
}

static int check_input(const char *path, const char *data, size_t len, struct sb *err)
{
	size_t bad, i, line = 1, col = 1;

	if (len == 0) {
		sb_addf(err, "%s: the file is empty", path);
		return -1;
	}
	if (memchr(data, '\0', len)) {
		sb_addf(err, "%s: this is a binary file, not a text export (a NUL byte at offset %zu)",
			path, (size_t)((const char *)memchr(data, '\0', len) - data));
		return -1;
	}
	if (!utf8_check(data, len, &bad)) {
		for (i = 0; i < bad; i++) {
			col++;
			if (data[i] == '\n') {
				line++;
				col = 1;
			}
		}
		sb_addf(err, "%s:%zu: invalid UTF-8 at byte %zu of the line (offset %zu); "
			     "expected a UTF-8 text export", path, line, col, bad);
		return -1;
	}
	return 0;
}

/* Splits the text into lines; -1 with err set past the limit on lines (a
 * line costs memory even when blank). */
static int split_lines(const char *path, const char *data, size_t len,
		       const struct doc_limits *lim, struct lines *out, struct sb *err)
{
	size_t i = 0;
	int no = 1;

	/* A UTF-8 byte order mark is not text. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		struct line *l;

		if (lim->max_lines && out->n >= lim->max_lines) {
			doc_limit_error(err, path, NULL, lim->max_lines, "dòng", "lines",
					"DONDOC_MAX_LINES");
			return -1;
		}
		l = VEC_PUSH(out);
		l->s = data + i;
		l->len = end - i;
		if (l->len && l->s[l->len - 1] == '\r')
			l->len--;
		l->no = no++;
		i = end + 1;
	}
	return 0;
}

/*
 * Notepad's "Unicode" is UTF-16 with a byte order mark (FF FE little-endian,
 * FE FF big-endian): converted to UTF-8 into out, the mark dropped. -1 with
 * err set on an odd length or a broken surrogate pair, naming the offset.
 */
static int utf16_to_utf8(const char *path, const char *data, size_t len, struct sb *out,
			 struct sb *err)
{
	const unsigned char *u = (const unsigned char *)data;
	bool le = u[0] == 0xFF;
	size_t i;

	if (len % 2) {
		sb_addf(err, "%s: a UTF-16 text with an odd number of bytes (%zu): the file is cut",
			path, len);
		return -1;
	}
	for (i = 2; i < len; i += 2) {
		uint32_t c = le ? (uint32_t)(u[i] | u[i + 1] << 8) : (uint32_t)(u[i] << 8 | u[i + 1]);
		char buf[4];

		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
			uint32_t lo = le ? (uint32_t)(u[i + 2] | u[i + 3] << 8)
					 : (uint32_t)(u[i + 2] << 8 | u[i + 3]);

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (c >= 0xD800 && c <= 0xDFFF) {
			sb_addf(err, "%s: invalid UTF-16 at offset %zu (a lone surrogate); expected "
				     "a UTF-16 or UTF-8 text export", path, i);
			return -1;
		}
		sb_add(out, buf, (size_t)utf8proc_encode_char((utf8proc_int32_t)c,
							       (utf8proc_uint8_t *)buf));
	}
	return 0;
}

static size_t cells_with_text(const struct doc_row *r)
{
	size_t c, n = 0;

	for (c = 0; c < r->cells.n; c++)
		n += r->cells.v[c].text[0] != '\0';
	return n;
}

/*
 * A spreadsheet exported as text puts its title rows in the table: the
 * agency heading beside the national motto, "BẢNG TỔNG HỢP … NĂM 2026", each
 * padded with tabs. As the XLSX reader does (xlsx.c, emit_sheet), the rows
 * above the first row with three cells with text, when some row has three,
 * are paragraphs, one per cell, left to right, so the header pass finds the
 * issuer and the title and the table pass finds the header in the table's
 * first rows. The table is the document's last block.
 */
static void title_rows(struct doc *d)
{
	struct doc_block saved = d->blocks.v[d->blocks.n - 1];
	struct doc_table *t = saved.table;
	size_t r, c, start = 0, widest = 0;

	for (r = 0; r < t->rows.n; r++)
		if (cells_with_text(&t->rows.v[r]) > widest)
			widest = cells_with_text(&t->rows.v[r]);
	if (widest < 3)
		return;
	while (cells_with_text(&t->rows.v[start]) < 3)
		start++;
	if (!start)
		return;
	d->blocks.n--;
	for (r = 0; r < start; r++) {
		struct doc_row *row = &t->rows.v[r];

		for (c = 0; c < row->cells.n; c++) {
			struct doc_cell *cell = &row->cells.v[c];

			if (cell->text[0]) {
				struct doc_block *p = doc_add_para(d, cell->text, strlen(cell->text),
								   row->line);

				p->end_line = row->line;
			}
			free(cell->text);
			free(cell->lines);
		}
		free(row->cells.v);
	}
	memmove(t->rows.v, t->rows.v + start, (t->rows.n - start) * sizeof(*t->rows.v));
	t->rows.n -= start;
	saved.line = t->rows.v[0].line;
	*VEC_PUSH(&d->blocks) = saved;
}

/* Reads the table starting at line i; returns the line after it, or 0 with
 * err set when the table passes the limits on rows or cells. */
static size_t read_table(struct doc *d, const struct lines *lines, size_t i,
			 const struct doc_limits *lim, struct sb *err)
{
	struct doc_block *b = doc_add_table(d, lines->v[i].no);
	size_t last = i, cells = 0;

	while (i < lines->n) {
		const struct line *l = &lines->v[i];
		struct doc_row *row;

		if (is_blank(l)) {
			i++;
			continue;
		}
		if (!is_table_line(l))
			break;
		if (!is_pipe_separator(l)) {
			if (lim->max_rows && b->table->rows.n >= lim->max_rows) {
				doc_limit_error(err, d->path, NULL, lim->max_rows,
						"dòng trong một bảng", "rows in one table",
						"DONDOC_MAX_ROWS");
				sb_addf(err, " at line %d", l->no);
				return 0;
			}
			row = doc_table_add_row(b->table, l->no);
			add_cells(row, lines, &i);
			cells += row->cells.n;
			if (lim->max_cells && cells > lim->max_cells) {
				doc_limit_error(err, d->path, NULL, lim->max_cells,
						"ô trong một bảng", "cells in one table",
						"DONDOC_MAX_CELLS");
				sb_addf(err, " at line %d", l->no);
				return 0;
			}
		}
		last = i;
		i++;
	}
	b->end_line = lines->v[last].no;
	title_rows(d);
	return last + 1;
}

/* True when the text ends a sentence or introduces a list. */
static bool ends_sentence(const struct sb *para)
{
	size_t n = para->len;

	while (n && (isspace((unsigned char)para->buf[n - 1]) || para->buf[n - 1] == '*'))
		n--;
	return n && strchr(".;:!?", para->buf[n - 1]) != NULL;
}

static bool starts_lower(const struct line *l)
{
	utf8proc_int32_t cp;
	size_t i = 0;

	while (i < l->len && isspace((unsigned char)l->s[i]))
		i++;
	if (i >= l->len ||
	    utf8proc_iterate((const utf8proc_uint8_t *)l->s + i, (utf8proc_ssize_t)(l->len - i),
			     &cp) <= 0)
		return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/*
 * Page breaks and scans put blank lines inside paragraphs ("kiểm soát chất",
 * blank, "lượng kinh doanh ..."). A line after a blank continues the
 * paragraph when the paragraph stopped mid-sentence and the line starts with
 * a lower-case letter: no heading, item or new paragraph starts that way.
 */
static bool continues_after_gap(const struct sb *para, bool para_upper, const struct line *l,
				bool upper, bool item)
{
	return para->len && !item && !upper && !para_upper && !ends_sentence(para) &&
	       starts_lower(l);
}

struct doc *text_read(const char *path, const char *data, size_t len,
		      const struct doc_limits *lim, struct sb *err)
{
	struct lines lines = { 0 };
	struct sb para = SB_INIT, utf8 = SB_INIT;
	struct doc *d = NULL;
	size_t i;
	int first = 0, last = 0;
	bool para_upper = false, upper, item, gap = false;

	if (!lim)
		lim = &doc_default_limits;
	if (lim->max_bytes && len > lim->max_bytes) {
		sb_addf(err, "%s: the file is %zu bytes, over the limit of %zu", path, len,
			lim->max_bytes);
		goto out;
	}
	if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) {
		if (utf16_to_utf8(path, data, len, &utf8, err) < 0)
			goto out;
		data = utf8.buf;
		len = utf8.len;
	}
	if (check_input(path, data, len, err) < 0)
		goto out;
	if (split_lines(path, data, len, lim, &lines, err) < 0)
		goto out;
	d = doc_new(path, "text");
	for (i = 0; i < lines.n;) {
		struct line *l = &lines.v[i];

		if (lim->max_blocks && d->blocks.n >= lim->max_blocks) {
			doc_limit_error(err, path, NULL, lim->max_blocks, "đoạn văn và bảng",
					"blocks (paragraphs and tables)", "DONDOC_MAX_BLOCKS");
			sb_addf(err, " at line %d", l->no);
			doc_free(d);
			d = NULL;
			goto out;
		}
		if (is_blank(l)) {
			gap = true;
			i++;
			continue;
		}
		if (is_table_line(l)) {
			flush_para(d, &para, first, last);
			gap = false;
			i = read_table(d, &lines, i, lim, err);
			if (!i) {
				doc_free(d);
				d = NULL;
				goto out;
			}
			continue;
		}
		probe_line(l, &upper, &item);
		if (para.len && (gap ? !continues_after_gap(&para, para_upper, l, upper, item)
				     : (item || upper != para_upper)))
			flush_para(d, &para, first, last);
		gap = false;
		if (!para.len) {
			first = l->no;
			para_upper = upper;
		} else {
			sb_addc(&para, ' ');
		}
		sb_add(&para, l->s, l->len);
		last = l->no;
		i++;
	}
	flush_para(d, &para, first, last);
	if (!d->blocks.n) {
		sb_addf(err, "%s: the file holds no text", path);
		doc_free(d);
		d = NULL;
	}
out:
	free(lines.v);
	sb_release(&para);
	sb_release(&utf8);
	return d;
}
