"""Custom fields of a workspace (text, number with precision and format, enum, multi_enum, date,
people, reference): create, get, update, delete, list; enum options (create, insert, update)."""

from __future__ import annotations

from ..core.clock import now
from .errors import invalid, missing_input, payment_required
from .fields import Ref
from .paging import page
from .request import Result, created, written
from .validate import check_bool, check_keys, check_str

TYPES = ("text", "enum", "multi_enum", "number", "date", "people", "reference")
FORMATS = ("currency", "identifier", "percentage", "custom", "duration", "none")
COLORS = ("none", "red", "orange", "yellow-orange", "yellow", "yellow-green", "green", "blue-green", "aqua",
          "blue", "indigo", "purple", "magenta", "hot-pink", "pink", "cool-gray")
FIELD_KEYS = {"name", "description", "precision", "format", "currency_code", "custom_label",
              "custom_label_position", "enabled", "has_notifications_enabled", "privacy_setting",
              "default_access_level", "is_global_to_workspace", "input_restrictions", "id_prefix"}
CREATE_KEYS = FIELD_KEYS | {"workspace", "resource_subtype", "type", "enum_options", "date_value"}


def definition(store, f: dict) -> dict:
    out = {"gid": f["gid"], "resource_type": "custom_field", "name": f["name"], "type": f["type"],
           "resource_subtype": f["type"], "description": f["description"], "enabled": f["enabled"],
           "is_formula_field": bool(f.get("formula")), "is_value_read_only": bool(f.get("formula")),
           "representation_type": "formula" if f.get("formula") else f["type"], "id_prefix": None,
           "input_restrictions": [], "is_global_to_workspace": True, "has_notifications_enabled": True,
           "asana_created_field": None, "privacy_setting": "public_with_guests", "default_access_level": "editor",
           "created_by": Ref("user", f["created_by"]) if f["created_by"] else None}
    if f["type"] == "number":
        out.update(precision=f["precision"], format=f["format"], currency_code=f["currency_code"],
                   custom_label=f["custom_label"], custom_label_position=f["custom_label_position"])
    if f["type"] in ("enum", "multi_enum"):
        out["enum_options"] = [Ref("enum_option", o) for o in f["options"]]
    return out


def new_field(store, workspace: str, name: str, kind: str, author: str | None, data: dict | None = None) -> dict:
    data = data or {}
    if kind not in TYPES:
        raise invalid(f"resource_subtype: Unknown custom field type: {kind}; expected one of {', '.join(TYPES)}")
    if not name.strip():
        raise missing_input("name")
    if any(f["name"].lower() == name.lower() and f["workspace"] == workspace and not f.get("deleted")
           for f in store.fields.values()):
        raise invalid(f"name: A custom field named {name} already exists in this workspace")
    gid = store.new_gid()
    field = {"gid": gid, "name": name, "type": kind, "workspace": workspace, "description": "", "enabled": True,
             "precision": 0, "format": "none", "currency_code": None, "custom_label": None,
             "custom_label_position": None, "options": [], "created_by": author, "created": now()}
    _apply(field, data)
    store.fields[gid] = field
    for option in data.get("enum_options") or []:
        if kind not in ("enum", "multi_enum"):
            raise invalid("enum_options: Only enum and multi_enum fields have options")
        _new_option(store, field, option)
    return field


def create(req):
    store, data = req.store, req.data
    check_keys(data, CREATE_KEYS, "custom_field")
    if data.get("workspace") is None:
        raise missing_input("workspace")
    ws = store.get("workspaces", data["workspace"])
    if ws["free"]:
        raise payment_required()
    kind = data.get("resource_subtype") or data.get("type")
    if kind is None:
        raise missing_input("resource_subtype")
    if data.get("name") is None:
        raise missing_input("name")
    field = new_field(store, ws["gid"], check_str(data["name"], "name"), kind, req.user, data)
    return created(Ref("custom_field", field["gid"]))


def get(req):
    return Result(Ref("custom_field", req.store.get("fields", req.params["custom_field_gid"])["gid"]))


def update(req):
    store = req.store
    field = store.get("fields", req.params["custom_field_gid"])
    check_keys(req.data, FIELD_KEYS, "custom_field")
    if store.workspaces[field["workspace"]]["free"]:
        raise payment_required()
    draft = dict(field)
    _apply(draft, req.data)  # all checked before any is kept
    field.update(draft)
    return written(Ref("custom_field", field["gid"]))


def delete(req):
    store = req.store
    field = store.get("fields", req.params["custom_field_gid"])
    field["deleted"] = True
    for gid, setting in list(store.settings.items()):
        if setting["field"] == field["gid"]:
            store.projects[setting["project"]]["settings"].remove(gid)
            del store.settings[gid]
    return Result({})


