/*
 * table_assign.c - assignment rows: one task per numbered row. Exported
 * tables are damaged in known ways (see "Merged cells" in the spec): a
 * vertically merged cell is printed in its first row only, a row split across
 * pages continues with an empty number cell, and rows after a break may have
 * their cells shifted into the wrong column. So each cell is first checked
 * against its column; when a row holds a cell that cannot belong where it
 * sits, every cell of that row is read by what it is (a person, an official's
 * title, a time phrase, an agency list, a sentence), and empty cells take the
 * value above. Every such decision is reported through extract_note() and
 * marks the field as doubtful.
 */
#include "base/compat.h"
#include "extract/table_int.h"
#include "extract/agency.h"
#include "extract/number.h"
#include "extract/timeframe.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <utf8proc.h>

/* The fields of one assignment row, as cell texts (pointers into the doc). */
struct row_fields {
	const char *v[F_COUNT];
	/* The lines of the cell v came from when its source broke it
	 * (doc_cell.lines), else NULL: only lead and coordinate read them. */
	const char *lines[F_COUNT];
	bool moved[F_COUNT];
	bool covered[F_COUNT]; /* the cell is under a known vertical merge */
	int src[F_COUNT]; /* column + 1 the value came from; -1: several */
	bool conflict; /* a cell was left out */
	bool clean_shift; /* every cell moved by one offset: no doubt */
	struct sb result; /* several text cells of a shifted row */
	struct sb coord; /* several agency lists of a shifted row */
	struct sb coord_lines; /* the same, one cell or cell's line a line */
	struct sb window; /* "Từ <start> đến <end>" from a time window's two columns */
};

static const char *const role_names[R_COUNT] = {
	"(unnamed)", "TT", "text", "leader", "supervisor", "lead", "coordinate",
	"time", "result", "unit", "target", "note", "period", "status",
};

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
	case R_PERIOD:
	case R_STATUS:
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
		/* "Đoàn Thanh niên xã" is a body, though "Đoàn Thanh" reads as a name. */
		if (agency_canonical(x->agencies, s, x->agency_flags))
			return true;
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

static const char *const field_names[F_COUNT] = { "leader", "supervisor", "lead",
						   "coordinate", "due", "result" };

static void carry_release(struct carry *c)
{
	free(c->leader);
	free(c->supervisor);
	strlist_release(&c->lead);
	strlist_release(&c->lead_groups);
	due_free(c->due);
	memset(c, 0, sizeof(*c));
}

void tbl_assign_release(struct assign *a)
{
	sb_release(&a->more_text);
	sb_release(&a->more_result);
	free(a->roman);
	free(a->roman_title);
	free(a->group);
	free(a->group_title);
	free(a->num);
	free(a->last_tt);
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

		if (*s && !cell_fits(a->x, tbl_role_at(a->lay, i), s))
			return true;
	}
	return false;
}

