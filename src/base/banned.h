/*
 * banned.h - libc functions dondoc must not use (after git's banned.h).
 *
 * Each is unbounded, not reentrant or silently lossy; the replacement is named
 * in docs/CodingGuidelines.md. Using one is a compile error.
 */
#ifndef DONDOC_BANNED_H
#define DONDOC_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(x) BANNED(gmtime)
#undef localtime
#define localtime(x) BANNED(localtime)
#undef atoi
#define atoi(x) BANNED(atoi)

#endif
