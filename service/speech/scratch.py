"""The folders speech workers write their utterances in, and their clean-up.

Under /dev/shm (memory) where there is one. A folder's pool holds a lock on
it for as long as it lives; a folder nobody holds is an orphan.
"""

from __future__ import annotations

import os
import shutil
import tempfile

try:
    import fcntl
except ImportError:  # Windows: no flock, and no /dev/shm to leak into
    fcntl = None

# Utterance files live in <shm>/carevoice-speech-*/; the pool that made one
# holds an exclusive flock on its OWNER file for as long as it lives.
TEMP_PREFIX = "carevoice-speech-"
OWNER = ".owner"


def make_temp_dir(parent: str) -> tuple[str, int | None]:
    """A new utterance folder and the descriptor whose lock says it is in use.

    Made under a name the sweep ignores and renamed once locked, so no sweep
    can find it unlocked."""
    if fcntl is None:
        return tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=parent), None
    making = tempfile.mkdtemp(prefix=f".{TEMP_PREFIX}", dir=parent)
    owner = os.open(os.path.join(making, OWNER), os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    fcntl.flock(owner, fcntl.LOCK_EX)
    folder = os.path.join(parent, os.path.basename(making)[1:])
    os.rename(making, folder)
    return folder, owner


def remove_orphaned_temp_dirs(parent: str) -> list[str]:
    """Removes the utterance folders of pools whose process is gone.

    A pool removes its folder on close() or at exit, but not when its process
    is killed (SIGKILL after gunicorn's graceful timeout, the OOM killer), and
    in /dev/shm a leftover holds memory until reboot. A folder is orphaned when
    nobody holds the lock on its owner file: the kernel drops a lock with its
    last descriptor, however the process ended, and a lock means the same in
    every PID namespace sharing the folder (containers of one pod), where a
    pid would not. Folders without an owner file are left alone.
    """
    removed: list[str] = []
    if fcntl is None:
        return removed
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            owner = os.open(os.path.join(entry.path, OWNER), os.O_RDWR | os.O_NOFOLLOW)
        except OSError:  # gone, or no owner file
            continue
        try:
            fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(owner).st_nlink == 0:  # another sweep removed it meanwhile
                continue
        except OSError:  # held: its pool is alive
            continue
        finally:
            os.close(owner)
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.path)
    return removed


def scratch_parent() -> str:
    return "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
