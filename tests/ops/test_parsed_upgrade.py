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
