"""Failing rows on their way into the warehouse, a checked part at a time, stored once.

The flow's checks (``fazhi.checks.check_run``) validate a large table in parts;
a ``FailureSink`` writes each part's failing rows into ``dq.failing_rows`` as
soon as the part is checked, and leaves in memory only the first ``keep`` rows
of each check (what the report and the mail list) with the count of all of
them (``CheckResult.listed``). Held whole, the failing rows of 100,000 reports
(~340,000 rows, each with its sentence) grew the checks' memory with the corpus.
``failing_rows_of`` takes a check's failing rows from the table checked, a column at a time;
``failure_table`` is the Arrow form of failing rows that ``check_store.store_results``
writes too.

A row is stored once in ``dq.failing_rows`` with the stretch of runs it kept
failing (``run_id`` .. ``through_run_id``): a run that does not check a report
again extends that report's open rows (``check_store.carry_forward``). Copied into
every run, they grew the warehouse by every open failure each night (43,000
rows a run on a corpus that contradicts itself). ``dq.check_failures`` is the
view analysts and fazhi read: each run's failing rows, with their status then.
"""
from __future__ import annotations

from fazhi.news import failure_key_sql


# The columns of a failing row, as ``checks`` reads them and dq.failing_rows stores them, with
# their Arrow types (named: pyarrow is imported where a table is made, ``pa.type_for_alias``).
ROW_COLUMNS = {"report_id": "string", "doc": "string", "metric": "string", "detail": "string",
               "sentence": "string", "span_start": "int32", "span_end": "int32"}


def failing_rows_of(table, rows: list[int], detail_columns: list[str], sentence_column: str,
                    span_columns: tuple[str, str]):
    """The failing ``rows`` (positions) of a checked Arrow ``table``, in table order, in the
    columns of ``ROW_COLUMNS``: their report, values, sentence and span (context columns
    the table lacks are null). Built a column at a time: a dict and a Failure a row took
    0.6 s of a full check of the long bench corpus (72,000 failing rows)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    picked = table.take(pa.array(sorted(rows), pa.int64()))
    n = picked.num_rows

    def column(name: str, kind: str):
        if name not in picked.column_names:
            return pa.nulls(n, pa.type_for_alias(kind))
        # offsets read as doubles (a DECIMAL) are cut to whole numbers, as int() did
        return pc.cast(picked[name], pa.type_for_alias(kind), safe=False)

    values = [[_fmt(v) for v in picked[c].to_pylist()] if c in picked.column_names else ["∅"] * n
              for c in detail_columns]
    detail = [", ".join(f"{c}={v}" for c, v in zip(detail_columns, row)) for row in zip(*values)] \
        if detail_columns else [""] * n
    given = {"detail": pa.array(detail, pa.string()), "sentence": column(sentence_column, "string"),
             "span_start": column(span_columns[0], "int32"), "span_end": column(span_columns[1], "int32")}
    return pa.table({name: given[name] if name in given else column(name, kind) for name, kind in ROW_COLUMNS.items()})


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "∅" if value is None else str(value)


def failure_table(run_id: str, failing: list[tuple]):
    """``(check result, failure)`` pairs as an Arrow table of dq.check_failures' columns but the key."""
    import pyarrow as pa

    rows = pa.table({name: pa.array([getattr(f, name) for _, f in failing], pa.type_for_alias(kind))
                     for name, kind in ROW_COLUMNS.items()})
    return keyed(run_id, [r.check_name for r, _ in failing], [r.severity for r, _ in failing], rows)


def keyed(run_id: str, check_names: list[str], severities: list[str], rows):
    """Failing ``rows`` (``ROW_COLUMNS``) of the checks named, as an Arrow table of dq.check_failures'
    columns but the key: with the run (``_insert`` adds each row's ``failure_key``)."""
    import pyarrow as pa

    n = rows.num_rows
    return pa.table({"run_id": pa.array([run_id] * n, pa.string()), "check_name": pa.array(check_names, pa.string()),
                     "severity": pa.array(severities, pa.string()), **{name: rows[name] for name in ROW_COLUMNS}})


