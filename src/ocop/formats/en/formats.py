from ocop.formats.vi.formats import *  # noqa: F403  (dd/mm/yyyy in English too)

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
