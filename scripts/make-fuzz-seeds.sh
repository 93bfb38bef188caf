#!/usr/bin/env bash
# Makes the seed corpora of the fuzz targets (Fuzz/corpus/<target>/) from real outputs of `abri`:
# an identity file, a public identity line, a bundle, reports, the vault's roster and log frontier,
# case ids; and, for what the binary never shows in clear (grant bodies, log details, record bodies,
# secretstream chunks, padded plaintexts), small files built here to the layouts of Docs/FORMAT.md; the hub's wire
# (scripts/make-wire-seeds.py), and the vault's rows and files (scripts/make-store-seeds.py, with stored log entries
# and an exported checkpoint).
#
#   scripts/make-fuzz-seeds.sh            # uses $ABRI_BIN, else .build-rel/debug/abri, else .build/debug/abri
#
# The binary must be a debug build: identities are made with ABRI_TEST_FAST_KDF=1 (Argon2id minimum),
# so that the identity target can unlock them quickly. Every seed is small; the whole corpus stays < 1 MB.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS="$ROOT/Fuzz/corpus"
BIN=${ABRI_BIN:-}
if [ -z "$BIN" ]; then
  for candidate in "$ROOT/.build-rel/debug/abri" "$ROOT/.build/debug/abri"; do
    if [ -x "$candidate" ]; then BIN=$candidate; break; fi
  done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "make-fuzz-seeds: no abri binary (build it, or set ABRI_BIN)" >&2; exit 66; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/abri-seeds-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
export ABRI_TEST_FAST_KDF=1 NO_COLOR=1 LANG=C.UTF-8 ABRI_VAULT="$WORK/vault.db"
# The passphrase FuzzEntryPoints.identityPassphrase unlocks with.
printf 'correct horse battery staple\n' > "$WORK/passphrase"; chmod 600 "$WORK/passphrase"
export ABRI_PASSPHRASE_FILE="$WORK/passphrase"
abri() { "$BIN" "$@" < /dev/null; }

for target in identity public-identity bundle report grant-body log-frontier log-details record-body roster \
              secretstream padding case-id day; do
  mkdir -p "$CORPUS/$target"
done

# People and a vault.
ADMIN=$(abri identity new --out "$WORK/admin.identity" --name admin 2>/dev/null)
ALICE=$(abri identity new --out "$WORK/alice.identity" --name alice 2>/dev/null)
INES=$(abri identity new --out "$WORK/ines.identity" --name "Inès" 2>/dev/null)
abri identity new --out "$WORK/empty.identity" > "$WORK/empty.line" 2>/dev/null
abri init --admin "$ADMIN" >/dev/null 2>&1
abri partner add foh-social --name "FOH Social" --kind landlord --as "$WORK/admin.identity" >/dev/null 2>&1
abri partner add cidff-62 --name "CIDFF 62" --kind legal-aid --as "$WORK/admin.identity" >/dev/null 2>&1
abri member add foh-social --identity "$ALICE" --name alice --as "$WORK/admin.identity" >/dev/null 2>&1
abri member add cidff-62 --identity "$INES" --name ines --as "$WORK/admin.identity" >/dev/null 2>&1

cp "$WORK/alice.identity" "$CORPUS/identity/alice.identity"
cp "$WORK/ines.identity" "$CORPUS/identity/ines-nfc-name.identity"
cp "$WORK/empty.identity" "$CORPUS/identity/no-name.identity"
printf '%s\n' "$ALICE" > "$CORPUS/public-identity/line"
printf '  %s  \n' "$(printf '%s' "$INES" | tr a-z A-Z)" > "$CORPUS/public-identity/upper-case-spaced"
cat "$WORK/empty.line" > "$CORPUS/public-identity/other"

# Reports: the story's, a note, a report carrying its own consent, nested values.
cat > "$CORPUS/report/signalement.json" <<'JSON'
{"type": "signalement", "household": "FOH-2021-000123", "otherHousehold": "FOH-2019-000777",
 "victim": {"name": "Camille D.", "birthYear": 1988}, "facts": "Violences signalées le 2 mars.", "children": 2,
 "locating": {"address": "12 rue des Tilleuls, 62100 Calais", "phone": "+33 6 12 34 56 78"}}
JSON
printf '{"type": "note", "menage": "FOH-2026-000042", "notes": "appel reçu le 2 mars", "objet": "suivi", "enfants": [{"prenom": "Léa", "anneeNaissance": 2015}], "qpv": null}' > "$CORPUS/report/note.json"
printf '{"consent": {"ref": "formulaire", "until": "31/12/2099"}, "type": "note", "household": "H-1", "locating": {"city": "Lille"}}' \
  > "$CORPUS/report/consent.json"
printf '{"a": {"b": [{"c": "d"}, 1e3, -0, 12345678901234567890]}}' > "$CORPUS/report/nested.json"
mkdir -p "$CORPUS/strict-json"
printf '{"a": {"b": [{"c": "d"}, 1e3, -0, 12345678901234567890]}}' > "$CORPUS/strict-json/nested.json"
printf '%s' '{"a": "é\u00e9\ud83d\ude00\n\"\\\/", "b": [true, false, null, -1.5e-3], "c": {}}' > "$CORPUS/strict-json/escapes.json"

# A deposit, a share, an export: a real bundle, case id, roster and frontier.
CASE=$(abri deposit "$CORPUS/report/signalement.json" --locating-to cidff-62 --consent "formulaire signé" \
       --as "$WORK/alice.identity" 2>/dev/null | head -1)
