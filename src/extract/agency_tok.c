/*
 * agency_tok.c - string maps, the tokenizer and folding keys of the agency
 * registry (see agency_tok.h).
 */
#include "base/compat.h"
#include "extract/agency_reg.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <utf8proc.h>

/* ------------------------------------------------------------------ maps */


static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

int ag_smap_get(const struct smap *m, const char *k)
{
	size_t i;

	if (!m->cap)
		return -1;
	for (i = hash_str(k) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], k) == 0)
			return m->vals[i];
	return -1;
}

static void smap_grow(struct smap *m)
{
	struct smap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	for (i = 0; i < old.cap; i++) {
		size_t j;

		if (!old.keys[i])
			continue;
		for (j = hash_str(old.keys[i]) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
			;
		m->keys[j] = old.keys[i];
		m->vals[j] = old.vals[i];
	}
	free(old.keys);
	free(old.vals);
}

/* Sets k -> v. Returns the previous value, or -1 when k was new. */
int ag_smap_put(struct smap *m, const char *k, int v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		smap_grow(m);
	for (i = hash_str(k) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[i], k) == 0) {
			int old = m->vals[i];

			m->vals[i] = v;
			return old;
		}
	}
	m->keys[i] = xstrdup(k);
	m->vals[i] = v;
	m->n++;
	return -1;
}

void ag_smap_release(struct smap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}


static size_t count_words(const char *key)
{
	size_t n = *key ? 1 : 0;

	for (; *key; key++)
		if (*key == ' ')
			n++;
	return n;
}

void ag_seq_put(struct seqmap *s, const char *key, int v)
{
	size_t n = count_words(key);

	if (!n)
		return;
	if (n > s->maxlen)
		s->maxlen = n;
	if (ag_smap_get(&s->m, key) < 0) {
		const char *sp = strchr(key, ' ');
		char *first = xstrndup(key, sp ? (size_t)(sp - key) : strlen(key));

		ag_smap_put(&s->m, key, v);
		if (ag_smap_get(&s->first, first) < (int)n)
			ag_smap_put(&s->first, first, (int)n);
		free(first);
	}
}

/* -------------------------------------------------------------- tokens */




