/*
 * hash.c - SHA-256 hex and hex encoding (hash.h).
 */
#include "base/compat.h"
#include "base/hash.h"

#include <sodium.h>

void hash_hex(const unsigned char *bin, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 15];
	}
	out[2 * len] = '\0';
}

int hash_sha256_hex(const void *data, size_t len, char hex[HASH_HEX_LEN])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		return -1;
	crypto_hash_sha256(digest, data, len);
	hash_hex(digest, sizeof(digest), hex);
	return 0;
}
