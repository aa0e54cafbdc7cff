"""The table of rights: for each record type and action, how far each role reaches. Data, read by the rules in
`ocop.core.rights`; `ocop rights` prints it as docs/permissions.md."""

from django.db import models
from django.db.models import Q

from ocop.core.choices import RoleKind

# The roles of the table's columns: a person's role (core.Role), and a seat on a council session.
OFFICE, COMMUNE, PRODUCER, VIEWER, MEMBER = "office", "commune", "producer", "viewer", "member"
NATIONAL = "national"
ROLE_COLUMNS: dict[str, str] = {
    RoleKind.PROVINCE_OFFICE: OFFICE,
    RoleKind.COMMUNE_OFFICER: COMMUNE,
    RoleKind.PRODUCER: PRODUCER,
    RoleKind.VIEWER: VIEWER,
    RoleKind.NATIONAL_OFFICE: NATIONAL,
}
COLUMNS = (OFFICE, COMMUNE, PRODUCER, VIEWER, MEMBER, NATIONAL)
COLUMN_TITLES = {
    OFFICE: "province OCOP office",
    COMMUNE: "commune officer",
    PRODUCER: "producer account",
    VIEWER: "viewer",
    MEMBER: "council member",
    NATIONAL: "national OCOP office",
}


def role_shape() -> Q:
    """A role's scope matches its kind: a producer account is given a producer, every other role a unit."""
    producer = Q(kind=RoleKind.PRODUCER)
    return (producer & Q(producer__isnull=False) & Q(unit__isnull=True)) | (
        ~producer & Q(unit__isnull=False) & Q(producer__isnull=True)
    )


# The level of the unit each role is given (the others: any level).
ROLE_LEVELS: dict[str, str] = {
    RoleKind.PROVINCE_OFFICE: "province",
    RoleKind.COMMUNE_OFFICER: "commune",
    RoleKind.NATIONAL_OFFICE: "country",
}

# The recognitions each role's authority grants, as a certificate's `deciding_level` names them (QĐ 26/2026
# Điều 8: the authority that recognised a certificate revokes it). The province office stands for the province's
# People's Committee, and for the former districts' recognitions (districts were abolished on 01/07/2025); the
# national office for the ministry (the central council's 5★).
DECIDING_LEVELS: dict[str, tuple[str, ...]] = {
    RoleKind.PROVINCE_OFFICE: ("province", "district"),
    RoleKind.NATIONAL_OFFICE: ("central",),
}

# How far a right reaches. Each reach is a rule over the record's placement (see `Placement`).
REACHES = {
    "unit": "records placed in the person's unit or below it (on either map)",
    "unit+up": "as unit, and records placed on the units above it (district, province) or open to all",
    "unit+open": "as unit, and records placed on no unit",
    "own": "the producer account's own records",
    "own+province": "own, and records placed in the producer's province or open to all",
    "decider": "as unit, and only the records the person's authority decided (a certificate's recognising level: "
    "the province office's province and former district recognitions, the national office's central ones)",
    "seat": "records of the council sessions the person sits on",
    "self": "the person's own records (their imports, exports, tokens, notifications)",
    "all": "every record",
}

