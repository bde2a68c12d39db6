"""gunicorn settings for `make serve` (and production; see README "Deploying").

Each worker process owns its own speech workers (espeak-ng's state is
process-global), so workers x SPEECH_WORKERS engines run in all.
"""

import os
import tempfile

# Each worker writes its metrics here and /metrics adds them up; set before any
# worker imports prometheus_client.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="carevoice-metrics-"))

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# gunicorn's control socket (for `gunicornc -s PATH`) has one default path per
# user: a second instance, on another port or from the test suite, would take
# it over, and a command meant for one would reach the other. One per port.
_runtime = os.environ.get("XDG_RUNTIME_DIR")
control_socket = os.path.join(
    _runtime if _runtime and os.path.isdir(_runtime) else os.path.expanduser("~/.gunicorn"),
    f"carevoice-{os.environ.get('PORT', '8000')}.ctl",
)
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# uvicorn's event loop in each worker, with the Flask app behind a bridge of
# threads (service/serving/asgi.py says why): the threads let one worker stream audio
# while it serves pages.
worker_class = "service.serving.worker.Worker"  # uvicorn's, with our access line
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# The app, when the command line names none (`make serve` and the tests name none).
wsgi_app = f"service.serving.asgi:create_asgi_app(threads={threads})"
timeout = 60
graceful_timeout = 20
keepalive = 5
# Request size limits are the app's (service/serving/request_limits.py): gunicorn's
# limit_request_* settings bind only its own workers, not uvicorn's.
# The reverse proxy in front usually logs every request; a second log line per
# request here costs about a fifth of the cached-audio throughput (measured with
# wrk), so it is a switch: GUNICORN_ACCESS_LOG=1.
# No query strings or client addresses: the access log must hold no personal
# data. uvicorn writes the line and service.serving.worker.Worker rewrites it; the
# format below is for gunicorn's own workers (README, the threaded fallback).
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") == "1" else None
access_log_format = '{"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "ms": %(M)s}'
logger_class = "service.serving.access_log.GunicornAccessLine"  # makes that line valid JSON whatever the path
errorlog = "-"


def post_worker_init(worker):
    """Start this worker's speech engines in the background while it serves."""
    import threading

    from service.speech import warm

    # The ASGI front holds the Flask app; a WSGI worker given 'service:create_app()' has it as is.
    flask_app = getattr(worker.wsgi, "flask_app", worker.wsgi)
    threading.Thread(target=warm, args=(flask_app,), name="carevoice-warm", daemon=True).start()


def child_exit(server, worker):
    """A worker that exits leaves its live gauges behind unless marked dead."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
