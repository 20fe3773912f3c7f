/*
 * agency.c - the registry of bodies and people, and name resolution.
 *
 * Everything this module knows about names comes from data/agencies.tsv,
 * compiled in as agency_rows[] (scripts/gen-agencies): canonical bodies and
 * their aliases, group labels and their collective phrases, abbreviations,
 * administrative levels, provinces, titles, honorifics and surnames. At first
 * use the rows are indexed once into hash maps keyed by a normalised folding
 * key: vi_fold with punctuation dropped, abbreviations expanded ("VHTTDL" ->
 * "van hoa the thao du lich"), "và" and repeated words dropped. A name as
 * printed is resolved by the same key, then by variants (a province suffix or
 * "tỉnh" added or removed), then, for OCR'd text only, by a bounded edit
 * distance. Lists are cut into pieces at commas, "và", newlines and the
 * linking words of the "sep" rows; adjacent pieces are joined again when the
 * join is a known name (longest match), which keeps "Sở Văn hóa, Thể thao và
 * Du lịch" whole without any comma rule.
 */
#include "base/compat.h"
#include "extract/agency.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "model/plan.h"

#include <pthread.h>
#include <utf8proc.h>

struct agency_row {
	const char *kind, *name, *aliases;
};
#include "agencies_table.h"

/* Inputs longer than this are not agency lists or leader cells; only their
 * head is read, which bounds the work any input can cause. */
#define LIST_CAP 8192
/* Longest word run the in-piece segmentation looks at. */
#define MAX_SEG_WORDS 16
/* Longest key the edit-distance match looks at. */
#define MAX_FUZZY_KEY 120

/* ------------------------------------------------------------------ maps */

/* A string -> int hash map with open addressing; keys are owned. */
struct smap {
	char **keys;
	int *vals;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int smap_get(const struct smap *m, const char *k)
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
static int smap_put(struct smap *m, const char *k, int v)
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

static void smap_release(struct smap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* A map of word sequences ("phoi hop voi") with the longest sequence length. */
struct seqmap {
	struct smap m;
	size_t maxlen;
};

static size_t count_words(const char *key)
{
	size_t n = *key ? 1 : 0;

	for (; *key; key++)
		if (*key == ' ')
			n++;
	return n;
}

static void seq_put(struct seqmap *s, const char *key, int v)
{
	size_t n = count_words(key);

	if (!n)
		return;
	if (n > s->maxlen)
		s->maxlen = n;
	if (smap_get(&s->m, key) < 0)
		smap_put(&s->m, key, v);
}

/* ----------------------------------------------------------------- table */

enum ekind { E_BODY, E_GROUP };

struct entry {
	const char *name; /* display form; static or in table.owned */
	enum ekind kind;
};

/* A key the edit-distance match may reach. */
struct fkey {
	const char *key; /* in names.keys, prefix stripped */
	size_t len;
	int entry;
	bool group;
};

/* The words a collective phrase of one group label is made of: "các sở,
 * ban, ngành, đoàn thể" is Các sở, ban, ngành in any order or choice. */
struct vocab {
	int entry;
	struct seqmap words;
};

struct table {
	VEC(struct entry) entries;
	VEC(char *) owned;
	VEC(const char *) disp; /* display strings for the word maps */
	VEC(struct fkey) fuzzy;
	struct smap names; /* body key, "#" group key, "!" national group key -> entry */
	struct seqmap abbr; /* folded abbreviation -> disp index of folded expansion */
	struct seqmap noise, sep, level, province, title, honorific, surname, head;
	struct seqmap successor; /* normalised key of a former body or province -> disp */
	struct smap surname_exact; /* lower case with marks */
	struct seqmap title_exact; /* lower case with marks: "trưởng" is not "trường" */
	VEC(int) levels; /* disp indexes of the level rows, in data order */
	struct strlist problems; /* keys the data gives two meanings */
	VEC(struct vocab) vocab; /* group-words rows */
	size_t max_pieces; /* most list pieces (",", "và") any name spans */
	size_t max_words; /* most words in any name's key */
};

static struct table tab;
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* -------------------------------------------------------------- tokens */

enum {
	P_WORD = 0,
	P_COMMA = ',',
	P_SEMI = ';',
	P_COLON = ':',
	P_NL = '\n',
	P_OPEN = '(',
	P_CLOSE = ')',
	P_DASH = 'D', /* a dash with space on both sides: "Trung tâm CNTT - Cục …" */
	P_HYPHEN = '-',
	P_SLASH = '/',
	P_DOT = '.',
	P_OTHER = '?',
};

struct tok {
	size_t s, e; /* byte span in the text */
	char *fold; /* words only: the folded word */
	int p; /* P_WORD or a punctuation class */
	int depth; /* bracket depth */
	bool cap; /* first letter upper case */
	bool title; /* upper case first letter, lower case after: a name syllable */
	bool allcaps; /* two or more letters, all upper case: an abbreviation */
	bool digit;
};

struct toks {
	const char *text;
	size_t len;
	VEC(struct tok) t;
	char **low; /* lazily filled: each word in lower case with its marks */
};

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
static size_t next_cp(const char *s, size_t len, size_t i, utf8proc_int32_t *cp)
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
		size_t n = next_cp(s, t->e, i, &cp);

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

static void toks_release(struct toks *k)
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
static void tokenize(struct toks *k, const char *text, size_t len)
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
		size_t n = next_cp(text, len, i, &cp);
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
				size_t m = next_cp(text, len, j, &c2);

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

			next_cp(text, len, i + n, &c2);
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
				next_cp(text, len, i + n, &c2);
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
static char *lower_exact(const char *s, size_t len)
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

static bool is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* ---------------------------------------------------------------- words */

/* A normalised word and the tokens [t0, t1) it came from. */
struct word {
	char *w;
	size_t t0, t1;
};

struct words {
	struct word *v;
	size_t n, cap;
};

static void words_push(struct words *ws, const char *w, size_t len, size_t t0, size_t t1)
{
	struct word *x = VEC_PUSH(ws);

	x->w = xstrndup(w, len);
	x->t0 = t0;
	x->t1 = t1;
}

static void words_release(struct words *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->v[i].w);
	free(ws->v);
	memset(ws, 0, sizeof(*ws));
}

static void words_key(const struct words *ws, size_t a, size_t b, struct sb *out)
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
static int seq_at(const struct seqmap *s, const struct words *ws, size_t i, size_t *len)
{
	/* Keys of the word maps are short; a longer sequence matches nothing,
	 * so it is built in a fixed buffer, without allocating. */
	char key[256];
	size_t l, j, n;
	int v = -1;

	if (i >= ws->n)
		return -1;
	for (l = s->maxlen < ws->n - i ? s->maxlen : ws->n - i; l > 0; l--) {
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
		v = smap_get(&s->m, key);
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
			words_push(out, w, l, t0, t1);
		w += l;
		while (*w == ' ')
			w++;
	}
}

/* The folded words of the tokens idx[0..n), with "&" glued to its
 * neighbours ("KH & CN" -> "kh&cn"). */
static void raw_words(const struct toks *k, const size_t *idx, size_t n, struct words *out)
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
		words_push(out, t->fold, l, idx[i], idx[i] + 1);
	}
}

