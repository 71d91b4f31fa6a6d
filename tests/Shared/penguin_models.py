"""Penguin's SQLAlchemy models of its event file (pengutils/events at rehosting/penguin e987893d): joined-table
inheritance over `event`, one table per type. Written for Debian's python3-sqlalchemy (1.4: declarative_base and
Column, where Penguin's models, written for 2.0, use DeclarativeBase and mapped_column). Imported by the power-loss
tests' reader (tests/EventDb.PowerLossTests/penguin_read.py) and the CLI benchmark's baseline (bench/cli/penguin_orm.py).
"""
from sqlalchemy import BigInteger, Column, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


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

    def __str__(self):
        """The line Penguin's `db syscalls` prints for this event."""
        args = []
        for i in range(6):
            value = getattr(self, f"arg{i}")
            if value is not None:
                args.append(f"{getattr(self, f'arg{i}_repr')}({value:#x})")
        return f"{self.name}({', '.join(args)}) = {self.retno}({self.retno_repr})"


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
