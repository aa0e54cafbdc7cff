"""Evaluation rounds as data (QĐ 26/2026): the province holds at least two a year."""

import datetime

# round number → ((month, day) communes forward by, (month, day) the province decides by)
PROVINCE_ROUNDS = {1: ((4, 30), (6, 30)), 2: ((10, 30), (12, 30))}
# The central council: dossiers from provinces by 30/7 → decided by 30/9; by 30/1 → by 30/3 (next year).
CENTRAL_ROUNDS = {1: ((7, 30), (9, 30)), 2: ((1, 30), (3, 30))}


def default_dates(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    (dm, dd), (cm, cd) = PROVINCE_ROUNDS[number]
    return datetime.date(year, dm, dd), datetime.date(year, cm, cd)


def round_for(forwarded_on: datetime.date) -> tuple[int, int]:
    """(year, number) of the first province round a dossier forwarded on that day can enter."""
    for number, ((month, day), _closes) in sorted(PROVINCE_ROUNDS.items()):
        if forwarded_on <= datetime.date(forwarded_on.year, month, day):
            return forwarded_on.year, number
    return forwarded_on.year + 1, 1
