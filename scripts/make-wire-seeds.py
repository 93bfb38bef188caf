#!/usr/bin/env python3
"""Seeds of the hub's wire fuzz targets (Fuzz/corpus/hub-*/), built to the layouts of Docs/FORMAT.md §7.1, §7.2.

Called by scripts/make-fuzz-seeds.sh; every seed is a few hundred bytes.
"""
import os
import struct
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fuzz", "corpus")


def value(v):
    if v is None:
        return b"\x00"
    if isinstance(v, int):
        return b"\x01" + struct.pack("<q", v)
    if isinstance(v, str):
        data = v.encode()
        return b"\x02" + struct.pack("<I", len(data)) + data
    return b"\x03" + struct.pack("<I", len(v)) + v


def values(columns):
    out = struct.pack("<H", len(columns))
    for name, v in columns:
        out += bytes([len(name)]) + name.encode() + value(v)
    return out


def change(table, key, columns):
    k = values(key)
    out = bytes([len(table)]) + table.encode() + struct.pack("<I", len(k)) + k
    if columns is None:
        return out + b"\x00"
    v = values(columns)
    return out + b"\x01" + struct.pack("<I", len(v)) + v


changes = [
    change("log", [("seq", 7)], [("seq", 7), ("day", 20_430), ("entry", bytes(range(64)))]),
    change("meta", [("key", "frontier")], [("key", "frontier"), ("value", b"\x07" + bytes(7) + bytes(96))]),
    change("grants", [("locator", bytes(16))], None),
    change("inbox", [("n", 3)], [("n", 3), ("box", bytes([0xA5]) * 80)]),
]


def write(target, name, data):
    folder = os.path.join(root, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


write("hub-change-list", "push", struct.pack("<QI", 12, len(changes)) + b"".join(changes))
write("hub-change-list", "create", struct.pack("<QI", 0, 1) + changes[1])
write("hub-change-list", "empty", struct.pack("<QI", 3, 0))
page = b"abri-feed-v1\n" + struct.pack("<QBI", 13, 1, len(changes))
for i, c in enumerate(changes):
    page += struct.pack("<Q", 10 + i) + c
write("hub-feed-page", "page", page)
write("hub-feed-page", "last", b"abri-feed-v1\n" + struct.pack("<QBI", 13, 0, 0))
text = (b"abri.vault/" + b"0f" * 16 + b"\n7\n" + b"A" * 43 + b"=\n2026-12-07\nroster 3 " + b"B" * 43
        + b"=\nkeys " + b"C" * 43 + b"=\nprevious 5\n")
write("hub-head", "head", struct.pack("<QI", 13, len(text)) + text + bytes(64))
write("hub-head", "none", struct.pack("<QI", 1, 0))
sys.exit(0)
