"""The registry's forms: a guardianship record with its children rows, ending one, a CSV import,
and the search."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import FormField, RadioField, StringField
from wtforms.fields import FieldList
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, StopValidation, ValidationError

from kiosk.forms.fields import (
    BAD_DATE,
    REQUIRED,
    TOO_LONG,
    DayField,
    KioskForm,
    KioskSubform,
    iin_check,
    not_in_future,
    strip,
)
from queue_mgr.casework.basis import BasisKind

MAX_CHILDREN = 20
# The upload shares the request with the form's other fields; the app's MAX_CONTENT_LENGTH
# bounds the whole request.
FORM_OVERHEAD = 4 * 1024


def text_field(label, max_length: int, missing=REQUIRED) -> StringField:
    return StringField(label, filters=[strip], validators=[
        DataRequired(missing), Length(max=max_length, message=TOO_LONG),
    ], render_kw={"maxlength": max_length})


BASIS_KINDS = [SelectChoice(BasisKind.ORDER.value, _l("An order")),
               SelectChoice(BasisKind.RESOLUTION.value, _l("A resolution"))]
CHOOSE_KIND = _l("Choose whether the basis is an order or a resolution.")


def kind_check(form, field) -> None:
    """An order or a resolution, chosen: neither left out nor another value (the same message)."""
    if field.data not in {kind.value for kind in BasisKind}:
        raise StopValidation(CHOOSE_KIND)


def iin_field(label) -> StringField:
    return StringField(label, validators=[InputRequired(REQUIRED), iin_check],
                       render_kw={"inputmode": "numeric", "autocomplete": "off",
                                  "maxlength": 14})


class ChildForm(KioskSubform):
    """One child under the guardianship: a row of the record."""

    full_name = text_field(_l("Child's full name"), 200)
    birth_date = DayField(_l("Child's date of birth"),
                          validators=[InputRequired(BAD_DATE), not_in_future])
    iin = iin_field(_l("Child's IIN"))


class RecordForm(KioskForm):
    """A guardianship record: the guardian, the order or resolution it rests on (its body named
    in Kazakh and in Russian), and the children."""

    guardian_name = text_field(_l("The guardian's full name"), 200)
    guardian_iin = iin_field(_l("The guardian's IIN"))
    basis_kind = RadioField(_l("The guardianship rests on"), choices=BASIS_KINDS,
                            validate_choice=False, validators=[kind_check])
    basis_number = text_field(_l("Number of the order or resolution"), 60)
    basis_date = DayField(_l("Date of the order or resolution"),
                          validators=[InputRequired(BAD_DATE), not_in_future])
    # Each language's certificate prints the body's name in that language.
    basis_body_kk = text_field(_l("Body that issued it, in Kazakh"), 300,
                               _l("Enter the name of the body in Kazakh."))
    basis_body_ru = text_field(_l("Body that issued it, in Russian"), 300,
                               _l("Enter the name of the body in Russian."))
    children = FieldList(FormField(ChildForm), min_entries=1, max_entries=MAX_CHILDREN)

    def validate_children(self, field):
        iins = [entry.iin.data for entry in field if entry.iin.data]
        if len(set(iins)) != len(iins):
            raise ValidationError(_l("Each child appears once: two rows have the same IIN."))
        if self.guardian_iin.data and self.guardian_iin.data in iins:
            raise ValidationError(_l("A child's IIN cannot be the guardian's."))

    def change_rows(self, action: str) -> bool:
        """Add or remove a child's row as a row button asked; False when none was pressed."""
        if action == "add":
            if len(self.children) < MAX_CHILDREN:
                self.children.append_entry()
            return True
        index = action.removeprefix("remove-")
        if action.startswith("remove-") and index.isdigit():
            if len(self.children) > 1 and int(index) < len(self.children):
                self.children.pop_entry(int(index))
            return True
        return False


class EndForm(KioskForm):
    """The day a guardianship ended (the child came of age, an order ended it...)."""

    ended_on = DayField(_l("Ended on"), validators=[InputRequired(BAD_DATE), not_in_future])


def import_limit() -> int:
    """The largest CSV file one request can carry."""
    return current_app.config["MAX_CONTENT_LENGTH"] - FORM_OVERHEAD


def size_check(form, field) -> None:
    data = field.data
    if data and hasattr(data, "stream"):
        size = data.stream.seek(0, 2)
        data.stream.seek(0)
        if size > import_limit():
            raise ValidationError(_l("The file is larger than %(size)d KB. Split it into parts.",
                                     size=import_limit() // 1024))


class ImportForm(KioskForm):
    """A CSV file of records, one row per child."""

    file = FileField(_l("CSV file"), validators=[
        FileRequired(_l("Choose a CSV file.")),
        FileAllowed(["csv", "txt"], _l("Choose a file ending in .csv.")),
        size_check,
    ])


class SearchForm(KioskForm):
    """Find records by an IIN or part of a name (a guardian's or a child's)."""

    q = StringField(_l("IIN or name"), filters=[strip], validators=[
        Length(max=100, message=TOO_LONG),
    ])
