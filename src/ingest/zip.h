/*
 * zip.h - reading entries of an Office Open XML container (DOCX, XLSX) safely,
 * on libzip.
 *
 * Every archive is untrusted: zip_safe_open() refuses archives with more
 * entries than limits->max_entries, encrypted entries, entry names that are
 * absolute or climb out with "..", and entries whose declared sizes break the
 * limits; zip_safe_read() inflates one entry with the size and ratio limits
 * enforced while reading (not only from the declared size) and checks the
 * CRC. Errors name the file and the entry.
 */
#ifndef DONDOC_ZIP_H
#define DONDOC_ZIP_H

#include <stdbool.h>
#include <stddef.h>

struct sb;
struct doc_limits;
struct zip_safe;

/** Opens the ZIP in data[0..len) (borrowed: must outlive the handle). NULL
 *  with err set when it is no readable, safe archive. */
struct zip_safe *zip_safe_open(const char *path, const char *data, size_t len,
			       const struct doc_limits *limits, struct sb *err);
void zip_safe_close(struct zip_safe *z);

/** True when the archive has an entry with this exact name. */
bool zip_safe_has(struct zip_safe *z, const char *name);

/** Appends the inflated entry to out. -1 with err set when missing, too big,
 *  too compressed, corrupt or encrypted. */
int zip_safe_read(struct zip_safe *z, const char *name, struct sb *out, struct sb *err);

/*
 * The same, a piece at a time, for parsers that stream (xml.c): the entry is
 * never held whole. zip_safe_entry_read() fills buf with up to cap inflated
 * bytes and returns how many, 0 at the end (the declared size checked), -1
 * with err set when a limit is crossed or the entry is corrupt.
 */
struct zip_entry;
struct zip_entry *zip_safe_entry_open(struct zip_safe *z, const char *name, struct sb *err);
long zip_safe_entry_read(struct zip_entry *e, char *buf, size_t cap, struct sb *err);
void zip_safe_entry_close(struct zip_entry *e);

/** Number of entries and the name of entry i (borrowed), for listing sheets. */
size_t zip_safe_count(struct zip_safe *z);
const char *zip_safe_name(struct zip_safe *z, size_t i);

#endif
