/*
 * table_layout.c - the layout of a table from its header row(s): what each
 * column holds by the meaning of its header (data/headers.tsv), whatever the
 * order, spelling or OCR damage; year and period columns of indicator
 * tables; the header repeated at page breaks; cells spanning columns. Also
 * the cell and label helpers both row readers use.
 */
#include "base/compat.h"
#include "extract/table_int.h"
#include "extract/agency.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>

/* hk_<kind>[]: the header words of data/headers.tsv (scripts/gen-headers). */
#include "headers_table.h"

/* A header's folding key cut into words (pointers into the key). */
#define MAX_WORDS 48

struct words {
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t n;
};

static void split_words(const char *s, struct words *out)
{
	out->n = 0;
	while (*s && out->n < MAX_WORDS) {
		size_t n = 0;

		while (*s == ' ')
			s++;
		while (s[n] && s[n] != ' ')
			n++;
		if (!n)
			break;
		out->w[out->n] = s;
		out->len[out->n++] = n;
		s += n;
	}
}

/* Edits between two words, up to max + 1; short words must match. */
static size_t word_dist(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	if (!max || alen < 3 || blen < 3)
		return max + 1;
	return edit_distance(a, alen, b, blen, max);
}

/*
 * True when the folded key holds phrase (folded words) as consecutive words.
 * A phrase of seven letters or more may carry one OCR error ("phoi hqp",
 * "thoi glan"); shorter ones must be exact.
 */
static bool key_has(const struct words *kw, const char *phrase)
{
	struct words pw;
	size_t i, j, letters = 0, budget, used;

	split_words(phrase, &pw);
	if (!pw.n || pw.n > kw->n)
		return false;
	for (j = 0; j < pw.n; j++)
		letters += pw.len[j];
	budget = letters >= 7 ? 1 : 0;
	for (i = 0; i + pw.n <= kw->n; i++) {
		used = 0;
		for (j = 0; j < pw.n && used <= budget; j++)
			used += word_dist(kw->w[i + j], kw->len[i + j], pw.w[j], pw.len[j],
					  budget - used);
		if (j == pw.n && used <= budget)
			return true;
	}
	return false;
}

/* True when the key's first words are one of phrases (exactly). */
static bool key_starts_any(const struct words *kw, const char *const *phrases, size_t *nwords)
{
	for (; *phrases; phrases++) {
		struct words pw;
		size_t j;

		split_words(*phrases, &pw);
		if (!pw.n || pw.n > kw->n)
			continue;
		for (j = 0; j < pw.n; j++)
			if (kw->len[j] != pw.len[j] || memcmp(kw->w[j], pw.w[j], pw.len[j]) != 0)
				break;
		if (j == pw.n) {
			*nwords = pw.n;
			return true;
		}
	}
	return false;
}

static bool key_has_any(const struct words *kw, const char *const *phrases)
{
	for (; *phrases; phrases++)
		if (key_has(kw, *phrases))
			return true;
	return false;
}

static bool has_year(const struct words *kw)
{
	size_t i;

	for (i = 0; i < kw->n; i++)
		if (kw->len[i] == 4 && kw->w[i][0] == '2' && isdigit((unsigned char)kw->w[i][1]) &&
		    isdigit((unsigned char)kw->w[i][2]) && isdigit((unsigned char)kw->w[i][3]))
			return true;
	return false;
}

static bool is_year_word(const char *w, size_t n)
{
	return n == 4 && (w[0] == '1' || w[0] == '2') && (w[1] == '9' || w[1] == '0') &&
	       isdigit((unsigned char)w[2]) && isdigit((unsigned char)w[3]);
}

enum hperiod { HP_NONE, HP_PERIOD, HP_BASELINE };

/*
 * The period a header cell names: "Năm 2027" -> "2027", "Giai đoạn 2026 -
 * 2030" -> "2026-2030", "Đến năm 2030" -> "2030"; HP_BASELINE for a past
 * figure ("Thực hiện năm 2025", "Ước thực hiện 2025", whose period is
 * written too, or "Hiện trạng" with none). out may be NULL.
 */
