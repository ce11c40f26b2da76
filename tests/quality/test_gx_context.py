"""fazhi's GX context: the results it stores for the Data Docs leave out the failing rows' positions."""
import pandas as pd
import pytest

from fazhi import gx_context
from fazhi.checks import _RESULT_FORMAT as RESULT_FORMAT   # the format fazhi's checks ask GX for


@pytest.fixture(scope="module")
def validated():
    """A context, and the outcome of validating four shelves of which two hold more than 10 books."""
    import great_expectations as gx

    ctx = gx_context.context()
    source = ctx.data_sources.add_pandas("library")
    suite = ctx.suites.add(gx.ExpectationSuite(name="shelves", expectations=[
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "books", "max_value": 10}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "books"}}]))
    batch = source.add_dataframe_asset("shelves").add_batch_definition_whole_dataframe("all")
    definition = ctx.validation_definitions.add(gx.ValidationDefinition(name="shelves", data=batch, suite=suite))
    frame = pd.DataFrame({"books": [3, 12, 7, 40]}, index=pd.RangeIndex(4, name="_row"))
    return ctx, definition.run(batch_parameters={"dataframe": frame}, result_format=RESULT_FORMAT)


def test_the_returned_result_keeps_the_failing_rows(validated):
    _, outcome = validated
    between = outcome.results[0].result
    assert between["unexpected_count"] == 2
    assert [k for row in between["unexpected_index_list"] for k in row["_row"]] == [1, 3]


def test_the_stored_result_has_counts_and_no_positions(validated):
    ctx, outcome = validated
    store = ctx.validation_results_store
    (key,) = store.list_keys()
    stored = store.get(key)
    assert [r.result["unexpected_count"] for r in stored.results] == [2, 0]
    assert all("unexpected_index_list" not in r.result for r in stored.results)
    assert stored.success is outcome.success is False


def test_the_data_docs_show_the_counts(validated, tmp_path):
    ctx, _ = validated
    index = gx_context.build_data_docs(ctx, tmp_path / "docs")
    pages = [p.read_text() for p in (tmp_path / "docs" / "validations").rglob("*.html")]
    assert index.exists() and len(pages) == 1
    assert "2 unexpected values found" in pages[0]
