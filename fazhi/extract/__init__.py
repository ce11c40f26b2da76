"""Numeric facts from report sentences (pure functions, no I/O).

``extract_report`` is called by the dbt Python model ``int_facts`` once per
report with the report's normalised text, its sentences and the metric
taxonomy (the dbt seed ``metric_taxonomy``); it returns one ``Fact`` per
number that measures the reporting body's work.
"""
from fazhi.extract.model import Fact, MetricRule
from fazhi.extract.report import extract_report

__all__ = ["Fact", "MetricRule", "extract_report"]
