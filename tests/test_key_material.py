from __future__ import annotations

import base64
import hashlib
import io
import random
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa

import aliyun_mock.ecs.key_material as km

SSH_KEYGEN = shutil.which("ssh-keygen")
needs_ssh_keygen = pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen not installed")


@pytest.fixture(scope="module")
def key() -> km.GeneratedKey:
    return km.new_rsa_key(random.Random(20240501).getrandbits)


def _openssh_line(public_key: object) -> str:
    raw = public_key.public_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    return str(raw.decode())


def _blob(type_name: bytes, *fields: bytes) -> str:
    parts = [type_name, *fields]
    data = b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    return base64.b64encode(data).decode()


# --- CreateKeyPair -----------------------------------------------------------


def test_private_key_is_pkcs1_pem(key: km.GeneratedKey) -> None:
    lines = key.private_key_pem.splitlines()
    assert lines[0] == "-----BEGIN RSA PRIVATE KEY-----"
    assert lines[-1] == "-----END RSA PRIVATE KEY-----"
    assert all(len(line) <= 64 for line in lines[1:-1])
    # Same prefix as the API doc's example "MIIEpAIBAAKCAQEA": RSAPrivateKey, version 0, 257-byte n.
    assert re.match(r"MIIE[A-Za-z0-9+/]{2}IBAAKCAQEA", lines[1])


def test_loads_in_cryptography_and_matches_public_key(key: km.GeneratedKey) -> None:
    private = serialization.load_pem_private_key(key.private_key_pem.encode(), None)
    assert isinstance(private, rsa.RSAPrivateKey)
    assert private.key_size == 2048
    assert private.public_key().public_numbers().e == 65537
    public = serialization.load_ssh_public_key(key.public_key.encode())
    assert isinstance(public, rsa.RSAPublicKey)
    assert public.public_numbers() == private.public_key().public_numbers()
    assert _openssh_line(private.public_key()) == key.public_key


def test_loads_in_paramiko_and_signs(key: km.GeneratedKey) -> None:
    paramiko = pytest.importorskip("paramiko")
    private = paramiko.RSAKey.from_private_key(io.StringIO(key.private_key_pem))
    assert private.get_base64() == key.public_key.split()[1]
    public = paramiko.RSAKey(data=base64.b64decode(key.public_key.split()[1]))
    signature = private.sign_ssh_data(b"hello", "rsa-sha2-256")
    assert public.verify_ssh_sig(b"hello", paramiko.Message(signature.asbytes()))


@needs_ssh_keygen
def test_ssh_keygen_derives_same_public_key(key: km.GeneratedKey, tmp_path: Path) -> None:
    assert SSH_KEYGEN is not None
    path = tmp_path / "id_rsa"
    path.write_text(key.private_key_pem)
    path.chmod(0o600)
    out = subprocess.run([SSH_KEYGEN, "-y", "-f", str(path)], check=True, capture_output=True, text=True).stdout
    assert out.split()[:2] == key.public_key.split()


def test_seeded_generation_is_deterministic() -> None:
    first = km.new_rsa_key(random.Random(7).getrandbits)
    again = km.new_rsa_key(random.Random(7).getrandbits)
    other = km.new_rsa_key(random.Random(8).getrandbits)
    assert first == again
    assert first.public_key != other.public_key


def test_default_randomness_gives_distinct_keys() -> None:
    assert km.new_rsa_key().public_key != km.new_rsa_key().public_key


# --- ImportKeyPair -----------------------------------------------------------


def _third_party_lines() -> list[str]:
    with warnings.catch_warnings():  # cryptography deprecates SSH DSA serialisation
        warnings.simplefilter("ignore")
        dss = _openssh_line(dsa.generate_private_key(1024).public_key())
    keys: list[object] = [
        rsa.generate_private_key(65537, 2048).public_key(),
        ec.generate_private_key(ec.SECP256R1()).public_key(),
        ec.generate_private_key(ec.SECP384R1()).public_key(),
        ec.generate_private_key(ec.SECP521R1()).public_key(),
    ]
    return [dss, *(_openssh_line(k) for k in keys)]


@pytest.mark.parametrize("line", _third_party_lines(), ids=lambda s: s.split()[0])
def test_parse_round_trips(line: str) -> None:
    parsed = km.parse_public_key(line + " alice@example.com\n")
    assert parsed.key_type == line.split()[0]
    assert parsed.comment == "alice@example.com"
    assert parsed.openssh() == line + " alice@example.com"
    assert km.parse_public_key(line).openssh() == line


