"""bin/bench exports, small: both exports (service deliveries and employment support
referrals) are built through the real service for 10% and all of the synthetic rows,
in CSV and Excel, and the throwaway partners are purged afterwards."""

from django.db import connection

from bench import exports as bench
from tenants.models import Partner


def test_the_bench_builds_both_exports_at_both_sizes_and_cleans_up(db, capsys):
    results = bench.run(rows=1000, repeat=1)
    for dataset in ("deliveries", "employment-referrals"):
        for fmt in ("csv", "xlsx"):
            small, large = results[dataset, fmt, "small"], results[dataset, fmt, "large"]
            assert (small[0], large[0]) == (100, 1000), (dataset, fmt)
            assert large[3] > small[3] > 0  # the files hold the rows
    out = capsys.readouterr().out
    assert "employment-referrals (Bench exports borough)" in out
    assert "seeded 1,000 referrals" in out
    assert not Partner.objects.filter(slug__startswith="bench-exports").exists()
    connection.set_schema_to_public()
