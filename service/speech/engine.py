"""pyttsx3 behind dedicated worker processes.

espeak-ng's state is process-global and pyttsx3 2.99 drops long utterances, so
each worker process owns one engine, synthesises one sentence-sized utterance
at a time, and waits on ``finished-utterance`` before it reads the file back.
The web process talks to workers over pipes with a timeout; a worker that
hangs or dies is killed and replaced, and the request gets a clear error.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
import wave
from dataclasses import dataclass

try:
    import fcntl
except ImportError:  # Windows: no flock, and no /dev/shm to leak into
    fcntl = None
from importlib import metadata

log = logging.getLogger(__name__)

SAMPLE_WIDTH = 2  # 16-bit mono PCM throughout the pipeline


class SpeechError(Exception):
    """Base of the engine's failures; each carries a reason fit for a 503."""


class SpeechUnavailable(SpeechError):
    """The engine cannot start here (driver or library missing)."""


class RenderTimeout(SpeechError):
    """An utterance took longer than the render timeout; the worker was replaced."""


class WorkerCrashed(SpeechError):
    """The worker died during an utterance; it was replaced."""


class BadUtterance(SpeechError):
    """The engine returned audio that is empty or implausibly short or long."""


@dataclass(frozen=True)
class Utterance:
    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / SAMPLE_WIDTH / self.sample_rate


@dataclass(frozen=True)
class EngineInfo:
    driver: str
    version: str
    voices: tuple[tuple[str, tuple[str, ...]], ...]  # (voice id, languages)

    @property
    def voice_ids(self) -> frozenset[str]:
        return frozenset(v for v, _ in self.voices)

    @property
    def identity(self) -> str:
        """What a cached rendering depends on besides the text and voice."""
        return f"pyttsx3-{metadata.version('pyttsx3')}/{self.driver}-{self.version}"


def check_utterance(text: str, utterance: Utterance, rate: int) -> None:
    """Refuse audio that cannot be the text spoken at ``rate`` words a minute."""
    words = max(1, len(text.split()))
    expected = words * 60.0 / rate
    if not utterance.pcm:
        raise BadUtterance("the engine produced no audio")
    if not expected * 0.2 <= utterance.seconds <= expected * 5 + 2:
        raise BadUtterance(
            f"{utterance.seconds:.2f} s of audio for {words} words at {rate} wpm is not plausible"
        )


# --- the worker process ------------------------------------------------------

def _engine_version(driver: str) -> str:
    if driver == "espeak":
        from pyttsx3.drivers import _espeak

        info = getattr(_espeak, "Info", None)
        if info is not None:
            try:
                return info(None).decode()
            except Exception:  # noqa: BLE001 - the version is informative only
                pass
        return "espeak-ng"
    return driver


def _worker_main(connection, driver_name: str | None, voice: str | None, rate: int | None,
                 temp_dir: str) -> None:
    """Entry point of a speech worker process (spawned, never forked)."""
    # The web worker may go away (it shut down while this one started, or
    # replaced it): then there is no one left to answer, and nothing to report.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        _serve_utterances(connection, driver_name, voice, rate, temp_dir)


