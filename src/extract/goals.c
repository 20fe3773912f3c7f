/*
 * goals.c - the goals pass: the plan-wide targets of the "Mục tiêu cụ thể"
 * part, each task's quantified goals, and the deadlines set for progress
 * reports (see "targets" and "reporting" in the spec).
 *
 * It runs after the tasks are extracted and sorted. Plan-wide targets come
 * only from the part that states the plan's specific goals: the purpose,
 * background and organisation parts are full of numbers (decrees, years,
 * "tăng trưởng trên 10%" of another plan) that are not this plan's goals.
 * Reporting duties are read from sentences that say "báo cáo": a deadline
 * ("trước ngày 15/6/2024") makes one entry per date, labelled by the period
 * it covers ("6 tháng đầu năm", "cả năm"); a periodic duty without a date
 * ("định kỳ báo cáo … theo quý và năm") one entry per period.
 */
#include "base/compat.h"
#include "extract/extract.h"
#include "extract/header.h"
#include "extract/number.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* ---- plan-wide targets ---------------------------------------------- */

static const char *const goal_parts[] = {
	"muc tieu cu the", "cac muc tieu cu the", "chi tieu cu the", "cac chi tieu cu the",
	"chi tieu chu yeu", "cac chi tieu chu yeu", "muc tieu va chi tieu", "muc tieu chi tieu",
};

static const char *const section_parts[] = { "muc tieu", "cac muc tieu", "chi tieu", "cac chi tieu" };

/* A heading's rank: lower ranks enclose higher ones; 99 for body text. */
static int rank_of(const struct doc_block *b)
{
	if (b->kind != BLOCK_PARA)
		return 99;
	switch (b->num) {
	case NUM_ROMAN:
		return 0;
	case NUM_ARABIC:
		return b->num_depth;
	case NUM_NONE:
		return (b->upper || b->bold) && strlen(b->text) < 200 ? 1 : 99;
	default:
		return 99;
	}
}

/* True when the words of s (before any colon) start with one of phrases;
 * headings and labels are short. */
static bool starts_with_phrase(const char *s, const char *const *phrases, size_t n)
{
	struct htoks t = { 0 };
	size_t i, k, words = 0;
	bool yes = false;

	header_tokenize(s, strlen(s), &t);
	for (i = 0; i < t.n && !header_tok_is(&t, i, ":"); i++)
		words += t.v[i].word;
	for (k = 0; k < n && !yes && words <= 14; k++) {
		const char *p = phrases[k];
		size_t w = 0;

		/* words_are() is private to header.c: compare key by key. */
		yes = true;
		while (*p && yes) {
			const char *sp = strchr(p, ' ');
			size_t wl = sp ? (size_t)(sp - p) : strlen(p);

			while (w < t.n && !t.v[w].word && !header_tok_is(&t, w, ":"))
				w++;
			if (w >= t.n || strlen(t.v[w].key) != wl || memcmp(t.v[w].key, p, wl) != 0)
				yes = false;
			w++;
			p += wl;
			while (*p == ' ')
				p++;
		}
	}
	header_toks_release(&t);
	return yes;
}

static bool heading_is(const struct doc_block *b, const char *const *phrases, size_t n)
{
	return rank_of(b) != 99 && starts_with_phrase(b->body, phrases, n);
}

/* Units that count places, seasons or spans of time name things ("8 tỉnh
 * Tây Bắc", "4 mùa xuân, hạ, thu, đông", "30 năm thành lập"): not goals.
 * OCR'd units ("30 ndm") match one edit away; a short word only by one
 * substitution, so that "tin" (news items) is not "tỉnh". */
static const char *const naming_units[] = {
	"tinh", "huyen", "xa", "phuong", "nuoc", "mua", "nam", "thang", "ngay", "quy", "tuan",
};

static bool naming_unit(const char *unit, bool fuzzy)
{
	char *key = vi_fold_dup(unit, VI_FOLD_PUNCT);
	size_t i, n = strcspn(key, " ");
	bool yes = false;

	if (unit[0] == '%') { /* "%/năm": a rate, whatever it is per */
		free(key);
		return false;
	}

	for (i = 0; i < ARRAY_SIZE(naming_units) && !yes; i++) {
		const char *w = naming_units[i];
		size_t wl = strlen(w);

		yes = (n == wl && memcmp(key, w, n) == 0) ||
		      (fuzzy && n >= 3 && wl >= 3 && (n >= 4 || n == wl) &&
		       edit_distance(key, n, w, wl, 1) <= 1);
	}
	free(key);
	return yes;
}

