/*
 * agency_reg.c - the registry of bodies and people and the resolution of one
 * name; lists are split in agency_list.c, people read in agency_people.c, on
 * the words of agency_tok.c.
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
#include "extract/agency_reg.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <pthread.h>
#include <utf8proc.h>

#include "agencies_table.h"

struct table ag_tab;
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* ----------------------------------------------------------------- table */







/* ------------------------------------------------------------ table build */

static int add_disp(const char *s)
{
	*VEC_PUSH(&ag_tab.disp) = s;
	return (int)ag_tab.disp.n - 1;
}

static const char *own(char *s)
{
	*VEC_PUSH(&ag_tab.owned) = s;
	return s;
}

static int add_entry(const char *name, enum ekind kind)
{
	struct entry *e = VEC_PUSH(&ag_tab.entries);

	e->name = name;
	e->kind = kind;
	return (int)ag_tab.entries.n - 1;
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
	old = ag_smap_get(&ag_tab.names, k.buf);
	if (old >= 0 && old != entry) {
		if (strcmp(ag_tab.entries.v[old].name, ag_tab.entries.v[entry].name) != 0) {
			struct sb msg = SB_INIT;

			sb_addf(&msg, "\"%s\": \"%s\" and \"%s\"", k.buf, ag_tab.entries.v[old].name,
				ag_tab.entries.v[entry].name);
			strlist_push(&ag_tab.problems, msg.buf);
			sb_release(&msg);
		}
	} else if (old < 0) {
		ag_smap_put(&ag_tab.names, k.buf, entry);
	}
	sb_release(&k);
}

/* Notes how many list pieces and key words a name spans, so that the list
 * reader never tries a join longer than any name. */
static void note_size(const char *printed, size_t words)
{
	struct toks k;
	size_t i, pieces = 1;

	ag_tokenize(&k, printed, strlen(printed));
	for (i = 0; i < k.t.n; i++)
		if ((k.t.v[i].p == P_COMMA && k.t.v[i].depth == 0) ||
		    (k.t.v[i].p == P_WORD && strcmp(k.t.v[i].fold, "va") == 0))
			pieces++;
	ag_toks_release(&k);
	if (pieces > ag_tab.max_pieces)
		ag_tab.max_pieces = pieces;
	if (words > ag_tab.max_words)
		ag_tab.max_words = words;
}

static void add_body_name(const char *printed, int entry)
{
	struct words w = { 0 };
	struct sb key = SB_INIT;

	ag_text_words(printed, &w);
	note_size(printed, w.n);
	ag_words_key(&w, 0, w.n, &key);
	add_name_key("", key.buf, entry);
	ag_words_release(&w);
	sb_release(&key);
}

static void add_group_phrase(const char *prefix, const char *printed, int entry)
{
	struct words w = { 0 }, g = { 0 };
	struct sb key = SB_INIT;

	ag_text_words(printed, &w);
	note_size(printed, w.n);
	ag_strip_noise(&w, &g);
	ag_words_key(&g, 0, g.n, &key);
	add_name_key(prefix, key.buf, entry);
	ag_words_release(&w);
	ag_words_release(&g);
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
	char *k = ag_plain_key(s);

	ag_seq_put(c->map, k, c->val);
	free(k);
}

static void put_normalised(const char *s, void *arg)
{
	struct rowctx *c = arg;
	struct words w = { 0 };
	struct sb key = SB_INIT;

	ag_text_words(s, &w);
	ag_words_key(&w, 0, w.n, &key);
	ag_seq_put(c->map, key.buf, c->val);
	ag_words_release(&w);
	sb_release(&key);
}

static void put_exact_surname(const char *s, void *arg)
{
	char *low = ag_lower_exact(s, strlen(s));

	ag_smap_put(&ag_tab.surname_exact, low, 1);
	free(low);
}

/* The words of s in lower case with their marks, joined by one space. */
static char *exact_key(const char *s)
{
	struct toks k;
	struct sb key = SB_INIT;
	size_t i;

	ag_tokenize(&k, s, strlen(s));
	for (i = 0; i < k.t.n; i++) {
		char *low;

		if (k.t.v[i].p != P_WORD)
			continue;
		low = ag_lower_exact(s + k.t.v[i].s, k.t.v[i].e - k.t.v[i].s);
		if (key.len)
			sb_addc(&key, ' ');
		sb_adds(&key, low);
		free(low);
	}
	ag_toks_release(&k);
	return sb_detach(&key);
}

