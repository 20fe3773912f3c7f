/*
 * header.c - the document-header pass: number, kind, issuer, place, date,
 * year and title of a plan (see "document" in the spec), and the word and
 * date helpers of header.h.
 *
 * A Vietnamese administrative document opens with a fixed block: the issuing
 * body (often on two upper-case lines, "ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI",
 * beside the national motto), "Số: 04/CTr-UBND", "Lào Cai, ngày 03 tháng 02
 * năm 2026", the type word in capitals ("KẾ HOẠCH") and the subject lines.
 * Exports lose parts of it: the issuer column vanishes, OCR drops the
 * diacritics ("Sb: 863 /KH-UBND Lai Chau, ngay 06 thang4 nam 2021"), an
 * appendix has only "Phụ lục 02:" and "(Kèm theo Kế hoạch … của Ủy ban nhân
 * dân tỉnh Lào Cai)". So every field is read on the folding key, word by word,
 * and the issuer, when its lines are gone, is inferred from the number's
 * suffix (-UBND, -BCĐ) or the appendix line; each inference is noted.
 */
#include "base/compat.h"
#include "extract/header.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <utf8proc.h>

/* ---- words ---------------------------------------------------------- */

/* The code point at s[i]; an invalid byte reads as -1, one byte long. */
static size_t next_cp(const char *s, size_t len, size_t i, utf8proc_int32_t *cp)
{
	return utf8_next(s, len, i, cp, -1);
}

static bool is_space_cp(utf8proc_int32_t cp)
{
	return cp < 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == '\v' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Letters, combining marks and digits of any script; '&' joins "NN&MT". */
static bool is_word_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp == '&')
		return true;
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

static size_t scan_word(const char *s, size_t len, size_t i, struct htok *t)
{
	bool digits = true, lower = false, letters = false;

	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = next_cp(s, len, i, &cp);

		if (cp < 0 || !is_word_cp(cp))
			break;
		if (cp < '0' || cp > '9')
			digits = false;
		if (utf8proc_toupper(cp) != cp)
			lower = true;
		if (utf8proc_tolower(cp) != cp)
			letters = true;
		i += n;
	}
	t->word = true;
	t->digits = digits;
	t->caps = letters && !lower;
	return i;
}

void header_tokenize(const char *s, size_t len, struct htoks *out)
{
	size_t i = 0;
	bool space = true;

	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = next_cp(s, len, i, &cp);
		struct htok *t;
		struct sb key = SB_INIT;

		if (is_space_cp(cp)) {
			space = true;
			i += n;
			continue;
		}
		t = VEC_PUSH(out);
		t->s = s + i;
		t->space = space;
		space = false;
		if (!is_word_cp(cp)) {
			t->len = n;
			t->key = xstrndup(s + i, n);
			i += n;
			continue;
		}
		t->upper = utf8proc_tolower(cp) != cp;
		i = scan_word(s, len, i, t);
		t->len = (size_t)(s + i - t->s);
		vi_fold(&key, t->s, t->len, 0);
		t->key = sb_detach(&key);
	}
}

void header_toks_release(struct htoks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].key);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

bool header_tok_is(const struct htoks *t, size_t i, const char *key)
{
	return i < t->n && strcmp(t->v[i].key, key) == 0;
}

/* True when the words at i spell phrase ("uy ban nhan dan"); *n gets their count. */
static bool words_are(const struct htoks *t, size_t i, const char *phrase, size_t *n)
{
	size_t k = 0;

	while (*phrase) {
		const char *sp = strchr(phrase, ' ');
		size_t wl = sp ? (size_t)(sp - phrase) : strlen(phrase);

		if (i + k >= t->n || strlen(t->v[i + k].key) != wl ||
		    memcmp(t->v[i + k].key, phrase, wl) != 0)
			return false;
		k++;
		phrase += wl;
		while (*phrase == ' ')
			phrase++;
	}
	if (n)
		*n = k;
	return true;
}

static bool is_punct(const struct htoks *t, size_t i, char c)
{
	return i < t->n && !t->v[i].word && t->v[i].len == 1 && t->v[i].s[0] == c;
}

/* ---- dates ---------------------------------------------------------- */

