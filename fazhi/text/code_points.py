"""Character classes of a long text by table lookup: one NumPy pass over its code points.

A table holds a value for every Unicode code point (``table``); a text's code points
(``code_points``: its UTF-32 form, no copy) index it, giving every character's class at
once. On a report's whole text that takes a fraction of the regex scans for the same
classes. Used where every report is scanned whole: ``ingest.formats.counts`` (ideographs
and blanks), ``metadata.page.simplified`` (does a text need OpenCC, has it a pinyin gloss)
and ``metadata.text_key`` (the characters a text's identity keeps). NumPy is imported on
first use.
"""
from __future__ import annotations

UNICODE_SIZE = 0x110000   # code points U+0000 … U+10FFFF


def table(dtype: str = "uint8"):
    """A table of zeros, one entry per code point, for the caller to set its classes in."""
    import numpy as np

    return np.zeros(UNICODE_SIZE, dtype=dtype)


def code_points(text: str):
    """``text``'s code points as a NumPy array over its UTF-32 bytes (lone surrogates kept)."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