static enum hperiod header_period(const char *text, char *out)
{
	struct sb key = SB_INIT;
	struct words kw;
	const char *y[2] = { NULL, NULL };
	size_t i, ny = 0;
	enum hperiod r = HP_NONE;

	if (strlen(text) > 120)
		return HP_NONE;
	vi_fold(&key, text, strlen(text), VI_FOLD_PUNCT);
	split_words(key.buf, &kw);
	for (i = 0; i < kw.n; i++)
		if (is_year_word(kw.w[i], kw.len[i]) && ny < 2)
			y[ny++] = kw.w[i];
	if (!ny && kw.n <= 4 && (key_has(&kw, "hien trang") || key_has(&kw, "co so") ||
				 key_has(&kw, "nam goc"))) {
		r = HP_BASELINE; /* "Hiện trạng": a past figure of no stated year */
		goto out;
	}
	if (!ny || kw.n > 10)
		goto out;
	r = key_has_any(&kw, hk_baseline) ? HP_BASELINE : HP_PERIOD;
	if (out && ny == 2 && memcmp(y[0], y[1], 4) != 0)
		snprintf(out, PERIOD_LEN, "%.4s-%.4s", y[0], y[1]);
	else if (out)
		snprintf(out, PERIOD_LEN, "%.4s", y[0]);
out:
	sb_release(&key);
	return r;
}

/*
 * A sub-header cell naming a measure: "Sản lượng (tấn)", "Giá trị (nghìn
 * USD)", "(tấn)". Its unit (the bracketed part) goes to unit, "" when none.
 */
static bool header_measure(const char *text, char *unit)
{
	struct sb key = SB_INIT;
	struct words kw;
	const char *open = strchr(text, '('), *close = open ? strchr(open, ')') : NULL;
	bool yes;

	if (strlen(text) > 80)
		return false;
	vi_fold(&key, text, strlen(text), VI_FOLD_PUNCT);
	split_words(key.buf, &kw);
	yes = kw.n && kw.n <= 6 && (key_has_any(&kw, hk_measure) || (open == text && close));
	sb_release(&key);
	unit[0] = '\0';
	if (yes && open && close && close > open + 1)
		snprintf(unit, MUNIT_LEN, "%.*s", (int)(close - open - 1), open + 1);
	return yes;
}

static bool header_is_deadline(const char *text)
{
	struct sb key = SB_INIT;
	struct words kw;
	bool yes;

	vi_fold(&key, text, strlen(text), VI_FOLD_PUNCT);
	split_words(key.buf, &kw);
	yes = key_has_any(&kw, hk_deadline);
	sb_release(&key);
	return yes;
}

/* A column's period and whether it holds a past figure; a target column
 * whose header says "thực hiện" ("Kế hoạch thực hiện năm 2026") stays a
 * target column of no period, as it always was. */
static void colx_read(const char *text, enum role role, struct colx *cx)
{
	cx->baseline = header_period(text, cx->period) == HP_BASELINE;
	if (cx->baseline && (role == R_TARGET || role == R_PERIOD)) {
		cx->baseline = false;
		cx->period[0] = '\0';
	}
}

/* The role a header cell names; *indicator set when it says "Chỉ tiêu". */
static enum role header_role(const char *text, bool *indicator)
{
	struct sb key = SB_INIT;
	struct words kw;
	enum role r = R_NONE;

