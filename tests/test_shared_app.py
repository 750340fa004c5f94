"""The tests share one app (tests/conftest.py): each test must get it as a newly built one."""

from werkzeug.middleware.proxy_fix import ProxyFix

from config import TestingConfig
from kiosk import create_app
from kiosk.accounts.models import User
from kiosk.admin.demo import USERS, load_demo_data
from kiosk.line.models import Window
from kiosk.web.extensions import db


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



def every_row() -> dict[str, list[tuple]]:
    return {table.name: sorted(map(tuple, db.session.execute(table.select())))
            for table in db.metadata.sorted_tables}


def test_each_test_starts_on_exactly_the_rows_the_demo_loader_writes(app, hall_app):
    with app.app_context():
        db.session.add(Window(number=9))  # what an earlier test left
        db.session.commit()
        hall_app.demo_rows.write()
        written = every_row()
        load_demo_data()  # it adds what is missing and puts back what differs

        assert every_row() == written
        assert db.session.scalars(db.select(Window.number)).all() == [1, 2, 3, 4]
        assert {user.username for user in db.session.scalars(db.select(User))} == \
            {username for username, _role, _name in USERS}
