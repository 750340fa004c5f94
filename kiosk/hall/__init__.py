"""The hall's setup: its services and priority groups, its hours, limits and calendar,
and the numbering of its registers."""
