"""The audio cache: content-addressed files, written atomically, rendered once.

Several web workers (or hosts sharing the folder) may want the same missing
file at once; a lock file per key makes one of them render it while the others
wait and then read the finished file. Files appear only by rename, so a reader
never sees half a file, whatever happens to the writer.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

STALE_TEMP_SECONDS = 3600


class AudioCache:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _dir(self, kind: str) -> Path:
        return self.root / kind

    def path(self, kind: str, key: str, extension: str) -> Path:
        # Two levels of fan-out keep folders small on a long-lived server.
        return self._dir(kind) / key[:2] / f"{key}.{extension}"

    def get(self, kind: str, key: str, extension: str) -> Path | None:
        path = self.path(kind, key, extension)
        return path if path.is_file() else None

    def read(self, kind: str, key: str, extension: str) -> bytes | None:
        try:
            return self.path(kind, key, extension).read_bytes()
        except OSError:  # missing, or a cache folder that cannot be used: a miss
            return None

    def pending(self, kind: str, key: str, extension: str) -> "PendingFile":
        """A file being written; it becomes the cache entry only on commit()."""
        return PendingFile(self.path(kind, key, extension), self._dir("tmp"), key)

    @contextmanager
    def writer(self, kind: str, key: str, extension: str):
        """``pending`` as a block: committed if the block succeeds, else abandoned."""
        pending = self.pending(kind, key, extension)
        try:
            yield pending
        except BaseException:
            pending.abandon()
            raise
        pending.commit()

    def write(self, kind: str, key: str, extension: str, data: bytes) -> Path:
        with self.writer(kind, key, extension) as pending:
            pending.write(data)
        return self.path(kind, key, extension)

    def lock(self, key: str, extension: str) -> FileLock:
        folder = self._dir("locks")
        folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(folder / f"{key}.{extension}.lock"), thread_local=False)

    def clear(self) -> int:
        """Remove every cached file; returns how many there were."""
        count = sum(1 for p in self.root.rglob("*") if p.is_file()) if self.root.exists() else 0
        if self.root.exists():
            shutil.rmtree(self.root)
        return count

    def remove_stale_temporaries(self) -> None:
        temp_dir = self._dir("tmp")
        if not temp_dir.exists():
            return
        cutoff = time.time() - STALE_TEMP_SECONDS
        for part in temp_dir.glob("*.part"):
            try:
                if part.stat().st_mtime < cutoff:
                    part.unlink()
            except FileNotFoundError:
                pass


class PendingFile:
    """A cache entry being written to a temporary file, renamed into place at
    the end. Raises OSError where the cache cannot be written (read-only, full)."""

    def __init__(self, final: Path, temp_dir: Path, key: str):
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        temp_dir.mkdir(parents=True, exist_ok=True)
        self._handle = tempfile.NamedTemporaryFile(dir=temp_dir, prefix=f"{key}.", suffix=".part", delete=False)

    def write(self, data: bytes) -> None:
        self._handle.write(data)  # on failure the caller abandons (writer() does)

    def prepend(self, head: bytes) -> None:
        """Puts ``head`` before what is written so far (an MP3's ID3 tag, known
        only once the audio is): the entry still appears whole, by rename."""
        self._handle.seek(0)
        rest = self._handle.read()
        self._handle.seek(0)
        self._handle.write(head + rest)

    def commit(self) -> Path:
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.chmod(self._handle.name, 0o644)
            os.replace(self._handle.name, self.final)
        except BaseException:
            self.abandon()
            raise
        return self.final

    def abandon(self) -> None:
        """Removes the temporary file; safe to call more than once."""
        self._handle.close()
        Path(self._handle.name).unlink(missing_ok=True)


def keep_writing(pending: PendingFile | None, data: bytes) -> PendingFile | None:
    """Writes ``data`` to the pending cache file; None once the cache fails
    (the audio still flows to the listener, uncached)."""
    if pending is None or not data:
        return pending
    try:
        pending.write(data)
    except OSError as error:
        log.warning("audio cache write failed (%s); streaming without caching", error)
        pending.abandon()
        return None
    return pending


__all__ = ["AudioCache", "PendingFile", "Timeout", "keep_writing"]
