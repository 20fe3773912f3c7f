/*
 * doc.c - the document model: building blocks, cleaning text, recognising
 * numbering and labelled fields (see doc.h).
 */
#include "base/compat.h"
#include "ingest/doc.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

const struct doc_limits doc_default_limits = {
	.max_bytes = 64u << 20,
	.max_blocks = 200000,
	.max_cells = 200000,
	.max_entries = 10000,
	.max_entry_bytes = 256u << 20,
	.max_total_bytes = 512u << 20,
	.max_ratio = 200,
	.max_pixels = 10000u * 10000u,
	.max_pages = 500,
	.max_seconds = 1800,
	.max_xml_nodes = 2000000,
	.max_reader_bytes = 128u << 20,
	.max_rows = 20000,
	.max_tasks = 5000,
	.max_lines = 1000000,
};

void doc_limit_error(struct sb *err, const char *path, const char *part, size_t limit,
		     const char *what_vi, const char *what_en, const char *setting)
{
	sb_addf(err, "%s: ", path ? path : "-");
	if (part)
		sb_addf(err, "%s: ", part);
	sb_addf(err, "vượt giới hạn %zu %s / more than %zu %s (limit: %s)", limit, what_vi, limit,
		what_en, setting);
}

struct doc *doc_new(const char *path, const char *reader)
{
	struct doc *d = xcalloc(1, sizeof(*d));

	d->path = xstrdup(path ? path : "-");
	d->reader = reader;
	return d;
}

static void table_free(struct doc_table *t)
{
	size_t i, j;

	if (!t)
		return;
	for (i = 0; i < t->rows.n; i++) {
		for (j = 0; j < t->rows.v[i].cells.n; j++) {
			free(t->rows.v[i].cells.v[j].text);
			free(t->rows.v[i].cells.v[j].lines);
		}
		free(t->rows.v[i].cells.v);
	}
	free(t->rows.v);
	free(t->sheet);
	free(t);
}

void doc_free(struct doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = &d->blocks.v[i];

		free(b->text);
		free(b->num_label);
		free(b->label);
		free(b->value);
		table_free(b->table);
	}
	free(d->blocks.v);
	free(d->path);
	free(d);
}

/* ---- text cleaning ---------------------------------------------------- */

static bool starts_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

static bool ends_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s + len - n, p, n) == 0;
}

/* Markup the text exports carry: HTML-ish tags and markdown emphasis. */
static const char *const tags[] = { "<b>", "</b>", "<i>", "</i>", "<u>", "</u>",
				    "<strong>", "</strong>", "<em>", "</em>", "**" };

static size_t tag_at(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tags); i++)
		if (starts_with(s, len, tags[i]))
			return strlen(tags[i]);
	return 0;
}

/* True when the code point ending just before s[i] is a letter or digit. */
static bool word_before(const char *s, size_t i)
{
	size_t b = i;
	utf8proc_int32_t cp;

	if (!i)
		return false;
	do
		b--;
	while (b && ((unsigned char)s[b] & 0xC0) == 0x80);
	if (utf8proc_iterate((const utf8proc_uint8_t *)s + b, (utf8proc_ssize_t)(i - b), &cp) <= 0)
		return false;
	return utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
	       utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO;
}

static bool word_after(const char *s, size_t len, size_t i)
{
	utf8proc_int32_t cp;

	if (i >= len ||
	    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp) <= 0)
		return false;
	return utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
	       utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO;
}

/* A single '*' is emphasis when it touches text on one side and a space,
 * a quote or a bracket on the other ("*Nội dung:*", "“*Người Việt*”"); a
 * '*' between spaces or at the start before a space is a bullet, and one
 * between two word characters ("5*3") is text. */
static bool is_emphasis_star(const char *s, size_t len, size_t i)
{
	bool sp_before = i == 0 || isspace((unsigned char)s[i - 1]);
	bool sp_after = i + 1 >= len || isspace((unsigned char)s[i + 1]);

	if (sp_before && sp_after)
		return false;
	if (i == 0 && sp_after)
		return false;
	if (word_before(s, i) && word_after(s, len, i + 1))
		return false;
	return true;
}

