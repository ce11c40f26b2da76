"""``python -m fazhi.synth --reports N --out DIR [--seed S] [--redraw FRACTION] [--check]``: the generator without the CLI.

Prints the summary of ``fazhi.synth.generate`` as one JSON object; the
``fazhi synth`` command of the CLI calls the same function.
"""
from __future__ import annotations

import argparse
import json

from fazhi.synth import generate


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m fazhi.synth", description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, required=True, help="how many reports")
    ap.add_argument("--out", required=True, help="folder for the reports (gold, texts and manifest.jsonl go to OUT-truth/ beside it)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--contradictions", type=float, default=0.03, help="share of reports with a planted issue")
    ap.add_argument("--redraw", type=float, default=0.0, metavar="FRACTION",
                    help="share of reports whose numbers are drawn again at random (most then contradict "
                         "themselves; they get no gold)")
    ap.add_argument("--no-gold", action="store_true", help="write the reports and manifest only")
    ap.add_argument("--check", action="store_true", help="re-read every report and check the gold (slow)")
    a = ap.parse_args(argv)
    summary = generate(a.reports, a.out, a.seed, contradictions=a.contradictions, gold=not a.no_gold,
                       check=a.check, redraw=a.redraw)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
