"""Reference values for src/lib/stats/index.ts, computed with SciPy and numpy.

Rerun from the repository root with

    python3 tests/reference/stats_reference.py

It writes tests/unit/stats-reference.json (inputs and expected outputs in one file, read by
tests/unit/stats.test.ts) and formats it with `npx prettier --write`. The committed file was produced with
SciPy 1.17.1, numpy 2.4.6 and Python 3.11.7 (the versions are also recorded in the file itself).

Conventions, identical to the TypeScript module:
- Paired data: d = post - pre in float64. An undefined result (the TS function returns null) is JSON null.
- Wilcoxon follows R's wilcox.test(post, pre, paired = TRUE): zeros dropped, V = sum of the average ranks of |d| over
  the positive d, exact p only when n < 50 and there are neither ties nor zeros, otherwise the normal approximation
  with tie-corrected variance and continuity correction. SciPy's `statistic` for two-sided tests is min(W+, W-), so V
  is computed here with scipy.stats.rankdata; p is taken from scipy.stats.wilcoxon with the method chosen by R's
  rule, and cross-checked against R's formulas written out below (exact null distribution by integer dynamic
  programming, normal approximation with scipy.stats.norm). SciPy 1.17's 'asymptotic' path uses the same variance
  n(n+1)(2n+1)/24 - sum(t^3 - t)/48 and the same continuity correction as R, so the two agree to rounding.
- Item analysis: groups of g = max(1, round-half-up(0.27 n)) = max(1, (27 n + 50) // 100) people; the upper group is
  the first g rows of a stable sort by total score descending, the lower group the first g rows of a stable sort
  ascending (ties go to the earlier row in both). Undefined entries (NaN in TypeScript) are JSON null.
"""

import json
import platform
import subprocess
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUTPUT = Path(__file__).resolve().parent.parent / "unit" / "stats-reference.json"


# ----------------------------------------------------------------------------------------------------------------------
# Paired statistics


def normalized_gains(pre, post, max_score):
    return [None if a == max_score else float((b - a) / (max_score - a)) for a, b in zip(pre, post)]


def class_gain(pre, post, max_score):
    if len(pre) == 0:
        return None
    pre_mean = float(np.mean(pre))
    if pre_mean == max_score:
        return None
    return float((np.mean(post) - pre_mean) / (max_score - pre_mean))


def constant(values):
    return len(values) > 0 and bool(np.all(values == values[0]))


def paired_t_test(pre, post):
    d = post - pre
    if len(d) < 2 or constant(d):
        return None
    result = stats.ttest_rel(post, pre)
    return {"t": float(result.statistic), "df": float(result.df), "p": float(result.pvalue)}


def cohens_dz(pre, post):
    d = post - pre
    if len(d) < 2 or constant(d):
        return None
    return float(np.mean(d) / np.std(d, ddof=1))


def r_exact_signed_rank_p(v, n):
    """R's exact two-sided p: min(1, 2 * (V > n(n+1)/4 ? P(V' >= V) : P(V' <= V))), in exact integer arithmetic."""
    max_sum = n * (n + 1) // 2
    counts = [1] + [0] * max_sum
    for rank in range(1, n + 1):
        for total in range(max_sum, rank - 1, -1):
            counts[total] += counts[total - rank]
    v = int(v)
    tail = sum(counts[v:]) if Fraction(v) > Fraction(n * (n + 1), 4) else sum(counts[: v + 1])
    return float(min(Fraction(1), Fraction(2 * tail, 2**n)))


def r_normal_approximation_p(v, n, tie_sizes):
    sigma = np.sqrt(n * (n + 1) * (2 * n + 1) / 24 - np.sum(tie_sizes**3 - tie_sizes) / 48)
    shift = v - n * (n + 1) / 4
    z = (shift - 0.5 * np.sign(shift)) / sigma
    return float(min(1.0, 2 * min(stats.norm.cdf(z), stats.norm.sf(z))))


