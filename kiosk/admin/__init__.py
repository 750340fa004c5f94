"""The administrator's screens: services, priority groups, windows and staff accounts."""
