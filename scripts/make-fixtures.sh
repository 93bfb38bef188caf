#!/usr/bin/env bash
# Remakes the committed vaults of the current format (Tests/AbriCLITests/Fixtures/format3/), which
# Tests/AbriCLITests/FixtureTests.swift opens with today's code. Run it, and commit its output, in the same
# commit as a change of Docs/FORMAT.md: a format change changes the fixtures on purpose, never by accident.
#
#   scripts/make-fixtures.sh            # from the debug binary ($ABRI_BIN, else .build/debug/abri)
#
# Everything here is public test material: the identities are Keys/test-*.identity (made, with the debug
# build's fast key derivation, only when missing), their passphrase is published in Keys/README.md and in
# the folder's `passphrase` file. What the script controls is fixed (identities, reports, attachment bytes,
# names, consent end 2099-12-31); what the format draws at random (vault ids, keys, nonces, case ids) and the
# public days of the log differ from one run to the next, so the files change whenever they are remade.
#
# What it makes, in Tests/AbriCLITests/Fixtures/format3/:
#   vault.db, vault.db-attachments/   the first vault (administrator test-admin-a): foh-social (alice) deposits a
#                                     report with a locating and a general attachment, both parts to cidff-62 (bob),
#                                     and adds a note; bob has filed his grant
#   case                              the case id
#   second.db                         the second vault (administrator test-admin-b): cidff-62 (bob); the two vaults
#                                     trust each other
#   case.abri                         alice's export of the case to the second vault's cidff-62, locating parts included
#   passphrase                        the identities' passphrase (a test copies it to a 0600 file)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ABRI_BIN:-$ROOT/.build/debug/abri}
[ -x "$BIN" ] || { echo "make-fixtures: no abri binary at $BIN (swift build, or set ABRI_BIN)" >&2; exit 66; }
OUT="$ROOT/Tests/AbriCLITests/Fixtures/format3"
KEYS="$ROOT/Keys"
PASSPHRASE='abri public test passphrase'

WORK=$(mktemp -d "${TMPDIR:-/tmp}/abri-fixtures-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
export ABRI_PASSPHRASE_FILE="$WORK/passphrase" ABRI_TEST_FAST_KDF=1 NO_COLOR=1 LANG=C.UTF-8 TZ=Europe/Paris
unset ABRI_TODAY ABRI_IDENTITY
printf '%s\n' "$PASSPHRASE" > "$WORK/passphrase"; chmod 600 "$WORK/passphrase"

# The public test identities: made once, then kept (their bytes are fixtures of the identity format too).
for who in alice bob admin-a admin-b; do
  if [ ! -f "$KEYS/test-$who.identity" ]; then
    case $who in
      admin-a) name="Test Admin A (public test identity)" ;;
      admin-b) name="Test Admin B (public test identity)" ;;
      *) name="Test ${who^} (public test identity)" ;;
    esac
    "$BIN" identity new --out "$KEYS/test-$who.identity" --name "$name" < /dev/null > /dev/null
    "$BIN" identity show "$KEYS/test-$who.identity" > "$KEYS/test-$who.pub"
  fi
done
line() { cat "$KEYS/test-$1.pub"; }
as() { local who=$1; shift; "$BIN" "$@" --as "$KEYS/test-$who.identity" < /dev/null; }

rm -rf "$OUT.new" && mkdir -p "$OUT.new"
cd "$OUT.new"
A="$OUT.new/vault.db" B="$OUT.new/second.db"

# The second vault first, so that the first can pin its administrator.
ABRI_VAULT=$B "$BIN" init --admin "$(line admin-b)" < /dev/null > /dev/null
ABRI_VAULT=$B as admin-b partner add cidff-62 --name "CIDFF 62" --kind legal-aid > /dev/null
ABRI_VAULT=$B as admin-b member add cidff-62 --identity "$(line bob)" --name bob > /dev/null
ABRI_VAULT=$B as admin-b vault trust "$(line admin-a)" --name first > /dev/null

export ABRI_VAULT=$A
"$BIN" init --admin "$(line admin-a)" < /dev/null > /dev/null
as admin-a partner add foh-social --name "FOH Social" --kind landlord > /dev/null
as admin-a partner add cidff-62 --name "CIDFF 62" --kind legal-aid > /dev/null
as admin-a member add foh-social --identity "$(line alice)" --name alice > /dev/null
as admin-a member add cidff-62 --identity "$(line bob)" --name bob > /dev/null
as admin-a vault trust "$(line admin-b)" --name second > /dev/null

cat > "$WORK/report.json" <<'JSON'
{"type": "signalement", "household": "FIX-2024-000001", "victim": {"name": "Fixture V.", "birthYear": 1990},
 "facts": "Rapport de test du format 3.", "children": 1,
 "locating": {"address": "1 rue du Test, 62100 Calais", "phone": "+33 6 00 00 00 01"}}
JSON
printf '{"type": "note", "household": "FIX-2024-000001", "facts": "Suivi de test."}\n' > "$WORK/note.json"
# Small attachments with fixed bytes: 4 KiB and 1 KiB.
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 7 + 3) % 256 for i in range(4096)))' > "$WORK/recepisse.pdf"
python3 -c 'import sys; sys.stdout.buffer.write(b"photo de test\n" * 73 + bytes(range(2)))' > "$WORK/photo.jpg"

CASE=$(as alice deposit "$WORK/report.json" --attach "$WORK/recepisse.pdf" --attach-general "$WORK/photo.jpg" \
  --locating-to cidff-62 --consent "formulaire de test" --until 2099-12-31 | tail -1)
as alice add "$CASE" "$WORK/note.json" --to cidff-62 --consent "formulaire de test" --until 2099-12-31 > /dev/null
as bob cases > /dev/null
as alice export "$CASE" --locating-to cidff-62 --to-vault second --out "$OUT.new/case.abri" \
  --consent "formulaire de test" --until 2099-12-31 > /dev/null
as admin-a verify > /dev/null

printf '%s\n' "$CASE" > "$OUT.new/case"
printf '%s\n' "$PASSPHRASE" > "$OUT.new/passphrase"
# Each command closes the vault, which folds the write-ahead log into the file: none may be left beside it.
if ls "$OUT.new"/*.db-wal "$OUT.new"/*.db-shm > /dev/null 2>&1; then
  echo "make-fixtures: a write-ahead log was left beside a vault" >&2; exit 70
fi
chmod -R u+rwX,go+rX "$OUT.new"
rm -rf "$OUT" && mv "$OUT.new" "$OUT"
du -sh "$OUT"
