"""wrk, the HTTP load generator: running it and reading its output."""

from __future__ import annotations

import re
import subprocess

UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def run_wrk(url: str, seconds: int, connections: int, options: tuple[str, ...] = (), check: bool = True) -> str:
    """wrk's output after `seconds` of load on `url` from two threads."""
    return subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", *options, "--latency", url],
        capture_output=True, text=True, timeout=seconds + 60, check=check,
    ).stdout


def parse_wrk(out: str) -> dict:
    """Rate, latency (seconds) and failures from wrk --latency's output."""
    result = {"raw": out}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not m:
        raise RuntimeError(f"cannot read wrk's output:\n{out}")
    result["rps"] = float(m.group(1))
    m = re.search(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", out, re.M)
    result["latency_avg"] = parse_duration(m.group(1)) if m else None
    result["latency_max"] = parse_duration(m.group(3)) if m else None
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        result[f"p{pct}"] = parse_duration(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", out)
    result["socket_errors"] = m.group(1).strip() if m else ""
    m = re.search(r"(\d+) requests in", out)
    result["requests"] = int(m.group(1)) if m else None
    return result


def socket_error_count(socket_errors: str) -> int:
    """The sum of wrk's "connect N, read N, write N, timeout N" (0 for none)."""
    m = re.match(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", socket_errors)
    return sum(map(int, m.groups())) if m else 0
