"""Small scenario fixtures as YAML text (tests do not depend on the bundled scenarios)."""

BRANCHING = """\
format: 1
meta:
  id: test-ovelse
  title: Testøvelse med forgreninger
  municipality: Testkommune
  summary: En liten øvelse for tester av øktmotoren.
  duration_minutes: 60
objectives:
  - id: M1
    text: Kriseledelsen etablerer et situasjonsbilde.
  - id: M2
    text: Kommunen informerer befolkningen.
roles:
  required: [ordforer, kommunedirektor, operator]
  custom:
    - id: operator
      name: Anleggsoperatør
      responsibility: Driver anlegget.
start: a
nodes:
  - id: a
    title: Det starter
    time: "D 08:00"
    text: Noe har skjedd ved anlegget.
    roles: [ordforer, operator]
    objectives: [M1]
    questions:
      - text: Hvem varsler hvem?
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
    roles: [kommunedirektor]
    objectives: [M1, M2]
    messages:
      - from: Politiet
        text: Vi er på stedet.
      - from: Staben
        text: Situasjonsbildet er klart.
        when: {all_of: [stab]}
    choices:
      - label: Evakuer nærområdet
        target: d
        when: {all_of: [stab]}
        set: [evak]
      - label: Vent og se
        target: c
        clear: [stab]
  - id: c
    title: Venting
    time: "D 10:00"
    text: Ingenting skjer, men media ringer.
    roles: [ordforer]
    objectives: [M2]
    next: d
  - id: d
    title: Slutt
    time: "D+1 12:00"
    text: Situasjonen er under kontroll.
    roles: [ordforer, kommunedirektor, operator]
    objectives: [M2]
    end: true
injects:
  - id: media
    title: Media ringer
    text: NRK vil ha en kommentar.
    roles: [ordforer]
  - id: evakuerte
    title: Evakuerte trenger husly
    text: Femti personer står uten tak over hodet.
    roles: [kommunedirektor]
    when: {all_of: [evak]}
"""

EXEMPT = BRANCHING.replace(
    "  duration_minutes: 60\n",
    '  duration_minutes: 60\n  sensitivity:\n    level: exempt\n    legal_basis: "offl. § 24 tredje ledd"\n',
).replace("id: test-ovelse", "id: unntatt-ovelse")

BROKEN = "format: 1\nmeta:\n  id: x\nstart: a\nnodes: []\n"