static int month_days(long y, long m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static long tok_num(const struct htoks *t, size_t i, size_t maxlen)
{
	if (i >= t->n || !t->v[i].digits || t->v[i].len > maxlen)
		return -1;
	return strtol(t->v[i].key, NULL, 10);
}

/* Token i is word, or for OCR one edit from it ("ndm" for "năm"; a short
 * word only by a substitution). */
static bool key_near(const struct htoks *t, size_t i, const char *word, bool fuzzy)
{
	const char *k;
	size_t kl, wl = strlen(word);

	if (i >= t->n || !t->v[i].word)
		return false;
	k = t->v[i].key;
	kl = strlen(k);
	if (strcmp(k, word) == 0)
		return true;
	return fuzzy && !t->v[i].digits && (kl == wl || (kl >= 4 && wl >= 4)) &&
	       edit_distance(k, kl, word, wl, 1) <= 1;
}

/*
 * "tháng 4" (2 tokens), "tháng" with the number left blank (1 token), or
 * OCR's fused "thang4" (1 token). Returns the tokens used, 0 when token i is
 * not word.
 */
static size_t word_then_num(const struct htoks *t, size_t i, const char *word, bool fuzzy,
			    long *num)
{
	size_t wl = strlen(word);
	const char *k;

	*num = -1;
	if (i >= t->n)
		return 0;
	k = t->v[i].key;
	if (strncmp(k, word, wl) == 0 && k[wl] && strspn(k + wl, "0123456789") == strlen(k + wl) &&
	    strlen(k + wl) <= 4) {
		*num = strtol(k + wl, NULL, 10);
		return 1;
	}
	if (!key_near(t, i, word, fuzzy))
		return 0;
	if ((*num = tok_num(t, i + 1, 4)) >= 0)
		return 2;
	return 1;
}

static bool is_date_sep(const struct htoks *t, size_t i)
{
	return is_punct(t, i, '/') || is_punct(t, i, '-') || is_punct(t, i, '.');
}

/* "15/6/2024", "/3/2026" (day blank): j at the first separator or the day. */
static size_t numeric_date(const struct htoks *t, size_t j, long *m, long *y)
{
	char sep;

	if (!is_date_sep(t, j))
		return 0;
	sep = t->v[j].s[0];
	if ((*m = tok_num(t, j + 1, 2)) < 0 || !is_punct(t, j + 2, sep))
		return 0;
	if ((*y = tok_num(t, j + 3, 4)) < 0 || t->v[j + 3].len != 4)
		return 0;
	return j + 4;
}

static bool write_iso(char *iso, long y, long m, long d)
{
	if (y < 1900 || y > 2100 || m == 0 || m > 12 || d == 0 || d > 31)
		return false;
	if (m > 0 && d > 0 && d > month_days(y, m))
		return false;
	if (m < 0)
		snprintf(iso, DATE_LEN, "%04d", (int)y);
	else if (d < 0)
		snprintf(iso, DATE_LEN, "%04d-%02d", (int)y, (int)m);
	else
		snprintf(iso, DATE_LEN, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
	return true;
}

size_t header_date_at(const struct htoks *t, size_t i, bool fuzzy, char *iso)
{
	size_t j = i, k;
	long d, m = -1, y = -1;
	bool ngay = false;

	if (key_near(t, j, "ngay", fuzzy)) {
		ngay = true;
		j++;
	}
	if ((d = tok_num(t, j, 2)) >= 0)
		j++;
	if ((k = word_then_num(t, j, "thang", fuzzy, &m)) != 0) {
		j += k;
		if ((k = word_then_num(t, j, "nam", fuzzy, &y)) == 0 || y < 0)
			return 0;
		j += k;
	} else {
		if (d < 0 && !ngay)
			return 0;
		if ((j = numeric_date(t, j, &m, &y)) == 0)
			return 0;
	}
	if (m < 0)
		d = -1;
	return write_iso(iso, y, m, d) ? j : 0;
}

/* ---- case ----------------------------------------------------------- */

enum casing { CASE_LOWER, CASE_SENTENCE, CASE_TITLE, CASE_ASIS };

/* Appends s[0..len) recased: all lower, or with the first letter (SENTENCE)
 * or every word's first letter (TITLE) in upper case. */
static void add_cased(struct sb *out, const char *s, size_t len, enum casing mode)
{
	size_t i = 0;
	bool start = true;

	if (mode == CASE_ASIS) {
		sb_add(out, s, len);
		return;
	}
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t buf[4];
		size_t n = next_cp(s, len, i, &cp);

		if (cp < 0) {
			sb_add(out, s + i, n);
			i += n;
			continue;
		}
		if (is_word_cp(cp)) {
			cp = start && mode != CASE_LOWER ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
			if (mode == CASE_SENTENCE)
				mode = CASE_LOWER;
			start = false;
		} else if (mode == CASE_TITLE) {
			start = true;
		}
		sb_add(out, buf, (size_t)utf8proc_encode_char(cp, buf));
		i += n;
	}
}

/* ---- places and levels ---------------------------------------------- */

static const char *const places[] = {
	"An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh",
	"Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau",
	"Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
	"Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
	"Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
	"Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định",
	"Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
	"Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
	"Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế",
	"Tiền Giang", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc",
	"Yên Bái", "Sa Pa", "Bắc Hà", "Mù Cang Chải", "Y Tý",
};

/* The known place whose key is key (or, for OCR, one edit away), or NULL. */
static const char *place_lookup(const char *key, bool fuzzy)
{
	const char *best = NULL;
	size_t i, klen = strlen(key);

	for (i = 0; i < ARRAY_SIZE(places) && !best; i++) {
		char *pk = vi_fold_dup(places[i], VI_FOLD_PUNCT);

		if (strcmp(pk, key) == 0 ||
		    (fuzzy && klen >= 6 && edit_distance(pk, strlen(pk), key, klen, 1) <= 1))
			best = places[i];
		free(pk);
	}
	return best;
}

/* The place printed in tokens [a, b): the table's spelling when known, else
 * as printed (title case when printed in capitals). New string. */
static char *place_text(const struct htoks *t, size_t a, size_t b, bool fuzzy)
{
	struct sb raw = SB_INIT, key = SB_INIT, out = SB_INIT;
	const char *known;
	size_t i;
	bool caps = true;

	if (a >= b)
		return NULL;
	sb_add(&raw, t->v[a].s, (size_t)(t->v[b - 1].s + t->v[b - 1].len - t->v[a].s));
	vi_fold(&key, raw.buf, raw.len, VI_FOLD_PUNCT);
	known = place_lookup(key.buf, fuzzy);
	for (i = a; i < b; i++)
		if (t->v[i].word && !t->v[i].caps && !t->v[i].digits)
			caps = false;
	if (known)
		sb_adds(&out, known);
	else
		add_cased(&out, raw.buf, raw.len, caps ? CASE_TITLE : CASE_ASIS);
	sb_release(&raw);
	sb_release(&key);
	return sb_detach(&out);
}

static const struct {
	const char *key, *name;
} levels[] = {
	{ "thanh pho", "thành phố" }, { "thi xa", "thị xã" }, { "thi tran", "thị trấn" },
	{ "tinh", "tỉnh" }, { "huyen", "huyện" }, { "xa", "xã" }, { "phuong", "phường" },
	{ "quan", "quận" },
};

/* An administrative level word at token i ("tỉnh", "thành phố"): returns its
 * tokens and its name, or 0. */
static size_t level_at(const struct htoks *t, size_t i, const char **name)
{
	size_t k, n;

	for (k = 0; k < ARRAY_SIZE(levels); k++)
		if (words_are(t, i, levels[k].key, &n)) {
			*name = levels[k].name;
			return n;
		}
	return 0;
}

/* ---- header lines --------------------------------------------------- */

/* A line of the header: a paragraph, or a cell of a table laid out beside it. */
struct hline {
	const char *text;
	int line;
};

struct hlines {
	struct hline *v;
	size_t n, cap;
};

static void collect_lines(const struct doc *d, size_t from, size_t to, struct hlines *out)
{
	size_t i, r, c;

	for (i = from; i < to && i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];

		if (b->kind == BLOCK_PARA) {
			struct hline *l = VEC_PUSH(out);

			l->text = b->text;
			l->line = b->line;
			continue;
		}
		for (r = 0; r < b->table->rows.n; r++)
			for (c = 0; c < b->table->rows.v[r].cells.n; c++) {
				struct hline *l = VEC_PUSH(out);

				l->text = b->table->rows.v[r].cells.v[c].text;
				l->line = b->table->rows.v[r].line;
			}
	}
}

