/*
 * auth_int.h - what ops_user.c and ops_session.c share. Not for other layers.
 */
#ifndef DONDOC_AUTH_INT_H
#define DONDOC_AUTH_INT_H

/** out = hex SHA-256 of the NUL-terminated secret s (session id, token). */
void auth_hash_hex(const char *s, char out[65]);
/** out = 64 hex digits of 32 fresh random bytes. 0, or -1 when libsodium
 *  cannot start. */
int auth_random_hex(char out[65]);

#endif
