"""dbtest.py - what a test reads or changes in the database it ran dondoc on,
the same way on both backends.

    import dbtest
    con = dbtest.connect(db)      # a SQLite path or a postgresql:// address
    n = con.execute("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", (1,)).fetchone()[0]

connect() gives sqlite3's connection for a path and, for a PostgreSQL
address, a connection with the same execute()/commit()/close() whose SQL uses
sqlite3's "?" placeholders (turned into psycopg2's). Each statement commits
on its own on PostgreSQL (sqlite3 commits on commit(); tests call it).

As a command, for the shell scripts:

    python3 tests/dbtest.py DB "SELECT ..." [PARAM...]

prints each row's columns separated by tabs."""
import sqlite3
import sys


def is_pg(db):
    return db.startswith("postgresql:") or db.startswith("postgres:")


class _PgConnection:
    def __init__(self, url):
        import psycopg2
        self.con = psycopg2.connect(url)
        self.con.autocommit = True

    def execute(self, sql, params=()):
        cur = self.con.cursor()
        if params:
            cur.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
        else:
            cur.execute(sql)  # no parameters: psycopg2 leaves "%" alone
        return cur

    def commit(self):
        pass

    def close(self):
        self.con.close()


def connect(db):
    """A connection to the database a test ran dondoc on."""
    return _PgConnection(db) if is_pg(db) else sqlite3.connect(db)


def main(argv):
    if len(argv) < 3:
        print("usage: dbtest.py DB SQL [PARAM...]", file=sys.stderr)
        return 2
    con = connect(argv[1])
    cur = con.execute(argv[2], tuple(argv[3:]))
    if cur.description:
        for row in cur.fetchall():
            print("\t".join("" if v is None else str(v) for v in row))
    con.commit()
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