/* The header ends at the first roman heading or a real table. */
static size_t header_end(const struct doc *d)
{
	size_t i, n = d->blocks.n < 40 ? d->blocks.n : 40;

	for (i = 0; i < n; i++) {
		const struct doc_block *b = &d->blocks.v[i];

		if (b->kind == BLOCK_PARA && b->num == NUM_ROMAN)
			break;
		if (b->kind == BLOCK_TABLE && b->table->rows.n > 5)
			break;
	}
	return i;
}

/* ---- kind ----------------------------------------------------------- */

static const struct {
	const char *key, *name;
} kinds[] = {
	{ "chuong trinh hanh dong", "Chương trình hành động" },
	{ "chuong trinh", "Chương trình" },
	{ "ke hoach", "Kế hoạch" },
	{ "quyet dinh", "Quyết định" },
	{ "nghi quyet", "Nghị quyết" },
	{ "nghi dinh", "Nghị định" },
	{ "thong tu", "Thông tư" },
	{ "chi thi", "Chỉ thị" },
	{ "bao cao", "Báo cáo" },
	{ "phu luc", "Phụ lục" },
	{ "thong bao", "Thông báo" },
	{ "huong dan", "Hướng dẫn" },
	{ "to trinh", "Tờ trình" },
	{ "ket luan", "Kết luận" },
	{ "cong van", "Công văn" },
	{ "de an", "Đề án" },
	{ "quy che", "Quy chế" },
	{ "quy dinh", "Quy định" },
	{ "danh muc", "Danh mục" },
};

#define KIND_APPENDIX "Phụ lục"

/* The kind whose words start the tokens, allowing one OCR edit in long
 * names. Returns its index and the words used, or -1. */
static int kind_match(const struct htoks *t, bool fuzzy, size_t *used)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		const char *p = kinds[k].key;
		size_t i = 0, cost = 0, allow = fuzzy && strlen(p) >= 6 ? 1 : 0;

		while (*p && cost <= allow) {
			const char *sp = strchr(p, ' ');
			size_t wl = sp ? (size_t)(sp - p) : strlen(p);

			if (i >= t->n || !t->v[i].word) {
				cost = allow + 1;
				break;
			}
			cost += edit_distance(p, wl, t->v[i].key, strlen(t->v[i].key), allow);
			i++;
			p += wl;
			while (*p == ' ')
				p++;
		}
		if (cost <= allow) {
			*used = i;
			return (int)k;
		}
	}
	return -1;
}


/*
 * The type line: the kind's words in capitals ("KẾ HOẠCH", OCR "KE HOACH"),
 * possibly followed by the subject, or an appendix's "Phụ lục 02:" in any
 * case. Body sentences that merely start with "Kế hoạch …" do not count.
 */
static int kind_of_block(const struct doc_block *b, const struct htoks *t, bool fuzzy,
			 size_t *used)
{
	int k;
	size_t i;

	if (b->kind != BLOCK_PARA || b->num != NUM_NONE)
		return -1;
	k = kind_match(t, fuzzy, used);
	if (k < 0)
		return -1;
	if (strcmp(kinds[k].name, KIND_APPENDIX) == 0)
		return *used + 3 >= t->n ? k : -1;
	for (i = 0; i < *used; i++)
		if (!t->v[i].caps)
			return -1;
	return k;
}

