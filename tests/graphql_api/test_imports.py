"""Imports through the API: the same services, rules and messages as the Import screens
(tests/casework/imports): upload in base64, the dry run, its report and progress, the
import; only managers and champions; a file over the limit refused before it is read."""

import base64

from casework.imports.models import ImportedRecord, ImportJob
from casework.models import Contact
from tests.casework.imports.helpers import sample
from tests.casework.screens import user_with
from tests.graphql_api.helpers import run

ERRORS = "errors { field message code }"
FIELDS = """id status kind sourceSystem rowsTotal rowsDone percent
  mapping { field column required }
  dryRun { counts { outcome count } refused { row field reason } }
  imported { counts { outcome count } }"""
JOB = f"job {{ {FIELDS} }}"
UPLOAD = f"""mutation($k: String!, $n: String!, $c: String!) {{ importUpload(input: {{kind: $k,
  fileName: $n, contentBase64: $c}}) {{ {JOB} {ERRORS} }} }}"""
CHECK = f"""mutation($j: ID!) {{ importCheck(input: {{jobId: $j}}) {{ {JOB} {ERRORS} }} }}"""
START = f"""mutation($j: ID!) {{ importStart(jobId: $j) {{ {JOB} {ERRORS} }} }}"""
READ = f"""query($j: ID!) {{ importJob(id: $j) {{ {FIELDS} }} }}"""


def _counts(run_report) -> dict:
    return {c["outcome"]: c["count"] for c in run_report["counts"]}


def test_upload_dry_run_report_and_import(in_partner_a, django_capture_on_commit_callbacks):
    manager = user_with("manager")
    content = base64.b64encode(sample("salesforce-contacts.csv")).decode()
    uploaded = run(manager, UPLOAD, {"k": "contacts", "n": "export.csv", "c": content}).data
    job = uploaded["importUpload"]["job"]
    assert uploaded["importUpload"]["errors"] == [] and job["status"] == "uploaded"
    assert job["sourceSystem"] == "Salesforce"  # the known export's columns came mapped
    assert {"field": "first_name", "column": "First Name", "required": True} in job["mapping"]
    before = Contact.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        checking = run(manager, CHECK, {"j": job["id"]}).data["importCheck"]
    assert checking["errors"] == [] and checking["job"]["status"] == "checking"
    checked = run(manager, READ, {"j": job["id"]}).data["importJob"]
    assert checked["status"] == "checked" and checked["rowsDone"] == checked["rowsTotal"]
    assert checked["percent"] == 100
    dry = _counts(checked["dryRun"])
    assert dry["created"] == checked["rowsTotal"] and checked["imported"] is None
    assert Contact.objects.count() == before  # a dry run saves nothing
    with django_capture_on_commit_callbacks(execute=True):
        started = run(manager, START, {"j": job["id"]}).data["importStart"]
    assert started["errors"] == []
    done = run(manager, READ, {"j": job["id"]}).data["importJob"]
    assert done["status"] == "done" and _counts(done["imported"]) == dry
    assert Contact.objects.count() == before + dry["created"]
    assert ImportedRecord.objects.filter(record_type="contact").count() == dry["created"]
    listed = run(manager, "{ importJobs { id status } }").data["importJobs"]
    assert listed == [{"id": job["id"], "status": "done"}]


def test_importing_before_the_dry_run_is_refused_with_the_screens_message(in_partner_a):
    manager = user_with("manager")
    content = base64.b64encode(sample("salesforce-contacts.csv")).decode()
    job = run(manager, UPLOAD, {"k": "contacts", "n": "export.csv", "c": content}).data
    started = run(manager, START, {"j": job["importUpload"]["job"]["id"]}).data["importStart"]
    assert started["errors"] == [
        {
            "field": "jobId",
            "message": "Check the file (the dry run) before importing it.",
            "code": "INVALID",
        }
    ]


def test_only_managers_and_champions_and_bad_files(in_partner_a, settings):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    content = base64.b64encode(sample("salesforce-contacts.csv")).decode()
    variables = {"k": "contacts", "n": "export.csv", "c": content}
    refused = run(practitioner, UPLOAD, variables).data["importUpload"]
    assert [e["code"] for e in refused["errors"]] == ["REFUSED"] and refused["job"] is None
    assert run(practitioner, "{ importJobs { id } }").data["importJobs"] == []
    settings.CASEBRIDGE_IMPORT_MAX_BYTES = 100
    too_big = run(manager, UPLOAD, variables).data["importUpload"]
    assert too_big["errors"][0]["field"] == "contentBase64"
    assert "larger than the most an import takes" in too_big["errors"][0]["message"]
    settings.CASEBRIDGE_IMPORT_MAX_BYTES = 10_000_000
    not_text = run(manager, UPLOAD, variables | {"c": "@@@"}).data["importUpload"]
    assert not_text["errors"][0] == {
        "field": "contentBase64",
        "message": "This is not base64 text.",
        "code": "INVALID",
    }
    formula = base64.b64encode(b"Contact ID,First Name\n003A,=HYPERLINK(1)\n").decode()
    bad = run(manager, UPLOAD, variables | {"c": formula}).data["importUpload"]
    assert bad["errors"] and bad["errors"][0]["field"] == "contentBase64"
    assert not ImportJob.objects.exists()
