"""The certificate authority of the server's https proxy (``aliyun-mock server --ca FILE``).

A client that sends https through the server as its proxy (``HTTPS_PROXY``) asks it to ``CONNECT``
to an Alibaba Cloud host; the server then speaks TLS for that host itself, with a certificate this
authority signs for the name, and answers the requests inside as the mock. The client trusts the
authority's certificate, ``FILE`` (``ALIBABA_CLOUD_CA_BUNDLE`` for the V1 SDK, ``RuntimeOptions(ca=…)``
for the V2 SDK, ``curl --cacert``); its key, ``FILE.key``, never leaves the machine. Both are made
on first use and kept, so clients trust one authority across restarts. Needs ``cryptography``.
"""

from __future__ import annotations

import datetime
import os
import shutil
import ssl
import tempfile
import threading
from typing import Any, Dict, Tuple

VALID_DAYS = 365
AUTHORITY_NAME = "aliyun-mock proxy CA"


class ProxyAuthority:
    """Loads or creates the authority at ``path``; ``context(host)`` is a TLS server context for ``host``."""

    def __init__(self, path: str) -> None:
        try:
            from cryptography.hazmat.primitives.asymmetric import ec  # noqa: F401
        except ImportError:
            raise ImportError(
                "the https proxy (--ca) needs the package 'cryptography': pip install cryptography"
            ) from None
        self.path = path
        self._key, self._certificate = _load_or_create(path)
        self._leaf_key = _new_key()
        self._directory = tempfile.mkdtemp(prefix="aliyun-mock-tls-")  # leaf files: ssl loads chains from files
        self._contexts: Dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Remove the leaf certificates' files (the authority's own stay where they are)."""
        shutil.rmtree(self._directory, ignore_errors=True)

    def context(self, host: str) -> ssl.SSLContext:
        with self._lock:
            context = self._contexts.get(host)
            if context is None:
                context = self._contexts[host] = self._new_context(host)
            return context

    def _new_context(self, host: str) -> ssl.SSLContext:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        now = datetime.datetime.now(datetime.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(self._certificate.subject)
            .public_key(self._leaf_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self._leaf_key.public_key()), critical=False)
            .sign(self._key, hashes.SHA256())
        )
        chain = os.path.join(self._directory, f"{host}.pem")
        with open(os.open(chain, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(certificate.public_bytes(serialization.Encoding.PEM))
            handle.write(_private_pem(self._leaf_key))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)
        return context


def _new_key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def _private_pem(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def _load_or_create(path: str) -> Tuple[Any, Any]:
    """(key, certificate) of the authority kept at ``path`` and ``path.key``, made when either is missing."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key_path = f"{path}.key"
    if os.path.exists(path) and os.path.exists(key_path):
        with open(path, "rb") as cert_file, open(key_path, "rb") as key_file:
            certificate = x509.load_pem_x509_certificate(cert_file.read())
            return serialization.load_pem_private_key(key_file.read(), password=None), certificate
    key = _new_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, AUTHORITY_NAME)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=10 * VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    with open(os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(_private_pem(key))
    with open(path, "wb") as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
    return key, certificate
