#!/usr/bin/env bash
# Makes the seed corpora of the fuzz targets that read network input:
#   hub-request   requests signed as the hub's tests sign them (Tests/AbriHubTests/Harness/TestIdentity), dated
#                 HubFuzzEntryPoints.seedDate, in the framing of HubFuzzEntryPoints (written by a test of AbriHubTests);
#   ui-multipart  deposit forms as Chromium sends them (`----WebKitFormBoundary` + 16 characters, a file input left
#                 empty as `filename=""`), the Content-Type header on the first line;
#   ui-form       application/x-www-form-urlencoded bodies as browsers encode them.
#
#   scripts/make-network-seeds.sh         # builds the tests of AbriHubTests if needed (swift build --build-tests)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS="$ROOT/Fuzz/corpus"
mkdir -p "$CORPUS/hub-request" "$CORPUS/ui-multipart" "$CORPUS/ui-form"

(cd "$ROOT" && swift build --build-tests >/dev/null \
  && ABRI_HUB_SEEDS_OUT="$CORPUS/hub-request" swift test --skip-build --filter 'HubFuzzRegressionTests/writesTheSeedsWhenAsked')

python3 - "$CORPUS" <<'PY'
import os, random, sys
corpus = sys.argv[1]
rng = random.Random(7)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

def chromium(fields, files):
    """A multipart/form-data body as Chromium writes it: the Content-Type line, then the body."""
    boundary = "----WebKitFormBoundary" + "".join(rng.choice(alnum) for _ in range(16))
    def quote(s):
        return s.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    out = b""
    for name, value in fields:
        out += b"--" + boundary.encode() + b"\r\n"
        out += b'Content-Disposition: form-data; name="' + quote(name).encode() + b'"\r\n\r\n'
        out += value.encode() + b"\r\n"
    for name, filename, mime, data in files:
        out += b"--" + boundary.encode() + b"\r\n"
        out += b'Content-Disposition: form-data; name="' + quote(name).encode() + b'"; filename="' + quote(filename).encode() + b'"\r\n'
        out += b"Content-Type: " + mime.encode() + b"\r\n\r\n" + data + b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return b"multipart/form-data; boundary=" + boundary.encode() + b"\n" + out

csrf = "".join(rng.choice(alnum) for _ in range(43))
pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
seeds = {
    "deposit": chromium(
        [("csrf", csrf), ("motif", "Signalement"), ("nom", "Dupont"), ("coordonnees", "on"),
         ("transmettre", "on"), ("raison", "Ligne 1\r\nLigne 2 — « accents »")],
        [("g.pieces", "rapport.pdf", "application/pdf", pdf), ("l.pieces", "", "application/octet-stream", b"")]),
    "deposit-files": chromium(
        [("csrf", csrf)],
        [("g.pieces", "scan \"1\".png", "image/png", png), ("g.pieces", "notes.txt", "text/plain", b"a\r\n--b\r\n"),
         ("l.pieces", "photo.png", "image/png", png)]),
    "fields-only": chromium([("csrf", csrf), ("partie", "g"), ("confirme", "")], [("g.pieces", "", "application/octet-stream", b"")]),
}
for name, data in seeds.items():
    open(os.path.join(corpus, "ui-multipart", name), "wb").write(data)

forms = {
    "unlock": "csrf=" + csrf + "&passphrase=correct+horse+battery+staple",
    "case": "csrf=" + csrf + "&motif=Suivi+%C3%A9ducatif&nom=O%27Brien&partage=on&partage=off&jusquau=2027-01-31",
    "query": "etat=ouvert&depuis=2026-12-01&fiche=&x",
}
for name, text in forms.items():
    open(os.path.join(corpus, "ui-form", name), "wb").write(text.encode())
PY
ls -l "$CORPUS/hub-request" "$CORPUS/ui-multipart" "$CORPUS/ui-form"
