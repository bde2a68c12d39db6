"""Audio formats: MP3 (lameenc), Ogg Opus (libsndfile via soundfile), WAV.

MP3 encodes incrementally, so a cold request can stream; Opus and WAV need
their whole length (or a seekable file) up front and are encoded at once.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from importlib.metadata import version

import lameenc
import numpy as np
import soundfile
import soxr

MP3_KBPS = 32
OPUS_RATE = 24000  # Opus accepts 8, 12, 16, 24 or 48 kHz; 24 kHz keeps speech whole
# libsndfile maps compression level 0..1 onto Opus bitrates from about 256 down
# to 6 kb/s; 0.94 gives about 21 kb/s, under the 24 kb/s speech budget.
OPUS_COMPRESSION_LEVEL = 0.94


@dataclass(frozen=True)
class AudioFormat:
    extension: str
    mimetype: str
    streams: bool
    settings: str  # part of the cache key: new settings, new files


FORMATS = {
    # The encoders' versions, so that upgrading one re-encodes rather than serves the old files.
    "mp3": AudioFormat("mp3", "audio/mpeg", True, f"lameenc-{version('lameenc')}-{MP3_KBPS}k-q7-mono"),
    "ogg": AudioFormat("ogg", "audio/ogg", False,
                       f"libsndfile-{soundfile.__libsndfile_version__}-opus-{OPUS_RATE}-{OPUS_COMPRESSION_LEVEL}"),
    "wav": AudioFormat("wav", "audio/wav", False, "pcm16-mono"),
}


class Mp3Encoder:
    def __init__(self, sample_rate: int):
        self._encoder = lameenc.Encoder()
        self._encoder.set_bit_rate(MP3_KBPS)
        self._encoder.set_in_sample_rate(sample_rate)
        self._encoder.set_channels(1)
        self._encoder.set_quality(7)  # speech: the fast end loses nothing audible

    def feed(self, pcm: bytes) -> bytes:
        return bytes(self._encoder.encode(pcm))

    def finish(self) -> bytes:
        return bytes(self._encoder.flush())


def encode_opus(pcm: bytes, sample_rate: int) -> bytes:
    samples = np.frombuffer(pcm, dtype=np.int16)
    resampled = soxr.resample(samples, sample_rate, OPUS_RATE)
    buffer = io.BytesIO()
    with soundfile.SoundFile(buffer, "w", OPUS_RATE, 1, format="OGG", subtype="OPUS",
                             compression_level=OPUS_COMPRESSION_LEVEL) as out:
        out.write(resampled)
    return buffer.getvalue()


def encode_wav(pcm: bytes, sample_rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


WHOLE_ENCODERS = {"ogg": encode_opus, "wav": encode_wav}


def silence(milliseconds: int, sample_rate: int) -> bytes:
    return bytes(2 * (sample_rate * milliseconds // 1000))


def split_pcm(pcm: bytes, seconds: float, sample_rate: int) -> tuple[bytes, ...]:
    """16-bit mono PCM as its first ``seconds`` and the rest (one piece if short)."""
    head = int(seconds * sample_rate) * 2
    return (pcm,) if len(pcm) <= head else (pcm[:head], pcm[head:])
