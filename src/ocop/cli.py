"""The `ocop` console script: Django's management commands plus `serve` and `worker`.

ocop migrate | ocop demo | ocop units sync | ocop check --deploy
ocop serve [--bind 0.0.0.0:8000 --workers 4]   production web server (gunicorn)
ocop worker                                    background jobs (django.tasks database worker, heartbeat)
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    command = argv[1] if len(argv) > 1 else "help"
    if command == "serve":
        serve(argv[2:])
        return
    from django.core.management import execute_from_command_line

    from ocop.core.context import changes_by

    if command == "worker":  # each job records its own group (a job id), not the worker's lifetime
        execute_from_command_line(argv)
        return
    # One change-log group per command run, labelled with the command.
    with changes_by("cli", label=f"ocop {command}"[:150]):
        execute_from_command_line(argv)


def serve(args: list[str]) -> None:
    """Run gunicorn on the WSGI app after the deployment checks; flags pass straight to gunicorn."""
    import django
    from django.core.management import call_command
    from gunicorn.app.wsgiapp import run

    own_metrics_directory()  # before anything imports prometheus_client: it picks its mode at import
    django.setup()
    call_command("check", deploy=True, fail_level="ERROR")  # refuse to serve a broken set-up
    defaults = ["--access-logfile", "-"]
    if not any(a in ("-b", "--bind") or a.startswith("--bind=") for a in args):
        defaults += ["--bind", os.environ.get("OCOP_BIND", "127.0.0.1:8000")]
    if not any(a in ("-w", "--workers") or a.startswith("--workers=") for a in args):
        defaults += ["--workers", os.environ.get("WEB_CONCURRENCY", "3")]
    if not any(a in ("-c", "--config") or a.startswith("--config=") for a in args):
        defaults += ["--config", "python:ocop.core.gunicorn_hooks"]  # marks exited processes dead for /metrics
    sys.argv = ["gunicorn", *defaults, *args, "ocop.wsgi:application"]
    run()


def own_metrics_directory() -> None:
    """Gunicorn's processes count requests into files of one directory, summed by /metrics (core/metrics.py):
    a fresh one per `ocop serve`, or PROMETHEUS_MULTIPROC_DIR emptied of a previous run's files."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        Path(given).mkdir(parents=True, exist_ok=True)
        for stale in Path(given).glob("*.db"):
            stale.unlink()
        return
    directory = tempfile.mkdtemp(prefix="ocop-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    master = os.getpid()

    def remove() -> None:  # gunicorn's forked workers run the exit handlers too: only the master removes it
        if os.getpid() == master:
            shutil.rmtree(directory, ignore_errors=True)

    atexit.register(remove)


if __name__ == "__main__":
    main()
