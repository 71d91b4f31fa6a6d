"""Reads a Penguin file through Penguin's SQLAlchemy models (tests/Shared/penguin_models.py, copied beside this
file): counts each type through its model, loads the newest events whole, and prints JSON.

Run by the power-loss tests: python3 penguin_read.py FILE
"""
import json
import sys

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, with_polymorphic

from penguin_models import Event, Exec, ProcExit, ProcStart, Read, Syscall, Write

TAIL = 5000


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
