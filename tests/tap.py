# tap.py - the "ok - NAME" / "not ok - NAME" lines tests/run counts, for the
# Python parts of integration tests (import it with tests/ on sys.path).
#
#   from tap import ok, notok, check, equal, failed
#   ...
#   sys.exit(1 if failed() else 0)

_failures = 0


def ok(name):
    print("ok - " + name)


def notok(name, *detail):
    """A failed check; each detail is printed under it (12 lines at most)."""
    global _failures
    _failures += 1
    print("not ok - " + name)
    for d in detail:
        for line in str(d).splitlines()[:12]:
            print("#   " + line)


def check(name, cond, *detail):
    if cond:
        ok(name)
    else:
        notok(name, *detail)


def equal(name, got, want):
    check(name, got == want, "got:  %r" % (got,), "want: %r" % (want,))


def failed():
    """How many checks failed so far."""
    return _failures
