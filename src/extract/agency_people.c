/*
 * agency_people.c - people and officials in leader and supervisor cells:
 * person_name, supervisor_canonical, agency_title_len, and agency_looks_like.
 */
#include "base/compat.h"
#include "extract/agency_list.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <utf8proc.h>

/* ------------------------------------------------------------ people */

/* The word tokens of a text, as words (folded, unexpanded). */
static void all_words(const struct toks *k, struct words *w)
{
	size_t i;

	for (i = 0; i < k->t.n; i++) {
		if (k->t.v[i].p != P_WORD || !*k->t.v[i].fold)
			continue;
		ag_words_push(w, k->t.v[i].fold, strlen(k->t.v[i].fold), i, i + 1);
	}
}

/* True when words i and i+1 are adjacent tokens (nothing but space between). */
static bool adjacent(const struct toks *k, const struct words *w, size_t i)
{
	return w->v[i + 1].t0 == w->v[i].t1;
}

/* The token just before token t, or NULL. */
static const struct tok *prev_tok(const struct toks *k, size_t t)
{
	return t > 0 ? &k->t.v[t - 1] : NULL;
}

static bool is_province_run(const struct words *w, size_t a, size_t b)
{
	struct words sub = { 0 }, nw = { 0 };
	struct sb key = SB_INIT;
	size_t i;
	bool yes;

	for (i = a; i < b; i++)
		ag_words_push(&sub, w->v[i].w, strlen(w->v[i].w), w->v[i].t0, w->v[i].t1);
	ag_norm_words(&sub, &nw);
	ag_words_key(&nw, 0, nw.n, &key);
	yes = ag_smap_get(&ag_tab.province.m, key.buf) >= 0;
	ag_words_release(&sub);
	ag_words_release(&nw);
	sb_release(&key);
	return yes;
}

/* Token i in lower case with its marks, computed once. */
static const char *tok_low(const struct toks *k, size_t i)
{
	const struct tok *t = &k->t.v[i];

	if (!k->low[i])
		k->low[i] = ag_lower_exact(k->text + t->s, t->e - t->s);
	return k->low[i];
}

/* A family name, with its marks ("Cầm" but not "Cẩm"); text without any
 * marks (OCR) is compared on the folding key. */
static bool is_surname(const struct toks *k, const struct tok *t)
{
	return ag_smap_get(&ag_tab.surname_exact, tok_low(k, (size_t)(t - k->t.v))) >= 0 ||
	       (ag_is_ascii(k->text + t->s, t->e - t->s) && ag_smap_get(&ag_tab.surname.m, t->fold) >= 0);
}

/* The title that starts at word i, compared with its marks ("Trưởng", not
 * "Trường"), or on the folding key when the words carry no marks (OCR);
 * its disp index with *len set, or -1. */
static int title_at(const struct toks *k, const struct words *w, size_t i, size_t *len)
{
	struct sb x = SB_INIT, f = SB_INIT;
	size_t l, j, most;
	int v = -1, fe, ff;

	if (i >= w->n)
		return -1;
	/* Most words open no title: one look-up each in the first-word maps. */
	fe = ag_smap_get(&ag_tab.title_exact.first, tok_low(k, w->v[i].t0));
	ff = ag_smap_get(&ag_tab.title.first, w->v[i].w);
	if (fe <= 0 && ff <= 0)
		return -1;
	most = (size_t)(fe > ff ? fe : ff);
	for (l = most < w->n - i ? most : w->n - i; l > 0 && v < 0; l--) {
		bool ascii = true;

		sb_reset(&x);
		for (j = i; j < i + l; j++) {
			const struct tok *t = &k->t.v[w->v[j].t0];

			if (!ag_is_ascii(k->text + t->s, t->e - t->s))
				ascii = false;
			if (j > i)
				sb_addc(&x, ' ');
			sb_adds(&x, tok_low(k, w->v[j].t0));
		}
		v = ag_smap_get(&ag_tab.title_exact.m, x.buf);
		if (v < 0 && ascii) {
			ag_words_key(w, i, i + l, &f);
			v = ag_smap_get(&ag_tab.title.m, f.buf);
		}
		if (v >= 0)
			*len = l;
	}
	sb_release(&x);
	sb_release(&f);
	return v;
}

