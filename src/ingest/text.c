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

static void add_cells(struct doc_row *row, const struct line *l)
{
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
			add_cells(row, l);
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
