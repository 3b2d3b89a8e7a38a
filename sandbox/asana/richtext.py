"""Asana rich text (`html_text`, `html_notes`): a `<body>` of the tags Asana allows, user mentions
as `<a data-asana-gid="…"/>`; read back expanded, with the plain text beside it."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from .errors import invalid

ALLOWED = {"body", "strong", "em", "u", "s", "code", "ol", "ul", "li", "a", "blockquote", "pre", "h1", "h2",
           "hr", "br"}
VOID = {"hr", "br"}


class _Reader(HTMLParser):
    def __init__(self, store, field):
        super().__init__(convert_charrefs=True)
        self.store, self.field = store, field
        self.html: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.seen_body = False
        self.mention_open = False

    def fail(self, problem: str):
        raise invalid(f"{self.field}: XML is invalid: {problem}")

    def handle_starttag(self, tag, attrs):
        self._open(tag, dict(attrs), closed=False)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, dict(attrs), closed=True)

    def _open(self, tag, attrs, closed):
        if tag not in ALLOWED:
            self.fail(f"the tag <{tag}> is not allowed")
        if attrs and tag != "a":  # "Only <a> tags support attributes" (Asana's rich text guide)
            self.fail(f"the tag <{tag}> takes no attributes")
        if not self.stack and tag != "body":
            self.fail("the text must be inside one <body> tag")
        if tag == "body":
            if self.seen_body:
                self.fail("only one <body> tag is allowed")
            self.seen_body = True
        if tag == "a" and attrs.get("data-asana-gid"):
            self._mention(attrs["data-asana-gid"], closed)
            return
        if tag == "a":
            href = attrs.get("href") or ""
            self.html.append(f'<a href="{escape(href)}">' if not closed else f'<a href="{escape(href)}"></a>')
        else:
            self.html.append(f"<{tag}>" if tag not in VOID else f"<{tag}/>")
        if tag == "li":
            self.text.append("• " if not self.text or self.text[-1].endswith("\n") else "\n• ")
        if tag in ("br", "hr"):
            self.text.append("\n")
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def _mention(self, gid, closed):
        user = self.store.users.get(gid)
        if user is None:
            task = self.store.tasks.get(gid)
            if task is None:
                raise invalid(f"{self.field}: data-asana-gid {gid} is not a recognized user or task")
            name, kind, url = task["name"], "task", f"https://app.asana.com/0/0/{gid}"
        else:
            name, kind, url = "@" + user["name"], "user", f"https://app.asana.com/0/profile/{gid}"
        self.html.append(f'<a href="{url}" data-asana-accessible="true" data-asana-dynamic="true" '
                         f'data-asana-type="{kind}" data-asana-gid="{gid}">{escape(name)}</a>')
        self.text.append(name)
        if not closed:
            self.stack.append("a")
            self.mention_open = True

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.fail(f"</{tag}> does not close the open tag")
        self.stack.pop()
        if tag == "a" and self.mention_open:
            self.mention_open = False
            return
        self.html.append(f"</{tag}>")
        if tag in ("li", "h1", "h2", "blockquote", "pre") :
            self.text.append("\n")

    def handle_data(self, data):
        if not self.stack:
            if data.strip():
                self.fail("the text must be inside one <body> tag")
            return
        if self.mention_open:
            return  # a mention's own text is the user's name
        self.html.append(escape(data, quote=False))
        self.text.append(data)


def parse_html(store, raw: str, field: str) -> tuple[str, str]:
    """(html as Asana stores it, plain text) for rich text given by a client."""
    reader = _Reader(store, field)
    reader.feed(raw)
    reader.close()
    if reader.stack or not reader.seen_body:
        reader.fail("the text must be one <body> … </body>")
    return "".join(reader.html), "".join(reader.text).strip("\n")


def html_of_text(text: str) -> str:
    return f"<body>{escape(text, quote=False)}</body>"
