#!/usr/bin/env python3
"""Abri's benchmarks, side by side with their references, in one run.

Run through `make bench` at the repository root. It expects the builds made by
that target:
  .build-bench/primitives                         the C reference (libsodium, cc -O2)
  .build-bench-pkg/release/abri-primitives        the same cases through AbriCrypto
  .build-bench-root/release/abri                  the release CLI
  .build-bench-root/release/abri-hub              the release hub (step `hub`)
Prints the table and writes Docs/BENCHMARKS.md. Never fails on a time: a goal
that is missed is reported, not enforced.

Knobs (environment):
  BENCH_LOG_SIZES   log sizes for `verify`, comma separated (default 100000,200000)
  BENCH_BIG         1 (default) also measures a 1 GiB attachment; 0 skips it
  BENCH_ROUNDS      rounds of the primitive programs, alternated C/Swift (default 3)
  BENCH_HUB_SECONDS seconds each concurrency level of the hub step runs (default 20)
  BENCH_HUB_CASES   vault sizes (cases) whose clone the hub step times (default 10000,20000)
  BENCH_HUB_BATCH   reports per deposit while that vault is built (default 2000)
  BENCH_HUB_PARTS   parts of the hub step, comma separated: load, light, pull, clones (default all four)
Steps (arguments, or BENCH_STEPS through make): primitives, cli (the default pair), hub.
Scratch: .build-bench-data/ (cached identities and vaults, reused across runs),
.build-bench-work/ (emptied at each run).
"""
import base64
import ctypes.util
import datetime
import glob
import hashlib
import json
import math
import multiprocessing
import os
import pwd
import re
import shutil
import socket
import statistics
import struct
import subprocess
import tempfile
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C_BIN = os.path.join(ROOT, ".build-bench/primitives")
SWIFT_BIN = os.path.join(ROOT, ".build-bench-pkg/release/abri-primitives")
ABRI = os.path.join(ROOT, ".build-bench-root/release/abri")
HUB = os.path.join(ROOT, ".build-bench-root/release/abri-hub")
DATA = os.path.join(ROOT, ".build-bench-data")
WORK = os.path.join(ROOT, ".build-bench-work")
DOC = os.path.join(ROOT, "Docs/BENCHMARKS.md")

LOG_SIZES = [int(s) for s in os.environ.get("BENCH_LOG_SIZES", "100000,200000").split(",") if s]
BIG = os.environ.get("BENCH_BIG", "1") == "1"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
HUB_SECONDS = int(os.environ.get("BENCH_HUB_SECONDS", "20"))
HUB_CASES = [int(s) for s in os.environ.get("BENCH_HUB_CASES", "10000,20000").split(",") if s]
HUB_BATCH = int(os.environ.get("BENCH_HUB_BATCH", "2000"))
HUB_PARTS = set(os.environ.get("BENCH_HUB_PARTS", "load,light,pull,clones").split(","))
HUB_CLIENTS = [1, 8, 32]
MiB = 1 << 20

rows = []  # (section, figure, abri, reference, ratio, goal, verdict)
notes = []


def say(text):
    print(text, file=sys.stderr, flush=True)


def load():
    return open("/proc/loadavg").read().split()[:3]


# ---------------------------------------------------------------- helpers

def run(args, env=None, check=True, capture=True):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(args, env=e, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])}… exited {p.returncode}: {p.stderr.strip()[-400:]}")
    return p


class Timing:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one command."""

    def __init__(self, wall, cpu, rss, stdout):
        self.wall, self.cpu, self.rss, self.stdout = wall, cpu, rss, stdout


def timed(args, env=None):
    """One command, with its rusage from wait4 (CPU to the microsecond, peak RSS as `/usr/bin/time -v`
    reports it). On a loaded machine the wall time grows with the load; the CPU time much less, so both
    are reported."""
    e = dict(os.environ)
    e.update(env or {})
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, env=e, stdout=subprocess.PIPE, stderr=err)
        out = p.stdout.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        p.stdout.close()
        if p.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(args[:4])}… exited {p.returncode}: {err.read().decode()[-400:]}")
    return Timing(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, out.decode())


def check_unlock():
    """One `abri identity check`: the cost of one unlock, measured next to the command it is subtracted from."""
    return timed([ABRI, "identity", "check", os.path.join(DATA, "alice.identity")], env={"ABRI_PASSPHRASE_FILE": PASS})


def paired(n, command):
    """Runs `command` n times, each next to one unlock; returns the timings and the medians of the per-pair
    differences (wall, CPU): the command's cost beyond its unlock, with the load of the same moment."""
    ts, dw, dc = [], [], []
    for _ in range(n):
        u = check_unlock()
        t = command()
        ts.append(t)
        dw.append(t.wall - u.wall)
        dc.append(t.cpu - u.cpu)
    return ts, max(statistics.median(dw), 1e-6), max(statistics.median(dc), 1e-6)


def medians(timings):
    return (statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings),
            max(t.rss for t in timings))


def median_of(n, fn):
    values = [fn() for _ in range(n)]
    return statistics.median(values), values


def fmt_s(s):
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def add(section, figure, abri, ref="", ratio=None, goal="", met=None):
    verdict = "" if met is None else ("met" if met else "**missed**")
    rows.append((section, figure, abri, ref, "" if ratio is None else f"{ratio:.2f}", goal, verdict))


# ---------------------------------------------------------------- primitives

PRIM = [
    ("aead_seal_1KiB", "XChaCha20-Poly1305 seal, 1 KiB", "MB/s"),
    ("aead_open_1KiB", "XChaCha20-Poly1305 open, 1 KiB", "MB/s"),
    ("aead_seal_16MiB", "XChaCha20-Poly1305 seal, 16 MiB", "MB/s"),
    ("aead_open_16MiB", "XChaCha20-Poly1305 open, 16 MiB", "MB/s"),
    ("stream_push_256MiB", "secretstream push, 256 MiB in 64 KiB chunks", "MB/s"),
    ("stream_pull_256MiB", "secretstream pull, 256 MiB in 64 KiB chunks", "MB/s"),
    ("box_seal_256B", "crypto_box_seal, 256 B", "/s"),
    ("box_seal_open_256B", "crypto_box_seal_open, 256 B", "/s"),
    ("ed25519_sign_128B", "Ed25519 sign, 128 B", "/s"),
    ("ed25519_verify_128B", "Ed25519 verify, 128 B", "/s"),
    ("argon2id_moderate", "Argon2id MODERATE (3 passes, 256 MiB)", "s"),
]


def parse(out):
    result = {}
    for line in out.splitlines():
        name, sec, nbytes = line.split("\t")
        result[name] = (float(sec), int(nbytes))
    return result


def rate(name, sec, nbytes, unit):
    if unit == "MB/s":
        return f"{nbytes / sec / 1e6:,.0f} MB/s"
    if unit == "/s":
        return f"{1 / sec:,.0f} /s"
    return fmt_s(sec)


