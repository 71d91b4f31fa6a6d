"""Reads the every_kind table of a file EventDb wrote with SQLAlchemy, as a Python program would, and prints JSON.

Run by SqlAlchemyTests with Debian's python3-sqlalchemy (.ci/run installs it): python3 read_with_sqlalchemy.py FILE
"""
import datetime
import decimal
import enum
import json
import sys
import uuid

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite


class Mood(enum.Enum):
    Sad = -1
    Calm = 0
    Glad = 1


# SQLAlchemy 1.4's pure-Python DATETIME parser (no C extension) and 2.x before Python 3.11 read six fraction digits at
# most; this regexp reads EventDb's seven and drops the last, in every version. docs/declaring-events.md gives it.
SEVEN_DIGITS = sqlite.DATETIME(regexp=r"(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)(?:\.(\d{6})\d*)?")

metadata = sa.MetaData()
every_kind = sa.Table(
    "every_kind",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("date_time", sa.DateTime),
    sa.Column("date_time_offset", sa.DateTime),
    sa.Column("time_span", sa.String),
    sa.Column("guid", sa.String),
    sa.Column("decimal", sa.String),
    sa.Column("char", sa.String),
    sa.Column("half", sa.Float),
    sa.Column("enum_name", sa.Enum(Mood)),
    sa.Column("u_int64", sa.Integer),
    sa.Column("bool", sa.Boolean),
    sa.Column("double", sa.Float),
    sa.Column("bytes", sa.LargeBinary),
    sa.Column("enum", sa.Integer),
)
# The same columns read another way: dates with the regexp above, the offset kept by parsing the text itself.
as_text = sa.Table(
    "every_kind",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("date_time", SEVEN_DIGITS),
    sa.Column("date_time_offset", sa.String),
)
# A column that holds the number EventDb stores for an enum value no member has.
unnamed = sa.Table("every_kind", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("maybe_enum_name", sa.Enum(Mood)))


def micro(value: datetime.datetime) -> str:
    return value.isoformat(" ", "microseconds")


def main(path: str) -> None:
    engine = sa.create_engine("sqlite:///" + path)
    rows = []
    with engine.connect() as connection:
        for row in connection.execute(sa.select(every_kind).order_by(every_kind.c.id)).mappings():
            rows.append({
                "date_time": micro(row["date_time"]),
                "date_time_offset": micro(row["date_time_offset"]),
                "time_span": row["time_span"],
                "guid": str(uuid.UUID(row["guid"])),
                "decimal": format(decimal.Decimal(row["decimal"]), "f"),
                "char": row["char"],
                "half": repr(row["half"]),
                "enum_name": row["enum_name"].name,
                "u_int64": str(row["u_int64"] & 0xFFFFFFFFFFFFFFFF),
                "bool": repr(row["bool"]),
                "double": repr(row["double"]),
                "bytes": row["bytes"].hex(),
                "enum": row["enum"],
            })
        for i, row in enumerate(connection.execute(sa.select(as_text).order_by(as_text.c.id)).mappings()):
            rows[i]["date_time_regexp"] = micro(row["date_time"])
            # datetime.fromisoformat reads seven digits and the offset from Python 3.11 on.
            rows[i]["date_time_offset_parsed"] = micro(datetime.datetime.fromisoformat(row["date_time_offset"]))
        try:
            connection.execute(sa.select(unnamed).where(unnamed.c.maybe_enum_name.is_not(None))).all()
            unnamed_value = "read"
        except LookupError as error:
            unnamed_value = type(error).__name__
    print(json.dumps({
        "sqlalchemy": sa.__version__,
        "python": sys.version.split()[0],
        "rows": rows,
        "unnamed_enum_value": unnamed_value,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
