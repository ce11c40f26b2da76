"""Redrawn numbers: a report whose figures were replaced at random, so that it contradicts itself.

``fazhi.synth.generate(..., redraw=FRACTION)`` calls ``redraw`` on that share of
its reports after they are built and before they are laid out: every digit of
every fact's number is replaced by a random one (a leading digit stays non-zero),
so each number keeps its length and form (offsets, units, 万, %, commas) but
says something else — 办结 above 受理, parts above their total, rates off their
counts, rates over 100. Such a report gets no gold (its numbers no longer mean
what the gold says): accuracy is measured on the other reports. Benchmarks use
it to build a warehouse where most reports fail their checks.
"""
from __future__ import annotations

from random import Random

from fazhi.synth.document import Report

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def redraw(report: Report, rng: Random) -> int:
    """Replace the digits of every fact's number in ``report`` in place; return how many numbers changed."""
    changed = 0
    for para in [*report.title, *report.body]:
        for fact in para.facts:
            new = _redrawn(fact.num.text, rng)
            if new == fact.num.text:
                continue
            at = _part_at(para.parts, fact.local, fact.num.text)
            if at is None:
                continue
            para.parts[at] = new
            fact.num = fact.num._replace(text=new)
            changed += 1
    return changed


def _part_at(parts: list[str], offset: int, text: str) -> int | None:
    """The index of the part that starts at ``offset`` and reads ``text``."""
    pos = 0
    for i, part in enumerate(parts):
        if pos == offset and part == text:
            return i
        pos += len(part)
        if pos > offset:
            return None
    return None


def _redrawn(text: str, rng: Random) -> str:
    """``text`` with each ASCII or full-width digit drawn again; the first of a run stays non-zero."""
    out, previous_digit = [], False
    for ch in text:
        ascii_digit = ch.translate(_FULL_WIDTH)
        if not ascii_digit.isdigit() or not ascii_digit.isascii():
            out.append(ch)
            previous_digit = False
            continue
        digit = str(rng.randint(0 if previous_digit else 1, 9)) if (previous_digit or ascii_digit != "0") else "0"
        out.append(digit if ch == ascii_digit else chr(ord("０") + int(digit)))
        previous_digit = True
    return "".join(out)
