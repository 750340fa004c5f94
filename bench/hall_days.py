"""The rows of hall days, generated reproducibly from a seed: tickets with their steps,
applications with theirs, certificates with real signed codes; and their bulk writing
(``bench.bulk``). ``bench.history`` builds a year and today's hall from them."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from flask import current_app
from sqlalchemy import select

from bench.bulk import BulkWriter
from kiosk.accounts.models import Role, User
from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.models import Certificate, CertificateEvent
from kiosk.casework.models import Application, ApplicationEvent
from kiosk.hall.models import PriorityCategory, SequenceCounter, Service
from kiosk.hall.settings import hall_zone
from kiosk.line.models import Ticket, TicketCounter, TicketEvent, Window
from kiosk.web.extensions import db
from queue_mgr.casework.iin import check_digit
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code
from queue_mgr.certificates.short_codes import short_code_of

TICKET = ("id", "token", "service_id", "issued_service_id", "letter", "day", "number",
          "target_window_id", "recalls", "category_id", "status", "lang", "idempotency_key",
          "window_id", "issued_at", "called_at", "serving_at", "finished_at", "waiting_since",
          "served_seconds")
EVENT = ("id", "ticket_id", "at", "action", "from_status", "to_status", "window_id", "user_id",
         "note")
APPLICATION = (
    "id", "number", "token", "channel", "status", "outcome", "ticket_id", "applicant_surname",
    "applicant_name", "applicant_patronymic", "applicant_iin", "applicant_phone",
    "applicant_address", "child_surname", "child_name", "child_patronymic", "child_birth_date",
    "child_iin", "child_born_abroad", "by_proxy", "principal_name", "principal_iin",
    "proxy_number", "consent", "open_child_iin", "documents", "missing_documents",
    "refusal_reason", "created_at", "accepted_at", "accepted_by_id", "due_at", "term_due_at",
    "ready_at", "stored_until", "handed_over_at", "handed_to")
STEP = ("id", "application_id", "at", "action", "user_id", "note")
CERTIFICATE = (
    "id", "number", "application_id", "doc_type", "issued_on", "key_id", "code", "short_code",
    "body_code", "issuing_body_kk", "issuing_body_ru", "head_name", "guardian_name",
    "guardian_iin", "children", "basis_kind", "basis_number", "basis_date", "basis_body_kk",
    "basis_body_ru", "status", "annulled_on", "annul_reason", "created_at")
CERTIFICATE_STEP = ("id", "certificate_id", "at", "action", "user_id", "note")
TABLES = (Ticket.__table__, TicketEvent.__table__, Application.__table__,
          ApplicationEvent.__table__, Certificate.__table__, CertificateEvent.__table__)

OPENS, CLOSES = clock_time(9, 0), clock_time(18, 0)
SURNAMES = ("Ахметов", "Сейітов", "Жұмабаев", "Ким", "Оспанов", "Иванов", "Нұрланов")
NAMES = ("Айгерим", "Ерлан", "Марина", "Данияр", "Гүлнар", "Сәуле", "Асхат", "Динара")
STAGES = ("draft", "at_provider", "ready", "handed_over")
SERVICE_SHARE = {"guardianship": 5, "identity": 3, "residence": 2}


@dataclass(frozen=True)
class Hall:
    """What the generator needs to know of the hall: its services, windows and staff."""

    services: tuple  # (id, letter, code) rows
    weights: tuple[int, ...]
    windows_of: dict[int, tuple[int, ...]]  # service id -> the windows serving it
    window_ids: tuple[int, ...]  # in number order
    operator_of: dict[int, int]  # window id -> its operator (by number order)
    categories: tuple[int, ...]
    provider: int

    @classmethod
    def read(cls) -> "Hall":
        services = db.session.execute(
            select(Service.id, Service.letter, Service.code).order_by(Service.sort_order)).all()
        windows = db.session.execute(select(Window).order_by(Window.number)).scalars().all()
        operators = db.session.execute(
            select(User.id).where(User.role == Role.OPERATOR).order_by(User.username)
        ).scalars().all()
        provider = db.session.execute(
            select(User.id).where(User.role == Role.PROVIDER)).scalars().first()
        categories = db.session.execute(select(PriorityCategory.id)).scalars().all()
        return cls(
            tuple(services), tuple(SERVICE_SHARE.get(code, 1) for _, _, code in services),
            {sid: tuple(w.id for w in windows if sid in {s.id for s in w.services})
             for sid, _, _ in services},
            tuple(w.id for w in windows),
            {w.id: operators[i % len(operators)] for i, w in enumerate(windows)},
            tuple(categories), provider,
        )


@dataclass
class Ids:
    """The next free id of each table, and the numbers taken per counter key."""

    next: dict[str, int]
    sequences: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def sequence(self, key: str) -> int:
        self.sequences[key] = self.sequences.get(key, 0) + 1
        return self.sequences[key]


@dataclass
class Day:
    """The rows of one day, written together (tickets before the steps that name them)."""

    on: date
    tickets: list = field(default_factory=list)
    events: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    certificate_steps: list = field(default_factory=list)
    served_guardianship: list = field(default_factory=list)  # (ticket id, finished at)
    counters: dict = field(default_factory=dict)  # service id -> last number


class Generator:
    """Makes the rows of hall days, reproducibly from a seed."""

    def __init__(self, hall: Hall, ids: Ids, seed: int):
        self.hall, self.ids, self.rng = hall, ids, random.Random(seed)
        self.zone = hall_zone()
        config = current_app.config
        self.key = keyring().active
        self.body = (config["ISSUING_BODY_CODE"], config["ISSUING_BODY_KK"],
                     config["ISSUING_BODY_RU"], config["ISSUING_BODY_HEAD"])

    def local(self, day: date, at: clock_time) -> datetime:
        return datetime.combine(day, at, self.zone).astimezone(UTC)

    def token(self, at: datetime | None = None) -> str:
        """A random token; with ``at``, after its moment in hex seconds, as tickets have."""
        prefix = f"{int(at.timestamp()):08x}" if at else ""
        return prefix + f"{self.rng.getrandbits(128):032x}"[:22]

    def iin(self) -> str:
        while True:
            first = f"{self.rng.randrange(10 ** 11):011d}"
            digit = check_digit(first)
            if digit is not None:
                return first + str(digit)

    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(minutes=self.rng.uniform(low, high))

    def step(self, day: Day, ticket_id: int, at: datetime, action: str, source, target,
             window: int | None = None, note: str | None = None) -> None:
        user = self.hall.operator_of.get(window) if window else None
        day.events.append((self.ids.take("ticket_event"), ticket_id, at, action, source, target,
                           window, user, note))

    def ticket(self, day: Day, on: date, issued_at: datetime, fate: str,
               window: int | None = None, closes_at: datetime | None = None) -> tuple:
        """One ticket of ``on`` and its steps: ``fate`` is where its life stands (a finished
        status, or waiting / called / serving for today's hall)."""
        rng, hall = self.rng, self.hall
        service_id, letter, _ = rng.choices(hall.services, hall.weights)[0]
        if window is not None:  # today's current applicants: a service the window serves
            service_id, letter, _ = next(s for s in hall.services
                                         if window in hall.windows_of[s[0]])
        number = day.counters[service_id] = day.counters.get(service_id, 0) + 1
        ticket_id = self.ids.take("ticket")
        window = window or (rng.choice(hall.windows_of[service_id])
                            if hall.windows_of[service_id] else None)
        category = rng.choice(hall.categories) if hall.categories and rng.random() < 0.08 \
            else None
        called = issued_at + self.minutes(1, 14) if fate != "waiting" else None
        serving = called + self.minutes(0.5, 2) if fate in ("served", "serving") else None
        finished = {"served": serving and serving + self.minutes(4, 13),
                    "no_show": called and called + self.minutes(3, 5),
                    "cancelled": closes_at}.get(fate)
        recalls = 1 if fate == "no_show" else 0
        status = fate
        self.step(day, ticket_id, issued_at, "issue", None, "waiting")
        if called:
            self.step(day, ticket_id, called, "call", "waiting", "called", window)
        if fate == "no_show":
            self.step(day, ticket_id, called + timedelta(minutes=2), "recall", "called",
                      "called", window)
            self.step(day, ticket_id, finished, "no_show", "called", "no_show", window)
        if serving:
            self.step(day, ticket_id, serving, "start", "called", "serving", window)
        if fate == "served":
            self.step(day, ticket_id, finished, "finish", "serving", "served", window)
            if letter == "G":
                day.served_guardianship.append((ticket_id, finished))
        if fate == "cancelled":
            self.step(day, ticket_id, finished, "hall_closed", "waiting", "cancelled")
        row = (ticket_id, self.token(issued_at), service_id, service_id, letter, on, number,
               None, recalls, category, status, rng.choice(("kk", "kk", "ru", "en")),
               self.token(issued_at),
               window if called else None, issued_at, called, serving, finished, issued_at, 0.0)
        day.tickets.append(row)
        return row

    def past_day(self, on: date, tickets: int, applications: int, certified: float) -> Day:
        """A closed day: every ticket finished, every application closed."""
        day = Day(on)
        opens, closes = self.local(on, OPENS), self.local(on, CLOSES)
        span = (closes - opens - timedelta(minutes=30)).total_seconds()
        for offset in sorted(self.rng.uniform(0, span) for _ in range(tickets)):
            fate = self.rng.choices(("served", "no_show", "cancelled"), (88, 5, 7))[0]
            self.ticket(day, on, opens + timedelta(seconds=offset), fate, closes_at=closes)
        chosen = self.rng.sample(day.served_guardianship,
                                 min(applications, len(day.served_guardianship)))
        for ticket_id, finished in chosen:
            status = "handed_over" if self.rng.random() < certified else "intake_refused"
            self.application(day, ticket_id, finished, status,
                             timedelta(hours=self.rng.uniform(1, 70)))
        return day

    def person(self) -> tuple[str, str, str]:
        return self.rng.choice(SURNAMES), self.rng.choice(NAMES), self.rng.choice(NAMES) + "ұлы"

    def application(self, day: Day, ticket_id: int | None, at: datetime, status: str,
                    pace: timedelta) -> tuple:
        """An application made at ``at`` and taken as far as ``status`` (a draft, at the
        provider, ready, handed over; or refused at intake), each stage ``pace`` after the last
        (the window's acceptance a few minutes after the application)."""
        app_id = self.ids.take("application")
        refused = status == "intake_refused"
        reached = 1 if refused else STAGES.index(status)
        accepted = at + self.minutes(3, 8) if reached >= 1 else None
        ready = accepted + pace if reached >= 2 else None
        handed = ready + pace if reached >= 3 else None
        number = None if refused or not accepted else self.request_number(accepted)
        operator = self.hall.operator_of.get(self.hall.window_ids[0])
        applicant, child, child_iin = self.person(), self.person(), self.iin()
        due = accepted and accepted + timedelta(days=3)
        still_open = status in ("at_provider", "ready")
        row = (app_id, number, self.token(), "hall", status,
               ("refusal" if refused else "certificate") if ready or refused else None,
               ticket_id, *applicant, self.iin(), "+77011234567", "Астана, Абай даңғылы 1",
               *child, date(2015, 6, 1), child_iin, False, False, "", "", "", True,
               child_iin if still_open else None, ["application", "identity"],
               ["birth_certificate"] if refused else [], "", at, accepted,
               operator if accepted else None, None if refused else due,
               None if refused else due, ready, ready and (ready + timedelta(days=31)).date(),
               handed, "applicant" if handed else "")
        day.applications.append(row)
        steps = [(at, "created", None, "kiosk"),
                 (accepted, "intake_refused" if refused else "accepted", operator, "provider"),
                 (ready, "confirmed", self.hall.provider, "No 1234"),
                 (handed, "handed_over", operator, "applicant")]
        for step_at, action, user, note in steps[:reached + 1]:
            day.steps.append((self.ids.take("application_event"), app_id, step_at, action, user,
                              note))
        if ready:
            self.certificate(day, app_id, ready, applicant, child, child_iin)
        return row

    def request_number(self, accepted: datetime) -> str:
        year = accepted.astimezone(self.zone).year
        return f"{year}-{self.ids.sequence(f'request-{year}'):05d}"

    def certificate(self, day: Day, application_id: int, at: datetime, guardian, child,
                    child_iin: str) -> None:
        """The application's certificate, with a real signed code."""
        serial = self.ids.take("certificate")
        issued_on = at.astimezone(self.zone).date()
        body_code, body_kk, body_ru, head = self.body
        number = f"{body_code}-{issued_on.year}-" \
                 f"{self.ids.sequence(f'certificate-{body_code}-{issued_on.year}'):05d}"
        code = sign_code(CodeFields(self.key.key_id, serial, issued_on,
                                    DocumentType.GUARDIANSHIP_CERTIFICATE), self.key.private)
        status = "annulled" if self.rng.random() < 0.01 else "valid"
        children = [{"name": " ".join(child[:2]), "birth_date": "2015-06-01", "iin": child_iin,
                     "trusteeship": False}]
        day.certificates.append((
            serial, number, application_id, DocumentType.GUARDIANSHIP_CERTIFICATE, issued_on,
            self.key.key_id, code, short_code_of(code), body_code, body_kk, body_ru, head,
            " ".join(guardian),
            self.iin(), children, "order", "No 1234", date(2020, 1, 15), "Білім басқармасы",
            "Управление образования", status,
            issued_on + timedelta(days=30) if status == "annulled" else None,
            "Қате" if status == "annulled" else "", at))
        day.certificate_steps.append((self.ids.take("certificate_event"), serial, at, "issued",
                                      self.hall.provider, ""))


def write_day(writer: BulkWriter, day: Day) -> None:
    """Write one day's rows, each table after the ones it names."""
    for table, columns, rows in (
        (Ticket.__table__, TICKET, day.tickets), (TicketEvent.__table__, EVENT, day.events),
        (Application.__table__, APPLICATION, day.applications),
        (ApplicationEvent.__table__, STEP, day.steps),
        (Certificate.__table__, CERTIFICATE, day.certificates),
        (CertificateEvent.__table__, CERTIFICATE_STEP, day.certificate_steps),
    ):
        if rows:
            writer.write(table, columns, rows)


def write_counters(writer: BulkWriter, days: list[Day], ids: Ids) -> None:
    """The ticket counters of the days written, and the request and certificate numbers taken
    (so the hall's next numbers follow them)."""
    writer.write(TicketCounter.__table__, ("service_id", "day", "value"),
                 [(service, day.on, value) for day in days
                  for service, value in day.counters.items()])
    counters = SequenceCounter.__table__
    writer.delete(counters, "key", list(ids.sequences))
    writer.write(counters, ("key", "value"), list(ids.sequences.items()))


def start_ids(writer: BulkWriter, first_id: int | None) -> Ids:
    """Ids from ``first_id`` on (leaving room for a past written later), or after the rows
    already there; the request and certificate numbers after those already taken."""
    ids = Ids({table.name: first_id or writer.next_id(table) for table in TABLES})
    rows = db.session.execute(select(SequenceCounter.key, SequenceCounter.value)).all()
    ids.sequences.update(dict(rows))
    db.session.rollback()
    return ids


