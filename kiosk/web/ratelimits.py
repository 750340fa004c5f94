"""The public limits' counting: one store shared by every worker and machine (Redis in
production), keyed by the client's address as the trusted proxy reports it."""

import logging
import math
import time
from functools import lru_cache

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from kiosk.web.extensions import limiter

log = logging.getLogger(__name__)
# Counts in this worker alone while the shared store is unreachable: verification and sign-in
# keep working, each worker keeping its own budget until the store is back.
FALLBACK = FixedWindowRateLimiter(MemoryStorage())


@lru_cache(maxsize=16)
def limit_of(setting: str) -> RateLimitItem:
    return parse(setting)


def client_address() -> str:
    """The client's address: the socket's, or the last proxy's report (``KIOSK_PROXY_HOPS``)."""
    return get_remote_address()


def spend(setting: str, *keys: str) -> bool:
    """Spend one try of ``setting`` (e.g. "5 per hour") for ``keys``; False once none is left."""
    keys = (current_app.config["RATELIMIT_KEY_PREFIX"], *keys)
    try:
        return limiter.limiter.hit(limit_of(setting), *keys)
    except Exception as error:  # whatever the store's failure, count in this worker meanwhile
        log.warning("rate-limit store unreachable (%s): counting in this worker",
                    type(error).__name__)
        return FALLBACK.hit(limit_of(setting), *keys)


def refuse(setting: str, *keys: str) -> TooManyRequests:
    """The 429 for a spent budget, saying when the next try is allowed."""
    keys = (current_app.config["RATELIMIT_KEY_PREFIX"], *keys)
    try:
        reset_at = limiter.limiter.get_window_stats(limit_of(setting), *keys).reset_time
    except Exception:  # the store failed: a minute is a fair answer
        reset_at = time.time() + 60
    return TooManyRequests(retry_after=max(1, math.ceil(reset_at - time.time())))
