"""``ovelse register`` in a real terminal (tmux): it opens the screen, shows the tiltak and quits on «q»."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

from journals import Spec, write_journal
from system_tools import needs

from ovelse.register.importing import import_file
from ovelse.register.store import Register

ROOT = Path(__file__).resolve().parents[2]
pytestmark = needs("tmux")


def _capture(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True
    ).stdout


def test_register_opens_and_quits(register: Register, db_url: str, tmp_path: Path) -> None:
    import_file(register, write_journal(tmp_path, Spec(actions=2)))
    session = f"ovelse-register-{uuid.uuid4().hex[:8]}"
    rc_file = tmp_path / "rc"
    command = (
        f"cd {shlex.quote(str(tmp_path))} && PYTHONPATH={shlex.quote(str(ROOT))} OVELSE_SPRAK=nb "
        f"{shlex.quote(sys.executable)} -m ovelse register --database {shlex.quote(db_url)}; "
        f"echo $? > {shlex.quote(str(rc_file))}"
    )
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command], check=True, env=env
    )
    try:
        screen = ""
        for _ in range(400):  # up to 40 s on a busy machine (a full parallel run on two cores)
            screen = _capture(session)
            if "2 tiltak" in screen:
                break
            time.sleep(0.1)
        assert "Øvingsregisteret – tiltak på tvers av øvelser" in screen
        assert "Tiltak 1: Varslingslisten" in screen and "2 tiltak · alle" in screen
        password = db_url.split(":")[2].split("@")[0] if db_url.startswith("postgresql") else None
        if password:
            assert password not in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        for _ in range(100):
            if rc_file.exists() and rc_file.read_text().strip():
                break
            time.sleep(0.1)
        assert rc_file.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
