#!/usr/bin/env python3
"""Abri's benchmarks, side by side with their references, in one run.

Run through `make bench` at the repository root. It expects the builds made by
that target:
  .build-bench/primitives                         the C reference (libsodium, cc -O2)
  .build-bench-pkg/release/abri-primitives        the same cases through AbriCrypto
  .build-bench-root/release/abri                  the release CLI
Prints the table and writes Docs/BENCHMARKS.md. Never fails on a time: a goal
that is missed is reported, not enforced.

Knobs (environment):
  BENCH_LOG_SIZES   log sizes for `verify`, comma separated (default 100000,200000)
  BENCH_BIG         1 (default) also measures a 1 GiB attachment; 0 skips it
  BENCH_ROUNDS      rounds of the primitive programs, alternated C/Swift (default 3)
Scratch: .build-bench-data/ (cached identities and vaults, reused across runs),
.build-bench-work/ (emptied at each run).
"""
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C_BIN = os.path.join(ROOT, ".build-bench/primitives")
SWIFT_BIN = os.path.join(ROOT, ".build-bench-pkg/release/abri-primitives")
ABRI = os.path.join(ROOT, ".build-bench-root/release/abri")
DATA = os.path.join(ROOT, ".build-bench-data")
WORK = os.path.join(ROOT, ".build-bench-work")
DOC = os.path.join(ROOT, "Docs/BENCHMARKS.md")

LOG_SIZES = [int(s) for s in os.environ.get("BENCH_LOG_SIZES", "100000,200000").split(",") if s]
BIG = os.environ.get("BENCH_BIG", "1") == "1"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
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


def timed(args, env=None):
    """Wall seconds and peak RSS (KiB) of one command, through /usr/bin/time -v."""
    t0 = time.perf_counter()
    p = run(["/usr/bin/time", "-v"] + args, env=env)
    wall = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return wall, int(m.group(1)) if m else 0, p.stdout


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

    def env(self):
        return {"ABRI_PASSPHRASE_FILE": PASS, "ABRI_VAULT": self.path,
                "XDG_STATE_HOME": os.path.join(self.dir, "state"), "NO_COLOR": "1"}

    def abri(self, *args, who="alice", check=True):
        a = [ABRI] + list(args)
        if who:
            a += ["--as", os.path.join(DATA, f"{who}.identity")]
        return run(a, env=self.env(), check=check)

    def timed(self, *args, who="alice"):
        a = [ABRI] + list(args)
        if who:
            a += ["--as", os.path.join(DATA, f"{who}.identity")]
        return timed(a, env=self.env())

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

def unlock_cost():
    say("unlock: abri identity check (hyperfine)")
    out = os.path.join(WORK, "check.json")
    run(["hyperfine", "--runs", "5", "--warmup", "1", "--export-json", out, "--style", "none",
         f"{ABRI} identity check {os.path.join(DATA, 'alice.identity')}"], env={"ABRI_PASSPHRASE_FILE": PASS})
    r = json.load(open(out))["results"][0]
    u = r["median"]
    add("Start-up and unlock", "`abri identity check` (one Argon2id MODERATE unlock)", fmt_s(u),
        "", None, "reported apart, subtracted below")
    out = os.path.join(WORK, "version.json")
    run(["hyperfine", "--runs", "30", "--warmup", "3", "-N", "--export-json", out, "--style", "none",
         f"{ABRI} --version"])
    v = json.load(open(out))["results"][0]["median"]
    add("Start-up and unlock", "`abri --version` start-up", fmt_s(v), "", None, "")
    return u


def attachments(base, unlock):
    rcpt = age_recipient()
    key = os.path.join(DATA, "age.key")
    report = write_reports(1)[0]
    sizes = [16 * MiB, 256 * MiB] + ([1024 * MiB] if BIG else [])
    for size in sizes:
        label = f"{size // MiB} MiB"
        src = random_file(f"random-{size // MiB}M.bin", size)
        say(f"attachment {label}: abri deposit --attach / open --reveal vs age")
        n = 3 if size <= 256 * MiB else 2
        dep, opn, dep_rss, opn_rss = [], [], [], []
        for i in range(n):
            v = Vault(base)
            w, rss, out = v.timed("deposit", report, "--attach", src)
            dep.append(w); dep_rss.append(rss)
            case = out.split()[0]
            d = os.path.join(v.dir, "out")
            os.makedirs(d)
            w, rss, _ = v.timed("open", case, "--attachments", d, "--reveal", "--purpose", "bench")
            opn.append(w); opn_rss.append(rss)
            shutil.rmtree(v.dir)
        age_enc, age_dec, age_enc_rss, age_dec_rss = [], [], [], []
        enc = os.path.join(WORK, "f.age")
        dec = os.path.join(WORK, "f.out")
        for i in range(n):
            for p in (enc, dec):
                if os.path.exists(p):
                    os.remove(p)
            w, rss, _ = timed(["age", "-r", rcpt, "-o", enc, src])
            age_enc.append(w); age_enc_rss.append(rss)
            w, rss, _ = timed(["age", "-d", "-i", key, "-o", dec, enc])
            age_dec.append(w); age_dec_rss.append(rss)
        for p in (enc, dec):
            os.remove(p)
        for what, ab, ag, ab_rss, ag_rss in (("deposit --attach", dep, age_enc, dep_rss, age_enc_rss),
                                              ("open --attachments --reveal", opn, age_dec, opn_rss, age_dec_rss)):
            a, g = statistics.median(ab), statistics.median(ag)
            net = max(a - unlock, 1e-6)
            ratio = g / net
            add("Attachments (vs age 1.1, same file, on disk)", f"{what}, {label}: time (unlock subtracted)",
                f"{fmt_s(net)} ({size / net / 1e6:,.0f} MB/s; {fmt_s(a)} whole)",
                f"{fmt_s(g)} ({size / g / 1e6:,.0f} MB/s)", ratio, "≥ 1.25× age", ratio >= 1.25)
            add("Attachments (vs age 1.1, same file, on disk)", f"{what}, {label}: peak RSS",
                f"{max(ab_rss) / 1024:,.0f} MiB", f"{max(ag_rss) / 1024:,.0f} MiB", None,
                "< 32 MiB beyond the unlock's 258 MiB" if size >= 1024 * MiB else "",
                (max(ab_rss) / 1024 - 258 < 32) if size >= 1024 * MiB else None)


