"""The exercise session engine: an append-only, crash-safe journal of events and the state replayed from it.

Plain domain code (no Textual). Typical use::

    session = Session.create(yaml_text, "scenario.yaml", {"facilitator": "Kari"})
    session.add_participant("Ola Nordmann", roles=["ordforer"])
    for index, choice in session.available_choices(): ...
    session.choose(0)
    session.log_decision("Kriseledelsen settes", roles=["ordforer"])
    session.close()

    session = Session.open(path)          # resume; the journal alone is enough
    loaded = load_journal(path)           # read-only, for reports
    follower = JournalFollower(path)      # read-only, live (projector view): follower.read_new()
"""

# The names in __init__.pyi are imported on first use (lazy_loader, which reads that stub), so that
# the start screen's list of journals does not load the engine, the scenario checks and networkx.
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
