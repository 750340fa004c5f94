"""Valid people and applications for tests: IINs with right check digits, filled forms."""

from datetime import date

from kiosk.casework.models import GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db
from queue_mgr.casework.iin import check_digit


def make_iin(first_eleven: str) -> str:
    """A valid IIN from 11 digits (the check digit appended); skips prefixes with none."""
    digit = check_digit(first_eleven)
    if digit is None:
        raise ValueError(f"no valid IIN starts with {first_eleven}")
    return first_eleven + str(digit)


GUARDIAN_IIN = make_iin("85030540012")
REPRESENTATIVE_IIN = make_iin("90071230045")
CHILD_IIN = make_iin("15060160078")
OTHER_CHILD_IIN = make_iin("12021150033")
CHILD_BIRTH = date(2015, 6, 1)
BASIS_BODY_KK = "Астана қаласының білім басқармасы"
BASIS_BODY_RU = "Управление образования города Астаны"


def application_fields(**changes) -> dict[str, str]:
    """The fields of a complete, valid application as a browser posts them."""
    fields = {
        "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
        "applicant_patronymic": "Болатқызы", "applicant_iin": GUARDIAN_IIN,
        "applicant_phone": "+7 701 234 56 78", "applicant_address": "Астана, Абай даңғылы, 10",
        "child_surname": "Ахметов", "child_name": "Ерлан", "child_patronymic": "",
        "child_birth_date": CHILD_BIRTH.strftime("%d.%m.%Y"), "child_iin": CHILD_IIN,
        "child_born_abroad": "kz", "consent": "y",
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def add_registry_record(guardian_iin: str = GUARDIAN_IIN, child_iin: str = CHILD_IIN,
                        active: bool = True) -> GuardianshipRecord:
    """An established guardianship in the registry (inside an app context; committed)."""
    record = GuardianshipRecord(
        guardian_name="Ахметова Айгерим Болатқызы", guardian_iin=guardian_iin,
        basis_kind="order", basis_number="No 1234", basis_date=date(2024, 2, 1),
        basis_body_kk=BASIS_BODY_KK, basis_body_ru=BASIS_BODY_RU, active=active,
        children=[RegistryChild(full_name="Ахметов Ерлан", birth_date=CHILD_BIRTH,
                                iin=child_iin)],
    )
    db.session.add(record)
    db.session.commit()
    return record
