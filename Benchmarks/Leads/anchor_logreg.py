"""Anchor for lead scoring: scikit-learn's LogisticRegression on the same features and the same
split as Obhut's lead-scores (Sources/ObhutAnalytics/Scoring): tooling only, never part of Obhut.

Input: CSV exported from a workspace by scripts/bench-leads.sh with the columns
source, industry, size, emails_opened, visits, meetings, created_at, outcome (no personal data).
Features as LeadFeatureEncoder: log1p of size (missing -> 0 after z-scoring, plus a size-unknown
column), e-mails opened, visits, meetings, z-scored on the training part; one-hot source and
industry levels with at least 5 training leads, plus "other". Split as LeadScoring.train: closed
leads ordered by creation, the newest 25 % held out. C chosen by 5-fold CV (log loss) over
1/lambda for lambda in {0.01, 0.1, 1, 10, 100}. Prints one JSON line.
"""
import csv
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import GridSearchCV, KFold


def load(path):
    rows = [r for r in csv.DictReader(open(path)) if r["outcome"] in ("won", "lost")]
    rows.sort(key=lambda r: int(r["created_at"]))
    return rows


def encoder(train):
    def levels(key):
        counts = {}
        for r in train:
            if r[key]:
                counts[r[key]] = counts.get(r[key], 0) + 1
        return sorted(k for k, v in counts.items() if v >= 5)

    def raw(r):
        size = np.log1p(max(0, int(r["size"]))) if r["size"] else None
        return [size] + [np.log1p(max(0, int(r[k] or 0))) for k in ("emails_opened", "visits", "meetings")]

    raws = [raw(r) for r in train]
    means, scales = [], []
    for k in range(4):
        v = np.array([x[k] for x in raws if x[k] is not None], dtype=float)
        means.append(v.mean() if len(v) else 0.0)
        sd = v.std() if len(v) else 0.0
        scales.append(sd if sd * sd > 1e-12 else 1.0)
    sources, industries = levels("source"), levels("industry")

    def encode(r):
        x = raw(r)
        row = [((x[k] - means[k]) / scales[k]) if x[k] is not None else 0.0 for k in range(4)]
        row.append(1.0 if not r["size"] else 0.0)
        row += [1.0 if r["source"] == s else 0.0 for s in sources] + [0.0 if r["source"] in sources else 1.0]
        row += [1.0 if r["industry"] == s else 0.0 for s in industries] + [0.0 if r["industry"] in industries else 1.0]
        return row

    return encode


def main(path):
    rows = load(path)
    hold = max(1, round(len(rows) * 0.25))
    train, test = rows[: len(rows) - hold], rows[len(rows) - hold:]
    encode = encoder(train)
    x_train = np.array([encode(r) for r in train])
    y_train = np.array([r["outcome"] == "won" for r in train])
    x_test = np.array([encode(r) for r in test])
    y_test = np.array([r["outcome"] == "won" for r in test])
    start = time.perf_counter()
    search = GridSearchCV(
        LogisticRegression(max_iter=10000, tol=1e-10),
        {"C": [1 / lam for lam in (0.01, 0.1, 1, 10, 100)]},
        scoring="neg_log_loss",
        cv=KFold(5, shuffle=True, random_state=1),
    ).fit(x_train, y_train)
    seconds = time.perf_counter() - start
    p = search.best_estimator_.predict_proba(x_test)[:, 1]
    print(json.dumps({
        "tool": "scikit-learn LogisticRegression", "closed": len(rows), "held_out": len(test),
        "lambda": 1 / search.best_params_["C"], "auc": roc_auc_score(y_test, p),
        "brier": brier_score_loss(y_test, p), "log_loss": log_loss(y_test, p), "seconds": seconds,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
