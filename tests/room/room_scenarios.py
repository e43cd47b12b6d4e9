"""Scenario fixtures for the room's view (tests do not depend on the bundled scenarios)."""

SECRET_NOTE = "HEMMELIG-NOTAT-7Q"
SECRET_PROMPT = "HEMMELIG-STIKKORD-7Q"
SECRET_INJECT_NOTE = "HEMMELIG-INNSPILLSNOTAT-7Q"

ROOM = f"""\
format: 1
meta:
  id: rom-test
  title: Rommets testøvelse
  municipality: Testkommune
  summary: En liten øvelse for tester av rommets bilde.
  duration_minutes: 60
objectives:
  - id: M1
    text: Kriseledelsen etablerer et situasjonsbilde.
roles:
  required: [ordforer, kommunedirektor]
start: a
nodes:
  - id: a
    title: Det starter i Testkommune
    time: "D 08:00"
    text: "Noe har skjedd ved anlegget. [bold]ikke fet[/bold] og [link=https://example.org]lenke[/link]."
    roles: [ordforer]
    facilitator_notes: "{SECRET_NOTE}: dette skal rommet aldri se."
    prompts: ["{SECRET_PROMPT}: spør ordføreren."]
    messages:
      - from: "Politiet [red]operasjonssentral[/red]"
        channel: Nødnett
        text: "Vi er på stedet. \\e[31mrød\\e[0m \\e]0;tittel\\a slutt"
    questions:
      - text: Hvem varsler hvem?
        roles: [ordforer]
    choices:
      - label: Sett kriseledelsen
        target: b
        set: [stab]
      - label: Avvent
        target: c
  - id: b
    title: Kriseledelsen er satt
    time: "D 09:00"
    text: Kriseledelsen møtes.
    facilitator_notes: "{SECRET_NOTE}: heller ikke her."
    messages:
      - from: Staben
        text: Situasjonsbildet er klart.
        when: {{all_of: [stab]}}
      - from: Media
        text: Dette vises bare uten stab.
        when: {{none_of: [stab]}}
    next: c
  - id: c
    title: Venting og uro
    time: "D 10:00"
    text: Ingenting skjer, men media ringer.
    next: d
  - id: d
    title: Slutt på øvelsen
    time: "D+1 12:00"
    text: Situasjonen er under kontroll.
    end: true
injects:
  - id: media
    title: Media ringer til ordføreren
    text: NRK vil ha en kommentar.
    facilitator_notes: "{SECRET_INJECT_NOTE}: bare for øvingsleder."
"""

EXEMPT = ROOM.replace(
    "  duration_minutes: 60\n",
    '  duration_minutes: 60\n  sensitivity:\n    level: exempt\n    legal_basis: "offl. § 24 tredje ledd"\n',
).replace("id: rom-test", "id: rom-unntatt")
