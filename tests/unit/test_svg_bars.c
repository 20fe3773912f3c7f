/*
 * test_svg_bars.c - the bar charts (src/report/svg_bars.c) are well-formed
 * XML with a title, a description and a legend; the stacked bars of a rollup
 * keep the largest rows (the rest counted in a closing line), one segment per
 * bucket with its count, widths in proportion to the counts; the bucket chart
 * has one bar per bucket in use; the completeness chart has a pair of bars per
 * period, heights in proportion to the shares; names with < & > are escaped.
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "ops/views.h"
#include "report/report.h"
#include "track/completeness.h"
#include "track/period.h"
#include "track/status.h"

static void labels(struct bucket_chart_labels *lb)
{
	int b;

	memset(lb, 0, sizeof(*lb));
	lb->title = "Theo cơ quan <A&B>";
	for (b = 0; b < STATUS__COUNT; b++)
		lb->bucket[b] = status_bucket_vi((enum status_bucket)b);
	lb->none = "Không có.";
	lb->more_pre = "và ";
	lb->more_post = " cơ quan khác";
}

struct svg {
	xmlDocPtr doc;
	xmlXPathContextPtr x;
};

static void parse(const char *buf, struct svg *s)
{
	s->doc = xmlReadMemory(buf, (int)strlen(buf), "chart.svg", "UTF-8", XML_PARSE_NONET);
	assert_non_null(s->doc); /* well-formed */
	s->x = xmlXPathNewContext(s->doc);
	xmlXPathRegisterNs(s->x, (const xmlChar *)"s", (const xmlChar *)"http://www.w3.org/2000/svg");
}

static void done(struct svg *s)
{
	xmlXPathFreeContext(s->x);
	xmlFreeDoc(s->doc);
}

static xmlNodeSetPtr nodes(struct svg *s, const char *path, xmlXPathObjectPtr *keep)
{
	*keep = xmlXPathEvalExpression((const xmlChar *)path, s->x);
	assert_non_null(*keep);
	return (*keep)->nodesetval;
}

static int count(struct svg *s, const char *path)
{
	xmlXPathObjectPtr o;
	xmlNodeSetPtr ns = nodes(s, path, &o);
	int n = ns ? ns->nodeNr : 0;

	xmlXPathFreeObject(o);
	return n;
}

/* The string value of an XPath expression, into out. */
static void str(struct svg *s, const char *path, char *out, size_t len)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)path, s->x);
	xmlChar *v;

	assert_non_null(o);
	v = xmlXPathCastToString(o);
	snprintf(out, len, "%s", (const char *)v);
	xmlFree(v);
	xmlXPathFreeObject(o);
}

static double num(struct svg *s, const char *path)
{
	char b[64];

	str(s, path, b, sizeof(b));
	return strtod(b, NULL);
}

static void add(struct status_rollup *ru, const char *key, enum status_bucket b, int times)
{
	struct status_result r = { .bucket = b };

	while (times-- > 0)
		status_rollup_add(ru, key, &r);
}

