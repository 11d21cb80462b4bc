"""Publish the data with the site: the whole Frictionless data package and the ledger as JSON.

After every HTML build, ``_build/html/data/`` holds ``datapackage.json``, every CSV
it describes (byte for byte as in ``data/``), and ``ledger.json``: one record per
claim, the claim joined to its verdict, with the plain-language explanation the
pages show (in English and in Chinese).  *Data sources* and the explorer link to the folder; a test loads the
published package with frictionless and finds it valid.
"""

import json
import shutil
from pathlib import Path

FOLDER = "data"
STAMP = ".published-from"  # digests of what the folder was written from (not part of the data package)


def publish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    from claimcheck.execution import file_digest, package_hash
    from claimcheck.present import explain
    from claimcheck.results import load_ledger
    from claimcheck.tables import DATA_DIR, resource, resource_names

    target = Path(app.outdir) / FOLDER
    target.mkdir(exist_ok=True)
    paths = ["datapackage.json", *(resource(name)["path"] for name in resource_names())]
    # the folder is rewritten only when the data or the code that words it changed
    stamp = "\n".join([package_hash(), *(f"{path} {file_digest(DATA_DIR / path)}" for path in paths)])
    if (target / STAMP).is_file() and (target / STAMP).read_text(encoding="utf-8") == stamp:
        return
    for path in paths:
        shutil.copyfile(DATA_DIR / path, target / path)
    ledger = load_ledger(DATA_DIR)
    rows = ledger.to_dict("records")
    ledger["explanation"] = [explain(row) for row in rows]
    ledger["explanation_zh"] = [explain(row, "zh") for row in rows]
    records = json.loads(ledger.to_json(orient="records", force_ascii=False))
    (target / "ledger.json").write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (target / STAMP).write_text(stamp, encoding="utf-8")


def setup(app):
    app.connect("build-finished", publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
