"""The audio cache (service/speech/cache.py): files appear whole or not at all."""

import os
import stat
import time

import pytest

from service.speech import cache as cache_module
from service.speech.cache import STALE_TEMP_SECONDS, AudioCache

KEY = "ab" + "0" * 62


@pytest.fixture
def cache(tmp_path):
    return AudioCache(tmp_path / "cache")


def temporaries(cache):
    return sorted((cache.root / "tmp").glob("*.part"))


def test_an_entry_lives_under_its_kind_and_the_first_two_characters_of_its_key(cache):
    assert cache.path("audio", KEY, "mp3") == cache.root / "audio" / "ab" / f"{KEY}.mp3"


def test_a_written_file_is_whole_readable_by_all_and_leaves_no_temporary(cache):
    path = cache.write("audio", KEY, "mp3", b"ID3 whole")
    assert path == cache.get("audio", KEY, "mp3") and cache.read("audio", KEY, "mp3") == b"ID3 whole"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # web server and workers of other users read it
    assert temporaries(cache) == []


def test_a_pending_file_is_not_in_the_cache_until_committed(cache):
    pending = cache.pending("audio", KEY, "mp3")
    pending.write(b"first half ")
    assert cache.get("audio", KEY, "mp3") is None and cache.read("audio", KEY, "mp3") is None
    assert len(temporaries(cache)) == 1
    pending.write(b"second half")
    assert pending.commit() == cache.path("audio", KEY, "mp3")
    assert cache.read("audio", KEY, "mp3") == b"first half second half" and temporaries(cache) == []


def test_an_abandoned_pending_file_leaves_nothing_and_may_be_abandoned_again(cache):
    pending = cache.pending("audio", KEY, "mp3")
    pending.write(b"half")
    pending.abandon()
    pending.abandon()
    assert cache.get("audio", KEY, "mp3") is None and temporaries(cache) == []


def test_writer_abandons_the_file_when_its_block_fails(cache):
    with pytest.raises(RuntimeError, match="engine died"):
        with cache.writer("audio", KEY, "mp3") as pending:
            pending.write(b"half")
            raise RuntimeError("engine died")
    assert cache.get("audio", KEY, "mp3") is None and temporaries(cache) == []


def test_a_commit_that_fails_leaves_no_temporary(cache, monkeypatch):
    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    pending = cache.pending("audio", KEY, "mp3")
    pending.write(b"whole")
    monkeypatch.setattr(cache_module.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        pending.commit()
    assert cache.get("audio", KEY, "mp3") is None and temporaries(cache) == []


def test_clear_removes_everything_and_counts_the_files(cache):
    cache.write("audio", KEY, "mp3", b"a")
    cache.write("audio", "cd" + KEY[2:], "ogg", b"b")
    cache.write("utterances", KEY, "wav", b"c")
    assert cache.clear() == 3
    assert not cache.root.exists()
    assert cache.clear() == 0  # nothing there: nothing to count, and no error


def test_temporaries_older_than_an_hour_are_removed_and_newer_ones_kept(cache):
    cache.pending("audio", KEY, "mp3")
    (stale,) = temporaries(cache)
    cache.pending("audio", "cd" + KEY[2:], "mp3")  # another process may still be writing this one
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    cache.remove_stale_temporaries()
    remaining = temporaries(cache)
    assert len(remaining) == 1 and stale not in remaining


def test_stale_temporaries_without_a_cache_folder_are_nothing_to_do(cache):
    cache.remove_stale_temporaries()
    assert not cache.root.exists()
