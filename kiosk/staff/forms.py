"""Staff sign-in and the small forms behind button-only actions."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import InputRequired, Length

from kiosk.forms.fields import KioskForm, whole_number


class LoginForm(KioskForm):
    """Sign in; an operator also chooses the window to hold."""

    username = StringField(_l("Login"), validators=[
        InputRequired(_l("Enter your login.")),
        Length(max=64, message=_l("The login is too long.")),
    ])
    password = PasswordField(_l("Password"), validators=[
        InputRequired(_l("Enter your password.")),
        Length(max=200, message=_l("The password is too long.")),
    ])
    window = SelectField(_l("Window"), coerce=whole_number, validate_choice=False, default=0)
