"""The guardianship registry: records provider officers keep for the state information system."""
