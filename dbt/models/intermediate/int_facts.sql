-- int_facts: the numeric facts of every sentence (extractor: fazhi.extract, run by fazhi.parse_tables).
-- The extractor reads the same sentence split as int_sentences (ordinals agree; fct_facts joins the two).
{{ copy_parse('facts') }}
