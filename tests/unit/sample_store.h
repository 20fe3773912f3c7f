/*
 * sample_store.h - a store on a fresh temporary database holding the sample
 * plan (sample_plan.h) as a draft, with the clock fixed: the fixture of the
 * tracking, operations and store contract tests.
 */
#ifndef DONDOC_SAMPLE_STORE_H
#define DONDOC_SAMPLE_STORE_H

#include "model/plan.h"
#include "store/store.h"
#include "sample_plan.h"
#include "tmpdb.h"

struct sample_store {
	struct tmpdb db;
	struct store *s;
	long long plan_id, task1, task2;
};

/* The fixed clock of the fixture: 2026-05-01T08:00:00Z. */
#define SAMPLE_NOW 1777622400LL

static inline long long sample_clock(void *arg)
{
	(void)arg;
	return SAMPLE_NOW;
}

/* Opens where (NULL: a new file under /tmp/dondoc-NAME-*) with the clock at
 * SAMPLE_NOW and stores the sample plan. 0, or -1 after printing why. */
static inline int sample_store_open(struct sample_store *f, const char *name, const char *where)
{
	const struct store_options o = { .now = sample_clock };
	struct sb err = SB_INIT;
	struct plan p;
	int rc = -1;

	if (tmpdb_create(&f->db, name) < 0)
		return -1;
	sample_plan(&p);
	if (store_open_with(where && *where ? where : f->db.path, &o, &f->s, &err) < 0 ||
	    store_plan_insert(f->s, &p, "sample.txt", "00", "test", &err) < 0) {
		fprintf(stderr, "%s\n", err.buf);
		goto out;
	}
	f->plan_id = p.id;
	f->task1 = p.tasks.v[0].id;
	f->task2 = p.tasks.v[1].id;
	rc = 0;
out:
	plan_release(&p);
	sb_release(&err);
	return rc;
}

static inline void sample_store_close(struct sample_store *f)
{
	store_close(f->s);
	tmpdb_remove(&f->db);
}

#endif
