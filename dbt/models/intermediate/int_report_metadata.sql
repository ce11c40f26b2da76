-- int_report_metadata: title, issuer and its level, region with its GB/T 2260 code, year, dates and
-- text key of each current report (parser: fazhi.metadata, run by fazhi.parse_tables).
{{ copy_parse('metadata') }}
