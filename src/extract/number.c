/*
 * number.c - Vietnamese numbers ("155.000", "14,97", "4,060 triệu") and the
 * quantified goals of a sentence ("đạt khoảng 15 tỷ đồng", "ít nhất 03 lớp",
 * "30- 50%"). A sentence is cut into tokens that keep their byte offsets and
 * their folding keys; each number is then judged by its neighbours: the words
 * before it give the operator or show a year, a date, a document number or an
 * ordinal; the words after it give the unit. Only a number with a unit is a
 * goal. All of it is one pass with a bounded look around each number.
 */
#include "base/compat.h"
#include "extract/number.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <utf8proc.h>

/* ---- reading one number ---- */

#define MAX_INT_DIGITS 18
#define MAX_FRAC_DIGITS 15

struct num {
	char digits[MAX_INT_DIGITS + 1];
	char frac[MAX_FRAC_DIGITS + 1];
	size_t len; /* bytes of the number itself */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t count_digits(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_digit(s[j]))
		j++;
	return j - i;
}

static bool append_digits(char *buf, size_t cap, const char *s, size_t n)
{
	size_t have = strlen(buf);

	if (have + n > cap)
		return false;
	memcpy(buf + have, s, n);
	buf[have + n] = '\0';
	return true;
}

/*
 * Reads the digits of a number at s: '.' groups thousands ("155.000"), ','
 * is the decimal mark ("14,97", "4,060"); "1,234,567" (several comma groups)
 * and "1.5" (a dot not followed by a group of three) are read the English way.
 * Returns false when s does not start with a plausible number.
 */
static bool read_num(const char *s, size_t len, struct num *n)
{
	size_t i, k, groups = 0;

	memset(n, 0, sizeof(*n));
	if (len == 0 || !is_digit(s[0]))
		return false;
	k = count_digits(s, len, 0);
	if (!append_digits(n->digits, MAX_INT_DIGITS, s, k))
		return false;
	i = k;
	while (i + 1 < len && s[i] == '.' && count_digits(s, len, i + 1) == 3) {
		if (!append_digits(n->digits, MAX_INT_DIGITS, s + i + 1, 3))
			return false;
		i += 4;
		groups++;
	}
	if (i + 1 < len && s[i] == ',' && is_digit(s[i + 1])) {
		k = count_digits(s, len, i + 1);
		if (groups == 0 && k == 3 && i + 5 < len && s[i + 4] == ',' &&
		    count_digits(s, len, i + 5) == 3) {
			/* "1,234,567": commas group thousands here */
			while (i + 1 < len && s[i] == ',' && count_digits(s, len, i + 1) == 3) {
				if (!append_digits(n->digits, MAX_INT_DIGITS, s + i + 1, 3))
					return false;
				i += 4;
			}
		} else {
			append_digits(n->frac, MAX_FRAC_DIGITS, s + i + 1, k < MAX_FRAC_DIGITS ? k : MAX_FRAC_DIGITS);
			i += 1 + k;
		}
	} else if (groups == 0 && i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
		k = count_digits(s, len, i + 1);
		append_digits(n->frac, MAX_FRAC_DIGITS, s + i + 1, k < MAX_FRAC_DIGITS ? k : MAX_FRAC_DIGITS);
		i += 1 + k;
	}
	n->len = i;
	return true;
}

static double num_value(const struct num *n, int exp10)
{
	char buf[MAX_INT_DIGITS + MAX_FRAC_DIGITS + 16];

	snprintf(buf, sizeof(buf), "%s.%se%d", n->digits, n->frac[0] ? n->frac : "0", exp10);
	return strtod(buf, NULL);
}

/* ---- words ---- */

static size_t skip_blank(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		else if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			return i;
	}
}

/* A letter of Vietnamese text: ASCII, Latin-1/Extended, Vietnamese, combining marks. */
static bool is_letter_cp(int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);

	if (r <= 0) {
		*n = 1;
		return -1;
	}
	*n = (size_t)r;
	return cp;
}

/* End of the run of letters and digits at s[i]. */
static size_t word_end(const char *s, size_t len, size_t i)
{
	while (i < len) {
		size_t n;
		int32_t cp = cp_at(s, len, i, &n);

		if (!is_letter_cp(cp) && !(cp >= '0' && cp <= '9'))
			break;
		i += n;
	}
	return i;
}

static bool fold_is(const char *s, size_t len, const char *key)
{
	struct sb k = SB_INIT;
	bool eq;

	if (len > 32)
		return false;
	vi_fold(&k, s, len, 0);
	eq = strcmp(k.buf, key) == 0;
	sb_release(&k);
	return eq;
}

/*
 * A scale word at s[i] ("nghìn", "ngàn", "triệu", "tỷ", "tỉ"): returns its
 * power of ten and sets *end, or returns 0. "tỷ lệ" is a ratio, not a scale.
 */
static int scale_at(const char *s, size_t len, size_t i, size_t *end)
{
	size_t e = word_end(s, len, i), n2, e2;
	struct sb k = SB_INIT;
	int p = 0;

	if (e == i || e - i > 16)
		return 0;
	vi_fold(&k, s + i, e - i, 0);
	if (strcmp(k.buf, "nghin") == 0 || strcmp(k.buf, "ngan") == 0)
		p = 3;
	else if (strcmp(k.buf, "trieu") == 0)
		p = 6;
	else if (strcmp(k.buf, "ty") == 0 || strcmp(k.buf, "ti") == 0)
		p = 9;
	sb_release(&k);
	if (!p)
		return 0;
	n2 = skip_blank(s, len, e);
	e2 = word_end(s, len, n2);
	if (e2 > n2 && (fold_is(s + n2, e2 - n2, "le") || fold_is(s + n2, e2 - n2, "hang") ||
			fold_is(s + n2, e2 - n2, "sach")))
		return 0;
	*end = e;
	return p;
}

