"""The people of `make bench-load`, as Locust users (run by bench/load.py: `locust -f bench/load_users.py`).

The public (most of the traffic), staff of a province and a commune, producers editing their products and
opening dossiers, council members scoring, and one office importing a large file through the workers. Each
request is written to a log (time, name, milliseconds, status) that load.py reads to compute percentiles,
throughput and the errors inside each fault's window; each write the site acknowledged goes to a ledger that
load.py checks against the database afterwards. What to request (ids, accounts) comes from LOAD_CONFIG.
"""

import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

CONFIG: dict[str, Any] = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text(encoding="utf-8"))
# Open for the whole Locust run, closed when it exits (flushed on quitting).
REQUEST_LOG = open(  # noqa: SIM115
    os.environ["LOAD_REQUEST_LOG"], "a", buffering=1 << 16, encoding="utf-8"
)
LEDGER = open(os.environ["LOAD_LEDGER"], "a", buffering=1, encoding="utf-8")  # noqa: SIM115  (line-buffered)
STATIC_ONLY = os.environ.get("LOAD_STATIC_ONLY") == "1"


@events.request.add_listener
def log_request(name: str, response_time: float, response: Any, exception: Any, **_kw: Any) -> None:
    status = getattr(response, "status_code", 0) or 0
    REQUEST_LOG.write(f"{time.time():.3f}\t{name}\t{response_time:.1f}\t{status}\t{1 if exception else 0}\n")


@events.quitting.add_listener
def flush(**_kw: Any) -> None:
    REQUEST_LOG.flush()
    LEDGER.flush()


