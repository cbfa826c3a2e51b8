"""What every crawled page must pass, for any browser test: no sideways scroll at 320 px,
no overlapping chart labels, no duplicate ids, a title naming the page and the partner,
and no axe violation."""

from pathlib import Path

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTH = 320

# Runs in the page: what a person at 320 px and a screen-reader user would trip over.
PAGE_CHECKS = """() => {
  const ids = {};
  for (const element of document.querySelectorAll("[id]")) {
    ids[element.id] = (ids[element.id] || 0) + 1;
  }
  // Chart labels as drawn: no two texts of one chart overlap (an SVG scales as a whole,
  // so apart here means apart at every width).
  const overlapping = [];
  for (const svg of document.querySelectorAll(".cb-chart svg")) {
    const boxes = [...svg.querySelectorAll("text")].map((t) => [t.textContent, t.getBoundingClientRect()]);
    boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) {
        overlapping.push(`${a} / ${b}`);
      }
    }));
  }
  return {
    overlapping,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    title: document.title,
    duplicateIds: Object.keys(ids).filter((id) => ids[id] > 1),
  };
}"""
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def problems_on(page, url, partner_name) -> list[str]:
    problems = []
    facts = page.evaluate(PAGE_CHECKS)
    if facts["scrollWidth"] > facts["clientWidth"]:
        problems.append(
            f"{url}: scrolls sideways at {WIDTH} px "
            f"(scrollWidth {facts['scrollWidth']} > {facts['clientWidth']})"
        )
    if facts["overlapping"]:
        problems.append(f"{url}: chart labels overlap: {facts['overlapping']}")
    if facts["duplicateIds"]:
        problems.append(f"{url}: duplicate ids {facts['duplicateIds']}")
    title = facts["title"]
    first = title.split(" – ")[0].strip()
    if not first or first == partner_name or partner_name not in title:
        problems.append(f"{url}: the title {title!r} does not name the page and the partner")
    page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(AXE_RUN):
        problems.append(
            f"{url}: axe {violation['id']} ({violation['impact']}): {violation['help']} "
            f"at {violation['targets']}"
        )
    return problems
