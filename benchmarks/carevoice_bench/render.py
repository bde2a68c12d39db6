"""Metric 1: cold render of the whole topic (English) to MP3 through our
pipeline, against espeak-ng | lame on the same spoken text."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from . import service_access
from .report import Report, fmt_s, log, median
from .speech_dirs import remove_pool_dir

RENDER_RUNS = 5          # each side


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
    cache_dir = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    app = service_access.create_app(cache_dir)
    with app.app_context():
        audio = service_access.renderer()
        try:
            script = service_access.topic_script("en")
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
            text_path.write_text(service_access.spoken_text(script), encoding="utf-8")
        refs.append(reference_render(text_path, out_path, script.rate))
        synth_only.append(espeak_only(text_path, work / "reference.wav", script.rate))
    o, r, w = median(ours), median(refs), median(synth_only)
    report.row("1. cold render, whole topic en → MP3 (median of 5)", fmt_s(o),
               f"{fmt_s(r)} (espeak-ng \\| lame)", f"{o / r:.2f}×", "≤ 1.5×", o / r <= 1.5)
    report.row("1. context: same text, espeak-ng -w alone (synthesis, no MP3)", fmt_s(o),
               f"{fmt_s(w)} (espeak-ng -w)", f"{o / w:.2f}×", "context")
    report.note(f"metric 1 runs: ours {[round(x, 3) for x in ours]} s ({sizes[0]} bytes), "
                f"reference {[round(x, 3) for x in refs]} s ({out_path.stat().st_size} bytes); "
                f"{len(script.lines)} lines, {len(service_access.spoken_text(script).split())} words, "
                f"rate {script.rate} wpm")
