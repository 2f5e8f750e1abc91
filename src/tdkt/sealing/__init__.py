"""Sealed council ballots (phiếu kín niêm phong): a Curve25519 keypair per council session, whose
private key is a file outside the database, and libsodium sealed boxes (PyNaCl). The only
importer of PyNaCl."""

from tdkt.sealing.ballot_box import BallotBox, SealedBallotBox

__all__ = ["BallotBox", "SealedBallotBox"]
