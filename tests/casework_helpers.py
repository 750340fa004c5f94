"""Valid people and applications for tests: IINs with right check digits, filled forms."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.casework.cases import new_application
from kiosk.casework.models import Application, GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db
from queue_mgr.casework.applications import stored_until
from queue_mgr.casework.iin import check_digit

ALMATY = ZoneInfo("Asia/Almaty")


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


def ready_result(number: str, surname: str, ready_at: datetime, outcome: str = "certificate",
                 child_iin: str | None = None) -> Application:
    """A result ready at the hall since ``ready_at``, kept a month (inside an app context;
    committed): as accepted and decided, without the screens on the way."""
    application = new_application(ready_at)
    fields = application_fields(applicant_surname=surname)
    for name in ("applicant_surname", "applicant_name", "applicant_patronymic", "applicant_iin",
                 "applicant_phone", "applicant_address", "child_surname", "child_name"):
        setattr(application, name, fields[name])
    application.child_birth_date, application.consent = CHILD_BIRTH, True
    application.child_iin = child_iin or CHILD_IIN
    application.number, application.status, application.outcome = number, "ready", outcome
    application.accepted_at = application.ready_at = ready_at
    application.stored_until = stored_until(ready_at.astimezone(ALMATY).date())
    db.session.commit()
    return application


# What every printed application (Appendix 2) says, in each language of its sheet.
APPENDIX_2 = {
    "kk": ("«Қорғаншылық және қамқоршылық жөнінде анықтама беру» мемлекеттік көрсетілетін қызмет "
           "стандартына 2-қосымша", "Қорғаншылық және қамқоршылық органына", "өтініш берушіден:",
           "Тегі", "Аты", "Әкесінің аты (бар болса)", "ЖСН", "Мекенжай", "Телефон", "Өтініш",
           "қорғаншылық (қамқоршылық) жөнінде анықтама беруіңізді сұраймын",
           "Баланың тегі, аты, әкесінің аты (бар болса)", "Баланың туған күні", "Баланың ЖСН",
           "Туған жері", "Ақпараттық жүйелердегі заңмен қорғалатын құпияны құрайтын мәліметтерді "
           "пайдалануға келісемін.", "Күні", "(Т.А.Ә.)", "(қолы)"),
    "ru": ("Приложение 2 к стандарту государственной услуги «Выдача справок по опеке и "
           "попечительству»", "В орган опеки и попечительства", "от заявителя:", "Фамилия",
           "Имя", "Отчество (при наличии)", "ИИН", "Адрес", "Телефон", "Заявление",
           "Прошу выдать справку об опеке (попечительстве) над несовершеннолетним(ей)",
           "Фамилия, имя, отчество (при наличии) ребёнка", "Дата рождения ребёнка",
           "ИИН ребёнка", "Место рождения", "Даю согласие на использование сведений, "
           "составляющих охраняемую законом тайну, содержащихся в информационных системах.",
           "Дата", "(Ф.И.О.)", "(подпись)"),
}
# What a representative's application adds: their name and IIN, the power of attorney, and
# for whom they act.
APPENDIX_2_REPRESENTATIVE = {
    "kk": ("Өкіл", "Өкілдің тегі, аты, әкесінің аты", "Өкілдің ЖСН",
           "Нотариат куәландырған сенімхат", "Қорғаншының (қамқоршының) атынан"),
    "ru": ("Представитель", "Ф.И.О. представителя", "ИИН представителя",
           "Нотариально удостоверенная доверенность", "От имени опекуна (попечителя)"),
}


def sheet_halves(html: str) -> dict[str, str]:
    """The text of each language's half of a printed sheet, by its language."""
    import re

    halves = re.findall(r'<article class="receipt-half" lang="(\w+)">(.*?)</article>', html,
                        re.S)
    return {lang: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
            for lang, text in halves}
