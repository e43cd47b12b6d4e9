"""Graph and cross-reference checks on a loaded scenario (networkx for components).

Every check returns findings that carry a path into the YAML document; the loader turns
paths into line and column. Nothing here enumerates paths or cycles: reachability is
breadth-first, loops are strongly connected components, path counts are dynamic programming.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ovelse.plaintext import has_controls
from ovelse.scenario.diagnostics import Finding, Path
from ovelse.scenario.model import Condition, Scenario
from ovelse.scenario.roles import CATALOGUE

MAX_BRUTE_FORCE_FLAGS = 16


@dataclass(slots=True)
class Statistics:
    """Figures about a scenario's graph."""

    nodes: int
    branch_points: int
    endings: int
    paths: int | None
    has_loops: bool
    injects: int
    objectives: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "branch_points": self.branch_points,
            "endings": self.endings,
            "paths": self.paths,
            "has_loops": self.has_loops,
            "injects": self.injects,
            "objectives": self.objectives,
        }


def _f(code: str, severity: str, message: str, hint: str, path: Path, *, at_key: bool = False) -> Finding:
    return Finding(code, severity, message, hint, path=path, at_key=at_key)  # type: ignore[arg-type]


def build_graph(scenario: Scenario) -> nx.DiGraph:
    """Directed graph of node ids; edges carry the choice label (or None for ``next``)."""
    graph = nx.DiGraph()
    node_ids = scenario.node_map
    graph.add_nodes_from(node_ids)
    for node in scenario.nodes:
        if node.next is not None and node.next in node_ids:
            graph.add_edge(node.id, node.next, label=None)
        for choice in node.choices:
            if choice.target in node_ids:
                if graph.has_edge(node.id, choice.target):
                    old = graph.edges[node.id, choice.target]["label"]
                    label = f"{old} / {choice.label}" if old else choice.label
                else:
                    label = choice.label
                graph.add_edge(node.id, choice.target, label=label)
    return graph


def _reachable(graph: nx.DiGraph, sources: list[str], *, reverse: bool = False) -> set[str]:
    seen = set(s for s in sources if s in graph)
    queue = deque(seen)
    neighbours = graph.predecessors if reverse else graph.successors
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _condition_never_holds(cond: Condition) -> bool:
    return bool(set(cond.all_of) & set(cond.none_of)) or (
        bool(cond.any_of) and set(cond.any_of) <= set(cond.none_of)
    )


def _all_can_be_false(conds: list[Condition]) -> bool | None:
    """True if some flag assignment makes every condition false; None if too many flags to decide."""
    flags = sorted(set().union(*(c.flags() for c in conds)))
    if len(flags) > MAX_BRUTE_FORCE_FLAGS:
        return None
    for bits in itertools.product((False, True), repeat=len(flags)):
        state = {f for f, on in zip(flags, bits) if on}
        if not any(c.holds(state) for c in conds):
            return True
    return False


def _conditions(scenario: Scenario) -> Iterator[tuple[Condition, Path]]:
    for i, node in enumerate(scenario.nodes):
        for j, choice in enumerate(node.choices):
            if choice.when is not None:
                yield choice.when, ("nodes", i, "choices", j, "when")
        for j, msg in enumerate(node.messages):
            if msg.when is not None:
                yield msg.when, ("nodes", i, "messages", j, "when")
    for i, inject in enumerate(scenario.injects):
        if inject.when is not None:
            yield inject.when, ("injects", i, "when")
        for j, msg in enumerate(inject.messages):
            if msg.when is not None:
                yield msg.when, ("injects", i, "messages", j, "when")


def _role_refs(scenario: Scenario) -> Iterator[tuple[str, Path]]:
    for key in ("required", "optional"):
        for i, rid in enumerate(getattr(scenario.roles, key)):
            yield rid, ("roles", key, i)
    for kind, items in (("nodes", scenario.nodes), ("injects", scenario.injects)):
        for i, item in enumerate(items):
            for j, rid in enumerate(item.roles):
                yield rid, (kind, i, "roles", j)
            for q, question in enumerate(item.questions):
                for j, rid in enumerate(question.roles):
                    yield rid, (kind, i, "questions", q, "roles", j)
            for m, msg in enumerate(item.messages):
                for j, rid in enumerate(msg.to):
                    yield rid, (kind, i, "messages", m, "to", j)


