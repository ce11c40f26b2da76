"""dq.check_failures from before failing rows were stored once: opening the warehouse moves its
rows to dq.failing_rows, and the view lists each run's rows as the table did; a retried run's
rows are taken out again whole."""
from __future__ import annotations

import duckdb

from fazhi.failure_rows import forget_run
from fazhi.warehouse import ensure_schema

_OLD_TABLE = """
create schema if not exists dq;
create table dq.check_failures (run_id varchar not null, check_name varchar not null, severity varchar not null,
    report_id varchar, doc varchar, metric varchar, detail varchar, sentence varchar, span_start integer,
    span_end integer, failure_key varchar, status varchar);
create table dq.check_results (run_id varchar not null, check_name varchar not null, severity varchar not null,
    table_name varchar not null, description varchar, rows_checked integer not null, rows_failing integer not null,
    success boolean not null, primary key (run_id, check_name));
insert into dq.check_results values ('r1', 'c', 'error', 't', null, 3, 1, false), ('r2', 'c', 'error', 't', null, 3, 2, false);
insert into dq.check_failures values
    ('r1', 'c', 'error', 'a', 'a.txt', 'm', 'x=2', '办结二件。', 0, 1, 'k1', 'new'),
    ('r2', 'c', 'error', 'a', 'a.txt', 'm', 'x=2', '办结二件。', 0, 1, 'k1', 'open'),
    ('r2', 'c', 'error', 'b', 'b.txt', 'm', 'x=5', '办结五件。', 0, 1, 'k2', 'new');
"""
_LISTED = "select run_id, failure_key, status, sentence from dq.check_failures order by all"


def test_a_table_of_rows_per_run_becomes_the_view_of_the_same_rows(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute(_OLD_TABLE)
        before = con.execute(_LISTED).fetchall()
    ensure_schema(warehouse)
    ensure_schema(warehouse)   # a second opening changes nothing
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kind = con.execute("select table_type from information_schema.tables "
                           "where table_schema = 'dq' and table_name = 'check_failures'").fetchone()[0]
        assert kind == "VIEW"
        assert con.execute(_LISTED).fetchall() == before
        assert con.execute("select count(*) from dq.failing_rows").fetchone()[0] == 3


def test_a_retried_run_takes_its_rows_out_and_ends_the_rows_it_carried_again(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("""insert into dq.check_results values ('r1', 'c', 'error', 't', null, 3, 1, false),
                                                           ('r2', 'c', 'error', 't', null, 3, 2, false)""")
        con.execute("""insert into dq.failing_rows (run_id, through_run_id, check_name, severity, failure_key, first_status)
                       values ('r1', 'r2', 'c', 'error', 'k1', 'new'), ('r2', 'r2', 'c', 'error', 'k2', 'new')""")
        assert con.execute("select count(*) from dq.check_failures where run_id = 'r2'").fetchone()[0] == 2
        forget_run(con, "r2")
        assert con.execute("select run_id, through_run_id, failure_key from dq.failing_rows").fetchall() == \
            [("r1", "r1", "k1")]
        assert con.execute("select run_id, failure_key, status from dq.check_failures").fetchall() == \
            [("r1", "k1", "new")]
