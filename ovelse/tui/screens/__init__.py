"""Screens and dialogs of the meeting-room app, one module each."""
