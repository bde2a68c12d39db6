"""Metric 3: linearity, the topic's text x16 over x1, rendered with utterance
caching off; context: pyttsx3 used naively (one utterance for the whole text)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from . import service_access
from .processes import STARTED, stop_process
from .report import Report, elapsed, fmt_s, log, median
from .speech_dirs import remove_pool_dir

LINEAR_X1_RUNS = 6
LINEAR_X16_RUNS = 3
LINEAR_X4_RUNS = 2       # context only, beside pyttsx3 naive x4
NAIVE_RUNS = {1: 3, 4: 2}  # pyttsx3 naive, repeat factor -> runs
TIME_BUDGET = 180.0      # seconds; optional context measurements are skipped past it

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
    cache_dir = Path(tempfile.mkdtemp(prefix="cache-linear-", dir=work))
    app = service_access.create_app(cache_dir)
    with app.app_context():
        audio = service_access.renderer()
        try:
            audio.cache_utterances = False
            x1 = service_access.topic_script("en")
            x4 = service_access.repeated_script(x1, 4)
            x16 = service_access.repeated_script(x1, 16)
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
    text = service_access.spoken_text(x1)
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
