#!/bin/sh
# The second half of `make demo`: two organisations on two machines (two homes here) share a case through a hub on
# PostgreSQL, started for the demo on 127.0.0.1 and removed at the end, whatever happens.
#
#   scripts/demo-hub.sh [BIN_DIR]        (default .build/debug: abri and abri-hub)
set -eu

BIN=$(cd "${1:-.build/debug}" && pwd)
ABRI="$BIN/abri"
HUB="$BIN/abri-hub"
PG=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PG/initdb" ] || { echo "demo-hub: PostgreSQL is not installed (make deps installs it)" >&2; exit 69; }

WORK=$(mktemp -d /tmp/abri-demo-hub-XXXXXX)
chmod 0755 "$WORK"
AS_SERVER=""
if [ "$(id -u)" = 0 ]; then AS_SERVER="runuser -u postgres --"; chown postgres "$WORK"; fi
HUB_PID=""
cleanup() {
    [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null || true
    $AS_SERVER "$PG/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }
[ -n "${NO_COLOR:-}" ] || [ ! -t 1 ] && say() { printf '\n== %s\n' "$*"; }

say "A hub on PostgreSQL, on this machine (a throwaway cluster and abri-hub on 127.0.0.1)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$AS_SERVER "$PG/initdb" -D "$WORK/pg" -A trust -U abri --no-sync -E UTF8 --locale C >/dev/null
$AS_SERVER "$PG/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -o "-k $WORK -h 127.0.0.1 -p $PORT" -w start >/dev/null
DATABASE="postgres://abri@127.0.0.1:$PORT/postgres"
"$HUB" migrate --database "$DATABASE"
"$HUB" serve --database "$DATABASE" --listen 127.0.0.1:0 >"$WORK/hub.out" 2>&1 &
HUB_PID=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/hub.out" 2>/dev/null && break; sleep 0.1; done
URL="http://$(sed -n 's/.*listening on //p' "$WORK/hub.out" | head -n 1)"
echo "hub: $URL (it keeps ciphertext, the public roster, signed heads: nothing a copy of a vault file would not show)"

# Each machine: its own home, its own copy of the vault, its own identity.
printf 'correct horse battery staple\n' >"$WORK/passphrase" && chmod 0600 "$WORK/passphrase"
machine() { # machine NAME: the environment of one organisation's computer
    mkdir -p "$WORK/$1" && chmod 0700 "$WORK/$1"
    echo "HOME=$WORK/$1 XDG_DATA_HOME=$WORK/$1/data XDG_STATE_HOME=$WORK/$1/state XDG_CONFIG_HOME=$WORK/$1/config ABRI_VAULT=$WORK/$1/vault.db ABRI_PASSPHRASE_FILE=$WORK/passphrase"
}
ADMIN=$(machine admin); CALAIS=$(machine calais); CIDFF=$(machine cidff)
on() { machine_env=$1; shift; env $machine_env "$ABRI" "$@"; }

on "$ADMIN" identity new --out "$WORK/admin/admin.identity" --name admin >/dev/null 2>&1
ALICE=$(on "$CALAIS" identity new --out "$WORK/calais/alice.identity" --name Alice 2>/dev/null)
INES=$(on "$CIDFF" identity new --out "$WORK/cidff/ines.identity" --name Ines 2>/dev/null)
ADMIN_LINE=$(on "$ADMIN" identity show "$WORK/admin/admin.identity")

say "The administrator creates the vault on the hub and enrols the two organisations"
on "$ADMIN" init --admin "$ADMIN_LINE" --hub "$URL" --as "$WORK/admin/admin.identity" --json >"$WORK/init.json"
VAULT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/init.json")
on "$ADMIN" partner add foh-social --name "FOH accompagnement social" --kind landlord --as "$WORK/admin/admin.identity"
on "$ADMIN" partner add cidff-62 --name "CIDFF du Pas-de-Calais" --kind legal-aid --as "$WORK/admin/admin.identity"
on "$ADMIN" member add foh-social --identity "$ALICE" --name Alice --as "$WORK/admin/admin.identity"
on "$ADMIN" member add cidff-62 --identity "$INES" --name Ines --as "$WORK/admin/admin.identity"

say "The landlord's office in Calais and the CIDFF each make a copy of the vault (abri clone)"
on "$CALAIS" clone "$URL" "$VAULT_ID" --as "$WORK/calais/alice.identity"
on "$CIDFF" clone "$URL" "$VAULT_ID" --as "$WORK/cidff/ines.identity"

say "Alice, in Calais, deposits a report; its address goes to the CIDFF only"
cat >"$WORK/calais/report.json" <<'EOF'
{"type": "signalement", "household": "FOH-2026-000042", "facts": "Violences conjugales signalées le 2 mars.",
 "locating": {"address": "12 rue des Tilleuls, 62100 Calais"}}
EOF
CASE=$(on "$CALAIS" deposit "$WORK/calais/report.json" --remove-source --locating-to cidff-62 --consent "formulaire signé" \
    --as "$WORK/calais/alice.identity")

say "Ines, at the CIDFF, on another network, sees it at her next command"
on "$CIDFF" cases --as "$WORK/cidff/ines.identity"
on "$CIDFF" open "$CASE" --reveal --purpose "audience" --as "$WORK/cidff/ines.identity"

say "Each copy checks the hub: same signed head, nothing rolled back"
on "$CALAIS" verify --hub --as "$WORK/calais/alice.identity"
on "$CIDFF" status
