"""ovelse: run tabletop crisis exercises (diskusjonsøvelser) from the terminal."""

__version__ = "0.1.0"
