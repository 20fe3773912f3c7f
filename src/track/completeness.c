/*
 * completeness.c - expected versus received reports.
 *
 * Two keymaps: agencies (folding key -> agency index) and expectations
 * ("<agency index> <period name>" -> slot index), so that matching a
 * receipt to its expectation is a hash lookup and n receipts cost O(n).
 */
#include "base/compat.h"

#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "track/calendar.h"
#include "track/completeness.h"
#include "base/keymap.h"

struct slot {
	size_t agency;
	struct period period;
	int due;
	bool received;
	int received_on; /* earliest; CAL_NONE = undated */
};

struct completeness {
	struct keymap *agencies;
	struct keymap *slot_keys;
	VEC(struct slot) slots;
	VEC(struct completeness_counts) per_agency; /* kept up to date, by agency */
	size_t total_unexpected;
};

struct completeness *completeness_new(void)
{
	struct completeness *c = xcalloc(1, sizeof(*c));

	c->agencies = keymap_new();
	c->slot_keys = keymap_new();
	return c;
}

void completeness_free(struct completeness *c)
{
	if (!c)
		return;
	keymap_free(c->agencies);
	keymap_free(c->slot_keys);
	free(c->slots.v);
	free(c->per_agency.v);
	free(c);
}

static size_t agency_index(struct completeness *c, const char *agency)
{
	size_t i = keymap_intern(c->agencies, agency, NULL);

	while (c->per_agency.n <= i)
		VEC_PUSH(&c->per_agency);
	return i;
}

static void slot_key(struct sb *key, size_t agency, const struct period *p)
{
	char name[PERIOD_NAME_LEN];

	sb_reset(key);
	sb_addf(key, "%zu %s", agency, period_format(p, name));
}

void completeness_expect(struct completeness *c, const char *agency, const struct period *p,
			 int due)
{
	struct sb key = SB_INIT;
	size_t a = agency_index(c, agency);
	bool added;
	struct slot *s;

	slot_key(&key, a, p);
	keymap_intern(c->slot_keys, key.buf, &added);
	sb_release(&key);
	if (!added)
		return;
	s = VEC_PUSH(&c->slots);
	s->agency = a;
	s->period = *p;
	s->due = due != CAL_NONE ? due : period_due(p, PERIOD_DUE_WORKING_DAYS);
	s->received_on = CAL_NONE;
	c->per_agency.v[a].expected++;
}

static bool on_time(const struct slot *s)
{
	return s->received && s->received_on != CAL_NONE && s->due != CAL_NONE &&
	       s->received_on <= s->due;
}

/* Earlier of two receipt days, an undated receipt being the latest. */
static int earlier(int a, int b)
{
	if (a == CAL_NONE)
		return b;
	if (b == CAL_NONE)
		return a;
	return a < b ? a : b;
}

int completeness_receive(struct completeness *c, const char *agency, const struct period *p,
			 int received)
{
	struct sb key = SB_INIT;
	size_t a = agency_index(c, agency), i;
	bool found;
	struct slot *s;
	struct completeness_counts *k;

	slot_key(&key, a, p);
	found = keymap_find(c->slot_keys, key.buf, &i);
	sb_release(&key);
	if (!found) {
		c->per_agency.v[a].unexpected++;
		c->total_unexpected++;
		return -ERR_NOTFOUND;
	}
	s = &c->slots.v[i];
	k = &c->per_agency.v[a];
	/* Take the slot's contribution out, update it, put it back. */
	k->received -= s->received;
	k->on_time -= on_time(s);
	s->received_on = s->received ? earlier(s->received_on, received) : received;
	s->received = true;
	k->received++;
	k->on_time += on_time(s);
	return 0;
}

static void count_slot(const struct slot *s, struct completeness_counts *k)
{
	k->expected++;
	if (!s->received)
		return;
	k->received++;
	k->on_time += on_time(s);
}

void completeness_totals(const struct completeness *c, struct completeness_counts *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < c->slots.n; i++)
		count_slot(&c->slots.v[i], out);
	out->unexpected = c->total_unexpected;
}

static bool ratio(size_t num, size_t den, double *out)
{
	*out = den ? (double)num / (double)den : 0;
	return den != 0;
}

bool completeness_rate(const struct completeness_counts *k, double *out)
{
	return ratio(k->received, k->expected, out);
}

bool completeness_timeliness(const struct completeness_counts *k, double *out)
{
	return ratio(k->on_time, k->expected, out);
}

size_t completeness_agency_count(const struct completeness *c)
{
	return keymap_count(c->agencies);
}

const char *completeness_agency(const struct completeness *c, size_t i)
{
	return keymap_key(c->agencies, i);
}

void completeness_agency_counts(const struct completeness *c, size_t i,
				struct completeness_counts *out)
{
	if (i < c->per_agency.n)
		*out = c->per_agency.v[i];
	else
		memset(out, 0, sizeof(*out));
}

size_t completeness_missing(const struct completeness *c, int today, struct completeness_gap **out)
{
	VEC(struct completeness_gap) v = { 0 };

	for (size_t i = 0; i < c->slots.n; i++) {
		const struct slot *s = &c->slots.v[i];
		struct completeness_gap *g;

		if (s->received)
			continue;
		g = VEC_PUSH(&v);
		g->agency = keymap_key(c->agencies, s->agency);
		g->period = s->period;
		g->due = s->due;
		g->overdue = today != CAL_NONE && s->due != CAL_NONE && today > s->due;
	}
	*out = v.v;
	return v.n;
}
