# smtpd.py - a real SMTP receiver on 127.0.0.1 for the tracking test
# (Debian python3-aiosmtpd). Picks a free port, writes it to PORTFILE, and
# stores every message it accepts as OUTDIR/NNN.eml (envelope recipients in
# NNN.rcpt). Exits on SIGTERM or after LIFETIME seconds, whichever is first.
#
#   python3 smtpd.py PORTFILE OUTDIR [LIFETIME]
import os
import signal
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, outdir):
        self.outdir = outdir
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.outdir, "%03d" % self.n)
        with open(base + ".rcpt", "w", encoding="utf-8") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
            f.write("from " + envelope.mail_from + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    portfile, outdir = sys.argv[1], sys.argv[2]
    lifetime = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
    os.makedirs(outdir, exist_ok=True)
    port = free_port()
    ctl = Controller(Saver(outdir), hostname="127.0.0.1", port=port)
    ctl.start()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(portfile + ".tmp", portfile)
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    deadline = time.time() + lifetime
    while not stop and time.time() < deadline:
        time.sleep(0.1)
    ctl.stop()


if __name__ == "__main__":
    main()
