"""Processes on this machine: free loopback ports, the process tree read from
/proc, what a process has used (CPU, peak memory), and stopping a process
with all it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from .report import log

HOST = "127.0.0.1"
QUIET_TIMEOUT = 20.0     # seconds a started server may take to go quiet

# Every process a benchmark starts, so that the run stops them all on the way out.
STARTED: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process {proc.args[0]} exited with {proc.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {HOST}:{port} after {timeout:g} s")


def ppid_map() -> dict[int, int]:
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: split after the last ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        out[int(entry)] = int(fields[1])
    return out


def children(pid: int, parents: dict[int, int] | None = None) -> list[int]:
    parents = parents if parents is not None else ppid_map()
    return sorted(p for p, pp in parents.items() if pp == pid)


def descendants(pid: int) -> list[int]:
    parents = ppid_map()
    found, todo = [], [pid]
    while todo:
        for child in children(todo.pop(), parents):
            found.append(child)
            todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def vm_hwm_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_ticks(pids: list[int]) -> int:
    """User plus system clock ticks the processes have used (gone ones count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total


def wait_quiet(pids: list[int], timeout: float = QUIET_TIMEOUT) -> float:
    """Until the processes use under a tenth of a core for half a second (a
    speech worker that exists may still be starting its engine). Returns
    the seconds waited."""
    start = time.monotonic()
    tick = os.sysconf("SC_CLK_TCK")
    before = cpu_ticks(pids)
    while time.monotonic() - start < timeout:
        time.sleep(0.5)
        now = cpu_ticks(pids)
        if now - before < 0.05 * tick:
            break
        before = now
    return time.monotonic() - start


def stop_process(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30.0) -> None:
    if proc.poll() is not None:
        return
    try:
        proc.send_signal(sig)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def start_time(pid: int) -> str | None:
    """The process's start time (field 22 of /proc/<pid>/stat): a pid plus this names one process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rfind(")") + 2:].split()[19]


def stop_tree(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30.0) -> None:
    """Stop ``proc``, then anything it started that outlived it (by pid)."""
    tree = [(pid, start_time(pid)) for pid in descendants(proc.pid)] if proc.poll() is None else []
    stop_process(proc, sig, timeout)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(start_time(p) == t for p, t in tree):
        time.sleep(0.1)
    for pid, started in tree:
        if started is not None and start_time(pid) == started:  # the same process, still there
            try:
                os.kill(pid, signal.SIGKILL)
                log(f"killed leftover process {pid}: {cmdline(pid)[:80]}")
            except ProcessLookupError:
                pass
