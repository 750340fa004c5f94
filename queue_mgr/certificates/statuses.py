"""Certificate statuses and the changes allowed between them, in one place (like
``queue_mgr.line.states`` for tickets): a valid certificate is annulled, or superseded by its
reissue, once; an annulled or superseded one never changes again."""

from enum import StrEnum

from queue_mgr.errors import InvalidTransition


class CertificateStatus(StrEnum):
    VALID = "valid"
    ANNULLED = "annulled"
    SUPERSEDED = "superseded"


ALLOWED: dict[CertificateStatus, frozenset[CertificateStatus]] = {
    CertificateStatus.VALID: frozenset({CertificateStatus.ANNULLED,
                                        CertificateStatus.SUPERSEDED}),
    CertificateStatus.ANNULLED: frozenset(),
    CertificateStatus.SUPERSEDED: frozenset(),
}


def certificate_transition(current: str, target: str) -> CertificateStatus:
    """Return ``target`` if a certificate may move there from ``current``; raise otherwise,
    naming the status that refuses (``certificate_annulled``, ``certificate_superseded``)."""
    source, goal = CertificateStatus(current), CertificateStatus(target)
    if goal not in ALLOWED[source]:
        raise InvalidTransition(source, goal, f"certificate_{source}")
    return goal
