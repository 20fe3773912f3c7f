/*
 * xlsx.c - the XLSX reader: an Excel workbook (Office Open XML, read through
 * the safe ZIP and XML layers of zip.h and xml.h) into the document model.
 *
 * The workbook part lists the sheets in order; its relationships name each
 * sheet's part, the shared strings and the styles. Every visible worksheet
 * becomes, in order: the title rows above its table as paragraphs, one table
 * block (table->sheet = the sheet's name, merges_known = true), and the
 * notes below the table as paragraphs. Row numbers are the blocks' lines.
 *
 * Cells keep their column (B5 is column 2); empty cells fill the gaps so the
 * columns align with the header. Merged ranges become the document model's
 * merges: the top-left cell gets rowspan (counted in rows kept, since empty
 * rows are left out) and colspan, the cells below it covered = true with
 * empty text. Cells to the right of the top-left in its own row are plain
 * empty cells, not covered: the table pass would otherwise take the value
 * above for them. A merge whose top-left cell is empty covers nothing (its
 * cells are plain empty cells), since nothing was written there to carry
 * down. Values Excel hides under a merge are dropped, as Excel shows them;
 * a merge that would hide more than a few (a range over a whole table) is
 * refused, since reading on without them would store half a plan.
 *
 * Values are written the way a Vietnamese official reads them, but as values,
 * not locale strings: integers in plain digits with no grouping ("155000"
 * stays "155000"), decimals with the Vietnamese decimal comma ("14,97": the
 * number parser reads "1.234" as 1234 and "1,234" as 1.234), shown with at
 * least as many decimals as the cell's format asks for and never fewer than
 * the value needs (a format's rounding would lose the planned figure);
 * percentages as the percent figure with its sign ("14,97%"); dates as
 * dd/mm/yyyy, times as HH:MM; booleans as TRUE and FALSE; formulas by their
 * cached value; error values (#N/A) as empty cells.
 *
 * A line break inside a cell (Alt+Enter: a raw newline, or "_x000D_") is a
 * space in the cell's text and a break in its lines (doc_cell.lines), which
 * the table pass reads in the columns that list bodies.
 *
 * Bold comes from the cell's font (styles: cellXfs -> fontId -> <b/>) or,
 * for rich text, from its runs: a cell is bold when every run with text is.
 * Hidden sheets and sheets that are not worksheets (charts) are skipped.
 *
 * Every size is bounded by struct doc_limits: only cells that exist are
 * materialised (a sheet claiming A1:XFD1048576 costs nothing), the grid of a
 * table is capped at max_cells, and merge expansion works inside that grid
 * within a fixed budget. A broken workbook fails as a whole with a message
 * naming the file and the part.
 */
#include "base/compat.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "ingest/xml.h"
#include "ingest/zip.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>

#define MAX_ROW 1048576u
/* Values a merge may hide (LibreOffice can keep a few under a merged title);
 * a merge hiding more would silently drop a table. */
#define MAX_HIDDEN 16
#define MAX_COL 16384u

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

/* ---------------------------------------------------------------- model */

enum fmt_kind { F_GENERAL, F_FIXED, F_PERCENT, F_DATE, F_DATETIME, F_TIME, F_TEXT };

struct numfmt {
	enum fmt_kind kind;
	int decimals;
	bool seconds;
};

struct xf {
	bool bold, italic;
	struct numfmt fmt;
};

struct font {
	bool bold, italic;
};

/* A shared string and what its runs say about bold. */
struct sstr {
	char *text;
	char *lines; /* doc_cell_lines(): NULL for one line */
	bool styled_plain; /* a run with its own font and text is not bold */
	bool unstyled; /* text in the cell's font (no run properties) */
	bool italic;
};

struct sheet_ref {
	char *name;
	char *part;
};

struct xcell {
	uint32_t row, col;
	size_t seq;
	char *text; /* cleaned, never empty */
	char *lines; /* the text's lines when it has several, else NULL */
	bool bold, italic;
};

struct merge {
	uint32_t r1, c1, r2, c2;
};

enum gstate { G_FREE, G_ANCHOR, G_COVERED, G_HCOVERED, G_BLANK };

struct gcell {
	const char *text; /* borrowed from an xcell; NULL when empty */
	const char *lines; /* borrowed from an xcell; NULL for one line */
	bool bold, italic;
	unsigned char state;
	uint32_t colspan; /* anchor */
	uint32_t end; /* anchor: grid row of the merge's last row */
	uint32_t anchor; /* covered: grid row of the anchor */
};

struct xlsx {
	const char *path;
	const struct doc_limits *lim;
	struct sb *err;
	struct zip_safe *z;
	struct doc *d;
	bool date1904;
	VEC(struct sstr) ss;
	VEC(struct xf) xfs;
	VEC(struct sheet_ref) sheets;
	char *ss_part, *styles_part;
	bool failed;
};

/* ---------------------------------------------------------------- helpers */

static bool attr_true(const char *v)
{
	return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* xml_attr's string lives in a per-call buffer: copy it into buf. */
static const char *attr_copy(xmlNodePtr n, const char *ns, const char *name, char *buf,
			     size_t size)
{
	const char *v = xml_attr(n, ns, name);

	if (!v)
		return NULL;
	snprintf(buf, size, "%s", v);
	return buf;
}

static bool is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xml_is(n, NULL, name);
}

/* Reads a decimal count made of digits only; -1 when it is not one. */
static long parse_index(const char *s)
{
	char *end;
	long v;

	if (!s || !isdigit((unsigned char)*s) || strlen(s) > 9)
		return -1;
	v = strtol(s, &end, 10);
	return *end ? -1 : v;
}

static bool hexval(char c, unsigned *v)
{
	if (c >= '0' && c <= '9')
		*v = (unsigned)(c - '0');
	else if (c >= 'a' && c <= 'f')
		*v = (unsigned)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		*v = (unsigned)(c - 'A' + 10);
	else
		return false;
	return true;
}

