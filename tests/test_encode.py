"""Audio formats (service/speech/encode.py)."""

import pytest

from .conftest import media_url, seconds_of


@pytest.mark.parametrize("fmt, max_kbps", [("mp3", 32), ("ogg", 24)])
def test_bitrates_are_speech_sized(client, fmt, max_kbps):
    data = client.get(media_url("en", fmt, "introduction")).get_data()
    wav = client.get(media_url("en", "wav", "introduction")).get_data()
    kbps = len(data) * 8 / seconds_of(wav) / 1000
    assert kbps <= max_kbps * 1.05  # container framing on top of the codec's rate