/* ---- the pass ------------------------------------------------------- */

struct header {
	struct extract_ctx *x;
	const struct doc *d;
	bool fuzzy;
	size_t end; /* first block after the header */
	size_t kind_at; /* the type line's block, or end */
	int kind; /* index into kinds, or -1 */
	size_t kind_used; /* tokens of the type word in that block */
	/* issuer lines */
	bool ubnd; /* "ỦY BAN NHÂN DÂN" / "UBND …" printed */
	const char *level; /* "tỉnh" */
	char *place_of_issuer; /* "Lào Cai" */
	char *other; /* a non-UBND issuer as printed, recased */
	int issuer_line;
	int number_line;
	int date_line;
};

static bool is_number_label(const struct htoks *t, size_t i)
{
	const char *k;

	if (i >= t->n || !t->v[i].word || !is_punct(t, i + 1, ':'))
		return false;
	k = t->v[i].key;
	/* "Số", and OCR's "Sb", "S6", "S0". */
	return k[0] == 's' && k[1] && strchr("ob60", k[1]) && !k[2];
}

/* Where the symbol starts after "Số:" at token i, or after a line-initial
 * "Số" whose colon was lost ("Số 04/CTr-UBND"); 0 when i is no "Số". */
static size_t number_at(const struct htoks *t, size_t i)
{
	if (is_number_label(t, i))
		return i + 2;
	if (i == 0 && header_tok_is(t, 0, "so") && t->v[0].upper && t->n > 1 &&
	    (t->v[1].digits || is_punct(t, 1, '/')))
		return 1;
	return 0;
}

/*
 * The symbol after "Số:", spaces removed: "04 /CTr-UBND" -> "04/CTr-UBND",
 * a draft's "/KH-UBND" kept. It ends at the first space once the part after
 * the slash has started ("863 /KH-UBND Lai Chau, …").
 */
static char *read_number(const struct htoks *t, size_t i)
{
	struct sb sb = SB_INIT;
	bool slash = false, digit = false;

	for (; i < t->n; i++) {
		const struct htok *k = &t->v[i];
		char c = k->word ? 0 : k->s[0];

		if (!k->word && (k->len != 1 || !strchr("/-._&", c)))
			break;
		if (!sb.len && k->word && !k->digits)
			break;
		if (sb.len && k->space) {
			char last = sb.buf[sb.len - 1];

			if (last != '/' && last != '-' && !(c == '/' && !slash))
				break;
		}
		if (c == '/')
			slash = true;
		if (k->digits)
			digit = true;
		sb_add(&sb, k->s, k->len);
	}
	while (sb.len && strchr(".-_", sb.buf[sb.len - 1]))
		sb_setlen(&sb, sb.len - 1);
	if (!slash && !digit) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* "Lào Cai, ngày 03 tháng 02 năm 2026": the place is the run of capitalised
 * words before the comma, not glued to a symbol ("…-UBND Lai Chau"). */
static bool read_date_line(struct header *h, const struct htoks *t, int line)
{
	struct document *doc = &h->x->plan->doc;
	size_t i, a, b;
	char iso[DATE_LEN];

	for (i = 1; i < t->n; i++) {
		if (!key_near(t, i, "ngay", h->fuzzy) || !header_date_at(t, i, h->fuzzy, iso))
			continue;
		b = is_punct(t, i - 1, ',') ? i - 1 : i;
		a = b;
		while (a > 0 && b - a < 5 && t->v[a - 1].word && t->v[a - 1].upper &&
		       !t->v[a - 1].digits && (t->v[a - 1].space || a - 1 == 0))
			a--;
		if (a == b)
			continue;
		doc->place = place_text(t, a, b, h->fuzzy);
		memcpy(doc->date, iso, DATE_LEN);
		h->date_line = line;
		return true;
	}
	return false;
}

static bool is_acronym(const struct htok *k)
{
	return k->caps && strlen(k->key) <= 6 && !strpbrk(k->key, "aeiouy");
}

static const char *const strict_levels[] = { "tinh", "thanh pho", "huyen", "thi xa" };

static size_t strict_level_at(const struct htoks *t, size_t i, const char **name)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(strict_levels); k++)
		if (words_are(t, i, strict_levels[k], NULL))
			return level_at(t, i, name);
	return 0;
}

/* An issuer line printed in capitals, in the spelling of the spec: sentence
 * case, acronyms kept, "Ban Chỉ đạo", the place after its level restored. */
static char *recase_issuer(const struct htoks *t, size_t a, size_t b, bool fuzzy)
{
	struct sb out = SB_INIT;
	size_t i, lv;
	const char *level;

	for (i = a; i < b; i++) {
		const struct htok *k = &t->v[i];

		if (i > a && k->space)
			sb_addc(&out, ' ');
		if (i > a && (lv = strict_level_at(t, i, &level)) && i + lv < b) {
			char *pl = place_text(t, i + lv, b, fuzzy);

			sb_addf(&out, "%s %s", level, pl);
			free(pl);
			break;
		}
		if (!k->word || is_acronym(k))
			sb_add(&out, k->s, k->len);
		else if (i == a || (i >= a + 1 && header_tok_is(t, i - 1, "ban") &&
				    header_tok_is(t, i, "chi") && header_tok_is(t, i + 1, "dao")))
			add_cased(&out, k->s, k->len, CASE_SENTENCE);
		else
			add_cased(&out, k->s, k->len, CASE_LOWER);
	}
	return sb_detach(&out);
}