static void add_utf8(struct sb *out, unsigned cp)
{
	char b[4];

	if (cp < 0x80) {
		sb_addc(out, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		sb_add(out, b, 2);
	} else {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		sb_add(out, b, 3);
	}
}

/*
 * Excel escapes characters XML cannot hold as "_xHHHH_" (a line break in a
 * cell is "_x000D_"). Control characters become spaces; a lone surrogate
 * becomes U+FFFD.
 */
static void unescape_xstring(struct sb *out, const char *s, size_t len)
{
	size_t i = 0, k;
	unsigned cp, h;

	while (i < len) {
		if (s[i] == '_' && i + 7 <= len && s[i + 1] == 'x' && s[i + 6] == '_') {
			for (cp = 0, k = 2; k < 6 && hexval(s[i + k], &h); k++)
				cp = cp * 16 + h;
			if (k == 6) {
				if (cp == 0x0A || cp == 0x0D)
					sb_addc(out, '\n'); /* a line break: doc_cell.lines */
				else if (cp < 0x20)
					sb_addc(out, ' ');
				else if (cp >= 0xD800 && cp <= 0xDFFF)
					sb_adds(out, "\xEF\xBF\xBD");
				else
					add_utf8(out, cp);
				i += 7;
				continue;
			}
		}
		sb_addc(out, s[i]);
		i++;
	}
}

/* Text as every reader must give it (doc_clean_text), after Excel's escapes. */
static char *clean_text(const char *s, size_t len, bool *bold, bool *italic)
{
	struct sb un = SB_INIT, out = SB_INIT;
	bool b = false, i = false;

	unescape_xstring(&un, s, len);
	doc_clean_text(&out, un.buf, un.len, &b, &i);
	sb_release(&un);
	if (bold)
		*bold = b;
	if (italic)
		*italic = i;
	return sb_detach(&out);
}

/* The lines of a cell's text when a line break (Alt+Enter) split it. */
static char *clean_lines(const char *s, size_t len)
{
	struct sb un = SB_INIT;
	char *lines;

	if (!memchr(s, '\n', len) && !memchr(s, '\r', len) && !memchr(s, '_', len))
		return NULL;
	unescape_xstring(&un, s, len);
	lines = un.len ? doc_cell_lines(un.buf, un.len) : NULL;
	sb_release(&un);
	return lines;
}

/* "A1" -> row 1, column 1. False when ref is no cell reference in range. */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
	uint32_t c = 0, r = 0;
	size_t n = 0;

	while (*s >= 'A' && *s <= 'Z' && n < 3) {
		c = c * 26 + (uint32_t)(*s - 'A' + 1);
		s++;
		n++;
	}
	if (!n || !isdigit((unsigned char)*s) || *s == '0')
		return false;
	for (n = 0; isdigit((unsigned char)*s) && n < 8; s++, n++)
		r = r * 10 + (uint32_t)(*s - '0');
	if (*s || c > MAX_COL || r > MAX_ROW)
		return false;
	*row = r;
	*col = c;
	return true;
}

static void fail(struct xlsx *x, const char *part, const char *fmt, ...) ATTR_PRINTF(3, 4);

static void fail(struct xlsx *x, const char *part, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return; /* the first reason is the one to show */
	x->failed = true;
	sb_addf(x->err, "%s: %s: ", x->path, part);
	va_start(ap, fmt);
	sb_vaddf(x->err, fmt, ap);
	va_end(ap);
}

static xmlDocPtr load_part(struct xlsx *x, const char *part)
{
	xmlDocPtr doc = xml_safe_parse_entry(x->z, x->path, part, x->lim, x->err);

	if (!doc)
		x->failed = true;
	return doc;
}

/*
 * A relationship target resolved against the folder of the part that holds
 * it ("worksheets/sheet1.xml" from xl/ -> "xl/worksheets/sheet1.xml"; an
 * absolute "/xl/..." from the root). NULL when it climbs out of the archive.
 */
static char *resolve_target(const char *dir, const char *target)
{
	struct sb out = SB_INIT, in = SB_INIT;
	const char *s, *e;
	size_t cut;

	if (target[0] != '/')
		sb_adds(&in, dir);
	sb_adds(&in, target);
	for (s = in.buf; *s; s = *e ? e + 1 : e) {
		e = strchr(s, '/');
		if (!e)
			e = s + strlen(s);
		if (e == s || (e - s == 1 && s[0] == '.'))
			continue;
		if (e - s == 2 && s[0] == '.' && s[1] == '.') {
			if (!out.len) {
				sb_release(&out);
				sb_release(&in);
				return NULL;
			}
			cut = out.len;
			while (cut && out.buf[cut - 1] != '/')
				cut--;
			sb_setlen(&out, cut ? cut - 1 : 0);
			continue;
		}
		if (out.len)
			sb_addc(&out, '/');
		sb_add(&out, s, (size_t)(e - s));
	}
	sb_release(&in);
	return sb_detach(&out);
}

/* ---------------------------------------------------------------- numbers */

/* Builtin number formats of SpreadsheetML (ECMA-376 18.8.30). */
static struct numfmt builtin_fmt(long id)
{
	struct numfmt f = { F_GENERAL, 0, false };

	switch (id) {
	case 1: case 3: case 37: case 38:
		f.kind = F_FIXED;
		break;
	case 2: case 4: case 39: case 40:
		f.kind = F_FIXED;
		f.decimals = 2;
		break;
	case 9:
		f.kind = F_PERCENT;
		break;
	case 10:
		f.kind = F_PERCENT;
		f.decimals = 2;
		break;
	case 14: case 15: case 16: case 17:
	case 27: case 28: case 29: case 30: case 31: case 34: case 35: case 36:
	case 50: case 51: case 52: case 53: case 54: case 57: case 58:
		f.kind = F_DATE;
		break;
	case 22:
		f.kind = F_DATETIME;
		break;
	case 18: case 20: case 32: case 33: case 45: case 47:
		f.kind = F_TIME;
		break;
	case 19: case 21: case 46:
		f.kind = F_TIME;
		f.seconds = true;
		break;
	case 49:
		f.kind = F_TEXT;
		break;
	default:
		break;
	}
	return f;
}

/*
 * What a custom format code shows, from its first section: date and time
 * letters outside quotes, escapes and brackets (colours, locales) make a
 * date or a time; "%" a percentage; digit places after the point the
 * decimals.
 */
static struct numfmt classify_fmt(const char *code)
{
	struct numfmt f = { F_GENERAL, 0, false };
	bool date = false, hour = false, sec = false, month = false, pct = false, digits = false;
	bool point = false;
	int dec = 0;
	const char *s;