def wilcoxon_signed_rank(pre, post):
    d = post - pre
    non_zero = d[d != 0]
    n = len(non_zero)
    if n == 0:
        return None
    had_zeros = n < len(d)
    magnitudes = np.abs(non_zero)
    v = float(np.sum(stats.rankdata(magnitudes)[non_zero > 0]))
    _, tie_sizes = np.unique(magnitudes, return_counts=True)
    exact = bool(n < 50 and np.all(tie_sizes == 1) and not had_zeros)

    result = stats.wilcoxon(d, zero_method="wilcox", correction=True, method="exact" if exact else "asymptotic")
    assert result.statistic == min(v, n * (n + 1) / 2 - v), "SciPy's statistic should be min(W+, W-)"
    p = float(result.pvalue)
    r_p = r_exact_signed_rank_p(v, n) if exact else r_normal_approximation_p(v, n, tie_sizes.astype(float))
    assert np.isclose(p, r_p, rtol=1e-12, atol=0), f"SciPy p {p} differs from R's formula {r_p}"
    return {"v": v, "p": p, "exact": exact, "n": n}


def paired_case(name, note, pre, post, max_score=100):
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    assert len(pre) == len(post)
    return {
        "name": name,
        "note": note,
        "pre": pre.tolist(),
        "post": post.tolist(),
        "max": max_score,
        "expected": {
            "normalizedGain": normalized_gains(pre, post, max_score),
            "classGain": class_gain(pre, post, max_score),
            "pairedTTest": paired_t_test(pre, post),
            "wilcoxonSignedRank": wilcoxon_signed_rank(pre, post),
            "cohensDz": cohens_dz(pre, post),
        },
    }


def distinct_magnitude_case(rng, n, positive_share):
    """Scores in steps of 0.25 (exact in binary) whose |post - pre| are all different: no ties, no zeros."""
    magnitudes = rng.choice(np.arange(1, 4 * 40 + 1), size=n, replace=False) * 0.25
    signs = np.where(rng.random(n) < positive_share, 1.0, -1.0)
    pre = rng.integers(80, 220, size=n) * 0.25
    post = pre + signs * magnitudes
    assert len(np.unique(np.abs(post - pre))) == n and np.all(post != pre)
    return pre, post


