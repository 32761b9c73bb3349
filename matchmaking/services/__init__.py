"""Writes with business meaning on meeting requests, meetings, schedules and outcomes."""
