"""Certificate statuses and the changes allowed between them: valid, then annulled or superseded
once, never anything after."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.certificates.statuses import ALLOWED, CertificateStatus, certificate_transition
from queue_mgr.errors import DomainError, InvalidTransition

C = CertificateStatus

# A certificate as the supervisor deals with it: annulled with a reason, or replaced by its
# reissue; an annulled or replaced certificate stays as it is for the public check.
EXPECTED_MOVES = {(C.VALID, C.ANNULLED), (C.VALID, C.SUPERSEDED)}

statuses = st.sampled_from(CertificateStatus)


def test_the_allowed_moves_are_exactly_annulment_and_reissue_of_a_valid_certificate():
    allowed = {(source, goal) for source, goals in ALLOWED.items() for goal in goals}
    assert allowed == EXPECTED_MOVES


def test_every_status_has_an_entry_in_the_table_of_moves():
    assert set(ALLOWED) == set(CertificateStatus)


@given(current=statuses, target=statuses)
def test_a_change_succeeds_exactly_when_the_table_allows_it(current, target):
    if target in ALLOWED[current]:
        assert certificate_transition(current, target) is target
    else:
        with pytest.raises(InvalidTransition):
            certificate_transition(current, target)


@pytest.mark.parametrize(("current", "key"), [
    (C.ANNULLED, "certificate_annulled"),
    (C.SUPERSEDED, "certificate_superseded"),
])
@pytest.mark.parametrize("target", [C.ANNULLED, C.SUPERSEDED])
def test_a_certificate_no_longer_valid_is_refused_by_the_status_it_has(current, key, target):
    with pytest.raises(DomainError) as caught:
        certificate_transition(current, target)
    assert caught.value.key == key


def test_an_unknown_status_is_not_a_certificates():
    with pytest.raises(ValueError):
        certificate_transition("lost", C.ANNULLED)
