"""Generate a large valid scenario (for benchmarks and scale tests)."""

from __future__ import annotations

import sys


def generate(nodes: int = 10_000, *, text_repeat: int = 3) -> str:
    """A valid scenario with ``nodes`` innspill: a chain with a two-way choice every fifth node."""
    out = [
        "format: 1",
        "meta:",
        "  id: stor-test",
        '  title: "Generert storskala-scenario"',
        "  municipality: Testkommune",
        "  summary: Generert for ytelsesmåling.",
        "  duration_minutes: 240",
        "objectives:",
        "  - id: M1",
        "    text: Kriseledelsen etablerer et felles situasjonsbilde.",
        "roles:",
        "  required: [ordforer, kommunedirektor]",
        "backstory:",
        '  - when: "D-1"',
        "    text: Det varsles uvær.",
        "start: n0",
        "nodes:",
    ]
    body = " ".join(
        ["Situasjonen utvikler seg, og kriseledelsen må ta stilling til nye opplysninger."] * text_repeat
    )
    for i in range(nodes):
        out += [
            f"  - id: n{i}",
            f'    title: "Innspill {i}"',
            f'    time: "D+{i // 48} {(i % 48) // 2:02d}:{(i % 2) * 30:02d}"',
            f"    phase: Fase {i // 500 + 1}",
            f"    text: {body}",
            "    messages:",
            "      - from: Politiet",
            "        to: [ordforer]",
            "        channel: telefon",
            "        text: Vi trenger et møte med kommunen snarest.",
            "    questions:",
            "      - text: Hvem har ansvar for å varsle innbyggerne, og hvordan?",
            "        roles: [kommunedirektor]",
            "    roles: [ordforer, kommunedirektor]",
            "    objectives: [M1]",
            "    facilitator_notes: Se beredskapsplanen.",
        ]
        if i == nodes - 1:
            out.append("    end: true")
        elif i % 5 == 0 and i + 2 < nodes:
            out += [
                "    choices:",
                f"      - label: Videre til {i + 1}",
                f"        target: n{i + 1}",
                f"      - label: Hopp til {i + 2}",
                f"        target: n{i + 2}",
            ]
        else:
            out.append(f"    next: n{i + 1}")
    return "\n".join(out) + "\n"


def generate_flags(nodes: int = 2_000, flags: int = 20) -> str:
    """A valid scenario with ``nodes`` innspill and ``flags`` flags that steer it.

    Every fourth node is a decision: one choice sets a flag, the other clears it, and from the
    second round on a third choice is open only when two flags are set and a third is not (a skip
    ahead). The flags combine freely, so the state space is far larger than the graph.
    """
    out = [
        "format: 1",
        "meta:",
        "  id: flagg-test",
        '  title: "Generert scenario med flagg"',
        "  municipality: Testkommune",
        "  summary: Generert for ytelsesmåling av utforskingen.",
        "  duration_minutes: 1440",
        "  evaluation_minutes: 0",
        "start: n0",
        "nodes:",
    ]
    for i in range(nodes):
        out += [f"  - id: n{i}", f'    title: "Innspill {i}"', "    text: Situasjonen utvikler seg."]
        if i == nodes - 1:
            out.append("    end: true")
            continue
        if i % 4 == 0 and i + 2 < nodes:
            flag = f"f{(i // 4) % flags}"
            out += [
                "    choices:",
                f"      - label: Sett {flag}",
                f"        target: n{i + 1}",
                f"        set: [{flag}]",
                f"      - label: Fjern {flag}",
                f"        target: n{i + 1}",
                f"        clear: [{flag}]",
            ]
            if i >= 4 * flags:
                a, b, c = (f"f{(i // 4 + k) % flags}" for k in (1, 3, 7))
                out += [
                    "      - label: Hopp fram",
                    f"        target: n{min(i + 9, nodes - 1)}",
                    f"        when: {{all_of: [{a}, {b}], none_of: [{c}]}}",
                ]
        else:
            out.append(f"    next: n{i + 1}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
