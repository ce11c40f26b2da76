"""Report texts in, parse tables out: the bodies of dbt's Python models.

Each function takes polars frames read from the warehouse and returns the
frame a model materialises; the parsing itself is in ``fazhi.text`` and
``fazhi.extract``. Offsets are into the report text as landed.
"""
from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from fazhi.extract import MetricRule, extract_report
from fazhi.ingest.metadata import describe
from fazhi.text.sections import find_sections, section_at
from fazhi.text.sentences import Sentence, split_sentences

SECTION_SCHEMA = {
    "report_id": pl.String, "section_id": pl.String, "ordinal": pl.Int32, "level": pl.Int32,
    "marker": pl.String, "path": pl.String, "title": pl.String, "start_offset": pl.Int32,
    "end_offset": pl.Int32, "body_start": pl.Int32, "parent_ordinal": pl.Int32,
}
SENTENCE_SCHEMA = {
    "report_id": pl.String, "sentence_id": pl.String, "ordinal": pl.Int32, "start_offset": pl.Int32,
    "end_offset": pl.Int32, "section_ordinal": pl.Int32, "sentence_text": pl.String,
}
METADATA_SCHEMA = {
    "report_id": pl.String, "title": pl.String, "issuer": pl.String, "region": pl.String,
    "province": pl.String, "city": pl.String, "report_year": pl.Int32, "published": pl.String,
    "dated": pl.String, "source_name": pl.String,
}
FACT_SCHEMA = {
    "report_id": pl.String, "fact_id": pl.String, "sentence_ordinal": pl.Int32,
    "start_offset": pl.Int32, "end_offset": pl.Int32, "number_text": pl.String, "value": pl.Float64,
    "unit": pl.String, "kind": pl.String, "qualifier": pl.String, "subject": pl.String,
    "action": pl.String, "metric": pl.String, "respectively": pl.Boolean, "part_of_offset": pl.Int32,
}


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
        rows.append((report_id, m.title, m.issuer, m.region, m.province, m.city, m.year, m.published,
                     m.dated, m.source_name))
    return pl.DataFrame(rows, schema=METADATA_SCHEMA, orient="row")


def sentences_frame(reports: pl.DataFrame) -> pl.DataFrame:
    """One row per sentence; needs report_id, text (normalised) and raw_text."""
    rows = []
    for report_id, text, raw_text in reports.select("report_id", "text", "raw_text").iter_rows():
        sections = find_sections(text)
        rows.extend(
            (report_id, f"{report_id}:{s.ordinal}", s.ordinal, s.start, s.end,
             section_at(sections, s.start).ordinal, raw_text[s.start:s.end])
            for s in split_sentences(text)
        )
    return pl.DataFrame(rows, schema=SENTENCE_SCHEMA, orient="row")


def load_metric_rules(taxonomy: pl.DataFrame) -> list[MetricRule]:
    """The metric taxonomy seed as the extractor's rules (empty patterns as '')."""
    fields = ("metric_id", "name_zh", "kind", "subject_pattern", "action_pattern", "description")
    return [MetricRule(*(str(v) if v is not None else "" for v in row))
            for row in taxonomy.select(fields).iter_rows()]


def facts_frame(reports: pl.DataFrame, sentences: pl.DataFrame, rules: Iterable[MetricRule]) -> pl.DataFrame:
    """One row per fact; reports need report_id and text, sentences their offsets."""
    rules = list(rules)
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for report_id, ordinal, start, end in sentences.sort("report_id", "ordinal").select(
            "report_id", "ordinal", "start_offset", "end_offset").iter_rows():
        spans.setdefault(report_id, []).append((ordinal, start, end))
    rows = []
    for report_id, text in reports.select("report_id", "text").iter_rows():
        report_sentences = [Sentence(o, s, e, text[s:e]) for o, s, e in spans.get(report_id, [])]
        seen: dict[int, int] = {}
        for f in extract_report(text, report_sentences, rules):
            n = seen[f.start] = seen.get(f.start, -1) + 1
            rows.append((
                report_id, f"{report_id}:{f.start}:{n}", f.sentence, f.start, f.end, f.number_text,
                float(f.value), f.unit, f.kind, f.qualifier, f.subject, f.action, f.metric,
                bool(f.respectively), f.part_of,
            ))
    return pl.DataFrame(rows, schema=FACT_SCHEMA, orient="row")
