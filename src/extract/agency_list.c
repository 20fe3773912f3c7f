/*
 * agency_list.c - agency lists as printed into bodies and group labels, and
 * one name or phrase at a time (agency_split, agency_canonical, agency_group).
 */
#include "base/compat.h"
#include "extract/agency_list.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <utf8proc.h>

/* ------------------------------------------------------------------ split */



/* Pushes name to l unless its folding key is in seen (strlist_push_unique()
 * in constant time). */
static void push_unique(struct strlist *l, struct smap *seen, const char *name)
{
	char *key = vi_fold_dup(name, 0);

	if (ag_smap_get(seen, key) < 0) {
		ag_smap_put(seen, key, 1);
		strlist_push(l, name);
	}
	free(key);
}

static void seed_seen(struct smap *seen, const struct strlist *l)
{
	size_t i;

	for (i = 0; l && i < l->n; i++) {
		char *key = vi_fold_dup(l->v[i], 0);

		ag_smap_put(seen, key, 1);
		free(key);
	}
}

static void add_piece(struct split *s, size_t t0, size_t t1, bool join_next, bool colon, bool dash)
{
	size_t i;
	bool any = false;

	for (i = t0; i < t1; i++)
		if (s->c.k.t.v[i].p == P_WORD)
			any = true;
	if (!any) {
		if (colon && s->p.n)
			s->p.v[s->p.n - 1].colon = true;
		if (s->p.n && !join_next)
			s->p.v[s->p.n - 1].join_next = false;
		return;
	}
	{
		struct piece *p = VEC_PUSH(&s->p);

		p->t0 = t0;
		p->t1 = t1;
		p->join_next = join_next;
		p->colon = colon;
		p->dash = dash;
	}
}

/* The separator phrase starting at token i (consecutive words), or 0. */
static size_t sep_at(const struct toks *k, size_t i, bool *joinable)
{
	struct words w = { 0 };
	size_t j, l = 0, toks = 0;

	for (j = i; j < k->t.n && w.n < ag_tab.sep.maxlen; j++) {
		const struct tok *t = &k->t.v[j];

		if (t->p != P_WORD || t->depth != 0)
			break;
		ag_words_push(&w, t->fold, strlen(t->fold), j, j + 1);
	}
	if (w.n && ag_seq_at(&ag_tab.sep, &w, 0, &l) >= 0) {
		toks = l;
		*joinable = l == 1 && strcmp(w.v[0].w, "va") == 0;
	}
	ag_words_release(&w);
	return toks;
}

static void cut_pieces(struct split *s)
{
	const struct toks *k = &s->c.k;
	size_t i = 0, start = 0;

	while (i < k->t.n) {
		const struct tok *t = &k->t.v[i];
		size_t l;
		bool joinable = false;

		if (t->depth == 0 && t->p == P_WORD && (l = sep_at(k, i, &joinable)) > 0) {
			add_piece(s, start, i, joinable, false, false);
			if (joinable && s->p.n && s->p.v[s->p.n - 1].t1 == i)
				s->p.v[s->p.n - 1].va = true;
			i += l;
			start = i;
			continue;
		}
		/* A spaced dash joins like a comma ("Các tổ chức chính trị - xã hội")
		 * but may also set off an apposition or a unit's parent body. */
		if (t->depth == 0 && (t->p == P_COMMA || t->p == P_SEMI || t->p == P_COLON || t->p == P_NL ||
				      t->p == P_DASH)) {
			add_piece(s, start, i, t->p == P_COMMA || t->p == P_NL || t->p == P_DASH,
				  t->p == P_COLON, t->p == P_DASH);
			start = i + 1;
		}
		i++;
	}
	add_piece(s, start, k->t.n, false, false, false);
}

static void emit_group(struct split *s, const char *label)
{
	push_unique(s->groups, &s->seen_g, label);
	s->found++;
	s->known++;
	s->level = -1;
}

static void emit_body(struct split *s, const char *name, bool known, int level)
{
	push_unique(s->bodies, &s->seen_b, name);
	if (!known && s->unknown)
		push_unique(s->unknown, &s->seen_u, name);
	s->found++;
	if (known)
		s->known++;
	else
		s->unknown_n++;
	s->level = level;
}

