/*
 * test_svg_chart.c - the indicator chart (src/report/svg_chart.c) is
 * well-formed XML with a title and a description, puts the baseline,
 * targets and actual values where their periods and values say (time to
 * the right at an even pace, larger values higher, in proportion), leaves
 * spans to the table, and escapes names with < & >.
 */
#include "unit.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "model/plan.h"
#include "ops/views.h"
#include "report/report.h"

static const struct indicator_chart_labels labels = { "Mục tiêu", "Thực hiện", "Mức cơ sở",
						      "Không có số liệu" };

/* One period row: a target applied (has_t) and a value (has_a). */
static void row_at(struct indicator_period_row *p, const char *period, bool has_t, double t,
		   bool has_a, double a)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->period, sizeof(p->period), "%s", period);
	p->judged.has_target = has_t;
	p->judged.value = t;
	p->judged.op = OP_EQ;
	p->has_actual = has_a;
	p->actual = a;
}

struct shape {
	char cls[16], period[16];
	double x, y; /* centre */
};

struct parsed {
	xmlDocPtr doc;
	struct shape s[32];
	size_t n;
	char title[256], desc[512];
};

static double attr_d(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	double d = v ? strtod((const char *)v, NULL) : NAN;

	xmlFree(v);
	return d;
}

static void attr_s(xmlNodePtr n, const char *name, char *out, size_t len)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

	snprintf(out, len, "%s", v ? (const char *)v : "");
	xmlFree(v);
}

static void walk(xmlNodePtr n, struct parsed *p)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"title") == 0 && n->parent &&
		    xmlStrcmp(n->parent->name, (const xmlChar *)"svg") == 0) {
			xmlChar *c = xmlNodeGetContent(n);

			snprintf(p->title, sizeof(p->title), "%s", (const char *)c);
			xmlFree(c);
		} else if (xmlStrcmp(n->name, (const xmlChar *)"desc") == 0) {
			xmlChar *c = xmlNodeGetContent(n);

			snprintf(p->desc, sizeof(p->desc), "%s", (const char *)c);
			xmlFree(c);
		}
		if (xmlHasProp(n, (const xmlChar *)"data-period") && p->n < 32) {
			struct shape *s = &p->s[p->n++];

			attr_s(n, "class", s->cls, sizeof(s->cls));
			attr_s(n, "data-period", s->period, sizeof(s->period));
			if (strcmp(s->cls, "actual") == 0) {
				s->x = attr_d(n, "cx");
				s->y = attr_d(n, "cy");
			} else if (strcmp(s->cls, "target") == 0) {
				s->x = attr_d(n, "x") + attr_d(n, "width") / 2;
				s->y = attr_d(n, "y") + attr_d(n, "height") / 2;
			} else { /* the baseline triangle: apex x, its points' mean y is off; use the base */
				char pts[128];
				double ax, ay, bx, by, cx, cy;

				attr_s(n, "points", pts, sizeof(pts));
				assert_int_equal(sscanf(pts, "%lf,%lf %lf,%lf %lf,%lf", &ax, &ay, &bx, &by,
							&cx, &cy), 6);
				s->x = ax;
				s->y = ay + 6; /* the apex is 6 above the point */
			}
		}
		walk(n->children, p);
	}
}

static void parse(const char *svg, struct parsed *p)
{
	memset(p, 0, sizeof(*p));
	p->doc = xmlReadMemory(svg, (int)strlen(svg), "chart.svg", "UTF-8", XML_PARSE_NONET);
	assert_non_null(p->doc); /* well-formed XML */
	assert_string_equal((const char *)xmlDocGetRootElement(p->doc)->name, "svg");
	walk(xmlDocGetRootElement(p->doc), p);
}

static const struct shape *find(const struct parsed *p, const char *cls, const char *period)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->s[i].cls, cls) == 0 && strcmp(p->s[i].period, period) == 0)
			return &p->s[i];
	fail_msg("no %s at %s", cls, period);
	return NULL;
}

static size_t count(const struct parsed *p, const char *cls)
{
	size_t i, n = 0;

	for (i = 0; i < p->n; i++)
		n += strcmp(p->s[i].cls, cls) == 0;
	return n;
}

