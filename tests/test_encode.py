"""Audio formats (service/speech/encode.py)."""

import importlib.metadata
import io
import wave

import numpy as np
import pytest
import soundfile

from service.speech.encode import FORMATS, OPUS_RATE, Mp3Encoder, encode_opus, encode_wav, silence

from .conftest import media_url, seconds_of

RATE = 22050  # espeak-ng's


@pytest.fixture(scope="module")
def tone() -> bytes:
    """1.5 s of a 440 Hz tone as the engine's PCM (16-bit mono)."""
    t = np.arange(int(RATE * 1.5)) / RATE
    return (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16).tobytes()


def test_mp3_fed_in_pieces_decodes_to_about_the_input_duration(tone):
    encoder = Mp3Encoder(RATE)
    pieces = [encoder.feed(tone[i:i + 4410]) for i in range(0, len(tone), 4410)]  # 0.1 s at a time, as streamed
    data = b"".join(pieces) + encoder.finish()
    info = soundfile.info(io.BytesIO(data))
    assert data.startswith((b"\xff\xfb", b"\xff\xf3")) and info.format == "MP3"
    assert info.channels == 1 and info.samplerate == RATE
    # LAME adds its encoder delay and pads the last frame: some hundredths of a second.
    assert 1.5 <= info.frames / info.samplerate < 1.6


def test_opus_is_ogg_at_24_khz_with_the_input_duration(tone):
    data = encode_opus(tone, RATE)
    info = soundfile.info(io.BytesIO(data))
    assert data.startswith(b"OggS") and b"OpusHead" in data[:100]
    assert (info.subtype, info.channels, info.samplerate) == ("OPUS", 1, OPUS_RATE)
    assert abs(info.frames / info.samplerate - 1.5) < 0.01


def test_wav_holds_the_pcm_as_it_is(tone):
    data = encode_wav(tone, RATE)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.readframes(wav.getnframes()) == tone


@pytest.mark.parametrize("milliseconds, sample_rate, samples", [
    (0, RATE, 0),
    (700, RATE, 15435),
    (350, RATE, 7717),  # 7,717.5 samples: rounded down, never half a sample
    (1, 24000, 24),
])
def test_silence_is_that_many_zero_samples(milliseconds, sample_rate, samples):
    assert silence(milliseconds, sample_rate) == bytes(2 * samples)


def test_mp3_settings_name_the_installed_encoders_version():
    """The settings are part of every MP3's cache key: a new lameenc must
    make new files, not serve those the old one encoded."""
    assert f"lameenc-{importlib.metadata.version('lameenc')}-" in FORMATS["mp3"].settings


def test_opus_settings_name_the_installed_libsndfile():
    """Likewise for Opus, which libsndfile (with libopus) encodes."""
    assert f"libsndfile-{soundfile.__libsndfile_version__}-" in FORMATS["ogg"].settings


@pytest.mark.slow  # encodes a whole topic in each format
@pytest.mark.parametrize("fmt, max_kbps", [("mp3", 32), ("ogg", 24)])
def test_bitrates_are_speech_sized(client, fmt, max_kbps):
    data = client.get(media_url("en", fmt, "introduction")).get_data()
    wav = client.get(media_url("en", "wav", "introduction")).get_data()
    kbps = len(data) * 8 / seconds_of(wav) / 1000
    assert kbps <= max_kbps * 1.05  # container framing on top of the codec's rate
