"""Report texts in, parse tables out: the bodies of dbt's Python models.

Each function takes polars frames read from the warehouse and returns the
frame a model materialises; the parsing itself is in ``fazhi.text`` and
``fazhi.extract``. Offsets are into the report text as landed.
"""
from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from fazhi.extract import MetricRule, compile_taxonomy, extract_report
from fazhi.metadata import describe, text_key
from fazhi.text.sections import find_sections
from fazhi.text.sentences import sentence_spans, split_sentences

if TYPE_CHECKING:
    import pyarrow as pa

SECTION_SCHEMA = {
    "report_id": pl.String, "section_id": pl.String, "ordinal": pl.Int32, "level": pl.Int32,
    "marker": pl.String, "path": pl.String, "title": pl.String, "start_offset": pl.Int32,
    "end_offset": pl.Int32, "body_start": pl.Int32, "parent_ordinal": pl.Int32,
}
SENTENCE_SCHEMA = {
    "report_id": pl.String, "sentence_id": pl.String, "ordinal": pl.Int32, "start_offset": pl.Int32,
    "end_offset": pl.Int32, "sentence_text": pl.String,
}
METADATA_SCHEMA = {
    "report_id": pl.String, "title": pl.String, "issuer": pl.String, "issuer_level": pl.String,
    "region": pl.String, "region_level": pl.String, "region_code": pl.String, "province": pl.String,
    "city": pl.String, "county": pl.String, "report_year": pl.Int32, "published": pl.String,
    "dated": pl.String, "source_name": pl.String, "text_key": pl.String,
}
FACT_SCHEMA = {
    "report_id": pl.String, "fact_id": pl.String, "sentence_ordinal": pl.Int32,
    "start_offset": pl.Int32, "end_offset": pl.Int32, "number_text": pl.String, "value": pl.Float64,
    "unit": pl.String, "kind": pl.String, "qualifier": pl.String, "subject": pl.String,
    "action": pl.String, "metric": pl.String, "respectively": pl.Boolean, "part_of_offset": pl.Int32,
    "prior_of_offset": pl.Int32,
}


_PARSERS = {
    "sections": ("text",),
    "sentences": ("text",),
    "metadata": ("ingest/metadata.py", "metadata"),
    "facts": ("text", "extract"),
}


@cache
def _source_digest(parts: tuple[str, ...]) -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in parts:
        path = package / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def parser_version(model: str, extra: object = None) -> str:
    """A digest of the parsing code a model runs (and of ``extra``, e.g. the taxonomy).

    Incremental models re-parse a report whose rows carry another version, so
    a change to the parsers or the taxonomy reaches every report on the next run.
    """
    digest = hashlib.sha256(_source_digest(_PARSERS[model]).encode())
    if extra is not None:
        digest.update(repr(extra).encode())
    return digest.hexdigest()[:16]


def stale_filter(session, this: object, version: str) -> str:
    """SQL predicate: reports that ``this`` has not parsed with ``version``.

    A table built before versions were recorded has no parser_version column:
    then every report is stale.
    """
    has_version = session.execute(
        "select count(*) from information_schema.columns "
        "where table_schema = ? and table_name = ? and column_name = 'parser_version'",
        [this.schema, this.identifier],
    ).fetchall()[0][0]  # fetchall: DuckDB 2 refuses new work while a result is unfinished
    if not has_version:
        return "true"
    return f"report_id not in (select report_id from {this} where parser_version = '{version}')"


def reports_to_parse(dbt, session, version: str, columns: str) -> pl.DataFrame:
    """``columns`` of the stg_reports rows a parse model must (re)parse: all of
    them on a full build, else those ``dbt.this`` has not parsed with ``version``.

    The stale report ids come first, from a scan of report_id alone; only their
    rows are then read. A filter on the whole view would normalise and read
    every report's text before filtering (about a second per model at 10,000
    reports, when a run adds ten).
    """
    reports = dbt.ref("stg_reports")
    if not dbt.is_incremental:
        return reports.select(columns).pl()
    ids = [report_id for (report_id,) in
           reports.filter(stale_filter(session, dbt.this, version)).select("report_id").fetchall()]
    return session.sql(
        f"select {columns} from ({reports.sql_query()}) "
        "semi join (select unnest($ids::varchar[]) as report_id) using (report_id)",
        params={"ids": ids},
    ).pl()


