"""Throughput of the sandbox: Notion queries of 100 pages and page updates; Asana task lists of 100
with custom fields and task updates.

The sandbox runs in its own process pinned to one CPU (rate limit off, no faults); clients drive
it over keep-alive connections. Prints requests/second for each case.

    python bench/sandbox.py [--seconds 5] [--clients 4] [--notion-client]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time

import httpx

TOKEN = "ntn_sandbox"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Notion-Version": "2025-09-03"}
SERVER = "import sys; from certsync.sandbox import Sandbox; Sandbox(rate_limit=0).serve_forever('127.0.0.1', int(sys.argv[1]))"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(proc.pid, {sorted(os.sched_getaffinity(0))[-1]})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url + "/_sandbox", timeout=1)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("sandbox did not start")


def seed(url: str) -> tuple[str, list[str]]:
    """A tracker-like data source with 100 pages of realistic values."""
    import notion_client

    n = notion_client.Client(auth=TOKEN, base_url=url + "/notion")
    me = n.users.me()["id"]
    root = httpx.get(url + "/_sandbox").json()["root_page_id"]
    db = n.databases.create(parent={"page_id": root}, title=[{"text": {"content": "Enrollments"}}],
                            initial_data_source={"properties": {
                                "Name": {"title": {}}, "Engineer": {"people": {}}, "Manager": {"people": {}},
                                "Certification": {"select": {"options": [{"name": "AWS SAA"}, {"name": "CKA"}]}},
                                "Exam date": {"date": {}}, "Study start": {"date": {}},
                                "Weekly target hours": {"number": {}}, "Certified": {"checkbox": {}},
                                "Status": {"select": {"options": [{"name": "On track"}, {"name": "At risk"}]}},
                                "Flags": {"multi_select": {"options": [{"name": "no-hours"}]}},
                                "Flag details": {"rich_text": {}}, "Postponements": {"number": {}},
                                "Last synced": {"date": {}}, "Sync problem": {"rich_text": {}}}})
    ds = db["data_sources"][0]["id"]
    ids = []
    for i in range(100):
        ids.append(n.pages.create(parent={"data_source_id": ds}, properties={
            "Name": {"title": [{"text": {"content": f"Engineer {i} — AWS SAA"}}]},
            "Engineer": {"people": [{"id": me}]}, "Manager": {"people": [{"id": me}]},
            "Certification": {"select": {"name": "AWS SAA"}}, "Exam date": {"date": {"start": "2026-03-02"}},
            "Study start": {"date": {"start": "2025-11-03"}}, "Weekly target hours": {"number": 8},
            "Status": {"select": {"name": "On track"}}, "Flags": {"multi_select": [{"name": "no-hours"}]},
            "Flag details": {"rich_text": [{"text": {"content": "Logged 0 h in the week of 3 Nov."}}]},
            "Postponements": {"number": 0}, "Last synced": {"date": {"start": "2025-11-21T09:00:00Z"}},
        })["id"])
    return ds, ids


ASANA = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
TASK_FIELDS = ("name,assignee.name,completed,modified_at,custom_fields.name,custom_fields.display_value,"
               "custom_fields.number_value,custom_fields.text_value,custom_fields.enum_value.name,"
               "custom_fields.date_value,custom_fields.resource_subtype")


def seed_asana(url: str) -> tuple[str, list[str], str]:
    """An enrollments-like project with 100 tasks, each with number, text, enum and date values."""
    api = url + "/asana/api/1.0"
    info = httpx.get(url + "/_sandbox/asana").json()
    ws = info["asana"]["workspace_gid"]

    def post(path: str, data: dict) -> dict:
        r = httpx.post(api + path, json={"data": data}, headers=ASANA)
        assert r.status_code in (200, 201), r.text[:300]
        return r.json()["data"]

    team = httpx.get(f"{api}/workspaces/{ws}/teams", headers=ASANA).json()["data"][0]["gid"]
    project = post("/projects", {"workspace": ws, "team": team, "name": "Enrollments"})["gid"]
    fields = {
        "hours": post("/custom_fields", {"workspace": ws, "name": "Weekly target hours", "resource_subtype": "number",
                                         "precision": 1}),
        "details": post("/custom_fields", {"workspace": ws, "name": "Flag details", "resource_subtype": "text"}),
        "status": post("/custom_fields", {"workspace": ws, "name": "Status", "resource_subtype": "enum",
                                          "enum_options": [{"name": "On track", "color": "green"},
                                                           {"name": "At risk", "color": "red"}]}),
        "synced": post("/custom_fields", {"workspace": ws, "name": "Last synced", "resource_subtype": "date"}),
    }
    for field in fields.values():
        post(f"/projects/{project}/addCustomFieldSetting", {"custom_field": field["gid"]})
    on_track = fields["status"]["enum_options"][0]["gid"]
    ids = [post("/tasks", {"projects": [project], "name": f"Engineer {i} — AWS SAA", "custom_fields": {
        fields["hours"]["gid"]: 8, fields["details"]["gid"]: "Logged 0 h in the week of 3 Nov.",
        fields["status"]["gid"]: on_track, fields["synced"]["gid"]: {"date": "2026-11-21"}}})["gid"] for i in range(100)]
    return project, ids, fields["hours"]["gid"]


def drive(url: str, make_request, seconds: float, clients: int, *, api: str = "/notion/v1",
          headers: dict | None = None) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * clients

    def worker(k: int) -> None:
        with httpx.Client(base_url=url + api, headers=headers or HEADERS) as c:
            i = 0
            while time.monotonic() < stop:
                r = make_request(c, k, i)
                assert r.status_code in (200, 201), r.text[:300]
                i += 1
            counts[k] = i

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--notion-client", action="store_true", help="also measure through notion-client (parses JSON)")
    args = ap.parse_args()
    proc, url = start_server()
    try:
        ds, ids = seed(url)
        query = drive(url, lambda c, k, i: c.post(f"data_sources/{ds}/query", json={"page_size": 100}),
                      args.seconds, args.clients)
        r = httpx.post(f"{url}/notion/v1/data_sources/{ds}/query", json={"page_size": 100}, headers=HEADERS)
        print(f"query (100 pages, {len(r.content) // 1024} KiB/response): {query:7.0f} requests/second")
        update = drive(url, lambda c, k, i: c.patch(f"pages/{ids[(k * 25 + i) % 100]}", json={
            "properties": {"Weekly target hours": {"number": i % 12}, "Status": {"select": {"name": "At risk"}}}}),
            args.seconds, args.clients)
        print(f"page update:                      {update:7.0f} requests/second")
        project, tasks, hours = seed_asana(url)
        asana = {"api": "/asana/api/1.0", "headers": ASANA}
        listing = drive(url, lambda c, k, i: c.get(f"projects/{project}/tasks",
                                                   params={"limit": 100, "opt_fields": TASK_FIELDS}),
                        args.seconds, args.clients, **asana)
        r = httpx.get(f"{url}/asana/api/1.0/projects/{project}/tasks", params={"limit": 100, "opt_fields": TASK_FIELDS},
                      headers=ASANA)
        print(f"Asana task list (100 tasks with custom fields, {len(r.content) // 1024} KiB/response): "
              f"{listing:7.0f} requests/second")
        put = drive(url, lambda c, k, i: c.put(f"tasks/{tasks[(k * 25 + i) % 100]}",
                                               json={"data": {"custom_fields": {hours: i % 12}}}),
                    args.seconds, args.clients, **asana)
        print(f"Asana task update:                {put:7.0f} requests/second")
        if args.notion_client:
            import notion_client

            n = notion_client.Client(auth=TOKEN, base_url=url + "/notion")
            t0, k = time.monotonic(), 0
            while time.monotonic() - t0 < args.seconds:
                n.data_sources.query(ds, page_size=100)
                k += 1
            print(f"query via notion-client, 1 client: {k / (time.monotonic() - t0):7.0f} requests/second")
        print(f"(sandbox in one process pinned to one CPU; {args.clients} keep-alive clients, {args.seconds:g} s each)")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
