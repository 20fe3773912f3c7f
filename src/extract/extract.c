/*
 * extract.c - the extraction driver (see extract.h): decides whether the text
 * is an OCR scan, runs the passes, and puts tasks in document order.
 */
#include "base/compat.h"
#include "extract/extract.h"
#include "extract/agency.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <stdarg.h>

void extract_note(const struct extract_ctx *x, int line, const char *fmt, ...)
{
	va_list ap;

	if (!x->explain)
		return;
	fprintf(x->explain, "%s:%d: ", x->doc->path, line);
	va_start(ap, fmt);
	vfprintf(x->explain, fmt, ap);
	va_end(ap);
	fputc('\n', x->explain);
}

/* Openings of what is no content: recipients, filing, signatures. */
static const char *const not_content[] = {
	"noi nhan", "luu vt", "luu ", "kt ", "tm ", "ky thay", "thay mat", "trang ",
};

static bool plausible_content(const char *text)
{
	char *k = vi_fold_dup(text, VI_FOLD_PUNCT);
	size_t i, words = 1, upper = 0, lower = 0;
	const unsigned char *p;
	bool yes;

	for (p = (const unsigned char *)k; *p; p++)
		words += *p == ' ';
	for (p = (const unsigned char *)text; *p; p++) {
		upper += *p >= 'A' && *p <= 'Z';
		lower += *p >= 'a' && *p <= 'z';
	}
	/* Several words in lower case: a sentence, not a heading, a signature
	 * or a page number. */
	yes = words >= 6 && strlen(text) >= 30 && lower > upper;
	for (i = 0; yes && i < ARRAY_SIZE(not_content); i++)
		if (strncmp(k, not_content[i], strlen(not_content[i])) == 0)
			yes = false;
	free(k);
	return yes;
}

void extract_unplaced(const struct extract_ctx *x, int line, const char *why, const char *text)
{
	struct sb n = SB_INIT;

	extract_note(x, line, "%s: \"%.80s\"", why, text);
	if (!plausible_content(text))
		return;
	sb_addf(&n, "%s: %s", why, text);
	plan_note(x->plan, line, n.buf);
	sb_release(&n);
}

void task_doubt(struct task *t, const char *field)
{
	size_t i;

	for (i = 0; i < t->doubt.n; i++)
		if (strcmp(t->doubt.v[i], field) == 0)
			return;
	strlist_push(&t->doubt, field);
}

/*
 * Vietnamese prose is dense with diacritics: most syllables carry one. A text
 * whose letters are almost all plain ASCII lost them in an OCR pass, and its
 * names must be matched by edit distance.
 */
static bool looks_like_ocr(const struct doc *d)
{
	size_t i, ascii_letters = 0, other = 0;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];
		const unsigned char *p;

		if (b->kind != BLOCK_PARA)
			continue;
		for (p = (const unsigned char *)b->text; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
				ascii_letters++;
			else if (*p >= 0xC0)
				other++; /* a lead byte: one non-ASCII letter */
		}
	}
	return ascii_letters > 200 && other * 20 < ascii_letters;
}

/* "UBND tỉnh" in a list is the committee of the home province: the
 * deployment's (agency_registry_set_home), else the issuer's own province
 * when a provincial body issued the plan. */
static void home_ubnd(struct strlist *l, const char *ubnd)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (vi_fold_eq(l->v[i], "UBND tỉnh")) {
			free(l->v[i]);
			l->v[i] = xstrdup(ubnd);
		}
}

static void resolve_home(struct extract_ctx *x)
{
	const char *home = agency_registry_home(x->agencies);
	char *ubnd;
	size_t i;

	if (!home && x->plan->doc.issuer && !(x->agency_flags & AGENCY_NATIONAL))
		home = agency_province(x->plan->doc.issuer);
	if (!home)
		return;
	ubnd = agency_province_ubnd(home);
	for (i = 0; i < x->plan->tasks.n; i++) {
		home_ubnd(&x->plan->tasks.v[i].lead, ubnd);
		home_ubnd(&x->plan->tasks.v[i].coordinate, ubnd);
	}
	for (i = 0; i < x->plan->indicators.n; i++) {
		home_ubnd(&x->plan->indicators.v[i].lead, ubnd);
		home_ubnd(&x->plan->indicators.v[i].coordinate, ubnd);
	}
	free(ubnd);
}

