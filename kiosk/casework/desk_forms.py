"""The forms where the applicant is met (a window, or their home): the documents received, and
handing a result over."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kiosk.casework.cases import Receiver
from kiosk.casework.wording import document_name
from kiosk.forms.fields import REQUIRED, TOO_LONG, DayField, KioskForm, iin_check, strip
from queue_mgr.casework.applications import Document
from queue_mgr.casework.handover import PowerOfAttorney, Taker


class DocumentChecks(SelectMultipleField):
    """Checkboxes of the checklist; a document the checklist no longer asks for is a changed
    screen, not a choice to accept."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        asked = {str(choice.value) for choice in self.choices or []}
        if any(value not in asked for value in self.data or []):
            raise ValidationError(_l("The list of documents has changed: check it again."))


class ChecklistForm(KioskForm):
    """The documents of the checklist the applicant brought, ticked at the window."""

    received = DocumentChecks(_l("Documents received"))

    @classmethod
    def of(cls, checklist: list[Document], **kwargs) -> "ChecklistForm":
        form = cls(**kwargs)
        form.received.choices = [SelectChoice(str(document), document_name(document))
                                 for document in checklist]
        return form

    @property
    def received_set(self) -> set[str]:
        return set(self.received.data or [])


class HandOverForm(KioskForm):
    """Who takes the result, the identity document they show, and a representative's notarised
    power of attorney (whose dates the rules of handover check)."""

    to = RadioField(_l("The result is taken by"), choices=[
        SelectChoice("applicant", _l("The applicant (or the guardian they represent)")),
        SelectChoice("representative", _l("A representative with a notarised power of attorney")),
    ], default="applicant", validators=[InputRequired(REQUIRED)])
    iin = StringField(_l("IIN in the identity document shown"),
                      validators=[InputRequired(REQUIRED), iin_check])
    receiver_name = StringField(_l("The representative's full name, as in the identity document"),
                                validators=[Optional(), Length(max=200, message=TOO_LONG)],
                                filters=[strip])
    proxy_number = StringField(_l("Power of attorney number"), validators=[
        Optional(), Length(max=40, message=TOO_LONG),
    ], filters=[strip])
    proxy_date = DayField(_l("Power of attorney date"), validators=[Optional()])
    proxy_notary = StringField(_l("Notary who certified it (full name)"), validators=[
        Optional(), Length(max=200, message=TOO_LONG),
    ], filters=[strip])
    proxy_valid_until = DayField(_l("Valid until (leave empty if it states no term)"),
                                 validators=[Optional()])

    # A term is not among them: without one, a power of attorney serves a year.
    REPRESENTATIVE_FIELDS = ("receiver_name", "proxy_number", "proxy_date", "proxy_notary")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.to.data == Taker.REPRESENTATIVE:
            for field in (self[name] for name in self.REPRESENTATIVE_FIELDS):
                if not field.data and not field.errors:
                    field.errors = [*field.errors, str(REQUIRED)]
                    valid = False
        return valid

    def receiver(self) -> Receiver:
        """Who takes the result, as the rules of handover read it."""
        if self.to.data != Taker.REPRESENTATIVE:
            return Receiver(Taker.APPLICANT, self.iin.data)
        proxy = PowerOfAttorney(self.proxy_number.data, self.proxy_date.data,
                                self.proxy_notary.data, self.proxy_valid_until.data)
        return Receiver(Taker.REPRESENTATIVE, self.iin.data, self.receiver_name.data, proxy)
