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
   threaded worker, the setting before service/asgi.py.
5. Peak memory (VmHWM) of the gunicorn web workers and their speech workers,
   after metric 2 and after the load of metric 4. Reported, no target.

Only 127.0.0.1 is used. Every process started here is stopped on the way out.
Everything runs under ``if __name__ == "__main__":`` because the service
starts its speech workers with multiprocessing's "spawn", which re-imports
this module in each of them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

# benchmarks/carevoice_bench, found beside this file; it imports only the
# standard library, so the speech workers' re-import of this module stays light.
from carevoice_bench.processes import HOST, STARTED, free_port, stop_process, wait_port
from carevoice_bench.report import Report, elapsed, fmt_ms, fmt_s, log, median
from carevoice_bench.servers import ROOT, Gunicorn
from carevoice_bench.speech_dirs import remove_pool_dir

RESULTS = ROOT / "benchmarks" / "results"
SLUG = "stage-4-mesothelioma-surgery"
SECTIONS = ("introduction", "chemotherapy", "radiation-therapy", "palliative-surgery",
            "clinical-trials", "supportive-care", "choosing-treatment")
LANGS = ("en", "tr")

RENDER_RUNS = 5          # metric 1, each side
LINEAR_X1_RUNS = 6       # metric 3
LINEAR_X16_RUNS = 3
LINEAR_X4_RUNS = 2       # context only, beside pyttsx3 naive x4
NAIVE_RUNS = {1: 3, 4: 2}  # pyttsx3 naive, repeat factor -> runs
WRK_SECONDS = 5
THROUGHPUT_ROUNDS = 3    # metric 4: the app, nginx and the context servers take turns this many times
# Metric 4's context: the app under gunicorn's threaded worker (its setting
# before service/asgi.py), to show what the ASGI front is worth.
THREADED = ["--config", "gunicorn.conf.py", "--worker-class", "gthread", "--threads", "4", "service:create_app()"]
TIME_BUDGET = 180.0      # seconds; optional context measurements are skipped past it


# --- metric 1: cold render of the topic -------------------------------------------

def topic_script(lang: str = "en"):
    """The topic's spoken script, as service/audio_cli.py builds it (needs an app context)."""
    from service.i18n import get_language
    from service.speech import renderer
    from service.web.topics import find_topic, localized

    return renderer().scripts.topic(localized(find_topic(SLUG), lang), get_language(lang))


def spoken_text(script) -> str:
    return " ".join(line.spoken for line in script.lines)


