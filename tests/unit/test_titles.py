"""Labels from the data: the head of the agency is named by the agency's own title."""

from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.domain.titles import Label, titled
from tdkt.errors import Forbidden


def test_the_heads_title_deputy_and_capitals_follow_the_agency() -> None:
    assert titled("Chờ Trưởng ban ký quyết định", "Giám đốc") == "Chờ Giám đốc ký quyết định"
    assert titled("Phó Trưởng ban", "Giám đốc") == "Phó Giám đốc"
    assert titled("KT. TRƯỞNG BAN", "Viện trưởng") == "KT. VIỆN TRƯỞNG"
    assert titled("việc ký của trưởng ban", "Chủ tịch") == "việc ký của chủ tịch"
    assert titled("Trưởng ban", "Trưởng ban") == "Trưởng ban"
    assert titled("Chờ Trưởng ban ký", "") == "Chờ Thủ trưởng cơ quan ký"


def test_the_systems_labels_and_errors_are_labels_what_people_type_is_not() -> None:
    assert isinstance(STATUS_LABELS[Step.SIGN_DECISION], Label)
    assert isinstance(ROLE_LABELS[Role.HEAD_OF_AGENCY], Label)
    assert isinstance(Forbidden("Chỉ Trưởng ban ký.").message_vi, Label)
    assert not isinstance(f"{STATUS_LABELS[Step.SIGN_DECISION]}", Label)
