"""The render pipeline: spoken script -> cached utterances -> encoded audio.

Utterances (one per sentence) are cached as WAV by their own content address,
so a topic re-uses its sections' sentences and a changed translation
re-synthesises only the sentences that changed. Encoded files are cached by
the address of their whole script and format.
"""

from __future__ import annotations

import io
import logging
import time
import wave
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol

from .cache import AudioCache, Timeout, keep_writing
from .captions import Cue
from .chapters import chapter_tag
from .encode import FORMATS, WHOLE_ENCODERS, Mp3Encoder, encode_wav, silence, split_pcm
from .errors import SpeechError
from .pool import SpeechPool
from .utterance import Utterance
from .script import Line, ScriptWriter, SpokenScript

log = logging.getLogger(__name__)

FIRST_PIECE_SECONDS = 0.5  # of a cold MP3 stream, encoded and sent before the rest


class RenderMetrics(Protocol):
    """What the pipeline reports as it works (counted by the web layer)."""

    def cache(self, outcome: str, fmt: str) -> None: ...
    def rendered(self, fmt: str, seconds: float) -> None: ...
    def synthesised(self) -> None: ...
    def restarted(self) -> None: ...


class RenderBusy(SpeechError):
    """Another worker is rendering this file and did not finish in time."""


class RenderSlot:
    """The right to render one cache file: it holds the file's lock (none
    where the cache cannot be written) until released, once. Whoever renders
    owns it: the render for Ogg and WAV, the stream for MP3."""

    def __init__(self, lock):
        self._lock = lock

    def release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def __enter__(self) -> RenderSlot:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


@dataclass
class RenderedAudio:
    """Either a finished cache file, or a stream that becomes one as it is read."""

    key: str
    path: Path | None = None
    stream: Iterator[bytes] | None = None
    cues: list[Cue] | None = None  # a stream's timings, whole once the stream is read to its end


