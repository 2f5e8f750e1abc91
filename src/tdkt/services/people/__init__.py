"""People and access (người dùng, quyền): who holds which role where, web accounts and
delegation (ủy quyền)."""

__all__ = [
    "access",
    "accounts",
    "delegation",
]