/* True when the word after a run (past dashes and commas) opens a title. */
static bool title_follows(const struct toks *k, const struct words *w, size_t j)
{
	size_t l, t;

	if (j >= w->n)
		return false;
	for (t = w->v[j - 1].t1; t < w->v[j].t0; t++)
		if (k->t.v[t].p != P_DASH && k->t.v[t].p != P_HYPHEN && k->t.v[t].p != P_COMMA)
			return false;
	return title_at(k, w, j, &l) >= 0;
}

/*
 * Finds a person's name in a cell: a run of 2-5 name syllables (capital then
 * lower case) that starts with a known family name and stands where names
 * stand (the cell's start, after a title, before "- <title>"), or that follows
 * an honorific ("Đồng chí"). A run right after an administrative level ("xã
 * Lâm Thượng", "tỉnh Hà Giang"), and the names listed after it, are places.
 */
static bool find_person(const struct toks *k, size_t *a_out, size_t *b_out)
{
	struct words w = { 0 };
	size_t i = 0, l;
	bool titled = false, in_places = false, found = false;

	all_words(k, &w);
	while (i < w.n && !found) {
		const struct tok *t, *pv;
		size_t j, ll;
		bool hon = false, after_level = false, after_tinh = false, after_comma;

		if (title_at(k, &w, i, &l) >= 0) {
			titled = true;
			in_places = false;
			i += l;
			continue;
		}
		/* An honorific opens the cell or follows punctuation, and the name
		 * follows it directly ("Thác Bà, Yên Bình" holds no "Bà"). */
		if (ag_seq_at(&ag_tab.honorific, &w, i, &l) >= 0 && (i == 0 || !adjacent(k, &w, i - 1)) &&
		    i + l < w.n && adjacent(k, &w, i + l - 1)) {
			i += l;
			if (title_at(k, &w, i, &ll) >= 0)
				continue;
			hon = true;
		}
		t = &k->t.v[w.v[i].t0];
		if (!t->title) {
			i++;
			continue;
		}
		if (i > 0 && adjacent(k, &w, i - 1) && ag_seq_at(&ag_tab.level, &w, i - 1, &ll) >= 0 && ll == 1) {
			after_level = true;
			after_tinh = strcmp(w.v[i - 1].w, "tinh") == 0;
		}
		if (i > 1 && adjacent(k, &w, i - 2) && strcmp(w.v[i - 2].w, "thanh") == 0 &&
		    strcmp(w.v[i - 1].w, "pho") == 0)
			after_level = true;
		pv = prev_tok(k, w.v[i].t0);
		after_comma = pv && pv->p == P_COMMA;
		/* The run: adjacent name syllables, stopping before a title. */
		for (j = i + 1; j < w.n && j - i < 6; j++) {
			const struct tok *u = &k->t.v[w.v[j].t0];

			if (!adjacent(k, &w, j - 1) || !u->title || title_at(k, &w, j, &ll) >= 0)
				break;
		}
		if (after_level && !after_tinh)
			in_places = true;
		if (j - i >= 2 && j - i <= 5) {
			bool place = (after_level && !after_tinh) || is_province_run(&w, i, j) ||
				     (in_places && after_comma);
			bool head = ag_seq_at(&ag_tab.head, &w, i, &ll) >= 0;
			bool where = i == 0 || titled || title_follows(k, &w, j);

			if (!place && ((where && is_surname(k, t)) || (hon && !head))) {
				*a_out = w.v[i].t0;
				*b_out = w.v[j - 1].t1;
				found = true;
			}
		}
		i = j;
	}
	ag_words_release(&w);
	return found;
}

