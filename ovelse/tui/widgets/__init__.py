"""Widgets of the meeting-room app."""
