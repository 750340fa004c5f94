"""The tests share one app (tests/conftest.py): each test must get it as a newly built one."""

from werkzeug.middleware.proxy_fix import ProxyFix

from config import TestingConfig
from kiosk import create_app


def test_each_test_gets_the_app_as_a_newly_built_one(hall_app, migrated_url, signing_key_file):
    app = hall_app.restored()
    app.config["POLL_SECONDS"] = 999
    app.extensions["hall"]["hours"] = None
    app.extensions["keyring"] = object()
    app.wsgi_app = ProxyFix(app.wsgi_app)

    again = hall_app.restored()
    built = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=migrated_url,
                       SIGNING_KEY_FILE=signing_key_file)

    assert dict(again.config) == dict(built.config)
    assert again.extensions.keys() == built.extensions.keys()
    assert again.extensions["hall"] == built.extensions["hall"]
    assert not isinstance(again.wsgi_app, ProxyFix)
