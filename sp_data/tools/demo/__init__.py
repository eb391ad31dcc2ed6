"""The demonstration snapshot's generator: real States and mandates, simulated events calibrated to the 2023 report.

Every event it makes is simulated. The generator is seeded and deterministic: it plans each State's
cooperation record so that, computed as at 31 December 2023 by the project's own queries, the
figures equal those published in the 2023 annual report (A/HRC/55/50; its addendum
A/HRC/55/69/Add.1), then checks that they do before writing anything (build.py).
"""