static void place(struct row_fields *f, enum field k, const struct doc_cell *cell)
{
	if (!f->v[k]) {
		f->v[k] = cell->text;
		f->lines[k] = cell->lines;
	}
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
		enum role r = tbl_role_at(a->lay, i);
		enum field k = F_COUNT;
		enum ctype t;

		if (!*s || r == R_TT || r == R_TEXT || r == R_NOTE || r == R_PERIOD || r == R_STATUS)
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
				     tbl_clip(s, 80), s, ctype_names[t]);
			f->conflict = true;
			continue;
		} else {
			f->v[k] = s;
		}
		set_src(f, k, i);
		f->moved[k] = role_field(r) != k;
		if (f->moved[k])
			extract_note(x, row->line, "cell \"%.*s\" in column %s read as %s (%s)", tbl_clip(s, 80), s,
				     role_names[r], field_names[k], ctype_names[t]);
	}
	if (!nag)
		return;
	/* One list in place stays; else the shortest, most specific list
	 * leads and the others coordinate. */
	if (nag == 1) {
		enum role r = tbl_role_at(a->lay, ag[0]);
		const char *s = row->cells.v[ag[0]].text;
		enum field k;

		if (r == R_LEAD || r == R_COORD)
			k = role_field(r);
		else
			k = coord_weight(x, s) >= 3 ? F_COORD : F_LEAD;
		place(f, k, &row->cells.v[ag[0]]);
		set_src(f, k, ag[0]);
		f->moved[k] = role_field(r) != k;
		if (f->moved[k])
			extract_note(x, row->line, "cell \"%.*s\" in column %s read as %s", tbl_clip(s, 80), s,
				     role_names[r], field_names[k]);
		return;
	}
	for (i = 0; i < nag; i++) {
		size_t w = coord_weight(x, row->cells.v[ag[i]].text);

		if (tbl_role_at(a->lay, ag[i]) == R_LEAD)
			w = 0;
		if (w < bestw) {
			bestw = w;
			best = i;
		}
	}
	for (i = 0; i < nag; i++) {
		enum field k = i == best ? F_LEAD : F_COORD;
		enum role r = tbl_role_at(a->lay, ag[i]);
		const char *s = row->cells.v[ag[i]].text;
		const char *lines = row->cells.v[ag[i]].lines;

		if (k == F_COORD) {
			/* Several coordination lists: one list; their lines
			 * are kept when one of them was broken into lines. */
			if (f->coord.len)
				sb_adds(&f->coord, ", ");
			sb_adds(&f->coord, s);
			f->v[k] = f->coord.buf;
			if (f->coord_lines.len)
				sb_addc(&f->coord_lines, '\n');
			sb_adds(&f->coord_lines, lines ? lines : s);
			if (lines)
				f->lines[k] = f->coord_lines.buf;
			else if (f->lines[k])
				f->lines[k] = f->coord_lines.buf; /* it may have moved */
		} else {
			f->v[k] = s;
			f->lines[k] = lines;
		}
		set_src(f, k, ag[i]);
		f->moved[k] = role_field(r) != k;
		if (f->moved[k])
			extract_note(x, row->line, "cell \"%.*s\" in column %s read as %s", tbl_clip(s, 80), s,
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

/* A time window in two columns ("Bắt đầu | Hoàn thành"): both cells make
 * one phrase, "Từ 01/3/2026 đến 30/4/2026"; one of them alone is read as
 * printed. */
static void read_window(struct assign *a, const struct doc_row *row, struct row_fields *f)
{
	const char *start = NULL, *end = NULL;
	size_t i;

	for (i = 0; i < row->cells.n && i < a->lay->ncols; i++) {
		if (!row->cells.v[i].text[0])
			continue;
		if (a->lay->cx[i].window == 1 && !start)
			start = row->cells.v[i].text;
		else if (a->lay->cx[i].window == 2 && !end)
			end = row->cells.v[i].text;
	}
	if (!start || !end)
		return;
	sb_reset(&f->window);
	sb_addf(&f->window, "Từ %s đến %s", start, end);
	f->v[F_TIME] = f->window.buf;
	f->lines[F_TIME] = NULL;
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
		enum field k = role_field(tbl_role_at(a->lay, i));

		if (k == F_COUNT)
			continue;
		if (row->cells.v[i].covered)
			f->covered[k] = true;
		if (row->cells.v[i].text[0])
			place(f, k, &row->cells.v[i]);
	}
	read_window(a, row, f);
}

static void set_due(struct assign *a, struct task *t, const char *s, int line)
{
	struct extract_ctx *x = a->x;
	struct due *d = timeframe_parse(s, strlen(s), x->year);

	/* "Hạn xử lý | 15/03/2026": one day in a deadline column is the last day */
	if (d && a->lay->deadline && d->start[0] && strcmp(d->start, d->end) == 0) {
		extract_note(x, line, "date %s in a deadline column: due by then", d->end);
		d->start[0] = '\0';
	}
	due_free(t->due);
	t->due = d;
	if (!d) {
		extract_note(x, line, "time cell \"%.*s\" holds no time phrase", tbl_clip(s, 80), s);
		t->due = due_new(s);
		task_doubt(t, "due");
	}
}

/* A lower-case start continues a sentence cut by a page break. */
static bool is_lower_start(const char *s)
{
	utf8proc_int32_t c = -1;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strnlen(s, 4), &c) <= 0)
		return false;
	return utf8proc_islower(c);
}

/*
 * agency_split() into bodies and groups; a body the registry does not know
 * whose name starts in lower case ("phường biên giới") is a piece of a
 * phrase the splitter cut, not a name: the field is doubtful; so is any body
 * it does not know in an OCR'd document.
 */
