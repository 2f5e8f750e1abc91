"""The agency's key on a PKCS#11 token (an HSM, a USB token, SoftHSM): a pyHanko signer opened
on the token by its label with the user PIN, the key (and its certificate) by label, the chain
pulled from the token; the session closed when the signing is done. The key never leaves the
token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

from tdkt.errors import WrongState

__all__ = ["pkcs11_signer"]


@contextmanager
def pkcs11_signer(module: Path, token_label: str, key_label: str, pin: str,
                  cert_label: str = "") -> Iterator[PKCS11Signer]:
    """A signer with the key ``key_label`` of the token ``token_label`` (PKCS#11 ``module``)."""
    if not module.exists():
        raise WrongState(f"Không có thư viện PKCS#11 {module} (TDKT_AGENCY_PKCS11_MODULE).", f"no module {module}")
    try:
        session = open_pkcs11_session(str(module), token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    except Exception as err:  # noqa: BLE001 — python-pkcs11 raises one class per CKR_* code
        raise WrongState(f"Không mở được token PKCS#11 «{token_label}»: không tìm thấy token hoặc sai mã PIN "
                         f"({type(err).__name__}).", f"cannot open token {token_label!r}: {err!r}") from None
    try:
        try:
            signer = PKCS11Signer(session, cert_label=cert_label or key_label, key_label=key_label,
                                  other_certs_to_pull=None)
            if signer.signing_cert.public_key.algorithm == "ec":
                # the token hashes nothing: many (SoftHSM among them) have only the raw CKM_ECDSA
                signer = PKCS11Signer(session, cert_label=cert_label or key_label, key_label=key_label,
                                      other_certs_to_pull=None, use_raw_mechanism=True)
        except Exception as err:  # noqa: BLE001
            raise WrongState(f"Token PKCS#11 «{token_label}» không có khóa hoặc chứng thư số «{key_label}».",
                             f"no key/cert {key_label!r} on {token_label!r}: {err!r}") from None
        yield signer
    finally:
        session.close()