/* Reads the number at s and up to two scale words ("nghìn tỷ"); see number.h. */
static size_t parse_scaled(const char *s, size_t len, bool fold_scale, struct num *n, int *exp10)
{
	size_t i, end;
	int p, k;

	*exp10 = 0;
	if (!read_num(s, len, n))
		return 0;
	i = n->len;
	if (!fold_scale)
		return i;
	for (k = 0; k < 2; k++) {
		size_t j = skip_blank(s, len, i);

		if (!(p = scale_at(s, len, j, &end)))
			break;
		*exp10 += p;
		i = end;
	}
	return i;
}

size_t number_parse(const char *s, size_t len, bool fold_scale, double *value)
{
	struct num n;
	int exp10;
	size_t used;

	if (!s)
		return 0;
	used = parse_scaled(s, len, fold_scale, &n, &exp10);
	if (used && value)
		*value = num_value(&n, exp10);
	return used;
}

/* ---- operators ---- */

struct op_word {
	const char *key; /* folded words, as they end right before the number */
	enum target_op op;
};

static const struct op_word op_words[] = {
	{ "khong it hon", OP_GE }, { "khong duoi", OP_GE }, { "it nhat", OP_GE },
	{ "toi thieu", OP_GE },    { "khong vuot qua", OP_LE }, { "khong qua", OP_LE },
	{ "toi da", OP_LE },       { "khoang", OP_APPROX }, { "xap xi", OP_APPROX },
	{ "uoc khoang", OP_APPROX }, { "tren", OP_GT },   { "hon", OP_GT },
	{ "vuot", OP_GT },         { "duoi", OP_LT },
};

/* The operator that the folded words ending at `tail` name, or -1. */
static int op_from_words(const char *tail)
{
	size_t i, tl = strlen(tail);

	for (i = 0; i < ARRAY_SIZE(op_words); i++) {
		size_t kl = strlen(op_words[i].key);

		if (tl >= kl && memcmp(tail + tl - kl, op_words[i].key, kl) == 0 &&
		    (tl == kl || tail[tl - kl - 1] == ' '))
			return (int)op_words[i].op;
	}
	return -1;
}

/* A comparison sign in raw text: ">", ">=", "≥", "<", "<=", "≤", "~", "≈". */
static int op_from_sign(const char *s, size_t len, size_t *used)
{
	static const struct {
		const char *sign;
		enum target_op op;
	} signs[] = {
		{ ">=", OP_GE }, { "<=", OP_LE }, { ">", OP_GT }, { "<", OP_LT }, { "~", OP_APPROX },
		{ "\xE2\x89\xA5", OP_GE }, { "\xE2\x89\xA4", OP_LE }, { "\xE2\x89\x88", OP_APPROX },
	};
	size_t i;

	*used = 0;
	for (i = 0; i < ARRAY_SIZE(signs); i++) {
		size_t n = strlen(signs[i].sign);

		if (len >= n && memcmp(s, signs[i].sign, n) == 0) {
			*used = n;
			return (int)signs[i].op;
		}
	}
	return -1;
}

/* A dash of any width at s[i]: returns its length or 0. */
static size_t dash_at(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '-')
		return 1;
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x95)
		return 3;
	return 0;
}

/* The text as printed, white space collapsed, markdown emphasis marks dropped. */
static void set_text(struct target *t, const char *s, size_t len)
{
	struct sb sb = SB_INIT;
	char *copy = xmalloc(len + 1);
	size_t i;

	for (i = 0; i < len; i++)
		copy[i] = s[i] == '*' || s[i] == '\0' ? ' ' : s[i];
	copy[len] = '\0';
	sb_add_collapsed(&sb, copy, len);
	sb_trim(&sb);
	free(copy);
	free(t->text);
	t->text = sb_detach(&sb);
}

int number_parse_cell(const char *s, size_t len, struct target *t)
{
	struct sb key = SB_INIT;
	size_t i, used;
	double v, v2;
	int op = -1, rc = -1;

	if (!s || !t)
		return -1;
	for (i = 0; i < len && !is_digit(s[i]); i++)
		;
	if (i == len)
		goto out;
	/* "2.5" after a letter ("PAPI2") is not the cell's value */
	if (!(used = number_parse(s + i, len - i, false, &v)))
		goto out;
	{
		size_t j, u;

		for (j = 0; j < i; j++)
			if ((op = op_from_sign(s + j, i - j, &u)) >= 0)
				break;
		if (op < 0) {
			vi_fold(&key, s, i, VI_FOLD_PUNCT);
			op = op_from_words(key.buf);
			if (op < 0 && (strcmp(key.buf, "tu") == 0 ||
				       (key.len > 3 && strcmp(key.buf + key.len - 3, " tu") == 0)))
				op = OP_GE;
		}
	}
	/* A minus sign right before the digits ("-3,25", "- 1,5") makes the
	 * value negative: indicator tables print declines that way. A dash
	 * after other text is a range or a separator, not a sign. */
	{
		size_t k = i;

		while (k > 0 && s[k - 1] == ' ')
			k--;
		if ((k == 1 && s[0] == '-') ||
		    (k == 3 && memcmp(s, "\xE2\x88\x92", 3) == 0)) /* U+2212 MINUS SIGN */
			v = -v;
	}
	memset(t, 0, sizeof(*t));
	set_text(t, s, len);
	t->has_value = true;
	t->value = v;
	t->op = op >= 0 ? (enum target_op)op : OP_EQ;
	/* "30-50", "30 – 50", "30 đến 50" */
	{
		size_t j = skip_blank(s, len, i + used), d, e;

		if ((d = dash_at(s, len, j)) == 0) {
			e = word_end(s, len, j);
			if (e > j && (fold_is(s + j, e - j, "den") || fold_is(s + j, e - j, "toi")))
				d = e - j;
		}
		if (d) {
			j = skip_blank(s, len, j + d);
			if (number_parse(s + j, len - j, false, &v2) && v2 >= v) {
				t->op = OP_RANGE;
				t->has_max = true;
				t->max = v2;
			}
		}
	}
	rc = 0;
out:
	sb_release(&key);
	return rc;
}