	if (strcmp(code, "@") == 0)
		return (struct numfmt){ F_TEXT, 0, false };
	for (s = code; *s && *s != ';'; s++) {
		char c = (char)tolower((unsigned char)*s);

		if (*s == '"') {
			while (s[1] && s[1] != '"')
				s++;
			if (s[1])
				s++;
			continue;
		}
		if (*s == '\\' || *s == '_' || *s == '*') {
			if (s[1])
				s++;
			continue;
		}
		if (*s == '[') {
			/* [h], [mm], [ss]: elapsed time; anything else a
			 * colour or a locale. */
			const char *e = strchr(s, ']');

			if (!e)
				break;
			if (e > s + 1 && strchr("hms", tolower((unsigned char)s[1])))
				hour = true;
			s = e;
			continue;
		}
		if (c == 'y' || c == 'd')
			date = true;
		else if (c == 'h')
			hour = true;
		else if (c == 's')
			sec = true;
		else if (c == 'm')
			month = true;
		else if (c == '%')
			pct = true;
		else if (c == '.')
			point = true;
		else if (c == '0' || c == '#' || c == '?') {
			digits = true;
			if (point)
				dec++;
		} else if (c == 'e' && (s[1] == '+' || s[1] == '-'))
			break; /* scientific: shown as a plain number */
	}
	if (date)
		f.kind = hour ? F_DATETIME : F_DATE;
	else if (hour || sec)
		f.kind = F_TIME;
	else if (month && !digits)
		f.kind = F_DATE;
	else if (pct)
		f.kind = F_PERCENT;
	else if (digits)
		f.kind = F_FIXED;
	f.decimals = dec > 15 ? 15 : dec;
	f.seconds = sec;
	return f;
}

/* True when s is a plain decimal number as SpreadsheetML writes one. */
static bool is_number_text(const char *s)
{
	bool digit = false;

	if (*s == '-' || *s == '+')
		s++;
	for (; isdigit((unsigned char)*s); s++)
		digit = true;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			digit = true;
	if (!digit)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

/* Digits after the point that v needs at 15 significant digits, Excel's
 * precision (so 14.970000000000001 needs 2). */
static int needed_decimals(double v)
{
	char buf[64], *p, *e;
	int n;

	snprintf(buf, sizeof(buf), "%.14e", fabs(v));
	p = strchr(buf, 'e');
	if (!p)
		return 0;
	n = (int)strtol(p + 1, NULL, 10);
	/* Significant digits after the first, without trailing zeros. */
	e = p;
	while (e > buf + 2 && e[-1] == '0')
		e--;
	n = (int)(e - (buf + 2)) - n;
	if (n < 0)
		n = 0;
	return n > 15 ? 15 : n;
}

/* v with dec decimals, '.' -> ',' (the Vietnamese decimal mark). */
static void add_decimal(struct sb *out, double v, int dec)
{
	char buf[400];
	char *p;

	if (fabs(v) >= 1e300)
		dec = 0;
	snprintf(buf, sizeof(buf), "%.*f", dec, v);
	if (strcmp(buf, "-0") == 0 || (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)))
		memmove(buf, buf + 1, strlen(buf));
	if ((p = strchr(buf, '.')))
		*p = ',';
	sb_adds(out, buf);
}

static void days_to_civil(long z, long *y, unsigned *m, unsigned *d)
{
	/* Howard Hinnant's civil_from_days; z counts days from 1970-01-01. */
	long era, yoe, doy, mp;
	long doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	if (*m <= 2)
		(*y)++;
}

/*
 * An Excel serial date as dd/mm/yyyy (with HH:MM when the format shows the
 * time). Serial 1 is 1900-01-01; Excel counts a 29/02/1900 that never was,
 * so serials from 61 on are one day ahead. The 1904 system starts at
 * 1904-01-01. False when the serial is no date Excel can show.
 */
static bool add_date(struct sb *out, double v, const struct numfmt *f, bool date1904)
{
	double day = floor(v);
	long serial, y;
	unsigned m, d, secs;

	if (!(v >= 0 && v < 2958466.0))
		return false;
	secs = (unsigned)lround((v - day) * 86400.0);
	if (secs >= 86400) {
		secs = 0;
		day += 1;
	}
	serial = (long)day + (date1904 ? 1462 : 0);
	if (f->kind != F_TIME) {
		if (serial == 60) {
			sb_adds(out, "29/02/1900");
			goto time;
		} else if (serial > 60) {
			serial--;
		}
		if (serial < 1)
			return false;
		/* Serial 1 = 1900-01-01 = day -25567 from 1970-01-01. */
		days_to_civil(serial - 25568, &y, &m, &d);
		sb_addf(out, "%02u/%02u/%04ld", d, m, y);
	}
time:
	if (f->kind == F_TIME || f->kind == F_DATETIME) {
		if (out->len && f->kind == F_DATETIME)
			sb_addc(out, ' ');
		sb_addf(out, "%02u:%02u", secs / 3600, secs / 60 % 60);
		if (f->seconds)
			sb_addf(out, ":%02u", secs % 60);
	}
	return true;
}

/* A numeric cell's value the way the official reads it (see the top). */
static void render_number(struct xlsx *x, struct sb *out, const char *v, const struct numfmt *f)
{
	double n;
	int dec;

	if (!is_number_text(v)) {
		sb_adds(out, v);
		return;
	}
	n = strtod(v, NULL);
	if (!isfinite(n)) {
		sb_adds(out, v);
		return;
	}
	switch (f->kind) {
	case F_DATE:
	case F_DATETIME:
	case F_TIME:
		if (add_date(out, n, f, x->date1904))
			return;
		break;
	case F_PERCENT:
		n *= 100;
		dec = needed_decimals(n);
		add_decimal(out, n, dec > f->decimals ? dec : f->decimals);
		sb_addc(out, '%');
		return;
	default:
		break;
	}
	dec = needed_decimals(n);
	if (f->kind == F_FIXED && f->decimals > dec)
		dec = f->decimals;
	add_decimal(out, n, dec);
}

/* ISO 8601 date of a t="d" cell -> dd/mm/yyyy; other text kept. */
static void render_iso_date(struct sb *out, const char *v)
{
	unsigned y, m, d;
	int n = 0;

	if (sscanf(v, "%4u-%2u-%2u%n", &y, &m, &d, &n) == 3 && n == 10 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= 31)
		sb_addf(out, "%02u/%02u/%04u", d, m, y);
	else
		sb_adds(out, v);
}

/* ---------------------------------------------------------------- parts */

/* The relationships of xl/workbook.xml: sheets by r:id, shared strings and
 * styles by type. */
struct rel {
	char *id, *type, *target;
};

struct rels {
	VEC(struct rel) list;
};

static void rels_release(struct rels *rels)
{
	size_t i;

	for (i = 0; i < rels->list.n; i++) {
		free(rels->list.v[i].id);
		free(rels->list.v[i].type);
		free(rels->list.v[i].target);
	}
	free(rels->list.v);
}

static int cmp_rel(const void *a, const void *b)
{
	return strcmp(((const struct rel *)a)->id, ((const struct rel *)b)->id);
}

static bool type_is(const char *type, const char *suffix)
{
	size_t n = strlen(type), k = strlen(suffix);

	return n >= k && strcmp(type + n - k, suffix) == 0;
}

