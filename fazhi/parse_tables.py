"""One report text in, every parse row out: sections, sentences, facts, metadata.

``parse_batch`` is the one parser of the flow: ingest's decode workers call it
for each report they land, and ``fazhi.parsed`` for reports whose parse is
missing or of another parser version. The text is normalised once
(``fazhi.text.normalize``, the twin of the dbt macro ``normalize_text``) and
split into sentences once; facts and sentences share that split, so their
ordinals agree. Offsets are into the report text as landed. The rows go to the
``parsed`` tables (``fazhi.parsed``), which dbt's int_ models read.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa

from fazhi.extract import MetricRule, Taxonomy, compile_taxonomy, extract_report, load_taxonomy
from fazhi.metadata import describe, text_key
from fazhi.text.normalize import normalize
from fazhi.text.sections import find_sections
from fazhi.text.sentences import split_sentences

SECTION_SCHEMA = {
    "report_id": pl.String, "ordinal": pl.Int32, "level": pl.Int32,
    "marker": pl.String, "path": pl.String, "title": pl.String, "start_offset": pl.Int32,
    "end_offset": pl.Int32, "body_start": pl.Int32, "parent_ordinal": pl.Int32,
}   # its id, report_id:ordinal, is int_sections' (not written, as the sentences' and the facts' ids)
SENTENCE_SCHEMA = {
    "report_id": pl.String, "ordinal": pl.Int32, "start_offset": pl.Int32, "end_offset": pl.Int32,
    "sentence_text": pl.String,
}   # its id, report_id:ordinal, is int_sentences' (not written: 1.3 M strings at 10,000 reports);
    # its text only where it holds a fact (parse_report)
METADATA_SCHEMA = {
    "report_id": pl.String, "title": pl.String, "issuer": pl.String, "issuer_level": pl.String,
    "region": pl.String, "region_level": pl.String, "region_code": pl.String, "province": pl.String,
    "city": pl.String, "county": pl.String, "report_year": pl.Int32, "published": pl.String,
    "dated": pl.String, "source_name": pl.String, "text_key": pl.String,
}
FACT_SCHEMA = {
    "report_id": pl.String, "sentence_ordinal": pl.Int32, "start_offset": pl.Int32,
    "end_offset": pl.Int32, "span_rank": pl.Int32, "number_text": pl.String, "value": pl.Float64,
    "unit": pl.String, "kind": pl.String, "qualifier": pl.String, "subject": pl.String,
    "action": pl.String, "metric": pl.String, "respectively": pl.Boolean, "part_of_offset": pl.Int32,
    "prior_of_offset": pl.Int32,
}   # its id, report_id:start_offset:span_rank, is int_facts' (not written: two thirds of the table's
    # bytes, and a third of the time storing its rows took; span_rank counts facts sharing a span, 均)
STAMP_SCHEMA = {"report_id": pl.String, "parser_version": pl.String, "parsed_at": pl.Datetime("us")}
# One row a parsed report: its stamp, and the size of its text and of its parse (dim_reports
# shows them; counted here, where they are at hand, not by counting 1.3 M sentence rows a build).
REPORT_SCHEMA = {
    "report_id": pl.String, "text_chars": pl.Int32, "top_sections": pl.Int32, "sections": pl.Int32,
    "sentences": pl.Int32, "facts": pl.Int32,
}
# parsed.<table> -> its columns before the stamp
TABLES = {"sections": SECTION_SCHEMA, "sentences": SENTENCE_SCHEMA, "facts": FACT_SCHEMA,
          "metadata": METADATA_SCHEMA, "reports": REPORT_SCHEMA}

# The code a parse runs: a change to any of it (or to the taxonomy) is a new parser version.
_PARSER_CODE = ("text", "extract", "metadata", "ingest/metadata.py", "parse_tables.py")


@cache
def _source_digest() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in _PARSER_CODE:
        path = package / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def parser_version(rules: Sequence[MetricRule]) -> str:
    """A digest of the parsing code and of the taxonomy ``rules``.

    A report whose parse carries another version is parsed again on the next
    run (``fazhi.parsed.reparse``), so a change to the parsers or the taxonomy
    reaches every report.
    """
    digest = hashlib.sha256(_source_digest().encode())
    digest.update(repr(list(rules)).encode())
    return digest.hexdigest()[:16]


def metric_rules() -> list[MetricRule]:
    """The taxonomy the extractor uses: dbt's seed file ``metric_taxonomy.csv`` (the one loader)."""
    from fazhi.config import DBT_DIR

    return load_taxonomy(DBT_DIR / "seeds" / "metric_taxonomy.csv")


@dataclass(frozen=True)
class Parser:
    """What a parse runs with: the taxonomy's rules, their parser version, and the stamp
    (UTC) of this round of parsing, taken here rather than on workers with their own clocks."""

    rules: tuple[MetricRule, ...]
    version: str
    parsed_at: datetime

    @classmethod
    def now(cls) -> Parser:
        rules = tuple(metric_rules())
        return cls(rules, parser_version(rules), datetime.now(timezone.utc).replace(tzinfo=None))


Report = tuple[str, str, "str | None", "str | None"]   # report_id, text as landed, stated title, stated date


# The tables of many rows a report: their rows are built without their report_id, which is
# added as a dictionary column (``_per_report``).
_MANY = ("sections", "sentences", "facts")


