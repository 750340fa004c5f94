"""Casework: the application, the window's intake, the provider's decision, the handover
and the guardianship registry."""