def check_scenario(scenario: Scenario) -> list[Finding]:
    """Run every cross-reference and graph check; return findings in document order of kind."""
    out: list[Finding] = []
    node_ids = scenario.node_map

    # Duplicate ids.
    for kind, items, what in (
        ("nodes", scenario.nodes, "noder"),
        ("injects", scenario.injects, "ekstra innspill"),
        ("objectives", scenario.objectives, "øvingsmål"),
    ):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                out.append(
                    _f(
                        "OV201",
                        "error",
                        f"id «{item.id}» er brukt av flere {what}",
                        "gi hver id et unikt navn",
                        (kind, i, "id"),
                    )
                )
            seen.add(item.id)
    seen_roles: set[str] = set()
    for i, role in enumerate(scenario.roles.custom):
        if role.id in CATALOGUE:
            out.append(
                _f(
                    "OV217",
                    "error",
                    f"egen rolle «{role.id}» har samme id som en rolle i katalogen",
                    "bruk katalogrollen direkte, eller velg en annen id",
                    ("roles", "custom", i, "id"),
                )
            )
        elif role.id in seen_roles:
            out.append(
                _f(
                    "OV201",
                    "error",
                    f"rolle-id «{role.id}» er definert mer enn én gang",
                    "gi hver rolle en unik id",
                    ("roles", "custom", i, "id"),
                )
            )
        seen_roles.add(role.id)

    # Transitions.
    if scenario.start not in node_ids:
        out.append(
            _f(
                "OV202",
                "error",
                f"startnoden «{scenario.start}» finnes ikke",
                _suggest(scenario.start, node_ids),
                ("start",),
            )
        )
    for i, node in enumerate(scenario.nodes):
        if node.next is not None and node.next not in node_ids:
            out.append(
                _f(
                    "OV202",
                    "error",
                    f"«next» viser til noden «{node.next}», som ikke finnes",
                    _suggest(node.next, node_ids),
                    ("nodes", i, "next"),
                )
            )
        for j, choice in enumerate(node.choices):
            if choice.target not in node_ids:
                out.append(
                    _f(
                        "OV202",
                        "error",
                        f"valget «{choice.label}» viser til noden «{choice.target}», som ikke finnes",
                        _suggest(choice.target, node_ids),
                        ("nodes", i, "choices", j, "target"),
                    )
                )
        if node.end and (node.next is not None or node.choices):
            out.append(
                _f(
                    "OV206",
                    "error",
                    f"noden «{node.id}» er en slutt, men har også «next» eller «choices»",
                    "en slutt-node har verken «next» eller «choices»",
                    ("nodes", i),
                )
            )
        elif node.next is not None and node.choices:
            out.append(
                _f(
                    "OV206",
                    "error",
                    f"noden «{node.id}» har både «next» og «choices»",
                    "bruk «choices» med ett valg per vei videre, eller bare «next»",
                    ("nodes", i),
                )
            )
        elif not node.end and node.next is None and not node.choices:
            out.append(
                _f(
                    "OV204",
                    "error",
                    f"noden «{node.id}» er en blindvei: ingen «next», «choices» eller «end»",
                    "legg til «next: <id>», valg under «choices», eller «end: true»",
                    ("nodes", i),
                )
            )

    # Reachability.
    graph = build_graph(scenario)
    index = {node.id: i for i, node in reversed(list(enumerate(scenario.nodes)))}
    reachable = _reachable(graph, [scenario.start])
    if scenario.start in node_ids:
        for i, node in enumerate(scenario.nodes):
            if node.id not in reachable and index[node.id] == i:
                out.append(
                    _f(
                        "OV203",
                        "warning",
                        f"noden «{node.id}» kan ikke nås fra start",
                        "legg inn en overgang hit, eller fjern noden",
                        ("nodes", i, "id"),
                    )
                )
    ends = [n.id for n in scenario.nodes if n.end]
    can_end = _reachable(graph, ends, reverse=True)
    # Nodes already reported (dead ends, broken targets) are not reported again as stuck.
    reported = {n.id for n in scenario.nodes if not n.end and n.next is None and not n.choices}
    reported |= {
        n.id
        for n in scenario.nodes
        if (n.next is not None and n.next not in node_ids) or any(c.target not in node_ids for c in n.choices)
    }
    stuck = {n for n in reachable if n not in can_end} if ends else set()
    dead = reported
    if stuck:
        sub = graph.subgraph(stuck)
        for component in nx.strongly_connected_components(sub):
            loop = len(component) > 1 or any(graph.has_edge(n, n) for n in component)
            if loop:
                first = min(component, key=index.__getitem__)
                members = ", ".join(sorted(component, key=index.__getitem__)[:6])
                out.append(
                    _f(
                        "OV205",
                        "error",
                        f"løkke uten utgang: {members}",
                        "gi minst én node i løkken en vei videre mot en slutt",
                        ("nodes", index[first], "id"),
                    )
                )
            else:
                (node_id,) = component
                if node_id not in dead:
                    out.append(
                        _f(
                            "OV205",
                            "error",
                            f"fra noden «{node_id}» kan ingen slutt nås",
                            "sjekk hvor veiene herfra ender",
                            ("nodes", index[node_id], "id"),
                        )
                    )
    if not ends and scenario.nodes:
        out.append(
            _f(
                "OV205",
                "error",
                "scenarioet har ingen slutt-node",
                "marker siste node med «end: true»",
                ("nodes",),
            )
        )

    # Conditions and flags.
    flags_set: dict[str, Path] = {}
    flags_written: set[str] = set()
    for i, node in enumerate(scenario.nodes):
        for j, choice in enumerate(node.choices):
            for k, flag in enumerate(choice.set):
                flags_set.setdefault(flag, ("nodes", i, "choices", j, "set", k))
            flags_written.update(choice.set, choice.clear)
        if node.choices and all(c.when is not None for c in node.choices):
            verdict = _all_can_be_false([c.when for c in node.choices])  # type: ignore[misc]
            if verdict:
                out.append(
                    _f(
                        "OV207",
                        "warning",
                        f"i noden «{node.id}» kan alle valg være utilgjengelige samtidig",
                        "gi ett av valgene ingen «when», så det alltid finnes en vei videre",
                        ("nodes", i, "choices"),
                    )
                )
    flags_read: dict[str, Path] = {}
    for cond, path in _conditions(scenario):
        if _condition_never_holds(cond):
            out.append(
                _f(
                    "OV216",
                    "warning",
                    "betingelsen kan aldri være oppfylt",
                    "samme flagg står både i «all_of»/«any_of» og i «none_of»",
                    path,
                )
            )
        for key in ("all_of", "any_of", "none_of"):
            for k, flag in enumerate(getattr(cond, key)):
                flags_read.setdefault(flag, path + (key, k))
    for flag, path in flags_read.items():
        if flag not in flags_written:
            out.append(
                _f(
                    "OV208",
                    "warning",
                    f"flagget «{flag}» leses, men settes aldri",
                    _suggest(flag, flags_set) or "sett flagget i et valg med «set: [" + flag + "]»",
                    path,
                )
            )
    for flag, path in flags_set.items():
        if flag not in flags_read:
            out.append(
                _f(
                    "OV209",
                    "warning",
                    f"flagget «{flag}» settes, men leses aldri",
                    "bruk det i en «when», eller fjern det",
                    path,
                )
            )

    # Roles and objectives.
    custom = {r.id for r in scenario.roles.custom}
    for rid, path in _role_refs(scenario):
        if rid not in CATALOGUE and rid not in custom:
            out.append(
                _f(
                    "OV210",
                    "error",
                    f"ukjent rolle «{rid}»",
                    _suggest(rid, [*CATALOGUE, *custom])
                    or "se «ovelse roller» for katalogen, eller definer rollen under roles.custom",
                    path,
                )
            )
    objective_ids = {o.id for o in scenario.objectives}
    exercised: set[str] = set()
    for kind, items in (("nodes", scenario.nodes), ("injects", scenario.injects)):
        for i, item in enumerate(items):
            for j, oid in enumerate(item.objectives):
                if oid not in objective_ids:
                    out.append(
                        _f(
                            "OV211",
                            "error",
                            f"ukjent øvingsmål «{oid}»",
                            _suggest(oid, objective_ids) or "definer det under «objectives»",
                            (kind, i, "objectives", j),
                        )
                    )
                elif kind == "nodes":
                    exercised.add(oid)
    for i, objective in enumerate(scenario.objectives):
        if objective.id not in exercised:
            out.append(
                _f(
                    "OV212",
                    "warning",
                    f"øvingsmålet «{objective.id}» øves ikke i noen node",
                    "legg id-en til under «objectives» i en eller flere noder",
                    ("objectives", i, "id"),
                )
            )
    addressed: set[str] = set()
    for node in scenario.nodes:
        addressed.update(node.roles)
        for question in node.questions:
            addressed.update(question.roles)
        for msg in node.messages:
            addressed.update(msg.to)
    for i, rid in enumerate(scenario.roles.required):
        if rid not in addressed and (rid in CATALOGUE or rid in custom):
            out.append(
                _f(
                    "OV213",
                    "warning",
                    f"påkrevd rolle «{rid}» får ingen innspill eller spørsmål",
                    "rett et innspill eller spørsmål til rollen, eller flytt den til «optional»",
                    ("roles", "required", i),
                )
            )

    out.extend(_language_checks(scenario))

    for i, node in enumerate(scenario.nodes):
        if not node.text.strip() and not node.messages and not node.questions:
            out.append(
                _f(
                    "OV214",
                    "warning",
                    f"noden «{node.id}» har verken tekst, meldinger eller spørsmål",
                    "skriv hva som skjer i «text», eller legg til diskusjonsspørsmål",
                    ("nodes", i),
                )
            )
    return out