def primitives():
    say(f"primitives: {ROUNDS} rounds, C and Swift alternated (5 runs each inside, median)")
    c_runs, s_runs = [], []
    for r in range(ROUNDS):
        c_runs.append(parse(run([C_BIN]).stdout))
        s_runs.append(parse(run([SWIFT_BIN]).stdout))
        say(f"  round {r + 1} done, load {' '.join(load())}")
    for name, label, unit in PRIM:
        c = statistics.median(x[name][0] for x in c_runs)
        s = statistics.median(x[name][0] for x in s_runs)
        nbytes = c_runs[0][name][1]
        ratio = c / s  # Swift's speed as a fraction of C's
        add("Primitives (AbriCrypto vs libsodium from C)", label, rate(name, s, nbytes, unit),
            rate(name, c, nbytes, unit), ratio, "≥ 0.95", ratio >= 0.95)


# ---------------------------------------------------------------- CLI setup

PASS = os.path.join(DATA, "passphrase")
FAST_PASS = os.path.join(DATA, "fast.passphrase")
MEMBER_FAST = os.path.join(DATA, "fast.identity")  # Keys/test-bob.identity, minimum Argon2id costs


class Vault:
    """A working copy of a cached vault, with its own history state."""
    count = 0

    def __init__(self, source):
        Vault.count += 1
        self.dir = os.path.join(WORK, f"v{Vault.count}")
        os.makedirs(os.path.join(self.dir, "state"))
        self.path = os.path.join(self.dir, "vault.db")
        if source:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(source + suffix):
                    shutil.copyfile(source + suffix, self.path + suffix)

    def env(self, who="alice"):
        return {"ABRI_PASSPHRASE_FILE": FAST_PASS if who == "fast" else PASS, "ABRI_VAULT": self.path,
                "XDG_STATE_HOME": os.path.join(self.dir, "state"), "NO_COLOR": "1"}

    def abri(self, *args, who="alice", check=True):
        a = [ABRI] + list(args)
        if who:
            a += ["--as", os.path.join(DATA, f"{who}.identity")]
        return run(a, env=self.env(who), check=check)

    def timed(self, *args, who="alice"):
        a = [ABRI] + list(args)
        if who:
            a += ["--as", os.path.join(DATA, f"{who}.identity")]
        return timed(a, env=self.env(who))

    def add_fast_member(self):
        """Enrols `fast` (the public test identity, minimum Argon2id) in p1, then alice approves it (its keys sealed
        and the grants re-sealed then), so that fast reads every case and unlocks in about a millisecond:
        a command's own cost is then measured directly, with no unlock to subtract."""
        line = run([ABRI, "identity", "show", os.path.join(DATA, "fast.identity")]).stdout.strip()
        self.abri("member", "add", "p1", "--identity", line, "--name", "fast", who="admin")
        # Format 3: a colleague approves the newcomer (which seals the keys and re-seals the grants at once).
        self.abri("member", "approve", "p1", "fast", "--yes")

    def save(self, dest):
        self.abri("verify", who=None)  # also checkpoints the WAL through a clean close
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(dest + suffix):
                os.remove(dest + suffix)
            if os.path.exists(self.path + suffix):
                shutil.copyfile(self.path + suffix, dest + suffix)


def write_reports(n):
    d = os.path.join(DATA, "reports")
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        p = os.path.join(d, f"{i:07d}.json")
        if not os.path.exists(p):
            with open(p, "w") as f:
                json.dump({"type": "signalement", "household": f"FOH-B-{i:07d}",
                           "facts": "Rapport de test pour le banc de mesure, sans personne réelle.",
                           "children": i % 4, "locating": {"city": "Calais", "phone": f"+33 6 00 {i:07d}"}}, f)
    return [os.path.join(d, f"{i:07d}.json") for i in range(n)]


