/*
 * prose.c - tasks from prose plans: numbered items with labelled fields
 * ("Nội dung", "Sản phẩm", "Đơn vị chủ trì", "Thời gian" ...), programmes
 * grouped by lead agency ("a) Sở Tư pháp chủ trì, phối hợp với ..." followed
 * by paragraphs), and assignments written inline ("(Giao Công an tỉnh chủ
 * trì, ...)").
 *
 * The pass walks the paragraphs keeping an outline: roman parts, arabic items
 * 1. / 1.1. / 1.1.1, lettered items a) b) đ). Only the content part of a plan
 * ("NỘI DUNG", "NHIỆM VỤ", ...) holds tasks; goals, organisation duties and
 * funding never do. An item with numbered or lettered children is a section;
 * every leaf item under it is one task. Labels and headings are recognised on
 * the folding key, with edit distance when the text is an OCR scan.
 */
#include "base/compat.h"
#include "extract/extract.h"
#include "extract/agency.h"
#include "extract/timeframe.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <utf8proc.h>

/* U+FFFD, the mark a reader leaves for a character it could not decode. */
#define REPLACEMENT_CHAR "\xEF\xBF\xBD"

/* ---- words and phrases on the folding key ------------------------------ */

/* One space-separated word of a text, with its folding key. */
struct word {
	size_t start, end; /* bytes in the text */
	char *key; /* vi_fold with punctuation as spaces, trimmed */
};

struct words {
	struct word *v;
	size_t n, cap;
};

/* Splits s[0..len) into words, at most max of them (heads and inline
 * phrases are short; the cap keeps long paragraphs linear). */
static void words_make(struct words *w, const char *s, size_t len, size_t max)
{
	size_t i = 0, b;
	struct sb key = SB_INIT;

	while (i < len && w->n < max) {
		struct word *wd;

		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		b = i;
		while (i < len && s[i] != ' ')
			i++;
		sb_reset(&key);
		vi_fold(&key, s + b, i - b, VI_FOLD_PUNCT);
		wd = VEC_PUSH(w);
		wd->start = b;
		wd->end = i;
		wd->key = xstrdup(key.buf);
	}
	sb_release(&key);
}

static void words_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].key);
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}

/* True when the words from i on spell phrase (space-separated keys). */
static bool words_at(const struct words *w, size_t i, const char *phrase, size_t *next)
{
	const char *p = phrase;

	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		/* A word whose key is empty (a lone dash) is skipped. */
		while (i < w->n && !w->v[i].key[0])
			i++;
		if (i >= w->n || strlen(w->v[i].key) != n || memcmp(w->v[i].key, p, n) != 0)
			return false;
		i++;
		p += n;
		while (*p == ' ')
			p++;
	}
	if (next)
		*next = i;
	return true;
}

/* The first word index >= from where phrase starts, or -1. */
static long words_find(const struct words *w, size_t from, const char *phrase)
{
	size_t i;

	for (i = from; i < w->n; i++)
		if (words_at(w, i, phrase, NULL))
			return (long)i;
	return -1;
}

/* ---- text pieces ------------------------------------------------------- */

/* Length of a superscript digit (a footnote mark) at s, or 0. */
static size_t superscript_len(const unsigned char *s)
{
	if (s[0] == 0xC2 && (s[1] == 0xB9 || s[1] == 0xB2 || s[1] == 0xB3))
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x81 && (s[2] == 0xB0 || (s[2] >= 0xB4 && s[2] <= 0xB9)))
		return 3;
	return 0;
}

/* Appends a piece of text with a separating space, dropping footnote marks. */
static void add_piece(struct sb *out, const char *s, size_t len)
{
	size_t i = 0, n;
	struct sb clean = SB_INIT;

	while (i < len) {
		n = len - i >= 3 || (len - i >= 2 && (unsigned char)s[i] == 0xC2)
			    ? superscript_len((const unsigned char *)s + i)
			    : 0;
		if (n) {
			i += n;
			continue;
		}
		sb_addc(&clean, s[i]);
		i++;
	}
	sb_trim(&clean);
	/* "| ... |": cell borders of a table flattened by a web crawl. */
	while (clean.len && clean.buf[clean.len - 1] == '|') {
		sb_setlen(&clean, clean.len - 1);
		sb_trim(&clean);
	}
	if (clean.len && clean.buf[0] == '|') {
		memmove(clean.buf, clean.buf + 1, clean.len);
		clean.len--;
		sb_trim(&clean);
	}
	if (clean.len) {
		if (out->len)
			sb_addc(out, ' ');
		sb_add_collapsed(out, clean.buf, clean.len);
	}
	sb_release(&clean);
}

/* True when s starts with a lower-case letter (any script). */
static bool is_lower_start(const char *s)
{
	utf8proc_int32_t cp;

	if (!*s || utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strnlen(s, 4),
				    &cp) <= 0)
		return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* s[0..*len) without surrounding spaces and trailing list punctuation. */
