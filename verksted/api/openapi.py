"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json.

It describes every key serializers.py writes; a test runs schemathesis against it."""
from __future__ import annotations

from verksted.api.services import PER_PAGE, PER_PAGE_MAX

ID_MAX = 2**31 - 1


def _t(kind: str, nullable: bool = False, **extra) -> dict:
    return {"type": [kind, "null"] if nullable else kind, **extra}


def _obj(properties: dict, required: list[str] | None = None, additional: bool = False) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required, "additionalProperties": additional}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


STRING, INTEGER, BOOLEAN = _t("string"), _t("integer"), _t("boolean")
DATE, MAYBE_DATE = _t("string", format="date"), _t("string", True, format="date")
STAMP, MAYBE_STAMP = _t("string", format="date-time"), _t("string", True, format="date-time")
CLOCK = {"type": "string", "pattern": r"^\d{2}:\d{2}$"}

SCHEMAS = {
    "Error": _obj({"error": STRING, "message": STRING}, required=["message"]),
    "FieldErrors": _obj({
        "errors": {"type": "object", "additionalProperties": STRING,
                   "description": "Field key (or «body», «revision», «answers», «submission», «page», «per_page») → "
                                  "what is wrong, in Norwegian."},
        "revision": {**INTEGER, "description": "The document's revision after its valid answers were saved."},
    }, required=["errors"]),
    "StaleRevision": _obj({"error": {"const": "stale_revision"}, "message": STRING, "revision": INTEGER,
                           "answers": {"type": "object"}}),
    "Network": _obj({"id": INTEGER, "name": STRING, "description": STRING, "owner_organisation": STRING,
                     "main_goal": STRING, "starts_on": MAYBE_DATE, "ends_on": MAYBE_DATE}),
    "Team": _obj({"id": INTEGER, "network_id": INTEGER, "municipality": STRING,
                  "municipality_number": _t("string", True), "status": {"enum": ["active", "withdrawn"]},
                  "withdrawn_on": MAYBE_DATE, "withdrawal_reason": STRING}),
    "Gathering": _obj({"id": INTEGER, "network_id": INTEGER, "number": INTEGER, "title": STRING, "held_on": DATE,
                       "starts_at": CLOCK, "ends_at": CLOCK, "venue": STRING, "address": STRING,
                       "host_team_id": _t("integer", True), "host_name": STRING, "focus": STRING,
                       "registration_closes_on": MAYBE_DATE}),
    "ProgrammeItem": _obj({"starts_at": CLOCK, "ends_at": {"anyOf": [CLOCK, {"type": "null"}]}, "title": STRING,
                           "kind": STRING, "speaker": STRING, "speaker_organisation": STRING}),
    "DocumentRequest": _obj({
        "id": INTEGER, "network_id": INTEGER, "title": STRING, "instructions": STRING,
        "kind": {"enum": ["hovedplan", "fremdriftsplan", "statusrapport", "sluttrapport", "other"]},
        "template_title": STRING, "due_on": DATE, "gathering_id": _t("integer", True),
        "period_from": MAYBE_DATE, "period_to": MAYBE_DATE, "shared": BOOLEAN}),
    "Submission": _obj({
        "id": INTEGER, "request_id": INTEGER, "team_id": INTEGER,
        "state": {"enum": ["draft", "submitted", "returned", "approved"]},
        "revision": {**INTEGER, "description": "Raised by every save; send it back with the next write."},
        "created_at": STAMP, "updated_at": STAMP, "submitted_at": MAYBE_STAMP, "is_late": BOOLEAN}),
    "Field": _obj({"key": STRING, "section": STRING, "label": STRING,
                   "kind": {"enum": ["short_text", "long_text", "number", "date", "meeting", "list", "choice", "table"]},
                   "required": BOOLEAN, "choices": {"type": "array", "items": STRING},
                   "columns": {"type": "array", "items": STRING}}),
    "Milestone": _obj({"id": INTEGER, "network_id": INTEGER, "code": STRING, "title": STRING, "description": STRING,
                       "responsible": STRING, "starts_in": DATE, "ends_in": DATE,
                       "status": {"enum": ["not_started", "in_progress", "partly", "done"]}, "position": INTEGER}),
    "Summary": {"type": "object", "required": ["kind", "count"], "additionalProperties": True,
                "properties": {"kind": STRING, "count": INTEGER},
                "description": "The results of one question; the other keys depend on its kind (scale: mean, median, "
                               "distribution …; single/multiple: options; words; texts; ranking; programme: items)."},
    "MunicipalityResults": _obj({
        "team_id": INTEGER, "municipality": STRING, "count": INTEGER, "shown": BOOLEAN,
        "reason": {"enum": [None, "few", "difference"],
                   "description": "Why withheld: fewer than five answers, or a difference would reveal a small group."},
        "summary": {"anyOf": [_ref("Summary"), {"type": "null"}]}}),
    "QuestionResults": _obj({"id": INTEGER, "position": INTEGER, "kind": STRING, "prompt": STRING,
                             "summary": _ref("Summary"),
                             "by_municipality": {"type": "array", "items": _ref("MunicipalityResults")}}),
    "PollResults": _obj({
        "poll": _obj({"id": INTEGER, "network_id": INTEGER, "gathering_id": _t("integer", True), "title": STRING,
                      "state": {"enum": ["draft", "live", "closed"]}}),
        "questions": {"type": "array", "items": _ref("QuestionResults")}}),
    "DraftBody": _obj({"revision": {**INTEGER, "minimum": 0, "description": "The revision the answers were based on."},
                       "answers": {"type": "object", "description": "Answers by field key, as in Submission.answers."}}),
    "SubmitBody": _obj({"revision": {**INTEGER, "minimum": 0},
                        "answers": {"type": "object", "description": "Optional: save these answers first."}},
                       required=["revision"]),
}
SCHEMAS["NetworkDetail"] = {"allOf": [_ref("Network")], "type": "object", "required": ["goals"],
                            "properties": {"goals": {"type": "array", "items": STRING}}}
SCHEMAS["GatheringDetail"] = {"allOf": [_ref("Gathering")], "type": "object", "required": ["programme"],
                              "properties": {"programme": {"type": "array", "items": _ref("ProgrammeItem")}}}
SCHEMAS["SubmissionDetail"] = {"allOf": [_ref("Submission")], "type": "object", "required": ["answers", "fields"],
                               "properties": {"answers": {"type": "object"},
                                              "fields": {"type": "array", "items": _ref("Field")}}}
# allOf with additionalProperties: false in the parts would refuse the detail's own keys
for _name in ("Network", "Gathering", "Submission"):
    SCHEMAS[_name]["additionalProperties"] = True


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": _json(_ref("Error"), "No valid token: «Authorization: Bearer vt_…» missing, wrong, expired or revoked."),
    "403": _json(_ref("Error"), "The caller may know it exists but may not do this (or the token is read only)."),
    "404": _json(_ref("Error"), "Not there, or the caller may not know it exists."),
}


def _id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": ID_MAX}}


PAGING = [
    {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX, "default": PER_PAGE}},
]


def _read(summary: str, params: list[str], schema: dict, operation_id: str) -> dict:
    return {"get": {"operationId": operation_id, "summary": summary, "parameters": [_id(p) for p in params],
                    "responses": {"200": _json(schema, "OK"), **ERRORS}}}


def _list(summary: str, params: list[str], item: str, operation_id: str) -> dict:
    page = _obj({"items": {"type": "array", "items": _ref(item)}, "page": INTEGER, "per_page": INTEGER,
                 "total": INTEGER})
    return {"get": {"operationId": operation_id, "summary": summary + " A page at a time, in a stable order.",
                    "parameters": [_id(p) for p in params] + PAGING,
                    "responses": {"200": _json(page, "One page"),
                                  "400": _json(_ref("FieldErrors"), "page or per_page out of range"), **ERRORS}}}


def _write(method: str, summary: str, params: list[str], body: str | None, operation_id: str, created=False) -> dict:
    responses = {"200": _json(_ref("SubmissionDetail"), "The document as saved")}
    if created:
        responses["201"] = _json(_ref("SubmissionDetail"), "The draft, begun now")
    else:
        responses["409"] = _json(_ref("StaleRevision"), "Saved by someone else since `revision`: nothing written.")
        responses["422"] = _json(_ref("FieldErrors"), "Refused, with what is wrong per field, in Norwegian.")
    operation = {"operationId": operation_id, "summary": summary, "parameters": [_id(p) for p in params],
                 "responses": {**responses, **ERRORS}}
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return {method: operation}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Verksted API", "version": "1",
            "description": "Read a learning network's teams, gatherings, document requests, submissions, milestones "
                           "and poll results, and write a team's drafts. Authenticate with a personal access token "
                           "made on your profile page: `Authorization: Bearer vt_…`. A token has its user's rights; "
                           "a read-only token cannot write. Times are UTC.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerToken": []}],
        "components": {
            "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer",
                                                "description": "A personal access token, «vt_…»."}},
            "schemas": SCHEMAS,
        },
        "paths": {
            "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document.", "security": [],
                                      "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")}}},
            "/networks": _list("The caller's networks (every network for an admin).", [], "Network", "listNetworks"),
            "/networks/{network_id}": _read("A network with its goals.", ["network_id"], _ref("NetworkDetail"),
                                            "getNetwork"),
            "/networks/{network_id}/teams": _list("The network's municipal teams.", ["network_id"], "Team", "listTeams"),
            "/teams/{team_id}": _read("A team: for its members, the network's leaders and observers.", ["team_id"],
                                      _ref("Team"), "getTeam"),
            "/networks/{network_id}/gatherings": _list("The network's gatherings.", ["network_id"], "Gathering",
                                                       "listGatherings"),
            "/gatherings/{gathering_id}": _read("A gathering with its programme.", ["gathering_id"],
                                                _ref("GatheringDetail"), "getGathering"),
            "/networks/{network_id}/requests": _list("The network's document requests, by deadline.", ["network_id"],
                                                     "DocumentRequest", "listRequests"),
            "/requests/{request_id}": _read("A document request.", ["request_id"], _ref("DocumentRequest"),
                                            "getRequest"),
            "/requests/{request_id}/submissions": _list(
                "The request's submissions the caller may read: the own team's, those shared with every team, "
                "or all for leaders and observers.", ["request_id"], "Submission", "listSubmissions"),
            "/submissions/{submission_id}": _read("A submission with its answers and the template's fields.",
                                                  ["submission_id"], _ref("SubmissionDetail"), "getSubmission"),
            "/networks/{network_id}/milestones": _list("The network's milestones.", ["network_id"], "Milestone",
                                                       "listMilestones"),
            "/polls/{poll_id}/results": _read(
                "A poll's results, with the split by municipality only for groups of at least five.", ["poll_id"],
                _ref("PollResults"), "getPollResults"),
            "/requests/{request_id}/teams/{team_id}/submission": _write(
                "post", "Begin the team's document for the request, if not begun (needs a token that can write).",
                ["request_id", "team_id"], None, "startSubmission", created=True),
            "/submissions/{submission_id}/draft": _write(
                "put", "Save the draft's answers, based on `revision` (needs a token that can write).",
                ["submission_id"], "DraftBody", "saveDraft"),
            "/submissions/{submission_id}/submit": _write(
                "post", "Send the document in, after saving `answers` if given (needs a token that can write).",
                ["submission_id"], "SubmitBody", "submitSubmission"),
        },
    }
