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

static int check_input(const char *path, const char *data, size_t len,
		       const struct doc_limits *lim, struct sb *err)
{
	size_t bad, i, line = 1, col = 1;

	if (len == 0) {
		sb_addf(err, "%s: the file is empty", path);
		return -1;
	}
	if (lim->max_bytes && len > lim->max_bytes) {
		sb_addf(err, "%s: the file is %zu bytes, over the limit of %zu", path, len,
			lim->max_bytes);
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

static void split_lines(const char *data, size_t len, struct lines *out)
{
	size_t i = 0;
	int no = 1;

	/* A UTF-8 byte order mark is not text. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		struct line *l = VEC_PUSH(out);

		l->s = data + i;
		l->len = end - i;
		if (l->len && l->s[l->len - 1] == '\r')
			l->len--;
		l->no = no++;
		i = end + 1;
	}
}

static size_t read_table(struct doc *d, const struct lines *lines, size_t i)
{
	struct doc_block *b = doc_add_table(d, lines->v[i].no);
	size_t last = i;

	while (i < lines->n) {
		const struct line *l = &lines->v[i];

		if (is_blank(l)) {
			i++;
			continue;
		}
		if (!is_table_line(l))
			break;
		if (!is_pipe_separator(l))
			add_cells(doc_table_add_row(b->table, l->no), l);
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
	struct sb para = SB_INIT;
	struct doc *d = NULL;
	size_t i;
	int first = 0, last = 0;
	bool para_upper = false, upper, item, gap = false;

	if (!lim)
		lim = &doc_default_limits;
	if (check_input(path, data, len, lim, err) < 0)
		goto out;
	split_lines(data, len, &lines);
	d = doc_new(path, "text");
	for (i = 0; i < lines.n;) {
		struct line *l = &lines.v[i];

		if (lim->max_blocks && d->blocks.n >= lim->max_blocks) {
			sb_addf(err, "%s:%d: more than %zu blocks", path, l->no, lim->max_blocks);
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
			i = read_table(d, &lines, i);
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
	return d;
}
