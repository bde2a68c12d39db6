"""Cached audio files held in memory, least recently used out first."""

from __future__ import annotations

import os
from collections import OrderedDict


def identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


class HeldFiles:
    """Bytes of cached files, least recently used out first, within a budget.

    A file over an eighth of the budget is not held: one whole-topic WAV must
    not push out the many small files asked for most, nor be read whole again
    and again. Not thread-safe: the shortcut calls it under its lock (reading
    a file, the slow part, happens outside, in read_whole)."""

    def __init__(self, budget: int, largest: int | None = None):
        self.budget = budget
        self.largest = min(budget, budget // 8 if largest is None else largest)
        self.used = 0
        self._held: OrderedDict[str, tuple[tuple, bytes]] = OrderedDict()

    def get(self, file_path: str) -> tuple[tuple, bytes] | None:
        """(identity of the file when read, its bytes), or None if not held."""
        held = self._held.get(file_path)
        if held is not None:
            self._held.move_to_end(file_path)
        return held

    def read_whole(self, file_path: str) -> tuple[tuple, bytes] | None:
        """The file's identity and bytes, if it is small enough to hold."""
        try:
            with open(file_path, "rb") as handle:
                before = identity(os.fstat(handle.fileno()))
                if before[2] > self.largest:
                    return None
                data = handle.read()
        except OSError:
            return None
        if len(data) != before[2]:  # changed while read; a later send tries again
            return None
        return before, data

    def put(self, file_path: str, read: tuple[tuple, bytes]) -> None:
        """Holds what read_whole returned, dropping the least recently used to make room."""
        self.drop(file_path)
        while self._held and self.used + len(read[1]) > self.budget:
            self.drop(next(iter(self._held)))
        self._held[file_path] = read
        self.used += len(read[1])

    def has_room_for(self, size: int) -> bool:
        return size <= self.largest and self.used + size <= self.budget

    def hold(self, file_path: str) -> None:
        read = self.read_whole(file_path)
        if read is not None:
            self.put(file_path, read)

    def drop(self, file_path: str) -> None:
        held = self._held.pop(file_path, None)
        if held is not None:
            self.used -= len(held[1])
