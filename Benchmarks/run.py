#!/usr/bin/env python3
"""planwatch's benchmark, side by side with Remind. Reproduce with:

    swift build -c release --product planwatch
    apt-get install -y remind time
    python3 Benchmarks/run.py [--sizes 10000,100000,1000000] [--runs 9] [--out BENCHMARKS-results.md]

Generates the synthetic plans (Benchmarks/generate.py, seed 1) in /tmp/planwatch-bench, then measures
per size, in interleaved rounds (--runs, default 9; a third of that for 1 000 000 items): wall time
(median and minimum) and peak memory (/usr/bin/time) of `planwatch check`, of `planwatch evaluate --at
2027-03-01 09:00` (also on one core: PLANWATCH_SEQUENTIAL=1), and of `remind -q FILE 2027-03-01` on the
same deadlines; notifications per second written to the spool by `run --once` (durable writes: fsync of file and
folder); the idle daemon's CPU time, wake-ups (context switches) and resident memory over 20 s on the
example plan; and the time from SIGHUP to READY=1 for a reload of the 100 000-item plan."""
import argparse
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLANWATCH = os.path.join(ROOT, ".build", "release", "planwatch")
WORK = "/tmp/planwatch-bench"
AT = "2027-03-01 09:00"


RUNS = 9


