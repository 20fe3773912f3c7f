/*
 * timeframe.c - reads Vietnamese time phrases ("Quý III/2026", "Thường xuyên",
 * "trước ngày 15/6/2024", "Quý II/2026 (vào dịp 30/4)", OCR'd "Quy 111/2021")
 * into a struct due. The phrase is folded once (vi_fold), cut into tokens
 * (words, numbers, signs, with their bracket depth), and scanned left to right
 * for time elements: quarters, months, years, dates, year ranges, "N tháng đầu
 * năm", recurring words and deadline words. Each element gives a window of
 * days; the windows of the main text are joined, and a more specific window
 * in brackets narrows the result. Everything is linear in the phrase length.
 */
#include "base/compat.h"
#include "extract/timeframe.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "model/plan.h"

enum tok_kind { T_WORD, T_NUM, T_MIX, T_SLASH, T_DASH, T_OPEN, T_CLOSE, T_COMMA, T_DOT, T_COLON, T_SEMI, T_OTHER };

struct tok {
	enum tok_kind kind;
	const char *s; /* into the folded key */
	size_t len;
	long num; /* T_NUM: value, -1 when too long */
	int depth; /* bracket depth */
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

/* A calendar day; y == 0 means none. */
struct day {
	int y, m, d;
};

/* What the elements of one part of the phrase (main text or brackets) add up to. */
struct acc {
	bool any; /* some time element was seen */
	bool recurring;
	bool open_end; /* "và các năm tiếp theo" */
	bool has_window; /* start/end below hold a joined window */
	bool fine; /* the window came from a month, a day or a quarter */
	struct day start, end;
	bool has_deadline;
	struct day deadline;
};

int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static bool valid_year(long y)
{
	return y >= 1900 && y <= 2199;
}

static bool valid_day(long y, long m, long d)
{
	return valid_year(y) && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month((int)y, (int)m);
}

static int day_cmp(struct day a, struct day b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

static struct day mkday(int y, int m, int d)
{
	struct day r = { y, m, d };

	return r;
}

static struct day day_before(struct day x)
{
	if (x.d > 1)
		return mkday(x.y, x.m, x.d - 1);
	if (x.m > 1)
		return mkday(x.y, x.m - 1, days_in_month(x.y, x.m - 1));
	return mkday(x.y - 1, 12, 31);
}

/* ---- tokens ---- */

static void push_tok(struct toks *t, enum tok_kind kind, const char *s, size_t len, int depth)
{
	struct tok *k;

	xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	k = &t->v[t->n++];
	k->kind = kind;
	k->s = s;
	k->len = len;
	k->depth = depth;
	k->num = -1;
	if (kind == T_NUM && len <= 9) {
		size_t i;

		k->num = 0;
		for (i = 0; i < len; i++)
			k->num = k->num * 10 + (s[i] - '0');
	}
}

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '|';
}

/* Cuts the folded key into tokens. Dashes of every width are one kind. */
static void tokenize(const char *k, size_t len, struct toks *t)
{
	size_t i = 0;
	int depth = 0;

	while (i < len) {
		unsigned char c = (unsigned char)k[i];

		if (is_alnum(c)) {
			size_t j = i;
			bool digits = false, letters = false;

			while (j < len && is_alnum((unsigned char)k[j])) {
				if (k[j] >= '0' && k[j] <= '9')
					digits = true;
				else
					letters = true;
				j++;
			}
			push_tok(t, digits && letters ? T_MIX : digits ? T_NUM : T_WORD, k + i, j - i, depth);
			i = j;
			continue;
		}
		if (c == ' ' || c == '*' || c == '_' || c == '"' || c == '\'') {
			i++;
			continue;
		}
		if (c == '(' || c == '[') {
			push_tok(t, T_OPEN, k + i, 1, depth);
			depth++;
			i++;
			continue;
		}
		if (c == ')' || c == ']') {
			if (depth > 0)
				depth--;
			push_tok(t, T_CLOSE, k + i, 1, depth);
			i++;
			continue;
		}
		if (c == '/' || c == '-' || c == ',' || c == '.' || c == ':' || c == ';') {
			enum tok_kind kind = c == '/' ? T_SLASH : c == '-' ? T_DASH : c == ',' ? T_COMMA :
					     c == '.' ? T_DOT : c == ':' ? T_COLON : T_SEMI;

			push_tok(t, kind, k + i, 1, depth);
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t j = i + 1;

			while (j < len && ((unsigned char)k[j] & 0xC0) == 0x80)
				j++;
			/* U+2010..U+2015 (hyphens and dashes) and U+2212 (minus) */
			if (j - i == 3 && ((c == 0xE2 && (unsigned char)k[i + 1] == 0x80 &&
					    (unsigned char)k[i + 2] >= 0x90 && (unsigned char)k[i + 2] <= 0x95) ||
					   (c == 0xE2 && (unsigned char)k[i + 1] == 0x88 &&
					    (unsigned char)k[i + 2] == 0x92)))
				push_tok(t, T_DASH, k + i, j - i, depth);
			/* U+2018..U+201F quotes are as good as white space. */
			else if (!(j - i == 3 && c == 0xE2 && (unsigned char)k[i + 1] == 0x80 &&
				   (unsigned char)k[i + 2] >= 0x98 && (unsigned char)k[i + 2] <= 0x9F))
				push_tok(t, T_OTHER, k + i, j - i, depth);
			i = j;
			continue;
		}
		push_tok(t, T_OTHER, k + i, 1, depth);
		i++;
	}
}

static bool is_word(const struct tok *t, const char *w)
{
	return t->kind == T_WORD && t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

/* A token of a view: tokens at one level; past the end it is a sentinel. */
struct view {
	const struct tok **v;
	size_t n;
};

static const struct tok end_tok = { T_OTHER, "", 0, -1, 0 };

static const struct tok *at(const struct view *w, size_t i)
{
	return i < w->n ? w->v[i] : &end_tok;
}

static bool word_at(const struct view *w, size_t i, const char *word)
{
	return is_word(at(w, i), word);
}

/* The word, or an OCR reading of it one letter off (longer words only). */
static bool fuzzy_word_at(const struct view *w, size_t i, const char *word)
{
	const struct tok *t = at(w, i);
	size_t wl = strlen(word);

	if (t->kind != T_WORD)
		return false;
	if (t->len == wl && memcmp(t->s, word, wl) == 0)
		return true;
	return wl >= 5 && edit_distance(t->s, t->len, word, wl, 1) <= 1;
}

static long year_at(const struct view *w, size_t i)
{
	const struct tok *t = at(w, i);

	return t->kind == T_NUM && valid_year(t->num) ? t->num : 0;
}

/*
 * A quarter numeral: I..IV in Roman figures, where OCR reads I as 1, l or |
 * and II as H or U ("111" = III, "Il" = II, "1V" = IV, "IH" = III), or an
 * Arabic 1..4. 0 when not one.
 */
static int quarter_numeral(const struct tok *t)
{
	char r[12];
	size_t i, j = 0;

	if (t->kind == T_NUM && t->len == 1 && t->num >= 1 && t->num <= 4)
		return (int)t->num;
	if (t->kind == T_OTHER || t->kind == T_SLASH || t->len == 0 || t->len > 4)
		return 0;
	if (t->kind != T_WORD && t->kind != T_NUM && t->kind != T_MIX)
		return 0;
	for (i = 0; i < t->len; i++) {
		char c = t->s[i];

		if (c == 'i' || c == 'l' || c == '1' || c == '|') {
			r[j++] = 'I';
		} else if (c == 'h' || c == 'u') {
			r[j++] = 'I';
			r[j++] = 'I';
		} else if (c == 'v') {
			r[j++] = 'V';
		} else {
			return 0;
		}
	}
	r[j] = '\0';
	if (strcmp(r, "I") == 0)
		return 1;
	if (strcmp(r, "II") == 0)
		return 2;
	if (strcmp(r, "III") == 0)
		return 3;
	if (strcmp(r, "IV") == 0)
		return 4;
	return 0;
}

static int month_at(const struct view *w, size_t i)
{
	const struct tok *t = at(w, i);

	return t->kind == T_NUM && t->num >= 1 && t->num <= 12 ? (int)t->num : 0;
}

/* ---- the scanner ---- */

enum mode { M_WINDOW, M_BEFORE, M_BY };

struct scan {
	const struct view *w;
	size_t i;
	int dy; /* default year */
	struct acc *a;
	enum mode mode; /* how the next element counts */
	bool in_brackets;
};

/* Adds the window [s, e] (e.y == 0: open end) to the accumulator, as the mode says. */
static void add_window(struct scan *sc, struct day s, struct day e, bool fine)
{
	struct acc *a = sc->a;

	a->any = true;
	if (s.y == 0)
		return; /* no year known: the element counts, its dates are null */
	if (sc->mode == M_BEFORE || sc->mode == M_BY) {
		struct day dl = sc->mode == M_BEFORE && !(s.d == e.d && s.m == e.m && s.y == e.y) ?
					day_before(s) : e;

		if (!a->has_deadline || day_cmp(dl, a->deadline) > 0)
			a->deadline = dl;
		a->has_deadline = true;
		sc->mode = M_WINDOW;
		return;
	}
	if (!a->has_window) {
		a->start = s;
		a->end = e;
		a->has_window = true;
		a->fine = fine;
		return;
	}
	if (day_cmp(s, a->start) < 0)
		a->start = s;
	if (day_cmp(e, a->end) > 0)
		a->end = e;
	a->fine = a->fine && fine;
}

static void add_months(struct scan *sc, int y, int m1, int m2, bool fine)
{
	if (y == 0) {
		add_window(sc, mkday(0, 0, 0), mkday(0, 0, 0), fine);
		return;
	}
	add_window(sc, mkday(y, m1, 1), mkday(y, m2, days_in_month(y, m2)), fine);
}

/* The year that follows a quarter or month list: "/2026", "/ 2026", "năm 2026". */
static long trailing_year(const struct view *w, size_t *i)
{
	long y;

	if (at(w, *i)->kind == T_SLASH && (y = year_at(w, *i + 1))) {
		*i += 2;
		return y;
	}
	if (word_at(w, *i, "nam") && (y = year_at(w, *i + 1))) {
		*i += 2;
		return y;
	}
	return 0;
}

static bool is_joiner(const struct view *w, size_t i)
{
	const struct tok *t = at(w, i);

	return t->kind == T_DASH || t->kind == T_COMMA || is_word(t, "va") || is_word(t, "den") ||
	       is_word(t, "hoac") || is_word(t, "toi");
}

/* "quý I", "Quý III – IV/2026", "quý I, II năm 2026", "Quy 111/2021" */
static bool scan_quarter(struct scan *sc)
{
	const struct view *w = sc->w;
	size_t i = sc->i + 1;
	int qmin, qmax, q;
	long y;

	if (!(q = quarter_numeral(at(w, i))))
		return false;
	qmin = qmax = q;
	i++;
	for (;;) {
		size_t j = i;

		if (!is_joiner(w, j))
			break;
		j++;
		if (word_at(w, j, "quy"))
			j++;
		if (!(q = quarter_numeral(at(w, j))))
			break;
		/* "Quý IV/2025 và Quý I/2026": a quarter with its own year is its own element. */
		if (qmin > q)
			qmin = q;
		if (qmax < q)
			qmax = q;
		i = j + 1;
	}
	y = trailing_year(w, &i);
	if (!y)
		y = sc->dy;
	add_months(sc, (int)y, qmin * 3 - 2, qmax * 3, true);
	sc->i = i;
	return true;
}

/* "tháng 2/2026", "tháng 8 năm 2021", "tháng 5, 6/2026", "Tháng 6" */
static bool scan_month(struct scan *sc)
{
	const struct view *w = sc->w;
	size_t i = sc->i + 1;
	int mmin, mmax, m;
	long y;

	if (!(m = month_at(w, i)))
		return false;
	/* "tháng 6/2026" but not a day date "tháng 15/6" (not Vietnamese anyway). */
	mmin = mmax = m;
	i++;
	for (;;) {
		size_t j = i;

		if (!is_joiner(w, j))
			break;
		j++;
		if (word_at(w, j, "thang"))
			j++;
		if (!(m = month_at(w, j)) || year_at(w, j))
			break;
		if (mmin > m)
			mmin = m;
		if (mmax < m)
			mmax = m;
		i = j + 1;
	}
	y = trailing_year(w, &i);
	if (!y)
		y = sc->dy;
	add_months(sc, (int)y, mmin, mmax, true);
	sc->i = i;
	return true;
}

static void add_day(struct scan *sc, int y, int m, int d)
{
	if (sc->in_brackets && sc->mode == M_WINDOW) {
		/* "(vào dịp 30/4)": the occasion narrows the window to its month. */
		add_months(sc, y, m, m, true);
		return;
	}
	add_window(sc, mkday(y, m, d), mkday(y, m, d), true);
}

/* "15/6/2024", "15-6-2024", "15.6.2024", "30/4", "6/2025" */
static bool scan_numeric(struct scan *sc)
{
	const struct view *w = sc->w;
	size_t i = sc->i;
	const struct tok *a = at(w, i), *s1 = at(w, i + 1), *b = at(w, i + 2);
	const struct tok *s2 = at(w, i + 3), *c = at(w, i + 4);
	bool sep1 = s1->kind == T_SLASH || s1->kind == T_DASH || s1->kind == T_DOT;

	if (a->kind != T_NUM || a->num < 0)
		return false;
	if (sep1 && b->kind == T_NUM && s2->kind == s1->kind && c->kind == T_NUM) {
		if (valid_day(c->num, b->num, a->num))
			add_day(sc, (int)c->num, (int)b->num, (int)a->num);
		else if (valid_year(c->num))
			/* "31/2/2026": a date was meant, none can be told */
			add_window(sc, mkday(0, 0, 0), mkday(0, 0, 0), true);
		else
			return false;
		sc->i = i + 5;
		return true;
	}
	/* year ranges: "2026-2030", "2026 – 2030", "2026 đến 2030" */
	if (valid_year(a->num) && (s1->kind == T_DASH || is_word(s1, "den") || is_word(s1, "toi"))) {
		size_t j = i + 2;
		long y2;

		if (word_at(w, j, "nam"))
			j++;
		if ((y2 = year_at(w, j)) && y2 >= a->num) {
			enum mode m = sc->mode;

			add_months(sc, (int)a->num, 1, 12, false);
			sc->mode = m == M_WINDOW ? M_WINDOW : m;
			add_months(sc, (int)y2, 1, 12, false);
			sc->i = j + 1;
			return true;
		}
	}
	if (s1->kind == T_SLASH && b->kind == T_NUM) {
		/* month/year alone */
		if (a->num >= 1 && a->num <= 12 && valid_year(b->num)) {
			add_months(sc, (int)b->num, (int)a->num, (int)a->num, true);
			sc->i = i + 3;
			return true;
		}
		/* day/month without a year */
		if (b->num >= 1 && b->num <= 12 && a->num >= 1 && a->num <= 31) {
			int y = sc->dy;

			if (y && a->num > days_in_month(y, (int)b->num))
				return false;
			if (!y && a->num > days_in_month(2000, (int)b->num))
				return false;
			if (y)
				add_day(sc, y, (int)b->num, (int)a->num);
			else
				add_window(sc, mkday(0, 0, 0), mkday(0, 0, 0), true);
			sc->i = i + 3;
			return true;
		}
		return false;
	}
	if (valid_year(a->num)) {
		add_months(sc, (int)a->num, 1, 12, false);
		sc->i = i + 1;
		return true;
	}
	/* "6 tháng đầu năm", "06 tháng cuối năm 2024" */
	if (word_at(w, i + 1, "thang") && a->num >= 1 && a->num <= 12 &&
	    (word_at(w, i + 2, "dau") || word_at(w, i + 2, "cuoi")) && word_at(w, i + 3, "nam")) {
		size_t j = i + 4;
		long y = year_at(w, j);
		bool first = word_at(w, i + 2, "dau");

		if (y)
			j++;
		else
			y = sc->dy;
		if (first)
			add_months(sc, (int)y, 1, (int)a->num, true);
		else
			add_months(sc, (int)y, 13 - (int)a->num, 12, true);
		sc->i = j;
		return true;
	}
	return false;
}

/* "ngày 15 tháng 6 năm 2024", "ngày 15/6/2024" (the latter via scan_numeric). */
static bool scan_ngay(struct scan *sc)
{
	const struct view *w = sc->w;
	size_t i = sc->i;
	const struct tok *d = at(w, i + 1);
	int m;
	long y;

	/* "ngày 05 của tháng liền kề", "ngày 20 hằng tháng", "ngày 25 của tháng
	 * cuối quý": a day of every month (or quarter), a recurring deadline. */
	if (d->kind == T_NUM && d->num >= 1 && d->num <= 31) {
		size_t j = i + 2 + (word_at(w, i + 2, "cua") ? 1 : 0);

		if ((word_at(w, j, "thang") && (word_at(w, j + 1, "lien") || word_at(w, j + 1, "sau") ||
						word_at(w, j + 1, "cuoi") || word_at(w, j + 1, "tiep"))) ||
		    (word_at(w, j, "hang") && (word_at(w, j + 1, "thang") || word_at(w, j + 1, "quy")))) {
			sc->a->any = sc->a->recurring = true;
			sc->i = j + 2;
			return true;
		}
	}
	if (d->kind != T_NUM || !word_at(w, i + 2, "thang") || !(m = month_at(w, i + 3)))
		return false;
	if (word_at(w, i + 4, "nam") && (y = year_at(w, i + 5)))
		i += 6;
	else {
		y = sc->dy;
		i += 4;
	}
	if (y && !valid_day(y, m, d->num))
		return false;
	if (y)
		add_day(sc, (int)y, m, (int)d->num);
	else
		add_window(sc, mkday(0, 0, 0), mkday(0, 0, 0), true);
	sc->i = i;
	return true;
}

/* Words about years without a number: "trong năm", "cả năm", "hàng năm", "các năm tiếp theo". */
static bool scan_year_words(struct scan *sc)
{
	const struct view *w = sc->w;
	size_t i = sc->i;

	/* "hàng năm", "hằng năm", "hàng tháng", "hằng quý" */
	if (word_at(w, i, "hang") &&
	    (word_at(w, i + 1, "nam") || word_at(w, i + 1, "thang") || word_at(w, i + 1, "quy") ||
	     word_at(w, i + 1, "tuan") || word_at(w, i + 1, "ngay"))) {
		sc->a->any = sc->a->recurring = true;
		sc->i = i + 2;
		return true;
	}
	if ((fuzzy_word_at(w, i, "thuong") && fuzzy_word_at(w, i + 1, "xuyen")) ||
	    (word_at(w, i, "thuong") && word_at(w, i + 1, "nien")) ||
	    (word_at(w, i, "dinh") && word_at(w, i + 1, "ky"))) {
		sc->a->any = sc->a->recurring = true;
		sc->i = i + 2;
		return true;
	}
	/* "và các năm tiếp theo", "những năm tiếp theo", "các năm sau" */
	if ((word_at(w, i, "cac") || word_at(w, i, "nhung")) && word_at(w, i + 1, "nam") &&
	    (word_at(w, i + 2, "tiep") || word_at(w, i + 2, "sau"))) {
		sc->a->any = sc->a->recurring = sc->a->open_end = true;
		sc->i = i + (word_at(w, i + 2, "tiep") && word_at(w, i + 3, "theo") ? 4 : 3);
		return true;
	}
	/* "trong năm", "cả năm", "năm nay" without a number: the plan's year */
	if (((word_at(w, i, "trong") || word_at(w, i, "ca")) && word_at(w, i + 1, "nam") &&
	     !year_at(w, i + 2)) ||
	    (word_at(w, i, "nam") && word_at(w, i + 1, "nay"))) {
		add_months(sc, sc->dy, 1, 12, false);
		sc->i = i + 2;
		return true;
	}
	return false;
}

/* Words that make the next element a deadline. */
static bool scan_deadline_words(struct scan *sc)
{
	const struct view *w = sc->w;
	size_t i = sc->i;

	if (word_at(w, i, "truoc")) {
		sc->mode = M_BEFORE;
		sc->i = i + 1;
		return true;
	}
	if (word_at(w, i, "cham") && word_at(w, i + 1, "nhat")) {
		sc->mode = M_BY;
		sc->i = i + 2;
		return true;
	}
	/* "Thời hạn (hoàn thành):" is a label, not a deadline word. */
	if ((word_at(w, i, "han") && !word_at(w, i + 1, "che") &&
	     !(i > 0 && word_at(w, i - 1, "thoi"))) ||
	    (word_at(w, i, "khong") && word_at(w, i + 1, "muon") && word_at(w, i + 2, "hon"))) {
		sc->mode = M_BY;
		sc->i = i + (word_at(w, i, "han") ? 1 : 3);
		return true;
	}
	/* "đến ngày 15/6" alone is a deadline; "từ năm 2013 đến năm 2020" a range. */
	if ((word_at(w, i, "den") || word_at(w, i, "toi")) && !sc->a->has_window) {
		sc->mode = M_BY;
		sc->i = i + 1;
		if (word_at(w, sc->i, "het"))
			sc->i++;
		return true;
	}
	return false;
}

static void scan_view(const struct view *w, int dy, bool in_brackets, struct acc *a)
{
	struct scan sc = { .w = w, .i = 0, .dy = dy, .a = a, .mode = M_WINDOW, .in_brackets = in_brackets };

	while (sc.i < w->n) {
		const struct tok *t = at(w, sc.i);

		if (is_word(t, "quy") && scan_quarter(&sc))
			continue;
		if (is_word(t, "thang") && scan_month(&sc))
			continue;
		if (is_word(t, "ngay") && scan_ngay(&sc))
			continue;
		if (is_word(t, "nam") && year_at(w, sc.i + 1)) {
			sc.i++;
			continue; /* the year itself is read next */
		}
		if (t->kind == T_NUM && scan_numeric(&sc))
			continue;
		if (t->kind == T_WORD && (scan_year_words(&sc) || scan_deadline_words(&sc)))
			continue;
		sc.i++;
	}
}

/* ---- putting the parts together ---- */

/* Writes "YYYY-MM-DD"; the parts are range-checked before they get here. */
static void iso_write(char *out, int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

static void fmt_day(char *out, struct day d)
{
	if (d.y == 0) {
		out[0] = '\0';
		return;
	}
	iso_write(out, d.y, d.m, d.d);
}

static char *phrase_text(const char *s, size_t len)
{
	struct sb sb = SB_INIT;

	sb_add_collapsed(&sb, s, len);
	sb_trim(&sb);
	/* sentence punctuation after the phrase is not part of it */
	while (sb.len > 0 && (sb.buf[sb.len - 1] == '.' || sb.buf[sb.len - 1] == ';' ||
			      sb.buf[sb.len - 1] == ',')) {
		sb_setlen(&sb, sb.len - 1);
		sb_trim(&sb);
	}
	return sb_detach(&sb);
}

/*
 * Reads the tokens: the main text (depth 0) and the bracket groups. The
 * bracket groups read with the main window's year as their default year.
 */
static void read_all(const struct toks *t, int default_year, struct acc *main, struct acc *br)
{
	struct view w = { xmalloc((t->n + 1) * sizeof(*w.v)), 0 };
	size_t i;
	int by;

	for (i = 0; i < t->n; i++)
		if (t->v[i].depth == 0 && t->v[i].kind != T_OPEN && t->v[i].kind != T_CLOSE)
			w.v[w.n++] = &t->v[i];
	scan_view(&w, default_year, false, main);
	by = main->has_window ? main->start.y : main->has_deadline ? main->deadline.y : default_year;
	w.n = 0;
	for (i = 0; i < t->n; i++) {
		const struct tok *k = &t->v[i];

		if (k->depth > 0 && k->kind != T_OPEN && k->kind != T_CLOSE) {
			w.v[w.n++] = k;
			continue;
		}
		if (k->kind == T_CLOSE && k->depth == 0 && w.n) {
			scan_view(&w, by, true, br);
			w.n = 0;
		}
	}
	if (w.n)
		scan_view(&w, by, true, br);
	free(w.v);
}

static bool fold_tokens(const char *s, size_t len, struct sb *key, struct toks *t)
{
	if (!s || len == 0)
		return false;
	if (vi_fold(key, s, len, 0) < 0)
		return false;
	tokenize(key->buf, key->len, t);
	return true;
}

struct due *timeframe_parse(const char *s, size_t len, int default_year)
{
	struct sb key = SB_INIT;
	struct toks t = { 0 };
	struct acc main = { 0 }, br = { 0 };
	struct due *d = NULL;
	struct day start = { 0 }, end = { 0 };
	char *text;

	if (!valid_year(default_year))
		default_year = 0;
	if (!fold_tokens(s, len, &key, &t))
		goto out;
	read_all(&t, default_year, &main, &br);
	if (!main.any && !br.any)
		goto out;
	if (main.has_window) {
		start = main.start;
		end = main.end;
	}
	/* a month, day or quarter in brackets narrows the window */
	if (br.has_window && (!main.has_window || br.fine)) {
		start = br.start;
		end = br.end;
	}
	if (main.has_deadline || br.has_deadline) {
		struct day dl = br.has_deadline ? br.deadline : main.deadline;

		end = dl;
		if (start.y && day_cmp(start, dl) > 0)
			start.y = 0;
	}
	if (main.open_end)
		end.y = 0;
	text = phrase_text(s, len);
	d = due_new(text);
	free(text);
	fmt_day(d->start, start);
	fmt_day(d->end, end);
	d->recurring = main.recurring || main.open_end;
out:
	free(t.v);
	sb_release(&key);
	return d;
}

/* ---- is it a time phrase and nothing else? ---- */

/* Words a time cell may hold besides numbers (folded). */
static const char *const time_words[] = {
	"quy", "thang", "nam", "ngay", "tuan", "trong", "ca", "hoan", "thanh", "thuong", "xuyen",
	"nien", "hang", "dinh", "ky", "tu", "den", "toi", "va", "hoac", "cac", "nhung", "tiep",
	"theo", "truoc", "cham", "nhat", "du", "kien", "giai", "doan", "dau", "cuoi", "giua",
	"nua", "sau", "thoi", "gian", "thuc", "hien", "han", "het", "nay", "vao", "dip", "lien",
	"tuc", "moi", "khoang", "muon", "khong", "hon", "ke", "tai", "nhiem",
};

static bool time_word(const struct tok *t, const struct tok *next)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(time_words); i++)
		if (is_word(t, time_words[i]))
			return true;
	/* OCR: one wrong letter in a longer word ("thuòng" read "thuong" is fine
	 * already; "xuyen" read "xuycn"), and "Dự kiến" read "Dy kién". */
	if (t->len >= 4) {
		for (i = 0; i < ARRAY_SIZE(time_words); i++) {
			size_t wl = strlen(time_words[i]);

			if (wl >= 4 && edit_distance(t->s, t->len, time_words[i], wl, 1) <= 1)
				return true;
		}
	}
	if (t->len <= 2 && t->s[0] == 'd' && next && is_word(next, "kien"))
		return true;
	return false;
}

bool timeframe_is_phrase(const char *s, size_t len)
{
	struct sb key = SB_INIT;
	struct toks t = { 0 };
	struct acc main = { 0 }, br = { 0 };
	bool ok = false, seen_main = false;
	size_t i;

	if (!fold_tokens(s, len, &key, &t))
		goto out;
	for (i = 0; i < t.n; i++) {
		const struct tok *k = &t.v[i];

		if (k->depth > 0 || k->kind == T_OPEN || k->kind == T_CLOSE)
			continue;
		seen_main = true;
		switch (k->kind) {
		case T_WORD:
			if (time_word(k, i + 1 < t.n ? &t.v[i + 1] : NULL))
				break;
			/* a quarter numeral after "quý" or after a joiner */
			if (quarter_numeral(k) && i > 0)
				break;
			goto out;
		case T_MIX:
			if (quarter_numeral(k))
				break;
			goto out;
		case T_OTHER:
			goto out;
		default:
			break;
		}
	}
	if (!seen_main)
		goto out;
	read_all(&t, 2000, &main, &br);
	ok = main.any;
out:
	free(t.v);
	sb_release(&key);
	return ok;
}

/* ---- dates in running text ---- */

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1..max digits at s[*i]; -1 when none. */
static long read_digits(const char *s, size_t len, size_t *i, size_t max)
{
	size_t j = *i, n = 0;
	long v = 0;

	while (j < len && digit(s[j])) {
		if (++n > max)
			return -1;
		v = v * 10 + (s[j] - '0');
		j++;
	}
	if (n == 0)
		return -1;
	*i = j;
	return v;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* True when s[i..) starts a word whose folding key is w; *i moves past it. */
static bool word_here(const char *s, size_t len, size_t *i, const char *w)
{
	size_t j = *i;
	struct sb key = SB_INIT;
	bool ok;

	while (j < len && j - *i < 16 && s[j] != ' ' && s[j] != '\t' && !digit(s[j]))
		j++;
	if (j == *i)
		return false;
	vi_fold(&key, s + *i, j - *i, 0);
	ok = strcmp(key.buf, w) == 0;
	sb_release(&key);
	if (ok)
		*i = j;
	return ok;
}

/* Tries a date at s[i] (a digit that starts its run); returns the end or 0. */
static size_t date_at(const char *s, size_t len, size_t i, char *iso)
{
	size_t j = i;
	long d, m, y;
	char sep;

	if ((d = read_digits(s, len, &j, 2)) < 0)
		return 0;
	if (j < len && (s[j] == '/' || s[j] == '-' || s[j] == '.')) {
		sep = s[j++];
		if ((m = read_digits(s, len, &j, 2)) < 0 || j >= len || s[j] != sep)
			return 0;
		j++;
		if ((y = read_digits(s, len, &j, 4)) < 0 || j - i < 5)
			return 0;
	} else {
		/* "15 tháng 6 năm 2024" */
		j = skip_spaces(s, len, j);
		if (!word_here(s, len, &j, "thang"))
			return 0;
		j = skip_spaces(s, len, j);
		if ((m = read_digits(s, len, &j, 2)) < 0)
			return 0;
		j = skip_spaces(s, len, j);
		if (!word_here(s, len, &j, "nam"))
			return 0;
		j = skip_spaces(s, len, j);
		if ((y = read_digits(s, len, &j, 4)) < 0)
			return 0;
	}
	if (!valid_day(y, m, d))
		return 0;
	if (iso)
		iso_write(iso, (int)y, (int)m, (int)d);
	return j;
}

size_t timeframe_find_date(const char *s, size_t len, char *iso)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < len; i++) {
		size_t end;

		if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.')))
			continue;
		if ((end = date_at(s, len, i, iso)) != 0)
			return end;
	}
	if (iso)
		iso[0] = '\0';
	return 0;
}

