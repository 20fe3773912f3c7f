/*
 * zip.c - safe reading of Office Open XML containers on libzip (see zip.h).
 *
 * The archive is opened from memory with ZIP_CHECKCONS so that overlapping or
 * inconsistent entries are refused by libzip itself; every entry is checked at
 * open time (name, encryption, declared sizes), and every read counts the
 * bytes it actually inflates, so a lying header cannot get past the size,
 * total and ratio limits. libzip verifies the CRC when an entry is read to
 * its end; a short or long entry is refused as corrupt.
 */
#include "base/compat.h"
#include "ingest/zip.h"
#include "ingest/doc.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <zip.h>

/* Entries smaller than this are never refused for their ratio: a short,
 * repetitive XML part can compress well without being a bomb. */
#define RATIO_FLOOR (64u * 1024u)

struct zip_safe {
	zip_t *za;
	char *path;
	const struct doc_limits *limits;
	char **names;
	size_t n;
	size_t total; /* uncompressed bytes read so far, all entries */
};

static void zip_err(struct sb *err, const char *path, zip_error_t *ze)
{
	sb_addf(err, "%s: a ZIP container that is not a readable archive (%s)", path,
		zip_error_strerror(ze));
}

/* A name that is absolute, carries a drive letter or a backslash, or has a
 * ".." component would escape any directory it was extracted to; OOXML part
 * names never look like that. */
