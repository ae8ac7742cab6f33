"""Reference values for Tests/ObhutAnalyticsTests/CLVTests.swift, computed once with lifetimes.

    /tmp/anchors-venv/bin/python Benchmarks/CLV/lifetimes_reference.py

Summary as in anchors/a1_clv.py (CDNOW sample, calibration to 1997-09-30, weeks). Prints the
fitted parameters at full precision and, for a few customers, lifetimes' P(alive), expected
purchases in the 39 holdout weeks, Gamma-Gamma expected spend and 12-month CLV (1 % a month,
freq "W"), each computed with those parameters.
"""
import os
import sys
import warnings

warnings.filterwarnings("ignore")
sys.path.insert(0, os.environ.get("ANCHORS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "anchors")))
from a1_clv import load_sample, summarise  # noqa: E402
from lifetimes import BetaGeoFitter, GammaGammaFitter  # noqa: E402

s = summarise(load_sample())
bgf = BetaGeoFitter(penalizer_coef=0.0).fit(s["frequency"], s["recency"], s["T"])
rep = s[s["frequency"] > 0]
ggf = GammaGammaFitter(penalizer_coef=0.0).fit(rep["frequency"], rep["monetary_value"])
print("bgnbd", {k: repr(float(v)) for k, v in bgf.params_.items()})
print("gammagamma", {k: repr(float(v)) for k, v in ggf.params_.items()})
print("new customer E[N(39)]", repr(float(bgf.expected_number_of_purchases_up_to_time(39.0))))
ids = [1, 2, 3, 18, 157, 1516]
sub = s.loc[ids]
alive = bgf.conditional_probability_alive(sub["frequency"], sub["recency"], sub["T"])
exp39 = bgf.conditional_expected_number_of_purchases_up_to_time(39.0, sub["frequency"], sub["recency"], sub["T"])
spend = ggf.conditional_expected_average_profit(sub["frequency"], sub["monetary_value"])
clv = ggf.customer_lifetime_value(bgf, sub["frequency"], sub["recency"], sub["T"], sub["monetary_value"],
                                  time=12, discount_rate=0.01, freq="W")
for i, c in enumerate(ids):
    print(c, repr(float(sub["frequency"].iloc[i])), repr(float(sub["recency"].iloc[i])), repr(float(sub["T"].iloc[i])),
          repr(float(sub["monetary_value"].iloc[i])), "alive", repr(float(alive[i])), "exp39", repr(float(exp39.iloc[i])),
          "spend", repr(float(spend.iloc[i])), "clv", repr(float(clv.iloc[i])))
