/*
 * ingest.h - from a file on disk to a struct doc, choosing the reader by
 * content (magic bytes), never by file name.
 */
#ifndef DONDOC_INGEST_H
#define DONDOC_INGEST_H

#include <stddef.h>

struct doc;
struct doc_limits;
struct sb;

/**
 * Reads path ("-" = standard input) and returns its document, or NULL with
 * the reason in err, naming the file (and line where there is one). limits
 * may be NULL for the defaults.
 */
struct doc *ingest_file(const char *path, const struct doc_limits *limits, struct sb *err);

/** The reader for bytes already in memory (path names them in errors). */
struct doc *ingest_buffer(const char *path, const char *data, size_t len,
			  const struct doc_limits *limits, struct sb *err);

/*
 * The readers behind ingest_buffer(), each for one kind of content. Each takes
 * the bytes (borrowed), returns a new struct doc or NULL with err naming the
 * file and, where there is one, the part, line or page.
 */
struct doc *docx_read(const char *path, const char *data, size_t len,
		      const struct doc_limits *limits, struct sb *err); /* docx.c */
struct doc *xlsx_read(const char *path, const char *data, size_t len,
		      const struct doc_limits *limits, struct sb *err); /* xlsx.c */
/* A PDF: its text layer when it has one, else OCR of its rendered pages. */
struct doc *pdf_read(const char *path, const char *data, size_t len,
		     const struct doc_limits *limits, struct sb *err); /* pdf.c */
/* An image (PNG, JPEG, TIFF) read by OCR (Tesseract, Vietnamese model). */
struct doc *image_read(const char *path, const char *data, size_t len,
		       const struct doc_limits *limits, struct sb *err); /* ocr.c */

/* A Word or Excel 97-2003 file (OLE2: .doc, .xls) converted to DOCX or XLSX by
 * LibreOffice headless, then read by docx_read()/xlsx_read(). */
struct doc *office_read(const char *path, const char *data, size_t len,
			const struct doc_limits *limits, struct sb *err); /* office.c */

/**
 * Reads the whole of path into out, refusing more than max bytes (0: no cap).
 * Returns 0, or -1 with the reason in err.
 */
int ingest_slurp(const char *path, size_t max, struct sb *out, struct sb *err);

#endif
