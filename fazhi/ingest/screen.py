"""Whether decoded text is a report at all, before it lands.

A folder handed to ``fazhi run`` can hold more than reports: notes, data
files, an empty page, a scanned PDF without a text layer. Text with too few
Chinese characters, or mostly other characters, is not landed (the readers
already refuse text with no Chinese at all); the reason is
recorded in ``raw.ingest_errors`` (stage ``screen``) like any file that could
not be read. The limits are low on purpose: a one-paragraph report passes.
"""
from __future__ import annotations

from fazhi.ingest.formats.counts import ideographs_and_blanks

MIN_CHINESE = 20        # characters of Chinese text in the shortest report worth landing
MIN_CHINESE_SHARE = 0.2  # of the text's non-space characters


def not_a_report(text: str) -> str | None:
    """Why ``text`` is not a report, or None when it may be one."""
    chinese, blanks = ideographs_and_blanks(text)   # one pass over the text for both
    if chinese < MIN_CHINESE:
        return f"not a report: {chinese} Chinese characters (fewer than {MIN_CHINESE})"
    visible = len(text) - blanks
    if chinese < MIN_CHINESE_SHARE * visible:
        return (f"not a report: only {100 * chinese / visible:.0f}% of its characters are Chinese "
                f"(at least {100 * MIN_CHINESE_SHARE:.0f}%)")
    return None
