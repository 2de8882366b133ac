#!/usr/bin/python3
"""Times `sopctl shell`'s warm commands (not a test; bench/ssh-fanout.sh runs it).

    shell-warm.py --port PORT --prefix 127.0.0. [--times 2] [--timeout 120] -- LAUNCHER ARGS... shell

Starts the shell on a pseudo-terminal (it refuses to run without one), waits for its prompt, and
types `exec --on all -- true` --times times. Each command is timed from the Enter key to the next
prompt, as an operator sees it. Before and after every command it lists the established TCP
connections to PORT on addresses starting with PREFIX (`ss -tn`): a warm command must reuse the
connections of the first, so the set of client ports stays the same.

Prints one line per command: `cmd K SECONDS new=NEW gone=GONE open=OPEN`, where NEW and GONE count
the connections that appeared and went away during that command; exit status 1 when the shell did
not answer, or a command failed.
"""
import argparse
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time

PROMPT = re.compile(rb"sopctl\[[^\]\r\n]*\]> ")


def connections(port, prefix):
    """The set of (local, peer) pairs of established connections to prefix*:port."""
    out = subprocess.run(["ss", "-Htn", "state", "established", "( dport = :%d )" % port],
                         capture_output=True, text=True, check=True).stdout
    pairs = set()
    for line in out.splitlines():
        f = [w.replace("[::ffff:", "").replace("]", "") for w in line.split()]  # Java's IPv4-mapped form
        if len(f) >= 4 and f[3].startswith(prefix):
            pairs.add((f[2], f[3]))
    return pairs


class Shell:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "dumb"
            os.environ["COLUMNS"] = "200"
            os.execvp(argv[0], argv)
        self.seen = b""

    def read_until(self, pattern, timeout):
        """Reads until pattern matches what came since the last call; the time it matched, or None."""
        deadline = time.monotonic() + timeout
        while True:
            m = pattern.search(self.seen)
            if m:
                self.before = self.seen[:m.start()]
                self.seen = self.seen[m.end():]
                return time.monotonic()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return None
                if not chunk:
                    return None
                self.seen += chunk

    def drain(self, quiet):
        """Reads whatever arrives until nothing has for `quiet` seconds."""
        while True:
            r, _, _ = select.select([self.fd], [], [], quiet)
            if not r:
                return
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk

    def type(self, text):
        os.write(self.fd, text.encode())

    def stop(self):
        try:
            self.type("exit\r")
            for _ in range(50):
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    return
                time.sleep(0.1)
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--prefix", required=True)
    p.add_argument("--times", type=int, default=2)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--command", default="exec --on all -- true")
    p.add_argument("argv", nargs="+")
    a = p.parse_args()

    shell = Shell(a.argv)
    failed = False
    try:
        if shell.read_until(PROMPT, a.timeout) is None:
            sys.stderr.write("shell-warm: no prompt from %s; it said:\n%s\n"
                             % (" ".join(a.argv), shell.seen.decode(errors="replace")[-2000:]))
            return 1
        for k in range(1, a.times + 1):
            shell.type(a.command)
            shell.drain(0.3)   # the echo of the typed line, before the clock starts
            shell.seen = b""
            before = connections(a.port, a.prefix)
            start = time.monotonic()
            shell.type("\r")
            end = shell.read_until(PROMPT, a.timeout)
            if end is None:
                sys.stderr.write("shell-warm: command %d did not return to the prompt within %ss:\n%s\n"
                                 % (k, a.timeout, shell.seen.decode(errors="replace")[-2000:]))
                return 1
            output = shell.before
            after = connections(a.port, a.prefix)
            if b"(exit " in output:
                failed = True
                sys.stderr.write("shell-warm: command %d failed:\n%s\n" % (k, output.decode(errors="replace")[-2000:]))
            print("cmd %d %.3f new=%d gone=%d open=%d"
                  % (k, end - start, len(after - before), len(before - after), len(after)), flush=True)
    finally:
        shell.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
