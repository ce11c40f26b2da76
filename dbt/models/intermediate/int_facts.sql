-- int_facts: the numeric facts of every sentence (extractor: fazhi.extract, run by fazhi.parse_tables).
-- The extractor reads the same sentence split as int_sentences (ordinals agree; fct_facts joins the two).
-- A fact's id is derived here (macros/copy_parse.sql: fact_id), not stored. One column is left
-- out of `*`: DuckDB keeps an EXCLUDE list as a set, and the view's SQL then reads back with
-- its names in either order (a kept view compared with its build differed; tests/ops/test_views_kept.py).
{{ copy_parse('facts', "report_id, " ~ fact_id() ~ " as fact_id, * exclude (report_id)") }}
