"""The bench's corpora: synthetic reports made by `fazhi synth` once and kept in bench/out,
and the second, longer corpus whose numbers are mostly redrawn (issue 18's second corpus)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from fazhi.synth import truth_dir
from paths import FAZHI, OUT

REDRAW = 0.9   # share of the second corpus's reports whose numbers are redrawn at random
# Share of the second corpus's text reports that carry a second report's text after their own:
# about 1.5 times the first corpus's text, as the second corpus has 1.7 times.
LONGER = 0.65


def corpus_dir(n: int, seed: int, redraw: float | None = None) -> Path:
    return OUT / (f"corpus-{n}-{seed}" + (f"-redraw{redraw:g}" if redraw else ""))


def made(corpus: Path) -> bool:
    """Whether ``corpus`` was generated whole (synth writes the manifest as it goes; a killed run leaves it short)."""
    return (truth_dir(corpus) / "manifest.jsonl").exists()


def synth(n: int, seed: int, gold: bool, redraw: float | None = None) -> Path:
    """The corpus of ``n`` reports for ``seed`` (generated once, then kept in bench/out)."""
    out = corpus_dir(n, seed, redraw)
    if not made(out):
        shutil.rmtree(out, ignore_errors=True)
        generator = redraw_synth() if redraw else [*FAZHI, "synth"]
        subprocess.run([*generator, "--reports", str(n), "--out", str(out), "--seed", str(seed),
                        *([] if gold else ["--no-gold"]), *(["--redraw", str(redraw)] if redraw else [])],
                       check=True, stdout=subprocess.DEVNULL)
    return out


def longer_corpus() -> tuple[Path, int]:
    """The second corpus and its characters: the 10,000 reports of seed 2, 90 % of them redrawn,
    where 65 % of the text reports go on with the text of the same-numbered report of seed 3
    (also redrawn; decoded and written again in the first one's encoding). Made once."""
    out, record = OUT / "corpus-10000-2-redraw0.9-longer", OUT / "corpus-10000-2-redraw0.9-longer.json"
    if record.exists():
        return out, json.loads(record.read_text())["chars"]
    import random

    base, extra = synth(10000, 2, gold=False, redraw=REDRAW), synth(10000, 3, gold=False, redraw=REDRAW)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    chars, pick = 0, random.Random(2)
    for first, second in zip(sorted(base.iterdir()), sorted(extra.iterdir())):
        data = first.read_bytes()
        text, encoding = _decoded(data)
        if first.suffix == ".txt" and second.suffix == ".txt" and pick.random() < LONGER:
            text = text + "\n\n" + _decoded(second.read_bytes())[0]
            data = text.encode(encoding)
        (out / first.name).write_bytes(data)
        chars += len(text)
    record.write_text(json.dumps({"chars": chars}))
    return out, chars


def _decoded(data: bytes) -> tuple[str, str]:
    """A synthetic file's text and encoding (UTF-8, else GB18030: the two synth writes)."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def redraw_synth() -> list[str] | None:
    """A synth command with --redraw (`fazhi synth`, else `python -m fazhi.synth`), or None without one."""
    for command in ([*FAZHI, "synth"], [sys.executable, "-m", "fazhi.synth"]):
        help_text = subprocess.run([*command, "--help"], capture_output=True, text=True,
                                   env={**os.environ, "COLUMNS": "200"}).stdout
        if "--redraw" in help_text:
            return command
    return None


def synth_redraws() -> bool:
    """Whether the second corpus is there or this checkout's synth can make it (its --redraw option)."""
    return made(corpus_dir(10000, 2, REDRAW)) or redraw_synth() is not None
