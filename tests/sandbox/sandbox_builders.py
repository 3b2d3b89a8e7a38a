"""Helpers for sandbox tests: build tracker-like data sources through the real client."""

from __future__ import annotations


def text(content: str) -> list[dict]:
    return [{"type": "text", "text": {"content": content}}]


def title_of(page: dict, prop: str = "Name") -> str:
    return "".join(t["plain_text"] for t in page["properties"][prop]["title"])


def make_data_source(notion, parent_id: str, title: str = "Tracker", properties: dict | None = None) -> str:
    props = properties or {
        "Name": {"title": {}},
        "Hours": {"number": {"format": "number"}},
        "Notes": {"rich_text": {}},
        "Certified": {"checkbox": {}},
        "Status": {"select": {"options": [{"name": "On track", "color": "green"},
                                          {"name": "At risk", "color": "red"}]}},
        "Flags": {"multi_select": {"options": [{"name": "no-hours"}, {"name": "low-hours"}]}},
        "Stage": {"status": {}},
        "Exam date": {"date": {}},
        "Engineer": {"people": {}},
        "Link": {"url": {}},
        "Email": {"email": {}},
        "Phone": {"phone_number": {}},
    }
    db = notion.databases.create(parent={"type": "page_id", "page_id": parent_id}, title=text(title),
                                 initial_data_source={"properties": props})
    return db["data_sources"][0]["id"]


def add_page(notion, ds_id: str, name: str, **props) -> dict:
    properties = {"Name": {"title": text(name)}}
    properties.update(props)
    return notion.pages.create(parent={"type": "data_source_id", "data_source_id": ds_id}, properties=properties)


def names(result: dict, prop: str = "Name") -> list[str]:
    return [title_of(p, prop) for p in result["results"]]
