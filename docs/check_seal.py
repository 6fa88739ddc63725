#!/usr/bin/env python3
"""Recompute a Boardkeeper decision seal from an exported archive.

Usage: python3 check_seal.py ARCHIVE.boardkeeper "PCD 2026-117" [SEAL]

Prints the seal of the decision as the archive's state.json holds it. With
SEAL (as printed on a notice, full or its first 12+ digits, spaces allowed),
exits 0 when it matches and 1 when it does not. Standard library only; see
docs/seals.md for the canonical form.
"""
import hashlib
import json
import sys
import zipfile


def canonical(value):
    # RFC 8785 for this data: keys sorted, no spaces, UTF-8, integers only.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def seal_material(state, decision):
    papers = {p["id"]: p for p in state["papers"]}
    conditions = sorted(
        (c for c in state["conditions"] if c["decisionId"] == decision["id"]), key=lambda c: c["id"]
    )
    votes = decision.get("votes")
    relied = []
    for r in decision.get("reliedOn", []):
        version = next(
            (v for v in papers.get(r["paperId"], {}).get("versions", []) if v["version"] == r["version"]), None
        )
        paper = {
            "paperId": r["paperId"],
            "version": r["version"],
            "body": version["body"] if version else None,
            "attachments": [a["blob"] for a in version["attachments"]] if version else [],
        }
        # Only a version added from a file has "source" (absent, not null, otherwise).
        if version and version.get("source"):
            paper["source"] = version["source"]["blob"]
        relied.append(paper)
    return {
        "scheme": "boardkeeper-seal-1",
        "reference": decision["reference"],
        "date": decision["date"],
        "outcome": decision["outcome"],
        "wording": decision["wording"],
        "votes": None if votes is None else {k: votes[k] for k in ("for", "against", "abstain")},
        "conditions": [
            {
                "id": c["id"],
                "wording": c["wording"],
                "due": c.get("due", ""),
                "recurrence": None
                if not c.get("recurrence")
                else {k: c["recurrence"][k] for k in ("every", "from", "until")},
            }
            for c in conditions
        ],
        "papers": relied,
        "amendments": [{"what": a["what"], "why": a["why"], "at": a["at"]} for a in decision.get("amendments", [])],
    }


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[1]) as archive:
        state = json.loads(archive.read("state.json").decode("utf-8"))
    matches = [d for d in state["decisions"] if d["reference"] == argv[2]]
    if not matches:
        print(f"No decision {argv[2]} in {argv[1]}", file=sys.stderr)
        return 2
    decision = matches[0]
    if decision["status"] != "signed":
        print(f"{argv[2]} is not signed: it has no seal", file=sys.stderr)
        return 2
    seal = hashlib.sha256(canonical(seal_material(state, decision)).encode("utf-8")).hexdigest()
    print(seal)
    if len(argv) == 4:
        typed = "".join(argv[3].split()).lower()
        ok = len(typed) >= 12 and seal.startswith(typed)
        print("matches" if ok else "does not match: the record has changed since that seal (see its amendments)")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
