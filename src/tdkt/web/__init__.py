"""Web app for approvers (FastAPI + Jinja2, server-rendered, Vietnamese): inbox, queue, archive,
task forms, council voting, case pages and the movement dashboard. Calls the services only."""

from tdkt.web.app import create_app

__all__ = ["create_app"]
