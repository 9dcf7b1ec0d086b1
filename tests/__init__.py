"""The generator's tests: one folder per stage (ingest, merge, build, render, output), the
client runtime (runtime), whole runs (e2e), the benchmark's smoke test (bench), and the case
corpus (cases, see cases/README.md)."""
