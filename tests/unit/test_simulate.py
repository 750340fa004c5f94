"""The hall simulator: seeded days, replayed through the windows' own calling order."""

from datetime import timedelta

from queue_mgr.line.estimates import SlaLimits
from queue_mgr.line.ordering import CallingRules
from queue_mgr.simulate import (
    HallProfile,
    Reserve,
    Targets,
    fifo,
    hall_day,
    hall_policy,
    main,
    play,
    run,
    standard_policies,
    strict_priority,
)

PROFILE = HallProfile()
RULES = CallingRules(SlaLimits())


def test_a_seed_makes_the_same_day_and_another_seed_another():
    assert hall_day(PROFILE, 0.9, 7) == hall_day(PROFILE, 0.9, 7)
    assert hall_day(PROFILE, 0.9, 7) != hall_day(PROFILE, 0.9, 8)


def test_a_heavier_load_brings_more_applicants_in_the_same_hours():
    light, heavy = hall_day(PROFILE, 0.7, 1), hall_day(PROFILE, 1.05, 1)
    assert len(heavy) > len(light) * 1.3
    assert all(arrival.at.hour < 18 for arrival in heavy)


def test_every_applicant_who_comes_is_served_once_whatever_the_policy():
    arrivals = hall_day(PROFILE, 0.95, 3)
    came = sum(not arrival.no_show for arrival in arrivals)
    for policy in (hall_policy(RULES), fifo, strict_priority):
        outcome = play(PROFILE, arrivals, policy)
        assert len(outcome.waits) == len(outcome.services) == came
        assert min(outcome.waits) >= PROFILE.walk_minutes[0]  # the walk counts as waiting


def test_the_same_arrivals_cost_the_same_work_under_every_policy():
    """Policies only reorder: the mean wait barely moves, the spread of waits does."""
    arrivals = hall_day(PROFILE, 0.9, 5)
    means = [sum(outcome.waits) / len(outcome.waits) for outcome in
             (play(PROFILE, arrivals, policy) for policy in (hall_policy(RULES), fifo))]
    assert abs(means[0] - means[1]) < 0.1 * means[1]


def test_strict_priority_serves_the_priority_groups_sooner_than_fifo():
    results = run(PROFILE, [0.95], 5, {"fifo": fifo, "strict": strict_priority}, SlaLimits())
    assert results[0.95]["strict"].priority_p95 < results[0.95]["fifo"].priority_p95


def test_the_halls_order_keeps_more_within_the_limit_than_fifo_and_its_groups_sooner():
    figures = run(PROFILE, [0.9, 0.95], 10, standard_policies(RULES), SlaLimits())
    for load in (0.9, 0.95):
        hall, fifo_ = figures[load]["hall"], figures[load]["fifo"]
        assert hall.breach_share <= 0.8 * fifo_.breach_share
        assert hall.priority_p95 < fifo_.priority_p95
        assert hall.longest < 1.15 * fifo_.longest


def test_the_ceiling_keeps_the_longest_wait_near_fifo_where_no_ceiling_lets_it_run():
    no_ceiling = CallingRules(SlaLimits(), ceiling=timedelta(hours=12))
    policies = {"hall": hall_policy(RULES), "no ceiling": hall_policy(no_ceiling), "fifo": fifo}
    figures = run(PROFILE, [0.95], 10, policies, SlaLimits())[0.95]
    assert figures["hall"].longest < 1.15 * figures["fifo"].longest
    assert figures["no ceiling"].longest > 1.5 * figures["fifo"].longest


def test_the_targets_name_what_a_policy_misses_against_fifo():
    figures = run(PROFILE, [0.9], 3, standard_policies(RULES), SlaLimits())[0.9]
    assert Targets().check(figures["fifo"], figures["fifo"]) == ["breaches"]


def test_the_command_prints_a_line_per_load_and_policy(capsys):
    main(["--days", "2", "--loads", "0.8,1.0"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2 standard days per load, ceiling 20 min")
    rows = [line for line in lines if line.strip().startswith(("0.80", "1.00"))]
    assert len(rows) == 8  # the hall's order, FIFO, strict priority, the hall's with a reserve
    assert any(line.strip().startswith(("PASS", "FAIL")) for line in lines)
    assert sum("the advised reserve window against none" in line for line in lines) == 2


def test_a_reserve_window_opened_as_advised_at_least_halves_the_breaches():
    figures = run(PROFILE, [0.9], 10, {"hall": hall_policy(RULES), "reserve": hall_policy(RULES)},
                  SlaLimits(), reserves={"reserve": Reserve(rules=RULES)})[0.9]
    assert figures["reserve"].breach_share <= figures["hall"].breach_share / 2
    assert 0 < figures["reserve"].reserve_hours < 9  # opened when needed, not all day
    assert figures["hall"].reserve_hours == 0


def test_the_reserve_opens_only_when_advised():
    quiet = hall_day(PROFILE, 0.3, 4)
    outcome = play(PROFILE, quiet, hall_policy(RULES), Reserve(rules=RULES))
    assert outcome.reserve_minutes == 0
    assert outcome.waits == play(PROFILE, quiet, hall_policy(RULES)).waits
