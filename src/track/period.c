/*
 * period.c - reporting period windows, names and lookups.
 *
 * Every window is derived from the one rule of Decree 09/2019/NĐ-CP, Art. 12:
 * figures close on the 14th, so a period "ending" with month m runs to 14/m,
 * and a period "starting" with month m begins on the 15th of month m-1.
 * Reading a plan's reporting labels goes through the folding key, so
 * "6 tháng đầu năm", "06 THÁNG ĐẦU NĂM" and "sau thang dau nam" are one.
 */
#include "base/compat.h"

#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "model/plan.h"
#include "track/calendar.h"
#include "track/period.h"

static const struct {
	const char *name;
	const char *vi;
} kind_names[PERIOD__COUNT] = {
	[PERIOD_MONTH] = { "monthly", "tháng" },
	[PERIOD_QUARTER] = { "quarterly", "quý" },
	[PERIOD_HALF] = { "half-yearly", "6 tháng" },
	[PERIOD_NINE_MONTHS] = { "nine-monthly", "9 tháng" },
	[PERIOD_YEAR] = { "yearly", "năm" },
};

static int max_index(enum period_kind kind)
{
	switch (kind) {
	case PERIOD_MONTH: return 12;
	case PERIOD_QUARTER: return 4;
	case PERIOD_HALF: return 2;
	case PERIOD_NINE_MONTHS:
	case PERIOD_YEAR: return 1;
	case PERIOD__COUNT: break;
	}
	return 0;
}

/* 15th of the month before month m of year y (m may be 1: 15/12 of y-1). */
static int window_start(int y, int m)
{
	return m == 1 ? calendar_from_ymd(y - 1, 12, 15) : calendar_from_ymd(y, m - 1, 15);
}

int period_make(enum period_kind kind, int year, int index, struct period *out)
{
	int first, last; /* months whose figures the window closes */

	if ((unsigned)kind >= PERIOD__COUNT || index < 1 || index > max_index(kind))
		return -ERR_INPUT;
	switch (kind) {
	case PERIOD_MONTH: first = last = index; break;
	case PERIOD_QUARTER: first = index * 3 - 2; last = index * 3; break;
	case PERIOD_HALF: first = index == 1 ? 1 : 7; last = first + 5; break;
	case PERIOD_NINE_MONTHS: first = 1; last = 9; break;
	default: first = 1; last = 12; break;
	}
	out->kind = kind;
	out->year = year;
	out->index = index;
	out->start = window_start(year, first);
	out->end = calendar_from_ymd(year, last, 14);
	if (out->start == CAL_NONE || out->end == CAL_NONE)
		return -ERR_INPUT;
	return 0;
}