def test_parse_generated_key(key: km.GeneratedKey) -> None:
    parsed = km.parse_public_key(key.public_key)
    assert (parsed.key_type, parsed.comment, parsed.openssh()) == ("ssh-rsa", "", key.public_key)


@needs_ssh_keygen
def test_parse_accepts_openssh_certificate(tmp_path: Path) -> None:
    assert SSH_KEYGEN is not None
    for name in ("ca", "user"):
        subprocess.run([SSH_KEYGEN, "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", str(tmp_path / name)], check=True)
    subprocess.run(
        [SSH_KEYGEN, "-q", "-s", str(tmp_path / "ca"), "-I", "id", "-n", "root", str(tmp_path / "user.pub")],
        check=True,
        capture_output=True,
    )
    cert = (tmp_path / "user-cert.pub").read_text()
    assert km.parse_public_key(cert).key_type == "ssh-rsa-cert-v01@openssh.com"


RSA_LINE = _openssh_line(rsa.generate_private_key(65537, 2048).public_key())
RSA_B64 = RSA_LINE.split()[1]
EC_POINT = b"\x04" + bytes(64)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "ssh-rsa",
        RSA_B64,
        "ssh-rsa AAAAB3Nza12345678qwertyuudsfsg",  # Terraform docs' placeholder
        "ssh-rsa " + RSA_B64[:-20],  # truncated base64
        "ssh-rsa " + RSA_B64[:200],  # valid base64, truncated blob
        "ssh-rsa " + RSA_B64[:100] + "!" + RSA_B64[101:],  # not base64
        "ssh-dss " + RSA_B64,  # prefix / blob type mismatch
        "ssh-ed25519 " + _blob(b"ssh-ed25519", bytes(32)),  # not in the documented list
        "ssh-rsa " + _blob(b"ssh-rsa", b"\x01\x00\x01"),  # modulus missing
        "ssh-rsa " + _blob(b"ssh-rsa", b"\x01\x00\x01", b"\x00", b""),  # zero modulus + junk
        "ssh-rsa " + _blob(b"ssh-rsa", b"\x01\x00\x01", b"\x00\xc1") + "AAAA",  # padding inside
        "ecdsa-sha2-nistp256 " + _blob(b"ecdsa-sha2-nistp256", b"nistp384", EC_POINT),
        "ecdsa-sha2-nistp256 " + _blob(b"ecdsa-sha2-nistp256", b"nistp256", EC_POINT[:-1]),
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
        RSA_LINE + "\n" + RSA_LINE,
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        km.parse_public_key(text)


def test_parse_rejects_trailing_bytes() -> None:
    blob = base64.b64decode(RSA_B64) + b"\x00"
    with pytest.raises(ValueError, match="trailing"):
        km.parse_public_key("ssh-rsa " + base64.b64encode(blob).decode())


# --- KeyPairFingerPrint ------------------------------------------------------


def test_fingerprint_format(key: km.GeneratedKey) -> None:
    value = km.fingerprint(km.parse_public_key(key.public_key).blob)
    octets = value.split(":")
    assert len(octets) == 16 and all(len(o) == 2 and o == o.lower() for o in octets)


def test_fingerprint_matches_md5_of_cryptography_blob(key: km.GeneratedKey) -> None:
    private = serialization.load_pem_private_key(key.private_key_pem.encode(), None)
    blob = base64.b64decode(_openssh_line(private.public_key()).split()[1])
    expected = ":".join(f"{b:02x}" for b in hashlib.md5(blob).digest())
    assert km.fingerprint(km.parse_public_key(key.public_key).blob) == expected


@needs_ssh_keygen
@pytest.mark.parametrize("line", [RSA_LINE, *_third_party_lines()[3:4]], ids=["rsa", "ecdsa"])
def test_fingerprint_matches_ssh_keygen(line: str, tmp_path: Path) -> None:
    assert SSH_KEYGEN is not None
    path = tmp_path / "key.pub"
    path.write_text(line + "\n")
    out = subprocess.run(
        [SSH_KEYGEN, "-l", "-E", "md5", "-f", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert out.split()[1] == "MD5:" + km.fingerprint(km.parse_public_key(line).blob)
