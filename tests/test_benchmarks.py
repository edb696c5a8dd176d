"""The benchmark suite keeps working (small scale, no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_small_benchmark_run(tmp_path: Path) -> None:
    out = tmp_path / "resultaten.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--schaal", "klein", "--herhaal", "1",
         "--data", str(tmp_path / "data"), "--uit", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    data = json.loads(out.read_text())
    cases = {r["name"]: r for r in data["resultaten"]}
    assert set(cases) == {"signals_all", "worker_caseload", "monitor", "cold_start", "worker_switch",
                          "counts_update", "import", "excel_export"}  # fmt: skip
    for r in cases.values():
        assert "error" not in r, r
        assert r["median_s"] > 0 and r["baseline_s"] > 0 and r["ratio"] > 0
        assert r["peak_rss_mb"] > 10
        assert r["target_met"] in ("ja", "NEE")
    assert cases["worker_caseload"]["uses_index"]
    assert "Schaal: klein" in proc.stdout