static void split_bodies(struct extract_ctx *x, struct task *t, const char *cell,
			 const char *lines, struct strlist *bodies, struct strlist *groups,
			 const char *field, int line)
{
	struct strlist unknown = { 0 };
	size_t i;
	bool doubt = false;

	agency_split_lines(x->agencies, cell, lines, x->agency_flags, bodies, groups, &unknown,
			   &doubt);
	if (doubt) {
		extract_note(x, line, "%s cell \"%.*s\": a line of it is no body's name, its lines "
			     "read as one list: doubtful", field, tbl_clip(cell, 80), cell);
		task_doubt(t, field);
	}
	for (i = 0; i < unknown.n; i++)
		if (is_lower_start(unknown.v[i]) || x->ocr) {
			/* In a scan a name the registry does not know may be a misread
			 * one ("Sở VHTTTDL"): doubtful too. */
			extract_note(x, line, "%s \"%s\" is no body's name%s: doubtful", field,
				     unknown.v[i], x->ocr ? " (OCR)" : "");
			task_doubt(t, field);
			break;
		}
	strlist_release(&unknown);
}

/* Copies the row's own values into the task. */
/* The first of "chủ trì"/"Chủ trì" (or the other marker) in s, or NULL. */
static const char *find_mark(const char *s, const char *low, const char *cap)
{
	const char *a = strstr(s, low), *b = strstr(s, cap);

	return !a || (b && b < a) ? b : a;
}

/* Appends s[0..len), trimmed of spaces and list punctuation, as a list item. */
static void add_part(struct sb *out, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == ',' || *s == ';' || *s == ':'))
		s++, len--;
	while (len && strchr(" ,;:.", s[len - 1]))
		len--;
	if (!len)
		return;
	if (out->len)
		sb_adds(out, ", ");
	sb_add(out, s, len);
}

#define CT_LOW "chủ trì"
#define CT_CAP "Chủ trì"
#define PH_LOW "phối hợp"
#define PH_CAP "Phối hợp"

/*
 * One "Đơn vị thực hiện" cell that names both roles: "Phòng Kinh tế (chủ
 * trì); Đoàn Thanh niên xã, Hội Phụ nữ xã (phối hợp)", "Công an xã chủ trì,
 * phối hợp với Phòng Kinh tế", "Sở A chủ trì; Sở B phối hợp". Splits it into
 * the lead's list and the coordinators'; false when it names no role.
 */
static bool split_roles(const char *cell, struct sb *lead, struct sb *coord)
{
	const char *p = cell, *end, *m;
	bool any = false;

	if (!find_mark(cell, CT_LOW, CT_CAP))
		return false;
	while (*p) {
		size_t len;

		end = strchr(p, ';');
		len = end ? (size_t)(end - p) : strlen(p);
		{
			char *part = xstrndup(p, len);
			const char *ct = find_mark(part, CT_LOW, CT_CAP);
			const char *ph = find_mark(part, PH_LOW, PH_CAP);

			if (ct && ct > part && ct[-1] == '(') { /* "X (chủ trì)" */
				add_part(lead, part, (size_t)(ct - 1 - part));
				any = true;
			} else if (ph && ph > part && ph[-1] == '(') { /* "Y (phối hợp)" */
				add_part(coord, part, (size_t)(ph - 1 - part));
				any = true;
			} else if (ct) { /* "X chủ trì[, phối hợp với Y]" */
				add_part(lead, part, (size_t)(ct - part));
				m = ct + strlen(CT_LOW);
				if ((ph = find_mark(m, PH_LOW, PH_CAP)) != NULL) {
					m = ph + strlen(PH_LOW);
					while (*m == ' ')
						m++;
					if (strncmp(m, "với ", strlen("với ")) == 0)
						m += strlen("với ");
					add_part(coord, m, strlen(m));
				}
				any = true;
			} else if (ph && !ph[strlen(PH_LOW)]) { /* "Y phối hợp" */
				add_part(coord, part, (size_t)(ph - part));
				any = true;
			} else {
				add_part(lead, part, strlen(part));
			}
			free(part);
		}
		p = end ? end + 1 : p + len;
	}
	return any && lead->len;
}

