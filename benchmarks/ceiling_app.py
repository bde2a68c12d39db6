"""The least a WSGI app can do to send one file: the ceiling of metric 4.

Every request gets the file named by CEILING_FILE, with no routing, no
checks and no headers beyond type and length. With CEILING_MODE=sendfile it
does what the service's cached-audio shortcut does (open, fstat, the
server's wsgi.file_wrapper, which gunicorn turns into sendfile); with
CEILING_MODE=memory it sends bytes read once at start-up.

Run under the service's own gunicorn worker model (benchmarks/run.py starts
it), it measures gunicorn itself: a rate this app cannot reach, no app under
the same settings can.
"""

import os

FILE = os.environ["CEILING_FILE"]
MODE = os.environ.get("CEILING_MODE", "sendfile")
if MODE not in ("sendfile", "memory"):
    raise SystemExit(f"CEILING_MODE must be sendfile or memory, not {MODE!r}")

with open(FILE, "rb") as held:
    BYTES = held.read() if MODE == "memory" else b""


def app(environ, start_response):
    if MODE == "memory":
        start_response("200 OK", [("Content-Type", "audio/mpeg"), ("Content-Length", str(len(BYTES)))])
        return [BYTES]
    handle = open(FILE, "rb")  # noqa: SIM115 - closed by the file wrapper
    size = os.fstat(handle.fileno()).st_size
    start_response("200 OK", [("Content-Type", "audio/mpeg"), ("Content-Length", str(size))])
    return environ["wsgi.file_wrapper"](handle, 65536)
