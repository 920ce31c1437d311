"""Fitting the check-worthiness weights, and measuring them: pure Python, no ORM.

The weights in suggestions/weights.json are a logistic regression over the
named signals of suggestions.features, fitted on the TUNE part of our own
labelled fixture (bench/data/checkworthiness_tune.txt) and nothing else.
`bench/checkworthiness.py --train` refits them; tests/suggestions check that the
shipped file is what this code fits, so nobody edits weights by hand unseen.

A handful of signals over a few hundred sentences needs no numerical library:
Newton's method on the L2-penalised log-likelihood converges in ~10 steps, and
each step touches only the signals present in each sentence.
"""

import math
from dataclasses import dataclass
from pathlib import Path

from suggestions.features import SIGNAL_NAMES, extract

L2_PENALTY = 2.0  # on the weights, not the bias; chosen by cross-validation on TUNE
NEWTON_STEPS = 30


@dataclass(frozen=True)
class Example:
    label: int
    kind: str
    sentence: str


def read_fixture(path: Path) -> list[Example]:
    """`label|kind|sentence` lines; `#` starts a comment line."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, kind, sentence = line.split("|", 2)
        examples.append(Example(int(label), kind, sentence))
    return examples


def vector(sentence: str) -> dict[str, float]:
    return {signal.name: signal.value for signal in extract(sentence)}


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = L2_PENALTY) -> dict:
    """Bias and weights maximising the penalised likelihood of `labels` (0/1)."""
    names = ["bias", *SIGNAL_NAMES]
    index = {name: i for i, name in enumerate(names)}
    sparse = [[(0, 1.0)] + [(index[k], v) for k, v in row.items()] for row in rows]
    beta = [0.0] * len(names)
    for _ in range(NEWTON_STEPS):
        gradient, hessian = _derivatives(sparse, labels, beta, l2)
        step = _solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return {"bias": round(beta[0], 6), "weights": {n: round(beta[index[n]], 6) for n in names[1:]}}


def _derivatives(sparse, labels, beta, l2):
    size = len(beta)
    gradient = [l2 * b if i else 0.0 for i, b in enumerate(beta)]
    hessian = [[0.0] * size for _ in range(size)]
    for i in range(1, size):
        hessian[i][i] = l2
    for row, label in zip(sparse, labels, strict=True):
        p = _sigmoid(sum(beta[i] * v for i, v in row))
        for i, v in row:
            gradient[i] += (p - label) * v
            for j, w in row:
                hessian[i][j] += p * (1 - p) * v * w
    return gradient, hessian


def _solve(matrix: list[list[float]], vector_: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is positive definite)."""
    size = len(vector_)
    rows = [[*matrix[i], vector_[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            for c in range(col, size + 1):
                rows[r][c] -= factor * rows[col][c]
    solution = [0.0] * size
    for r in range(size - 1, -1, -1):
        known = sum(rows[r][c] * solution[c] for c in range(r + 1, size))
        solution[r] = (rows[r][size] - known) / rows[r][r]
    return solution


def _sigmoid(z: float) -> float:
    if z < -35:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


# --- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    precision: float
    recall: float
    f1: float
    average_precision: float
    count: int


def measure(labels: list[int], scores: list[float], threshold: float) -> Metrics:
    """Precision, recall and F1 of `score >= threshold`, and average precision of the ranking."""
    predicted = [score >= threshold for score in scores]
    tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(predicted, labels, strict=True) if not p and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ap = average_precision(labels, scores)
    return Metrics(precision, recall, f1, ap, len(labels))


def average_precision(labels: list[int], scores: list[float]) -> float:
    """Sum of (R_k - R_k-1) * P_k over distinct score thresholds, high to low (as scikit-learn).

    Tied scores form one threshold, so a ranking gains nothing from the order of ties.
    """
    positives = sum(labels)
    if not positives:
        return 0.0
    pairs = sorted(zip(scores, labels, strict=True), key=lambda pair: -pair[0])
    ap, tp, seen, previous_recall, i = 0.0, 0, 0, 0.0, 0
    while i < len(pairs):
        threshold = pairs[i][0]
        while i < len(pairs) and pairs[i][0] == threshold:
            tp += pairs[i][1]
            seen += 1
            i += 1
        recall = tp / positives
        ap += (recall - previous_recall) * (tp / seen)
        previous_recall = recall
    return ap