def parse_batch(reports: Iterable[Report], parser: Parser) -> dict[str, pa.Table]:
    """Every parse row of ``reports``, as one Arrow table per ``TABLES`` entry, each row stamped
    with the parser's version and time. Pure CPU work: safe on any worker."""
    taxonomy = compile_taxonomy(list(parser.rules))   # once per batch, not per report
    parts: dict[str, list] = {name: [] for name in TABLES}
    sentence_columns: list[list] = [[] for _ in list(SENTENCE_SCHEMA)[1:]]
    ids: list[str] = []
    counts: dict[str, list[int]] = {name: [] for name in _MANY}
    for report_id, raw_text, title, published in reports:
        sections, sentences, facts, metadata = parse_report(report_id, raw_text, title, published, taxonomy)
        parts["sections"] += sections
        for column, values in zip(sentence_columns, sentences):
            column += values
        parts["facts"] += facts
        parts["metadata"].append(metadata)
        parts["reports"].append((report_id, len(raw_text), sum(s[_LEVEL] == 1 for s in sections), len(sections),
                                 len(sentences[0]), len(facts)))
        ids.append(report_id)
        for name, n in zip(_MANY, (len(sections), len(sentences[0]), len(facts))):
            counts[name].append(n)
    frames = {name: rows_frame(rows, _own_columns(name)) for name, rows in parts.items() if name != "sentences"}
    frames["sentences"] = pl.DataFrame(dict(zip(_own_columns("sentences"), sentence_columns)),
                                       schema=_own_columns("sentences"))
    tables = {}
    for name, frame in frames.items():
        table = frame.to_arrow()
        if name in _MANY:
            table = table.add_column(0, "report_id", _per_report(ids, counts[name]))
        n = table.num_rows
        stamps = pl.repeat(parser.parsed_at, n, eager=True, dtype=pl.Datetime("us")).to_arrow()
        tables[name] = table.append_column("parser_version", _per_report([parser.version], [n])) \
                            .append_column("parsed_at", stamps)
    return tables


def _own_columns(name: str) -> dict:
    """The columns ``parse_report`` gives for table ``name``: all, but the report_id of ``_MANY``'s."""
    schema = TABLES[name]
    return {c: t for c, t in schema.items() if c != "report_id"} if name in _MANY else schema


_LEVEL = list(_own_columns("sections")).index("level")   # a section row's heading level (1: 一、)


def _per_report(ids: list[str], counts: list[int]) -> pa.DictionaryArray:
    """``ids[i]`` repeated ``counts[i]`` times, as a dictionary column: the 64-character ids of a
    report's hundreds of sentence rows were a quarter of the bytes the workers sent and the
    warehouse took in.

    Arrow columns are made by polars here, not by ``pa.array``: pyarrow imports pandas the first
    time ``pa.array`` or ``pa.scalar`` is called (to ask whether the values are a pandas object),
    0.2 CPU-s and 41 MB in each parsing worker and in the flow's process, which need no pandas."""
    indices = np.repeat(np.arange(len(ids), dtype=np.int32), counts)
    return pa.DictionaryArray.from_arrays(pl.Series(indices).to_arrow(), pl.Series(ids, dtype=pl.String).to_arrow())


def rows_frame(rows: list[tuple], schema: dict) -> pl.DataFrame:
    """Rows as a frame, handed over column by column (polars reads columns at half the cost of rows)."""
    columns = zip(*rows) if rows else ([] for _ in schema)
    return pl.DataFrame(dict(zip(schema, map(list, columns))), schema=schema)


def parse_report(report_id: str, raw_text: str, title: str | None, published: str | None,
                 taxonomy: Taxonomy) -> tuple[list[tuple], tuple[list, ...], list[tuple], tuple]:
    """One report's rows: sections, sentences (as columns), facts and its metadata row; the
    sections', sentences' and facts' without their report_id (``parse_batch`` adds it).

    Sections, sentences and facts read the normalised text; metadata and the
    sentences' text come from the text as landed (same offsets).
    """
    text = normalize(raw_text)
    sentences = split_sentences(text)
    sections = [
        (s.ordinal, s.level, s.marker, s.path, s.title,
         s.start, s.end, s.body_start, s.parent)
        for s in find_sections(text)
    ]
    found = extract_report(text, sentences, taxonomy)
    n = len(sentences)
    # The text of a sentence that holds a fact (one in ten), as landed: the marts quote it. The
    # others' is the report's text over their span, which raw.reports holds; stored again, it
    # was a quarter of the warehouse and most of what storing a landed chunk cost.
    starts, ends = sentences.starts, sentences.ends
    quoted: list[str | None] = [None] * n
    for i in {f.sentence for f in found}:
        quoted[i] = raw_text[starts[i]:ends[i]]
    sentence_columns = (list(range(n)), starts, ends, quoted)
    facts = []
    seen: dict[int, int] = {}
    for f in found:
        k = seen[f.start] = seen.get(f.start, -1) + 1
        facts.append((
            f.sentence, f.start, f.end, k, f.number_text,
            float(f.value), f.unit, f.kind, f.qualifier, f.subject, f.action, f.metric,
            bool(f.respectively), f.part_of, f.prior_of,
        ))
    m = describe(raw_text, title, published)
    metadata = (report_id, m.title, m.issuer, m.issuer_level, m.region, m.region_level, m.region_code,
                m.province, m.city, m.county, m.year, m.published, m.dated, m.source_name, text_key(raw_text))
    return sections, sentence_columns, facts, metadata
