"""The Great Expectations context fazhi's checks run in (used by fazhi.checks.validate).

``context()`` is a fresh in-memory GX context, quiet and off the network, whose
validation results store keeps each result without its failing rows' positions
(``_store_without_positions``); ``forget_batches`` drops what GX keeps of a
validated batch; ``build_data_docs`` writes the run's Data Docs from that store.
"""
from __future__ import annotations

import copy
import logging
import os
import shutil
from pathlib import Path

from fazhi.gx_import import import_gx

DOCS_SITE = "fazhi"
# What a stored result leaves out: the failing rows' positions (the Data Docs show counts).
POSITIONS = ("unexpected_index_list", "partial_unexpected_index_list")


def context():
    """A fresh in-memory GX context, quiet and off the network."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    gx = import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # That module sets its own logger to INFO on import, and then says on every run
    # where it put a temporary docs folder: not news for anyone running fazhi.
    logging.getLogger(ProgressBarsConfig.__module__).setLevel(logging.WARNING)

    # GX fingerprints every dataframe batch under HASH_THRESHOLD bytes by hashing all its values,
    # for a batch marker that fazhi never reads (the Data Docs list it): 0.6 of the 3.0 s of a full
    # check of the bench's long corpus (measured). With the threshold at 0 no batch is hashed.
    from great_expectations.execution_engine import pandas_execution_engine

    pandas_execution_engine.HASH_THRESHOLD = 0
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    _store_without_positions(ctx.validation_results_store)
    return ctx


def _store_without_positions(store) -> None:
    """Have ``store`` keep each validation result without its failing rows' positions.

    A validation definition's ``run`` stores its result before returning it, and the store
    serialises it through a deep copy and a JSON walk of every value: with fazhi's COMPLETE
    results, every failing row's position (130,000 rows on the bench's long corpus: 0.26 s of
    a 1.5 s full check). Only the Data Docs read the store, and they show counts. The result
    ``run`` returns keeps its positions: the store is handed shallow copies.
    """
    keep = store.store_validation_results

    def store_validation_results(suite_validation_result, *args, **kwargs):
        light = copy.copy(suite_validation_result)
        light.results = [_without_positions(r) for r in suite_validation_result.results]
        return keep(light, *args, **kwargs)

    store.store_validation_results = store_validation_results


def _without_positions(result):
    if not any(key in (result.result or {}) for key in POSITIONS):
        return result
    light = copy.copy(result)
    light.result = {k: v for k, v in result.result.items() if k not in POSITIONS}
    return light


def forget_batches(source) -> None:
    """Drop the dataframes GX's execution engine keeps of every batch it validated: with them
    a full validation of 100,000 reports held each suite's rows to the end (3.5 GB); and the
    metrics it computed on them (row masks, failing values and keys of every part), which it
    keeps for a batch it will not see again: ~700 MB at the end of that validation."""
    engine = source.get_execution_engine()
    engine.batch_manager.reset_batch_cache()
    engine.batch_manager.batch_data_cache.clear()
    if isinstance(getattr(engine, "_metric_cache", None), dict):
        engine._metric_cache.clear()


def build_data_docs(ctx, docs_dir: Path) -> Path:
    """Write GX Data Docs of the context's validations into ``docs_dir``; return its index.html.

    The pages load their CSS and JavaScript from CDNs, so they are unstyled offline.
    """
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    ctx.add_data_docs_site(DOCS_SITE, {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        # The run's validations only: each of their pages lists its suite's expectations;
        # a page per suite besides doubled the pages rendered (15 -> 8 on a +10 run).
        "site_section_builders": {"expectations": "0", "profiling": "0"},
    })
    ctx.build_data_docs(site_names=[DOCS_SITE])
    return docs_dir / "index.html"
