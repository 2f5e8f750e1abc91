"""The routers, one module per page family; the app includes them in this order."""

from tdkt.web.routes import (
           achievements,
           admin,
           auth,
           calendar,
           cases,
           council,
           council_paper,
           dashboard,
           decisions,
           delegations,
           health,
           kyso,
           movements,
           nominations,
           notices,
           people,
           plans,
           register,
           reports,
           tasks,
           worklist,
)

__all__ = ["ROUTERS"]

ROUTERS = [auth.router, health.router, worklist.router, tasks.router, nominations.router, cases.router,
           council.router, council_paper.router, dashboard.router, delegations.router, admin.router,
           notices.router, register.router, kyso.router, decisions.router, movements.router,
           calendar.router, people.router, achievements.router, plans.router, reports.router]
