def test_numbers_round_half_up_as_a_reader_rounds_by_hand():
    """DIN 1333 commercial rounding: 6,488.645 → 6.488,65 and 2.5 → 3 (half-even would give 6.488,64 and 2)."""
    from django.utils import translation

    from ikonnekt.core.formats import number

    with translation.override("de"):
        assert number(6488.645, 2) == "6.488,65"
        assert number(2.5, 0) == "3"
        assert number(-0.125, 2) == "-0,13"