def list_(req):
    store = req.store
    ws = store.get("workspaces", req.params["workspace_gid"])["gid"]
    return page(req, [Ref("custom_field", g) for g, f in store.fields.items()
                      if f["workspace"] == ws and not f.get("deleted")])


def _apply(field: dict, data: dict) -> None:
    if "name" in data:
        field["name"] = check_str(data["name"], "name")
    if "description" in data:
        field["description"] = check_str(data["description"] or "", "description")
    if "enabled" in data:
        field["enabled"] = check_bool(data["enabled"], "enabled")
    if field["type"] != "number":
        return
    if "precision" in data:
        p = data["precision"]
        if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= 6:
            raise invalid(f"precision: Must be an integer between 0 and 6, got {p}")
        field["precision"] = p
    if "format" in data:
        if data["format"] not in FORMATS:
            raise invalid(f"format: Unknown format: {data['format']}; expected one of {', '.join(FORMATS)}")
        field["format"] = data["format"]
    if "currency_code" in data:
        field["currency_code"] = data["currency_code"]
    if field["format"] == "currency" and not field["currency_code"]:
        raise invalid("currency_code: A currency field needs a currency_code, such as USD")
    if "custom_label" in data:
        field["custom_label"] = data["custom_label"]
    if "custom_label_position" in data:
        if data["custom_label_position"] not in ("prefix", "suffix", None):
            raise invalid(f"custom_label_position: Must be prefix or suffix, got {data['custom_label_position']}")
        field["custom_label_position"] = data["custom_label_position"]
    if field["format"] == "custom" and not field["custom_label"]:
        raise invalid("custom_label: A custom format needs a custom_label")


# -- enum options --------------------------------------------------------------------------

def _new_option(store, field: dict, data: dict, before=None, after=None) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        raise missing_input("name")
    if any(store.options[o]["name"] == data["name"] for o in field["options"]):
        raise invalid(f"name: An option named {data['name']} already exists on {field['name']}")
    color = data.get("color", "none")
    if color not in COLORS:
        raise invalid(f"color: Unknown color: {color}")
    gid = store.new_gid()
    store.options[gid] = {"gid": gid, "field": field["gid"], "name": data["name"], "color": color,
                          "enabled": check_bool(data.get("enabled", True), "enabled")}
    _place(field["options"], gid, before, after)
    return store.options[gid]


def _place(order: list, gid: str, before, after) -> None:
    if gid in order:
        order.remove(gid)
    if before is not None and after is not None:
        raise invalid("before_enum_option and after_enum_option cannot both be specified")
    anchor = before if before is not None else after
    if anchor is None:
        order.append(gid)
        return
    if anchor not in order:
        raise invalid(f"Not an option of this field: {anchor}")
    order.insert(order.index(anchor) + (0 if before is not None else 1), gid)


def create_option(req):
    """POST /custom_fields/{gid}/enum_options {name, color, enabled, insert_before|insert_after}."""
    store, data = req.store, req.data
    field = store.get("fields", req.params["custom_field_gid"])
    if field["type"] not in ("enum", "multi_enum"):
        raise invalid("Only enum and multi_enum fields have options")
    check_keys(data, {"name", "color", "enabled", "insert_before", "insert_after"}, "enum_option")
    option = _new_option(store, field, data, data.get("insert_before"), data.get("insert_after"))
    return created(Ref("enum_option", option["gid"]))


def insert_option(req):
    """POST /custom_fields/{gid}/enum_options/insert {enum_option, before_enum_option|after_enum_option}."""
    store, data = req.store, req.data
    field = store.get("fields", req.params["custom_field_gid"])
    if data.get("enum_option") is None:
        raise missing_input("enum_option")
    option = store.get("options", data["enum_option"], "enum_option")
    if option["field"] != field["gid"]:
        raise invalid(f"enum_option: {option['gid']} is not an option of {field['name']}")
    _place(field["options"], option["gid"], data.get("before_enum_option"), data.get("after_enum_option"))
    return Result(Ref("enum_option", option["gid"]))


def update_option(req):
    store, data = req.store, req.data
    option = store.get("options", req.params["enum_option_gid"], "enum_option")
    check_keys(data, {"name", "color", "enabled"}, "enum_option")
    if "name" in data:
        option["name"] = check_str(data["name"], "name")
    if "color" in data:
        if data["color"] not in COLORS:
            raise invalid(f"color: Unknown color: {data['color']}")
        option["color"] = data["color"]
    if "enabled" in data:
        option["enabled"] = check_bool(data["enabled"], "enabled")
    return Result(Ref("enum_option", option["gid"]))
