#!/usr/bin/env python3
"""The SOC's side of the demo: a local webhook that prints every DriftWatch notice it receives.

Usage: webhook_receiver.py PORT_FILE [SECRET]
Listens on a free loopback port, writes that port to PORT_FILE once it is listening, prints one line per
notice on stdout, and appends each raw body to PORT_FILE + ".jsonl" (what demo/run.sh waits on).
With SECRET, it checks X-DriftWatch-Signature (sha256=HMAC(secret, body)) and says whether it matched.
"""
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT_FILE = sys.argv[1]
SECRET = sys.argv[2].encode() if len(sys.argv) > 2 else None

def inert(value):
    """Actor, user agent and reasons come from whoever made the API call: show control characters, never obey them."""
    text = "" if value is None else str(value)
    return "".join(c if c.isprintable() else "\\u%04x" % ord(c) for c in text)

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        signature = "unsigned"
        if SECRET is not None:
            expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
            given = self.headers.get("X-DriftWatch-Signature", "")
            signature = "signature ok" if hmac.compare_digest(expected, given) else "SIGNATURE MISMATCH"
        try:
            notice = json.loads(body)
        except ValueError:
            self.send_response(400)
            self.end_headers()
            return
        cause = notice.get("cause") or {}
        reasons = "; ".join(inert(r) for r in notice.get("reasons") or [])
        what = (
            f"{inert(cause.get('eventName'))} in {inert(cause.get('region'))} by {inert(cause.get('actor'))} "
            f"from {inert(cause.get('sourceIp'))} ({inert(cause.get('userAgent'))})"
            + (f", refused: {inert(cause.get('errorCode'))}" if cause.get("errorCode") else "")
            if cause.get("kind") == "event"
            else "found by the periodic sweep"
        )
        print(
            f"  SOC <- {inert(notice.get('type'))} [{inert(notice.get('kind'))}] {inert(notice.get('incidentId'))}: account {inert(notice.get('account'))} "
            f"is {inert(notice.get('status'))}; {what}; {signature}\n"
            f"         reasons: {reasons}",
            flush=True,
        )
        with open(PORT_FILE + ".jsonl", "ab") as log:
            log.write(body.replace(b"\n", b" ") + b"\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass  # one line per notice is the point; no access log

server = HTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
# Renamed into place so the waiting script never reads a half-written port.

os.replace(PORT_FILE + ".tmp", PORT_FILE)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
