"""Home visits (the passport's other requirements): a request for the service at home, taken by
the contact centre and registered at the hall, a visit scheduled with an employee, and the
casework done at the applicant's home on a tablet: the application taken, or the result handed
over, the same way as at a window."""

from flask import Blueprint

bp = Blueprint("visits", __name__, url_prefix="/visits")

from kiosk.casework.home_visits import views  # noqa: E402,F401 - the routes join bp
