"""The home visit forms: registering a request, scheduling its visit, cancelling it. Every field
is checked on the server, every message shown at its field."""

import secrets
from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from kiosk.casework.application_form import phone_check
from kiosk.casework.home_visits.register import VisitRequest
from kiosk.casework.home_visits.wording import PURPOSE_NAMES
from kiosk.forms.fields import (
    AT_MOST,
    CHOOSE,
    REQUIRED,
    DayField,
    KioskForm,
    form_key_field,
    strip,
    text_field,
)
from kiosk.hall.settings import hall_zone
from queue_mgr.casework.home_visits import CONTACT_LINES, VisitPurpose

REQUEST_NUMBER = r"^[0-9]{4}-[0-9]{5,6}$"
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
NAME_MAX, ADDRESS_MAX, PHONE_MAX, REASON_MAX = 200, 300, 20, 500


class VisitForm(KioskForm):
    """A request for the service at home, as the contact centre took it: who, where, why."""

    form_key = form_key_field()
    purpose = RadioField(_l("The visit is to"), validators=[InputRequired(CHOOSE)], choices=[
        SelectChoice(str(code), name) for code, name in PURPOSE_NAMES.items()])
    contact_line = SelectField(_l("Asked through"), validators=[InputRequired(CHOOSE)],
                               choices=[SelectChoice(line, line) for line in CONTACT_LINES])
    service = SelectField(_l("Service"), validators=[InputRequired(CHOOSE)], coerce=int)
    applicant_name = text_field(_l("Surname, name and patronymic (if any)"), NAME_MAX)
    address = text_field(_l("Home address"), ADDRESS_MAX)
    phone = StringField(_l("Contact phone"), validators=[
        InputRequired(REQUIRED), phone_check, Length(max=PHONE_MAX, message=AT_MOST),
    ], filters=[strip])
    reason = text_field(_l("Why the applicant cannot come (as they said)"), REASON_MAX,
                        area=True)
    request_number = StringField(_l("Request number (for a result to hand over)"),
                                 filters=[strip])

    @classmethod
    def blank(cls, services) -> "VisitForm":
        form = cls(formdata=None, form_key=secrets.token_urlsafe(16),
                   purpose=str(VisitPurpose.INTAKE))
        return form.offering(services)

    def offering(self, services) -> "VisitForm":
        """The services a visit can be for: those that take an application."""
        self.service.choices = [SelectChoice(service.id, service.name) for service in services]
        return self

    def validate_request_number(self, field):
        if self.purpose.data != VisitPurpose.HANDOVER:
            field.data = ""
            return
        if not field.data:
            raise ValidationError(REQUIRED)
        if not Regexp(REQUEST_NUMBER).regex.match(field.data):
            raise ValidationError(_l("Enter the request number as the receipt prints it, "
                                     "e.g. 2026-00042."))

    def asked(self) -> VisitRequest:
        return VisitRequest(
            purpose=self.purpose.data, contact_line=self.contact_line.data,
            service_id=self.service.data, applicant_name=self.applicant_name.data,
            address=self.address.data, phone=self.phone.data, reason=self.reason.data,
            request_number=self.request_number.data,
        )


class ScheduleForm(KioskForm):
    """When the visit is made, and by whom."""

    day = DayField(_l("Day of the visit"), validators=[InputRequired(REQUIRED)])
    time = StringField(_l("Time (HH:MM)"), validators=[
        InputRequired(REQUIRED),
        Regexp(CLOCK, message=_l("Enter a time as HH:MM, e.g. 10:30."))], filters=[strip],
        render_kw={"inputmode": "numeric", "placeholder": "10:30", "autocomplete": "off"})
    employee = SelectField(_l("Employee"), validators=[InputRequired(CHOOSE)], coerce=int)

    @classmethod
    def of(cls, visit) -> "ScheduleForm":
        """The form showing the visit's time and employee, if it has them."""
        if visit.scheduled_at is None:
            return cls(formdata=None)
        local = visit.scheduled_at.astimezone(hall_zone())
        return cls(formdata=None, day=local.date(), time=f"{local:%H:%M}",
                   employee=visit.employee_id)

    def staffed_by(self, employees) -> "ScheduleForm":
        self.employee.choices = [SelectChoice(user.id, user.full_name) for user in employees]
        return self

    def moment(self) -> datetime:
        """The visit's moment in the hall's time zone."""
        hour, minute = (int(part) for part in self.time.data.split(":"))
        return datetime.combine(self.day.data, time(hour, minute), tzinfo=hall_zone())


class CancelForm(KioskForm):
    """Why the visit is not made (the applicant withdrew, came to the hall, ...)."""

    cancel_reason = text_field(_l("Why the visit is cancelled"), 300)
