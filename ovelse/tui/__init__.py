"""The meeting-room app (Textual). Only this package imports Textual; the domain never does."""
