"""The body of a portal request, read and checked as the application form checks its fields
(the same names, lengths, IINs and phone), with every problem reported at once by its field.

Two stages: ``read_request`` checks what the body alone decides (types, formats, lengths, which
documents it must carry) and gives the request's digest, its identity for the idempotency key;
``rule_problems`` checks what depends on the day (the child's age, no document dated ahead),
after a request id already used has been answered from what it made then.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from kiosk.casework.application_form import NAME_MAX, PHONE
from kiosk.web.portal import REQUEST_ID
from queue_mgr.casework.applications import (
    ChildNotEligible,
    Document,
    check_child,
    needs_birth_certificate,
)
from queue_mgr.casework.iin import is_valid_iin

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIELD_NAME_SHOWN = 64  # an unknown field's name, as the refusal repeats it
# Text fields: their longest length (the columns'), and whether the body must carry them.
TEXTS = {
    "applicant_surname": (NAME_MAX, True), "applicant_name": (NAME_MAX, True),
    "applicant_patronymic": (NAME_MAX, False), "applicant_address": (300, True),
    "child_surname": (NAME_MAX, True), "child_name": (NAME_MAX, True),
    "child_patronymic": (NAME_MAX, False), "principal_name": (200, False),
}
IINS = {"applicant_iin": True, "child_iin": True, "principal_iin": False}
FLAGS = ("child_born_abroad", "by_proxy")
PHONE_MAX = 20
PROXY_ONLY = ("principal_name", "principal_iin")
DOCUMENTS = (Document.BIRTH_CERTIFICATE, Document.POWER_OF_ATTORNEY)
DOCUMENT_NUMBER_MAX = 40
FIELDS = {"request_id", *TEXTS, *IINS, "applicant_phone", "child_birth_date", *FLAGS,
          "documents", "consent"}
MESSAGES = {
    "required": "This field is required.",
    "wrong_type": "This field has the wrong type: see the API description.",
    "too_long": "This is too long: at most {limit} characters.",
    "bad_iin": "Not a valid IIN: 12 digits, the last one the check digit.",
    "bad_phone": "Not a phone number, e.g. +7 701 234 56 78.",
    "bad_date": "Not a date of the calendar as YYYY-MM-DD.",
    "bad_request_id": "The request id is 1 to 64 letters, digits, dots, colons, dashes or "
                      "underscores.",
    "unknown_field": "This field is not part of a request.",
    "unexpected": "Only for a representative: send it with \"by_proxy\": true.",
    "same_iin": "The child's IIN cannot be the applicant's.",
    "document_missing": "This document's data is required for this request.",
    "document_not_needed": "Only for a representative: send it with \"by_proxy\": true.",
    "child_future": "The date of birth cannot be in the future.",
    "child_adult": "The certificate is for a child under 18.",
    "date_ahead": "The document cannot be dated after today.",
}
WHY_DOCUMENT = {
    Document.BIRTH_CERTIFICATE: "The child's birth certificate is required: the child was born "
                                "before 13 August 2007 or abroad.",
    Document.POWER_OF_ATTORNEY: "The notarised power of attorney is required: a representative "
                                "applies for the guardian.",
}


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field: its path in the body, a stable code and a sentence."""

    field: str
    error: str
    message: str

    def as_json(self) -> dict:
        return {"field": self.field, "error": self.error, "message": self.message}


def problem(path: str, error: str, **values) -> Problem:
    return Problem(path, error, MESSAGES[error].format(**values))


