"""The register's reports laid out once as blocks (headings, paragraphs, lists, tables) that every
document format renders the same way; all labels come from the catalogue here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ovelse.i18n import _, ngettext
from ovelse.register.queries import TiltakRow
from ovelse.register.reports import FollowUp, RatingSummary, Regional, Section7
from ovelse.register.similar import Recurring
from ovelse.register.status import STATUSES, fmt_date, status_name


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Bullets | Grid


@dataclass
class Document:
    title: str
    markings: list[str]
    language: str
    blocks: list[Block] = field(default_factory=list)


def theme_name(key: str) -> str:
    """A Norge øver theme, or a NATO baseline requirement stored by its number, in the current language."""
    from ovelse.scenario.model import nato_baseline_name
    from ovelse.scenario.model import theme_name as scenario_theme_name

    if key.isdigit():
        name = nato_baseline_name(int(key))
        return key if name == key else f"{key} {name}"
    return scenario_theme_name(key)


def _section7_text(s: Section7) -> str:
    if s.last is None:
        return _("Ingen øvelse er registrert; forskriften krever øvelse minst hvert annet år (§ 7).")
    if s.overdue:
        return _("Siste øvelse var {last}; mer enn to år siden (fristen etter § 7 var {due}).").format(
            last=fmt_date(s.last), due=fmt_date(s.due)
        )
    return _("Siste øvelse var {last}; neste øvelse etter § 7 senest {due}.").format(
        last=fmt_date(s.last), due=fmt_date(s.due)
    )


def _tiltak_rows(rows: list[TiltakRow], today: date) -> Grid:
    return Grid(
        (_("Nr."), _("Tiltak"), _("Ansvarlig"), _("Frist"), _("Status"), _("Øvelse")),
        tuple(
            (
                str(r.id),
                r.text,
                r.owner or _("(ingen ansvarlig)"),
                fmt_date(r.deadline) + (" " + _("(forfalt)") if r.overdue(today) else ""),
                status_name(r.status),
                f"{r.exercise_title} ({fmt_date(r.exercise_date)})",
            )
            for r in rows
        ),
    )


def _recurring(groups: list[Recurring], *, show_municipality: bool) -> list[Block]:
    if not groups:
        return [Para(_("Ingen læringspunkter går igjen."))]
    out: list[Block] = []
    for n, group in enumerate(groups, 1):
        out.append(
            Para(
                ngettext(
                    "{n}. Går igjen i {count} øvelse",
                    "{n}. Går igjen i {count} øvelser",
                    group.exercises,
                ).format(n=n, count=group.exercises)
                + (" (" + ", ".join(group.municipalities) + ")" if show_municipality else ""),
                strong=True,
            )
        )
        out.append(
            Bullets(
                tuple(
                    _("«{text}» – {exercise}, {date}, læringspunkt {number}").format(
                        text=x.text,
                        exercise=x.municipality if show_municipality else x.exercise_title,
                        date=fmt_date(x.exercise_date),
                        number=x.number,
                    )
                    for x in group.lessons
                )
            )
        )
        reasons = tuple(
            _("Likhet {score} % mellom {a} og {b}; felles ord: {words}").format(
                score=m.score,
                a=f"{m.a.municipality} {fmt_date(m.a.exercise_date)}",
                b=f"{m.b.municipality} {fmt_date(m.b.exercise_date)}",
                words=", ".join(m.shared),
            )
            for m in group.matches
        )
        out.append(Para(_("Hvorfor de er slått sammen:")))
        out.append(Bullets(reasons))
    return out


def follow_up_document(report: FollowUp) -> Document:
    doc = Document(
        _("Oppfølgingsrapport: {municipality}").format(municipality=report.municipality),
        report.markings,
        report.language,
    )
    b = doc.blocks
    b.append(Para(_("Laget {date} fra øvingsregisteret.").format(date=fmt_date(report.today))))
    b.append(Heading(2, _("Øvelser og forskriften § 7")))
    b.append(Para(_section7_text(report.section7), strong=report.section7.overdue))
    b.append(
        Grid(
            (_("Dato"), _("Øvelse"), _("Scenario"), _("Temaer")),
            tuple(
                (
                    fmt_date(e.exercise_date),
                    e.title + (f" ({_('versjon {n}').format(n=e.version)})" if e.version > 1 else ""),
                    e.scenario_title,
                    ", ".join(theme_name(t) for t in e.themes) or "–",
                )
                for e in report.exercises
            ),
        )
    )
    b.append(Heading(2, _("Status for tiltakene")))
    b.append(Bullets(tuple(f"{status_name(s)}: {report.counts.get(s, 0)}" for s in STATUSES)))
    b.append(Heading(2, _("Forfalte tiltak")))
    if report.overdue:
        b.append(_tiltak_rows(report.overdue, report.today))
    else:
        b.append(Para(_("Ingen tiltak har passert fristen.")))
    b.append(Heading(2, _("Åpne tiltak etter ansvarlig")))
    if not report.open_by_owner:
        b.append(Para(_("Ingen åpne tiltak.")))
    for owner, rows in report.open_by_owner:
        b.append(Heading(3, owner or _("(ingen ansvarlig)")))
        b.append(_tiltak_rows(rows, report.today))
    b.append(Heading(2, _("Læringspunkter som går igjen")))
    b.extend(_recurring(report.recurring, show_municipality=False))
    return doc


def _rating_grid(rows: list[RatingSummary]) -> Grid:
    return Grid(
        (_("Område"), _("Vurderinger"), _("Kommuner"), _("Snitt (1–5)"), _("Fordeling 1/2/3/4/5")),
        tuple(
            (
                theme_name(r.key),
                str(r.count),
                str(r.municipalities),
                f"{r.average:.1f}".replace(".", ","),
                "/".join(str(n) for n in r.distribution),
            )
            for r in rows
        ),
    )


def regional_document(report: Regional) -> Document:
    title = (
        _("Regional oppsummering: {region}").format(region=report.region)
        if report.region
        else _("Regional oppsummering")
    )
    doc = Document(title, report.markings, "nb")
    b = doc.blocks
    scope = (
        _("Alle øvelser fra {date}.").format(date=fmt_date(report.since))
        if report.since
        else _("Siste øvelse i hver kommune.")
    )
    b.append(
        Para(
            _("Laget {date} fra øvingsregisteret. {scope} {count} kommuner.").format(
                date=fmt_date(report.today), scope=scope, count=len(report.municipalities)
            )
        )
    )
    b.append(Heading(2, _("Øvingsmål etter Norge øver-tema")))
    b.append(_rating_grid(report.by_theme) if report.by_theme else Para(_("Ingen vurderte øvingsmål.")))
    b.append(Heading(2, _("Øvingsmål etter NATOs grunnkrav")))
    b.append(_rating_grid(report.by_nato) if report.by_nato else Para(_("Ingen vurderte øvingsmål.")))
    b.append(Heading(2, _("Felles læringspunkter")))
    b.extend(_recurring(report.common_lessons, show_municipality=True))
    b.append(Heading(2, _("Tiltak og § 7 per kommune")))
    b.append(
        Grid(
            (_("Kommune"), _("Siste øvelse"), _("§ 7"), *(status_name(s) for s in STATUSES), _("Forfalt")),
            tuple(
                (
                    m.municipality,
                    fmt_date(m.section7.last),
                    _("over to år") if m.section7.overdue else _("i orden"),
                    *(str(m.counts.get(s, 0)) for s in STATUSES),
                    str(m.overdue),
                )
                for m in report.municipalities
            ),
        )
    )
    b.append(Heading(2, _("Øvelser i oppsummeringen")))
    b.append(
        Grid(
            (_("Kommune"), _("Dato"), _("Scenario"), _("Temaer")),
            tuple(
                (
                    e.municipality,
                    fmt_date(e.exercise_date),
                    e.scenario_title,
                    ", ".join(theme_name(t) for t in e.themes) or "–",
                )
                for e in report.exercises
            ),
        )
    )
    return doc