static void strip_markup(struct sb *out, const char *s, size_t len)
{
	size_t i = 0, t;

	while (i < len) {
		if (s[i] == '<' && (t = tag_at(s + i, len - i))) {
			i += t;
			sb_addc(out, ' ');
			continue;
		}
		if (s[i] == '*' && (t = tag_at(s + i, len - i))) {
			i += t;
			continue;
		}
		if (s[i] == '*' && is_emphasis_star(s, len, i)) {
			i++;
			continue;
		}
		sb_addc(out, s[i]);
		i++;
	}
}

static void wraps(const char *s, size_t len, bool *bold, bool *italic)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (bold)
		*bold = (starts_with(s, len, "<b>") && ends_with(s, len, "</b>")) ||
			(len > 4 && starts_with(s, len, "**") && ends_with(s, len, "**")) ||
			(starts_with(s, len, "<strong>") && ends_with(s, len, "</strong>"));
	if (italic)
		*italic = (starts_with(s, len, "<i>") && ends_with(s, len, "</i>")) ||
			  (len > 2 && s[0] == '*' && s[len - 1] == '*' &&
			   !(bold && *bold));
}

static void replace_invalid(struct sb *out, const char *s, size_t len)
{
	size_t i = 0;

	/* The common case, valid text: one copy, not one append a character. */
	if (utf8_check(s, len, NULL)) {
		sb_add(out, s, len);
		return;
	}

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0) {
			sb_adds(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		sb_add(out, s + i, (size_t)n);
		i += (size_t)n;
	}
}

void doc_clean_text(struct sb *out, const char *s, size_t len, bool *bold, bool *italic)
{
	struct sb valid = SB_INIT, nfc = SB_INIT, plain = SB_INIT;

	wraps(s, len, bold, italic);
	replace_invalid(&valid, s, len);
	if (utf8_nfc(&nfc, valid.buf, valid.len) < 0)
		sb_add(&nfc, valid.buf, valid.len);
	strip_markup(&plain, nfc.buf, nfc.len);
	sb_add_collapsed(out, plain.buf, plain.len);
	sb_trim(out);
	sb_release(&valid);
	sb_release(&nfc);
	sb_release(&plain);
}

/* ---- numbering and labels -------------------------------------------- */

static bool is_roman_char(char c)
{
	return c == 'I' || c == 'V' || c == 'X' || c == 'L';
}

/* What OCR makes of a capital I: "I1.", "Il.", "111." for II and III. */
static bool is_ocr_one(char c)
{
	return c == '1' || c == 'l' || c == '|';
}

/* Numbering separator: '.', ')', ':', or a dash before a space. */
static size_t after_sep(const char *s, size_t len, size_t i, bool need_sep)
{
	if (i < len && (s[i] == '.' || s[i] == ')' || s[i] == ':'))
		i++;
	else if (i + 1 < len && s[i] == ' ' && (s[i + 1] == '-' || s[i + 1] == ':') &&
		 i + 2 < len && s[i + 2] == ' ')
		i += 2;
	else if (need_sep)
		return 0;
	if (i < len && s[i] != ' ')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

static bool all_upper(const char *s);

/*
 * A roman part number. Scans lose the serifs of I, so a run of I, 1, l and |
 * reads as roman when it holds a real roman letter ("I1.", "Il.") or when it
 * is all ones of at least two ("111.") before an upper-case heading: an
 * arabic item numbered 11 or 111 with a heading in capitals is far rarer.
 */
static size_t match_roman(const char *s, size_t len, struct doc_block *b)
{
	size_t i = 0, end, k;
	bool real = false, ocr = false;
	char *label;

	while (i < len && i < 6 && (is_roman_char(s[i]) || is_ocr_one(s[i]))) {
		if (is_roman_char(s[i]))
			real = true;
		else
			ocr = true;
		i++;
	}
	if (!i || i >= len || (!real && (i < 2 || s[0] == 'l')))
		return 0;
	end = after_sep(s, len, i, true);
	if (!end)
		return 0;
	if (ocr && !real && !all_upper(s + end))
		return 0;
	if (ocr && s[0] == 'l')
		return 0; /* "lI." is a word, not a number */
	label = xstrndup(s, i);
	for (k = 0; k < i; k++)
		if (is_ocr_one(label[k]))
			label[k] = 'I';
	b->num = NUM_ROMAN;
	b->num_label = label;
	b->num_depth = 1;
	return end;
}

static size_t match_arabic(const char *s, size_t len, struct doc_block *b)
{
	size_t i = 0, end, digits;
	int depth = 0;
	bool dotted_inside = false;

	for (;;) {
		digits = 0;
		while (i < len && isdigit((unsigned char)s[i]) && digits < 3) {
			i++;
			digits++;
		}
		if (!digits || (i < len && isdigit((unsigned char)s[i])))
			return 0;
		depth++;
		if (i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
			i++;
			dotted_inside = true;
			continue;
		}
		break;
	}
	/* "1.1 Text" has no final dot; "1 Text" needs one ("2026 là" is no item). */
	end = after_sep(s, len, i, !dotted_inside);
	if (!end || end >= len)
		return 0;
	b->num = NUM_ARABIC;
	b->num_label = xstrndup(s, i);
	b->num_depth = depth;
	return end;
}

static size_t letter_len(const char *s, size_t len)
{
	if (len >= 1 && s[0] >= 'a' && s[0] <= 'z')
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91)
		return 2; /* đ */
	return 0;
}

