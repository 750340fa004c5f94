"""Keep personal data out of the logs.

Outside tests the engine hides a statement's parameters (``hide_parameters`` in config.py) from
its log and its errors; here the values PostgreSQL repeats in an error's DETAIL are hidden too.
"""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext

from kiosk.extensions import db


def hide_error_details(context: ExceptionContext) -> None:
    """Keep only PostgreSQL's primary message: its DETAIL repeats the values
    (``Key (open_child_iin)=(…) already exists``, ``Failing row contains (…)``). The details
    stay in the driver error's ``diag`` for code that asks."""
    error = context.original_exception
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    if not primary:
        return
    error.args = (primary,)
    if context.sqlalchemy_exception is not None:
        kind = type(error)
        context.sqlalchemy_exception.args = (f"({kind.__module__}.{kind.__name__}) {primary}",)


def init_logs(app: Flask) -> None:
    """Hide what a failed statement's error repeats of its values wherever the engine hides its
    parameters."""
    with app.app_context():
        if db.engine.hide_parameters:
            event.listen(db.engine, "handle_error", hide_error_details)
