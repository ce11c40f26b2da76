-- int_facts: the numeric facts of every sentence (extractor: fazhi.extract, run by fazhi.parse_tables).
-- The extractor reads the same sentence split as int_sentences (ordinals agree; fct_facts joins the two).
-- A fact's id is derived here (macros/copy_parse.sql: fact_id), not stored.
{{ copy_parse('facts', "report_id, " ~ fact_id() ~ " as fact_id, * exclude (report_id, span_rank)") }}
