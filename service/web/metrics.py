"""Prometheus metrics at /metrics: requests, renders, the audio cache, restarts.

Under gunicorn every web worker is its own process; gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR so that /metrics adds up all of them.
"""

from __future__ import annotations

import os
import time

from flask import Blueprint, Response, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest,
                               multiprocess)

REQUESTS = Counter("carevoice_http_requests_total", "HTTP requests answered", ["method", "endpoint", "status"])
REQUEST_SECONDS = Histogram("carevoice_http_request_seconds", "Time to answer (to the first byte for streams)",
                            ["endpoint"])
RENDERS = Counter("carevoice_audio_renders_total", "Audio files rendered (cache misses)", ["format"])
RENDER_SECONDS = Histogram("carevoice_audio_render_seconds", "Time to render an audio file to its first chunk",
                           ["format"], buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
CACHE = Counter("carevoice_audio_cache_total", "Audio requests by cache outcome", ["outcome"])
UTTERANCES = Counter("carevoice_utterances_synthesised_total", "Sentences synthesised by the engine")
RESTARTS = Counter("carevoice_speech_worker_restarts_total", "Speech workers killed and replaced")

bp = Blueprint("metrics", __name__)


class PrometheusRenderMetrics:
    """What the render pipeline reports (speech.render.RenderMetrics), counted for Prometheus."""

    def cache(self, outcome: str, fmt: str) -> None:
        CACHE.labels(outcome).inc()

    def rendered(self, fmt: str, seconds: float) -> None:
        RENDERS.labels(fmt).inc()
        RENDER_SECONDS.labels(fmt).observe(seconds)

    def synthesised(self) -> None:
        UTTERANCES.inc()

    def restarted(self) -> None:
        RESTARTS.inc()


@bp.get("/metrics")
def metrics():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, content_type=CONTENT_TYPE_LATEST)  # already names its charset


def init_app(app) -> None:
    app.register_blueprint(bp)

    @app.before_request
    def start_clock():
        g.started = time.perf_counter()

    @app.after_request
    def count(response):
        endpoint = request.endpoint or "unmatched"  # never the raw path: no unbounded labels
        REQUESTS.labels(request.method, endpoint, str(response.status_code)).inc()
        if "started" in g:
            REQUEST_SECONDS.labels(endpoint).observe(time.perf_counter() - g.started)
        return response