static void rollup_bars(void **state)
{
	struct status_rollup *ru = status_rollup_new();
	struct bucket_chart_labels lb;
	struct sb out = SB_INIT;
	struct svg s;
	char b[256], name[32];
	double w_over, w_track, w_small;
	int i;

	(void)state;
	labels(&lb);
	/* Rows in first-seen order; the largest is the second. */
	add(ru, "Sở Tài chính", STATUS_OVERDUE, 2);
	add(ru, "Sở <Y tế> & Dân số", STATUS_ON_TRACK, 6);
	add(ru, "Sở <Y tế> & Dân số", STATUS_OVERDUE, 3);
	add(ru, "Sở <Y tế> & Dân số", STATUS_DONE_ON_TIME, 1);
	for (i = 0; i < 5; i++) { /* five small agencies of one task each */
		snprintf(name, sizeof(name), "Phòng %d", i);
		add(ru, name, STATUS_NOT_YET_DUE, 1);
	}
	report_rollup_svg(ru, 3, &lb, &out);
	parse(out.buf, &s);

	str(&s, "string(/s:svg/s:title)", b, sizeof(b));
	assert_string_equal(b, "Theo cơ quan <A&B>");
	assert_int_equal(count(&s, "/s:svg/s:desc"), 1);
	/* Top 3 rows by total, largest first; 4 more counted. */
	assert_int_equal(count(&s, "//s:g[@class='bar-row']"), 3);
	str(&s, "string((//s:g[@class='bar-row'])[1]/@data-name)", b, sizeof(b));
	assert_string_equal(b, "Sở <Y tế> & Dân số");
	str(&s, "string((//s:g[@class='bar-row'])[2]/@data-name)", b, sizeof(b));
	assert_string_equal(b, "Sở Tài chính");
	str(&s, "string((//s:g[@class='bar-row'])[3]/@data-name)", b, sizeof(b));
	assert_string_equal(b, "Phòng 0"); /* ties keep the rollup's order */
	str(&s, "string(//s:text[@class='more'])", b, sizeof(b));
	assert_string_equal(b, "và 4 cơ quan khác");
	/* The first row: three segments with their counts and the total. */
	assert_int_equal(count(&s, "(//s:g[@class='bar-row'])[1]/s:rect[@class='seg']"), 3);
	assert_int_equal(count(&s, "//s:rect[@class='seg']"), 5);
	assert_int_equal((int)num(&s, "string((//s:g[@class='bar-row'])[1]/s:text[@class='total'])"),
			 10);
	assert_int_equal((int)num(&s, "string((//s:g[@class='bar-row'])[1]"
				      "/s:rect[@data-bucket='on_track']/@data-count)"),
			 6);
	/* Widths in proportion to counts, on one scale for every row. */
	w_track = num(&s, "string((//s:g[@class='bar-row'])[1]/s:rect[@data-bucket='on_track']/@width)");
	w_over = num(&s, "string((//s:g[@class='bar-row'])[1]/s:rect[@data-bucket='overdue']/@width)");
	w_small = num(&s, "string((//s:g[@class='bar-row'])[2]/s:rect[@data-bucket='overdue']/@width)");
	assert_true(w_track > 0);
	assert_true(fabs(w_track / w_over - 2.0) < 0.01);
	assert_true(fabs(w_over / w_small - 1.5) < 0.01);
	/* Segments of a row sit end to end. */
	assert_true(fabs(num(&s, "string((//s:g[@class='bar-row'])[1]/s:rect[@class='seg'][2]/@x)") -
			 num(&s, "string((//s:g[@class='bar-row'])[1]/s:rect[@class='seg'][1]/@x)") -
			 num(&s, "string((//s:g[@class='bar-row'])[1]/s:rect[@class='seg'][1]/@width)")) <
		    0.02);
	/* Each segment says its bucket and count in words. */
	str(&s, "string((//s:g[@class='bar-row'])[1]/s:rect[@data-bucket='overdue']/s:title)", b,
	    sizeof(b));
	assert_true(strstr(b, ": 3") != NULL);
	/* The legend names the four buckets in use (colour is not the only signal). */
	assert_int_equal(count(&s, "//s:g[@class='legend']/s:text"), 4);
	/* Names were escaped, not injected: no element came from them. */
	assert_int_equal(count(&s, "//*[local-name()='Y']"), 0);
	assert_null(strstr(out.buf, "<Y tế>"));
	assert_non_null(strstr(out.buf, "Sở &lt;Y tế&gt; &amp; Dân số"));
	done(&s);
	sb_reset(&out);

	/* top 0: every row, no closing line. */
	report_rollup_svg(ru, 0, &lb, &out);
	parse(out.buf, &s);
	assert_int_equal(count(&s, "//s:g[@class='bar-row']"), 7);
	assert_int_equal(count(&s, "//s:text[@class='more']"), 0);
	done(&s);
	sb_reset(&out);
	status_rollup_free(ru);

	/* Nothing: a valid chart that says so. */
	ru = status_rollup_new();
	report_rollup_svg(ru, 3, &lb, &out);
	parse(out.buf, &s);
	assert_int_equal(count(&s, "//s:g[@class='bar-row']"), 0);
	str(&s, "string(/s:svg/s:desc)", b, sizeof(b));
	assert_string_equal(b, "Không có.");
	done(&s);
	status_rollup_free(ru);
	sb_release(&out);
}

/* A long name is cut to 27 characters (not bytes) on the bar, whole in its
 * <title> and data-name. */
