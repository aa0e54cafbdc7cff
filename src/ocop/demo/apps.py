from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Holds the `ocop demo` command: it sits above every app it loads, so core knows no domain app."""

    name = "ocop.demo"
    verbose_name = "Demo"
