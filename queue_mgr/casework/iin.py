"""The individual identification number (IIN): 12 digits with a check digit.

Since 2013 an IIN need not encode the birth date, so only the format and the check digit are
validated; a date part that "looks wrong" is never a reason to refuse.
"""

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """Return the check digit of 11 digits, or None when no digit can be valid."""
    digits = [int(d) for d in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        value = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if value != 10:
            return value
    return None


def is_valid_iin(text: str) -> bool:
    """Whether ``text`` is 12 ASCII digits whose last one is the right check digit."""
    if len(text) != 12 or not (text.isascii() and text.isdigit()):
        return False
    return check_digit(text[:11]) == int(text[11])
