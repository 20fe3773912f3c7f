/*
 * table.c - the table pass: assignment tables (one task per numbered row) and
 * indicator tables (one indicator per row), recognised by the meaning of their
 * header row, whatever its column order, spelling or OCR damage.
 *
 * Exported tables are damaged in known ways (see "Merged cells" in the spec):
 * a vertically merged cell is printed in its first row only, the header is
 * repeated at every page break, a row split across pages continues with an
 * empty number cell, and rows after a break may have their cells shifted into
 * the wrong column. So each cell is first checked against its column; when a
 * row holds a cell that cannot belong where it sits, every cell of that row is
 * read by what it is (a person, an official's title, a time phrase, an agency
 * list, a sentence), and empty cells take the value above. Every such decision
 * is reported through extract_note() and marks the field as doubtful.
 */
#include "base/compat.h"
#include "extract/extract.h"
#include "extract/agency.h"
#include "extract/number.h"
#include "extract/timeframe.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <utf8proc.h>

/* What a column holds, from its header. */
enum role {
	R_NONE, /* no header: a cell here was shifted */
	R_TT,
	R_TEXT, /* task text or indicator name */
	R_LEADER,
	R_SUPERVISOR,
	R_LEAD,
	R_COORD,
	R_TIME,
	R_RESULT,
	R_UNIT,
	R_TARGET,
	R_NOTE, /* a named column nobody reads: "Ghi chú", "Kinh phí" */
	R_COUNT
};

static const char *const role_names[R_COUNT] = {
	"(unnamed)", "TT", "text", "leader", "supervisor", "lead", "coordinate",
	"time", "result", "unit", "target", "note",
};

enum table_kind { T_OTHER, T_ASSIGN, T_INDICATOR };

/* The column layout read from a header row. */
struct layout {
	enum table_kind kind;
	enum role *roles; /* per column */
	size_t ncols;
	int col[R_COUNT]; /* first column of each role, -1 when absent */
};

/* ---------------------------------------------------------------- keys */

#define MAX_WORDS 48

struct words {
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t n;
};

static void split_words(const char *s, struct words *out)
{
	out->n = 0;
	while (*s && out->n < MAX_WORDS) {
		size_t n = 0;

		while (*s == ' ')
			s++;
		while (s[n] && s[n] != ' ')
			n++;
		if (!n)
			break;
		out->w[out->n] = s;
		out->len[out->n++] = n;
		s += n;
	}
}

/* Edits between two words, up to max + 1; short words must match. */
static size_t word_dist(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	if (!max || alen < 3 || blen < 3)
		return max + 1;
	return edit_distance(a, alen, b, blen, max);
}

/*
 * True when the folded key holds phrase (folded words) as consecutive words.
 * A phrase of seven letters or more may carry one OCR error ("phoi hqp",
 * "thoi glan"); shorter ones must be exact.
 */
static bool key_has(const struct words *kw, const char *phrase)
{
	struct words pw;
	size_t i, j, letters = 0, budget, used;

	split_words(phrase, &pw);
	if (!pw.n || pw.n > kw->n)
		return false;
	for (j = 0; j < pw.n; j++)
		letters += pw.len[j];
	budget = letters >= 7 ? 1 : 0;
	for (i = 0; i + pw.n <= kw->n; i++) {
		used = 0;
		for (j = 0; j < pw.n && used <= budget; j++)
			used += word_dist(kw->w[i + j], kw->len[i + j], pw.w[j], pw.len[j],
					  budget - used);
		if (j == pw.n && used <= budget)
			return true;
	}
	return false;
}

static bool key_has_any(const struct words *kw, const char *const *phrases)
{
	for (; *phrases; phrases++)
		if (key_has(kw, *phrases))
			return true;
	return false;
}

/* ---------------------------------------------------------------- header */

static const char *const k_supervisor[] = { "kiem tra", "don doc", "tham muu to chuc", NULL };
static const char *const k_coord[] = { "phoi hop", NULL };
static const char *const k_leader[] = { "lanh dao", NULL };
static const char *const k_lead[] = { "chu tri", "chiu trach nhiem", "don vi thuc hien",
				      "co quan thuc hien", "don vi dau moi", "co quan tham muu",
				      "don vi tham muu", "co quan phu trach", "don vi phu trach",
				      NULL };
static const char *const k_person[] = { "phu trach", "nguoi chi dao", NULL };
static const char *const k_time[] = { "thoi gian", "thoi han", "tien do", NULL };
static const char *const k_result[] = { "ket qua", "san pham", NULL };
static const char *const k_unit[] = { "don vi tinh", "dvt", NULL };
static const char *const k_target[] = { "ke hoach", "muc tieu", NULL };
static const char *const k_text[] = { "nhiem vu", "noi dung", "cong viec", "hoat dong",
				      "chi tieu", "ten", "danh muc", "de an", "giai phap", NULL };
static const char *const k_note[] = { "ghi chu", NULL };

static bool has_year(const struct words *kw)
{
	size_t i;

	for (i = 0; i < kw->n; i++)
		if (kw->len[i] == 4 && kw->w[i][0] == '2' && isdigit((unsigned char)kw->w[i][1]) &&
		    isdigit((unsigned char)kw->w[i][2]) && isdigit((unsigned char)kw->w[i][3]))
			return true;
	return false;
}

/* The role a header cell names; *indicator set when it says "Chỉ tiêu". */
static enum role header_role(const char *text, bool *indicator)
{
	struct sb key = SB_INIT;
	struct words kw;
	enum role r = R_NONE;

	if (strlen(text) > 240)
		return R_NONE;
	vi_fold(&key, text, strlen(text), VI_FOLD_PUNCT);
	split_words(key.buf, &kw);
	if (!kw.n)
		goto out;
	if ((kw.n == 1 && (strcmp(key.buf, "tt") == 0 || strcmp(key.buf, "stt") == 0)) ||
	    strcmp(key.buf, "so tt") == 0 || strcmp(key.buf, "so thu tu") == 0)
		r = R_TT;
	else if (key_has_any(&kw, k_supervisor))
		r = R_SUPERVISOR;
	else if (key_has_any(&kw, k_coord))
		r = R_COORD;
	else if (key_has_any(&kw, k_leader))
		r = R_LEADER;
	else if (key_has_any(&kw, k_lead))
		r = R_LEAD;
	else if (key_has_any(&kw, k_person))
		r = R_LEADER;
	else if (key_has_any(&kw, k_time))
		r = R_TIME;
	else if (key_has_any(&kw, k_result))
		r = R_RESULT;
	else if (key_has_any(&kw, k_unit))
		r = R_UNIT;
	else if (key_has(&kw, "chi tieu") && (key_has_any(&kw, k_target) || has_year(&kw)))
		r = R_TARGET; /* "Chỉ tiêu kế hoạch năm 2026": the figure */
	else if (key_has(&kw, "chi tieu")) {
		r = R_TEXT;
		*indicator = true;
	} else if (key_has_any(&kw, k_target))
		r = R_TARGET;
	else if (key_has_any(&kw, k_note))
		r = R_NOTE;
	else if (kw.n <= 6 && key_has_any(&kw, k_text))
		r = R_TEXT;
out:
	sb_release(&key);
	return r;
}

