"""The plan's 15 indicators (DOMAIN.md §5), each a documented definition: what it counts, over what, by which
rule and on which legal basis. The arithmetic lives in `compute.py`, one function per indicator."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ocop.core.types import StrOrPromise

COUNT, RATIO = "count", "ratio"
VALID, NOT_STATED = "valid", "not_stated"  # what an indicator shows beside its value, if anything
PLAN_BASIS = _("Bình Phước province's OCOP plan 2022–2025 (specific targets to 2025)")


@dataclass(frozen=True)
class Indicator:
    number: int
    code: str
    kind: str  # count (a number of products) or ratio (a percentage: numerator / denominator × 100)
    name: StrOrPromise
    numerator: StrOrPromise
    denominator: StrOrPromise = ""
    rules: StrOrPromise = ""
    legal_basis: StrOrPromise = PLAN_BASIS
    beside: str = ""  # VALID: products valid at D beside the cumulative count; NOT_STATED: records not stated
    fact: str = ""  # the producer's field that decides, shown beside each record on the indicator's page


OCOP_AT_D = _(
    "OCOP product at D: a product with a ≥3★ certificate valid at D (issued on or before D, not expired (or kept "
    "valid by the transition rule), not revoked by D, not superseded by a newer one issued by D)."
)
OCOP_PRODUCER = _(
    "OCOP producer at D: a producer with at least one OCOP product at D, placed in the commune of its address on D."
)

INDICATORS = [
    Indicator(1, "new_products", COUNT, _("New OCOP products"),
              _("Distinct products whose first ≥3★ recognition is dated in [start, D]."),
              rules=_("Recognition date = the decision date. Placed by the producer's commune on D.")),
    Indicator(2, "cumulative_products", COUNT, _("Cumulative OCOP products"),
              _("Distinct products with any ≥3★ recognition dated on or before D."),
              rules=_("The number of products valid at D is shown beside."), beside=VALID),
    Indicator(3, "potential_5_star_share", RATIO, _("Potential 5★ products sent to the national round"),
              _("Distinct products forwarded to the central council in [start, D]."),
              _("Distinct products with a ≥3★ recognition dated in [start, D], or forwarded in [start, D]."),
              rules=_("Forwarded: a dossier's forwarding to the central council, or a 5★ recognition by the central "
                      "level (legacy records have no dossier) — our rule.")),
    Indicator(4, "renewed_share", RATIO, _("Expired products consolidated or upgraded"),
              _("Of the denominator, those with a newer ≥3★ recognition dated from 180 days before that end to D."),
              _("Distinct products with a certificate, not revoked by D, whose 36-month validity ends in [start, D] "
                "(a superseded certificate counts with its own end)."),
              rules=_("For a product with several such certificates, the latest ending one is taken.")),
    Indicator(5, "trained_workforce_share", RATIO, _("Trained workforce of OCOP producers"),
              _("Σ workers with degrees or certificates."), _("Σ workers."),
              rules=_("Each OCOP producer at D, its latest workforce record of a year up to D's year.")),
    Indicator(6, "women_led_share", RATIO, _("Women-led OCOP producers"),
              _("OCOP producers at D whose legal representative is a woman."), _("OCOP producers at D."),
              rules=_("A representative whose gender is not stated counts in the denominator, not in the numerator; "
                      "their number is shown beside the value as “not stated: N”."), beside=NOT_STATED,
              fact="representative_gender"),
    Indicator(7, "ethnic_minority_led_share", RATIO, _("Ethnic-minority-led OCOP producers"),
              _("OCOP producers at D whose legal representative belongs to an ethnic minority (not Kinh)."),
              _("OCOP producers at D."),
              rules=_("A representative whose ethnicity is not stated counts in the denominator, not in the "
                      "numerator; their number is shown beside the value as “not stated: N”."), beside=NOT_STATED,
              fact="representative_ethnicity"),
    Indicator(8, "coop_enterprise_share", RATIO, _("Cooperatives and enterprises"),
              _("OCOP producers at D that are a cooperative, union of cooperatives or enterprise."),
              _("OCOP producers at D.")),
    Indicator(9, "value_chain_share", RATIO, _("OCOP producers in stable value chains"),
              _("OCOP producers at D with a linkage marked stable that is active at D."), _("OCOP producers at D.")),
    Indicator(10, "event_participation_share", RATIO, _("OCOP products at promotion events"),
              _("OCOP products at D that took part in an event starting in [start, D]."), _("OCOP products at D."),
              rules=_("A participation naming no product counts for every OCOP product its producer held on the "
                      "event's first day; one naming products counts those, whatever their status then.")),
    Indicator(11, "district_showroom_coverage", RATIO, _("Showroom centre in every district"),
              _("District-level units with an OCOP design and showroom centre open at D."),
              _("District-level units of the province on the plan's map."),
              rules=_("No data on a map without districts (the two-level map) or below the district.")),
    Indicator(12, "tourism_products", COUNT, _("Community-tourism OCOP products"),
              _("Distinct products of set 26 with any ≥3★ recognition dated on or before D.")),
    Indicator(13, "supermarket_coverage", RATIO, _("Supermarkets selling OCOP products"),
              _("Commercial centres and general supermarkets open at D with a listing active at D of a product "
                "that is an OCOP product at D."),
              _("Commercial centres and general supermarkets open at D.")),
    Indicator(14, "modern_channel_share", RATIO, _("OCOP producers on modern channels"),
              _("OCOP producers at D with a listing active at D at a modern sales point open at D."),
              _("OCOP producers at D."),
              rules=_("Modern types: supermarket, commercial centre, convenience chain, e-commerce platform or shop.")),
    Indicator(15, "ntm_commune_coverage", RATIO, _("Advanced or model new-rural communes with OCOP products"),
              _("Communes whose latest status by D is advanced or model new-rural and that have an OCOP product at "
                "D."),
              _("Communes with that status by D.")),
]  # fmt: skip

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