static const char *const issuer_starts[] = {
	"ban", "so", "bo", "hoi dong", "van phong", "tinh uy", "thanh uy", "huyen uy",
	"dang uy", "chinh phu", "thu tuong", "uy ban", "cuc", "tong cuc", "cong an", "hdnd",
};

/* Where the issuer column ends: the motto ("CỘNG HÒA …", "Độc lập - Tự do",
 * OCR "Poc l1ap") or the number printed on the same line. */
static size_t motto_cut(const struct htoks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const char *k = t->v[i].key;

		if (words_are(t, i, "cong hoa", NULL) || words_are(t, i, "tu do", NULL) ||
		    words_are(t, i, "hanh phuc", NULL) || is_number_label(t, i))
			return i;
		if (t->v[i].word && i + 1 < t->n && t->v[i + 1].word &&
		    edit_distance(k, strlen(k), "doc", 3, 1) <= 1 &&
		    edit_distance(t->v[i + 1].key, strlen(t->v[i + 1].key), "lap", 3, 1) <= 1)
			return i;
	}
	return t->n;
}

static void set_level_place(struct header *h, const struct htoks *t, size_t i, size_t cut,
			    int line)
{
	const char *level;
	size_t lv = level_at(t, i, &level);

	if (!lv || i + lv >= cut)
		return;
	h->level = level;
	free(h->place_of_issuer);
	h->place_of_issuer = place_text(t, i + lv, cut, h->fuzzy);
	h->issuer_line = line;
}

static bool issuer_start(const struct htoks *t, size_t i)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(issuer_starts); k++)
		if (words_are(t, i, issuer_starts[k], NULL))
			return true;
	return false;
}

/* The first word after i that starts another body's name, or cut: the
 * reader joins "UBND TỈNH LẠNG SƠN" and "BAN CHỈ ĐẠO …" into one line. */
static size_t next_issuer(const struct htoks *t, size_t i, size_t cut)
{
	for (i++; i < cut; i++)
		if (issuer_start(t, i))
			return i;
	return cut;
}

/*
 * A heading typed in ordinary case, as an office types the first cell of its
 * spreadsheet ("Sở Nông nghiệp và Môi trường"): the issuer when nothing in
 * capitals named one and the whole text before the motto is a body the
 * registry knows; a sentence that merely opens "Sở …" is no heading.
 */
static void read_typed_issuer(struct header *h, const struct htoks *t, size_t cut, int line)
{
	struct sb name = SB_INIT;
	const char *canon;

	if (h->other || h->ubnd || !cut || cut > 12 || !issuer_start(t, 0) || !h->x->agencies)
		return;
	sb_add(&name, t->v[0].s, (size_t)(t->v[cut - 1].s + t->v[cut - 1].len - t->v[0].s));
	canon = agency_canonical(h->x->agencies, name.buf, h->x->agency_flags);
	if (canon) {
		h->other = xstrdup(name.buf);
		h->issuer_line = line;
	}
	sb_release(&name);
}

/* One line of the issuer column, in capitals: "ỦY BAN NHÂN DÂN", "TỈNH LÀO
 * CAI", "UBND TỈNH LẠNG SƠN", "BAN CHỈ ĐẠO PHÁT TRIỂN DU LỊCH". */
static void read_issuer_line(struct header *h, const struct htoks *t, int line)
{
	size_t cut = motto_cut(t), i, n, j;
	const char *level;
	bool letters = false;

	for (i = 0; i < cut; i++) {
		if (t->v[i].word && !t->v[i].digits && !t->v[i].caps) {
			read_typed_issuer(h, t, cut, line);
			return;
		}
		if (t->v[i].caps)
			letters = true;
	}
	if (!letters)
		return;
	i = 0;
	if (words_are(t, 0, "uy ban nhan dan", &n) || words_are(t, 0, "ubnd", &n)) {
		h->ubnd = true;
		h->issuer_line = line;
		j = next_issuer(t, n, cut);
		set_level_place(h, t, n, j, line);
		i = j;
	} else if (level_at(t, 0, &level)) {
		j = next_issuer(t, 0, cut);
		if (j > 6)
			return;
		set_level_place(h, t, 0, j, line);
		i = j;
	}
	if (i < cut && issuer_start(t, i)) {
		free(h->other);
		h->other = recase_issuer(t, i, cut, h->fuzzy);
		h->issuer_line = line;
	}
}

/* Number, date line and issuer column: the lines before the type line. */
static void read_top(struct header *h)
{
	struct hlines lines = { 0 };
	struct document *doc = &h->x->plan->doc;
	size_t i, j;

	collect_lines(h->d, 0, h->kind_at, &lines);
	for (i = 0; i < lines.n; i++) {
		struct htoks t = { 0 };
		const char *s = lines.v[i].text;

		header_tokenize(s, strlen(s), &t);
		for (j = 0; !doc->number && j < t.n; j++) {
			size_t at = number_at(&t, j);

			if (at) {
				doc->number = read_number(&t, at);
				h->number_line = lines.v[i].line;
			}
		}
		if (!h->date_line)
			read_date_line(h, &t, lines.v[i].line);
		read_issuer_line(h, &t, lines.v[i].line);
		header_toks_release(&t);
	}
	free(lines.v);
}

