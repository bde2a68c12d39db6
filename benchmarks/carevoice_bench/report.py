"""The benchmark's report: the table's rows, the notes, the missed targets,
and the clock and log lines of a run."""

from __future__ import annotations

import os
import statistics
import sys
import time

T_START = time.monotonic()


def elapsed() -> float:
    return time.monotonic() - T_START


def log(message: str) -> None:
    print(f"[{elapsed():6.1f}s] {message}", flush=True)


class Report:
    def __init__(self):
        self.rows: list[dict] = []
        self.notes: list[str] = []

    def row(self, metric, ours="—", reference="—", ratio="—", target="—", ok=None):
        result = "info" if ok is None else ("PASS" if ok else "**FAIL**")
        self.rows.append(dict(metric=metric, ours=ours, reference=reference, ratio=ratio,
                              target=target, result=result, ok=ok))

    def error(self, metric, error):
        self.rows.append(dict(metric=metric, ours="error", reference="—", ratio="—", target="—",
                              result="**ERROR**", ok=False))
        self.notes.append(f"{metric}: {type(error).__name__}: {error}")

    def note(self, text):
        self.notes.append(text)

    def table(self) -> str:
        head = ["metric", "ours", "reference", "ratio", "target", "result"]
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
        for r in self.rows:
            lines.append("| " + " | ".join(str(r[k]) for k in head) + " |")
        return "\n".join(lines)

    def missed(self) -> list[str]:
        return [r["metric"] for r in self.rows if r["ok"] is False]

    def document(self, load_at_start: str) -> str:
        """The Markdown text of a finished run: header, table, summary, notes."""
        missed = self.missed()
        summary = [f"Total benchmark time: {elapsed():.0f} s."]
        summary.append("Missed targets: " + "; ".join(missed) + "." if missed else "All targets met.")
        notes = "\n".join(f"- {n}" for n in self.notes)
        header = (f"# carevoice benchmarks\n\n{time.strftime('%Y-%m-%d %H:%M:%S %Z')}, "
                  f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; load average at start "
                  f"{load_at_start}, at end {os.getloadavg()[0]:.2f} (other work on the machine skews results)\n")
        return f"{header}\n{self.table()}\n\n" + "\n".join(summary) + (f"\n\nNotes:\n\n{notes}\n" if notes else "\n")


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median(values):
    return statistics.median(values)