def measure(args, env=None):
    """Wall seconds and peak RSS (MiB) of one run of a command, via /usr/bin/time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    wall, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def interleaved(commands, runs):
    """Runs the commands one after another, `runs` rounds, so that all see the same moments of a noisy
    machine; per command the median and minimum wall time and the peak RSS."""
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, (args, env) in commands.items():
            samples[name].append(measure(args, env))
    result = {}
    for name, values in samples.items():
        walls = sorted(wall for wall, _ in values)
        result[name] = (walls[len(walls) // 2], walls[0], max(rss for _, rss in values))
    return result


def generate(size):
    folder = os.path.join(WORK, str(size))
    if not os.path.exists(os.path.join(folder, "plan", "items.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), "--items", str(size), "--out", folder], check=True)
    return folder


def spool_rate(folder):
    """Notifications per second spooled by run --once (fresh state)."""
    subprocess.run(["rm", "-rf", os.path.join(folder, "var")])
    start = time.monotonic()
    out = subprocess.run([PLANWATCH, "run", "--once", "--config", os.path.join(folder, "planwatch.yaml"), "--at", AT],
                         capture_output=True, text=True, env=dict(os.environ, SYSTEMD_JOURNAL_SOCKET_OFF="1")).stdout
    wall = time.monotonic() - start
    match = re.search(r"with (\d+) notifications", out)
    notifications = int(match.group(1)) if match else 0
    return notifications, wall


def notify_socket():
    path = tempfile.mktemp(prefix="pw-notify-", suffix=".sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    return sock, path


def wait_for(sock, prefix, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = sock.recv(4096).decode()
        except socket.timeout:
            return None
        for line in data.split("\n"):
            if line.startswith(prefix):
                return time.monotonic()
    return None


def daemon_config(folder, plan, rules, roles=""):
    config = os.path.join(folder, "daemon.yaml")
    sendat = time.strftime("%H:%M", time.localtime(time.time() + 12 * 3600))
    with open(config, "w") as f:
        f.write(f"timezone: Europe/Stockholm\nrules: [{rules}]\nplan: {plan}\nstate: var/daemon.sqlite\nspool: var/daemon-spool\n"
                f"send_at: \"{sendat}\"\ndigest: immediate\nmail: {{ transport: none }}\n{roles}")
    return config


def proc_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    status = open(f"/proc/{pid}/status").read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    switches = int(re.search(r"voluntary_ctxt_switches:\s+(\d+)", status).group(1)) + \
        int(re.search(r"nonvoluntary_ctxt_switches:\s+(\d+)", status).group(1))
    return ticks, rss, switches


@contextlib.contextmanager
def running_daemon(config):
    """`planwatch run` with a notify socket of its own: yields the process and the socket; stops it after."""
    sock, path = notify_socket()
    proc = subprocess.Popen([PLANWATCH, "run", "--config", config], env=dict(os.environ, NOTIFY_SOCKET=path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc, sock
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        os.unlink(path)


def idle_daemon(seconds=20):
    folder = tempfile.mkdtemp(prefix="pw-idle-")
    config = daemon_config(folder, os.path.join(ROOT, "examples", "stockholm"), os.path.join(ROOT, "rules"),
                           "roles: { styrgrupp: [p-anna, p-erik], facklig-referensgrupp: [p-sara] }\n")
    with running_daemon(config) as (proc, sock):
        if wait_for(sock, "READY=1", 60) is None:
            return None
        time.sleep(1)
        ticks0, _, switches0 = proc_stat(proc.pid)
        time.sleep(seconds)
        ticks1, rss, switches1 = proc_stat(proc.pid)
        return (ticks1 - ticks0) / os.sysconf("SC_CLK_TCK"), switches1 - switches0, rss, seconds


def reload_time(folder):
    config = daemon_config(folder, os.path.join(folder, "plan"), os.path.join(folder, "rules"))
    with running_daemon(config) as (proc, sock):
        if wait_for(sock, "READY=1", 300) is None:
            return None
        wait_for(sock, "STATUS=", 5)
        start = time.monotonic()
        proc.send_signal(signal.SIGHUP)
        ready = wait_for(sock, "READY=1", 120)
        return ready - start if ready else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--out", default=None)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    global RUNS
    RUNS = args.runs
    sizes = [int(s) for s in args.sizes.split(",")]
    lines = ["| items | check: s | check: MiB | evaluate: s (min) | evaluate: MiB | evaluate on 1 core: s | remind -q: s (min) | remind: MiB | evaluate ÷ remind | evaluate µs/item |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        folder = generate(size)
        config = os.path.join(folder, "planwatch.yaml")
        evaluate = [PLANWATCH, "evaluate", "--config", config, "--at", AT, "--horizon", "0d"]
        results = interleaved({
            "check": ([PLANWATCH, "check", "--config", config], None),
            "evaluate": (evaluate, None),
            "sequential": (evaluate, dict(os.environ, PLANWATCH_SEQUENTIAL="1")),
            "remind": (["remind", "-q", os.path.join(folder, "remind.rem"), "2027-03-01"], None),
        }, RUNS if size < 1000000 else max(3, RUNS // 3))
        check, ev, seq, remind = results["check"], results["evaluate"], results["sequential"], results["remind"]
        lines.append(f"| {size:,} | {check[0]:.2f} | {check[2]:.0f} | {ev[0]:.2f} ({ev[1]:.2f}) | {ev[2]:.0f} | {seq[0]:.2f} | "
                     f"{remind[0]:.2f} ({remind[1]:.2f}) | {remind[2]:.0f} | {ev[0] / remind[0]:.2f} | {ev[0] / size * 1e6:.1f} |".replace(",", " "))
        print(lines[-1], flush=True)
    report = ["## Check and evaluate, and Remind on the same deadlines", ""] + lines + [""]
    folder = generate(100000 if 100000 in sizes else sizes[0])
    notifications, wall = spool_rate(folder)
    report += ["## Spooling (run --once, durable writes)", "",
               f"{notifications} notifications written to the spool in {wall:.2f} s: {notifications / wall:.0f} notifications/s "
               "(one mail each, digest: immediate; each mail written to tmp/, fsync, renamed into new/, folder fsync; "
               "ledger rows in batches of 200 mails per transaction; one journal entry per notification to journald).", ""]
    print(report[-2], flush=True)
    idle = idle_daemon()
    if idle:
        cpu, switches, rss, seconds = idle
        report += ["## The idle daemon (example plan)", "",
                   f"Over {seconds} s idle: {cpu:.2f} s CPU, {switches} context switches (wake-ups), {rss:.1f} MiB resident.", ""]
        print(report[-2], flush=True)
    reload = reload_time(folder)
    if reload:
        report += ["## Reload", "", f"SIGHUP to READY=1 with {os.path.basename(folder)} items: {reload:.2f} s.", ""]
        print(report[-2], flush=True)
    if args.out:
        with open(args.out, "w") as f:
            f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
