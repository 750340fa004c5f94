"""Names as a public page may show them: the surname's first letter, then initials."""

MASK = "******"  # always six: the mask must not tell the surname's length
# Kazakh and Turkic patronymics may be written as two words («Болат қызы»): the particle
# is not a name and gets no initial.
PARTICLES = frozenset({"қызы", "ұлы", "кызы", "улы", "оглы", "оғлы", "угли", "гызы"})


def mask_name(full_name: str) -> str:
    """«Ахметова Айгерим Болатқызы» → «А****** А. Б.»: surname hidden, initials kept."""
    words = full_name.split()
    if not words:
        return ""
    surname, *given = words
    initials = [f"{word[0].upper()}." for word in given if word.lower() not in PARTICLES]
    return " ".join([surname[0].upper() + MASK, *initials])
