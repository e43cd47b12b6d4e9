"""The room's view at the edge: ``ovelse vis JOURNAL`` (a read-only Textual view in a terminal, for
SSH or a second window) and ``ovelse serve JOURNAL`` (the room's web page, :mod:`ovelse.room.server`,
following the journal). Neither writes or locks the journal.
"""
