"""Bulk writes for the dispatch-sheet import: one statement per table, rows as tuples, on Django's own
connection (so inside the import's transaction), SQLite and PostgreSQL.

Why not the ORM: ``bulk_create`` compiles every value through the field machinery and SQLite's
999-variable limit cuts it into ~25-row statements; at 100,000 rows that was 60% of an import.
Here new rows go in with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) with ids reserved up front, so
no value is ever read back.

History stays what django-simple-history writes: the historical rows are copied in SQL from the rows just
written (``INSERT INTO historical… SELECT … FROM …``), with the same ``history_date``, ``history_user``,
``history_change_reason`` and ``history_type`` ("+" created, "~" changed) its bulk helpers set, so every
tracked field holds exactly the stored value; the tag links of each project history row are copied the same
way. (test_import_bulk compares such a row with one the ORM wrote, field by field.)

Values: Decimals, dates, bools and None go to the driver as they are (Django's SQLite backend registers the
same adapters the ORM relies on); datetimes go through ``connection.ops.adapt_datetimefield_value`` as the
ORM does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.db import connection

CHUNK = 5000  # rows per executemany call: bounds the memory of the tuples in flight


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _pk_column(model) -> str:
    return model._meta.pk.column


def adapt_datetime(value):
    """A datetime as the ORM sends it to this database (naive UTC text on SQLite)."""
    return connection.ops.adapt_datetimefield_value(value)


def reserve_ids(model, count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``, taken before inserting with explicit ids.

    PostgreSQL: from the table's own sequence (safe under concurrency). SQLite: above both MAX(id) and the
    AUTOINCREMENT counter; the import holds the write lock (IMMEDIATE transaction), so nobody else can
    take them meanwhile, and SQLite moves its counter past explicit ids itself."""
    if count <= 0:
        return []
    table, pk = model._meta.db_table, _pk_column(model)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT MAX({_q(pk)}) FROM {_q(table)}")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
    return list(range(top + 1, top + 1 + count))


def _dates(column: tuple) -> list:
    return [None if day is None else day.isoformat() for day in column]


def _decimals(column: tuple) -> list:
    return [None if amount is None else str(amount) for amount in column]


def _bools(column: tuple) -> list:
    return list(map(int, column))


# SQLite: the text or integer the sqlite3 adapters (Django's: str for Decimal, isoformat for dates; bool as
# its int) would make of a value, made a column at a time. Binding a value that is not exactly int, float
# or str costs sqlite3 an adapter lookup per value, which was most of an INSERT's time; what is stored is
# byte for byte the same.
_SQLITE_COLUMN = {"DateField": _dates, "DecimalField": _decimals, "BooleanField": _bools}


def _sqlite_converters(model, columns: Sequence[str]) -> list:
    by_column = {f.column: f for f in model._meta.concrete_fields}
    return [_SQLITE_COLUMN.get(by_column[c].get_internal_type()) for c in columns]


def _literal(value) -> str:
    """A constant as an SQL literal (None, bool, int, str; str quoted the standard way)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''").replace("%", "%%") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def insert(model, columns: Sequence[str], rows: Iterable[tuple], constants: dict | None = None) -> None:
    """INSERT ``rows`` (tuples in ``columns`` order) into ``model``'s table: COPY on PostgreSQL,
    executemany in chunks elsewhere. ``constants`` (column -> value, the same for every row) are written
    into the statement on SQLite instead of being bound again for every row."""
    constants = constants or {}
    table = _q(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(_q(c) for c in (*columns, *constants))
            tail = tuple(constants.values())
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + tail)
            return
        names = ", ".join(_q(c) for c in (*columns, *constants))
        values = ["%s"] * len(columns) + [_literal(v) for v in constants.values()]
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(values)})"
        converters = _sqlite_converters(model, columns) if connection.vendor == "sqlite" else []
        converting = [(i, f) for i, f in enumerate(converters) if f is not None]

        def write(chunk: list[tuple]) -> None:
            if converting:
                by_column = list(zip(*chunk, strict=True))
                for i, convert in converting:
                    by_column[i] = convert(by_column[i])
                chunk = list(zip(*by_column, strict=True))
            cursor.executemany(sql, chunk)

        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                write(chunk)
                chunk = []
        if chunk:
            write(chunk)


def update(model, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """UPDATE ``columns`` of ``model`` rows: each tuple is the values in ``columns`` order, then the id."""
    table = _q(model._meta.db_table)
    sets = ", ".join(f"{_q(c)} = %s" for c in columns)
    sql = f"UPDATE {table} SET {sets} WHERE {_q(_pk_column(model))} = %s"
    with connection.cursor() as cursor:
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)


def delete_links(through, column: str, ids: Sequence[int]) -> None:
    """Remove the m2m links of these objects (what ``tags.set`` does before adding the new ones)."""
    if not ids:
        return
    clause, params = _id_clause(_q(column), ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_q(through._meta.db_table)} WHERE {clause}", params)


def _id_clause(column: str, ids: Sequence[int]) -> tuple[str, list]:
    """``column`` among ``ids`` as one parameter whatever their number (no 999-variable limit)."""
    ids = list(ids)
    if ids == list(range(ids[0], ids[0] + len(ids))):
        return f"{column} BETWEEN %s AND %s", [ids[0], ids[-1]]
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [ids]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]


def history_columns(model) -> list[str]:
    """The tracked columns a historical row copies from its record (all but the history_* ones)."""
    history = model.history.model
    return [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]


def max_history_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(history_id) FROM {_q(model.history.model._meta.db_table)}")
        return cursor.fetchone()[0] or 0


def copy_history(model, ids: Sequence[int], *, history_type: str, date, user_id, reason: str) -> None:
    """One historical row per record in ``ids``, copied from the table as it now stands: what
    simple-history's ``bulk_create_with_history``/``bulk_update_with_history`` write (``date`` adapted)."""
    if not ids:
        return
    columns = history_columns(model)
    names = ", ".join(_q(c) for c in columns)
    clause, params = _id_clause(_q(_pk_column(model)), sorted(ids))
    sql = (
        f"INSERT INTO {_q(model.history.model._meta.db_table)} "
        f"({names}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {names}, %s, %s, %s, %s FROM {_q(model._meta.db_table)} WHERE {clause}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [adapt_datetime(date), reason, history_type, user_id, *params])


def copy_m2m_history(model, field_name: str, *, after: int, date) -> None:
    """The m2m rows (e.g. HistoricalProject_tags) of every historical row written since ``after`` at
    ``date``: each gets the record's current links, as simple-history's m2m tracking records them."""
    history = model.history.model
    m2m_history = getattr(history, field_name).model  # HistoricalProject_tags
    through = getattr(model, field_name).through
    own = model._meta.model_name  # "project": the through table's column to the record
    target = next(f.column for f in through._meta.concrete_fields if f.column not in ("id", f"{own}_id"))
    h, t = "h", "t"
    sql = (
        f"INSERT INTO {_q(m2m_history._meta.db_table)} (id, {_q(own + '_id')}, {_q(target)}, history_id) "
        f"SELECT {t}.id, {t}.{_q(own + '_id')}, {t}.{_q(target)}, {h}.history_id "
        f"FROM {_q(through._meta.db_table)} {t} JOIN {_q(history._meta.db_table)} {h} "
        f"ON {h}.id = {t}.{_q(own + '_id')} "
        f"WHERE {h}.history_id > %s AND {h}.history_date = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [after, adapt_datetime(date)])
