"""The editor's preview pane: how long a draft's page takes to come back (issue 38).

    .venv/bin/python bench/preview_draft.py                    # the sample, a list of 50 nominees
    .venv/bin/python bench/preview_draft.py --exemplars 10000  # synthetic data of that size

Takes a nominee list with 50 nominees (on the sample: Cần Thơ's list with its nominees repeated),
sends it as the pane does, over HTTP to the preview service (commands/preview_server.py: the
rendering in a forked child), several times after a first request that loads the data folder,
and prints the median and the slowest round trip, with the same split into validation and
rendering done in this process (site/draft.py). Not a test: figures only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.commands import preview_server  # noqa: E402
from site_builder.urls import URLS  # noqa: E402

NOW = datetime.fromisoformat("2026-12-08T09:00:00+07:00")


def fifty(data: Path) -> tuple[str, dict[str, Any]]:
    """A list of the data folder grown (or cut) to 50 nominees, as the form holds it."""
    lists = sorted((data / "nominations").glob("*.yml"))
    path = next((p for p in lists if p.stem == "can-tho-2026-khen-thuong-nha-nuoc"), lists[0])
    record = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    people = [(g, n) for g, group in enumerate(record["groups"]) for n in group["nominees"]]
    grown: list[list[dict[str, Any]]] = [[] for _ in record["groups"]]
    for index in range(50):
        group, nominee = people[index % len(people)]
        copy = dict(nominee, id=f"{nominee['id']}-{index}", name=f"{nominee['name']} {index}")
        grown[group].append(copy)
    for group, nominees in zip(record["groups"], grown, strict=True):
        group["nominees"] = nominees
    record["groups"] = [group for group in record["groups"] if group["nominees"]]
    return path.stem, record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exemplars", type=int, default=0, help="synthetic data of this size (default: the sample)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    try:
        if args.exemplars:
            from site_builder.synthetic.generate import Options, generate

            data = scratch / "data"
            generate(data, Options(exemplars=args.exemplars, now=NOW.date()), ROOT / "tests" / "fixtures" / "sample")
        else:
            data = ROOT / "tests" / "fixtures" / "sample"
        lid, record = fifty(data)
        service = preview_server.Service(data)
        server = preview_server.service_server(0, service)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        body = json.dumps({"kind": "nominations", "id": lid, "record": record, "now": NOW.timestamp() * 1000})

        def ask() -> tuple[float, int, int]:
            connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=60)
            started = time.perf_counter()
            connection.request(
                "POST", "/" + URLS.editor_preview(), body=body, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            answer = response.read()
            connection.close()
            return time.perf_counter() - started, response.status, len(answer)

        first, status, size = ask()
        assert status == 200, status
        times = [ask()[0] for _ in range(args.runs)]
        # The same draft in this process, without HTTP and the fork: validation and rendering.
        local = []
        for _ in range(args.runs):
            started = time.perf_counter()
            preview = service.drafts.render("nominations", lid, record, NOW)
            local.append(time.perf_counter() - started)
        assert not preview.problems, preview.problems
        label = f"{args.exemplars:,} exemplars" if args.exemplars else "the sample"
        print(f"The preview of a 50-nominee list ({lid}) on {label}:")
        print(f"  first request (loads the data folder): {first:.2f} s; answer {size / 1024:.0f} KB")
        print(
            f"  round trip, median of {args.runs}: {statistics.median(times) * 1000:.0f} ms (slowest {max(times) * 1000:.0f} ms)"
        )
        print(f"  in process (validate, site model, page): {statistics.median(local) * 1000:.0f} ms")
        server.shutdown()
        server.server_close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
