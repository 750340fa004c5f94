"""What no request carries to the database: a NUL character or text that is not Unicode, JSON
nested past the parser's depth, and a number past the database's integer. Refused here, once,
before any view reads the request."""

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

# Every id and number column is an INTEGER: PostgreSQL's has 32 bits, and the SQLite driver
# overflows past 2**63 - 1. A number past this is no row's, and would reach the driver as a 500.
DB_INT_MAX = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:...>`` in an address: a number past the database's integer matches no route (404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


def storable(value) -> bool:
    """True if a value (a string, or JSON's lists and objects of them) can be stored as text:
    PostgreSQL refuses NUL in text, and neither driver takes a lone surrogate."""
    if isinstance(value, str):
        return "\x00" not in value and _encodes(value)
    if isinstance(value, dict):
        return all(storable(key) and storable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(storable(item) for item in value)
    return True


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def request_texts():
    """Every text a view may read from the request: the path, the query, the form, JSON."""
    yield request.path
    for pairs in (request.args, request.form):
        for key, value in pairs.items(multi=True):
            yield key
            yield value
    for upload in request.files.values():
        yield upload.filename or ""
    if request.is_json:
        yield request.get_json(silent=True)


def refuse_unstorable_text() -> None:
    """A request carrying what the database cannot store is a bad request (400), not a 500;
    so is JSON nested deeper than the parser (or this check) can follow."""
    try:
        fine = all(storable(text) for text in request_texts())
    except RecursionError:
        fine = False
    if not fine:
        abort(400)


def init_inputs(app: Flask) -> None:
    """Bound ``<int:...>`` to the database's integer (before any route is added); check text."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_unstorable_text)