	if (strlen(text) > 240)
		return R_NONE;
	vi_fold(&key, text, strlen(text), VI_FOLD_PUNCT);
	split_words(key.buf, &kw);
	if (!kw.n)
		goto out;
	if ((kw.n == 1 && (strcmp(key.buf, "tt") == 0 || strcmp(key.buf, "stt") == 0)) ||
	    strcmp(key.buf, "so tt") == 0 || strcmp(key.buf, "so thu tu") == 0)
		r = R_TT;
	else if (key_has_any(&kw, hk_supervisor))
		r = R_SUPERVISOR;
	else if (key_has_any(&kw, hk_coordinate))
		r = R_COORD;
	else if (key_has_any(&kw, hk_leader))
		r = R_LEADER;
	else if (key_has_any(&kw, hk_lead))
		r = R_LEAD;
	else if (key_has_any(&kw, hk_follower))
		r = R_NOTE; /* "Người theo dõi": the office's own staff */
	else if (key_has_any(&kw, hk_status))
		r = R_STATUS;
	else if (key_has_any(&kw, hk_person))
		r = R_LEADER;
	else if (key_has_any(&kw, hk_time))
		r = R_TIME;
	else if (key_has_any(&kw, hk_result))
		r = R_RESULT;
	else if (key_has_any(&kw, hk_unit))
		r = R_UNIT;
	else if (key_has(&kw, "chi tieu") && (key_has_any(&kw, hk_target) || has_year(&kw)))
		r = R_TARGET; /* "Chỉ tiêu kế hoạch năm 2026": the figure */
	else if (key_has(&kw, "chi tieu")) {
		r = R_TEXT;
		*indicator = true;
	} else if (key_has_any(&kw, hk_target))
		r = R_TARGET;
	else if (key_has_any(&kw, hk_note))
		r = R_NOTE;
	else if (kw.n <= 6 && key_has_any(&kw, hk_text))
		r = R_TEXT;
	else if (header_period(text, NULL) == HP_PERIOD)
		r = R_PERIOD; /* "Năm 2027", "2027", "Giai đoạn 2026-2030" */
out:
	sb_release(&key);
	return r;
}

void tbl_layout_release(struct layout *l)
{
	free(l->roles);
	free(l->cx);
	memset(l, 0, sizeof(*l));
}

/*
 * A tracker with a deadline column ("Hạn xử lý") and a "Tiến độ" column: the
 * latter holds the state of the work ("Đang thực hiện"), not a time frame.
 */
static void progress_is_status(const struct doc_row *row, enum role *roles, int *col)
{
	size_t i;
	int deadline = -1;

	for (i = 0; i < row->cells.n && deadline < 0; i++)
		if (roles[i] == R_TIME && header_is_deadline(row->cells.v[i].text))
			deadline = (int)i;
	if (deadline < 0)
		return;
	for (i = 0; i < row->cells.n; i++)
		if (roles[i] == R_TIME && (int)i != deadline && !header_is_deadline(row->cells.v[i].text)) {
			roles[i] = R_STATUS;
			if (col[R_STATUS] < 0 || col[R_STATUS] > (int)i)
				col[R_STATUS] = (int)i;
		}
	col[R_TIME] = deadline;
}

/*
 * Reads row as a header. Returns the table kind it announces (T_OTHER when
 * it is no header) and, when lay is not NULL, the layout.
 */
static enum table_kind read_header(const struct doc_row *row, struct layout *lay)
{
	enum role *roles = xcalloc(row->cells.n + 1, sizeof(*roles));
	int col[R_COUNT];
	bool indicator = false;
	size_t i, named = 0, fields = 0;
	enum table_kind kind = T_OTHER;

	for (i = 0; i < R_COUNT; i++)
		col[i] = -1;
	for (i = 0; i < row->cells.n; i++) {
		enum role r = header_role(row->cells.v[i].text, &indicator);

		roles[i] = r;
		if (r == R_NONE)
			continue;
		named++;
		if (col[r] < 0)
			col[r] = (int)i;
	}
	progress_is_status(row, roles, col);
	for (i = R_LEADER; i <= R_RESULT; i++)
		fields += col[i] >= 0;
	if (indicator && col[R_TEXT] >= 0 &&
	    (col[R_UNIT] >= 0 || col[R_TARGET] >= 0 || col[R_PERIOD] >= 0))
		kind = T_INDICATOR;
	else if (col[R_TEXT] >= 0 && fields >= 2 && named >= 3)
		kind = T_ASSIGN;
	else if (col[R_TEXT] >= 0 && col[R_UNIT] >= 0 && (col[R_TARGET] >= 0 || col[R_PERIOD] >= 0))
		kind = T_INDICATOR; /* "Nội dung | Đơn vị tính | Năm 2026 …": figures with units */
	if (kind != T_OTHER && lay) {
		/* A named column nobody reads ("Kinh phí", "Địa điểm") holds
		 * its own cells: they are not shifted ones. */
		for (i = 0; i < row->cells.n; i++)
			if (roles[i] == R_NONE && row->cells.v[i].text[0])
				roles[i] = R_NOTE;
		lay->kind = kind;
		lay->roles = roles;
		lay->cx = xcalloc(row->cells.n + 1, sizeof(*lay->cx));
		lay->ncols = row->cells.n;
		memcpy(lay->col, col, sizeof(col));
		for (i = 0; i < row->cells.n; i++)
			colx_read(row->cells.v[i].text, roles[i], &lay->cx[i]);
		if (col[R_TIME] >= 0)
			lay->deadline = header_is_deadline(row->cells.v[col[R_TIME]].text);
		roles = NULL;
	}
	free(roles);
	return kind;
}

