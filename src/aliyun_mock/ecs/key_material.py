"""SSH key material for ECS CreateKeyPair / ImportKeyPair, standard library only.

CreateKeyPair: a fresh 2048-bit RSA key, e=65537, returned as a PKCS#1 PEM
(``-----BEGIN RSA PRIVATE KEY-----``) plus its OpenSSH public line.
ImportKeyPair: structural validation of an OpenSSH public key line.
KeyPairFingerPrint: MD5 over the SSH wire blob, colon-separated (RFC 4716 §4).

Docs: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createkeypair
      https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-importkeypair
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import secrets
from dataclasses import dataclass
from typing import Callable, List, NamedTuple

RandomBits = Callable[[int], int]

RSA_BITS = 2048
RSA_EXPONENT = 65537

# The "encryption methods" the ImportKeyPair doc lists, as OpenSSH type names.
_PLAIN_TYPES = ("ssh-rsa", "ssh-dss", *(f"ecdsa-sha2-nistp{b}" for b in (256, 384, 521)))
ACCEPTED_KEY_TYPES = frozenset(
    {
        *_PLAIN_TYPES,
        *(f"{t}-cert-v00@openssh.com" for t in _PLAIN_TYPES[:2]),
        *(f"{t}-cert-v01@openssh.com" for t in _PLAIN_TYPES),
    }
)
_EC_COORD_BYTES = {"nistp256": 32, "nistp384": 48, "nistp521": 66}

_SIEVE_LIMIT = 1 << 16
_WINDOW = 4096  # odd candidates sieved at once
# Candidates are random, not adversarial, so fixed bases suffice (FIPS 186-4 C.3).
_MR_BASES = (2, 3, 5, 7, 11, 13, 17)


def _odd_primes(limit: int) -> List[int]:
    flags = bytearray([1]) * limit
    flags[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if flags[i]:
            flags[i * i :: i] = bytes(len(range(i * i, limit, i)))
    return [i for i in range(3, limit) if flags[i]]


@functools.lru_cache(maxsize=None)
def _small_primes() -> List[int]:
    """Sieved on the first key, not at import."""
    return _odd_primes(_SIEVE_LIMIT)


def _is_probable_prime(n: int) -> bool:
    d, s = n - 1, 0
    while not d & 1:
        d, s = d >> 1, s + 1
    for a in _MR_BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _sieve(start: int) -> bytearray:
    """flags[k] == 0 when start + 2k has a factor below _SIEVE_LIMIT."""
    flags = bytearray([1]) * _WINDOW
    for p in _small_primes():
        k = (-(start % p) * ((p + 1) // 2)) % p  # (p+1)/2 is 1/2 mod p
        if k < _WINDOW:
            flags[k::p] = bytes((_WINDOW - 1 - k) // p + 1)
    return flags


def _random_prime(bits: int, random_bits: RandomBits) -> int:
    # Top two bits set so that the product of two such primes has 2*bits bits.
    start = random_bits(bits) | (3 << (bits - 2)) | 1
    while True:
        flags, k = _sieve(start), 0
        while (k := flags.find(1, k)) != -1:
            candidate = start + 2 * k
            if candidate >> bits:
                return _random_prime(bits, random_bits)
            # e is prime, so gcd(e, p - 1) == 1 unless p == 1 (mod e).
            if candidate % RSA_EXPONENT != 1 and _is_probable_prime(candidate):
                return candidate
            k += 1
        start += 2 * _WINDOW


def _be(value: int) -> bytes:
    """Minimal big-endian two's complement of a non-negative int (DER INTEGER / SSH mpint body)."""
    return value.to_bytes(value.bit_length() // 8 + 1, "big")


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    length = bytes([n]) if n < 0x80 else bytes([0x80 | len(size)]) + size
    return bytes([tag]) + length + body


def _ssh_string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _pem(label: str, der: bytes) -> str:
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


@dataclass(frozen=True)
class PublicKey:
    key_type: str
    blob: bytes
    comment: str = ""

    def openssh(self) -> str:
        line = f"{self.key_type} {base64.b64encode(self.blob).decode('ascii')}"
        return f"{line} {self.comment}" if self.comment else line


class GeneratedKey(NamedTuple):
    private_key_pem: str
    public_key: str


def new_rsa_key(random_bits: RandomBits = secrets.randbits) -> GeneratedKey:
    """Pass a seeded ``random_bits`` (e.g. ``random.Random(1).getrandbits``) for a reproducible key."""
    half = RSA_BITS // 2
    while True:
        p, q = _random_prime(half, random_bits), _random_prime(half, random_bits)
        if p != q:
            break
    p, q = max(p, q), min(p, q)
    n, e = p * q, RSA_EXPONENT
    d = pow(e, -1, math.lcm(p - 1, q - 1))
    fields = (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p))
    der = _der(0x30, b"".join(_der(0x02, _be(f)) for f in fields))  # RFC 8017 RSAPrivateKey
    blob = b"".join(_ssh_string(f) for f in (b"ssh-rsa", _be(e), _be(n)))  # RFC 4253 §6.6
    return GeneratedKey(_pem("RSA PRIVATE KEY", der), PublicKey("ssh-rsa", blob).openssh())


