"""Extract, update and compile the catalogue with Babel: ``python -m ovelse.i18n.build [--check]``.

* extract: every ``_()``, ``N_()``, ``ngettext()``, ``pgettext()`` … in ``ovelse/`` (and ``{% trans %}``
  / ``_()`` in Jinja templates) is collected per area (see :data:`AREAS`);
* update: ``po/nn/<area>.po`` gets new msgids (untranslated) and loses those no longer used;
* compile: all areas are merged into ``locale/nn/LC_MESSAGES/ovelse.mo``.

``--check`` changes nothing and exits 1 when a catalogue is out of date, an entry is untranslated or
fuzzy, or the compiled file is stale (the test suite runs the same check).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent
I18N = Path(__file__).resolve().parent
TRANSLATED = ("nn",)
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

# Area of a source file: the first prefix (relative to ovelse/) that matches; "common" otherwise.
AREAS: tuple[tuple[str, str], ...] = (
    ("scenario/", "scenario"),
    ("session/", "session"),
    ("report/", "report"),
    ("register/", "register"),
    ("room/", "room"),
    ("tui/room/", "room"),
    ("tui/", "tui"),
    ("authoring/", "authoring"),
    ("cli.py", "cli"),
    ("verify_command.py", "cli"),
    ("settings.py", "cli"),
)
TEMPLATE_SUFFIXES = (".html", ".j2", ".jinja", ".md.j2", ".xml.j2")
KEYWORDS = dict(DEFAULT_KEYWORDS)


def area_of(relative: str) -> str:
    for prefix, area in AREAS:
        if relative.startswith(prefix):
            return area
    return "common"


def _sources() -> Iterable[tuple[Path, str]]:
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("i18n/") or "__pycache__" in rel or not path.is_file():
            continue
        if path.suffix == ".py":
            yield path, "python"
        elif "templates/" in rel and path.name.endswith(TEMPLATE_SUFFIXES):
            yield path, "jinja2.ext:babel_extract"


def extract() -> dict[str, Catalog]:
    """One template catalogue per area, with every msgid used there."""
    catalogs: dict[str, Catalog] = {}
    for path, method in _sources():
        rel = path.relative_to(PACKAGE).as_posix()
        area = area_of(rel)
        catalog = catalogs.setdefault(area, Catalog(locale=None, domain="ovelse", fuzzy=False))
        options = {"extensions": "jinja2.ext.i18n", "trimmed": "true"} if method != "python" else {}
        with path.open("rb") as handle:
            for lineno, message, comments, context in _extract(method, handle, options):
                catalog.add(
                    message, None, [(f"ovelse/{rel}", lineno)], auto_comments=comments, context=context
                )
    return catalogs


def _extract(
    method: str, handle: io.BufferedReader, options: dict[str, str]
) -> Iterable[tuple[int, str | tuple[str, ...], list[str], str | None]]:
    from babel.messages.extract import extract as babel_extract

    yield from babel_extract(
        method,
        handle,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        options=options,
        strip_comment_tags=True,
    )


def po_path(language: str, area: str) -> Path:
    return I18N / "po" / language / f"{area}.po"


def mo_path(language: str) -> Path:
    return I18N / "locale" / language / "LC_MESSAGES" / "ovelse.mo"


def _read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, domain="ovelse", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain="ovelse")


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=110,
        omit_header=False,
        sort_output=False,
        ignore_obsolete=True,
        include_previous=False,
        include_lineno=False,  # file names only: moving code does not make the catalogue stale
    )
    return buffer.getvalue()


def _mo_bytes(catalogs: list[Catalog], language: str) -> bytes:
    # Fixed dates: the compiled file depends on the translations only, so --check can compare bytes.
    merged = Catalog(
        locale=language,
        domain="ovelse",
        fuzzy=False,
        project="ovelse",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
    )
    for catalog in catalogs:
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                merged[message.id] = Message(message.id, message.string, context=message.context)
    buffer = io.BytesIO()
    write_mo(buffer, merged, use_fuzzy=False)
    return buffer.getvalue()


def updated(language: str) -> tuple[dict[str, bytes], bytes]:
    """New contents of every area's .po file and of the compiled .mo (nothing written)."""
    templates = extract()
    areas = sorted(set(templates) | {p.stem for p in (I18N / "po" / language).glob("*.po")})
    po_files: dict[str, bytes] = {}
    catalogs: list[Catalog] = []
    for area in areas:
        template = templates.get(area, Catalog(locale=None, domain="ovelse"))
        catalog = _read(po_path(language, area), language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.header_comment = (
            f"# Nynorsk for ovelse: area «{area}» (generated by python -m ovelse.i18n.build)."
        )
        catalog.project = "ovelse"
        catalog.fuzzy = False
        catalog.creation_date = catalog.revision_date = _EPOCH  # stable headers: no merge conflicts
        if len(catalog) or po_path(language, area).exists():
            po_files[area] = _po_bytes(catalog)
            catalogs.append(catalog)
    return po_files, _mo_bytes(catalogs, language)


def problems(language: str) -> list[str]:
    """What ``--check`` reports: stale files, untranslated and fuzzy entries."""
    out: list[str] = []
    po_files, mo = updated(language)
    for area, data in po_files.items():
        path = po_path(language, area)
        if not path.exists() or _strip_dates(path.read_bytes()) != _strip_dates(data):
            out.append(f"{path.relative_to(PACKAGE.parent)}: not up to date with the sources")
        catalog = read_po(io.BytesIO(data), locale=language)
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                out.append(f"{path.name}: fuzzy: {message.id!r}")
            elif not message.string or (isinstance(message.string, tuple) and not all(message.string)):
                out.append(f"{path.name}: untranslated: {message.id!r}")
    mo_file = mo_path(language)
    if not mo_file.exists() or mo_file.read_bytes() != mo:
        out.append(f"{mo_file.relative_to(PACKAGE.parent)}: stale, run python -m ovelse.i18n.build")
    return out


def _strip_dates(data: bytes) -> bytes:
    return b"\n".join(
        line
        for line in data.splitlines()
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By'))
    )


def write(language: str) -> None:
    po_files, mo = updated(language)
    for area, data in po_files.items():
        path = po_path(language, area)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    mo_file = mo_path(language)
    mo_file.parent.mkdir(parents=True, exist_ok=True)
    mo_file.write_bytes(mo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Extract, update and compile the message catalogue.")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is out of date"
    )
    args = parser.parse_args(argv)
    if args.check:
        found = [p for language in TRANSLATED for p in problems(language)]
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    for language in TRANSLATED:
        write(language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
