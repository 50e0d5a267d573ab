"""Benchmarks of the engine and the batch command (not part of the test suite)."""