static const char *trim_list(const char *s, size_t *len)
{
	size_t n = *len;

	while (n && (*s == ' ' || *s == ',' || *s == ':' || *s == ';' || *s == '-')) {
		s++;
		n--;
	}
	while (n && strchr(" .,;:-", s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* ---- labelled fields --------------------------------------------------- */

enum field { F_NONE = -1, F_TEXT, F_RESULT, F_LEAD, F_COORD, F_DUE, F_IGNORE, F_COUNT };

static const struct {
	const char *key;
	enum field f;
} field_labels[] = {
	{ "noi dung", F_TEXT },
	{ "noi dung thuc hien", F_TEXT },
	{ "noi dung cong viec", F_TEXT },
	{ "noi dung hoat dong", F_TEXT },
	{ "noi dung nhiem vu", F_TEXT },
	{ "nhiem vu", F_TEXT },
	{ "san pham", F_RESULT },
	{ "san pham du kien", F_RESULT },
	{ "san pham dau ra", F_RESULT },
	{ "ket qua", F_RESULT },
	{ "ket qua du kien", F_RESULT },
	{ "ket qua dat duoc", F_RESULT },
	{ "ket qua san pham", F_RESULT },
	{ "don vi chu tri", F_LEAD },
	{ "don vi thuc hien", F_LEAD },
	{ "don vi chu tri thuc hien", F_LEAD },
	{ "co quan chu tri", F_LEAD },
	{ "co quan thuc hien", F_LEAD },
	{ "co quan chu tri thuc hien", F_LEAD },
	{ "co quan chu tri theo doi danh gia", F_LEAD },
	{ "co quan chu tri theo doi", F_LEAD },
	{ "co quan don vi chu tri", F_LEAD },
	{ "co quan don vi thuc hien", F_LEAD },
	{ "don vi chiu trach nhiem", F_LEAD },
	{ "co quan chiu trach nhiem", F_LEAD },
	{ "chu tri", F_LEAD },
	{ "chu tri thuc hien", F_LEAD },
	{ "thuc hien", F_LEAD },
	{ "don vi phoi hop", F_COORD },
	{ "don vi phoi hop thuc hien", F_COORD },
	{ "co quan phoi hop", F_COORD },
	{ "co quan phoi hop thuc hien", F_COORD },
	{ "co quan don vi phoi hop", F_COORD },
	{ "phoi hop", F_COORD },
	{ "phoi hop thuc hien", F_COORD },
	{ "thoi gian", F_DUE },
	{ "thoi gian thuc hien", F_DUE },
	{ "thoi gian hoan thanh", F_DUE },
	{ "thoi gian to chuc", F_DUE },
	{ "thoi han", F_DUE },
	{ "thoi han hoan thanh", F_DUE },
	{ "tien do", F_DUE },
	{ "tien do thuc hien", F_DUE },
	{ "dia diem", F_IGNORE },
	{ "dia diem to chuc", F_IGNORE },
	{ "dia diem thuc hien", F_IGNORE },
	{ "kinh phi", F_IGNORE },
	{ "kinh phi thuc hien", F_IGNORE },
	{ "nguon kinh phi", F_IGNORE },
};

static const char *const field_names[F_COUNT] = { "text", "result", "lead", "coordinate",
						  "due.end", "ignored" };

/* Edit distance a label may be from its meaning: none in clean text beyond
 * one slip in a long label; more in an OCR scan, where "Dom vi thue hién"
 * is "Đơn vị thực hiện". */
static size_t label_slack(const struct extract_ctx *x, size_t len)
{
	if (x->ocr)
		return len >= 12 ? 3 : len >= 6 ? 2 : 1;
	return len >= 8 ? 1 : 0;
}

/* The field a label names, or F_NONE; *dist gets the edit distance. */
static enum field field_of_label(const struct extract_ctx *x, const char *label, size_t *dist)
{
	struct sb key = SB_INIT;
	size_t i, best = SIZE_MAX, d;
	enum field f = F_NONE;

	vi_fold(&key, label, strlen(label), VI_FOLD_PUNCT);
	for (i = 0; i < ARRAY_SIZE(field_labels) && key.len; i++) {
		size_t n = strlen(field_labels[i].key), slack = label_slack(x, n);

		d = edit_distance(key.buf, key.len, field_labels[i].key, n, slack);
		if (d <= slack && d < best) {
			best = d;
			f = field_labels[i].f;
		}
	}
	sb_release(&key);
	*dist = best;
	return f;
}

/* ---- parts ------------------------------------------------------------- */

enum part_kind {
	PART_NONE, /* before the first roman heading */
	PART_CONTENT, /* tasks live here */
	PART_OTHER, /* goals, organisation, funding, appendices: no tasks */
	PART_UNKNOWN, /* a part of its own kind: tasks only where a lead is named */
	PART_DUTIES, /* organisation of implementation: its agency blocks are the
		      * tasks only when the content part names no lead */
};

static const struct {
	const char *key;
	enum part_kind kind;
	bool goal; /* aims rather than work: gives way to a task word after it */
} part_words[] = {
	{ "to chuc thuc hien", PART_DUTIES, false },
	{ "trach nhiem thuc hien", PART_DUTIES, false },
	{ "kinh phi", PART_OTHER, false },
	{ "muc dich", PART_OTHER, true },
	{ "muc tieu", PART_OTHER, true },
	{ "yeu cau", PART_OTHER, true },
	{ "quan diem", PART_OTHER, true },
	{ "chi tieu", PART_OTHER, true },
	/* What is said or to whom, not who does what: never tasks. */
	{ "noi dung tuyen truyen", PART_OTHER, false },
	{ "doi tuong", PART_OTHER, false },
	{ "nguyen tac", PART_OTHER, false },
	{ "pham vi", PART_OTHER, false },
	{ "noi dung", PART_CONTENT, false },
	{ "nhiem vu", PART_CONTENT, false },
	{ "giai phap", PART_CONTENT, false },
	{ "hoat dong", PART_CONTENT, false },
	{ "phan cong", PART_CONTENT, false },
	{ "chuong trinh", PART_CONTENT, false },
};

/* Roman headings classified with edit distance, per document: real plans
 * have a handful; the cap keeps hostile input linear. */
#define FUZZY_PARTS_MAX 64

/* Where key (a part title's folding key) first holds word phrase p, with
 * slack edits in an OCR scan; SIZE_MAX when nowhere. Only word starts are
 * tried, and only the first few when fuzzy. */
static size_t phrase_pos(const char *key, size_t klen, const char *p, size_t slack)
{
	size_t i, n = strlen(p), tries = 0;

	for (i = 0; i < klen; i++) {
		if (i && key[i - 1] != ' ')
			continue;
		if (klen - i >= n && memcmp(key + i, p, n) == 0 && (i + n == klen || key[i + n] == ' '))
			return i;
		if (slack && tries++ < 4) {
			size_t m = klen - i < n ? klen - i : n, e = i + m;

			/* Compare the same number of words. */
			while (e < klen && key[e] != ' ')
				e++;
			if (edit_distance(key + i, e - i, p, n, slack) <= slack)
				return i;
		}
	}
	return SIZE_MAX;
}

/*
 * The kind of a part from its title: the first meaningful phrase decides
 * ("TỔ CHỨC THỰC HIỆN", "NỘI DUNG THỰC HIỆN"), except that a goal word
 * before a task word ("MỤC TIÊU, NHIỆM VỤ") makes a part that holds tasks,
 * its goal subsections being left out item by item.
 */
static enum part_kind classify_part(const struct extract_ctx *x, const char *title, bool fuzzy)
{
	struct sb key = SB_INIT;
	size_t i, pos, best = SIZE_MAX, len;
	enum part_kind kind = PART_UNKNOWN;
	bool goal = false, content = false;

	vi_fold(&key, title, strlen(title), VI_FOLD_PUNCT);
	len = key.len > 160 ? 160 : key.len;
	for (i = 0; i < ARRAY_SIZE(part_words); i++) {
		size_t n = strlen(part_words[i].key);

		pos = phrase_pos(key.buf, len, part_words[i].key,
				 fuzzy && x->ocr ? (n >= 8 ? 2 : 1) : 0);
		if (pos == SIZE_MAX)
			continue;
		if (part_words[i].kind == PART_CONTENT)
			content = true;
		if (pos < best) {
			best = pos;
			kind = part_words[i].kind;
			goal = part_words[i].goal;
		}
	}
	sb_release(&key);
	return goal && content ? PART_CONTENT : kind;
}

/* A short item heading that names a part of its own kind ("1. Mục tiêu
 * chung", "3. Kinh phí"): no tasks under it even inside the tasks part. */
static bool is_aside(const struct extract_ctx *x, const char *heading)
{
	size_t words = 1;
	const char *p;

	for (p = heading; *p; p++)
		if (*p == ' ' && ++words > 5)
			return false;
	enum part_kind k = classify_part(x, heading, false);

	return k == PART_OTHER || k == PART_DUTIES;
}

/* "PHỤ LỤC" or "Nơi nhận:" ends the body of the plan. */
static bool ends_body(const struct doc_block *b)
{
	char *key;
	bool end = false;

	if (b->label && b->num == NUM_NONE && vi_fold_eq(b->label, "Nơi nhận"))
		return true;
	if (!b->upper || b->num != NUM_NONE)
		return false;
	key = vi_fold_dup(b->text, VI_FOLD_PUNCT);
	end = strncmp(key, "phu luc", 7) == 0;
	free(key);
	return end;
}

/* ---- the outline ------------------------------------------------------- */

enum node_kind { N_ARABIC, N_LETTER, N_INFERRED };

struct node {
	enum node_kind kind;
	size_t head; /* block index of the heading */
	size_t end; /* one past the last block of its content */
	char *path; /* "1.1", "1.a" */
	int depth;
	long parent; /* node index, or -1 */
	long part; /* part index, or -1 */
	bool group; /* has child items: a section, not a task */
	bool fields; /* a labelled field was seen under it */
	bool agency_head; /* a lettered block led by the agencies in its head */
	bool aside; /* a goal, funding or organisation subsection, or under one */
	char *heading; /* an inferred item's cleaned heading, else NULL */
};

struct part {
	size_t head;
	bool title; /* the heading is a part title (not an end marker) */
	char *roman;
	enum part_kind kind;
};

struct outline {
	VEC(struct node) nodes;
	VEC(struct part) parts;
	VEC(long) stack; /* open nodes, outermost first */
};

static void outline_free(struct outline *o)
{
	size_t i;

	for (i = 0; i < o->nodes.n; i++) {
		free(o->nodes.v[i].path);
		free(o->nodes.v[i].heading);
	}
	for (i = 0; i < o->parts.n; i++)
		free(o->parts.v[i].roman);
	free(o->nodes.v);
	free(o->parts.v);
	free(o->stack.v);
}

static struct node *stack_top(struct outline *o)
{
	return o->stack.n ? &o->nodes.v[o->stack.v[o->stack.n - 1]] : NULL;
}

static void close_top(struct outline *o, size_t at)
{
	struct node *n = stack_top(o);

	if (n && n->end < at)
		n->end = at;
}

/* Closes every open item at block index at (a new part, a new item). */
static void close_all(struct outline *o, size_t at)
{
	size_t i;

	for (i = 0; i < o->stack.n; i++)
		if (o->nodes.v[o->stack.v[i]].end < at)
			o->nodes.v[o->stack.v[i]].end = at;
	o->stack.n = 0;
}

static struct node *add_node(struct outline *o, enum node_kind kind, size_t head, char *path,
			     int depth)
{
	struct node *n;
	long idx = (long)o->nodes.n;

	n = VEC_PUSH(&o->nodes);
	n->kind = kind;
	n->head = head;
	n->end = head + 1;
	n->path = path;
	n->depth = depth;
	n->parent = o->stack.n ? o->stack.v[o->stack.n - 1] : -1;
	n->part = o->parts.n ? (long)o->parts.n - 1 : -1;
	if (n->parent >= 0)
		o->nodes.v[n->parent].group = true;
	*VEC_PUSH(&o->stack) = idx;
	return n;
}

static void open_arabic(const struct extract_ctx *x, struct outline *o, size_t i)
{
	const struct doc_block *b = &x->doc->blocks.v[i];
	struct node *n;

	/* Close siblings and deeper items. */
	while (o->stack.n && stack_top(o)->depth >= b->num_depth) {
		close_top(o, i);
		o->stack.n--;
	}
	n = add_node(o, N_ARABIC, i, xstrdup(b->num_label), b->num_depth);
	n->aside = (n->parent >= 0 && o->nodes.v[n->parent].aside) || is_aside(x, b->body);
}

/* A lettered item opens a block under the nearest arabic item, unless that
 * item already has labelled fields: then the letters are points of its
 * content. Returns false when the block is content. */
static bool open_letter(struct outline *o, const struct doc *d, size_t i)
{
	const struct doc_block *b = &d->blocks.v[i];
	struct node *top;
	struct sb path = SB_INIT;
	int depth = 1;
	bool aside;

	while ((top = stack_top(o)) && top->kind == N_LETTER) {
		close_top(o, i);
		o->stack.n--;
	}
	if (top && top->fields)
		return false;
	if (top) {
		sb_addf(&path, "%s.", top->path);
		depth = top->depth + 1;
	}
	sb_adds(&path, b->num_label);
	aside = top && top->aside; /* add_node may move the nodes */
	add_node(o, N_LETTER, i, sb_detach(&path), depth)->aside = aside;
	return true;
}

/* The label of the next paragraph block after i, or NULL. */
static const struct doc_block *next_para(const struct doc *d, size_t i)
{
	for (i++; i < d->blocks.n; i++)
		if (d->blocks.v[i].kind == BLOCK_PARA)
			return &d->blocks.v[i];
	return NULL;
}

/* OCR turns "1." into "oL" or "l." glued to the heading: a short first
 * token with a digit, punctuation, or a capital after a small letter. */
static const char *skip_ocr_number(const char *s)
{
	size_t n = 0, i;
	bool odd = false;

	while (s[n] && s[n] != ' ')
		n++;
	if (!s[n] || n > 3)
		return s;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			return s;
		if (isdigit(c) || ispunct(c) || (i && isupper(c) && islower((unsigned char)s[i - 1])))
			odd = true;
	}
	return odd ? s + n + 1 : s;
}

/* The next number after the last item at depth, under the same parent. */
static char *next_sibling_path(const struct outline *o, long parent, int depth)
{
	size_t i;
	long last = 0;
	const char *prefix = parent >= 0 ? o->nodes.v[parent].path : NULL;
	struct sb path = SB_INIT;

	for (i = o->nodes.n; i-- > 0;) {
		const struct node *n = &o->nodes.v[i];
		const char *dot;

		if (n->part != (long)o->parts.n - 1 || (long)i == parent)
			break;
		if (n->parent != parent || n->depth != depth || n->kind == N_LETTER)
			continue;
		dot = strrchr(n->path, '.');
		last = strtol(dot ? dot + 1 : n->path, NULL, 10);
		break;
	}
	if (prefix)
		sb_addf(&path, "%s.", prefix);
	sb_addf(&path, "%ld", last + 1);
	return sb_detach(&path);
}

/*
 * An unnumbered paragraph followed by a "Nội dung:" field heads an item
 * whose number the scan lost ("oL Phối hợp xây dựng ..."), when no item is
 * open or the open one already had its fields.
 */
static bool open_inferred(const struct extract_ctx *x, struct outline *o, size_t i)
{
	const struct doc_block *b = &x->doc->blocks.v[i], *nb = next_para(x->doc, i);
	struct node *top = stack_top(o), *n;
	size_t dist;
	long parent = -1;
	int depth = 1;

	if (b->num != NUM_NONE || b->label || b->upper || !nb || !nb->label ||
	    field_of_label(x, nb->label, &dist) != F_TEXT)
		return false;
	if (top && !top->fields)
		return false;
	if (top) {
		parent = top->parent;
		depth = top->depth;
		close_top(o, i);
		o->stack.n--;
	}
	n = add_node(o, N_INFERRED, i, next_sibling_path(o, parent, depth), depth);
	n->aside = parent >= 0 && o->nodes.v[parent].aside;
	n->heading = xstrdup(skip_ocr_number(b->text));
	extract_note(x, b->line, "an unnumbered heading before \"%s:\": item %s", nb->label,
		     n->path);
	return true;
}

static bool names_only_agencies(const struct extract_ctx *x, const struct doc_block *b);

/*
 * "Sở Xây dựng:" unnumbered over lettered or dashed items: a heading that
 * names only bodies opens a block of its own, numbered after its siblings
 * (the number is inferred, so the ref is doubtful), under the nearest open
 * item that is not itself such a block.
 */
static bool open_agency_heading(const struct extract_ctx *x, struct outline *o, size_t i)
{
	const struct doc_block *b = &x->doc->blocks.v[i], *nb = next_para(x->doc, i);
	size_t len = strlen(b->text);
	long parent = -1;
	int depth = 1;
	struct node *n;

	if (b->num != NUM_NONE || (b->label && b->value[0]) || !len || !nb ||
	    !(b->text[len - 1] == ':' || b->bold) ||
	    !(nb->num == NUM_LETTER || nb->num == NUM_DASH || nb->num == NUM_PLUS) ||
	    !names_only_agencies(x, b))
		return false;
	while (o->stack.n) {
		struct node *top = stack_top(o);

		if (top->kind != N_LETTER && !(top->kind == N_INFERRED && !top->heading) &&
		    !names_only_agencies(x, &x->doc->blocks.v[top->head]))
			break;
		close_top(o, i);
		o->stack.n--;
	}
	if (o->stack.n) {
		parent = o->stack.v[o->stack.n - 1];
		depth = o->nodes.v[parent].depth + 1;
	}
	n = add_node(o, N_INFERRED, i, next_sibling_path(o, parent, depth), depth);
	n->aside = parent >= 0 && o->nodes.v[parent].aside;
	extract_note(x, b->line, "an unnumbered agency heading \"%.60s\": item %s", b->text, n->path);
	return true;
}

/* In a plan without roman parts, "2. NỘI DUNG" in capitals heads a part;
 * its items carry the part's number in their own ("2.1."). */
static bool arabic_part(const struct doc_block *b)
{
	return b->num == NUM_ARABIC && b->num_depth == 1 && b->upper;
}

/* "B. NHIỆM VỤ, GIẢI PHÁP": a capital letter heads the top level of plans
 * whose parts go A., B., C. with roman numerals under them. Returns the
 * letter, or 0. */
static char letter_part(const struct doc_block *b)
{
	const char *t = b->text;

	if (b->num != NUM_NONE || !(b->upper || b->bold) || t[0] < 'A' || t[0] > 'H' ||
	    t[1] != '.' || t[2] != ' ')
		return 0;
	return t[0];
}

static void build_outline(const struct extract_ctx *x, struct outline *o)
{
	const struct doc *d = x->doc;
	size_t i, fuzzy = 0;
	enum part_kind kind = PART_NONE, letter_kind = PART_NONE;
	bool roman = false;
	char letter = 0;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];
		struct node *top;
		size_t dist;
		char lp = letter_part(b);

		if (b->kind != BLOCK_PARA)
			continue;
		if (b->num == NUM_ROMAN)
			roman = true;
		if (b->num == NUM_ROMAN || lp || ends_body(b) || (!roman && arabic_part(b))) {
			struct part *p;
			const char *title = lp ? b->text + 3 : b->body;

			close_all(o, i);
			p = VEC_PUSH(&o->parts);
			p->head = i;
			p->title = b->num == NUM_ROMAN || b->num == NUM_ARABIC || lp;
			p->roman = NULL;
			p->kind = ends_body(b) ? PART_OTHER
					       : classify_part(x, title, fuzzy++ < FUZZY_PARTS_MAX);
			if (lp) {
				letter = lp;
				letter_kind = p->kind;
				p->roman = xstrndup(b->text, 1);
			} else if (b->num == NUM_ROMAN && letter) {
				/* "I. Công tác chỉ đạo" under "B. NHIỆM VỤ": B.I, of the
				 * letter's kind unless its own title says otherwise. */
				struct sb r = SB_INIT;

				sb_addf(&r, "%c.%s", letter, b->num_label);
				p->roman = sb_detach(&r);
				if (letter_kind == PART_OTHER || letter_kind == PART_DUTIES ||
				    (p->kind == PART_UNKNOWN && letter_kind == PART_CONTENT))
					p->kind = letter_kind;
			} else if (b->num == NUM_ROMAN) {
				p->roman = xstrdup(b->num_label);
			}
			if (ends_body(b))
				letter = 0;
			kind = p->kind;
			extract_note(x, b->line, "part %s \"%.60s\": %s", p->roman ? p->roman : "-",
				     b->body,
				     kind == PART_CONTENT ? "tasks"
				     : kind == PART_DUTIES ? "duties: tasks when the content part names no lead"
				     : kind == PART_OTHER ? "no tasks"
							  : "tasks only where a lead is named");
			continue;
		}
		if (kind == PART_OTHER)
			continue;
		if (b->num == NUM_ARABIC) {
			open_arabic(x, o, i);
			continue;
		}
		if (b->num == NUM_LETTER && open_letter(o, d, i))
			continue;
		if ((kind == PART_CONTENT || kind == PART_DUTIES) && open_agency_heading(x, o, i))
			continue;
		if (kind == PART_CONTENT && open_inferred(x, o, i))
			continue;
		top = stack_top(o);
		if (!top) {
			/* No silent loss: prose in the tasks part that no item holds. */
			if (kind == PART_CONTENT && strlen(b->text) > 40)
				extract_unplaced(x, b->line, "text in the tasks part placed in no task",
						 b->text);
			continue;
		}
		top->end = i + 1;
		if (b->label && field_of_label(x, b->label, &dist) != F_NONE)
			top->fields = true;
	}
	close_all(o, d->blocks.n);
}

