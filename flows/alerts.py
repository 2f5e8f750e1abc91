"""Entrypoint for the alert-admins deployment (see deploy/prefect.yaml), run by the automations
of :mod:`tdkt.orchestration.alerts`."""

from tdkt.orchestration.alerts import alert_admins_flow as alert_admins

__all__ = ["alert_admins"]
