"""Safe YAML loading for scenario files.

Builds plain Python data straight from the parser's event stream (libyaml when available),
in one pass, so limits are enforced before anything large is built:

* size cap on the file, UTF-8 only;
* nesting depth, alias count and element count (also after alias expansion) are bounded
  (an alias bomb fails after a handful of events; 50,000 nested ``[`` never reach a recursive composer);
* duplicate keys are errors (the first :data:`MAX_FINDINGS_PER_CODE` are reported, the rest counted),
  merge keys and unknown tags are refused;
* every scalar stays the exact text the author wrote (``12:30`` is not 750, ``no`` is not False);
  only an empty plain value or ``~``/``null`` becomes None. Types are coerced later by the models;
* text values are checked for TODO markers and control characters as they are read (OV215, OV218).

Positions are recorded in the same pass, packed per container (four ints per child), and looked up by
path only for the findings that need one. Lines and columns are what an editor shows: a NEL (U+0085) or
a line/paragraph separator (U+2028/U+2029) does not start a new line, although YAML counts it as one.
"""

from __future__ import annotations

import errno
import os
import stat
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, NoReturn

import yaml

from ovelse.i18n import N_, _
from ovelse.plaintext import control
from ovelse.scenario.diagnostics import FatalLoadError, Finding, Path

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback when PyYAML was built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_ELEMENTS = 500_000
MAX_FINDINGS_PER_CODE = 50

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
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")

_NESTING = (
    N_("strukturen er nøstet dypere enn {depth} nivåer"),
    N_("et scenario trenger sjelden mer enn ti nivåer; sjekk innrykk og klammer"),
)


@dataclass(slots=True)
class YamlDoc:
    """Loaded YAML data, findings that did not stop loading, and positions (1-based line, column).

    ``suppressed`` counts findings per code beyond :data:`MAX_FINDINGS_PER_CODE` that were not built.
    """

    data: Any
    findings: list[Finding] = field(default_factory=list)
    suppressed: Counter[str] = field(default_factory=Counter)
    root_position: tuple[int, int] = (1, 1)
    _marks: dict[int, array[int]] = field(default_factory=dict, repr=False)
    _key_index: dict[int, dict[Any, int]] = field(default_factory=dict, repr=False)
    _keep: list[Any] = field(default_factory=list, repr=False)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        """Position of the value at ``path`` (or of its key), falling back to the nearest parent."""
        best = self.root_position
        node = self.data
        last = len(path) - 1
        for depth, step in enumerate(path):
            marks = self._marks.get(id(node))
            if marks is None:
                return best
            if isinstance(node, dict):
                index = self._key_index.get(id(node))
                if index is None:
                    index = self._key_index[id(node)] = {k: i for i, k in enumerate(node)}
                i = index.get(step)
                if i is None:
                    return best
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                i = step
                node = node[step]
            else:
                return best
            base = 4 * i
            if 4 * i + 3 >= len(marks):
                return best
            best = (marks[base + 2], marks[base + 3])
            if key and depth == last:
                return (marks[base], marks[base + 1])
        return best


class _Frame:
    """One open mapping or sequence while the event stream is read."""

    __slots__ = (
        "anchor",
        "container",
        "is_mapping",
        "key",
        "key_col",
        "key_line",
        "keys_at",
        "marks",
        "start",
    )

    def __init__(self, container: Any, is_mapping: bool, start: int, anchor: str | None, marks: array[int]):
        self.container = container
        self.is_mapping = is_mapping
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.key_col = 0
        self.start = start
        self.anchor = anchor
        self.marks = marks
        self.keys_at: dict[str, int] = {}


class _Lines:
    """Line and column as an editor shows them, from YAML's marks."""

    def __init__(self, text: str):
        self._starts: list[int] | None = None
        if any(ch in text for ch in _YAML_ONLY_BREAKS):
            starts = [0]
            find = text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._starts = starts

    def at(self, mark: Any) -> tuple[int, int]:
        if self._starts is None or mark is None:
            return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return self.at_index(mark.index)

    def at_index(self, index: int) -> tuple[int, int]:
        if self._starts is None:
            raise ValueError("no index table")  # pragma: no cover - callers use at() then
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


