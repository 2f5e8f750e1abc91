"""Movements (phong trào): plans checked and launched."""

__all__ = [
    "launch",
    "plans",
]
