"""Assembles each app's `api.py` router under /api/v1/ (OpenAPI docs at /api/v1/docs, served locally)."""

from ocop.api.auth import SESSION_OR_TOKEN
from ocop.api.webhooks_api import router as webhooks_router
from ocop.certificates.api import public as verify_router
from ocop.certificates.api import router as certificates_router
from ocop.core.api import DescribedAPI, install_error_handlers
from ocop.evaluation.api import dossiers as dossiers_router
from ocop.evaluation.api import router as scoring_router
from ocop.market.api import router as market_router
from ocop.places.api import router as places_router
from ocop.programme.api import router as programme_router
from ocop.registry.api import router as registry_router

api = DescribedAPI(
    title="OCOP API",
    version="1",
    description=("Administrative units, producers and products. Authenticate with a session or a bearer token."),
    auth=SESSION_OR_TOKEN,
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/units", places_router, tags=["units"])
api.add_router("/", registry_router, tags=["registry"])
api.add_router("/scoring", scoring_router, tags=["scoring"])
api.add_router("/", dossiers_router, tags=["dossiers"])
api.add_router("/", certificates_router, tags=["certificates"])
api.add_router("/verify", verify_router, tags=["verification"])
api.add_router("/market", market_router, tags=["market"])
api.add_router("/plans/", programme_router, tags=["plans"])
api.add_router("/", webhooks_router, tags=["webhooks"])