/* ---- time phrases in running text ---- */

/* Longest run of words read as one time phrase in running text. */
#define RUN_MAX_WORDS 16

/* Folded words that may stand in a time phrase inside a sentence (besides
 * numbers and quarter numerals): narrower than time_words, which also reads
 * whole cells. */
static const char *const run_words[] = {
	"quy", "thang", "nam", "ngay", "trong", "ca", "hoan", "thanh", "thuong", "xuyen", "hang",
	"hang", "dinh", "ky", "tu", "den", "va", "cac", "nhung", "tiep", "theo", "truoc", "cham",
	"nhat", "giai", "doan", "dau", "cuoi", "nua", "thoi", "gian", "thuc", "hien", "han", "lien",
	"ke", "cua", "tuan", "hoac", "du", "kien",
};

/* Words one of which must open (or stand in) a run for it to be a time
 * frame rather than a year named in passing ("Kế hoạch năm 2026"). */
static const char *const run_cues[] = {
	"quy", "thang", "truoc", "cham", "hoan", "thoi", "hang", "dinh", "thuong", "trong", "tu",
	"giai", "ca", "han",
};

/* Folded words before a date that make it part of a citation ("Quyết định
 * số 1441/QĐ-UBND ngày 25/9/2025"): a document symbol or a kind of act. */
