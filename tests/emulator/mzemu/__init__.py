"""mzemu: a Materialize emulator speaking pgwire, backed by PostgreSQL 15.

Test and demo tooling for cutover; see tests/emulator/README.md.
"""