static void fill_task(struct assign *a, struct task *t, const struct row_fields *f, int line)
{
	struct extract_ctx *x = a->x;
	int k;

	if (f->v[F_LEADER]) {
		free(t->leader);
		t->leader = person_name(f->v[F_LEADER]);
		if (!t->leader) {
			extract_note(x, line, "leader cell \"%.*s\" names no person",
				     tbl_clip(f->v[F_LEADER], 60), f->v[F_LEADER]);
			task_doubt(t, "leader");
		}
	}
	if (f->v[F_SUPERVISOR]) {
		free(t->supervisor);
		t->supervisor = supervisor_canonical(x->agencies, f->v[F_SUPERVISOR], x->agency_flags);
	}
	if (f->v[F_LEAD]) {
		struct sb lead = SB_INIT, coord = SB_INIT;

		strlist_release(&t->lead);
		strlist_release(&t->lead_groups);
		if (split_roles(f->v[F_LEAD], &lead, &coord)) {
			extract_note(x, line, "lead cell names both roles: lead \"%s\", coordinating "
				     "\"%s\"", lead.buf, coord.len ? coord.buf : "");
			split_bodies(x, t, lead.buf, NULL, &t->lead, &t->lead_groups, "lead", line);
			if (coord.len)
				split_bodies(x, t, coord.buf, NULL, &t->coordinate,
					     &t->coordinate_groups, "coordinate", line);
		} else {
			split_bodies(x, t, f->v[F_LEAD], f->lines[F_LEAD], &t->lead,
				     &t->lead_groups, "lead", line);
		}
		sb_release(&lead);
		sb_release(&coord);
	}
	if (f->v[F_COORD])
		split_bodies(x, t, f->v[F_COORD], f->lines[F_COORD], &t->coordinate,
			     &t->coordinate_groups, "coordinate", line);
	if (f->v[F_TIME])
		set_due(a, t, f->v[F_TIME], line);
	if (f->v[F_RESULT])
		tbl_append_text(&t->result, f->v[F_RESULT]);
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
		struct sb lead = SB_INIT, coord = SB_INIT;

		strlist_release(&c->lead);
		strlist_release(&c->lead_groups);
		if (split_roles(f->v[F_LEAD], &lead, &coord)) /* the lead's part only */
			agency_split(x->agencies, lead.buf, x->agency_flags, &c->lead,
				     &c->lead_groups, NULL);
		else
			agency_split_lines(x->agencies, f->v[F_LEAD], f->lines[F_LEAD],
					   x->agency_flags, &c->lead, &c->lead_groups, NULL, NULL);
		sb_release(&lead);
		sb_release(&coord);
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
	free(a->last_tt);
	a->last_tt = NULL;
	extract_note(a->x, line, "section %s%s%s", label ? label : "", label ? " " : "", title);
}