/* Expands abbreviations, drops "và" and repeated words: the body key words. */
static void norm_words(const struct words *raw, struct words *out)
{
	size_t i = 0;
	struct words tmp = { 0 };

	while (i < raw->n) {
		size_t l = 0;
		int v = seq_at(&tab.abbr, raw, i, &l);

		if (v >= 0) {
			push_split(&tmp, tab.disp.v[v], raw->v[i].t0, raw->v[i + l - 1].t1);
			i += l;
			continue;
		}
		words_push(&tmp, raw->v[i].w, strlen(raw->v[i].w), raw->v[i].t0, raw->v[i].t1);
		i++;
	}
	for (i = 0; i < tmp.n; i++) {
		if (strcmp(tmp.v[i].w, "va") == 0)
			continue;
		if (out->n && strcmp(out->v[out->n - 1].w, tmp.v[i].w) == 0)
			continue;
		words_push(out, tmp.v[i].w, strlen(tmp.v[i].w), tmp.v[i].t0, tmp.v[i].t1);
	}
	words_release(&tmp);
}

/* Drops the noise words of collective phrases ("các", "có liên quan"). */
static void strip_noise(const struct words *in, struct words *out)
{
	size_t i = 0;

	while (i < in->n) {
		size_t l = 0;

		if (seq_at(&tab.noise, in, i, &l) >= 0) {
			i += l;
			continue;
		}
		words_push(out, in->v[i].w, strlen(in->v[i].w), in->v[i].t0, in->v[i].t1);
		i++;
	}
}

/* The depth-0 word tokens of [t0, t1) (relative to the shallowest depth). */
static size_t span_words(const struct toks *k, size_t t0, size_t t1, size_t **idx)
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
static void text_words(const char *s, struct words *out)
{
	struct toks k;
	size_t *idx, n;
	struct words raw = { 0 };

	tokenize(&k, s, strlen(s));
	n = span_words(&k, 0, k.t.n, &idx);
	raw_words(&k, idx, n, &raw);
	norm_words(&raw, out);
	words_release(&raw);
	free(idx);
	toks_release(&k);
}

/* The folded words of s joined by spaces, without abbreviation expansion
 * (keys of the word maps: "phoi hop voi", "d c"). */
static char *plain_key(const char *s)
{
	struct toks k;
	size_t *idx, n;
	struct words raw = { 0 };
	struct sb key = SB_INIT;

	tokenize(&k, s, strlen(s));
	n = span_words(&k, 0, k.t.n, &idx);
	raw_words(&k, idx, n, &raw);
	words_key(&raw, 0, raw.n, &key);
	words_release(&raw);
	free(idx);
	toks_release(&k);
	return sb_detach(&key);
}

/* ------------------------------------------------------------ table build */

static int add_disp(const char *s)
{
	*VEC_PUSH(&tab.disp) = s;
	return (int)tab.disp.n - 1;
}

static const char *own(char *s)
{
	*VEC_PUSH(&tab.owned) = s;
	return s;
}

static int add_entry(const char *name, enum ekind kind)
{
	struct entry *e = VEC_PUSH(&tab.entries);

	e->name = name;
	e->kind = kind;
	return (int)tab.entries.n - 1;
}

/* Adds prefix+key -> entry, noting a key the data gives two meanings. */
static void add_name_key(const char *prefix, const char *key, int entry)
{
	struct sb k = SB_INIT;
	int old;

	if (!*key)
		return;
	sb_adds(&k, prefix);
	sb_adds(&k, key);
	old = smap_get(&tab.names, k.buf);
	if (old >= 0 && old != entry) {
		if (strcmp(tab.entries.v[old].name, tab.entries.v[entry].name) != 0) {
			struct sb msg = SB_INIT;

			sb_addf(&msg, "\"%s\": \"%s\" and \"%s\"", k.buf, tab.entries.v[old].name,
				tab.entries.v[entry].name);
			strlist_push(&tab.problems, msg.buf);
			sb_release(&msg);
		}
	} else if (old < 0) {
		smap_put(&tab.names, k.buf, entry);
	}
	sb_release(&k);
}

/* Notes how many list pieces and key words a name spans, so that the list
 * reader never tries a join longer than any name. */
static void note_size(const char *printed, size_t words)
{
	struct toks k;
	size_t i, pieces = 1;

	tokenize(&k, printed, strlen(printed));
	for (i = 0; i < k.t.n; i++)
		if ((k.t.v[i].p == P_COMMA && k.t.v[i].depth == 0) ||
		    (k.t.v[i].p == P_WORD && strcmp(k.t.v[i].fold, "va") == 0))
			pieces++;
	toks_release(&k);
	if (pieces > tab.max_pieces)
		tab.max_pieces = pieces;
	if (words > tab.max_words)
		tab.max_words = words;
}

static void add_body_name(const char *printed, int entry)
{
	struct words w = { 0 };
	struct sb key = SB_INIT;

	text_words(printed, &w);
	note_size(printed, w.n);
	words_key(&w, 0, w.n, &key);
	add_name_key("", key.buf, entry);
	words_release(&w);
	sb_release(&key);
}

static void add_group_phrase(const char *prefix, const char *printed, int entry)
{
	struct words w = { 0 }, g = { 0 };
	struct sb key = SB_INIT;

	text_words(printed, &w);
	note_size(printed, w.n);
	strip_noise(&w, &g);
	words_key(&g, 0, g.n, &key);
	add_name_key(prefix, key.buf, entry);
	words_release(&w);
	words_release(&g);
	sb_release(&key);
}

/* Calls fn for the canonical name and every alias of a row. */
static void row_names(const struct agency_row *row, void (*fn)(const char *, void *), void *arg)
{
	const char *a = row->aliases;

	fn(row->name, arg);
	while (*a) {
		const char *bar = strchr(a, '|');
		size_t l = bar ? (size_t)(bar - a) : strlen(a);
		char *one = xstrndup(a, l);

		fn(one, arg);
		free(one);
		a += l;
		if (*a == '|')
			a++;
	}
}

struct rowctx {
	struct seqmap *map;
	int val;
	int entry;
	const char *prefix;
};

static void put_plain(const char *s, void *arg)
{
	struct rowctx *c = arg;
	char *k = plain_key(s);

	seq_put(c->map, k, c->val);
	free(k);
}

static void put_normalised(const char *s, void *arg)
{
	struct rowctx *c = arg;
	struct words w = { 0 };
	struct sb key = SB_INIT;

	text_words(s, &w);
	words_key(&w, 0, w.n, &key);
	seq_put(c->map, key.buf, c->val);
	words_release(&w);
	sb_release(&key);
}

static void put_exact_surname(const char *s, void *arg)
{
	char *low = lower_exact(s, strlen(s));

	smap_put(&tab.surname_exact, low, 1);
	free(low);
}

/* The words of s in lower case with their marks, joined by one space. */
static char *exact_key(const char *s)
{
	struct toks k;
	struct sb key = SB_INIT;
	size_t i;

	tokenize(&k, s, strlen(s));
	for (i = 0; i < k.t.n; i++) {
		char *low;

		if (k.t.v[i].p != P_WORD)
			continue;
		low = lower_exact(s + k.t.v[i].s, k.t.v[i].e - k.t.v[i].s);
		if (key.len)
			sb_addc(&key, ' ');
		sb_adds(&key, low);
		free(low);
	}
	toks_release(&k);
	return sb_detach(&key);
}

static void put_exact_title(const char *s, void *arg)
{
	struct rowctx *c = arg;
	char *k = exact_key(s);

	seq_put(c->map, k, c->val);
	free(k);
}

static void put_body(const char *s, void *arg)
{
	add_body_name(s, ((struct rowctx *)arg)->entry);
}

static void put_group(const char *s, void *arg)
{
	struct rowctx *c = arg;

	add_group_phrase(c->prefix, s, c->entry);
}

static struct seqmap *word_map(const char *kind)
{
	static const struct {
		const char *kind;
		size_t off;
	} maps[] = {
		{ "noise", offsetof(struct table, noise) },
		{ "sep", offsetof(struct table, sep) },
		{ "level", offsetof(struct table, level) },
		{ "title", offsetof(struct table, title) },
		{ "honorific", offsetof(struct table, honorific) },
		{ "surname", offsetof(struct table, surname) },
		{ "head", offsetof(struct table, head) },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(maps); i++)
		if (strcmp(maps[i].kind, kind) == 0)
			return (struct seqmap *)((char *)&tab + maps[i].off);
	return NULL;
}

