/*
 * xalloc.h - allocation that cannot fail.
 *
 * dondoc is an application: running out of memory is not a condition it can
 * recover from meaningfully, so these wrappers abort with a message instead of
 * returning NULL. Every size that untrusted input can drive is capped by the
 * caller (see sb's max and the reader limits), never by an allocation failure.
 */
#ifndef DONDOC_XALLOC_H
#define DONDOC_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/** Copies a NUL-terminated string; NULL gives NULL. */
char *xstrdup(const char *s);
/** Copies at most n bytes of s and terminates the copy. */
char *xstrndup(const char *s, size_t n);
/** Grows *v (elements of size elsize, capacity *cap) to hold at least need. */
void xgrow(void **v, size_t *cap, size_t need, size_t elsize);

/* A typed growable array: VEC(struct task) tasks; VEC_PUSH(&tasks) returns a
 * zeroed new slot. Release the array with free(v.v) after freeing elements. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec)                                                            \
	(xgrow((void **)&(vec)->v, &(vec)->cap, (vec)->n + 1, sizeof(*(vec)->v)), \
	 memset(&(vec)->v[(vec)->n], 0, sizeof(*(vec)->v)), &(vec)->v[(vec)->n++])

#endif
