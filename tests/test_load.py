"""The load test of `make bench`, in a short form: no request may fail."""

import pytest

import load  # benchmarks/load.py: tests/conftest.py puts benchmarks/ on the path

pytestmark = pytest.mark.slow  # boots gunicorn and loads it for seconds


def test_a_short_mixed_load_has_no_errors():
    result = load.run(seconds=4, connections=32)
    # How many it managed is the benchmark's business (make bench); here, that
    # the load reached the server on every connection, and nothing failed.
    assert result["requests"] >= 32, result["raw"]
    assert result["errors"] == 0, result["raw"]