def _fatal(code: str, message: str, hint: str, name: str, where: tuple[int, int] | None) -> NoReturn:
    line, column = where if where else (None, None)
    raise FatalLoadError(Finding(code, "error", message, hint, file=name, line=line, column=column))


def read_text(path: str | FsPath, *, max_bytes: int | None = None) -> str:
    """Read a scenario file as UTF-8 text, raising FatalLoadError with a clear finding."""
    name = str(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            _fatal("OV001", _("dette er ikke en vanlig fil"), _("oppgi en .yaml-fil"), name, None)
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        _fatal("OV001", _("filen finnes ikke"), _("sjekk stien og filnavnet"), name, None)
    except IsADirectoryError:
        _fatal("OV001", _("dette er en mappe, ikke en fil"), _("oppgi en .yaml-fil"), name, None)
    except PermissionError:
        _fatal("OV001", _("mangler tilgang til å lese filen"), _("sjekk filrettighetene"), name, None)
    except OSError as exc:
        from ovelse.fileio import os_error_text

        _fatal(
            "OV001", _("filen kan ikke leses ({reason})").format(reason=os_error_text(exc)), "", name, None
        )
    return decode(raw, name, max_bytes=max_bytes)


def decode(raw: bytes, name: str, *, max_bytes: int | None = None) -> str:
    """Decode bytes as UTF-8 (a BOM is allowed) with size cap and a positioned error."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if len(raw) > max_bytes:
        _fatal(
            "OV002",
            _("filen er større enn grensen på {mb} MB").format(mb=max_bytes // (1024 * 1024)),
            _("et scenario er normalt godt under 1 MB; del det opp eller fjern innlimte data"),
            name,
            None,
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fatal(
            "OV003",
            _("filen er UTF-16, ikke UTF-8"),
            _("lagre filen som UTF-8 i redigeringsprogrammet"),
            name,
            (1, 1),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        _fatal(
            "OV003",
            _("ugyldig UTF-8 (byte 0x{byte:02x})").format(byte=raw[exc.start]),
            _("lagre filen som UTF-8 (ikke Latin-1/Windows-1252)"),
            name,
            (line, col),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


# libyaml's problem texts (scanner, parser, reader) in Norwegian; matched on the start of the text.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("could not find expected ':'", N_("fant ikke forventet «:»")),
    ("mapping values are not allowed", N_("kolon på feil sted (tekst med «: » må stå i anførselstegn)")),
    ("did not find expected key", N_("fant ikke forventet nøkkel (sjekk innrykket)")),
    ("did not find expected node content", N_("mangler innhold der en verdi var ventet")),
    ("did not find expected '-' indicator", N_("fant ikke forventet «-» (sjekk innrykket i listen)")),
    ("did not find expected ',' or ']'", N_("fant ikke forventet «,» eller slutten på listen («]»)")),
    ("did not find expected ',' or '}'", N_("fant ikke forventet «,» eller slutten på tabellen")),
    ("did not find expected <document start>", N_("fant ikke forventet dokumentstart («---»)")),
    (
        "found unexpected end of stream",
        N_("filen slutter midt i en verdi (mangler avsluttende anførselstegn?)"),
    ),
    ("found unexpected document indicator", N_("«---» eller «...» midt i en tekst i anførselstegn")),
    ("found undefined alias", N_("ukjent alias")),
    ("found character that cannot start any token", N_("tegn som ikke kan starte en verdi")),
    ("found invalid Unicode character escape code", N_("ugyldig Unicode-escape (skriv f.eks. «\\u00e6»)")),
    ("found unknown escape character", N_("ukjent escape-tegn etter «\\» (skriv «\\\\» for en skråstrek)")),
    ("did not find expected hexdecimal number", N_("ugyldig heksadesimalt tall i en escape («\\x», «\\u»)")),
    ("found unexpected ':'", N_("kolon på feil sted")),
    ("found a tab character that violate", N_("tabulator i innrykk")),
    ("found incompatible YAML document", N_("ukjent YAML-versjon")),
    ("found duplicate YAML directive", N_("«%YAML» står flere ganger")),
    ("found duplicate %YAML directive", N_("«%YAML» står flere ganger")),
    ("found unknown directive name", N_("ukjent direktiv (linje som starter med «%»)")),
    ("found undefined tag handle", N_("ukjent tagg")),
    ("did not find expected tag URI", N_("ugyldig tagg")),
    ("did not find URI escaped octet", N_("ugyldig tagg")),
    ("found an incorrect leading UTF-8 octet", N_("ugyldig UTF-8")),
    ("found an incorrect trailing UTF-8 octet", N_("ugyldig UTF-8")),
    ("found unexpected end of plain scalar", N_("uventet slutt på verdien")),
    ("found a comment without whitespace", N_("kommentar («#») må ha mellomrom foran")),
    ("found extra tokens", N_("overflødig tekst etter verdien")),
    ("did not find the expected alphabetic or numeric character", N_("ugyldig navn på anker eller alias")),
    ("did not find expected alphabetic or numeric character", N_("ugyldig navn på anker eller alias")),
    ("found a leading '0'", N_("ugyldig tall i blokkindikator")),
    ("found an indentation indicator equal to 0", N_("ugyldig innrykksindikator (0) etter «|» eller «>»")),
    ("did not find expected comment or line break", N_("fant ikke forventet kommentar eller linjeskift")),
    ("found unexpected non-alphabetical character", N_("ugyldig tegn i direktiv")),
    ("block sequence entries are not allowed", N_("listepunkt («- ») på feil sted (sjekk innrykket)")),
    ("could not find expected", N_("uventet tegn (sjekk innrykk og anførselstegn)")),
    ("expected", N_("uventet innhold (sjekk innrykk, kolon og anførselstegn)")),
    ("found", N_("uventet tegn (sjekk innrykk, kolon og anførselstegn)")),
)


def _syntax_finding(exc: yaml.MarkedYAMLError, name: str, text: str, lines: _Lines) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, col = lines.at(mark) if mark else (None, None)
    problem = exc.problem or ""
    line_text = ""
    if mark is not None:
        begin = text.rfind("\n", 0, mark.index) + 1
        end = text.find("\n", mark.index)
        line_text = text[begin : end if end >= 0 else len(text)]
    if problem.startswith("found a tab character") or "\t" in line_text[: (col or 0)]:
        if "\t" in line_text:
            col = line_text.index("\t") + 1
        return Finding(
            "OV006",
            "error",
            _("tabulator brukt i innrykk"),
            _("YAML krever mellomrom til innrykk; bytt tabulator med mellomrom"),
            file=name,
            line=line,
            column=col,
        )
    if "maximum nesting depth" in problem:  # newer libyaml refuses deep flow nesting while scanning
        return Finding(
            "OV007",
            "error",
            _(_NESTING[0]).format(depth=MAX_DEPTH),
            _(_NESTING[1]),
            file=name,
            line=line,
            column=col,
        )
    message = next((no for en, no in _PROBLEMS if problem.startswith(en)), N_("ugyldig YAML"))
    return Finding(
        "OV005",
        "error",
        _("YAML-syntaksfeil: {problem}").format(problem=_(message)),
        _("sjekk innrykk, kolon og anførselstegn på denne linjen og linjen over"),
        file=name,
        line=line,
        column=col,
    )


def load_yaml(text: str, name: str = "<tekst>") -> YamlDoc:
    """Load one YAML document of plain data (dicts, lists, strings, None), with positions.

    Raises FatalLoadError for problems that stop loading; collects duplicate keys and text findings.
    """
    loader = _Loader(text)
    lines = _Lines(text)
    doc = YamlDoc(None)
    findings = doc.findings
    suppressed = doc.suppressed
    marks_of = doc._marks
    keep = doc._keep
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    depth = 0
    count = 0
    aliases = 0
    per_code: Counter[str] = Counter()
    control_search = control().search
    remap = lines._starts is not None

    def fatal(code: str, message: str, hint: str, mark: Any) -> NoReturn:
        _fatal(code, message, hint, name, lines.at(mark))

    def note(code: str, severity: str, message: str, hint: str, mark: Any) -> None:
        if per_code[code] >= MAX_FINDINGS_PER_CODE:
            suppressed[code] += 1
            return
        per_code[code] += 1
        line, col = lines.at(mark)
        findings.append(Finding(code, severity, message, hint, file=name, line=line, column=col))  # type: ignore[arg-type]

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    doc_start = yaml.DocumentStartEvent
    null_tag = f"{_STD_TAG}null"
    top: _Frame | None = None
    try:
        get_event = loader.get_event
        check_event = loader.check_event
        while check_event():
            event: Any = get_event()
            cls = event.__class__
            if cls is map_end or cls is seq_end:
                closed = stack.pop()
                top = stack[-1] if stack else None
                depth -= 1
                if closed.anchor is not None:
                    anchors[closed.anchor] = (closed.container, count - closed.start)
                continue
            if (
                cls is not scalar_event
                and cls is not map_start
                and cls is not seq_start
                and cls is not alias_event
            ):
                if cls is doc_start:
                    documents += 1
                    if documents > 1:
                        fatal(
                            "OV012",
                            _("filen har flere YAML-dokumenter"),
                            _("et scenario er ett dokument; fjern «---» midt i filen"),
                            event.start_mark,
                        )
                continue
            count += 1
            mark = event.start_mark
            if count > MAX_ELEMENTS:
                fatal(
                    "OV009",
                    _("filen har mer enn {limit} elementer").format(
                        limit=f"{MAX_ELEMENTS:_}".replace("_", " ")
                    ),
                    _("et scenario har sjelden mer enn noen tusen; del scenarioet opp"),
                    mark,
                )
            is_key = top is not None and top.is_mapping and top.key is _NO_KEY
            if cls is scalar_event:
                value = event.value
                if event.tag is not None and event.tag not in _ALLOWED_TAGS:
                    fatal(
                        "OV013",
                        _("YAML-taggen «{tag}» støttes ikke").format(tag=event.tag),
                        _("fjern taggen; skriv verdien som vanlig tekst"),
                        mark,
                    )
                if not event.style and value in _NULLS and (event.implicit[0] or event.tag == null_tag):
                    value = None
                elif value and not is_key:
                    if "TODO" in value or "FIXME" in value:
                        note(
                            "OV215",
                            "info",
                            _("teksten inneholder en TODO-markør"),
                            _("gjør ferdig teksten før øvelsen"),
                            mark,
                        )
                    if control_search(value) is not None:
                        note(
                            "OV218",
                            "warning",
                            _("teksten inneholder kontrolltegn eller terminalkoder"),
                            _("fjern dem; de vises ikke i ovelse, men kan forvirre andre verktøy"),
                            mark,
                        )
                size = 1
            elif cls is alias_event:
                aliases += 1
                if aliases > MAX_ALIASES:
                    fatal(
                        "OV008",
                        _("mer enn {limit} alias i filen").format(limit=MAX_ALIASES),
                        _("skriv innholdet ut i stedet for å gjenbruke det med alias"),
                        mark,
                    )
                try:
                    value, size = anchors[event.anchor]
                except KeyError:
                    fatal(
                        "OV005",
                        _("YAML-syntaksfeil: ukjent alias «*{name}»").format(name=event.anchor),
                        _("et alias må vise til et anker («&navn») definert lenger opp"),
                        mark,
                    )
                count += size
                if count > MAX_ELEMENTS:
                    fatal(
                        "OV008",
                        _("alias utvider filen til for mange elementer (aliasbombe?)"),
                        _("skriv innholdet ut i stedet for å gjenbruke det med alias"),
                        mark,
                    )
            else:
                if event.tag is not None and event.tag not in _ALLOWED_TAGS:
                    fatal(
                        "OV013",
                        _("YAML-taggen «{tag}» støttes ikke").format(tag=event.tag),
                        _("fjern taggen"),
                        mark,
                    )
                depth += 1
                if depth > MAX_DEPTH:
                    fatal("OV007", _(_NESTING[0]).format(depth=MAX_DEPTH), _(_NESTING[1]), mark)
                value = {} if cls is map_start else []
                size = 0
            if remap:
                line, col = lines.at_index(mark.index)
            else:
                line, col = mark.line + 1, mark.column + 1
            # Place the value in its parent.
            if top is None:
                if have_root:
                    fatal(
                        "OV012",
                        _("filen har flere YAML-dokumenter"),
                        _("et scenario er ett dokument; fjern «---» midt i filen"),
                        mark,
                    )
                root, have_root = value, True
                doc.root_position = (line, col)
            elif is_key:
                if cls is not scalar_event:
                    fatal("OV013", _("nøkler må være enkel tekst"), _("bruk en vanlig tekstnøkkel"), mark)
                key = "" if value is None else value
                if key == "<<" and not event.style:
                    fatal(
                        "OV013",
                        _("sammenslåingsnøkkel «<<» støttes ikke"),
                        _("skriv feltene ut i stedet"),
                        mark,
                    )
                if key in top.container:
                    first = top.keys_at.get(key)
                    note(
                        "OV010",
                        "error",
                        _("nøkkelen «{key}» finnes allerede i denne tabellen").format(key=key),
                        _(
                            "første forekomst er på linje {line}; fjern eller gi nytt navn til en av dem"
                        ).format(line=first)
                        if first
                        else _("fjern eller gi nytt navn til en av dem"),
                        mark,
                    )
                    top.key = _DUP_KEY
                else:
                    top.key = key
                    top.keys_at[key] = line
                    top.key_line = line
                    top.key_col = col
                continue
            elif top.is_mapping:
                key = top.key
                top.key = _NO_KEY
                if key is _DUP_KEY:
                    keep.append(value)  # keeps id() of a discarded container unique
                else:
                    top.container[key] = value
                    top.marks.extend((top.key_line, top.key_col, line, col))
            else:
                top.container.append(value)
                top.marks.extend((line, col, line, col))
            if cls is map_start or cls is seq_start:
                marks: array[int] = array("l")
                marks_of[id(value)] = marks
                top = _Frame(value, cls is map_start, count, event.anchor, marks)
                stack.append(top)
            elif event.anchor is not None:
                anchors[event.anchor] = (value, size)
    except yaml.MarkedYAMLError as exc:
        raise FatalLoadError(_syntax_finding(exc, name, text, lines)) from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise FatalLoadError(
            Finding(
                "OV005",
                "error",
                _("YAML-syntaksfeil: kontrolltegnet U+{char:04X} er ikke tillatt i YAML").format(char=char),
                _("fjern tegnet (det kommer ofte fra innliming fra andre programmer)"),
                file=name,
                line=line,
                column=col,
            )
        ) from None
    except yaml.YAMLError:  # pragma: no cover - other unmarked errors
        raise FatalLoadError(
            Finding("OV005", "error", _("YAML-syntaksfeil: ugyldig YAML"), "", file=name)
        ) from None
    finally:
        loader.dispose()
    if not have_root or root is None:
        _fatal(
            "OV004",
            _("filen er tom (ingen YAML-innhold)"),
            _("start med «ovelse new» for å få et gyldig utgangspunkt"),
            name,
            (1, 1),
        )
    doc.data = root
    return doc


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:  # pragma: no cover
        return self.name


_NO_KEY = _Marker("NO_KEY")
_DUP_KEY = _Marker("DUP_KEY")
