"""webtest.py - what the web integration tests (tests/integration/web*.sh)
share: TAP lines ("ok - ", "not ok - ") with a failure count, and HTTP to
the server under test on 127.0.0.1 carrying the session cookie.

A script puts tests/ on sys.path, imports this module, sets webtest.PORT and
ends with sys.exit(1 if webtest.failures else 0)."""
import http.client
import re
import urllib.parse

PORT = None
failures = 0
COOKIE = "__Host-dondoc"


def ok(name):
    print("ok - " + name)


def notok(name, *detail):
    global failures
    failures += 1
    print("not ok - " + name)
    for d in detail:
        print("#   " + str(d)[:600])


def check(name, cond, *detail):
    ok(name) if cond else notok(name, *detail)


class Resp:
    def __init__(self, r):
        self.status = r.status
        self.headers = r.getheaders()
        self.body = r.read().decode("utf-8", "replace")

    def header(self, name):
        """Every value of the header name (a list)."""
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def first(self, name):
        """The first value of the header name, or ""."""
        v = self.header(name)
        return v[0] if v else ""


def request(method, path, body=None, headers=None, sid=None, timeout=30):
    """One request; a dict body is sent as a form."""
    c = http.client.HTTPConnection("127.0.0.1", int(PORT), timeout=timeout)
    h = dict(headers or {})
    if sid:
        h["Cookie"] = COOKIE + "=" + sid
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    c.request(method, path, body=body, headers=h)
    r = Resp(c.getresponse())
    c.close()
    return r


def sid_of(r):
    """The session id a response sets, and its Set-Cookie line."""
    for v in r.header("Set-Cookie"):
        m = re.match(COOKIE + r"=([0-9a-f]{64});", v)
        if m:
            return m.group(1), v
    return None, None


def session(user, pw, old=None):
    """Logs in: the new session id (None when refused) and the response."""
    r = request("POST", "/login", {"login": user, "password": pw}, sid=old)
    return sid_of(r)[0], r


def csrf_of(html):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    return m.group(1) if m else ""
