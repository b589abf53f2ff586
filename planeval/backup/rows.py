"""Table rows as canonical JSON lines, the same on SQLite and PostgreSQL.

One encoding serves both the archive and the fingerprint, so a table restored from an archive
can be compared with the manifest line for line. Values are read with ``values_list`` (the
backend's converters applied) and normalised where the backends differ:

- datetimes are written in UTC with full microseconds (Django's JSON encoder would cut them
  to milliseconds, so a round trip through ``dumpdata`` is lossy);
- decimals are quantised to the field's decimal places (SQLite may hand back ``Decimal('5')``
  where PostgreSQL gives ``Decimal('5.00')``);
- JSON values are dumped with sorted keys (PostgreSQL's jsonb reorders them);
- binary values are base64, and a float's negative zero is written as zero.

Rows are ordered by primary key: integer and UUID keys sort the same on both backends, text
keys are compared byte-wise on both.
"""
from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from django.apps import apps
from django.db import connections, models
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.duration import duration_string

# Sessions are not backed up: a copied session key would let whoever holds the archive act as
# that user, and a restore would hand old cookies to whichever user now has that id.
EXCLUDED = {"sessions.session"}
CHUNK = 2000


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every table Django manages (including many-to-many tables), in a stable order."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or label(model) in EXCLUDED:
            continue
        found.append(model)
    return sorted(found, key=label)


def columns(model: type[models.Model]) -> list[models.Field]:
    """The fields stored in the model's own table (a child table of inheritance holds only its own)."""
    return list(model._meta.local_concrete_fields)


def encode_value(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(value, float):
        return value + 0.0  # -0.0 becomes 0.0: PostgreSQL may hand back either for the same value
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, decimal.Decimal):
        places = getattr(field, "decimal_places", None)
        if places is not None and value.is_finite():
            value = value.quantize(decimal.Decimal(1).scaleb(-places))
        return str(value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def decode_value(field: models.Field, raw):
    if raw is None or isinstance(field, models.JSONField):
        return raw
    if isinstance(field, models.BinaryField):
        return base64.b64decode(raw)
    return field.to_python(raw)


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def header_line(model: type[models.Model]) -> str:
    return dumps({"model": label(model), "fields": [f.attname for f in columns(model)]})


def row_lines(model: type[models.Model], *, using: str) -> Iterator[str]:
    """The table's rows, one canonical JSON array per row, ordered by primary key, streamed."""
    fields = columns(model)
    rows = (model._base_manager.using(using).order_by(_pk_order(model, using))
            .values_list(*[f.attname for f in fields]).iterator(chunk_size=CHUNK))
    for row in rows:
        yield dumps([encode_value(f, v) for f, v in zip(fields, row)])


def _pk_order(model: type[models.Model], using: str):
    """Primary-key order; text keys (API tokens) compared byte-wise, as PostgreSQL's locale may not."""
    pk = model._meta.pk
    if pk.get_internal_type() in ("CharField", "TextField", "SlugField"):
        return Collate(F("pk"), "C" if connections[using].vendor == "postgresql" else "BINARY").asc()
    return F("pk").asc()


def insert_rows(model: type[models.Model], lines: Iterable[str], *, using: str, batch: int) -> None:
    """Insert an archive member's row lines (header already read) exactly as archived.

    Not ``bulk_create``: it would run each field's ``pre_save`` (stamping ``auto_now_add``
    fields with the time of the restore) and compile SQL for every batch. PostgreSQL gets a
    COPY, which is many times faster than INSERTs there; SQLite, in process, one prepared
    INSERT through ``executemany``.
    """
    connection = connections[using]
    fields = columns(model)
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    values = ([f.get_db_prep_save(decode_value(f, v), connection) for f, v in zip(fields, json.loads(line))]
              for line in lines)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # psycopg 3's COPY (the only driver planeval supports)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
        chunk = []
        for row in values:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)


class TableSum(NamedTuple):
    rows: int
    sha256: str


class TableHasher:
    """Row count and SHA-256 of a table's lines, fed one line at a time."""

    def __init__(self) -> None:
        self.rows = 0
        self._hash = hashlib.sha256()

    def add(self, line: str) -> None:
        self.rows += 1
        self._hash.update(line.encode("utf-8"))
        self._hash.update(b"\n")

    def result(self) -> TableSum:
        return TableSum(self.rows, self._hash.hexdigest())


def table_sum(model: type[models.Model], *, using: str) -> TableSum:
    hasher = TableHasher()
    for line in row_lines(model, using=using):
        hasher.add(line)
    return hasher.result()
