"""MYCIN certainty factors.

>>> combine(0.6, 0.5)
0.8
>>> combine(-0.6, -0.5)
-0.8
>>> round(combine(0.6, -0.2), 4)
0.5
>>> combine(1.0, -1.0)
0.0
"""


def combine(a, b):
    """Combine two certainty factors in [-1, 1] with MYCIN's formula."""
    if a >= 0 and b >= 0:
        return _tidy(a + b - a * b)
    if a <= 0 and b <= 0:
        return _tidy(a + b + a * b)
    denominator = 1 - min(abs(a), abs(b))
    if denominator == 0:
        # Certain belief against certain disbelief: MYCIN leaves this
        # undefined; we treat the contradiction as no belief either way.
        return 0.0
    return _tidy((a + b) / denominator)


def combine_all(factors):
    """Belief from many factors, independent of their order.

    Positive factors are pooled first (the measure of belief), negative ones
    second (the measure of disbelief), then the two are combined once.  The
    pairwise MYCIN formula is not associative across signs, so pooling by
    sign is what makes the result independent of firing order.
    """
    belief = disbelief = 0.0
    for factor in sorted(factors):
        if factor > 0:
            belief = combine(belief, factor)
        elif factor < 0:
            disbelief = combine(disbelief, factor)
    return combine(belief, disbelief)


def _tidy(value):
    # Rounding keeps results stable across platforms and makes JSON diff cleanly.
    return round(max(-1.0, min(1.0, value)), 10)
