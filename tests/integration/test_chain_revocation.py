"""Revocation of the intermediate CA (thu hồi chứng thư của tổ chức cấp trung gian): a signature
whose chain passes through an intermediate CA listed in the root's CRL is reported not valid,
naming the CA, the date and the CRL — whether or not the intermediate's certificate names a CRL
server (pyHanko checks it only when it does, and then calls it the signer's revocation), from a
configured CRL or online from the intermediate's CRL distribution point. The test PKI is made at
test time (tests/pki.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.domain.signatures import judge
from tdkt.pdfsign import TrustConfig, sign_pdf, verify_pdf
from tdkt.pdfsign import verify as verify_module
from tests.integration.test_online_revocation import Responder, _blank_pdf, served  # noqa: F401 — the fixture
from tests.pki import PASSWORD, Pki, make_pki

CA = "Chứng thư của tổ chức cấp trung gian «CA trung gian thử nghiệm tdkt» đã bị thu hồi ngày "


def _signed(pki: Pki, who: str = "truongban") -> bytes:
    return sign_pdf(_blank_pdf(), pki[who].p12.read_bytes(), PASSWORD, field="S", stamp=None, reason="Ký duyệt")


@pytest.mark.parametrize("names_its_crl", [False, True], ids=["no-distribution-point", "distribution-point"])
def test_a_revoked_intermediate_in_the_roots_configured_crl_makes_the_signature_invalid(tmp_path, names_its_crl):
    pki = make_pki(tmp_path, revoke_intermediate=True,
                   root_crl_url="http://ca.tdkt.invalid/root.crl" if names_its_crl else "")
    assert pki.root_crl is not None
    [facts] = verify_pdf(_signed(pki), TrustConfig(roots=[pki.trust_dir], crls=[pki.crl, pki.root_crl]))
    verdict = judge(facts)
    assert not verdict.ok and facts.ca_revoked == "CA trung gian thử nghiệm tdkt" and not facts.revoked
    [problem] = verdict.problems  # the CA's revocation, not the signer's, not "no trusted root"
    assert problem.startswith(CA) and "(theo CRL của Root CA thử nghiệm tdkt)" in problem
    assert problem.endswith("chuỗi chứng thư của người ký không còn giá trị.")


def test_the_same_chain_with_the_intermediate_in_force_stays_valid(tmp_path):
    pki = make_pki(tmp_path, root_crl_url="http://ca.tdkt.invalid/root.crl")
    assert pki.root_crl is not None
    [facts] = verify_pdf(_signed(pki), TrustConfig(roots=[pki.trust_dir], crls=[pki.crl, pki.root_crl]))
    assert judge(facts).ok and facts.ca_revoked == ""


def test_a_revoked_signer_under_a_good_intermediate_is_still_the_signers_revocation(tmp_path):
    pki = make_pki(tmp_path, root_crl_url="http://ca.tdkt.invalid/root.crl")
    assert pki.root_crl is not None
    [facts] = verify_pdf(_signed(pki, "revoked"), TrustConfig(roots=[pki.trust_dir], crls=[pki.crl, pki.root_crl]))
    assert facts.revoked and facts.ca_revoked == ""
    assert any(p.startswith("Chứng thư số của người ký đã bị thu hồi ngày") for p in judge(facts).problems)


def test_a_revoked_intermediate_is_found_online_at_its_crl_distribution_point(served, tmp_path):  # noqa: F811
    server, good = served
    base = f"http://127.0.0.1:{server.server_address[1]}"
    revoked_chain = make_pki(tmp_path, crl_url=f"{base}/ca.crl", ocsp_url=f"{base}/ocsp",
                             root_crl_url=f"{base}/root.crl", revoke_intermediate=True)
    server.pki = revoked_chain
    verify_module._ANSWERS.clear()
    try:
        [facts] = verify_pdf(_signed(revoked_chain), TrustConfig(roots=[revoked_chain.trust_dir], online=True,
                                                                 timeout=1.0))
    finally:
        server.pki = good
        verify_module._ANSWERS.clear()
    verdict = judge(facts)
    assert "root-crl" in server.requests and not verdict.ok and not facts.revoked
    assert verdict.problems[0].startswith(CA) and f"(theo CRL {base}/root.crl" in verdict.problems[0]


def test_without_the_roots_crl_offline_the_intermediate_is_not_judged(tmp_path: Path):
    pki = make_pki(tmp_path, revoke_intermediate=True)
    [facts] = verify_pdf(_signed(pki), TrustConfig(roots=[pki.trust_dir], crls=[pki.crl]))
    assert judge(facts).ok and facts.ca_revoked == ""  # nothing said it: soft-fail, as for the signer