enum role tbl_role_at(const struct layout *l, size_t c)
{
	return c < l->ncols ? l->roles[c] : R_NONE;
}

/* The header printed again at a page break: at least three cells name the
 * role their column has (a data row rarely does by chance). */
bool tbl_is_repeat_header(const struct layout *l, const struct doc_row *row)
{
	bool indicator = false;
	size_t i, same = 0;

	for (i = 0; i < row->cells.n && i < l->ncols; i++) {
		enum role r;

		if (!row->cells.v[i].text[0] || l->roles[i] == R_NONE)
			continue;
		r = header_role(row->cells.v[i].text, &indicator);
		if (r == R_NONE && l->roles[i] == R_NOTE)
			continue;
		if (r != l->roles[i])
			return false;
		same++;
	}
	return same >= 3 || (same >= 2 && same == l->ncols);
}

const char *tbl_cell_at(const struct doc_row *row, int c)
{
	return c >= 0 && (size_t)c < row->cells.n ? row->cells.v[c].text : "";
}

/* The length of s cut to at most max bytes on a character boundary, for
 * quoting cells in explain notes. */
int tbl_clip(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return (int)n;
	n = max;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* "IV", "IV.", "IV)" -> true. */
bool tbl_is_roman(const char *s)
{
	size_t n = 0;

	for (; *s && *s != '.' && *s != ')'; s++, n++)
		if (!strchr("IVXLC", *s)) /* lower case is a letter: "c)" */
			return false;
	if (*s && s[1])
		return false;
	return n > 0 && n <= 7;
}

/*
 * A roman number as OCR misreads it: I as l, 1 or |, II as H or U ("ll",
 * "11" also). Writes the repaired number into out and returns true when tt
 * is made only of such strokes (with V and X as printed).
 */
bool tbl_ocr_roman(const char *tt, char *out, size_t outlen)
{
	size_t n = 0;
	const char *s;

	for (s = tt; *s && *s != '.' && *s != ')'; s++) {
		const char *add = *s == 'H' || *s == 'U' ? "II"
				  : strchr("Il1|!", *s) ? "I"
				  : *s == 'V' ? "V" : *s == 'X' ? "X" : NULL;

		if (!add || n + strlen(add) + 1 > outlen)
			return false;
		memcpy(out + n, add, strlen(add));
		n += strlen(add);
	}
	if (*s && s[1])
		return false;
	out[n] = '\0';
	return n > 0 && n <= 7;
}

/* "a", "b)", "đ." -> true: a lettered sub-item. */
bool tbl_is_letter(const char *s)
{
	size_t n = strlen(s);

	if (n && (s[n - 1] == ')' || s[n - 1] == '.'))
		n--;
	if (n == 1)
		return islower((unsigned char)s[0]) != 0;
	return n == 2 && memcmp(s, "đ", 2) == 0;
}

/* "3", "3.1", "3.4.", "2)" -> true. */
bool tbl_is_arabic(const char *s)
{
	bool digit = false;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digit = true;
		else if (*s != '.' && *s != ')')
			return false;
	}
	return digit;
}

/* The label without trailing dots and brackets: "3.4." -> "3.4". */
char *tbl_clean_label(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '.' || s[n - 1] == ')' || s[n - 1] == ' '))
		n--;
	return xstrndup(s, n);
}