/* The label of the next numbered row after row i, or "". */
static const char *next_label(const struct assign *a, const struct doc_table *tb, size_t i)
{
	for (i++; i < tb->rows.n; i++) {
		const char *tt = tbl_cell_at(&tb->rows.v[i], a->lay->col[R_TT]);

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
	const char *tt = tbl_cell_at(row, ctt), *title = tbl_cell_at(row, ctx);
	bool bold = (ctx >= 0 && (size_t)ctx < row->cells.n && row->cells.v[ctx].bold && *title) ||
		    (ctt >= 0 && (size_t)ctt < row->cells.n && row->cells.v[ctt].bold && *tt);
	size_t rp;
	char *label;

	if (!tbl_only_cells(row, ctt, ctx))
		return false;
	if (*tt && !*title && (rp = tbl_roman_prefix(tt))) {
		char *lab = xstrndup(tt, rp);

		set_section(a, lab, tt + rp + 1, true, row->line);
		free(lab);
		return true;
	}
	if (!*title && *tt && !tbl_is_arabic(tt) && !tbl_is_marker(tt) && !tbl_is_roman(tt)) {
		/* A title that slid into the number column. */
		set_section(a, NULL, tt, false, row->line);
		return true;
	}
	if (!*title)
		return false;
	if (tbl_is_roman(tt)) {
		label = tbl_clean_label(tt);
		set_section(a, label, title, true, row->line);
		free(label);
		return true;
	}
	if (a->x->ocr) {
		char fixed[16];

		if (tbl_ocr_roman(tt, fixed, sizeof(fixed))) {
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
	label = tbl_clean_label(tt);
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
	const char *text = tbl_cell_at(row, a->lay->col[R_TEXT]);
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
	sb_release(&f.window);
	sb_release(&f.coord);
	sb_release(&f.coord_lines);
}

/* The row's own label: "3.4." -> "3.4"; a lettered or dashed sub-item
 * hangs under the last numbered task ("2.a", "2.1"). */
static char *task_label(struct assign *a, const char *tt)
{
	char *label = tbl_clean_label(tt), *path;
	char n[24];

	if (tbl_is_arabic(tt)) {
		str_set(&a->num, label);
		a->sub = 0;
		return label;
	}
	if (!a->num || !(tbl_is_letter(tt) || tbl_is_marker(tt)))
		return label;
	if (tbl_is_marker(tt)) {
		snprintf(n, sizeof(n), "%u", ++a->sub);
		path = tbl_join_path(a->num, n);
	} else {
		path = tbl_join_path(a->num, label);
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

/*
 * A tracker's status words and the state each means (task.state, our
 * extension to plan/1). Keys are folded; a cell matches a key when it is the
 * key or starts with it and a word boundary ("Đang thực hiện (đạt 60%)").
 * "Chưa hoàn thành" and "Quá hạn" say nothing certain about the work: they
 * are kept as printed and doubted, like any word not listed here.
 */
static const struct {
	const char *key;
	const char *state;
} state_words[] = {
	{ "da hoan thanh", "done" },	       { "hoan thanh", "done" },
	{ "da xong", "done" },		       { "xong", "done" },
	{ "da thuc hien xong", "done" },       { "dang thuc hien", "in_progress" },
	{ "dang trien khai", "in_progress" },  { "dang xu ly", "in_progress" },
	{ "dang lam", "in_progress" },	       { "dang tien hanh", "in_progress" },
	{ "chua thuc hien", "not_started" },   { "chua trien khai", "not_started" },
	{ "chua bat dau", "not_started" },     { "chua xu ly", "not_started" },
	{ "tam dung", "paused" },	       { "tam hoan", "paused" },
	{ "tam ngung", "paused" },
};

static void take_state(struct extract_ctx *x, struct task *t, const char *cell, int line)
{
	char *k = vi_fold_dup(cell, VI_FOLD_PUNCT);
	const char *state = NULL;
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(state_words) && !state; i++) {
		n = strlen(state_words[i].key);
		if (strncmp(k, state_words[i].key, n) == 0 && (k[n] == '\0' || k[n] == ' '))
			state = state_words[i].state;
	}
	free(k);
	if (state) {
		str_set(&t->state, state);
	} else {
		str_set(&t->state, cell);
		task_doubt(t, "state");
	}
	extract_note(x, line, "task %s: imported state \"%.*s\" read as %s%s", t->ref,
		     tbl_clip(cell, 60), cell, t->state, state ? "" : " (as printed, doubtful)");
}

static void add_task(struct assign *a, const struct doc_row *row, const char *tt)
{
	struct extract_ctx *x = a->x;
	struct row_fields f = { 0 };
	struct task *t;
	char *label = task_label(a, tt);
	const char *sect, *state;
	bool shifted;

	if (tt != a->last_tt)
		str_set(&a->last_tt, tt);
	flush_pending(a);
	read_fields(a, row, &f, &shifted);
	t = plan_add_task(x->plan);
	t->line = row->line;
	t->ref = tbl_join_path(a->roman, label);
	sect = a->group && starts_with_label(label, a->group) ? a->group_title : a->roman_title;
	if (!sect && a->group_title)
		sect = a->group_title;
	t->section = xstrdup(sect);
	t->text = xstrdup(tbl_cell_at(row, a->lay->col[R_TEXT]));
	/* A numbered row of a scan whose text opens in lower case holds the
	 * wrapped end of the row above: both rows were cut in the wrong place. */
	if (x->ocr && a->last && is_lower_start(t->text)) {
		extract_note(x, row->line, "task text opens in lower case: the row above ran on "
			     "into it, doubtful");
		task_doubt(t, "text");
		task_doubt(&x->plan->tasks.v[a->last - 1], "text");
	}
	fill_task(a, t, &f, row->line);
	a->last_inherited = inherit(a, t, &f, row->line);
	carry_from(a, &f, row->line);
	check_official(a, t, row->line);
	if (*(state = tbl_cell_at(row, a->lay->col[R_STATUS])))
		take_state(x, t, state, row->line);
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
	sb_release(&f.window);
	sb_release(&f.coord);
	sb_release(&f.coord_lines);
}

static bool row_tt_covered(const struct assign *a, const struct doc_row *row)
{
	int c = a->lay->col[R_TT];

	return a->merges && c >= 0 && (size_t)c < row->cells.n && row->cells.v[c].covered;
}

/* A tracker's row that is no task (test data, a totals row): what it is, or NULL. */
static const char *junk_row(const struct assign *a, const struct doc_row *row)
{
	return tbl_junk_kind(tbl_cell_at(row, a->lay->col[R_TT]),
			     tbl_cell_at(row, a->lay->col[R_TEXT]));
}

/*
 * A row that is a task of its own even without a number of its own: its
 * number cell lies under a known vertical merge, or it names its own lead or
 * its own time beside its own text (a page-break continuation carries text
 * only). Such a
 * row is never folded into the one above, whatever case it starts with.
 */
static bool own_row(const struct assign *a, const struct doc_row *row)
{
	const char *text = tbl_cell_at(row, a->lay->col[R_TEXT]);
	const char *lead = tbl_cell_at(row, a->lay->col[R_LEAD]);
	const char *time = tbl_cell_at(row, a->lay->col[R_TIME]);

	if (!*text)
		return false;
	if (row_tt_covered(a, row))
		return true;
	if (row_shifted(a, row))
		return false;
	return (*lead && agency_looks_like(a->x->agencies, lead, a->x->agency_flags)) ||
	       (*time && is_time(time));
}

static void assign_row(struct assign *a, const struct doc_table *tb, size_t i)
{
	const struct doc_row *row = &tb->rows.v[i];
	const char *tt = tbl_cell_at(row, a->lay->col[R_TT]);
	const char *text = tbl_cell_at(row, a->lay->col[R_TEXT]);
	const char *junk;

	if (tbl_row_empty(row))
		return;
	if (tbl_is_repeat_header(a->lay, row) || tbl_is_numbering_row(row)) {
		extract_note(a->x, row->line, "header row repeated: skipped");
		return;
	}
	if ((junk = junk_row(a, row)) != NULL) {
		extract_note(a->x, row->line, "row \"%.*s\" is %s, not a task: left out",
			     tbl_clip(text, 60), text, junk);
		return;
	}
	if (try_section(a, tb, i))
		return;
	if (a->lay->col[R_TT] < 0 && *text &&
	    !(a->last && is_lower_start(text) && !own_row(a, row))) {
		/* No number column: each row that starts a sentence is a task,
		 * numbered in order. */
		char num[24];

		snprintf(num, sizeof(num), "%u", ++a->seq);
		add_task(a, row, num);
		return;
	}
	if (!*tt) {
		if (a->last && a->last_tt && own_row(a, row)) {
			extract_note(a->x, row->line,
				     "row without a number but with its own text and lead: a task of "
				     "its own under the number above (\"%.*s\")",
				     tbl_clip(a->last_tt, 20), a->last_tt);
			add_task(a, row, a->last_tt);
			if (!row_tt_covered(a, row))
				task_doubt(&a->x->plan->tasks.v[a->last - 1], "ref");
			return;
		}
		if (a->last) {
			continue_task(a, row);
			return;
		}
		if (!*text) {
			extract_note(a->x, row->line, "row with no number and no task before it: skipped");
			return;
		}
	}
	if (*tt && !*text && tbl_only_cells(row, a->lay->col[R_TT], -1)) {
		extract_note(a->x, row->line, "row \"%.*s\" holds only a number: skipped", tbl_clip(tt, 20), tt);
		return;
	}
	if (*tt && !tbl_is_arabic(tt) && !tbl_is_marker(tt) && !tbl_is_roman(tt) && !tbl_is_letter(tt))
		extract_note(a->x, row->line, "unusual number \"%.*s\" kept as the ref", tbl_clip(tt, 20), tt);
	add_task(a, row, tt);
}

void tbl_run_assign(struct assign *a, const struct doc_table *tb, size_t from)
{
	size_t i;

	a->merges = tb->merges_known;
	for (i = from; i < tb->rows.n; i++)
		assign_row(a, tb, i);
	flush_pending(a);
}