/* ---- title ---------------------------------------------------------- */

static const char *const body_starts[] = {
	"can cu", "thuc hien", "theo de nghi", "xet de nghi", "kinh gui",
};

/* A short line right under the type word that does not end like a
 * sentence is the subject line even when it opens "Thực hiện ..." (a plan
 * "Thực hiện Chương trình ..."): a preamble runs long and ends ':' or ';'. */
static bool subject_line(const struct doc_block *b, bool first)
{
	size_t n = strlen(b->text);

	return first && n && n <= 250 && !strchr(":;,.", b->text[n - 1]);
}

static bool ends_title(const struct doc_block *b, bool first)
{
	struct htoks t = { 0 };
	size_t k;
	bool stop = false;

	if (b->kind != BLOCK_PARA || b->num != NUM_NONE || b->text[0] == '(' ||
	    strlen(b->text) > 600)
		return true;
	header_tokenize(b->text, strlen(b->text), &t);
	for (k = 0; k < ARRAY_SIZE(body_starts) && !stop; k++)
		stop = words_are(&t, 0, body_starts[k], NULL) && (k == 0 || !subject_line(b, first));
	if (is_number_label(&t, 0))
		stop = true;
	header_toks_release(&t);
	return stop;
}

/* Appends a title piece; one printed in capitals is recased, the places
 * after "tỉnh", "huyện" … capitalised again. */
static void add_title_piece(struct sb *title, const char *s, size_t len, bool upper)
{
	struct sb low = SB_INIT;
	struct htoks t = { 0 };
	size_t i, lv, k;
	const char *level;

	if (title->len)
		sb_addc(title, ' ');
	if (!upper) {
		sb_add_collapsed(title, s, len);
		return;
	}
	add_cased(&low, s, len, title->len ? CASE_LOWER : CASE_SENTENCE);
	header_tokenize(low.buf, low.len, &t);
	for (i = 0; i < t.n; i++) {
		if (i && t.v[i].space)
			sb_addc(title, ' ');
		sb_add(title, t.v[i].s, t.v[i].len);
		if (!(lv = strict_level_at(&t, i, &level)))
			continue;
		for (k = 1; k < lv; k++) {
			sb_addc(title, ' ');
			sb_add(title, t.v[i + k].s, t.v[i + k].len);
		}
		i += lv - 1;
		for (k = 4; k >= 1; k--) {
			char *pl;
			struct sb key = SB_INIT;
			const char *known;

			if (i + k >= t.n)
				continue;
			sb_add(&key, t.v[i + 1].s,
			       (size_t)(t.v[i + k].s + t.v[i + k].len - t.v[i + 1].s));
			pl = vi_fold_dup(key.buf, VI_FOLD_PUNCT);
			known = place_lookup(pl, false);
			free(pl);
			sb_release(&key);
			if (known) {
				sb_addf(title, " %s", known);
				i += k;
				break;
			}
		}
	}
	header_toks_release(&t);
	sb_release(&low);
}

static void read_title(struct header *h)
{
	const struct doc *d = h->d;
	const struct doc_block *kb = &d->blocks.v[h->kind_at];
	struct sb title = SB_INIT;
	struct htoks t = { 0 };
	size_t i;
	bool bold = false, upper = false;

	header_tokenize(kb->text, strlen(kb->text), &t);
	if (strcmp(kinds[h->kind].name, KIND_APPENDIX) != 0 && h->kind_used < t.n) {
		const char *s = t.v[h->kind_used].s;

		add_title_piece(&title, s, strlen(s), kb->upper);
		bold = kb->bold;
		upper = kb->upper;
	}
	header_toks_release(&t);
	for (i = h->kind_at + 1; i < d->blocks.n && i < h->kind_at + 6; i++) {
		const struct doc_block *b = &d->blocks.v[i];

		if (ends_title(b, !title.len))
			break;
		if (title.len && !(bold && b->bold) && !(upper && b->upper))
			break;
		if (!title.len) {
			bold = b->bold;
			upper = b->upper;
		}
		add_title_piece(&title, b->text, strlen(b->text), b->upper);
	}
	sb_trim(&title);
	if (title.len)
		h->x->plan->doc.title = sb_detach(&title);
	sb_release(&title);
}

/*
 * A title with no type word: a tracker's "BẢNG THEO DÕI NHIỆM VỤ … NĂM 2026"
 * above its table, under the agency heading. The first paragraph of the
 * header printed in capitals that is no issuer line, motto, number or date
 * line and has four words or more; recased as a title printed in capitals.
 */