static void emit(struct split *s, const struct res *r)
{
	if (r->kind == R_GROUP)
		emit_group(s, r->name.buf);
	else if (r->kind == R_BODY)
		emit_body(s, r->name.buf, r->known, r->level);
}

/* The word tokens of a piece at its base depth. */
static size_t piece_words(const struct split *s, const struct piece *p, size_t **idx)
{
	return ag_span_words(&s->c.k, p->t0, p->t1, idx);
}

/* True when a piece could be a bare place name: 1-5 capitalised words. */
static bool looks_bare(const struct split *s, const struct piece *p)
{
	size_t *idx, n, i;
	bool yes;

	n = ag_span_words(&s->c.k, p->t0, p->t1, &idx);
	yes = n > 0 && n <= 5;
	for (i = 0; i < n && yes; i++)
		if (!s->c.k.t.v[idx[i]].cap || s->c.k.t.v[idx[i]].allcaps || s->c.k.t.v[idx[i]].digit)
			yes = false;
	free(idx);
	return yes;
}

/* A piece that is only a place name ("Thác Bà" after "UBND xã Yên Bình"). */
static bool bare_place(struct split *s, const struct piece *p, struct res *out)
{
	size_t *idx, n, i, l;
	struct words raw = { 0 }, nw = { 0 };
	struct sb name = SB_INIT, key = SB_INIT;
	bool ok = false;

	n = piece_words(s, p, &idx);
	if (n == 0 || n > 5)
		goto out;
	for (i = 0; i < n; i++) {
		const struct tok *t = &s->c.k.t.v[idx[i]];

		if (!t->cap || t->allcaps || t->digit)
			goto out;
	}
	ag_raw_words(&s->c.k, idx, n, &raw);
	ag_add_raw(&s->c.k, idx[0], idx[n - 1] + 1, &name);
	/* The registry knows the level of many places; else the list's level. */
	for (i = 0; i < ag_tab.levels.n && !ok; i++) {
		struct sb cand = SB_INIT;

		sb_addf(&cand, "UBND %s %s", ag_tab.disp.v[ag_tab.levels.v[i]], name.buf);
		ag_words_release(&nw);
		ag_text_words(cand.buf, &nw);
		ag_words_key(&nw, 0, nw.n, &key);
		if (ag_find_body_key(s->c.r, key.buf, out) && out->kind == R_BODY) {
			out->level = ag_tab.levels.v[i];
			ok = true;
		}
		sb_release(&cand);
	}
	/* "Hội …", "Báo …" are bodies the registry does not know, not places. */
	if (!ok && ag_seq_at(&ag_tab.head, &raw, 0, &l) < 0) {
		struct sb cand = SB_INIT;

		sb_addf(&cand, "UBND %s %s", ag_tab.disp.v[s->level], name.buf);
		ag_res_set(out, R_BODY, cand.buf, true);
		out->level = s->level;
		sb_release(&cand);
		ok = true;
	}
out:
	ag_words_release(&raw);
	ag_words_release(&nw);
	sb_release(&name);
	sb_release(&key);
	free(idx);
	return ok;
}

/*
 * A piece with no separator inside that holds several names ("Sở VHTTDL Các
 * cơ quan truyền thông trên địa bàn tỉnh"): the segmentation into known
 * names, longest first, with every later name starting with a capital or
 * "các" (or a group after a group: "ngành địa phương có liên quan").
 */
