/*
 * agency.h - the registry of bodies and people, and name resolution.
 *
 * The registry starts from data/agencies.tsv (compiled into the binary, so the
 * one binary carries it) and is extended at run time by aliases officials add
 * (stored in the database and passed in with agency_registry_add_alias()).
 *
 * Resolution works on the folding key (vi_fold) and, for OCR'd text, on edit
 * distance between keys: "S& Van hoa, The thao va Du lich" -> "Sở Văn hóa,
 * Thể thao và Du lịch". Lists are split ("Sở VHTTDL, Sở NN&MT, các sở, ban,
 * ngành" -> two bodies and one group label; "UBND xã Yên Bình, Thác Bà" -> two
 * bodies). Collective phrases map to the spec's group labels.
 *
 * Ownership: the registry owns its entries; results are appended to caller's
 * strlists as copies.
 */
#ifndef DONDOC_AGENCY_H
#define DONDOC_AGENCY_H

#include <stdbool.h>
#include <stddef.h>

struct strlist;
struct agency_registry;

enum agency_flags {
	/* OCR'd text: allow edit-distance matches on the folding key. */
	AGENCY_FUZZY = 1 << 0,
	/* National document: "các địa phương" is UBND các tỉnh, thành phố. */
	AGENCY_NATIONAL = 1 << 1,
};

/** The registry with the built-in table loaded. Never NULL. */
struct agency_registry *agency_registry_new(void);
void agency_registry_free(struct agency_registry *r);

/**
 * Names the deployment's home province ("Hà Tĩnh", "tỉnh Hà Tĩnh", "Thành
 * phố Huế"): "UBND tỉnh" in a plan is then that province's committee, and a
 * department named with another province ("Sở Tài chính tỉnh Nghệ An") is
 * not the home's "Sở Tài chính". NULL or "" clears it. Returns 0, or -1 when
 * the registry knows no such province (the home is left unchanged).
 */
int agency_registry_set_home(struct agency_registry *r, const char *province);

/** The home province's name as the registry writes it, or NULL. */
const char *agency_registry_home(const struct agency_registry *r);

/** The province a name or phrase ends with ("UBND tỉnh Hà Tĩnh" -> "Hà
 *  Tĩnh"), or NULL. */
const char *agency_province(const char *text);

/** The People's Committee of a province: "UBND tỉnh Hà Tĩnh", "UBND thành
 *  phố Huế". New string. */
char *agency_province_ubnd(const char *province);

/** What a body or province became in the 2025 reorganisation ("Bộ Kế hoạch
 *  và Đầu tư" -> "Bộ Tài chính", "Yên Bái" -> "Lào Cai"), or NULL when it
 *  was not merged away. */
const char *agency_successor(const char *name);

/** Adds alias -> canonical; canonical need not be in the table yet. Returns 0,
 *  or -1 when alias is empty. */
int agency_registry_add_alias(struct agency_registry *r, const char *alias, const char *canonical);

/** The canonical name for one body as printed, or NULL when unknown. */
const char *agency_canonical(const struct agency_registry *r, const char *name, unsigned flags);

/** The group label for a collective phrase ("các sở, ngành liên quan" ->
 *  "Các sở, ban, ngành"), or NULL. */
const char *agency_group(const char *phrase, unsigned flags);

/**
 * Splits an agency list as printed and appends each body (canonical where
 * known, else as printed, trimmed) to bodies and each collective phrase's
 * label to groups, without duplicates. unknown, when not NULL, receives the
 * bodies that were not in the registry. Returns the number of items found.
 */
size_t agency_split(const struct agency_registry *r, const char *list, unsigned flags,
		    struct strlist *bodies, struct strlist *groups, struct strlist *unknown);

/**
 * agency_split() for a table cell whose source broke it into lines
 * (doc_cell.lines: "Sở Tài chính\nSở Nông nghiệp và Môi trường"): a break
 * separates bodies, so each line is split on its own and the lines' items
 * are appended in order. When a line does not read as an agency list
 * (agency_looks_like: a name wrapped by hand, "(chủ trì)"), the breaks are
 * read as spaces instead, text is split as agency_split() does, and *doubt
 * is set. lines NULL (a one-line cell): agency_split() of text. Returns the
 * number of items found.
 */
size_t agency_split_lines(const struct agency_registry *r, const char *text, const char *lines,
			  unsigned flags, struct strlist *bodies, struct strlist *groups,
			  struct strlist *unknown, bool *doubt);

/** True when s reads as an agency list (a Sở, UBND, Ban, Hội, Công an ...
 *  or a group phrase), used to put shifted table cells back. */
bool agency_looks_like(const struct agency_registry *r, const char *s, unsigned flags);

/**
 * Reads a leader cell ("Phó Chủ tịch UBND tỉnh, Nguyễn Thành Sinh", "Đồng chí
 * Nguyễn Tuấn Anh - Chủ tịch UBND tỉnh") and returns the person's name as a
 * new string, or NULL when the cell names no person.
 */
char *person_name(const char *cell);

/** Length in bytes of the honorific and title that open s ("Đồng chí Phó
 *  Chủ tịch Thường trực ..."), 0 when s does not open with a title. */
size_t agency_title_len(const char *s);

/** True when s reads as an official's title with a body ("Giám đốc Sở
 *  VHTTDL", "Chủ tịch UBND xã Bắc Hà", "Chánh Thanh tra tỉnh"). */
bool supervisor_looks_like(const char *s);

/** The supervisor cell in canonical form: title plus canonical body
 *  ("Giám đốc Sở VHTTDL" -> "Giám đốc Sở Văn hóa, Thể thao và Du lịch").
 *  New string, or NULL when s is empty. */
char *supervisor_canonical(const struct agency_registry *r, const char *s, unsigned flags);

/** Checks the built-in table: appends to out (when not NULL) one line per key
 *  that data/agencies.tsv gives two different meanings, and returns how many
 *  there are (0 for a sound table). */
size_t agency_table_problems(struct strlist *out);

#endif