static void layout_release(struct layout *l)
{
	free(l->roles);
	memset(l, 0, sizeof(*l));
}

/*
 * Reads row as a header. Returns the table kind it announces (T_OTHER when
 * it is no header) and, when lay is not NULL, the layout.
 */
static enum table_kind read_header(const struct doc_row *row, struct layout *lay)
{
	enum role *roles = xcalloc(row->cells.n + 1, sizeof(*roles));
	int col[R_COUNT];
	bool indicator = false;
	size_t i, named = 0, fields = 0;
	enum table_kind kind = T_OTHER;

	for (i = 0; i < R_COUNT; i++)
		col[i] = -1;
	for (i = 0; i < row->cells.n; i++) {
		enum role r = header_role(row->cells.v[i].text, &indicator);

		roles[i] = r;
		if (r == R_NONE)
			continue;
		named++;
		if (col[r] < 0)
			col[r] = (int)i;
	}
	for (i = R_LEADER; i <= R_RESULT; i++)
		fields += col[i] >= 0;
	if (indicator && col[R_TEXT] >= 0 && (col[R_UNIT] >= 0 || col[R_TARGET] >= 0))
		kind = T_INDICATOR;
	else if (col[R_TEXT] >= 0 && fields >= 2 && named >= 3)
		kind = T_ASSIGN;
	if (kind != T_OTHER && lay) {
		/* A named column nobody reads ("Kinh phí", "Địa điểm") holds
		 * its own cells: they are not shifted ones. */
		for (i = 0; i < row->cells.n; i++)
			if (roles[i] == R_NONE && row->cells.v[i].text[0])
				roles[i] = R_NOTE;
		lay->kind = kind;
		lay->roles = roles;
		lay->ncols = row->cells.n;
		memcpy(lay->col, col, sizeof(col));
		roles = NULL;
	}
	free(roles);
	return kind;
}

static enum role role_at(const struct layout *l, size_t c)
{
	return c < l->ncols ? l->roles[c] : R_NONE;
}

/* The header printed again at a page break: at least three cells name the
 * role their column has (a data row rarely does by chance). */
static bool is_repeat_header(const struct layout *l, const struct doc_row *row)
{
	bool indicator = false;
	size_t i, same = 0;

	for (i = 0; i < row->cells.n && i < l->ncols; i++) {
		enum role r;

		if (!row->cells.v[i].text[0] || l->roles[i] == R_NONE)
			continue;
		r = header_role(row->cells.v[i].text, &indicator);
		if (r == R_NONE && l->roles[i] == R_NOTE)
			continue;
		if (r != l->roles[i])
			return false;
		same++;
	}
	return same >= 3 || (same >= 2 && same == l->ncols);
}

static const char *cell_at(const struct doc_row *row, int c)
{
	return c >= 0 && (size_t)c < row->cells.n ? row->cells.v[c].text : "";
}

/* The length of s cut to at most max bytes on a character boundary, for
 * quoting cells in explain notes. */
static int clip(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return (int)n;
	n = max;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* ---------------------------------------------------------------- labels */

/* "IV", "IV.", "IV)" -> true. */
static bool is_roman(const char *s)
{
	size_t n = 0;

	for (; *s && *s != '.' && *s != ')'; s++, n++)
		if (!strchr("IVXLC", *s)) /* lower case is a letter: "c)" */
			return false;
	if (*s && s[1])
		return false;
	return n > 0 && n <= 7;
}

/*
 * A roman number as OCR misreads it: I as l, 1 or |, II as H or U ("ll",
 * "11" also). Writes the repaired number into out and returns true when tt
 * is made only of such strokes (with V and X as printed).
 */
static bool ocr_roman(const char *tt, char *out, size_t outlen)
{
	size_t n = 0;
	const char *s;

	for (s = tt; *s && *s != '.' && *s != ')'; s++) {
		const char *add = *s == 'H' || *s == 'U' ? "II"
				  : strchr("Il1|!", *s) ? "I"
				  : *s == 'V' ? "V" : *s == 'X' ? "X" : NULL;

		if (!add || n + strlen(add) + 1 > outlen)
			return false;
		memcpy(out + n, add, strlen(add));
		n += strlen(add);
	}
	if (*s && s[1])
		return false;
	out[n] = '\0';
	return n > 0 && n <= 7;
}

/* "a", "b)", "đ." -> true: a lettered sub-item. */
static bool is_letter(const char *s)
{
	size_t n = strlen(s);

	if (n && (s[n - 1] == ')' || s[n - 1] == '.'))
		n--;
	if (n == 1)
		return islower((unsigned char)s[0]) != 0;
	return n == 2 && memcmp(s, "đ", 2) == 0;
}

/* "3", "3.1", "3.4.", "2)" -> true. */
static bool is_arabic(const char *s)
{
	bool digit = false;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digit = true;
		else if (*s != '.' && *s != ')')
			return false;
	}
	return digit;
}

/* The label without trailing dots and brackets: "3.4." -> "3.4". */
static char *clean_label(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '.' || s[n - 1] == ')' || s[n - 1] == ' '))
		n--;
	return xstrndup(s, n);
}

/*
 * A number cell that also holds the title ("II CÁC CHỈ TIÊU …", a cell merge
 * lost in export): returns the length of the roman label, or 0.
 */
static size_t roman_prefix(const char *s)
{
	size_t n = 0;

	while (s[n] && strchr("IVXLC", s[n]))
		n++;
	if (!n || n > 7 || s[n] != ' ' || !s[n + 1])
		return 0;
	return n;
}

static bool is_marker(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "+") == 0 || strcmp(s, "–") == 0 ||
	       strcmp(s, "—") == 0 || strcmp(s, "*") == 0 || strcmp(s, "•") == 0;
}

static bool row_empty(const struct doc_row *row)
{
	size_t i;

	for (i = 0; i < row->cells.n; i++)
		if (row->cells.v[i].text[0])
			return false;
	return true;
}

/* "(1) (2) (3) …" or "1 2 3 …": the column numbering row under a header. */
static bool is_numbering_row(const struct doc_row *row)
{
	size_t i, n = 0;

	for (i = 0; i < row->cells.n; i++) {
		const char *s = row->cells.v[i].text;
		char *end;
		long v;

		if (!*s)
			continue;
		if (*s == '(')
			s++;
		v = strtol(s, &end, 10);
		if (end == s || (*end && strcmp(end, ")") != 0) || v != (long)(n + 1))
			return false;
		n++;
	}
	return n >= 3;
}

/* True when no cell but those of the given columns holds text. */
static bool only_cells(const struct doc_row *row, int a, int b)
{
	size_t i;

	for (i = 0; i < row->cells.n; i++)
		if ((int)i != a && (int)i != b && row->cells.v[i].text[0])
			return false;
	return true;
}