/*
 * A number cell that also holds the title ("II CÁC CHỈ TIÊU …", a cell merge
 * lost in export): returns the length of the roman label, or 0.
 */
size_t tbl_roman_prefix(const char *s)
{
	size_t n = 0;

	while (s[n] && strchr("IVXLC", s[n]))
		n++;
	if (!n || n > 7 || s[n] != ' ' || !s[n + 1])
		return 0;
	return n;
}

bool tbl_is_marker(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "+") == 0 || strcmp(s, "–") == 0 ||
	       strcmp(s, "—") == 0 || strcmp(s, "*") == 0 || strcmp(s, "•") == 0;
}

bool tbl_row_empty(const struct doc_row *row)
{
	size_t i;

	for (i = 0; i < row->cells.n; i++)
		if (row->cells.v[i].text[0])
			return false;
	return true;
}

/* "(1) (2) (3) …" or "1 2 3 …": the column numbering row under a header. */
bool tbl_is_numbering_row(const struct doc_row *row)
{
	size_t i, n = 0;

	for (i = 0; i < row->cells.n; i++) {
		const char *s = row->cells.v[i].text;
		char *end;
		long v;

		if (!*s)
			continue;
		if (*s == '(')
			s++;
		v = strtol(s, &end, 10);
		if (end == s || (*end && strcmp(end, ")") != 0) || v != (long)(n + 1))
			return false;
		n++;
	}
	return n >= 3;
}

/* True when no cell but those of the given columns holds text. */
bool tbl_only_cells(const struct doc_row *row, int a, int b)
{
	size_t i;

	for (i = 0; i < row->cells.n; i++)
		if ((int)i != a && (int)i != b && row->cells.v[i].text[0])
			return false;
	return true;
}

char *tbl_join_path(const char *prefix, const char *label)
{
	struct sb sb = SB_INIT;

	if (prefix && *prefix) {
		sb_adds(&sb, prefix);
		if (label && *label)
			sb_addc(&sb, '.');
	}
	if (label)
		sb_adds(&sb, label);
	return sb_detach(&sb);
}

void tbl_append_text(char **slot, const char *s)
{
	struct sb sb = SB_INIT;

	if (!s || !*s)
		return;
	if (*slot && **slot) {
		sb_adds(&sb, *slot);
		sb_addc(&sb, ' ');
	}
	sb_adds(&sb, s);
	free(*slot);
	*slot = sb_detach(&sb);
}

/*
 * Target columns over time. A year written over several measure columns
 * ("Năm 2026" over "Sản lượng | Giá trị") covers each of them; measures are
 * numbered within their period. Two or more columns naming a period are
 * targets per period (R_PERIOD), a "Kế hoạch năm 2026" among them too; a
 * single one is the table's plain target column, as before.
 */
static void settle_periods(struct layout *lay)
{
	size_t i, n = 0;
	int m = 0;

	for (i = 1; i < lay->ncols; i++)
		if (lay->cx[i].has_measure && !lay->cx[i].period[0] && lay->cx[i - 1].period[0] &&
		    (lay->roles[i] == R_NONE || lay->roles[i] == R_NOTE)) {
			memcpy(lay->cx[i].period, lay->cx[i - 1].period, PERIOD_LEN);
			lay->roles[i] = lay->roles[i - 1];
			lay->cx[i].baseline = lay->cx[i - 1].baseline;
		}
	/* A past figure over several measures numbers them as a year does. */
	for (i = 0; i < lay->ncols; i++)
		if (lay->cx[i].baseline)
			lay->cx[i].measure = i && lay->cx[i].has_measure && lay->cx[i - 1].baseline &&
						     strcmp(lay->cx[i].period, lay->cx[i - 1].period) == 0
						     ? lay->cx[i - 1].measure + 1
						     : 0;
	for (i = 0; i < lay->ncols; i++) {
		if (lay->roles[i] != R_PERIOD && lay->roles[i] != R_TARGET)
			continue;
		if (lay->cx[i].period[0])
			n++;
		m = i && lay->cx[i].has_measure &&
				    strcmp(lay->cx[i].period, lay->cx[i - 1].period) == 0 ?
			    m + 1 : 0;
		lay->cx[i].measure = m;
	}
	for (i = 0; i < lay->ncols; i++) {
		if (n >= 2 && lay->roles[i] == R_TARGET && lay->cx[i].period[0])
			lay->roles[i] = R_PERIOD;
		else if (n < 2 && lay->roles[i] == R_PERIOD)
			lay->roles[i] = R_TARGET;
	}
	for (i = 0; i < R_COUNT; i++)
		lay->col[i] = -1;
	for (i = 0; i < lay->ncols; i++)
		if (lay->roles[i] != R_NONE && lay->col[lay->roles[i]] < 0)
			lay->col[lay->roles[i]] = (int)i;
}