def stamped(parts: Iterable[pl.DataFrame], version: str) -> pa.RecordBatchReader:
    """A parse table as an Arrow stream of its parts, each with ``parser_version`` and ``parsed_at`` (UTC).

    dbt-duckdb inserts a returned stream batch by batch: at 10,000 reports the
    sentences alone are ~400 MB, which would otherwise be held whole beside
    the report texts and DuckDB's copy (peak memory of the run).
    """
    import pyarrow as pa

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    tables = (part.with_columns(parser_version=pl.lit(version), parsed_at=pl.lit(now, dtype=pl.Datetime("us")))
              .to_arrow() for part in parts)
    first = next(tables)
    return pa.RecordBatchReader.from_batches(
        first.schema, (batch for table in itertools.chain([first], tables) for batch in table.to_batches()))


def sections_frame(reports: pl.DataFrame) -> pl.DataFrame:
    """One row per heading (and one preamble row) of every report; needs report_id, text."""
    rows = [
        (report_id, f"{report_id}:{s.ordinal}", s.ordinal, s.level, s.marker, s.path, s.title,
         s.start, s.end, s.body_start, s.parent)
        for report_id, text in reports.select("report_id", "text").iter_rows()
        for s in find_sections(text)
    ]
    return pl.DataFrame(rows, schema=SECTION_SCHEMA, orient="row")


def metadata_frame(reports: pl.DataFrame) -> pl.DataFrame:
    """What each report states about itself; needs report_id, raw_text, stated_title, stated_published."""
    rows = []
    for report_id, raw_text, title, published in reports.select(
            "report_id", "raw_text", "stated_title", "stated_published").iter_rows():
        m = describe(raw_text, title, published)
        rows.append((report_id, m.title, m.issuer, m.issuer_level, m.region, m.region_level, m.region_code,
                     m.province, m.city, m.county, m.year, m.published, m.dated, m.source_name,
                     text_key(raw_text)))
    return pl.DataFrame(rows, schema=METADATA_SCHEMA, orient="row")


def sentences_frame(reports: pl.DataFrame) -> pl.DataFrame:
    """One row per sentence; needs report_id, text (normalised) and raw_text.

    Which section holds a sentence is set work, done in SQL (an ASOF join on
    the heading starts in fct_facts).
    """
    ids, sentence_ids, ordinals, starts, ends, texts = [], [], [], [], [], []
    for report_id, text, raw_text in reports.select("report_id", "text", "raw_text").iter_rows():
        spans = sentence_spans(text)
        n = len(spans)
        ids += [report_id] * n
        sentence_ids += [f"{report_id}:{i}" for i in range(n)]
        ordinals += range(n)
        starts += [s for s, _ in spans]
        ends += [e for _, e in spans]
        texts += [raw_text[s:e] for s, e in spans]
    columns = (ids, sentence_ids, ordinals, starts, ends, texts)
    return pl.DataFrame(dict(zip(SENTENCE_SCHEMA, columns)), schema=SENTENCE_SCHEMA)


def load_metric_rules(taxonomy: pl.DataFrame) -> list[MetricRule]:
    """The metric taxonomy seed as the extractor's rules (empty patterns as '')."""
    fields = ("metric_id", "name_zh", "kind", "subject_pattern", "action_pattern", "description")
    return [MetricRule(*(str(v) if v is not None else "" for v in row))
            for row in taxonomy.select(fields).iter_rows()]


def facts_frame(reports: pl.DataFrame, rules: Iterable[MetricRule]) -> pl.DataFrame:
    """One row per fact; reports need report_id and text (normalised).

    Sentences come from the same splitter as int_sentences (so ordinals agree)
    rather than from that table: the two models then parse side by side.
    """
    taxonomy = compile_taxonomy(list(rules))  # once per slice, not per report
    rows = []
    for report_id, text in reports.select("report_id", "text").iter_rows():
        seen: dict[int, int] = {}
        for f in extract_report(text, split_sentences(text), taxonomy):
            n = seen[f.start] = seen.get(f.start, -1) + 1
            rows.append((
                report_id, f"{report_id}:{f.start}:{n}", f.sentence, f.start, f.end, f.number_text,
                float(f.value), f.unit, f.kind, f.qualifier, f.subject, f.action, f.metric,
                bool(f.respectively), f.part_of, f.prior_of,
            ))
    return pl.DataFrame(rows, schema=FACT_SCHEMA, orient="row")
