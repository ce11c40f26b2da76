"""A warehouse from before the sentence id was derived: opening it drops the stored column,
so int_sentences (which derives ``sentence_id``) does not find it twice."""
from __future__ import annotations

import duckdb

from fazhi.warehouse import ensure_schema


def test_a_stored_sentence_id_is_dropped_and_the_sentences_kept(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    with duckdb.connect(str(warehouse)) as con:   # as the parse tables were before
        con.execute("alter table parsed.sentences add column sentence_id varchar")
        con.execute("insert into parsed.sentences (report_id, sentence_id, ordinal, start_offset, end_offset, "
                    "sentence_text, parser_version, parsed_at) values ('r1', 'r1:0', 0, 0, 6, '全年办结八件。', 'v0', now())")
    ensure_schema(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [c for (c,) in con.execute("select column_name from information_schema.columns "
                                              "where table_schema = 'parsed' and table_name = 'sentences'").fetchall()]
        rows = con.execute("select report_id, ordinal, sentence_text from parsed.sentences").fetchall()
    assert "sentence_id" not in columns
    assert rows == [("r1", 0, "全年办结八件。")]


def test_stored_fact_and_heading_ids_are_dropped_and_the_facts_get_their_span_rank(tmp_path):
    """Before they were derived (int_facts, int_sections), the parse stored both ids; a fact's rank
    among the facts of its span was only inside its id. The old rows are kept until the next run
    parses their reports again (the parser's version changed with it)."""
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    with duckdb.connect(str(warehouse)) as con:   # as the parse tables were before
        con.execute("alter table parsed.facts drop column span_rank")
        con.execute("alter table parsed.facts add column fact_id varchar")
        con.execute("alter table parsed.sections add column section_id varchar")
        con.execute("insert into parsed.facts (report_id, fact_id, sentence_ordinal, start_offset, end_offset, "
                    "number_text, value, kind, respectively, parser_version, parsed_at) "
                    "values ('r1', 'r1:4:0', 0, 4, 5, '八', 8, 'case', false, 'v0', now())")
        con.execute("insert into parsed.sections (report_id, section_id, ordinal, level, start_offset, end_offset, "
                    "parser_version, parsed_at) values ('r1', 'r1:0', 0, 0, 0, 7, 'v0', now())")
    ensure_schema(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        def columns(table: str) -> list[str]:
            return [c for (c,) in con.execute("select column_name from information_schema.columns "
                                              "where table_schema = 'parsed' and table_name = ?", [table]).fetchall()]
        facts, sections = columns("facts"), columns("sections")
        kept = con.execute("select report_id, start_offset, span_rank from parsed.facts").fetchall()
    assert "fact_id" not in facts and "span_rank" in facts
    assert "section_id" not in sections
    assert kept == [("r1", 4, None)]
