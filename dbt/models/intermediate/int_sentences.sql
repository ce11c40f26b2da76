-- int_sentences: every sentence of every current report (parser: fazhi.text.sentences, run by fazhi.parse_tables).
-- Which section holds a sentence is set work, done in SQL (an ASOF join on the heading starts in fct_facts).
{{ copy_parse('sentences') }}
