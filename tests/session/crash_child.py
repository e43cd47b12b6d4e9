"""Child process for the crash test: runs an exercise as fast as it can and reports each acknowledged event.

Usage: crash_child.py JOURNAL_DIR SCENARIO_FILE [JOURNAL]. Prints «READY <path>», then one line
«<seq>\t<type>\t<text>» after every call that returned (i.e. the event is durably written).
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

from ovelse.session import InvalidAction, Session


def main() -> None:
    journal_dir, scenario_file = sys.argv[1], Path(sys.argv[2])
    if len(sys.argv) > 3:
        session = Session.open(sys.argv[3])
    else:
        session = Session.create(
            scenario_file.read_text(encoding="utf-8"),
            scenario_file.name,
            {"facilitator": "Krasjtest"},
            journal_dir=journal_dir,
        )
    out = sys.stdout
    out.write(f"READY {session.path}\n")
    out.flush()
    for i in count():
        step = i % 7
        text = ""
        try:
            if step == 0:
                text = f"beslutning {i} – æøå «sitat»"
                event = session.log_decision(text, roles=["ordforer"])
            elif step == 1:
                text = f"notat {i}"
                event = session.note(text)
            elif step == 2:
                event = session.pause() if not session.state.paused else session.resume()
            elif step == 3:
                choices = session.available_choices()
                event = session.choose(choices[0].index) if choices else session.back()
            elif step == 4:
                text = f"observasjon {i}"
                event = session.observe(text, objectives=["M1"])
            elif step == 5:
                event = session.back() if session.state.can_go_back() else session.note("start")
            else:
                text = f"rettet {i}"
                event = session.correct(session.state.decisions[-1].seq, text=text)
        except InvalidAction:
            continue
        out.write(f"{event.seq}\t{event.type}\t{text}\n")
        out.flush()


if __name__ == "__main__":
    main()