/* ---- tokens of a sentence ---- */

enum nk { N_WORD, N_NUM, N_MIX, N_PUNCT };

struct ntok {
	enum nk kind;
	size_t off, len; /* in the sentence */
	size_t koff, klen; /* folding key in the key buffer */
	bool glued; /* no space between this token and the one before */
	bool upper; /* starts with a capital letter */
	bool all_upper;
};

struct sentence {
	const char *s;
	size_t len;
	struct ntok *v;
	size_t n, cap;
	struct sb keys;
};

static void add_tok(struct sentence *st, enum nk kind, size_t off, size_t len, bool glued)
{
	struct ntok *t;
	size_t k0 = st->keys.len;

	xgrow((void **)&st->v, &st->cap, st->n + 1, sizeof(*st->v));
	t = &st->v[st->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->off = off;
	t->len = len;
	t->glued = glued;
	if (kind == N_WORD || kind == N_MIX) {
		size_t n, i;
		int32_t cp = cp_at(st->s, off + len, off, &n);

		t->upper = cp >= 0 && utf8proc_tolower(cp) != cp;
		t->all_upper = true;
		for (i = off; i < off + len; i += n) {
			cp = cp_at(st->s, off + len, i, &n);
			if (cp >= 0 && utf8proc_toupper(cp) != cp)
				t->all_upper = false;
		}
		vi_fold(&st->keys, st->s + off, len, 0);
	} else {
		sb_add(&st->keys, st->s + off, len);
	}
	t->koff = k0;
	t->klen = st->keys.len - k0;
	sb_addc(&st->keys, '\0');
}

static void tokenize(struct sentence *st)
{
	const char *s = st->s;
	size_t len = st->len, i = 0;
	bool glued = false;

	while (i < len) {
		size_t n, j;
		int32_t cp = cp_at(s, len, i, &n);

		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == '*' ||
		    cp == '_' || cp < 0 || cp == 0) {
			i += n;
			glued = false;
			continue;
		}
		if (is_digit(s[i])) {
			struct num num;

			read_num(s + i, len - i, &num);
			j = i + (num.len ? num.len : count_digits(s, len, i));
			add_tok(st, N_NUM, i, j - i, glued);
			i = j;
			glued = true;
			continue;
		}
		if (is_letter_cp(cp)) {
			bool digits = false;

			j = i;
			while (j < len) {
				size_t m;
				int32_t c = cp_at(s, len, j, &m);

				if (c >= '0' && c <= '9')
					digits = true;
				else if (!is_letter_cp(c))
					break;
				j += m;
			}
			add_tok(st, digits ? N_MIX : N_WORD, i, j - i, glued);
			i = j;
			glued = true;
			continue;
		}
		add_tok(st, N_PUNCT, i, n, glued);
		i += n;
		glued = true;
	}
}

static const char *key_of(const struct sentence *st, size_t i)
{
	return st->keys.buf + st->v[i].koff;
}

static bool tok_is(const struct sentence *st, size_t i, const char *key)
{
	return i < st->n && strcmp(key_of(st, i), key) == 0;
}

static bool is_word_tok(const struct sentence *st, size_t i)
{
	return i < st->n && (st->v[i].kind == N_WORD || st->v[i].kind == N_MIX);
}

static bool is_punct(const struct sentence *st, size_t i, const char *p)
{
	return i < st->n && st->v[i].kind == N_PUNCT && strcmp(key_of(st, i), p) == 0;
}

static bool is_dash_tok(const struct sentence *st, size_t i)
{
	return i < st->n && st->v[i].kind == N_PUNCT && dash_at(key_of(st, i), st->v[i].klen, 0) == st->v[i].klen;
}

/* The raw token equals one of the NUL-separated spellings (for words whose
 * tone matters and that the folding key merges: "từ"/"tư", "đã"/"đa"). */
static bool raw_is(const struct sentence *st, size_t i, const char *a, const char *b)
{
	const struct ntok *t = &st->v[i];

	return (strlen(a) == t->len && memcmp(st->s + t->off, a, t->len) == 0) ||
	       (strlen(b) == t->len && memcmp(st->s + t->off, b, t->len) == 0);
}

/*
 * The folded words right before token i (at most 3, not across punctuation),
 * joined with spaces, into out.
 */
static void words_before(const struct sentence *st, size_t i, struct sb *out)
{
	size_t k = i, first;

	sb_reset(out);
	while (k > 0 && i - k < 3 && st->v[k - 1].kind == N_WORD)
		k--;
	for (first = k; k < i; k++) {
		if (k > first)
			sb_addc(out, ' ');
		sb_adds(out, key_of(st, k));
	}
}

static bool ends_with_words(const char *tail, const char *key)
{
	size_t tl = strlen(tail), kl = strlen(key);

	return tl >= kl && memcmp(tail + tl - kl, key, kl) == 0 && (tl == kl || tail[tl - kl - 1] == ' ');
}

static bool ends_with_any(const char *tail, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ends_with_words(tail, list[i]))
			return true;
	return false;
}

