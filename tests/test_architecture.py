"""The domain (scenario, session, report) imports nothing from Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "ovelse"
DOMAIN = ["scenario", "session", "report", "room"]


def _domain_files():
    for name in DOMAIN:
        folder = PKG / name
        if folder.is_dir():
            yield from sorted(folder.rglob("*.py"))


def test_domain_sources_do_not_import_textual_or_the_ui():
    offenders = []
    for path in _domain_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in ("textual", "rich") or name.startswith("ovelse.tui"):
                    offenders.append(f"{path.relative_to(PKG.parent)}:{node.lineno}: {name}")
    assert offenders == []


def test_importing_every_domain_module_leaves_textual_unloaded():
    modules = [
        ".".join(p.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in _domain_files()
    ]
    code = (
        "import importlib, sys\n"
        + "".join(f"importlib.import_module({m!r})\n" for m in modules)
        + ("bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\nassert not bad, bad\n")
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
