-- int_sentences: every sentence of every current report (parser: fazhi.text.sentences, run by fazhi.parse_tables).
-- Which section holds a sentence is set work, done in SQL (the last heading starting at or before it: fct_facts).
-- A sentence's id is derived here, not stored: 1.3 M strings at 10,000 reports, written and compressed at ingest.
-- Its text is kept where it holds a fact (the marts quote it); the others' is the report's text over their span.
{{ copy_parse('sentences', "report_id, report_id || ':' || ordinal as sentence_id, * exclude (report_id)") }}
