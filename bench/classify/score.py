#!/usr/bin/env python3
"""Score secret scanners against the truth file of make_corpus.py (line-level).

usage: score.py TRUTH.json tool=FORMAT:REPORT ...
  FORMAT: tightrope (classify --format json --samples 1000000), gitleaks (JSON report),
          kingfisher (scan --format json), detect-secrets (scan output).
A planted secret counts as found when the tool reports any secret on its line (rows hold at most
one); precision is over the distinct lines a tool flags (a flagged line without a planted secret is
a false positive, decoy lines included). Prints a Markdown table per tool. Standard library only.
"""
import collections
import json
import sys

# Rules that name a type (so a report can say "found as what"); anything else is generic.
TIGHTROPE_TYPES = {
    "SECRET-AWS-ACCESS-KEY": "aws_access_key", "SECRET-AWS-SECRET-KEY": "aws_access_key",
    "SECRET-GITHUB-TOKEN": "github_token", "SECRET-SLACK-TOKEN": "slack_token", "SECRET-STRIPE-KEY": "stripe_key",
    "SECRET-PRIVATE-KEY": "private_key", "SECRET-URL-PASSWORD": "password_in_url", "SECRET-OPENAI-API-KEY": "openai_key",
    "SECRET-HUGGINGFACE-TOKEN": "huggingface_token", "SECRET-GOOGLE-API-KEY": "google_api_key", "SECRET-JWT": "jwt",
}


def tightrope(path):
    out = []
    for d in json.load(open(path))["datasets"]:
        for det in d["detectors"]:
            if det["category"] != "credential":
                continue
            if det["count"] > len(det["samples"]):
                sys.exit(f"{path}: {det['id']} has {det['count']} matches but {len(det['samples'])} samples; "
                         "run classify with --samples 1000000")
            for s in det["samples"]:
                if s["confidence"] == "low":
                    continue  # counted, but below the default --min-confidence: not reported
                loc = s["location"]
                line = loc["row"] + 1 if loc["kind"] == "cell" else loc["line"]
                out.append((line, det["id"]))
    return out


def gitleaks(path):
    return [(x["StartLine"], x["RuleID"]) for x in json.load(open(path)) or []]


def kingfisher(path):
    # The report is a JSON document followed by a summary document.
    report, _ = json.JSONDecoder().raw_decode(open(path).read())
    return [(x["finding"]["line"], x["rule"]["id"]) for x in report.get("findings", [])]


def detect_secrets(path):
    return [(x["line_number"], x["type"]) for v in json.load(open(path))["results"].values() for x in v]


READERS = {"tightrope": tightrope, "gitleaks": gitleaks, "kingfisher": kingfisher, "detect-secrets": detect_secrets}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    truth = json.load(open(sys.argv[1]))
    planted = {line: kind for line, kind in truth["secrets"]}
    decoys = {line for line, _ in truth["decoys"]}
    per_type = collections.Counter(planted.values())
    types = sorted(per_type)
    results = {}
    for arg in sys.argv[2:]:
        name, spec = arg.split("=", 1)
        fmt, report = spec.split(":", 1)
        findings = READERS[fmt](report)
        flagged = collections.defaultdict(set)
        for line, rule in findings:
            flagged[line].add(rule)
        tp_lines = {l for l in flagged if l in planted}
        found = collections.Counter(planted[l] for l in tp_lines)
        results[name] = {
            "findings": len(findings),
            "lines": len(flagged),
            "tp": len(tp_lines),
            "fp": len(flagged) - len(tp_lines),
            "fp_decoy": len([l for l in flagged if l in decoys]),
            "recall": {t: found[t] for t in types},
            "rules_on_fp": collections.Counter(r for l, rs in flagged.items() if l not in planted for r in rs).most_common(5),
        }
    names = list(results)
    print(f"Planted secrets: {len(planted)} on {truth['counts']['rows']} rows; decoys: {len(decoys)}.\n")
    print("| secret type | planted | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for t in types:
        print(f"| {t} | {per_type[t]} | " + " | ".join(f"{results[n]['recall'][t]}" for n in names) + " |")
    total = len(planted)
    print(f"| **recall (all)** | {total} | " + " | ".join(f"{results[n]['tp'] / total:.3f}" for n in names) + " |")
    print("| flagged lines | | " + " | ".join(str(results[n]["lines"]) for n in names) + " |")
    print("| false-positive lines (of which decoys) | | "
          + " | ".join(f"{results[n]['fp']} ({results[n]['fp_decoy']})" for n in names) + " |")
    print("| **precision** | | " + " | ".join(
        f"{results[n]['tp'] / results[n]['lines']:.3f}" if results[n]["lines"] else "-" for n in names) + " |")
    for n in names:
        if results[n]["rules_on_fp"]:
            print(f"\n{n}: rules on false-positive lines: {results[n]['rules_on_fp']}")


main()