static int read_workbook(struct xlsx *x)
{
	const char *wb = "xl/workbook.xml", *relpart = "xl/_rels/workbook.xml.rels";
	xmlDocPtr doc = NULL, rdoc = NULL;
	xmlNodePtr root, n, sheets;
	struct rels all = { 0 };
	char id[256], name[256], state[32], buf[1024];
	int rc = -1;

	if (!(doc = load_part(x, wb)))
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!is_elem(root, "workbook")) {
		fail(x, wb, "not a workbook part");
		goto out;
	}
	if ((n = xml_child(root, NULL, "workbookPr")) &&
	    attr_copy(n, NULL, "date1904", buf, sizeof(buf)))
		x->date1904 = attr_true(buf);
	if (!zip_safe_has(x->z, relpart)) {
		fail(x, relpart, "missing: the workbook does not say where its sheets are");
		goto out;
	}
	if (!(rdoc = load_part(x, relpart)))
		goto out;
	for (n = xmlDocGetRootElement(rdoc) ? xmlDocGetRootElement(rdoc)->children : NULL; n;
	     n = n->next) {
		struct rel *r;

		if (!is_elem(n, "Relationship"))
			continue;
		if (attr_copy(n, NULL, "TargetMode", buf, sizeof(buf)) &&
		    strcmp(buf, "External") == 0)
			continue;
		if (all.list.n >= x->lim->max_entries + 16) {
			fail(x, relpart, "more relationships than the archive has entries");
			goto out;
		}
		r = VEC_PUSH(&all.list);
		r->id = xstrdup(attr_copy(n, NULL, "Id", buf, sizeof(buf)));
		r->type = xstrdup(attr_copy(n, NULL, "Type", buf, sizeof(buf)));
		if (attr_copy(n, NULL, "Target", buf, sizeof(buf)))
			r->target = resolve_target("xl/", buf);
		if (!r->id || !r->type || !r->target) {
			fail(x, relpart,
			     "a relationship without Id, Type or a Target inside the archive");
			goto out;
		}
		if (type_is(r->type, "/sharedStrings") && !x->ss_part)
			x->ss_part = xstrdup(r->target);
		else if (type_is(r->type, "/styles") && !x->styles_part)
			x->styles_part = xstrdup(r->target);
	}
	/* Sorted by Id, so that many sheets cost no quadratic lookup. */
	if (all.list.n)
		qsort(all.list.v, all.list.n, sizeof(*all.list.v), cmp_rel);
	sheets = xml_child(root, NULL, "sheets");
	for (n = sheets ? sheets->children : NULL; n; n = n->next) {
		struct sheet_ref *s;
		struct rel key = { 0 }, *r;
		const char *rid;

		if (!is_elem(n, "sheet"))
			continue;
		if (!attr_copy(n, NULL, "name", name, sizeof(name)))
			snprintf(name, sizeof(name), "Sheet%zu", x->sheets.n + 1);
		if (attr_copy(n, NULL, "state", state, sizeof(state)) &&
		    strcmp(state, "visible") != 0)
			continue; /* hidden and veryHidden: lookup lists, not the plan */
		rid = attr_copy(n, NS_REL, "id", id, sizeof(id));
		if (!rid)
			rid = attr_copy(n, NS_REL_STRICT, "id", id, sizeof(id));
		if (!rid) {
			fail(x, wb, "sheet \"%s\" has no r:id", name);
			goto out;
		}
		key.id = id;
		r = all.list.n ? bsearch(&key, all.list.v, all.list.n, sizeof(key), cmp_rel) : NULL;
		if (!r) {
			fail(x, relpart, "no relationship %s for sheet \"%s\"", rid, name);
			goto out;
		}
		if (!type_is(r->type, "/worksheet"))
			continue; /* a chart sheet or a dialog: no cells */
		if (x->sheets.n >= x->lim->max_entries) {
			fail(x, wb, "more sheets than the archive has entries");
			goto out;
		}
		s = VEC_PUSH(&x->sheets);
		s->name = clean_text(name, strlen(name), NULL, NULL);
		if (!*s->name) {
			free(s->name);
			s->name = xstrdup("Sheet");
		}
		s->part = xstrdup(r->target);
	}
	rc = 0;
out:
	rels_release(&all);
	if (doc)
		xmlFreeDoc(doc);
	if (rdoc)
		xmlFreeDoc(rdoc);
	return rc;
}

static bool font_flag(xmlNodePtr rpr, const char *name)
{
	xmlNodePtr n = rpr ? xml_child(rpr, NULL, name) : NULL;

	return n && attr_true(xml_attr(n, NULL, "val"));
}

static int read_styles(struct xlsx *x)
{
	const char *part = x->styles_part ? x->styles_part : "xl/styles.xml";
	xmlDocPtr doc;
	xmlNodePtr root, n, sec;
	VEC(struct font) fonts = { 0 };
	VEC(struct { long id; struct numfmt f; }) fmts = { 0 };
	char buf[1024];
	size_t i;

	if (!zip_safe_has(x->z, part))
		return 0; /* no styles: every cell in the default font, General */
	if (!(doc = load_part(x, part)))
		return -1;
	root = xmlDocGetRootElement(doc);
	sec = root ? xml_child(root, NULL, "numFmts") : NULL;
	/* Excel allows about 250 custom formats; the cap keeps the lookup
	 * below (formats x cell styles) small. */
	for (n = sec ? sec->children : NULL; n && fmts.n < 1024; n = n->next) {
		long id;

		if (!is_elem(n, "numFmt"))
			continue;
		id = parse_index(attr_copy(n, NULL, "numFmtId", buf, sizeof(buf)));
		if (id < 0 || !attr_copy(n, NULL, "formatCode", buf, sizeof(buf)))
			continue;
		VEC_PUSH(&fmts);
		fmts.v[fmts.n - 1].id = id;
		fmts.v[fmts.n - 1].f = classify_fmt(buf);
	}
	sec = root ? xml_child(root, NULL, "fonts") : NULL;
	for (n = sec ? sec->children : NULL; n && fonts.n < 65536; n = n->next) {
		struct font *f;

		if (!is_elem(n, "font"))
			continue;
		f = VEC_PUSH(&fonts);
		f->bold = font_flag(n, "b");
		f->italic = font_flag(n, "i");
	}
	sec = root ? xml_child(root, NULL, "cellXfs") : NULL;
	for (n = sec ? sec->children : NULL; n && x->xfs.n < 65536; n = n->next) {
		struct xf *xf;
		long font, fmt;

		if (!is_elem(n, "xf"))
			continue;
		xf = VEC_PUSH(&x->xfs);
		font = parse_index(attr_copy(n, NULL, "fontId", buf, sizeof(buf)));
		fmt = parse_index(attr_copy(n, NULL, "numFmtId", buf, sizeof(buf)));
		if (font >= 0 && (size_t)font < fonts.n) {
			xf->bold = fonts.v[font].bold;
			xf->italic = fonts.v[font].italic;
		}
		xf->fmt = builtin_fmt(fmt);
		for (i = 0; i < fmts.n; i++)
			if (fmts.v[i].id == fmt)
				xf->fmt = fmts.v[i].f;
	}
	free(fonts.v);
	free(fmts.v);
	xmlFreeDoc(doc);
	return 0;
}

