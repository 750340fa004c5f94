"""Short codes: the dozen characters printed under a certificate's QR, for whoever has no scanner.

A short code is the first ``BITS`` bits of SHA-256 over a domain label and the signed code (its
decimal digits, as the QR carries them), written in Crockford's base32 (digits and the letters
but I, L, O and U, so nothing reads as something else) as ``XXXX-XXXX-XXXX``. It proves nothing
by itself: the hall finds the certificate by it and then checks that certificate's signed code
exactly as the QR's page does. Sixty bits leave a guesser at the verification pages' rate limit
nothing to find, and two certificates of a hall practically never share one.

Reading is strict, as for the long code: case, spaces and hyphens do not matter, and a typed O
reads as 0 and I or L as 1 (Crockford's reading), as do Cyrillic letters that look exactly like
the Latin ones (a phone's keyboard is often Russian or Kazakh); anything else, a wrong length or a
letter outside the alphabet, is no short code at all (``None``).
"""

import hashlib
import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SYMBOLS = frozenset(ALPHABET)
SYMBOL_BITS = 5
LENGTH = 12
BITS = LENGTH * SYMBOL_BITS
GROUP = 4
DOMAIN = b"hall-kiosk short code v1\x00"
LONGEST_TYPED = 64  # more than any spacing of twelve characters: not a short code
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")  # spaces, hyphens and the dashes
# Cyrillic letters drawn exactly like Latin ones of the alphabet (or like O and I).
CYRILLIC_TWINS = str.maketrans("АВСЕНКМОРТХІавсенкмортхі", "ABCEHKMOPTXIABCEHKMOPTXI")
CROCKFORD_READINGS = str.maketrans("OIL", "011")


def short_code_of(code: str) -> str:
    """The short code printed under the QR of the certificate whose signed code is ``code``."""
    digest = hashlib.sha256(DOMAIN + code.encode()).digest()
    value = int.from_bytes(digest[:8], "big") >> (64 - BITS)
    symbols = [ALPHABET[(value >> (SYMBOL_BITS * place)) & 0b11111]
               for place in reversed(range(LENGTH))]
    return grouped("".join(symbols))


def grouped(symbols: str) -> str:
    """``7K3MQ9XD2HBF`` as printed: ``7K3M-Q9XD-2HBF``."""
    return "-".join(symbols[start:start + GROUP] for start in range(0, len(symbols), GROUP))


def read_short_code(typed: str) -> str | None:
    """The short code a person typed, as printed; None for anything that is not one."""
    if len(typed) > LONGEST_TYPED:
        return None
    symbols = SEPARATORS.sub("", typed).translate(CYRILLIC_TWINS)
    if not symbols.isascii():
        return None
    symbols = symbols.upper().translate(CROCKFORD_READINGS)
    if len(symbols) != LENGTH or not SYMBOLS.issuperset(symbols):
        return None
    return grouped(symbols)