def paired_cases():
    rng = np.random.default_rng(20240611)
    n20_pre, n20_post = distinct_magnitude_case(rng, 20, 0.7)
    n49_pre, n49_post = distinct_magnitude_case(rng, 49, 0.6)
    n50_pre, n50_post = distinct_magnitude_case(rng, 50, 0.6)

    # Totals out of 20 points: many ties (and some zeros) among the differences.
    n60_pre = rng.integers(4, 15, size=60)
    n60_post = np.clip(n60_pre + rng.integers(-3, 6, size=60), 0, 20)

    # 8-question tests in percent: strong gains for everybody, so the approximate p is tiny.
    n60_gain_pre = rng.integers(0, 5, size=60) * 12.5
    n60_gain_post = np.minimum(n60_gain_pre + rng.integers(1, 5, size=60) * 12.5, 100)

    strong_pre = np.array([30, 35, 28, 40, 33, 25, 38, 31, 29, 36, 34, 27, 32, 39, 26, 37, 30.5, 35.5, 28.5, 33.5])
    strong_post = strong_pre + np.arange(20, 40)

    return [
        paired_case("empty", "No pairs: everything is null.", [], []),
        paired_case("n = 1", "One pair: no spread, so no t-test or d_z; exact Wilcoxon p = 1.", [40], [70]),
        paired_case("n = 2", "Two pairs, no ties: exact Wilcoxon.", [50, 60], [70, 65]),
        paired_case(
            "n = 3, V at its mean",
            "d = -1, -2, 3: V = 3 = n(n+1)/4, exact p = 2 * 5/8 capped at 1.",
            [10, 20, 30],
            [9, 18, 33],
        ),
        paired_case(
            "n = 5, no ties",
            "Exact Wilcoxon, upper tail.",
            [40, 55, 30, 62, 48],
            [52, 60, 51, 59, 77],
        ),
        paired_case(
            "n = 5, ties",
            "|d| = 10, 10, 5, 10, 5: normal approximation with tie correction.",
            [50, 50, 60, 40, 70],
            [60, 60, 55, 50, 75],
        ),
        paired_case(
            "zeros, no ties",
            "One zero difference and distinct |d|: R uses the normal approximation because of the zero.",
            [30, 45, 50, 62, 38, 71, 55, 40],
            [42, 45, 59, 60, 55, 78, 51, 66],
        ),
        paired_case(
            "z = 0 after continuity correction",
            "d = 1, -1, 2, -3: V = 4.5, n(n+1)/4 = 5, so z = 0 and p = 1.",
            [10, 10, 10, 10],
            [11, 9, 12, 7],
        ),
        paired_case(
            "all differences zero",
            "No change at all: Wilcoxon has no pairs left, t-test and d_z have sd = 0.",
            [50, 60, 70],
            [50, 60, 70],
        ),
        paired_case(
            "constant difference",
            "d = 5 for everybody: sd = 0 (t-test, d_z null); Wilcoxon with one tie group of 4.",
            [40, 50, 60, 70],
            [45, 55, 65, 75],
        ),
        paired_case(
            "pre = 100 for some",
            "Persons 1 and 4 start at the maximum: their g is null; ties and a zero in d.",
            [100, 80, 62.5, 100],
            [87.5, 100, 75, 100],
        ),
        paired_case(
            "pre = 100 for all",
            "Everybody starts at the maximum: <g> is null.",
            [100, 100, 100],
            [100, 87.5, 100],
        ),
        paired_case(
            "scores going down",
            "Mostly negative d, no ties: exact Wilcoxon, lower tail; negative gains.",
            [60, 72, 55, 80, 67, 49, 75],
            [52, 61, 58, 66, 64, 40, 70],
        ),
        paired_case(
            "8-question tests, n = 20",
            "Scores in steps of 12.5 as from 8-question tests: many ties, a zero, normal approximation.",
            [25, 37.5, 50, 12.5, 37.5, 62.5, 25, 50, 37.5, 75, 50, 25, 62.5, 37.5, 50, 12.5, 87.5, 50, 37.5, 25],
            [50, 62.5, 75, 37.5, 50, 87.5, 25, 62.5, 75, 87.5, 62.5, 50, 75, 50, 100, 37.5, 75, 75, 62.5, 62.5],
        ),
        paired_case("n = 20, no ties", "Distinct |d| in steps of 0.25: exact Wilcoxon with n = 20.", n20_pre, n20_post),
        paired_case(
            "n = 20, strong gains",
            "All d positive and distinct: exact p = 2^-19; the t-test p is far below 1e-12.",
            strong_pre,
            strong_post,
        ),
        paired_case("n = 49, no ties", "Largest n with the exact Wilcoxon p.", n49_pre, n49_post),
        paired_case("n = 50, no ties", "No ties, but n = 50: normal approximation.", n50_pre, n50_post),
        paired_case(
            "n = 60, ties, out of 20",
            "Totals out of 20 points (max = 20): ties and zeros, normal approximation.",
            n60_pre,
            n60_post,
            max_score=20,
        ),
        paired_case(
            "n = 60, strong gains",
            "8-question tests, everybody improves: tiny normal-approximation p (tests the erfc tail).",
            n60_gain_pre,
            n60_gain_post,
        ),
    ]


# ----------------------------------------------------------------------------------------------------------------------
# Item analysis


