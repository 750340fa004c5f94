"""Demo data: the hall's services, priority categories and windows (safe to load again)."""

import click
from flask import current_app
from flask.cli import with_appcontext

from kiosk.accounts.models import Role, User
from kiosk.hall.models import PriorityCategory, Service
from kiosk.line.models import Window
from kiosk.web.extensions import db

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

DEMO_PASSWORD = "kiosk-demo"
USERS = [
    # username, role, full name
    ("operator1", Role.OPERATOR, "Айгүл Сейітова"),
    ("operator2", Role.OPERATOR, "Ерлан Жұмабаев"),
    ("operator3", Role.OPERATOR, "Марина Ким"),
    ("operator4", Role.OPERATOR, "Данияр Оспанов"),
    ("provider", Role.PROVIDER, "Гүлнар Әбенова"),
    ("supervisor", Role.SUPERVISOR, "Сәуле Тоқтарова"),
    ("admin", Role.ADMIN, "Admin"),
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


def load_demo_data(users: bool = True) -> None:
    """Create or update the demo services, priority groups, windows and staff accounts."""
    services = {}
    for order, (code, letter, minutes, kk, ru, en) in enumerate(SERVICES):
        services[code] = upsert(Service, code, letter=letter, default_service_seconds=minutes * 60,
                                sort_order=order, name_kk=kk, name_ru=ru, name_en=en)
    for code, rank, booked, kk, ru, en in CATEGORIES:
        upsert(PriorityCategory, code, rank=rank, booked=booked, name_kk=kk, name_ru=ru, name_en=en)
    for number, codes in WINDOWS.items():
        window = db.session.execute(db.select(Window).filter_by(number=number)).scalar_one_or_none()
        window = window or Window(number=number)
        window.services = [services[code] for code in codes]
        db.session.add(window)
    for username, role, full_name in USERS if users else ():
        user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
        if user is None:
            user = User(username=username, role=role, full_name=full_name)
            user.set_password(DEMO_PASSWORD)
            db.session.add(user)
    db.session.commit()


@click.command("demo-data")
@with_appcontext
def demo_data_command():
    """Load the demo services, priority groups, windows and staff accounts."""
    if not current_app.config["DEMO_DATA"]:
        raise click.ClickException(
            "demo data makes accounts with a published password, so production refuses it: "
            "create the first admin with `flask --app kiosk create-user LOGIN --role admin "
            "--name NAME` and enter the hall's services on /staff/admin/")
    load_demo_data()
    click.echo(f"Demo data loaded; staff accounts' password: {DEMO_PASSWORD}")
