"""Metric 4: cached MP3 requests per second, the app under gunicorn against
nginx serving the same file, with the ceiling app and the threaded worker
as context."""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from .processes import HOST, STARTED, free_port, stop_process, wait_port
from .report import Report, fmt_ms, fmt_s, log, median
from .servers import ROOT, Gunicorn
from .service_access import SLUG
from .wrk import parse_wrk, run_wrk

WRK_SECONDS = 5
WRK_CONNECTIONS = 16
THROUGHPUT_ROUNDS = 3    # the app, nginx and the context servers take turns this many times
# Context: the app under gunicorn's threaded worker (its setting before
# service/serving/asgi.py), to show what the ASGI front is worth.
THREADED = ["--config", "gunicorn.conf.py", "--worker-class", "gthread", "--threads", "4", "service:create_app()"]

NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type audio/mpeg;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen {host}:{port};
        location = /audio.mp3 {{ alias {file}; }}
    }}
}}
"""


def wrk(url: str) -> dict:
    """wrk -t2 -c16 on `url` for WRK_SECONDS: its rate, latency and failures."""
    return parse_wrk(run_wrk(url, WRK_SECONDS, WRK_CONNECTIONS))


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as resp:
        if resp.status != 200:
            raise RuntimeError(f"{url}: HTTP {resp.status}")
        return resp.read()


def metric_throughput(report: Report, work: Path, memory: dict) -> None:
    log(f"metric 4: cached MP3 requests/s, gunicorn (2 workers) vs nginx, wrk -t2 -c16, "
        f"{THROUGHPUT_ROUNDS} rounds")
    cache_dir = Path(tempfile.mkdtemp(prefix="cache-rps-", dir=work))
    cache_dir.chmod(0o755)  # nginx's worker (nobody, when we are root) reads the file too
    nginx_dir = Path(tempfile.mkdtemp(prefix="nginx-", dir=work))
    server = Gunicorn(2, cache_dir, work / "gunicorn-rps.log")
    nginx = None
    context: list[Gunicorn] = []
    try:
        ready = server.wait_ready()
        log(f"gunicorn ready in {ready:.1f} s")
        app_url = server.url(f"/en/topics/{SLUG}/audio.mp3")
        start = time.perf_counter()
        cold = fetch(app_url)
        cold_seconds = time.perf_counter() - start
        deadline = time.monotonic() + 10
        files = []
        while time.monotonic() < deadline:
            files = sorted((cache_dir / "audio").glob("**/*.mp3"), key=lambda p: p.stat().st_mtime)
            if files:
                break
            time.sleep(0.05)
        if not files:
            raise RuntimeError("the topic's MP3 did not appear in the cache")
        cached = files[-1]

        port = free_port()
        conf = nginx_dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=nginx_dir, host=HOST, port=port, file=cached))
        nginx = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        STARTED.append(nginx)
        wait_port(port, nginx, 10)
        urls = {"app": app_url, "nginx": f"http://{HOST}:{port}/audio.mp3"}
        context.append(start_ceiling(work, cached))
        urls["ceiling"] = context[-1].url("/audio.mp3")
        context.append(Gunicorn(2, cache_dir, work / "gunicorn-rps-threaded.log", command=THREADED))
        context[-1].wait_ready()
        urls["app, threaded worker"] = context[-1].url(f"/en/topics/{SLUG}/audio.mp3")

        for name, url in urls.items():
            if fetch(url) != cold:
                raise RuntimeError(f"{name} answers other bytes than the cold stream of the app")

        # Every server is up all along and they take turns, so a slow spell of
        # the machine falls on all of them; each ratio pairs runs of one round.
        runs: dict[str, list[dict]] = {name: [] for name in urls}
        for round_number in range(1, THROUGHPUT_ROUNDS + 1):
            for name, url in urls.items():
                runs[name].append(wrk(url))
                log(f"metric 4 round {round_number}: {name} {runs[name][-1]['rps']:.0f}/s")
        web, speech = server.memory()
        memory["after load (2 web workers)"] = (web, speech)
        problems = server.log_problems()
        for other in context:
            problems += [f"({other.log_path.name}) {line}" for line in other.log_problems()]
    finally:
        if nginx is not None:
            stop_process(nginx, signal.SIGQUIT, timeout=10)
        for other in context:
            other.stop()
        server.stop()
        shutil.rmtree(cache_dir, ignore_errors=True)
        shutil.rmtree(nginx_dir, ignore_errors=True)

    def rate(name: str) -> float:
        return median([r["rps"] for r in runs[name]])

    def ratio(name: str, against: str = "nginx") -> float:
        return median([a["rps"] / b["rps"] for a, b in zip(runs[name], runs[against])])

    clean = not any(r["non2xx"] for name in ("app", "nginx") for r in runs[name])
    nginx_rate = f"{rate('nginx'):.0f}/s (nginx)"
    report.row(f"4. cached MP3 ({len(cold) // 1024} KiB) requests/s, wrk -t2 -c16 -d{WRK_SECONDS}s, "
               f"median of {THROUGHPUT_ROUNDS}", f"{rate('app'):.0f}/s (gunicorn, 2 workers)", nginx_rate,
               f"{ratio('app'):.2f}", "≥ 0.5", ratio("app") >= 0.5 and clean)
    latency = {name: median([r["latency_avg"] for r in runs[name]]) for name in ("app", "nginx")}
    p99 = {name: median([r["p99"] for r in runs[name]]) for name in ("app", "nginx")}
    report.row("4. latency under that load, avg (p99)",
               f"{fmt_ms(latency['app'])} ({fmt_ms(p99['app'])})",
               f"{fmt_ms(latency['nginx'])} ({fmt_ms(p99['nginx'])})",
               f"{latency['app'] / latency['nginx']:.1f}×", "context")
    report.row("4. context: cold topic request over HTTP (render + stream)", fmt_s(cold_seconds),
               "—", "—", "context")
    report.row("4. ceiling: benchmarks/ceiling_app.py (bytes only), same gunicorn settings",
               f"{rate('ceiling'):.0f}/s", nginx_rate, f"{ratio('ceiling'):.2f}", "context")
    report.row("4. context: the app against that ceiling", f"{rate('app'):.0f}/s",
               f"{rate('ceiling'):.0f}/s (ceiling)", f"{ratio('app', 'ceiling'):.2f}", "context")
    report.row("4. context: the app under gunicorn's threaded worker (gthread, 4 threads)",
               f"{rate('app, threaded worker'):.0f}/s", nginx_rate, f"{ratio('app, threaded worker'):.2f}",
               "context")
    if ratio("ceiling") < 0.5:
        report.note(f"metric 4: the ceiling app, which does nothing but send the bytes, reaches "
                    f"{ratio('ceiling'):.2f} of nginx under the service's gunicorn settings on this "
                    "machine, so no app under those settings can meet the 0.5 target here; behind nginx, "
                    "CAREVOICE_AUDIO_SENDFILE=x-accel-redirect lets nginx send the bytes (README, Deploying).")
    for name, results in runs.items():
        errors = [f"{r['non2xx']} non-2xx, socket errors: {r['socket_errors']}" for r in results
                  if r["non2xx"] or r["socket_errors"]]
        if errors:
            report.note(f"metric 4 {name}: " + "; ".join(errors))
    report.note("metric 4 requests/s by round: " + "; ".join(
        f"{name} " + ", ".join(f"{r['rps']:.0f}" for r in results) for name, results in runs.items()))
    for line in problems[:10]:
        report.note(f"gunicorn log (metric 4): {line}")


def start_ceiling(work: Path, cached: Path) -> Gunicorn:
    """benchmarks/ceiling_app.py sending `cached`, under the service's gunicorn
    settings and as many web workers as metric 4 gives the app."""
    metrics = Path(tempfile.mkdtemp(prefix="metrics-", dir=work))  # else gunicorn.conf.py makes one
    server = Gunicorn(2, work, work / "gunicorn-ceiling.log",
                      command=["--config", str(ROOT / "benchmarks" / "gunicorn_ceiling.conf.py"),
                               "--chdir", str(ROOT / "benchmarks"), "ceiling_app:app"],
                      env={"CEILING_FILE": str(cached), "PROMETHEUS_MULTIPROC_DIR": str(metrics)})
    try:
        wait_port(server.port, server.proc, 30)
    except Exception:
        server.stop()
        raise
    return server