static bool plausible(const struct target *t, bool fuzzy)
{
	if (!t->has_value)
		return false;
	/* A bare year is a date, never a goal. */
	if (t->value >= 1900 && t->value <= 2100 && t->value == (double)(long)t->value &&
	    (!t->unit || !*t->unit))
		return false;
	return !t->unit || !naming_unit(t->unit, fuzzy);
}

static bool same_target(const struct target *a, const struct target *b)
{
	return a->op == b->op && a->value == b->value &&
	       ((!a->unit && !b->unit) || (a->unit && b->unit && vi_fold_eq(a->unit, b->unit)));
}

/* number_find_targets() over s, keeping the plausible goals not already in
 * out when dedup is set. Returns how many were kept. */
static size_t find_targets(const struct extract_ctx *x, const char *s, struct target_vec *out,
			   bool dedup)
{
	struct target_vec found = { 0 };
	size_t i, j, kept = 0;

	if (!s || !*s)
		return 0;
	number_find_targets(s, strlen(s), &found);
	for (i = 0; i < found.n; i++) {
		bool dup = false;

		for (j = 0; dedup && j < out->n && !dup; j++)
			dup = same_target(&out->v[j], &found.v[i]);
		if (dup || !plausible(&found.v[i], x->ocr)) {
			target_release(&found.v[i]);
			continue;
		}
		*(struct target *)VEC_PUSH(out) = found.v[i];
		kept++;
	}
	free(found.v);
	return kept;
}

/*
 * A block without goals that names a period ("Đến năm 2030:", "b) Giai đoạn
 * 2026 - 2028") leads in the goals below it, which take its period unless
 * they name their own; a heading without one ends the lead-in.
 */
static void lead_in(const struct extract_ctx *x, const struct doc_block *b, int rank, char *lead,
		    size_t cap)
{
	char p[16];

	if (strlen(b->body) < 160 && number_find_period(b->body, strlen(b->body), p, sizeof(p))) {
		snprintf(lead, cap, "%s", p);
		extract_note(x, b->line, "goals below take the period %s", p);
	} else if (rank < 99) {
		lead[0] = '\0';
	}
}

/* The targets of the part headed at h, to the next heading of its rank or
 * above; a "Mục tiêu chung" subsection (general aims) is left out. */
static size_t targets_of_part(struct extract_ctx *x, size_t h, size_t *end)
{
	const struct doc *d = x->doc;
	const struct doc_block *hb = &d->blocks.v[h];
	static const char *const general[] = { "muc tieu chung", "muc tieu tong quat" };
	int r = rank_of(hb), skip_rank = 100;
	size_t i, n = 0;

	char lead[16] = "";

	/* "2. Mục tiêu cụ thể đến năm 2030": the part's own period */
	number_find_period(hb->body, strlen(hb->body), lead, sizeof(lead));
	if (hb->label && hb->value && *hb->value)
		n += find_targets(x, hb->value, &x->plan->targets, false);
	for (i = h + 1; i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];
		int br = rank_of(b);
		size_t before = x->plan->targets.n, k;

		if (br <= r)
			break;
		if (br <= skip_rank)
			skip_rank = 100;
		if (heading_is(b, general, ARRAY_SIZE(general)))
			skip_rank = br;
		if (b->kind != BLOCK_PARA || skip_rank < 100)
			continue;
		k = find_targets(x, b->body, &x->plan->targets, false);
		n += k;
		if (!k)
			lead_in(x, b, br, lead, sizeof(lead));
		for (; k && lead[0] && before < x->plan->targets.n; before++)
			if (!x->plan->targets.v[before].period) {
				x->plan->targets.v[before].period = xstrdup(lead);
				extract_note(x, b->line, "target \"%s\" takes the period %s from above",
					     x->plan->targets.v[before].text, lead);
			}
	}
	*end = i;
	return n;
}