def _language_checks(scenario: Scenario) -> list[Finding]:
    """OV219 (the room's languages leave out the scenario's own) and OV220 (Sámi text missing)."""
    out: list[Finding] = []
    meta = scenario.meta
    if meta.languages is not None and meta.language not in meta.languages:
        out.append(
            _f(
                "OV219",
                "warning",
                f"«languages» inneholder ikke scenarioets eget språk «{meta.language}»",
                f"legg til «{meta.language}» i meta.languages",
                ("meta", "languages"),
            )
        )
    if not meta.has_sami:
        return out
    for kind, items in (("nodes", scenario.nodes), ("injects", scenario.injects)):
        for i, item in enumerate(items):
            missing = []
            if not item.title_se:
                missing.append("title_se")
            if item.text.strip() and not item.text_se:
                missing.append("text_se")
            if missing:
                out.append(
                    _f(
                        "OV220",
                        "warning",
                        f"samisk tekst mangler: «{item.id}» har ikke {', '.join(missing)}",
                        "rommet får «samisk tekst mangler»; bruk bare samisk tekst fra en offentlig tospråklig kilde",
                        (kind, i, "title"),
                    )
                )
            for j, msg in enumerate(item.messages):
                if msg.public and not msg.text_se:
                    out.append(
                        _f(
                            "OV220",
                            "warning",
                            f"samisk tekst mangler i en melding til befolkningen i «{item.id}»",
                            "legg til «text_se»; rommet viser ellers «samisk tekst mangler»",
                            (kind, i, "messages", j, "text"),
                        )
                    )
    return out