static int lead_title(const struct toks *k, size_t *after);

size_t agency_title_len(const char *s)
{
	struct toks k;
	size_t after = 0, len = 0;

	if (!s)
		return 0;
	ag_table_init();
	ag_tokenize(&k, s, ag_capped_len(s, LIST_CAP));
	if (lead_title(&k, &after) >= 0 && after > 0 && after <= k.t.n)
		len = k.t.v[after - 1].e;
	ag_toks_release(&k);
	return len;
}

char *person_name(const char *cell)
{
	struct toks k;
	size_t a, b;
	char *name = NULL;

	if (!cell)
		return NULL;
	ag_table_init();
	ag_tokenize(&k, cell, ag_capped_len(cell, LIST_CAP));
	if (find_person(&k, &a, &b)) {
		struct sb out = SB_INIT;

		ag_add_raw(&k, a, b, &out);
		name = sb_detach(&out);
	}
	ag_toks_release(&k);
	return name;
}

/* --------------------------------------------------------- supervisors */

/* The title that opens a cell (after an honorific, if any): its disp index,
 * with *after set to the token after it; -1 when none. */
static int lead_title(const struct toks *k, size_t *after)
{
	struct words w = { 0 };
	size_t i = 0, l = 0;
	int v = -1;

	all_words(k, &w);
	if (w.n && ag_seq_at(&ag_tab.honorific, &w, 0, &l) >= 0)
		i = l;
	if (i < w.n && (v = title_at(k, &w, i, &l)) >= 0)
		*after = w.v[i + l - 1].t1;
	ag_words_release(&w);
	return v;
}

/* The first token of the body after a title, past ",", ":" and dashes. */
static size_t body_start(const struct toks *k, size_t t)
{
	while (t < k->t.n && k->t.v[t].p != P_WORD)
		t++;
	return t;
}

/* Writes a UBND body after a title: "Phường Sa Pa, Bắc Hà" -> "UBND phường
 * Sa Pa, Bắc Hà"; "các xã, phường: …" -> "UBND các xã, phường: …". */
static bool ubnd_phrase(const struct toks *k, size_t t0, struct sb *out)
{
	struct words w = { 0 };
	size_t i = 0, l = 0, j;
	int level, v;
	bool cac = false, ok = false;

	for (j = t0; j < k->t.n; j++)
		if (k->t.v[j].p == P_WORD && *k->t.v[j].fold)
			ag_words_push(&w, k->t.v[j].fold, strlen(k->t.v[j].fold), j, j + 1);
	if (w.n && (v = ag_seq_at(&ag_tab.abbr, &w, 0, &l)) >= 0 && strcmp(ag_tab.disp.v[v], "uy ban nhan dan") == 0)
		i = l;
	else if (ag_is_ubnd_at(&w, 0))
		i = 4;
	if (i < w.n && strcmp(w.v[i].w, "cac") == 0) {
		cac = true;
		i++;
	}
	if (i >= w.n || (level = ag_seq_at(&ag_tab.level, &w, i, &l)) < 0 || i + l >= w.n)
		goto out;
	/* "Lãnh đạo tỉnh phụ trách" is no People's Committee. */
	if (i == 0 && !ag_level_is_commune(level))
		goto out;
	sb_adds(out, "UBND ");
	if (cac)
		sb_adds(out, "các ");
	sb_adds(out, ag_tab.disp.v[level]);
	{
		size_t from = k->t.v[w.v[i + l - 1].t1 - 1].e;
		struct sb rest = SB_INIT;

		ag_add_clean(&rest, k->text + from, k->len - from);
		sb_trim(&rest);
		if (rest.len && rest.buf[0] != ',' && rest.buf[0] != ':')
			sb_addc(out, ' ');
		sb_adds(out, rest.buf);
		sb_release(&rest);
	}
	ok = true;
out:
	ag_words_release(&w);
	return ok;
}

