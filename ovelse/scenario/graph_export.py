"""Render a scenario graph as Mermaid or Graphviz DOT for facilitators to read."""

from __future__ import annotations

from ovelse.plaintext import clean
from ovelse.scenario.model import Node, Scenario


def _label(node: Node) -> str:
    parts = [node.title]
    if node.time:
        parts.append(node.time)
    parts.append(f"({node.id})")
    return "\n".join(parts)


def _phases(scenario: Scenario) -> dict[str | None, list[tuple[int, Node]]]:
    groups: dict[str | None, list[tuple[int, Node]]] = {}
    for i, node in enumerate(scenario.nodes):
        groups.setdefault(node.phase, []).append((i, node))
    return groups


def _edges(scenario: Scenario, ids: dict[str, str]):
    for node in scenario.nodes:
        if node.next and node.next in ids:
            yield ids[node.id], ids[node.next], None
        for choice in node.choices:
            if choice.target in ids:
                yield ids[node.id], ids[choice.target], choice.label


def _safe_ids(scenario: Scenario) -> dict[str, str]:
    ids: dict[str, str] = {}
    for i, node in enumerate(scenario.nodes):
        ids.setdefault(node.id, f"n{i}")
    return ids


def _mermaid_text(text: str) -> str:
    return (
        clean(text)
        .replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\n", "<br/>")
    )


def to_mermaid(scenario: Scenario) -> str:
    """Mermaid flowchart: phases as subgraphs, synthetic node ids, every label quoted."""
    ids = _safe_ids(scenario)
    lines = ["---", f'title: "{_mermaid_text(scenario.meta.title)}"', "---", "flowchart TD"]
    lines.append('    START(["START"]):::start')
    for p, (phase, members) in enumerate(_phases(scenario).items()):
        indent = "    "
        if phase is not None:
            lines.append(f'    subgraph fase{p}["{_mermaid_text(phase)}"]')
            indent = "        "
        for i, node in members:
            if ids.get(node.id) != f"n{i}":
                continue
            shape = ('(["', '"])') if node.end else ('["', '"]')
            cls = ":::slutt" if node.end else ""
            lines.append(f"{indent}n{i}{shape[0]}{_mermaid_text(_label(node))}{shape[1]}{cls}")
        if phase is not None:
            lines.append("    end")
    if scenario.start in ids:
        lines.append(f"    START --> {ids[scenario.start]}")
    for src, dst, label in _edges(scenario, ids):
        if label:
            lines.append(f'    {src} -->|"{_mermaid_text(label)}"| {dst}')
        else:
            lines.append(f"    {src} --> {dst}")
    lines.append("    classDef start fill:#1b5e20,color:#ffffff,stroke:#1b5e20")
    lines.append("    classDef slutt fill:#b71c1c,color:#ffffff,stroke:#b71c1c")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def to_dot(scenario: Scenario) -> str:
    """Graphviz DOT: phases as clusters, start and ends marked, choice labels on edges."""
    ids = _safe_ids(scenario)
    lines = [
        "digraph scenario {",
        f'    label="{_dot_text(scenario.meta.title)}";',
        '    labelloc=t; rankdir=TB; fontname="Helvetica";',
        '    node [shape=box, style="rounded,filled", fillcolor="#f5f5f5", fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        '    START [label="START", shape=circle, fillcolor="#1b5e20", fontcolor="#ffffff"];',
    ]
    for p, (phase, members) in enumerate(_phases(scenario).items()):
        indent = "    "
        if phase is not None:
            lines.append(f"    subgraph cluster_{p} {{")
            lines.append(f'        label="{_dot_text(phase)}"; style="rounded,dashed";')
            indent = "        "
        for i, node in members:
            if ids.get(node.id) != f"n{i}":
                continue
            extra = ', shape=doubleoctagon, fillcolor="#ffcdd2"' if node.end else ""
            if node.id == scenario.start:
                extra += ", penwidth=2"
            lines.append(f'{indent}n{i} [label="{_dot_text(_label(node))}"{extra}];')
        if phase is not None:
            lines.append("    }")
    if scenario.start in ids:
        lines.append(f"    START -> {ids[scenario.start]};")
    for src, dst, label in _edges(scenario, ids):
        attr = f' [label="{_dot_text(label)}"]' if label else ""
        lines.append(f"    {src} -> {dst}{attr};")
    lines.append("}")
    return "\n".join(lines) + "\n"
