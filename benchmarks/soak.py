"""Soak test of speech worker starts: does any start speak off its rate?

    .venv/bin/python benchmarks/soak.py --starts 300 [--jobs 2]
    .venv/bin/python benchmarks/soak.py --calibrate

For every voice of the app, N fresh speech workers are started, one process
each, and each says the same sentences of the first topic. The length of a
sentence is the same from every honest worker (espeak-ng repeats it within
about 0.5 %), so the median length over all starts is the truth, and an
utterance more than 5 % away from it is off-rate (or empty). Each start and
utterance then goes through the pool's own checks (speech/checks.py):

- refused at start: the worker would never have been handed out;
- refused utterance: it would have been said again by another worker;
- delivered off-rate: wrong audio a listener would hear, and the cache keep.

The goal is 0 delivered off-rate. Beside it, in the same run, the same number
of starts the way the workers started before they proved their settings
(pyttsx3's setProperty, then "ready"), unchecked: how often the fault shows.

--calibrate prints the entries of service/speech/calibration.toml, measured
over every line of the first topic and its glossary.

Only local processes; no network. Runs under ``if __name__ == "__main__"``
because workers are spawned (multiprocessing re-imports this module).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OFF_BY = 0.05
SENTENCES = 3


def sentences_by_voice(app) -> dict[tuple[str, int], list[str]]:
    from service.content.library import localized_topics
    from service.i18n import all_languages
    from service.speech import renderer

    with app.app_context():
        out = {}
        for language in all_languages():
            topic = localized_topics(language.code)[0]
            lines = renderer().scripts.topic(topic, language).lines
            out[(language.voice, language.rate)] = [line.spoken for line in lines if len(line.spoken) > 60][:SENTENCES]
        return out


def proven_start(voice: str, rate: int, sentences: list[str], temp_dir: str) -> dict:
    """One worker as the pool starts it, its proof and utterances judged by the pool's checks."""
    import multiprocessing

    from service.speech.calibration import profile_for
    from service.speech.checks import proof_problem, utterance_problem
    from service.speech.worker import SpeechWorker

    worker = SpeechWorker(multiprocessing.get_context("spawn"), None, voice, rate, temp_dir, 30.0,
                          calibration_text=profile_for(voice, None).calibration_text)
    try:
        refused = proof_problem(worker.settings, worker.calibration_seconds, voice, rate, None,
                                worker.info.version)
        said = []
        for text in sentences:
            utterance, settings = worker.speak(text, 10.0)
            said.append((utterance.seconds, utterance_problem(text, utterance, settings, voice, rate,
                                                              worker.info.version)))
        return {"refused": refused, "said": said}
    finally:
        worker.stop()


def naive_start(voice: str, rate: int, sentences: list[str], temp_dir: str) -> dict:
    """One worker started the way they were before they proved their settings."""
    import subprocess

    program = NAIVE_PROGRAM.format(voice=voice, rate=rate, folder=temp_dir)
    result = subprocess.run([sys.executable, "-c", program, *sentences], capture_output=True, text=True,
                            timeout=60, check=True)
    return {"refused": None, "said": [(float(s), None) for s in result.stdout.split()]}


# The speech worker's start before issue 10: settings queued through pyttsx3,
# then "ready", then each sentence awaited on finished-utterance.
NAIVE_PROGRAM = """
import os, sys, threading, wave
import pyttsx3
out, sys.stdout = sys.stdout, open(os.devnull, "w")
engine = pyttsx3.init()
engine.setProperty("voice", {voice!r}); engine.setProperty("rate", {rate})
done = threading.Event()
engine.connect("finished-utterance", lambda name, completed: done.set())
path = os.path.join({folder!r}, f"naive-{{os.getpid()}}.wav")
def say(text):
    done.clear()
    if os.path.exists(path): os.unlink(path)
    engine.save_to_file(text, path); engine.runAndWait(); done.wait(10)
    if not os.path.exists(path): return 0.0
    with wave.open(path) as w: return w.getnframes() / w.getframerate()
say("ready")
out.write(" ".join(f"{{say(t):.3f}}" for t in sys.argv[1:]))
"""


def soak(start, voices: dict, starts: int, jobs: int, temp_dir: str) -> dict:
    results = {}
    for (voice, rate), sentences in voices.items():
        progress = threading.Lock()
        done = [0]

        def one(_index):
            outcome = start(voice, rate, sentences, temp_dir)
            with progress:
                done[0] += 1
                if done[0] % 50 == 0:
                    print(f"  {start.__name__} {voice}: {done[0]}/{starts}", file=sys.stderr, flush=True)
            return outcome

        with ThreadPoolExecutor(jobs) as pool:
            results[voice] = list(pool.map(one, range(starts)))
    return results


