#!/usr/bin/env bash
# Crash harness: starts each writing command of `abri`, SIGKILLs it after a random delay (0-300 ms, or
# CRASH_MAX_MS), records where the kill landed (before the command's commit: its effect absent; after it:
# present; or after the command had finished: not mid-command), then checks that the vault is whole:
#   - sqlite3 'PRAGMA integrity_check' says ok;
#   - `abri verify --as admin` exits 0;
#   - every case a member's partner listed before is still listed, and the story's case opens for its holders;
#   - the number of cases is the one before or the one after (nothing half-written);
#   - an output (bundle, backup, checkpoint, attachment) is whole under its final name, or absent;
#   - the command run again succeeds (or, for a command that had completed and cannot be repeated, is refused
#     with a contract code, never 70).
# A command none of whose kills landed mid-command fails.
# Each iteration starts from a copy of a prepared home (vault, state directory, identities).
#
#   scripts/crash-harness.sh                     # CRASH_ITERATIONS=25 kills per command
#   CRASH_ITERATIONS=100 scripts/crash-harness.sh deposit-20mb rotate
#
# Needs the debug binary ($ABRI_BIN, else .build-rel/debug/abri, else .build/debug/abri), sqlite3 and python3.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ITERATIONS=${CRASH_ITERATIONS:-25}
MAX_MS=${CRASH_MAX_MS:-300}
BIN=${ABRI_BIN:-}
if [ -z "$BIN" ]; then
  for candidate in "$ROOT/.build-rel/debug/abri" "$ROOT/.build/debug/abri"; do
    if [ -x "$candidate" ]; then BIN=$candidate; break; fi
  done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "crash-harness: no abri binary (build it, or set ABRI_BIN)" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "crash-harness: sqlite3 is needed" >&2; exit 69; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/abri-crash-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Runs abri in home $H (set by use_home) as identity $1 (a name, or - for none).
use_home() {
  H=$1
  export HOME="$H" XDG_DATA_HOME="$H/data" XDG_STATE_HOME="$H/state" XDG_CONFIG_HOME="$H/config"
  export ABRI_VAULT="$H/vault.db" ABRI_PASSPHRASE_FILE="$H/passphrase" ABRI_TEST_FAST_KDF=1 NO_COLOR=1 LANG=C.UTF-8
}
as() { local who=$1; shift; if [ "$who" = - ]; then "$BIN" "$@" < /dev/null; else "$BIN" "$@" --as "$H/$who.identity" < /dev/null; fi; }
must() {
  local out
  out=$(as "$@" 2>"$WORK/must.err") || { echo "crash-harness: setup failed: abri ${*:2} as $1: $(cat "$WORK/must.err")" >&2; exit 1; }
  printf '%s\n' "$out"
}

# --- The base: the story's cast and case -------------------------------------------------------------------
BASE="$WORK/base"; mkdir -p "$BASE"; use_home "$BASE"
printf 'correct horse battery staple\n' > "$BASE/passphrase"; chmod 600 "$BASE/passphrase"
for who in admin alice tom ines bruno; do
  "$BIN" identity new --out "$BASE/$who.identity" --name "$who" < /dev/null 2>/dev/null > "$BASE/$who.line"
