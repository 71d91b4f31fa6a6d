#!/usr/bin/env python3
"""The baseline for bench/cli/run: the selection and lines of Penguin's `db syscalls --procname NAME --output FILE`,
through SQLAlchemy's ORM as Penguin's tool does it (pengutils/utils/cli_db.py and util_base.py at rehosting/penguin
e987893d): joined-table inheritance over `event` and `syscall`, `Syscall.procname.contains(NAME)`, `.all()`, then
`print(str(event))` for each row. Penguin's models need SQLAlchemy 2.0; this is the same model written for Debian's
python3-sqlalchemy (1.4: declarative_base and Column instead of DeclarativeBase and mapped_column).

usage: penguin_orm.py PLUGINS_DB PROCNAME > lines.txt
"""
import sys

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, LargeBinary, String, create_engine
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Event(Base):
    __tablename__ = "event"
    id = Column(Integer, primary_key=True)
    type = Column(String, nullable=False)
    procname = Column(String, nullable=False)
    proc_id = Column(Integer, nullable=False)
    __mapper_args__ = {"polymorphic_identity": "event", "polymorphic_on": type}


class Syscall(Event):
    __tablename__ = "syscall"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    name = Column(String, nullable=False)
    retno = Column(BigInteger)
    retno_repr = Column(String)
    arg0 = Column(BigInteger)
    arg0_repr = Column(String)
    arg1 = Column(BigInteger)
    arg1_repr = Column(String)
    arg2 = Column(BigInteger)
    arg2_repr = Column(String)
    arg3 = Column(BigInteger)
    arg3_repr = Column(String)
    arg4 = Column(BigInteger)
    arg4_repr = Column(String)
    arg5 = Column(BigInteger)
    arg5_repr = Column(String)
    __mapper_args__ = {"polymorphic_identity": "syscall"}

    def __str__(self):
        args = []
        for i in range(6):
            value = getattr(self, f"arg{i}")
            if value is not None:
                args.append(f"{getattr(self, f'arg{i}_repr')}({value:#x})")
        return f"{self.name}({', '.join(args)}) = {self.retno}({self.retno_repr})"


# The other Penguin tables exist in the file; mapping them is not needed for this selection.
class Read(Event):
    __tablename__ = "read"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    fd = Column(Integer, nullable=False)
    fname = Column(String, nullable=False)
    buffer = Column(LargeBinary)
    __mapper_args__ = {"polymorphic_identity": "read"}


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
