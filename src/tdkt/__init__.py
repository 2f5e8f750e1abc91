"""tdkt — quy trình thi đua, khen thưởng (commendation approval workflow)."""

__version__ = "0.1.0"
