"""Who may do what: the one table of rights, and the two questions every part of the platform asks of it.

    Model.objects.for_user(user, action)   the records of a type the person may act on ("view" by default)
    may(user, action, obj)                 whether the person may act on this record (or, given a model, on any)
    sees_personal(user, obj)               whether they read its `personal_fields` ("personal": `personal.py`)
    sees_personal_in(user, model, path)    whether they read them on every record of a unit (figures over it)

Pages, API operations, imports, exports, file downloads, the change log, worklists, reminders and the
command line's `--user` all ask these; nothing else compares role names. Outside what a person may view is
answered 404; a missing right on a record they may view, 403 (`ocop.core.views.require`).

The table (`table.py`, data; docs/permissions.md is generated from it by `ocop rights`) says, for each record
type and action, how far each role reaches. A record type declares where its records sit (`Placement`): the
unit they are placed on, the producer they belong to, the council session they are before, the user who owns
them.
"""

from ocop.core.rights.personal import (
    HIDDEN,
    drop_personal,
    hidden_fields,
    masked,
    personal_fields,
    sees_personal,
    sees_personal_in,
)
from ocop.core.rights.persons import Person, acting_producer, forget, person, prefixes, role_kind, valid_role_unit
from ocop.core.rights.placement import Placement, placement, producer_id_of, unit_path_of
from ocop.core.rights.rules import (
    RightsQuerySet,
    holders,
    may,
    may_all_in,
    may_recorded,
    models_in_table,
    recorded_q,
    rights_q,
)
from ocop.core.rights.table import COLUMN_TITLES, COLUMNS, REACHES, RIGHTS, actions_of, record_type

__all__ = [
    "COLUMNS",
    "COLUMN_TITLES",
    "HIDDEN",
    "REACHES",
    "RIGHTS",
    "Person",
    "Placement",
    "RightsQuerySet",
    "acting_producer",
    "actions_of",
    "drop_personal",
    "forget",
    "hidden_fields",
    "holders",
    "masked",
    "may",
    "may_all_in",
    "may_recorded",
    "models_in_table",
    "person",
    "personal_fields",
    "placement",
    "prefixes",
    "producer_id_of",
    "record_type",
    "recorded_q",
    "rights_q",
    "role_kind",
    "sees_personal",
    "sees_personal_in",
    "unit_path_of",
    "valid_role_unit",
]