static void plan_targets(struct extract_ctx *x)
{
	const struct doc *d = x->doc;
	size_t i, parts = 0, end = 0;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];
		size_t n;

		if (i < end) /* inside a part already read */
			continue;
		if (heading_is(b, goal_parts, ARRAY_SIZE(goal_parts)))
			n = targets_of_part(x, i, &end);
		else if (b->kind == BLOCK_PARA && b->label && b->value &&
			 starts_with_phrase(b->label, goal_parts, ARRAY_SIZE(goal_parts)))
			n = find_targets(x, b->value, &x->plan->targets, false); /* "- Mục tiêu cụ thể: …" */
		else
			continue;
		extract_note(x, b->line, "%zu plan-wide targets in the specific goals", n);
		parts++;
	}
	if (parts)
		return;
	/* No "specific goals" part: a whole "MỤC TIÊU" / "CHỈ TIÊU" section. */
	for (i = 0; i < d->blocks.n; i++)
		if (d->blocks.v[i].num == NUM_ROMAN &&
		    heading_is(&d->blocks.v[i], section_parts, ARRAY_SIZE(section_parts))) {
			size_t n = targets_of_part(x, i, &end);

			extract_note(x, d->blocks.v[i].line, "%zu plan-wide targets in the goals section",
				     n);
		}
}

/*
 * A plan's own year alone does not make a period (the spec): when no goal of
 * the list names another year, "Năm 2026, phấn đấu …" in a plan for 2026
 * is a goal without a period.
 */
static void drop_own_year(const struct extract_ctx *x, struct target_vec *v)
{
	char own[16];
	size_t i;

	if (!x->year)
		return;
	snprintf(own, sizeof(own), "%d", x->year);
	for (i = 0; i < v->n; i++)
		if (v->v[i].period && strcmp(v->v[i].period, own) != 0)
			return;
	for (i = 0; i < v->n; i++) {
		free(v->v[i].period);
		v->v[i].period = NULL;
	}
}

static void task_targets(struct extract_ctx *x)
{
	size_t i;

	for (i = 0; i < x->plan->tasks.n; i++) {
		struct task *t = &x->plan->tasks.v[i];

		find_targets(x, t->text, &t->targets, true);
		find_targets(x, t->result, &t->targets, true);
		drop_own_year(x, &t->targets);
	}
}

/* ---- reporting ------------------------------------------------------ */

static bool tok_is(const struct htoks *t, size_t i, const char *key)
{
	return header_tok_is(t, i, key);
}

static bool punct_at(const struct htoks *t, size_t i, const char *set)
{
	return i < t->n && !t->v[i].word && t->v[i].len == 1 && strchr(set, t->v[i].s[0]);
}

/* Clause ends: ';', and a '.' that ends a sentence (before a capital, "/",
 * or the end). */
static bool clause_end(const struct htoks *t, size_t i)
{
	if (punct_at(t, i, ";"))
		return true;
	if (!punct_at(t, i, "."))
		return false;
	return i + 1 >= t->n || punct_at(t, i + 1, "/") ||
	       (t->v[i + 1].space && t->v[i + 1].upper);
}

static bool has_reporting(const struct plan *p, const char *label, const char *due)
{
	size_t i;

	for (i = 0; i < p->reporting.n; i++) {
		const struct reporting *r = &p->reporting.v[i];

		if (due && *due ? strcmp(r->due, due) == 0 : !r->due[0] && strcmp(r->label, label) == 0)
			return true;
	}
	return false;
}

/* A plan sets a handful of report deadlines; more is a list of something
 * else, and the cap keeps the duplicate check linear. */
#define MAX_REPORTING 32

static void add_reporting(struct extract_ctx *x, int line, const char *label, const char *due)
{
	if (x->plan->reporting.n >= MAX_REPORTING || has_reporting(x->plan, label, due))
		return;
	plan_add_reporting(x->plan, label, due);
	extract_note(x, line, "reporting \"%s\" due %s", label, due && *due ? due : "(periodic)");
}

static const char *const roman[] = { "i", "ii", "iii", "iv" };
static const char *const roman_up[] = { "I", "II", "III", "IV" };

/* The period a report covers, as printed in [a, b): "06 tháng đầu năm" ->
 * "6 tháng đầu năm", "cả năm", "quý II". Empty when none. */