static size_t match_letter(const char *s, size_t len, struct doc_block *b)
{
	size_t n = letter_len(s, len), end;

	if (!n || n >= len || (s[n] != ')' && s[n] != '.'))
		return 0;
	end = after_sep(s, len, n, true);
	if (!end || end >= len)
		return 0;
	b->num = NUM_LETTER;
	b->num_label = xstrndup(s, n);
	b->num_depth = 1;
	return end;
}

static size_t match_paren(const char *s, size_t len, struct doc_block *b)
{
	size_t i = 1, n;

	if (len < 4 || s[0] != '(')
		return 0;
	while (i < len && i < 4 && isdigit((unsigned char)s[i]))
		i++;
	if (i == 1 && (n = letter_len(s + 1, len - 1)))
		i = 1 + n;
	if (i == 1 || i >= len || s[i] != ')' || i + 1 >= len || s[i + 1] != ' ')
		return 0;
	b->num = NUM_PAREN;
	b->num_label = xstrndup(s + 1, i - 1);
	b->num_depth = 1;
	i += 1;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

static size_t match_mark(const char *s, size_t len, struct doc_block *b)
{
	static const struct {
		const char *mark;
		enum num_kind kind;
	} marks[] = {
		{ "-", NUM_DASH }, { "\xE2\x80\x93", NUM_DASH }, { "\xE2\x80\x94", NUM_DASH },
		{ "+", NUM_PLUS }, { "\xE2\x80\xA2", NUM_BULLET }, { "*", NUM_BULLET },
		{ "\xC2\xB7", NUM_BULLET },
	};
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(marks); i++) {
		n = strlen(marks[i].mark);
		if (len > n && memcmp(s, marks[i].mark, n) == 0 &&
		    (s[n] == ' ' || marks[i].kind != NUM_BULLET)) {
			/* "-5%" is a number, not a dash item. */
			if (isdigit((unsigned char)s[n]))
				return 0;
			b->num = marks[i].kind;
			b->num_label = xstrdup(marks[i].kind == NUM_PLUS ? "+" : "-");
			b->num_depth = 1;
			while (n < len && s[n] == ' ')
				n++;
			return n;
		}
	}
	return 0;
}

static size_t classify_numbering(const char *s, size_t len, struct doc_block *b)
{
	size_t n;

	if ((n = match_roman(s, len, b)) || (n = match_arabic(s, len, b)) ||
	    (n = match_paren(s, len, b)) || (n = match_letter(s, len, b)) ||
	    (n = match_mark(s, len, b)))
		return n;
	return 0;
}

/* "Label: value" with a short label (at most 8 words, no digits, no
 * sentence punctuation), as in "- Đơn vị chủ trì: Sở Tài chính". */
static void classify_label(struct doc_block *b)
{
	const char *s = b->body, *colon = strchr(s, ':');
	size_t i, words = 1, n;
	struct sb label = SB_INIT;

	if (!colon || colon == s)
		return;
	n = (size_t)(colon - s);
	if (n > 80)
		return;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isdigit(c) || c == '.' || c == ';' || c == '(' || c == '"')
			return;
		if (c == ' ')
			words++;
	}
	if (words > 8)
		return;
	sb_add(&label, s, n);
	sb_trim(&label);
	if (!label.len) {
		sb_release(&label);
		return;
	}
	b->label = sb_detach(&label);
	s = colon + 1;
	while (*s == ' ')
		s++;
	b->value = xstrdup(s);
}