static void points_in_place(void **state)
{
	struct target base = { .has_value = true, .value = 20, .period = (char *)"2025" };
	struct indicator ind = { .name = (char *)"Tỷ lệ <xã> & \"phường\"", .unit = (char *)"%",
				 .baseline = &base, .id = 7 };
	struct plan pl = { .id = 1 };
	struct indicator_period_row rows[5];
	struct indicator_row r = { .plan = &pl, .ind = &ind, .by_period = rows, .nby_period = 5 };
	struct parsed p;
	struct sb out = SB_INIT;
	const struct shape *b, *t26, *t27, *t28, *a26, *a27;

	row_at(&rows[0], "2026", true, 30, true, 35);
	row_at(&rows[1], "2027", true, 40, true, 30);
	row_at(&rows[2], "2028", true, 50, false, 0);
	row_at(&rows[3], "2026-2030", true, 50, false, 0); /* a span: not on the time line */
	row_at(&rows[4], "2029", false, 0, false, 0); /* nothing to draw */
	report_indicator_svg(&r, &labels, &out);
	parse(out.buf, &p);

	/* Escaped name in the title; the description reads the series. */
	assert_string_equal(p.title, "Tỷ lệ <xã> & \"phường\" (%)");
	assert_non_null(strstr(out.buf, "Tỷ lệ &lt;xã&gt; &amp;"));
	assert_non_null(strstr(p.desc, "2025 (Mức cơ sở): 20"));
	assert_non_null(strstr(p.desc, "2026: Mục tiêu 30, Thực hiện 35"));
	/* One baseline, three target points, two actual markers. */
	assert_int_equal(count(&p, "baseline"), 1);
	assert_int_equal(count(&p, "target"), 3);
	assert_int_equal(count(&p, "actual"), 2);
	b = find(&p, "baseline", "2025");
	t26 = find(&p, "target", "2026");
	t27 = find(&p, "target", "2027");
	t28 = find(&p, "target", "2028");
	a26 = find(&p, "actual", "2026");
	a27 = find(&p, "actual", "2027");
	/* Time runs right at an even pace from the left edge of the plot to its right. */
	assert_true(fabs(b->x - SVG_CHART_LEFT) < 0.2);
	assert_true(fabs(t28->x - (SVG_CHART_W - SVG_CHART_RIGHT)) < 0.2);
	assert_true(fabs((t26->x - b->x) - (t27->x - t26->x)) < 0.2);
	assert_true(fabs((t27->x - t26->x) - (t28->x - t27->x)) < 0.2);
	assert_true(fabs(a26->x - t26->x) < 0.2 && fabs(a27->x - t27->x) < 0.2);
	/* Larger values higher, in proportion: 20, 30, 40, 50 evenly spaced. */
	assert_true(b->y > t26->y && t26->y > t27->y && t27->y > t28->y);
	assert_true(fabs((b->y - t26->y) - (t26->y - t27->y)) < 0.2);
	assert_true(fabs((t27->y - t28->y) - (t26->y - t27->y)) < 0.2);
	/* 35 halfway between 30 and 40; 30 on the 30 target's level. */
	assert_true(fabs(a26->y - (t26->y + t27->y) / 2) < 0.2);
	assert_true(fabs(a27->y - t26->y) < 0.2);
	/* 0 sits on the x axis: 20 stands 2/5 as high above it as 50. */
	assert_true(fabs((SVG_CHART_H - SVG_CHART_BOTTOM - b->y) /
			 (SVG_CHART_H - SVG_CHART_BOTTOM - t28->y) - 0.4) < 0.005);
	/* The span is not drawn; neither is 2029 (no target, no value). */
	assert_null(strstr(out.buf, "data-period=\"2026-2030\""));
	assert_null(strstr(out.buf, "data-period=\"2029\""));
	/* Axis labels: the years. */
	assert_non_null(strstr(out.buf, ">2027</text>"));
	xmlFreeDoc(p.doc);
	sb_release(&out);
}

static void without_baseline_or_data(void **state)
{
	struct indicator ind = { .name = (char *)"A&B", .id = 3 };
	struct plan pl = { .id = 1 };
	struct indicator_period_row rows[1];
	struct indicator_row r = { .plan = &pl, .ind = &ind, .by_period = rows, .nby_period = 1 };
	struct parsed p;
	struct sb out = SB_INIT;

	/* One point only: in the middle, well-formed. */
	row_at(&rows[0], "2026-H1", true, 10, true, 12);
	report_indicator_svg(&r, &labels, &out);
	parse(out.buf, &p);
	assert_string_equal(p.title, "A&B");
	assert_int_equal(count(&p, "baseline"), 0);
	assert_int_equal(count(&p, "target"), 1);
	assert_int_equal(count(&p, "actual"), 1);
	assert_true(fabs(find(&p, "target", "2026-H1")->x -
			 (SVG_CHART_LEFT + (SVG_CHART_W - SVG_CHART_LEFT - SVG_CHART_RIGHT) / 2.0)) <
		    0.2);
	assert_true(find(&p, "actual", "2026-H1")->y < find(&p, "target", "2026-H1")->y);
	xmlFreeDoc(p.doc);
	sb_reset(&out);

	/* Nothing at all: still a valid chart that says so. */
	r.nby_period = 0;
	report_indicator_svg(&r, &labels, &out);
	parse(out.buf, &p);
	assert_int_equal(p.n, 0);
	assert_string_equal(p.desc, "Không có số liệu");
	xmlFreeDoc(p.doc);
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(points_in_place),
		cmocka_unit_test(without_baseline_or_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