def setup():
    os.makedirs(DATA, exist_ok=True)
    if not os.path.exists(PASS):
        with open(os.open(PASS, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write("banc de mesure d'Abri, phrase de passe\n")
    os.chmod(PASS, 0o600)
    env = {"ABRI_PASSPHRASE_FILE": PASS}
    for who in ("admin", "alice"):
        ident = os.path.join(DATA, f"{who}.identity")
        if not os.path.exists(ident):
            say(f"creating identity {who} (Argon2id MODERATE)")
            run([ABRI, "identity", "new", "--out", ident, "--name", who], env=env)
    base = os.path.join(DATA, "base.db")
    if not os.path.exists(base):
        say("creating the base vault: init, one partner, alice as its member")
        line = lambda who: run([ABRI, "identity", "show", os.path.join(DATA, f"{who}.identity")]).stdout.strip()
        v = Vault(None)
        run([ABRI, "init", "--admin", line("admin")], env=v.env())
        v.abri("partner", "add", "p1", "--name", "Bench partner", "--kind", "association", who="admin")
        v.abri("member", "add", "p1", "--identity", line("alice"), "--name", "alice", who="admin")
        v.save(base)
    if not os.path.exists(os.path.join(DATA, "fast.identity")):
        shutil.copyfile(os.path.join(ROOT, "Keys/test-bob.identity"), os.path.join(DATA, "fast.identity"))
        os.chmod(os.path.join(DATA, "fast.identity"), 0o600)
    with open(os.open(FAST_PASS, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write("abri public test passphrase\n")  # published in Keys/README.md
    os.chmod(FAST_PASS, 0o600)
    if not os.path.exists(os.path.join(DATA, "age.key")):
        run(["age-keygen", "-o", os.path.join(DATA, "age.key")])
    return base


def age_recipient():
    for line in open(os.path.join(DATA, "age.key")):
        if line.startswith("# public key:"):
            return line.split(":", 1)[1].strip()


def random_file(name, size):
    p = os.path.join(DATA, name)
    if not os.path.exists(p) or os.path.getsize(p) != size:
        with open("/dev/urandom", "rb") as src, open(p, "wb") as dst:
            left = size
            while left:
                chunk = src.read(min(left, 8 * MiB))
                dst.write(chunk)
                left -= len(chunk)
    return p


# ---------------------------------------------------------------- CLI figures

class Unlock:
    wall = cpu = 0.0
    fast = 0.0  # `identity check` of the test identity: start-up plus a minimum-cost unlock


def unlock_cost():
    say("unlock: abri identity check, and abri --version (hyperfine)")
    ts = [check_unlock() for _ in range(5)]
    Unlock.wall, Unlock.cpu, rss = medians(ts)
    add("Start-up and unlock", "`abri identity check` (one Argon2id MODERATE unlock)",
        f"{fmt_s(Unlock.wall)} wall, {fmt_s(Unlock.cpu)} CPU, {rss / 1024:,.0f} MiB", "", None,
        "reported apart, subtracted below")
    f = os.path.join(DATA, "fast.identity")
    fw, fc, _ = medians([timed([ABRI, "identity", "check", f], env={"ABRI_PASSPHRASE_FILE": FAST_PASS}) for _ in range(5)])
    Unlock.fast = fw
    add("Start-up and unlock", "`abri identity check` of the public test identity (Argon2id minimum costs)",
        f"{fmt_s(fw)} wall, {fmt_s(fc)} CPU", "", None, "")
    out = os.path.join(WORK, "version.json")
    run(["hyperfine", "--runs", "30", "--warmup", "3", "-N", "--export-json", out, "--style", "none",
         f"{ABRI} --version"])
    r = json.load(open(out))["results"][0]
    add("Start-up and unlock", "`abri --version` start-up (hyperfine, 30 runs)",
        f"{fmt_s(r['median'])} wall, {fmt_s(r['user'] + r['system'])} CPU", "", None, "")


def warm_pages(nbytes):
    """Writes and deletes a scratch file of `nbytes`, so that the next command's writes land in memory the guest
    touched a moment ago. This machine is a virtual machine that hands freed memory back to its host after a few
    seconds; the first write to such memory costs a host page fault per page (a 256 MiB output paid up to 0.7 s
    for it). Done before every timed command of both tools, so that neither pays it; twice the work plus the
    unlock's 256 MiB and a margin, because a smaller pool still left some of an output in cold memory."""
    p = os.path.join(WORK, "warm.bin")
    block = b"\0" * (8 * MiB)
    with open(p, "wb") as f:
        for _ in range(max(1, nbytes // len(block))):
            f.write(block)
    os.remove(p)


def attachments(base):
    """Deposit and open of one attachment against age. Every timed command starts after a `sync`, so that
    neither pays for the other's dirty pages. age does not sync its output; Abri syncs the vault's copy
    before its commit (a deposit must survive a power cut), so age followed by `sync -d` of its output is
    measured too: the same durability."""
    rcpt = age_recipient()
    key = os.path.join(DATA, "age.key")
    report = write_reports(1)[0]
    sizes = [16 * MiB, 256 * MiB] + ([1024 * MiB] if BIG else [])
    section = "Attachments (vs age 1.1 on the same file, both on disk)"
    for size in sizes:
        label = f"{size // MiB} MiB"
        src = random_file(f"random-{size // MiB}M.bin", size)
        say(f"attachment {label}: abri deposit --attach / open --reveal vs age")
        n = 7 if size <= 256 * MiB else 3
        dep, opn, age_enc, age_dec, age_durable, unlocks = [], [], [], [], [], []
        enc = os.path.join(WORK, "f.age")
        dec = os.path.join(WORK, "f.out")
        # One round more than measured, the first thrown away: on this virtual machine the first write into
        # memory the guest never touched costs a host page fault per page (hundreds of ms for 256 MiB), and
        # whichever command of a round comes first would pay for the others.
        for i in range(n + 1):
            if i == 1:
                dep, opn, age_enc, age_dec, age_durable, unlocks = [], [], [], [], [], []
            v = Vault(base)
            os.sync()
            u = check_unlock()
            unlocks.append(u)
            os.sync()
            warm_pages(2 * size + 640 * MiB)
            t = v.timed("deposit", report, "--attach", src)
            dep.append((t, u))
            case = t.stdout.split()[0]
            d = os.path.join(v.dir, "out")
            os.makedirs(d)
            os.sync()
            u = check_unlock()
            unlocks.append(u)
            os.sync()
            warm_pages(2 * size + 640 * MiB)
            opn.append((v.timed("open", case, "--attachments", d, "--reveal", "--purpose", "bench"), u))
            shutil.rmtree(v.dir)
            for p in (enc, dec):
                if os.path.exists(p):
                    os.remove(p)
            os.sync()
            warm_pages(2 * size + 640 * MiB)
            age_enc.append(timed(["age", "-r", rcpt, "-o", enc, src]))
            os.sync()
            warm_pages(2 * size + 640 * MiB)
            age_dec.append(timed(["age", "-d", "-i", key, "-o", dec, enc]))
            os.remove(enc)
            os.sync()
            warm_pages(2 * size + 640 * MiB)
            age_durable.append(timed(["sh", "-c", 'age -r "$0" -o "$1" "$2" && sync -d "$1"', rcpt, enc, src]))
        for p in (enc, dec):
            os.remove(p)
        unlock_rss = max(u.rss for u in unlocks) / 1024
        for what, ab, ag, reference in (("deposit --attach", dep, age_enc, "age -r"),
                                        ("open --attachments --reveal", opn, age_dec, "age -d")):
            aw, ac, arss = medians([t for t, _ in ab])
            nw = max(statistics.median(t.wall - u.wall for t, u in ab), 1e-6)
            nc = max(statistics.median(t.cpu - u.cpu for t, u in ab), 1e-6)
            gw, gc, grss = medians(ag)
            # Below twice the unlock's own spread, what is left after subtracting it is noise, not a speed.
            jitter = statistics.pstdev(u.wall for u in unlocks)
            if nw <= 2 * jitter:
                add(section, f"{what}, {label} (unlock subtracted)",
                    f"within the unlock's jitter (±{fmt_s(jitter)}); whole {fmt_s(aw)}",
                    f"{reference}: {fmt_s(gw)} wall ({size / gw / 1e6:,.0f} MB/s), {fmt_s(gc)} CPU",
                    None, "≥ 1.25 (age time / Abri time)", None)
            else:
                ratio = gw / nw
                add(section, f"{what}, {label} (unlock subtracted)",
                    f"{fmt_s(nw)} wall ({size / nw / 1e6:,.0f} MB/s), {fmt_s(nc)} CPU; whole {fmt_s(aw)}",
                    f"{reference}: {fmt_s(gw)} wall ({size / gw / 1e6:,.0f} MB/s), {fmt_s(gc)} CPU",
                    ratio, "≥ 1.25 (age time / Abri time)", ratio >= 1.25)
            if what.startswith("deposit") and nw > 2 * jitter:
                sw, sc, _ = medians(age_durable)
                add(section, f"{what}, {label}, against age with its output synced",
                    f"{fmt_s(nw)} wall", f"age -r, then sync -d: {fmt_s(sw)} wall ({size / sw / 1e6:,.0f} MB/s)",
                    sw / nw, "(the same durability; no goal)", None)
            big = size >= 1024 * MiB
            beyond = arss / 1024 - unlock_rss
            add(section, f"{what}, {label}: peak RSS",
                f"{arss / 1024:,.0f} MiB, {beyond:,.0f} MiB beyond the unlock's {unlock_rss:,.0f} MiB",
                f"{grss / 1024:,.0f} MiB", None,
                "< 32 MiB beyond the unlock" if big else "", (beyond < 32) if big else None)


def bulk(base):
    for n in (200, 2000, 20000):
        files = write_reports(n)
        say(f"bulk deposit of {n} reports")
        reps = 3 if n <= 2000 else 2
        def once():
            v = Vault(base)
            t = v.timed("deposit", *files)
            assert len(t.stdout.split()) == n
            shutil.rmtree(v.dir)
            return t
        ts, nw, nc = paired(reps, once)
        aw, ac, rss = medians(ts)
        r = n / nw
        add("Bulk deposit (unlock subtracted)", f"deposit of {n:,} reports in one command",
            f"{r:,.0f} reports/s wall, {n / nc:,.0f} per CPU-second; whole {fmt_s(aw)}, {rss / 1024:,.0f} MiB",
            "", None, "≥ 5,000 reports/s", r >= 5000)


def case_with_records(base):
    """Cached vaults holding one case with 1, 5 and 20 records."""
    paths = {k: os.path.join(DATA, f"records-{k}.db") for k in (1, 5, 20)}
    meta = os.path.join(DATA, "records.case")
    if all(os.path.exists(p) for p in paths.values()) and os.path.exists(meta):
        return paths, open(meta).read().strip()
    say("building a case with 20 records (19 × abri add, one unlock each)")
    v = Vault(base)
    case = v.abri("deposit", write_reports(1)[0]).stdout.split()[0]
    rec = os.path.join(DATA, "record.json")
    with open(rec, "w") as f:
        json.dump({"type": "note", "facts": "Suivi: entretien téléphonique, rendez-vous fixé.",
                   "locating": {"phone": "+33 6 00 00 00 00"}}, f)
    v.save(paths[1])
    for k in range(2, 21):
        v.abri("add", case, rec)
        if k in paths:
            v.save(paths[k])
    open(meta, "w").write(case)
    return paths, case


FAST_SECTION = "Open and search (by a member whose identity has minimum Argon2id costs: no unlock to subtract)"


def open_records(base):
    paths, case = case_with_records(base)
    for k, p in sorted(paths.items()):
        say(f"open of a case with {k} records")
        v = Vault(p)
        v.add_fast_member()
        aw, ac, rss = medians([v.timed("open", case, "--json", who="fast") for _ in range(7)])
        beyond = aw - Unlock.fast
        add(FAST_SECTION, f"open of a case with {k} records",
            f"{fmt_s(aw)} wall, {fmt_s(ac)} CPU, {rss / 1024:,.0f} MiB; {fmt_s(beyond)} beyond start-up and unlock",
            "", None, "≤ 20 ms beyond unlock" if k == 20 else "", beyond <= 0.020 if k == 20 else None)


def big_vaults(base):
    """Cached vaults with 10k, 50k, 100k cases of alice's partner (one grant and one log entry each)."""
    marks = [10000, 50000, 100000]
    paths = {m: os.path.join(DATA, f"cases-{m}.db") for m in marks}
    if all(os.path.exists(p) for p in paths.values()):
        return paths
    files = write_reports(100000)
    v = Vault(base)
    done = 0
    for m in marks:
        while done < m:
            say(f"building the large vault: cases {done}–{done + 10000}")
            v.abri("deposit", *files[done:done + 10000])
            done += 10000
        v.save(paths[m])
    return paths


def search_and_rotate(paths):
    for m, p in sorted(paths.items()):
        say(f"cases --household among {m:,} cases")
        v = Vault(p)
        ref = f"FOH-B-{m // 2:07d}"
        v.add_fast_member()
        ts = [v.timed("cases", "--household", ref, "--json", who="fast") for _ in range(5)]
        assert len(json.loads(ts[0].stdout)["cases"]) == 1
        aw, ac, rss = medians(ts)
        add(FAST_SECTION, f"`cases --household` among {m:,} cases",
            f"{fmt_s(aw)} wall, {fmt_s(ac)} CPU, {rss / 1024:,.0f} MiB", "", None, "")
        say(f"rotate over {m:,} grants")
        u = check_unlock()
        t = v.timed("rotate", "p1", "--json")
        r = json.loads(t.stdout)
        # `seconds` runs from before the unlock to the end of the re-sealing.
        nw = max(r["seconds"] - u.wall, 1e-6)
        nc = max(t.cpu - u.cpu, 1e-6)
        g = r["grants"] / nw
        add("Rotation (unlock subtracted)", f"`rotate` over {r['grants']:,} grants",
            f"{g:,.0f} grants/s wall, {r['grants'] / nc:,.0f} per CPU-second; whole {t.wall:.2f} s, {t.rss / 1024:,.0f} MiB",
            "", None, "≥ 15,000 grants/s", g >= 15000)
        shutil.rmtree(v.dir)


def log_vault(size, paths):
    """A cached vault whose log holds at least `size` entries (one per deposited report)."""
    p = os.path.join(DATA, f"log-{size}.db")
    if os.path.exists(p):
        return p
    # Start from the largest cached vault below the size: 100k cases hold ~100k entries.
    candidates = sorted([(int(re.search(r"(\d+)", os.path.basename(x)).group(1)), os.path.join(DATA, x))
                         for x in os.listdir(DATA) if re.match(r"(log|cases)-\d+\.db$", x)])
    start, src = max([c for c in candidates if c[0] <= size], default=(0, os.path.join(DATA, "base.db")))
    v = Vault(src)
    files = write_reports(20000)
    have = start
    while have < size:
        n = min(20000, size - have)
        say(f"building a {size:,}-entry log: {have:,} → {have + n:,}")
        v.abri("deposit", *files[:n])  # reports may repeat: each deposit is a new case and a new entry
        have += n
    v.save(p)
    shutil.rmtree(v.dir)
    return p


def verify(paths):
    for size in LOG_SIZES:
        p = paths.get(size) or log_vault(size, paths)
        v = Vault(p)
        say(f"verify of {size:,} entries (full, without an identity)")
        t = v.timed("verify", "--json", who=None)
        entries = json.loads(t.stdout)["entries"]
        add("Verify (no identity: no unlock)", f"`verify`, {entries:,} entries, nothing accepted before",
            f"{fmt_s(t.wall)} wall ({entries / t.wall:,.0f} entries/s), {fmt_s(t.cpu)} CPU, {t.rss / 1024:,.0f} MiB",
            "", None, "1M entries ≤ 30 s (scaled)", t.wall * 1_000_000 / entries <= 30)
        say("verify after 1,000 more entries")
        # The verifier's machine keeps its own accepted head: the depositor's command moves only its own.
        os.makedirs(os.path.join(v.dir, "depositor-state"))
        run([ABRI, "deposit", *write_reports(1000), "--as", os.path.join(DATA, "alice.identity")],
            env={**v.env(), "XDG_STATE_HOME": os.path.join(v.dir, "depositor-state")})
        since = ["--since-last"] if "--since-last" in run([ABRI, "verify", "--help"]).stdout else []
        t = v.timed("verify", "--json", *since, who=None)
        entries = json.loads(t.stdout)["entries"]
        add("Verify (no identity: no unlock)",
            f"`verify {' '.join(since)}` after 1,000 more ({entries:,} entries){'' if since else ': no incremental mode, full again'}",
            f"{fmt_s(t.wall)} wall, {fmt_s(t.cpu)} CPU", "", None, "≤ 100 ms", t.wall <= 0.100)
        shutil.rmtree(v.dir)


# ---------------------------------------------------------------- the hub (format 3, loopback)

HUB_SECTION = "The hub (format 3, loopback)"
hub_rows = []  # (figure, measured, goal, verdict)
hub_notes = []
ADMIN_FAST = os.path.join(ROOT, "Keys/test-admin-a.identity")  # public test identity, minimum Argon2id costs


def hub_add(figure, measured, goal="", met=None):
    hub_rows.append((figure, measured, goal, "" if met is None else ("met" if met else "**missed**")))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu(pid, children=False):
    """CPU seconds (user + system) of a live process, with those of its reaped children when `children`."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def vm_hwm(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])  # KiB
    return 0


class Postgres:
    """A throwaway cluster under .build-bench-work (initdb, pg_ctl on a free port of 127.0.0.1, the server's
    defaults: fsync and synchronous commit on), as the `postgres` user when run as root; `stop` removes it."""

    def __init__(self):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if not versions:
            raise RuntimeError("no PostgreSQL server under /usr/lib/postgresql (`make deps` installs it)")
        self.bin = os.path.dirname(versions[-1])
        self.version = self.bin.split("/")[4]
        self.folder = tempfile.mkdtemp(prefix="pg-", dir=WORK)
        self.as_user = []
        if os.getuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = os.path.join(self.folder, "data")
        run(self.as_user + [f"{self.bin}/initdb", "-D", self.data, "-A", "trust", "-U", "abri", "-E", "UTF8",
                            "--locale", "C", "--no-sync"])
        self.port = free_port()
        run(self.as_user + [f"{self.bin}/pg_ctl", "-D", self.data, "-l", os.path.join(self.folder, "server.log"),
                            "-o", f"-k {self.folder} -h 127.0.0.1 -p {self.port}", "-w", "start"])
        self.pid = int(open(os.path.join(self.data, "postmaster.pid")).readline())
        self.sql("CREATE DATABASE hub")
        self.url = f"postgres://abri@127.0.0.1:{self.port}/hub"

    def sql(self, statement, database="postgres"):
        return run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "abri", "-d", database,
                    "-v", "ON_ERROR_STOP=1", "-At", "-c", statement]).stdout.strip()

    def cpu(self):
        """The server's CPU seconds: the postmaster, its live backends, and the backends that have ended."""
        total = proc_cpu(self.pid, children=True)
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.pid:
                    total += proc_cpu(int(entry))
        return total

    def size(self):
        return int(self.sql("SELECT pg_database_size('hub')"))

    def stop(self):
        run(self.as_user + [f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


class HubServer:
    """`abri-hub migrate`, then `abri-hub serve` on a free port of 127.0.0.1 (plain HTTP on loopback)."""

    def __init__(self, pg):
        run([HUB, "migrate", "--database", pg.url])
        self.out = os.path.join(WORK, "hub.out")
        self.proc = subprocess.Popen([HUB, "serve", "--database", pg.url, "--listen", "127.0.0.1:0"],
                                     stdout=open(self.out, "w"), stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            m = re.search(r"listening on 127\.0\.0\.1:(\d+)", open(self.out).read())
            if m:
                self.port = int(m.group(1))
                self.url = f"http://127.0.0.1:{self.port}"
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"abri-hub serve did not start: {open(self.out).read()[-400:]}")

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Machine:
    """One machine: its own home, state directory and replica (or a local vault), with an identity of minimum
    Argon2id costs (the public test identities of Keys/): no unlock to subtract."""
    count = 0

    def __init__(self, identity):
        Machine.count += 1
        self.dir = os.path.join(WORK, f"m{Machine.count}")
        os.makedirs(os.path.join(self.dir, "state"))
        self.path = os.path.join(self.dir, "vault.db")
        self.identity = identity

    def env(self):
        return {"ABRI_PASSPHRASE_FILE": FAST_PASS, "ABRI_VAULT": self.path,
                "XDG_STATE_HOME": os.path.join(self.dir, "state"), "NO_COLOR": "1"}

    def args(self, *args):
        return [ABRI] + list(args) + ["--as", self.identity]

    def abri(self, *args, check=True):
        return run(self.args(*args), env=self.env(), check=check)

    def timed(self, *args):
        return timed(self.args(*args), env=self.env())

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def identity_line(path):
    return run([ABRI, "identity", "show", path]).stdout.strip()


def new_vault(hub_url=None):
    """A vault with one partner and the bench member (test-bob) in it, made by test-admin-a: on the hub when
    `hub_url`, else a local file. Returns the administrator's machine and the vault's id."""
    admin = Machine(ADMIN_FAST)
    init = ["init", "--admin", identity_line(ADMIN_FAST), "--json"] + (["--hub", hub_url] if hub_url else [])
    out = admin.abri(*init).stdout if hub_url else run([ABRI] + init, env=admin.env()).stdout
    vid = json.loads(out)["id"]
    admin.abri("partner", "add", "p1", "--name", "Bench partner", "--kind", "association")
    admin.abri("member", "add", "p1", "--identity", identity_line(MEMBER_FAST), "--name", "bench")
    return admin, vid


def clone(hub_url, vid):
    m = Machine(MEMBER_FAST)
    m.abri("clone", hub_url, vid)
    return m


def percentile(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(q * (len(v) - 1)))))] if v else float("nan")


def hub_seq(pg, vid):
    return int(pg.sql(f"SELECT seq FROM vaults WHERE id = '\\x{vid}'", "hub"))


def load_phase(machines, seconds, note):
    """Every machine runs `abri deposit NOTE` in a loop for `seconds`; the latencies of the whole commands."""
    lat, failures = [], []
    lock = threading.Lock()
    start = time.perf_counter()
    stop_at = start + seconds
    ends = []

    def worker(m):
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            p = subprocess.run(m.args("deposit", note), env={**os.environ, **m.env()},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            dt = time.perf_counter() - t0
            with lock:
                (lat if p.returncode == 0 else failures).append(dt if p.returncode == 0 else (p.returncode, p.stderr.strip()[-200:]))
        with lock:
            ends.append(time.perf_counter())

    threads = [threading.Thread(target=worker, args=(m,)) for m in machines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, failures, max(ends) - start


# The light pusher: signed pushes straight to the hub (FORMAT §7.1, §7.2), from Python, to measure the hub itself.

def identity_seed(path, passphrase):
    """The Ed25519 seed of an identity file (FORMAT §2), through libsodium: Argon2id13, then XChaCha20-Poly1305."""
    import ctypes
    sodium = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
    sodium.sodium_init()
    b = open(path, "rb").read()
    ops, mem = struct.unpack_from("<QQ", b, 8)
    salt, nonce = b[24:40], b[40:64]
    ad_end = 129 + b[128]
    key = ctypes.create_string_buffer(32)
    pw = passphrase.encode()
    sodium.crypto_pwhash.argtypes = [ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_char_p, ctypes.c_ulonglong,
                                     ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_size_t, ctypes.c_int]
    if sodium.crypto_pwhash(key, 32, pw, len(pw), salt, ops, mem, 2) != 0:
        raise RuntimeError("argon2id failed")
    plain = ctypes.create_string_buffer(64)
    plain_len = ctypes.c_ulonglong()
    f = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt
    f.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_ulonglong), ctypes.c_void_p, ctypes.c_char_p,
                  ctypes.c_ulonglong, ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_char_p, ctypes.c_char_p]
    if f(plain, ctypes.byref(plain_len), None, b[ad_end:ad_end + 80], 80, b[:ad_end], ad_end, nonce, key.raw) != 0:
        raise RuntimeError("the identity did not open")
    seed = plain.raw[32:64]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    if public != b[96:128]:
        raise RuntimeError("the identity's signing key does not match its header")
    return seed


def wire_values(columns):
    out = struct.pack("<H", len(columns))
    for name, value in columns:
        out += bytes([len(name)]) + name.encode()
        if isinstance(value, str):
            out += b"\x02" + struct.pack("<I", len(value.encode())) + value.encode()
        else:
            out += b"\x03" + struct.pack("<I", len(value)) + value
    return out


def meta_change(key, value):
    k = wire_values([("key", key)])
    v = wire_values([("key", key), ("value", value)])
    return b"\x04meta" + struct.pack("<I", len(k)) + k + b"\x01" + struct.pack("<I", len(v)) + v


def light_pusher(args):
    """One client: for `seconds`, pushes of `rows` new meta rows of `row_bytes` each; on 409 reads the hub's
    sequence (GET head) and pushes again. Returns the accepted pushes' request times and the number of 409s."""
    port, vid, seed, line, seconds, rows, row_bytes, index = args
    import http.client
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    key = Ed25519PrivateKey.from_private_bytes(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(method, path, body=b""):
        date = str(int(time.time()))
        digest = hashlib.blake2b(body, digest_size=32).hexdigest()
        text = f"abri-hub-request-v1\n{method}\n{path}\n{date}\n{digest}\n".encode()
        headers = {"Abri-Identity": line, "Abri-Date": date,
                   "Abri-Signature": base64.b64encode(key.sign(text)).decode()}
        if method != "GET":
            headers["Content-Type"] = "application/octet-stream"
        conn.request(method, path, body=body if method != "GET" else None, headers=headers)
        r = conn.getresponse()
        return r.status, r.read()

    def sequence():
        status, body = request("GET", f"/v1/vaults/{vid}/head")
        assert status == 200, status
        return struct.unpack_from("<Q", body)[0]

    seq = sequence()
    lat, conflicts, n = [], 0, 0
    stop_at = time.perf_counter() + seconds
    filler = os.urandom(row_bytes)
    while time.perf_counter() < stop_at:
        n += 1
        changes = [meta_change(f"bench/{index}/{n}/{i}", filler) for i in range(rows)]
        body = struct.pack("<QI", seq, len(changes)) + b"".join(changes)
        t0 = time.perf_counter()
        status, answer = request("POST", f"/v1/vaults/{vid}/push", body)
        dt = time.perf_counter() - t0
        if status == 200:
            lat.append(dt)
            seq = struct.unpack_from("<Q", answer)[0]
        elif status == 409:
            conflicts += 1
            seq = sequence()
        else:
            raise RuntimeError(f"push answered {status}: {answer[:200]!r}")
    return lat, conflicts


def hub():
    """The hub's figures: concurrent replicas writing, the hub's own rate, a pull, clones, memory and size."""
    for tool, what in ((HUB, "abri-hub"), (ABRI, "abri")):
        if not os.path.exists(tool):
            raise RuntimeError(f"{tool} is missing: run through `make bench` (it builds {what})")
    os.makedirs(DATA, exist_ok=True)
    if not os.path.exists(MEMBER_FAST):
        shutil.copyfile(os.path.join(ROOT, "Keys/test-bob.identity"), MEMBER_FAST)
        os.chmod(MEMBER_FAST, 0o600)
    with open(os.open(FAST_PASS, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write("abri public test passphrase\n")  # published in Keys/README.md
    note = os.path.join(WORK, "note.json")
    with open(note, "w") as f:
        json.dump({"type": "note", "household": "FOH-B-0000001", "facts": "Note de suivi du banc de mesure."}, f)
    pg = hub_server = None
    try:
        say("hub: a throwaway PostgreSQL cluster, abri-hub migrate and serve")
        pg = Postgres()
        hub_server = HubServer(pg)
        url = hub_server.url
        hub_notes.append(f"PostgreSQL {pg.version} (its defaults: fsync and synchronous commit on; shared_buffers "
                         f"{pg.sql('SHOW shared_buffers')}), `abri-hub serve` and every client on the same two cores")
        empty_size = pg.size()

        # 1. Latency with 1, 8, 32 writing replicas; 2. the commands per second the hub took.
        admin, vid = new_vault(url)
        replicas = [clone(url, vid) for _ in range(max(HUB_CLIENTS))]
        replicas[0].abri("deposit", note)
        replicas[0].abri("deposit", note)
        per_push = pg.sql(f"SELECT count(*) || ' ' || sum(octet_length(key) + coalesce(octet_length(value), 0)) "
                          f"FROM rows WHERE vault = '\\x{vid}' AND seq = {hub_seq(pg, vid)}", "hub").split()
        push_rows, push_bytes = int(per_push[0]), int(per_push[1])
        say(f"  a one-note deposit pushes {push_rows} rows, {push_bytes:,} bytes")

        hwm_load = 0
        if "load" in HUB_PARTS:
            # The same command on a local vault (no hub): what the hub adds is the difference.
            local_admin, _ = new_vault(None)
            local = Machine(MEMBER_FAST)
            local.path = local_admin.path
            local.abri("cases", "--json")
            pairs_hub, pairs_local = [], []
            for _ in range(15):
                pairs_local.append(local.timed("deposit", note).wall)
                pairs_hub.append(replicas[0].timed("deposit", note).wall)
            local_med, hub_med = statistics.median(pairs_local), statistics.median(pairs_hub)
            hub_add("`deposit` of a one-line note, on a local vault (no hub), 1 client",
                    f"{fmt_s(local_med)} (median of 15, whole command)")
            hub_add("`deposit` of the same note on a replica, 1 client, alternated with the local one",
                    f"{fmt_s(hub_med)}; the hub's part (a pull and a push of {push_rows} rows, {push_bytes / 1024:,.1f} KiB): "
                    f"{fmt_s(hub_med - local_med)}")

            hwm_load = 0
            for n in HUB_CLIENTS:
                for m in replicas[:n]:
                    m.abri("sync")
                say(f"  {n} replica(s) depositing for {HUB_SECONDS} s")
                seq0, hub_cpu0, pg_cpu0 = hub_seq(pg, vid), proc_cpu(hub_server.pid), pg.cpu()
                load0 = load()[0]
                lat, failures, elapsed = load_phase(replicas[:n], HUB_SECONDS, note)
                seq1, hub_cpu1, pg_cpu1 = hub_seq(pg, vid), proc_cpu(hub_server.pid), pg.cpu()
                pushes = seq1 - seq0
                hwm_load = vm_hwm(hub_server.pid)
                per_push_cpu = (hub_cpu1 - hub_cpu0 + pg_cpu1 - pg_cpu0) / max(pushes, 1)
                failed = f"; {len(failures)} failed ({failures[0][0]}: {failures[0][1]})" if failures else ""
                hub_add(f"`deposit` by {n} replica{'s' if n > 1 else ''} at once for {HUB_SECONDS} s: whole command, p50 / p99",
                        f"{fmt_s(percentile(lat, 0.5))} / {fmt_s(percentile(lat, 0.99))} ({len(lat)} commands{failed}; load {load0} at the start)")
                hub_add(f"commands per second through the hub, {n} replica{'s' if n > 1 else ''} (abri processes on the same cores)",
                        f"{pushes / elapsed:,.1f} /s; hub + PostgreSQL CPU {fmt_s(per_push_cpu)} per push "
                        f"(hub {fmt_s((hub_cpu1 - hub_cpu0) / max(pushes, 1))})",
                        "≥ 500 /s" if n == max(HUB_CLIENTS) else "", (pushes / elapsed >= 500) if n == max(HUB_CLIENTS) else None)

        if "light" in HUB_PARTS:
            # 2'. The hub alone: signed pushes of the same size from a light client, no abri process; all to one vault
            # (whose pushes the hub takes one at a time), then each client to a vault of its own.
            light_vids = [new_vault(url)[1] for _ in range(max(HUB_CLIENTS))]
            seed = identity_seed(MEMBER_FAST, "abri public test passphrase")
            line = identity_line(MEMBER_FAST)
            row_bytes = max(1, push_bytes // push_rows - 30)
            ctx = multiprocessing.get_context("fork")
            for shared in (True, False):
                for n in HUB_CLIENTS:
                    if not shared and n == 1:
                        continue
                    vids = [light_vids[0]] * n if shared else light_vids[:n]
                    say(f"  light pushers: {n} at once for {HUB_SECONDS} s, {'one vault' if shared else 'a vault each'}, "
                        f"{push_rows} rows of {row_bytes} bytes a push")
                    seq0 = sum(hub_seq(pg, v) for v in set(vids))
                    hub_cpu0, pg_cpu0 = proc_cpu(hub_server.pid), pg.cpu()
                    with ctx.Pool(n) as pool:
                        results = pool.map(light_pusher, [(hub_server.port, vids[i], seed, line, HUB_SECONDS, push_rows,
                                                           row_bytes, i) for i in range(n)])
                    seq1 = sum(hub_seq(pg, v) for v in set(vids))
                    hub_cpu1, pg_cpu1 = proc_cpu(hub_server.pid), pg.cpu()
                    hwm_load = vm_hwm(hub_server.pid)
                    lat = [x for r in results for x in r[0]]
                    conflicts = sum(r[1] for r in results)
                    pushes = seq1 - seq0
                    rate_ = pushes / HUB_SECONDS
                    cpu = (hub_cpu1 - hub_cpu0 + pg_cpu1 - pg_cpu0) / max(pushes, 1)
                    where = "one vault" if shared else "a vault each"
                    clients = f"{n} light client{'s' if n > 1 else ''}"
                    hub_add(f"push request alone ({push_rows} rows), {clients}, {where}: p50 / p99",
                            f"{fmt_s(percentile(lat, 0.5))} / {fmt_s(percentile(lat, 0.99))} ({pushes:,} accepted, {conflicts:,} answered 409)")
                    top = n == max(HUB_CLIENTS)
                    hub_add(f"pushes per second the hub accepted, {clients}, {where}",
                            f"{rate_:,.0f} /s; hub + PostgreSQL CPU {fmt_s(cpu)} per push (hub {fmt_s((hub_cpu1 - hub_cpu0) / max(pushes, 1))})",
                            "≥ 500 /s" if top else "", (rate_ >= 500) if top else None)

        if "pull" in HUB_PARTS:
            # 3. A pull of 10,000 changes.
            writer, reader = replicas[0], replicas[1]
            writer.abri("sync")
            reader.abri("sync")
            writer.abri("deposit", *write_reports(20))
            per_report = json.loads(reader.abri("sync", "--json").stdout)["changes"] / 20
            n_reports = math.ceil(10000 / per_report)
            pulls = []
            for _ in range(3):
                writer.abri("deposit", *write_reports(n_reports))
                t = reader.timed("sync", "--json")
                pulls.append((t.wall, json.loads(t.stdout)["changes"], t.rss))
            wall = statistics.median(p[0] for p in pulls)
            changes = statistics.median(p[1] for p in pulls)
            hub_add(f"`sync` pulling {changes:,.0f} changes ({n_reports} reports deposited on another replica)",
                    f"{fmt_s(wall)} (median of 3), {max(p[2] for p in pulls) / 1024:,.0f} MiB", "< 1 s for 10,000",
                    wall * 10000 / changes < 1)

        if "clones" in HUB_PARTS:
            # 4. Clones of a large vault; 5. the database's size per case.
            for m in replicas[2:]:
                m.remove()
            big_admin, big_vid = new_vault(url)
            builder = clone(url, big_vid)
            size0 = pg.size()
            files = write_reports(HUB_BATCH)
            done, clones = 0, []
            for mark in HUB_CASES:
                while done < mark:
                    k = min(HUB_BATCH, mark - done)
                    say(f"  building the hub's large vault: cases {done:,}–{done + k:,}")
                    t = builder.timed("deposit", *files[:k])
                    if done == 0:
                        hub_add(f"bulk `deposit` of {k:,} reports on a replica (one push)", f"{fmt_s(t.wall)}")
                    done += k
                size = pg.size() - size0
                say(f"  clone of {mark:,} cases")
                m = Machine(MEMBER_FAST)
                t = timed(m.args("clone", url, big_vid), env=m.env())
                vault_size = os.path.getsize(m.path)
                m.remove()
                clones.append((mark, t.wall))
                hub_add(f"`clone` of a vault of {mark:,} cases", f"{fmt_s(t.wall)}, {t.rss / 1024:,.0f} MiB; replica {vault_size / MiB:,.0f} MiB",
                        "< 60 s for 100,000" if mark == 100000 else "", (t.wall < 60) if mark == 100000 else None)
                hub_add(f"PostgreSQL database per case ({mark:,} cases)",
                        f"{size / mark / 1024:,.1f} KiB ({size / MiB:,.0f} MiB for the vault, `pg_database_size`)")
            if 100000 not in HUB_CASES and len(clones) >= 2:
                (n1, t1), (n2, t2) = clones[-2], clones[-1]
                slope = (t2 - t1) / (n2 - n1)
                est = t2 + slope * (100000 - n2)
                hub_add("`clone` of 100,000 cases, **extrapolated** (a line through the last two sizes measured)",
                        f"about {est:,.0f} s (not measured)", "< 60 s", est < 60)
        hwm = vm_hwm(hub_server.pid)
        if HUB_PARTS & {"load", "light"}:
            hub_add("abri-hub peak RSS (VmHWM) under the concurrent writers and light pushes", f"{hwm_load / 1024:,.0f} MiB")
        hub_add("abri-hub peak RSS (VmHWM) at the end (large pushes and clones included)", f"{hwm / 1024:,.0f} MiB")
        hub_notes.append(f"the database held {(pg.size() - empty_size) / MiB:,.0f} MiB at the end")
    finally:
        if hub_server:
            hub_server.stop()
        if pg:
            pg.stop()


def hub_page(started, load_start, load_end, elapsed):
    out = [f"## {HUB_SECTION}", "",
           "Measured by `make bench BENCH_STEPS=hub` (Benchmarks/bench.py, `hub`): the release `abri-hub` and `abri`,",
           "a throwaway PostgreSQL cluster started and removed by the script, the hub on 127.0.0.1 (plain HTTP),",
           "every replica its own home and state directory. Identities are the public test ones of Keys/ (minimum",
           "Argon2id costs): no unlock to subtract. A replica's command pulls, runs, then pushes before it commits",
           "(FORMAT.md §7.4); on a 409 it pulls and runs again after a random pause of 20–500 ms. The light client",
           "sends signed pushes straight to the hub (§7.1, §7.2) with rows of the size a one-note deposit pushes,",
           "but as new `meta` rows, so it skips the head's signature and the tree's extension; on a 409 it reads the",
           "hub's sequence and pushes again at once. The light clients push to one vault (whose pushes the hub takes",
           "one at a time: the vault's row is locked), then each to a vault of its own.",
           "Nothing here fails on a time.", "",
           f"- date: {started.strftime('%Y-%m-%d %H:%M %Z')} ({elapsed / 60:.0f} minutes)",
           f"- machine: {machine()}; {'; '.join(hub_notes)}",
           f"- load average (1, 5, 15 min): {' '.join(load_start)} at the start, {' '.join(load_end)} at the end"
           " (2 cores shared with other builds: figures move with it)",
           f"- knobs: BENCH_HUB_SECONDS={HUB_SECONDS}, BENCH_HUB_CASES={','.join(map(str, HUB_CASES))}, BENCH_HUB_BATCH={HUB_BATCH}",
           "", "| figure | measured | goal | |", "| --- | --- | --- | --- |"]
    out += [f"| {f} | {m} | {g} | {v} |" for f, m, g, v in hub_rows]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- report

def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    nproc = run(["nproc"]).stdout.strip()
    mem = run(["free", "-g"]).stdout.splitlines()[1].split()[1]
    return f"{nproc} × {model}, {mem} GiB RAM (`free -g`), {os.uname().sysname} {os.uname().release}"


def table():
    out, section = [], None
    order = list(dict.fromkeys(r[0] for r in rows))
    for s, figure, abri, ref, ratio, goal, verdict in sorted(rows, key=lambda r: order.index(r[0])):
        if s != section:
            out += ["", f"### {s}", "", "| figure | Abri | reference | ratio | goal | |", "| --- | --- | --- | --- | --- | --- |"]
            section = s
        out.append(f"| {figure} | {abri} | {ref} | {ratio} | {goal} | {verdict} |")
    return "\n".join(out)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    started = datetime.datetime.now().astimezone()
    load_start = load()
    say(f"load at start: {' '.join(load_start)}")
    steps = sys.argv[1:] or ["primitives", "cli"]
    if "primitives" in steps:
        primitives()
    if "cli" in steps:
        base = setup()
        paths = big_vaults(base)  # cached: built once, before anything is timed
        for size in LOG_SIZES:
            if size not in paths:
                log_vault(size, paths)
        case_with_records(base)
        unlock_cost()
        attachments(base)
        bulk(base)
        open_records(base)
        search_and_rotate(paths)
        verify(paths)
    load_end = load()
    elapsed = (datetime.datetime.now().astimezone() - started).total_seconds()
    text = None
    if "primitives" in steps or "cli" in steps:
        head = [
            "# Abri benchmarks",
            "",
            "Measured by `make bench` (the command that reproduces this page; knobs in `Benchmarks/bench.py`).",
            "Every figure is a median of several runs made in the same run as its reference. Ratios: for",
            "primitives, Abri's speed over C's (1.00 = as fast as libsodium from C), both timed in process CPU",
            "time, alternated over several rounds; for attachments, age's time",
            "over Abri's (above 1 = Abri faster). CLI figures subtract one Argon2id MODERATE unlock (the",
            "`identity check`, run next to each measured command, wall and CPU alike: the median of the",
            "per-pair differences) from each command that unlocks an identity; the whole",
            "command's time follows. Wall time grows with the machine's load; CPU time (user + system, from",
            "`/usr/bin/time -v`) much less, so both are given. Goals are judged on wall time.",
            "Nothing here fails on a time: the last column says whether a goal was met.",
            "",
            f"- date: {started.strftime('%Y-%m-%d %H:%M %Z')} ({elapsed / 60:.0f} minutes)",
            f"- machine: {machine()}",
            f"- load average (1, 5, 15 min): {' '.join(load_start)} at the start, {' '.join(load_end)} at the end"
            " (2 cores shared with other builds: figures move with it)",
            f"- command: `make bench` (steps: {' '.join(steps)}; BENCH_LOG_SIZES={','.join(map(str, LOG_SIZES))}, BENCH_BIG={int(BIG)})",
        ]
        text = "\n".join(head) + "\n" + table() + "\n"
        print(text)
    hub_text = None
    if "hub" in steps:
        hub_started, hub_load = datetime.datetime.now().astimezone(), load()
        hub()
        hub_elapsed = (datetime.datetime.now().astimezone() - hub_started).total_seconds()
        hub_text = hub_page(hub_started, hub_load, load(), hub_elapsed)
        print(hub_text)
    if os.environ.get("BENCH_WRITE", "1") == "1" and (text or hub_text):
        # The page: the steps primitives and cli, the hub's section, then the prose from "Reading the figures" on;
        # a run rewrites the parts of its steps and keeps the others.
        previous = open(DOC).read() if os.path.exists(DOC) else ""
        marker, hub_marker = "\n## Reading the figures\n", f"\n## {HUB_SECTION}\n"
        tail = previous[previous.index(marker):] if marker in previous else ""
        front = previous[:previous.index(marker)] if marker in previous else previous
        old_hub = front[front.index(hub_marker) + 1:] if hub_marker in front else ""
        front = front[:front.index(hub_marker)] if hub_marker in front else front
        parts = [(text or front).rstrip("\n") + "\n"]
        if hub_text or old_hub:
            parts.append("\n" + (hub_text or old_hub).rstrip("\n") + "\n")
        with open(DOC, "w") as f:
            f.write("".join(parts) + tail)
        say(f"wrote {DOC}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