static int fkey_cmp(const void *a, const void *b)
{
	const struct fkey *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void build_fuzzy(void)
{
	size_t i;

	for (i = 0; i < tab.names.cap; i++) {
		const char *k = tab.names.keys[i];
		struct fkey *f;

		if (!k)
			continue;
		if (*k == '!')
			continue;
		f = VEC_PUSH(&tab.fuzzy);
		f->group = *k == '#';
		f->key = f->group ? k + 1 : k;
		f->len = strlen(f->key);
		f->entry = tab.names.vals[i];
	}
	if (tab.fuzzy.n)
		qsort(tab.fuzzy.v, tab.fuzzy.n, sizeof(*tab.fuzzy.v), fkey_cmp);
}

/* The "UBND tỉnh X" / "UBND thành phố X" body of a province row. */
static void add_province_ubnd(const char *display)
{
	const char *n = own(agency_province_ubnd(display));

	add_body_name(n, add_entry(n, E_BODY));
}

static void build_table(void)
{
	size_t i;

	/* Abbreviations first: every other key is read through them. */
	for (i = 0; i < ARRAY_SIZE(agency_rows); i++) {
		const struct agency_row *row = &agency_rows[i];
		struct rowctx c = { .map = &tab.abbr };
		char *exp;

		if (strcmp(row->kind, "abbr") != 0)
			continue;
		exp = plain_key(row->name);
		c.val = add_disp(own(exp));
		row_names(&(struct agency_row){ row->kind, "", row->aliases }, put_plain, &c);
	}
	for (i = 0; i < ARRAY_SIZE(agency_rows); i++) {
		const struct agency_row *row = &agency_rows[i];
		struct rowctx c = { 0 };
		struct seqmap *m = word_map(row->kind);

		if (m) {
			c.map = m;
			c.val = add_disp(row->name);
			row_names(row, put_plain, &c);
			if (m == &tab.level)
				*VEC_PUSH(&tab.levels) = c.val;
			if (m == &tab.surname)
				row_names(row, put_exact_surname, NULL);
			if (m == &tab.title) {
				struct rowctx x = { .map = &tab.title_exact, .val = c.val };

				row_names(row, put_exact_title, &x);
			}
		} else if (strcmp(row->kind, "successor") == 0) {
			c.map = &tab.successor;
			c.val = add_disp(row->name);
			row_names(&(struct agency_row){ row->kind, "", row->aliases }, put_normalised, &c);
		} else if (strcmp(row->kind, "province") == 0) {
			c.map = &tab.province;
			c.val = add_disp(row->name);
			row_names(row, put_normalised, &c);
			add_province_ubnd(row->name);
		}
	}
	for (i = 0; i < ARRAY_SIZE(agency_rows); i++) {
		const struct agency_row *row = &agency_rows[i];
		struct rowctx c = { 0 };

		if (strcmp(row->kind, "body") == 0) {
			c.entry = add_entry(row->name, E_BODY);
			row_names(row, put_body, &c);
		} else if (strcmp(row->kind, "group") == 0 || strcmp(row->kind, "group-national") == 0) {
			c.entry = add_entry(row->name, E_GROUP);
			c.prefix = row->kind[5] ? "!" : "#";
			row_names(row, put_group, &c);
		}
	}
	for (i = 0; i < ARRAY_SIZE(agency_rows); i++) {
		const struct agency_row *row = &agency_rows[i];
		struct vocab *v;
		struct rowctx c = { 0 };
		size_t e;

		if (strcmp(row->kind, "group-words") != 0)
			continue;
		for (e = 0; e < tab.entries.n; e++)
			if (tab.entries.v[e].kind == E_GROUP && strcmp(tab.entries.v[e].name, row->name) == 0)
				break;
		if (e == tab.entries.n) {
			struct sb msg = SB_INIT;

			sb_addf(&msg, "group-words \"%s\": no such group", row->name);
			strlist_push(&tab.problems, msg.buf);
			sb_release(&msg);
			continue;
		}
		v = VEC_PUSH(&tab.vocab);
		v->entry = (int)e;
		c.map = &v->words;
		row_names(&(struct agency_row){ row->kind, "", row->aliases }, put_normalised, &c);
	}
	build_fuzzy();
}

static void table_init(void)
{
	pthread_once(&tab_once, build_table);
}

size_t agency_table_problems(struct strlist *out)
{
	table_init();
	if (out)
		strlist_copy(out, &tab.problems);
	return tab.problems.n;
}

/* -------------------------------------------------------------- registry */

struct alias {
	char *canonical;
	bool group;
};

struct agency_registry {
	int home; /* disp index of the home province, -1 when none */
	struct smap keys; /* body key -> index into aliases */
	VEC(struct alias) aliases;
	VEC(struct fkey) fuzzy;
};

struct agency_registry *agency_registry_new(void)
{
	struct agency_registry *r;

	table_init();
	r = xcalloc(1, sizeof(struct agency_registry));
	r->home = -1;
	return r;
}

/* The disp index of the province a whole name or its last words name
 * ("Hà Tĩnh", "tỉnh Hà Tĩnh", "UBND tỉnh Hà Tĩnh"), -1 when none. */
static int province_in(const char *name)
{
	struct words w = { 0 };
	struct sb key = SB_INIT;
	size_t l;
	int found = -1;

	text_words(name, &w);
	for (l = tab.province.maxlen < w.n ? tab.province.maxlen : w.n; l > 0 && found < 0; l--) {
		words_key(&w, w.n - l, w.n, &key);
		found = smap_get(&tab.province.m, key.buf);
	}
	words_release(&w);
	sb_release(&key);
	return found;
}

int agency_registry_set_home(struct agency_registry *r, const char *province)
{
	int p;

	if (!province || !*province) {
		r->home = -1;
		return 0;
	}
	table_init();
	if ((p = province_in(province)) < 0)
		return -1;
	r->home = p;
	return 0;
}

const char *agency_registry_home(const struct agency_registry *r)
{
	return r && r->home >= 0 ? tab.disp.v[r->home] : NULL;
}

const char *agency_province(const char *text)
{
	int p;

	if (!text)
		return NULL;
	table_init();
	p = province_in(text);
	return p >= 0 ? tab.disp.v[p] : NULL;
}

char *agency_province_ubnd(const char *province)
{
	struct sb name = SB_INIT;
	char *k = plain_key(province);

	if (strncmp(k, "thanh pho ", 10) == 0)
		sb_addf(&name, "UBND thành phố %s", province + strlen("Thành phố "));
	else
		sb_addf(&name, "UBND tỉnh %s", province);
	free(k);
	return sb_detach(&name);
}

const char *agency_successor(const char *name)
{
	struct words w = { 0 };
	struct sb key = SB_INIT;
	int v;

	if (!name)
		return NULL;
	table_init();
	text_words(name, &w);
	words_key(&w, 0, w.n, &key);
	v = smap_get(&tab.successor.m, key.buf);
	if (v < 0 && w.n > 1 && strcmp(w.v[0].w, "tinh") == 0) {
		/* "tỉnh Yên Bái" */
		words_key(&w, 1, w.n, &key);
		v = smap_get(&tab.successor.m, key.buf);
	}
	words_release(&w);
	sb_release(&key);
	return v >= 0 ? tab.disp.v[v] : NULL;
}

void agency_registry_free(struct agency_registry *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->aliases.n; i++)
		free(r->aliases.v[i].canonical);
	free(r->aliases.v);
	for (i = 0; i < r->fuzzy.n; i++)
		free((char *)r->fuzzy.v[i].key);
	free(r->fuzzy.v);
	smap_release(&r->keys);
	free(r);
}