/* Words before a number that make it a name, an ordinal, a year or a reference. */
static const char *const ref_words[] = {
	"nam", "thang", "quy", "ngay", "tuan", "gio", "khoa", "dot", "giai doan", "nhiem ky",
	"hoc ky", "nghi quyet", "quyet dinh", "chi thi", "ke hoach", "de an", "thong tu", "nghi dinh",
	"luat", "cong van", "thong bao", "ket luan", "quy dinh", "du an", "van ban", "phu luc", "dieu",
	"khoan", "chuong", "lo", "cao toc", "lop", "nhom", "top", "so hieu", "ma so", "khu", "thon",
	"tieu chuan", "chuong trinh", "phuong an", "muc tieu", "nhiem vu", "giai phap", "buoc",
	"de an so", "nghi quyet so", "quyet dinh so", "ke hoach so", "chi thi so", "thong tu so",
	"nghi dinh so", "cong van so", "van ban so", "ket luan so", "quy dinh so", "chuong trinh so",
	"du an so", "thong bao so", "khu vuc", "chi nhanh", "vung", "doi",
};

/* Words before a number that state a capacity or a size, not a goal. */
static const char *const capacity_words[] = {
	"cong suat", "quy mo", "dien tich", "dung tich", "chieu dai", "suc chua", "tai trong",
};

/* Function words and verbs: a unit never starts with one. */
static const char *const stop_words[] = {
	"va", "voi", "cua", "cho", "la", "de", "tai", "trong", "theo", "den", "tu", "da", "duoc",
	"co", "khong", "cac", "nhung", "nay", "do", "khi", "neu", "thi", "ma", "nhu", "hoac", "hay",
	"bi", "vao", "ra", "len", "xuong", "tren", "duoi", "giua", "sau", "truoc", "dat", "tang",
	"giam", "so", "gom", "bao", "nham", "phai", "se", "dang", "moi", "tro", "o", "qua", "chi",
	"cung", "deu", "rat", "hon", "nhat", "tong", "thanh", "tro len", "ke", "nua", "lai", "ca",
	"cac", "mot", "hai", "ba", "bon", "nam", "thang", "ngay", "quy", "tuan", "gio", "phut",
	"giay", "sao", "trong do", "nhu sau", "sang", "toi", "roi", "vi", "boi", "can", "nen",
	"khoang", "it", "xap", "vuot", "chiem", "chu", "phoi", "thuc", "trien", "xay", "tham",
	"gop", "dua", "ky", "neu", "kem", "thu",
};

/* Units of time or rank after a number: a duration, a date, a star rating. */
static const char *const non_units[] = {
	"nam", "thang", "ngay", "tuan", "quy", "gio", "phut", "giay", "sao", "the ky", "thap ky",
	"nam hoc", "dem",
};

/* Units and counted nouns, longest first where one is the start of another. */
static const char *const units[] = {
	"co so luu tru", "co so kinh doanh", "co so dao tao", "co so", "nguoi lao dong", "lao dong",
	"luot khach", "luot nguoi", "luot truy cap", "luot xem", "luot", "khach", "nguoi",
	"hoc vien", "hoc sinh", "sinh vien", "can bo", "cong chuc", "vien chuc", "nghe nhan",
	"van nghe si", "doanh nghiep", "hop tac xa", "ho gia dinh", "ho kinh doanh", "ho", "lang nghe",
	"diem du lich", "diem den", "khu du lich", "diem", "san pham", "chuong trinh", "su kien",
	"le hoi", "hoi nghi", "hoi thao", "hoi cho", "cuoc thi", "cuoc trien lam", "cuoc",
	"trien lam", "lop", "khoa", "doan", "buong", "giuong", "can ho", "cong trinh", "du an",
	"mo hinh", "tour", "tuyen", "bai viet", "bai", "tin bai", "tin", "phong su", "video",
	"clip", "an pham", "tac pham", "bo", "cuon", "chuyen de", "chuyen trang", "chuyen muc",
	"chien dich", "giai", "huy chuong", "dong", "usd", "vnd", "km", "ha", "tan", "kg", "m2",
	"m3", "mw", "kw", "kwh", "lit", "cay", "con", "chiec", "ben", "tram", "truong",
	"benh vien", "bac sy", "bac si", "website", "ung dung", "tai lieu", "ho so", "thu tuc",
	"dich vu", "tieu chi", "chi tieu", "homestay", "khach san", "nha hang", "thuong hieu",
	"lan", "buoi", "chuyen", "cau lac bo", "hang muc", "tiet muc", "bo phim", "phim",
	"gian hang", "ca nhan", "tap the", "xa", "phuong", "thon", "ban", "lang", "hecta",
};

/* Units that may be glued to the number: "5km", "10ha", "78MW". */
static const char *const glued_units[] = {
	"km", "m2", "m3", "ha", "kg", "tan", "mw", "kw", "kwh", "gw", "usd", "vnd",
};

static bool in_list(const char *key, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(key, list[i]) == 0)
			return true;
	return false;
}

/* Folded words from token i on (at most `max`, words only), space-joined. */
static size_t words_after(const struct sentence *st, size_t i, size_t max, struct sb *out, size_t *ends)
{
	size_t k = 0;

	sb_reset(out);
	while (k < max && i + k < st->n && is_word_tok(st, i + k)) {
		if (k)
			sb_addc(out, ' ');
		sb_adds(out, key_of(st, i + k));
		ends[k] = out->len;
		k++;
	}
	return k;
}

/*
 * The unit that starts at token j: returns the number of tokens it takes
 * (0 = no unit). Known units match longest first; an unknown noun is taken
 * for one or two syllables, stopping at function words.
 */
