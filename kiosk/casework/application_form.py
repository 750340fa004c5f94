"""The application (Appendix 2), as the kiosk and the window fill it in: every field checked on
the server, every message at its field."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from kiosk.casework.cases import has_open_request
from kiosk.casework.models import Application
from kiosk.forms.fields import (
    BAD_DATE,
    REQUIRED,
    DayField,
    KioskForm,
    empty_if_left_out,
    iin_check,
    strip,
)
from kiosk.hall.settings import hall_zone
from kiosk.web.clock import now
from kiosk.web.refusals import refusal_message
from queue_mgr.casework.applications import ChildNotEligible, check_child

NAME_MAX = 100
PHONE_MAX = 20  # the column's length, the plus sign included
PHONE = re.compile(rf"^(?=.{{10,{PHONE_MAX}}}$)\+?[0-9 ()-]+$")



def phone_check(form, field):
    if field.data and not PHONE.match(field.data.strip()):
        raise ValidationError(_l("Enter a phone number, e.g. +7 701 234 56 78."))


def name_field(label, required: bool = True) -> StringField:
    checks = [DataRequired(REQUIRED)] if required else [Optional()]
    return StringField(label, validators=[
        *checks, Length(max=NAME_MAX, message=_l("This is too long.")),
    ], filters=[strip, empty_if_left_out])


class ApplicationForm(KioskForm):
    """Appendix 2: the applicant, the child, a power of attorney, and the consent."""

    applicant_surname = name_field(_l("Surname"))
    applicant_name = name_field(_l("First name"))
    applicant_patronymic = name_field(_l("Patronymic (if any)"), required=False)
    applicant_iin = StringField(_l("IIN"), validators=[InputRequired(REQUIRED), iin_check])
    applicant_phone = StringField(_l("Phone"), validators=[InputRequired(REQUIRED), phone_check],
                                  filters=[strip])
    applicant_address = StringField(_l("Address"), validators=[
        DataRequired(REQUIRED), Length(max=300, message=_l("This is too long.")),
    ], filters=[strip])
    child_surname = name_field(_l("Child's surname"))
    child_name = name_field(_l("Child's first name"))
    child_patronymic = name_field(_l("Child's patronymic (if any)"), required=False)
    child_birth_date = DayField(_l("Child's date of birth"),
                                 validators=[InputRequired(BAD_DATE)])
    child_iin = StringField(_l("Child's IIN"), validators=[InputRequired(REQUIRED), iin_check])
    child_born_abroad = RadioField(_l("Place of birth"), choices=[
        SelectChoice("kz", _l("Kazakhstan")), SelectChoice("abroad", _l("Abroad")),
    ], default="kz", validators=[InputRequired(REQUIRED)])
    by_proxy = BooleanField(_l("I act for the guardian by a notarised power of attorney"))
    principal_name = StringField(_l("The guardian's full name"), validators=[
        Optional(), Length(max=200, message=_l("This is too long.")),
    ])
    principal_iin = StringField(_l("The guardian's IIN"), validators=[Optional(), iin_check])
    proxy_number = StringField(_l("Power of attorney number"), validators=[
        Optional(), Length(max=40, message=_l("This is too long.")),
    ])
    proxy_date = DayField(_l("Power of attorney date"),
                           validators=[Optional()])
    consent = BooleanField(_l(
        "I consent to the use of legally protected secret information held in information "
        "systems."
    ))

    application_id: int | None = None  # the draft being completed, not counted as "open"
    shows_open_requests = True  # staff see it; the public kiosk must not (see below)

    def validate_child_birth_date(self, field):
        if field.data is None:
            raise ValidationError(BAD_DATE)  # e.g. 31.02: not a day of the calendar
        today = now().astimezone(hall_zone()).date()
        try:
            check_child(field.data, today)
        except ChildNotEligible as refusal:
            raise ValidationError(refusal_message(refusal)) from None

    def validate_child_iin(self, field):
        if field.data and field.data == self.applicant_iin.data:
            raise ValidationError(_l("The child's IIN cannot be the applicant's."))
        if field.data and self.shows_open_requests and has_open_request(field.data,
                                                                        self.application_id):
            raise ValidationError(_l("This child already has an open request."))

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("Without this consent the application cannot be accepted."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.by_proxy.data:
            for field in (self.principal_name, self.principal_iin, self.proxy_number,
                          self.proxy_date):
                if not field.data:
                    field.errors = [*field.errors, str(REQUIRED)]
                    valid = False
        return valid

    def fill(self, application: Application) -> None:
        """Copy the form into the application (the born-abroad choice and the proxy too)."""
        for name in ("applicant_surname", "applicant_name", "applicant_patronymic",
                     "applicant_iin", "applicant_phone", "applicant_address", "child_surname",
                     "child_name", "child_patronymic", "child_birth_date", "child_iin",
                     "consent", "by_proxy"):
            setattr(application, name, getattr(self, name).data)
        application.child_born_abroad = self.child_born_abroad.data == "abroad"
        proxy = self.by_proxy.data
        application.principal_name = self.principal_name.data if proxy else ""
        application.principal_iin = self.principal_iin.data if proxy else ""
        application.proxy_number = self.proxy_number.data if proxy else ""
        application.proxy_date = self.proxy_date.data if proxy else None

    @classmethod
    def of(cls, application: Application) -> "ApplicationForm":
        """A form showing an application already filled (e.g. at the kiosk)."""
        form = cls(formdata=None, obj=application)
        form.child_born_abroad.data = "abroad" if application.child_born_abroad else "kz"
        form.application_id = application.id
        return form


class KioskApplicationForm(ApplicationForm):
    """The applicant's own form at the kiosk. Anyone may type any child's IIN there, so it never
    says whether that child has an open request: the window tells the operator at intake."""

    shows_open_requests = False