static void read_bare_title(struct header *h)
{
	const struct doc *d = h->d;
	struct sb title = SB_INIT;
	size_t i, k, words;

	for (i = 0; i < h->end && !title.len; i++) {
		const struct doc_block *b = &d->blocks.v[i];
		struct htoks t = { 0 };
		char iso[DATE_LEN];
		bool skip;

		if (b->kind != BLOCK_PARA || b->num != NUM_NONE || !b->upper ||
		    b->line == h->issuer_line || strlen(b->text) > 400)
			continue;
		header_tokenize(b->text, strlen(b->text), &t);
		for (k = words = 0; k < t.n; k++)
			words += t.v[k].word;
		skip = words < 4 || motto_cut(&t) < t.n || issuer_start(&t, 0) ||
		       words_are(&t, 0, "uy ban nhan dan", NULL) || words_are(&t, 0, "ubnd", NULL);
		for (k = 0; k < t.n && !skip; k++)
			skip = header_tok_is(&t, k, "ngay") && header_date_at(&t, k, h->fuzzy, iso);
		if (!skip)
			add_title_piece(&title, b->text, strlen(b->text), true);
		header_toks_release(&t);
	}
	sb_trim(&title);
	if (title.len) {
		h->x->plan->doc.title = sb_detach(&title);
		extract_note(h->x, d->blocks.v[i - 1].line, "title \"%s\" with no type word",
			     h->x->plan->doc.title);
	}
	sb_release(&title);
}

/* ---- year ----------------------------------------------------------- */

/* "năm 2026" in the title, not a horizon ("đến năm 2030"). */
static int year_of(const char *s)
{
	struct htoks t = { 0 };
	size_t i;
	int year = 0;

	if (!s)
		return 0;
	header_tokenize(s, strlen(s), &t);
	for (i = 0; i + 1 < t.n && !year; i++) {
		long y;

		if (!header_tok_is(&t, i, "nam") || t.v[i + 1].len != 4 ||
		    (y = tok_num(&t, i + 1, 4)) < 1900 || y > 2100)
			continue;
		if (i && (header_tok_is(&t, i - 1, "den") || header_tok_is(&t, i - 1, "toi") ||
			  header_tok_is(&t, i - 1, "tu")))
			continue;
		year = (int)y;
	}
	header_toks_release(&t);
	return year;
}

/* ---- issuer inference ----------------------------------------------- */

/* "(Kèm theo Kế hoạch số /KH-UBND ngày /3/2026 của Ủy ban nhân dân tỉnh Lào
 * Cai)": the appendix's parent gives the date and the issuer. */
static char *read_appendix_line(struct header *h, bool want_date)
{
	struct hlines lines = { 0 };
	struct document *doc = &h->x->plan->doc;
	char *issuer = NULL;
	size_t i, j;

	collect_lines(h->d, 0, h->end, &lines);
	for (i = 0; i < lines.n && !issuer; i++) {
		struct htoks t = { 0 };
		const char *s = lines.v[i].text;
		size_t of = 0;

		header_tokenize(s, strlen(s), &t);
		if (!is_punct(&t, 0, '(') || !words_are(&t, 1, "kem theo", NULL)) {
			header_toks_release(&t);
			continue;
		}
		for (j = 0; j < t.n; j++) {
			if (want_date && !doc->date[0] && key_near(&t, j, "ngay", h->fuzzy) &&
			    header_date_at(&t, j, h->fuzzy, doc->date)) {
				h->date_line = lines.v[i].line;
				extract_note(h->x, lines.v[i].line, "document date %s from the appendix line",
					     doc->date);
			}
			if (header_tok_is(&t, j, "cua"))
				of = j + 1;
		}
		if (of && of < t.n) {
			size_t e = of;

			while (e < t.n && !is_punct(&t, e, ')'))
				e++;
			if (e > of)
				issuer = xstrndup(t.v[of].s, (size_t)(t.v[e - 1].s + t.v[e - 1].len - t.v[of].s));
			if (issuer && !want_date)
				extract_note(h->x, lines.v[i].line, "issuer \"%s\" from the appendix line",
					     issuer);
		}
		header_toks_release(&t);
	}
	free(lines.v);
	return issuer;
}

/* "Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn" out of a sentence, up to
 * "năm 2024", a bracket or a comma. */
static char *ban_chi_dao_in(const char *s)
{
	struct htoks t = { 0 };
	size_t i, e;
	char *out = NULL;

	header_tokenize(s, strlen(s), &t);
	for (i = 0; i < t.n && !out; i++) {
		if (!words_are(&t, i, "ban chi dao", NULL))
			continue;
		for (e = i + 3; e < t.n; e++) {
			if (!t.v[e].word && !is_punct(&t, e, '-'))
				break;
			if ((header_tok_is(&t, e, "nam") && tok_num(&t, e + 1, 4) >= 0) ||
			    words_are(&t, e, "giai doan", NULL) || header_tok_is(&t, e, "ve") ||
			    header_tok_is(&t, e, "cua") || header_tok_is(&t, e, "nham"))
				break;
		}
		if (e > i + 3)
			out = xstrndup(t.v[i].s, (size_t)(t.v[e - 1].s + t.v[e - 1].len - t.v[i].s));
	}
	header_toks_release(&t);
	return out;
}

/* Ends the name with "tỉnh <place>" when it has no place of its own. */
static char *with_place(const char *name, const char *level, const char *place)
{
	struct htoks t = { 0 };
	struct sb out = SB_INIT;
	size_t lv;
	const char *l;

	header_tokenize(name, strlen(name), &t);
	sb_adds(&out, name);
	if (place && t.n && (lv = strict_level_at(&t, t.n - 1, &l)) && lv == 1)
		sb_addf(&out, " %s", place);
	else if (place && !strstr(name, place)) {
		size_t i;
		bool has_level = false;

		for (i = 0; i < t.n; i++)
			if (strict_level_at(&t, i, &l))
				has_level = true;
		if (!has_level)
			sb_addf(&out, " %s %s", level ? level : "tỉnh", place);
	}
	header_toks_release(&t);
	return sb_detach(&out);
}

