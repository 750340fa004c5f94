"""What tests/test_fuzz.py sends to: every route and method of the URL map, as each role that may
use it, with the fields its pages' forms and its view's form classes read, all good to begin."""

import inspect
import re
import sys
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from wtforms.fields import FieldList, FileField, FormField
from wtforms.fields.core import UnboundField

from kiosk.accounts.access import required_roles
from kiosk.forms.fields import KioskForm
from tests.fuzz_hall import Hall, address_values, field_values, portal_request_body

PORTAL = {"Authorization": "Bearer test-portal-token"}
PORTAL_APIS = ("portal.", "portal_requests.")  # the endpoints the portal's gateway calls
RANK = {"anonymous": 0, "operator": 1, "provider": 2, "supervisor": 3, "admin": 4}
# Actions after which their case takes no more of their kind: sent after a role's other routes.
CLOSING = {
    "staff.intake.accept", "staff.intake.refuse", "staff.intake.hand_over",
    "staff.intake.request_back", "staff.intake.returned", "staff.provider.confirm_with_record",
    "staff.provider.confirm_with_basis", "staff.provider.refuse", "staff.provider.returned",
    "staff.certificates.annul", "staff.certificates.reissue", "staff.registry.end_record",
    "staff.appointments.cancel_booking", "staff.admin.delete_window", "staff.admin.remove_override",
    "portal.remove", "staff.operator.act", "staff.complaints.answer", "staff.visits.accept",
    "staff.visits.refuse", "staff.visits.hand_over", "staff.visits.cancel",
}


@dataclass
class Target:
    """One route and method as a role sends it, with good values in every slot."""

    role: str
    endpoint: str
    rule: str
    method: str
    address: dict[str, str]
    query: dict[str, list[str]]
    form: dict[str, list] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    body: dict | None = None
    address_only: bool = False

    def slots(self):
        """(where, name) of every part a request may vary."""
        yield from (("address", name) for name in self.address)
        if self.address_only:
            return
        yield from (("query", name) for name in self.query)
        yield from (("form", name) for name in self.form)
        yield from (("file", name) for name in self.files)
        if self.body is not None:
            yield ("body", "")  # the whole of it
            yield from (("json", name) for name in self.body)


def fill(rule: str, values: dict[str, str]) -> str:
    """The rule's address with ``values`` quoted in (the converters' checks left to routing)."""
    return re.sub(r"<(?:[^<>:]+:)?(\w+)>", lambda m: quote(values[m.group(1)], safe=""), rule)


def build_targets(app, clients: dict, hall: Hall) -> list[Target]:
    """Every route and method: as the anonymous visitor, and as each role admitted to it."""
    forms, opened = crawl(app, clients, hall)
    targets = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        address = {name: address_values(hall, rule.endpoint)[name] for name in rule.arguments}
        owner = owner_of(rule.endpoint, fill(rule.rule, address), opened)
        good = field_values(hall, rule.endpoint)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for role in ("anonymous", *required_roles(rule.endpoint)):
                target = target_for(rule, method, role, view, good, forms[role], address,
                                    hall)
                targets.append(target if role == owner else replace(target, address_only=True))
    return with_language_once(in_order(targets))


def owner_of(endpoint: str, path: str, opened: dict) -> str:
    """The role whose fields of a route are varied: the first it admits that opens its page
    (a supervisor holds no window). Other roles vary its address only: the same code reads
    their fields, and a role it does not admit is refused before any field is read."""
    admitted = required_roles(endpoint)
    working = [role for role in admitted if opened[role].get(path) not in (403, 409)]
    return (working or [*admitted, "anonymous"])[0]


def with_language_once(targets: list[Target]) -> list[Target]:
    """``?lang=`` is read alike by every page: varied on each role's first page."""
    seen = set()
    for target in targets:
        if target.method == "GET" and target.role not in seen and not target.address_only:
            seen.add(target.role)
            target.query["lang"] = ["kk"]
    return targets


def in_order(targets: list[Target]) -> list[Target]:
    """The anonymous visitor first, the administrator last; each role's closing actions after
    its other routes, so those find their cases open; signing out after all else."""
    return sorted(targets, key=lambda t: (t.endpoint == "staff.logout", RANK[t.role],
                                          t.method != "GET" and t.endpoint in CLOSING))


