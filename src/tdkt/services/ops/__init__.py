"""Operating an installation: initialise, back up and restore, health checks."""

__all__ = [
    "backup",
    "health",
    "setup",
]