def reference_render(text_path: Path, out_path: Path, rate: int) -> float:
    start = time.perf_counter()
    espeak = subprocess.Popen(
        ["espeak-ng", "-s", str(rate), "-v", "en-us", "--stdout", "-f", str(text_path)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    lame = subprocess.Popen(
        ["lame", "-b", "32", "-q", "7", "-", str(out_path)],
        stdin=espeak.stdout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    espeak.stdout.close()
    lame_rc, espeak_rc = lame.wait(timeout=60), espeak.wait(timeout=60)
    seconds = time.perf_counter() - start
    if lame_rc or espeak_rc or out_path.stat().st_size == 0:
        raise RuntimeError(f"reference pipeline failed (espeak-ng {espeak_rc}, lame {lame_rc})")
    return seconds


def espeak_only(text_path: Path, out_path: Path, rate: int) -> float:
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-s", str(rate), "-v", "en-us", "-w", str(out_path), "-f", str(text_path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return time.perf_counter() - start


def ours_render_once(work: Path) -> tuple[float, int, object]:
    """One cold render in a fresh app with a fresh cache; returns (seconds, bytes, script)."""
    import service
    from service.speech import renderer

    cache_dir = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    app = service.create_app({"TESTING": True, "CACHE_DIR": str(cache_dir)})
    with app.app_context():
        audio = renderer()
        try:
            script = topic_script("en")
            audio.pool.warm([(script.voice, script.rate)])
            start = time.perf_counter()
            rendered = audio.render(script, "mp3")
            size = sum(len(chunk) for chunk in rendered.stream) if rendered.stream is not None \
                else rendered.path.stat().st_size
            seconds = time.perf_counter() - start
            if rendered.stream is None:
                raise RuntimeError("the render came from the cache: the cache was not cold")
        finally:
            audio.close()
            remove_pool_dir(audio.pool)
    shutil.rmtree(cache_dir, ignore_errors=True)
    return seconds, size, script


def metric_render(report: Report, work: Path) -> None:
    log("metric 1: cold render of the whole topic (en, mp3) vs espeak-ng | lame")
    ours, refs, synth_only, sizes = [], [], [], []
    text_path, out_path = work / "text.txt", work / "reference.mp3"
    script = None
    for run in range(RENDER_RUNS):
        seconds, size, script = ours_render_once(work)
        ours.append(seconds)
        sizes.append(size)
        if run == 0:
            text_path.write_text(spoken_text(script), encoding="utf-8")
        refs.append(reference_render(text_path, out_path, script.rate))
        synth_only.append(espeak_only(text_path, work / "reference.wav", script.rate))
    o, r, w = median(ours), median(refs), median(synth_only)
    report.row("1. cold render, whole topic en → MP3 (median of 5)", fmt_s(o),
               f"{fmt_s(r)} (espeak-ng \\| lame)", f"{o / r:.2f}×", "≤ 1.5×", o / r <= 1.5)
    report.row("1. context: same text, espeak-ng -w alone (synthesis, no MP3)", fmt_s(o),
               f"{fmt_s(w)} (espeak-ng -w)", f"{o / w:.2f}×", "context")
    report.note(f"metric 1 runs: ours {[round(x, 3) for x in ours]} s ({sizes[0]} bytes), "
                f"reference {[round(x, 3) for x in refs]} s ({out_path.stat().st_size} bytes); "
                f"{len(script.lines)} lines, {len(spoken_text(script).split())} words, rate {script.rate} wpm")


# --- metric 3: linearity ------------------------------------------------------------

NAIVE_CHILD = textwrap.dedent("""
    import json, sys, threading, time, wave
    import lameenc, pyttsx3
    text_path, wav_path, voice, rate = sys.argv[1:5]
    text = open(text_path, encoding="utf-8").read()
    engine = pyttsx3.init()
    engine.setProperty("voice", voice)
    engine.setProperty("rate", int(rate))
    finished = threading.Event()
    engine.connect("finished-utterance", lambda name, completed: finished.set())
    start = time.perf_counter()
    engine.save_to_file(text, wav_path)
    engine.runAndWait()
    ok = finished.wait(120)
    synth = time.perf_counter() - start
    with wave.open(wav_path, "rb") as audio:
        pcm, sr = audio.readframes(audio.getnframes()), audio.getframerate()
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32); encoder.set_in_sample_rate(sr); encoder.set_channels(1); encoder.set_quality(7)
    mp3 = bytes(encoder.encode(pcm)) + bytes(encoder.flush())
    total = time.perf_counter() - start
    print("RESULT " + json.dumps({"ok": ok, "synth": synth, "total": total,
                                  "audio_seconds": len(pcm) / 2 / sr, "mp3_bytes": len(mp3)}))
""")


def naive_pyttsx3(text: str, voice: str, rate: int, work: Path) -> dict:
    text_path = work / "naive.txt"
    text_path.write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", NAIVE_CHILD, str(text_path), str(work / "naive.wav"), voice, str(rate)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    STARTED.append(proc)
    try:
        out, err = proc.communicate(timeout=150)
    finally:
        stop_process(proc)
    for line in out.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
            if not result["ok"]:
                raise RuntimeError("pyttsx3 never reported finished-utterance")
            return result
    raise RuntimeError(f"pyttsx3 child failed: {err.strip()[-500:]}")


def metric_linearity(report: Report, work: Path) -> None:
    log("metric 3: linearity, topic x16 over x1, utterance caching off")
    import service
    from service.speech import renderer
    from service.speech.script import SpokenScript

    cache_dir = Path(tempfile.mkdtemp(prefix="cache-linear-", dir=work))
    app = service.create_app({"TESTING": True, "CACHE_DIR": str(cache_dir)})
    with app.app_context():
        audio = renderer()
        try:
            audio.cache_utterances = False
            x1 = topic_script("en")
            x4 = SpokenScript(x1.lang, x1.voice, x1.rate, x1.lines * 4, x1.title)
            x16 = SpokenScript(x1.lang, x1.voice, x1.rate, x1.lines * 16, x1.title)
            audio.pool.warm([(x1.voice, x1.rate)])

            def timed(script) -> float:
                shutil.rmtree(cache_dir / "audio", ignore_errors=True)  # no cached MP3
                start = time.perf_counter()
                rendered = audio.render(script, "mp3")
                if rendered.stream is None:
                    raise RuntimeError("the render came from the cache")
                for _ in rendered.stream:
                    pass
                return time.perf_counter() - start

            timed(x1)  # one untimed pass: first use of the render threads and lameenc
            # Interleaved, so that a noisy moment of the machine hits both sizes.
            t1, t4, t16 = [], [], []
            for run in range(max(LINEAR_X1_RUNS, LINEAR_X16_RUNS)):
                if run < LINEAR_X1_RUNS:
                    t1.append(timed(x1))
                if run < LINEAR_X16_RUNS:
                    t16.append(timed(x16))
                if run < LINEAR_X4_RUNS:
                    t4.append(timed(x4))
            restarts = audio.pool.restarts
        finally:
            audio.close()
            remove_pool_dir(audio.pool)
    shutil.rmtree(cache_dir, ignore_errors=True)
    m1, m16 = median(t1), median(t16)
    report.row("3. linearity: render x16 / x1 (synthesis + MP3, no caching)",
               f"x16 {fmt_s(m16)}", f"x1 {fmt_s(m1)}", f"{m16 / m1:.2f}", "≤ 17", m16 / m1 <= 17)
    report.note(f"metric 3 runs: x1 {[round(x, 3) for x in t1]} s, x4 {[round(x, 3) for x in t4]} s, "
                f"x16 {[round(x, 3) for x in t16]} s"
                + (f"; {restarts} speech worker restarts" if restarts else ""))

    # Context: pyttsx3 used naively, one utterance for the whole text.
    text = spoken_text(x1)
    naive = {}
    for factor, runs in NAIVE_RUNS.items():
        if elapsed() > TIME_BUDGET * 0.6:
            report.note(f"pyttsx3 naive x{factor} skipped: time budget")
            continue
        results = [naive_pyttsx3(" ".join([text] * factor), x1.voice, x1.rate, work) for _ in range(runs)]
        naive[factor] = median(r["total"] for r in results)
        report.note(f"pyttsx3 naive x{factor}: total {[round(r['total'], 3) for r in results]} s, synthesis "
                    f"{[round(r['synth'], 3) for r in results]} s, {results[0]['audio_seconds']:.0f} s of audio")
    ours_by_factor = {1: m1, 4: median(t4)}
    for factor, seconds in naive.items():
        ours_ref = ours_by_factor.get(factor)
        report.row(f"3. context: pyttsx3 naive, one utterance, x{factor} (synthesis + MP3)",
                   fmt_s(ours_ref) if ours_ref else "—", f"{fmt_s(seconds)} (naive)",
                   f"{ours_ref / seconds:.2f}×" if ours_ref else "—", "context")
    if 1 in naive and 4 in naive:
        report.row("3. context: x4 / x1, ours vs pyttsx3 naive", f"{median(t4) / m1:.1f}",
                   f"{naive[4] / naive[1]:.1f} (naive)", "—", "context (linear ≈ 4)")
    report.note("pyttsx3 naive x16 not measured (about 45 s, quadratic; see "
                "shared/reference/pyttsx3-espeak-facts.md).")


# --- metric 2: time to first byte --------------------------------------------------

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


# --- metric 4: cached requests per second ---------------------------------------------

NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type audio/mpeg;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen {host}:{port};
        location = /audio.mp3 {{ alias {file}; }}
    }}
}}
"""

UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def wrk(url: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{WRK_SECONDS}s", "--latency", url],
        capture_output=True, text=True, timeout=WRK_SECONDS + 60, check=True,
    ).stdout
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


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as resp:
        if resp.status != 200:
            raise RuntimeError(f"{url}: HTTP {resp.status}")
        return resp.read()


def metric_throughput(report: Report, work: Path, memory: dict) -> None:
    log(f"metric 4: cached MP3 requests/s, gunicorn (2 workers) vs nginx, wrk -t2 -c16, "
        f"{THROUGHPUT_ROUNDS} rounds")
    cache_dir = Path(tempfile.mkdtemp(prefix="cache-rps-", dir=work))
    cache_dir.chmod(0o755)  # nginx's worker (nobody, when we are root) reads the file too
    nginx_dir = Path(tempfile.mkdtemp(prefix="nginx-", dir=work))
    server = Gunicorn(2, cache_dir, work / "gunicorn-rps.log")
    nginx = None
    context: list[Gunicorn] = []
    try:
        ready = server.wait_ready()
        log(f"gunicorn ready in {ready:.1f} s")
        app_url = server.url(f"/en/topics/{SLUG}/audio.mp3")
        start = time.perf_counter()
        cold = fetch(app_url)
        cold_seconds = time.perf_counter() - start
        deadline = time.monotonic() + 10
        files = []
        while time.monotonic() < deadline:
            files = sorted((cache_dir / "audio").glob("**/*.mp3"), key=lambda p: p.stat().st_mtime)
            if files:
                break
            time.sleep(0.05)
        if not files:
            raise RuntimeError("the topic's MP3 did not appear in the cache")
        cached = files[-1]

        port = free_port()
        conf = nginx_dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=nginx_dir, host=HOST, port=port, file=cached))
        nginx = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        STARTED.append(nginx)
        wait_port(port, nginx, 10)
        urls = {"app": app_url, "nginx": f"http://{HOST}:{port}/audio.mp3"}
        context.append(start_ceiling(work, cached))
        urls["ceiling"] = context[-1].url("/audio.mp3")
        context.append(Gunicorn(2, cache_dir, work / "gunicorn-rps-threaded.log", command=THREADED))
        context[-1].wait_ready()
        urls["app, threaded worker"] = context[-1].url(f"/en/topics/{SLUG}/audio.mp3")

        for name, url in urls.items():
            if fetch(url) != cold:
                raise RuntimeError(f"{name} answers other bytes than the cold stream of the app")

        # Every server is up all along and they take turns, so a slow spell of
        # the machine falls on all of them; each ratio pairs runs of one round.
        runs: dict[str, list[dict]] = {name: [] for name in urls}
        for round_number in range(1, THROUGHPUT_ROUNDS + 1):
            for name, url in urls.items():
                runs[name].append(wrk(url))
                log(f"metric 4 round {round_number}: {name} {runs[name][-1]['rps']:.0f}/s")
        web, speech = server.memory()
        memory["after load (2 web workers)"] = (web, speech)
        problems = server.log_problems()
        for other in context:
            problems += [f"({other.log_path.name}) {line}" for line in other.log_problems()]
    finally:
        if nginx is not None:
            stop_process(nginx, signal.SIGQUIT, timeout=10)
        for other in context:
            other.stop()
        server.stop()
        shutil.rmtree(cache_dir, ignore_errors=True)
        shutil.rmtree(nginx_dir, ignore_errors=True)

    def rate(name: str) -> float:
        return median([r["rps"] for r in runs[name]])

    def ratio(name: str, against: str = "nginx") -> float:
        return median([a["rps"] / b["rps"] for a, b in zip(runs[name], runs[against])])

    clean = not any(r["non2xx"] for name in ("app", "nginx") for r in runs[name])
    nginx_rate = f"{rate('nginx'):.0f}/s (nginx)"
    report.row(f"4. cached MP3 ({len(cold) // 1024} KiB) requests/s, wrk -t2 -c16 -d{WRK_SECONDS}s, "
               f"median of {THROUGHPUT_ROUNDS}", f"{rate('app'):.0f}/s (gunicorn, 2 workers)", nginx_rate,
               f"{ratio('app'):.2f}", "≥ 0.5", ratio("app") >= 0.5 and clean)
    latency = {name: median([r["latency_avg"] for r in runs[name]]) for name in ("app", "nginx")}
    p99 = {name: median([r["p99"] for r in runs[name]]) for name in ("app", "nginx")}
    report.row("4. latency under that load, avg (p99)",
               f"{fmt_ms(latency['app'])} ({fmt_ms(p99['app'])})",
               f"{fmt_ms(latency['nginx'])} ({fmt_ms(p99['nginx'])})",
               f"{latency['app'] / latency['nginx']:.1f}×", "context")
    report.row("4. context: cold topic request over HTTP (render + stream)", fmt_s(cold_seconds),
               "—", "—", "context")
    report.row("4. ceiling: benchmarks/ceiling_app.py (bytes only), same gunicorn settings",
               f"{rate('ceiling'):.0f}/s", nginx_rate, f"{ratio('ceiling'):.2f}", "context")
    report.row("4. context: the app against that ceiling", f"{rate('app'):.0f}/s",
               f"{rate('ceiling'):.0f}/s (ceiling)", f"{ratio('app', 'ceiling'):.2f}", "context")
    report.row("4. context: the app under gunicorn's threaded worker (gthread, 4 threads)",
               f"{rate('app, threaded worker'):.0f}/s", nginx_rate, f"{ratio('app, threaded worker'):.2f}",
               "context")
    if ratio("ceiling") < 0.5:
        report.note(f"metric 4: the ceiling app, which does nothing but send the bytes, reaches "
                    f"{ratio('ceiling'):.2f} of nginx under the service's gunicorn settings on this "
                    "machine, so no app under those settings can meet the 0.5 target here; behind nginx, "
                    "CAREVOICE_AUDIO_SENDFILE=x-accel-redirect lets nginx send the bytes (README, Deploying).")
    for name, results in runs.items():
        errors = [f"{r['non2xx']} non-2xx, socket errors: {r['socket_errors']}" for r in results
                  if r["non2xx"] or r["socket_errors"]]
        if errors:
            report.note(f"metric 4 {name}: " + "; ".join(errors))
    report.note("metric 4 requests/s by round: " + "; ".join(
        f"{name} " + ", ".join(f"{r['rps']:.0f}" for r in results) for name, results in runs.items()))
    for line in problems[:10]:
        report.note(f"gunicorn log (metric 4): {line}")


def start_ceiling(work: Path, cached: Path) -> Gunicorn:
    """benchmarks/ceiling_app.py sending `cached`, under the service's gunicorn
    settings and as many web workers as metric 4 gives the app."""
    metrics = Path(tempfile.mkdtemp(prefix="metrics-", dir=work))  # else gunicorn.conf.py makes one
    server = Gunicorn(2, work, work / "gunicorn-ceiling.log",
                      command=["--config", str(ROOT / "benchmarks" / "gunicorn_ceiling.conf.py"),
                               "--chdir", str(ROOT / "benchmarks"), "ceiling_app:app"],
                      env={"CEILING_FILE": str(cached), "PROMETHEUS_MULTIPROC_DIR": str(metrics)})
    try:
        wait_port(server.port, server.proc, 30)
    except Exception:
        server.stop()
        raise
    return server


def memory_rows(report: Report, memory: dict) -> None:
    for when, (web, speech) in memory.items():
        report.row(f"5. peak memory (VmHWM), web workers, {when}",
                   f"{max(web) / 1024:.1f} MiB (max of {len(web)})" if web else "—",
                   "—", "—", "report")
        report.row(f"5. peak memory (VmHWM), speech workers, {when}",
                   f"{max(speech) / 1024:.1f} MiB (max of {len(speech)})" if speech else "—",
                   "—", "—", "report")


# --- main ---------------------------------------------------------------------------

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