static void long_names(void **state)
{
	static const char name[] = "Ủy ban nhân dân các xã, phường, đặc khu trên địa bàn tỉnh";
	struct status_rollup *ru = status_rollup_new();
	struct bucket_chart_labels lb;
	struct sb out = SB_INIT;
	struct svg s;
	char b[256];

	(void)state;
	labels(&lb);
	add(ru, name, STATUS_OVERDUE, 1);
	report_rollup_svg(ru, 0, &lb, &out);
	parse(out.buf, &s);
	str(&s, "string(//s:g[@class='bar-row']/s:text[1])", b, sizeof(b));
	assert_string_equal(b, "Ủy ban nhân dân các xã, phư…");
	str(&s, "string(//s:g[@class='bar-row']/@data-name)", b, sizeof(b));
	assert_string_equal(b, name);
	str(&s, "string(//s:g[@class='bar-row']/s:title)", b, sizeof(b));
	assert_non_null(strstr(b, name));
	done(&s);
	status_rollup_free(ru);
	sb_release(&out);
}

static void bucket_bars(void **state)
{
	size_t counts[STATUS__COUNT] = { 0 };
	struct bucket_chart_labels lb;
	struct sb out = SB_INIT;
	struct svg s;

	(void)state;
	labels(&lb);
	counts[STATUS_OVERDUE] = 4;
	counts[STATUS_ON_TRACK] = 2;
	report_bucket_svg(counts, &lb, &out);
	parse(out.buf, &s);
	assert_int_equal(count(&s, "//s:rect[@class='bar']"), 2);
	assert_true(fabs(num(&s, "string(//s:rect[@data-bucket='overdue']/@width)") /
			 num(&s, "string(//s:rect[@data-bucket='on_track']/@width)") -
			 2.0) < 0.01);
	assert_int_equal(count(&s, "/s:svg/s:desc"), 1);
	assert_non_null(strstr(out.buf, "<title>Theo cơ quan &lt;A&amp;B&gt;</title>"));
	done(&s);
	sb_release(&out);
}

static void completeness_bars(void **state)
{
	struct completeness_view v[3];
	struct completeness_chart_labels lb = { "Báo cáo <kỳ>", "Đã nhận", "Đúng hạn", "Không có" };
	struct sb out = SB_INIT;
	struct svg s;
	char b[512];
	double h_recv, h_time;
	int i;

	(void)state;
	memset(v, 0, sizeof(v));
	for (i = 0; i < 3; i++)
		assert_int_equal(period_make(PERIOD_MONTH, 2026, 5 + i, &v[i].period), 0);
	v[0].total = (struct completeness_counts){ .expected = 4, .received = 4, .on_time = 2 };
	v[1].total = (struct completeness_counts){ .expected = 5, .received = 1, .on_time = 0 };
	/* v[1]: 1 of 5 received, a fifth of v[0]'s bar; v[2]: nothing expected */
	report_completeness_svg(v, 3, &lb, &out);
	parse(out.buf, &s);
	assert_int_equal(count(&s, "//s:g[@class='period']"), 3);
	str(&s, "string((//s:g[@class='period'])[1]/@data-period)", b, sizeof(b));
	assert_string_equal(b, "2026-05");
	assert_int_equal(count(&s, "//s:rect[@class='received']"), 2);
	assert_int_equal(count(&s, "//s:rect[@class='on-time']"), 1 + 1);
	h_recv = num(&s, "string((//s:g[@class='period'])[1]/s:rect[@class='received']/@height)");
	h_time = num(&s, "string((//s:g[@class='period'])[1]/s:rect[@class='on-time']/@height)");
	assert_true(h_recv > 0 && fabs(h_recv / h_time - 2.0) < 0.01);
	assert_true(fabs(num(&s, "string((//s:g[@class='period'])[2]/s:rect[@class='received']/@height)") *
			 5 - h_recv) < 0.02);
	/* Shares as text, and the period with nothing expected says so. */
	str(&s, "string(/s:svg/s:desc)", b, sizeof(b));
	assert_non_null(strstr(b, "2026-05: Đã nhận 4/4 (100%), Đúng hạn 2/4 (50%)"));
	assert_non_null(strstr(b, "2026-07: Không có"));
	assert_non_null(strstr(out.buf, "Báo cáo &lt;kỳ&gt;"));
	assert_int_equal(count(&s, "//s:g[@class='legend']/s:text"), 2);
	done(&s);
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rollup_bars),
		cmocka_unit_test(long_names),
		cmocka_unit_test(bucket_bars),
		cmocka_unit_test(completeness_bars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
