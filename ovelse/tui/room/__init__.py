"""The room's view: a read-only Textual view that follows a journal the facilitator's app is writing.

``ovelse vis JOURNAL`` shows it in a terminal (the projector, a second screen); ``ovelse serve JOURNAL``
serves the same view to browsers with textual-serve. It never writes or locks the journal.
"""
