"""The app as the benchmarks serve it: the kiosk plus a floor endpoint, for the benchmark only."""

from flask import Blueprint, Flask, render_template

from kiosk import create_app

floor = Blueprint("bench", __name__, template_folder="templates", url_prefix="/_bench")


@floor.get("/floor")
def floor_page() -> str:
    """Render a page from the base layout without touching the database: the app's floor."""
    return render_template("bench/floor.html")


def create_bench_app() -> Flask:
    """Build the kiosk app and add the floor endpoint next to its real routes."""
    app = create_app()
    app.register_blueprint(floor)
    return app
