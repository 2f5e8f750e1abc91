"""Ký số chạy thử: the demo PKI (:mod:`tdkt.pdfsign.demo_pki`) made under the var folder for the
demo's signers — the Trưởng ban, the Phó Trưởng ban — and the agency, their certificates
registered to them, and the settings that sign and verify with it (trust root, agency key).
Refused in production mode: a demo certificate never signs a real document."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.errors import WrongState
from tdkt.pdfsign.certificates import read_certificate
from tdkt.pdfsign.demo_pki import DEMO_FOLDER, DemoPki, load_demo_pki, make_demo_pki
from tdkt.persistence.models import Person, SigningCertificate
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import issuer
from tdkt.services.people.agencies import person_agency
from tdkt.services.route import audit

__all__ = ["demo_pki_folder", "prepare_demo_signing", "demo_settings", "existing_demo_pki", "DEMO_SIGNERS"]

#: the demo's signers (usernames of the sample organisation)
DEMO_SIGNERS = ("truongban", "pho.truongban")


def demo_pki_folder(settings: Settings) -> Path:
    return settings.var_path / DEMO_FOLDER


def existing_demo_pki(settings: Settings) -> DemoPki | None:
    """The demo PKI of this installation, never in production mode."""
    if settings.env == "production":
        return None
    return load_demo_pki(demo_pki_folder(settings))


def demo_settings(settings: Settings, pki: DemoPki) -> Settings:
    """``settings`` that trust the demo root and seal with the demo agency key."""
    return settings.model_copy(update={
        "signature_trust_roots": [*settings.signature_trust_roots, pki.trust_dir],
        "agency_keyfile": pki["agency"].p12, "agency_key_password": SecretStr(pki.password)})


def prepare_demo_signing(rt: Runtime) -> DemoPki:
    """Make (once) the demo PKI for the demo's signers and agency and register each signer's
    certificate to them (by the administrator ``quantri`` when present, else themselves)."""
    if rt.settings.env == "production":
        raise WrongState("Không dùng chứng thư số chạy thử ở chế độ vận hành (TDKT_ENV=production).",
                         "demo PKI in production")
    with rt.uow() as uow:
        s = uow.session
        signers = list(s.scalars(select(Person).where(Person.username.in_(DEMO_SIGNERS)).order_by(Person.id)))
        people = {p.username: (p.full_name, p.title or "") for p in signers}
        # the signers' own agency (the demo's), as its seal names it
        agency = issuer(s, person_agency(s, signers[0]) if signers else None).name
    pki = make_demo_pki(demo_pki_folder(rt.settings), people, agency)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        admin = s.scalars(select(Person).where(Person.username == "quantri")).first()
        for username in people:
            person = s.scalars(select(Person).where(Person.username == username)).one()
            info = read_certificate(pki[username].cert_pem.read_bytes())
            if s.scalars(select(SigningCertificate.id).where(SigningCertificate.sha256 == info.sha256)).first():
                continue
            by = admin or person
            s.add(SigningCertificate(person_id=person.id, sha256=info.sha256, subject=info.subject,
                                     common_name=info.common_name, not_before=info.not_before.astimezone(UTC),
                                     not_after=info.not_after.astimezone(UTC), registered_by_id=by.id,
                                     registered_at=now))
            audit.record(s, at=now, event="certificate_registered", actor_id=by.id,
                         detail={"person": username, "sha256": info.sha256, "subject": info.subject, "demo": True})
        uow.commit()
    return pki
