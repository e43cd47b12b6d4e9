"""``ovelse dreiebok FILE``: write the dreiebok or (``--deltakere``) the handout as md, html or docx."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC, datetime, time
from pathlib import Path

from ovelse import __version__
from ovelse.i18n import N_, _, use_language
from ovelse.plaintext import clean

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
FORMATS: dict[str, str] = {"md": N_("Markdown"), "html": N_("HTML"), "docx": N_("Word")}
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _say(message: str, hint: str = "") -> None:
    print(f"ovelse: {message}", file=sys.stderr)
    if hint:
        print(f"  {hint}", file=sys.stderr)


def parse_start(text: str | None) -> time | None:
    """«09:00» or «9.00» as a time of day; None when not given; ValueError when not a time."""
    if text is None:
        return None
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2)))


def render(doc_format: str, document: object, created: datetime) -> bytes:
    from ovelse.report.layout import Document

    assert isinstance(document, Document)
    generator = f"ovelse {__version__}"
    if doc_format == "md":
        from ovelse.report.markdown import render_markdown

        return render_markdown(document).encode("utf-8")
    if doc_format == "html":
        from ovelse.report.html import render_html

        return render_html(document, generator).encode("utf-8")
    from ovelse.report.word import render_docx

    return render_docx(document, created=created, generator=generator)


def default_output(scenario_file: str, handout: bool, doc_format: str) -> Path:
    stem = Path(scenario_file).stem or "scenario"
    suffix = "deltakere" if handout else "dreiebok"
    return Path(f"{stem}-{suffix}.{doc_format}")


def run_dreiebok(args: argparse.Namespace) -> int:
    """The CLI entry point: ``args.file``, ``format``, ``output``, ``force``, ``start``, ``handout``."""
    from ovelse.authoring.dreiebok import build_dreiebok
    from ovelse.bundled import resolve_scenario
    from ovelse.scenario.loader import load_scenario

    try:
        start = parse_start(args.start)
    except ValueError:
        _say(
            _("ugyldig starttid «{value}»").format(value=clean(args.start)),
            _("tips: skriv klokkeslettet som TT:MM, f.eks. 09:00"),
        )
        return EXIT_USAGE
    result = load_scenario(resolve_scenario(args.file), display_name=args.file)
    if result.scenario is None:
        for finding in result.findings:
            print(finding.format_text(), file=sys.stderr)
        _say(
            _("{file}: scenarioet har feil; kjør «ovelse validate {file}» for detaljer").format(
                file=clean(args.file)
            )
        )
        return EXIT_REFUSED
    scenario = result.scenario
    fmt = args.format
    with use_language(scenario.meta.language):
        document = build_dreiebok(scenario, start=start, handout=bool(args.handout))
        data = render(fmt, document, datetime.now(UTC))
    private = scenario.meta.sensitivity.is_exempt
    if args.output == "-":
        if fmt == "docx":
            _say(_("Word-filer kan ikke skrives til standard ut"), _("tips: oppgi et filnavn med -o"))
            return EXIT_USAGE
        sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    output = Path(args.output) if args.output else default_output(args.file, bool(args.handout), fmt)
    from ovelse.report.command import write_file
    from ovelse.report.errors import ExportError

    try:
        write_file(output, data, private=private, force=bool(args.force))
    except ExportError as exc:
        _say(exc.message, exc.hint)
        return exc.exit_code
    what = _("deltakerheftet") if args.handout else _("dreieboka")
    if private:
        message = _("Skrev {what} ({format}) til {path} (unntatt offentlighet: bare du kan lese filen).")
    else:
        message = _("Skrev {what} ({format}) til {path}.")
    _say(message.format(what=what, format=_(FORMATS[fmt]), path=clean(str(output))))
    return EXIT_OK
