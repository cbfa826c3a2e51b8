// Person pickers: as you type in a search box marked data-person-search, ask the one
// search (POST, so what is typed stays out of URLs and logs) and offer the people found
// in the <select> it names. Without JavaScript the box's "Find" button does the same
// as a plain search step, so this only saves a round trip.
const DELAY_MS = 250;

function csrfToken(form) {
  const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function attach(box) {
  const select = document.getElementById(box.dataset.personSearch);
  const status = document.getElementById(box.id + "-status");
  if (!select) return;
  let timer = null;
  let asked = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = box.value.trim();
      if (query.length < 2) return;
      const mine = ++asked;
      const body = new URLSearchParams({ q: query });
      const response = await fetch(box.dataset.endpoint, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(box.form) || csrfToken(select.form) },
        body,
        credentials: "same-origin",
      });
      if (!response.ok || mine !== asked) return;
      const { results } = await response.json();
      const kept = select.value;
      for (const option of [...select.options]) {
        if (option.value && option.value !== kept && option.dataset.found) option.remove();
      }
      const present = new Set([...select.options].map((o) => o.value));
      for (const person of results) {
        if (present.has(person.id)) continue;
        const option = new Option(`${person.label} – matched ${person.matched.join(", ")}`, person.id);
        option.dataset.found = "1";
        select.add(option);
      }
      if (status) {
        status.textContent = results.length
          ? `${results.length} ${results.length === 1 ? "person" : "people"} found: choose from the list.`
          : "Nobody found.";
      }
    }, DELAY_MS);
  });
}

document.querySelectorAll("input[data-person-search]").forEach(attach);
