"""The pieces of the benchmarks: one module per metric of benchmarks/run.py,
its report, and the processes, servers and wrk runs that run.py,
benchmarks/load.py and the test suite share.

Not installed: run.py and load.py find it beside them, the tests through
tests/conftest.py. Its modules import only the standard library when
imported (run.py is re-imported in every speech worker the service spawns);
the service is reached through service_access, when a metric runs.
"""
