"""Prefect side of tdkt: flows that apply actions and run scheduled work, and serving them.
With ``flows/`` it is the only code that imports Prefect."""
