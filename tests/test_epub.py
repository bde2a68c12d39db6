"""Packing a talking book (service/web/epub.py): the container rules reading
tools enforce, SMIL clock values, and the same bytes for the same content."""

import datetime as dt
import io
import struct
import time
import zipfile

import pytest

from service.web.epub import clock, zipped

from .book_support import BOOK_LANGUAGES, BookShelf

LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # PKWARE APPNOTE 4.3.7: the 30 bytes before a name


def local_entry(data: bytes, offset: int = 0):
    """(name, method, extra field, content) of the entry whose header starts at ``offset``."""
    (signature, _, flags, method, _, _, _, size, _, name_length, extra_length) = LOCAL_HEADER.unpack_from(data, offset)
    assert signature == b"PK\x03\x04" and not flags & 0x08  # sizes in the header, no data descriptor
    start = offset + LOCAL_HEADER.size
    name = data[start:start + name_length].decode()
    extra = data[start + name_length:start + name_length + extra_length]
    content = data[start + name_length + extra_length:][:size]
    return name, method, extra, content


@pytest.mark.parametrize("milliseconds, value", [
    (0, "0:00:00.000"), (4515, "0:00:04.515"), (61_001, "0:01:01.001"), (3_600_000 + 59_999, "1:00:59.999")])
def test_clock_values_are_smil_full_clock_values(milliseconds, value):
    assert clock(milliseconds) == value


def test_mimetype_is_first_stored_and_without_an_extra_field():
    data = zipped([("mimetype", b"application/epub+zip"), ("EPUB/a.xhtml", b"<html/>" * 100)], dt.date(2026, 11, 26))
    assert local_entry(data) == ("mimetype", zipfile.ZIP_STORED, b"", b"application/epub+zip")
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"  # where tools look for it
    entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [e.compress_type for e in entries] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]


def test_a_zip_holds_nothing_of_the_moment_it_was_made():
    files = [("mimetype", b"application/epub+zip"), ("EPUB/audio/a.mp3", bytes(range(256)) * 40)]
    first = zipped(files, dt.date(2026, 11, 26))
    time.sleep(2.1)  # ZIP times have a two-second grain
    assert zipped(files, dt.date(2026, 11, 26)) == first
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {e.date_time for e in entries} == {(2026, 11, 26, 0, 0, 0)}
    assert entries[1].compress_type == zipfile.ZIP_STORED  # MP3 does not shrink
    assert zipped(files, dt.date(1970, 1, 1))  # before ZIP's epoch: dated 1980, not refused


@pytest.mark.speech
@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_a_built_book_keeps_the_container_rules(books, name):
    book = books[name]
    assert local_entry(book.data) == ("mimetype", zipfile.ZIP_STORED, b"", b"application/epub+zip")
    archive = zipfile.ZipFile(io.BytesIO(book.data))
    assert archive.namelist()[1] == "META-INF/container.xml"
    epub = book.epub
    (modified,) = epub.meta("dcterms:modified")  # exactly one
    day = dt.date.fromisoformat(modified[:10])
    assert {e.date_time for e in archive.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}
    assert all(e.extra == b"" for e in archive.infolist())
    assert archive.testzip() is None


@pytest.mark.speech
@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_two_builds_from_the_same_audio_are_the_same_bytes(books, name):
    """Another app (nothing kept in memory) on the same cache, the cached book
    removed: built again from the rendered audio, to the byte. (espeak-ng
    itself varies a sentence's length by some milliseconds with what the
    worker said before it, so audio rendered afresh elsewhere differs.)"""
    first = books[name].data
    again = BookShelf(books.root)
    try:
        assert again.forget_books() >= 1
        assert again[name].data == first
        assert again[name].get("book.epub").headers["ETag"] == books[name].get("book.epub").headers["ETag"]
    finally:
        again.close()