class Invalid(Exception):
    """The body's problems, all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.field for p in problems))
        self.problems = problems


@dataclass
class PortalRequest:
    """A request as read: the application's columns (the consent too), the documents'
    particulars."""

    request_id: str
    values: dict = field(default_factory=dict)  # the consent among them
    documents: dict = field(default_factory=dict)

    @property
    def consent(self) -> bool:
        return self.values["consent"]

    @property
    def digest(self) -> str:
        """What the request asks, whatever the order or spacing of its JSON: the same request
        id with another digest is another request."""
        canonical = json.dumps({"values": self.values, "documents": self.documents},
                               sort_keys=True, default=str, ensure_ascii=False,
                               separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


class Reader:
    """Reads the fields of one body, keeping every problem."""

    def __init__(self, body: dict):
        self.body, self.problems = body, []

    def refuse(self, path: str, error: str, **values) -> None:
        """Keep the problem; the field reads as None."""
        self.problems.append(problem(path, error, **values))

    def text(self, value, path: str, limit: int | None, required: bool) -> str | None:
        """A text field, stripped: None when refused or required and absent; "" when an
        optional one is absent (as the form's columns keep it)."""
        if value is None:
            return self.missing(path, required)
        if not isinstance(value, str):
            return self.refuse(path, "wrong_type")
        value = value.strip()
        if not value:
            return self.missing(path, required)
        if limit is not None and len(value) > limit:
            return self.refuse(path, "too_long", limit=limit)
        return value

    def missing(self, path: str, required: bool) -> str | None:
        if required:
            return self.refuse(path, "required")
        return ""

    def iin(self, value, path: str, required: bool) -> str | None:
        text = self.text(value, path, None, required)
        if text and not is_valid_iin(text):
            return self.refuse(path, "bad_iin")
        return text

    def day(self, value, path: str, required: bool = True) -> date | None:
        if value is None:
            return self.refuse(path, "required") if required else None
        if not isinstance(value, str):
            return self.refuse(path, "wrong_type")
        if not DATE.fullmatch(value):
            return self.refuse(path, "bad_date")
        try:
            return date.fromisoformat(value)
        except ValueError:  # e.g. 2026-02-30: not a day of the calendar
            return self.refuse(path, "bad_date")

    def flag(self, value, path: str) -> bool | None:
        if value is None:
            return False
        if not isinstance(value, bool):
            return self.refuse(path, "wrong_type")
        return value


def read_request(body: dict) -> PortalRequest:
    """The request a JSON object asks for; ``Invalid`` with every problem if it cannot be."""
    reader = Reader(body)
    for name in body:
        if name not in FIELDS:
            reader.refuse(name[:FIELD_NAME_SHOWN], "unknown_field")
    request_id = body.get("request_id")
    if request_id is None:
        reader.refuse("request_id", "required")
    elif not isinstance(request_id, str) or not REQUEST_ID.fullmatch(request_id):
        reader.refuse("request_id", "bad_request_id")
    values = read_values(reader)
    documents = read_documents(reader, values)
    consent = body.get("consent")
    if consent is not None and not isinstance(consent, bool):
        reader.refuse("consent", "wrong_type")
    if reader.problems:
        raise Invalid(reader.problems)
    values["consent"] = consent is True
    return PortalRequest(request_id, values, documents)


def read_values(reader: Reader) -> dict:
    """The application's columns, as the form fills them."""
    body = reader.body
    values = {name: reader.text(body.get(name), name, limit, required)
              for name, (limit, required) in TEXTS.items()}
    values |= {name: reader.iin(body.get(name), name, required) for name, required in IINS.items()}
    values["applicant_phone"] = phone(reader, body.get("applicant_phone"))
    values["child_birth_date"] = reader.day(body.get("child_birth_date"), "child_birth_date")
    values |= {name: reader.flag(body.get(name), name) for name in FLAGS}
    if values["child_iin"] and values["child_iin"] == values["applicant_iin"]:
        reader.refuse("child_iin", "same_iin")
    if values["by_proxy"]:
        for name in PROXY_ONLY:
            if not values[name] and not any(p.field == name for p in reader.problems):
                reader.refuse(name, "required")
    else:
        for name in PROXY_ONLY:
            if values[name]:
                reader.refuse(name, "unexpected")
    return values


def phone(reader: Reader, value) -> str | None:
    text = reader.text(value, "applicant_phone", PHONE_MAX, True)
    if text and not PHONE.match(text):
        return reader.refuse("applicant_phone", "bad_phone")
    return text


def read_documents(reader: Reader, values: dict) -> dict:
    """The documents' particulars ({code: {"number", "issued_on"}}), those the request needs
    present; the power of attorney's also in the application's own columns."""
    given = reader.body.get("documents")
    if given is None:
        given = {}
    if not isinstance(given, dict):
        reader.refuse("documents", "wrong_type")
        return {}
    for name in given:
        if name not in DOCUMENTS:
            reader.refuse(f"documents.{name}"[:FIELD_NAME_SHOWN], "unknown_field")
    documents = {}
    for code in DOCUMENTS:
        particulars = read_document(reader, given.get(code), f"documents.{code}")
        if particulars is not None:
            documents[str(code)] = particulars
    for code in needed_documents(values):
        if str(code) not in documents and not reader_refused(reader, f"documents.{code}"):
            reader.problems.append(Problem(f"documents.{code}", "document_missing",
                                           WHY_DOCUMENT[code]))
    proxy = documents.get(Document.POWER_OF_ATTORNEY)
    if proxy is not None and values["by_proxy"] is False:
        reader.refuse(f"documents.{Document.POWER_OF_ATTORNEY}", "document_not_needed")
    values["proxy_number"] = proxy["number"] if proxy else ""
    values["proxy_date"] = date.fromisoformat(proxy["issued_on"]) if proxy else None
    return documents


def reader_refused(reader: Reader, prefix: str) -> bool:
    return any(p.field.startswith(prefix) for p in reader.problems)


def needed_documents(values: dict) -> list[Document]:
    """The documents the request must carry as data (those its values could tell)."""
    needed = []
    birth, abroad = values["child_birth_date"], values["child_born_abroad"]
    if birth is not None and abroad is not None and needs_birth_certificate(birth, abroad):
        needed.append(Document.BIRTH_CERTIFICATE)
    if values["by_proxy"]:
        needed.append(Document.POWER_OF_ATTORNEY)
    return needed


def read_document(reader: Reader, given, path: str) -> dict | None:
    """One document's particulars: its number and the day it was issued."""
    if given is None:
        return None
    if not isinstance(given, dict):
        return reader.refuse(path, "wrong_type")
    for name in given:
        if name not in ("number", "issued_on"):
            reader.refuse(f"{path}.{name}"[:FIELD_NAME_SHOWN], "unknown_field")
    number = reader.text(given.get("number"), f"{path}.number", DOCUMENT_NUMBER_MAX, True)
    issued_on = reader.day(given.get("issued_on"), f"{path}.issued_on")
    if number is None or issued_on is None:
        return None
    return {"number": number, "issued_on": issued_on.isoformat()}


def rule_problems(asked: PortalRequest, today: date) -> list[Problem]:
    """What the rules refuse on ``today``: a child not yet born or already 18, a document
    dated ahead."""
    problems = []
    try:
        check_child(asked.values["child_birth_date"], today)
    except ChildNotEligible as refusal:
        problems.append(problem("child_birth_date", refusal.key))
    for code, particulars in asked.documents.items():
        if date.fromisoformat(particulars["issued_on"]) > today:
            problems.append(problem(f"documents.{code}.issued_on", "date_ahead"))
    return problems