static size_t unit_at(const struct sentence *st, size_t j, struct sb *tmp)
{
	size_t ends[4], n, k, u;

	if (j >= st->n)
		return 0;
	if (is_punct(st, j, "%"))
		return 1;
	if (!is_word_tok(st, j))
		return 0;
	if (st->v[j].glued)
		return in_list(key_of(st, j), glued_units, ARRAY_SIZE(glued_units)) ? 1 : 0;
	n = words_after(st, j, 4, tmp, ends);
	for (k = n; k > 0; k--) {
		char save = tmp->buf[ends[k - 1]];

		tmp->buf[ends[k - 1]] = '\0';
		if (k > 1 && in_list(tmp->buf, non_units, ARRAY_SIZE(non_units))) {
			tmp->buf[ends[k - 1]] = save;
			return 0;
		}
		for (u = 0; u < ARRAY_SIZE(units); u++) {
			if (strcmp(tmp->buf, units[u]) == 0) {
				tmp->buf[ends[k - 1]] = save;
				return k;
			}
		}
		tmp->buf[ends[k - 1]] = save;
	}
	if (st->v[j].kind != N_WORD || in_list(key_of(st, j), stop_words, ARRAY_SIZE(stop_words)) ||
	    in_list(key_of(st, j), non_units, ARRAY_SIZE(non_units)))
		return 0;
	/* OCR'd "năm" ("ndm", "nim"): an unknown word one letter from a time word */
	for (u = 0; u < 3; u++) {
		static const char *const times[] = { "nam", "thang", "ngay" };
		const char *key = key_of(st, j);

		if (edit_distance(key, strlen(key), times[u], strlen(times[u]), 1) <= 1)
			return 0;
	}
	/* "02 thầy thuốc": a second syllable unless it is a function word or a name */
	if (j + 1 < st->n && st->v[j + 1].kind == N_WORD &&
	    !in_list(key_of(st, j + 1), stop_words, ARRAY_SIZE(stop_words)) &&
	    !in_list(key_of(st, j + 1), non_units, ARRAY_SIZE(non_units)) &&
	    (!st->v[j + 1].upper || st->v[j].upper))
		return 2;
	return 1;
}

/* ---- finding the goals ---- */

struct cand {
	size_t lo_tok; /* first token of the operator words or the number */
	size_t num_tok; /* the number */
	size_t end_tok; /* one past the unit */
	double value, max;
	bool has_max;
	enum target_op op;
	size_t unit_lo, unit_hi; /* byte range of the unit */
	bool percent;
	char period[16]; /* "2030", "2026-2030", "2026-H1"; "" none */
};

static bool hard_boundary(const struct sentence *st, size_t i)
{
	const char *k;

	if (st->v[i].kind != N_PUNCT)
		return false;
	k = key_of(st, i);
	return strcmp(k, ";") == 0 || strcmp(k, ".") == 0 || strcmp(k, ":") == 0 ||
	       strcmp(k, "(") == 0 || strcmp(k, ")") == 0 || strcmp(k, "!") == 0 ||
	       strcmp(k, "?") == 0 || strcmp(k, "\xE2\x80\xA2") == 0;
}

/* Reads the value at number token i with its scale words; returns the token after them. */
static size_t value_at(const struct sentence *st, size_t i, double *v, int *exp10)
{
	struct num n;
	size_t used = parse_scaled(st->s + st->v[i].off, st->len - st->v[i].off, true, &n, exp10);
	size_t end = st->v[i].off + used, j = i + 1;

	*v = num_value(&n, *exp10);
	while (j < st->n && st->v[j].off < end)
		j++;
	return j;
}

static bool plain_year(const struct sentence *st, size_t i)
{
	const struct ntok *t = &st->v[i];
	const char *k = key_of(st, i);
	long y;

	if (t->len != 4 || count_digits(k, 4, 0) != 4)
		return false;
	y = strtol(k, NULL, 10);
	return y >= 1900 && y <= 2100;
}

/* True when the number at token i is a reference, a date part, a year, a name. */
static bool not_a_quantity(const struct sentence *st, size_t i, struct sb *tmp, size_t clause_lo, long last_past)
{
	const struct ntok *t = &st->v[i];
	size_t k;

	if (plain_year(st, i))
		return true;
	/* glued to a slash, a dot or a dash and more: "15/6", "30/2025/NQ", "23-CTr", "1.2.3" */
	if (t->glued && i > 0 && st->v[i - 1].kind == N_PUNCT &&
	    (is_punct(st, i - 1, "/") || is_punct(st, i - 1, ".") || is_punct(st, i - 1, ",") ||
	     ((is_dash_tok(st, i - 1)) && i > 1 && st->v[i - 1].glued)))
		return true;
	if (i + 2 < st->n && st->v[i + 1].glued && st->v[i + 2].glued &&
	    (is_punct(st, i + 1, "/") || is_punct(st, i + 1, ".") ||
	     (is_dash_tok(st, i + 1) && st->v[i + 2].kind != N_NUM)))
		return true;
	/* after a letter with no space: "IC15" is one token already; "#3" */
	if (t->glued && i > 0 && is_punct(st, i - 1, "#"))
		return true;
	words_before(st, i, tmp);
	/* "số" alone is a count ("tổng số 320 cơ sở"); after a document type a reference */
	if (ends_with_any(tmp->buf, ref_words, ARRAY_SIZE(ref_words)))
		return true;
	if (i > 0 && is_word_tok(st, i - 1)) {
		/* "lần thứ 25", but "doanh thu 15 tỷ" */
		if (raw_is(st, i - 1, "thứ", "Thứ") || raw_is(st, i - 1, "hạng", "Hạng"))
			return true;
		/* a capitalised word inside the clause names a place or a thing: "Bảo Hà 2" */
		if (st->v[i - 1].upper && !st->v[i - 1].all_upper && i - 1 > clause_lo &&
		    is_word_tok(st, i - 2) && op_from_words(key_of(st, i - 1)) < 0)
			return true;
	}
	for (k = i; k > clause_lo && i - k < 5; k--) {
		words_before(st, k, tmp);
		if (ends_with_any(tmp->buf, capacity_words, ARRAY_SIZE(capacity_words)))
			return true;
	}
	/* a past figure: "đã đạt 50%", "ước đạt" */
	if (last_past >= 0 && (size_t)last_past >= clause_lo && (size_t)last_past < i)
		return true;
	return false;
}

