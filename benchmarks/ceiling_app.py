"""The least an app can do to send one file: the ceiling of metric 4.

Every request gets the bytes of the file named by CEILING_FILE, read once at
start-up, with no routing, no checks and no headers beyond type and length.
It is an ASGI app, run under the service's own gunicorn worker model
(benchmarks/run.py starts it with gunicorn_ceiling.conf.py), so it measures
the server itself: a rate this app cannot reach, no app under the same
settings can.
"""

import os

with open(os.environ["CEILING_FILE"], "rb") as held:
    BYTES = held.read()
HEADERS = [(b"content-type", b"audio/mpeg"), (b"content-length", str(len(BYTES)).encode())]


async def app(scope, receive, send):
    if scope["type"] != "http":  # lifespan: nothing to start or stop
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BYTES})
