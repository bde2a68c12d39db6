"""The pieces of benchmarks/run.py: one module per metric, the report, and
the processes and servers the metrics start and measure.

Not installed: run.py finds it beside it. Its modules import only the
standard library when imported (run.py is re-imported in every speech worker
the service spawns); the service is reached through service_access, when a
metric runs.
"""
