"""The transfer list (rule 11): the results handed to the provider on a day, after their month
of storage, printed in Kazakh and Russian for the hall to hand over and the provider to sign."""

from flask import render_template, request
from flask_login import current_user

from kiosk.casework.intake import bp
from kiosk.casework.intake.forms import TransferDayForm
from kiosk.casework.sheets import halves, provider_details
from kiosk.casework.transfers import transferred_on
from kiosk.hall.settings import hall_zone
from kiosk.web.clock import now


@bp.get("/transfers")
def transfers():
    """List the results handed to the provider on a day (today unless another is asked), to
    print with the signatures of who hands them over and who receives them."""
    form = TransferDayForm(request.args)
    today = now().astimezone(hall_zone()).date()
    valid = form.validate()
    day = (form.day.data if valid else None) or today
    if valid and form.day.data is None:
        form.day.data = today
    rows = transferred_on(day, hall_zone()) if valid else []
    facts = {"rows": rows, "day": day, "employee": current_user.full_name}
    return render_template("intake/transfers.html", form=form, day=day, rows=rows,
                           copies=halves("intake/_transfer_list.html", facts, provider_details)
                           if valid else []), 200 if valid else 400
