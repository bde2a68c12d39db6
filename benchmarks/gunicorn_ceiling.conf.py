"""gunicorn settings for benchmarks/ceiling_app.py (metric 4 of run.py).

The service's worker model, read from its gunicorn.conf.py so the two cannot
drift apart, without that file's hooks (they start speech workers) and
without a control socket. Given to gunicorn with --config: otherwise gunicorn
would load ./gunicorn.conf.py, hooks and all.
"""

import os
import runpy
from pathlib import Path

_service = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))

bind = _service["bind"]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = _service["worker_class"]
threads = _service["threads"]
keepalive = _service["keepalive"]
accesslog = _service["accesslog"]
errorlog = "-"
control_socket_disable = True
