"""Authoring tools that work on a scenario file alone: the facilitator's dreiebok and the handout."""
