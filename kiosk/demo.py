"""Demo data: the hall's services, priority categories and windows (safe to load again)."""

import click
from flask.cli import with_appcontext

from kiosk.extensions import db
from kiosk.models import PriorityCategory, Service, Window

SERVICES = [
    # code, letter, minutes, kk, ru, en
    ("guardianship", "G", 10,
     "Қорғаншылық және қамқоршылық жөнінде анықтама",
     "Справка об опеке и попечительстве",
     "Certificate on guardianship and trusteeship"),
    ("identity", "D", 12,
     "Жеке басты куәландыратын құжаттар",
     "Документы, удостоверяющие личность",
     "Identity documents"),
    ("residence", "R", 8,
     "Тұрғылықты жері бойынша тіркеу",
     "Регистрация по месту жительства",
     "Registration of residence"),
]

CATEGORIES = [
    # code, rank, booked, kk, ru, en
    ("booked", 0, True, "Алдын ала жазылу", "Предварительная запись", "Booked appointment"),
    ("disability", 1, False, "Мүгедектігі бар адамдар", "Лица с инвалидностью",
     "Persons with disabilities"),
    ("pregnant", 2, False, "Жүкті әйелдер", "Беременные женщины", "Pregnant women"),
    ("elderly", 3, False, "Егде жастағы адамдар", "Пожилые люди", "Elderly people"),
    ("infant", 4, False, "Нәрестесі бар ата-аналар", "Родители с грудными детьми",
     "Parents with infants"),
]

WINDOWS = {1: ["guardianship"], 2: ["guardianship", "identity"], 3: ["identity", "residence"],
           4: ["guardianship", "identity", "residence"]}


def upsert(model, code: str, **values):
    row = db.session.execute(db.select(model).filter_by(code=code)).scalar_one_or_none()
    row = row or model(code=code)
    for key, value in values.items():
        setattr(row, key, value)
    db.session.add(row)
    return row


def load_demo_data() -> None:
    """Create or update the demo services, categories and windows."""
    services = {}
    for order, (code, letter, minutes, kk, ru, en) in enumerate(SERVICES):
        services[code] = upsert(Service, code, letter=letter, default_service_seconds=minutes * 60,
                                sort_order=order, name_kk=kk, name_ru=ru, name_en=en)
    for code, rank, booked, kk, ru, en in CATEGORIES:
        upsert(PriorityCategory, code, rank=rank, booked=booked, name_kk=kk, name_ru=ru, name_en=en)
    for number, codes in WINDOWS.items():
        window = db.session.execute(db.select(Window).filter_by(number=number)).scalar_one_or_none()
        window = window or Window(number=number, open=True)
        window.services = [services[code] for code in codes]
        db.session.add(window)
    db.session.commit()


@click.command("demo-data")
@with_appcontext
def demo_data_command():
    """Load the demo services, priority categories and windows."""
    load_demo_data()
    click.echo("Demo data loaded: 3 services, 5 priority categories, 4 windows.")
