/*
 * doc.h - the document model every reader produces and every extractor reads.
 *
 * A document is a sequence of blocks: paragraphs (with their numbering and
 * "Label: value" form recognised) and tables (rows of cells, with merge
 * information when the reader had it). Readers (text.c now; DOCX, XLSX, PDF
 * later) turn bytes into a struct doc; extractors never see raw bytes.
 *
 * All text in a struct doc is valid UTF-8 in NFC, white space collapsed,
 * markup (<b>, **, *) removed; emphasis is kept in the bold/italic flags.
 * The one exception: doc_cell.lines keeps a cell's line breaks as '\n'.
 *
 * Ownership: a struct doc owns all its blocks, cells and strings; doc_free()
 * releases everything. Pointers into it stay valid until then.
 */
#ifndef DONDOC_DOC_H
#define DONDOC_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/xalloc.h"

struct sb;

struct doc_cell {
	char *text;
	bool bold; /* the whole cell was bold */
	int colspan; /* >= 1 */
	/* Vertical merges, when the reader knows them (DOCX, XLSX): the first
	 * cell of a merge has rowspan > 1; the cells it covers below have
	 * covered = true and an empty text. The text reader cannot know. */
	int rowspan;
	bool covered;
	bool doubt; /* the reader is unsure of the text (OCR under a stamp, repaired) */
	/* The cell's lines when its source broke it into several (a line break
	 * in an XLSX cell, several paragraphs or a <w:br/> in a DOCX cell): each
	 * line cleaned as text is, joined by '\n'; NULL for a one-line cell.
	 * text reads the breaks as spaces; only the columns that list bodies
	 * look here (docs/tables.md). */
	char *lines;
};

struct doc_row {
	VEC(struct doc_cell) cells;
	int line; /* source line (text) or row number (DOCX/XLSX), 1-based */
};

struct doc_table {
	VEC(struct doc_row) rows;
	bool merges_known; /* true when covered/rowspan are real */
	char *sheet; /* XLSX sheet name, else NULL */
};

enum block_kind { BLOCK_PARA, BLOCK_TABLE };

enum num_kind {
	NUM_NONE,
	NUM_ROMAN, /* "I.", "II.", "IV -" */
	NUM_ARABIC, /* "1.", "1.2.", "1.2.3", "2)" */
	NUM_PAREN, /* "(1)", "(2)" */
	NUM_LETTER, /* "a)", "b.", "đ)" */
	NUM_DASH, /* "-", "–", "—" */
	NUM_PLUS, /* "+" */
	NUM_BULLET, /* "•", "*" bullets */
};

struct doc_block {
	enum block_kind kind;
	int line; /* first source line, 1-based */
	int end_line; /* last source line */

	/* BLOCK_PARA */
	char *text; /* the whole paragraph */
	bool bold, italic; /* whole-paragraph emphasis */
	bool upper; /* every letter is upper case (a heading) */
	enum num_kind num;
	char *num_label; /* "II", "1.2", "a", "(1)" -> "1", "-": no trailing dot */
	int num_depth; /* components of an arabic label: "1.2" -> 2; else 1 */
	bool num_auto; /* numbering came from Word's automatic list, not the text */
	const char *body; /* text after the numbering, into text; == text when none */
	char *label; /* "Nội dung" of "- Nội dung: ...", else NULL */
	char *value; /* what follows the label's colon ("" when nothing) */

	/* BLOCK_TABLE */
	struct doc_table *table;

	/* The reader is unsure of this block (OCR: a stamp, seal or hand-writing
	 * covered some of it, or its number was repaired); for a table, of at
	 * least one of its cells (see doc_cell.doubt). */
	bool doubt;
	/* OCR: printed words of this paragraph were dropped under a stamp, a
	 * seal or ink (OCR_LOST_MARK): what is left may miss its label. */
	bool lost;
};

struct doc {
	char *path;
	const char *reader; /* "text", "docx", "xlsx", "pdf", "ocr" */
	VEC(struct doc_block) blocks;
};

