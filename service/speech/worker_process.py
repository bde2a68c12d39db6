"""A speech worker process: one pyttsx3 engine, its settings proven, one utterance at a time.

Spawned (never forked) by speech/worker.py. This module needs only the
standard library, pyttsx3 and speech/utterance.py, but importing it still
runs the packages' __init__ modules (service, service.speech), which load
the web side's libraries too: a lean entry point is issue 16's.

Why the settings need proving. pyttsx3's espeak driver runs espeak-ng in
AUDIO_OUTPUT_RETRIEVAL mode, where espeak queues parameter changes and
synthesis on a thread of its own. Every ``runAndWait()`` ends with the
driver's ``stop()``, which calls ``espeak_Cancel()`` whenever espeak says it
is still busy. Right after ``setProperty("rate", ...)`` (which pyttsx3 only
queues, then applies in the same ``runAndWait()``) or right after an
utterance's last callback, espeak can still be busy: then Cancel drops the
queued rate change, puts back the parameters saved at the start of the last
synthesis (pyttsx3's default rate of 200 words a minute, set in the driver's
constructor), and leaves the driver's ``_stopping`` flag set, so the next
utterance is reported finished at once with no audio. Measured: one start
in 120 spoke at 200 words a minute for its whole life; about one in ten
gave an empty first utterance.

So, with the espeak driver, this worker sets voice and rate through the
espeak binding and waits (``espeak_Synchronize``) until espeak is idle,
after the constructor, after the settings and after every utterance: the
driver's ``stop()`` then never finds it busy. It reads the voice and rate
back from espeak, says a calibration text, and reports both with "ready";
the pool judges them (speech/pool.py). After every utterance it reports the
settings again, so a change of rate is seen, whatever caused it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
import wave

from .utterance import EngineInfo, EngineSettings, Utterance

ESPEAK_RATE = 1  # espeakRATE in speak_lib.h
# Faults a test can ask a worker to show (SpeechPool.faults): a real engine,
# set up wrongly on purpose, not a mock.
FAULTS = ("drop-rate", "drift-rate", "half-audio")
DRIFTED_RATE = 200  # pyttsx3's default: what a dropped rate change leaves


class Engine:
    """pyttsx3 with settings that are applied, proven and reported."""

    def __init__(self, driver_name: str | None, path: str):
        import pyttsx3

        self.engine = pyttsx3.init(driver_name)
        self.driver = getattr(self.engine, "driver_name", None) or driver_name or "default"
        self.path = path
        self.finished = threading.Event()
        self.engine.connect("finished-utterance", lambda name, completed: self.finished.set())
        self.espeak = None
        if self.driver == "espeak":
            from pyttsx3.drivers import _espeak

            self.espeak = _espeak
            # The C function takes (parameter, current); pyttsx3's binding passes only the first.
            self._get_parameter = _espeak.dll.espeak_GetParameter
            self._get_parameter.argtypes = [ctypes.c_int, ctypes.c_int]
            self._get_parameter.restype = ctypes.c_int
            self.settle()  # the driver's constructor queued its own voice and rate

    def info(self) -> EngineInfo:
        voices = tuple((v.id, tuple(v.languages or ())) for v in self.engine.getProperty("voices"))
        return EngineInfo(self.driver, self.version(), voices)

    def version(self) -> str:
        if self.espeak is not None:
            info = getattr(self.espeak, "Info", None)
            if info is not None:
                with contextlib.suppress(Exception):  # informative only
                    return info(None).decode()
            return "espeak-ng"
        return self.driver

    def settle(self) -> None:
        """Waits until espeak has applied what it queued (a no-op for other drivers)."""
        if self.espeak is not None:
            self.espeak.Synchronize()

    def apply(self, voice: str | None, rate: int | None) -> None:
        if self.espeak is not None:
            if voice is not None and self.espeak.SetVoiceByName(voice.encode()) != 0:
                raise ValueError(f"espeak-ng has no voice '{voice}'")
            if rate is not None:
                self.espeak.SetParameter(self.espeak.RATE, int(rate), 0)
            self.settle()
            return
        if voice is not None:
            self.engine.setProperty("voice", voice)
        if rate is not None:
            self.engine.setProperty("rate", rate)
        self.engine.runAndWait()

    def settings(self) -> EngineSettings:
        """Voice and rate as the engine reports them now."""
        if self.espeak is not None:
            current = self.espeak.GetCurrentVoice()
            voice = current.contents.identifier.decode().lower() if current and current.contents.identifier else None
            return EngineSettings(voice, self._get_parameter(ESPEAK_RATE, 1))
        rate = self.engine.getProperty("rate")
        return EngineSettings(self.engine.getProperty("voice"), int(rate) if rate is not None else None)

    def say(self, text: str, timeout: float) -> Utterance | None:
        self.finished.clear()
        if os.path.exists(self.path):
            os.unlink(self.path)
        self.engine.save_to_file(text, self.path)
        self.engine.runAndWait()
        # runAndWait returns after one loop tick; the file is complete only
        # once the driver reports the utterance finished.
        if not self.finished.wait(timeout):
            return None
        self.settle()
        if not os.path.exists(self.path):  # finished without audio (a cancelled utterance)
            return Utterance(b"", 22050)
        with wave.open(self.path, "rb") as audio:
            return Utterance(audio.readframes(audio.getnframes()), audio.getframerate())


def worker_main(connection, driver_name: str | None, voice: str | None, rate: int | None,
                temp_dir: str, calibration_text: str | None = None, fault: str | None = None) -> None:
    """Entry point of a speech worker process."""
    # The web worker may go away (it shut down while this one started, or
    # replaced it): then there is no one left to answer, and nothing to report.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        serve_utterances(connection, driver_name, voice, rate, temp_dir, calibration_text, fault)


def serve_utterances(connection, driver_name, voice, rate, temp_dir, calibration_text, fault) -> None:
    """Starts and proves the engine, says "ready", then speaks each text it is sent.

    The voice and rate are set once, before the first utterance, and never changed.
    """
    # pyttsx3 prints "Audio saved to ..." for every file.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    try:
        engine = Engine(driver_name, os.path.join(temp_dir, f"utterance-{os.getpid()}.wav"))
        info = engine.info()
        engine.apply(voice, None if fault == "drop-rate" else rate)
    except Exception as error:  # noqa: BLE001 - any failure here means "no engine"
        connection.send(("unavailable", f"{type(error).__name__}: {error}"))
        return

    # A calibration text that never finishes is reported as no length: the
    # pool refuses this worker and starts another, as for a wrong length.
    calibration = engine.say(calibration_text, 10.0) if voice is not None and calibration_text else None
    connection.send(("ready", info, engine.settings(), calibration.seconds if calibration else None))

    spoken = 0
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        text, timeout = request
        try:
            if fault == "drift-rate" and spoken == 1:
                engine.apply(None, DRIFTED_RATE)  # from its second utterance on, as espeak_Cancel would
            # Now and then an utterance still finishes with an empty file;
            # the engine is fine, so say it again before reporting a failure.
            for _attempt in range(3):
                utterance = engine.say(text, timeout)
                if utterance is None or utterance.pcm:
                    break
            spoken += 1
            if fault == "half-audio" and utterance is not None:
                utterance = Utterance(utterance.pcm[:len(utterance.pcm) // 4 * 2], utterance.sample_rate)
            if utterance is None:
                connection.send(("error", "the engine did not finish the utterance"))
            else:
                connection.send(("ok", utterance, engine.settings()))
        except Exception as error:  # noqa: BLE001 - reported to the caller
            connection.send(("error", f"{type(error).__name__}: {error}"))