# Each run's failing rows: a stored row belongs to every run that checked (dq.check_results) from
# its first run through its last. Its status in a run: acked once acknowledged (dq.acks), else as
# classified in its first run (new or open), and open in the runs after.
FAILURES_VIEW = """
create or replace view dq.check_failures as
select runs.run_id, f.check_name, f.severity, f.report_id, f.doc, f.metric, f.detail, f.sentence,
       f.span_start, f.span_end, f.failure_key,
       case when f.failure_key in (select failure_key from dq.acks) then 'acked'
            when runs.run_id = f.run_id then f.first_status
            else 'open' end as status
from dq.failing_rows as f
inner join (select distinct run_id from dq.check_results) as runs
    on runs.run_id >= f.run_id and runs.run_id <= f.through_run_id
"""


def ensure_failures_view(con) -> None:
    """Make dq.check_failures the view of dq.failing_rows, moving a warehouse's rows from before
    (dq.check_failures a table, a copy of every open row in each run) there first, each row as
    failing in its one run."""
    kind = con.execute("select table_type from information_schema.tables "
                       "where table_schema = 'dq' and table_name = 'check_failures'").fetchall()
    if kind and kind[0][0] == "BASE TABLE":
        for column in ("failure_key", "status"):   # a warehouse from before either had them
            con.execute(f"alter table dq.check_failures add column if not exists {column} varchar")
        con.execute("""insert into dq.failing_rows by name
                       select * exclude (status), run_id as through_run_id,
                              case when status = 'open' then 'open' else 'new' end as first_status
                       from dq.check_failures""")
        con.execute("drop table dq.check_failures")
    if not kind or kind[0][0] == "BASE TABLE":
        con.execute(FAILURES_VIEW)


def insert_failures(con, run_id: str, failing: list[tuple]) -> None:
    """Store ``(check result, failure)`` pairs as failing in ``run_id`` (one insert from Arrow)."""
    if failing:
        _insert(con, failure_table(run_id, failing))


def _insert(con, table) -> None:
    """Store a ``failure_table``/``keyed`` table (one insert from Arrow), each row with its key."""
    con.register("new_failures", table)
    try:
        con.execute(f"""insert into dq.failing_rows by name
                        select *, run_id as through_run_id, {failure_key_sql()} as failure_key from new_failures""")
    finally:
        con.unregister("new_failures")


def forget_run(con, run_id: str) -> None:
    """Take ``run_id``'s failing rows out (a retried run's first try): the rows it stored go and
    the rows it carried end again at the run before."""
    con.execute("delete from dq.failing_rows where run_id = ?", [run_id])
    con.execute("""update dq.failing_rows set through_run_id =
                       (select max(run_id) from dq.check_results where run_id < $run)
                   where through_run_id = $run""", {"run": run_id})


class FailureSink:
    """Stores each checked part's failing rows and keeps the first ``keep`` of a check.

    Used as a context manager on the run's read-write connection: the run's earlier rows (a
    retried run) go first. Each part's rows are written by a thread of the sink's own, on a
    cursor of its own, while the checks go on to the next part: storing a full check's
    130,000 failing rows of the long bench corpus took 0.4 s of the checks' ~2 s on one core
    (DuckDB lets go of the interpreter lock while it writes). Leaving the block waits for every
    write and raises the first that failed.
    """

    def __init__(self, con, run_id: str, keep: int):
        self.con, self.run_id, self.keep = con, run_id, keep
        self._writes: list = []
        forget_run(con, run_id)

    def __enter__(self) -> FailureSink:
        from concurrent.futures import ThreadPoolExecutor

        self._cursor = self.con.cursor()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="fazhi-failing-rows")
        return self

    def __exit__(self, *exc) -> None:
        try:
            for write in self._writes:
                write.result()
        finally:
            self._writer.shutdown(wait=True, cancel_futures=True)
            self._cursor.close()

    def take(self, result, rows) -> None:
        """Write the failing ``rows`` (``ROW_COLUMNS``, Arrow) of one part's check, ``result``
        (which holds the first ``keep`` of them), in the sink's thread."""
        if rows.num_rows:
            table = keyed(self.run_id, [result.check_name] * rows.num_rows, [result.severity] * rows.num_rows, rows)
            self._writes.append(self._writer.submit(_insert, self._cursor, table))

    def trim(self, result) -> None:
        """Keep the first ``keep`` failing rows in memory, counting all of them in ``listed``."""
        result.listed = result.traced
        result.failures = result.failures[:self.keep]