/*
 * Limits for readers of untrusted input, and how a long read reports
 * progress. Every reader checks the limits that apply to it and fails with a
 * message naming the file and the limit, never with a crash or a hang.
 */
struct doc_limits {
	size_t max_bytes; /* input file size */
	size_t max_blocks;
	size_t max_cells; /* per table */
	/* Containers (DOCX, XLSX): */
	size_t max_entries; /* entries in the ZIP */
	size_t max_entry_bytes; /* uncompressed size of one entry */
	size_t max_total_bytes; /* uncompressed size of all entries read */
	unsigned max_ratio; /* uncompressed / compressed, per entry */
	/* Images and scans: */
	size_t max_pixels; /* width * height of one page image */
	size_t max_pages;
	unsigned max_seconds; /* wall-clock budget for one file (OCR); 0 = none */
	/* Bounds on what a reader builds, whatever the input's size (issue 14,
	 * docs/reliability.md): */
	size_t max_xml_nodes; /* elements, attributes and texts of one XML part */
	size_t max_reader_bytes; /* estimated memory of one part's XML tree */
	size_t max_rows; /* rows of one table */
	size_t max_tasks; /* tasks of one plan */
	size_t max_lines; /* lines of a text export */
	/* Progress of long reads (pages OCR'd...); NULL = silent. */
	void (*progress)(void *arg, const char *path, const char *what, size_t done, size_t total);
	void *progress_arg;
};

extern const struct doc_limits doc_default_limits;

/**
 * Puts the message of a limit reached into err, in Vietnamese then English,
 * naming the file (and part, when not NULL), the limit and the setting that
 * raises it: "PATH: PART: vượt giới hạn N WHAT_VI / more than N WHAT_EN (limit:
 * SETTING)".
 */
void doc_limit_error(struct sb *err, const char *path, const char *part, size_t limit,
		     const char *what_vi, const char *what_en, const char *setting);

struct doc *doc_new(const char *path, const char *reader);
void doc_free(struct doc *d);

/**
 * Appends a paragraph block and classifies it: numbering, labelled field,
 * upper case. text is copied after NFC and white-space collapsing; markup
 * (<b>..</b>, **..**, *..*) is removed and sets bold/italic when it wraps the
 * whole paragraph. Returns the new block.
 */
struct doc_block *doc_add_para(struct doc *d, const char *text, size_t len, int line);

/** Appends an empty table block. */
struct doc_block *doc_add_table(struct doc *d, int line);
struct doc_row *doc_table_add_row(struct doc_table *t, int line);
/** Appends a cell, normalised as doc_add_para does its text; a '\n' in text
 *  is a line break of the cell (doc_cell.lines). */
struct doc_cell *doc_row_add_cell(struct doc_row *r, const char *text, size_t len);

/**
 * The lines of a cell's raw text, split at '\n' (and "\r\n", '\r'), each
 * cleaned by doc_clean_text, empty ones dropped, joined by '\n', as a new
 * string; NULL when fewer than two lines hold text.
 */
char *doc_cell_lines(const char *text, size_t len);

/**
 * Cleans one piece of text the way every reader must: NFC, markup removed
 * (reports bold/italic when it wrapped everything), white space collapsed.
 * Appends to out. Invalid UTF-8 bytes are replaced by U+FFFD.
 */
void doc_clean_text(struct sb *out, const char *s, size_t len, bool *bold, bool *italic);

/** Writes a readable outline of the document (for --explain and tests). */
void doc_dump(const struct doc *d, FILE *out);

/**
 * Reads a plain-text export (UTF-8; tab-separated or markdown pipe tables) into
 * a new struct doc. On error returns NULL with the reason, naming path and
 * line, in err. Rejects binary input, invalid UTF-8 (with the line and byte),
 * empty input and input over limits->max_bytes.
 */
struct doc *text_read(const char *path, const char *data, size_t len,
		      const struct doc_limits *limits, struct sb *err);

#endif
