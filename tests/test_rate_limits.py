"""The limits count in one store shared by every worker (Redis), per client as the trusted
proxy reports it: sign-in and verification let through their budget exactly, however many
workers answer, and one client's tries never spend another's."""

import http.cookiejar
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from config import ProductionConfig
from tests.conftest import require
from tests.helpers import hidden_inputs
from tests.servers import gunicorn

REDIS = ("127.0.0.1", 6379)
SIGN_IN_BUDGET = 10
VERIFY_BUDGET = 20


def redis_running() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(REDIS) == 0


def answer(opener, url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refusal:
        return refusal.code


def wrong_sign_in(base_url: str, client: str) -> int:
    """One browser's sign-in with a wrong password, from ``client`` behind the proxy."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(f"{base_url}/staff/login", timeout=30) as page:
        token = hidden_inputs(page.read().decode())["csrf_token"]
    body = urllib.parse.urlencode({"csrf_token": token, "username": "operator1",
                                   "password": "not the password", "window": "0"}).encode()
    return answer(opener, f"{base_url}/staff/login", body, {"X-Forwarded-For": client})


def verification(base_url: str, client: str) -> int:
    return answer(urllib.request.build_opener(), f"{base_url}/v/1234",
                  headers={"X-Forwarded-For": client})


def at_once(call, base_url: str, client: str, count: int) -> list[int]:
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda _: call(base_url, client), range(count)))


@pytest.mark.server
@pytest.mark.parametrize("workers", [2, 4])
def test_every_worker_counts_in_the_shared_store_per_client_behind_the_proxy(app, workers):
    require(redis_running(), "Redis at 127.0.0.1:6379 (Debian's redis-server)")
    environment = {
        "KIOSK_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
        "KIOSK_RATELIMIT_KEY_PREFIX": f"kiosk-test-{os.getpid()}-{workers}-{os.urandom(4).hex()}",
        "KIOSK_PROXY_HOPS": "1",
        "KIOSK_LOGIN_RATE_LIMIT": f"{SIGN_IN_BUDGET} per hour",
        "KIOSK_VERIFY_RATE_LIMIT": f"{VERIFY_BUDGET} per hour",
    }
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=workers,
                  **environment) as base_url:
        stranger = at_once(wrong_sign_in, base_url, "203.0.113.9", 3 * SIGN_IN_BUDGET)
        colleague = wrong_sign_in(base_url, "203.0.113.10")
        checker = at_once(verification, base_url, "198.51.100.4", 2 * VERIFY_BUDGET)
        another_checker = verification(base_url, "198.51.100.5")

    assert sorted(stranger) == [401] * SIGN_IN_BUDGET + [429] * 2 * SIGN_IN_BUDGET
    assert colleague == 401
    assert sorted(checker) == [404] * VERIFY_BUDGET + [429] * VERIFY_BUDGET
    assert another_checker == 404


def test_production_refuses_to_count_limits_in_each_worker_alone(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "s" * 40)
    monkeypatch.setattr(ProductionConfig, "SIGNING_KEY_FILE", "/etc/kiosk/keys.json")
    for store in (None, "memory://"):
        monkeypatch.setattr(ProductionConfig, "RATELIMIT_STORAGE_URI", store)
        with pytest.raises(RuntimeError, match="KIOSK_RATELIMIT_STORAGE_URI"):
            ProductionConfig.check()
    monkeypatch.setattr(ProductionConfig, "RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    ProductionConfig.check()


def test_verification_keeps_answering_while_the_store_is_unreachable(app, client, caplog):
    from kiosk.web.extensions import limiter

    app.config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:1/0"  # nothing listens there
    limiter.init_app(app)
    try:
        answers = [client.get("/v/1234").status_code for _ in range(3)]
    finally:
        app.config["RATELIMIT_STORAGE_URI"] = "memory://"
        limiter.init_app(app)
    assert answers == [404, 404, 404]
    assert "rate-limit store unreachable" in caplog.text