/* ---- agencies ----------------------------------------------------------- */

/* Longest agency list and time phrase handed on: real ones are far
 * shorter, and the readers downstream need not face megabytes. */
#define LIST_MAX 4000
#define PHRASE_MAX 400

/* Splits an agency list into bodies and groups; doubts the field when the
 * list names nothing or bodies the registry does not know. */
static void take_agencies(const struct extract_ctx *x, struct task *t, const char *s, size_t len,
			  bool coord)
{
	struct strlist unknown = { 0 };
	char *list;
	size_t n;

	s = trim_list(s, &len);
	if (!len)
		return;
	list = xstrndup(s, len < LIST_MAX ? len : LIST_MAX);
	n = agency_split(x->agencies, list, x->agency_flags, coord ? &t->coordinate : &t->lead,
			 coord ? &t->coordinate_groups : &t->lead_groups, &unknown);
	if (!n || unknown.n)
		task_doubt(t, coord ? "coordinate" : "lead");
	if (unknown.n)
		extract_note(x, t->line, "%s: %zu unknown bod%s, first \"%s\"",
			     coord ? "coordinate" : "lead", unknown.n, unknown.n == 1 ? "y" : "ies",
			     unknown.v[0]);
	strlist_release(&unknown);
	free(list);
}

static void take_due(const struct extract_ctx *x, struct task *t, const char *s, size_t len)
{
	struct due *due;

	s = trim_list(s, &len);
	if (!len || t->due)
		return;
	if (len > PHRASE_MAX)
		len = PHRASE_MAX;
	due = timeframe_parse(s, len, x->year);
	/* A character lost to U+FFFD in the phrase: read, but to be checked. */
	if (due && strstr(due->text, REPLACEMENT_CHAR)) {
		task_doubt(t, "due.start");
		task_doubt(t, "due.end");
	}
	if (!due) {
		extract_note(x, t->line, "time \"%.*s\" not understood", (int)len, s);
		task_doubt(t, "due.start");
		task_doubt(t, "due.end");
		return;
	}
	if (!due->start[0] && !due->end[0] && !due->recurring) {
		task_doubt(t, "due.start");
		task_doubt(t, "due.end");
	}
	t->due = due;
}