static char *join_path(const char *prefix, const char *label)
{
	struct sb sb = SB_INIT;

	if (prefix && *prefix) {
		sb_adds(&sb, prefix);
		if (label && *label)
			sb_addc(&sb, '.');
	}
	if (label)
		sb_adds(&sb, label);
	return sb_detach(&sb);
}

static void append_text(char **slot, const char *s)
{
	struct sb sb = SB_INIT;

	if (!s || !*s)
		return;
	if (*slot && **slot) {
		sb_adds(&sb, *slot);
		sb_addc(&sb, ' ');
	}
	sb_adds(&sb, s);
	free(*slot);
	*slot = sb_detach(&sb);
}

/* ---------------------------------------------------------------- cells */

enum ctype { C_EMPTY, C_PERSON, C_SUPERVISOR, C_TIME, C_AGENCY, C_TEXT };

static const char *const ctype_names[] = { "empty", "person", "official", "time phrase",
					   "agency list", "text" };

static bool has_person(const char *s)
{
	char *p = person_name(s);
	bool yes = p != NULL;

	free(p);
	return yes;
}

static bool is_time(const char *s)
{
	return timeframe_is_phrase(s, strlen(s));
}

/*
 * A sentence, not a list: some stretch between commas runs on for more
 * words than any body's name ("Ký kết hợp tác chiến lược với 02 trường đại
 * học lớn …" names a school but is a result).
 */
static bool is_sentence(const char *s)
{
	size_t run = 0;
	bool in = false;

	for (; *s; s++) {
		if (*s == ',' || *s == ';') {
			run = 0;
			in = false;
		} else if (*s == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			if (++run > 13)
				return true;
		}
	}
	return false;
}

/* What a cell is, read without regard to its column. */
static enum ctype cell_type(const struct extract_ctx *x, const char *s)
{
	if (!*s)
		return C_EMPTY;
	if (is_time(s))
		return C_TIME;
	if (supervisor_looks_like(s))
		return has_person(s) ? C_PERSON : C_SUPERVISOR;
	if (has_person(s))
		return C_PERSON;
	if (!is_sentence(s) && agency_looks_like(x->agencies, s, x->agency_flags))
		return C_AGENCY;
	return C_TEXT;
}

/* True when a cell can belong to the column it sits in. */
static bool cell_fits(const struct extract_ctx *x, enum role r, const char *s)
{
	bool official;

	switch (r) {
	case R_TT:
	case R_TEXT:
	case R_NOTE:
		return true;
	case R_NONE:
		return false;
	case R_LEADER:
		if (is_time(s))
			return false;
		return has_person(s) || supervisor_looks_like(s) ||
		       !agency_looks_like(x->agencies, s, x->agency_flags);
	case R_SUPERVISOR:
		if (is_time(s))
			return false;
		if (supervisor_looks_like(s))
			return true;
		return !has_person(s) && !agency_looks_like(x->agencies, s, x->agency_flags);
	case R_LEAD:
	case R_COORD:
		if (is_time(s))
			return false;
		official = supervisor_looks_like(s);
		return !official && !has_person(s);
	case R_TIME:
		if (is_time(s))
			return true;
		return !supervisor_looks_like(s) && !has_person(s) &&
		       !agency_looks_like(x->agencies, s, x->agency_flags);
	case R_RESULT:
		return !is_time(s) && !has_person(s);
	default:
		return true;
	}
}

/* How much an agency list reads like a lead (lower) rather than a list of
 * coordinating bodies: collective phrases and long lists coordinate. */
static size_t coord_weight(const struct extract_ctx *x, const char *s)
{
	struct strlist bodies = { 0 }, groups = { 0 };
	size_t w;

	agency_split(x->agencies, s, x->agency_flags, &bodies, &groups, NULL);
	w = bodies.n + 10 * groups.n;
	strlist_release(&bodies);
	strlist_release(&groups);
	return w;
}

/* ---------------------------------------------------------------- assignment */

/* The fields of one assignment row, as cell texts (pointers into the doc). */
enum field { F_LEADER, F_SUPERVISOR, F_LEAD, F_COORD, F_TIME, F_RESULT, F_COUNT };

static const char *const field_names[F_COUNT] = { "leader", "supervisor", "lead",
						   "coordinate", "due", "result" };

struct row_fields {
	const char *v[F_COUNT];
	bool moved[F_COUNT];
	bool covered[F_COUNT]; /* the cell is under a known vertical merge */
	int src[F_COUNT]; /* column + 1 the value came from; -1: several */
	bool conflict; /* a cell was left out */
	bool clean_shift; /* every cell moved by one offset: no doubt */
	struct sb result; /* several text cells of a shifted row */
	struct sb coord; /* several agency lists of a shifted row */
};

/* Values carried down to rows whose merged cells were lost. */
struct carry {
	char *leader;
	char *supervisor;
	struct strlist lead, lead_groups;
	struct due *due;
	int line[F_COUNT];
	unsigned sec[F_COUNT];
};

struct assign {
	struct extract_ctx *x;
	const struct layout *lay;
	char *roman, *roman_title;
	char *group, *group_title;
	unsigned section; /* bumped at every section row */
	unsigned seq; /* rows numbered so far in a table without a TT column */
	char *num; /* label of the last numbered task, parent of "a)" and "-" rows */
	unsigned sub; /* "-" rows under it so far */
	bool merges; /* the table knows its vertical merges: no guessing */
	/* The last task's text and result while continuation rows add to
	 * them (built here so that many rows cost linear time). */
	struct sb more_text, more_result;
	bool pending;
	struct carry carry;
	size_t last; /* index of the last task + 1; 0: none */
	unsigned last_inherited; /* bit per field */
};

static void carry_release(struct carry *c)
{
	free(c->leader);
	free(c->supervisor);
	strlist_release(&c->lead);
	strlist_release(&c->lead_groups);
	due_free(c->due);
	memset(c, 0, sizeof(*c));
}

static void assign_release(struct assign *a)
{
	sb_release(&a->more_text);
	sb_release(&a->more_result);
	free(a->roman);
	free(a->roman_title);
	free(a->group);
	free(a->group_title);
	free(a->num);
	carry_release(&a->carry);
}

static enum field role_field(enum role r)
{
	switch (r) {
	case R_LEADER: return F_LEADER;
	case R_SUPERVISOR: return F_SUPERVISOR;
	case R_LEAD: return F_LEAD;
	case R_COORD: return F_COORD;
	case R_TIME: return F_TIME;
	case R_RESULT: return F_RESULT;
	default: return F_COUNT;
	}
}

static bool row_shifted(const struct assign *a, const struct doc_row *row)
{
	size_t i;

	for (i = 0; i < row->cells.n; i++) {
		const char *s = row->cells.v[i].text;

		if (*s && !cell_fits(a->x, role_at(a->lay, i), s))
			return true;
	}
	return false;
}

