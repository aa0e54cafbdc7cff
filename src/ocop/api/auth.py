"""Who is calling the API: defined in `ocop.core.api_auth`, so that each app's operations can ask for a right
before their body is read (`gate`); re-exported here for the assembler."""

from ocop.core.api_auth import SESSION_OR_TOKEN, CsrfSessionAuth, TokenAuth

__all__ = ["SESSION_OR_TOKEN", "CsrfSessionAuth", "TokenAuth"]
