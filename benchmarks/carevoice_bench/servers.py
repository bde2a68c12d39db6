"""gunicorn running the service on a free loopback port: the measured server
of the benchmarks (`Gunicorn`) and the plain one of the load test and the
test suite (`serving`)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import HOST, QUIET_TIMEOUT, STARTED, children, cmdline, free_port, ppid_map, stop_tree, \
    vm_hwm_kib, wait_port, wait_quiet
from .report import log
from .speech_dirs import remove_our_speech_dirs, speech_temp_dirs

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
SERVICE_CONFIG = ["--config", "gunicorn.conf.py"]  # the service, as `make serve` runs it


def start_gunicorn(env: dict[str, str], output, command: list[str] | None = None) -> subprocess.Popen:
    """gunicorn beside this Python, in the repository, with `command` as its
    arguments (the service by default); its output and errors go to `output`."""
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), *(SERVICE_CONFIG if command is None else command)],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
    )


@contextmanager
def serving(folder: Path, *, ready_path: str = "/healthz", attempts: int = 150, answer_timeout: float = 1,
            output=subprocess.PIPE, **environment: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """The service under gunicorn.conf.py on a free loopback port, with its
    cache and metrics in `folder`, in this environment plus `environment`,
    until `ready_path` answers (tried `attempts` times); yields the base
    address and the process, and stops it with SIGTERM."""
    port = free_port()
    (folder / "metrics").mkdir(parents=True)
    env = {**os.environ, "HOST": HOST, "PORT": str(port), "CAREVOICE_CACHE_DIR": str(folder / "cache"),
           "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"), **environment}
    server = start_gunicorn(env, output)
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(attempts):
            try:
                with urllib.request.urlopen(base + ready_path, timeout=answer_timeout):
                    break
            except OSError:
                time.sleep(0.1)
        yield base, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.communicate(timeout=30)


def clean_environment() -> dict[str, str]:
    """This environment without the settings that would make a run differ from
    the defaults being measured."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("CAREVOICE_")
            and k not in ("GUNICORN_THREADS", "GUNICORN_CMD_ARGS", "GUNICORN_ACCESS_LOG")}


def gunicorn_tree(master: int) -> tuple[list[int], list[int], list[int]]:
    """(web workers, speech workers, other grandchildren) of a gunicorn master.

    Speech workers are the web workers' multiprocessing "spawn" children; the
    other grandchildren are multiprocessing's resource tracker and the like.
    """
    parents = ppid_map()
    web = children(master, parents)
    speech, other = [], []
    for worker in web:
        for grandchild in children(worker, parents):
            (speech if "spawn_main" in cmdline(grandchild) else other).append(grandchild)
    return web, speech, other


class Gunicorn:
    """`gunicorn --config gunicorn.conf.py` (the service, as `make serve` runs it) on a free port.

    With `command`, gunicorn runs those arguments instead (metric 4's ceiling
    app, and the app under the threaded worker; HOST and PORT are in its
    environment); `env` adds to it."""

    def __init__(self, workers: int, cache_dir: Path, log_path: Path,
                 command: list[str] | None = None, env: dict[str, str] | None = None):
        self.port = free_port()
        self.cache_dir = cache_dir
        self.log_path = log_path
        self.workers = workers
        environment = clean_environment()
        environment.update(HOST=HOST, PORT=str(self.port), CAREVOICE_CACHE_DIR=str(cache_dir),
                           WEB_CONCURRENCY=str(workers), **(env or {}))
        self.shm_before = speech_temp_dirs()
        self.speech_pids: set[int] = set()
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = start_gunicorn(environment, self._log, command)
        STARTED.append(self.proc)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Until /readyz answers 200, then until every web worker has started
        its speech workers (post_worker_init warms them in the background)
        and all of them have gone quiet: measurements are of a server at
        rest, not of one still starting. Returns the seconds it took."""
        start = time.monotonic()
        wait_port(self.port, self.proc, timeout)
        deadline = start + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url("/readyz"), timeout=30) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("/readyz did not answer 200 in time")
            time.sleep(0.2)
        # 2 voices x SPEECH_WORKERS (2) per web worker once warm-up is done.
        expected = self.workers * 2 * 2
        warm_deadline = time.monotonic() + 20
        while time.monotonic() < warm_deadline:
            web, speech, _ = gunicorn_tree(self.proc.pid)
            if len(web) >= self.workers and len(speech) >= expected:
                break
            time.sleep(0.1)
        web, speech, _ = gunicorn_tree(self.proc.pid)
        if wait_quiet(web + speech) >= QUIET_TIMEOUT:
            log(f"warning: the server's processes were still busy after {QUIET_TIMEOUT:.0f} s; measuring anyway")
        self.note_speech_pids()
        return time.monotonic() - start

    def note_speech_pids(self) -> None:
        self.speech_pids.update(gunicorn_tree(self.proc.pid)[1])

    def memory(self) -> tuple[list[int], list[int]]:
        """VmHWM (KiB) of every web worker and every speech worker."""
        web, speech, _ = gunicorn_tree(self.proc.pid)
        self.speech_pids.update(speech)
        return ([m for m in map(vm_hwm_kib, web) if m], [m for m in map(vm_hwm_kib, speech) if m])

    def log_problems(self) -> list[str]:
        """Lines of the gunicorn log that look like trouble (not access lines)."""
        self._log.flush()
        text = self.log_path.read_text(errors="replace")
        pattern = re.compile(r"error|exception|traceback|warning|critical|timeout|replaced| 5\d\d ", re.I)
        return [line for line in text.splitlines() if pattern.search(line)]

    def stop(self) -> None:
        if self._log.closed:  # stopped already
            return
        try:
            self.note_speech_pids()
        except Exception:  # noqa: BLE001 - best effort
            pass
        stop_tree(self.proc, signal.SIGTERM, timeout=40)
        self._log.close()
        removed = remove_our_speech_dirs(self.shm_before, self.speech_pids)
        log(f"gunicorn stopped; removed {removed} /dev/shm/carevoice-speech-* folders it left behind")
