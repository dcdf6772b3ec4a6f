"""Realistic synthetic data at any scale, for benchmarks and tests (`site-builder generate`).

Not part of a build: nothing the build imports imports this package (tests/test_architecture.py).
Imports the core and `model/` (working days).
"""