/* The body the number's suffix names: "-UBND", "-HĐND", "-BCĐ". */
static char *issuer_from_suffix(struct header *h, const char *place)
{
	const struct document *doc = &h->x->plan->doc;
	const char *slash, *dash;
	char *key, *out = NULL;
	const char *level = h->level ? h->level : "tỉnh";
	size_t i;

	if (!doc->number || !(slash = strrchr(doc->number, '/')))
		return NULL;
	dash = strrchr(slash, '-');
	key = vi_fold_dup(dash ? dash + 1 : slash + 1, 0);
	if (place && strcmp(key, "ubnd") == 0) {
		struct sb sb = SB_INIT;

		sb_addf(&sb, "UBND %s %s", level, place);
		out = sb_detach(&sb);
	} else if (place && strcmp(key, "hdnd") == 0) {
		struct sb sb = SB_INIT;

		sb_addf(&sb, "HĐND %s %s", level, place);
		out = sb_detach(&sb);
	} else if (strcmp(key, "bcd") == 0) {
		char *ban = doc->title ? ban_chi_dao_in(doc->title) : NULL;

		for (i = h->kind_at + 1; !ban && i < h->end && i < h->d->blocks.n; i++)
			if (h->d->blocks.v[i].kind == BLOCK_PARA)
				ban = ban_chi_dao_in(h->d->blocks.v[i].text);
		if (ban)
			out = with_place(ban, h->level, place);
		free(ban);
	}
	free(key);
	return out;
}

/* "Ủy ban nhân dân tỉnh Lào Cai" -> "UBND tỉnh Lào Cai". */
static char *short_ubnd(char *name)
{
	struct htoks t = { 0 };
	struct sb out = SB_INIT;
	size_t n;

	header_tokenize(name, strlen(name), &t);
	if (words_are(&t, 0, "uy ban nhan dan", &n) && n < t.n) {
		sb_addf(&out, "UBND %s", t.v[n].s);
		free(name);
		name = sb_detach(&out);
	}
	header_toks_release(&t);
	sb_release(&out);
	return name;
}

static void read_issuer(struct header *h)
{
	struct document *doc = &h->x->plan->doc;
	const char *place = h->place_of_issuer ? h->place_of_issuer : doc->place;
	char *issuer = NULL;
	const char *canon;

	if (h->other) {
		issuer = h->ubnd || h->place_of_issuer ? with_place(h->other, h->level, place)
						       : xstrdup(h->other);
		extract_note(h->x, h->issuer_line, "issuer \"%s\" from the header", issuer);
	} else if (h->ubnd && h->place_of_issuer) {
		struct sb sb = SB_INIT;

		sb_addf(&sb, "UBND %s %s", h->level, h->place_of_issuer);
		issuer = sb_detach(&sb);
		extract_note(h->x, h->issuer_line, "issuer \"%s\" from the header", issuer);
	} else if ((issuer = issuer_from_suffix(h, place)) != NULL) {
		extract_note(h->x, h->number_line,
			     "issuer \"%s\" inferred from the number %s", issuer, doc->number);
	} else if ((issuer = read_appendix_line(h, false)) != NULL) {
		issuer = short_ubnd(issuer);
	}
	if (!issuer)
		return;
	canon = h->x->agencies ? agency_canonical(h->x->agencies, issuer, h->x->agency_flags) : NULL;
	doc->issuer = canon ? xstrdup(canon) : issuer;
	if (canon)
		free(issuer);
}

static void find_kind(struct header *h)
{
	size_t i;

	h->kind = -1;
	h->kind_at = h->end;
	for (i = 0; i < h->end; i++) {
		const struct doc_block *b = &h->d->blocks.v[i];
		struct htoks t = { 0 };
		size_t used = 0;
		int k;

		if (b->kind != BLOCK_PARA)
			continue;
		header_tokenize(b->text, strlen(b->text), &t);
		k = kind_of_block(b, &t, h->fuzzy, &used);
		header_toks_release(&t);
		if (k >= 0) {
			h->kind = k;
			h->kind_at = i;
			h->kind_used = used;
			return;
		}
	}
}

void extract_header(struct extract_ctx *x)
{
	struct header h = { .x = x, .d = x->doc, .fuzzy = x->ocr };
	struct document *doc = &x->plan->doc;

	h.end = header_end(x->doc);
	find_kind(&h);
	read_top(&h);
	if (h.kind >= 0) {
		doc->kind = xstrdup(kinds[h.kind].name);
		read_title(&h);
	} else {
		read_bare_title(&h);
	}
	if (!doc->date[0])
		free(read_appendix_line(&h, true));
	doc->year = year_of(doc->title);
	if (!doc->year && doc->date[0])
		doc->year = (int)strtol(doc->date, NULL, 10);
	read_issuer(&h);
	extract_note(x, h.date_line ? h.date_line : 1,
		     "document: number %s, kind %s, issuer %s, place %s, date %s, year %d",
		     doc->number ? doc->number : "-", doc->kind ? doc->kind : "-",
		     doc->issuer ? doc->issuer : "-", doc->place ? doc->place : "-",
		     doc->date[0] ? doc->date : "-", doc->year);
	free(h.place_of_issuer);
	free(h.other);
}