static bool segment_piece(struct split *s, const struct piece *p)
{
	size_t *idx, n, i, j;
	size_t next[MAX_SEG_WORDS + 1];
	bool ok[MAX_SEG_WORDS + 1];
	enum rkind kind[MAX_SEG_WORDS + 1];
	struct res r = { .name = SB_INIT };
	bool done = false;

	n = piece_words(s, p, &idx);
	if (n < 2 || n > MAX_SEG_WORDS)
		goto out;
	ok[n] = true;
	kind[n] = R_NONE;
	for (i = n; i-- > 0;) {
		const struct tok *first = &s->c.k.t.v[idx[i]];

		ok[i] = false;
		for (j = n; j > i; j--) {
			if (!ok[j] || (i == 0 && j == n))
				continue;
			if (!ag_resolve_span(&s->c, idx[i], idx[j - 1] + 1, true, false, &r))
				continue;
			if (i > 0 && !first->cap && strcmp(first->fold, "cac") != 0 &&
			    r.kind != R_GROUP && r.kind != R_FILLER)
				continue;
			if (j < n && kind[j] != R_GROUP && kind[j] != R_FILLER) {
				const struct tok *nf = &s->c.k.t.v[idx[j]];

				if (!nf->cap && strcmp(nf->fold, "cac") != 0)
					continue;
			}
			ok[i] = true;
			next[i] = j;
			kind[i] = r.kind;
			break;
		}
	}
	if (!ok[0])
		goto out;
	for (i = 0; i < n; i = next[i]) {
		if (ag_resolve_span(&s->c, idx[i], idx[next[i] - 1] + 1, true, false, &r))
			emit(s, &r);
	}
	done = true;
out:
	sb_release(&r.name);
	free(idx);
	return done;
}

/* The first depth-0 token of class p in the piece, or (size_t)-1. */
static size_t find_punct(const struct split *s, const struct piece *pc, int p)
{
	size_t i;
	int base = 1 << 30;

	for (i = pc->t0; i < pc->t1; i++)
		if (s->c.k.t.v[i].depth < base)
			base = s->c.k.t.v[i].depth;
	for (i = pc->t0; i < pc->t1; i++)
		if (s->c.k.t.v[i].p == p && s->c.k.t.v[i].depth == base)
			return i;
	return (size_t)-1;
}

/* True when piece i resolves by itself as a body or group. */
static bool piece_resolves(struct split *s, size_t i, struct res *out)
{
	return i < s->p.n && ag_resolve_span(&s->c, s->p.v[i].t0, s->p.v[i].t1, true, true, out);
}

/* "Trung tâm CNTT - Cục Du lịch Quốc gia Việt Nam" -> "Cục Du lịch Quốc gia
 * Việt Nam (Trung tâm CNTT)": an unknown unit, a dash, its known body. */
static bool unit_before_dash(struct split *s, size_t i)
{
	struct res r = { .name = SB_INIT };
	bool done = false;

	if (s->p.v[i].dash && piece_resolves(s, i + 1, &r) && r.kind == R_BODY) {
		struct sb unit = SB_INIT;

		ag_add_raw(&s->c.k, s->p.v[i].t0, s->p.v[i].t1, &unit);
		sb_trim(&unit);
		sb_adds(&r.name, " (");
		sb_adds(&r.name, unit.buf);
		sb_addc(&r.name, ')');
		emit(s, &r);
		sb_release(&unit);
		done = true;
	}
	sb_release(&r.name);
	return done;
}

/* "Sở VHTTDL/Sở Du lịch các tỉnh TBMR": the first body in canonical form,
 * the rest canonical where known, as one name. */
static bool slash_piece(struct split *s, const struct piece *p)
{
	size_t d = find_punct(s, p, P_SLASH);
	struct res l = { .name = SB_INIT }, r = { .name = SB_INIT };
	bool done = false;

	if (d == (size_t)-1)
		return false;
	if (ag_resolve_span(&s->c, p->t0, d, true, true, &l) && l.kind == R_BODY) {
		sb_addc(&l.name, '/');
		if (ag_resolve_span(&s->c, d + 1, p->t1, true, true, &r) && r.kind == R_BODY)
			sb_adds(&l.name, r.name.buf);
		else {
			struct sb rest = SB_INIT;

			ag_add_raw(&s->c.k, d + 1, p->t1, &rest);
			sb_adds(&l.name, rest.buf);
			sb_release(&rest);
		}
		emit(s, &l);
		done = true;
	}
	sb_release(&l.name);
	sb_release(&r.name);
	return done;
}

