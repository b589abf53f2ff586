"""The canonical row encoding: lossless where dumpdata is not, equal where the backends differ."""
import datetime
from decimal import Decimal

from django.db import models

from planeval.backup.rows import decode_value, encode_value

MICRO = datetime.datetime(2023, 6, 30, 23, 59, 59, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def test_datetimes_keep_their_microseconds_and_are_written_in_utc():
    field = models.DateTimeField()
    assert encode_value(field, MICRO) == "2023-06-30T15:59:59.123456+00:00"
    assert decode_value(field, encode_value(field, MICRO)) == MICRO


def test_decimals_are_written_with_the_fields_places_whatever_the_backend_returned():
    field = models.DecimalField(max_digits=20, decimal_places=6)
    assert encode_value(field, Decimal(5)) == encode_value(field, Decimal("5.000000")) == "5.000000"
    assert decode_value(field, "0.010100") == Decimal("0.0101")


def test_json_values_stay_json_and_negative_zero_is_zero():
    assert encode_value(models.JSONField(), {"b": 1, "a": ["=1+1"]}) == {"b": 1, "a": ["=1+1"]}
    assert str(encode_value(models.FloatField(), -0.0)) == "0.0"
    assert decode_value(models.BinaryField(), encode_value(models.BinaryField(), b"\x00\xff")) == b"\x00\xff"
