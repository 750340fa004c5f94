"""Kazakh case endings for the dates and times the hall prints: «2026 жылғы 30 наурыздан»,
«11:05-тен бастап», «сағат 10:20-ға».

A Kazakh ending follows the last sound of the word as it is read (a time «11:05» is read «он бір
нөл бес» and takes the ending of «бес») and the vowel harmony of its last vowel: back vowels take
-дан/-ға, front vowels -ден/-ге; after a voiceless consonant the ending begins with т/қ (к), after
м, н, ң the ablative begins with н.
"""

from datetime import date, datetime, time

MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
          "қазан", "қараша", "желтоқсан")
UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
BACK, FRONT = set("аоұы"), set("әеөүі")
VOWELS = BACK | FRONT | set("уиэюя")
VOICELESS = set("пткқсшфхцчщ")
NASAL = set("мнң")


def last_word(number: int) -> str:
    """The word the reading of a whole number ends with («2026» → «алты», «30» → «отыз»)."""
    if number % 10 or number == 0:
        return UNITS[number % 10]
    if number % 100:
        return TENS[number % 100 // 10]
    return "жүз" if number % 1000 else "мың"


def is_back(word: str) -> bool:
    """Whether the word's last clear vowel is a back one (у and и follow the vowel before)."""
    for letter in reversed(word.lower()):
        if letter in BACK:
            return True
        if letter in FRONT:
            return False
    return False


def ablative(word: str) -> str:
    """The ending of «from, than» (шығыс септік) for the word: -дан, -тан, -нан and front
    forms."""
    last = word.lower()[-1]
    first = "т" if last in VOICELESS else "н" if last in NASAL else "д"
    return first + ("ан" if is_back(word) else "ен")


def dative(word: str) -> str:
    """The ending of «to, at» (барыс септік) for the word: -ға, -қа and front forms (-ге,
    -ке)."""
    back, last = is_back(word), word.lower()[-1]
    if last in VOICELESS:
        return "қа" if back else "ке"
    return "ға" if back else "ге"


def spoken_time(moment: datetime | time) -> tuple[str, str]:
    """The time as written («11:05») and the word its reading ends with («бес»)."""
    written = moment.strftime("%H:%M")
    return written, last_word(moment.minute)


def time_from(moment: datetime | time) -> str:
    """«11:05-тен» (from 11:05)."""
    written, word = spoken_time(moment)
    return f"{written}-{ablative(word)}"


def time_at(moment: datetime | time) -> str:
    """«10:20-ға» (at 10:20)."""
    written, word = spoken_time(moment)
    return f"{written}-{dative(word)}"


def long_date(day: date) -> str:
    """«2026 жылғы 30 наурыз»."""
    return f"{day.year} жылғы {day.day} {MONTHS[day.month - 1]}"


def date_from(day: date) -> str:
    """«2026 жылғы 30 наурыздан» (from, or «not later than» with кешіктірмей)."""
    month = MONTHS[day.month - 1]
    return f"{long_date(day)}{ablative(month)}"
