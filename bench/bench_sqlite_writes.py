"""Is there a faster way than ``executemany`` to write 100,000 rows into SQLite from Python?

Issue 3 §8 asks the dispatch-sheet import to be within 2× of python-calamine's bare read. The import cannot
write a row before calamine has read the sheet (its read is one call that returns every row), so the import
takes at least read + write; within 2× of the read needs the writes (with their history, in the same
transaction) to cost less than the read. This probe times the two ways Python can hand rows to SQLite in
bulk, in the same run, on a table shaped like the project table (45 columns, two indexes):

- ``executemany`` with ``?`` parameters (what ``taizhang/projects/bulk.py`` does), and
- one ``INSERT … SELECT value->>0, … FROM json_each(?)`` per 20,000 rows (the rows serialised by the C JSON
  encoder and unpacked by SQLite in C), the one other bulk path the standard library offers.

Usage: ``python bench/bench_sqlite_writes.py [ROWS]``. Results in docs/benchmarks.md.
"""

import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = 45
CHUNK = 20_000


def table(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # as taizhang's settings
    columns = ", ".join(f"c{j} TEXT" for j in range(1, COLUMNS))
    db.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {columns})")
    db.execute("CREATE INDEX t1 ON t (c1)")
    db.execute("CREATE INDEX t2 ON t (c2)")
    return db


def main(count: int) -> None:
    rng = random.Random(7)
    values = ["晋中某重点项目", "12345.6", None, "2025-03-01", "1"]
    rows = [tuple([i, *(rng.choice(values) for _ in range(COLUMNS - 1))]) for i in range(count)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "writes.db"

        db = table(path)
        started = time.perf_counter()
        db.execute("BEGIN")
        db.executemany(f"INSERT INTO t VALUES ({', '.join('?' * COLUMNS)})", rows)
        db.execute("COMMIT")
        many = time.perf_counter() - started
        db.close()

        db = table(path)
        started = time.perf_counter()
        unpack = ", ".join(f"value->>{j}" for j in range(COLUMNS))
        db.execute("BEGIN")
        for start in range(0, count, CHUNK):
            chunk = json.dumps(rows[start : start + CHUNK], ensure_ascii=False)
            db.execute(f"INSERT INTO t SELECT {unpack} FROM json_each(?)", (chunk,))
        db.execute("COMMIT")
        via_json = time.perf_counter() - started
        db.close()
    print(f"SQLite {sqlite3.sqlite_version}, {count:,} rows × {COLUMNS} columns, two indexes")
    print(f"executemany: {many:.2f} s ({count / many:,.0f} rows/s)")
    print(
        f"json_each:   {via_json:.2f} s ({count / via_json:,.0f} rows/s) = {via_json / many:.1f}× executemany"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