static void place(struct row_fields *f, enum field k, const char *s)
{
	if (!f->v[k])
		f->v[k] = s;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		if (*s == ' ')
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

static void set_src(struct row_fields *f, enum field k, size_t col)
{
	f->src[k] = f->src[k] ? -1 : (int)col + 1;
}

/* Reads a shifted row's cells by what they are. */
static void place_by_type(struct assign *a, const struct doc_row *row, struct row_fields *f)
{
	struct extract_ctx *x = a->x;
	size_t i, nag = 0, ag[8], best = 0, bestw = (size_t)-1;

	for (i = 0; i < row->cells.n; i++) {
		const char *s = row->cells.v[i].text;
		enum role r = role_at(a->lay, i);
		enum field k = F_COUNT;
		enum ctype t;

		if (!*s || r == R_TT || r == R_TEXT || r == R_NOTE)
			continue;
		t = cell_type(x, s);
		if (r == R_LEADER && t == C_SUPERVISOR)
			t = C_PERSON; /* a leader's title without a name */
		switch (t) {
		case C_PERSON: k = F_LEADER; break;
		case C_SUPERVISOR: k = F_SUPERVISOR; break;
		case C_TIME: k = F_TIME; break;
		case C_AGENCY:
			if (nag < ARRAY_SIZE(ag))
				ag[nag++] = i;
			continue;
		default:
			/* Sentences in the lead or coordination column are
			 * bodies the registry does not know. */
			if ((r == R_LEAD || r == R_COORD) && !is_sentence(s)) {
				if (nag < ARRAY_SIZE(ag))
					ag[nag++] = i;
				continue;
			}
			/* A short text under an official's column is a title
			 * the word lists do not know, not a result. */
			k = (r == R_LEADER || r == R_SUPERVISOR) && count_words(s) <= 12 ?
				    role_field(r) : F_RESULT;
			break;
		}
		if (k == F_RESULT) {
			if (f->result.len)
				sb_addc(&f->result, ' ');
			sb_adds(&f->result, s);
			f->v[F_RESULT] = f->result.buf;
		} else if (f->v[k]) {
			extract_note(x, row->line, "cell \"%.*s\" (%s) left out: the row already has one",
				     clip(s, 80), s, ctype_names[t]);
			f->conflict = true;
			continue;
		} else {
			f->v[k] = s;
		}
		set_src(f, k, i);
		f->moved[k] = role_field(r) != k;
		if (f->moved[k])
			extract_note(x, row->line, "cell \"%.*s\" in column %s read as %s (%s)", clip(s, 80), s,
				     role_names[r], field_names[k], ctype_names[t]);
	}
	if (!nag)
		return;
	/* One list in place stays; else the shortest, most specific list
	 * leads and the others coordinate. */
	if (nag == 1) {
		enum role r = role_at(a->lay, ag[0]);
		const char *s = row->cells.v[ag[0]].text;
		enum field k;

		if (r == R_LEAD || r == R_COORD)
			k = role_field(r);
		else
			k = coord_weight(x, s) >= 3 ? F_COORD : F_LEAD;
		place(f, k, s);
		set_src(f, k, ag[0]);
		f->moved[k] = role_field(r) != k;
		if (f->moved[k])
			extract_note(x, row->line, "cell \"%.*s\" in column %s read as %s", clip(s, 80), s,
				     role_names[r], field_names[k]);
		return;
	}
	for (i = 0; i < nag; i++) {
		size_t w = coord_weight(x, row->cells.v[ag[i]].text);

		if (role_at(a->lay, ag[i]) == R_LEAD)
			w = 0;
		if (w < bestw) {
			bestw = w;
			best = i;
		}
	}
	for (i = 0; i < nag; i++) {
		enum field k = i == best ? F_LEAD : F_COORD;
		enum role r = role_at(a->lay, ag[i]);
		const char *s = row->cells.v[ag[i]].text;

		if (k == F_COORD) {
			/* Several coordination lists: one list. */
			if (f->coord.len)
				sb_adds(&f->coord, ", ");
			sb_adds(&f->coord, s);
			f->v[k] = f->coord.buf;
		} else {
			f->v[k] = s;
		}
		set_src(f, k, ag[i]);
		f->moved[k] = role_field(r) != k;
		if (f->moved[k])
			extract_note(x, row->line, "cell \"%.*s\" in column %s read as %s", clip(s, 80), s,
				     role_names[r], field_names[k]);
	}
}

static const enum role field_role[F_COUNT] = { R_LEADER, R_SUPERVISOR, R_LEAD, R_COORD,
					       R_TIME, R_RESULT };

/*
 * A row whose cells all slid by the same number of columns (the export
 * dropped or added empty cells before them) is read back with confidence;
 * a row whose cells went different ways is a guess.
 */
static bool is_clean_shift(const struct assign *a, const struct row_fields *f)
{
	int k, delta = 0, n = 0;

	if (f->conflict)
		return false;
	for (k = 0; k < F_COUNT; k++) {
		int col = a->lay->col[field_role[k]], d;

		if (!f->v[k])
			continue;
		if (f->src[k] <= 0 || col < 0)
			return false;
		d = f->src[k] - 1 - col;
		if (!d || (n && d != delta))
			return false;
		delta = d;
		n++;
	}
	return n >= 2;
}

static void read_fields(struct assign *a, const struct doc_row *row, struct row_fields *f,
			bool *shifted)
{
	size_t i;

	*shifted = !a->merges && row_shifted(a, row);
	if (*shifted) {
		place_by_type(a, row, f);
		f->clean_shift = is_clean_shift(a, f);
		if (f->clean_shift)
			extract_note(a->x, row->line, "row shifted by whole columns: read back");
		return;
	}
	for (i = 0; i < row->cells.n; i++) {
		enum field k = role_field(role_at(a->lay, i));

		if (k == F_COUNT)
			continue;
		if (row->cells.v[i].covered)
			f->covered[k] = true;
		if (row->cells.v[i].text[0])
			place(f, k, row->cells.v[i].text);
	}
}

static void set_due(struct extract_ctx *x, struct task *t, const char *s, int line)
{
	struct due *d = timeframe_parse(s, strlen(s), x->year);

	due_free(t->due);
	t->due = d;
	if (!d) {
		extract_note(x, line, "time cell \"%.*s\" holds no time phrase", clip(s, 80), s);
		t->due = due_new(s);
		task_doubt(t, "due");
	}
}

/* Copies the row's own values into the task. */
static void fill_task(struct assign *a, struct task *t, const struct row_fields *f, int line)
{
	struct extract_ctx *x = a->x;
	int k;

	if (f->v[F_LEADER]) {
		free(t->leader);
		t->leader = person_name(f->v[F_LEADER]);
		if (!t->leader) {
			extract_note(x, line, "leader cell \"%.*s\" names no person",
				     clip(f->v[F_LEADER], 60), f->v[F_LEADER]);
			task_doubt(t, "leader");
		}
	}
	if (f->v[F_SUPERVISOR]) {
		free(t->supervisor);
		t->supervisor = supervisor_canonical(x->agencies, f->v[F_SUPERVISOR], x->agency_flags);
	}
	if (f->v[F_LEAD]) {
		strlist_release(&t->lead);
		strlist_release(&t->lead_groups);
		agency_split(x->agencies, f->v[F_LEAD], x->agency_flags, &t->lead, &t->lead_groups,
			     NULL);
	}
	if (f->v[F_COORD])
		agency_split(x->agencies, f->v[F_COORD], x->agency_flags, &t->coordinate,
			     &t->coordinate_groups, NULL);
	if (f->v[F_TIME])
		set_due(x, t, f->v[F_TIME], line);
	if (f->v[F_RESULT])
		append_text(&t->result, f->v[F_RESULT]);
	for (k = 0; k < F_COUNT && !f->clean_shift; k++)
		if (f->moved[k] && f->v[k])
			task_doubt(t, k == F_TIME ? "due" : field_names[k]);
}

/* Remembers the row's own values for the rows below, whether or not the
 * task took them (a continuation row's merged cells go on downwards). */
static void carry_from(struct assign *a, const struct row_fields *f, int line)
{
	struct extract_ctx *x = a->x;
	struct carry *c = &a->carry;
	char *s;
	struct due *d;

	if (f->v[F_LEADER] && (s = person_name(f->v[F_LEADER]))) {
		free(c->leader);
		c->leader = s;
		c->line[F_LEADER] = line;
		c->sec[F_LEADER] = a->section;
	}
	if (f->v[F_SUPERVISOR] &&
	    (s = supervisor_canonical(x->agencies, f->v[F_SUPERVISOR], x->agency_flags))) {
		free(c->supervisor);
		c->supervisor = s;
		c->line[F_SUPERVISOR] = line;
		c->sec[F_SUPERVISOR] = a->section;
	}
	if (f->v[F_LEAD]) {
		strlist_release(&c->lead);
		strlist_release(&c->lead_groups);
		agency_split(x->agencies, f->v[F_LEAD], x->agency_flags, &c->lead, &c->lead_groups,
			     NULL);
		c->line[F_LEAD] = line;
		c->sec[F_LEAD] = a->section;
	}
	if (f->v[F_TIME] && (d = timeframe_parse(f->v[F_TIME], strlen(f->v[F_TIME]), x->year))) {
		due_free(c->due);
		c->due = d;
		c->line[F_TIME] = line;
		c->sec[F_TIME] = a->section;
	}
}

/* Fills the task's empty merged fields from the rows above. */
static unsigned inherit(struct assign *a, struct task *t, const struct row_fields *f, int line)
{
	struct carry *c = &a->carry;
	unsigned mask = 0;
	int k;

	for (k = F_LEADER; k <= F_TIME; k++) {
		bool have = false;

		if (k == F_COORD || f->v[k])
			continue;
		/* With merges known, only a covered cell takes the value above;
		 * an empty one is empty. */
		if (a->merges && !f->covered[k])
			continue;
		switch (k) {
		case F_LEADER:
			if ((have = c->leader != NULL))
				str_set(&t->leader, c->leader);
			break;
		case F_SUPERVISOR:
			if ((have = c->supervisor != NULL))
				str_set(&t->supervisor, c->supervisor);
			break;
		case F_LEAD:
			if ((have = c->lead.n + c->lead_groups.n > 0)) {
				strlist_copy(&t->lead, &c->lead);
				strlist_copy(&t->lead_groups, &c->lead_groups);
			}
			break;
		case F_TIME:
			if ((have = c->due != NULL))
				t->due = due_dup(c->due);
			break;
		}
		if (!have)
			continue;
		mask |= 1u << k;
		extract_note(a->x, line, "%s inherited from line %d", field_names[k], c->line[k]);
		/* A value carried over a section title is a guess. */
		if (c->sec[k] != a->section)
			task_doubt(t, k == F_TIME ? "due" : field_names[k]);
	}
	return mask;
}

static void set_section(struct assign *a, const char *label, const char *title, bool roman,
			int line)
{
	if (roman) {
		str_set(&a->roman, label);
		str_set(&a->roman_title, title);
		free(a->group);
		free(a->group_title);
		a->group = a->group_title = NULL;
	} else {
		str_set(&a->group, label);
		str_set(&a->group_title, title);
	}
	a->section++;
	a->seq = 0;
	free(a->num);
	a->num = NULL;
	extract_note(a->x, line, "section %s%s%s", label ? label : "", label ? " " : "", title);
}

/* The label of the next numbered row after row i, or "". */
static const char *next_label(const struct assign *a, const struct doc_table *tb, size_t i)
{
	for (i++; i < tb->rows.n; i++) {
		const char *tt = cell_at(&tb->rows.v[i], a->lay->col[R_TT]);

		if (*tt)
			return tt;
	}
	return "";
}

static bool starts_with_label(const char *s, const char *label)
{
	size_t n = strlen(label);

	return n && strncmp(s, label, n) == 0 && s[n] == '.' && isdigit((unsigned char)s[n + 1]);
}

/* Section rows: "I <title>", a bold group title, a group whose items follow. */
static bool try_section(struct assign *a, const struct doc_table *tb, size_t i)
{
	const struct doc_row *row = &tb->rows.v[i];
	int ctt = a->lay->col[R_TT], ctx = a->lay->col[R_TEXT];
	const char *tt = cell_at(row, ctt), *title = cell_at(row, ctx);
	bool bold = (ctx >= 0 && (size_t)ctx < row->cells.n && row->cells.v[ctx].bold && *title) ||
		    (ctt >= 0 && (size_t)ctt < row->cells.n && row->cells.v[ctt].bold && *tt);
	size_t rp;
	char *label;

	if (!only_cells(row, ctt, ctx))
		return false;
	if (*tt && !*title && (rp = roman_prefix(tt))) {
		char *lab = xstrndup(tt, rp);

		set_section(a, lab, tt + rp + 1, true, row->line);
		free(lab);
		return true;
	}
	if (!*title && *tt && !is_arabic(tt) && !is_marker(tt) && !is_roman(tt)) {
		/* A title that slid into the number column. */
		set_section(a, NULL, tt, false, row->line);
		return true;
	}
	if (!*title)
		return false;
	if (is_roman(tt)) {
		label = clean_label(tt);
		set_section(a, label, title, true, row->line);
		free(label);
		return true;
	}
	if (a->x->ocr) {
		char fixed[16];

		if (ocr_roman(tt, fixed, sizeof(fixed))) {
			extract_note(a->x, row->line, "OCR section number \"%s\" read as %s", tt, fixed);
			set_section(a, fixed, title, true, row->line);
			return true;
		}
	}
	if (!*tt) {
		if (!bold)
			return false;
		set_section(a, NULL, title, false, row->line);
		return true;
	}
	label = clean_label(tt);
	if (bold || starts_with_label(next_label(a, tb, i), label)) {
		set_section(a, label, title, false, row->line);
		free(label);
		return true;
	}
	free(label);
	return false;
}

static bool task_has(const struct task *t, enum field k)
{
	switch (k) {
	case F_LEADER: return t->leader != NULL;
	case F_SUPERVISOR: return t->supervisor != NULL;
	case F_LEAD: return t->lead.n + t->lead_groups.n > 0;
	case F_TIME: return t->due != NULL;
	default: return false;
	}
}

static void add_words(struct sb *sb, const char *s)
{
	if (!s || !*s)
		return;
	if (sb->len)
		sb_addc(sb, ' ');
	sb_adds(sb, s);
}

/* Writes the continued text and result back into the last task. */
static void flush_pending(struct assign *a)
{
	struct task *t;

	if (!a->pending)
		return;
	t = &a->x->plan->tasks.v[a->last - 1];
	free(t->text);
	t->text = xstrdup(a->more_text.buf);
	free(t->result);
	t->result = a->more_result.len ? xstrdup(a->more_result.buf) : NULL;
	a->pending = false;
}

/* A row with an empty number cell: the previous row, continued. */
static void continue_task(struct assign *a, const struct doc_row *row)
{
	struct row_fields f = { 0 }, own;
	struct task *t = &a->x->plan->tasks.v[a->last - 1];
	const char *text = cell_at(row, a->lay->col[R_TEXT]);
	bool shifted;
	int k;

	read_fields(a, row, &f, &shifted);
	own = f;
	if (!a->pending) {
		sb_reset(&a->more_text);
		sb_reset(&a->more_result);
		sb_adds(&a->more_text, t->text ? t->text : "");
		sb_adds(&a->more_result, t->result ? t->result : "");
		a->pending = true;
	}
	add_words(&a->more_text, text);
	if (f.v[F_RESULT]) {
		add_words(&a->more_result, f.v[F_RESULT]);
		f.v[F_RESULT] = NULL;
	}
	if (f.v[F_COORD] && t->coordinate.n + t->coordinate_groups.n > 64) {
		extract_note(a->x, row->line, "coordination list too long: row's bodies left out");
		f.v[F_COORD] = NULL;
	}
	extract_note(a->x, row->line, "row continues task %s", t->ref ? t->ref : "?");
	/* The task's own values stay; those it only inherited give way. */
	for (k = F_LEADER; k <= F_TIME; k++) {
		if (k == F_COORD || !f.v[k])
			continue;
		if (task_has(t, k) && !(a->last_inherited & (1u << k)))
			f.v[k] = NULL;
		else if (task_has(t, k))
			a->last_inherited &= ~(1u << k);
	}
	fill_task(a, t, &f, row->line);
	carry_from(a, &own, row->line);
	sb_release(&f.result);
	sb_release(&f.coord);
}

/* The row's own label: "3.4." -> "3.4"; a lettered or dashed sub-item
 * hangs under the last numbered task ("2.a", "2.1"). */
static char *task_label(struct assign *a, const char *tt)
{
	char *label = clean_label(tt), *path;
	char n[24];

	if (is_arabic(tt)) {
		str_set(&a->num, label);
		a->sub = 0;
		return label;
	}
	if (!a->num || !(is_letter(tt) || is_marker(tt)))
		return label;
	if (is_marker(tt)) {
		snprintf(n, sizeof(n), "%u", ++a->sub);
		path = join_path(a->num, n);
	} else {
		path = join_path(a->num, label);
	}
	free(label);
	return path;
}

/*
 * The official who urges a task usually heads its lead body ("Giám đốc Sở
 * Tài chính" over "Sở Tài chính"). When one of the two was carried down from
 * above and they no longer agree, the merge guess is suspect.
 */
static void check_official(struct assign *a, struct task *t, int line)
{
	unsigned carried = a->last_inherited & ((1u << F_LEAD) | (1u << F_SUPERVISOR));
	char *sup;
	size_t i;
	bool agree = false;

	if (!carried || !t->supervisor || !t->lead.n)
		return;
	sup = vi_fold_dup(t->supervisor, VI_FOLD_PUNCT);
	for (i = 0; i < t->lead.n && !agree; i++) {
		char *body = vi_fold_dup(t->lead.v[i], VI_FOLD_PUNCT);

		agree = *body && strstr(sup, body) != NULL;
		free(body);
	}
	free(sup);
	if (agree)
		return;
	extract_note(a->x, line, "supervisor and lead disagree after a merged cell was carried down");
	if (carried & (1u << F_LEAD))
		task_doubt(t, "lead");
	if (carried & (1u << F_SUPERVISOR))
		task_doubt(t, "supervisor");
}

static void add_task(struct assign *a, const struct doc_row *row, const char *tt)
{
	struct extract_ctx *x = a->x;
	struct row_fields f = { 0 };
	struct task *t;
	char *label = task_label(a, tt);
	const char *sect;
	bool shifted;

	flush_pending(a);
	read_fields(a, row, &f, &shifted);
	t = plan_add_task(x->plan);
	t->line = row->line;
	t->ref = join_path(a->roman, label);
	sect = a->group && starts_with_label(label, a->group) ? a->group_title : a->roman_title;
	if (!sect && a->group_title)
		sect = a->group_title;
	t->section = xstrdup(sect);
	t->text = xstrdup(cell_at(row, a->lay->col[R_TEXT]));
	fill_task(a, t, &f, row->line);
	a->last_inherited = inherit(a, t, &f, row->line);
	carry_from(a, &f, row->line);
	check_official(a, t, row->line);
	if (!t->lead.n && !t->lead_groups.n)
		task_doubt(t, "lead");
	if (!t->due)
		task_doubt(t, "due");
	for (int k = R_TT; k <= R_RESULT; k++) /* cells the reader is unsure of (OCR) */
		if (a->lay->col[k] >= 0 && (size_t)a->lay->col[k] < row->cells.n &&
		    row->cells.v[a->lay->col[k]].doubt)
			task_doubt(t, k == R_TT ? "ref" : k == R_TIME ? "due" : role_names[k]);
	a->last = x->plan->tasks.n;
	free(label);
	sb_release(&f.result);
	sb_release(&f.coord);
}

/* A lower-case start continues a sentence cut by a page break. */
static bool is_lower_start(const char *s)
{
	utf8proc_int32_t c = -1;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strnlen(s, 4), &c) <= 0)
		return false;
	return utf8proc_islower(c);
}

