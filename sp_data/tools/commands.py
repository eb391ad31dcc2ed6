"""The tools' commands on the command line: python -m sp_data demo | bench | i18n (sp_data/__main__.py adds them)."""
from __future__ import annotations

import argparse

from sp_data import cli


# The tools are imported when their command runs, not when the command line starts: `facts` and the
# other product commands (whose whole-process time the benchmark measures) never load them.
def _scale(text: str) -> int:
    """The --scale value: a whole number from 1 to MAX_SCALE."""
    from sp_data.tools.scale import MAX_SCALE

    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_SCALE:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_SCALE}, not {text!r}")
    return int(text)


def cmd_demo(args) -> int:
    from sp_data.tools.demo.build import build_demo_snapshot
    from sp_data.tools.scale import build_scaled_demo

    # Only scale 1 is calibrated to (and checked against) the 2023 report.
    if args.scale == 1:
        path, new = build_demo_snapshot(root=args.parquet_dir)
    else:
        path, new = build_scaled_demo(args.scale, root=args.parquet_dir)
    print("Demonstration snapshot " + ("written" if new else "unchanged (identical content already present)"))
    print(path)
    return 0


def cmd_bench(args) -> int:
    from sp_data.tools.bench.run import main as bench_main

    return bench_main(args)


def add_demo(sub) -> None:
    p = sub.add_parser("demo", help="regenerate the demonstration (simulated) snapshot")
    p.add_argument("--scale", type=_scale, default=1,
                   help="replicate visit threads, communications and replies N times, as snapshot demo-xN (default 1)")
    cli.parquet_option(p)
    p.set_defaults(func=cmd_demo)


def add_bench(sub) -> None:
    from sp_data.tools.bench.options import add_arguments

    p = sub.add_parser("bench", help="time every page's queries and views, `facts`, deep links, the load, the pandas "
                                      "way and the app's memory (README: Performance and reliability)")
    add_arguments(p)
    cli.parquet_option(p)
    p.set_defaults(func=cmd_bench)


def cmd_i18n(args) -> int:
    from sp_data.tools import catalogs

    paths = args.paths or catalogs.SOURCES
    if args.missing:
        gaps = catalogs.missing(args.missing, paths)
        print((catalogs.header(args.missing) if args.header else "") + catalogs.po_entries(gaps), end="")
        return 0
    print(catalogs.report(paths))
    return 1 if args.check and any(catalogs.missing(lang, paths) for lang in ("fr", "es")) else 0


def add_i18n(sub) -> None:
    p = sub.add_parser("i18n", help="which texts the French and Spanish catalogs lack (sp_data/locale)")
    p.add_argument("paths", nargs="*", help="files or folders to look in (default: the whole app)")
    p.add_argument("--missing", metavar="LANG", help="print the texts LANG lacks as .po entries to translate")
    p.add_argument("--header", action="store_true", help="with --missing: start with a catalog file's header")
    p.add_argument("--check", action="store_true", help="exit with status 1 when a text lacks a translation")
    p.set_defaults(func=cmd_i18n)


COMMANDS = (add_demo, add_bench, add_i18n)


def build_parser() -> argparse.ArgumentParser:
    """Every command of `python -m sp_data`: the product's and the tools'."""
    return cli.build_parser(*COMMANDS)


def main(argv: list[str] | None = None) -> int:
    """`python -m sp_data`: the product's commands and the tools'."""
    return cli.main(argv, COMMANDS)
