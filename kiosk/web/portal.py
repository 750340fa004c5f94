"""What the e-government portal's gateway meets on every API of ours (bookings, requests): its
Bearer token from ``KIOSK_PORTAL_TOKENS``, one request budget per address, refusals as JSON
``{"error", "message"}`` (a stable code, and a sentence for its log), and the OpenAPI document
that describes them all.
"""

import hmac
import json
import re
from functools import cache, wraps
from pathlib import Path

from flask import current_app, jsonify, request

from kiosk.web.extensions import limiter
from kiosk.web.ratelimits import client_address, refuse, spend

# Hand-written, the contract the gateway's developers read; tests/test_portal_requests.py
# checks it is valid OpenAPI 3.1 and that the real answers match its schemas.
OPENAPI_FILE = Path(__file__).with_name("portal_openapi.json")
# The gateway's own id of a request (a booking's, an application's): its idempotency key.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")  # fullmatch: a "$" lets a newline end it
UNAUTHORIZED = "A valid portal token is needed."
TOO_MANY = "Too many requests from this address. Retry after the seconds Retry-After gives."
BUDGET = "portal"


def api_refusal(error: str, message: str, status: int, **details):
    """A refusal the gateway reads: a stable error code, a message, and details if any."""
    response = jsonify(error=error, message=message, **details)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="kiosk"'
    return response


def known_token(given: str) -> bool:
    tokens = [t.strip() for t in current_app.config["PORTAL_TOKENS"].split(",") if t.strip()]
    return any(hmac.compare_digest(given.encode(), token.encode()) for token in tokens)


def bearer_token_known() -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip()) and known_token(token.strip())


def too_many():
    """The 429 of a spent budget, saying when to retry."""
    retry_after = refuse(current_app.config["PORTAL_RATE_LIMIT"], BUDGET,
                         client_address()).retry_after
    response = api_refusal("too_many_requests", TOO_MANY, 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def within_budget() -> bool:
    """Spend one request of the address's budget (before the token is checked, so guessing
    tokens is slow too); the fuzz and load tests switch the limiter off."""
    if not limiter.enabled:
        return True
    return spend(current_app.config["PORTAL_RATE_LIMIT"], BUDGET, client_address())


def portal_only(view):
    """Let through the gateway's requests within the budget, with a token of the portal's."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if not within_budget():
            return too_many()
        if not bearer_token_known():
            return api_refusal("unauthorized", UNAUTHORIZED, 401)
        return view(*args, **kwargs)

    return guarded


@cache
def openapi_document() -> dict:
    """The portal APIs' OpenAPI 3.1 description, read once per process."""
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