CASE2=$(abri deposit "$CORPUS/report/note.json" --as "$WORK/alice.identity" 2>/dev/null | head -1)
abri export "$CASE" --to cidff-62 --locating --out "$CORPUS/bundle/case.abri" --consent "export" \
  --as "$WORK/alice.identity" >/dev/null 2>&1
abri export "$CASE2" --to cidff-62 --out "$CORPUS/bundle/note.abri" --consent "export" \
  --as "$WORK/alice.identity" >/dev/null 2>&1
printf '%s\n' "$CASE" > "$CORPUS/case-id/case"
printf '%s' "$CASE2" | tr A-Z a-z | sed 's/./&-/8' > "$CORPUS/case-id/lower-dashed"
sqlite3 "$ABRI_VAULT" "SELECT writefile('$CORPUS/roster/roster.json', body) FROM roster ORDER BY version DESC LIMIT 1;" >/dev/null
sqlite3 "$ABRI_VAULT" "SELECT writefile('$CORPUS/log-frontier/frontier', value) FROM meta WHERE key = 'frontier';" >/dev/null
printf '2026-11-20' > "$CORPUS/day/iso"; printf ' 29/02/2028 ' > "$CORPUS/day/french-leap"; printf '1900-01-01' > "$CORPUS/day/first"

# What the binary never prints: built to the layouts of Docs/FORMAT.md.
python3 - "$CORPUS" <<'PY'
import json, os, struct, sys
corpus = sys.argv[1]
def write(target, name, data):
    with open(os.path.join(corpus, target, name), "wb") as f: f.write(data)
def pad(m, size=None):
    size = size or next(b for b in [256 * 2**i for i in range(9)] + [65536 * k for k in range(2, 4)] if b >= len(m) + 1)
    return m + b"\x80" + b"\0" * (size - len(m) - 1)
def str16(s): b = s.encode(); return struct.pack("<H", len(b)) + b
# Grant bodies (§3.3): scripts/make-store-seeds.py, with the inbox items that carry them.
# Log details (§3.6).
details = {"action": "share", "actor": "foh-social/alice", "actorKey": "AAAA", "at": "2026-11-21T10:00:00Z",
           "case": "0" * 26, "records": ["1" * 26], "compartments": ["general", "locating"], "purpose": "suivi",
           "partner": "cidff-62", "consent": {"kind": "consent", "text": "formulaire", "until": "2026-12-31"},
           "generation": 2, "grants": [{"partner": "cidff-62", "revoker": "AAAA", "compartments": ["general"]}],
           "hasLocating": True, "household": "H-1", "revoker": "AAAA", "count": 3}
write("log-details", "share.json", json.dumps(details, sort_keys=True, separators=(",", ":")).encode())
write("log-details", "open.json", b'{"action":"open","actor":"admin","actorKey":"","at":"2026-11-21T10:00:00Z"}')
# Record body (§3.4).
record = {"v": 1, "case": "0" * 26, "record": "1" * 26, "compartment": "general", "type": "signalement",
          "author": "foh-social/alice", "authorKey": "AAAA", "createdAt": "2026-11-21T10:00:00Z", "hasLocating": True,
          "content": {"facts": "x", "children": 2, "victim": {"name": "C"}},
          "attachments": [{"name": "recepisse.pdf", "size": 300000, "blob": "AAAA", "index": 0, "chunks": 5}]}
write("record-body", "record.json", json.dumps(record, sort_keys=True, separators=(",", ":")).encode())
# Padded plaintexts: a record's (u32 len ‖ json ‖ signature), an empty one, a full bucket.
write("padding", "record", pad(struct.pack("<I", 5) + b'{"a":1}' + bytes(64)))
write("padding", "empty", pad(b""))
write("padding", "bucket-512", pad(bytes(300)))
# Secretstream: mode byte, then (odd) chunk count, sizes and plaintexts, then damage; (even) length-prefixed chunks.
write("secretstream", "push-intact", bytes([1, 2, 5]) + b"hello" + bytes([3]) + b"end")
write("secretstream", "push-flip", bytes([1, 1, 4]) + b"data" + bytes([1, 0, 0, 3]) + b"two" + bytes([0, 9]))
write("secretstream", "pull-raw", bytes([0, 20, 0]) + bytes(range(20)) + bytes([17, 0]) + bytes(17))
PY

du -sh "$CORPUS" | awk '{print "fuzz seeds: " $1 " in '"$CORPUS"'"}'

# The hub's wire (FORMAT §7): seeds built to its layouts.
python3 "$ROOT/scripts/make-wire-seeds.py"

# The vault's own rows and files (FORMAT §3.3, §3.5-3.7, §6, §7.2): seeds built to their layouts (the inbox items
# carry the grant-body seed), then what the binary wrote: the smallest and the largest stored log entries, and a
# checkpoint exported by the administrator.
python3 "$ROOT/scripts/make-store-seeds.py"
sqlite3 "$ABRI_VAULT" "SELECT writefile('$CORPUS/log-entry/stored-' || seq, entry) FROM log
  WHERE seq IN (SELECT seq FROM log ORDER BY length(entry) LIMIT 1) OR seq IN (SELECT seq FROM log ORDER BY length(entry) DESC LIMIT 1);" >/dev/null
abri checkpoint export --out "$CORPUS/checkpoint/exported" --as "$WORK/admin.identity" >/dev/null 2>&1