static const struct entry *group_by_label(const char *label)
{
	size_t i;

	for (i = 0; i < tab.entries.n; i++)
		if (tab.entries.v[i].kind == E_GROUP && vi_fold_eq(tab.entries.v[i].name, label))
			return &tab.entries.v[i];
	return NULL;
}

int agency_registry_add_alias(struct agency_registry *r, const char *alias, const char *canonical)
{
	struct words w = { 0 };
	struct sb key = SB_INIT, canon = SB_INIT;
	const struct entry *g;
	struct alias *a;
	struct fkey *f;
	int rc = -1, old;

	if (!r || !alias || !canonical)
		return -1;
	text_words(alias, &w);
	words_key(&w, 0, w.n, &key);
	sb_add_collapsed(&canon, canonical, strlen(canonical));
	sb_trim(&canon);
	if (!key.len || !canon.len)
		goto out;
	g = group_by_label(canon.buf);
	a = VEC_PUSH(&r->aliases);
	a->canonical = xstrdup(g ? g->name : canon.buf);
	a->group = g != NULL;
	old = smap_put(&r->keys, key.buf, (int)r->aliases.n - 1);
	if (old < 0) {
		f = VEC_PUSH(&r->fuzzy);
		f->key = xstrdup(key.buf);
		f->len = key.len;
		f->entry = (int)r->aliases.n - 1;
		f->group = a->group;
	} else {
		size_t i;

		for (i = 0; i < r->fuzzy.n; i++)
			if (r->fuzzy.v[i].entry == old)
				r->fuzzy.v[i].entry = (int)r->aliases.n - 1;
	}
	rc = 0;
out:
	words_release(&w);
	sb_release(&key);
	sb_release(&canon);
	return rc;
}

/* ------------------------------------------------------------ resolution */

enum rkind { R_NONE, R_BODY, R_GROUP, R_FILLER };

struct res {
	enum rkind kind;
	struct sb name;
	bool known; /* in the registry, or read by the UBND pattern */
	int level; /* disp index of a UBND body's level, or -1 */
	const char *ref; /* the registry's own copy of name, when it has one */
};

struct ctx {
	const struct agency_registry *r;
	unsigned flags;
	struct toks k;
};

static void res_set(struct res *out, enum rkind kind, const char *name, bool known)
{
	out->kind = kind;
	sb_reset(&out->name);
	if (name)
		sb_adds(&out->name, name);
	out->known = known;
	out->level = -1;
	out->ref = NULL;
}

/* res_set() for a name the registry owns (it outlives the call). */
static void res_ref(struct res *out, enum rkind kind, const char *name)
{
	res_set(out, kind, name, true);
	out->ref = name;
}

/* Looks a body key up among run-time aliases and the table. */
static bool find_body_key(const struct agency_registry *r, const char *key, struct res *out)
{
	int v;

	if (r && (v = smap_get(&r->keys, key)) >= 0) {
		const struct alias *a = &r->aliases.v[v];

		res_ref(out, a->group ? R_GROUP : R_BODY, a->canonical);
		return true;
	}
	v = smap_get(&tab.names, key);
	if (v >= 0) {
		res_ref(out, tab.entries.v[v].kind == E_GROUP ? R_GROUP : R_BODY, tab.entries.v[v].name);
		return true;
	}
	return false;
}

/* The group whose vocabulary covers every word of g, in two or more items
 * (one item alone is for the exact phrases: "thành phố" is no group), or -1. */
static int vocab_group(const struct words *g)
{
	size_t i, j, l, items;

	for (i = 0; i < tab.vocab.n; i++) {
		const struct seqmap *m = &tab.vocab.v[i].words;

		for (j = 0, items = 0; j < g->n && seq_at(m, g, j, &l) >= 0; j += l)
			items++;
		if (items >= 2 && j == g->n)
			return tab.vocab.v[i].entry;
	}
	return -1;
}

static bool find_group(const struct words *w, unsigned flags, struct res *out)
{
	struct words g = { 0 };
	struct sb key = SB_INIT;
	bool found = false;
	size_t n;
	int v = -1;

	strip_noise(w, &g);
	if (!g.n) {
		res_set(out, R_FILLER, NULL, true);
		found = w->n > 0;
		goto out;
	}
	/* "các sở, ban, ngành tỉnh": a trailing "tỉnh" may be dropped. */
	for (n = g.n; n > 0 && v < 0; n--) {
		struct sb tmp = SB_INIT;

		if (n < g.n && strcmp(g.v[n].w, "tinh") != 0)
			break;
		words_key(&g, 0, n, &tmp);
		if (flags & AGENCY_NATIONAL) {
			sb_reset(&key);
			sb_addc(&key, '!');
			sb_adds(&key, tmp.buf);
			v = smap_get(&tab.names, key.buf);
		}
		if (v < 0) {
			sb_reset(&key);
			sb_addc(&key, '#');
			sb_adds(&key, tmp.buf);
			v = smap_get(&tab.names, key.buf);
		}
		sb_release(&tmp);
	}
	if (v < 0)
		v = vocab_group(&g);
	if (v >= 0) {
		res_ref(out, R_GROUP, tab.entries.v[v].name);
		found = true;
	}
out:
	words_release(&g);
	sb_release(&key);
	return found;
}

static bool is_ubnd_at(const struct words *w, size_t i)
{
	static const char *const ub[] = { "uy", "ban", "nhan", "dan" };
	size_t j;

	if (i + 4 > w->n)
		return false;
	for (j = 0; j < 4; j++)
		if (strcmp(w->v[i + j].w, ub[j]) != 0)
			return false;
	return true;
}

/* Length of a province name that ends w, 0 when none; *prov gets its disp
 * index. */
static size_t province_suffix(const struct words *w, int *prov)
{
	struct sb key = SB_INIT;
	size_t l, found = 0;

	for (l = tab.province.maxlen < w->n ? tab.province.maxlen : w->n - 1; l > 0 && l < w->n; l--) {
		words_key(w, w->n - l, w->n, &key);
		if ((*prov = smap_get(&tab.province.m, key.buf)) >= 0) {
			found = l;
			break;
		}
	}
	sb_release(&key);
	return found;
}

static bool try_key(const struct agency_registry *r, const struct words *w, size_t n,
		    const char *extra, struct res *out)
{
	struct sb key = SB_INIT;
	bool found;

	words_key(w, 0, n, &key);
	if (extra) {
		if (key.len)
			sb_addc(&key, ' ');
		sb_adds(&key, extra);
	}
	found = key.len && find_body_key(r, key.buf, out) && out->kind == R_BODY;
	sb_release(&key);
	return found;
}

/* A body by its key and the usual variants: "… tỉnh Lào Cai", "… Lai Châu",
 * "tỉnh" added or removed. */
static bool find_body(const struct agency_registry *r, const struct words *w, struct res *out)
{
	size_t n = w->n, p;
	int prov = -1;

	if (!n)
		return false;
	if (try_key(r, w, n, NULL, out))
		return true;
	/* "UBND thành phố Lạng Sơn" is read by the UBND pattern, not as
	 * "UBND" + a province suffix. */
	if (is_ubnd_at(w, 0))
		return false;
	p = province_suffix(w, &prov);
	/* With a home province, "Sở Tài chính tỉnh Nghệ An" is another
	 * province's department, kept as printed; the home's is "Sở Tài chính". */
	if (p && r && r->home >= 0 && prov != r->home)
		return false;
	if (p) {
		size_t base = n - p;

		if (base > 0 && strcmp(w->v[base - 1].w, "tinh") == 0)
			base--;
		else if (base > 1 && strcmp(w->v[base - 2].w, "thanh") == 0 &&
			 strcmp(w->v[base - 1].w, "pho") == 0)
			base -= 2;
		if (base > 0 && (try_key(r, w, base, NULL, out) || try_key(r, w, base, "tinh", out)))
			return true;
	}
	if (strcmp(w->v[n - 1].w, "tinh") == 0)
		return n > 1 && try_key(r, w, n - 1, NULL, out);
	return try_key(r, w, n, "tinh", out);
}

