"""People and access (người dùng, quyền): who holds which role where, web accounts, delegation
(ủy quyền) and conflicts of interest (xung đột lợi ích)."""

__all__ = [
    "access",
    "accounts",
    "conflicts",
    "delegation",
]