static bool is_citation_word(const char *w, size_t n)
{
	static const char *const cite[] = { "so", "hoach", "luat" };
	size_t i;

	if (memchr(w, '/', n))
		return true; /* a document symbol: 01/NQ-CP */
	for (i = 0; i < n && w[i] >= '0' && w[i] <= '9'; i++)
		;
	if (n && i == n)
		return true; /* "Chỉ thị số 05 ngày ..." */
	for (i = 0; i < ARRAY_SIZE(cite); i++)
		if (n == strlen(cite[i]) && memcmp(w, cite[i], n) == 0)
			return true;
	return false;
}

static bool key_is(const char *key, const char *w);
struct rword;
static bool run_has_cue(const struct rword *v, size_t a, size_t b);

/* True when s[0..n) holds U+FFFD. */
static bool has_replacement(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)
			return true;
	return false;
}

struct rword {
	size_t start, end; /* bytes in the text */
	char key[40]; /* folded, punctuation kept; "" when too long */
	bool stop; /* ends with '.', ';' or ':' (a clause ends after it) */
	bool comma; /* ends with ',' */
};

/* Words that open a deadline wherever they stand in a sentence. */
static bool strong_start(const char *key)
{
	return key_is(key, "hoan") || key_is(key, "truoc") || key_is(key, "cham") ||
	       key_is(key, "thoi") || key_is(key, "han");
}

