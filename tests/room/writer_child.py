"""A facilitator in another process: drives a Session from commands on stdin, one per line.

Usage: ``writer_child.py JOURNAL_DIR SCENARIO_FILE`` creates an exercise, ``writer_child.py --open JOURNAL``
resumes one. Prints «READY <path>», then «OK <seq>» after each command whose event is durably written.
Commands: choose N | next | jump ID | back | pause | resume | inject ID | decision TEXT | note TEXT |
retract SEQ | end | reveal | blank [off] | pause [HH:MM] | torn (write half a line, as a crash mid-write would, and die) | crash (die) | close.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ovelse.session import Session, SessionError


def main() -> None:
    if sys.argv[1] == "--open":
        session = Session.open(sys.argv[2])
    else:
        scenario = Path(sys.argv[2])
        session = Session.create(
            scenario.read_text(encoding="utf-8"),
            scenario.name,
            {"facilitator": "Kari Nordmann"},
            journal_dir=sys.argv[1],
        )
    print(f"READY {session.path}", flush=True)
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        try:
            if command == "choose":
                event = session.choose(int(rest))
            elif command == "next":
                event = session.advance()
            elif command == "jump":
                event = session.jump(rest)
            elif command == "back":
                event = session.back()
            elif command == "pause":
                event = session.pause(until=rest or None)
            elif command == "reveal":
                event = session.reveal_next()
            elif command == "blank":
                event = session.set_room_view(blank=rest != "off")
            elif command == "resume":
                event = session.resume()
            elif command == "inject":
                event = session.fire_inject(rest)
            elif command == "decision":
                event = session.log_decision(rest)
            elif command == "note":
                event = session.note(rest)
            elif command == "retract":
                event = session.retract(int(rest))
            elif command == "end":
                event = session.end()
            elif command == "torn":
                fd = os.open(session.path, os.O_WRONLY | os.O_APPEND)
                os.write(fd, b'{"type":"note","seq":')
                os.fsync(fd)
                os._exit(0)
            elif command == "crash":
                os._exit(0)
            elif command == "close":
                session.close()
                print("CLOSED", flush=True)
                return
            else:
                print(f"ERROR unknown command {command}", flush=True)
                continue
        except SessionError as exc:
            print(f"ERROR {exc}", flush=True)
            continue
        print(f"OK {event.seq}", flush=True)


if __name__ == "__main__":
    main()