static void put_exact_title(const char *s, void *arg)
{
	struct rowctx *c = arg;
	char *k = exact_key(s);

	ag_seq_put(c->map, k, c->val);
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
			return (struct seqmap *)((char *)&ag_tab + maps[i].off);
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

	for (i = 0; i < ag_tab.names.cap; i++) {
		const char *k = ag_tab.names.keys[i];
		struct fkey *f;

		if (!k)
			continue;
		if (*k == '!')
			continue;
		f = VEC_PUSH(&ag_tab.fuzzy);
		f->group = *k == '#';
		f->key = f->group ? k + 1 : k;
		f->len = strlen(f->key);
		f->entry = ag_tab.names.vals[i];
	}
	if (ag_tab.fuzzy.n)
		qsort(ag_tab.fuzzy.v, ag_tab.fuzzy.n, sizeof(*ag_tab.fuzzy.v), fkey_cmp);
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
		struct rowctx c = { .map = &ag_tab.abbr };
		char *exp;

		if (strcmp(row->kind, "abbr") != 0)
			continue;
		exp = ag_plain_key(row->name);
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
			if (m == &ag_tab.level)
				*VEC_PUSH(&ag_tab.levels) = c.val;
			if (m == &ag_tab.surname)
				row_names(row, put_exact_surname, NULL);
			if (m == &ag_tab.title) {
				struct rowctx x = { .map = &ag_tab.title_exact, .val = c.val };

				row_names(row, put_exact_title, &x);
			}
		} else if (strcmp(row->kind, "successor") == 0) {
			c.map = &ag_tab.successor;
			c.val = add_disp(row->name);
			row_names(&(struct agency_row){ row->kind, "", row->aliases }, put_normalised, &c);
		} else if (strcmp(row->kind, "province") == 0) {
			c.map = &ag_tab.province;
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
		for (e = 0; e < ag_tab.entries.n; e++)
			if (ag_tab.entries.v[e].kind == E_GROUP && strcmp(ag_tab.entries.v[e].name, row->name) == 0)
				break;
		if (e == ag_tab.entries.n) {
			struct sb msg = SB_INIT;

			sb_addf(&msg, "group-words \"%s\": no such group", row->name);
			strlist_push(&ag_tab.problems, msg.buf);
			sb_release(&msg);
			continue;
		}
		v = VEC_PUSH(&ag_tab.vocab);
		v->entry = (int)e;
		c.map = &v->words;
		row_names(&(struct agency_row){ row->kind, "", row->aliases }, put_normalised, &c);
	}
	build_fuzzy();
}

void ag_table_init(void)
{
	pthread_once(&tab_once, build_table);
}

size_t agency_table_problems(struct strlist *out)
{
	ag_table_init();
	if (out)
		strlist_copy(out, &ag_tab.problems);
	return ag_tab.problems.n;
}

/* -------------------------------------------------------------- registry */



struct agency_registry *agency_registry_new(void)
{
	struct agency_registry *r;

	ag_table_init();
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

	ag_text_words(name, &w);
	for (l = ag_tab.province.maxlen < w.n ? ag_tab.province.maxlen : w.n; l > 0 && found < 0; l--) {
		ag_words_key(&w, w.n - l, w.n, &key);
		found = ag_smap_get(&ag_tab.province.m, key.buf);
	}
	ag_words_release(&w);
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
	ag_table_init();
	if ((p = province_in(province)) < 0)
		return -1;
	r->home = p;
	return 0;
}

const char *agency_registry_home(const struct agency_registry *r)
{
	return r && r->home >= 0 ? ag_tab.disp.v[r->home] : NULL;
}

const char *agency_province(const char *text)
{
	int p;

	if (!text)
		return NULL;
	ag_table_init();
	p = province_in(text);
	return p >= 0 ? ag_tab.disp.v[p] : NULL;
}

char *agency_province_ubnd(const char *province)
{
	struct sb name = SB_INIT;
	char *k = ag_plain_key(province);

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
	ag_table_init();
	ag_text_words(name, &w);
	ag_words_key(&w, 0, w.n, &key);
	v = ag_smap_get(&ag_tab.successor.m, key.buf);
	if (v < 0 && w.n > 1 && strcmp(w.v[0].w, "tinh") == 0) {
		/* "tỉnh Yên Bái" */
		ag_words_key(&w, 1, w.n, &key);
		v = ag_smap_get(&ag_tab.successor.m, key.buf);
	}
	ag_words_release(&w);
	sb_release(&key);
	return v >= 0 ? ag_tab.disp.v[v] : NULL;
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
	ag_smap_release(&r->keys);
	free(r);
}