/* Words that open an item as an action, never a body: "Tổ chức, thực
 * hiện ...", "Triển khai ..." (folded). */
static const char *const action_words[] = {
	"to chuc", "trien khai", "thuc hien", "xay dung", "tang cuong", "day manh", "tiep tuc",
	"hoan thien", "bo tri", "ban hanh", "huong dan", "kiem tra", "tham muu", "theo doi",
	"tong hop", "ra soat", "nghien cuu", "de xuat", "chi dao", "tuyen truyen",
};

/* True when an action word stands within words [1, k): the work has begun
 * ("Tòa án nhân dân tỉnh tổ chức các ..."). */
static bool ends_with_action(const char *s, const struct words *w, size_t k)
{
	size_t a, j, next;

	for (j = 1; j < k; j++) {
		/* "các tổ chức chính trị - xã hội", "Sở Xây dựng" name bodies. */
		if (!strcmp(w->v[j - 1].key, "cac") || !strcmp(w->v[j - 1].key, "nhung") ||
		    !is_lower_start(s + w->v[j].start))
			continue;
		for (a = 0; a < ARRAY_SIZE(action_words); a++)
			if (words_at(w, j, action_words[a], &next) && next <= k)
				return true;
	}
	return false;
}

/* Most words an agency list inside a sentence runs to. */
#define INLINE_LIST_WORDS 24

