/*
 * open.h - opening the database the way every face does (the CLI, the web
 * server): the store gets its settings from here, never from the
 * environment itself.
 */
#ifndef DONDOC_APP_OPEN_H
#define DONDOC_APP_OPEN_H

#include <stdbool.h>

struct store;
struct sb;

/**
 * Opens the database at where (a SQLite file or a postgresql:// URL; read
 * only when read_only) with the settings of config.c: the store's clock
 * follows DONDOC_NOW (config_now), a write waits DONDOC_BUSY_MS for the
 * lock, and DONDOC_STORE_FAIL_AFTER=N (tests) puts it behind the fault
 * store, whose Nth write fails (store_fault_new). A malformed DONDOC_NOW is
 * refused.
 */
int app_store_open(const char *where, bool read_only, struct store **out, struct sb *err);

#endif