/*
 * Whether the run v[a..b) states the sentence's time frame rather than
 * naming a period in passing ("Quy hoạch ... giai đoạn 2026-2030", "Ban Chỉ
 * đạo thường xuyên bám sát"): it opens with a deadline word, or it opens a
 * clause ("...; thực hiện hằng năm", "...: Quý IV/2026") with a time cue,
 * or, after a comma, it also ends the sentence.
 */
static bool run_states_time(const struct rword *v, size_t n, size_t a, size_t b)
{
	bool opens, ends;

	if (strong_start(v[a].key))
		return true;
	if (!run_has_cue(v, a, b))
		return false;
	opens = a == 0 || v[a - 1].stop;
	ends = b == n || v[b - 1].stop;
	if (opens || (v[a - 1].comma && ends))
		return true;
	/* "... trình UBND tỉnh trong quý 3/2026." closing the item */
	return b == n && (key_is(v[a].key, "trong") || key_is(v[a].key, "quy") ||
			  key_is(v[a].key, "thang") || key_is(v[a].key, "hang") ||
			  key_is(v[a].key, "thuong") ||
			  key_is(v[a].key, "dinh"));
}

/* True when every token of a folded word is a number, a quarter numeral or
 * a run word. */
static bool time_run_word(const char *key)
{
	struct toks t = { 0 };
	size_t i, k;
	bool ok = key[0] != '\0';

	tokenize(key, strlen(key), &t);
	for (i = 0; ok && i < t.n; i++) {
		const struct tok *x = &t.v[i];

		if (x->kind == T_NUM || x->kind == T_SLASH || x->kind == T_DASH ||
		    x->kind == T_COMMA || x->kind == T_DOT || x->kind == T_SEMI ||
		    x->kind == T_COLON || quarter_numeral(x))
			continue;
		if (x->kind != T_WORD) {
			ok = false;
			break;
		}
		for (k = 0; k < ARRAY_SIZE(run_words); k++)
			if (is_word(x, run_words[k]))
				break;
		ok = k < ARRAY_SIZE(run_words);
	}
	free(t.v);
	return ok && t.n > 0;
}

