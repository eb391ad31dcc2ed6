"""The project's tools, not part of the dashboard: the benchmark, the demonstration snapshot's generator, the
scale-up. Nothing outside sp_data/tools imports them but the command line's entry point (sp_data/__main__.py)."""