/*
 * The text of a shared or inline string (<t>, or runs <r><rPr/><t/></r>;
 * phonetic runs <rPh> are not shown) and what its runs say about bold.
 */
static void read_rich(xmlNodePtr si, struct sb *raw, struct sstr *info)
{
	xmlNodePtr n, t;
	size_t before;

	for (n = si->children; n; n = n->next) {
		if (is_elem(n, "t")) {
			before = raw->len;
			xml_text(n, raw);
			if (raw->len > before &&
			    strspn(raw->buf + before, " \t\r\n") < raw->len - before)
				info->unstyled = true;
		} else if (is_elem(n, "r")) {
			xmlNodePtr rpr = xml_child(n, NULL, "rPr");

			before = raw->len;
			for (t = n->children; t; t = t->next)
				if (is_elem(t, "t"))
					xml_text(t, raw);
			if (raw->len == before ||
			    strspn(raw->buf + before, " \t\r\n") == raw->len - before)
				continue;
			if (!rpr)
				info->unstyled = true;
			else if (!font_flag(rpr, "b"))
				info->styled_plain = true;
			if (rpr && font_flag(rpr, "i"))
				info->italic = true;
		}
	}
}

static int read_shared_strings(struct xlsx *x)
{
	const char *part = x->ss_part ? x->ss_part : "xl/sharedStrings.xml";
	xmlDocPtr doc;
	xmlNodePtr root, n;
	struct sb raw = SB_INIT;

	if (!zip_safe_has(x->z, part))
		return 0; /* a workbook of numbers; a t="s" cell will say so */
	if (!(doc = load_part(x, part)))
		return -1;
	root = xmlDocGetRootElement(doc);
	for (n = root ? root->children : NULL; n; n = n->next) {
		struct sstr *s;
		bool mark = false;

		if (!is_elem(n, "si"))
			continue;
		s = VEC_PUSH(&x->ss);
		sb_reset(&raw);
		read_rich(n, &raw, s);
		s->text = clean_text(raw.buf, raw.len, &mark, NULL);
		s->lines = clean_lines(raw.buf, raw.len);
		if (mark) /* "<b>…</b>" typed into the cell */
			s->styled_plain = false, s->unstyled = false;
	}
	sb_release(&raw);
	xmlFreeDoc(doc);
	return 0;
}

/* ---------------------------------------------------------------- one sheet */

struct sheet {
	const char *name, *part;
	VEC(struct xcell) cells;
	VEC(struct merge) merges;
	/* The grid: one row per distinct row number holding a cell. */
	uint32_t *rows; /* row numbers, ascending */
	size_t nrows, ncols;
	struct gcell *grid; /* nrows * ncols */
	bool *kept;
};

static void sheet_release(struct sheet *s)
{
	size_t i;

	for (i = 0; i < s->cells.n; i++) {
		free(s->cells.v[i].text);
		free(s->cells.v[i].lines);
	}
	free(s->cells.v);
	free(s->merges.v);
	free(s->rows);
	free(s->grid);
	free(s->kept);
}

static const struct xf *style_of(struct xlsx *x, xmlNodePtr c)
{
	static const struct xf none = { false, false, { F_GENERAL, 0, false } };
	char buf[32];
	long s = parse_index(attr_copy(c, NULL, "s", buf, sizeof(buf)));

	if (s >= 0 && (size_t)s < x->xfs.n)
		return &x->xfs.v[s];
	if (x->xfs.n)
		return &x->xfs.v[0];
	return &none;
}

/* "A1" name for messages. */
static void ref_name(char *buf, size_t size, uint32_t row, uint32_t col)
{
	char letters[4];
	int n = 0, i;

	while (col && n < 3) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char tmp = letters[i];

		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = tmp;
	}
	letters[n] = '\0';
	snprintf(buf, size, "%s%u", letters, row);
}

/* The cell's shown text into out; *bold and *italic from its runs or font. */
static int cell_value(struct xlsx *x, struct sheet *sh, xmlNodePtr c, uint32_t row,
		      uint32_t col, struct sb *out, bool *bold, bool *italic,
		      const struct sstr **shared)
{
	const struct xf *xf = style_of(x, c);
	xmlNodePtr v = xml_child(c, NULL, "v"), is;
	struct sb raw = SB_INIT;
	char t[32];
	long idx;
	int rc = 0;

	*bold = xf->bold;
	*italic = xf->italic;
	if (!attr_copy(c, NULL, "t", t, sizeof(t)))
		snprintf(t, sizeof(t), "n");
	if (strcmp(t, "inlineStr") == 0) {
		struct sstr info = { 0 };

		if ((is = xml_child(c, NULL, "is"))) {
			read_rich(is, out, &info);
			*bold = !info.styled_plain && (!info.unstyled || xf->bold);
			*italic = info.italic || xf->italic;
		}
		return 0;
	}
	if (!v)
		return 0; /* a styled empty cell, or a formula never computed */
	xml_text(v, &raw);
	if (strcmp(t, "s") == 0) {
		const struct sstr *s;

		idx = parse_index(raw.buf);
		if (idx < 0 || (size_t)idx >= x->ss.n) {
			char where[32];

			ref_name(where, sizeof(where), row, col);
			fail(x, sh->part,
			     "cell %s of sheet \"%s\" refers to shared string \"%.20s\", "
			     "but the workbook has %zu shared strings%s",
			     where, sh->name, raw.buf, x->ss.n,
			     x->ss.n ? "" : " (no shared strings part)");
			rc = -1;
			goto out;
		}
		s = &x->ss.v[idx];
		sb_adds(out, s->text);
		*shared = s;
		*bold = !s->styled_plain && (!s->unstyled || xf->bold);
		*italic = s->italic || xf->italic;
	} else if (strcmp(t, "str") == 0) {
		sb_add(out, raw.buf, raw.len);
	} else if (strcmp(t, "b") == 0) {
		sb_adds(out, strcmp(raw.buf, "0") == 0 ? "FALSE" : "TRUE");
	} else if (strcmp(t, "e") == 0) {
		/* #N/A, #REF!: nothing an official would read as a value. */
	} else if (strcmp(t, "d") == 0) {
		render_iso_date(out, raw.buf);
	} else if (strcmp(t, "n") == 0) {
		if (xf->fmt.kind == F_TEXT)
			sb_add(out, raw.buf, raw.len);
		else
			render_number(x, out, raw.buf, &xf->fmt);
	} else {
		sb_add(out, raw.buf, raw.len);
	}
out:
	sb_release(&raw);
	return rc;
}