/* The two halves of a time window a sub-header names under "Thời gian". */
static const char *const window_start[] = { "bat dau", "tu", "tu ngay", "khoi cong" };
static const char *const window_end[] = { "hoan thanh", "ket thuc", "den", "den ngay" };

/*
 * 1 when text names the start of a time window ("Bắt đầu", "Từ ngày"), 2 its
 * end ("Hoàn thành", "Kết thúc"), 0 otherwise or when column i is not under
 * the time header (its own, or the one spanning it from the left).
 */
static int window_part(const struct layout *lay, size_t i, const char *text)
{
	struct sb key = SB_INIT;
	size_t k;
	int part = 0;

	if (lay->roles[i] != R_TIME && !(i && lay->roles[i] == R_NONE && lay->roles[i - 1] == R_TIME))
		return 0;
	vi_fold(&key, text, strlen(text), VI_FOLD_PUNCT);
	for (k = 0; k < ARRAY_SIZE(window_start) && !part; k++)
		if (strcmp(key.buf, window_start[k]) == 0)
			part = 1;
	for (k = 0; k < ARRAY_SIZE(window_end) && !part; k++)
		if (strcmp(key.buf, window_end[k]) == 0)
			part = 2;
	sb_release(&key);
	return part;
}

/*
 * A second header row under merged header cells ("Cơ quan thực hiện" over
 * "Chủ trì" and "Phối hợp"): every non-empty cell names a role, and those
 * roles refine the columns. Returns true when row was one.
 */
static bool sub_header(struct layout *lay, const struct doc_row *row)
{
	bool indicator = false;
	size_t i, named = 0;
	enum role r;
	char unit[MUNIT_LEN];

	for (i = 0; i < row->cells.n; i++) {
		if (!row->cells.v[i].text[0])
			continue;
		if (i < lay->ncols && header_measure(row->cells.v[i].text, unit)) {
			named++;
			continue;
		}
		if (i < lay->ncols && window_part(lay, i, row->cells.v[i].text)) {
			named++;
			continue;
		}
		r = header_role(row->cells.v[i].text, &indicator);
		if (r == R_NONE || r == R_TT || i >= lay->ncols)
			return false;
		named++;
	}
	if (named < 2)
		return false;
	for (i = 0; i < row->cells.n && i < lay->ncols; i++) {
		if (!row->cells.v[i].text[0])
			continue;
		if (header_measure(row->cells.v[i].text, lay->cx[i].unit)) {
			lay->cx[i].has_measure = true;
			continue;
		}
		if ((lay->cx[i].window = window_part(lay, i, row->cells.v[i].text)) != 0) {
			lay->roles[i] = R_TIME;
			continue;
		}
		r = header_role(row->cells.v[i].text, &indicator);
		lay->roles[i] = r;
		colx_read(row->cells.v[i].text, r, &lay->cx[i]);
	}
	settle_periods(lay);
	return true;
}

/* The last header row among the first rows of a table, or -1. */
long tbl_find_header(const struct doc_table *tb, struct layout *lay)
{
	size_t i;

	for (i = 0; i < tb->rows.n && i < 4; i++) {
		if (read_header(&tb->rows.v[i], lay) == T_OTHER)
			continue;
		if (i + 1 < tb->rows.n && sub_header(lay, &tb->rows.v[i + 1]))
			i++;
		else
			settle_periods(lay);
		return (long)i;
	}
	return -1;
}

