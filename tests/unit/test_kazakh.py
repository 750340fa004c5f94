"""Kazakh case endings of printed dates and times follow the word as it is read."""

from datetime import date, datetime

import pytest

from kiosk.web.kazakh import ablative, date_from, dative, last_word, time_at, time_from


@pytest.mark.parametrize(("minute", "expected"), [
    (5, "11:05-тен"),  # бес: voiceless, front
    (0, "11:00-ден"),  # нөл
    (10, "11:10-нан"),  # он: nasal, back
    (20, "11:20-дан"),  # жиырма: vowel, back
    (30, "11:30-дан"),  # отыз
    (40, "11:40-тан"),  # қырық: voiceless, back
    (50, "11:50-ден"),  # елу: у after е, front
    (3, "11:03-тен"),  # үш
    (6, "11:06-дан"),  # алты
    (9, "11:09-дан"),  # тоғыз
])
def test_a_time_from_takes_the_ablative_of_its_last_spoken_word(minute, expected):
    assert time_from(datetime(2026, 3, 30, 11, minute)) == expected


@pytest.mark.parametrize(("minute", "expected"), [
    (20, "10:20-ға"), (5, "10:05-ке"), (10, "10:10-ға"), (40, "10:40-қа"), (7, "10:07-ге"),
    (50, "10:50-ге"),
])
def test_a_time_at_takes_the_dative_of_its_last_spoken_word(minute, expected):
    assert time_at(datetime(2026, 3, 30, 10, minute)) == expected


@pytest.mark.parametrize(("month", "expected"), [
    (1, "қаңтардан"), (2, "ақпаннан"), (3, "наурыздан"), (4, "сәуірден"), (5, "мамырдан"),
    (6, "маусымнан"), (7, "шілдеден"), (8, "тамыздан"), (9, "қыркүйектен"), (10, "қазаннан"),
    (11, "қарашадан"), (12, "желтоқсаннан"),
])
def test_every_month_takes_its_ablative(month, expected):
    assert date_from(date(2026, month, 30 if month != 2 else 27)).endswith(" " + expected)


def test_the_receipts_due_date_reads_as_a_lawyer_writes_it():
    assert date_from(date(2026, 3, 30)) == "2026 жылғы 30 наурыздан"


@pytest.mark.parametrize(("number", "word"), [
    (0, "нөл"), (1, "бір"), (15, "бес"), (20, "жиырма"), (100, "жүз"), (2000, "мың"),
    (2026, "алты"), (2030, "отыз"),
])
def test_a_number_is_read_to_its_last_word(number, word):
    assert last_word(number) == word


def test_endings_follow_harmony_and_the_last_sound():
    assert [ablative(w) for w in ("жыл", "кітап", "үй", "мектеп", "қалам")] == \
        ["дан", "тан", "ден", "тен", "нан"]
    assert [dative(w) for w in ("бала", "кітап", "үй", "мектеп")] == ["ға", "қа", "ге", "ке"]