/* ---------------------------------------------------------- edit distance */

static bool is_wild(char c)
{
	/* Abbreviations are expanded before this, so an "&" left in a query is
	 * an OCR'd letter ("S&" for "Sở"), like the debris turned into '?'. */
	return c == '?' || c == '&';
}

/* Levenshtein distance on folded keys where '?' (a character the fold could
 * not read, OCR debris) matches anything; max + 1 when larger than max. */
static size_t fdist(const char *a, size_t al, const char *b, size_t bl, size_t max)
{
	size_t row[MAX_FUZZY_KEY + 2];
	size_t i, j;

	if (al > MAX_FUZZY_KEY || bl > MAX_FUZZY_KEY)
		return max + 1;
	if ((al > bl ? al - bl : bl - al) > max)
		return max + 1;
	for (j = 0; j <= bl; j++)
		row[j] = j;
	for (i = 1; i <= al; i++) {
		size_t diag = row[0], best;

		row[0] = i;
		best = i;
		for (j = 1; j <= bl; j++) {
			size_t up = row[j];
			size_t cost = (a[i - 1] == b[j - 1] || is_wild(a[i - 1])) ? 0 : 1;
			size_t v = diag + cost;

			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (up + 1 < v)
				v = up + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return row[bl] > max ? max + 1 : row[bl];
}

/* How long the parts of a and b are that differ, once their common head and
 * tail are set aside. */
static size_t differing_len(const char *a, size_t al, const char *b, size_t bl)
{
	size_t p = 0, s = 0;

	while (p < al && p < bl && a[p] == b[p])
		p++;
	while (s < al - p && s < bl - p && a[al - 1 - s] == b[bl - 1 - s])
		s++;
	return (al - p - s) > (bl - p - s) ? al - p - s : bl - p - s;
}

/* The fuzzy key of a folded key: bytes the fold left outside ASCII (OCR
 * debris such as "¢") become one '?' per character. */
static void fuzzy_query(const char *key, struct sb *out)
{
	const unsigned char *s = (const unsigned char *)key;

	sb_reset(out);
	for (; *s; s++) {
		if (*s < 0x80)
			sb_addc(out, (char)*s);
		else if ((*s & 0xC0) != 0x80)
			sb_addc(out, '?');
	}
}

struct fbest {
	size_t dist;
	const char *name;
	enum rkind kind;
	bool tie;
};

static void fuzzy_consider(struct fbest *b, const char *q, size_t ql, const struct fkey *f,
			   const char *name, size_t max)
{
	size_t d, diff, lim;

	if (f->len < 8)
		return;
	d = fdist(q, ql, f->key, f->len, max);
	if (d > max)
		return;
	diff = differing_len(q, ql, f->key, f->len);
	lim = diff / 2 > 1 ? diff / 2 : 1;
	if (d > lim)
		return;
	if (d < b->dist) {
		b->dist = d;
		b->name = name;
		b->kind = f->group ? R_GROUP : R_BODY;
		b->tie = false;
	} else if (d == b->dist && b->name && strcmp(b->name, name) != 0) {
		b->tie = true;
	}
}

static void fuzzy_scan(const struct agency_registry *r, const char *key, bool group, struct fbest *b)
{
	struct sb q = SB_INIT;
	size_t max, lo, hi, i;

	fuzzy_query(key, &q);
	if (q.len < 8 || q.len > MAX_FUZZY_KEY)
		goto out;
	max = q.len / 6;
	/* The table is sorted by length: find the first key within reach. */
	lo = 0;
	hi = tab.fuzzy.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (tab.fuzzy.v[mid].len + max < q.len)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < tab.fuzzy.n && tab.fuzzy.v[i].len <= q.len + max; i++) {
		const struct fkey *f = &tab.fuzzy.v[i];

		if (f->group == group)
			fuzzy_consider(b, q.buf, q.len, f, tab.entries.v[f->entry].name, max);
	}
	if (r)
		for (i = 0; i < r->fuzzy.n; i++) {
			const struct fkey *f = &r->fuzzy.v[i];

			if (f->group == group)
				fuzzy_consider(b, q.buf, q.len, f, r->aliases.v[f->entry].canonical, max);
		}
out:
	sb_release(&q);
}

static bool find_fuzzy(const struct agency_registry *r, const struct words *w, bool bodies_only,
		       struct res *out)
{
	struct fbest b = { .dist = (size_t)-1 };
	struct sb key = SB_INIT;
	struct words g = { 0 };

	words_key(w, 0, w->n, &key);
	fuzzy_scan(r, key.buf, false, &b);
	if (!bodies_only) {
		strip_noise(w, &g);
		words_key(&g, 0, g.n, &key);
		fuzzy_scan(r, key.buf, true, &b);
	}
	words_release(&g);
	sb_release(&key);
	if (!b.name || b.tie)
		return false;
	res_ref(out, b.kind, b.name);
	return true;
}

/* ----------------------------------------------------------- UBND pattern */


/* Appends s[0..len) with white space collapsed and invalid UTF-8 dropped, so
 * that every name handed out is valid text whatever came in. */
static void add_clean(struct sb *out, const char *s, size_t len)
{
	struct sb v = SB_INIT;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = next_cp(s, len, i, &cp);

		if (cp != 0xFFFD || n > 1)
			sb_add(&v, s + i, n);
		i += n;
	}
	sb_add_collapsed(out, v.buf, v.len);
	sb_release(&v);
}

/* Appends the text of tokens [t0, t1) with white space collapsed. */
static void add_raw(const struct toks *k, size_t t0, size_t t1, struct sb *out)
{
	if (t0 >= t1)
		return;
	add_clean(out, k->text + k->t.v[t0].s, k->t.v[t1 - 1].e - k->t.v[t0].s);
}

static bool level_is_commune(int level)
{
	const char *d = tab.disp.v[level];

	return !vi_fold_eq(d, "tỉnh") && !vi_fold_eq(d, "thành phố");
}

/* "UBND xã Bắc Hà", "UBND các Phường Sa Pa", "xã Y Tý": a People's Committee
 * by level and place name, written "UBND <level> <name>". */
static bool find_ubnd(const struct ctx *c, const struct words *w, struct res *out)
{
	size_t i = 0, l = 0, j;
	bool ubnd = is_ubnd_at(w, 0);
	int level;
	struct sb name = SB_INIT;
	struct words nw = { 0 };
	struct res reg = { .name = SB_INIT };

	if (ubnd)
		i = 4;
	if (i < w->n && strcmp(w->v[i].w, "cac") == 0)
		i++;
	if (i >= w->n || (level = seq_at(&tab.level, w, i, &l)) < 0)
		return false;
	if (!ubnd && !level_is_commune(level))
		return false;
	i += l;
	if (i >= w->n || w->n - i > 6)
		return false;
	for (j = i; j < w->n; j++) {
		const struct tok *t = &c->k.t.v[w->v[j].t0];

		if (!t->cap && !t->digit)
			return false;
	}
	sb_adds(&name, "UBND ");
	sb_adds(&name, tab.disp.v[level]);
	sb_addc(&name, ' ');
	add_raw(&c->k, w->v[i].t0, w->v[w->n - 1].t1, &name);
	text_words(name.buf, &nw);
	if (try_key(c->r, &nw, nw.n, NULL, &reg)) {
		res_set(out, R_BODY, reg.name.buf, true);
		out->ref = reg.ref;
	} else
		res_set(out, R_BODY, name.buf, true);
	out->level = level;
	sb_release(&reg.name);
	words_release(&nw);
	sb_release(&name);
	return true;
}

