/*
 * ingest.c - file reading and reader selection by content (see ingest.h).
 */
#include "base/compat.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "ingest/zip.h"
#include "base/sb.h"

#include <errno.h>

int ingest_slurp(const char *path, size_t max, struct sb *out, struct sb *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = -1;

	if (!f) {
		sb_addf(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (max && out->len + n > max) {
			sb_addf(err, "%s: larger than the limit of %zu bytes", path, max);
			goto out;
		}
		sb_add(out, buf, n);
	}
	if (ferror(f)) {
		sb_addf(err, "%s: read error: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f != stdin)
		fclose(f);
	return rc;
}

static struct doc *read_zip(const char *path, const char *data, size_t len,
			    const struct doc_limits *limits, struct sb *err)
{
	struct zip_safe *z = zip_safe_open(path, data, len, limits, err);
	bool docx, xlsx;

	if (!z)
		return NULL;
	docx = zip_safe_has(z, "word/document.xml");
	xlsx = zip_safe_has(z, "xl/workbook.xml");
	zip_safe_close(z);
	if (docx)
		return docx_read(path, data, len, limits, err);
	if (xlsx)
		return xlsx_read(path, data, len, limits, err);
	sb_addf(err, "%s: a ZIP archive that is neither a Word (DOCX) nor an Excel (XLSX) file",
		path);
	return NULL;
}

/* The readers, chosen by the first bytes of the content; anything else is
 * read as a text export (which refuses binary data itself). */
static const struct reader {
	const char *magic;
	size_t len;
	struct doc *(*read)(const char *path, const char *data, size_t len,
			    const struct doc_limits *limits, struct sb *err);
} readers[] = {
	{ "PK\x03\x04", 4, read_zip }, /* DOCX, XLSX */
	{ "%PDF", 4, pdf_read },
	{ "\x89PNG", 4, image_read },
	{ "\xFF\xD8\xFF", 3, image_read }, /* JPEG */
	{ "II*\0", 4, image_read }, /* TIFF, little-endian */
	{ "MM\0*", 4, image_read }, /* TIFF, big-endian */
	{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, office_read }, /* DOC, XLS (OLE2) */
};

struct doc *ingest_buffer(const char *path, const char *data, size_t len,
			  const struct doc_limits *limits, struct sb *err)
{
	size_t i;

	if (!limits)
		limits = &doc_default_limits;
	for (i = 0; i < ARRAY_SIZE(readers); i++)
		if (len >= readers[i].len && memcmp(data, readers[i].magic, readers[i].len) == 0)
			return readers[i].read(path, data, len, limits, err);
	return text_read(path, data, len, limits, err);
}

struct doc *ingest_file(const char *path, const struct doc_limits *limits, struct sb *err)
{
	struct sb data = SB_INIT;
	struct doc *d = NULL;

	if (!limits)
		limits = &doc_default_limits;
	if (ingest_slurp(path, limits->max_bytes, &data, err) == 0)
		d = ingest_buffer(path, data.buf, data.len, limits, err);
	sb_release(&data);
	return d;
}
