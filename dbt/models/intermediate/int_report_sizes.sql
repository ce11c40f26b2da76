-- int_report_sizes: how long each current report's text is and how many headings, sentences
-- and facts its parse gave (counted as it is parsed, by fazhi.parse_tables: a build does not
-- count 1.3 M sentence rows or measure every landed text to show them in dim_reports).
{{ copy_parse('reports') }}
