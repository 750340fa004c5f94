"""Domain errors of the queue."""


class QueueError(Exception):
    """A rule of the queue refused an operation."""


class InvalidTransition(QueueError):
    """A ticket cannot move from its current status to the one asked for."""

    def __init__(self, current: str, target: str):
        super().__init__(f"a ticket cannot go from {current} to {target}")
        self.current = current
        self.target = target
