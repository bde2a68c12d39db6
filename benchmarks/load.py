"""Load test: a mix of pages, API and cached audio against gunicorn, with wrk.

    .venv/bin/python benchmarks/load.py [--seconds 30] [--connections 64]

Starts gunicorn with the repository's gunicorn.conf.py on a free loopback
port, warms the audio cache, runs wrk (bounded in time) over a rotating list of
addresses and prints throughput, p99 latency and errors. Exits 1 if any request
failed (a socket error, a timeout, or a status other than 2xx/3xx).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from carevoice_bench.servers import serving
from carevoice_bench.service_access import SLUG
from carevoice_bench.wrk import parse_wrk, run_wrk, socket_error_count

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


def run(seconds: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="carevoice-load-") as temp, \
            serving(Path(temp), ready_path="/readyz", attempts=300, answer_timeout=30,
                    output=subprocess.DEVNULL) as (base, _):
        for path in PATHS:  # warm: audio rendered and cached before the clock runs
            for _ in range(2):
                urllib.request.urlopen(base + path, timeout=60).read()
        script = Path(temp) / "mix.lua"
        script.write_text(LUA % ", ".join(f'"{p}"' for p in PATHS), encoding="utf-8")
        out = run_wrk(base + "/", seconds, connections, ("--timeout", "10s", "-s", str(script)), check=False)
    return parse(out)


def parse(out: str) -> dict:
    result = parse_wrk(out)
    return {
        "requests": result["requests"],
        "rps": result["rps"],
        "p99_ms": result["p99"] * 1000,
        "errors": socket_error_count(result["socket_errors"]) + result["non2xx"],
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