static bool all_upper(const char *s)
{
	size_t i = 0, len = strlen(s), letters = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			i++;
			continue;
		}
		i += (size_t)n;
		if (utf8proc_toupper(cp) != cp)
			return false;
		if (utf8proc_tolower(cp) != cp)
			letters++;
	}
	return letters >= 3;
}

static struct doc_block *push_block(struct doc *d, enum block_kind kind, int line)
{
	struct doc_block *b = VEC_PUSH(&d->blocks);

	b->kind = kind;
	b->line = b->end_line = line;
	return b;
}

struct doc_block *doc_add_para(struct doc *d, const char *text, size_t len, int line)
{
	struct doc_block *b = push_block(d, BLOCK_PARA, line);
	struct sb clean = SB_INIT;
	size_t skip;

	doc_clean_text(&clean, text, len, &b->bold, &b->italic);
	b->text = sb_detach(&clean);
	skip = classify_numbering(b->text, strlen(b->text), b);
	b->body = b->text + skip;
	b->upper = all_upper(b->body);
	classify_label(b);
	return b;
}

struct doc_block *doc_add_table(struct doc *d, int line)
{
	struct doc_block *b = push_block(d, BLOCK_TABLE, line);

	b->table = xcalloc(1, sizeof(*b->table));
	return b;
}

struct doc_row *doc_table_add_row(struct doc_table *t, int line)
{
	struct doc_row *r = VEC_PUSH(&t->rows);

	r->line = line;
	return r;
}

struct doc_cell *doc_row_add_cell(struct doc_row *r, const char *text, size_t len)
{
	struct doc_cell *c = VEC_PUSH(&r->cells);
	struct sb clean = SB_INIT;

	doc_clean_text(&clean, text, len, &c->bold, NULL);
	c->text = sb_detach(&clean);
	c->lines = doc_cell_lines(text, len);
	c->colspan = 1;
	c->rowspan = 1;
	return c;
}

char *doc_cell_lines(const char *text, size_t len)
{
	struct sb out = SB_INIT, line = SB_INIT;
	size_t i = 0, start, n = 0;

	if (!memchr(text, '\n', len) && !memchr(text, '\r', len))
		return NULL;
	while (i <= len) {
		start = i;
		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		sb_reset(&line);
		doc_clean_text(&line, text + start, i - start, NULL, NULL);
		if (line.len) {
			if (n++)
				sb_addc(&out, '\n');
			sb_add(&out, line.buf, line.len);
		}
		if (i + 1 < len && text[i] == '\r' && text[i + 1] == '\n')
			i++;
		i++;
	}
	sb_release(&line);
	if (n < 2) {
		sb_release(&out);
		return NULL;
	}
	return sb_detach(&out);
}

static const char *num_kind_name(enum num_kind k)
{
	static const char *const names[] = { "", "roman", "arabic", "paren", "letter",
					     "dash", "plus", "bullet" };

	return (size_t)k < ARRAY_SIZE(names) ? names[k] : "?";
}

void doc_dump(const struct doc *d, FILE *out)
{
	size_t i, r, c;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];

		if (b->kind == BLOCK_TABLE) {
			fprintf(out, "%d: TABLE %zu rows\n", b->line, b->table->rows.n);
			for (r = 0; r < b->table->rows.n; r++) {
				const struct doc_row *row = &b->table->rows.v[r];

				fprintf(out, "  %d:", row->line);
				for (c = 0; c < row->cells.n; c++)
					fprintf(out, " [%s%s]", row->cells.v[c].bold ? "*" : "",
						row->cells.v[c].text);
				fputc('\n', out);
			}
			continue;
		}
		fprintf(out, "%d-%d: %s%s%s%s%s%s%s%s\n", b->line, b->end_line,
			b->num ? num_kind_name(b->num) : "para",
			b->num_label ? " " : "", b->num_label ? b->num_label : "",
			b->bold ? " bold" : "", b->upper ? " upper" : "",
			b->label ? " label=" : "", b->label ? b->label : "", "");
		fprintf(out, "    %s\n", b->text);
	}
}
