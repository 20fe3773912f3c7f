/*
 * agency_reg.h - the registry's table and name matching: the rows of
 * data/agencies.tsv indexed once (bodies, groups, provinces, successors,
 * titles, surnames ...), the registry of aliases and the home province, and
 * the resolution of one name by key, variants, the UBND pattern and edit
 * distance. Internal to src/extract/agency*.c.
 */
#ifndef DONDOC_AGENCY_REG_H
#define DONDOC_AGENCY_REG_H

/* Each function is documented at its definition. */

#include "extract/agency.h"
#include "extract/agency_tok.h"
#include "base/sb.h"
#include "model/plan.h"

/* Inputs longer than this are not agency lists or leader cells; only their
 * head is read, which bounds the work any input can cause. */
#define LIST_CAP 8192
/* Longest word run the in-piece segmentation looks at. */
#define MAX_SEG_WORDS 16
/* Longest key the edit-distance match looks at. */
#define MAX_FUZZY_KEY 120

enum ekind { E_BODY, E_GROUP };
enum rkind { R_NONE, R_BODY, R_GROUP, R_FILLER };

struct agency_row {
	const char *kind, *name, *aliases;
};

struct entry {
	const char *name; /* display form; static or in table.owned */
	enum ekind kind;
};

/* A key the edit-distance match may reach. */
struct fkey {
	const char *key; /* in names.keys, prefix stripped */
	size_t len;
	int entry;
	bool group;
};

/* The words a collective phrase of one group label is made of: "các sở,
 * ban, ngành, đoàn thể" is Các sở, ban, ngành in any order or choice. */
struct vocab {
	int entry;
	struct seqmap words;
};

struct table {
	VEC(struct entry) entries;
	VEC(char *) owned;
	VEC(const char *) disp; /* display strings for the word maps */
	VEC(struct fkey) fuzzy;
	struct smap names; /* body key, "#" group key, "!" national group key -> entry */
	struct seqmap abbr; /* folded abbreviation -> disp index of folded expansion */
	struct seqmap noise, sep, level, province, title, honorific, surname, head;
	struct seqmap successor; /* normalised key of a former body or province -> disp */
	struct smap surname_exact; /* lower case with marks */
	struct seqmap title_exact; /* lower case with marks: "trưởng" is not "trường" */
	VEC(int) levels; /* disp indexes of the level rows, in data order */
	struct strlist problems; /* keys the data gives two meanings */
	VEC(struct vocab) vocab; /* group-words rows */
	size_t max_pieces; /* most list pieces (",", "và") any name spans */
	size_t max_words; /* most words in any name's key */
};

struct alias {
	char *canonical;
	bool group;
};

struct agency_registry {
	int home; /* disp index of the home province, -1 when none */
	struct smap keys; /* body key -> index into aliases */
	VEC(struct alias) aliases;
	VEC(struct fkey) fuzzy;
};

struct res {
	enum rkind kind;
	struct sb name;
	bool known; /* in the registry, or read by the UBND pattern */
	int level; /* disp index of a UBND body's level, or -1 */
	const char *ref; /* the registry's own copy of name, when it has one */
};

struct ctx {
	const struct agency_registry *r;
	unsigned flags;
	struct toks k;
};

/* The table built from data/agencies.tsv at first use (ag_table_init()). */
extern struct table ag_tab;

bool ag_find_body(const struct agency_registry *r, const struct words *w, struct res *out);
bool ag_find_body_key(const struct agency_registry *r, const char *key, struct res *out);
bool ag_find_fuzzy(const struct agency_registry *r, const struct words *w, bool bodies_only,
		       struct res *out);
bool ag_find_group(const struct words *w, unsigned flags, struct res *out);
bool ag_is_ubnd_at(const struct words *w, size_t i);
bool ag_level_is_commune(int level);
bool ag_resolve_span(const struct ctx *c, size_t t0, size_t t1, bool single, bool fuzzy,
			 struct res *out);
int ag_first_level(const struct words *w);
void ag_add_clean(struct sb *out, const char *s, size_t len);
void ag_add_raw(const struct toks *k, size_t t0, size_t t1, struct sb *out);
void ag_res_set(struct res *out, enum rkind kind, const char *name, bool known);
void ag_table_init(void);

#endif