static int op_before(const struct sentence *st, size_t i, struct sb *tmp, size_t clause_lo, size_t *lo)
{
	size_t used;
	int op;

	*lo = i;
	if (i > clause_lo && st->v[i - 1].kind == N_PUNCT) {
		size_t k = i - 1;

		if (k > clause_lo && is_punct(st, k, "=") && (is_punct(st, k - 1, ">") || is_punct(st, k - 1, "<")))
			k--;
		op = op_from_sign(st->s + st->v[k].off, st->v[i].off - st->v[k].off, &used);
		if (op >= 0) {
			*lo = k;
			return op;
		}
		return -1;
	}
	words_before(st, i, tmp);
	op = op_from_words(tmp->buf);
	/* "dựa trên 05 quan điểm": based on, not above */
	if (op == OP_GT && (ends_with_words(tmp->buf, "dua tren") || ends_with_words(tmp->buf, "o tren")))
		op = -1;
	if (op >= 0) {
		size_t words = 1, p;

		for (p = 0; p < ARRAY_SIZE(op_words); p++)
			if ((int)op_words[p].op == op && ends_with_words(tmp->buf, op_words[p].key)) {
				const char *c;

				for (c = op_words[p].key; *c; c++)
					words += *c == ' ';
				break;
			}
		*lo = i >= words ? i - words : 0;
		return op;
	}
	if (i > clause_lo && raw_is(st, i - 1, "từ", "Từ")) {
		*lo = i - 1;
		return OP_GE;
	}
	return -1;
}

/* Reads the candidate goal at number token i, or returns false. */
static bool read_cand(const struct sentence *st, size_t i, size_t clause_lo, long last_past,
		      struct sb *tmp, struct cand *c)
{
	size_t j, u, k;
	int e1, e2, op;
	double v2;

	memset(c, 0, sizeof(*c));
	if (not_a_quantity(st, i, tmp, clause_lo, last_past))
		return false;
	c->num_tok = i;
	j = value_at(st, i, &c->value, &e1);
	/* "30%-50%": the unit sits between the two numbers */
	if (is_punct(st, j, "%") && is_dash_tok(st, j + 1) && j + 2 < st->n && st->v[j + 2].kind == N_NUM &&
	    is_punct(st, j + 3, "%")) {
		value_at(st, j + 2, &c->max, &e2);
		if (c->max >= c->value) {
			c->has_max = true;
			c->op = OP_RANGE;
			c->percent = true;
			c->unit_lo = st->v[j].off;
			c->unit_hi = st->v[j].off + 1;
			c->end_tok = j + 4;
			goto op;
		}
	}
	/* "30- 50%", "3-5 triệu", "từ 130 đến 140 huy chương" */
	if ((is_dash_tok(st, j) || tok_is(st, j, "den") || tok_is(st, j, "toi")) && j + 1 < st->n &&
	    st->v[j + 1].kind == N_NUM && !plain_year(st, j + 1)) {
		k = value_at(st, j + 1, &v2, &e2);
		if (e1 == 0 && e2 > 0) {
			/* "3-5 triệu": the scale word belongs to both */
			struct num n;

			read_num(st->s + st->v[i].off, st->len - st->v[i].off, &n);
			c->value = num_value(&n, e2);
		}
		if (v2 >= c->value) {
			c->has_max = true;
			c->max = v2;
			c->op = OP_RANGE;
			j = k;
		}
	}
	u = unit_at(st, j, tmp);
	if (!u)
		return false;
	/* the unit must not be a time or a rank: "06 tháng", "3-5 sao" */
	if (in_list(key_of(st, j), non_units, ARRAY_SIZE(non_units)))
		return false;
	/* "8 tỉnh Tây Bắc", "08 tỉnh TBMR": a group named by its count, not a goal */
	if (u == 1 && st->v[j].kind == N_WORD && !st->v[j].upper && is_word_tok(st, j + 1) &&
	    st->v[j + 1].upper && !st->v[j + 1].glued)
		return false;
	c->unit_lo = st->v[j].off;
	c->unit_hi = st->v[j + u - 1].off + st->v[j + u - 1].len;
	c->end_tok = j + u;
	/* "bác sỹ/trạm", "tấn/năm" */
	if (is_punct(st, c->end_tok, "/") && st->v[c->end_tok].glued && is_word_tok(st, c->end_tok + 1) &&
	    st->v[c->end_tok + 1].glued) {
		c->unit_hi = st->v[c->end_tok + 1].off + st->v[c->end_tok + 1].len;
		c->end_tok += 2;
	}
	/* "330 triệu USD đã ký kết": a figure of the past */
	for (k = c->end_tok; k < st->n && k < c->end_tok + 4 && !hard_boundary(st, k); k++)
		if (st->v[k].kind == N_WORD && raw_is(st, k, "đã", "Đã"))
			return false;
op:
	op = op_before(st, i, tmp, clause_lo, &c->lo_tok);
	if (c->op != OP_RANGE)
		c->op = op >= 0 ? (enum target_op)op : OP_EQ;
	return true;
}