static const struct entry *group_by_label(const char *label)
{
	size_t i;

	for (i = 0; i < ag_tab.entries.n; i++)
		if (ag_tab.entries.v[i].kind == E_GROUP && vi_fold_eq(ag_tab.entries.v[i].name, label))
			return &ag_tab.entries.v[i];
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
	ag_text_words(alias, &w);
	ag_words_key(&w, 0, w.n, &key);
	sb_add_collapsed(&canon, canonical, strlen(canonical));
	sb_trim(&canon);
	if (!key.len || !canon.len)
		goto out;
	g = group_by_label(canon.buf);
	a = VEC_PUSH(&r->aliases);
	a->canonical = xstrdup(g ? g->name : canon.buf);
	a->group = g != NULL;
	old = ag_smap_put(&r->keys, key.buf, (int)r->aliases.n - 1);
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
	/* The canonical name reads as itself: else the next re-resolution of
	 * stored names (another alias taught) could send it to a table entry
	 * it merely resembles ("Hiệp hội Du lịch tỉnh Lào Cai" -> "Hiệp hội Du
	 * lịch tỉnh"), undoing this alias. */
	if (!a->group) {
		struct words cw = { 0 };
		struct sb ckey = SB_INIT;

		ag_text_words(a->canonical, &cw);
		ag_words_key(&cw, 0, cw.n, &ckey);
		if (ckey.len && ag_smap_get(&r->keys, ckey.buf) < 0 &&
		    ag_smap_get(&ag_tab.names, ckey.buf) < 0)
			ag_smap_put(&r->keys, ckey.buf, (int)r->aliases.n - 1);
		ag_words_release(&cw);
		sb_release(&ckey);
	}
	rc = 0;
out:
	ag_words_release(&w);
	sb_release(&key);
	sb_release(&canon);
	return rc;
}

/* ------------------------------------------------------------ resolution */




void ag_res_set(struct res *out, enum rkind kind, const char *name, bool known)
{
	out->kind = kind;
	sb_reset(&out->name);
	if (name)
		sb_adds(&out->name, name);
	out->known = known;
	out->level = -1;
	out->ref = NULL;
}

/* ag_res_set() for a name the registry owns (it outlives the call). */
static void res_ref(struct res *out, enum rkind kind, const char *name)
{
	ag_res_set(out, kind, name, true);
	out->ref = name;
}

/* Looks a body key up among run-time aliases and the table. */
bool ag_find_body_key(const struct agency_registry *r, const char *key, struct res *out)
{
	int v;

	if (r && (v = ag_smap_get(&r->keys, key)) >= 0) {
		const struct alias *a = &r->aliases.v[v];

		res_ref(out, a->group ? R_GROUP : R_BODY, a->canonical);
		return true;
	}
	v = ag_smap_get(&ag_tab.names, key);
	if (v >= 0) {
		res_ref(out, ag_tab.entries.v[v].kind == E_GROUP ? R_GROUP : R_BODY, ag_tab.entries.v[v].name);
		return true;
	}
	return false;
}

/* The group whose vocabulary covers every word of g, in two or more items
 * (one item alone is for the exact phrases: "thành phố" is no group), or -1. */
static int vocab_group(const struct words *g)
{
	size_t i, j, l, items;

	for (i = 0; i < ag_tab.vocab.n; i++) {
		const struct seqmap *m = &ag_tab.vocab.v[i].words;

		for (j = 0, items = 0; j < g->n && ag_seq_at(m, g, j, &l) >= 0; j += l)
			items++;
		if (items >= 2 && j == g->n)
			return ag_tab.vocab.v[i].entry;
	}
	return -1;
}

bool ag_find_group(const struct words *w, unsigned flags, struct res *out)
{
	struct words g = { 0 };
	struct sb key = SB_INIT;
	bool found = false;
	size_t n;
	int v = -1;

	ag_strip_noise(w, &g);
	if (!g.n) {
		ag_res_set(out, R_FILLER, NULL, true);
		found = w->n > 0;
		goto out;
	}
	/* "các sở, ban, ngành tỉnh": a trailing "tỉnh" may be dropped. */
	for (n = g.n; n > 0 && v < 0; n--) {
		struct sb tmp = SB_INIT;

		if (n < g.n && strcmp(g.v[n].w, "tinh") != 0)
			break;
		ag_words_key(&g, 0, n, &tmp);
		if (flags & AGENCY_NATIONAL) {
			sb_reset(&key);
			sb_addc(&key, '!');
			sb_adds(&key, tmp.buf);
			v = ag_smap_get(&ag_tab.names, key.buf);
		}
		if (v < 0) {
			sb_reset(&key);
			sb_addc(&key, '#');
			sb_adds(&key, tmp.buf);
			v = ag_smap_get(&ag_tab.names, key.buf);
		}
		sb_release(&tmp);
	}
	if (v < 0)
		v = vocab_group(&g);
	if (v >= 0) {
		res_ref(out, R_GROUP, ag_tab.entries.v[v].name);
		found = true;
	}
out:
	ag_words_release(&g);
	sb_release(&key);
	return found;
}

