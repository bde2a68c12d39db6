"""Metric 2: time to the first audio byte of a cold section request under
gunicorn (1 web worker), every section in en and tr, cache emptied before each."""

from __future__ import annotations

import http.client
import shutil
import tempfile
import time
from pathlib import Path

from .processes import HOST
from .report import Report, fmt_ms, log, median
from .servers import Gunicorn
from .service_access import LANGS, SECTIONS, SLUG


def metric_ttfb(report: Report, work: Path, memory: dict) -> None:
    log("metric 2: time to first audio byte of cold section requests (gunicorn, 1 worker)")
    cache_dir = Path(tempfile.mkdtemp(prefix="cache-ttfb-", dir=work))
    server = Gunicorn(1, cache_dir, work / "gunicorn-ttfb.log")
    try:
        ready = server.wait_ready()
        log(f"gunicorn ready in {ready:.1f} s")
        times, failures, durations = {}, [], []
        for lang in LANGS:
            for section in SECTIONS:
                for kind in ("audio", "utterances"):
                    shutil.rmtree(cache_dir / kind, ignore_errors=True)
                path = f"/{lang}/topics/{SLUG}/{section}/audio.mp3"
                conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
                try:
                    conn.connect()
                    start = time.perf_counter()
                    conn.request("GET", path)
                    resp = conn.getresponse()
                    first = resp.read(1)
                    ttfb = time.perf_counter() - start
                    rest = resp.read()  # let the render finish before the next request
                    total = time.perf_counter() - start
                finally:
                    conn.close()
                if resp.status != 200 or not first:
                    failures.append(f"{path}: HTTP {resp.status} {rest[:200]!r}")
                    continue
                times[(lang, section)] = ttfb
                durations.append(total)
        web, speech = server.memory()
        memory["after TTFB (1 web worker)"] = (web, speech)
        problems = server.log_problems()
    finally:
        server.stop()
        shutil.rmtree(cache_dir, ignore_errors=True)
    if not times:
        raise RuntimeError("no section request succeeded: " + "; ".join(failures))
    values = list(times.values())
    slowest = max(times, key=times.get)
    report.row(f"2. TTFB cold section, median of {len(values)} (en+tr × 7)", fmt_ms(median(values)),
               "—", "—", "≤ 50 ms", median(values) <= 0.050 and not failures)
    report.row("2. TTFB cold section, max", f"{fmt_ms(max(values))} ({slowest[0]}/{slowest[1]})",
               "—", "—", "≤ 50 ms", max(values) <= 0.050 and not failures)
    report.note("metric 2 TTFB by request (ms): " + ", ".join(
        f"{lang}/{section} {t * 1000:.0f}" for (lang, section), t in times.items()))
    firsts = {lang: times.get((lang, SECTIONS[0])) for lang in LANGS}
    rest = [t for (lang, section), t in times.items() if section != SECTIONS[0]]
    if rest and all(firsts.values()):
        report.note("metric 2 first request of each language: " + ", ".join(
            f"{lang} {t * 1000:.0f} ms" for lang, t in firsts.items())
            + f"; the other {len(rest)}: median {median(rest) * 1000:.0f} ms, max {max(rest) * 1000:.0f} ms")
    report.note(f"metric 2 whole cold section responses: median {median(durations) * 1000:.0f} ms, "
                f"max {max(durations) * 1000:.0f} ms")
    for failure in failures:
        report.note(f"metric 2 failure: {failure}")
    for line in problems[:10]:
        report.note(f"gunicorn log (metric 2): {line}")