static long year_of(const struct sentence *st, size_t i)
{
	return i < st->n && st->v[i].kind == N_NUM && plain_year(st, i) ? strtol(key_of(st, i), NULL, 10)
									 : 0;
}

static bool is_sentence_end(const struct sentence *st, size_t i)
{
	return is_punct(st, i, ".") || is_punct(st, i, ";") || is_punct(st, i, "!") ||
	       is_punct(st, i, "?");
}

/*
 * The period a year at token k names, written into out: "năm 2030" ->
 * "2030", "giai đoạn 2026 - 2030" / "từ năm 2026 đến năm 2030" ->
 * "2026-2030", "6 tháng đầu năm 2026" -> "2026-H1". False when the year is
 * not introduced as a period (a date, a document number "30/2025").
 */
static bool period_at(const struct sentence *st, size_t k, char *out, size_t cap)
{
	long y = year_of(st, k), y0 = 0;

	if (!y || k == 0 || (st->v[k].glued && st->v[k - 1].kind == N_PUNCT && !is_dash_tok(st, k - 1)))
		return false;
	/* the end of a span: "2026 - 2030", "2026-2030", "năm 2026 đến năm 2030" */
	if (k >= 2 && (is_dash_tok(st, k - 1) || tok_is(st, k - 1, "den")))
		y0 = year_of(st, k - 2);
	if (!y0 && k >= 4 && tok_is(st, k - 1, "nam") && tok_is(st, k - 2, "den") &&
	    tok_is(st, k - 4, "nam"))
		y0 = year_of(st, k - 3);
	if (y0 && y0 < y) {
		snprintf(out, cap, "%ld-%ld", y0, y);
		return true;
	}
	if (!tok_is(st, k - 1, "nam") && !tok_is(st, k - 1, "doan"))
		return false;
	if (k >= 4 && tok_is(st, k - 2, "dau") && tok_is(st, k - 3, "thang") &&
	    strtol(key_of(st, k - 4), NULL, 10) == 6)
		snprintf(out, cap, "%ld-H1", y);
	else
		snprintf(out, cap, "%ld", y);
	return true;
}

/* The start of a span whose end is at k ("2026" in "2026 - 2030"): not a period of its own. */
static bool span_start(const struct sentence *st, size_t k)
{
	return year_of(st, k) && (is_dash_tok(st, k + 1) || tok_is(st, k + 1, "den")) &&
	       (year_of(st, k + 2) || (tok_is(st, k + 2, "nam") && year_of(st, k + 3)));
}

/*
 * The period of the goal c in its sentence: a year right after it ("đạt 50%
 * vào năm 2030", "50% năm 2030"), else the nearest one before it in the
 * same sentence ("đến năm 2030 đạt 50%", "Năm 2026, phấn đấu …").
 */
static void goal_period(const struct sentence *st, struct cand *c)
{
	size_t k;

	c->period[0] = '\0';
	for (k = c->end_tok; k < st->n && k < c->end_tok + 4; k++) {
		if (st->v[k].kind == N_PUNCT || (st->v[k].kind == N_NUM && !year_of(st, k)) ||
		    tok_is(st, k, "den"))
			break;
		if (span_start(st, k)) /* "trong giai đoạn 2026 - 2030" */
			k += year_of(st, k + 2) ? 2 : 3;
		if (year_of(st, k) && period_at(st, k, c->period, sizeof(c->period)))
			return;
	}
	for (k = c->num_tok; k-- > 0 && !is_sentence_end(st, k);)
		if (year_of(st, k) && !span_start(st, k) &&
		    period_at(st, k, c->period, sizeof(c->period)))
			return;
}

static bool soft_boundary(const struct sentence *st, size_t i)
{
	return is_punct(st, i, ",") || tok_is(st, i, "va") || tok_is(st, i, "voi") ||
	       tok_is(st, i, "con") || (tok_is(st, i, "trong") && tok_is(st, i + 1, "do"));
}

static void emit(const struct sentence *st, const struct cand *c, size_t lo, size_t hi, struct target_vec *out)
{
	struct target *t = VEC_PUSH(out);
	size_t a, b;

	while (lo < hi && st->v[lo].kind == N_PUNCT && !is_punct(st, lo, ">") && !is_punct(st, lo, "<"))
		lo++;
	while (hi > lo && st->v[hi - 1].kind == N_PUNCT && !is_punct(st, hi - 1, "%") &&
	       !is_punct(st, hi - 1, ")"))
		hi--;
	if (hi <= lo)
		hi = lo + 1;
	a = st->v[lo].off;
	b = st->v[hi - 1].off + st->v[hi - 1].len;
	set_text(t, st->s + a, b - a);
	t->has_value = true;
	t->value = c->value;
	t->has_max = c->has_max;
	t->max = c->max;
	t->op = c->op;
	t->unit = xstrndup(st->s + c->unit_lo, c->unit_hi - c->unit_lo);
	t->period = c->period[0] ? xstrdup(c->period) : NULL;
}

/* The end year of a period "2025", "2021-2025", "2026-H1". */
static long period_end_year(const char *p)
{
	const char *dash = strchr(p, '-');

	return strtol(dash && dash[1] >= '0' && dash[1] <= '9' ? dash + 1 : p, NULL, 10);
}

/*
 * "từ 20% năm 2025 lên 50% năm 2030": the goal a names a past figure that
 * the goal b after it in the same clause grows (or falls) from: a follows
 * "từ", a word of change ("lên", "xuống", "còn", "đến", "tới") stands
 * between the two, both name a period and a's ends before b's. Returns the
 * token of that word (where a's text ends), or 0 when they are no such pair.
 */