class AudioRenderer:
    def __init__(self, pool: SpeechPool, cache: AudioCache, scripts: ScriptWriter,
                 lock_wait_seconds: float, voices: int = 1, cache_utterances: bool = True, metrics=None):
        self.pool = pool
        self.cache = cache
        self.scripts = scripts
        self.lock_wait_seconds = lock_wait_seconds
        self.cache_utterances = cache_utterances
        self.metrics = metrics
        # Enough threads to keep every speech worker of every voice busy.
        self._executor = ThreadPoolExecutor(max_workers=pool.size * max(1, voices),
                                            thread_name_prefix="carevoice-render")

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self.pool.close()

    # --- utterances ----------------------------------------------------------

    def utterance(self, script: SpokenScript, line: Line) -> Utterance:
        key = script.line_key(self.pool.info().identity, line)
        cached = self.cache.read("utterances", key, "wav") if self.cache_utterances else None
        if cached is not None:
            with wave.open(io.BytesIO(cached), "rb") as audio:
                return Utterance(audio.readframes(audio.getnframes()), audio.getframerate())
        utterance = self.pool.speak(line.spoken, *script.voice_of(line))
        if self.metrics:
            self.metrics.synthesised()
        if not self.cache_utterances:
            return utterance
        try:
            self.cache.write("utterances", key, "wav", encode_wav(utterance.pcm, utterance.sample_rate))
        except OSError as error:  # a full or read-only cache still lets audio through
            log.warning("utterance not cached: %s", error)
        return utterance

    def utterances(self, script: SpokenScript) -> Iterator[tuple[Line, Utterance]]:
        """Every line's audio, in order, synthesised in parallel ahead of the reader.

        Only as many lines are in flight as the pool has workers for a voice,
        taken in order, and the next is sent as soon as one finishes. Were
        every line queued at once, later lines could take the workers first,
        and the first sentence (a cold request's first byte) would wait a
        whole utterance behind them.
        """
        lines = script.lines
        futures: list[Future] = []
        failures: list[BaseException] = []

        def note_failure(future) -> None:
            if not future.cancelled() and future.exception() is not None:
                failures.append(future.exception())

        def keep_workers_busy(reader_at: int) -> None:
            in_flight = sum(not future.done() for future in futures[reader_at:])
            while len(futures) < len(lines) and in_flight < self.pool.size:
                future = self._executor.submit(self.utterance, script, lines[len(futures)])
                future.add_done_callback(note_failure)
                futures.append(future)
                in_flight += 1

        try:
            for index, line in enumerate(lines):
                keep_workers_busy(index)
                while not futures[index].done():
                    wait([f for f in futures[index:] if not f.done()], return_when=FIRST_COMPLETED)
                    keep_workers_busy(index)
                utterance = futures[index].result()
                # A later line that already failed fails the whole audio now,
                # before more of it (perhaps its first byte) is sent.
                if failures:
                    raise failures[0]
                yield line, utterance
        finally:
            for future in futures:
                future.cancel()

    def pcm(self, script: SpokenScript, cues: list[Cue] | None = None) -> Iterator[tuple[bytes, int]]:
        """The script's PCM in pieces (speech, then its pause), with the sample
        rate; each line's cue goes into ``cues`` as its audio goes out."""
        clock, cues = 0.0, [] if cues is None else cues
        for line, utterance in self.utterances(script):
            cues.append(Cue(round(clock, 3), round(clock + utterance.seconds, 3), line.text))
            clock += utterance.seconds + line.pause_after_ms / 1000
            yield utterance.pcm, utterance.sample_rate
            if line.pause_after_ms:
                yield silence(line.pause_after_ms, utterance.sample_rate), utterance.sample_rate

    def timeline(self, script: SpokenScript) -> list[Cue]:
        """Where each line starts and ends: timings.vtt, the book's clips and the MP3's chapters."""
        cues: list[Cue] = []
        for _ in self.pcm(script, cues):
            pass
        return cues

    # --- encoded files -------------------------------------------------------

    def audio_key(self, script: SpokenScript, fmt: str) -> str:
        return script.key(self.pool.info().identity, FORMATS[fmt].settings)

    def render(self, script: SpokenScript, fmt: str) -> RenderedAudio:
        """The audio of ``script`` in ``fmt``: from the cache, or rendered once.

        The first caller renders (streaming, for MP3); callers that arrive
        meanwhile wait for the render slot, then read the finished file. Where
        the cache cannot be written (read-only, full), the audio is still served.
        """
        key = self.audio_key(script, fmt)
        slot, cached = self.claim(key, fmt)
        if cached is not None:
            self._count("hit", fmt)
            return RenderedAudio(key, path=cached)
        self._count("miss", fmt)
        started = time.perf_counter()
        if FORMATS[fmt].streams:
            cues: list[Cue] = []
            stream = self._stream_mp3(script, key, slot, cues)  # the stream owns the slot from here on
            first = next(stream)  # fail before any header is sent, as a clean 503
            self._rendered(fmt, started)
            return RenderedAudio(key, stream=_prepend(first, stream), cues=cues)
        with slot:
            pieces = list(self.pcm(script))
            data = WHOLE_ENCODERS[fmt](b"".join(p for p, _ in pieces), pieces[0][1])
            self._rendered(fmt, started)
            try:
                return RenderedAudio(key, path=self.cache.write("audio", key, fmt, data))
            except OSError as error:
                log.warning("audio not cached (%s)", error)
                return RenderedAudio(key, stream=iter([data]))

    def claim(self, key: str, fmt: str) -> tuple[RenderSlot | None, Path | None]:
        """The render slot of this file, or the file itself if it is (or
        becomes, while waiting for the slot) cached."""
        cached = self.cache.get("audio", key, fmt)
        if cached:
            return None, cached
        try:
            lock = self.cache.lock(key, fmt)
        except OSError as error:
            log.warning("audio cache not writable (%s); serving without caching", error)
            return RenderSlot(None), None
        try:
            lock.acquire(timeout=0)
        except Timeout:
            try:
                lock.acquire(timeout=self.lock_wait_seconds)
            except Timeout:
                raise RenderBusy("the same audio is being prepared; try again shortly") from None
            cached = self.cache.get("audio", key, fmt)  # rendered by whoever held it
            if cached:
                lock.release()
                return None, cached
        return RenderSlot(lock), None

    def _stream_mp3(self, script: SpokenScript, key: str, slot: RenderSlot, cues: list[Cue]) -> Iterator[bytes]:
        """Encode as the sentences arrive, writing the cache file as we go.

        The file is renamed into place only when the whole audio is written;
        a client that leaves early, or a failed utterance, leaves no entry. A
        cache that cannot be written is dropped and the audio still flows.
        """
        try:
            try:
                pending = self.cache.pending("audio", key, "mp3")
            except OSError as error:
                log.warning("audio not cached (%s)", error)
                pending = None
            complete = False
            try:
                encoder = None
                for pcm, rate in self.pcm(script, cues):
                    if encoder is None:
                        encoder = Mp3Encoder(rate)
                        # The first half second goes out on its own: encoding a
                        # whole first sentence (3 s, about 5 ms) need not come
                        # before the first byte. LAME's bytes are the same.
                        pieces = split_pcm(pcm, FIRST_PIECE_SECONDS, rate)
                    else:
                        pieces = (pcm,)
                    for piece in pieces:
                        data = encoder.feed(piece)
                        pending = keep_writing(pending, data)
                        if data:
                            yield data
                tail = encoder.finish()
                pending = keep_writing(pending, tail)
                complete = True
                yield tail
            finally:
                if pending is not None and complete:
                    try:
                        if script.chapters:  # timed only now: the stream went out without them
                            pending.prepend(chapter_tag(script, cues))
                        pending.commit()
                    except (OSError, ValueError) as error:  # a failing cache, or chapters that cannot be made
                        pending.abandon()
                        log.warning("audio not cached (%s)", error)
                elif pending is not None:
                    pending.abandon()
        finally:
            slot.release()

    def _count(self, outcome: str, fmt: str) -> None:
        if self.metrics:
            self.metrics.cache(outcome, fmt)

    def _rendered(self, fmt: str, started: float) -> None:
        if self.metrics:
            self.metrics.rendered(fmt, time.perf_counter() - started)


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """The stream with its first chunk put back; closing it closes ``rest``."""
    try:
        yield first
        yield from rest
    finally:
        rest.close()