bool ag_trim_char(unsigned char c)
{
	return c == ' ' || c == '.' || c == ',' || c == ';' || c == ':' || c == '-' || c == '*' ||
	       c == '+' || c == '\t' || c == '\n' || c == '\r';
}

/* An unknown body: tokens [t0, t1) as printed, trimmed. */
static void emit_unknown(struct split *s, size_t t0, size_t t1)
{
	struct sb name = SB_INIT;
	size_t a = 0, b, n = 0, i;

	for (i = t0; i < t1; i++)
		if (s->c.k.t.v[i].p == P_WORD)
			n++;
	ag_add_raw(&s->c.k, t0, t1, &name);
	b = name.len;
	while (a < b && ag_trim_char((unsigned char)name.buf[a]))
		a++;
	while (b > a && ag_trim_char((unsigned char)name.buf[b - 1]))
		b--;
	if (b > a) {
		char *one = xstrndup(name.buf + a, b - a);

		emit_body(s, one, false, -1);
		free(one);
		if (n > 8)
			s->long_unknown++;
	}
	sb_release(&name);
}

/* How many pieces from i on may be read as one name. */
static size_t run_len(const struct split *s, size_t i)
{
	size_t n = 1;

	while (n < ag_tab.max_pieces && s->p.v[i + n - 1].join_next && !s->p.v[i + n - 1].colon &&
	       i + n < s->p.n)
		n++;
	return n;
}

/* The longest run of pieces from i that names one body or group; its width,
 * or 0. */
static size_t longest_window(struct split *s, size_t i, struct res *r)
{
	size_t w;

	for (w = run_len(s, i); w > 0; w--)
		if (ag_resolve_span(&s->c, s->p.v[i].t0, s->p.v[i + w - 1].t1, w == 1, true, r))
			return w;
	return 0;
}

/* After "Các Bộ:" the names are bare ("Tài chính, Kế hoạch và Đầu tư"): the
 * longest run of pieces from i that names a body with the prefix put back. */
static size_t prefixed_window(struct split *s, size_t i, struct res *r)
{
	size_t w;

	if (!s->prefix || i >= s->p.n)
		return 0;
	for (w = run_len(s, i); w > 0; w--) {
		struct sb text = SB_INIT;
		struct words nw = { 0 };
		bool ok;

		sb_adds(&text, s->prefix);
		sb_addc(&text, ' ');
		ag_add_raw(&s->c.k, s->p.v[i].t0, s->p.v[i + w - 1].t1, &text);
		ag_text_words(text.buf, &nw);
		ok = ag_find_body(s->c.r, &nw, r) ||
		     ((s->c.flags & AGENCY_FUZZY) && ag_find_fuzzy(s->c.r, &nw, true, r) && r->kind == R_BODY);
		ag_words_release(&nw);
		sb_release(&text);
		if (ok)
			return w;
	}
	return 0;
}

/*
 * A collective phrase that ends with ':' may announce the names that follow:
 * "UBND các xã, phường: Nghĩa Lộ, Văn Chấn", "Các Bộ: Tài chính, Nội vụ".
 * Sets the level or prefix they take and returns true when they do follow.
 */
static bool colon_context(struct split *s, size_t i, size_t w, const struct res *r)
{
	size_t *idx, n, k;
	struct words raw = { 0 }, nw = { 0 };
	struct res probe = { .name = SB_INIT };
	bool names = false;

	if (i + w >= s->p.n)
		return false;
	n = ag_span_words(&s->c.k, s->p.v[i].t0, s->p.v[i + w - 1].t1, &idx);
	ag_raw_words(&s->c.k, idx, n, &raw);
	ag_norm_words(&raw, &nw);
	if (strncmp(r->name.buf, "UBND", 4) == 0) {
		int level = ag_first_level(&nw);

		if (level >= 0 && looks_bare(s, &s->p.v[i + w])) {
			s->level = level;
			names = true;
		}
	} else {
		for (k = 0; k < nw.n && strcmp(nw.v[k].w, "cac") == 0; k++)
			;
		if (k + 1 == nw.n && (strcmp(nw.v[k].w, "so") == 0 || strcmp(nw.v[k].w, "bo") == 0)) {
			struct sb head = SB_INIT;

			ag_add_raw(&s->c.k, nw.v[k].t0, nw.v[k].t1, &head);
			free(s->prefix);
			s->prefix = sb_detach(&head);
			names = prefixed_window(s, i + w, &probe) > 0;
			if (!names) {
				free(s->prefix);
				s->prefix = NULL;
			}
		}
	}
	ag_words_release(&raw);
	ag_words_release(&nw);
	sb_release(&probe.name);
	free(idx);
	return names;
}

