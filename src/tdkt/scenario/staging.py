"""The stage every scenario plays on (sân khấu): its seed plan found by source, refused when
already launched on this database (a scenario runs once), the runtime put on a
:class:`ScenarioClock` for the run, the demo PKI when the documents are signed digitally, and
the larger organisation of the Ban Quản lý — the runtime's clock and settings given back after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select

from tdkt.documents import pdf_available
from tdkt.errors import WrongState
from tdkt.persistence.models import Movement
from tdkt.runtime import Runtime
from tdkt.scenario.organisation import load_large_organisation
from tdkt.scenario.report import ScenarioClock, ScenarioReport
from tdkt.scenario.steps import People, Play
from tdkt.services.documents.demo_signing import demo_settings, prepare_demo_signing
from tdkt.services.movements.plans import load_seed_movements

__all__ = ["staged"]


@contextmanager
def staged(rt: Runtime, source: str, echo: Callable[[str], None], *, digital_signatures: bool = False,
           people: People | None = None, already: str = "") -> Iterator[Play]:
    """The :class:`Play` of the seed plan ``source`` on an initialised database (``tdkt init``)
    where it has not been launched. ``digital_signatures``: the Tờ trình, the Quyết định and their
    Giấy khen are issued as PDFs signed by the head and the agency with a demo PKI made under the
    var folder (its root trusted by :func:`~tdkt.services.documents.verification.trust_config`
    from then on, outside production mode). ``already``: what the refusal adds when the plan is
    found launched (how it came to be)."""
    definition = next(m for m in load_seed_movements() if m.source == source)
    with rt.uow() as uow:
        if uow.session.scalars(select(Movement.id).where(Movement.code == definition.code)).first():
            raise WrongState(f"Phong trào '{definition.code}' đã được phát động trên cơ sở dữ liệu này{already}: "
                             "kịch bản chỉ chạy một lần.", f"{source} movement already launched")
    clock = rt.clock if isinstance(rt.clock, ScenarioClock) else ScenarioClock(rt.settings.tz)
    saved, rt.clock = rt.clock, clock
    saved_settings = rt.settings
    try:
        report = ScenarioReport(definition.code)
        signing = None
        if digital_signatures and not pdf_available():
            echo("Ký số chạy thử: bỏ qua (máy chưa cài LibreOffice để lập bản PDF); văn bản được ký bằng thao tác.")
        elif digital_signatures:
            signing = prepare_demo_signing(rt)
            rt.settings = demo_settings(rt.settings, signing)
            echo(f"Ký số chạy thử: chứng thư số CHẠY THỬ (không có giá trị pháp lý) tạo trong {signing.folder}")
        play = Play(rt, clock, definition, report, echo, signing, people)
        org = load_large_organisation(rt)
        report.units, report.people = org.units, org.people
        echo(f"Tổ chức: {org.units} phòng, đơn vị thuộc Ban Quản lý, {org.people} công chức, viên chức, "
             f"người lao động (thêm {org.added}).")
        yield play
    finally:
        rt.clock, rt.settings = saved, saved_settings
