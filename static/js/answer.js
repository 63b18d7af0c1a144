// The answer page on a phone. Without this script every question is a plain form that posts and
// comes back; with it, answers are sent in the background (and sent again after a lost
// connection, with whatever is chosen then), rankings are ordered with buttons, and the page
// follows the presenter: it asks every two seconds whether the questions to show have changed.
(() => {
  "use strict";

  const page = document.querySelector("[data-answer-page]");
  if (!page) return;
  const words = page.dataset;
  const region = page.querySelector("[data-questions]");
  const announcer = page.querySelector("[data-announcer]");
  const connection = page.querySelector("[data-connection]");
  const CHECK_EVERY_MS = 2000;
  const RETRY_MAX_MS = 15000;

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

  function announce(message) {
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = message; }, 50);
  }

  // --- sending an answer --------------------------------------------------------------

  const sendButton = (form) => form.querySelector("[data-send-button]");

  function label(form, text) {
    const button = sendButton(form);
    if (!button.dataset.label) button.dataset.label = button.textContent.trim();
    button.textContent = text || button.dataset.label;
  }

  function tell(form, message, tone) {
    const status = form.querySelector("[data-form-status]");
    status.textContent = message;
    if (tone) status.dataset.tone = tone;
    else delete status.dataset.tone;
  }

  async function send(form, attempt = 0) {
    window.clearTimeout(form.retryTimer);
    form.dataset.sending = "now";
    delete form.dataset.dirty; // what is chosen now is what goes
    label(form, words.saving);
    sendButton(form).setAttribute("aria-busy", "true");
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      retry(form, attempt, words.offline);
      return;
    }
    if (response.status >= 500) {
      retry(form, attempt, words.failed);
      return;
    }
    const reply = await response.json().catch(() => null);
    delete form.dataset.sending;
    sendButton(form).removeAttribute("aria-busy");
    if (reply && reply.ok && form.dataset.dirty) {
      label(form);
      tell(form, words.unsent); // changed again while it was on its way
    } else if (reply && reply.ok) {
      label(form, words.saved);
      tell(form, reply.message || words.stored, "success");
    } else {
      label(form);
      tell(form, (reply && reply.message) || words.failed, "danger");
    }
  }

  // Keeps the choice in the form and tries again, sooner when the phone is back online.
  function retry(form, attempt, message) {
    form.dataset.sending = "waiting";
    tell(form, message, "warning");
    const wait = Math.min(CHECK_EVERY_MS * 2 ** attempt, RETRY_MAX_MS);
    form.retryTimer = window.setTimeout(() => send(form, attempt + 1), wait);
  }

  window.addEventListener("online", () => {
    page.querySelectorAll("form[data-sending='waiting']").forEach((form) => send(form));
    check();
  });

  page.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-answer-form]");
    if (!form) return;
    event.preventDefault();
    if (form.dataset.sending === "now") return; // the answer is on its way; it sends what is chosen now
    send(form);
  });

  page.addEventListener("input", changed);
  page.addEventListener("change", changed);

  function changed(event) {
    const form = event.target.closest("form[data-answer-form]");
    if (!form) return;
    if (event.target.matches("[data-counted]")) count(event.target);
    if (form.dataset.sending === "waiting") return; // the next try sends what is chosen now
    form.dataset.dirty = "true";
    if (form.dataset.sending) return;
    label(form);
    tell(form, words.unsent);
  }

  function count(textarea) {
    const counter = textarea.form.querySelector("[data-counter]");
    if (counter) counter.textContent = fill(words.counter, { count: textarea.value.length, max: counter.dataset.max });
  }

  // --- ranking with buttons -----------------------------------------------------------

  function enhanceRanking(box) {
    if (box.dataset.enhanced) return;
    box.dataset.enhanced = "true";
    const places = box.querySelector("[data-ranking-places]");
    const rows = [...places.querySelectorAll("[data-option]")].map((row) => ({
      option: row.dataset.option,
      name: row.querySelector("label").textContent.trim(),
      place: Number(row.querySelector("select").value),
    }));
    rows.sort((a, b) => a.place - b.place);
    const list = document.createElement("ol");
    list.className = "ranking__list";
    for (const row of rows) {
      const item = document.createElement("li");
      item.className = "ranking__row";
      item.dataset.option = row.option;
      item.dataset.name = row.name;
      const name = document.createElement("span");
      name.className = "ranking__name";
      name.textContent = row.name;
      item.append(name, moveButton(-1, "↑", fill(words.moveUp, { option: row.name })),
        moveButton(1, "↓", fill(words.moveDown, { option: row.name })));
      list.append(item);
    }
    places.hidden = true;
    places.querySelectorAll("select").forEach((select) => { select.disabled = true; });
    box.append(list);
    syncOrder(box, list);
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-step]");
      if (!button) return;
      event.preventDefault();
      const item = button.closest("li");
      const step = Number(button.dataset.step);
      const neighbour = step < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (!neighbour) return;
      if (step < 0) list.insertBefore(item, neighbour);
      else list.insertBefore(neighbour, item);
      button.focus();
      syncOrder(box, list);
      const position = [...list.children].indexOf(item) + 1;
      announce(fill(words.moved, { option: item.dataset.name, place: position, count: list.children.length }));
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function moveButton(step, arrow, name) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ds-button ranking__move";
    button.dataset.variant = "secondary";
    button.dataset.step = String(step);
    button.setAttribute("aria-label", name);
    button.textContent = arrow;
    return button;
  }

  // The order goes with the form as repeated `order` fields; the first and last rows say they
  // cannot move further, without taking the button out of reach.
  function syncOrder(box, list) {
    box.querySelectorAll("input[name='order']").forEach((input) => input.remove());
    const items = [...list.children];
    items.forEach((item, index) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "order";
      input.value = item.dataset.option;
      box.append(input);
      item.querySelector("[data-step='-1']").setAttribute("aria-disabled", String(index === 0));
      item.querySelector("[data-step='1']").setAttribute("aria-disabled", String(index === items.length - 1));
    });
  }

  function enhance(root) {
    root.querySelectorAll("[data-ranking]").forEach(enhanceRanking);
    root.querySelectorAll("[data-counted]").forEach(count);
  }

  // --- following the presenter --------------------------------------------------------

  let etag = words.etag;
  let timer = null;
  let stopped = false;
  let failures = 0;

  function schedule(delay = CHECK_EVERY_MS) {
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(check, delay);
  }

  async function check() {
    window.clearTimeout(timer);
    if (stopped) return;
    if (document.hidden) {
      schedule();
      return;
    }
    let response;
    try {
      response = await fetch(words.statusUrl, {
        headers: { Accept: "application/json", "If-None-Match": etag },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      failures += 1;
      if (failures >= 2) connection.textContent = words.offline;
      schedule();
      return;
    }
    failures = 0;
    connection.textContent = "";
    if (response.status === 404 || response.status === 410) {
      const reply = await response.json().catch(() => null);
      finish(reply && reply.message);
      return;
    }
    const tag = response.headers.get("ETag");
    if (response.ok && tag && tag !== etag && (await refresh())) etag = tag;
    schedule();
  }

  // The poll has ended (or is gone): no more forms to send.
  function finish(message) {
    stopped = true;
    region.querySelectorAll("form[data-answer-form]").forEach((form) => {
      form.querySelectorAll("input, select, textarea, button").forEach((field) => { field.disabled = true; });
    });
    if (message) connection.textContent = message;
  }

  // Fetches the page again and swaps in the questions that changed; a question that is still
  // the same keeps its node, so what the participant is choosing or typing stays.
  async function refresh() {
    let response;
    try {
      response = await fetch(words.pageUrl, { headers: { Accept: "text/html" }, credentials: "same-origin", cache: "no-store" });
    } catch (error) {
      return false;
    }
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, "text/html");
    if (!response.ok) {
      const alert = fresh.querySelector("main .ds-alert");
      if (response.status === 404 || response.status === 410) finish(alert && alert.textContent.trim());
      return false;
    }
    const incoming = fresh.querySelector("[data-questions]");
    if (!incoming) return false;
    const focusLost = () => !document.activeElement || document.activeElement === document.body;
    const hadFocus = region.contains(document.activeElement);
    const openBefore = new Set([...region.querySelectorAll("[data-state='open']")].map((node) => node.dataset.question));
    const nodes = [...incoming.children].map((node) => {
      const old = node.dataset.question && region.querySelector(`[data-question="${node.dataset.question}"]`);
      return old && old.dataset.state === node.dataset.state ? old : document.importNode(node, true);
    });
    region.replaceChildren(...nodes);
    enhance(region);
    const added = [...region.querySelectorAll("[data-state='open']")].filter((node) => !openBefore.has(node.dataset.question));
    if (added.length) {
      const heading = added[0].querySelector("h2");
      announce(`${words.newQuestion} ${heading.textContent.trim()}`);
      if (hadFocus && focusLost()) heading.focus();
    } else if (region.querySelector("[data-waiting]")) {
      announce(words.waiting);
    }
    return true;
  }

  enhance(page);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) schedule(0); });
  schedule();
})();