def group_size(n):
    return max(1, (27 * n + 50) // 100)


def item_analysis(responses):
    n, k = responses.shape
    totals = responses.sum(axis=1)
    difficulty = responses.mean(axis=0) if n > 0 else np.zeros(k)
    g = group_size(n)
    upper = np.argsort(-totals, kind="stable")[:g]
    lower = np.argsort(totals, kind="stable")[:g]
    discrimination = []
    point_biserial = []
    for item in range(k):
        column = responses[:, item]
        rest = totals - column
        discrimination.append(
            None if n < 2 else float(column[upper].mean() - column[lower].mean())
        )
        undefined = n < 2 or np.ptp(column) == 0 or np.ptp(rest) == 0
        point_biserial.append(None if undefined else float(np.corrcoef(column, rest)[0, 1]))
    return {
        "difficulty": [float(value) for value in difficulty],
        "discrimination": discrimination,
        "pointBiserial": point_biserial,
    }


def kr20(responses):
    n, k = responses.shape
    if k < 2 or n < 2:
        return None
    variance = np.var(responses.sum(axis=1))  # population variance (ddof = 0)
    if variance == 0:
        return None
    p = responses.mean(axis=0)
    return float(k / (k - 1) * (1 - np.sum(p * (1 - p)) / variance))


def item_case(name, note, responses, items=None):
    responses = np.asarray(responses, dtype=int)
    if responses.size == 0:
        responses = responses.reshape(0, items or 0)
    expected = item_analysis(responses)
    expected["kr20"] = kr20(responses)
    return {"name": name, "note": note, "responses": responses.tolist(), "expected": expected}


def rasch_responses(rng, people, items):
    ability = rng.normal(0, 1, size=(people, 1))
    difficulty = np.linspace(-1.5, 1.5, items)
    return (rng.random((people, items)) < 1 / (1 + np.exp(difficulty - ability))).astype(int)


def item_cases():
    rng = np.random.default_rng(7)
    matrix_20 = rasch_responses(rng, 20, 10)
    matrix_20[:, 0] = 1  # an item everyone got right
    matrix_20[:, 9] = 0  # and one nobody got right
    matrix_60 = rasch_responses(rng, 60, 15)
    matrix_50 = rasch_responses(rng, 50, 6)
    return [
        item_case("empty", "No people: empty arrays, KR-20 null.", []),
        item_case("1 person", "n = 1: discrimination and point-biserial undefined, KR-20 null.", [[1, 0, 1]]),
        item_case("2 people", "n = 2, g = 1.", [[1, 0, 1], [0, 0, 1]]),
        item_case(
            "5 x 4, item 3 all right",
            "Hand-sized; column 3 was answered right by everybody (point-biserial undefined).",
            [[1, 1, 1, 0], [1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 1, 1], [0, 1, 1, 0]],
        ),
        item_case(
            "6 x 3, tied totals",
            "g = 2 with ties at both ends: the upper group is rows 2 and 3, the lower group rows 1 and 5 (1-based).",
            [[1, 0, 0], [0, 1, 1], [1, 1, 0], [1, 0, 1], [0, 0, 1], [0, 1, 0]],
        ),
        item_case(
            "identical rows",
            "Everybody answered the same: zero variances, KR-20 null.",
            [[1, 0, 1], [1, 0, 1], [1, 0, 1], [1, 0, 1]],
        ),
        item_case(
            "single item",
            "k = 1: KR-20 null, rest score constant so point-biserial undefined.",
            [[1], [0], [1], [1], [0]],
        ),
        item_case(
            "20 x 10, seeded",
            "Rasch-like (numpy seed 7); item 1 all right, item 10 all wrong; g = 5.",
            matrix_20,
        ),
        item_case("50 x 6, seeded", "0.27 * 50 = 13.5 rounds half up: g = 14.", matrix_50),
        item_case("60 x 15, seeded", "Rasch-like (numpy seed 7), g = 16.", matrix_60),
    ]


# ----------------------------------------------------------------------------------------------------------------------


def main():
    reference = {
        "generatedBy": {
            "script": "tests/reference/stats_reference.py",
            "python": platform.python_version(),
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "nullMeans": "the TypeScript function returns null; in item-analysis arrays, the entry is NaN",
        },
        "pairedCases": paired_cases(),
        "itemCases": item_cases(),
    }
    OUTPUT.write_text(json.dumps(reference, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    try:
        subprocess.run(["npx", "prettier", "--write", str(OUTPUT)], check=True, cwd=OUTPUT.parents[2])
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"Wrote {OUTPUT}, but could not format it with prettier ({error}); run `npx prettier --write` on it.")
    else:
        print(f"Wrote {OUTPUT}")


if __name__ == "__main__":
    main()
