"""The administrator's forms: services, priority groups, windows and staff accounts."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from kiosk.accounts.models import Role
from kiosk.forms.fields import BAD_NUMBER, KioskForm, WholeNumberField, whole_number

CODE = r"^[a-z][a-z0-9_-]{1,39}$"
USERNAME = r"^[a-z0-9._-]{3,64}$"
PASSWORD_MIN = 10
PASSWORD_MAX = 200
NAME_MAX = 200
ROLE_NAMES = {
    Role.OPERATOR: _l("Operator"),
    Role.PROVIDER: _l("Provider officer"),
    Role.SUPERVISOR: _l("Supervisor"),
    Role.ADMIN: _l("Administrator"),
}


def strip(value):
    return value.strip() if isinstance(value, str) else value


def upper(value):
    return value.upper() if isinstance(value, str) else value


def name_field(label, missing):
    return StringField(label, filters=[strip], validators=[
        DataRequired(missing), Length(max=NAME_MAX, message=_l("This name is too long.")),
    ])


def code_field():
    return StringField(_l("Code"), filters=[strip], validators=[
        DataRequired(_l("Enter a code.")),
        Regexp(CODE, message=_l("Use 2 to 40 lowercase Latin letters, digits, dashes or "
                                "underscores, starting with a letter.")),
    ])


class NamedForm(KioskForm):
    """A row named in Kazakh, Russian and English: all three names are required."""

    name_kk = name_field(_l("Name in Kazakh"), _l("Enter the name in Kazakh."))
    name_ru = name_field(_l("Name in Russian"), _l("Enter the name in Russian."))
    name_en = name_field(_l("Name in English"), _l("Enter the name in English."))


class ServiceForm(NamedForm):
    """A service's letter, names, typical length, place in the list and whether it is offered."""

    letter = StringField(_l("Ticket letter"), filters=[strip, upper], validators=[
        DataRequired(_l("Enter the ticket letter.")),
        Regexp(r"^[A-Z]$", message=_l("Use one capital Latin letter, A to Z.")),
    ])
    minutes = WholeNumberField(_l("Typical service time, minutes"), validators=[
        InputRequired(_l("Enter the typical service time in whole minutes.")),
        NumberRange(min=1, max=120, message=_l("Enter 1 to 120 minutes.")),
    ])
    sort_order = WholeNumberField(_l("Order in the list"), default=0, validators=[
        InputRequired(BAD_NUMBER),
        NumberRange(min=0, max=9999, message=_l("Enter a number from 0 to 9999.")),
    ])
    active = BooleanField(_l("Offered at the kiosk"), default=True)


class NewServiceForm(ServiceForm):
    """A new service: its code goes into printed links, so it is set once, here."""

    code = code_field()


class PriorityForm(NamedForm):
    """A priority group: who it is for, its rank, and whether it is for booked visitors."""

    code = code_field()
    rank = WholeNumberField(_l("Rank (0 is served first)"), default=10, validators=[
        InputRequired(_l("Enter the rank as a whole number.")),
        NumberRange(min=0, max=99, message=_l("Enter a rank from 0 to 99.")),
    ])
    booked = BooleanField(_l("Booked appointment (served before all other groups)"))
    active = BooleanField(_l("Offered at the kiosk"), default=True)


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WindowServicesForm(KioskForm):
    """The services a window serves."""

    services = CheckboxesField(_l("Services served at this window"), coerce=whole_number,
                               validate_choice=False)

    def validate_services(self, field):
        known = {choice.value for choice in field.choices}
        if not set(field.data or ()) <= known:
            raise ValidationError(_l("Choose services from the list."))


class NewWindowForm(WindowServicesForm):
    """A new window: its number (unique) and its services."""

    number = WholeNumberField(_l("Window number"), validators=[
        InputRequired(_l("Enter the window number.")),
        NumberRange(min=1, max=999, message=_l("Enter a number from 1 to 999.")),
    ])


def password_fields():
    password = PasswordField(_l("Password"), validators=[
        InputRequired(_l("Enter a password.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("The password takes %(min)d to %(max)d characters.",
                          min=PASSWORD_MIN, max=PASSWORD_MAX)),
    ])
    confirm = PasswordField(_l("Password again"), validators=[
        InputRequired(_l("Enter the password again.")),
        EqualTo("password", message=_l("The two passwords differ.")),
    ])
    return password, confirm


def role_choices():
    return [(role, ROLE_NAMES[role]) for role in Role.ALL]


class UserForm(KioskForm):
    """A member of staff's name, role and whether they may sign in."""

    full_name = name_field(_l("Full name"), _l("Enter the full name."))
    # An unknown role gets our message rather than WTForms' own.
    role = SelectField(_l("Role"), choices=role_choices, validate_choice=False, validators=[
        InputRequired(_l("Choose a role.")),
    ])
    active = BooleanField(_l("May sign in"), default=True)

    def validate_role(self, field):
        if field.data not in Role.ALL:
            raise ValidationError(_l("Choose a role from the list."))


class NewUserForm(UserForm):
    """A new account: a login and a first password as well."""

    username = StringField(_l("Login"), filters=[strip], validators=[
        DataRequired(_l("Enter a login.")),
        Regexp(USERNAME, message=_l(
            "Use 3 to 64 lowercase Latin letters, digits, dots, dashes or underscores."
        )),
    ])
    password, confirm = password_fields()


class PasswordForm(KioskForm):
    """A new password for an account."""

    password, confirm = password_fields()
