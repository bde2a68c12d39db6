"""The pieces of benchmarks/run.py: its report, and the processes and
servers it starts and measures.

Not installed: run.py finds it beside it. Its modules import only the
standard library, as run.py is re-imported in every speech worker it spawns.
"""
