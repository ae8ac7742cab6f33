"""Anchor for the purchase-pattern benchmark (tooling only, never at runtime).

Reads the CSV written by `PatternsBenchmark csv` and does, with pandas and SciPy, the core of
what PurchasePatterns.analyse does first: the weekday x hour crosstab, scipy's
chi2_contingency on it (no continuity correction), and per-product counts per month.
Prints one JSON line: CSV read time, compute time (median of RUNS), the chi-square result.

    python anchor_pandas.py LINES.csv [RUNS]
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency


def compute(df):
    ts = pd.to_datetime(df["local_seconds"], unit="s")
    crosstab = pd.crosstab(ts.dt.weekday, ts.dt.hour)
    chi2, p, dof, _ = chi2_contingency(crosstab.to_numpy(), correction=False)
    monthly = df.groupby([df["product"], ts.dt.to_period("M")]).size().unstack(fill_value=0)
    return chi2, p, dof, monthly.shape


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    start = time.perf_counter()
    df = pd.read_csv(path, dtype={"person": np.int32, "order": np.int32, "product": np.int32, "category": np.int32, "local_seconds": np.int64})
    read_s = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        chi2, p, dof, shape = compute(df)
        times.append(time.perf_counter() - start)
    times.sort()
    print(json.dumps({
        "lines": len(df), "read_csv_s": round(read_s, 3), "compute_median_s": round(times[len(times) // 2], 3),
        "compute_min_s": round(times[0], 3), "runs": runs, "chi2": chi2, "dof": int(dof), "p": p,
        "monthly_shape": list(shape), "pandas": pd.__version__,
    }))


if __name__ == "__main__":
    main()