static bool is_word_cp(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p;

	if (cp == '&')
		return true;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	p = utf8proc_get_property(cp);
	switch (p->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

static bool is_space_cp(utf8proc_int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v')
		return true;
	if (cp < 0x80)
		return false;
	return utf8proc_get_property(cp)->category == UTF8PROC_CATEGORY_ZS;
}

static int punct_class(utf8proc_int32_t cp)
{
	switch (cp) {
	case ',': case 0xFF0C: case 0x3001: return P_COMMA;
	case ';': case 0xFF1B: return P_SEMI;
	case ':': case 0xFF1A: return P_COLON;
	case '\n': return P_NL;
	case '(': case '[': case 0xFF08: return P_OPEN;
	case ')': case ']': case 0xFF09: return P_CLOSE;
	case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
		return P_HYPHEN;
	case '/': return P_SLASH;
	case '.': return P_DOT;
	default: return P_OTHER;
	}
}

/* The code point at s[i]; an invalid byte reads as U+FFFD, one byte long. */
size_t ag_next_cp(const char *s, size_t len, size_t i, utf8proc_int32_t *cp)
{
	return utf8_next(s, len, i, cp, 0xFFFD);
}

static bool cp_upper(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool cp_lower(utf8proc_int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static void word_flags(struct tok *t, const char *s)
{
	size_t i = t->s;
	size_t letters = 0, uppers = 0;
	bool first = true, rest_lower = true;

	while (i < t->e) {
		utf8proc_int32_t cp;
		size_t n = ag_next_cp(s, t->e, i, &cp);

		if (cp >= '0' && cp <= '9')
			t->digit = true;
		if (cp_upper(cp) || cp_lower(cp)) {
			letters++;
			if (cp_upper(cp))
				uppers++;
			if (first)
				t->cap = cp_upper(cp);
			else if (!cp_lower(cp))
				rest_lower = false;
			first = false;
		} else if (cp == '&') {
			rest_lower = false;
		}
		i += n;
	}
	t->title = t->cap && rest_lower && !t->digit;
	t->allcaps = letters >= 2 && uppers == letters;
}

void ag_toks_release(struct toks *k)
{
	size_t i;

	for (i = 0; i < k->t.n; i++) {
		free(k->t.v[i].fold);
		if (k->low)
			free(k->low[i]);
	}
	free(k->low);
	free(k->t.v);
	memset(k, 0, sizeof(*k));
}

/* Cuts text into words and punctuation marks, with bracket depth. */
void ag_tokenize(struct toks *k, const char *text, size_t len)
{
	size_t i = 0;
	int depth = 0;
	bool space_before = true;
	struct sb fold = SB_INIT;

	memset(k, 0, sizeof(*k));
	k->text = text;
	k->len = len;
	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = ag_next_cp(text, len, i, &cp);
		struct tok *t;

		if (is_space_cp(cp)) {
			space_before = true;
			i += n;
			continue;
		}
		t = VEC_PUSH(&k->t);
		t->s = i;
		if (is_word_cp(cp)) {
			size_t j = i + n;

			while (j < len) {
				utf8proc_int32_t c2;
				size_t m = ag_next_cp(text, len, j, &c2);

				if (!is_word_cp(c2))
					break;
				j += m;
			}
			t->e = j;
			t->p = P_WORD;
			t->depth = depth;
			sb_reset(&fold);
			vi_fold(&fold, text + i, j - i, VI_FOLD_PUNCT);
			t->fold = xstrdup(fold.buf);
			word_flags(t, text);
			i = j;
			space_before = false;
			continue;
		}
		t->e = i + n;
		t->p = punct_class(cp);
		/* A bracket glued between letters ("X(c tien") is OCR debris. */
		if ((t->p == P_OPEN || t->p == P_CLOSE) && !space_before && i + n < len) {
			utf8proc_int32_t c2;

			ag_next_cp(text, len, i + n, &c2);
			if (is_word_cp(c2))
				t->p = P_OTHER;
		}
		if (t->p == P_CLOSE && depth > 0)
			depth--;
		t->depth = depth;
		if (t->p == P_OPEN && depth < 1000)
			depth++;
		if (t->p == P_HYPHEN && space_before) {
			utf8proc_int32_t c2 = 0;

			if (i + n >= len)
				t->p = P_DASH;
			else {
				ag_next_cp(text, len, i + n, &c2);
				if (is_space_cp(c2) || c2 == '\n')
					t->p = P_DASH;
			}
		}
		space_before = t->p == P_NL;
		i += n;
	}
	sb_release(&fold);
	k->low = xcalloc(k->t.n + 1, sizeof(*k->low));
}

/* Lower case without removing marks: "Bắc" and "Bạc" stay apart. */
char *ag_lower_exact(const char *s, size_t len)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);

	if (n < 0) {
		free(m);
		return xstrdup("");
	}
	return (char *)m;
}

bool ag_is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* ---------------------------------------------------------------- words */



void ag_words_push(struct words *ws, const char *w, size_t len, size_t t0, size_t t1)
{
	struct word *x = VEC_PUSH(ws);

	x->w = xstrndup(w, len);
	x->t0 = t0;
	x->t1 = t1;
}

void ag_words_release(struct words *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->v[i].w);
	free(ws->v);
	memset(ws, 0, sizeof(*ws));
}

void ag_words_key(const struct words *ws, size_t a, size_t b, struct sb *out)
{
	size_t i;

	sb_reset(out);
	for (i = a; i < b; i++) {
		if (i > a)
			sb_addc(out, ' ');
		sb_adds(out, ws->v[i].w);
	}
}

/* The longest sequence of s that starts at word i; returns its value and
 * sets *len, or returns -1. */
int ag_seq_at(const struct seqmap *s, const struct words *ws, size_t i, size_t *len)
{
	/* Keys of the word maps are short; a longer sequence matches nothing,
	 * so it is built in a fixed buffer, without allocating. */
	char key[256];
	size_t l, j, n, most;
	int v = -1, f;

	if (i >= ws->n || (f = ag_smap_get(&s->first, ws->v[i].w)) <= 0)
		return -1;
	most = (size_t)f;
	for (l = most < ws->n - i ? most : ws->n - i; l > 0; l--) {
		bool fits = true;

		n = 0;
		for (j = i; j < i + l && fits; j++) {
			size_t wl = strlen(ws->v[j].w);

			if (n + wl + 2 > sizeof(key)) {
				fits = false;
				break;
			}
			if (j > i)
				key[n++] = ' ';
			memcpy(key + n, ws->v[j].w, wl);
			n += wl;
		}
		if (!fits)
			continue;
		key[n] = '\0';
		v = ag_smap_get(&s->m, key);
		if (v >= 0) {
			*len = l;
			break;
		}
	}
	return v;
}

/* Appends word w (folded, may hold spaces) split into words. */
static void push_split(struct words *out, const char *w, size_t t0, size_t t1)
{
	while (*w) {
		const char *sp = strchr(w, ' ');
		size_t l = sp ? (size_t)(sp - w) : strlen(w);

		if (l)
			ag_words_push(out, w, l, t0, t1);
		w += l;
		while (*w == ' ')
			w++;
	}
}

