"""The Hội đồng TĐKT session: open, attend, secret ballot, close with quorum, ranking and
quotas, and its minutes; the council of each level."""

__all__ = [
    "closing",
    "levels",
    "minutes",
    "paper",
    "route_steps",
    "session",
]
