"""One rule names a person «Ông» or «Bà» in every document: the recorded gender first, then a
declaration; none known, the name alone — never a guessed «Ông»."""

from tdkt.domain.honorific import honorific, titled_name


def test_the_record_first_then_the_declaration():
    assert honorific("nu") == "Bà" and honorific("nam") == "Ông"
    assert honorific(None, "female") == "Bà" and honorific("nam", "female") == "Ông"


def test_no_gender_known_no_title():
    assert honorific(None, None) == "" and honorific("", "?") == ""
    assert titled_name("Đàm Kim Lan", None) == "Đàm Kim Lan"
    assert titled_name("Đàm Kim Lan", "nu") == "Bà Đàm Kim Lan"


def test_the_generated_staff_carry_the_gender_their_names_are_made_with():
    """organisation_large.yaml's names: a woman's middle name (Kim, Ngọc, Thu…) makes a woman;
    the generated staff record that gender, so «Đàm Kim Lan» is «Bà»."""
    from itertools import islice

    from tdkt.scenario.organisation import _large_organisation, _names, gender_of

    made = list(islice(_names(_large_organisation()["names"]), 400))
    assert {g for _, g in made} == {"nam", "nu"}
    assert all(gender_of(n) == {"nu": "female", "nam": "male"}[g] for n, g in made)