def judge(outcomes: list[dict], truth: list[float]) -> dict:
    """Counts of starts and utterances: off-rate or empty by the truth, and what the checks did."""
    tally = dict(starts=len(outcomes), utterances=0, off=0, empty=0, refused_start=0, off_in_refused_start=0,
                 refused_utterance=0, delivered_off=0, honest_refused=0)
    for outcome in outcomes:
        start_refused = outcome["refused"] is not None
        tally["refused_start"] += start_refused
        for (seconds, problem), expected in zip(outcome["said"], truth):
            tally["utterances"] += 1
            off = abs(seconds / expected - 1) > OFF_BY
            tally["off"] += off
            tally["empty"] += seconds == 0
            if start_refused:
                tally["off_in_refused_start"] += off
            elif problem is not None:
                tally["refused_utterance"] += 1
                tally["honest_refused"] += not off
            elif off:
                tally["delivered_off"] += 1
    return tally


def truth_of(outcomes: list[dict]) -> list[float]:
    return [statistics.median(o["said"][i][0] for o in outcomes) for i in range(len(outcomes[0]["said"]))]


def report(starts: int, proven: dict, naive: dict, seconds: float) -> str:
    rows = ["| voice | way | starts | utterances | off-rate or empty (of which empty) | refused at start "
            "| utterances refused | delivered off-rate |", "|---|---|---|---|---|---|---|---|"]
    for voice in proven:
        truth = truth_of(proven[voice])
        for way, outcomes in (("proven (the pool)", proven[voice]), ("before: pyttsx3 setProperty", naive[voice])):
            t = judge(outcomes, truth)
            rows.append(f"| {voice} | {way} | {t['starts']} | {t['utterances']} | {t['off']} ({t['empty']}) "
                        f"| {t['refused_start'] if way.startswith('proven') else '—'} "
                        f"| {t['refused_utterance'] if way.startswith('proven') else '—'} "
                        f"| {t['delivered_off'] if way.startswith('proven') else t['off']} |")
    rows.append(f"\n{starts} starts per voice and way, {SENTENCES} sentences each; {seconds:.0f} s.")
    return "\n".join(rows)


def calibrate(app) -> str:
    """The calibration.toml entries of the app's voices, measured now: every
    line the app speaks (topics, sections, glossary, kiosk prompts), said by
    one worker per voice whose engine reports the right voice and rate. The
    current figures are not used, so a new engine release can be measured."""
    import multiprocessing

    import numpy as np

    from service.commands.audio import every_script
    from service.speech import renderer
    from service.speech.calibration import LETTER, profile_for
    from service.speech.checks import settings_problem
    from service.speech.worker import SpeechWorker

    entries, context = [], multiprocessing.get_context("spawn")
    with app.app_context():
        lines_by_voice: dict[tuple[str, int], set[str]] = {}
        for script in every_script():
            lines_by_voice.setdefault((script.voice, script.rate), set()).update(l.spoken for l in script.lines)
        renderer().close()
        folder = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        for (voice, rate), lines in lines_by_voice.items():
            text = profile_for(voice, None).calibration_text
            worker = SpeechWorker(context, None, voice, rate, folder, 30.0, calibration_text=text)
            try:
                if problem := settings_problem(worker.settings, voice, rate):
                    raise SystemExit(f"{voice}: {problem}; run again")
                rows = [(worker.speak(line, 10.0)[0].seconds * rate / 60, len(LETTER.findall(line)))
                        for line in sorted(lines)]
            finally:
                worker.stop()
            (weight, overhead), *_ = np.linalg.lstsq(np.array([[n, 1.0] for _, n in rows]),
                                                     np.array([w for w, _ in rows]), rcond=None)
            ratios = sorted(w / (weight * n + overhead) for w, n in rows)
            entries.append(f'[voices."{voice}"]\nengine = "{worker.info.version}"\ncalibration_text = "{text}"\n'
                           f"calibration_words = {worker.calibration_seconds * rate / 60:.3f}\n"
                           f"letters_weight = {weight:.4f}\noverhead = {overhead:.3f}\n"
                           f"band = [{ratios[0]:.3f}, {ratios[-1]:.3f}]  # {len(rows)} lines\n")
        shutil.rmtree(folder, ignore_errors=True)
    return "\n".join(entries)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=300, help="fresh workers per voice (default 300)")
    parser.add_argument("--jobs", type=int, default=2, help="workers starting at once (default 2)")
    parser.add_argument("--calibrate", action="store_true", help="print calibration.toml entries instead")
    args = parser.parse_args(argv)

    from service import create_app

    work = tempfile.mkdtemp(prefix="carevoice-soak-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        app = create_app({"TESTING": True, "CACHE_DIR": os.path.join(work, "cache")})
        if args.calibrate:
            print(calibrate(app))
            return 0
        voices = sentences_by_voice(app)
        app.extensions["carevoice.speech"].close()
        started = time.monotonic()
        proven = soak(proven_start, voices, args.starts, args.jobs, work)
        naive = soak(naive_start, voices, args.starts, args.jobs, work)
        table = report(args.starts, proven, naive, time.monotonic() - started)
        print(table)
        results = Path(__file__).resolve().parent / "results"
        results.mkdir(exist_ok=True)
        (results / "soak.md").write_text(table + "\n", encoding="utf-8")
        delivered = sum(judge(proven[v], truth_of(proven[v]))["delivered_off"] for v in proven)
        return 1 if delivered else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
