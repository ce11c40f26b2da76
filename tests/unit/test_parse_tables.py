"""The one-pass parser (fazhi.parse_tables): one normalisation and one sentence split give the
rows each parser gives on its own, and the parser version follows code and taxonomy."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from fazhi.extract import compile_taxonomy, extract_report
from fazhi.metadata import describe, text_key
from fazhi.parse_tables import TABLES, Parser, metric_rules, parse_batch, parser_version
from fazhi.text.normalize import normalize
from fazhi.text.sections import find_sections
from fazhi.text.sentences import split_sentences

# Full-width digits and letters: the parsers read the normalised text, sentences keep the raw one.
TEXT = """某县司法局２０２３年度法治政府建设情况的报告
一、主要成效
（一）复议应诉。全年受理行政复议案件４５件，办结４０件，纠错率为１２.５％。
（二）普法宣传。开展普法活动１２０场次，覆盖群众约３万人。
二、存在问题
个别单位ＡＢ类台账不全！
某县司法局
２０２４年１月１５日
"""
OTHER = "某镇2023年法治建设工作总结\n全年调解纠纷30件，其中成功28件。\n"


def _parse(reports):
    return parse_batch(reports, Parser.now())


def test_one_pass_gives_each_parsers_rows():
    tables = _parse([("r1", TEXT, "某县司法局2023年度报告", None), ("r2", OTHER, None, "2024-02-01")])
    assert set(tables) == set(TABLES)
    text = normalize(TEXT)
    assert text != TEXT
    sections = tables["sections"].filter(tables["sections"]["report_id"].to_numpy(zero_copy_only=False) == "r1")
    assert sections["title"].to_pylist() == [s.title for s in find_sections(text)]
    sentences = [row for row in tables["sentences"].to_pylist() if row["report_id"] == "r1"]
    split = split_sentences(text)
    assert [(r["ordinal"], r["start_offset"], r["end_offset"]) for r in sentences] == \
        [(s.ordinal, s.start, s.end) for s in split]
    facts = [row for row in tables["facts"].to_pylist() if row["report_id"] == "r1"]
    # the text (raw) of each sentence holding a fact; the others' is the report's text over their span
    quoted = {f["sentence_ordinal"] for f in facts}
    assert [r["sentence_text"] for r in sentences] == \
        [TEXT[s.start:s.end] if s.ordinal in quoted else None for s in split]
    assert any("４５件" in (r["sentence_text"] or "") for r in sentences)
    assert None in [r["sentence_text"] for r in sentences]
    expected = extract_report(text, split, compile_taxonomy(metric_rules()))
    assert [(f["start_offset"], f["value"], f["unit"], f["metric"], f["sentence_ordinal"]) for f in facts] == \
        [(f.start, float(f.value), f.unit, f.metric, f.sentence) for f in expected]
    assert len(facts) >= 4
    meta = {row["report_id"]: row for row in tables["metadata"].to_pylist()}
    m = describe(TEXT, "某县司法局2023年度报告", None)
    assert (meta["r1"]["title"], meta["r1"]["issuer"], meta["r1"]["report_year"], meta["r1"]["text_key"]) == \
        (m.title, m.issuer, m.year, text_key(TEXT))
    assert meta["r2"]["published"] == describe(OTHER, None, "2024-02-01").published
    assert tables["reports"]["report_id"].to_pylist() == ["r1", "r2"]


def test_each_reports_row_counts_what_its_parse_gave():
    tables = _parse([("r1", TEXT, None, None), ("r2", OTHER, None, None), ("empty", "无数字的一句话。", None, None)])
    sizes = {row["report_id"]: row for row in tables["reports"].to_pylist()}
    for report_id, text in (("r1", TEXT), ("r2", OTHER), ("empty", "无数字的一句话。")):
        def rows(name, report_id=report_id):
            return [r for r in tables[name].to_pylist() if r["report_id"] == report_id]
        assert sizes[report_id]["text_chars"] == len(text)
        assert sizes[report_id]["sections"] == len(rows("sections"))
        assert sizes[report_id]["top_sections"] == sum(r["level"] == 1 for r in rows("sections"))
        assert sizes[report_id]["sentences"] == len(rows("sentences"))
        assert sizes[report_id]["facts"] == len(rows("facts"))
    assert sizes["r1"]["top_sections"] >= 1 and sizes["r1"]["facts"] >= 4
    assert sizes["empty"]["facts"] == 0 and sizes["empty"]["sentences"] == 1


def test_every_row_carries_the_parsers_stamp():
    parser = replace(Parser.now(), version="v-test", parsed_at=datetime(2030, 1, 2, 3, 4, 5))
    tables = parse_batch([("r1", TEXT, None, None)], parser)
    for name, table in tables.items():
        assert table.column_names == [*TABLES[name], "parser_version", "parsed_at"]
        assert set(table["parser_version"].to_pylist()) == {"v-test"}, name
        assert set(table["parsed_at"].to_pylist()) == {datetime(2030, 1, 2, 3, 4, 5)}, name


def test_a_report_without_facts_or_headings_still_has_a_stamp_and_metadata():
    tables = _parse([("empty", "无数字的一句话。", None, None)])
    assert tables["facts"].num_rows == 0
    assert tables["reports"].num_rows == 1 and tables["metadata"].num_rows == 1


def test_the_version_follows_the_taxonomy():
    rules = metric_rules()
    assert parser_version(rules) == parser_version(list(rules))
    changed = [replace(rules[0], subject_pattern=rules[0].subject_pattern + "|新增")] + rules[1:]
    assert parser_version(changed) != parser_version(rules)


def test_the_many_rows_of_a_report_carry_its_id_once():
    """Sections, sentences and facts hold their report_id as a dictionary column (one copy of
    each 64-character id, not one a row); its values are the ids all the same."""
    import pyarrow as pa

    tables = _parse([("r1", TEXT, None, None), ("r2", OTHER, None, None)])
    for name in ("sections", "sentences", "facts"):
        column = tables[name]["report_id"]
        assert pa.types.is_dictionary(column.type), name
        assert sorted(column.combine_chunks().dictionary.to_pylist()) == ["r1", "r2"], name
        assert column.to_pylist() == sorted(column.to_pylist()) and set(column.to_pylist()) == {"r1", "r2"}, name
