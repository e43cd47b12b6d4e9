"""Safe YAML loading for scenario files.

Builds plain Python data straight from the parser's event stream (libyaml when available),
so limits are enforced before anything large is built:

* size cap on the file, UTF-8 only;
* nesting depth, alias count and alias-expanded element count are bounded
  (an alias bomb fails after a handful of events; 50,000 nested ``[`` never reach a recursive composer);
* duplicate keys are errors, merge keys and unknown tags are refused;
* every scalar stays the exact text the author wrote (``12:30`` is not 750, ``no`` is not False);
  only an empty plain value or ``~``/``null`` becomes None. Types are coerced later by the models.

Positions are collected only on request (a second pass when there are findings to place).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from ovelse.scenario.diagnostics import FatalLoadError, Finding, Path

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_ELEMENTS = 2_000_000

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    {
        None,
        "!",
        f"{_STD_TAG}str",
        f"{_STD_TAG}int",
        f"{_STD_TAG}bool",
        f"{_STD_TAG}float",
        f"{_STD_TAG}null",
        f"{_STD_TAG}map",
        f"{_STD_TAG}seq",
    }
)


@dataclass(slots=True)
class YamlDoc:
    """Loaded YAML data, findings that did not stop loading, and optional positions (1-based)."""

    data: Any
    findings: list[Finding] = field(default_factory=list)
    positions: dict[Path, tuple[int, int]] | None = None
    key_positions: dict[Path, tuple[int, int]] | None = None

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        """Position of the value at ``path`` (or of its key), falling back to the nearest parent."""
        table = self.key_positions if key else self.positions
        if table is None or self.positions is None:
            return None
        if key and path in table:
            return table[path]
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path[:-1]


def read_text(path: str | FsPath, *, max_bytes: int | None = None) -> str:
    """Read a scenario file as UTF-8 text, raising FatalLoadError with a clear finding."""
    name = str(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise FatalLoadError(
                Finding("OV001", "error", "dette er ikke en vanlig fil", "oppgi en .yaml-fil", file=name)
            )
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise FatalLoadError(
            Finding("OV001", "error", "filen finnes ikke", "sjekk stien og filnavnet", file=name)
        )
    except IsADirectoryError:
        raise FatalLoadError(
            Finding("OV001", "error", "dette er en mappe, ikke en fil", "oppgi en .yaml-fil", file=name)
        )
    except PermissionError:
        raise FatalLoadError(
            Finding("OV001", "error", "mangler tilgang til å lese filen", "sjekk filrettighetene", file=name)
        )
    except OSError as exc:
        from ovelse.fileio import os_error_text

        raise FatalLoadError(
            Finding("OV001", "error", f"filen kan ikke leses ({os_error_text(exc)})", "", file=name)
        )
    return decode(raw, name, max_bytes=max_bytes)


def decode(raw: bytes, name: str, *, max_bytes: int | None = None) -> str:
    """Decode bytes as UTF-8 (a BOM is allowed) with size cap and a positioned error."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if len(raw) > max_bytes:
        raise FatalLoadError(
            Finding(
                "OV002",
                "error",
                f"filen er større enn grensen på {max_bytes // (1024 * 1024)} MB",
                "et scenario er normalt godt under 1 MB; del det opp eller fjern innlimte data",
                file=name,
            )
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FatalLoadError(
            Finding(
                "OV003",
                "error",
                "filen er UTF-16, ikke UTF-8",
                "lagre filen som UTF-8 i redigeringsprogrammet",
                file=name,
                line=1,
                column=1,
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise FatalLoadError(
            Finding(
                "OV003",
                "error",
                f"ugyldig UTF-8 (byte 0x{raw[exc.start]:02x})",
                "lagre filen som UTF-8 (ikke Latin-1/Windows-1252)",
                file=name,
                line=line,
                column=col,
            )
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _syntax_finding(exc: yaml.MarkedYAMLError, name: str, text: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or "ugyldig YAML"
    line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in problem or "\t" in line_text[: (mark.column + 1) if mark else 0]:
        if "\t" in line_text:
            col = line_text.index("\t") + 1
        return Finding(
            "OV006",
            "error",
            "tabulator brukt i innrykk",
            "YAML krever mellomrom til innrykk; bytt tabulator med mellomrom",
            file=name,
            line=line,
            column=col,
        )
    if "maximum nesting depth" in problem:  # newer libyaml refuses deep flow nesting while scanning
        return Finding(
            "OV007",
            "error",
            f"strukturen er nøstet dypere enn {MAX_DEPTH} nivåer",
            "et scenario trenger sjelden mer enn ti nivåer; sjekk innrykk og klammer",
            file=name,
            line=line,
            column=col,
        )
    translated = {
        "could not find expected ':'": "fant ikke forventet «:»",
        "mapping values are not allowed": "kolon på feil sted (tekst med «: » må stå i anførselstegn)",
        "did not find expected key": "fant ikke forventet nøkkel (sjekk innrykket)",
        "did not find expected node content": "mangler innhold der en verdi var ventet",
        "did not find expected '-' indicator": "fant ikke forventet «-» (sjekk innrykket i listen)",
        "found unexpected end of stream": "filen slutter midt i en verdi (mangler avsluttende anførselstegn?)",
        "found undefined alias": "ukjent alias",
        "found character that cannot start any token": "tegn som ikke kan starte en verdi",
    }
    message = next((no for en, no in translated.items() if problem.startswith(en)), None)
    message = f"YAML-syntaksfeil: {message or problem}"
    return Finding(
        "OV005",
        "error",
        message,
        "sjekk innrykk, kolon og anførselstegn på denne linjen og linjen over",
        file=name,
        line=line,
        column=col,
    )


def load_yaml(text: str, name: str = "<tekst>", *, positions: bool = False) -> YamlDoc:
    """Load one YAML document of plain data (dicts, lists, strings, None).

    Raises FatalLoadError for problems that stop loading; collects duplicate keys as findings.
    """
    loader = _Loader(text)
    findings: list[Finding] = []
    pos: dict[Path, tuple[int, int]] | None = {} if positions else None
    keypos: dict[Path, tuple[int, int]] | None = {} if positions else None
    anchors: dict[str, tuple[Any, int]] = {}
    # frame: [container, is_mapping, pending_key, path, start_count, anchor, seen_key_marks]
    stack: list[list] = []
    root: Any = None
    have_root = False
    documents = 0
    depth = 0
    count = 0
    aliases = 0

    def fatal(code: str, message: str, hint: str, mark) -> FatalLoadError:
        return FatalLoadError(
            Finding(code, "error", message, hint, file=name, line=mark.line + 1, column=mark.column + 1)
        )

    try:
        get_event = loader.get_event
        check_event = loader.check_event
        while check_event():
            event = get_event()
            cls = event.__class__
            if (
                cls is yaml.ScalarEvent
                or cls is yaml.MappingStartEvent
                or cls is yaml.SequenceStartEvent
                or cls is yaml.AliasEvent
            ):
                count += 1
                if cls is yaml.ScalarEvent:
                    tag = event.tag
                    if tag not in _ALLOWED_TAGS:
                        raise fatal(
                            "OV013",
                            f"YAML-taggen «{tag}» støttes ikke",
                            "fjern taggen; skriv verdien som vanlig tekst",
                            event.start_mark,
                        )
                    value = event.value
                    if (
                        not event.style
                        and value in _NULLS
                        and (event.implicit[0] or tag == f"{_STD_TAG}null")
                    ):
                        value = None
                    size = 1
                elif cls is yaml.AliasEvent:
                    aliases += 1
                    if aliases > MAX_ALIASES:
                        raise fatal(
                            "OV008",
                            f"mer enn {MAX_ALIASES} alias i filen",
                            "skriv innholdet ut i stedet for å gjenbruke det med alias",
                            event.start_mark,
                        )
                    try:
                        value, size = anchors[event.anchor]
                    except KeyError:
                        raise fatal(
                            "OV005",
                            f"YAML-syntaksfeil: ukjent alias «*{event.anchor}»",
                            "et alias må vise til et anker («&navn») definert lenger opp",
                            event.start_mark,
                        )
                    count += size
                    if count > MAX_ELEMENTS:
                        raise fatal(
                            "OV008",
                            "alias utvider filen til for mange elementer (aliasbombe?)",
                            "skriv innholdet ut i stedet for å gjenbruke det med alias",
                            event.start_mark,
                        )
                else:
                    if event.tag not in _ALLOWED_TAGS:
                        raise fatal(
                            "OV013",
                            f"YAML-taggen «{event.tag}» støttes ikke",
                            "fjern taggen",
                            event.start_mark,
                        )
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise fatal(
                            "OV007",
                            f"strukturen er nøstet dypere enn {MAX_DEPTH} nivåer",
                            "et scenario trenger sjelden mer enn ti nivåer; sjekk innrykk og klammer",
                            event.start_mark,
                        )
                    if count > MAX_ELEMENTS:
                        raise fatal(
                            "OV009",
                            f"filen har mer enn {MAX_ELEMENTS} elementer",
                            "del scenarioet opp",
                            event.start_mark,
                        )
                    value = {} if cls is yaml.MappingStartEvent else []
                    size = 0
                # Place the value in its parent.
                if stack:
                    frame = stack[-1]
                    if frame[1]:  # mapping
                        if frame[2] is _NO_KEY:
                            # This event is a key.
                            if cls is not yaml.ScalarEvent:
                                raise fatal(
                                    "OV013",
                                    "nøkler må være enkel tekst",
                                    "bruk en vanlig tekstnøkkel",
                                    event.start_mark,
                                )
                            key = "" if value is None else value
                            if key == "<<" and not event.style:
                                raise fatal(
                                    "OV013",
                                    "sammenslåingsnøkkel «<<» støttes ikke",
                                    "skriv feltene ut i stedet",
                                    event.start_mark,
                                )
                            container = frame[0]
                            if key in container:
                                path = frame[3] + (key,) if frame[3] is not None else None
                                findings.append(
                                    Finding(
                                        "OV010",
                                        "error",
                                        f"nøkkelen «{key}» finnes allerede i denne tabellen",
                                        f"første forekomst er på linje {frame[6][key][0]}"
                                        if key in frame[6]
                                        else "fjern eller gi nytt navn til en av dem",
                                        path=path,
                                        file=name,
                                        line=event.start_mark.line + 1,
                                        column=event.start_mark.column + 1,
                                    )
                                )
                                frame[2] = _DUP_KEY
                            else:
                                frame[2] = key
                                frame[6][key] = (event.start_mark.line + 1, event.start_mark.column + 1)
                                if keypos is not None:
                                    keypos[frame[3] + (key,)] = frame[6][key]
                            continue
                        key = frame[2]
                        frame[2] = _NO_KEY
                        if key is not _DUP_KEY:
                            frame[0][key] = value
                        child_path = (
                            frame[3] + (key,) if frame[3] is not None and key is not _DUP_KEY else None
                        )
                    else:
                        child_path = frame[3] + (len(frame[0]),) if frame[3] is not None else None
                        frame[0].append(value)
                else:
                    if have_root:
                        raise fatal(
                            "OV012",
                            "filen har flere YAML-dokumenter",
                            "et scenario er ett dokument; fjern «---» midt i filen",
                            event.start_mark,
                        )
                    root, have_root = value, True
                    child_path = () if positions else None
                if pos is not None and child_path is not None:
                    pos[child_path] = (event.start_mark.line + 1, event.start_mark.column + 1)
                if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    stack.append(
                        [value, cls is yaml.MappingStartEvent, _NO_KEY, child_path, count, event.anchor, {}]
                    )
                elif event.anchor is not None:
                    anchors[event.anchor] = (value, size)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                frame = stack.pop()
                depth -= 1
                if frame[5] is not None:
                    anchors[frame[5]] = (frame[0], count - frame[4])
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fatal(
                        "OV012",
                        "filen har flere YAML-dokumenter",
                        "et scenario er ett dokument; fjern «---» midt i filen",
                        event.start_mark,
                    )
    except yaml.MarkedYAMLError as exc:
        raise FatalLoadError(_syntax_finding(exc, name, text)) from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise FatalLoadError(
            Finding(
                "OV005",
                "error",
                f"YAML-syntaksfeil: kontrolltegnet U+{char:04X} er ikke tillatt i YAML",
                "fjern tegnet (det kommer ofte fra innliming fra andre programmer)",
                file=name,
                line=line,
                column=col,
            )
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other unmarked errors
        raise FatalLoadError(Finding("OV005", "error", "YAML-syntaksfeil", str(exc), file=name)) from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose:
            dispose()
    if not have_root or root is None:
        raise FatalLoadError(
            Finding(
                "OV004",
                "error",
                "filen er tom (ingen YAML-innhold)",
                "start med «ovelse new» for å få et gyldig utgangspunkt",
                file=name,
                line=1,
                column=1,
            )
        )
    return YamlDoc(root, findings, pos, keypos)


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:  # pragma: no cover
        return self.name


_NO_KEY = _Marker("NO_KEY")
_DUP_KEY = _Marker("DUP_KEY")
