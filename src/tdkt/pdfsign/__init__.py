"""Ký số văn bản PDF: the adapter around pyHanko (PAdES signatures, visible stamps, RFC 3161
timestamps, validation against the configured trust roots and CRLs). Nothing else in tdkt imports
pyHanko (tests/unit/test_layers.py); what comes out of here is plain data."""

from tdkt.pdfsign.certificates import CertificateInfo, read_certificate, read_pkcs12
from tdkt.pdfsign.sign import Stamp, locate_text, sign_pdf
from tdkt.pdfsign.verify import SignatureFacts, TrustConfig, verify_pdf

__all__ = ["CertificateInfo", "read_certificate", "read_pkcs12", "Stamp", "locate_text", "sign_pdf",
           "SignatureFacts", "TrustConfig", "verify_pdf"]
