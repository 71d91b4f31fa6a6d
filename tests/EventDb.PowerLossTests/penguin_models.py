"""Reads a Penguin file through Penguin's SQLAlchemy models (joined-table inheritance over `event`, as pengutils/events
declares them): counts each type through its model, loads the newest events whole, and prints JSON.

Run by the power-loss tests with Debian's python3-sqlalchemy (1.4: declarative_base and Column, where Penguin's models,
written for 2.0, use DeclarativeBase and mapped_column): python3 penguin_models.py FILE
"""
import json
import sys

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, LargeBinary, String, create_engine
from sqlalchemy.orm import Session, declarative_base, with_polymorphic

Base = declarative_base()
TAIL = 5000


class Event(Base):
    __tablename__ = "event"
    id = Column(Integer, primary_key=True)
    type = Column(String, nullable=False)
    procname = Column(String, nullable=False)
    proc_id = Column(Integer, nullable=False)
    __mapper_args__ = {"polymorphic_identity": "event", "polymorphic_on": type}


class Read(Event):
    __tablename__ = "read"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    fd = Column(Integer, nullable=False)
    fname = Column(String, nullable=False)
    buffer = Column(LargeBinary)
    __mapper_args__ = {"polymorphic_identity": "read"}


class Write(Event):
    __tablename__ = "write"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    fd = Column(Integer, nullable=False)
    fname = Column(String)
    buffer = Column(LargeBinary)
    __mapper_args__ = {"polymorphic_identity": "write"}


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


class Exec(Event):
    __tablename__ = "exec"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    calltree = Column(String, nullable=False)
    argc = Column(String, nullable=False)
    argv = Column(String, nullable=False)
    envp = Column(String, nullable=False)
    euid = Column(Integer, nullable=False)
    egid = Column(Integer, nullable=False)
    __mapper_args__ = {"polymorphic_identity": "exec"}


class ProcStart(Event):
    __tablename__ = "proc_start"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    pid = Column(Integer, nullable=False)
    ppid = Column(Integer, nullable=False)
    create_time = Column(Integer, nullable=False)
    comm = Column(String, nullable=False)
    uid = Column(Integer, nullable=False)
    gid = Column(Integer, nullable=False)
    euid = Column(Integer, nullable=False)
    egid = Column(Integer, nullable=False)
    __mapper_args__ = {"polymorphic_identity": "proc_start"}


class ProcExit(Event):
    __tablename__ = "proc_exit"
    id = Column(Integer, ForeignKey("event.id"), primary_key=True)
    pid = Column(Integer, nullable=False)
    create_time = Column(Integer, nullable=False)
    code = Column(Integer, nullable=False)
    reason = Column(String, nullable=False)
    __mapper_args__ = {"polymorphic_identity": "proc_exit"}


def main(path):
    engine = create_engine("sqlite:///" + path)
    with Session(engine) as session:
        # Counted through each model (its own table joined with event, as Penguin's queries do) ...
        types = {cls.__tablename__: session.query(cls).count() for cls in (Read, Write, Syscall, Exec, ProcStart, ProcExit)}
        max_id = session.query(Event.id).order_by(Event.id.desc()).limit(1).scalar() or 0
        # ... and the newest events, where a cut leaves its mark, loaded whole into their classes.
        every = with_polymorphic(Event, "*")
        loaded = 0
        for event in session.query(every).filter(Event.id > max_id - TAIL).order_by(Event.id):
            # A subclass's own column: it is None for a row without its child row.
            detail = event.arg0 if isinstance(event, Syscall) else event.fd if isinstance(event, (Read, Write)) else event.id
            if detail is None:
                raise SystemExit(f"event {event.id} ({event.type}) has no {event.type} row")
            loaded += 1
    print(json.dumps({"types": types, "events": sum(types.values()), "max_id": max_id, "loaded": loaded}))


if __name__ == "__main__":
    main(sys.argv[1])
