"""The table `bin/bench tenants` prints at the end: a row a size, and each size's ratios
to the first."""

COLUMNS = [
    ("partners", "partners", "{:.0f}"),
    ("clone_s", "clone s", "{:.2f}"),
    ("clone_cpu_s", "clone CPU s", "{:.2f}"),
    ("migrate_s", "migrate s", "{:.1f}"),
    ("migrate_per_partner_s", "s/partner", "{:.3f}"),
    ("migrate_cpu_s", "migrate CPU s", "{:.1f}"),
    ("migrate_step_s", "step s/partner", "{:.4f}"),
    ("me_ms", "{ me } ms", "{:.1f}"),
    ("home_ms", "home ms", "{:.1f}"),
    ("web_rss_mb", "web MB", "{:.0f}"),
    ("session_cache_mb", "pg cache MB", "{:.0f}"),
    ("recycled_cache_mb", "recycled MB", "{:.0f}"),
    ("relations", "relations", "{:.0f}"),
    ("relations_per_partner", "rel/partner", "{:.0f}"),
    ("db_mb", "db MB", "{:.0f}"),
    ("db_mb_per_partner", "MB/partner", "{:.1f}"),
]


def print_table(rows: list[dict]) -> None:
    print(" | ".join(label for _, label, _ in COLUMNS))
    for row in rows:
        print(" | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS))
    if len(rows) > 1:
        first = rows[0]
        for row in rows[1:]:
            ratios = ", ".join(
                f"{label} {row[key] / first[key]:.2f}x"
                for key, label, _ in COLUMNS[1:]
                if first[key]
            )
            print(f"ratio {row['partners']} / {first['partners']} partners: {ratios}")
    print(
        "targets: clone <= 2 s at 1,000 partners; { me } and home <= 1.15x the first size; "
        "no-op migrate <= 0.05 s a partner (s/partner is the whole run over the partners, a\n"
        "fixed start-up of several seconds included; step s/partner is what each partner adds)"
    )
