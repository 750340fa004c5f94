"""The certificate on guardianship and trusteeship (Appendix 1): issued with a signed code,
printed in Kazakh and Russian, annulled or reissued by the supervisor."""

from flask import Blueprint

bp = Blueprint("certificates", __name__, url_prefix="/certificates")

from kiosk.casework.certificates import views  # noqa: E402,F401 - the routes join bp
