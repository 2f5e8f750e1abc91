"""In Giấy khen trên phôi: the Giấy khen of a Quyết định as one PDF for the pre-printed sheets —
one page each, only the variable text (the nominee, the achievement, the date, the signer, the
decision's number and the số vào sổ), each field where the settings place it
(:mod:`tdkt.domain.certificate_blank`). The Giấy khen must have been rendered (In Giấy khen)."""

from __future__ import annotations

from sqlalchemy import select

from tdkt.domain.certificate_blank import FieldPlace, field_texts, fitted_size, layout
from tdkt.domain.roles import Role
from tdkt.errors import WrongState
from tdkt.pdfsign.overprint import Placed, line_count, overprint
from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents.signing import DECISION
from tdkt.services.people.access import require_person, require_role

__all__ = ["print_on_blanks"]


def _size(text: str, place: FieldPlace) -> float:
    """The size ``text`` is printed at in ``place``, measured with the font the PDF embeds."""
    return fitted_size(text, place, lambda t, size: line_count(t, size, place.width_mm, place.bold))


def print_on_blanks(rt: Runtime, actor: str, decision_id: int) -> tuple[str, bytes]:
    """(file name, PDF) of every Giấy khen of the Quyết định, for the phôi; the Văn phòng prints."""
    settings = rt.settings
    places = layout(settings.certificate_blank_layout)
    with rt.uow() as uow:
        s = uow.session
        require_role(require_person(s, actor), Role.APPRAISER)
        decision = DECISION.document(s, decision_id)
        contexts = [d.data for d in s.scalars(select(IssuedDocument).where(
            IssuedDocument.parent_id == decision.id, IssuedDocument.kind == "giay_khen").order_by(IssuedDocument.id))]
        reference, year, number = decision.reference, decision.year, decision.number or 0
    if not contexts:
        raise WrongState(f"Chưa in Giấy khen của Quyết định số {reference}; hãy bấm «In Giấy khen» trước.",
                         f"decision {decision_id}: no certificates rendered")
    pages = []
    for context in contexts:
        texts = field_texts(context)
        # a long text (a tập thể's full name) set smaller in its field's room: nothing below it moves
        pages.append([Placed(texts[name], p.x_mm, p.y_mm, _size(texts[name], p), p.align, p.width_mm, p.bold)
                      for name, p in places.items() if p.size > 0 and texts.get(name)])
    pdf = overprint(pages, settings.certificate_blank_size_mm, offset_mm=settings.certificate_blank_offset_mm)
    return f"GK-PHOI-{year}-{number:03d}.pdf", pdf
