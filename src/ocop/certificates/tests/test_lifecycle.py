"""A certificate's life as dates: validity, the re-evaluation window, the transition rule. Frozen dates."""

import datetime as dt

import pytest

from ocop.certificates import lifecycle
from ocop.certificates.codes import format_verification_code, normalise_verification_code, parse_product_code
from ocop.certificates.lifecycle import Facts, Status, status_on

D = dt.date


@pytest.mark.parametrize(
    ("issued", "until"),
    [(D(2023, 3, 15), D(2026, 3, 14)), (D(2024, 2, 29), D(2027, 2, 27)), (D(2022, 1, 1), D(2024, 12, 31))],
)
def test_certificates_are_valid_36_months(issued, until):
    assert lifecycle.expiry_for(issued) == until


def test_the_window_is_180_to_120_days_before_expiry():
    assert lifecycle.window(D(2026, 12, 31)) == (D(2026, 7, 4), D(2026, 9, 2))


def test_status_through_a_whole_life():
    facts = Facts(issued_on=D(2023, 6, 1), valid_until=D(2026, 5, 31))
    assert status_on(facts, D(2023, 5, 31)) == Status.NOT_YET_VALID
    assert status_on(facts, D(2023, 6, 1)) == Status.VALID
    assert status_on(facts, D(2025, 12, 1)) == Status.VALID
    assert status_on(facts, D(2025, 12, 2)) == Status.IN_WINDOW  # 180 days before
    assert status_on(facts, D(2026, 1, 31)) == Status.IN_WINDOW  # 120 days before
    assert status_on(facts, D(2026, 2, 1)) == Status.VALID  # window missed, still valid
    assert status_on(facts, D(2026, 5, 31)) == Status.VALID
    assert status_on(facts, D(2026, 6, 1)) == Status.EXPIRED


def test_revoked_and_superseded_win_over_dates():
    base = dict(issued_on=D(2023, 6, 1), valid_until=D(2026, 5, 31))
    assert status_on(Facts(**base, revoked_on=D(2024, 1, 10)), D(2024, 1, 9)) == Status.VALID
    assert status_on(Facts(**base, revoked_on=D(2024, 1, 10)), D(2024, 1, 10)) == Status.REVOKED
    assert status_on(Facts(**base, superseded_on=D(2025, 3, 1)), D(2025, 3, 1)) == Status.SUPERSEDED


def test_the_transition_rule_keeps_an_old_certificate_valid_up_to_180_days():
    issued, until = D(2023, 1, 10), D(2026, 1, 9)  # window closed 11/09/2025, before QĐ 26
    assert lifecycle.transition_grace_applies(issued, until)
    grace = lifecycle.grace_until(until)
    facts = Facts(issued, until, extended_until=grace)
    assert grace == D(2026, 7, 8)
    assert status_on(facts, D(2026, 3, 1)) == Status.EXTENDED
    assert status_on(facts, D(2026, 7, 9)) == Status.EXPIRED
    assert not lifecycle.transition_grace_applies(D(2026, 6, 1), D(2029, 5, 31))  # issued under QĐ 26
    assert not lifecycle.transition_grace_applies(D(2024, 1, 10), D(2027, 1, 9))  # window still ahead


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("75-25441-003-2026", ("75", "", "25441", "003", 2026)),
        ("70-31-2021", ("70", "", "", "31", 2021)),
        ("83-829-28780-3-2022", ("83", "829", "28780", "3", 2022)),
        (" 70-31-2021 ", ("70", "", "", "31", 2021)),
    ],
)
def test_the_three_product_code_forms_are_parsed(text, parts):
    code = parse_product_code(text)
    assert (code.province, code.district, code.commune, code.sequence, code.year) == parts


@pytest.mark.parametrize(
    "text", ["", "70", "70-31", "70-31-21", "7-31-2021", "70-A1-2021", "70-1-2-3-4-2021", "70-31-1899"]
)
def test_unreadable_product_codes_say_why(text):
    with pytest.raises(ValueError):
        parse_product_code(text)


def test_verification_codes_forgive_how_people_type_them():
    assert format_verification_code("ABCD2345WXYZ") == "ABCD-2345-WXYZ"
    assert normalise_verification_code(" abcd-2345-wxyz ") == "ABCD2345WXYZ"
    assert normalise_verification_code("O1IL") == "0111"