def _serve_utterances(connection, driver_name: str | None, voice: str | None, rate: int | None,
                      temp_dir: str) -> None:
    """Starts the engine, says "ready", then speaks each text it is sent.

    The voice and rate are set once, before the first utterance, and never
    changed: measured here, an utterance right after a voice or rate change
    sometimes comes back empty or at the old rate (a race in the espeak
    driver), while unchanged settings never misbehaved in hundreds of runs.
    """
    import sys

    # pyttsx3 prints "Audio saved to ..." for every file.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    path = os.path.join(temp_dir, f"utterance-{os.getpid()}.wav")
    finished = threading.Event()
    try:
        import pyttsx3

        engine = pyttsx3.init(driver_name)
        driver = getattr(engine, "driver_name", None) or driver_name or "default"
        voices = tuple((v.id, tuple(v.languages or ())) for v in engine.getProperty("voices"))
        version = _engine_version(driver)
        if voice is not None:
            engine.setProperty("voice", voice)
        if rate is not None:
            engine.setProperty("rate", rate)
        engine.connect("finished-utterance", lambda name, completed: finished.set())
    except Exception as error:  # noqa: BLE001 - any failure here means "no engine"
        connection.send(("unavailable", f"{type(error).__name__}: {error}"))
        return

    def synthesize(text: str, timeout: float) -> Utterance | None:
        finished.clear()
        if os.path.exists(path):
            os.unlink(path)
        engine.save_to_file(text, path)
        engine.runAndWait()
        # runAndWait returns after one loop tick; the file is complete only
        # once the driver reports the utterance finished.
        if not finished.wait(timeout):
            return None
        with wave.open(path, "rb") as audio:
            return Utterance(audio.readframes(audio.getnframes()), audio.getframerate())

    if voice is not None:
        synthesize("ready", 10.0)  # settles the settings before the first real utterance
    connection.send(("ready", EngineInfo(driver, version, voices)))

    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        text, timeout = request
        try:
            # pyttsx3's espeak driver now and then finishes an utterance with
            # an empty file (seen about once in a few hundred under load); the
            # engine is fine, so say it again before reporting a failure.
            for _attempt in range(3):
                utterance = synthesize(text, timeout)
                if utterance is None or utterance.pcm:
                    break
            if utterance is None:
                connection.send(("error", "the engine did not finish the utterance"))
            else:
                connection.send(("ok", utterance))
        except Exception as error:  # noqa: BLE001 - reported to the caller
            connection.send(("error", f"{type(error).__name__}: {error}"))


# --- the web process's side --------------------------------------------------

class _Worker:
    def __init__(self, context, driver: str | None, voice: str | None, rate: int | None,
                 temp_dir: str, start_timeout: float, spawned=lambda process: None):
        self.voice = (voice, rate)
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, driver, voice, rate, temp_dir), name="carevoice-speech", daemon=True
        )
        try:
            self.process.start()
        except BaseException:
            self.connection.close()
            raise
        finally:
            child.close()
        spawned(self.process)
        try:
            if not self.connection.poll(start_timeout):
                raise SpeechUnavailable("the speech engine did not start in time")
            status, payload = self.connection.recv()
        except EOFError:
            self.kill()
            raise SpeechUnavailable("the speech engine exited while starting") from None
        except BaseException:  # no half-started process is left behind, whatever went wrong
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise SpeechUnavailable(f"the speech engine cannot start: {payload}")
        self.info: EngineInfo = payload

    @property
    def pid(self) -> int:
        return self.process.pid

    def speak(self, text: str, timeout: float) -> Utterance:
        try:
            self.connection.send((text, timeout))
            if not self.connection.poll(timeout):
                raise RenderTimeout(f"speech took longer than {timeout:g} s")
            status, payload = self.connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as error:
            raise WorkerCrashed("the speech worker stopped during synthesis") from error
        if status != "ok":
            raise BadUtterance(payload)
        return payload

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()


class _VoiceWorkers:
    """The idle workers of one (voice, rate), and how many exist."""

    def __init__(self):
        self.idle: list[_Worker] = []
        self.started = 0
        self.changed = threading.Condition()


CLOSED = "the speech engine is shutting down"
# Utterance files live in <shm>/carevoice-speech-*/; the pool that made one
# holds an exclusive flock on its OWNER file for as long as it lives.
TEMP_PREFIX = "carevoice-speech-"
OWNER = ".owner"


def make_temp_dir(parent: str) -> tuple[str, int | None]:
    """A new utterance folder and the descriptor whose lock says it is in use.

    Made under a name the sweep ignores and renamed once locked, so no sweep
    can find it unlocked."""
    if fcntl is None:
        return tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=parent), None
    making = tempfile.mkdtemp(prefix=f".{TEMP_PREFIX}", dir=parent)
    owner = os.open(os.path.join(making, OWNER), os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    fcntl.flock(owner, fcntl.LOCK_EX)
    folder = os.path.join(parent, os.path.basename(making)[1:])
    os.rename(making, folder)
    return folder, owner


def remove_orphaned_temp_dirs(parent: str) -> list[str]:
    """Removes the utterance folders of pools whose process is gone.

    A pool removes its folder on close() or at exit, but not when its process
    is killed (SIGKILL after gunicorn's graceful timeout, the OOM killer), and
    in /dev/shm a leftover holds memory until reboot. A folder is orphaned when
    nobody holds the lock on its owner file: the kernel drops a lock with its
    last descriptor, however the process ended, and a lock means the same in
    every PID namespace sharing the folder (containers of one pod), where a
    pid would not. Folders without an owner file are left alone.
    """
    removed: list[str] = []
    if fcntl is None:
        return removed
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            owner = os.open(os.path.join(entry.path, OWNER), os.O_RDWR | os.O_NOFOLLOW)
        except OSError:  # gone, or no owner file
            continue
        try:
            fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(owner).st_nlink == 0:  # another sweep removed it meanwhile
                continue
        except OSError:  # held: its pool is alive
            continue
        finally:
            os.close(owner)
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.path)
    return removed