static void assign_row(struct assign *a, const struct doc_table *tb, size_t i)
{
	const struct doc_row *row = &tb->rows.v[i];
	const char *tt = cell_at(row, a->lay->col[R_TT]);
	const char *text = cell_at(row, a->lay->col[R_TEXT]);

	if (row_empty(row))
		return;
	if (is_repeat_header(a->lay, row) || is_numbering_row(row)) {
		extract_note(a->x, row->line, "header row repeated: skipped");
		return;
	}
	if (try_section(a, tb, i))
		return;
	if (a->lay->col[R_TT] < 0 && *text && !(a->last && is_lower_start(text))) {
		/* No number column: each row that starts a sentence is a task,
		 * numbered in order. */
		char num[24];

		snprintf(num, sizeof(num), "%u", ++a->seq);
		add_task(a, row, num);
		return;
	}
	if (!*tt) {
		if (a->last) {
			continue_task(a, row);
			return;
		}
		if (!*text) {
			extract_note(a->x, row->line, "row with no number and no task before it: skipped");
			return;
		}
	}
	if (*tt && !*text && only_cells(row, a->lay->col[R_TT], -1)) {
		extract_note(a->x, row->line, "row \"%.*s\" holds only a number: skipped", clip(tt, 20), tt);
		return;
	}
	if (*tt && !is_arabic(tt) && !is_marker(tt) && !is_roman(tt) && !is_letter(tt))
		extract_note(a->x, row->line, "unusual number \"%.*s\" kept as the ref", clip(tt, 20), tt);
	add_task(a, row, tt);
}

