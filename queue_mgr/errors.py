"""Domain errors: a rule refused an operation, and ``key`` says which.

The key is a short code the shell's message catalogue (``kiosk.web.refusals``) turns into the
clear, translated message the user reads; the core itself never words a refusal for users.
"""


class DomainError(Exception):
    """A rule refused an operation; ``key`` names the refusal, ``details`` fill its message."""

    def __init__(self, key: str, text: str | None = None, **details):
        super().__init__(text or key)
        self.key = key
        self.details = details


class InvalidTransition(DomainError):
    """Something cannot move from its current status to the one asked for."""

    def __init__(self, current: str, target: str, key: str = "ticket_not_now"):
        super().__init__(key, f"cannot go from {current} to {target}")
        self.current = current
        self.target = target
