"""The audio cache: content-addressed files, written atomically, rendered once.

Several web workers (or hosts sharing the folder) may want the same missing
file at once; a lock file per key makes one of them render it while the others
wait and then read the finished file. Files appear only by rename, so a reader
never sees half a file, whatever happens to the writer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

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
        except FileNotFoundError:
            return None

    @contextmanager
    def writer(self, kind: str, key: str, extension: str):
        """A file to write; it becomes the cache entry only if the block succeeds."""
        final = self.path(kind, key, extension)
        final.parent.mkdir(parents=True, exist_ok=True)
        temp_dir = self._dir("tmp")
        temp_dir.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=temp_dir, prefix=f"{key}.", suffix=".part", delete=False)
        try:
            with handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(handle.name, 0o644)
            os.replace(handle.name, final)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise

    def write(self, kind: str, key: str, extension: str, data: bytes) -> Path:
        with self.writer(kind, key, extension) as handle:
            handle.write(data)
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


__all__ = ["AudioCache", "Timeout"]
