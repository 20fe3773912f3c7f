/*
 * fuzz_agency.c - arbitrary bytes into the agency list splitter, the
 * person-name reader and the supervisor reader: no crash, no leak, no UB,
 * bounded time, and every name that comes out is non-empty valid UTF-8.
 */
#include "base/compat.h"
#include "base/utf8.h"
#include "extract/agency.h"
#include "model/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct agency_registry *reg;

static void check_name(const char *s)
{
	if (!s || !*s || !utf8_check(s, strlen(s), NULL))
		abort();
}

static void check_list(const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		check_name(l->v[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strlist b = { 0 }, g = { 0 }, u = { 0 };
	unsigned flags;
	char *s, *p;

	if (!reg) {
		reg = agency_registry_new();
		agency_registry_add_alias(reg, "Sở VH TTL", "Sở Văn hóa, Thể thao và Du lịch");
		agency_registry_add_alias(reg, "các nhà tài trợ", "Doanh nghiệp");
	}
	if (size == 0)
		return 0;
	/* The first byte picks the flags; the rest is the text. */
	flags = data[0] & (AGENCY_FUZZY | AGENCY_NATIONAL);
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	agency_split(reg, s, flags, &b, &g, &u);
	check_list(&b);
	check_list(&g);
	check_list(&u);
	p = person_name(s);
	if (p)
		check_name(p);
	free(p);
	p = supervisor_canonical(reg, s, flags);
	if (p && !utf8_check(p, strlen(p), NULL))
		abort();
	free(p);
	(void)supervisor_looks_like(s);
	(void)agency_looks_like(reg, s, flags);
	(void)agency_canonical(reg, s, flags);
	(void)agency_group(s, flags);
	strlist_release(&b);
	strlist_release(&g);
	strlist_release(&u);
	free(s);
	return 0;
}
