"""The web process's handle on one speech worker process (speech/worker_process.py)."""

from __future__ import annotations

from .errors import BadUtterance, RenderTimeout, SpeechUnavailable, WorkerCrashed
from .utterance import EngineInfo, EngineSettings, Utterance
from .worker_process import worker_main


class SpeechWorker:
    """Starts a worker process and waits for its "ready": the engine's
    description, the settings it reports, and its calibration length."""

    def __init__(self, context, driver: str | None, voice: str | None, rate: int | None, temp_dir: str,
                 start_timeout: float, spawned=lambda process: None, calibration_text: str | None = None,
                 fault: str | None = None):
        self.voice = (voice, rate)
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=worker_main, args=(child, driver, voice, rate, temp_dir, calibration_text, fault),
            name="carevoice-speech", daemon=True,
        )
        try:
            self.process.start()
        except BaseException:
            self.connection.close()
            raise
        finally:
            child.close()
        spawned(self.process)
        try:
            if not self.connection.poll(start_timeout):
                raise SpeechUnavailable("the speech engine did not start in time")
            status, *payload = self.connection.recv()
        except EOFError:
            self.kill()
            raise SpeechUnavailable("the speech engine exited while starting") from None
        except BaseException:  # no half-started process is left behind, whatever went wrong
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise SpeechUnavailable(f"the speech engine cannot start: {payload[0]}")
        self.info: EngineInfo = payload[0]
        self.settings: EngineSettings = payload[1]
        self.calibration_seconds: float | None = payload[2]

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        """Whether the process is there to answer (one killed while idle is not).

        An idle worker never writes unasked, so anything to read on its pipe is
        its end (EOF): that holds however it died, and even where something else
        in the process reaped it first (an asyncio child watcher may wait on
        every child), when ``is_alive()`` cannot tell and answers True."""
        if self.connection.closed:
            return False
        try:
            if self.connection.poll(0):
                return False
        except OSError:
            return False
        return self.process.is_alive()

    def speak(self, text: str, timeout: float) -> tuple[Utterance, EngineSettings]:
        """The utterance, and the settings the engine reported once it was said."""
        try:
            self.connection.send((text, timeout))
            if not self.connection.poll(timeout):
                raise RenderTimeout(f"speech took longer than {timeout:g} s")
            status, *payload = self.connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as error:
            raise WorkerCrashed("the speech worker stopped during synthesis") from error
        if status != "ok":
            raise BadUtterance(payload[0])
        return payload[0], payload[1]

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()
