"""Benchmarks of the audio pipeline against reference points, side by side.

Run by ``make bench`` (``.venv/bin/python benchmarks/run.py``). Prints a
Markdown table (metric, ours, reference, ratio, target, result) and writes the
same table to ``benchmarks/results/latest.md``. The exit status is 0 even when
a target is missed: this is a report; the missed targets are listed below the
table.

1. Cold render of the whole seed topic (English) to MP3 through our pipeline,
   against ``espeak-ng -s <rate> -v en-us --stdout -f text.txt | lame -b 32 -q 7``
   on the same spoken text. Median of 5 each, a fresh cache per run, the
   speech workers started before the clock runs. Target: ours/reference <= 1.5.
2. Time to the first audio byte of a cold section request under gunicorn
   (1 web worker), every section in en and tr, cache emptied before each.
   Target: <= 50 ms (median and max).
3. Linearity: the topic's text x16 over x1, rendered with utterance caching
   off (synthesis + MP3). Target <= 17. Context: pyttsx3 used naively (one
   utterance for the whole text) at x1 and x4.
4. Cached MP3 requests per second, the app under gunicorn (default settings,
   2 web workers) against nginx (sendfile) serving the same file, wrk -t2 -c16.
   Target: app/nginx >= 0.5. Context: the ceiling, benchmarks/ceiling_app.py
   (nothing but the bytes) under the same gunicorn settings, which is what the
   server itself allows on this machine; and the app under gunicorn's
   threaded worker, the setting before service/serving/asgi.py.
5. Peak memory (VmHWM) of the gunicorn web workers and their speech workers,
   after metric 2 and after the load of metric 4. Reported, no target.

Only 127.0.0.1 is used. Every process started here is stopped on the way out.
Everything runs under ``if __name__ == "__main__":`` because the service
starts its speech workers with multiprocessing's "spawn", which re-imports
this module in each of them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

# benchmarks/carevoice_bench, found beside this file; it imports the service
# only when a metric runs, so the speech workers' re-import of this module stays light.
from carevoice_bench.linearity import metric_linearity
from carevoice_bench.memory import memory_rows
from carevoice_bench.processes import STARTED, stop_process
from carevoice_bench.render import metric_render
from carevoice_bench.report import Report, log
from carevoice_bench.servers import ROOT
from carevoice_bench.throughput import metric_throughput
from carevoice_bench.ttfb import metric_ttfb

RESULTS = ROOT / "benchmarks" / "results"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="carevoice benchmarks (see the module's docstring)")
    parser.add_argument("--only", type=int, choices=(1, 2, 3, 4), action="append",
                        help="run only this metric (repeatable); the table is printed, not saved")
    only = set(parser.parse_args(argv).only or ())
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    for tool in ("espeak-ng", "lame", "nginx", "wrk"):
        if shutil.which(tool) is None:
            print(f"missing tool: {tool} (make bench installs it)", file=sys.stderr)
            return 0
    load_at_start = f"{os.getloadavg()[0]:.2f}"
    report = Report()
    memory: dict = {}
    work = Path(tempfile.mkdtemp(prefix="carevoice-bench-"))
    work.chmod(0o755)
    try:
        for number, name, run in (
            (1, "1. cold render, whole topic en → MP3", lambda: metric_render(report, work)),
            (2, "2. TTFB cold section", lambda: metric_ttfb(report, work, memory)),
            (3, "3. linearity x16 / x1", lambda: metric_linearity(report, work)),
            (4, "4. cached MP3 requests/s", lambda: metric_throughput(report, work, memory)),
        ):
            if only and number not in only:
                continue
            try:
                run()
            except Exception as error:  # noqa: BLE001 - one broken metric must not hide the others
                log(f"{name}: failed: {type(error).__name__}: {error}")
                report.error(name, error)
        memory_rows(report, memory)
    finally:
        for proc in STARTED:
            stop_process(proc)
        shutil.rmtree(work, ignore_errors=True)

    missed = report.missed()
    text = report.document(load_at_start)
    print()
    print(text)
    if not only:  # a partial run does not replace the record of a whole one
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    if missed:
        print("MISSED TARGETS:\n" + "\n".join(f"  - {m}" for m in missed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