/*
 * The agencies a sentence names from s on, up to where the list ends and the
 * work begins ("Văn phòng UBND tỉnh nâng cấp ..." -> "Văn phòng UBND tỉnh"):
 * the longest run of words that splits into known bodies and groups only.
 * Returns its length in bytes, 0 when no such run.
 */
static size_t known_list_len(const struct extract_ctx *x, const char *s, size_t len)
{
	struct words w = { 0 };
	size_t k, found = 0;

	words_make(&w, s, len, INLINE_LIST_WORDS);
	for (k = w.n; k > 0 && !found; k--) {
		struct strlist bodies = { 0 }, groups = { 0 }, unknown = { 0 };
		size_t m = w.v[k - 1].end, n;
		char *list;

		/* A list ends at a word, never at a joiner or a comma, nor at the
		 * verb that follows it ("... tổ chức các phiên tòa"). */
		if (!strcmp(w.v[k - 1].key, "va") || !w.v[k - 1].key[0] || ends_with_action(s, &w, k))
			continue;
		while (m && (s[m - 1] == ',' || s[m - 1] == ';'))
			m--;
		list = xstrndup(s, m);
		n = agency_split(x->agencies, list, x->agency_flags & ~(unsigned)AGENCY_FUZZY, &bodies,
				 &groups, &unknown);
		if (n && !unknown.n)
			found = m;
		free(list);
		strlist_release(&bodies);
		strlist_release(&groups);
		strlist_release(&unknown);
	}
	words_free(&w);
	return found;
}

/* Words that end the coordinating list of an assignment phrase. */
/* Words that end the agency lists of an assignment phrase and start its
 * time ("... phối hợp với X thực hiện trong Quý I/2023"). */
static const char *const assign_stops[] = { "hoan thanh", "thoi gian", "thoi han", "truoc ngay",
					    "bao cao", "thuc hien", "trong quy", "trong nam",
					    "trong thang", "cham nhat" };

/*
 * Reads an assignment phrase: "<lead> chủ trì, phối hợp với <coordinate>,
 * hoàn thành trước ngày ...". Without "chủ trì", what stands before "phối
 * hợp" leads; without either, the whole phrase names the leads. A request
 * ("Đề nghị X", "Giao X") still makes X the lead. Returns false when no lead
 * part is there.
 */
static bool parse_assignment(const struct extract_ctx *x, struct task *t, const char *s,
			     size_t len, bool whole_is_lead)
{
	struct words w = { 0 };
	long ct, ph, stop = -1;
	size_t lead_from = 0, lead_to, k, next;
	bool found = false;

	words_make(&w, s, len, 120);
	ct = words_find(&w, 0, "chu tri");
	ph = words_find(&w, ct >= 0 ? (size_t)ct : 0, "phoi hop");
	if (ct < 0 && ph < 0 && !whole_is_lead)
		goto out;
	for (k = 0; k < ARRAY_SIZE(assign_stops); k++) {
		long at = words_find(&w, ph >= 0 ? (size_t)ph : ct >= 0 ? (size_t)ct : 0,
				     assign_stops[k]);

		if (at >= 0 && (stop < 0 || at < stop))
			stop = at;
	}
	/* "...; Từ năm 2026 đến năm 2030": a semicolon ends the lists too. */
	for (k = ph >= 0 ? (size_t)ph : ct >= 0 ? (size_t)ct : 0; k + 1 < w.n; k++)
		if (s[w.v[k].end - 1] == ';') {
			if (stop < 0 || (long)k + 1 < stop)
				stop = (long)k + 1;
			break;
		}
	lead_to = ct >= 0 ? (size_t)ct : ph >= 0 ? (size_t)ph : stop >= 0 ? (size_t)stop : w.n;
	if (words_at(&w, 0, "de nghi", &next) || words_at(&w, 0, "giao", &next))
		lead_from = next;
	if (lead_from < lead_to) {
		take_agencies(x, t, s + w.v[lead_from].start,
			      w.v[lead_to - 1].end - w.v[lead_from].start, false);
		found = true;
	}
	if (ph >= 0) {
		size_t from = (size_t)ph + 2, to = stop > ph ? (size_t)stop : w.n;

		while (from < to && (!strcmp(w.v[from].key, "voi") || !strcmp(w.v[from].key, "cung") ||
				     !w.v[from].key[0]))
			from++;
		if (from < to) {
			const char *c = s + w.v[from].start;
			size_t m = w.v[to - 1].end - w.v[from].start, k2 = known_list_len(x, c, m);

			/* "phối hợp với Sở A tham mưu ...": the list ends where the
			 * work begins. */
			take_agencies(x, t, c, k2 ? k2 : m, true);
		}
	}
	if (stop >= 0)
		take_due(x, t, s + w.v[stop].start, len - w.v[stop].start);
out:
	words_free(&w);
	return found;
}

/* True when a lettered head reads as "who does it" rather than as a task:
 * it names a lead ("chủ trì"), a coordination, or ends with a colon before
 * its paragraphs, and is short. */
static bool is_agency_head(const struct extract_ctx *x, const struct doc_block *b, bool strict)
{
	struct words w = { 0 };
	size_t len = strlen(b->body);
	bool yes = false, colon;
	const char *s = trim_list(b->body, &len);

	colon = strlen(b->body) && b->body[strlen(b->body) - 1] == ':';
	words_make(&w, s, len, 41);
	if (w.n == 0 || w.n > 40)
		goto out;
	/* "Chủ trì, phối hợp với X kiểm tra ...": the work itself, its lead
	 * being the heading's; a head that leads names a body first. */
	if (words_at(&w, 0, "chu tri", NULL) || words_at(&w, 0, "phoi hop", NULL))
		yes = false;
	else if (words_find(&w, 0, "chu tri") >= 0 || words_find(&w, 0, "phoi hop") >= 0 ||
		 words_at(&w, 0, "de nghi", NULL))
		yes = true;
	else if (colon && w.n <= 25)
		yes = true;
	else if (agency_looks_like(x->agencies, b->body, x->agency_flags) && w.n <= 25)
		yes = true;
	else if (!strict && w.n <= 25 && strchr(b->body, '.') == NULL)
		yes = true;
out:
	words_free(&w);
	return yes;
}

static size_t named_provinces(const struct extract_ctx *x, const char *s, size_t len,
			      struct strlist *out);

/* "3. Sở Tài chính:" over paragraphs or dashes: a numbered item whose
 * heading is nothing but the bodies that do what follows. */
static bool names_only_agencies(const struct extract_ctx *x, const struct doc_block *b)
{
	struct words w = { 0 };
	size_t len = strlen(b->body);
	const char *s = trim_list(b->body, &len);
	bool yes = false;
	char *list;

	words_make(&w, s, len, 26);
	if (w.n && w.n <= 25 && !memchr(s, '.', len)) {
		struct strlist provs = { 0 };

		list = xstrndup(s, len);
		yes = agency_looks_like(x->agencies, list, x->agency_flags) ||
		      named_provinces(x, list, len, &provs) == len;
		strlist_release(&provs);
		free(list);
	}
	words_free(&w);
	return yes;
}

