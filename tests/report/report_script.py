"""A scripted exercise, run through the real session engine on a fake clock, for the report tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ovelse.session import FakeClock, Session

HERE = Path(__file__).resolve().parent
SCENARIO_TEXT = (HERE / "scenario.yaml").read_text(encoding="utf-8")
START = datetime(2026, 9, 15, 8, 0, tzinfo=UTC)  # 10:00 in Norway (summer time)
FACTS = {
    "title": "Flomøvelse for kriseledelsen 2026",
    "municipality": "Elvebygd kommune",
    "date": date(2026, 9, 15),
    "place": "Kommunestyresalen, Elvebygd rådhus",
    "facilitator": "Kari Nordmann (beredskapskoordinator)",
    "purpose": "Øve kriseledelsen på evakuering av sårbare grupper og på krisekommunikasjon når strøm "
    "og mobilnett faller ut.\nØvelsen oppfyller kravet i forskrift om kommunal beredskapsplikt § 7.",
}


def nynorsk_text() -> str:
    """The scenario written in nynorsk: the exercise runs in nynorsk, and so does its report."""
    return SCENARIO_TEXT.replace('  version: "1.2"', '  version: "1.2"\n  language: nn')


def sami_text() -> str:
    """The scenario for a room in bokmål and Northern Sámi, with Sámi text on two innspill (not on the rest:
    the report says «samisk tekst mangler» there)."""
    text = SCENARIO_TEXT.replace('  version: "1.2"', '  version: "1.2"\n  languages: [nb, se]')
    text = text.replace(
        "    title: Rødt farevarsel\n",
        "    title: Rødt farevarsel\n    title_se: Ruoksat várrehus\n",
    )
    return text.replace(
        "    text: NVE varsler at Storelva vil stige over 50-årsflom i løpet av dagen.\n",
        "    text: NVE varsler at Storelva vil stige over 50-årsflom i løpet av dagen.\n"
        "    text_se: NVE várrehuhttá ahte Stuorrajohka badjána beaivvi mielde; čáhci lea juo šaddan ŧ ž đ ŋ.\n",
    )


def exempt_text(basis: str = "offl. § 24 tredje ledd") -> str:
    return SCENARIO_TEXT.replace("    level: open", f'    level: exempt\n    legal_basis: "{basis}"')


def run_exercise(
    journal_dir: Path,
    *,
    scenario_text: str = SCENARIO_TEXT,
    extra: Callable[[Session, FakeClock], None] | None = None,
    end: bool = True,
) -> Path:
    """Run the scripted exercise and return the journal's path (the session is closed)."""
    clock = FakeClock(START)
    s = Session.create(scenario_text, "flom-elvebygd.yaml", FACTS, journal_dir=journal_dir, clock=clock)
    tick = clock.advance
    ordforer = s.add_participant("Ola Hansen", ["ordforer"])
    s.add_participant("Berit Lie", ["kommunedirektor"])
    kari = s.add_participant("Kari Nordmann", ["beredskapskoordinator", "ovingsleder"])
    s.add_participant("Per Berg", ["kommunikasjonsansvarlig"], organisation="Elvebygd kommune")
    feil = s.add_participant("Test Testesen", ["referent"])
    s.add_participant("Siv Olsen", ["observator"], organisation="Statsforvalteren i Testfylke")
    s.add_participant("Jon Elv", ["kraftverk"], organisation="Elvebygd Kraft AS")
    s.correct(ordforer.seq, name="Ola Hansen Moe", reason="Fullt navn")
    s.retract(feil.seq, reason="Registrert ved en feil")
    s.assign_role(kari.participant_id, "referent")

    tick(240)
    d1 = s.log_decision(
        "Kriseledelsen settes kl. 10:15 i rådhuset.",
        roles=["ordforer", "kommunedirektor"],
        rationale="Farevarselet er rødt og vannet stiger.",
        tags=["kriseledelse"],
    )
    tick(60)
    s.observe(
        "Situasjonsbildet var klart etter 12 minutter; NVE ble kontaktet tidlig.",
        observer="Siv Olsen",
        objectives=["M1"],
    )
    tick(120)
    s.note("Husk å sjekke varslingslisten – to numre var utdatert.", author="Kari Nordmann")
    tick(300)
    s.advance()  # → stab
    tick(180)
    s.log_decision(
        "Vi ber NVE om ny prognose før vi bestemmer evakuering.",
        roles=["beredskapskoordinator"],
        disagreement="Kommunalsjef helse mente sykehjemmet måtte evakueres straks.",
        open_question="Hvem har myndighet til å evakuere et privat sykehjem?",
    )
    tick(60)
    wrong = s.observe(
        "Ingen spurte etter hvor mange beboere som trenger båre.", observer="Siv Olsen", objectives=["M3"]
    )
    tick(30)
    s.retract(wrong.seq, reason="Gjaldt et annet innspill")
    tick(90)
    s.fire_inject("stromstans")
    tick(60)
    s.pause("Kaffepause")
    clock.set_wall(clock.now() + timedelta(minutes=15))  # the pause lasts 15 minutes of wall time
    s.resume()
    tick(120)
    s.choose(1)  # wait for a new forecast → vente
    tick(300)
    s.back()  # the facilitator goes back to stab
    tick(60)
    s.choose(1)  # → vente again
    tick(240)
    s.advance()  # → evakuering
    tick(120)
    d2 = s.log_decision(
        "Elvetun sykehjem evakueres til Elvebygd hotell; bussene kjøres av Elvebygd Buss.",
        roles=["kommunedirektor", "politi"],
        rationale="Vannet stiger raskere enn varslet.",
    )
    tick(60)
    s.correct(
        d2.seq,
        text="Elvetun sykehjem evakueres til Klækken hotell med buss og ambulanse.",
        reason="Feil hotell i første registrering",
    )
    tick(120)
    s.observe(
        "Politiet og kommunen avklarte ansvaret for evakueringen raskt.",
        observer="Siv Olsen",
        objectives=["M3", "M1"],
    )
    tick(200)
    s.jump("media")
    tick(240)
    s.log_decision(
        "Pressemelding før kl. 14: kommunen avkrefter at dammen kan briste.",
        roles=["kommunikasjonsansvarlig", "ordforer"],
    )
    tick(120)
    s.observe("Kommunikasjonen manglet en plan for dem uten strøm og mobil.", observer="Siv Olsen")
    if extra is not None:
        extra(s, clock)
    tick(300)
    # Debrief
    s.rate_objective("M1", 4, "Raskt situasjonsbilde, men varslingslisten var utdatert.")
    s.rate_objective("M2", 2)
    tick(30)
    s.rate_objective("M2", 3, "Pressemeldingen kom i tide.")
    l1 = s.add_lesson("Varslingslisten må oppdateres hvert kvartal.", objectives=["M1"])
    l2 = s.add_lesson(
        "Det er uklart hvem som beslutter evakuering av private institusjoner.", objectives=["M3"]
    )
    s.add_lesson("Krisekommunikasjon må nå dem uten strøm og mobil.", objectives=["M2"])
    s.correct(l2.seq, text="Det er uklart hvem som beslutter evakuering av private sykehjem.")
    a1 = s.add_action(
        "Oppdatere varslingslisten", owner="Beredskapskoordinator", deadline=date(2026, 10, 1), lesson=l1.seq
    )
    s.add_action(
        "Avklare evakueringsansvar med private sykehjem",
        owner="Kommunedirektør",
        deadline=date(2026, 12, 1),
        status="in_progress",
        lesson=l2.seq,
    )
    a3 = s.add_action("Kjøpe nye radioer", owner="IKT", deadline=date(2026, 11, 1))
    s.add_action(
        "Plan for informasjon via oppslag og radio",
        owner="Kommunikasjonsansvarlig",
        deadline=date(2027, 1, 15),
    )
    s.correct(a1.seq, deadline="2026-10-15", reason="Ny frist avtalt")
    s.retract(a3.seq, reason="Dekkes av eksisterende innkjøpsplan")
    _ = d1
    if end:
        s.end("Takk for innsatsen.")
    s.close()
    return s.path