/* The level of a UBND canonical name ("UBND xã Bắc Hà" -> xã), or -1. */
static int ubnd_level(const char *name)
{
	struct words w = { 0 };
	size_t l = 0;
	int level = -1;

	text_words(name, &w);
	if (is_ubnd_at(&w, 0) && w.n > 4)
		level = seq_at(&tab.level, &w, 4, &l);
	if (level >= 0 && l + 4 >= w.n)
		level = -1;
	words_release(&w);
	return level;
}

/* The first level word of a collective phrase ("UBND các xã, phường:" -> xã). */
static int first_level(const struct words *w)
{
	size_t i, l;

	for (i = 0; i < w->n; i++) {
		int v = seq_at(&tab.level, w, i, &l);

		if (v >= 0)
			return v;
	}
	return -1;
}

/* --------------------------------------------------------- span resolution */

/* A run-time alias of either kind ("các nhà tài trợ" -> Doanh nghiệp). */
static bool find_alias(const struct agency_registry *r, const struct words *w, struct res *out)
{
	struct sb key = SB_INIT;
	int v = -1;

	if (r && r->aliases.n) {
		words_key(w, 0, w->n, &key);
		v = smap_get(&r->keys, key.buf);
		if (v >= 0)
			res_ref(out, r->aliases.v[v].group ? R_GROUP : R_BODY, r->aliases.v[v].canonical);
	}
	sb_release(&key);
	return v >= 0;
}

/* A bracket that closes the span after its last word ("Sở KH&ĐT (Trung tâm
 * Xúc tiến …)"): its inner token range, or false. */
static bool trailing_bracket(const struct toks *k, size_t t0, size_t t1, size_t *i0, size_t *i1)
{
	size_t i, open = (size_t)-1;
	int base = 1 << 30;

	for (i = t0; i < t1; i++)
		if (k->t.v[i].depth < base)
			base = k->t.v[i].depth;
	for (i = t0; i < t1; i++) {
		const struct tok *t = &k->t.v[i];

		if (t->depth != base)
			continue;
		if (t->p == P_OPEN)
			open = i;
		else if (t->p == P_WORD)
			open = (size_t)-1;
	}
	if (open == (size_t)-1)
		return false;
	*i0 = open + 1;
	*i1 = t1;
	for (i = open + 1; i < t1; i++)
		if (k->t.v[i].p == P_CLOSE && k->t.v[i].depth == base) {
			*i1 = i;
			break;
		}
	return *i1 > *i0;
}

/* True when tokens [i0, i1) are one abbreviation ("(NHNN)"). */
static bool only_abbreviation(const struct toks *k, size_t i0, size_t i1)
{
	size_t i, words = 0;

	for (i = i0; i < i1; i++) {
		if (k->t.v[i].p != P_WORD)
			continue;
		if (!k->t.v[i].allcaps)
			return false;
		words++;
	}
	return words == 1;
}

/*
 * Resolves tokens [t0, t1) as one body or group. single: the span is one
 * piece (the UBND pattern applies); fuzzy: edit distance allowed.
 */
static bool resolve_span(const struct ctx *c, size_t t0, size_t t1, bool single, bool fuzzy,
			 struct res *out)
{
	size_t *idx, n, b0, b1;
	struct words raw = { 0 }, w = { 0 };
	bool found = false;

	n = span_words(&c->k, t0, t1, &idx);
	/* Longer than any name (abbreviations only shorten): nothing to find. */
	if (n > tab.max_words + 2)
		goto out;
	raw_words(&c->k, idx, n, &raw);
	norm_words(&raw, &w);
	if (!w.n)
		goto out;
	found = find_alias(c->r, &w, out) || find_group(&w, c->flags, out) || find_body(c->r, &w, out) ||
		(single && find_ubnd(c, &w, out)) ||
		(fuzzy && (c->flags & AGENCY_FUZZY) && find_fuzzy(c->r, &w, false, out));
	if (found && out->kind == R_BODY && out->level < 0)
		out->level = ubnd_level(out->name.buf);
	if (found && out->kind == R_BODY && trailing_bracket(&c->k, t0, t1, &b0, &b1) &&
	    !only_abbreviation(&c->k, b0, b1)) {
		struct sb inner = SB_INIT;
		struct res unit = { .name = SB_INIT };

		/* A unit the registry knows is written in full (an OCR'd "Trung tam
		 * Xdc tién Pau tu" is the Trung tâm Xúc tiến Đầu tư); else as printed. */
		if (resolve_span(c, b0, b1, true, fuzzy, &unit) && unit.kind == R_BODY)
			sb_adds(&inner, unit.name.buf);
		else
			add_raw(&c->k, b0, b1, &inner);
		sb_release(&unit.name);
		sb_trim(&inner);
		if (inner.len) {
			sb_adds(&out->name, " (");
			sb_adds(&out->name, inner.buf);
			sb_addc(&out->name, ')');
		}
		sb_release(&inner);
	}
out:
	words_release(&raw);
	words_release(&w);
	free(idx);
	return found;
}

/* ------------------------------------------------------------------ split */

struct piece {
	size_t t0, t1;
	bool join_next; /* the next piece may continue this name (",", "và", newline) */
	bool colon; /* the piece ends with ':' */
	bool dash; /* the piece ends with a spaced dash: "Trung tâm CNTT - Cục …" */
	bool va; /* the next piece follows "và" */
};

struct split {
	struct ctx c;
	VEC(struct piece) p;
	struct strlist *bodies, *groups, *unknown;
	size_t found, known, unknown_n, long_unknown;
	int level; /* UBND level bare place names take, or -1 */
	char *prefix; /* "Bộ" after "Các Bộ:": the head the names that follow take */
	/* Folding keys already in bodies, groups and unknown, so that pushing
	 * without duplicates stays linear on long lists. */
	struct smap seen_b, seen_g, seen_u;
};

/* Pushes name to l unless its folding key is in seen (strlist_push_unique()
 * in constant time). */
static void push_unique(struct strlist *l, struct smap *seen, const char *name)
{
	char *key = vi_fold_dup(name, 0);

	if (smap_get(seen, key) < 0) {
		smap_put(seen, key, 1);
		strlist_push(l, name);
	}
	free(key);
}