/* Marks lettered blocks led by agencies: by their own head, or, when a
 * sibling's head is such, by a short head without a full stop. */
static void mark_agency_heads(const struct extract_ctx *x, struct outline *o)
{
	size_t i;
	/* Per parent item (or per part for letters without one): does some
	 * lettered child have an agency head? */
	bool *under_item = xcalloc(o->nodes.n + 1, sizeof(bool));
	bool *under_part = xcalloc(o->parts.n + 1, sizeof(bool));

	for (i = 0; i < o->nodes.n; i++) {
		struct node *n = &o->nodes.v[i];

		if ((n->kind == N_ARABIC || (n->kind == N_INFERRED && !n->heading)) && !n->group &&
		    n->end > n->head + 1 && !n->fields)
			n->agency_head = names_only_agencies(x, &x->doc->blocks.v[n->head]);
		if (n->kind != N_LETTER || n->group || n->end <= n->head + 1)
			continue;
		n->agency_head = is_agency_head(x, &x->doc->blocks.v[n->head], true);
		if (n->agency_head && n->parent >= 0)
			under_item[n->parent] = true;
		else if (n->agency_head)
			under_part[n->part + 1] = true;
	}
	for (i = 0; i < o->nodes.n; i++) {
		struct node *n = &o->nodes.v[i];
		bool sibling;

		if (n->kind != N_LETTER || n->agency_head || n->group || n->end <= n->head + 1)
			continue;
		sibling = n->parent >= 0 ? under_item[n->parent] : under_part[n->part + 1];
		if (sibling)
			n->agency_head = is_agency_head(x, &x->doc->blocks.v[n->head], false);
	}
	free(under_item);
	free(under_part);
}

/* ---- tasks --------------------------------------------------------------- */

static const char *node_heading(const struct doc *d, const struct node *n)
{
	return n->heading ? n->heading : d->blocks.v[n->head].body;
}

static char *section_of(const struct doc *d, const struct outline *o, const struct node *n)
{
	const char *s = NULL;
	size_t len;

	if (n->parent >= 0)
		s = node_heading(d, &o->nodes.v[n->parent]);
	else if (n->part >= 0 && o->parts.v[n->part].title)
		s = d->blocks.v[o->parts.v[n->part].head].body;
	if (!s)
		return NULL;
	len = strlen(s);
	while (len && (s[len - 1] == ':' || s[len - 1] == ' '))
		len--;
	return len ? xstrndup(s, len) : NULL;
}

static char *ref_of(const struct outline *o, const struct node *n)
{
	struct sb ref = SB_INIT;
	const char *roman = n->part >= 0 ? o->parts.v[n->part].roman : NULL;

	if (roman)
		sb_addf(&ref, "%s.", roman);
	sb_adds(&ref, n->path);
	return sb_detach(&ref);
}

/* "(Giao Công an tỉnh chủ trì, phối hợp với ..., hoàn thành trước ngày ...)"
 * inside a task's text. */
static void inline_assignment(const struct extract_ctx *x, struct task *t)
{
	const char *p = t->text, *close;
	struct sb key = SB_INIT;

	while ((p = strchr(p, '(')) != NULL) {
		size_t n = 0;

		p++;
		while (p[n] && p[n] != ' ' && n < 16)
			n++;
		sb_reset(&key);
		vi_fold(&key, p, n, VI_FOLD_PUNCT);
		if (strcmp(key.buf, "giao") != 0)
			continue;
		close = memchr(p, ')', strnlen(p, 800));
		if (!close)
			continue;
		/* "(Giao X thực hiện; ...)": X leads even without "chủ trì". */
		if (parse_assignment(x, t, p, (size_t)(close - p), true)) {
			extract_note(x, t->line, "lead from the inline assignment \"(%.*s)\"",
				     (int)(close - p), p);
			break;
		}
	}
	sb_release(&key);
}

/* "... các nhiệm vụ theo phân công tại Phụ lục đính kèm": an item that
 * points at an appendix instead of stating a task. */
static bool points_to_appendix(const char *text)
{
	struct words w = { 0 };
	long at;
	bool yes = false;

	words_make(&w, text, strlen(text), 80);
	if (w.n < 80 && (at = words_find(&w, 0, "phu luc")) > 0) {
		const char *before = w.v[at - 1].key;

		yes = !strcmp(before, "tai") || !strcmp(before, "theo") ||
		      words_at(&w, (size_t)at + 2, "dinh kem", NULL) ||
		      words_at(&w, (size_t)at + 2, "kem theo", NULL);
	}
	words_free(&w);
	return yes;
}

/* The piece a content paragraph adds: list marks dropped, numbering kept. */
static const char *piece_of(const struct doc_block *b)
{
	if (b->num == NUM_DASH || b->num == NUM_PLUS || b->num == NUM_BULLET)
		return b->body;
	return b->text;
}

/* True when an item's heading opens with "<agencies> chủ trì": the words
 * before "chủ trì" are few and name bodies the registry knows. */
static bool heading_assigns(const struct extract_ctx *x, const char *h)
{
	struct words w = { 0 };
	struct strlist bodies = { 0 }, groups = { 0 };
	long ct;
	bool yes = false;

	words_make(&w, h, strlen(h), 40);
	ct = words_find(&w, 0, "chu tri");
	if (ct > 0 && ct <= 15) {
		char *prefix = xstrndup(h, w.v[ct - 1].end);

		yes = agency_split(x->agencies, prefix, x->agency_flags, &bodies, &groups, NULL) > 0;
		free(prefix);
	}
	strlist_release(&bodies);
	strlist_release(&groups);
	words_free(&w);
	return yes;
}

static void coordinate_in_text(const struct extract_ctx *x, struct task *t);

/* "Địa phương Yên Bái, Lào Cai" (named provinces of a national document)
 * as an agency heading: their committees lead. Returns false, adding
 * nothing, when the heading is anything else. */
static bool heading_agencies(const struct extract_ctx *x, struct task *t, const char *h)
{
	size_t len = strlen(h);
	const char *s = trim_list(h, &len);
	struct strlist provs = { 0 };
	bool named = named_provinces(x, s, len, &provs) == len && provs.n;

	if (named)
		strlist_copy(&t->lead, &provs);
	strlist_release(&provs);
	return named;
}

/*
 * "1. Sở Khoa học và Công nghệ" over items a), b), c): every item under a
 * heading that names only bodies is theirs to lead; "phối hợp với X" inside
 * the item adds X as coordinating.
 */
static void group_lead(const struct extract_ctx *x, const struct outline *o,
		       const struct node *n, struct task *t)
{
	const struct node *p;
	const struct doc_block *hb;

	if (n->parent < 0)
		return;
	p = &o->nodes.v[n->parent];
	hb = &x->doc->blocks.v[p->head];
	if (p->heading || !names_only_agencies(x, hb))
		return;
	if (!heading_agencies(x, t, hb->body))
		take_agencies(x, t, hb->body, strlen(hb->body), false);
	extract_note(x, t->line, "lead from the agency heading \"%.60s\"", hb->body);
	coordinate_in_text(x, t);
}

/* "... phối hợp với X <work>" inside a task led by its heading: X
 * coordinates. */