/* ---------------------------------------------------------------- indicators */

#define IND_DEPTH 3

struct indic {
	struct extract_ctx *x;
	const struct layout *lay;
	char *ref[IND_DEPTH];
	unsigned kids[IND_DEPTH];
	size_t last; /* index + 1 of the last indicator */
};

static void indic_release(struct indic *s)
{
	size_t i;

	for (i = 0; i < IND_DEPTH; i++)
		free(s->ref[i]);
	memset(s, 0, sizeof(*s));
}

/* The ref of a row: its number, or "<parent>.<n>" for "-", "+" and
 * unnumbered rows ("-" and unnumbered under a number, "+" under a "-"). */
static char *indicator_ref(struct indic *s, const char *tt)
{
	int depth, k;
	char *ref;
	char num[24];

	if (is_arabic(tt)) {
		ref = clean_label(tt);
		depth = 0;
	} else {
		depth = strcmp(tt, "+") == 0 ? 2 : 1;
		for (k = depth - 1; k >= 0 && !s->ref[k]; k--)
			;
		snprintf(num, sizeof(num), "%u", k >= 0 ? ++s->kids[k] : ++s->kids[0]);
		ref = join_path(k >= 0 ? s->ref[k] : NULL, num);
	}
	for (k = depth; k < IND_DEPTH; k++) {
		free(s->ref[k]);
		s->ref[k] = NULL;
		s->kids[k] = 0;
	}
	s->ref[depth] = xstrdup(ref);
	return ref;
}

