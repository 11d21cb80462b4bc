"""Publish the data with the site: the whole Frictionless data package and the ledger as JSON.

After every HTML build, ``_build/html/data/`` holds ``datapackage.json``, every CSV
it describes (byte for byte as in ``data/``), and ``ledger.json``: one record per
claim, the claim joined to its verdict, with the plain-language explanation the
pages show (in English and in Chinese).  *Data sources* and the explorer link to the folder; a test loads the
published package with frictionless and finds it valid.

The folder is brought up to date file by file: a changed table is copied again, and
``ledger.json`` is written again only when what it is made from changed (the ledger's
tables, the tables they cite, the descriptor, or the code that words it).  Checking
that needs no pandas, so a build after no change, or after a change to a theme
table, does not load it for this.
"""

import json
import shutil
from pathlib import Path

FOLDER = "data"
STAMP = ".published-from"  # digests of what the folder was written from (not part of the data package)
# ledger.json joins these tables; its explanations cite the sources their foreign keys name
LEDGER_TABLES = ("claims", "verdicts")


def tables_behind(descriptor: dict, names) -> set[str]:
    """``names`` and every table their foreign keys reference, directly or not."""
    keys = {r["name"]: [fk["reference"]["resource"] for fk in r.get("schema", {}).get("foreignKeys", [])
                        if fk["reference"].get("resource")] for r in descriptor["resources"]}
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(keys.get(name, []))
    return found


def ledger_inputs(descriptor: dict) -> list[str]:
    """The files of the data package that ``ledger.json`` is made from."""
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    return sorted(paths[name] for name in tables_behind(descriptor, LEDGER_TABLES) if name in paths)


def write_ledger(target: Path, data_dir: Path) -> None:
    from claimcheck.present import explain
    from claimcheck.results import load_ledger

    ledger = load_ledger(data_dir)
    rows = ledger.to_dict("records")
    ledger["explanation"] = [explain(row) for row in rows]
    ledger["explanation_zh"] = [explain(row, "zh") for row in rows]
    records = json.loads(ledger.to_json(orient="records", force_ascii=False))
    (target / "ledger.json").write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def publish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    from claimcheck.execution import file_digest, package_hash
    from claimcheck.locations import DESCRIPTOR, find_data_dir

    data_dir, target = find_data_dir(), Path(app.outdir) / FOLDER
    descriptor = json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    digests = {path: file_digest(data_dir / path)
               for path in [DESCRIPTOR, *(resource["path"] for resource in descriptor["resources"])]}
    now = {"code": package_hash(), "files": digests}
    try:
        before = json.loads((target / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {"code": None, "files": {}}
    if before == now:
        return
    target.mkdir(exist_ok=True)
    (target / STAMP).unlink(missing_ok=True)  # until the folder is whole again
    for path, digest in digests.items():
        if before["files"].get(path) != digest or not (target / path).is_file():
            shutil.copyfile(data_dir / path, target / path)
    for path in set(before["files"]) - set(digests):  # a table the package no longer has
        (target / path).unlink(missing_ok=True)
    ledger_changed = before["code"] != now["code"] or any(
        before["files"].get(path) != digests[path] for path in [DESCRIPTOR, *ledger_inputs(descriptor)])
    if ledger_changed or not (target / "ledger.json").is_file():
        write_ledger(target, data_dir)
    (target / STAMP).write_text(json.dumps(now, indent=1), encoding="utf-8")


def setup(app):
    app.connect("build-finished", publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