# fmt: off
RIGHTS_TABLE = """
record type                 action    office      commune     producer      viewer      member      national
registry.producer           view      unit        unit        own           unit        -           unit
registry.producer           add       unit        unit        -             -           -           -
registry.producer           change    unit        unit        own           -           -           -
registry.producer           delete    unit        unit        -             -           -           -
registry.producer           import    unit        unit        -             -           -           -
registry.producer           export    unit        unit        own           unit        -           unit
registry.producer           personal  unit        unit        own           -           -           -
registry.product            view      unit        unit        own           unit        -           unit
registry.product            add       unit        unit        own           -           -           -
registry.product            change    unit        unit        own           -           -           -
registry.product            delete    unit        unit        own           -           -           -
registry.product            import    unit        unit        own           -           -           -
registry.product            export    unit        unit        own           unit        -           unit
registry.productphoto       view      unit        unit        own           unit        -           unit
registry.productphoto       add       unit        unit        own           -           -           -
registry.productphoto       delete    unit        unit        own           -           -           -
registry.produceraddress    view      unit        unit        own           unit        -           unit
registry.workforce          view      unit        unit        own           unit        -           unit
registry.workforce          add       unit        unit        own           -           -           -
registry.workforce          change    unit        unit        own           -           -           -
registry.workforce          delete    unit        unit        own           -           -           -
registry.workforce          import    unit        unit        own           -           -           -
registry.workforce          export    unit        unit        own           unit        -           unit
registry.linkage            view      unit        unit        own           unit        -           unit
registry.linkage            add       unit        unit        own           -           -           -
registry.linkage            change    unit        unit        own           -           -           -
registry.linkage            delete    unit        unit        own           -           -           -
registry.credential         view      unit        unit        own           unit        -           unit
registry.credential         add       unit        unit        own           -           -           -
registry.credential         change    unit        unit        own           -           -           -
registry.credential         delete    unit        unit        own           -           -           -
certificates.certificate    view      unit        unit        own           unit        -           unit
certificates.certificate    add       decider     -           -             -           -           -
certificates.certificate    change    decider     -           -             -           -           -
certificates.certificate    revoke    decider     -           -             -           -           decider
certificates.certificate    import    decider     -           -             -           -           -
certificates.certificate    export    unit        unit        own           unit        -           unit
certificates.certificate    remind    unit        unit        own           -           -           -
evaluation.round            view      unit        unit+up     own+province  unit+up     seat        unit+up
evaluation.round            add       unit        -           -             -           -           -
evaluation.round            change    unit        -           -             -           -           -
evaluation.dossier          view      unit        unit        own           unit        seat        unit
evaluation.dossier          add       unit        unit        own           -           -           -
evaluation.dossier          change    unit        unit        own           -           -           -
evaluation.dossier          prepare   -           -           own           -           -           -
evaluation.dossier          submit    unit        unit        own           -           -           -
evaluation.dossier          review    -           unit        -             -           -           -
evaluation.dossier          process   unit        -           -             -           -           -
evaluation.dossier          decide    unit        -           -             -           -           -
evaluation.dossier          export    unit        unit        own           unit        -           unit
evaluation.dossier          personal  unit        unit        own           -           -           -
evaluation.evidence         view      unit        unit        own           -           seat        -
evaluation.evidence         add       unit        unit        own           -           -           -
evaluation.evidence         delete    unit        unit        own           -           -           -
evaluation.councilsession   view      unit        -           -             -           seat        -
evaluation.councilsession   add       unit        -           -             -           -           -
evaluation.councilsession   change    unit        -           -             -           -           -
evaluation.membership       view      unit        -           -             -           seat        -
evaluation.membership       change    unit        -           -             -           -           -
evaluation.scoresheet       view      unit        -           -             -           seat        -
evaluation.scoresheet       score     -           -           -             -           seat        -
market.event                view      unit+up     unit+up     own+province  unit+up     -           unit+up
market.event                add       unit+open   unit        own           -           -           -
market.event                change    unit+open   unit        own           -           -           -
market.event                delete    unit+open   unit        own           -           -           -
market.event                confirm   unit+open   unit        -             -           -           -
market.event                import    unit+open   unit        own           -           -           -
market.event                export    unit+up     unit+up     own+province  unit+up     -           unit+up
market.participation        view      unit        unit        own           unit        -           unit
market.participation        add       unit        unit        own           -           -           -
market.participation        change    unit        unit        own           -           -           -
market.participation        delete    unit        unit        own           -           -           -
market.participation        confirm   unit        unit        -             -           -           -
market.participation        import    unit        unit        own           -           -           -
market.participation        export    unit        unit        own           unit        -           unit
market.salespoint           view      unit+up     unit+up     own+province  unit+up     -           unit+up
market.salespoint           add       unit+open   unit        own           -           -           -
market.salespoint           change    unit+open   unit        own           -           -           -
market.salespoint           delete    unit+open   unit        own           -           -           -
market.salespoint           confirm   unit+open   unit        -             -           -           -
market.salespoint           import    unit+open   unit        own           -           -           -
market.salespoint           export    unit+up     unit+up     own+province  unit+up     -           unit+up
market.listing              view      unit        unit        own           unit        -           unit
market.listing              add       unit        unit        own           -           -           -
market.listing              change    unit        unit        own           -           -           -
market.listing              delete    unit        unit        own           -           -           -
market.listing              confirm   unit        unit        -             -           -           -
market.listing              import    unit        unit        own           -           -           -
market.listing              export    unit        unit        own           unit        -           unit
market.craftvillage         view      unit+up     unit+up     own+province  unit+up     -           unit+up
market.craftvillage         add       unit+open   unit        -             -           -           -
market.craftvillage         change    unit+open   unit        -             -           -           -
market.craftvillage         delete    unit+open   unit        -             -           -           -
market.craftvillage         export    unit+up     unit+up     own+province  unit+up     -           unit+up
market.communestatus        view      unit+up     unit+up     own+province  unit+up     -           unit+up
market.communestatus        add       unit+open   unit        -             -           -           -
market.communestatus        change    unit+open   unit        -             -           -           -
market.communestatus        delete    unit+open   unit        -             -           -           -
market.communestatus        import    unit+open   unit        -             -           -           -
market.communestatus        export    unit+up     unit+up     own+province  unit+up     -           unit+up
market.activity             view      unit+up     unit+up     own+province  unit+up     -           unit+up
market.activity             add       unit+open   unit        -             -           -           -
market.activity             change    unit+open   unit        -             -           -           -
market.activity             delete    unit+open   unit        -             -           -           -
market.activity             import    unit+open   unit        -             -           -           -
market.activity             export    unit+up     unit+up     own+province  unit+up     -           unit+up
market.activityfile         view      unit+open   unit        -             unit        -           unit
market.activityfile         add       unit+open   unit        -             -           -           -
market.activityfile         delete    unit+open   unit        -             -           -           -
market.support              view      unit        unit        own           unit        -           unit
market.support              add       unit        unit        -             -           -           -
market.support              change    unit        unit        -             -           -           -
market.support              delete    unit        unit        -             -           -           -
market.support              import    unit        unit        -             -           -           -
market.support              export    unit        unit        own           unit        -           unit
programme.plan              view      unit+up     unit+up     -             unit+up     -           unit+up
programme.plan              add       unit        -           -             -           -           -
programme.plan              change    unit        -           -             -           -           -
programme.plan              export    unit        -           -             -           -           unit
programme.target            view      unit+up     unit+up     -             unit+up     -           unit+up
programme.target            change    unit        -           -             -           -           -
programme.solution          view      unit+up     unit+up     -             unit+up     -           unit+up
programme.solution          change    unit        -           -             -           -           -
programme.task              view      unit+up     unit+up     -             unit+up     -           unit+up
programme.task              change    unit        -           -             -           -           -
programme.taskreport        view      unit+up     unit+up     -             unit+up     -           unit+up
programme.taskreport        add       unit        -           -             -           -           -
places.unit                 figures   unit        unit        -             unit        -           unit
portal.misusereport         view      unit+open   unit        -             -           -           unit
portal.misusereport         handle    unit+open   unit        -             -           -           unit
portal.misusereport         personal  unit+open   -           -             -           -           -
stories.article             view      all         all         -             all         -           all
stories.article             add       all         -           -             -           -           -
stories.article             change    all         -           -             -           -           -
stories.article             delete    all         -           -             -           -           -
exchange.importrecord       view      self        self        self          self        -           self
exchange.exportrecord       view      self        self        self          self        -           self
core.role                   view      unit        -           -             -           -           -
core.role                   unlock    unit        -           -             -           -           -
core.apitoken               view      self        self        self          self        self        self
core.apitoken               add       self        self        self          self        self        self
core.apitoken               change    self        self        self          self        self        self
core.notification           view      self        self        self          self        self        self
evaluation.round            central   -           -           -             -           -           unit
evaluation.councilsession   central   -           -           -             -           -           unit
evaluation.dossier          central   -           -           -             -           -           unit
monitoring.inspectionplan   view      unit+up     unit+up     -             unit+up     -           unit+up
monitoring.inspectionplan   add       unit        -           -             -           -           unit
monitoring.inspectionplan   change    unit        -           -             -           -           unit
monitoring.inspection       view      unit        unit        own           unit        -           unit
monitoring.inspection       add       unit        -           -             -           -           unit
monitoring.inspection       change    unit        -           -             -           -           unit
monitoring.inspection       decide    unit        -           -             -           -           unit
monitoring.inspection       personal  unit        -           -             -           -           -
monitoring.inspection       remind    unit        -           own           -           -           unit
monitoring.inspection       export    unit        unit        own           unit        -           unit
monitoring.checkitem        view      unit        unit        own           unit        -           unit
monitoring.checkitem        change    unit        -           -             -           -           unit
monitoring.findingfile      view      unit        unit        own           -           -           unit
monitoring.findingfile      add       unit        -           -             -           -           unit
api.subscription            view      unit        self        self          -           -           self
api.subscription            add       unit        self        self          -           -           self
api.subscription            change    unit        self        self          -           -           self
api.delivery                view      unit        self        self          -           -           self
api.delivery                replay    unit        self        self          -           -           self
"""
# fmt: on


def _parse(text: str) -> dict[tuple[str, str], dict[str, str]]:
    lines = [line.split() for line in text.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    columns = header[3:]  # "record type" is two words
    assert tuple(columns) == COLUMNS, columns
    table: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        record, action, reaches = row[0], row[1], row[2:]
        assert len(reaches) == len(COLUMNS), row
        assert (record, action) not in table, f"{record} {action} twice"
        for reach in reaches:
            assert reach == "-" or reach in REACHES, f"unknown reach {reach!r} in {row}"
        table[(record, action)] = {c: r for c, r in zip(COLUMNS, reaches, strict=True) if r != "-"}
    return table


RIGHTS = _parse(RIGHTS_TABLE)


def record_type(model: models.Model | type[models.Model]) -> str:
    """ "app.model" of a model class or instance, as the table names record types."""
    return model._meta.label_lower


def actions_of(model: models.Model | type[models.Model]) -> list[str]:
    label = record_type(model)
    return [action for (record, action) in RIGHTS if record == label]