static void indicator_inherit(struct indic *s, struct indicator *ind, int line)
{
	const struct indicator *up;

	if (!s->last)
		return;
	up = &s->x->plan->indicators.v[s->last - 1];
	if (!ind->lead.n && !ind->lead_groups.n && up->lead.n + up->lead_groups.n) {
		strlist_copy(&ind->lead, &up->lead);
		strlist_copy(&ind->lead_groups, &up->lead_groups);
		if (!ind->coordinate.n && !ind->coordinate_groups.n) {
			strlist_copy(&ind->coordinate, &up->coordinate);
			strlist_copy(&ind->coordinate_groups, &up->coordinate_groups);
		}
		extract_note(s->x, line, "responsible bodies inherited from line %d", up->line);
	}
	if (!ind->leader && up->leader) {
		ind->leader = xstrdup(up->leader);
		extract_note(s->x, line, "leader inherited from line %d", up->line);
	}
}

static bool cell_bold(const struct doc_row *row, int c)
{
	return c >= 0 && (size_t)c < row->cells.n && row->cells.v[c].bold && row->cells.v[c].text[0];
}

/* "I <title>", a title alone in the number column, a bold title: a group of
 * indicators, with no figure and no one responsible. */
static bool indicator_section(struct indic *s, const struct doc_row *row)
{
	const struct layout *l = s->lay;
	const char *tt = cell_at(row, l->col[R_TT]), *name = cell_at(row, l->col[R_TEXT]);

	if (!only_cells(row, l->col[R_TT], l->col[R_TEXT]))
		return false;
	if (!(is_roman(tt) || roman_prefix(tt) ||
	      (!*name && *tt && !is_arabic(tt) && !is_marker(tt)) ||
	      cell_bold(row, l->col[R_TEXT]) || cell_bold(row, l->col[R_TT])))
		return false;
	extract_note(s->x, row->line, "indicator section \"%.*s%s%.*s\"", clip(tt, 80), tt,
		     *tt ? " " : "", clip(name, 80), name);
	return true;
}

static void indicator_row(struct indic *s, const struct doc_row *row)
{
	struct extract_ctx *x = s->x;
	const struct layout *l = s->lay;
	const char *tt = cell_at(row, l->col[R_TT]), *name = cell_at(row, l->col[R_TEXT]);
	const char *unit = cell_at(row, l->col[R_UNIT]), *target = cell_at(row, l->col[R_TARGET]);
	const char *cell;
	struct indicator *ind;
	struct target tg = { 0 };

	if (row_empty(row))
		return;
	if (is_repeat_header(s->lay, row) || is_numbering_row(row)) {
		extract_note(x, row->line, "header row repeated: skipped");
		return;
	}
	if (indicator_section(s, row))
		return;
	if (!*name) {
		extract_note(x, row->line, "indicator row without a name: skipped");
		return;
	}
	if (is_roman(tt)) {
		extract_note(x, row->line, "roman number \"%s\" on an indicator row: read as unnumbered", tt);
		tt = "";
	}
	ind = plan_add_indicator(x->plan);
	ind->line = row->line;
	ind->ref = indicator_ref(s, tt);
	ind->name = xstrdup(name);
	ind->unit = *unit ? xstrdup(unit) : NULL;
	if (*target) {
		if (number_parse_cell(target, strlen(target), &tg) == 0) {
			ind->target = xmalloc(sizeof(*ind->target));
			*ind->target = tg;
		} else {
			target_release(&tg);
			extract_note(x, row->line, "target \"%.*s\" holds no number", clip(target, 40), target);
		}
	}
	if (*(cell = cell_at(row, l->col[R_LEAD])))
		agency_split(x->agencies, cell, x->agency_flags, &ind->lead, &ind->lead_groups, NULL);
	if (*(cell = cell_at(row, l->col[R_COORD])))
		agency_split(x->agencies, cell, x->agency_flags, &ind->coordinate,
			     &ind->coordinate_groups, NULL);
	if (*(cell = cell_at(row, l->col[R_LEADER])))
		ind->leader = person_name(cell);
	indicator_inherit(s, ind, row->line);
	s->last = x->plan->indicators.n;
}

/* ---------------------------------------------------------------- driver */

/*
 * A second header row under merged header cells ("Cơ quan thực hiện" over
 * "Chủ trì" and "Phối hợp"): every non-empty cell names a role, and those
 * roles refine the columns. Returns true when row was one.
 */
