/*
 * hash.h - SHA-256 (libsodium's crypto_hash_sha256) as lower-case hex, and
 * hex encoding: the one helper for document hashes, evidence names and
 * message fingerprints.
 */
#ifndef DONDOC_HASH_H
#define DONDOC_HASH_H

#include <stddef.h>

#define HASH_HEX_LEN 65 /* 64 hex digits and the NUL */

/** Writes the SHA-256 of data[0..len) as 64 hex digits into hex. Returns 0,
 *  or -1 when libsodium cannot initialise. */
int hash_sha256_hex(const void *data, size_t len, char hex[HASH_HEX_LEN]);
/** Lower-case hex of bin[0..len) into out (2 * len + 1 bytes). */
void hash_hex(const unsigned char *bin, size_t len, char *out);

#endif
