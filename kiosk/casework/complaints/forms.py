"""The complaint forms: registering a complaint, and its reasoned answer. Every field is checked
on the server, every message shown at its field."""

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from kiosk.casework.application_form import phone_check
from kiosk.casework.complaints.register import Particulars
from kiosk.casework.complaints.wording import ADDRESSEE_NAMES, CHANNEL_NAMES, SUBJECT_NAMES
from kiosk.forms.fields import (
    AT_MOST,
    CHOOSE,
    REQUIRED,
    KioskForm,
    form_key_field,
    strip,
    text_field,
)
from queue_mgr.casework.complaints import (
    Addressee,
    Place,
    Subject,
    normal_reference,
    reference_fits,
)

NAME_MAX, ADDRESS_MAX, PHONE_MAX, REFERENCE_MAX, TEXT_MAX = 200, 300, 20, 200, 4000
# What each subject's reference must be, in the words of its message.
REFERENCE_MESSAGES = {
    Subject.REQUEST: _l("Enter the request number as the receipt prints it, e.g. 2026-00042."),
    Subject.TICKET: _l("Enter the ticket number as printed on it: a letter and three digits, "
                       "e.g. G007."),
    Subject.WINDOW: _l("Enter the window number: a whole number from 1 to 999."),
    Subject.STAFF: _l("Enter the name of the member of staff the complaint is about."),
}
# The addressee a new complaint starts with at each office.
USUAL_ADDRESSEE = {Place.HALL: Addressee.CORPORATION, Place.PROVIDER_OFFICE: Addressee.PROVIDER}


class ComplaintForm(KioskForm):
    """A written complaint: to whom, the complainant (surname, name, patronymic, postal address,
    phone, as the passport requires), what it is about, and its text."""

    form_key = form_key_field()
    addressee = SelectField(_l("Addressed to"), validators=[InputRequired(CHOOSE)], choices=[
        SelectChoice(str(code), name) for code, name in ADDRESSEE_NAMES.items()])
    complainant_name = text_field(_l("Surname, name and patronymic (if any)"), NAME_MAX)
    complainant_address = text_field(_l("Postal address"), ADDRESS_MAX)
    complainant_phone = StringField(_l("Contact phone"), validators=[
        InputRequired(REQUIRED), phone_check, Length(max=PHONE_MAX, message=AT_MOST),
    ], filters=[strip])
    subject = SelectField(_l("The complaint is about"), validators=[InputRequired(CHOOSE)],
                          choices=[SelectChoice(str(code), name)
                                   for code, name in SUBJECT_NAMES.items()])
    reference = text_field(_l("Its number or name"), REFERENCE_MAX, required=False)
    text = text_field(_l("Text of the complaint"), TEXT_MAX, area=True)

    @classmethod
    def blank(cls, office: Place | None) -> "ComplaintForm":
        """An empty form with a key of its own and the office's usual addressee."""
        return cls(formdata=None, form_key=secrets.token_urlsafe(16),
                   addressee=str(USUAL_ADDRESSEE.get(office, Addressee.PROVIDER)),
                   subject=str(Subject.REQUEST))

    def validate_reference(self, field):
        if self.subject.data not in set(Subject):
            return  # the subject's own message says what to choose
        if not reference_fits(self.subject.data, field.data):
            raise ValidationError(REFERENCE_MESSAGES[Subject(self.subject.data)])
        field.data = normal_reference(self.subject.data, field.data)

    def particulars(self) -> Particulars:
        return Particulars(
            addressee=self.addressee.data, complainant_name=self.complainant_name.data,
            complainant_address=self.complainant_address.data,
            complainant_phone=self.complainant_phone.data, subject=self.subject.data,
            reference=self.reference.data, text=self.text.data,
        )


class AnswerForm(KioskForm):
    """The reasoned answer, and how it reached the complainant."""

    answer_text = text_field(_l("The reasoned answer"), TEXT_MAX, area=True)
    channel = SelectField(_l("The answer is"), validators=[InputRequired(CHOOSE)], choices=[
        SelectChoice(str(code), name) for code, name in CHANNEL_NAMES.items()])