bool ag_is_ubnd_at(const struct words *w, size_t i)
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

	for (l = ag_tab.province.maxlen < w->n ? ag_tab.province.maxlen : w->n - 1; l > 0 && l < w->n; l--) {
		ag_words_key(w, w->n - l, w->n, &key);
		if ((*prov = ag_smap_get(&ag_tab.province.m, key.buf)) >= 0) {
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

	ag_words_key(w, 0, n, &key);
	if (extra) {
		if (key.len)
			sb_addc(&key, ' ');
		sb_adds(&key, extra);
	}
	found = key.len && ag_find_body_key(r, key.buf, out) && out->kind == R_BODY;
	sb_release(&key);
	return found;
}

/* A body by its key and the usual variants: "… tỉnh Lào Cai", "… Lai Châu",
 * "tỉnh" added or removed. */
bool ag_find_body(const struct agency_registry *r, const struct words *w, struct res *out)
{
	size_t n = w->n, p;
	int prov = -1;

	if (!n)
		return false;
	if (try_key(r, w, n, NULL, out))
		return true;
	/* "UBND thành phố Lạng Sơn" is read by the UBND pattern, not as
	 * "UBND" + a province suffix. */
	if (ag_is_ubnd_at(w, 0))
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
	/* Only the cells within max of the diagonal can stay within max: the
	 * band is computed, the cells outside it count as max + 1 (the scan over
	 * the registry calls this for every key of a near length). */
	for (j = 0; j <= bl; j++)
		row[j] = j <= max ? j : max + 1;
	for (i = 1; i <= al; i++) {
		size_t lo = i > max ? i - max : 1, hi = i + max < bl ? i + max : bl;
		size_t diag, left, best;

		if (lo == 1) {
			diag = row[0];
			row[0] = i <= max ? i : max + 1;
			left = row[0];
		} else {
			diag = row[lo - 1];
			left = max + 1;
		}
		best = left;
		for (j = lo; j <= hi; j++) {
			size_t up = row[j];
			size_t cost = (a[i - 1] == b[j - 1] || is_wild(a[i - 1])) ? 0 : 1;
			size_t v = diag + cost;

			if (left + 1 < v)
				v = left + 1;
			if (up + 1 < v)
				v = up + 1;
			if (v > max + 1)
				v = max + 1;
			row[j] = v;
			diag = up;
			left = v;
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
	hi = ag_tab.fuzzy.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ag_tab.fuzzy.v[mid].len + max < q.len)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < ag_tab.fuzzy.n && ag_tab.fuzzy.v[i].len <= q.len + max; i++) {
		const struct fkey *f = &ag_tab.fuzzy.v[i];

		if (f->group == group)
			fuzzy_consider(b, q.buf, q.len, f, ag_tab.entries.v[f->entry].name, max);
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

bool ag_find_fuzzy(const struct agency_registry *r, const struct words *w, bool bodies_only,
		       struct res *out)
{
	struct fbest b = { .dist = (size_t)-1 };
	struct sb key = SB_INIT;
	struct words g = { 0 };

	ag_words_key(w, 0, w->n, &key);
	fuzzy_scan(r, key.buf, false, &b);
	if (!bodies_only) {
		ag_strip_noise(w, &g);
		ag_words_key(&g, 0, g.n, &key);
		fuzzy_scan(r, key.buf, true, &b);
	}
	ag_words_release(&g);
	sb_release(&key);
	if (!b.name || b.tie)
		return false;
	res_ref(out, b.kind, b.name);
	return true;
}

/* ----------------------------------------------------------- UBND pattern */


/* Appends s[0..len) with white space collapsed and invalid UTF-8 dropped, so
 * that every name handed out is valid text whatever came in. */
void ag_add_clean(struct sb *out, const char *s, size_t len)
{
	struct sb v = SB_INIT;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = ag_next_cp(s, len, i, &cp);

		if (cp != 0xFFFD || n > 1)
			sb_add(&v, s + i, n);
		i += n;
	}
	sb_add_collapsed(out, v.buf, v.len);
	sb_release(&v);
}

/* Appends the text of tokens [t0, t1) with white space collapsed. */
void ag_add_raw(const struct toks *k, size_t t0, size_t t1, struct sb *out)
{
	if (t0 >= t1)
		return;
	ag_add_clean(out, k->text + k->t.v[t0].s, k->t.v[t1 - 1].e - k->t.v[t0].s);
}

bool ag_level_is_commune(int level)
{
	const char *d = ag_tab.disp.v[level];

	return !vi_fold_eq(d, "tỉnh") && !vi_fold_eq(d, "thành phố");
}

/* "UBND xã Bắc Hà", "UBND các Phường Sa Pa", "xã Y Tý": a People's Committee
 * by level and place name, written "UBND <level> <name>". */
static bool find_ubnd(const struct ctx *c, const struct words *w, struct res *out)
{
	size_t i = 0, l = 0, j;
	bool ubnd = ag_is_ubnd_at(w, 0);
	int level;
	struct sb name = SB_INIT;
	struct words nw = { 0 };
	struct res reg = { .name = SB_INIT };

	if (ubnd)
		i = 4;
	if (i < w->n && strcmp(w->v[i].w, "cac") == 0)
		i++;
	if (i >= w->n || (level = ag_seq_at(&ag_tab.level, w, i, &l)) < 0)
		return false;
	if (!ubnd && !ag_level_is_commune(level))
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
	sb_adds(&name, ag_tab.disp.v[level]);
	sb_addc(&name, ' ');
	ag_add_raw(&c->k, w->v[i].t0, w->v[w->n - 1].t1, &name);
	ag_text_words(name.buf, &nw);
	if (try_key(c->r, &nw, nw.n, NULL, &reg)) {
		ag_res_set(out, R_BODY, reg.name.buf, true);
		out->ref = reg.ref;
	} else
		ag_res_set(out, R_BODY, name.buf, true);
	out->level = level;
	sb_release(&reg.name);
	ag_words_release(&nw);
	sb_release(&name);
	return true;
}

/* The level of a UBND canonical name ("UBND xã Bắc Hà" -> xã), or -1. */
static int ubnd_level(const char *name)
{
	struct words w = { 0 };
	size_t l = 0;
	int level = -1;

	ag_text_words(name, &w);
	if (ag_is_ubnd_at(&w, 0) && w.n > 4)
		level = ag_seq_at(&ag_tab.level, &w, 4, &l);
	if (level >= 0 && l + 4 >= w.n)
		level = -1;
	ag_words_release(&w);
	return level;
}

/* The first level word of a collective phrase ("UBND các xã, phường:" -> xã). */
int ag_first_level(const struct words *w)
{
	size_t i, l;

	for (i = 0; i < w->n; i++) {
		int v = ag_seq_at(&ag_tab.level, w, i, &l);

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
		ag_words_key(w, 0, w->n, &key);
		v = ag_smap_get(&r->keys, key.buf);
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
bool ag_resolve_span(const struct ctx *c, size_t t0, size_t t1, bool single, bool fuzzy,
			 struct res *out)
{
	size_t *idx, n, b0, b1;
	struct words raw = { 0 }, w = { 0 };
	bool found = false;

	n = ag_span_words(&c->k, t0, t1, &idx);
	/* Longer than any name (abbreviations only shorten): nothing to find. */
	if (n > ag_tab.max_words + 2)
		goto out;
	ag_raw_words(&c->k, idx, n, &raw);
	ag_norm_words(&raw, &w);
	if (!w.n)
		goto out;
	found = find_alias(c->r, &w, out) || ag_find_group(&w, c->flags, out) || ag_find_body(c->r, &w, out) ||
		(single && find_ubnd(c, &w, out)) ||
		(fuzzy && (c->flags & AGENCY_FUZZY) && ag_find_fuzzy(c->r, &w, false, out));
	if (found && out->kind == R_BODY && out->level < 0)
		out->level = ubnd_level(out->name.buf);
	if (found && out->kind == R_BODY && trailing_bracket(&c->k, t0, t1, &b0, &b1) &&
	    !only_abbreviation(&c->k, b0, b1)) {
		struct sb inner = SB_INIT;
		struct res unit = { .name = SB_INIT };

		/* A unit the registry knows is written in full (an OCR'd "Trung tam
		 * Xdc tién Pau tu" is the Trung tâm Xúc tiến Đầu tư); else as printed. */
		if (ag_resolve_span(c, b0, b1, true, fuzzy, &unit) && unit.kind == R_BODY)
			sb_adds(&inner, unit.name.buf);
		else
			ag_add_raw(&c->k, b0, b1, &inner);
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
	ag_words_release(&raw);
	ag_words_release(&w);
	free(idx);
	return found;
}