static bool key_is(const char *key, const char *w)
{
	size_t n = strlen(w);

	return strncmp(key, w, n) == 0 && (key[n] == '\0' || !((key[n] >= 'a' && key[n] <= 'z') ||
							      (key[n] >= '0' && key[n] <= '9')));
}

static bool run_has_cue(const struct rword *v, size_t a, size_t b)
{
	size_t i, k;

	for (i = a; i < b && i < a + 3; i++)
		for (k = 0; k < ARRAY_SIZE(run_cues); k++)
			if (key_is(v[i].key, run_cues[k]))
				return true;
	return false;
}

bool timeframe_find_in_text(const char *s, size_t len, int default_year, size_t *at_out,
			    size_t *end_out)
{
	VEC(struct rword) w = { 0 };
	struct sb key = SB_INIT;
	size_t i = 0, a, best_a = 0, best_b = 0;
	bool found = false;

	while (i < len) {
		struct rword *r;
		size_t b;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
			i++;
		if (i >= len)
			break;
		b = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			i++;
		r = VEC_PUSH(&w);
		r->start = b;
		r->end = i;
		r->key[0] = '\0';
		sb_reset(&key);
		/* "ng\xEF\xBF\xBDy": a short word with a character lost to U+FFFD
		 * stands in for a time word ("ngày"); the caller doubts the result. */
		if (i - b <= 8 && has_replacement(s + b, i - b)) {
			memcpy(r->key, "ngay", 5);
			r->stop = strchr(".;:(", s[i - 1]) != NULL;
			r->comma = s[i - 1] == ',';
			continue;
		}
		if (i - b < sizeof(r->key) && vi_fold(&key, s + b, i - b, 0) >= 0 &&
		    key.len < sizeof(r->key))
			memcpy(r->key, key.buf, key.len + 1);
		r->stop = strchr(".;:(", s[i - 1]) != NULL;
		r->comma = s[i - 1] == ',';
	}
	for (a = 0; a < w.n; a++) {
		size_t b = a;
		struct due *d;

		while (b < w.n && b - a < RUN_MAX_WORDS && time_run_word(w.v[b].key)) {
			b++;
			if (w.v[b - 1].stop)
				break;
		}
		if (b == a)
			continue;
		/* A date after a document symbol or the name of an act is a citation. */
		if (!(a > 0 && !w.v[a - 1].stop &&
		      is_citation_word(w.v[a - 1].key, strlen(w.v[a - 1].key))) &&
		    run_states_time(w.v, w.n, a, b) && (d = timeframe_parse(s + w.v[a].start,
								   w.v[b - 1].end - w.v[a].start,
								   default_year)) != NULL) {
			if (d->start[0] || d->end[0] || d->recurring) {
				best_a = w.v[a].start;
				best_b = w.v[b - 1].end;
				found = true;
			}
			due_free(d);
		}
		a = b - 1;
	}
	free(w.v);
	sb_release(&key);
	if (found) {
		*at_out = best_a;
		*end_out = best_b;
	}
	return found;
}
