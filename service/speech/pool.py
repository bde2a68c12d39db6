"""Speech workers of each voice, proven before use and replaced when they fail.

Each (voice, rate) has a queue holding its idle workers and its free
places: a request takes one item; a worker goes back when its utterance is
done, a place goes back when its worker is gone. A worker is handed out only
once it has proven its settings (speech/worker_process.py says why that is
needed), and only while its process is alive; an utterance whose worker dies,
or whose audio is not the text at the voice's rate, is said again by another
worker, so a killed or drifting worker costs no listener anything.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import queue
import shutil
import threading
import time
from collections import Counter

from .calibration import profile_for
from .checks import blames_the_worker, kind_of, proof_problem, utterance_problem
from .errors import BadUtterance, RenderTimeout, SpeechUnavailable, WorkerCrashed, WorkersBusy
from .outages import ENGINE, Outages
from .scratch import make_temp_dir, remove_orphaned_temp_dirs, scratch_parent
from .utterance import EngineInfo, Utterance
from .worker import SpeechWorker

log = logging.getLogger(__name__)

CLOSED = "the speech engine is shutting down"
FREE = None  # a place in a voice's queue with no worker yet


class SpeechPool:
    """Up to ``size`` speech workers per voice, started on first use."""

    #: Workers started for one place before its voice is reported unavailable.
    START_ATTEMPTS = 3
    #: Workers that say one utterance: the first, and one more if it failed.
    SPEAK_ATTEMPTS = 2

    def __init__(self, driver: str | None, size: int, timeout: float):
        self.driver = driver
        self.size = max(1, int(size))
        self.timeout = float(timeout)
        self.start_timeout = max(30.0, self.timeout)
        self._context = multiprocessing.get_context("spawn")
        parent = scratch_parent()
        remove_orphaned_temp_dirs(parent)
        self._temp_dir, self._owner = make_temp_dir(parent)
        # A web worker that exits without close() (gunicorn's SIGTERM) still tidies up.
        atexit.register(shutil.rmtree, self._temp_dir, True)
        self._queues: dict[tuple, queue.Queue] = {}
        self._lock = threading.Lock()
        self._info_lock = threading.Lock()
        self.outages = Outages()
        self._info: EngineInfo | None = None
        self._calibration_words: dict[tuple, float] = {}  # for voices without measured figures
        #: Test seam: the next workers started show these faults, one each, in
        #: order (worker_process.FAULTS): a real engine set up wrongly on purpose.
        self.faults: list[str] = []
        self._busy: set[SpeechWorker] = set()  # handed out, speaking
        self._processes: set = set()  # every worker process started and maybe alive, ready or not
        self._closed = False
        self.restarts = 0
        #: What the checks refused, by reason: for the soak benchmark and the logs.
        self.refused: Counter[str] = Counter()
        self.on_restart = lambda: None

    def _places(self, voice: str | None, rate: int | None) -> queue.Queue:
        with self._lock:
            places = self._queues.get((voice, rate))
            if places is None:
                places = self._queues[(voice, rate)] = queue.Queue()
                places.queue.extend([FREE] * self.size)  # (no one else sees it yet)
            return places

    def _stop_reason(self, voice_key: tuple | None = None) -> str | None:
        """Why nothing may start now: closed, the engine out, or (given ``voice_key``) that voice out."""
        return CLOSED if self._closed else self.outages.reason(voice_key)

    def _mark_unavailable(self, voice_key: tuple, reason: str) -> None:
        # Before any worker has started, the engine itself is in doubt; after, only this voice.
        self.outages.mark(ENGINE if self._info is None else voice_key, reason)

    def _checkout(self, voice: str | None, rate: int | None) -> SpeechWorker:
        """A live, proven worker of this voice: an idle one, or a new one in a free place."""
        places = self._places(voice, rate)
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self._closed:  # (a plain read: close() only ever sets it)
                raise SpeechUnavailable(CLOSED)
            try:
                item = places.get(timeout=0.2)  # wakes now and then to see close()
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise WorkersBusy(f"no {voice} speech worker was free for {self.start_timeout:g} s") from None
                continue
            if item is not FREE and not item.alive():  # died while idle: replaced, no one fails
                self._retire(item, "died while idle")
                item = FREE
            if item is FREE:
                if reason := self._stop_reason((voice, rate)):
                    places.put(FREE)
                    raise SpeechUnavailable(reason)
                try:
                    item = self._start_proven(voice, rate)
                except BaseException:
                    places.put(FREE)  # whatever failed, the place is free again
                    raise
            with self._lock:
                closed = self._closed
                if not closed:
                    self._busy.add(item)
            if closed:  # closed while it started
                item.stop()
                raise SpeechUnavailable(CLOSED)
            return item

    def _checkin(self, worker: SpeechWorker) -> None:
        # Under the lock close() takes first: back in its queue before close() empties it, or stopped here.
        with self._lock:
            self._busy.discard(worker)
            if not self._closed:
                self._queues[worker.voice].put(worker)
                return
        worker.stop()

    def _retire(self, worker: SpeechWorker, reason: str) -> None:
        """Kills a worker that failed; its place is free for a new one (the caller puts it back)."""
        worker.kill()
        with self._lock:
            self._busy.discard(worker)
            if self._closed:  # killed by close(), not replaced
                return
            self.restarts += 1
            self.refused[f"worker {kind_of(reason)}"] += 1
        self.on_restart()
        log.warning("speech worker %s replaced: %s", worker.pid, reason)

    def _discard(self, worker: SpeechWorker, reason: str) -> None:
        """Frees the place of a worker that was handed out, then retires it."""
        with self._lock:
            if not self._closed:
                self._queues[worker.voice].put(FREE)
        self._retire(worker, reason)

    def _start(self, voice: str | None, rate: int | None, calibration_text: str | None = None) -> SpeechWorker:
        fault = None
        if voice is not None:
            with self._lock:
                fault = self.faults.pop(0) if self.faults else None
        try:
            worker = SpeechWorker(self._context, self.driver, voice, rate, self._temp_dir, self.start_timeout,
                                  self._spawned, calibration_text, fault)
        except SpeechUnavailable as error:
            self._mark_unavailable((voice, rate), str(error))
            raise
        self.outages.clear(ENGINE)
        with self._lock:
            self._info = worker.info
        return worker

    def _start_proven(self, voice: str, rate: int) -> SpeechWorker:
        """A new worker whose engine reports this voice and rate, and whose
        calibration text takes the time it takes at that rate; after
        START_ATTEMPTS refusals the voice rests, as an engine that cannot start does."""
        problem = None
        for _attempt in range(self.START_ATTEMPTS):
            worker = self._start(voice, rate, profile_for(voice, None).calibration_text)
            problem = self._proof_problem(worker, voice, rate)
            if problem is None:
                self.outages.clear((voice, rate))
                return worker
            self._retire(worker, f"unproven ({problem})")
        reason = f"no speech worker for {voice} proved its settings: {problem}"
        self._mark_unavailable((voice, rate), reason)
        raise SpeechUnavailable(reason)

    def _proof_problem(self, worker: SpeechWorker, voice: str, rate: int) -> str | None:
        key = (voice, worker.info.identity)
        with self._lock:
            reference = self._calibration_words.get(key)
        problem = proof_problem(worker.settings, worker.calibration_seconds, voice, rate, reference,
                                worker.info.version)
        if problem is None and reference is None:
            with self._lock:  # a voice without measured figures: its first proven worker sets them
                self._calibration_words.setdefault(key, (worker.calibration_seconds or 0.0) * rate / 60.0)
        return problem

    def _spawned(self, process) -> None:
        """Each worker process, as it starts: close() must end those still
        starting too, before it removes the folder they would write in."""
        with self._lock:
            if self._closed:
                process.kill()
                return
            self._processes = {p for p in self._processes if p.is_alive()}
            self._processes.add(process)

    def speak(self, text: str, voice: str, rate: int) -> Utterance:
        """``text`` at ``voice`` and ``rate``, checked; said again by another
        worker if its worker died or its audio is not at the rate."""
        failure: Exception | None = None
        for _attempt in range(self.SPEAK_ATTEMPTS):
            worker = self._checkout(voice, rate)
            try:
                utterance, settings = worker.speak(text, self.timeout)
                problem = utterance_problem(text, utterance, settings, voice, rate, worker.info.version)
            except (RenderTimeout, WorkerCrashed) as error:
                self._discard(worker, "timed out" if isinstance(error, RenderTimeout) else "crashed")
                if self._stop_reason() == CLOSED:  # close() killed it
                    raise SpeechUnavailable(CLOSED) from error
                if isinstance(error, RenderTimeout):
                    raise  # the listener has waited long enough: 503 with Retry-After
                failure = error
                continue
            except BaseException:
                self._checkin(worker)
                raise
            if problem is None:
                self._checkin(worker)
                return utterance
            with self._lock:
                self.refused[f"utterance {kind_of(problem)}"] += 1
            if blames_the_worker(problem):
                self._discard(worker, problem)
            else:  # the length alone: another worker may say it right, but this one is not at fault
                self._checkin(worker)
            failure = BadUtterance(problem)
        raise failure

    def info(self) -> EngineInfo:
        """The engine's name, version and voices (starts a worker if none has)."""
        with self._info_lock:  # many first requests at once start one probe, not many
            if self._info is None:
                if reason := self._stop_reason():
                    raise SpeechUnavailable(reason)
                # A worker without a voice serves no utterance: let it go.
                self._start(None, None).stop()
        return self._info

    def known_info(self) -> EngineInfo | None:
        """What is known without starting anything (None before any worker); raises while the engine is out."""
        if reason := self.outages.reason():
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
        """The processes of the idle workers (of one voice, or all)."""
        with self._lock:
            queues = [places for (v, _rate), places in self._queues.items() if voice in (None, v)]
        pids = []
        for places in queues:
            with places.mutex:
                pids += [item.pid for item in places.queue if item is not FREE]
        return pids

    def close(self) -> None:
        """Stops every worker. An utterance in flight fails at once (its
        worker is killed) and later requests get SpeechUnavailable."""
        with self._lock:
            self._closed = True
            busy, self._busy = list(self._busy), set()
            queues = list(self._queues.values())
        for worker in busy:
            worker.process.kill()  # its speak() sees the pipe close and cleans up
        for places in queues:
            while True:
                try:
                    item = places.get_nowait()
                except queue.Empty:
                    break
                if item is not FREE:
                    item.stop()
        with self._lock:  # workers still starting (warm() in another thread) are in no queue yet
            remaining, self._processes = self._processes, set()
        for process in (p for p in remaining if p.is_alive()):
            process.kill()
            process.join(timeout=5)
        # The folder is in /dev/shm (memory) where there is one: never leave it.
        shutil.rmtree(self._temp_dir, ignore_errors=True)
        if self._owner is not None:
            os.close(self._owner)
            self._owner = None
