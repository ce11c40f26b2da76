"""Numeric facts from report sentences (pure functions, no I/O).

``extract_report`` is called by ``fazhi.parse_tables`` (ingest's one-pass parse) once per
report with the report's normalised text, its sentences and the metric
taxonomy (the dbt seed ``metric_taxonomy``); it returns one ``Fact`` per
number that measures the reporting body's work.

The steps, one module each:
    tables.py     table regions of the text and their rows of cells (the prose scan skips them)
    table_facts.py  one fact per numeric cell: subject row（column）, unit, kind, part_of, metric
    template.py   the national 政府信息公开 report form: its tables recognised, its cells' metric ids
    numerals.py   numeral words to values (四千 -> 4000, 1,234.5)
    numbers.py    one regex scan for number mentions; drops years, ordinals, names
    phrases.py    stage verbs and noun phrases in the words around a number
    attribute.py  subject, action, kind, spreads (分别/均) and zeros per sentence
    left.py       what the words before a count say (verb, noun, change, earlier period), memoised
    rates.py      what the words before a percentage say (rate names, change), memoised
    metrics.py    taxonomy rows matched against kind, subject and action
    report.py     orchestration, 其中 totals and parts
    taxonomy.py   reading the taxonomy CSV for callers outside dbt
    lexicon.py    the word lists all of the above read

All but this file, build_record.py and model.py are compiled with mypyc at install (``setup.py``);
build_record.py refuses a build older than its sources before any submodule is imported.
"""
import os as _os

from fazhi.extract import build_record as _build_record

_build_record.check(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))

from fazhi.extract.metrics import Taxonomy, compile_taxonomy
from fazhi.extract.model import Fact, MetricRule
from fazhi.extract.report import extract_report
from fazhi.extract.taxonomy import load_taxonomy

__all__ = ["Fact", "MetricRule", "Taxonomy", "compile_taxonomy", "extract_report", "load_taxonomy"]