done
must - init --admin "$(cat "$BASE/admin.line")" >/dev/null
must admin partner add foh-social --name "FOH Social" --kind landlord >/dev/null
must admin partner add foh-tenancy --name "FOH Gestion" --kind landlord --never-locating >/dev/null
must admin partner add cidff-62 --name "CIDFF 62" --kind legal-aid >/dev/null
must admin partner add bailleur-b --name "Bailleur B" --kind landlord >/dev/null
for pair in foh-social:alice foh-tenancy:tom cidff-62:ines bailleur-b:bruno; do
  must admin member add "${pair%%:*}" --identity "$(cat "$BASE/${pair#*:}.line")" --name "${pair#*:}" >/dev/null
done
cat > "$BASE/report.json" <<'JSON'
{"type": "signalement", "household": "FOH-2021-000123", "facts": "Violences signalées.",
 "locating": {"address": "12 rue des Tilleuls, 62100 Calais", "phone": "+33 6 12 34 56 78"}}
JSON
head -c 300000 /dev/urandom > "$BASE/recepisse.pdf"
CASE=$(must alice deposit "$BASE/report.json" --attach "$BASE/recepisse.pdf" --locating-to cidff-62 --consent "formulaire" | tail -1)
printf '%s' "$CASE" > "$BASE/case"

# --- One prepared home per command --------------------------------------------------------------------------
# Each sets CMD_<name> (actor and arguments, relative to the home as @H@) and REPEATABLE_<name>.
declare -A ACTOR ARGS REPEATABLE ADDED OUTPUT MAYLOSE
prepare() { local name=$1; cp -a "$BASE" "$WORK/prep-$name"; use_home "$WORK/prep-$name"; }

prepare deposit-20mb
head -c $((20 * 1024 * 1024)) /dev/urandom > "$H/big.bin"
ACTOR[deposit-20mb]=alice; ARGS[deposit-20mb]="deposit @H@/report.json --attach @H@/big.bin --locating-to cidff-62 --consent c"
REPEATABLE[deposit-20mb]=1; ADDED[deposit-20mb]=1

prepare bulk-200
for i in $(seq 0 199); do printf '{"type": "note", "household": "B-%d", "facts": "n %d"}' "$i" "$i" > "$H/bulk-$i.json"; done
ACTOR[bulk-200]=alice; ARGS[bulk-200]="deposit $(for i in $(seq 0 199); do printf '@H@/bulk-%d.json ' "$i"; done)--to cidff-62 --consent c"
REPEATABLE[bulk-200]=1; ADDED[bulk-200]=200

prepare add
printf '{"type": "note", "notes": "suivi", "locating": {"phone": "06"}}' > "$H/add.json"
ACTOR[add]=alice; ARGS[add]="add $CASE @H@/add.json --locating-to cidff-62 --consent c"; REPEATABLE[add]=1; ADDED[add]=0

prepare share
ACTOR[share]=alice; ARGS[share]="share $CASE --to bailleur-b --consent relogement"; REPEATABLE[share]=1; ADDED[share]=0

prepare import
(
  export ABRI_VAULT="$H/other.db"
  "$BIN" identity new --out "$H/other.identity" --name other < /dev/null 2>/dev/null > "$H/other.line"
  must - init --admin "$(cat "$H/other.line")" >/dev/null
  must other partner add sender --name Sender --kind association >/dev/null
  must other partner add cidff-62 --name "CIDFF 62" --kind legal-aid >/dev/null
  must other member add sender --identity "$(cat "$H/alice.line")" --name alice >/dev/null
  must other member add cidff-62 --identity "$(cat "$H/ines.line")" --name ines >/dev/null
  must other vault trust "$(cat "$H/admin.line")" --name here >/dev/null
  id=$(must alice deposit "$H/report.json" | tail -1)
  must alice export "$id" --locating-to cidff-62 --to-vault here --out "$H/case.abri" --consent c >/dev/null
)
# Bundles come only from pinned vaults: this vault pins the other one's administrator.
must admin vault trust "$(cat "$H/other.line")" --name other >/dev/null
ACTOR[import]=ines; ARGS[import]="import @H@/case.abri"; REPEATABLE[import]=0; ADDED[import]=1

prepare rotate
for i in $(seq 0 299); do printf '{"type": "note", "household": "G-%d", "facts": "n %d"}' "$i" "$i" > "$H/g-$i.json"; done
must alice deposit $(for i in $(seq 0 299); do printf '%s/g-%d.json ' "$H" "$i"; done) >/dev/null
ACTOR[rotate]=alice; ARGS[rotate]="rotate foh-social"; REPEATABLE[rotate]=1; ADDED[rotate]=0

prepare member-remove
"$BIN" identity new --out "$H/extra.identity" --name extra < /dev/null 2>/dev/null > "$H/extra.line"
must admin member add cidff-62 --identity "$(cat "$H/extra.line")" --name extra >/dev/null
ACTOR[member-remove]=admin; ARGS[member-remove]="member remove cidff-62 extra --yes"; REPEATABLE[member-remove]=0; ADDED[member-remove]=0

prepare shred
printf '{"type": "note", "household": "S-1"}' > "$H/s.json"
must alice deposit "$H/s.json" | tail -1 > "$H/shred-target"
ACTOR[shred]=admin; ARGS[shred]="shred $(cat "$H/shred-target") --yes"; REPEATABLE[shred]=0; ADDED[shred]=-1

prepare open-attachments
mkdir "$H/out"
ACTOR[open-attachments]=ines; ARGS[open-attachments]="open $CASE --reveal --purpose audience --attachments @H@/out"
REPEATABLE[open-attachments]=0; ADDED[open-attachments]=0; OUTPUT[open-attachments]=out/recepisse.pdf

prepare consent-withdraw
ACTOR[consent-withdraw]=alice; ARGS[consent-withdraw]="consent withdraw $CASE --from cidff-62 --yes"
REPEATABLE[consent-withdraw]=0; ADDED[consent-withdraw]=0; MAYLOSE[consent-withdraw]=ines

prepare member-add
"$BIN" identity new --out "$H/extra.identity" --name extra < /dev/null 2>/dev/null > "$H/extra.line"
ACTOR[member-add]=admin; ARGS[member-add]="member add cidff-62 --identity $(cat "$H/extra.line") --name extra"
REPEATABLE[member-add]=0; ADDED[member-add]=0

prepare member-approve
"$BIN" identity new --out "$H/extra.identity" --name extra < /dev/null 2>/dev/null > "$H/extra.line"
must admin member add cidff-62 --identity "$(cat "$H/extra.line")" --name extra >/dev/null
ACTOR[member-approve]=ines; ARGS[member-approve]="member approve cidff-62 extra --yes"
REPEATABLE[member-approve]=0; ADDED[member-approve]=0

prepare export
"$BIN" identity new --out "$H/far.identity" --name far < /dev/null 2>/dev/null > "$H/far.line"
must admin vault trust "$(cat "$H/far.line")" --name far >/dev/null
ACTOR[export]=alice; ARGS[export]="export $CASE --to cidff-62 --to-vault far --out @H@/case-out.abri --consent c"
REPEATABLE[export]=0; ADDED[export]=0; OUTPUT[export]=case-out.abri

prepare backup
ACTOR[backup]=alice; ARGS[backup]="backup --out @H@/backup.db"; REPEATABLE[backup]=0; ADDED[backup]=0; OUTPUT[backup]=backup.db

prepare close
ACTOR[close]=alice; ARGS[close]="close $CASE"; REPEATABLE[close]=1; ADDED[close]=0

prepare vault-trust
"$BIN" identity new --out "$H/far.identity" --name far < /dev/null 2>/dev/null > "$H/far.line"
ACTOR[vault-trust]=admin; ARGS[vault-trust]="vault trust $(cat "$H/far.line") --name far"; REPEATABLE[vault-trust]=0; ADDED[vault-trust]=0

prepare checkpoint-export
ACTOR[checkpoint-export]=admin; ARGS[checkpoint-export]="checkpoint export --out @H@/checkpoint.txt"
REPEATABLE[checkpoint-export]=0; ADDED[checkpoint-export]=0; OUTPUT[checkpoint-export]=checkpoint.txt

COMMANDS=(deposit-20mb bulk-200 add share open-attachments consent-withdraw member-add member-approve member-remove
          rotate export import backup close shred vault-trust checkpoint-export)
[ $# -gt 0 ] && COMMANDS=("$@")

# --- The checks ---------------------------------------------------------------------------------------------
listed() { as "$1" cases --json 2>/dev/null | python3 -c 'import json,sys; [print(c["case"]) for c in json.load(sys.stdin)["cases"]]' | sort; }
count() { sqlite3 "$H/vault.db" "SELECT count(*) FROM $1;"; }

failures=0; killed_total=0
fail() { echo "  FAIL $name #$iteration (${delay} ms): $*"; failures=$((failures + 1)); }

for name in "${COMMANDS[@]}"; do
  start=$(date +%s); killed=0; before_commit=0; after_commit=0
  for iteration in $(seq 1 "$ITERATIONS"); do
    rm -rf "$WORK/run"; cp -a "$WORK/prep-$name" "$WORK/run"; use_home "$WORK/run"
    args=${ARGS[$name]//@H@/$H}
    for who in alice ines bruno; do listed "$who" > "$H/before-$who"; done
    cases_before=$(count cases); log_before=$(count log)
    delay=$((RANDOM % (MAX_MS + 1)))
    # The binary itself in the background (not a function's subshell), so that the signal reaches abri.
    # shellcheck disable=SC2086
    "$BIN" $args --as "$H/${ACTOR[$name]}.identity" < /dev/null > /dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    killed_now=0
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1)) && killed_now=1; fi
    wait "$pid" 2>/dev/null
    cases_after=$(count cases); log_after=$(count log)
    output=${OUTPUT[$name]:-}
    completed=0
    if [ -n "$output" ]; then
      [ -e "$H/$output" ] && completed=1
    else
      { [ "$cases_after" != "$cases_before" ] || [ "$log_after" -gt "$log_before" ]; } && completed=1
    fi
    if [ "$killed_now" = 1 ]; then
      if [ "$completed" = 1 ]; then after_commit=$((after_commit + 1)); else before_commit=$((before_commit + 1)); fi
    fi
    # An output under its final name is whole.
    if [ "$completed" = 1 ] && [ -n "$output" ]; then
      [ "$(stat -c %a "$H/$output")" = 600 ] || fail "$output is not 0600"
      case $output in
        *.db) [ "$(sqlite3 "$H/$output" 'PRAGMA integrity_check;')" = ok ] || fail "a damaged backup under its final name" ;;
        *.txt) out=$(as - verify --checkpoint "$H/$output" 2>&1) || fail "the checkpoint: $out" ;;
        *.abri) [ "$log_after" -gt "$log_before" ] || fail "a bundle whose export was not logged" ;;
        *) cmp -s "$H/$output" "$H/recepisse.pdf" || fail "a partial attachment under its final name" ;;
      esac
    fi

    integrity=$(sqlite3 "$H/vault.db" 'PRAGMA integrity_check;')
    [ "$integrity" = ok ] || fail "integrity_check: $integrity"
    out=$(as admin verify 2>&1) || fail "verify: $out"
    if [ "$cases_after" != "$cases_before" ] && [ "$cases_after" != $((cases_before + ADDED[$name])) ]; then
      fail "$cases_before cases before, $cases_after after (expected +${ADDED[$name]} or nothing)"
    fi
    shredded=$(cat "$H/shred-target" 2>/dev/null || true)
    for who in alice ines bruno; do
      lost=$(comm -23 "$H/before-$who" <(listed "$who") | grep -v "^${shredded:-NONE}\$" || true)
      [ "$completed" = 1 ] && [ "${MAYLOSE[$name]:-}" = "$who" ] && lost=$(printf '%s\n' "$lost" | grep -v "^$CASE\$" || true)
      [ -z "$lost" ] || fail "$who lost cases: $lost"
    done
    for who in alice ines; do
      [ "$completed" = 1 ] && [ "${MAYLOSE[$name]:-}" = "$who" ] && continue
      out=$(as "$who" open "$CASE" --reveal --purpose "verification" --json 2>&1 >/dev/null) || fail "$who cannot open the story's case: $out"
    done
    # shellcheck disable=SC2086
    out=$(as "${ACTOR[$name]}" $args 2>&1 >/dev/null); status=$?
    if [ "$completed" = 0 ] || [ "${REPEATABLE[$name]}" = 1 ]; then
      [ "$status" = 0 ] || fail "run again: exit $status: $out"
    else
      [ "$status" != 70 ] || fail "run again after completion: exit 70: $out"
    fi
    out=$(as admin verify 2>&1) || fail "verify after the second run: $out"
  done
  killed_total=$((killed_total + killed))
  printf '%-18s %3d runs: %3d killed before the commit, %3d after it, %3d not mid-command; %3ss\n' "$name" "$ITERATIONS" \
    "$before_commit" "$after_commit" $((ITERATIONS - killed)) $(( $(date +%s) - start ))
  if [ "$killed" = 0 ]; then echo "  FAIL $name: no kill landed mid-command (lower CRASH_MAX_MS)"; failures=$((failures + 1)); fi
done
[ "$failures" = 0 ] && echo "crash-harness: all checks passed" || echo "crash-harness: $failures failure(s)"
[ "$failures" = 0 ]
