"""The small form behind every button-only action (annul, delete, hand back, ...)."""

from kiosk.forms.fields import KioskForm


class ButtonForm(KioskForm):
    """A button-only action: nothing but the CSRF token to check."""
