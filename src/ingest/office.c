/*
 * office.c - legacy Office files: Word 97-2003 (.doc) and Excel 97-2003
 * (.xls), both OLE2 compound files (first bytes D0 CF 11 E0 A1 B1 1A E1).
 *
 * Many offices still send them. They are converted by LibreOffice headless
 * (soffice --convert-to docx|xlsx) in a private temporary profile, so that a
 * running LibreOffice or a user's settings never interfere, under a time
 * limit, and the result is read by the DOCX or XLSX reader. The temporary
 * folder (input copy, profile, output) is removed whatever happens.
 *
 * Which of the two a compound file is comes from its directory: the stream
 * "WordDocument" makes it a Word file, "Workbook" (or "Book", Excel 5) an
 * Excel file. A password-protected DOCX/XLSX is also a compound file (its
 * stream is "EncryptedPackage") and is refused as such.
 */
#include "base/compat.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "base/sb.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The conversion's own time limit, whatever the file's budget says. */
#define CONVERT_SECONDS 120

enum ole_kind { OLE_UNKNOWN, OLE_WORD, OLE_EXCEL, OLE_ENCRYPTED };

/*
 * True when the 128-byte directory entry at e is named name (UTF-16LE, with
 * its length in bytes, terminator included, at offset 64).
 */
static bool entry_named(const unsigned char *e, const char *name)
{
	size_t n = strlen(name), i;
	unsigned len = (unsigned)e[64] | (unsigned)e[65] << 8;

	if (len != 2 * (n + 1))
		return false;
	for (i = 0; i < n; i++)
		if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
			return false;
	return true;
}

/*
 * Directory entries are 128 bytes at 128-byte boundaries of the sectors
 * after the 512-byte header; scanning every such slot finds the streams
 * without following the allocation chains (bounded by the file's size).
 */
static enum ole_kind ole_kind_of(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	enum ole_kind kind = OLE_UNKNOWN;
	size_t off;

	/* The stream's name as plain text too (hand-made and damaged files). */
	for (off = 0; off + 16 <= len; off++) {
		const char *e = memchr(data + off, 'E', len - 15 - off);

		if (!e)
			break;
		off = (size_t)(e - data);
		if (memcmp(e, "EncryptedPackage", 16) == 0)
			return OLE_ENCRYPTED;
	}
	for (off = 512; off + 128 <= len; off += 128) {
		const unsigned char *e = p + off;

		if (entry_named(e, "EncryptedPackage"))
			return OLE_ENCRYPTED;
		if (entry_named(e, "WordDocument"))
			kind = OLE_WORD;
		else if (kind == OLE_UNKNOWN && (entry_named(e, "Workbook") || entry_named(e, "Book")))
			kind = OLE_EXCEL;
	}
	return kind;
}

/* Removes path and, when it is a folder, everything under it (no links followed). */
static void rm_tree(const char *path, int depth)
{
	struct stat st;
	struct dirent *e;
	DIR *dir;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && depth < 32 && (dir = opendir(path))) {
		struct sb sub = SB_INIT;

		while ((e = readdir(dir))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			sb_reset(&sub);
			sb_addf(&sub, "%s/%s", path, e->d_name);
			rm_tree(sub.buf, depth + 1);
		}
		closedir(dir);
		sb_release(&sub);
	}
	remove(path);
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return -1;
	if (len && fwrite(data, 1, len, f) != len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* True when an executable named name is on PATH. */
static bool on_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *e;
	struct sb full = SB_INIT;
	bool found = false;

	for (p = path ? path : ""; *p && !found; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		sb_reset(&full);
		sb_add(&full, p, (size_t)(e - p));
		sb_addf(&full, "/%s", name);
		found = access(full.buf, X_OK) == 0;
	}
	sb_release(&full);
	return found;
}

/*
 * Runs soffice on in, writing the converted file into dir, within seconds.
 * The child leads its own process group so that, on time out, LibreOffice's
 * helper processes are killed with it.
 */