static void period_label(const struct htoks *t, size_t a, size_t b, struct sb *out)
{
	size_t i, k;

	for (i = a; i < b; i++) {
		if (t->v[i].digits && tok_is(t, i + 1, "thang") && i + 1 < b) {
			sb_addf(out, "%ld tháng", strtol(t->v[i].key, NULL, 10));
			if (tok_is(t, i + 2, "dau") && tok_is(t, i + 3, "nam"))
				sb_adds(out, " đầu năm");
			else if (tok_is(t, i + 2, "cuoi") && tok_is(t, i + 3, "nam"))
				sb_adds(out, " cuối năm");
			return;
		}
		if (tok_is(t, i, "ca") && tok_is(t, i + 1, "nam") && i + 1 < b) {
			sb_adds(out, "cả năm");
			return;
		}
		for (k = 0; k < ARRAY_SIZE(roman) && tok_is(t, i, "quy") && i + 1 < b; k++)
			if (tok_is(t, i + 1, roman[k])) {
				sb_addf(out, "quý %s", roman_up[k]);
				return;
			}
	}
}

/* The label of a dated report: its period, else what is reported as printed
 * ("kết quả", cut before "về UBND tỉnh …"). */
static char *report_label(const struct extract_ctx *x, const struct htoks *t, size_t a, size_t b)
{
	static const char *const stops[] = { "ve", "gui", "len", "cho", "truoc", "tai" };
	struct sb out = SB_INIT;
	size_t i, k, e = a;

	period_label(t, a, b, &out);
	if (out.len)
		return sb_detach(&out);
	while (a < b && !t->v[a].word)
		a++;
	for (e = a; e < b && (t->v[e].word || punct_at(t, e, "-")) && e < a + 12; e++) {
		bool stop = false;

		for (k = 0; k < ARRAY_SIZE(stops) && !stop; k++)
			stop = tok_is(t, e, stops[k]);
		if (stop)
			break;
	}
	for (i = a; i < e; i++) {
		if (i > a && t->v[i].space)
			sb_addc(&out, ' ');
		sb_add(&out, t->v[i].s, t->v[i].len);
	}
	if (!out.len)
		sb_adds(&out, "báo cáo");
	else if (e == a + 2 && tok_is(t, a, "ket") && tok_is(t, a + 1, "qua") && x->plan->doc.kind)
		sb_addf(&out, " thực hiện %s", x->plan->doc.kind);
	return sb_detach(&out);
}

/* A deadline marker at i ("trước", "chậm nhất", "hạn chót"): its length. */
static size_t deadline_at(const struct htoks *t, size_t i)
{
	if (tok_is(t, i, "truoc"))
		return 1;
	if ((tok_is(t, i, "cham") && tok_is(t, i + 1, "nhat")) ||
	    (tok_is(t, i, "han") && tok_is(t, i + 1, "chot")))
		return 2;
	return 0;
}

/* Dated reports in the clause [a, b) that says "báo cáo" at rep. */
static size_t dated_reports(struct extract_ctx *x, const struct htoks *t, size_t a, size_t b,
			    size_t rep, int line)
{
	size_t i, seg = rep + 2, found = 0;

	for (i = a; i < b; i++) {
		size_t m = deadline_at(t, i), e;
		char iso[DATE_LEN];
		char *label;

		if (!m || !(e = header_date_at(t, i + m, x->ocr, iso)) || e > b || strlen(iso) != 10)
			continue;
		label = report_label(x, t, i > seg ? seg : a, i);
		add_reporting(x, line, label, iso);
		free(label);
		found++;
		seg = e;
		i = e - 1;
	}
	return found;
}

/* One period word at i ("quý", "năm", "tháng", "6 tháng", "tuần") when it is
 * not the start of another word ("quy định", "năm 2024"). */
