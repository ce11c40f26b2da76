"""Seeds that did not change are not loaded again (fazhi.transform, before and after ``dbt build``).

A seed's digest is the sha256 of its csv file and of the files that configure
seeds (``seeds/_seeds.yml``, ``dbt_project.yml``). A build records in
``dq.seed_digests`` the digest of each seed it loaded; the next build leaves out
every seed whose file still has the recorded digest and whose table is there,
and with it the tests that read only seeds. Models and their tests still read
the seed tables. A changed file, a missing table, an empty warehouse or
``--full-refresh`` loads the seed again.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

_TABLE = "dq.seed_digests"
_SEED_SCHEMA = "seeds"   # dbt_project.yml: seeds +schema


def seed_digests(dbt_dir: Path) -> dict[str, str]:
    """Each seed of the project by name, with the digest of its file and of the seeds' configuration."""
    config = hashlib.sha256()
    for name in ("dbt_project.yml", "seeds/_seeds.yml"):
        path = dbt_dir / name
        config.update(path.read_bytes() if path.exists() else b"")
    digests = {}
    for csv in sorted((dbt_dir / "seeds").glob("*.csv")):
        digest = hashlib.sha256(config.digest())
        digest.update(csv.read_bytes())
        digests[csv.stem] = digest.hexdigest()
    return digests


def unchanged_seeds(warehouse: Path, digests: dict[str, str]) -> list[str]:
    """The seeds whose loaded table in ``warehouse`` came from a file with the same digest."""
    if not warehouse.exists():
        return []
    with duckdb.connect(str(warehouse)) as con:
        tables = {name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = ? and table_catalog = current_database()",
            [_SEED_SCHEMA]).fetchall()}
        if not con.execute("select 1 from information_schema.tables where table_schema = 'dq' "
                           "and table_name = 'seed_digests' and table_catalog = current_database()").fetchone():
            return []
        recorded = dict(con.execute(f"select seed, digest from {_TABLE}").fetchall())
    return sorted(name for name, digest in digests.items() if name in tables and recorded.get(name) == digest)


def record(warehouse: Path, digests: dict[str, str]) -> None:
    """Note that the seeds in ``digests`` were loaded from files with these digests."""
    if not digests:
        return
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists dq")
        con.execute(f"create table if not exists {_TABLE} (seed varchar primary key, digest varchar not null, "
                    "loaded_at timestamp not null)")
        con.executemany(f"insert or replace into {_TABLE} values (?, ?, now()::timestamp)", list(digests.items()))
