"""Utterance folders in /dev/shm: each pool's own, and the orphans of killed web processes."""

import os

def test_utterance_folders_of_killed_web_processes_are_removed_by_the_next_pool(tmp_path):
    import subprocess
    import sys

    from service.speech.scratch import TEMP_PREFIX, make_temp_dir, remove_orphaned_temp_dirs

    # A web process makes its folder, then is killed outright (no atexit, no close()).
    program = ("import sys, time; from service.speech.scratch import make_temp_dir; "
               "print(make_temp_dir(sys.argv[1])[0], flush=True); time.sleep(60)")
    owner = subprocess.Popen([sys.executable, "-c", program, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        orphan = owner.stdout.readline().strip()
        assert remove_orphaned_temp_dirs(str(tmp_path)) == []  # alive: its lock is held
    finally:
        owner.kill()
        owner.wait()
        owner.stdout.close()
    live, held = make_temp_dir(str(tmp_path))  # this process's own, in use
    unowned = tmp_path / f"{TEMP_PREFIX}no-owner-file"
    being_made = tmp_path / f".{TEMP_PREFIX}new"  # made, not yet locked and renamed
    for folder in (unowned, being_made):
        folder.mkdir()
    (being_made / ".owner").write_bytes(b"")
    try:
        assert remove_orphaned_temp_dirs(str(tmp_path)) == [orphan]
        assert not os.path.exists(orphan) and os.path.isdir(live)
        assert unowned.is_dir() and being_made.is_dir()
    finally:
        os.close(held)
