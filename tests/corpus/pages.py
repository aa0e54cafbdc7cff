"""The POST forms of a page as a browser sees them: where each posts, its fields, and what a browser would send
untouched (the values the page filled in: an edit form's record, its version, the selected options)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, checkbox, radio, hidden, file, select, select-multiple, textarea…
    options: list[str] = field(default_factory=list)  # a select's values, or a radio group's


@dataclass
class Form:
    action: str  # the path it posts to
    fields: dict[str, Field] = field(default_factory=dict)
    data: dict[str, list[str]] = field(default_factory=dict)  # what a browser sends untouched

    def add(self, name: str, kind: str, value: str | None, option: str | None = None) -> None:
        known = self.fields.setdefault(name, Field(name, kind))
        if option is not None:
            known.options.append(option)
        if value is not None:
            self.data.setdefault(name, []).append(value)

    @property
    def editable(self) -> list[Field]:
        """The fields a person (or an attacker) fills in: all but the CSRF token (hidden ones included: the record's
        version, a dossier's state… are posted back and may be forged)."""
        return [f for f in self.fields.values() if f.name != "csrfmiddlewaretoken" and f.kind not in ("submit",)]


class _Parser(HTMLParser):
    def __init__(self, page: str, method: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.method = page, method
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool] | None = None  # (name, multiple)
        self.selected: list[str] = []
        self.first_option: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == self.method:
                self.form = Form(urlsplit(urljoin(self.page, a.get("action") or self.page)).path)
            return
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                value = a.get("value", "on")
                self.form.add(name, kind, value if "checked" in a else None, value)
            elif kind not in ("submit", "button", "image", "reset"):
                self.form.add(name, kind, None if kind == "file" else a.get("value", ""))
        elif tag == "select" and name:
            self.select, self.selected, self.first_option = (name, "multiple" in a), [], None
            self.form.add(name, "select-multiple" if "multiple" in a else "select", None)
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.form.fields[self.select[0]].options.append(value)
            self.first_option = value if self.first_option is None else self.first_option
            if "selected" in a:
                self.selected.append(value)
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            # A named submit button (a dossier's "return", a scoresheet's "save draft"): sent when clicked.
            self.form.add(name, "submit", None, a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.form is None:
            return
        if tag == "select" and self.select:
            name, multiple = self.select
            chosen = self.selected or ([] if multiple or self.first_option is None else [self.first_option])
            for value in chosen:
                self.form.data.setdefault(name, []).append(value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.form.add(self.textarea, "textarea", "".join(self.text).removeprefix("\n"))
            self.textarea = None
        elif tag == "form":
            self.forms.append(self.form)
            self.form = None


def post_forms(page: str, html: str, method: str = "post") -> list[Form]:
    """The forms of `page` sent with `method` (POST by default)."""
    parser = _Parser(page, method)
    parser.feed(html)
    return parser.forms