static size_t baseline_pair(const struct sentence *st, const struct cand *a, const struct cand *b)
{
	size_t k, to = 0;

	if (!a->period[0] || !b->period[0] ||
	    period_end_year(a->period) >= period_end_year(b->period))
		return 0;
	if (!(tok_is(st, a->lo_tok, "tu") || (a->num_tok > 0 && tok_is(st, a->num_tok - 1, "tu")) ||
	      (a->lo_tok > 0 && tok_is(st, a->lo_tok - 1, "tu"))))
		return 0;
	for (k = a->end_tok; k < b->lo_tok; k++) {
		if (hard_boundary(st, k))
			return 0;
		if (!to && (tok_is(st, k, "len") || tok_is(st, k, "xuong") || tok_is(st, k, "con") ||
			    tok_is(st, k, "den") || tok_is(st, k, "toi")) &&
		    !(k + 1 < st->n && year_of(st, k + 1)) &&
		    !(tok_is(st, k + 1, "nam") && year_of(st, k + 2)))
			to = k;
	}
	return to;
}

bool number_find_period(const char *s, size_t len, char *out, size_t cap)
{
	struct sentence st = { 0 };
	size_t k;
	bool found = false;

	if (!s || !len || !cap)
		return false;
	st.s = s;
	st.len = len;
	st.keys = (struct sb)SB_INIT;
	tokenize(&st);
	for (k = 0; k < st.n && !found; k++) {
		if (span_start(&st, k))
			k += year_of(&st, k + 2) ? 2 : 3;
		found = year_of(&st, k) && period_at(&st, k, out, cap);
	}
	free(st.v);
	sb_release(&st.keys);
	return found;
}

size_t number_find_targets(const char *s, size_t len, struct target_vec *out)
{
	struct sentence st = { 0 };
	struct sb tmp = SB_INIT;
	VEC(struct cand) cands = { 0 };
	struct target *pending = NULL; /* the baseline of the next goal */
	size_t i, clause_lo = 0, found = 0, c;
	long last_past = -1;

	if (!s || !out || len == 0)
		return 0;
	st.s = s;
	st.len = len;
	st.keys = (struct sb)SB_INIT;
	tokenize(&st);
	for (i = 0; i < st.n; i++) {
		struct cand cd;

		if (hard_boundary(&st, i)) {
			clause_lo = i + 1;
			continue;
		}
		if (st.v[i].kind == N_WORD &&
		    (raw_is(&st, i, "đã", "Đã") ||
		     (tok_is(&st, i, "uoc") && (tok_is(&st, i + 1, "dat") || tok_is(&st, i + 1, "thuc") ||
						 tok_is(&st, i + 1, "tinh"))))) {
			last_past = (long)i;
			continue;
		}
		if (st.v[i].kind != N_NUM || (st.v[i].glued && i > 0 && is_word_tok(&st, i - 1)))
			continue;
		if (!read_cand(&st, i, clause_lo, last_past, &tmp, &cd))
			continue;
		if (cd.lo_tok < clause_lo)
			cd.lo_tok = clause_lo;
		goal_period(&st, &cd);
		*VEC_PUSH(&cands) = cd;
		/* the numbers of a range and its unit are read */
		if (cd.end_tok > i + 1)
			i = cd.end_tok - 1;
	}
	/* each goal's text: its clause, cut between two goals of one clause; a
	 * past figure "từ 20% năm 2025" before its goal is that goal's baseline */
	for (c = 0; c < cands.n; c++) {
		const struct cand *cd = &cands.v[c];
		size_t to = c + 1 < cands.n ? baseline_pair(&st, cd, &cands.v[c + 1]) : 0;
		size_t first = c; /* the goal's first candidate: its baseline's, if any */
		size_t floor, ceil, lo, hi, k;

		if (to) {
			struct target *b = xcalloc(1, sizeof(*b));
			size_t a = cd->lo_tok;

			while (a < to && st.v[a].kind == N_PUNCT)
				a++;
			set_text(b, st.s + st.v[a].off,
				 st.v[to - 1].off + st.v[to - 1].len - st.v[a].off);
			b->has_value = true;
			b->value = cd->value;
			b->period = xstrdup(cd->period);
			if (pending) { /* two in a row: only the last starts the goal */
				target_release(pending);
				free(pending);
			}
			pending = b;
			continue;
		}
		if (pending && c > 0)
			first = c - 1;
		floor = first > 0 ? cands.v[first - 1].end_tok : 0;
		ceil = c + 1 < cands.n ? cands.v[c + 1].lo_tok : st.n;
		lo = cands.v[first].lo_tok;
		hi = cd->end_tok;
		if (floor > lo)
			floor = lo;
		if (ceil < hi)
			ceil = hi;
		while (lo > floor && !hard_boundary(&st, lo - 1))
			lo--;
		if (first > 0 && lo == floor) {
			for (k = cands.v[first].lo_tok; k > floor && !soft_boundary(&st, k - 1); k--)
				;
			if (k > floor && tok_is(&st, k - 1, "trong") && tok_is(&st, k, "do"))
				k--; /* "trong đó có 750 buồng" keeps its "trong đó" */
			if (k > floor)
				lo = k;
		}
		while (hi < ceil && !hard_boundary(&st, hi))
			hi++;
		if (c + 1 < cands.n && hi == ceil) {
			for (k = cd->end_tok; k < ceil && !soft_boundary(&st, k); k++)
				;
			hi = k;
		}
		emit(&st, cd, lo, hi, out);
		out->v[out->n - 1].baseline = pending;
		pending = NULL;
		found++;
	}
	if (pending) {
		target_release(pending);
		free(pending);
	}
	free(cands.v);
	free(st.v);
	sb_release(&st.keys);
	sb_release(&tmp);
	return found;
}