/* The Government, the Prime Minister, a ministry, a national steering
 * committee or a central body issued the document: its collective phrases
 * ("các địa phương") mean provinces, not communes. */
static bool national_issuer(const char *issuer)
{
	static const char *const starts[] = {
		"chinh phu", "thu tuong", "van phong chinh phu", "thanh tra chinh phu", "bo ",
		"quoc hoi", "uy ban thuong vu quoc hoi", "ngan hang nha nuoc viet nam",
		"kiem toan nha nuoc", "uy ban trung uong", "ban chi dao trung uong",
		"ban chi dao quoc gia", "tong lien doan", "trung uong",
	};
	char *k;
	size_t i;
	bool yes = false;

	if (!issuer)
		return false;
	k = vi_fold_dup(issuer, VI_FOLD_PUNCT);
	for (i = 0; i < ARRAY_SIZE(starts) && !yes; i++)
		yes = strncmp(k, starts[i], strlen(starts[i])) == 0;
	/* "Bộ Chỉ huy Quân sự tỉnh" is a provincial body. */
	if (yes && (strstr(k, " tinh") || strstr(k, " xa ") || strncmp(k, "bo chi huy", 10) == 0))
		yes = false;
	if (!yes && strstr(k, "ban chi dao") && strstr(k, "quoc gia"))
		yes = true;
	free(k);
	return yes;
}

static int task_line_cmp(const void *a, const void *b)
{
	const struct task *ta = a, *tb = b;

	return (ta->line > tb->line) - (ta->line < tb->line);
}

int extract_plan(const struct doc *doc, const struct agency_registry *agencies,
		 FILE *explain, struct plan *plan, struct sb *err)
{
	struct extract_ctx x = {
		.doc = doc,
		.agencies = agencies,
		.plan = plan,
		.explain = explain,
	};

	/* Tesseract keeps diacritics but still confuses letters, so text from
	 * the OCR reader is read with the same tolerance as a diacritic-less
	 * scan. */
	x.ocr = (doc->reader && strcmp(doc->reader, "ocr") == 0) || looks_like_ocr(doc);
	if (x.ocr) {
		x.agency_flags |= AGENCY_FUZZY;
		extract_note(&x, 1, "text without diacritics: reading it as an OCR scan");
	}
	extract_header(&x);
	if (national_issuer(plan->doc.issuer)) {
		x.agency_flags |= AGENCY_NATIONAL;
		extract_note(&x, 1, "national document (%s): \"các địa phương\" are the provinces",
			     plan->doc.issuer);
	}
	x.year = plan->doc.year;
	extract_tables(&x);
	extract_prose(&x);
	/* Passes append in their own order; a stable sort by line restores the
	 * document's (lines are unique per task, so qsort's instability is moot). */
	if (plan->tasks.n > 1)
		qsort(plan->tasks.v, plan->tasks.n, sizeof(*plan->tasks.v), task_line_cmp);
	extract_goals(&x);
	resolve_home(&x);
	if (plan->notes_dropped) {
		struct sb n = SB_INIT;

		sb_addf(&n, "%zu more passages placed in no task (see --explain)",
			plan->notes_dropped);
		strlist_push(&plan->notes, n.buf);
		sb_release(&n);
		plan->notes_dropped = 0;
	}
	if (!plan->tasks.n && !plan->indicators.n && !plan->targets.n) {
		sb_addf(err, "%s: found no tasks, indicators or targets; is this a plan?",
			doc->path);
		return -1;
	}
	return 0;
}
