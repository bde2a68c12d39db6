"""Access lines without the visitor: time, method, path and status only
(see service/logs.py), whichever gunicorn worker writes them."""

from __future__ import annotations

import json
import logging
import time

from gunicorn.glogging import Logger


class AccessLineWithoutVisitor(logging.Filter):
    """uvicorn's access line names the client's address and the query string;
    ours names neither (see service/logs.py): method, path and status only."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            _client, method, full_path, _version, status = record.args
        except (TypeError, ValueError):
            return False  # not the line we know: better unlogged than leaking
        record.msg = json.dumps({
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "method": method, "path": full_path.split("?", 1)[0], "status": status,
        })
        record.args = ()
        return True


class GunicornAccessLine(Logger):
    """gunicorn's logger, for gunicorn's own workers (the threaded fallback in
    the README): their access line is JSON (gunicorn.conf.py), so each value
    in it is escaped as JSON; gunicorn escapes only double quotes, and a
    decoded path may hold a backslash or a line break."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # gunicorn's SafeAtoms escapes the double quotes afterwards.
        return {key: json.dumps(value)[1:-1].replace('\\"', '"') if isinstance(value, str) else value
                for key, value in atoms.items()}
