"""The compression used inside a VBA project (MS-OVBA 2.4.1), written from the specification.

Every stream of vbaProject.bin (each module's source, the ``dir`` stream) is stored as a
*CompressedContainer*: a signature byte 0x01, then chunks of at most 4096 decompressed bytes.
A chunk is a 2-byte header (size − 3 in bits 0–11, signature 0b011 in bits 12–14, a
"compressed" flag in bit 15) followed by token sequences: a flag byte whose bits say, for each
of up to 8 tokens, whether it is a literal byte (0) or a 2-byte copy token (1) pointing back
into the chunk's already decompressed data.
"""

from __future__ import annotations

import struct

CHUNK = 4096
_MAX_CANDIDATES = 96


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA CompressedContainer."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        out += _chunk(data[start:start + CHUNK])
    return bytes(out)


def _copy_token_layout(position: int) -> tuple[int, int]:
    """(bit count of the offset, maximum match length) at ``position`` bytes into the chunk."""
    bits = max((position - 1).bit_length(), 4)
    return bits, (0xFFFF >> bits) + 3


def _chunk(block: bytes) -> bytes:
    body = bytearray()
    heads: dict[bytes, list[int]] = {}
    pos, n = 0, len(block)
    while pos < n:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            length, offset = _longest_match(block, pos, heads)
            if length >= 3:
                bits, _ = _copy_token_layout(pos)
                token = ((offset - 1) << (16 - bits)) | (length - 3)
                body += struct.pack("<H", token)
                flags |= 1 << bit
                for p in range(pos, pos + length):
                    _remember(block, p, heads)
                pos += length
            else:
                body.append(block[pos])
                _remember(block, pos, heads)
                pos += 1
        body[flag_at] = flags
    if len(body) > CHUNK:  # incompressible: store raw, which the format allows only for full chunks
        if n != CHUNK:
            raise ValueError("an incompressible final chunk cannot be stored")
        return struct.pack("<H", (CHUNK + 2 - 3) | 0x3000) + block
    return struct.pack("<H", (len(body) + 2 - 3) | 0x3000 | 0x8000) + bytes(body)


def _remember(block: bytes, pos: int, heads: dict[bytes, list[int]]) -> None:
    if pos + 3 <= len(block):
        heads.setdefault(block[pos:pos + 3], []).append(pos)


def _longest_match(block: bytes, pos: int, heads: dict[bytes, list[int]]) -> tuple[int, int]:
    if pos == 0 or pos + 3 > len(block):
        return 0, 0
    _, max_len = _copy_token_layout(pos)
    limit = min(max_len, len(block) - pos)
    best_len, best_off = 0, 0
    for cand in reversed(heads.get(block[pos:pos + 3], [])[-_MAX_CANDIDATES:]):
        length = 3
        while length < limit and block[cand + length] == block[pos + length]:
            length += 1  # overlapping copies are allowed, as in the decompressor
        if length > best_len:
            best_len, best_off = length, pos - cand
            if length == limit:
                break
    return best_len, best_off