static bool sub_header(struct layout *lay, const struct doc_row *row)
{
	bool indicator = false;
	size_t i, named = 0;
	enum role r;

	for (i = 0; i < row->cells.n; i++) {
		if (!row->cells.v[i].text[0])
			continue;
		r = header_role(row->cells.v[i].text, &indicator);
		if (r == R_NONE || r == R_TT || i >= lay->ncols)
			return false;
		named++;
	}
	if (named < 2)
		return false;
	for (i = 0; i < row->cells.n && i < lay->ncols; i++) {
		if (!row->cells.v[i].text[0])
			continue;
		r = header_role(row->cells.v[i].text, &indicator);
		lay->roles[i] = r;
	}
	for (i = 0; i < R_COUNT; i++)
		lay->col[i] = -1;
	for (i = 0; i < lay->ncols; i++)
		if (lay->roles[i] != R_NONE && lay->col[lay->roles[i]] < 0)
			lay->col[lay->roles[i]] = (int)i;
	return true;
}

/* The last header row among the first rows of a table, or -1. */
static long find_header(const struct doc_table *tb, struct layout *lay)
{
	size_t i;

	for (i = 0; i < tb->rows.n && i < 4; i++) {
		if (read_header(&tb->rows.v[i], lay) == T_OTHER)
			continue;
		if (i + 1 < tb->rows.n && sub_header(lay, &tb->rows.v[i + 1]))
			i++;
		return (long)i;
	}
	return -1;
}

static void run_assign(struct assign *a, const struct doc_table *tb, size_t from)
{
	size_t i;

	a->merges = tb->merges_known;
	for (i = from; i < tb->rows.n; i++)
		assign_row(a, tb, i);
	flush_pending(a);
}

static void run_indicators(struct indic *s, const struct doc_table *tb, size_t from)
{
	size_t i;

	for (i = from; i < tb->rows.n; i++)
		indicator_row(s, &tb->rows.v[i]);
}

/* A headerless table cut from the assignment table above by a line of
 * prose: as many columns, and it opens with a numbered row. */
static bool continues(const struct layout *l, const struct doc_table *tb)
{
	const struct doc_row *row = &tb->rows.v[0];
	const char *tt = cell_at(row, l->col[R_TT]);

	if (row->cells.n + 1 < l->ncols || row->cells.n > l->ncols + 3)
		return false;
	return is_arabic(tt) || is_roman(tt);
}

#define MAX_SPAN 64

/*
 * A table whose cells span columns (DOCX gridSpan) as a table of one cell
 * per column, so that column numbers mean the same in every row: each
 * spanning cell is followed by empty cells. NULL when nothing spans. The copy
 * shares the cells' texts; free it with free_spread().
 */
static struct doc_table *spread_spans(const struct doc_table *tb)
{
	static char empty[] = "";
	struct doc_table *out;
	size_t r, c;
	int k;
	bool any = false;

	for (r = 0; r < tb->rows.n && !any; r++)
		for (c = 0; c < tb->rows.v[r].cells.n && !any; c++)
			any = tb->rows.v[r].cells.v[c].colspan > 1;
	if (!any)
		return NULL;
	out = xcalloc(1, sizeof(*out));
	out->merges_known = tb->merges_known;
	for (r = 0; r < tb->rows.n; r++) {
		const struct doc_row *src = &tb->rows.v[r];
		struct doc_row *dst = VEC_PUSH(&out->rows);

		dst->line = src->line;
		for (c = 0; c < src->cells.n; c++) {
			const struct doc_cell *cell = &src->cells.v[c];
			int span = cell->colspan > MAX_SPAN ? MAX_SPAN : cell->colspan;
			struct doc_cell *d = VEC_PUSH(&dst->cells);

			*d = *cell;
			d->colspan = 1;
			for (k = 1; k < span; k++) {
				d = VEC_PUSH(&dst->cells);
				d->text = empty;
				d->colspan = d->rowspan = 1;
				d->covered = cell->covered;
			}
		}
	}
	return out;
}

static void free_spread(struct doc_table *t)
{
	size_t r;

	if (!t)
		return;
	for (r = 0; r < t->rows.n; r++)
		free(t->rows.v[r].cells.v);
	free(t->rows.v);
	free(t);
}

static bool same_layout(const struct layout *l, const struct layout *m)
{
	size_t i, n = l->ncols < m->ncols ? l->ncols : m->ncols;

	if (l->kind != m->kind)
		return false;
	for (i = 0; i < n; i++)
		if (l->roles[i] != m->roles[i])
			return false;
	for (i = n; i < l->ncols; i++)
		if (l->roles[i] != R_NONE)
			return false;
	for (i = n; i < m->ncols; i++)
		if (m->roles[i] != R_NONE)
			return false;
	return true;
}

/* What the pass carries from one table block to the next: a table cut by
 * a page number or a line of prose goes on under the header it had. */
struct tables {
	struct extract_ctx *x;
	struct layout alay, ilay; /* the last assignment / indicator header */
	struct assign a;
	struct indic ind;
};

static void start_assign(struct tables *st, struct layout *lay)
{
	layout_release(&st->alay);
	assign_release(&st->a);
	memset(&st->a, 0, sizeof(st->a));
	st->a.x = st->x;
	st->alay = *lay;
	st->a.lay = &st->alay;
}

static void start_indicators(struct tables *st, struct layout *lay)
{
	layout_release(&st->ilay);
	indic_release(&st->ind);
	st->ind.x = st->x;
	st->ilay = *lay;
	st->ind.lay = &st->ilay;
}

/* Reads one table block. */
static void one_table(struct tables *st, int line, const struct doc_table *tb)
{
	struct extract_ctx *x = st->x;
	struct layout lay = { 0 };
	long h = find_header(tb, &lay);
	enum table_kind kind = lay.kind;

	if (h < 0 && st->alay.kind == T_ASSIGN && continues(&st->alay, tb)) {
		extract_note(x, line, "table without a header: read as the assignment table above");
		run_assign(&st->a, tb, 0);
		return;
	}
	if (h < 0) {
		extract_note(x, line, "table without a known header: ignored");
		return;
	}
	if (same_layout(&lay, kind == T_ASSIGN ? &st->alay : &st->ilay)) {
		/* The same header again: one table cut in two by the export. */
		extract_note(x, line, "table continued under a repeated header");
		layout_release(&lay);
	} else if (kind == T_ASSIGN) {
		extract_note(x, line, "assignment table");
		start_assign(st, &lay);
	} else {
		extract_note(x, line, "indicator table");
		start_indicators(st, &lay);
	}
	if (kind == T_ASSIGN)
		run_assign(&st->a, tb, (size_t)h + 1);
	else
		run_indicators(&st->ind, tb, (size_t)h + 1);
}

void extract_tables(struct extract_ctx *x)
{
	struct tables st = { .x = x };
	size_t b;

	for (b = 0; b < x->doc->blocks.n; b++) {
		const struct doc_block *blk = &x->doc->blocks.v[b];
		struct doc_table *spread;

		if (blk->kind != BLOCK_TABLE || !blk->table || !blk->table->rows.n)
			continue;
		spread = spread_spans(blk->table);
		one_table(&st, blk->line, spread ? spread : blk->table);
		free_spread(spread);
	}
	assign_release(&st.a);
	indic_release(&st.ind);
	layout_release(&st.alay);
	layout_release(&st.ilay);
}
