import pytest

from orgdesign.engine.certainty import combine, combine_all


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (0.6, 0.5, 0.8),            # both positive: a + b - ab
        (-0.6, -0.5, -0.8),         # both negative: a + b + ab
        (0.6, -0.2, 0.5),           # mixed: (a + b) / (1 - min(|a|, |b|))
        (-0.6, 0.2, -0.5),
        (1.0, 0.3, 1.0),            # certainty stays certainty
        (-1.0, -0.3, -1.0),
        (1.0, -0.5, 1.0),           # (1 - 0.5) / (1 - 0.5)
        (1.0, -1.0, 0.0),           # total contradiction: defined as no belief
        (0.0, 0.4, 0.4),
    ],
)
def test_combine(a, b, expected):
    assert combine(a, b) == pytest.approx(expected)
    assert combine(b, a) == pytest.approx(expected)


def test_combine_all_ignores_order():
    factors = [0.6, -0.3, 0.2, -0.5, 0.4]
    results = {combine_all(list(p)) for p in [factors, factors[::-1], sorted(factors)]}
    assert len(results) == 1


def test_combine_all_pools_by_sign():
    belief = combine(combine(0.6, 0.4), 0)
    disbelief = combine(-0.5, -0.3)
    assert combine_all([0.6, -0.5, 0.4, -0.3]) == pytest.approx(combine(belief, disbelief))
    assert combine_all([]) == 0.0
