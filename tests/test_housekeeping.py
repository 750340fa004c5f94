"""`flask housekeeping`: results kept a month unclaimed go to the provider, once."""

from datetime import datetime

from kiosk.casework.models import Application, ApplicationEvent
from kiosk.web.extensions import db
from tests.casework_helpers import CHILD_IIN, GUARDIAN_IIN, add_registry_record, make_iin
from tests.conftest import ALMATY
from tests.test_provider import accepted_request

OLD_CHILD_IIN = make_iin("13010150048")


def ready_result(app, moment: datetime, child_iin: str) -> int:
    """A request whose guardianship the registry holds: ready at once, at ``moment``."""
    with app.app_context():
        add_registry_record(child_iin=child_iin)
    return accepted_request(app, moment, child_iin=child_iin)


def state(app, application_id: int) -> tuple[str, str]:
    with app.app_context():
        application = db.session.get(Application, application_id)
        return application.status, application.number


def test_housekeeping_hands_over_only_results_kept_longer_than_a_month(app, runner):
    old = ready_result(app, datetime(2026, 10, 20, 10, 0, tzinfo=ALMATY), OLD_CHILD_IIN)
    last_day = ready_result(app, datetime(2026, 10, 25, 10, 0, tzinfo=ALMATY), CHILD_IIN)
    recent = ready_result(app, datetime(2026, 11, 2, 10, 0, tzinfo=ALMATY),
                          make_iin("14030350011"))
    result = runner.invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    old_number = state(app, old)[1]
    assert result.output.splitlines() == [
        "2026-11-25 11:00 tickets closed at the hall's closing time: 0",
        "2026-11-25 11:00 days whose figures were kept for the reports: 0",
        "2026-11-25 11:00 results handed to the provider: 1",
        f"  {old_number}  ready 2026-10-20  kept until 2026-11-20",
    ]
    assert state(app, old)[0] == "transferred"
    # Kept until 25 November: still the hall's today.
    assert state(app, last_day)[0] == "ready"
    assert state(app, recent)[0] == "ready"
    with app.app_context():
        event = db.session.execute(db.select(ApplicationEvent).filter_by(
            application_id=old, action="transferred")).scalar_one()
        assert event.user_id is None


def test_housekeeping_prints_no_names_and_no_iins(app, runner):
    ready_result(app, datetime(2026, 10, 1, 10, 0, tzinfo=ALMATY), OLD_CHILD_IIN)
    output = runner.invoke(args=["housekeeping"]).output
    for secret in ("Ахмет", "Айгерим", "Ерлан", GUARDIAN_IIN, OLD_CHILD_IIN, "+7 701"):
        assert secret not in output


def test_housekeeping_run_again_changes_nothing(app, runner):
    old = ready_result(app, datetime(2026, 10, 20, 10, 0, tzinfo=ALMATY), OLD_CHILD_IIN)
    assert runner.invoke(args=["housekeeping"]).exit_code == 0
    again = runner.invoke(args=["housekeeping"])
    assert again.exit_code == 0
    assert again.output.splitlines() == [
        "2026-11-25 11:00 tickets closed at the hall's closing time: 0",
        "2026-11-25 11:00 days whose figures were kept for the reports: 0",
        "2026-11-25 11:00 results handed to the provider: 0"]
    with app.app_context():
        steps = db.session.execute(db.select(db.func.count(ApplicationEvent.id)).filter_by(
            application_id=old, action="transferred")).scalar()
    assert steps == 1


def test_requests_still_at_the_provider_are_not_touched(app, runner):
    waiting = accepted_request(app, datetime(2026, 9, 1, 10, 0, tzinfo=ALMATY))
    assert runner.invoke(args=["housekeeping"]).exit_code == 0
    assert state(app, waiting)[0] == "at_provider"


def test_the_help_says_it_is_meant_for_a_daily_scheduler(runner):
    help_text = runner.invoke(args=["housekeeping", "--help"]).output
    assert "Run it once a day" in help_text
    assert "cron" in help_text
