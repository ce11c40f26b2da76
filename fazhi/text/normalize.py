"""Length-preserving normalisation of report text for parsing.

Staging parses a normalised copy of the raw text: full-width digits, Latin
letters and the symbols that occur inside numbers (％ ． ＋ － ／ ＝ ＜ ＞)
become ASCII, and the ideographic space a plain space. Chinese punctuation
(，。：；（）) stays, parsers rely on it. Every replacement is one character
for one character, so an offset into the normalised text is the same offset
into the raw text as landed.

The dbt macro ``normalize_text`` applies the same table in SQL; a test keeps
the two equal.
"""
import re

FULL_WIDTH = (
    "０１２３４５６７８９"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
    "％．＋－／＝＜＞\u3000"
)
HALF_WIDTH = (
    "0123456789"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdefghijklmnopqrstuvwxyz"
    "%.+-/=<> "
)
_TABLE = str.maketrans(FULL_WIDTH, HALF_WIDTH)
# Runs of characters to fold: they are rare in a report, and str.translate walks a whole
# Chinese text character by character (~0.5 ms a report), where this search is C-fast.
_RUN = re.compile(f"[{re.escape(FULL_WIDTH)}]+")


def normalize(text: str) -> str:
    """Fold full-width digits, letters and number symbols to ASCII, one char for one."""
    return _RUN.sub(_fold, text)


def _fold(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)