/* One <row> of sheetData; *row is the previous row's number (rows without
 * r="" follow it). */
static int read_row(struct xlsx *x, struct sheet *sh, xmlNodePtr r, uint32_t *row,
		    struct sb *text)
{
	xmlNodePtr c;
	uint32_t col;
	char buf[64];

	if (attr_copy(r, NULL, "r", buf, sizeof(buf))) {
		long v = parse_index(buf);

		if (v < 1 || v > (long)MAX_ROW) {
			fail(x, sh->part, "row number \"%.20s\" is out of range", buf);
			return -1;
		}
		*row = (uint32_t)v;
	} else if (++*row > MAX_ROW) {
		fail(x, sh->part, "more than %u rows", MAX_ROW);
		return -1;
	}
	col = 0;
	for (c = r->children; c; c = c->next) {
		struct xcell *xc;
		uint32_t crow = *row;
		bool bold, italic, mark;
		const struct sstr *shared;
		char *clean;

		if (!is_elem(c, "c"))
			continue;
		if (attr_copy(c, NULL, "r", buf, sizeof(buf))) {
			if (!parse_ref(buf, &crow, &col)) {
				fail(x, sh->part, "cell reference \"%.20s\" is not valid", buf);
				return -1;
			}
		} else if (++col > MAX_COL) {
			fail(x, sh->part, "row %u has more than %u columns", *row, MAX_COL);
			return -1;
		}
		sb_reset(text);
		shared = NULL;
		if (cell_value(x, sh, c, crow, col, text, &bold, &italic, &shared) < 0)
			return -1;
		/* Shared strings were cleaned once, when read. */
		mark = false;
		clean = shared ? xstrdup(text->buf) : clean_text(text->buf, text->len, &mark, NULL);
		if (!*clean) {
			free(clean);
			continue;
		}
		if (sh->cells.n >= x->lim->max_cells) {
			free(clean);
			fail(x, sh->part,
			     "sheet \"%s\" has more than %zu cells with text (limit: DONDOC_MAX_CELLS)",
			     sh->name, x->lim->max_cells);
			return -1;
		}
		xc = VEC_PUSH(&sh->cells);
		xc->row = crow;
		xc->col = col;
		xc->seq = sh->cells.n;
		xc->text = clean;
		if (shared)
			xc->lines = shared->lines ? xstrdup(shared->lines) : NULL;
		else
			xc->lines = clean_lines(text->buf, text->len);
		xc->bold = bold || mark;
		xc->italic = italic;
	}
	return 0;
}

/* One <mergeCell ref="A1:C2"/>. */
static int read_merge(struct xlsx *x, struct sheet *sh, xmlNodePtr n)
{
	char buf[64], *colon;
	struct merge m;

	if (!attr_copy(n, NULL, "ref", buf, sizeof(buf)))
		return 0;
	colon = strchr(buf, ':');
	if (!colon)
		return 0; /* one cell merged with itself */
	*colon = '\0';
	if (!parse_ref(buf, &m.r1, &m.c1) || !parse_ref(colon + 1, &m.r2, &m.c2)) {
		*colon = ':';
		fail(x, sh->part, "merged range \"%.40s\" is not valid", buf);
		return -1;
	}
	if (m.r1 > m.r2) {
		uint32_t t = m.r1;

		m.r1 = m.r2;
		m.r2 = t;
	}
	if (m.c1 > m.c2) {
		uint32_t t = m.c1;

		m.c1 = m.c2;
		m.c2 = t;
	}
	if (m.r1 == m.r2 && m.c1 == m.c2)
		return 0;
	if (sh->merges.n >= x->lim->max_cells) {
		fail(x, sh->part, "sheet \"%s\" has more than %zu merged ranges", sh->name,
		     x->lim->max_cells);
		return -1;
	}
	*VEC_PUSH(&sh->merges) = m;
	return 0;
}

/* A sheet is read as it streams (xml_safe_parse_entry_each): each element
 * under the root's children (a row of sheetData, a mergeCell of mergeCells)
 * comes here complete and is freed after, so a sheet's size never becomes
 * a tree's size. */
struct sheet_stream {
	struct xlsx *x;
	struct sheet *sh;
	uint32_t row;
	struct sb text;
};

