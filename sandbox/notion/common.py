"""Ids, timestamps and rich text: the small formats every Notion object shares."""

from __future__ import annotations

import re
import time
import uuid
from datetime import datetime, UTC

from ..core.clock import Clock, iso_millis, now
from .errors import NotionError, body_invalid, too_long, validation

MAX_TEXT = 2000  # characters per text object
MAX_ARRAY = 100  # items per array (rich text, relations, people, multi-select, children)

_HEX32 = re.compile(r"^[0-9a-fA-F]{32}$")
_DASHED = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def new_id() -> str:
    return str(uuid.uuid4())


def parse_id(raw) -> str | None:
    """Return the dashed lower-case form of an id given with or without dashes, else None.

    Like Notion, a uuid whose variant nibble is not 8-b is rejected (the nil uuid is accepted).
    """
    if not isinstance(raw, str):
        return None
    s = raw.strip()
    if _DASHED.match(s):
        s = s.replace("-", "")
    elif not _HEX32.match(s):
        return None
    s = s.lower()
    if s != "0" * 32 and s[16] not in "89ab":
        return None
    return f"{s[:8]}-{s[8:12]}-{s[12:16]}-{s[16:20]}-{s[20:]}"


def path_id(raw: str, name: str) -> str:
    out = parse_id(raw)
    if out is None:
        raise validation(f'path failed validation: path.{name} should be a valid uuid, instead was `"{raw}"`.')
    return out


def body_id(raw, path: str) -> str:
    out = parse_id(raw)
    if out is None:
        raise body_invalid(path, "a valid uuid", raw)
    return out


def iso_minute(ts: float) -> str:
    """Notion's page timestamp: truncated to the minute, `.000Z`."""
    t = int(ts) // 60 * 60
    return time.strftime("%Y-%m-%dT%H:%M:00.000Z", time.gmtime(t))


def parse_when(value: str) -> datetime | None:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC."""
    if not isinstance(value, str):
        return None
    try:
        s = value.strip()
        if s.endswith("Z"):
            s = s[:-1] + "+00:00"
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


ANNOTATIONS = {"bold": False, "italic": False, "strikethrough": False, "underline": False, "code": False, "color": "default"}


def objects(items, path: str):
    """(path of each item, item) of an array of objects in a request body, or the 400 Notion
    answers for an array that is not one, too long, or holding something else."""
    if not isinstance(items, list):
        raise body_invalid(path, "an array", items)
    if len(items) > MAX_ARRAY:
        raise too_long(path, MAX_ARRAY, len(items))
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise body_invalid(f"{path}[{i}]", "an object", item)
    return [(f"{path}[{i}]", item) for i, item in enumerate(items)]


def rich_text(items, path: str, resolve_user=None, resolve_page=None) -> list[dict]:
    """Validate rich text as written by a client and return it as Notion renders it."""
    out = []
    for p, item in objects([] if items is None else items, path):
        ann = dict(ANNOTATIONS)
        given = item.get("annotations") or {}
        if not isinstance(given, dict):
            raise body_invalid(f"{p}.annotations", "an object", given)
        ann.update({k: v for k, v in given.items() if k in ANNOTATIONS})
        if "text" in item:
            text = item["text"]
            if not isinstance(text, dict) or not isinstance(text.get("content"), str):
                raise body_invalid(f"{p}.text.content", "a string", (text or {}).get("content") if isinstance(text, dict) else text)
            content = text["content"]
            if len(content) > MAX_TEXT:
                raise too_long(f"{p}.text.content", MAX_TEXT, len(content))
            link = text.get("link")
            if link is not None and not (isinstance(link, dict) and isinstance(link.get("url"), str)):
                raise body_invalid(f"{p}.text.link", "an object with a url, or null", link)
            out.append({
                "type": "text",
                "text": {"content": content, "link": {"url": link["url"]} if link else None},
                "annotations": ann,
                "plain_text": content,
                "href": link["url"] if link else None,
            })
        elif "mention" in item:
            out.append(_mention(item["mention"], f"{p}.mention", ann, resolve_user, resolve_page))
        elif "equation" in item:
            eq = item["equation"]
            expr = eq.get("expression") if isinstance(eq, dict) else None
            if not isinstance(expr, str):
                raise body_invalid(f"{p}.equation.expression", "a string", expr)
            if len(expr) > MAX_TEXT:
                raise too_long(f"{p}.equation.expression", MAX_TEXT, len(expr))
            out.append({"type": "equation", "equation": {"expression": expr}, "annotations": ann,
                        "plain_text": expr, "href": None})
        else:
            raise body_invalid(p, "an object with text, mention or equation", item)
    return out


def _mention(m, path, ann, resolve_user, resolve_page) -> dict:
    if not isinstance(m, dict):
        raise body_invalid(path, "an object", m)
    if "user" in m:
        uid = body_id((m["user"] or {}).get("id") if isinstance(m["user"], dict) else None, f"{path}.user.id")
        user = resolve_user(uid) if resolve_user else {"object": "user", "id": uid}
        name = user.get("name") or ""
        return {"type": "mention", "mention": {"type": "user", "user": user}, "annotations": ann,
                "plain_text": f"@{name}" if name else "@Anonymous", "href": None}
    if "page" in m:
        pid = body_id((m["page"] or {}).get("id") if isinstance(m["page"], dict) else None, f"{path}.page.id")
        title = resolve_page(pid) if resolve_page else "Untitled"
        return {"type": "mention", "mention": {"type": "page", "page": {"id": pid}}, "annotations": ann,
                "plain_text": title, "href": f"https://www.notion.so/{pid.replace('-', '')}"}
    if "date" in m:
        d = m["date"]
        if not isinstance(d, dict) or parse_when(d.get("start")) is None:
            raise body_invalid(f"{path}.date.start", "an ISO 8601 date", d.get("start") if isinstance(d, dict) else d)
        value = {"start": d["start"], "end": d.get("end"), "time_zone": d.get("time_zone")}
        text = d["start"] + (f" → {d['end']}" if d.get("end") else "")
        return {"type": "mention", "mention": {"type": "date", "date": value}, "annotations": ann,
                "plain_text": text, "href": None}
    raise body_invalid(path, "an object with user, page or date", m)


def plain(rich: list[dict]) -> str:
    return "".join(r.get("plain_text", "") for r in rich or [])


def text_item(content: str) -> dict:
    return {"type": "text", "text": {"content": content, "link": None}, "annotations": dict(ANNOTATIONS),
            "plain_text": content, "href": None}


def slug(title: str) -> str:
    s = re.sub(r"[^0-9A-Za-z]+", "-", title).strip("-")
    return s


def check_type(value, kinds, path: str, expected: str):
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,))):
        raise body_invalid(path, expected, value)
    return value


__all__ = ["NotionError", "Clock", "iso_millis", "now"]