static int run_soffice(const char *path, const char *dir, const char *in, const char *to,
		       unsigned seconds, struct sb *err)
{
	struct sb profile = SB_INIT;
	time_t end = time(NULL) + (time_t)seconds;
	int status = 0, rc = -1;
	pid_t pid, w;

	sb_addf(&profile, "-env:UserInstallation=file://%s/profile", dir);
	pid = fork();
	if (pid < 0) {
		sb_addf(err, "%s: cannot start LibreOffice to convert the file: %s", path,
			strerror(errno));
		goto out;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		setpgid(0, 0);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setenv("HOME", dir, 1);
		execlp("soffice", "soffice", profile.buf, "--headless", "--norestore",
		       "--nolockcheck", "--convert-to", to, "--outdir", dir, in, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	for (;;) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			sb_addf(err, "%s: lost track of LibreOffice converting the file", path);
			goto out;
		}
		if (time(NULL) >= end) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			sb_addf(err,
				"%s: LibreOffice did not convert the file within %u seconds "
				"(damaged, or too large)",
				path, seconds);
			goto out;
		}
		usleep(50000);
	}
	/* Helpers LibreOffice may have left behind go with their group. */
	kill(-pid, SIGKILL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		sb_addf(err, "%s: LibreOffice could not convert the file (exit status %d)", path,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		goto out;
	}
	rc = 0;
out:
	sb_release(&profile);
	return rc;
}

struct doc *office_read(const char *path, const char *data, size_t len,
			const struct doc_limits *lim, struct sb *err)
{
	enum ole_kind kind = ole_kind_of(data, len);
	const char *tmp = getenv("TMPDIR"), *ext, *to, *name;
	struct sb dir = SB_INIT, in = SB_INIT, out = SB_INIT, conv = SB_INIT, sub = SB_INIT;
	struct doc *d = NULL;
	unsigned seconds = CONVERT_SECONDS;
	bool made = false;

	if (!lim)
		lim = &doc_default_limits;
	if (kind == OLE_ENCRYPTED || kind == OLE_UNKNOWN) {
		sb_addf(err,
			kind == OLE_ENCRYPTED
			    ? "%s: the Word or Excel file is password-protected (encrypted); save "
			      "it without a password and import that"
			    : "%s: an old Office file that is neither a Word (DOC) nor an Excel "
			      "(XLS) document",
			path);
		goto out;
	}
	ext = kind == OLE_WORD ? "doc" : "xls";
	to = kind == OLE_WORD ? "docx" : "xlsx";
	name = kind == OLE_WORD ? "Word 97-2003 (DOC)" : "Excel 97-2003 (XLS)";
	if (!on_path("soffice")) {
		sb_addf(err,
			"%s: a %s file needs LibreOffice to be read, and LibreOffice is not "
			"installed; install it with: apt-get install libreoffice-writer-nogui "
			"libreoffice-calc-nogui (or save the file as %s and import that)",
			path, name, kind == OLE_WORD ? "DOCX" : "XLSX");
		goto out;
	}
	if (lim->max_bytes && len > lim->max_bytes) {
		sb_addf(err, "%s: the file is %zu bytes, over the limit of %zu", path, len,
			lim->max_bytes);
		goto out;
	}
	if (lim->max_seconds && lim->max_seconds < seconds)
		seconds = lim->max_seconds;
	sb_addf(&dir, "%s/dondoc-office-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf)) {
		sb_addf(err, "%s: cannot make a temporary folder to convert the file: %s", path,
			strerror(errno));
		goto out;
	}
	made = true;
	sb_addf(&in, "%s/in.%s", dir.buf, ext);
	sb_addf(&out, "%s/in.%s", dir.buf, to);
	if (write_file(in.buf, data, len) < 0) {
		sb_addf(err, "%s: cannot write a temporary copy to convert it: %s", path,
			strerror(errno));
		goto out;
	}
	if (run_soffice(path, dir.buf, in.buf, to, seconds, err) < 0)
		goto out;
	if (ingest_slurp(out.buf, lim->max_bytes, &conv, &sub) < 0) {
		sb_addf(err, "%s: LibreOffice produced no %s from the file (damaged %s file?)",
			path, kind == OLE_WORD ? "DOCX" : "XLSX", name);
		goto out;
	}
	d = kind == OLE_WORD ? docx_read(path, conv.buf, conv.len, lim, err)
			     : xlsx_read(path, conv.buf, conv.len, lim, err);
	if (d)
		d->reader = ext;
out:
	if (made)
		rm_tree(dir.buf, 0);
	sb_release(&dir);
	sb_release(&in);
	sb_release(&out);
	sb_release(&conv);
	sb_release(&sub);
	return d;
}
