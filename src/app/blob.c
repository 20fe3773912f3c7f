/*
 * blob.c - evidence files in a folder, content-addressed (blob.h).
 */
#include "base/compat.h"
#include "app/blob.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/ops.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

struct blob_folder {
	struct blob_store base;
	char *dir;
	unsigned seq;
};

static int make_dir(const char *dir, struct sb *err)
{
	if (mkdir(dir, 0775) < 0 && errno != EEXIST) {
		sb_addf(err, "%s: cannot create folder: %s", dir, strerror(errno));
		return -ERR_IO;
	}
	return 0;
}

static int folder_stage(struct blob_store *b, const char *path, long long max,
			struct blob_stage *st, struct sb *err)
{
	struct blob_folder *f = (struct blob_folder *)b;
	unsigned char digest[crypto_hash_sha256_BYTES], buf[65536];
	crypto_hash_sha256_state h;
	struct sb tmp = SB_INIT;
	FILE *in = NULL, *out = NULL;
	size_t n;
	int rc = -ERR_IO;

	memset(st, 0, sizeof(*st));
	if (sodium_init() < 0) {
		sb_adds(err, "libsodium failed to initialise");
		return -ERR_IO;
	}
	if (!(in = fopen(path, "rb"))) {
		sb_addf(err, "%s: cannot open: %s", path, strerror(errno));
		return -ERR_IO;
	}
	if ((rc = make_dir(f->dir, err)) < 0)
		goto out;
	rc = -ERR_IO;
	sb_addf(&tmp, "%s/.incoming.%ld.%u", f->dir, (long)getpid(), f->seq++);
	if (!(out = fopen(tmp.buf, "wb"))) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		goto out;
	}
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		st->size += (long long)n;
		if (max > 0 && st->size > max) {
			sb_addf(err, "%s: tệp minh chứng quá lớn (the evidence file is larger than"
				" %lld bytes; DONDOC_MAX_EVIDENCE_BYTES)", path, max);
			rc = -ERR_TOOBIG;
			goto out;
		}
		crypto_hash_sha256_update(&h, buf, n);
		if (fwrite(buf, 1, n, out) != n) {
			sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
			goto out;
		}
	}
	if (ferror(in)) {
		sb_addf(err, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	crypto_hash_sha256_final(&h, digest);
	hash_hex(digest, sizeof(digest), st->sha256);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		goto out;
	}
	rc = fclose(out);
	out = NULL;
	if (rc != 0) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		rc = -ERR_IO;
		goto out;
	}
	st->tmp_path = sb_detach(&tmp);
	rc = 0;
out:
	fclose(in);
	if (out)
		fclose(out);
	if (rc < 0 && tmp.len)
		unlink(tmp.buf);
	sb_release(&tmp);
	return rc;
}

static char *folder_path_of(struct blob_store *b, const char *sha256)
{
	struct blob_folder *f = (struct blob_folder *)b;
	struct sb s = SB_INIT;

	sb_addf(&s, "%s/%s", f->dir, sha256);
	return sb_detach(&s);
}

static int folder_commit(struct blob_store *b, struct blob_stage *st, struct sb *err)
{
	char *final = folder_path_of(b, st->sha256);
	int rc = 0;

	if (rename(st->tmp_path, final) < 0) {
		sb_addf(err, "%s: cannot store: %s", final, strerror(errno));
		unlink(st->tmp_path);
		rc = -ERR_IO;
	}
	free(final);
	free(st->tmp_path);
	st->tmp_path = NULL;
	return rc;
}

static void folder_abort(struct blob_store *b, struct blob_stage *st)
{
	if (st->tmp_path)
		unlink(st->tmp_path);
	free(st->tmp_path);
	st->tmp_path = NULL;
}

static bool is_hash(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	return i == 64;
}

static int folder_list(struct blob_store *b, int (*fn)(const char *, void *), void *arg,
		       struct sb *err)
{
	struct blob_folder *f = (struct blob_folder *)b;
	DIR *d = opendir(f->dir);
	struct dirent *e;

	if (!d)
		return errno == ENOENT ? 0 : (sb_addf(err, "%s: %s", f->dir, strerror(errno)), -ERR_IO);
	while ((e = readdir(d)))
		if (is_hash(e->d_name) && fn(e->d_name, arg))
			break;
	closedir(d);
	return 0;
}

static int folder_remove(struct blob_store *b, const char *sha256, struct sb *err)
{
	char *p = folder_path_of(b, sha256);
	int rc = 0;

	if (unlink(p) < 0 && errno != ENOENT) {
		sb_addf(err, "%s: cannot remove: %s", p, strerror(errno));
		rc = -ERR_IO;
	}
	free(p);
	return rc;
}

struct blob_store *blob_folder_new(const char *dir)
{
	struct blob_folder *f = xcalloc(1, sizeof(*f));

	f->base.stage = folder_stage;
	f->base.commit = folder_commit;
	f->base.abort = folder_abort;
	f->base.path_of = folder_path_of;
	f->base.list = folder_list;
	f->base.remove = folder_remove;
	f->dir = xstrdup(dir);
	return &f->base;
}

const char *blob_folder_dir(const struct blob_store *b)
{
	return ((const struct blob_folder *)b)->dir;
}

void blob_folder_free(struct blob_store *b)
{
	struct blob_folder *f = (struct blob_folder *)b;

	if (!f)
		return;
	free(f->dir);
	free(f);
}