class SpeechPool:
    """Speech worker processes, up to ``size`` per voice, started on first use."""

    #: How long an engine that failed to start is believed missing before the
    #: next attempt, so a broken install costs one spawn, not one per request.
    UNAVAILABLE_RETRY_SECONDS = 30.0

    def __init__(self, driver: str | None, size: int, timeout: float):
        self.driver = driver
        self.size = max(1, int(size))
        self.timeout = float(timeout)
        self.start_timeout = max(30.0, self.timeout)
        self._context = multiprocessing.get_context("spawn")
        shm = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
        remove_orphaned_temp_dirs(shm)
        self._temp_dir, self._owner = make_temp_dir(shm)
        # A web worker that exits without close() (gunicorn's SIGTERM) still tidies up.
        atexit.register(shutil.rmtree, self._temp_dir, True)
        self._voices: dict[tuple, _VoiceWorkers] = {}
        self._lock = threading.Lock()
        self._info_lock = threading.Lock()
        self._unavailable: tuple[float, str] | None = None
        self._info: EngineInfo | None = None
        self.restarts = 0
        self._busy: set[_Worker] = set()  # checked out, speaking
        self._processes: set = set()  # every worker process started and maybe alive, ready or not
        self._closed = False
        self.on_restart = lambda: None

    def _known_unavailable(self) -> str | None:
        if self._unavailable and time.monotonic() - self._unavailable[0] < self.UNAVAILABLE_RETRY_SECONDS:
            return self._unavailable[1]
        return None

    def _group(self, voice: str | None, rate: int | None) -> _VoiceWorkers:
        with self._lock:
            return self._voices.setdefault((voice, rate), _VoiceWorkers())

    def _checkout(self, voice: str | None, rate: int | None) -> _Worker:
        """An idle worker for this voice; a new one while fewer than ``size`` exist."""
        group = self._group(voice, rate)
        taken = None
        with group.changed:
            while not group.idle:
                with self._lock:
                    reason = CLOSED if self._closed else self._known_unavailable()
                if reason:
                    raise SpeechUnavailable(reason)
                if group.started < self.size:
                    group.started += 1
                    break
                group.changed.wait()
            else:
                taken = group.idle.pop()
                with self._lock:
                    closed = self._closed
                    if not closed:
                        self._busy.add(taken)
                if not closed:
                    return taken
                group.started -= 1
        if taken is not None:  # close() emptied the list after this one was taken
            taken.stop()  # (outside the group's lock: stopping may take seconds)
            raise SpeechUnavailable(CLOSED)
        try:
            worker = _Worker(self._context, self.driver, voice, rate, self._temp_dir, self.start_timeout,
                             self._spawned)
        except BaseException as error:
            if isinstance(error, SpeechUnavailable):
                with self._lock:
                    self._unavailable = (time.monotonic(), str(error))
            self._forget(group)  # whatever failed, the place is free again
            raise
        with self._lock:
            self._unavailable = None
            self._info = worker.info
            closed = self._closed
            if not closed:
                self._busy.add(worker)
        if closed:  # closed while this one started
            worker.stop()
            self._forget(group)
            raise SpeechUnavailable(CLOSED)
        return worker

    def _spawned(self, process) -> None:
        """Each worker process, as it starts: close() must end those still
        starting too, before it removes the folder they would write in."""
        with self._lock:
            if self._closed:
                process.kill()
                return
            self._processes = {p for p in self._processes if p.is_alive()}
            self._processes.add(process)

    def _forget(self, group: _VoiceWorkers) -> None:
        """One worker of ``group`` is gone; a waiting request may start another."""
        with group.changed:
            group.started -= 1
            # Everyone waiting looks again: one may start a worker, the others
            # learn the engine is unavailable instead of waiting on forever.
            group.changed.notify_all()

    def _checkin(self, worker: _Worker) -> None:
        group = self._group(*worker.voice)
        # Decided under the group's lock, which close() takes to empty the
        # idle list: a worker is either put back before, or stopped after.
        with group.changed:
            with self._lock:
                self._busy.discard(worker)
                closed = self._closed
            if not closed:
                group.idle.append(worker)
                group.changed.notify()
                return
        worker.stop()  # its pool is gone: so is the worker
        self._forget(group)

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        self._forget(self._group(*worker.voice))
        with self._lock:
            self._busy.discard(worker)
            if self._closed:  # killed by close(), not replaced
                return
            self.restarts += 1
        self.on_restart()
        log.warning("speech worker %s replaced", worker.pid)

    def speak(self, text: str, voice: str, rate: int) -> Utterance:
        worker = self._checkout(voice, rate)
        try:
            utterance = worker.speak(text, self.timeout)
        except (RenderTimeout, WorkerCrashed) as error:
            self._discard(worker)
            with self._lock:
                closed = self._closed
            if closed:  # close() killed it
                raise SpeechUnavailable(CLOSED) from error
            raise
        except BaseException:
            self._checkin(worker)
            raise
        self._checkin(worker)
        check_utterance(text, utterance, rate)
        return utterance

    def info(self) -> EngineInfo:
        """The engine's name, version and voices (starts a worker if none has)."""
        with self._info_lock:  # many first requests at once start one probe, not many
            if self._info is None:
                with self._lock:
                    reason = CLOSED if self._closed else self._known_unavailable()
                if reason:
                    raise SpeechUnavailable(reason)
                try:
                    probe = _Worker(self._context, self.driver, None, None, self._temp_dir, self.start_timeout,
                                    self._spawned)
                except SpeechUnavailable as error:
                    with self._lock:
                        self._unavailable = (time.monotonic(), str(error))
                    raise
                # A worker without a voice serves no utterance: let it go.
                probe.stop()
                with self._lock:
                    self._info = probe.info
        return self._info

    def known_info(self) -> EngineInfo | None:
        """What is known without starting anything: None until a worker has
        started; raises SpeechUnavailable while the engine is known missing."""
        with self._lock:
            reason = self._known_unavailable()
            if reason:
                raise SpeechUnavailable(reason)
            return self._info

    def warm(self, voices: list[tuple[str, int]]) -> None:
        """Start every worker of these voices now, so no listener waits for one."""
        for voice, rate in voices:
            workers = []
            try:
                for _ in range(self.size):
                    workers.append(self._checkout(voice, rate))
            finally:  # the ones started are put back even if a later one failed
                for worker in workers:
                    self._checkin(worker)

    def worker_pids(self, voice: str | None = None) -> list[int]:
        return [w.pid for (v, _), group in list(self._voices.items()) if voice in (None, v)
                for w in list(group.idle)]

    def close(self) -> None:
        """Stops every worker. An utterance in flight fails at once (its
        worker is killed) and later requests get SpeechUnavailable."""
        with self._lock:
            self._closed = True
            busy, self._busy = list(self._busy), set()
        for worker in busy:
            worker.process.kill()  # its speak() sees the pipe close and cleans up
        for group in list(self._voices.values()):
            with group.changed:
                idle, group.idle = group.idle, []
                group.started -= len(idle)
                group.changed.notify_all()  # waiters see the pool closed
            for worker in idle:
                worker.stop()
        # Workers still starting (warm() in another thread) are in no list yet.
        with self._lock:
            remaining, self._processes = self._processes, set()
        for process in remaining:
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        # The folder is in /dev/shm (memory) where there is one: never leave it.
        shutil.rmtree(self._temp_dir, ignore_errors=True)
        if self._owner is not None:
            os.close(self._owner)
            self._owner = None