def target_for(rule, method, role, view, good, forms, address, hall: Hall) -> Target:
    path = fill(rule.rule, address)
    query = {name: [good.get(name, "")] for name in query_names(view)}
    form_fields, files = {}, set()
    for form_class in forms_of_view(view):
        form_fields |= {name: [good.get(name, "")] for name in class_fields(form_class)}
        files |= file_fields(form_class)
    page = {name: page_value(values, good.get(name, ""))
            for name, values in forms.get((method, path), {}).items()}
    if method == "GET":
        return Target(role, rule.endpoint, rule.rule, method, address, query | page)
    if rule.endpoint == "portal.make":
        body = {name: good[name] for name in ("request_id", "service", "time")}
        return Target(role, rule.endpoint, rule.rule, method, address, query,
                      body=body | {"day": "2026-11-25"})
    if rule.endpoint == "portal_requests.make":
        return Target(role, rule.endpoint, rule.rule, method, address, query,
                      body=portal_request_body(hall))
    form_fields |= page
    form_fields["csrf_token"] = forms["csrf"]["csrf_token"]
    for name in files:
        form_fields.pop(name, None)
    return Target(role, rule.endpoint, rule.rule, method, address, query, form_fields, files)


def page_value(values: list[str], good: str) -> list[str]:
    """What a page's field is sent with: what the page holds, else a good value; a box left
    unticked, nothing."""
    if values == []:
        return []
    return values if any(values) else [good]


# Where the fields are: the forms of the pages a role opens, and the forms a view uses.

class FormFields(HTMLParser):
    """The forms of a page: (method, action) -> {name: [values]}, as a browser sends them."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self.current, self.boxes = page, {}, None, {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action = urlsplit(attributes.get("action") or self.page).path
            key = ((attributes.get("method") or "get").upper(), action)
            self.current = self.forms.setdefault(key, {})
        elif tag in ("input", "select", "textarea", "button") and self.current is not None:
            self.add(attributes)

    def add(self, attributes: dict) -> None:
        name, kind = attributes.get("name"), attributes.get("type")
        if not name or "disabled" in attributes:
            return
        values = self.current.setdefault(name, [])
        if kind == "checkbox" and "checked" not in attributes:
            self.boxes.setdefault(name, []).append(attributes.get("value") or "")
        elif not values:  # the first of a choice, or the first button that sends a value
            values.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form" and self.current is not None:
            self.close_form()
            self.current = None

    def close_form(self) -> None:
        """A checklist (several boxes of one name) ticked whole; a lone box as it stands."""
        for name, values in self.boxes.items():
            if len(values) > 1 or self.current[name]:
                self.current[name] += values
        self.boxes = {}


def page_forms(path: str, html: str) -> dict:
    parser = FormFields(path)
    parser.feed(html)
    return parser.forms


def crawl(app, clients: dict, hall: Hall) -> tuple[dict, dict]:
    """The forms of every page each role opens (good addresses), with its CSRF token; and what
    each page answered."""
    found, opened = {}, {}
    for role, client in clients.items():
        forms, opened[role] = {}, {}
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static" or (
                    role not in (required_roles(rule.endpoint) or ("anonymous",))):
                continue
            path = fill(rule.rule, address_values(hall, rule.endpoint))
            response = client.get(path, headers=PORTAL if "/api/" in path else {})
            opened[role][path] = response.status_code
            if response.mimetype == "text/html":
                for key, fields in page_forms(path, response.get_data(as_text=True)).items():
                    forms.setdefault(key, {}).update(fields)
        token = next((fields["csrf_token"] for fields in forms.values()
                      if fields.get("csrf_token") and fields["csrf_token"][0]), [""])
        found[role] = forms | {"csrf": {"csrf_token": token}}
    return found, opened


def class_fields(form_class) -> list[str]:
    """The names a form class reads (a list's rows as its first row's names)."""
    names = []
    for name in dir(form_class):
        unbound = getattr(form_class, name)
        if not isinstance(unbound, UnboundField):
            continue
        if issubclass(unbound.field_class, FieldList):
            names += [f"{name}-0-{sub}" for sub in class_fields(unbound.args[0].args[0])]
        elif issubclass(unbound.field_class, FormField):
            names += [f"{name}-{sub}" for sub in class_fields(unbound.args[0])]
        else:
            names.append(name)
    return names


def file_fields(form_class) -> set[str]:
    return {name for name in dir(form_class)
            if isinstance(getattr(form_class, name), UnboundField)
            and issubclass(getattr(form_class, name).field_class, FileField)}


def forms_of_view(view) -> list[type]:
    """The form classes a view, or a function of its module it calls, names."""
    function = inspect.unwrap(view)
    names = set(function.__code__.co_names)
    for name in list(names):
        called = function.__globals__.get(name)
        if inspect.isfunction(called) and called.__module__ == function.__module__:
            names |= set(called.__code__.co_names)
    found = [function.__globals__.get(name) for name in names]
    return [cls for cls in found if inspect.isclass(cls) and issubclass(cls, KioskForm)]


def query_names(view) -> set[str]:
    """The query parameters the view's module reads (``lang``, read by every page, apart)."""
    source = inspect.getsource(sys.modules[inspect.unwrap(view).__module__])
    return (set(re.findall(r"""request\.args\.get\(\s*["'](\w+)["']""", source))
            | set(re.findall(r"""["'](\w+)["'] in request\.args""", source))) - {"lang"}
