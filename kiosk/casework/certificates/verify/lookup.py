"""Finding the certificate a code names, and what the public may learn of it."""

import hmac
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Row, bindparam, func

from kiosk.casework.certificates.keys import Keyring, keyring
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.certificates.verify.masking import mask_name
from kiosk.web.extensions import db
from queue_mgr.certificates.codes import CodeFields, DocumentType, read_code
from queue_mgr.certificates.short_codes import short_code_of
from queue_mgr.certificates.statuses import CertificateStatus

DOC_TYPES = {DocumentType.GUARDIANSHIP_CERTIFICATE: "guardianship_certificate"}
NO_LONGER_VALID = (CertificateStatus.ANNULLED.value, CertificateStatus.SUPERSEDED.value)
CHECKED_CODES = 4096  # codes whose signature a worker remembers having checked
CERTIFICATES = Certificate.__table__
# Built once: the page runs it on every scan.
BY_SERIAL = db.select(CERTIFICATES).where(CERTIFICATES.c.id == bindparam("serial"))
BY_SHORT_CODE = db.select(CERTIFICATES).where(
    CERTIFICATES.c.short_code == bindparam("short_code"))


def matches(certificate: Row, fields: CodeFields, code: str) -> bool:
    """The record is the one the code was signed for, and the code is the one it was given."""
    return (certificate.id == fields.serial and certificate.doc_type == fields.doc_type
            and certificate.issued_on == fields.issued_on and certificate.key_id == fields.key_id
            and hmac.compare_digest(certificate.code.encode(), code.encode()))


@lru_cache(maxsize=CHECKED_CODES)
def checked_fields(ring: Keyring, code: str) -> CodeFields | None:
    """A code's fields if its signature checks out with the ring's keys, else None.

    Remembered: a certificate's QR is scanned again and again, and a signature checked once
    stays good as long as the ring (a process's life).
    """
    return read_code(code, ring.public_keys())


def verify_certificate(code: str) -> Row | None:
    """Return the certificate an authentic code names, or None (one answer for every failure).

    The row is read with a plain select (no ORM object): this is the hall's busiest public
    page, and nothing here changes the certificate.
    """
    fields = checked_fields(keyring(), code)  # before any query: forgeries cost no I/O
    if fields is None:
        return None
    with db.engine.connect() as connection:  # one read: no ORM session to open and close
        certificate = connection.execute(BY_SERIAL, {"serial": fields.serial}).first()
    if certificate is None or not matches(certificate, fields, code):
        return None
    return certificate


def verify_short_code(short_code: str) -> Row | None:
    """Return the certificate a short code (as printed) names, held to the same check as its
    QR's code: a stored code whose signature fails, or that is not the short code's own, names
    nothing (the same None as every other failure)."""
    with db.engine.connect() as connection:
        certificate = connection.execute(BY_SHORT_CODE, {"short_code": short_code}).first()
    if certificate is None or short_code_of(certificate.code) != short_code:
        return None
    fields = checked_fields(keyring(), certificate.code)
    if fields is None or not matches(certificate, fields, certificate.code):
        return None
    return certificate


def successor_number(certificate: Row) -> str | None:
    if certificate.status != CertificateStatus.SUPERSEDED or certificate.superseded_by_id is None:
        return None
    return db.session.execute(
        db.select(Certificate.number).where(Certificate.id == certificate.superseded_by_id)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class PublicCertificate:
    """What anyone may learn from a code: status, number, date, issuer, names masked."""

    status: str
    doc_type: int
    number: str
    issued_on: date
    issuing_body_kk: str
    issuing_body_ru: str
    guardian: str
    children: tuple[str, ...]
    annulled_on: date | None
    superseded_by: str | None  # the new certificate's number

    @classmethod
    def of(cls, certificate: Row) -> "PublicCertificate":
        return cls(
            certificate.status, certificate.doc_type, certificate.number, certificate.issued_on,
            certificate.issuing_body_kk, certificate.issuing_body_ru,
            mask_name(certificate.guardian_name),
            tuple(mask_name(child["name"]) for child in certificate.children),
            certificate.annulled_on, successor_number(certificate),
        )

    def issuing_body(self, language: str) -> str:
        """The issuer in Kazakh on a Kazakh page, else in Russian (it has no English name)."""
        return self.issuing_body_kk if language == "kk" else self.issuing_body_ru

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "type": DOC_TYPES.get(self.doc_type, str(self.doc_type)),
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "issuing_body": {"kk": self.issuing_body_kk, "ru": self.issuing_body_ru},
            "guardian": self.guardian,
            "children": list(self.children),
            "annulled_on": self.annulled_on.isoformat() if self.annulled_on else None,
            "superseded_by": self.superseded_by,
        }


@dataclass(frozen=True)
class Names:
    """The names as printed, for the holder who proved they have the paper."""

    guardian: str
    children: tuple[str, ...]

    @classmethod
    def of(cls, certificate: Row) -> "Names":
        return cls(certificate.guardian_name,
                   tuple(child["name"] for child in certificate.children))


def holds_child_iin(certificate: Row, iin: str) -> bool:
    """Whether ``iin`` is one of the certificate's children's IINs."""
    # Compared with every child, in constant time: the answer's timing says nothing either.
    found = [hmac.compare_digest(child["iin"].encode(), iin.encode())
             for child in certificate.children]
    return any(found)


NOT_VALID = Certificate.status.in_(NO_LONGER_VALID)


def no_longer_valid() -> list[dict]:
    """The serials of annulled and superseded certificates, for offline verifiers."""
    rows = db.session.execute(
        db.select(Certificate.id, Certificate.status, Certificate.annulled_on)
        .where(NOT_VALID).order_by(Certificate.id)
    )
    return [{"serial": serial, "status": status,
             "annulled_on": annulled_on.isoformat() if annulled_on else None}
            for serial, status, annulled_on in rows]


def no_longer_valid_count() -> int:
    """How many certificates are annulled or superseded (``ix_certificate_status`` alone).

    A certificate only ever leaves validity, once, and never comes back: the count grows by one
    with every change of the list, so it names the list's version.
    """
    return db.session.execute(db.select(func.count()).where(NOT_VALID)).scalar_one()
