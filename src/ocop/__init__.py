"""OCOP: the platform that runs Vietnam's One Commune One Product programme."""

__version__ = "0.1.0"
