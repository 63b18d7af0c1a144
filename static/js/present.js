// The presenter's screen: results follow the answers without reloading, the controls are sent
// in place, and the keyboard moves through the questions. Without this script every control
// is a plain form and the page is reloaded by hand.
(() => {
  const INTERVAL_MS = 700;
  const LONGEST_WAIT_MS = 5000;

  const main = document.querySelector("[data-live-url]");
  if (!main) return;
  const liveUrl = main.dataset.liveUrl;
  const lost = document.querySelector("#forbindelse span");
  const note = document.getElementById("melding");
  let stamp = main.dataset.stamp || "";
  let failures = 0;
  let timer = null;
  let controlsSent = 0; // a poll that set out before a control was sent brings an older screen

  // Put the server's new regions in place, keeping focus and open disclosures where they were.
  function render(data) {
    if (data.stamp) stamp = data.stamp;
    const focused = document.activeElement && document.activeElement.id;
    const open = Array.from(document.querySelectorAll("details[open][id]"), (details) => details.id);
    Object.entries(data.html || {}).forEach(([name, html]) => {
      const region = document.getElementById(`skjerm-${name}`);
      if (region) region.innerHTML = html;
    });
    open.forEach((id) => {
      const details = document.getElementById(id);
      if (details) details.open = true;
    });
    if (focused && document.activeElement !== document.getElementById(focused)) {
      const again = document.getElementById(focused);
      if (again && !again.disabled) again.focus({ preventScroll: true });
      else if (document.activeElement === document.body) document.getElementById("styring").focus();
    }
  }

  function say(message, danger) {
    note.replaceChildren();
    if (!message) return;
    const line = document.createElement("p");
    line.className = "ds-paragraph controls__note";
    line.dataset.color = danger ? "danger" : "success";
    line.textContent = message;
    note.append(line);
  }

  function connected(ok) {
    failures = ok ? 0 : failures + 1;
    lost.hidden = ok;
  }

  async function json(response) {
    const type = response.headers.get("Content-Type") || "";
    return type.includes("application/json") ? response.json() : null;
  }

  async function refresh() {
    const sentBefore = controlsSent;
    try {
      const response = await fetch(liveUrl, {
        headers: { Accept: "application/json", "If-None-Match": `"${stamp}"` },
        cache: "no-store",
        credentials: "same-origin",
      });
      if (response.status === 304) {
        connected(true);
      } else if (response.ok) {
        const data = await json(response);
        if (data && sentBefore === controlsSent) render(data);
        connected(Boolean(data));
      } else {
        connected(false);
        const data = await json(response).catch(() => null);
        if (data && data.message) say(data.message, true);
      }
    } catch (error) {
      connected(false);
    }
    const wait = failures ? Math.min(INTERVAL_MS * 2 ** failures, LONGEST_WAIT_MS) : INTERVAL_MS;
    timer = window.setTimeout(refresh, wait);
  }

  // A control is sent in place; its answer is the screen as it now is.
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-control]");
    if (!form || event.defaultPrevented) return;
    event.preventDefault();
    if (form.dataset.sending) return;
    form.dataset.sending = "yes";
    controlsSent += 1;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const data = await json(response).catch(() => null);
      if (data && data.html) render(data);
      say(data && data.message, !response.ok);
      if (!data) say(main.dataset.sendFailed, true);
      connected(true);
    } catch (error) {
      say(main.dataset.sendFailed, true);
    } finally {
      delete form.dataset.sending;
    }
  });

  // → and ← (and a presenter's clicker, which sends Page Down and Page Up) move through the
  // questions; R shows or hides the results.
  const SHORTCUTS = { ArrowRight: "next", PageDown: "next", ArrowLeft: "previous", PageUp: "previous", r: "results", R: "results" };
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    const shortcut = SHORTCUTS[event.key];
    const form = shortcut && document.querySelector(`form[data-shortcut="${shortcut}"]`);
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  });

  // A tab that comes back after sleeping asks at once instead of waiting out its back-off.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    window.clearTimeout(timer);
    refresh();
  });
  window.addEventListener("online", () => {
    window.clearTimeout(timer);
    refresh();
  });

  timer = window.setTimeout(refresh, INTERVAL_MS);
})();
