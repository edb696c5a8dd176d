"""Benchmarks for Caseload Desk: `python -m benchmarks --help`."""
