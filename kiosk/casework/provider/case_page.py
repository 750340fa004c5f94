"""The page of one request, which the provider's views and decisions share, and the time left
to decide it."""

from dataclasses import dataclass

from flask import abort, render_template

from kiosk.accounts.access import may
from kiosk.casework.cases import guardian_iin
from kiosk.casework.models import Application
from kiosk.casework.people import applicant_name, child_name, guardian_name
from kiosk.casework.provider.forms import ChooseRecordForm, RefuseForm
from kiosk.casework.provider.queries import accepted_application, confirms, matching_records
from kiosk.casework.registry.forms import RecordForm
from kiosk.casework.wording import document_short_name, status_short_name, time_left_name
from kiosk.forms.buttons import ButtonForm
from kiosk.hall.settings import hall_zone
from kiosk.hall.workdays import working_calendar
from kiosk.web.clock import now
from queue_mgr.casework.applications import ApplicationStatus, is_trusteeship
from queue_mgr.casework.deadlines import TimeLeft, time_left


@dataclass(frozen=True)
class Deadline:
    """A request's time left, and the words for it."""

    left: TimeLeft
    label: str


def deadline_of(application: Application) -> Deadline | None:
    if application.due_at is None:
        return None
    left = time_left(application.due_at, now(), working_calendar(), hall_zone())
    return Deadline(left, time_left_name(left))


def application_or_404(application_id: int) -> Application:
    application = accepted_application(application_id)
    if application is None:
        abort(404)
    return application


def basis_form_for(application: Application) -> RecordForm:
    """The basis form, its guardian and child taken from the application."""
    return RecordForm(formdata=None, data={
        "guardian_name": guardian_name(application),
        "guardian_iin": guardian_iin(application),
        "children": [{"full_name": child_name(application),
                      "birth_date": application.child_birth_date,
                      "iin": application.child_iin}],
    })


def case_page(application: Application, status: int = 200, message: str | None = None,
              **forms):
    """The request with everything the provider decides on; ``forms`` keep what was posted."""
    records = matching_records(application)
    today = now().astimezone(hall_zone()).date()
    deciding = may("staff.provider.refuse")
    context = {
        "application": application, "message": message,
        "status_name": status_short_name(application.status),
        "applicant": applicant_name(application), "guardian": guardian_name(application),
        "guardian_iin": guardian_iin(application), "child": child_name(application),
        "trusteeship": bool(application.child_birth_date)
        and is_trusteeship(application.child_birth_date, today),
        "documents": [document_short_name(code) for code in application.documents or ()],
        "deadline": deadline_of(application),
        "records": [(record, confirms(record, application)) for record in records],
        "can_decide": deciding and application.status == ApplicationStatus.AT_PROVIDER,
        "can_return": deciding and application.status == ApplicationStatus.REQUESTED_BACK,
        "choose_form": forms.get("choose") or ChooseRecordForm(formdata=None),
        "basis_form": forms.get("basis") or basis_form_for(application),
        "refuse_form": forms.get("refuse") or RefuseForm(formdata=None),
        "button_form": ButtonForm(formdata=None),
    }
    return render_template("provider/application.html", **context), status
