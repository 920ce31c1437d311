"""Fit the ranker's logistic regression and measure rankings. Pure: no ORM.

Newton's method on the L2-penalised log-likelihood over ranker.FEATURES; a few
thousand (post, candidate) rows and seven signals converge in ~10 steps.
"""

import numpy as np

from matching.ranker import FEATURES

L2_PENALTY = 1.0  # on the weights, not the bias
NEWTON_STEPS = 50


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = L2_PENALTY) -> dict:
    x = np.array([[1.0, *(row[name] for name in FEATURES)] for row in rows])
    y = np.array(labels, dtype=float)
    beta = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return {
        "bias": round(float(beta[0]), 6),
        "weights": {name: round(float(b), 6) for name, b in zip(FEATURES, beta[1:], strict=True)},
    }


def average_precision_at(ranked: list[object], right: object, k: int = 5) -> float:
    """AP@k with one relevant item: 1/rank if it is in the top k, else 0."""
    for position, key in enumerate(ranked[:k], start=1):
        if key == right:
            return 1 / position
    return 0.0


def reciprocal_rank(ranked: list[object], right: object) -> float:
    for position, key in enumerate(ranked, start=1):
        if key == right:
            return 1 / position
    return 0.0