/* The folded words of the tokens idx[0..n), with "&" glued to its
 * neighbours ("KH & CN" -> "kh&cn"). */
void ag_raw_words(const struct toks *k, const size_t *idx, size_t n, struct words *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tok *t = &k->t.v[idx[i]];
		size_t l = strlen(t->fold);

		if (!l)
			continue;
		/* Glue "&" into abbreviations ("KH & CN", "KH& CN", "KH &CN") but not
		 * into an OCR'd "S& Văn hóa", where "&" stands for a lost letter. */
		if (out->n && (t->fold[0] == '&' || (strchr(out->v[out->n - 1].w, '\0')[-1] == '&' &&
						     (strcmp(out->v[out->n - 1].w, "&") == 0 ||
						      k->t.v[out->v[out->n - 1].t0].allcaps)))) {
			struct word *p = &out->v[out->n - 1];
			size_t pl = strlen(p->w);

			p->w = xrealloc(p->w, pl + l + 1);
			memcpy(p->w + pl, t->fold, l + 1);
			p->t1 = idx[i] + 1;
			continue;
		}
		ag_words_push(out, t->fold, l, idx[i], idx[i] + 1);
	}
}

/* Expands abbreviations, drops "và" and repeated words: the body key words. */
void ag_norm_words(const struct words *raw, struct words *out)
{
	size_t i = 0;
	struct words tmp = { 0 };

	while (i < raw->n) {
		size_t l = 0;
		int v = ag_seq_at(&ag_tab.abbr, raw, i, &l);

		if (v >= 0) {
			push_split(&tmp, ag_tab.disp.v[v], raw->v[i].t0, raw->v[i + l - 1].t1);
			i += l;
			continue;
		}
		ag_words_push(&tmp, raw->v[i].w, strlen(raw->v[i].w), raw->v[i].t0, raw->v[i].t1);
		i++;
	}
	for (i = 0; i < tmp.n; i++) {
		if (strcmp(tmp.v[i].w, "va") == 0)
			continue;
		if (out->n && strcmp(out->v[out->n - 1].w, tmp.v[i].w) == 0)
			continue;
		ag_words_push(out, tmp.v[i].w, strlen(tmp.v[i].w), tmp.v[i].t0, tmp.v[i].t1);
	}
	ag_words_release(&tmp);
}

/* Drops the noise words of collective phrases ("các", "có liên quan"). */
void ag_strip_noise(const struct words *in, struct words *out)
{
	size_t i = 0;

	while (i < in->n) {
		size_t l = 0;

		if (ag_seq_at(&ag_tab.noise, in, i, &l) >= 0) {
			i += l;
			continue;
		}
		ag_words_push(out, in->v[i].w, strlen(in->v[i].w), in->v[i].t0, in->v[i].t1);
		i++;
	}
}

/* The depth-0 word tokens of [t0, t1) (relative to the shallowest depth). */
size_t ag_span_words(const struct toks *k, size_t t0, size_t t1, size_t **idx)
{
	size_t i, n = 0;
	int base = 1 << 30;

	for (i = t0; i < t1; i++)
		if (k->t.v[i].depth < base)
			base = k->t.v[i].depth;
	*idx = xmalloc((t1 - t0 + 1) * sizeof(**idx));
	for (i = t0; i < t1; i++)
		if (k->t.v[i].p == P_WORD && k->t.v[i].depth == base)
			(*idx)[n++] = i;
	return n;
}

/* Normalised body words of a whole string. */
void ag_text_words(const char *s, struct words *out)
{
	struct toks k;
	size_t *idx, n;
	struct words raw = { 0 };

	ag_tokenize(&k, s, strlen(s));
	n = ag_span_words(&k, 0, k.t.n, &idx);
	ag_raw_words(&k, idx, n, &raw);
	ag_norm_words(&raw, out);
	ag_words_release(&raw);
	free(idx);
	ag_toks_release(&k);
}

/* The folded words of s joined by spaces, without abbreviation expansion
 * (keys of the word maps: "phoi hop voi", "d c"). */
char *ag_plain_key(const char *s)
{
	struct toks k;
	size_t *idx, n;
	struct words raw = { 0 };
	struct sb key = SB_INIT;

	ag_tokenize(&k, s, strlen(s));
	n = ag_span_words(&k, 0, k.t.n, &idx);
	ag_raw_words(&k, idx, n, &raw);
	ag_words_key(&raw, 0, raw.n, &key);
	ag_words_release(&raw);
	free(idx);
	ag_toks_release(&k);
	return sb_detach(&key);
}
