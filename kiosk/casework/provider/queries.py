"""What the provider's screens read: the pending requests and the registry records matching one."""

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from kiosk.casework.cases import guardian_iin
from kiosk.casework.models import Application, GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db
from queue_mgr.casework.applications import ApplicationStatus

PENDING = (ApplicationStatus.AT_PROVIDER, ApplicationStatus.REQUESTED_BACK)


def pending_requests() -> list[Application]:
    """Requests waiting for the provider, the earliest due first."""
    return list(db.session.execute(
        select(Application).where(Application.status.in_(PENDING))
        .order_by(Application.due_at, Application.number)
    ).scalars())


def accepted_application(application_id: int) -> Application | None:
    """An application accepted at a window (drafts and refused packages are not the provider's)."""
    application = db.session.get(Application, application_id)
    return application if application is not None and application.number else None


def matching_records(application: Application) -> list[GuardianshipRecord]:
    """Records naming the request's guardian or child, active ones first."""
    child = select(RegistryChild.record_id).where(RegistryChild.iin == application.child_iin)
    return list(db.session.execute(
        select(GuardianshipRecord).options(selectinload(GuardianshipRecord.children))
        .where(or_(GuardianshipRecord.guardian_iin == guardian_iin(application),
                   GuardianshipRecord.id.in_(child)))
        .order_by(GuardianshipRecord.active.desc(), GuardianshipRecord.basis_date.desc())
    ).scalars())


def confirms(record: GuardianshipRecord, application: Application) -> bool:
    """Whether a certificate for this request can rest on the record: active, same guardian,
    the same child among its children."""
    return (record.active and record.guardian_iin == guardian_iin(application)
            and any(child.iin == application.child_iin for child in record.children))