def bulk(base, unlock):
    for n in (200, 2000, 20000):
        files = write_reports(n)
        say(f"bulk deposit of {n} reports")
        reps = 3 if n <= 2000 else 2
        times = []
        for i in range(reps):
            v = Vault(base)
            w, rss, out = v.timed("deposit", *files)
            assert len(out.split()) == n
            times.append(w)
            shutil.rmtree(v.dir)
        a = statistics.median(times)
        r = n / max(a - unlock, 1e-6)
        add("Bulk deposit", f"deposit of {n:,} reports in one command",
            f"{r:,.0f} reports/s ({fmt_s(a)} whole)", "", None, "≥ 5,000 reports/s", r >= 5000)


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


def open_records(base, unlock):
    paths, case = case_with_records(base)
    for k, p in sorted(paths.items()):
        say(f"open of a case with {k} records")
        v = Vault(p)
        a, _ = median_of(5, lambda: v.timed("open", case, "--json")[0])
        net = a - unlock
        add("Open and search", f"open of a case with {k} records (beyond unlock)", f"{fmt_s(net)} ({fmt_s(a)} whole)",
            "", None, "≤ 20 ms" if k == 20 else "", net <= 0.020 if k == 20 else None)


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


def search_and_rotate(paths, unlock):
    for m, p in sorted(paths.items()):
        say(f"cases --household among {m:,} cases")
        v = Vault(p)
        ref = f"FOH-B-{m // 2:07d}"
        a, _ = median_of(3, lambda: v.timed("cases", "--household", ref, "--json")[0])
        net = max(a - unlock, 0)
        add("Open and search", f"`cases --household` among {m:,} cases (beyond unlock)",
            f"{fmt_s(net)} ({fmt_s(a)} whole)", "", None, "")
        say(f"rotate over {m:,} grants")
        r = json.loads(v.abri("rotate", "p1", "--json").stdout)
        net = max(r["seconds"] - unlock, 1e-6)
        g = r["grants"] / net
        add("Rotation", f"`rotate` over {r['grants']:,} grants (unlock subtracted)",
            f"{g:,.0f} grants/s ({r['seconds']:.2f} s whole)", "", None, "≥ 15,000 grants/s", g >= 15000)
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
        say(f"verify of {size:,} entries (full, nobody's identity)")
        w, rss, out = v.timed("verify", "--json", who=None)
        entries = json.loads(out)["entries"]
        add("Verify", f"`verify`, full, {entries:,} entries", f"{fmt_s(w)} ({entries / w:,.0f} entries/s; {rss / 1024:,.0f} MiB)",
            "", None, "1M entries ≤ 30 s", w * 1_000_000 / entries <= 30)
        say("verify after 1,000 more entries")
        v.abri("deposit", *write_reports(1000))
        w2, _, out = v.timed("verify", "--json", who=None)
        entries2 = json.loads(out)["entries"]
        add("Verify", f"`verify` again after 1,000 more ({entries2:,} entries)", f"{fmt_s(w2)}", "", None,
            "≤ 100 ms", w2 <= 0.100)
        shutil.rmtree(v.dir)


# ---------------------------------------------------------------- report

def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    nproc = run(["nproc"]).stdout.strip()
    mem = run(["free", "-g"]).stdout.splitlines()[1].split()[1]
    return f"{nproc} × {model}, {mem} GiB RAM (`free -g`), {os.uname().sysname} {os.uname().release}"


def table():
    out, section = [], None
    for s, figure, abri, ref, ratio, goal, verdict in rows:
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
        unlock = unlock_cost()
        attachments(base, unlock)
        bulk(base, unlock)
        open_records(base, unlock)
        paths = big_vaults(base)
        search_and_rotate(paths, unlock)
        verify(paths)
    load_end = load()
    elapsed = (datetime.datetime.now().astimezone() - started).total_seconds()
    head = [
        "# Abri benchmarks",
        "",
        "Measured by `make bench` (the command that reproduces this page; knobs in `Benchmarks/bench.py`).",
        "Every figure is a median of several runs made in the same run as its reference. Ratios: for",
        "primitives, Abri's speed over C's (1.00 = as fast as libsodium from C); for attachments, age's time",
        "over Abri's (above 1 = Abri faster). CLI figures subtract one Argon2id MODERATE unlock (the",
        "`identity check` line) from each command that unlocks an identity; the whole time is in brackets.",
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
    if os.environ.get("BENCH_WRITE", "1") == "1":
        previous = open(DOC).read() if os.path.exists(DOC) else ""
        marker = "\n## Reading the figures\n"
        tail = previous[previous.index(marker):] if marker in previous else ""
        with open(DOC, "w") as f:
            f.write(text + tail)
        say(f"wrote {DOC}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
