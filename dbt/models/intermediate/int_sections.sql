-- int_sections: the heading tree of every current report (parser: fazhi.text.sections, run by fazhi.parse_tables).
-- A heading's id, report_id:ordinal, is derived here, not stored (as int_sentences' and int_facts').
{{ copy_parse('sections', "report_id, report_id || ':' || ordinal as section_id, * exclude (report_id)") }}
