"""The window's small forms: the documents received, and handing a result over."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kiosk.casework.wording import document_name
from kiosk.forms.fields import REQUIRED, DayField, KioskForm, iin_check
from queue_mgr.casework.applications import Document


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
    """Who takes the result, the IIN of the identity document they show, and a representative's
    power of attorney."""

    to = RadioField(_l("The result is taken by"), choices=[
        SelectChoice("applicant", _l("The applicant (or the guardian they represent)")),
        SelectChoice("representative", _l("A representative with a notarised power of attorney")),
    ], default="applicant", validators=[InputRequired(REQUIRED)])
    iin = StringField(_l("IIN in the identity document shown"),
                      validators=[InputRequired(REQUIRED), iin_check])
    proxy_number = StringField(_l("Power of attorney number"), validators=[
        Optional(), Length(max=40, message=_l("This is too long.")),
    ])
    proxy_date = DayField(_l("Power of attorney date"),
                          validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.to.data == "representative":
            for field in (self.proxy_number, self.proxy_date):
                if not field.data and not field.errors:
                    field.errors = [*field.errors, str(REQUIRED)]
                    valid = False
        return valid

    def note(self) -> str:
        """The power of attorney, as the handover's record names it."""
        if self.to.data != "representative":
            return ""
        return f"PoA No {self.proxy_number.data.strip()} of {self.proxy_date.data:%d.%m.%Y}"