/* True when piece j, which could not be read, continues the unknown name
 * before it: "Phòng Văn hóa và Thông tin", "… các huyện, thành phố". */
static bool continues_unknown(struct split *s, size_t j)
{
	struct res r = { .name = SB_INIT };
	size_t *idx, n, l;
	struct words raw = { 0 };
	bool yes = false;

	n = ag_span_words(&s->c.k, s->p.v[j].t0, s->p.v[j].t1, &idx);
	if (n == 0 || ag_resolve_span(&s->c, s->p.v[j].t0, s->p.v[j].t1, true, false, &r))
		goto out;
	ag_raw_words(&s->c.k, idx, n, &raw);
	{
		const struct tok *first = &s->c.k.t.v[idx[0]];

		if (!first->cap)
			yes = strcmp(first->fold, "cac") != 0;
		else if (s->p.v[j - 1].va)
			yes = ag_seq_at(&ag_tab.head, &raw, 0, &l) < 0;
		else if (s->p.v[j - 1].dash) /* "Vụ Tổ chức - Biên chế" */
			yes = n <= 4 && ag_seq_at(&ag_tab.head, &raw, 0, &l) < 0;
	}
out:
	ag_words_release(&raw);
	sb_release(&r.name);
	free(idx);
	return yes;
}

/*
 * True when piece i opens with a body's head word ("Vụ", "Phòng", "Ban"):
 * an unknown unit of a ministry or department whose name holds a spaced dash
 * ("Vụ Tổ chức - Biên chế", "Vụ Kế hoạch - Tài chính") runs on over it to a
 * capitalised piece that opens no body (continues_unknown).
 */
static bool unit_head(struct split *s, size_t i)
{
	size_t *idx, n, l;
	struct words raw = { 0 };
	bool yes;

	n = ag_span_words(&s->c.k, s->p.v[i].t0, s->p.v[i].t1, &idx);
	ag_raw_words(&s->c.k, idx, n, &raw);
	yes = n >= 2 && ag_seq_at(&ag_tab.head, &raw, 0, &l) >= 0;
	ag_words_release(&raw);
	free(idx);
	return yes;
}

static void split_pieces(struct split *s)
{
	struct res r = { .name = SB_INIT };
	size_t i = 0, w;

	while (i < s->p.n) {
		if ((w = prefixed_window(s, i, &r)) > 0) {
			char *keep = s->prefix;

			s->prefix = NULL;
			emit(s, &r);
			s->prefix = keep;
			i += w;
			continue;
		}
		free(s->prefix);
		s->prefix = NULL;
		if ((w = longest_window(s, i, &r)) > 0) {
			if (r.kind == R_GROUP && s->p.v[i + w - 1].colon && colon_context(s, i, w, &r))
				; /* the names that follow carry it */
			else if (r.kind != R_FILLER)
				emit(s, &r);
			i += w;
			/* "Sở X - cơ quan thường trực …": an apposition after a dash that
			 * names nothing is dropped. */
			if (s->p.v[i - 1].dash && i < s->p.n) {
				struct res next = { .name = SB_INIT };

				if (!piece_resolves(s, i, &next) && !looks_bare(s, &s->p.v[i]))
					i++;
				sb_release(&next.name);
			}
			continue;
		}
		if (unit_before_dash(s, i)) {
			i += 2;
			continue;
		}
		if (s->level >= 0 && bare_place(s, &s->p.v[i], &r)) {
			emit(s, &r);
		} else if (!segment_piece(s, &s->p.v[i]) && !slash_piece(s, &s->p.v[i])) {
			size_t j = i;

			while (j + 1 < s->p.n && s->p.v[j].join_next && !s->p.v[j].colon &&
			       (!s->p.v[j].dash || unit_head(s, i)) && j + 1 - i < 8 &&
			       continues_unknown(s, j + 1))
				j++;
			emit_unknown(s, s->p.v[i].t0, s->p.v[j].t1);
			i = j;
		}
		i++;
	}
	sb_release(&r.name);
}