static void seed_seen(struct smap *seen, const struct strlist *l)
{
	size_t i;

	for (i = 0; l && i < l->n; i++) {
		char *key = vi_fold_dup(l->v[i], 0);

		smap_put(seen, key, 1);
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

	for (j = i; j < k->t.n && w.n < tab.sep.maxlen; j++) {
		const struct tok *t = &k->t.v[j];

		if (t->p != P_WORD || t->depth != 0)
			break;
		words_push(&w, t->fold, strlen(t->fold), j, j + 1);
	}
	if (w.n && seq_at(&tab.sep, &w, 0, &l) >= 0) {
		toks = l;
		*joinable = l == 1 && strcmp(w.v[0].w, "va") == 0;
	}
	words_release(&w);
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
	return span_words(&s->c.k, p->t0, p->t1, idx);
}

/* True when a piece could be a bare place name: 1-5 capitalised words. */
static bool looks_bare(const struct split *s, const struct piece *p)
{
	size_t *idx, n, i;
	bool yes;

	n = span_words(&s->c.k, p->t0, p->t1, &idx);
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
	raw_words(&s->c.k, idx, n, &raw);
	add_raw(&s->c.k, idx[0], idx[n - 1] + 1, &name);
	/* The registry knows the level of many places; else the list's level. */
	for (i = 0; i < tab.levels.n && !ok; i++) {
		struct sb cand = SB_INIT;

		sb_addf(&cand, "UBND %s %s", tab.disp.v[tab.levels.v[i]], name.buf);
		words_release(&nw);
		text_words(cand.buf, &nw);
		words_key(&nw, 0, nw.n, &key);
		if (find_body_key(s->c.r, key.buf, out) && out->kind == R_BODY) {
			out->level = tab.levels.v[i];
			ok = true;
		}
		sb_release(&cand);
	}
	/* "Hội …", "Báo …" are bodies the registry does not know, not places. */
	if (!ok && seq_at(&tab.head, &raw, 0, &l) < 0) {
		struct sb cand = SB_INIT;

		sb_addf(&cand, "UBND %s %s", tab.disp.v[s->level], name.buf);
		res_set(out, R_BODY, cand.buf, true);
		out->level = s->level;
		sb_release(&cand);
		ok = true;
	}
out:
	words_release(&raw);
	words_release(&nw);
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
			if (!resolve_span(&s->c, idx[i], idx[j - 1] + 1, true, false, &r))
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
		if (resolve_span(&s->c, idx[i], idx[next[i] - 1] + 1, true, false, &r))
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
	return i < s->p.n && resolve_span(&s->c, s->p.v[i].t0, s->p.v[i].t1, true, true, out);
}

/* "Trung tâm CNTT - Cục Du lịch Quốc gia Việt Nam" -> "Cục Du lịch Quốc gia
 * Việt Nam (Trung tâm CNTT)": an unknown unit, a dash, its known body. */
static bool unit_before_dash(struct split *s, size_t i)
{
	struct res r = { .name = SB_INIT };
	bool done = false;

	if (s->p.v[i].dash && piece_resolves(s, i + 1, &r) && r.kind == R_BODY) {
		struct sb unit = SB_INIT;

		add_raw(&s->c.k, s->p.v[i].t0, s->p.v[i].t1, &unit);
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
	if (resolve_span(&s->c, p->t0, d, true, true, &l) && l.kind == R_BODY) {
		sb_addc(&l.name, '/');
		if (resolve_span(&s->c, d + 1, p->t1, true, true, &r) && r.kind == R_BODY)
			sb_adds(&l.name, r.name.buf);
		else {
			struct sb rest = SB_INIT;

			add_raw(&s->c.k, d + 1, p->t1, &rest);
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

static bool trim_char(unsigned char c)
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
	add_raw(&s->c.k, t0, t1, &name);
	b = name.len;
	while (a < b && trim_char((unsigned char)name.buf[a]))
		a++;
	while (b > a && trim_char((unsigned char)name.buf[b - 1]))
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

	while (n < tab.max_pieces && s->p.v[i + n - 1].join_next && !s->p.v[i + n - 1].colon &&
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
		if (resolve_span(&s->c, s->p.v[i].t0, s->p.v[i + w - 1].t1, w == 1, true, r))
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
		add_raw(&s->c.k, s->p.v[i].t0, s->p.v[i + w - 1].t1, &text);
		text_words(text.buf, &nw);
		ok = find_body(s->c.r, &nw, r) ||
		     ((s->c.flags & AGENCY_FUZZY) && find_fuzzy(s->c.r, &nw, true, r) && r->kind == R_BODY);
		words_release(&nw);
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
	n = span_words(&s->c.k, s->p.v[i].t0, s->p.v[i + w - 1].t1, &idx);
	raw_words(&s->c.k, idx, n, &raw);
	norm_words(&raw, &nw);
	if (strncmp(r->name.buf, "UBND", 4) == 0) {
		int level = first_level(&nw);

		if (level >= 0 && looks_bare(s, &s->p.v[i + w])) {
			s->level = level;
			names = true;
		}
	} else {
		for (k = 0; k < nw.n && strcmp(nw.v[k].w, "cac") == 0; k++)
			;
		if (k + 1 == nw.n && (strcmp(nw.v[k].w, "so") == 0 || strcmp(nw.v[k].w, "bo") == 0)) {
			struct sb head = SB_INIT;

			add_raw(&s->c.k, nw.v[k].t0, nw.v[k].t1, &head);
			free(s->prefix);
			s->prefix = sb_detach(&head);
			names = prefixed_window(s, i + w, &probe) > 0;
			if (!names) {
				free(s->prefix);
				s->prefix = NULL;
			}
		}
	}
	words_release(&raw);
	words_release(&nw);
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

	n = span_words(&s->c.k, s->p.v[j].t0, s->p.v[j].t1, &idx);
	if (n == 0 || resolve_span(&s->c, s->p.v[j].t0, s->p.v[j].t1, true, false, &r))
		goto out;
	raw_words(&s->c.k, idx, n, &raw);
	{
		const struct tok *first = &s->c.k.t.v[idx[0]];

		if (!first->cap)
			yes = strcmp(first->fold, "cac") != 0;
		else if (s->p.v[j - 1].va)
			yes = seq_at(&tab.head, &raw, 0, &l) < 0;
	}
out:
	words_release(&raw);
	sb_release(&r.name);
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

			while (j + 1 < s->p.n && s->p.v[j].join_next && !s->p.v[j].colon && !s->p.v[j].dash &&
			       j + 1 - i < 8 && continues_unknown(s, j + 1))
				j++;
			emit_unknown(s, s->p.v[i].t0, s->p.v[j].t1);
			i = j;
		}
		i++;
	}
	sb_release(&r.name);
}

static size_t capped_len(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	/* Do not cut a UTF-8 sequence in two. */
	while (n == cap && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void split_run(struct split *s, const struct agency_registry *r, const char *list, unsigned flags)
{
	table_init();
	s->c.r = r;
	s->c.flags = flags;
	s->level = -1;
	seed_seen(&s->seen_b, s->bodies);
	seed_seen(&s->seen_g, s->groups);
	seed_seen(&s->seen_u, s->unknown);
	tokenize(&s->c.k, list, capped_len(list, LIST_CAP));
	cut_pieces(s);
	split_pieces(s);
}

static void split_release(struct split *s)
{
	free(s->prefix);
	smap_release(&s->seen_b);
	smap_release(&s->seen_g);
	smap_release(&s->seen_u);
	toks_release(&s->c.k);
	free(s->p.v);
}

size_t agency_split(const struct agency_registry *r, const char *list, unsigned flags,
		    struct strlist *bodies, struct strlist *groups, struct strlist *unknown)
{
	struct split s = { .bodies = bodies, .groups = groups, .unknown = unknown };
	size_t found;

	if (!list || !bodies || !groups)
		return 0;
	split_run(&s, r, list, flags);
	found = s.found;
	split_release(&s);
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
	table_init();
	cut = xstrndup(name, capped_len(name, 1024));
	text_words(cut, &w);
	if (w.n && (find_body(r, &w, &out) ||
		    ((flags & AGENCY_FUZZY) && find_fuzzy(r, &w, true, &out))) && out.kind == R_BODY)
		found = out.ref;
	words_release(&w);
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
	table_init();
	cut = xstrndup(phrase, capped_len(phrase, 1024));
	text_words(cut, &w);
	if (w.n && (find_group(&w, flags, &out) ||
		    ((flags & AGENCY_FUZZY) && find_fuzzy(NULL, &w, false, &out))) &&
	    out.kind == R_GROUP)
		found = out.ref;
	words_release(&w);
	sb_release(&out.name);
	free(cut);
	return found;
}

/* ------------------------------------------------------------ people */

/* The word tokens of a text, as words (folded, unexpanded). */
static void all_words(const struct toks *k, struct words *w)
{
	size_t i;

	for (i = 0; i < k->t.n; i++) {
		if (k->t.v[i].p != P_WORD || !*k->t.v[i].fold)
			continue;
		words_push(w, k->t.v[i].fold, strlen(k->t.v[i].fold), i, i + 1);
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
		words_push(&sub, w->v[i].w, strlen(w->v[i].w), w->v[i].t0, w->v[i].t1);
	norm_words(&sub, &nw);
	words_key(&nw, 0, nw.n, &key);
	yes = smap_get(&tab.province.m, key.buf) >= 0;
	words_release(&sub);
	words_release(&nw);
	sb_release(&key);
	return yes;
}

/* Token i in lower case with its marks, computed once. */
static const char *tok_low(const struct toks *k, size_t i)
{
	const struct tok *t = &k->t.v[i];

	if (!k->low[i])
		k->low[i] = lower_exact(k->text + t->s, t->e - t->s);
	return k->low[i];
}

/* A family name, with its marks ("Cầm" but not "Cẩm"); text without any
 * marks (OCR) is compared on the folding key. */
static bool is_surname(const struct toks *k, const struct tok *t)
{
	return smap_get(&tab.surname_exact, tok_low(k, (size_t)(t - k->t.v))) >= 0 ||
	       (is_ascii(k->text + t->s, t->e - t->s) && smap_get(&tab.surname.m, t->fold) >= 0);
}

/* The title that starts at word i, compared with its marks ("Trưởng", not
 * "Trường"), or on the folding key when the words carry no marks (OCR);
 * its disp index with *len set, or -1. */
static int title_at(const struct toks *k, const struct words *w, size_t i, size_t *len)
{
	struct sb x = SB_INIT, f = SB_INIT;
	size_t l, j;
	int v = -1;

	for (l = tab.title.maxlen < w->n - i ? tab.title.maxlen : w->n - i; l > 0 && v < 0; l--) {
		bool ascii = true;

		sb_reset(&x);
		for (j = i; j < i + l; j++) {
			const struct tok *t = &k->t.v[w->v[j].t0];

			if (!is_ascii(k->text + t->s, t->e - t->s))
				ascii = false;
			if (j > i)
				sb_addc(&x, ' ');
			sb_adds(&x, tok_low(k, w->v[j].t0));
		}
		v = smap_get(&tab.title_exact.m, x.buf);
		if (v < 0 && ascii) {
			words_key(w, i, i + l, &f);
			v = smap_get(&tab.title.m, f.buf);
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
		if (seq_at(&tab.honorific, &w, i, &l) >= 0 && (i == 0 || !adjacent(k, &w, i - 1)) &&
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
		if (i > 0 && adjacent(k, &w, i - 1) && seq_at(&tab.level, &w, i - 1, &ll) >= 0 && ll == 1) {
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
			bool head = seq_at(&tab.head, &w, i, &ll) >= 0;
			bool where = i == 0 || titled || title_follows(k, &w, j);

			if (!place && ((where && is_surname(k, t)) || (hon && !head))) {
				*a_out = w.v[i].t0;
				*b_out = w.v[j - 1].t1;
				found = true;
			}
		}
		i = j;
	}
	words_release(&w);
	return found;
}

static int lead_title(const struct toks *k, size_t *after);

size_t agency_title_len(const char *s)
{
	struct toks k;
	size_t after = 0, len = 0;

	if (!s)
		return 0;
	table_init();
	tokenize(&k, s, capped_len(s, LIST_CAP));
	if (lead_title(&k, &after) >= 0 && after > 0 && after <= k.t.n)
		len = k.t.v[after - 1].e;
	toks_release(&k);
	return len;
}

char *person_name(const char *cell)
{
	struct toks k;
	size_t a, b;
	char *name = NULL;

	if (!cell)
		return NULL;
	table_init();
	tokenize(&k, cell, capped_len(cell, LIST_CAP));
	if (find_person(&k, &a, &b)) {
		struct sb out = SB_INIT;

		add_raw(&k, a, b, &out);
		name = sb_detach(&out);
	}
	toks_release(&k);
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
	if (w.n && seq_at(&tab.honorific, &w, 0, &l) >= 0)
		i = l;
	if (i < w.n && (v = title_at(k, &w, i, &l)) >= 0)
		*after = w.v[i + l - 1].t1;
	words_release(&w);
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
			words_push(&w, k->t.v[j].fold, strlen(k->t.v[j].fold), j, j + 1);
	if (w.n && (v = seq_at(&tab.abbr, &w, 0, &l)) >= 0 && strcmp(tab.disp.v[v], "uy ban nhan dan") == 0)
		i = l;
	else if (is_ubnd_at(&w, 0))
		i = 4;
	if (i < w.n && strcmp(w.v[i].w, "cac") == 0) {
		cac = true;
		i++;
	}
	if (i >= w.n || (level = seq_at(&tab.level, &w, i, &l)) < 0 || i + l >= w.n)
		goto out;
	/* "Lãnh đạo tỉnh phụ trách" is no People's Committee. */
	if (i == 0 && !level_is_commune(level))
		goto out;
	sb_adds(out, "UBND ");
	if (cac)
		sb_adds(out, "các ");
	sb_adds(out, tab.disp.v[level]);
	{
		size_t from = k->t.v[w.v[i + l - 1].t1 - 1].e;
		struct sb rest = SB_INIT;

		add_clean(&rest, k->text + from, k->len - from);
		sb_trim(&rest);
		if (rest.len && rest.buf[0] != ',' && rest.buf[0] != ':')
			sb_addc(out, ' ');
		sb_adds(out, rest.buf);
		sb_release(&rest);
	}
	ok = true;
out:
	words_release(&w);
	return ok;
}

/* Strips trailing dots, commas and spaces. */
static void trim_tail(struct sb *s)
{
	while (s->len && trim_char((unsigned char)s->buf[s->len - 1]))
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
	table_init();
	tokenize(&k, s, capped_len(s, LIST_CAP));
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
				words_push(&w, k.t.v[i].fold, strlen(k.t.v[i].fold), i, i + 1);
		add_raw(&k, b, k.t.n, &rest);
		trim_tail(&rest);
		/* A known body, a People's Committee, or a short name that opens
		 * like a body; a title word opening a long sentence is no cell. */
		yes = agency_canonical(NULL, rest.buf, AGENCY_FUZZY) != NULL || ubnd_phrase(&k, b, &ub) ||
		      (w.n <= 10 && (seq_at(&tab.head, &w, 0, &l) >= 0 || seq_at(&tab.abbr, &w, 0, &l) >= 0));
		words_release(&w);
		sb_release(&rest);
		sb_release(&ub);
	}
out:
	toks_release(&k);
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
	table_init();
	tokenize(&k, s, capped_len(s, LIST_CAP));
	title = lead_title(&k, &after);
	if (title < 0 || (b = body_start(&k, after)) >= k.t.n) {
		add_raw(&k, 0, k.t.n, &out);
		trim_tail(&out);
		goto out;
	}
	sb_adds(&out, tab.disp.v[title]);
	sb_addc(&out, ' ');
	add_raw(&k, b, k.t.n, &rest);
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
	toks_release(&k);
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
	table_init();
	person = person_name(s);
	if (person) {
		free(person);
		return false;
	}
	if (supervisor_looks_like(s))
		return false;
	split_run(&sp, r, s, flags);
	yes = sp.known > 0 && sp.unknown_n <= sp.known && sp.long_unknown == 0;
	split_release(&sp);
	strlist_release(&bodies);
	strlist_release(&groups);
	return yes;
}
