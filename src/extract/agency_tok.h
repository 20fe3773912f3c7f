/*
 * agency_tok.h - the registry's word machinery: string maps and word-sequence
 * maps, the tokenizer that cuts a name or list into words and punctuation, and
 * the folding keys names are matched on (abbreviations expanded, "và" and
 * repeated words dropped). Internal to src/extract/agency*.c.
 */
#ifndef DONDOC_AGENCY_TOK_H
#define DONDOC_AGENCY_TOK_H

/* Each function is documented at its definition. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <utf8proc.h>

#include "base/xalloc.h"

struct sb;

/* A string -> int hash map with open addressing; keys are owned. */
struct smap {
	char **keys;
	int *vals;
	size_t cap, n;
};

/* A map of word sequences ("phoi hop voi") with the longest sequence length. */
struct seqmap {
	struct smap m;
	size_t maxlen;
	/* first word of a key -> the most words of a key that starts with it:
	 * ag_seq_at() tries only those lengths, and none for most words. */
	struct smap first;
};

enum {
	P_WORD = 0,
	P_COMMA = ',',
	P_SEMI = ';',
	P_COLON = ':',
	P_NL = '\n',
	P_OPEN = '(',
	P_CLOSE = ')',
	P_DASH = 'D', /* a dash with space on both sides: "Trung tâm CNTT - Cục …" */
	P_HYPHEN = '-',
	P_SLASH = '/',
	P_DOT = '.',
	P_OTHER = '?',
};

struct tok {
	size_t s, e; /* byte span in the text */
	char *fold; /* words only: the folded word */
	int p; /* P_WORD or a punctuation class */
	int depth; /* bracket depth */
	bool cap; /* first letter upper case */
	bool title; /* upper case first letter, lower case after: a name syllable */
	bool allcaps; /* two or more letters, all upper case: an abbreviation */
	bool digit;
};

struct toks {
	const char *text;
	size_t len;
	VEC(struct tok) t;
	char **low; /* lazily filled: each word in lower case with its marks */
};

/* A normalised word and the tokens [t0, t1) it came from. */
struct word {
	char *w;
	size_t t0, t1;
};

struct words {
	struct word *v;
	size_t n, cap;
};

bool ag_is_ascii(const char *s, size_t len);
char *ag_lower_exact(const char *s, size_t len);
char *ag_plain_key(const char *s);
int ag_seq_at(const struct seqmap *s, const struct words *ws, size_t i, size_t *len);
int ag_smap_get(const struct smap *m, const char *k);
int ag_smap_put(struct smap *m, const char *k, int v);
size_t ag_next_cp(const char *s, size_t len, size_t i, utf8proc_int32_t *cp);
size_t ag_span_words(const struct toks *k, size_t t0, size_t t1, size_t **idx);
void ag_norm_words(const struct words *raw, struct words *out);
void ag_raw_words(const struct toks *k, const size_t *idx, size_t n, struct words *out);
void ag_seq_put(struct seqmap *s, const char *key, int v);
void ag_smap_release(struct smap *m);
void ag_strip_noise(const struct words *in, struct words *out);
void ag_text_words(const char *s, struct words *out);
void ag_tokenize(struct toks *k, const char *text, size_t len);
void ag_toks_release(struct toks *k);
void ag_words_key(const struct words *ws, size_t a, size_t b, struct sb *out);
void ag_words_push(struct words *ws, const char *w, size_t len, size_t t0, size_t t1);
void ag_words_release(struct words *ws);

#endif
