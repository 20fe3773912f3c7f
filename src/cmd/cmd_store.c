/* STUB */
#include "base/compat.h"
#include "cmd/cmd.h"
int cmd_init(struct cli *cli, int argc, char **argv) { return 1; }
int cmd_import(struct cli *cli, int argc, char **argv) { return 1; }
int cmd_plans(struct cli *cli, int argc, char **argv) { return 1; }
int cmd_tasks(struct cli *cli, int argc, char **argv) { return 1; }
int cmd_export(struct cli *cli, int argc, char **argv) { return 1; }
int cmd_agencies(struct cli *cli, int argc, char **argv) { return 1; }