/* Strips trailing dots, commas and spaces. */
static void trim_tail(struct sb *s)
{
	while (s->len && ag_trim_char((unsigned char)s->buf[s->len - 1]))
		sb_setlen(s, s->len - 1);
	sb_trim(s);
}

bool supervisor_looks_like(const char *s)
{
	struct toks k;
	size_t after = 0, b;
	bool yes = false;
	char *person;

	if (!s)
		return false;
	ag_table_init();
	ag_tokenize(&k, s, ag_capped_len(s, LIST_CAP));
	if (k.len > 300 || lead_title(&k, &after) < 0)
		goto out;
	b = body_start(&k, after);
	if (b >= k.t.n)
		goto out;
	person = person_name(s);
	if (person) {
		free(person);
		goto out;
	}
	{
		struct words w = { 0 };
		struct sb rest = SB_INIT, ub = SB_INIT;
		size_t l, i;

		for (i = b; i < k.t.n; i++)
			if (k.t.v[i].p == P_WORD && *k.t.v[i].fold)
				ag_words_push(&w, k.t.v[i].fold, strlen(k.t.v[i].fold), i, i + 1);
		ag_add_raw(&k, b, k.t.n, &rest);
		trim_tail(&rest);
		/* A known body, a People's Committee, or a short name that opens
		 * like a body; a title word opening a long sentence is no cell. */
		yes = agency_canonical(NULL, rest.buf, AGENCY_FUZZY) != NULL || ubnd_phrase(&k, b, &ub) ||
		      (w.n <= 10 && (ag_seq_at(&ag_tab.head, &w, 0, &l) >= 0 || ag_seq_at(&ag_tab.abbr, &w, 0, &l) >= 0));
		ag_words_release(&w);
		sb_release(&rest);
		sb_release(&ub);
	}
out:
	ag_toks_release(&k);
	return yes;
}

char *supervisor_canonical(const struct agency_registry *r, const char *s, unsigned flags)
{
	struct toks k;
	struct sb out = SB_INIT, rest = SB_INIT;
	size_t after = 0, b;
	int title;

	if (!s)
		return NULL;
	ag_table_init();
	ag_tokenize(&k, s, ag_capped_len(s, LIST_CAP));
	title = lead_title(&k, &after);
	if (title < 0 || (b = body_start(&k, after)) >= k.t.n) {
		ag_add_raw(&k, 0, k.t.n, &out);
		trim_tail(&out);
		goto out;
	}
	sb_adds(&out, ag_tab.disp.v[title]);
	sb_addc(&out, ' ');
	ag_add_raw(&k, b, k.t.n, &rest);
	trim_tail(&rest);
	{
		const char *canon = agency_canonical(r, rest.buf, flags);
		struct sb ub = SB_INIT;

		if (canon) {
			sb_adds(&out, canon);
		} else if (ubnd_phrase(&k, b, &ub)) {
			trim_tail(&ub);
			sb_adds(&out, ub.buf);
		} else {
			sb_adds(&out, rest.buf);
		}
		sb_release(&ub);
	}
out:
	sb_release(&rest);
	ag_toks_release(&k);
	if (!out.len) {
		sb_release(&out);
		return NULL;
	}
	return sb_detach(&out);
}

/* --------------------------------------------------------- looks like */

bool agency_looks_like(const struct agency_registry *r, const char *s, unsigned flags)
{
	struct strlist bodies = { 0 }, groups = { 0 };
	struct split sp = { .bodies = &bodies, .groups = &groups };
	char *person;
	bool yes = false;

	if (!s || !*s || strnlen(s, 401) > 400)
		return false;
	ag_table_init();
	person = person_name(s);
	if (person) {
		free(person);
		return false;
	}
	if (supervisor_looks_like(s))
		return false;
	ag_split_run(&sp, r, s, flags);
	yes = sp.known > 0 && sp.unknown_n <= sp.known && sp.long_unknown == 0;
	ag_split_release(&sp);
	strlist_release(&bodies);
	strlist_release(&groups);
	return yes;
}
