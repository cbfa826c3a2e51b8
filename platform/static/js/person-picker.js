// Person pickers: as you type in a search box marked data-person-search, ask the one
// search (POST, so what is typed stays out of URLs and logs) and offer what it found in
// the <select>s it names (their ids, space-separated: a group session's rows share one
// box), or as checkboxes in a checkbox list it names (a consultation's people).
// data-offer="engagements" asks for the open engagements of the people found instead.
// Without JavaScript the box's "Find" button does the same as a plain search step, so
// this only saves a round trip.
const DELAY_MS = 250;

// The box's own form may be a plain search (GET, no token): any form's token will do.
function csrfToken(form) {
  const input =
    (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
    document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

// A list: those found go first (after its "Choose…" line), new ones added; those an
// earlier search added go unless chosen.
function offer(select, results) {
  const kept = select.value;
  for (const option of [...select.options]) {
    if (option.value && option.value !== kept && option.dataset.found) option.remove();
  }
  const first = select.options[0];
  let place = first && !first.value ? first.nextSibling : select.firstChild;
  for (const found of results) {
    let option = [...select.options].find((o) => o.value === found.id);
    if (!option) {
      option = new Option(described(found), found.id);
      option.dataset.found = "1";
    }
    select.insertBefore(option, place);
    place = option.nextSibling;
  }
}

function described(found) {
  return `${found.label} – matched ${found.matched.join(", ")}`;
}

// A checkbox list (data-name: the field): those found are added to tick; ticked ones stay.
function offerChecks(list, results) {
  for (const item of [...list.querySelectorAll("[data-found]")]) {
    if (!item.querySelector("input").checked) item.remove();
  }
  list.querySelectorAll(":scope > p").forEach((none) => none.remove());
  const present = new Set([...list.querySelectorAll("input")].map((i) => i.value));
  for (const found of results) {
    if (present.has(found.id)) continue;
    const item = document.createElement("div");
    item.className = "govuk-checkboxes__item";
    item.dataset.found = "1";
    const input = document.createElement("input");
    Object.assign(input, { className: "govuk-checkboxes__input", type: "checkbox" });
    Object.assign(input, { name: list.dataset.name, value: found.id });
    input.id = `${list.id}-${found.id}`;
    const label = document.createElement("label");
    label.className = "govuk-label govuk-checkboxes__label";
    label.htmlFor = input.id;
    label.textContent = described(found);
    item.append(input, label);
    list.append(item);
  }
}

function attach(box) {
  const selects = box.dataset.personSearch
    .split(/\s+/)
    .map((id) => document.getElementById(id))
    .filter(Boolean);
  const status = document.getElementById(box.id + "-status");
  if (!selects.length) return;
  const engagements = box.dataset.offer === "engagements";
  const what = engagements ? ["open engagement", "open engagements"] : ["person", "people"];
  const ticked = selects.some((t) => t.tagName !== "SELECT");
  const choose = ticked ? "tick them above" : "choose from the list";
  let timer = null;
  let asked = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = box.value.trim();
      if (query.length < 2) return;
      const mine = ++asked;
      const body = new URLSearchParams({ q: query });
      if (box.dataset.offer) body.set("offer", box.dataset.offer);
      const response = await fetch(box.dataset.endpoint, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(box.form) },
        body,
        credentials: "same-origin",
      });
      if (!response.ok || mine !== asked) return;
      const { results } = await response.json();
      selects.forEach((target) =>
        target.tagName === "SELECT" ? offer(target, results) : offerChecks(target, results),
      );
      if (status) {
        status.textContent = results.length
          ? `${results.length} ${what[results.length === 1 ? 0 : 1]} found: ${choose}.`
          : "Nobody found.";
      }
    }, DELAY_MS);
  });
}

document.querySelectorAll("input[data-person-search]").forEach(attach);