class _Reader:
    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def string(self) -> bytes:
        head = self._data[self._pos : self._pos + 4]
        if len(head) < 4:
            raise ValueError("truncated key blob")
        end = self._pos + 4 + int.from_bytes(head, "big")
        if end > len(self._data):
            raise ValueError("truncated key blob")
        value, self._pos = self._data[self._pos + 4 : end], end
        return value

    def positive_mpint(self) -> int:
        value = int.from_bytes(self.string(), "big", signed=True)
        if value <= 0:
            raise ValueError("key integer must be positive")
        return value

    def finish(self) -> None:
        if self._pos != len(self._data):
            raise ValueError("trailing bytes in key blob")


def _check_body(key_type: str, reader: _Reader) -> None:
    if key_type == "ssh-rsa":
        reader.positive_mpint()  # e
        reader.positive_mpint()  # n
    elif key_type == "ssh-dss":
        for _ in "pqgy":
            reader.positive_mpint()
    elif key_type.startswith("ecdsa-sha2-") and "cert" not in key_type:
        curve = key_type.removeprefix("ecdsa-sha2-")
        if reader.string() != curve.encode():
            raise ValueError("ECDSA curve name does not match key type")
        point = reader.string()
        if point[:1] != b"\x04" or len(point) != 1 + 2 * _EC_COORD_BYTES[curve]:
            raise ValueError("malformed ECDSA point")
    else:  # certificates: only the nonce is checked
        reader.string()
        return
    reader.finish()


def parse_public_key(text: str) -> PublicKey:
    """Parse an OpenSSH ``type base64 [comment]`` line; ValueError if unsupported or malformed."""
    fields = text.strip().split(None, 2)
    if len(fields) < 2 or "\n" in text.strip():
        raise ValueError("expected one 'type base64 [comment]' line")
    key_type, encoded = fields[0], fields[1]
    if key_type not in ACCEPTED_KEY_TYPES:
        raise ValueError(f"unsupported key type {key_type!r}")
    blob = base64.b64decode(encoded, validate=True)  # binascii.Error is a ValueError
    reader = _Reader(blob)
    if reader.string() != key_type.encode():
        raise ValueError("key type inside the blob does not match the prefix")
    _check_body(key_type, reader)
    return PublicKey(key_type, blob, fields[2] if len(fields) == 3 else "")


def fingerprint(blob: bytes) -> str:
    """MD5 of the SSH wire blob, as ``ssh-keygen -l -E md5`` prints it (without 'MD5:')."""
    digest = hashlib.md5(blob, usedforsecurity=False).digest()
    return ":".join(f"{b:02x}" for b in digest)
