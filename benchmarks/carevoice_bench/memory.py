"""Metric 5: peak memory (VmHWM) of the gunicorn web workers and their speech
workers, as metrics 2 and 4 found it. Reported, no target."""

from __future__ import annotations

from .report import Report


def memory_rows(report: Report, memory: dict) -> None:
    for when, (web, speech) in memory.items():
        report.row(f"5. peak memory (VmHWM), web workers, {when}",
                   f"{max(web) / 1024:.1f} MiB (max of {len(web)})" if web else "—",
                   "—", "—", "report")
        report.row(f"5. peak memory (VmHWM), speech workers, {when}",
                   f"{max(speech) / 1024:.1f} MiB (max of {len(speech)})" if speech else "—",
                   "—", "—", "report")