static int parse_num(const char *s, size_t n)
{
	int v = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int period_parse(const char *name, struct period *out)
{
	const char *rest;
	size_t rlen;
	int year;

	if (!name || strlen(name) < 4)
		return -ERR_INPUT;
	year = parse_num(name, 4);
	if (year < 1)
		return -ERR_INPUT;
	rest = name + 4;
	if (!*rest)
		return period_make(PERIOD_YEAR, year, 1, out);
	if (*rest++ != '-')
		return -ERR_INPUT;
	rlen = strlen(rest);
	if (rlen == 2 && (rest[0] == 'H' || rest[0] == 'h') && (rest[1] == '1' || rest[1] == '2'))
		return period_make(PERIOD_HALF, year, rest[1] - '0', out);
	if (rlen == 2 && (rest[0] == 'Q' || rest[0] == 'q'))
		return period_make(PERIOD_QUARTER, year, parse_num(rest + 1, 1), out);
	if (rlen == 2 && rest[0] == '9' && (rest[1] == 'M' || rest[1] == 'm'))
		return period_make(PERIOD_NINE_MONTHS, year, 1, out);
	if (rlen == 2)
		return period_make(PERIOD_MONTH, year, parse_num(rest, 2), out);
	return -ERR_INPUT;
}

char *period_format(const struct period *p, char *out)
{
	/* Years are 1..9999 and indexes below 100: the modulos only tell the
	 * compiler so. */
	unsigned y = (unsigned)p->year % 10000u, i = (unsigned)p->index % 100u;

	switch (p->kind) {
	case PERIOD_MONTH: snprintf(out, PERIOD_NAME_LEN, "%04u-%02u", y, i); break;
	case PERIOD_QUARTER: snprintf(out, PERIOD_NAME_LEN, "%04u-Q%u", y, i); break;
	case PERIOD_HALF: snprintf(out, PERIOD_NAME_LEN, "%04u-H%u", y, i); break;
	case PERIOD_NINE_MONTHS: snprintf(out, PERIOD_NAME_LEN, "%04u-9M", y); break;
	case PERIOD_YEAR: snprintf(out, PERIOD_NAME_LEN, "%04u", y); break;
	default: out[0] = '\0'; break;
	}
	return out;
}

void period_label_vi(const struct period *p, struct sb *out)
{
	static const char *const roman[] = { "I", "II", "III", "IV" };

	switch (p->kind) {
	case PERIOD_MONTH: sb_addf(out, "Tháng %d/%d", p->index, p->year); break;
	case PERIOD_QUARTER:
		if (p->index >= 1 && p->index <= 4)
			sb_addf(out, "Quý %s/%d", roman[p->index - 1], p->year);
		break;
	case PERIOD_HALF:
		sb_addf(out, "6 tháng %s năm %d", p->index == 1 ? "đầu" : "cuối", p->year);
		break;
	case PERIOD_NINE_MONTHS: sb_addf(out, "9 tháng năm %d", p->year); break;
	case PERIOD_YEAR: sb_addf(out, "Năm %d", p->year); break;
	default: break;
	}
}

const char *period_kind_name(enum period_kind kind)
{
	return (unsigned)kind < PERIOD__COUNT ? kind_names[kind].name : "";
}

int period_kind_parse(const char *s, enum period_kind *kind)
{
	static const struct {
		const char *key; /* folded */
		enum period_kind kind;
	} alias[] = {
		{ "month", PERIOD_MONTH }, { "quarter", PERIOD_QUARTER },
		{ "half", PERIOD_HALF }, { "h", PERIOD_HALF }, { "9m", PERIOD_NINE_MONTHS },
		{ "year", PERIOD_YEAR }, { "annual", PERIOD_YEAR },
		{ "6 thang", PERIOD_HALF }, { "9 thang", PERIOD_NINE_MONTHS },
	};
	char *key;
	int rc = -ERR_INPUT;

	if (!s)
		return -ERR_INPUT;
	key = vi_fold_dup(s, 0);
	for (int k = 0; k < PERIOD__COUNT && rc; k++) {
		char *vi = vi_fold_dup(kind_names[k].vi, 0);

		if (!strcmp(key, kind_names[k].name) || !strcmp(key, vi)) {
			*kind = (enum period_kind)k;
			rc = 0;
		}
		free(vi);
	}
	for (size_t i = 0; i < ARRAY_SIZE(alias) && rc; i++) {
		if (!strcmp(key, alias[i].key)) {
			*kind = alias[i].kind;
			rc = 0;
		}
	}
	free(key);
	return rc;
}

int period_kinds_parse(const char *s, unsigned *kinds)
{
	struct sb item = SB_INIT;
	unsigned set = 0;
	int rc = 0;

	if (!s)
		return -ERR_INPUT;
	for (const char *p = s;; p++) {
		if (*p && *p != ',') {
			sb_addc(&item, *p);
			continue;
		}
		sb_trim(&item);
		if (item.len) {
			enum period_kind k;

			if (period_kind_parse(item.buf, &k)) {
				rc = -ERR_INPUT;
				goto out;
			}
			set |= PERIOD_BIT(k);
		}
		sb_reset(&item);
		if (!*p)
			break;
	}
	*kinds = set;
out:
	sb_release(&item);
	return rc;
}

bool period_equal(const struct period *a, const struct period *b)
{
	return a->kind == b->kind && a->year == b->year && a->index == b->index;
}

int period_containing(enum period_kind kind, int day, struct period *out)
{
	int y, m, d, idx;

	if ((unsigned)kind >= PERIOD__COUNT || !calendar_to_ymd(day, &y, &m, &d))
		return -ERR_INPUT;
	/* From the 15th on, a day belongs to the next month's window. */
	if (d >= 15 && ++m > 12) {
		m = 1;
		y++;
	}
	switch (kind) {
	case PERIOD_MONTH: idx = m; break;
	case PERIOD_QUARTER: idx = (m + 2) / 3; break;
	case PERIOD_HALF: idx = m <= 6 ? 1 : 2; break;
	case PERIOD_NINE_MONTHS:
		if (m > 9)
			return -ERR_NOTFOUND;
		idx = 1;
		break;
	default: idx = 1; break;
	}
	return period_make(kind, y, idx, out) ? -ERR_INPUT : 0;
}

int period_next(const struct period *p, struct period *out)
{
	int n = max_index(p->kind);

	if (p->index < n)
		return period_make(p->kind, p->year, p->index + 1, out);
	return period_make(p->kind, p->year + 1, 1, out);
}

int period_prev(const struct period *p, struct period *out)
{
	if (p->index > 1)
		return period_make(p->kind, p->year, p->index - 1, out);
	return period_make(p->kind, p->year - 1, max_index(p->kind), out);
}

size_t period_list(enum period_kind kind, int from, int to, struct period **out)
{
	VEC(struct period) v = { 0 };
	struct period p;
	int y;

	*out = NULL;
	if ((unsigned)kind >= PERIOD__COUNT || !calendar_to_ymd(from, &y, NULL, NULL) ||
	    !calendar_valid(to) || to < from)
		return 0;
	/* The first period named after from's year starts on 15/12 of the year
	 * before, so it cannot start after from; year 1 has no such period. */
	if (period_make(kind, y, 1, &p) && period_make(kind, y + 1, 1, &p))
		return 0;
	while (p.start <= to) {
		if (p.end >= from)
			*VEC_PUSH(&v) = p;
		if (period_next(&p, &p))
			break;
	}
	*out = v.v;
	return v.n;
}

int period_due(const struct period *p, int working_days)
{
	return calendar_add_working_days(p->end, working_days);
}

/* Folded words of a label, bounded so that a huge label costs linear time. */
#define MAX_WORDS 48
struct words {
	char *key;
	size_t n;
	const char *w[MAX_WORDS];
};

static void split_words(const char *label, struct words *ws)
{
	char *p;

	ws->key = vi_fold_dup(label, VI_FOLD_PUNCT);
	ws->n = 0;
	for (p = ws->key; *p && ws->n < MAX_WORDS;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		ws->w[ws->n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

static bool word_is(const struct words *ws, size_t i, const char *w)
{
	return i < ws->n && !strcmp(ws->w[i], w);
}

static bool has_word(const struct words *ws, const char *w)
{
	for (size_t i = 0; i < ws->n; i++)
		if (word_is(ws, i, w))
			return true;
	return false;
}

/* 1-12 from "5", "05", or a roman numeral up to XII; 0 when not a number. */
static int small_number(const char *w)
{
	static const char *const roman[] = { "i", "ii", "iii", "iv", "v", "vi",
					     "vii", "viii", "ix", "x", "xi", "xii" };
	size_t n = strlen(w);
	int v;

	if (n >= 1 && n <= 2 && (v = parse_num(w, n)) >= 1 && v <= 12)
		return v;
	for (size_t i = 0; i < ARRAY_SIZE(roman); i++)
		if (!strcmp(w, roman[i]))
			return (int)i + 1;
	return 0;
}

/* "N thang" where N is n written in digits or as a word. */
static bool months_count(const struct words *ws, int n, const char *word)
{
	for (size_t i = 0; i + 1 < ws->n; i++) {
		if (!word_is(ws, i + 1, "thang"))
			continue;
		if (!strcmp(ws->w[i], word) || (parse_num(ws->w[i], strlen(ws->w[i])) == n))
			return true;
	}
	return false;
}

/* The kind (and index, 0 = unstated) a reporting label names. */
static int label_kind(const char *label, enum period_kind *kind, int *index)
{
	struct words ws;
	int rc = 0;

	if (!label)
		return -ERR_NOTFOUND;
	split_words(label, &ws);
	*index = 0;
	if (months_count(&ws, 9, "chin")) {
		*kind = PERIOD_NINE_MONTHS;
	} else if (months_count(&ws, 6, "sau")) {
		*kind = PERIOD_HALF;
		if (has_word(&ws, "dau"))
			*index = 1;
		else if (has_word(&ws, "cuoi"))
			*index = 2;
	} else if (has_word(&ws, "quy")) {
		*kind = PERIOD_QUARTER;
		for (size_t i = 0; i + 1 < ws.n; i++)
			if (word_is(&ws, i, "quy") && small_number(ws.w[i + 1]) <= 4)
				*index = small_number(ws.w[i + 1]);
	} else if (has_word(&ws, "thang")) {
		*kind = PERIOD_MONTH;
		for (size_t i = 0; i + 1 < ws.n; i++)
			if (word_is(&ws, i, "thang"))
				*index = small_number(ws.w[i + 1]);
	} else if (has_word(&ws, "nam")) {
		*kind = PERIOD_YEAR;
	} else {
		rc = -ERR_NOTFOUND;
	}
	free(ws.key);
	return rc;
}

static int distance(int a, int b)
{
	return a > b ? a - b : b - a;
}

int period_from_reporting(const char *label, const char *due_iso, struct period *out)
{
	enum period_kind kind;
	struct period *cands = NULL, best;
	size_t n;
	int index, due, rc;
	bool found = false;

	if (calendar_parse_iso(due_iso, &due))
		return -ERR_INPUT;
	rc = label_kind(label, &kind, &index);
	if (rc)
		return rc;
	/* Candidates: every period of the kind within about a year of the due
	 * date; the one whose window ends nearest to it is the one it closes. */
	n = period_list(kind, calendar_add_days(due, -400) == CAL_NONE ? due : due - 400,
			calendar_add_days(due, 400) == CAL_NONE ? due : due + 400, &cands);
	for (size_t i = 0; i < n; i++) {
		if (index && cands[i].index != index)
			continue;
		if (!found || distance(cands[i].end, due) < distance(best.end, due)) {
			best = cands[i];
			found = true;
		}
	}
	free(cands);
	if (!found)
		return -ERR_NOTFOUND;
	*out = best;
	return 0;
}

int period_due_in_plan(const struct plan *pl, const struct period *p, int working_days)
{
	for (size_t i = 0; pl && i < pl->reporting.n; i++) {
		const struct reporting *r = &pl->reporting.v[i];
		struct period closes;

		if (!period_from_reporting(r->label, r->due, &closes) && period_equal(&closes, p))
			return calendar_iso_day(r->due);
	}
	return period_due(p, working_days);
}

unsigned period_kinds_of_plan(const struct plan *p)
{
	unsigned set = 0;

	for (size_t i = 0; i < p->reporting.n; i++) {
		enum period_kind kind;
		int index;

		if (!label_kind(p->reporting.v[i].label, &kind, &index))
			set |= PERIOD_BIT(kind);
	}
	return set ? set : PERIOD_BIT(PERIOD_HALF) | PERIOD_BIT(PERIOD_YEAR);
}
