"""What the speech tests share: the cache's files, and a worker to stop or kill."""

import os

from service.speech import renderer


def cache_files(app, suffix=""):
    root = app.config["CACHE_DIR"]
    return sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files if f.endswith(suffix))


def english_worker_pid(app):
    with app.app_context():
        pool = renderer().pool
        pool.warm([("gmw/en-us", app.config["LANGUAGES"]["en"]["rate"])])
        (pid,) = pool.worker_pids("gmw/en-us")
        return pid
