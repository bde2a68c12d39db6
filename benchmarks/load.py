"""Load test: a mix of pages, API and cached audio against gunicorn, with wrk.

    .venv/bin/python benchmarks/load.py [--seconds 30] [--connections 64]

Starts gunicorn with the repository's gunicorn.conf.py on a free loopback
port, warms the audio cache, runs wrk (bounded in time) over a rotating list of
addresses and prints throughput, p99 latency and errors. Exits 1 if any request
failed (a socket error, a timeout, or a status other than 2xx/3xx).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SLUG = "stage-4-mesothelioma-surgery"
PATHS = [
    "/en/", "/tr/", f"/en/topics/{SLUG}/", f"/tr/topics/{SLUG}/", "/kiosk/", f"/kiosk/tr/topics/{SLUG}/",
    "/api/v1/languages", "/api/v1/topics?lang=tr", f"/api/v1/topics/{SLUG}?lang=en",
    f"/api/v1/topics/{SLUG}?lang=tr", f"/en/topics/{SLUG}/audio.mp3", f"/tr/topics/{SLUG}/chemotherapy/audio.mp3",
    f"/tr/topics/{SLUG}/chemotherapy/timings.vtt", "/static/carevoice.css", "/static/topic.js",
]
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(seconds: int, connections: int) -> dict:
    port, base = free_port(), None
    with tempfile.TemporaryDirectory(prefix="carevoice-load-") as temp:
        env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "CAREVOICE_CACHE_DIR": f"{temp}/cache",
               "PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(dir=temp)}
        server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
                                  cwd=PROJECT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/readyz", timeout=30).read()
                    break
                except OSError:
                    time.sleep(0.1)
            for path in PATHS:  # warm: audio rendered and cached before the clock runs
                for _ in range(2):
                    urllib.request.urlopen(base + path, timeout=60).read()
            script = Path(temp) / "mix.lua"
            script.write_text(LUA % ", ".join(f'"{p}"' for p in PATHS), encoding="utf-8")
            out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                                  "-s", str(script), base + "/"], capture_output=True, text=True,
                                 timeout=seconds + 60).stdout
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return parse(out)


def parse(out: str) -> dict:
    def seconds(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
        return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": seconds(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)) * 1000,
        "errors": (sum(map(int, errors.groups())) if errors else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
        "raw": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    result = run(args.seconds, args.connections)
    print(f"load: {args.seconds} s, {args.connections} connections, {len(PATHS)} addresses (pages, API, cached audio)")
    print(f"  {result['requests']} requests, {result['rps']:.0f} requests/s, p99 {result['p99_ms']:.1f} ms, "
          f"{result['errors']} errors")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
