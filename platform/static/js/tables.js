// Tables reflow on narrow screens (casebridge.scss): each cell shows its column's name.
// Here every body cell gets that name as data-label, from the header of its column
// (colspans counted), and each part of the table gets its role back explicitly, since
// the display:block of the narrow layout would hide it from assistive technology.
const roles = [
  ["table", "table"],
  ["thead, tbody, tfoot", "rowgroup"],
  ["tr", "row"],
  ["thead th", "columnheader"],
  ["tbody th", "rowheader"],
  ["td", "cell"],
];

function columnNames(table) {
  const headerRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
  const names = [];
  if (!headerRow) return names;
  for (const cell of headerRow.cells) {
    const name = cell.textContent.trim().replace(/\s+/g, " ");
    for (let i = 0; i < cell.colSpan; i += 1) names.push(name);
  }
  return names;
}

function label(table) {
  for (const [selector, role] of roles) {
    for (const element of [table, ...table.querySelectorAll(selector)]) {
      if (element.matches(selector) && element.closest("table") === table) {
        element.setAttribute("role", role);
      }
    }
  }
  const names = columnNames(table);
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        const name = names[column];
        if (name && !cell.hasAttribute("data-label") && cell.colSpan < names.length) {
          cell.setAttribute("data-label", name);
        }
        column += cell.colSpan;
      }
    }
  }
}

for (const table of document.querySelectorAll("table.govuk-table")) label(table);