def ledger(kind: str, **fields: Any) -> None:
    if kind.startswith("import"):
        fields["tag"] = CONFIG["import"]["tag"]
    LEDGER.write(json.dumps({"kind": kind, "t": round(time.time(), 3), **fields}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- forms, as a browser would submit them


class FormReader(HTMLParser):
    """The fields of every <form> of a page: what a browser would send, plus the options of radio groups."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": [], "radios": {}, "enctype": a.get("enctype")})
            return
        if not self.forms:
            return
        form, name = self.forms[-1], a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind == "radio":
                form["radios"].setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form["fields"].append((name, a.get("value", "on")))
            elif kind == "checkbox":
                if "checked" in a:
                    form["fields"].append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form["fields"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and not self._select_chosen:
                form["fields"].append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self.forms:
            if not self._select_chosen and self._select_first is not None:
                self.forms[-1]["fields"].append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self.forms:
            text = "".join(self._text)
            self.forms[-1]["fields"].append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_with(html: str, field: str) -> dict[str, Any] | None:
    reader = FormReader()
    reader.feed(html)
    for form in reader.forms:
        if any(name == field for name, _ in form["fields"]) or field in form["radios"]:
            return form
    return None


def form_posting_to(html: str, action: str) -> dict[str, Any] | None:
    reader = FormReader()
    reader.feed(html)
    return next((form for form in reader.forms if form["action"] == action), None)


def replaced(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    out = [(k, v) for k, v in fields if k not in values]
    return out + list(values.items())


def multipart(boundary: str, fields: dict[str, str], upload: tuple[str, str, bytes]) -> bytes:
    """A multipart/form-data body (Locust's fast client takes bytes, not files=)."""
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    name, file_name, data = upload
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
    parts.append((head + "Content-Type: text/csv\r\n\r\n").encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor(FastHttpUser):
    abstract = True
    insecure = True  # the cluster's self-signed certificate
    connection_timeout = 10.0
    network_timeout = 60.0

    def referer(self, path: str) -> dict[str, str]:
        return {"Referer": f"{self.host}{path}"}  # Django checks it on HTTPS POSTs

    def post_form(self, path: str, fields: list[tuple[str, str]], name: str) -> Any:
        headers = {**self.referer(path), "Content-Type": "application/x-www-form-urlencoded"}
        return self.client.post(
            path, data=urlencode(fields), headers=headers, name=name, allow_redirects=False, catch_response=True
        )

    def log_in(self, username: str, password: str) -> bool:
        page = self.client.get("/login/", name="login (form)")
        token = CSRF.search(page.text or "")
        if not token:
            return False
        fields = [("csrfmiddlewaretoken", token.group(1)), ("username", username), ("password", password)]
        with self.post_form("/login/", fields, "login") as response:
            if response.status_code == 302:
                response.success()
                return True
            response.failure(f"log-in refused ({response.status_code})")
            return False


# ---------------------------------------------------------------- the public


class Public(Visitor):
    weight = 70
    wait_time = between(0.5, 2.0)

    @task(6)
    def search(self) -> None:
        q = random.choice(CONFIG["searches"])
        self.client.get(f"/san-pham/?q={q}", name="search")

    @task(8)
    def product(self) -> None:
        self.client.get(f"/san-pham/{random.choice(CONFIG['products'])}/", name="product page")

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(2)
    def verify(self) -> None:
        self.client.get(f"/verify/{random.choice(CONFIG['codes'])}/", name="verify")

    @task(2)
    def producer(self) -> None:
        self.client.get(f"/chu-the/{random.choice(CONFIG['producers'])}/", name="producer page")

    @task(1)
    def map(self) -> None:
        self.client.get("/ban-do/", name="map")
        self.client.get("/ban-do/diem.geojson", name="map points")

    @task(1)
    def open_data(self) -> None:
        self.client.get("/du-lieu-mo/", name="open data")
        if random.random() < 0.1:
            self.client.get("/du-lieu-mo/catalogue.csv", name="open data file")

    @task(4)
    def static(self) -> None:
        self.client.get(random.choice(CONFIG["static"]), name="static")


# ---------------------------------------------------------------- staff


class Staff(Visitor):
    weight = 8
    wait_time = between(1.0, 4.0)

    def on_start(self) -> None:
        account = random.choice(CONFIG["staff"])
        self.logged_in = self.log_in(account["username"], CONFIG["password_demo"])

    @task(4)
    def products(self) -> None:
        status = random.choice(["", "active"])
        sort = random.choice(["name", "-updated", "product_set"])
        self.client.get(f"/staff/products/?q={random.choice(CONFIG['searches'])}&status={status}&sort={sort}",
                        name="staff: products (filters)")  # fmt: skip

    @task(3)
    def producers(self) -> None:
        self.client.get(f"/staff/producers/?q={random.choice(CONFIG['searches'])}", name="staff: producers (filters)")

    @task(2)
    def certificates(self) -> None:
        self.client.get("/staff/certificates/?page=2", name="staff: certificates")

    @task(2)
    def dashboard(self) -> None:
        self.client.get(f"/staff/plans/{CONFIG['plan']}/", name="staff: plan dashboard")

    @task(1)
    def export(self) -> None:
        self.client.get(f"/staff/exports/products.csv?product_set={random.randint(1, 25)}", name="staff: export",
                        allow_redirects=False)  # fmt: skip


# ---------------------------------------------------------------- producers


PRODUCER_SEATS = itertools.count(random.randrange(1 << 16))  # a different first account in each generator process


class ProducerUser(Visitor):
    weight = 15
    wait_time = between(2.0, 6.0)

    def on_start(self) -> None:
        accounts = CONFIG["producer_accounts"]
        # One account per simulated producer while there are enough (200): two people editing one product's form
        # at once is a conflict the site rightly refuses (409, "changed since you opened it"), not a load error.
        self.account = accounts[next(PRODUCER_SEATS) % len(accounts)]
        self.logged_in = self.log_in(self.account["username"], CONFIG["password"])

    @task(3)
    def edit_product(self) -> None:
        pk = random.choice(self.account["products"])
        path = f"/staff/products/{pk}/edit/"
        page = self.client.get(path, name="producer: product form")
        form = form_with(page.text or "", "description")
        if form is None:
            return
        token = f"load-{os.getpid()}-{time.time_ns()}-{random.randrange(1 << 30)}"
        ledger("edit_attempt", product=pk, token=token)
        with self.post_form(path, replaced(form["fields"], description=token), "producer: save product") as r:
            if r.status_code == 302:
                r.success()
                ledger("edit", product=pk, token=token)
            else:
                r.failure(f"product not saved ({r.status_code})")

    @task(1)
    def open_dossier(self) -> None:
        if not self.account["free"]:
            self.client.get("/staff/dossiers/", name="producer: dossiers")
            return
        pk = self.account["free"].pop()
        path = "/staff/dossiers/new/"
        page = self.client.get(f"{path}?product={pk}", name="producer: dossier form")
        form = form_with(page.text or "", "kind")
        if form is None:
            return
        ledger("dossier_attempt", product=pk)
        fields = replaced(form["fields"], product=str(pk), kind="first")
        with self.post_form(path, fields, "producer: open dossier") as r:
            if r.status_code == 302:
                r.success()
                ledger("dossier", product=pk, location=r.headers.get("Location", ""))
            else:
                r.failure(f"dossier not opened ({r.status_code})")


# ---------------------------------------------------------------- council members


class CouncilMember(Visitor):
    fixed_count = 3  # a council scoring at once, whatever the crowd
    wait_time = between(3.0, 8.0)

    def on_start(self) -> None:
        members = CONFIG["council"]
        self.seat = members[random.randrange(len(members))]
        self.todo = list(self.seat["dossiers"])
        self.logged_in = self.log_in(self.seat["username"], CONFIG["password"])

    @task
    def score(self) -> None:
        session = self.seat["session"]
        if not self.todo:
            self.client.get(f"/staff/sessions/{session}/", name="council: session")
            return
        dossier = self.todo.pop()
        path = f"/staff/sessions/{session}/dossiers/{dossier}/score/"
        page = self.client.get(path, name="council: scoresheet")
        reader = FormReader()
        reader.feed(page.text or "")
        form = next((f for f in reader.forms if f["radios"]), None)
        if form is None:
            return  # already submitted (another user on this seat), or the session is closed
        fields = list(form["fields"]) + [(name, random.choice(options)) for name, options in form["radios"].items()]
        with self.post_form(path, fields, "council: submit sheet") as r:
            if r.status_code == 302:
                r.success()
                ledger("sheet", session=session, dossier=dossier, user=self.seat["username"])
            else:
                r.failure(f"sheet not submitted ({r.status_code})")


# ---------------------------------------------------------------- one large import


class Importer(Visitor):
    fixed_count = 1
    wait_time = between(1.0, 2.0)

    def on_start(self) -> None:
        self.done = not CONFIG.get("import") or STATIC_ONLY
        if not self.done:
            self.log_in(CONFIG["import"]["username"], CONFIG["password_demo"])

    def wait_job(self, path: str) -> tuple[str, str]:
        """Follow the job's page until it is finished, as its user would (the page refreshes itself while the job
        runs); a job whose worker died is run again with its "Run again" button. (state, page)."""
        deadline = time.monotonic() + CONFIG["import"]["timeout"]
        while time.monotonic() < deadline:
            page = self.client.get(path, name="import: job page")
            text = page.text or ""
            if page.status_code != 200 or 'http-equiv="refresh"' in text:
                time.sleep(2)
                continue
            again = form_posting_to(text, f"{path}again/")
            if again is None:
                return "done", text
            with self.post_form(f"{path}again/", again["fields"], "import: run again") as r:
                ledger("import_rerun", location=path, status=r.status_code)
                if r.status_code == 302:
                    r.success()
                    path = r.headers.get("Location", path)
        return "timeout", ""

    @task
    def run_import(self) -> None:
        if self.done:
            time.sleep(5)
            return
        self.done = True
        spec = CONFIG["import"]
        page = self.client.get("/staff/imports/", name="import: form")
        token = CSRF.search(page.text or "")
        if not token:
            return
        with open(spec["file"], "rb") as f:
            data = f.read()
        ledger("import_attempt", tag=spec["tag"], rows=spec["rows"])
        boundary = f"----load{time.time_ns()}"
        body = multipart(boundary, {"csrfmiddlewaretoken": token.group(1), "kind": spec["kind"]},
                         ("file", os.path.basename(spec["file"]), data))  # fmt: skip
        headers = {**self.referer("/staff/imports/"), "Content-Type": f"multipart/form-data; boundary={boundary}"}
        response = self.client.post(
            "/staff/imports/", data=body, name="import: upload", headers=headers, allow_redirects=False
        )
        location = response.headers.get("Location", "") if response.status_code == 302 else ""
        ledger("import_check", location=location, status=response.status_code)
        if not location:
            return
        self.follow(location, spec)

    def follow(self, location: str, spec: dict[str, Any]) -> None:
        """The check ran (in a worker); confirm it, as the office would, and wait for the import itself."""
        state, text = self.wait_job(location)
        form = form_posting_to(text, "")
        ledger("import_checked", location=location, state=state, confirmable=form is not None)
        if form is None:
            return
        with self.post_form(location, form["fields"], "import: confirm") as r:
            target = r.headers.get("Location", "") if r.status_code == 302 else ""
            if target:
                r.success()
            else:
                r.failure(f"import not confirmed ({r.status_code})")
        ledger("import_started", location=target)
        if target:
            state, _text = self.wait_job(target)
            ledger("import_finished", location=target, state=state)


# ---------------------------------------------------------------- the proxy's own ceiling


class StaticOnly(Visitor):
    """Only used for the static-file measurement (LOAD_STATIC_ONLY=1): the proxy's ceiling, same generator."""

    wait_time = between(0.0, 0.0)

    @task
    def static(self) -> None:
        self.client.get(CONFIG["static"][0], name="static (ceiling)")
