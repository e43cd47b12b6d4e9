"""Render a scenario graph as Mermaid or Graphviz DOT for facilitators to read."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from ovelse.i18n import _
from ovelse.plaintext import clean
from ovelse.scenario.model import Choice, Condition, Inject, Node, Scenario

WRAP = 28


def _wrap(text: str, width: int = WRAP) -> str:
    """``text`` broken into lines of at most ``width`` characters (long words are kept whole)."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(lines)


def condition_text(cond: Condition) -> str:
    """A condition for people: «evakuert og (varslet eller ringt) og ikke veg_stengt»."""
    parts = list(cond.all_of)
    if cond.any_of:
        either = _(" eller ").join(cond.any_of)
        parts.append(f"({either})" if len(cond.any_of) > 1 and (parts or cond.none_of) else either)
    parts.extend(_("ikke {flag}").format(flag=flag) for flag in cond.none_of)
    return _(" og ").join(parts)


def _label(node: Node | Inject) -> str:
    parts = [_wrap(node.title)]
    if isinstance(node, Node) and node.time:
        parts.append(node.time)
    parts.append(f"({node.id})")
    return "\n".join(parts)


def _choice_label(choice: Choice) -> str:
    parts = [_wrap(choice.label)]
    if choice.when is not None:
        parts.append(_wrap(_("hvis {condition}").format(condition=condition_text(choice.when))))
    effects = [f"+{flag}" for flag in choice.set] + [f"−{flag}" for flag in choice.clear]
    if effects:
        parts.append(_wrap(" ".join(effects)))
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class _Edge:
    src: str
    dst: str
    label: str | None
    conditional: bool


def _phases(scenario: Scenario) -> dict[str | None, list[tuple[int, Node]]]:
    groups: dict[str | None, list[tuple[int, Node]]] = {}
    for i, node in enumerate(scenario.nodes):
        groups.setdefault(node.phase, []).append((i, node))
    return groups


def _edges(scenario: Scenario, ids: dict[str, str]) -> Iterator[_Edge]:
    for i, node in enumerate(scenario.nodes):
        if ids.get(node.id) != f"n{i}":
            continue
        if node.next and node.next in ids:
            yield _Edge(ids[node.id], ids[node.next], None, False)
        for choice in node.choices:
            if choice.target in ids:
                yield _Edge(ids[node.id], ids[choice.target], _choice_label(choice), choice.when is not None)


def _inject_label(inject: Inject) -> str:
    label = _label(inject)
    if inject.when is not None:
        label += "\n" + _wrap(_("hvis {condition}").format(condition=condition_text(inject.when)))
    return label


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
    """Mermaid flowchart: phases as subgraphs, the pool of extra injects beside them, conditional
    choices as dotted arrows labelled with their condition, labels wrapped and quoted."""
    ids = _safe_ids(scenario)
    lines = ["---", f'title: "{_mermaid_text(scenario.meta.title)}"', "---", "flowchart TD"]
    lines.append(f'    START(["{_mermaid_text(_("START"))}"]):::start')
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
    if scenario.injects:
        lines.append(f'    subgraph pool["{_mermaid_text(_("Ekstra innspill (når som helst)"))}"]')
        lines.append("        direction TB")
        for k, inject in enumerate(scenario.injects):
            lines.append(f'        i{k}[["{_mermaid_text(_inject_label(inject))}"]]:::ekstra')
        lines.append("    end")
    if scenario.start in ids:
        lines.append(f"    START --> {ids[scenario.start]}")
    for edge in _edges(scenario, ids):
        arrow = "-.->" if edge.conditional else "-->"
        if edge.label:
            lines.append(f'    {edge.src} {arrow}|"{_mermaid_text(edge.label)}"| {edge.dst}')
        else:
            lines.append(f"    {edge.src} {arrow} {edge.dst}")
    lines.append("    classDef start fill:#1b5e20,color:#ffffff,stroke:#1b5e20")
    lines.append("    classDef slutt fill:#b71c1c,color:#ffffff,stroke:#b71c1c")
    lines.append("    classDef ekstra fill:#fff8e1,stroke:#8d6e00,stroke-dasharray:4 3")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def to_dot(scenario: Scenario) -> str:
    """Graphviz DOT: phases as clusters, the pool of extra injects in a side cluster, start and ends
    marked, choice labels wrapped on edges, conditional choices dashed with their condition."""
    ids = _safe_ids(scenario)
    lines = [
        "digraph scenario {",
        f'    label="{_dot_text(scenario.meta.title)}";',
        '    labelloc=t; rankdir=TB; fontname="Helvetica";',
        '    node [shape=box, style="rounded,filled", fillcolor="#f5f5f5", fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        f'    START [label="{_dot_text(_("START"))}", shape=circle, fillcolor="#1b5e20", fontcolor="#ffffff"];',
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
    if scenario.injects:
        lines.append("    subgraph cluster_pool {")
        lines.append(
            f'        label="{_dot_text(_("Ekstra innspill (når som helst)"))}"; '
            'style="rounded,dotted"; color="#8d6e00"; rank=sink;'
        )
        for k, inject in enumerate(scenario.injects):
            lines.append(
                f'        i{k} [label="{_dot_text(_inject_label(inject))}", shape=note, fillcolor="#fff8e1"];'
            )
        # Invisible edges keep the pool in one column beside the story.
        for k in range(1, len(scenario.injects)):
            lines.append(f"        i{k - 1} -> i{k} [style=invis];")
        lines.append("    }")
    if scenario.start in ids:
        lines.append(f"    START -> {ids[scenario.start]};")
    for edge in _edges(scenario, ids):
        attrs = []
        if edge.label:
            attrs.append(f'label="{_dot_text(edge.label)}"')
        if edge.conditional:
            attrs.append('style=dashed, color="#1565c0", fontcolor="#1565c0"')
        attr = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"    {edge.src} -> {edge.dst}{attr};")
    lines.append("}")
    return "\n".join(lines) + "\n"