static void coordinate_in_text(const struct extract_ctx *x, struct task *t)
{
	struct words w = { 0 };
	long ph;

	if (t->coordinate.n || t->coordinate_groups.n)
		return;
	words_make(&w, t->text, strlen(t->text), 60);
	ph = words_find(&w, 0, "phoi hop");
	if (ph >= 0) {
		size_t from = (size_t)ph + 2, m;

		while (from < w.n && (!strcmp(w.v[from].key, "voi") || !strcmp(w.v[from].key, "cung")))
			from++;
		if (from < w.n) {
			const char *c = t->text + w.v[from].start;

			m = known_list_len(x, c, strlen(c));
			if (m)
				take_agencies(x, t, c, m, true);
		}
	}
	words_free(&w);
}

/* A task's time frame stated inside its text ("...; hoàn thành trong Quý
 * II/2026"), when no field gave one. */
static void due_in_text(const struct extract_ctx *x, struct task *t)
{
	size_t a, b;

	if (!t->text || !timeframe_find_in_text(t->text, strlen(t->text), x->year, &a, &b))
		return;
	t->due = timeframe_parse(t->text + a, b - a, x->year);
	if (t->due)
		extract_note(x, t->line, "time frame read from the text: \"%s\"", t->due->text);
	if (t->due && strstr(t->due->text, REPLACEMENT_CHAR))
		task_doubt(t, "due.end");
}

/*
 * "địa phương Hà Tĩnh, Nghệ An" (a national document naming provinces):
 * each province's People's Committee. Returns the bytes read, 0 when s does
 * not open so.
 */
static size_t named_provinces(const struct extract_ctx *x, const char *s, size_t len,
			      struct strlist *out)
{
	struct words w = { 0 };
	size_t i, used = 0, from;

	words_make(&w, s, len, 20);
	if (!(x->agency_flags & AGENCY_NATIONAL) || !words_at(&w, 0, "dia phuong", &from) ||
	    from >= w.n)
		goto out;
	/* Pieces separated by commas and "và", each a province. */
	for (i = from; i < w.n;) {
		size_t j, best = 0;
		const char *prov = NULL;

		for (j = i + 1; j <= w.n && j <= i + 4; j++) {
			char *piece = xstrndup(s + w.v[i].start, w.v[j - 1].end - w.v[i].start);
			const char *p;
			size_t plen = strlen(piece);

			while (plen && strchr(",;", piece[plen - 1]))
				piece[--plen] = '\0';
			p = agency_province(piece);
			if (p && vi_fold_eq(p, piece)) {
				prov = p;
				best = j;
			}
			free(piece);
		}
		if (!prov)
			break;
		{
			char *ubnd = agency_province_ubnd(prov);

			strlist_push(out, ubnd);
			free(ubnd);
		}
		used = w.v[best - 1].end;
		i = best;
		if (i < w.n && !strcmp(w.v[i].key, "va"))
			i++;
	}
out:
	words_free(&w);
	return used;
}

/*
 * "Bộ Chỉ huy Quân sự tỉnh chỉ đạo lực lượng ...", "Đề nghị Ủy ban Mặt trận
 * Tổ quốc Việt Nam tỉnh ...", "Giao Sở Khoa học và Công nghệ ...": an item
 * that opens with the bodies that do it (after a request or assignment word)
 * names its lead. An item that opens with an action ("Tổ chức, thực hiện
 * ...") does not.
 */
static void lead_at_start(const struct extract_ctx *x, struct task *t)
{
	const char *s = t->text;
	struct words w = { 0 };
	size_t from = 0, k, m, len;

	words_make(&w, s, strlen(s), 30);
	if (!w.n)
		goto out;
	/* A request or an assignment word before the bodies is not theirs. */
	if (!words_at(&w, 0, "de nghi", &from) && !words_at(&w, 0, "giao", &from))
		from = 0;
	for (k = 0; k < ARRAY_SIZE(action_words); k++)
		if (words_at(&w, from, action_words[k], NULL))
			goto out;
	/* "Chủ trì, phối hợp với X ...": the lead is the heading's, X coordinates. */
	if (words_at(&w, from, "chu tri", NULL) || words_at(&w, from, "phoi hop", NULL))
		goto out;
	if (from >= w.n)
		goto out;
	s += w.v[from].start;
	len = strlen(s);
	/* "X phối hợp với Y ...", "X chủ trì ...": the lead list ends there. */
	{
		long ph = words_find(&w, from, "phoi hop"), ct = words_find(&w, from, "chu tri");
		long cut = ph >= 0 && (ct < 0 || ph < ct) ? ph : ct;

		if (cut > (long)from)
			len = w.v[cut].start - w.v[from].start;
	}
	if ((m = named_provinces(x, s, len, &t->lead)) != 0) {
		extract_note(x, t->line, "lead: provinces named at the start of the item");
		goto out;
	}
	m = known_list_len(x, s, len);
	/* One word is too little to tell a body from a verb ("Bố trí"). */
	if (m && m < len && memchr(s, ' ', m)) {
		char *list = xstrndup(s, m);

		if (agency_looks_like(x->agencies, list, x->agency_flags)) {
			take_agencies(x, t, s, m, false);
			extract_note(x, t->line, "lead: \"%s\" opens the item", list);
			coordinate_in_text(x, t);
		}
		free(list);
	}
out:
	words_free(&w);
}

/* Longest agency list or time phrase a field gathers over paragraphs. */
#define FIELD_MAX 1000

/*
 * Whether paragraph b carries on a short field (lead, coordinate, time,
 * place) rather than the task's text: always after a bare label and over
 * its list items ("- Đơn vị phối hợp:" then "+ Sở A", "+ Sở B"), else only a
 * wrapped line that goes on in lower case.
 */
static bool continues_field(const struct sb *field, const struct doc_block *b, bool fresh)
{
	if (field->len >= FIELD_MAX)
		return false;
	if (fresh)
		return true;
	return b->num == NUM_NONE && is_lower_start(b->text);
}

/*
 * "Chủ trì: Đồng chí Phó Chủ tịch Thường trực UBND tỉnh", "Chủ trì: Đồng chí
 * Thứ trưởng phụ trách": a person leads, so the lead is the office they hold
 * it in, the body named after the title or else the issuing body itself;
 * the person's name, when given, is the leader. The lead is then doubtful.
 */
static bool person_lead(const struct extract_ctx *x, struct task *t, const char *cell)
{
	size_t n = agency_title_len(cell);
	const char *rest = cell + n;
	char *name;

	if (!n)
		return false;
	while (*rest == ' ' || *rest == ',')
		rest++;
	if (!*rest || !agency_looks_like(x->agencies, rest, x->agency_flags) ||
	    !agency_split(x->agencies, rest, x->agency_flags, &t->lead, &t->lead_groups, NULL)) {
		if (!x->plan->doc.issuer)
			return false;
		strlist_push(&t->lead, x->plan->doc.issuer);
	}
	if (!t->leader && (name = person_name(cell)) != NULL)
		t->leader = name;
	task_doubt(t, "lead");
	extract_note(x, t->line, "a person leads (\"%s\"): the lead is the office, %s", cell,
		     t->lead.n ? t->lead.v[0] : "?");
	return true;
}

/*
 * An item of the task ("- …") lost words under a stamp or seal
 * (doc_block.lost) and no label is left on it: the label may have been among them ("Đơn vị phối
 * hợp: Sở Công Thương" read "Đơn Thương"). Every field the task has no
 * labelled line for, while the document labels it elsewhere, is doubtful:
 * the lost line may have held it.
 */
