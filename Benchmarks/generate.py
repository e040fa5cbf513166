#!/usr/bin/env python3
"""Deterministic synthetic plans for planwatch's benchmarks, and the equivalent Remind file.

    Benchmarks/generate.py --items N --units M --months K --seed S --out DIR

writes DIR/planwatch.yaml (configuration), DIR/rules/bench.yaml (a deadline rule on each item's own
due date: reminders 28, 14, 7 and 1 day before, due dates on weekends moved to the Friday before, and a
workload threshold), DIR/plan/organisation.yaml (M units, a person each), DIR/plan/items.json
(N items; due dates spread over the year; a tenth completed), DIR/plan/measurements.csv (K months of
one metric per unit), and DIR/remind.rem: the deadline part for Remind, one line per open item,
`REM <due> +28 OMIT Sat Sun BEFORE MSG <title>` — the same set of due dates, the same 28-day lead and
the same move off weekends. With --lead D, the rule has one reminder D days before instead, and Remind
the lead +D: the equal-output comparison of BENCHMARKS.md (`evaluate --horizon 30d` against `remind -q`
with --lead 30)."""
import argparse
import datetime
import json
import os
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--lead", type=int, default=None,
                        help="one reminder this many days before (and Remind's +LEAD) instead of 28, 14, 7 and 1 days")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "rules"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "plan"), exist_ok=True)

    with open(os.path.join(args.out, "planwatch.yaml"), "w") as f:
        f.write("timezone: Europe/Stockholm\nworkdays: mon-fri\nrules: [rules]\nplan: plan\nstate: var/state.sqlite\n"
                "spool: var/spool\ndigest: immediate\nmail: { from: \"Planwatch <pw@example.se>\", transport: none }\n")
    with open(os.path.join(args.out, "rules", "bench.yaml"), "w") as f:
        remind = f"[{args.lead}d]" if args.lead else "[28d, 14d, 7d, 1d]"
        f.write(f"""group: bench
rules:
  - id: bench-deadline
    kind: deadline
    for_each: {{ item: task }}
    shift: previous-workday
    remind: {remind}
    notify: [owner]
    title: {{ sv: "Uppföljning: {{{{item.title}}}}", en: "Follow-up: {{{{item.title}}}}" }}
    text: {{ sv: "{{{{item.title}}}} ska vara klar senast {{{{due}}}}.", en: "{{{{item.title}}}} is due on {{{{due}}}}." }}
  - id: bench-load
    kind: threshold
    metric: load
    for_each: {{ unit: district }}
    warning: {{ above: 15 }}
    critical: {{ above: 20 }}
    for: 2 periods
    clear: {{ below: 14 }}
    missing: {{ after: 10 workdays }}
    notify: [unit.manager]
""")
    with open(os.path.join(args.out, "plan", "organisation.yaml"), "w") as f:
        f.write("units:\n")
        for u in range(args.units):
            f.write(f"  - {{ id: u{u}, name: \"Enhet {u}\", kind: district, roles: {{ manager: p{u} }} }}\n")
        f.write("people:\n")
        for u in range(args.units):
            f.write(f"  - {{ id: p{u}, name: \"Person {u}\", email: p{u}@example.se }}\n")

    start = datetime.date(2027, 1, 1)
    items, remind = [], []
    for n in range(args.items):
        due = start + datetime.timedelta(days=rng.randrange(365))
        unit = rng.randrange(args.units)
        item = {"id": f"t{n}", "kind": "task", "title": f"Uppgift {n}", "labels": {"plan": "bench"},
                "unit": f"u{unit}", "owner": f"p{unit}", "due": due.isoformat()}
        if n % 10 == 0:
            item["completed"] = [{"on": (due - datetime.timedelta(days=40)).isoformat()}]
        else:
            remind.append(f"REM {due.isoformat()} +{args.lead or 28} OMIT Sat Sun BEFORE MSG Uppgift {n}\n")
        items.append(item)
    with open(os.path.join(args.out, "plan", "items.json"), "w") as f:
        f.write('{"items": [\n')
        f.write(",\n".join(json.dumps(item, ensure_ascii=False) for item in items))
        f.write("\n]}\n")
    with open(os.path.join(args.out, "remind.rem"), "w") as f:
        f.writelines(remind)

    with open(os.path.join(args.out, "plan", "measurements.csv"), "w") as f:
        f.write("unit,metric,period,value\n")
        year, month = 2024, 12
        for _ in range(args.months):
            for u in range(args.units):
                f.write(f"u{u},load,{year}-{month:02d},{rng.uniform(10, 22):.1f}\n")
            month += 1
            if month == 13:
                year, month = year + 1, 1


if __name__ == "__main__":
    main()