def text_findings(data: Any) -> list[Finding]:
    """Findings about the raw text anywhere in the document: TODO/FIXME markers and control characters."""
    out: list[Finding] = []
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, path + (k,)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(value))
        elif isinstance(value, str):
            if "TODO" in value or "FIXME" in value:
                out.append(
                    _f(
                        "OV215",
                        "info",
                        "teksten inneholder en TODO-markør",
                        "gjør ferdig teksten før øvelsen",
                        path,
                    )
                )
            if has_controls(value):
                out.append(
                    _f(
                        "OV218",
                        "warning",
                        "teksten inneholder kontrolltegn eller terminalkoder",
                        "fjern dem; de vises ikke i ovelse, men kan forvirre andre verktøy",
                        path,
                    )
                )
    out.sort(key=lambda f: [str(p) for p in f.path or ()])
    return out


def statistics(scenario: Scenario) -> Statistics:
    """Nodes, branch points, endings and the number of distinct start-to-end paths (by DP)."""
    graph = build_graph(scenario)
    reachable = _reachable(graph, [scenario.start])
    sub = graph.subgraph(reachable)
    has_loops = not nx.is_directed_acyclic_graph(sub)
    paths: int | None = None
    if not has_loops and scenario.start in sub:
        count: dict[str, int] = {}
        for node_id in reversed(list(nx.topological_sort(sub))):
            node = scenario.node_map[node_id]
            targets = [c.target for c in node.choices] + ([node.next] if node.next else [])
            count[node_id] = (1 if node.end else 0) + sum(count.get(t, 0) for t in targets)
        paths = count[scenario.start]
    return Statistics(
        nodes=len(scenario.nodes),
        branch_points=sum(1 for n in scenario.nodes if len({c.target for c in n.choices}) > 1),
        endings=sum(1 for n in scenario.nodes if n.end),
        paths=paths,
        has_loops=has_loops,
        injects=len(scenario.injects),
        objectives=len(scenario.objectives),
    )


def _suggest(word: str, candidates) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"mente du «{close[0]}»?" if close else ""