static size_t period_word(const struct htoks *t, size_t i, size_t b, struct sb *label)
{
	static const char *const words[][2] = {
		{ "quy", "quý" }, { "nam", "năm" }, { "thang", "tháng" }, { "tuan", "tuần" },
	};
	static const char *const followers[] = {
		"va", "hoac", ",", ";", ".", "/", ")", "(", "hang", "bao", "gui", "ve", "cho", "len",
	};
	size_t k, f, n = 1;

	sb_reset(label);
	if (i < b && t->v[i].digits && tok_is(t, i + 1, "thang")) {
		sb_addf(label, "%ld ", strtol(t->v[i].key, NULL, 10));
		i++;
		n = 2;
	}
	for (k = 0; k < ARRAY_SIZE(words); k++) {
		if (i >= b || !tok_is(t, i, words[k][0]))
			continue;
		if (i + 1 < b) {
			bool ok = false;

			for (f = 0; f < ARRAY_SIZE(followers) && !ok; f++)
				ok = tok_is(t, i + 1, followers[f]);
			if (!ok)
				return 0;
		}
		sb_adds(label, words[k][1]);
		return n;
	}
	return 0;
}

/* "theo quý và năm", "hằng quý, năm", "6 tháng" starting at i. */
static size_t period_list(struct extract_ctx *x, const struct htoks *t, size_t i, size_t b,
			  int line)
{
	struct sb label = SB_INIT;
	size_t n, found = 0;

	while (i < b) {
		while (i < b && (tok_is(t, i, "hang") || tok_is(t, i, "moi") || tok_is(t, i, "va") ||
				 tok_is(t, i, "ca") || tok_is(t, i, "tung") ||
				 tok_is(t, i, "hoac") || punct_at(t, i, ",/")))
			i++;
		if (!(n = period_word(t, i, b, &label)))
			break;
		add_reporting(x, line, label.buf, NULL);
		found++;
		i += n;
	}
	sb_release(&label);
	return found;
}

static bool clause_has(const struct htoks *t, size_t a, size_t b, const char *w1, const char *w2)
{
	size_t i;

	for (i = a; i + 1 < b; i++)
		if (tok_is(t, i, w1) && tok_is(t, i + 1, w2))
			return true;
	return false;
}

/* "báo cáo hằng quý": without "định kỳ", the reporting regime "theo quy
 * định" or "chế độ báo cáo hằng năm" is boilerplate, not a set duty. */
static void every_period_reports(struct extract_ctx *x, const struct htoks *t, size_t a, size_t b,
				 int line)
{
	size_t i;

	if (clause_has(t, a, b, "che", "do") || clause_has(t, a, b, "quy", "dinh"))
		return;
	for (i = a; i < b; i++)
		if (tok_is(t, i, "hang") && period_list(x, t, i, b, line))
			return;
}

/* "định kỳ báo cáo … theo quý và năm", "báo cáo định kỳ hằng quý". */
static void periodic_reports(struct extract_ctx *x, const struct htoks *t, size_t a, size_t b,
			     int line)
{
	size_t i, dk = b;

	for (i = a; i + 1 < b && dk == b; i++)
		if (tok_is(t, i, "dinh") && tok_is(t, i + 1, "ky"))
			dk = i;
	if (dk == b) {
		every_period_reports(x, t, a, b, line);
		return;
	}
	if (period_list(x, t, dk + 2, b, line))
		return;
	for (i = dk + 2; i < b; i++)
		if ((tok_is(t, i, "theo") && period_list(x, t, i + 1, b, line)) ||
		    (tok_is(t, i, "hang") && period_list(x, t, i, b, line)))
			return;
}

static void reporting_in(struct extract_ctx *x, const char *s, int line)
{
	struct htoks t = { 0 };
	size_t a = 0, i, rep;

	header_tokenize(s, strlen(s), &t);
	for (i = 0; i <= t.n; i++) {
		if (i < t.n && !clause_end(&t, i))
			continue;
		for (rep = a; rep + 1 < i; rep++)
			if (tok_is(&t, rep, "bao") && tok_is(&t, rep + 1, "cao"))
				break;
		if (rep + 1 < i && !dated_reports(x, &t, a, i, rep, line))
			periodic_reports(x, &t, a, i, line);
		a = i + 1;
	}
	header_toks_release(&t);
}

static void reporting(struct extract_ctx *x)
{
	size_t i;

	for (i = 0; i < x->doc->blocks.n; i++) {
		const struct doc_block *b = &x->doc->blocks.v[i];

		if (b->kind == BLOCK_PARA)
			reporting_in(x, b->text, b->line);
	}
}

void extract_goals(struct extract_ctx *x)
{
	plan_targets(x);
	drop_own_year(x, &x->plan->targets);
	task_targets(x);
	reporting(x);
}