size_t ag_capped_len(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	/* Do not cut a UTF-8 sequence in two. */
	while (n == cap && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void ag_split_run(struct split *s, const struct agency_registry *r, const char *list, unsigned flags)
{
	ag_table_init();
	s->c.r = r;
	s->c.flags = flags;
	s->level = -1;
	seed_seen(&s->seen_b, s->bodies);
	seed_seen(&s->seen_g, s->groups);
	seed_seen(&s->seen_u, s->unknown);
	ag_tokenize(&s->c.k, list, ag_capped_len(list, LIST_CAP));
	cut_pieces(s);
	split_pieces(s);
}

void ag_split_release(struct split *s)
{
	free(s->prefix);
	ag_smap_release(&s->seen_b);
	ag_smap_release(&s->seen_g);
	ag_smap_release(&s->seen_u);
	ag_toks_release(&s->c.k);
	free(s->p.v);
}

size_t agency_split(const struct agency_registry *r, const char *list, unsigned flags,
		    struct strlist *bodies, struct strlist *groups, struct strlist *unknown)
{
	struct split s = { .bodies = bodies, .groups = groups, .unknown = unknown };
	size_t found;

	if (!list || !bodies || !groups)
		return 0;
	ag_split_run(&s, r, list, flags);
	found = s.found;
	ag_split_release(&s);
	return found;
}

size_t agency_split_lines(const struct agency_registry *r, const char *text, const char *lines,
			  unsigned flags, struct strlist *bodies, struct strlist *groups,
			  struct strlist *unknown, bool *doubt)
{
	const char *p, *e;
	char *line;
	size_t found = 0;
	bool all = true;

	if (!lines || !strchr(lines, '\n') || !bodies || !groups)
		return agency_split(r, text, flags, bodies, groups, unknown);
	for (p = lines; all && *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		line = xstrndup(p, (size_t)(e - p));
		all = agency_looks_like(r, line, flags);
		free(line);
	}
	if (!all) {
		if (doubt)
			*doubt = true;
		return agency_split(r, text, flags, bodies, groups, unknown);
	}
	for (p = lines; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		line = xstrndup(p, (size_t)(e - p));
		found += agency_split(r, line, flags, bodies, groups, unknown);
		free(line);
	}
	return found;
}

/* ---------------------------------------------------------- single names */

const char *agency_canonical(const struct agency_registry *r, const char *name, unsigned flags)
{
	struct words w = { 0 };
	struct res out = { .name = SB_INIT };
	const char *found = NULL;
	char *cut;

	if (!name)
		return NULL;
	ag_table_init();
	cut = xstrndup(name, ag_capped_len(name, 1024));
	ag_text_words(cut, &w);
	if (w.n && (ag_find_body(r, &w, &out) ||
		    ((flags & AGENCY_FUZZY) && ag_find_fuzzy(r, &w, true, &out))) && out.kind == R_BODY)
		found = out.ref;
	ag_words_release(&w);
	sb_release(&out.name);
	free(cut);
	return found;
}

const char *agency_group(const char *phrase, unsigned flags)
{
	struct words w = { 0 };
	struct res out = { .name = SB_INIT };
	const char *found = NULL;
	char *cut;

	if (!phrase)
		return NULL;
	ag_table_init();
	cut = xstrndup(phrase, ag_capped_len(phrase, 1024));
	ag_text_words(cut, &w);
	if (w.n && (ag_find_group(&w, flags, &out) ||
		    ((flags & AGENCY_FUZZY) && ag_find_fuzzy(NULL, &w, false, &out))) &&
	    out.kind == R_GROUP)
		found = out.ref;
	ag_words_release(&w);
	sb_release(&out.name);
	free(cut);
	return found;
}
