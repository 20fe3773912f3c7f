/*
 * xfixture.h - a document, a registry, a plan and the extraction context that
 * ties them, as the extraction pass tests set them up; documents come from a
 * string (text_read) or a seed in ../shared/seeds.
 */
#ifndef DONDOC_XFIXTURE_H
#define DONDOC_XFIXTURE_H

#include <dirent.h>

#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"

struct fixture {
	struct doc *doc;
	struct agency_registry *reg;
	struct plan plan;
	struct extract_ctx x;
};

/* Takes doc (owned by the fixture from now on) and sets the context up;
 * no pass has run yet. */
static inline void fixture_start(struct fixture *f, struct doc *doc, bool ocr)
{
	assert_non_null(doc);
	f->doc = doc;
	f->reg = agency_registry_new();
	plan_init(&f->plan);
	f->x = (struct extract_ctx){
		.doc = f->doc,
		.agencies = f->reg,
		.plan = &f->plan,
		.agency_flags = ocr ? AGENCY_FUZZY : 0,
		.ocr = ocr,
	};
}

static inline struct doc *fixture_text(const char *text)
{
	struct sb err = SB_INIT;
	struct doc *d = text_read("t.txt", text, strlen(text), NULL, &err);

	sb_release(&err);
	return d;
}

/* The path of the file in the shared folder dir_name ("seeds", "gold")
 * whose name starts with prefix ("002_"); fails the test when none. */
static inline char *fixture_shared_path(const char *dir_name, const char *prefix)
{
	struct sb dir = SB_INIT, path = SB_INIT;
	DIR *dh;
	struct dirent *de;

	sb_addf(&dir, "%s/%s", unit_shared_dir(), dir_name);
	dh = opendir(dir.buf);
	assert_non_null(dh);
	while ((de = readdir(dh)) != NULL)
		if (!path.len && strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			sb_addf(&path, "%s/%s", dir.buf, de->d_name);
	closedir(dh);
	assert_true(path.len > 0);
	sb_release(&dir);
	return sb_detach(&path);
}

static inline struct doc *fixture_seed(const char *prefix)
{
	struct sb err = SB_INIT;
	char *path = fixture_shared_path("seeds", prefix);
	struct doc *d = ingest_file(path, NULL, &err);

	free(path);
	sb_release(&err);
	return d;
}

static inline void fixture_done(struct fixture *f)
{
	plan_release(&f->plan);
	agency_registry_free(f->reg);
	doc_free(f->doc);
}

#endif