/* A headerless table cut from the assignment table above by a line of
 * prose: as many columns, and it opens with a numbered row. */
bool tbl_continues(const struct layout *l, const struct doc_table *tb)
{
	const struct doc_row *row = &tb->rows.v[0];
	const char *tt = tbl_cell_at(row, l->col[R_TT]);

	if (row->cells.n + 1 < l->ncols || row->cells.n > l->ncols + 3)
		return false;
	return tbl_is_arabic(tt) || tbl_is_roman(tt);
}

#define MAX_SPAN 64

/*
 * A table whose cells span columns (DOCX gridSpan) as a table of one cell
 * per column, so that column numbers mean the same in every row: each
 * spanning cell is followed by empty cells. NULL when nothing spans. The copy
 * shares the cells' texts; free it with tbl_free_spread().
 */
struct doc_table *tbl_spread_spans(const struct doc_table *tb)
{
	static char empty[] = "";
	struct doc_table *out;
	size_t r, c;
	int k;
	bool any = false;

	for (r = 0; r < tb->rows.n && !any; r++)
		for (c = 0; c < tb->rows.v[r].cells.n && !any; c++)
			any = tb->rows.v[r].cells.v[c].colspan > 1;
	if (!any)
		return NULL;
	out = xcalloc(1, sizeof(*out));
	out->merges_known = tb->merges_known;
	for (r = 0; r < tb->rows.n; r++) {
		const struct doc_row *src = &tb->rows.v[r];
		struct doc_row *dst = VEC_PUSH(&out->rows);

		dst->line = src->line;
		for (c = 0; c < src->cells.n; c++) {
			const struct doc_cell *cell = &src->cells.v[c];
			int span = cell->colspan > MAX_SPAN ? MAX_SPAN : cell->colspan;
			struct doc_cell *d = VEC_PUSH(&dst->cells);

			*d = *cell;
			d->colspan = 1;
			for (k = 1; k < span; k++) {
				d = VEC_PUSH(&dst->cells);
				d->text = empty;
				d->colspan = d->rowspan = 1;
				d->covered = cell->covered;
			}
		}
	}
	return out;
}

void tbl_free_spread(struct doc_table *t)
{
	size_t r;

	if (!t)
		return;
	for (r = 0; r < t->rows.n; r++)
		free(t->rows.v[r].cells.v);
	free(t->rows.v);
	free(t);
}

bool tbl_same_layout(const struct layout *l, const struct layout *m)
{
	size_t i, n = l->ncols < m->ncols ? l->ncols : m->ncols;

	if (l->kind != m->kind)
		return false;
	for (i = 0; i < n; i++)
		if (l->roles[i] != m->roles[i])
			return false;
	for (i = n; i < l->ncols; i++)
		if (l->roles[i] != R_NONE)
			return false;
	for (i = n; i < m->ncols; i++)
		if (m->roles[i] != R_NONE)
			return false;
	return true;
}

/*
 * A tracker's row that is no task: test data ("x | test nhập liệu - xóa
 * sau") or a totals row ("Tổng cộng: 6 nhiệm vụ", "Cộng"). NULL when the
 * row is a task, else what it is. A totals phrase must stand alone, before a
 * colon or before a figure, so that "Công tác …" is not "Cộng".
 */
const char *tbl_junk_kind(const char *tt, const char *text)
{
	const char *colon = strchr(text, ':');
	struct sb key = SB_INIT;
	struct words kw;
	const char *why = NULL;
	size_t n = 0;

	if (!*text || strlen(text) > 400)
		return NULL;
	vi_fold(&key, text, colon ? (size_t)(colon - text) : strlen(text), VI_FOLD_PUNCT);
	split_words(key.buf, &kw);
	if (!tbl_is_arabic(tt) && key_starts_any(&kw, hk_total, &n) &&
	    (n == kw.n || isdigit((unsigned char)kw.w[n][0])))
		why = "a totals row";
	else if ((!tbl_is_arabic(tt) || key_starts_any(&kw, hk_test, &n)) && key_has_any(&kw, hk_test))
		why = "test data";
	sb_release(&key);
	return why;
}