static bool bad_name(const char *name)
{
	const char *p = name;

	if (!*name || name[0] == '/' || strchr(name, '\\'))
		return true;
	if (((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')) &&
	    name[1] == ':')
		return true;
	while (*p) {
		size_t seg = strcspn(p, "/");

		if (seg == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += seg;
		if (*p == '/')
			p++;
	}
	return false;
}

static int check_entry(struct zip_safe *z, zip_uint64_t i, struct sb *err)
{
	zip_stat_t st;
	const struct doc_limits *lim = z->limits;

	zip_stat_init(&st);
	if (zip_stat_index(z->za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) || !st.name) {
		sb_addf(err, "%s: ZIP entry %llu is unreadable (%s)", z->path,
			(unsigned long long)i, zip_strerror(z->za));
		return -1;
	}
	if (bad_name(st.name)) {
		sb_addf(err,
			"%s: ZIP entry name \"%s\" is unsafe (absolute or climbs out with \"..\")",
			z->path, st.name);
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		sb_addf(err, "%s: ZIP entry %s is encrypted (password-protected document)", z->path,
			st.name);
		return -1;
	}
	if ((st.valid & ZIP_STAT_SIZE) && lim->max_entry_bytes && st.size > lim->max_entry_bytes) {
		sb_addf(err, "%s: ZIP entry %s declares %llu bytes, over the limit of %zu", z->path,
			st.name, (unsigned long long)st.size, lim->max_entry_bytes);
		return -1;
	}
	z->names[i] = xstrdup(st.name);
	return 0;
}

struct zip_safe *zip_safe_open(const char *path, const char *data, size_t len,
			       const struct doc_limits *limits, struct sb *err)
{
	struct zip_safe *z = NULL;
	zip_source_t *src;
	zip_error_t ze;
	zip_t *za;
	zip_int64_t n;
	zip_uint64_t i;

	if (!limits)
		limits = &doc_default_limits;
	if (!path)
		path = "-";
	if (!data || len < 22) { /* shorter than an end-of-archive record */
		sb_addf(err, "%s: a ZIP container that is not a readable archive (too short)",
			path);
		return NULL;
	}
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_err(err, path, &ze);
		zip_error_fini(&ze);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!za) {
		zip_source_free(src);
		zip_err(err, path, &ze);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	z = xcalloc(1, sizeof(*z));
	z->za = za;
	z->path = xstrdup(path);
	z->limits = limits;
	n = zip_get_num_entries(za, 0);
	if (n < 0 || (limits->max_entries && (zip_uint64_t)n > limits->max_entries)) {
		sb_addf(err, "%s: ZIP archive has %lld entries, over the limit of %zu", path,
			(long long)n, limits->max_entries);
		goto fail;
	}
	z->n = (size_t)n;
	z->names = xcalloc(z->n ? z->n : 1, sizeof(*z->names));
	for (i = 0; i < (zip_uint64_t)n; i++)
		if (check_entry(z, i, err) != 0)
			goto fail;
	return z;
fail:
	zip_safe_close(z);
	return NULL;
}

void zip_safe_close(struct zip_safe *z)
{
	size_t i;

	if (!z)
		return;
	if (z->za)
		zip_discard(z->za);
	for (i = 0; i < z->n && z->names; i++)
		free(z->names[i]);
	free(z->names);
	free(z->path);
	free(z);
}

static zip_int64_t locate(struct zip_safe *z, const char *name)
{
	size_t i;

	/* Our own table, not zip_name_locate(): the names were checked at open. */
	for (i = 0; i < z->n; i++)
		if (z->names[i] && strcmp(z->names[i], name) == 0)
			return (zip_int64_t)i;
	return -1;
}

bool zip_safe_has(struct zip_safe *z, const char *name)
{
	return z && name && locate(z, name) >= 0;
}

size_t zip_safe_count(struct zip_safe *z)
{
	return z ? z->n : 0;
}

const char *zip_safe_name(struct zip_safe *z, size_t i)
{
	return z && i < z->n ? z->names[i] : NULL;
}

/* Checks the running count of one entry against every limit. */
static int over_limits(struct zip_safe *z, const char *name, zip_uint64_t got, zip_uint64_t comp,
		       struct sb *err)
{
	const struct doc_limits *lim = z->limits;

	if (lim->max_entry_bytes && got > lim->max_entry_bytes) {
		sb_addf(err, "%s: ZIP entry %s inflates past the limit of %zu bytes", z->path, name,
			lim->max_entry_bytes);
		return -1;
	}
	if (lim->max_total_bytes && z->total + got > lim->max_total_bytes) {
		sb_addf(err, "%s: ZIP entries inflate past the total limit of %zu bytes", z->path,
			lim->max_total_bytes);
		return -1;
	}
	if (lim->max_ratio && got > RATIO_FLOOR &&
	    got / (comp ? comp : 1) >= (zip_uint64_t)lim->max_ratio) {
		sb_addf(err, "%s: ZIP entry %s is compressed more than %u:1 (a zip bomb?)", z->path,
			name, lim->max_ratio);
		return -1;
	}
	return 0;
}

struct zip_entry {
	struct zip_safe *z;
	char *name;
	zip_file_t *zf;
	zip_uint64_t got, comp, size; /* size: declared, 0 when unknown */
	bool size_known, done;
};

struct zip_entry *zip_safe_entry_open(struct zip_safe *z, const char *name, struct sb *err)
{
	struct zip_entry *e;
	zip_int64_t idx;
	zip_stat_t st;
	zip_file_t *zf;

	if (!z || !name)
		return NULL;
	idx = locate(z, name);
	if (idx < 0) {
		sb_addf(err, "%s: the ZIP archive has no entry %s", z->path, name);
		return NULL;
	}
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0) {
		sb_addf(err, "%s: ZIP entry %s: %s", z->path, name, zip_strerror(z->za));
		return NULL;
	}
	zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		sb_addf(err, "%s: ZIP entry %s cannot be opened (%s)", z->path, name,
			zip_strerror(z->za));
		return NULL;
	}
	e = xcalloc(1, sizeof(*e));
	e->z = z;
	e->name = xstrdup(name);
	e->zf = zf;
	e->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	e->size_known = (st.valid & ZIP_STAT_SIZE) != 0;
	e->size = e->size_known ? st.size : 0;
	return e;
}

long zip_safe_entry_read(struct zip_entry *e, char *buf, size_t cap, struct sb *err)
{
	zip_int64_t n;

	if (e->done || cap == 0)
		return 0;
	n = zip_fread(e->zf, buf, cap);
	if (n < 0) {
		sb_addf(err, "%s: ZIP entry %s is corrupt (%s)", e->z->path, e->name,
			zip_file_strerror(e->zf));
		return -1;
	}
	if (n == 0) {
		if (e->size_known && e->got != e->size) {
			sb_addf(err, "%s: ZIP entry %s is corrupt (%llu bytes, %llu declared)",
				e->z->path, e->name, (unsigned long long)e->got,
				(unsigned long long)e->size);
			return -1;
		}
		e->done = true;
		e->z->total += e->got;
		return 0;
	}
	e->got += (zip_uint64_t)n;
	if (over_limits(e->z, e->name, e->got, e->comp, err) != 0)
		return -1;
	return (long)n;
}

void zip_safe_entry_close(struct zip_entry *e)
{
	if (!e)
		return;
	zip_fclose(e->zf);
	free(e->name);
	free(e);
}

int zip_safe_read(struct zip_safe *z, const char *name, struct sb *out, struct sb *err)
{
	struct zip_entry *e = zip_safe_entry_open(z, name, err);
	char buf[65536];
	size_t start = out->len;
	long n;
	int rc = -1;

	if (!e)
		return -1;
	while ((n = zip_safe_entry_read(e, buf, sizeof(buf), err)) > 0) {
		if (sb_add(out, buf, (size_t)n) != 0) {
			sb_addf(err, "%s: ZIP entry %s is too large", z->path, name);
			goto out;
		}
	}
	rc = n == 0 ? 0 : -1;
out:
	zip_safe_entry_close(e);
	if (rc != 0)
		sb_setlen(out, start);
	return rc;
}
