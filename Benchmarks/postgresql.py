#!/usr/bin/env python3
"""A 100 000-item cycle on PostgreSQL against the same cycle on SQLite. Reproduce with:

    bash scripts/test-services            # PostgreSQL 15 (cluster 15/planwatch-test, port 5439)
    apt-get install -y time
    python3 Benchmarks/postgresql.py [--items 100000] [--runs 3] [--planwatch .build/release/planwatch]

Generates the synthetic plan (Benchmarks/generate.py, seed 1), then runs `planwatch run --once
--no-deliver --at 2027-03-01 09:00` on a fresh state each time, in interleaved rounds: SQLite with the
Maildir spool, and PostgreSQL with the outbox (the mail into the outbox table in the same transaction
as its ledger rows, under the leader's epoch). Reports wall time (median, minimum), peak resident
memory (/usr/bin/time) and, for PostgreSQL, the statements the server executed for the cycle (each
one round trip: postgres-nio sends parse, bind and execute together), counted from the server's
statement log (log_statement = all for the benchmark database only)."""
import argparse
import os
import re
import subprocess
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "/tmp/planwatch-bench"
AT = "2027-03-01 09:00"
PORT = 5439
USER = "planwatch_test"
PASSWORD_FILE = "/run/planwatch-test/postgresql-password"
LOG = "/var/log/postgresql/postgresql-15-planwatch-test.log"


def psql(args, database="postgres", superuser=False):
    env = dict(os.environ, PGPASSWORD=open(PASSWORD_FILE).read().strip())
    base = ["runuser", "-u", "postgres", "--", "psql", "-p", str(PORT)] if superuser else ["psql", "-h", "127.0.0.1", "-p", str(PORT), "-U", USER]
    return subprocess.run(base + ["-X", "-q", "-A", "-t", "-d", database] + args, check=True, capture_output=True, text=True, env=env).stdout


def measure(args):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, capture_output=True, text=True,
                            env=dict(os.environ, SYSTEMD_JOURNAL_SOCKET_OFF="1"))
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr}")
    wall, rss = result.stderr.strip().splitlines()[-1].split()
    notifications = int(re.search(r"with (\d+) notifications", result.stdout).group(1))
    return float(wall), int(rss) / 1024, notifications


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--planwatch", default=os.path.join(ROOT, ".build", "release", "planwatch"))
    args = parser.parse_args()
    folder = os.path.join(WORK, str(args.items))
    if not os.path.exists(os.path.join(folder, "plan", "items.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), "--items", str(args.items), "--out", folder], check=True)
    base = open(os.path.join(folder, "planwatch.yaml")).read()
    samples = {"sqlite": [], "postgresql": []}
    statements = []
    for _ in range(args.runs):
        subprocess.run(["rm", "-rf", os.path.join(folder, "var")])
        samples["sqlite"].append(measure([args.planwatch, "run", "--once", "--no-deliver", "--config", os.path.join(folder, "planwatch.yaml"), "--at", AT]))
        database = "pwbench_" + uuid.uuid4().hex[:12]
        psql(["-c", f"CREATE DATABASE {database}"])
        psql(["-c", f"ALTER DATABASE {database} SET log_statement = 'all'"], superuser=True)
        config = os.path.join(folder, "postgresql.yaml")
        with open(config, "w") as f:
            # A spool of its own: the SQLite run's mail in the shared one would be taken for mail a
            # crashed cycle left behind and recorded, not composed again.
            f.write(base.replace("state: var/state.sqlite", f"state: postgresql://{USER}@127.0.0.1:{PORT}/{database}?sslmode=disable")
                    .replace("spool: var/spool", "spool: var/spool-postgresql")
                    + f"postgresql: {{ node: bench, password_file: {PASSWORD_FILE} }}\n")
        before = os.path.getsize(LOG)
        samples["postgresql"].append(measure([args.planwatch, "run", "--once", "--no-deliver", "--config", config, "--at", AT]))
        with open(LOG, errors="replace") as log:
            log.seek(before)
            statements.append(sum(1 for line in log if f"@{database} LOG:  execute" in line or f"@{database} LOG:  statement" in line))
        psql(["-c", f"DROP DATABASE {database} WITH (FORCE)"])
    for name, values in samples.items():
        walls = sorted(v[0] for v in values)
        line = (f"| {name} | {values[0][2]} | {walls[len(walls) // 2]:.2f} ({walls[0]:.2f}) | {max(v[1] for v in values):.0f} | "
                + (f"{sorted(statements)[len(statements) // 2]} |" if name == "postgresql" else "— |"))
        print(line, flush=True)


if __name__ == "__main__":
    main()