static int sheet_element(xmlNodePtr n, void *arg)
{
	struct sheet_stream *st = arg;
	xmlNodePtr up = n->parent;

	if (!up || !up->parent || up->parent->type != XML_ELEMENT_NODE ||
	    !is_elem(up->parent, "worksheet"))
		return 0; /* checked whole at the end */
	if (is_elem(up, "sheetData") && is_elem(n, "row"))
		return read_row(st->x, st->sh, n, &st->row, &st->text);
	if (is_elem(up, "mergeCells") && is_elem(n, "mergeCell"))
		return read_merge(st->x, st->sh, n);
	return 0;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct xcell *p = a, *q = b;

	if (p->row != q->row)
		return p->row < q->row ? -1 : 1;
	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* The first grid row whose number is >= r (nrows when none). */
static size_t row_at_least(const struct sheet *sh, uint32_t r)
{
	size_t lo = 0, hi = sh->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sh->rows[mid] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct gcell *at(struct sheet *sh, size_t r, size_t c)
{
	return &sh->grid[r * sh->ncols + c];
}

/* Lays the cells out in a grid of the rows that hold any. */
static int build_grid(struct xlsx *x, struct sheet *sh)
{
	size_t i, k, n = 0;

	qsort(sh->cells.v, sh->cells.n, sizeof(*sh->cells.v), cmp_cell);
	sh->rows = xcalloc(sh->cells.n + 1, sizeof(*sh->rows));
	for (i = 0; i < sh->cells.n; i++) {
		if (!n || sh->rows[n - 1] != sh->cells.v[i].row)
			sh->rows[n++] = sh->cells.v[i].row;
		if (sh->cells.v[i].col > sh->ncols)
			sh->ncols = sh->cells.v[i].col;
	}
	sh->nrows = n;
	if (n && sh->ncols > x->lim->max_cells / n) {
		fail(x, sh->part,
		     "the table of sheet \"%s\" spans %zu rows by %zu columns, over "
		     "the limit of %zu cells",
		     sh->name, n, sh->ncols, x->lim->max_cells);
		return -1;
	}
	sh->grid = xcalloc(n * sh->ncols + 1, sizeof(*sh->grid));
	sh->kept = xcalloc(n + 1, sizeof(*sh->kept));
	for (i = 0, k = 0; i < sh->cells.n; i++) {
		const struct xcell *c = &sh->cells.v[i];
		struct gcell *g;

		while (sh->rows[k] != c->row)
			k++;
		g = at(sh, k, c->col - 1);
		if (g->text)
			continue; /* the same cell twice: the first one stands */
		g->text = c->text;
		g->lines = c->lines;
		g->bold = c->bold;
		g->italic = c->italic;
	}
	return 0;
}

/* Cells with text a merge would hide (all but its top-left one). */
static size_t hidden_text(struct sheet *sh, size_t r1, size_t r2, size_t c1, size_t c2,
			  bool anchored)
{
	size_t r, c, n = 0;

	for (r = r1; r <= r2; r++)
		for (c = c1; c <= c2; c++)
			n += at(sh, r, c)->text != NULL;
	return n - (anchored ? 1 : 0);
}

/*
 * Applies the merged ranges inside the grid. Ranges that overlap one already
 * applied are dropped, as Excel drops them when it repairs a file. Work is
 * bounded: each range is checked and marked within the grid only, and the
 * cells visited in all stay under a budget, so no file of many huge
 * overlapping ranges can take quadratic time.
 */
static int apply_merges(struct xlsx *x, struct sheet *sh)
{
	size_t budget = 4 * sh->nrows * sh->ncols + 4 * sh->merges.n + 1024;
	size_t m, r, c, area;

	for (m = 0; m < sh->merges.n; m++) {
		const struct merge *mg = &sh->merges.v[m];
		size_t r1 = row_at_least(sh, mg->r1), r2, c1 = mg->c1 - 1, c2 = mg->c2 - 1;
		bool clash = false, anchored;
		struct gcell *a;

		if (r1 >= sh->nrows || sh->rows[r1] > mg->r2 || c1 >= sh->ncols)
			continue; /* nothing of it holds a cell */
		r2 = row_at_least(sh, mg->r2 + 1) - 1;
		if (c2 >= sh->ncols)
			c2 = sh->ncols - 1;
		for (r = r1; r <= r2 && !clash; r++)
			for (c = c1; c <= c2 && !clash; c++) {
				if (!budget--) {
					fail(x, sh->part,
					     "sheet \"%s\": merged ranges overlap beyond "
					     "the limit of the reader",
					     sh->name);
					return -1;
				}
				clash = at(sh, r, c)->state != G_FREE;
			}
		if (clash)
			continue;
		a = at(sh, r1, c1);
		anchored = sh->rows[r1] == mg->r1 && a->text;
		if (hidden_text(sh, r1, r2, c1, c2, anchored) > MAX_HIDDEN) {
			char from[32], to[32];

			ref_name(from, sizeof(from), mg->r1, mg->c1);
			ref_name(to, sizeof(to), mg->r2, mg->c2);
			fail(x, sh->part,
			     "sheet \"%s\": merged range %s:%s hides %zu cells with text; "
			     "Excel would show only its first cell, so the sheet is refused "
			     "rather than read without them",
			     sh->name, from, to, hidden_text(sh, r1, r2, c1, c2, anchored));
			return -1;
		}
		for (r = r1; r <= r2; r++)
			for (c = c1; c <= c2; c++) {
				struct gcell *g = at(sh, r, c);

				if (r == r1 && c == c1 && anchored)
					continue;
				g->text = NULL;
				g->lines = NULL;
				g->bold = g->italic = false;
				if (!anchored)
					g->state = G_BLANK;
				else if (r == r1)
					g->state = G_HCOVERED;
				else
					g->state = G_COVERED;
				g->anchor = (uint32_t)r1;
			}
		area = (r2 - r1 + 1) * (c2 - c1 + 1);
		budget = budget > area ? budget - area : 0;
		if (anchored) {
			a->state = G_ANCHOR;
			a->colspan = (uint32_t)(c2 - c1 + 1);
			a->end = (uint32_t)r2;
		}
	}
	return 0;
}

/* Cells with text in grid row r; *only gets the column of the last one. */
static size_t row_count(struct sheet *sh, size_t r, size_t *only)
{
	size_t c, n = 0;

	for (c = 0; c < sh->ncols; c++)
		if (at(sh, r, c)->text) {
			n++;
			*only = c;
		}
	return n;
}

static int check_blocks(struct xlsx *x, struct sheet *sh)
{
	if (x->lim->max_blocks && x->d->blocks.n >= x->lim->max_blocks) {
		x->failed = true;
		doc_limit_error(x->err, x->path, sh->part, x->lim->max_blocks, "đoạn văn và bảng",
				"blocks (paragraphs and tables)", "DONDOC_MAX_BLOCKS");
		return -1;
	}
	return 0;
}

/* Each cell with text of grid row r as a paragraph, left to right. */
static int emit_paras(struct xlsx *x, struct sheet *sh, size_t r)
{
	size_t c;

	for (c = 0; c < sh->ncols; c++) {
		struct gcell *g = at(sh, r, c);
		struct doc_block *b;

		if (!g->text)
			continue;
		if (check_blocks(x, sh) < 0)
			return -1;
		b = doc_add_para(x->d, g->text, strlen(g->text), (int)sh->rows[r]);
		b->end_line = (int)sh->rows[r];
		b->bold = b->bold || g->bold;
		b->italic = b->italic || g->italic;
	}
	return 0;
}

static int emit_table(struct xlsx *x, struct sheet *sh, size_t from, size_t to, size_t ncols)
{
	struct doc_block *b;
	struct doc_table *t;
	size_t r, c, k;

	if (check_blocks(x, sh) < 0)
		return -1;
	b = doc_add_table(x->d, (int)sh->rows[from]);
	t = b->table;
	t->merges_known = true;
	t->sheet = xstrdup(sh->name);
	for (r = from; r < to; r++) {
		struct doc_row *row;

		if (!sh->kept[r])
			continue;
		if (x->lim->max_rows && t->rows.n >= x->lim->max_rows) {
			x->failed = true;
			doc_limit_error(x->err, x->path, sh->part, x->lim->max_rows,
					"dòng trong một bảng", "rows in one table", "DONDOC_MAX_ROWS");
			return -1;
		}
		row = doc_table_add_row(t, (int)sh->rows[r]);
		b->end_line = (int)sh->rows[r];
		for (c = 0; c < ncols; c++) {
			struct gcell *g = at(sh, r, c);
			struct doc_cell *cell = VEC_PUSH(&row->cells);

			cell->text = xstrdup(g->text ? g->text : "");
			cell->lines = g->text && g->lines ? xstrdup(g->lines) : NULL;
			cell->bold = g->text && g->bold;
			cell->colspan = 1;
			cell->rowspan = 1;
			if (g->state == G_ANCHOR) {
				cell->colspan =
				    (int)(g->colspan < ncols - c ? g->colspan : ncols - c);
				for (k = r + 1; k <= g->end && k < to; k++)
					cell->rowspan += sh->kept[k];
			} else if (g->state == G_COVERED && g->anchor >= from) {
				cell->covered = true;
			}
		}
	}
	return 0;
}

/*
 * Splits the kept rows into title rows (paragraphs), the table, and notes
 * below it (paragraphs), then emits them.
 *
 * The table starts at the first row with at least three cells with text (two
 * when no row has more): the lines above it, a title merged over A1:H1 or
 * the two-column heading of an official document, are paragraphs, so the
 * header pass finds the title and the table pass finds the header in the
 * table's first rows. The table ends at the last row with two cells; a row
 * after it with one cell stays in the table (a continued task) unless an
 * empty row or a merge across columns sets it apart, and from there on every
 * row is a note.
 */
static int emit_sheet(struct xlsx *x, struct sheet *sh)
{
	size_t *count = xcalloc(sh->nrows + 1, sizeof(*count));
	size_t *only = xcalloc(sh->nrows + 1, sizeof(*only));
	size_t r, c, widest = 0, start = sh->nrows, end = 0, tail = sh->nrows, ncols = 0, prev;
	int rc = -1;

	for (r = 0; r < sh->nrows; r++) {
		count[r] = row_count(sh, r, &only[r]);
		sh->kept[r] = count[r] > 0;
		if (count[r] > widest)
			widest = count[r];
	}
	if (widest >= 2) {
		for (start = 0; count[start] < (widest >= 3 ? 3 : 2); start++)
			;
		for (r = start; r < sh->nrows; r++)
			if (count[r] >= 2)
				end = r;
		/* Rows after the last wide row: continuations, then notes. */
		for (prev = end, tail = end + 1; tail < sh->nrows; tail++) {
			const struct gcell *g = at(sh, tail, only[tail]);

			if (!sh->kept[tail])
				continue;
			if (sh->rows[tail] > sh->rows[prev] + 1 ||
			    (g->state == G_ANCHOR && g->colspan > 1))
				break;
			prev = tail;
		}
		/* The table's width: its last column with text. */
		for (r = start; r < tail; r++)
			for (c = sh->ncols; c > ncols; c--)
				if (at(sh, r, c - 1)->text) {
					ncols = c;
					break;
				}
	}
	for (r = 0; r < start; r++)
		if (sh->kept[r] && emit_paras(x, sh, r) < 0)
			goto out;
	if (start < sh->nrows && emit_table(x, sh, start, tail, ncols) < 0)
		goto out;
	for (r = tail; r < sh->nrows; r++)
		if (sh->kept[r] && emit_paras(x, sh, r) < 0)
			goto out;
	rc = 0;
out:
	free(count);
	free(only);
	return rc;
}

static int read_sheet(struct xlsx *x, const struct sheet_ref *ref)
{
	struct sheet sh = { .name = ref->name, .part = ref->part };
	struct sheet_stream st = { .x = x, .sh = &sh, .text = SB_INIT };
	xmlDocPtr doc = NULL;
	int rc = -1;

	if (!zip_safe_has(x->z, ref->part)) {
		fail(x, ref->part, "missing: the part of sheet \"%s\" is not in the archive",
		     ref->name);
		goto out;
	}
	doc = xml_safe_parse_entry_each(x->z, x->path, ref->part, x->lim, 2, sheet_element, &st,
					x->err);
	sb_release(&st.text);
	if (!doc) {
		x->failed = true;
		goto out;
	}
	if (!is_elem(xmlDocGetRootElement(doc), "worksheet")) {
		fail(x, ref->part, "sheet \"%s\" is not a worksheet", ref->name);
		goto out;
	}
	/* What is left of the tree is not needed: free it before the grid. */
	xmlFreeDoc(doc);
	doc = NULL;
	if (!sh.cells.n) {
		rc = 0;
		goto out;
	}
	if (build_grid(x, &sh) < 0 || apply_merges(x, &sh) < 0 || emit_sheet(x, &sh) < 0)
		goto out;
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	sheet_release(&sh);
	return rc;
}

/* ---------------------------------------------------------------- driver */

static void xlsx_release(struct xlsx *x)
{
	size_t i;

	for (i = 0; i < x->ss.n; i++) {
		free(x->ss.v[i].text);
		free(x->ss.v[i].lines);
	}
	free(x->ss.v);
	free(x->xfs.v);
	for (i = 0; i < x->sheets.n; i++) {
		free(x->sheets.v[i].name);
		free(x->sheets.v[i].part);
	}
	free(x->sheets.v);
	free(x->ss_part);
	free(x->styles_part);
	if (x->z)
		zip_safe_close(x->z);
}

struct doc *xlsx_read(const char *path, const char *data, size_t len,
		      const struct doc_limits *limits, struct sb *err)
{
	struct xlsx x = { .path = path, .lim = limits ? limits : &doc_default_limits, .err = err };
	struct doc *d = NULL;
	size_t i, err_start = err->len;

	if (!len) {
		sb_addf(err, "%s: the file is empty", path);
		return NULL;
	}
	if (x.lim->max_bytes && len > x.lim->max_bytes) {
		sb_addf(err, "%s: the file is %zu bytes, over the limit of %zu", path, len,
			x.lim->max_bytes);
		return NULL;
	}
	if (!(x.z = zip_safe_open(path, data, len, x.lim, err))) {
		x.failed = true;
		goto out;
	}
	if (!zip_safe_has(x.z, "xl/workbook.xml")) {
		sb_addf(err, "%s: no xl/workbook.xml: not an Excel workbook", path);
		goto out;
	}
	if (read_workbook(&x) < 0 || read_styles(&x) < 0 || read_shared_strings(&x) < 0)
		goto out;
	x.d = doc_new(path, "xlsx");
	for (i = 0; i < x.sheets.n; i++) {
		if (x.lim->progress)
			x.lim->progress(x.lim->progress_arg, path, "sheet", i, x.sheets.n);
		if (read_sheet(&x, &x.sheets.v[i]) < 0)
			goto out;
	}
	if (x.lim->progress)
		x.lim->progress(x.lim->progress_arg, path, "sheet", x.sheets.n, x.sheets.n);
	if (!x.d->blocks.n) {
		sb_addf(err, "%s: the workbook holds no text", path);
		goto out;
	}
	d = x.d;
	x.d = NULL;
out:
	if (!d && !x.failed && err->len == err_start)
		sb_addf(err, "%s: cannot read the workbook", path);
	doc_free(x.d);
	xlsx_release(&x);
	return d;
}
