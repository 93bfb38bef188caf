#!/usr/bin/env python3
"""Seeds of the fuzz targets for the vault's own rows and files (Fuzz/corpus/grant-body, log-entry, inbox-item,
checkpoint, agent-frame, attachment-info, feed-cursor), built to the layouts of Docs/FORMAT.md §3.3, §3.5, §3.6, §3.7, §6, §7.2.

Called by scripts/make-fuzz-seeds.sh, which then adds what the binary writes (stored log entries, an exported
checkpoint); every seed here is at most a few KiB. Signatures are placeholders: the inbox target signs again what it
is given, and a checkpoint's signature is only checked against a roster.
"""
import base64
import json
import os
import struct
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fuzz", "corpus")
AEAD_OVERHEAD = 24 + 16


def write(target, name, data):
    folder = os.path.join(root, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def pad(m, size):
    assert len(m) < size
    return m + b"\x80" + b"\0" * (size - len(m) - 1)


def bucket(length):
    size = 256
    while size < 65536 and size < length + 1:
        size *= 2
    return size if length + 1 <= size else (length + 1 + 65535) // 65536 * 65536


def noise(n, seed):
    out, x = bytearray(), seed
    while len(out) < n:
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
        out += (x >> 33).to_bytes(4, "little")
    return bytes(out[:n])


# Log entries (§3.6): version 3 ‖ slots ‖ sections ‖ u16 section size ‖ slots (tag 16 ‖ box 16+40+1+32) ‖
# the administrator's slot (32+40+32) ‖ its part ‖ sections (size + 40 each).
def entry(slots, sections, section_size, admin_size, seed):
    out = bytes([3, slots, sections]) + struct.pack("<H", section_size)
    out += noise(slots * (16 + AEAD_OVERHEAD + 1 + 32), seed)
    out += noise(32 + AEAD_OVERHEAD + 32, seed + 1)
    out += noise(admin_size + AEAD_OVERHEAD, seed + 2)
    out += noise(sections * (section_size + AEAD_OVERHEAD), seed + 3)
    return out


write("log-entry", "operator-only", entry(4, 1, 512, 512, 1))
write("log-entry", "grant-bearing", entry(8, 5, 1024, 512, 2))
# One part's plaintext (what `openSigned` reads behind the AEAD): u32 len ‖ canonical JSON ‖ signature ‖ padding.
details = {"action": "share", "actor": "foh-social/alice", "actorKey": base64.b64encode(bytes(32)).decode(),
           "at": "2026-11-21T10:00:00Z", "case": "0" * 26, "partner": "cidff-62", "purpose": "suivi"}
js = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
plain = struct.pack("<I", len(js)) + js + bytes(range(64))
write("log-entry", "section-plaintext", pad(plain, max(512, bucket(len(plain)))))
summary = b'{"action":"open","actor":"admin","actorKey":"","at":"2026-11-21"}'
plain = struct.pack("<I", len(summary)) + summary + bytes(64)
write("log-entry", "summary-plaintext", pad(plain, 512))


# Inbox items (§3.3), opened: kind ‖ str8 recipient ‖ str16 sender ‖ sender key ‖ u32 length ‖ payload ‖ signature ‖
# 0x80 ‖ zeros to the bucket.
def item(kind, recipient, sender, payload):
    r, s = recipient.encode(), sender.encode()
    out = bytes([kind, len(r)]) + r + struct.pack("<H", len(s)) + s + bytes(range(32)) + struct.pack("<I", len(payload))
    out += payload + bytes([0x55]) * 64
    return pad(out, bucket(len(out)))


# Grant bodies (§3.3), padded: version 3 ‖ case id ‖ consent kind ‖ str16 text ‖ i32 until day ‖ str16 household ‖
# own log key ‖ u8 received ‖ (str8 partner ‖ link key)* ‖ u8 made ‖ (…)* ‖ u16 halves ‖ (record ‖ compartment ‖
# provenance ‖ half)*.
def str16(s):
    b = s.encode()
    return struct.pack("<H", len(b)) + b


def str8(s):
    b = s.encode()
    return bytes([len(b)]) + b


def grant(kind, text, until, household, received, made, halves):
    body = bytes([3]) + bytes(range(16)) + bytes([kind]) + str16(text) + struct.pack("<i", until) + str16(household)
    body += bytes([1]) * 32
    for links in (received, made):
        body += bytes([len(links)])
        for partner in links:
            body += str8(partner) + bytes([2]) * 32
    body += struct.pack("<H", len(halves))
    for record, compartment, provenance in halves:
        body += record + bytes([compartment, provenance]) + bytes([7]) * 32
    return pad(body, bucket(len(body)))


own = grant(0, "", -1, "FOH-2021-000123", [], ["cidff-62"], [(b"R" * 16, 0, 0), (b"R" * 16, 1, 0)])
write("grant-body", "own", own)
write("grant-body", "consent", grant(1, "formulaire signé le 2026-11-20", 20777, "", ["foh-social"], [], [(b"S" * 16, 0, 1)]))
write("grant-body", "without", grant(2, "danger de mort", -1, "H", ["foh-social"], [], []))
write("inbox-item", "grant", item(1, "cidff-62", "foh-social/alice", own))
write("inbox-item", "withdrawal", item(2, "cidff-62", "foh-social/alice", bytes(range(16))))
write("inbox-item", "withdrawal-accents", item(2, "cidff-62", "Inès", bytes(range(100, 116))))

# A checkpoint (§3.7): the head's note, a blank line, the signature line.
note = ("abri.vault/" + "0f" * 16 + "\n7\n" + base64.b64encode(bytes(range(32))).decode() + "\n2026-12-07\nroster 3 "
        + base64.b64encode(bytes(range(32, 64))).decode() + "\nkeys " + base64.b64encode(bytes(range(64, 96))).decode()
        + "\nprevious 5\n")
write("checkpoint", "checkpoint", (note + "\n\u2014 abri-admin " + base64.b64encode(bytes(range(64))).decode() + "\n").encode())
write("checkpoint", "note", note.encode())
write("checkpoint", "first", note.replace("\n7\n", "\n1\n").replace("previous 5", "previous 0").encode())


# The agent's frames (§6): u32 big-endian length (code and payload) ‖ code ‖ payload.
def frame(code, payload=b""):
    return struct.pack(">I", len(payload) + 1) + bytes([code]) + payload


write("agent-frame", "hello", frame(1))
write("agent-frame", "sign", frame(2, b"abri-roster-v1" + bytes(range(40))))
write("agent-frame", "open-sealed", frame(3, noise(48 + 33, 9)))
write("agent-frame", "shared-key", frame(4, bytes(range(32))))
write("agent-frame", "stop", frame(5))
write("agent-frame", "reply-ok", frame(0, bytes(64)) + frame(1))

# Attachments (§3.5): a record's description of one, as its compartment holds it.
for name, size, chunks in [("pdf", 300000, 5), ("empty", 0, 1), ("two-segments", 2 * 1024 * 1024 + 1, 33),
                           ("largest", 2**40, 2**24)]:
    info = {"blob": base64.b64encode(bytes(range(16))).decode(), "chunks": chunks, "index": 0, "name": name + ".bin",
            "size": size}
    write("attachment-info", name + ".json", json.dumps(info, sort_keys=True, separators=(",", ":")).encode())

# Feed cursors (§7.2): seq.table.hex of the change's encoded key (`values`: u16 count ‖ name ‖ value).
def key(name, value):
    return struct.pack("<H", 1) + bytes([len(name)]) + name.encode() + value


write("feed-cursor", "log", b"13.log." + key("seq", b"\x01" + struct.pack("<q", 7)).hex().encode())
write("feed-cursor", "meta", b"1.meta." + key("key", b"\x02" + struct.pack("<I", 8) + b"frontier").hex().encode())
write("feed-cursor", "grants", b"18446744073709551615.log_key_seals." + key("locator", b"\x03" + struct.pack("<I", 16) + bytes(16)).hex().encode())
sys.exit(0)
