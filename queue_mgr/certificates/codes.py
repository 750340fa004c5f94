"""Certificate codes: a compact, signed token that a QR carries and anyone can check offline.

Layout (74 bytes, written as a fixed-width decimal of ``CODE_DIGITS`` digits so a QR holds it in
numeric mode)::

    version (1) | key id (2) | serial (4) | issue day (2, days since 2000-01-01) | type (1)
    | Ed25519 signature (64) over the domain label and the ten bytes before it

No personal data: the serial finds the record, the signature proves the hall issued it. Parsing
is strict: anything but exactly ``CODE_DIGITS`` digits, an unknown version or key, or a bad
signature is no code at all (``None``), and every such answer is the same.
"""

import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

VERSION = 1
EPOCH = date(2000, 1, 1)
DOMAIN = b"hall-kiosk certificate code v1\x00"
PAYLOAD = struct.Struct(">BHIHB")  # version, key id, serial, day, type
SIGNATURE_BYTES = 64
CODE_BYTES = PAYLOAD.size + SIGNATURE_BYTES
CODE_DIGITS = len(str(2 ** (8 * CODE_BYTES) - 1))
DIGITS_ONLY = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")


class DocumentType:
    GUARDIANSHIP_CERTIFICATE = 1


@dataclass(frozen=True)
class CodeFields:
    """What a code says: which key signed it, the certificate's serial, day and type."""

    key_id: int
    serial: int
    issued_on: date
    doc_type: int


def payload(fields: CodeFields) -> bytes:
    day = (fields.issued_on - EPOCH).days
    return PAYLOAD.pack(VERSION, fields.key_id, fields.serial, day, fields.doc_type)


def sign_code(fields: CodeFields, private_key: Ed25519PrivateKey) -> str:
    """Return the signed code of ``fields`` as a fixed-width decimal."""
    body = payload(fields)
    signature = private_key.sign(DOMAIN + body)
    return str(int.from_bytes(body + signature, "big")).zfill(CODE_DIGITS)


def read_code(text: str, public_keys: Mapping[int, Ed25519PublicKey]) -> CodeFields | None:
    """Return the fields of an authentic code, or None for anything else (same answer always)."""
    if not DIGITS_ONLY.fullmatch(text):
        return None
    value = int(text)
    if value >= 1 << (8 * CODE_BYTES):
        return None
    raw = value.to_bytes(CODE_BYTES, "big")
    body, signature = raw[:PAYLOAD.size], raw[PAYLOAD.size:]
    version, key_id, serial, day, doc_type = PAYLOAD.unpack(body)
    key = public_keys.get(key_id)
    if version != VERSION or key is None:
        return None
    try:
        key.verify(signature, DOMAIN + body)
    except InvalidSignature:
        return None
    return CodeFields(key_id, serial, EPOCH + timedelta(days=day), doc_type)


def code_in(text: str) -> str:
    """The code in a scanned URL (``…/v/<code>``) or in the code itself, spaces removed."""
    text = text.strip()
    if "/v/" in text:
        text = text.rsplit("/v/", 1)[1]
    return text.split("?")[0].split("#")[0].replace(" ", "")
