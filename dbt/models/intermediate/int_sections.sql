-- int_sections: the heading tree of every current report (parser: fazhi.text.sections, run by fazhi.parse_tables).
{{ copy_parse('sections') }}
