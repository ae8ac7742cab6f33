"""Fits BG/NBD (lifetimes, the anchor library) to demo transactions and compares with the truth.

    Benchmarks/Demo/bench.sh --customers 20000 --export /tmp/demo-export
    /tmp/anchors-venv/bin/python Benchmarks/Demo/bgnbd_check.py /tmp/demo-export 2026-10-31

One-off customers are left out of the activity AUC: BG/NBD treats a customer without repeat
purchases as certainly alive, and "one-off" is the demo's deliberately non-BG/NBD type.
"""
import sys

import pandas as pd
from lifetimes import BetaGeoFitter
from lifetimes.utils import summary_data_from_transaction_data
from sklearn.metrics import roc_auc_score

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/demo-export"
end = sys.argv[2] if len(sys.argv) > 2 else "2026-10-31"
tx = pd.read_csv(f"{folder}/transactions.csv", parse_dates=["date"])
truth = pd.read_csv(f"{folder}/truth.csv").set_index("customer_id")
tx = tx[tx.customer_id.isin(truth.index)]
s = summary_data_from_transaction_data(tx, "customer_id", "date", observation_period_end=end, freq="D")
bgf = BetaGeoFitter(penalizer_coef=0.0).fit(s["frequency"], s["recency"], s["T"])
print(bgf.params_.to_string())
s["p_alive"] = bgf.conditional_probability_alive(s["frequency"], s["recency"], s["T"])
s = s.join(truth)
repeaters = truth[truth.purchases_per_year > 0]
print(f"mean purchase rate per year: model {bgf.params_['r'] / bgf.params_['alpha'] * 365.25:.2f}, "
      f"truth {repeaters.purchases_per_year.mean():.2f}")
kept = s[s.type != "oneOff"]
print(f"AUC of P(alive) against the true state (one-offs left out): {roc_auc_score(kept['active'], kept['p_alive']):.3f}")
print(s.groupby("type")[["p_alive", "active", "frequency"]].mean().round(3).to_string())