static void doubt_lost_labels(const struct extract_ctx *x, struct task *t, const struct sb *buf,
			      int line)
{
	static const enum field fields[] = { F_LEAD, F_COORD, F_DUE, F_RESULT };
	bool seen[F_COUNT] = { false };
	size_t i, k, dist;

	for (i = 0; i < x->doc->blocks.n; i++) {
		const struct doc_block *b = &x->doc->blocks.v[i];
		enum field f;

		if (b->kind == BLOCK_PARA && b->label &&
		    (f = field_of_label(x, b->label, &dist)) != F_NONE)
			seen[f] = true;
	}
	for (k = 0; k < ARRAY_SIZE(fields); k++) {
		enum field f = fields[k];

		if (!seen[f] || buf[f].len)
			continue;
		task_doubt(t, f == F_DUE ? "due" : field_names[f]);
		extract_note(x, line, "words lost under a stamp on this line: no %s printed, doubtful",
			     f == F_DUE ? "due" : field_names[f]);
	}
}

static bool build_task(const struct extract_ctx *x, const struct outline *o, const struct node *n,
		       struct task *t)
{
	const struct doc *d = x->doc;
	const struct doc_block *head = &d->blocks.v[n->head];
	struct sb buf[F_COUNT];
	enum field cur = F_TEXT;
	size_t i, dist;
	enum part_kind kind = n->part >= 0 ? o->parts.v[n->part].kind : PART_NONE;
	bool head_lead = false, fresh = false;
	int lost_line = 0;

	for (i = 0; i < F_COUNT; i++)
		buf[i] = (struct sb)SB_INIT;
	t->line = head->line;
	t->ref = ref_of(o, n);
	t->section = section_of(d, o, n);
	if (n->kind == N_INFERRED || head->doubt ||
	    (n->parent >= 0 && o->nodes.v[n->parent].kind == N_INFERRED))
		task_doubt(t, "ref");
	if (n->agency_head) {
		const char *hb = head->body;

		head_lead = heading_agencies(x, t, hb) || parse_assignment(x, t, hb, strlen(hb), true);
	} else {
		add_piece(&buf[F_TEXT], node_heading(d, n), strlen(node_heading(d, n)));
	}
	for (i = n->head + 1; i < n->end && i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];
		enum field f;

		if (b->kind != BLOCK_PARA)
			continue;
		f = b->label ? field_of_label(x, b->label, &dist) : F_NONE;
		if (b->doubt && (f == F_NONE ? cur : f) != F_IGNORE) /* the reader is unsure (OCR) */
			task_doubt(t, field_names[f == F_NONE ? cur : f]);
		if (b->lost && f == F_NONE && b->num != NUM_NONE && !lost_line)
			lost_line = b->line;
		if (f != F_NONE) {
			cur = f;
			if ((dist > 1 || strstr(b->label, REPLACEMENT_CHAR)) && f != F_TEXT &&
			    f != F_IGNORE)
				task_doubt(t, field_names[f]);
			if (dist)
				extract_note(x, b->line, "label \"%s\" read as %s (%zu edits)", b->label,
					     field_names[f], dist);
			add_piece(&buf[f], b->value, strlen(b->value));
			fresh = !b->value[0];
			continue;
		}
		if (cur != F_TEXT && cur != F_RESULT && !continues_field(&buf[cur], b, fresh))
			cur = F_TEXT;
		add_piece(&buf[cur], piece_of(b), strlen(piece_of(b)));
		/* A bare label's list runs on over its list items. */
		fresh = fresh && (b->num == NUM_PLUS || b->num == NUM_DASH || b->num == NUM_BULLET);
	}
	if (lost_line)
		doubt_lost_labels(x, t, buf, lost_line);
	t->text = sb_detach(&buf[F_TEXT]);
	if (buf[F_RESULT].len)
		t->result = sb_detach(&buf[F_RESULT]);
	if (buf[F_LEAD].len && !person_lead(x, t, buf[F_LEAD].buf))
		take_agencies(x, t, buf[F_LEAD].buf, buf[F_LEAD].len, false);
	if (buf[F_COORD].len)
		take_agencies(x, t, buf[F_COORD].buf, buf[F_COORD].len, true);
	if (buf[F_DUE].len)
		take_due(x, t, buf[F_DUE].buf, buf[F_DUE].len);
	if (!buf[F_LEAD].len && !head_lead && !n->agency_head) {
		const char *h = node_heading(d, n);

		inline_assignment(x, t);
		if (!t->lead.n && !t->lead_groups.n && !buf[F_COORD].len && heading_assigns(x, h) &&
		    parse_assignment(x, t, h, strlen(h) > 600 ? 600 : strlen(h), false))
			extract_note(x, t->line, "lead read from the item's heading");
		if (!t->lead.n && !t->lead_groups.n && !buf[F_COORD].len)
			group_lead(x, o, n, t);
		if (!t->lead.n && !t->lead_groups.n && !buf[F_COORD].len)
			lead_at_start(x, t);
	}
	if (!buf[F_LEAD].len && !t->lead.n && !t->lead_groups.n)
		group_lead(x, o, n, t);
	else if (n->agency_head && !buf[F_COORD].len)
		coordinate_in_text(x, t);
	if (!t->due)
		due_in_text(x, t);
	head_lead = head_lead || buf[F_LEAD].len || t->lead.n || t->lead_groups.n;
	for (i = 0; i < F_COUNT; i++)
		sb_release(&buf[i]);
	if (kind != PART_CONTENT && !head_lead) {
		extract_note(x, t->line, "item %s outside the tasks part names no lead: not a task",
			     t->ref);
		return false;
	}
	if (!n->agency_head && points_to_appendix(t->text)) {
		extract_note(x, t->line, "item %s points to an appendix: not a task", t->ref);
		return false;
	}
	if (!t->text[0]) {
		extract_note(x, t->line, "item %s has no text: not a task", t->ref);
		return false;
	}
	return true;
}

void extract_prose(struct extract_ctx *x)
{
	struct outline o = { 0 };
	size_t i, made = 0;
	VEC(struct task) duties = { 0 };
	/* Tasks an assignment table gave already: the plan assigns there. */
	bool content_names = false, appendix = x->plan->tasks.n > 0;
	size_t content = 0;

	build_outline(x, &o);
	mark_agency_heads(x, &o);
	for (i = 0; i < o.nodes.n; i++) {
		const struct node *n = &o.nodes.v[i];
		struct task t = { 0 };

		if (n->group)
			continue;
		if (n->aside) {
			extract_note(x, x->doc->blocks.v[n->head].line,
				     "item %s lies in a goal, funding or organisation subsection",
				     n->path);
			continue;
		}
		if (!build_task(x, &o, n, &t)) {
			appendix = appendix || points_to_appendix(node_heading(x->doc, n));
			task_release(&t);
			continue;
		}
		if (n->part >= 0 && o.parts.v[n->part].kind == PART_DUTIES) {
			*VEC_PUSH(&duties) = t;
			continue;
		}
		content++;
		content_names = content_names || t.lead.n || t.lead_groups.n || t.coordinate.n ||
				t.coordinate_groups.n;
		*plan_add_task(x->plan) = t;
		made++;
	}
	/* "TỔ CHỨC THỰC HIỆN" assigns the work only when the content part's items
	 * are solutions without agencies (and do not send the reader to an
	 * appendix); else its blocks are standing duties. */
	for (i = 0; i < duties.n; i++) {
		if (content && !content_names && !appendix) {
			*plan_add_task(x->plan) = duties.v[i];
			made++;
			continue;
		}
		extract_note(x, duties.v[i].line,
			     "item %s: a standing duty (the content part assigns its tasks)",
			     duties.v[i].ref);
		task_release(&duties.v[i]);
	}
	free(duties.v);
	if (made)
		extract_note(x, 1, "prose: %zu tasks", made);
	outline_free(&o);
}
