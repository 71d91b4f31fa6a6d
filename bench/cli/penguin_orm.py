#!/usr/bin/env python3
"""The baseline for bench/cli/run: the selection and lines of Penguin's `db syscalls --procname NAME --output FILE`,
through SQLAlchemy's ORM as Penguin's tool does it (pengutils/utils/cli_db.py and util_base.py at rehosting/penguin
e987893d): Penguin's models (tests/Shared/penguin_models.py), `Syscall.procname.contains(NAME)`, `.all()`, then
`print(str(event))` for each row.

usage: penguin_orm.py PLUGINS_DB PROCNAME > lines.txt
"""
import os
import sys

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Shared"))
from penguin_models import Syscall  # noqa: E402 (found through the path above)


def main():
    path, procname = sys.argv[1], sys.argv[2]
    engine = create_engine("sqlite:///" + path)
    with Session(engine) as session:
        rows = session.query(Syscall).filter(Syscall.procname.contains(procname)).all()
        out = sys.stdout
        for row in rows:
            print(str(row), file=out)


if __name__ == "__main__":
    main()
