from ocop.certificates.models import Regime  # moved to certificates; still read here by exchange/kinds/certificates.py
from ocop.evaluation.models.criteria import CriteriaSheet, CriteriaVersion
from ocop.evaluation.models.dossiers import Dossier, DossierEvent, Evidence, Round
from ocop.evaluation.models.sessions import CouncilSession, Membership, Scoresheet

__all__ = [
    "CouncilSession",
    "CriteriaSheet",
    "CriteriaVersion",
    "Dossier",
    "DossierEvent",
    "Evidence",
    "Membership",
    "Regime",
    "Round",
    "Scoresheet",
]
