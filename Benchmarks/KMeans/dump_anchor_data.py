"""Writes the matrices of anchors/a3_kmeans.py as raw little-endian float64 (row-major) for the
k-means benchmark: blobs_1e6x8.f64 (seed 7), normal_1e6x8.f64 (seed 8), rfm_23570x3.f64.
Usage: python dump_anchor_data.py OUTDIR   (needs the anchors venv)"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "anchors"))
import a3_kmeans  # noqa: E402

out = sys.argv[1]
rng = np.random.default_rng(7)
centres = rng.normal(0.0, 5.0, size=(8, 8))
lab = rng.integers(0, 8, size=1_000_000)
blobs = centres[lab] + rng.normal(size=(1_000_000, 8))
noise = np.random.default_rng(8).standard_normal((1_000_000, 8))
_, rfm = a3_kmeans.rfm()
for name, x in (("blobs_1e6x8", blobs), ("normal_1e6x8", noise), ("rfm_23570x3", rfm)):
    np.ascontiguousarray(x, dtype="<f8").tofile(os.path.join(out, name + ".f64"))
    print(name, x.shape)
