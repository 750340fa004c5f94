"""The app factory: one config, the extensions, the parts' blueprints and commands."""

import os

from flask import Flask
from sqlalchemy import event

from config import Config, from_env
from kiosk.accounts.auth import init_auth
from kiosk.admin import bp as admin
from kiosk.admin.archive import prune_tickets_command
from kiosk.admin.cli import create_user_command
from kiosk.admin.demo import demo_data_command
from kiosk.admin.housekeeping import housekeeping_command
from kiosk.casework.cases import LocalRegistry
from kiosk.casework.certificates import bp as certificates
from kiosk.casework.certificates import models as _certificates  # noqa: F401 - every table joins
from kiosk.casework.certificates.keys import keys_command
from kiosk.casework.certificates.verify import bp as verify
from kiosk.casework.certificates.verify.cli import verify_code_command
from kiosk.casework.complaints import bp as complaints
from kiosk.casework.complaints.status import bp as complaint_status
from kiosk.casework.home_visits import bp as visits
from kiosk.casework.intake import bp as intake
from kiosk.casework.portal import bp as portal_requests
from kiosk.casework.provider import bp as provider
from kiosk.casework.registry import bp as registry
from kiosk.casework.requests import bp as requests
from kiosk.hall.settings import init_hall
from kiosk.line.applicant import bp as applicant
from kiosk.line.appointments import bp as appointments
from kiosk.line.board import bp as board
from kiosk.line.operator import bp as operator
from kiosk.line.portal import bp as portal
from kiosk.line.reports import bp as reports
from kiosk.line.supervisor import bp as supervisor
from kiosk.staff import bp as staff
from kiosk.system import bp as system
from kiosk.web import sqlite
from kiosk.web.clock import Clock
from kiosk.web.errors import init_errors
from kiosk.web.extensions import babel, csrf, db, limiter, migrate
from kiosk.web.i18n import init_i18n, select_locale
from kiosk.web.inputs import init_inputs
from kiosk.web.logs import init_logs
from kiosk.web.security import init_security
from kiosk.web.templating import init_templating

HTMX_FILE = "htmx-4.0.1.min.js"
PUBLIC_BLUEPRINTS = (applicant, requests, board, verify, complaint_status, portal,
                     portal_requests, system)
# The staff area: every staff screen's blueprint nests in the staff blueprint (once, here), whose
# guard checks the session, the idle time and the access table's roles (kiosk.accounts.access).
STAFF_AREAS = (operator, intake, supervisor, reports, appointments, provider, registry,
               certificates, complaints, visits, admin)
for _area in STAFF_AREAS:
    staff.register_blueprint(_area)
COMMANDS = (demo_data_command, create_user_command, housekeeping_command, keys_command,
            prune_tickets_command, verify_code_command)


def create_app(config_class: type[Config] | None = None, **overrides) -> Flask:
    """Build the application from a config class (``KIOSK_ENV`` picks one by default)."""
    config_class = config_class or from_env()
    config_class.check()
    app = Flask("kiosk", instance_relative_config=True)
    app.config.from_object(config_class)
    app.config.update(overrides)
    configure_database(app)
    init_inputs(app)  # before the extensions' checks and the routes' converters
    init_extensions(app)
    init_logs(app)
    init_hall(app)
    init_i18n(app)
    init_security(app)
    init_errors(app)
    init_templating(app)
    register_blueprints(app)
    register_commands(app)
    app.extensions["clock"] = Clock()
    app.extensions["registry"] = LocalRegistry()
    app.jinja_env.globals["HTMX_FILE"] = HTMX_FILE
    return app


def configure_database(app: Flask) -> None:
    """Default to an SQLite file in the instance folder; tune the engine per database."""
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        os.makedirs(app.instance_path, exist_ok=True)
        path = os.path.join(app.instance_path, "kiosk.db")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A file has no server connection to lose: no pre-ping; the rest (hidden parameters)
        # holds as configured.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"], "pool_pre_ping": False,
            **sqlite.engine_options(),
        }


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    init_auth(app)
    babel.init_app(app, locale_selector=select_locale, default_timezone=app.config["TIMEZONE"])
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", sqlite.set_pragmas)


def register_blueprints(app: Flask) -> None:
    for blueprint in PUBLIC_BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(staff)


def register_commands(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
