"""Who may open which staff screen: one table of the staff areas, read by the guard of every
``/staff`` request and by the staff navigation.

An area is a blueprint nested in the staff blueprint; its roles open all of its screens, except
the endpoints it lists with roles of their own. Screens that refresh themselves are passive: they
do not count as activity, so a screen left open still signs out after the idle time.
"""

from dataclasses import dataclass, field

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kiosk.accounts.models import Role

STAFF = "staff"  # the parent blueprint: every area's endpoint is "staff.<area>.<view>"
WINDOW = (Role.OPERATOR, Role.SUPERVISOR)
SUPERVISING = (Role.SUPERVISOR, Role.ADMIN)
ADMINISTERING = (Role.ADMIN,)
BOOKING = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)  # a caller's booking, at the hall
PRINTING = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
VIEWING_REQUESTS = (Role.PROVIDER, Role.SUPERVISOR, Role.ADMIN)
# The provider's reasoned refusal: its officers and the hall's heads; an operator prints it for
# the applicant at their window (kiosk.casework.papers says whose).
REFUSAL_PAPERS = (Role.PROVIDER, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
DECIDING = (Role.PROVIDER,)
REGISTRY = (Role.PROVIDER, Role.ADMIN)
# Complaints: registered and answered by the hall's head (at the hall) and the provider's officer
# (at the provider's office), each in their office's register; the admin reads both.
COMPLAINTS = (Role.SUPERVISOR, Role.PROVIDER, Role.ADMIN)
REGISTERING = (Role.SUPERVISOR, Role.PROVIDER)
# Home visits: the hall's head registers and schedules them; the employee sent (an operator or
# the head) takes the application or hands over the result at home; the admin reads them.
VISITS = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
SCHEDULING_VISITS = (Role.SUPERVISOR,)
VISITING = (Role.OPERATOR, Role.SUPERVISOR)
EVERYONE = Role.ALL
PUBLIC = frozenset({"staff.login"})  # the one staff screen open without signing in


@dataclass(frozen=True)
class Entry:
    """A link of the staff navigation (and, if ``on_home``, of the staff home page)."""

    label: object  # a lazy, translated text
    endpoint: str
    roles: tuple[str, ...]
    on_home: bool = True


@dataclass(frozen=True)
class Area:
    """A staff area: its blueprint, who may open it, and its screens with other roles."""

    name: str
    roles: tuple[str, ...]
    screens: dict[str, tuple[str, ...]] = field(default_factory=dict)
    passive: frozenset[str] = frozenset()


AREAS = {area.name: area for area in (
    Area(STAFF, EVERYONE),
    Area("operator", WINDOW, passive=frozenset({"line"})),
    Area("intake", WINDOW, screens={"transfers": SUPERVISING}),
    Area("supervisor", SUPERVISING, passive=frozenset({"hall"})),
    Area("reports", SUPERVISING),
    Area("appointments", BOOKING),
    Area("provider", VIEWING_REQUESTS, passive=frozenset({"pending_live"}), screens={
        "confirm_with_record": DECIDING, "confirm_with_basis": DECIDING, "refuse": DECIDING,
        "returned": DECIDING, "refusal": REFUSAL_PAPERS, "refusal_pdf": REFUSAL_PAPERS}),
    Area("registry", REGISTRY),
    Area("certificates", SUPERVISING, screens={
        "show": PRINTING, "print_sheets": PRINTING, "pdf": PRINTING}),
    Area("complaints", COMPLAINTS, screens={
        "new": REGISTERING, "register": REGISTERING, "answer": REGISTERING}),
    Area("visits", VISITS, screens={
        "new": SCHEDULING_VISITS, "register_request": SCHEDULING_VISITS,
        "schedule": SCHEDULING_VISITS, "cancel": SCHEDULING_VISITS, "save": VISITING,
        "accept": VISITING, "refuse": VISITING, "hand_over": VISITING}),
    Area("admin", ADMINISTERING),
)}

MENU = (
    Entry(_l("My window"), "staff.operator.desk", WINDOW),
    Entry(_l("Hand over a result"), "staff.intake.handover", WINDOW, on_home=False),
    Entry(_l("Hall overview"), "staff.supervisor.overview", SUPERVISING),
    Entry(_l("Reports"), "staff.reports.report_page", SUPERVISING, on_home=False),
    Entry(_l("Handed to the provider"), "staff.intake.transfers", SUPERVISING, on_home=False),
    Entry(_l("Bookings"), "staff.appointments.day_page", BOOKING, on_home=False),
    Entry(_l("Requests"), "staff.provider.pending", (Role.PROVIDER,)),
    Entry(_l("Guardianship registry"), "staff.registry.records", REGISTRY),
    Entry(_l("Complaints"), "staff.complaints.index", COMPLAINTS),
    Entry(_l("Home visits"), "staff.visits.index", VISITS, on_home=False),
    Entry(_l("Administration"), "staff.admin.index", ADMINISTERING),
)

# Where each role lands after signing in (the staff home for the others).
LANDING = {Role.OPERATOR: "staff.operator.desk", Role.SUPERVISOR: "staff.supervisor.overview",
           Role.ADMIN: "staff.supervisor.overview", Role.PROVIDER: "staff.provider.pending"}


def split(endpoint: str) -> tuple[Area | None, str]:
    """The area of a staff endpoint (``staff.<area>.<view>`` or ``staff.<view>``) and its view."""
    parts = endpoint.split(".")
    if parts[0] != STAFF or len(parts) not in (2, 3):
        return None, ""
    return AREAS.get(parts[1] if len(parts) == 3 else STAFF), parts[-1]


def required_roles(endpoint: str) -> tuple[str, ...]:
    """The roles that may open a staff endpoint (none for an endpoint outside the table)."""
    area, view = split(endpoint)
    if area is None or endpoint in PUBLIC:
        return ()
    return area.screens.get(view, area.roles)


def is_passive(endpoint: str) -> bool:
    area, view = split(endpoint)
    return area is not None and view in area.passive


def may(endpoint: str) -> bool:
    """Whether the signed-in member of staff may open ``endpoint`` (for links and buttons)."""
    return current_user.is_authenticated and current_user.role in required_roles(endpoint)


def menu(home: bool = False) -> list[Entry]:
    """The staff navigation's links for the signed-in member of staff."""
    return [entry for entry in MENU
            if current_user.role in entry.roles and (entry.on_home or not home)]


def current_area() -> str | None:
    """The staff area of this request (for the navigation's current page)."""
    area, _view = split(request.endpoint or "")
    return area.name if area is not None else None
