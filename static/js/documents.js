// The document editor: saves while the team types, keeps what could not be saved in the browser
// until it can be, never overwrites someone else's save, previews Markdown, adds and removes
// table rows and counts words. Every part of the page also works without it.
(() => {
  "use strict";

  const DEBOUNCE_MS = 1500;
  const RETRY_MS = 15000;
  const storeKey = (id) => `verksted:dokument:${id}`;

  // --- The browser's copy of what was typed --------------------------------------------------

  const local = {
    read(id) {
      try {
        const entry = JSON.parse(window.localStorage.getItem(storeKey(id)) || "null");
        return entry && typeof entry === "object" && entry.answers ? entry : null;
      } catch (error) {
        return null;
      }
    },
    write(id, entry) {
      try {
        window.localStorage.setItem(storeKey(id), JSON.stringify(entry));
      } catch (error) {
        // Storage full or switched off: the server copy is all there is.
      }
    },
    forget(id) {
      try {
        window.localStorage.removeItem(storeKey(id));
      } catch (error) {
        // Nothing to forget.
      }
    },
  };

  // A page that settles a conflict (the merge page) no longer needs the browser's copy.
  document.querySelectorAll("[data-clear-draft]").forEach((element) => {
    const forget = () => local.forget(element.dataset.clearDraft);
    element.addEventListener(element.tagName === "FORM" ? "submit" : "click", forget);
  });

  const form = document.getElementById("dokument");
  if (!form) return;

  const submissionId = form.dataset.submission;
  const revisionInput = form.querySelector("[data-revision]");
  const pageRevision = Number(revisionInput.value);
  const status = document.getElementById("lagrestatus");
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  let revision = pageRevision;

  // --- Reading and filling the fields --------------------------------------------------------

  const fieldsOf = () => Array.from(form.querySelectorAll(".doc-field[data-key]"));
  const inputNamed = (field, name) => field.querySelector(`[name="${CSS.escape(name)}"]`);

  function valueOf(field) {
    const key = field.dataset.key;
    switch (field.dataset.kind) {
      case "meeting": {
        const part = (name) => (field.querySelector(`[data-part="${name}"]`) || {}).value || "";
        return { date: part("date"), time: part("time"), place: part("place") };
      }
      case "choice": {
        const checked = field.querySelector("input[type=radio]:checked");
        return checked ? checked.value : "";
      }
      case "table":
        return Array.from(field.querySelectorAll("tr[data-row]")).map((row) =>
          Array.from(row.querySelectorAll("[data-column]")).map((cell) => cell.value));
      default: {
        const input = inputNamed(field, `svar-${key}`);
        return input ? input.value : "";
      }
    }
  }

  function collect() {
    const answers = {};
    fieldsOf().forEach((field) => { answers[field.dataset.key] = valueOf(field); });
    return answers;
  }

  function fill(answers) {
    fieldsOf().forEach((field) => {
      const key = field.dataset.key;
      if (!(key in answers)) return;
      const value = answers[key];
      switch (field.dataset.kind) {
        case "meeting":
          ["date", "time", "place"].forEach((name) => {
            const input = field.querySelector(`[data-part="${name}"]`);
            if (input) input.value = (value && value[name]) || "";
          });
          break;
        case "choice":
          field.querySelectorAll("input[type=radio]").forEach((radio) => { radio.checked = radio.value === value; });
          break;
        case "table": {
          const rows = Array.isArray(value) ? value : [];
          const body = field.querySelector("[data-rows]");
          while (body.querySelectorAll("tr[data-row]").length < Math.max(rows.length, 1)) addRow(field);
          while (body.querySelectorAll("tr[data-row]").length > Math.max(rows.length, 1)) body.lastElementChild.remove();
          body.querySelectorAll("tr[data-row]").forEach((row, r) => {
            row.querySelectorAll("[data-column]").forEach((cell, c) => {
              cell.value = (Array.isArray(rows[r]) && rows[r][c]) || "";
            });
          });
          renumber(field);
          break;
        }
        default: {
          const input = inputNamed(field, `svar-${key}`);
          if (input) input.value = Array.isArray(value) ? value.join("\n") : (value || "");
        }
      }
    });
  }

  // --- Table rows ----------------------------------------------------------------------------

  function renumber(field) {
    const key = field.dataset.key;
    const template = field.dataset.cellLabel || "{kolonne}, {rad}";
    field.querySelectorAll("tr[data-row]").forEach((row, r) => {
      row.querySelectorAll("[data-column]").forEach((cell) => {
        const c = cell.dataset.column;
        cell.name = cell.id = `svar-${key}-${r}-${c}`;
        cell.setAttribute("aria-label", template.replace("{kolonne}", cell.dataset.columnName || "").replace("{rad}", String(r + 1)));
      });
      const remove = row.querySelector("[data-remove-row]");
      if (remove) {
        remove.value = `${key}:${r}`;
        const number = remove.querySelector(".ds-sr-only");
        if (number) number.textContent = ` ${r + 1}`;
      }
    });
  }

  function addRow(field) {
    const body = field.querySelector("[data-rows]");
    const last = body.querySelector("tr[data-row]:last-of-type");
    const row = last.cloneNode(true);
    row.querySelectorAll("[data-column]").forEach((cell) => { cell.value = ""; });
    body.appendChild(row);
    renumber(field);
    return row;
  }

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-add-row]");
    const remove = event.target.closest("[data-remove-row]");
    if (add) {
      event.preventDefault();
      const field = add.closest(".doc-field");
      const row = addRow(field);
      row.querySelector("[data-column]").focus();
      changed();
    } else if (remove) {
      event.preventDefault();
      const field = remove.closest(".doc-field");
      const row = remove.closest("tr[data-row]");
      if (field.querySelectorAll("tr[data-row]").length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("[data-column]").forEach((cell) => { cell.value = ""; });
      }
      renumber(field);
      (field.querySelector("[data-add-row]") || field).focus();
      changed();
    }
  });

  // --- Markdown preview ----------------------------------------------------------------------

  form.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-preview]");
    if (!button) return;
    event.preventDefault();
    const field = button.closest(".doc-field");
    const region = field.querySelector(".doc-preview");
    const body = region.querySelector("[data-preview-body]");
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ text: valueOf(field) }),
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data.message || String(response.status));
      body.innerHTML = data.html; // sanitised by the server (nh3)
    } catch (error) {
      body.textContent = form.dataset.previewFailed;
    }
    region.hidden = false;
  });

  // --- Word count ----------------------------------------------------------------------------

  const wordCount = document.querySelector("[data-word-count]");
  const budgetLine = document.querySelector("[data-word-budget]");
  const overBudget = document.querySelector("[data-over-budget]");
  const isWord = /[\p{L}\p{N}_]/u;

  function countWords() {
    if (!wordCount) return;
    const texts = [];
    const flatten = (value) => {
      if (Array.isArray(value)) value.forEach(flatten);
      else if (value && typeof value === "object") Object.values(value).forEach(flatten);
      else if (value) texts.push(String(value));
    };
    flatten(collect());
    const words = texts.join(" ").split(/\s+/).filter((word) => isWord.test(word)).length;
    wordCount.textContent = String(words);
    const budget = Number(budgetLine && budgetLine.dataset.wordBudget);
    if (overBudget && budget) overBudget.hidden = words <= budget;
  }

  // --- Saving --------------------------------------------------------------------------------

  let timer = null;
  let retryTimer = null;
  let inflight = null;
  let again = false; // typed while a save was on its way
  let pending = false; // typed since the last save that succeeded
  let stopped = false; // a conflict, a deleted request or a locked document: saving waits for the person
  let submitting = false;

  const csrfToken = () => (csrfMeta ? csrfMeta.content : "");

  function say(message) {
    if (status && message) status.textContent = message;
  }

  function remember(answers, extra = {}) {
    local.write(submissionId, { revision, answers, time: Date.now(), ...extra });
  }

  function changed() {
    pending = true;
    remember(collect());
    countWords();
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DEBOUNCE_MS);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  function showFieldErrors(errors) {
    fieldsOf().forEach((field) => {
      const key = field.dataset.key;
      let message = field.querySelector("[data-autosave-error]");
      if (errors[key]) {
        if (!message) {
          message = document.createElement("div");
          message.className = "ds-validation-message";
          message.dataset.autosaveError = "";
          message.dataset.field = "validation";
          message.id = `svar-${key}-autolagring-feil`;
          const label = field.querySelector("legend, label");
          label.insertAdjacentElement("afterend", message);
        }
        message.textContent = errors[key];
      } else if (message) {
        message.remove();
      }
    });
  }

  function keepTrying() {
    if (retryTimer) return;
    retryTimer = window.setInterval(() => {
      if (!pending || stopped) {
        window.clearInterval(retryTimer);
        retryTimer = null;
        return;
      }
      save();
    }, RETRY_MS);
  }

  function failed(answers, message) {
    pending = true;
    remember(answers);
    say(message || form.dataset.unsaved);
    keepTrying();
  }

  // The merge page gets what this person typed: the page as it is now after a conflict, or the
  // browser's copy when restoring text someone else has saved over since.
  const conflictBox = document.getElementById("konflikt");
  let mineForMerge = collect;
  if (conflictBox) {
    conflictBox.querySelector("form").addEventListener("submit", () => {
      conflictBox.querySelector("[data-mine]").value = JSON.stringify(mineForMerge());
    });
  }

  function showConflict(answers = null) {
    if (!conflictBox) return;
    mineForMerge = answers ? () => answers : collect;
    conflictBox.hidden = false;
    conflictBox.scrollIntoView({ block: "nearest" });
  }

  async function send(answers, keepalive) {
    let response;
    try {
      response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        credentials: "same-origin",
        keepalive,
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ revision, answers }),
      });
    } catch (error) {
      failed(answers); // offline, or the server could not be reached
      return;
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    if (response.ok) {
      revision = data.revision;
      revisionInput.value = String(revision);
      showFieldErrors(data.errors || {});
      if (pending) remember(collect());
      else local.forget(submissionId);
      say(Object.keys(data.errors || {}).length ? form.dataset.errors : data.saved_label);
      return;
    }
    if (response.status === 400 && data.csrf_token) {
      // The session was renewed (signed in again in another tab): carry on with its token.
      if (csrfMeta) csrfMeta.content = data.csrf_token;
      form.querySelectorAll("input[name=csrf_token]").forEach((input) => { input.value = data.csrf_token; });
      document.querySelectorAll("form[data-merge-form] input[name=csrf_token]").forEach((input) => { input.value = data.csrf_token; });
      failed(answers, data.message);
      window.setTimeout(() => save(), 1000);
      return;
    }
    if (response.status === 409) {
      stopped = true;
      pending = true;
      remember(answers);
      say(data.message);
      showConflict();
      return;
    }
    if ([403, 404, 410, 423].includes(response.status)) {
      stopped = true;
      pending = true;
      remember(answers);
      say(data.message || form.dataset.unsaved);
      return;
    }
    failed(answers, data.message); // signed out (401) or a server error: keep it and try again
  }

  function save(options = {}) {
    window.clearTimeout(timer);
    if (stopped || !pending) return inflight || Promise.resolve();
    if (inflight) {
      again = true;
      return inflight;
    }
    const answers = collect();
    pending = false;
    say(form.dataset.saving);
    inflight = send(answers, Boolean(options.keepalive)).finally(() => {
      inflight = null;
      if (again) {
        again = false;
        if (pending && !options.keepalive) save();
      }
    });
    return inflight;
  }

  window.addEventListener("online", () => { if (pending) save(); });

  // Leaving the page: send what is unsaved with keepalive, so a closed tab loses nothing.
  const flush = () => {
    if (pending && !submitting && !stopped) save({ keepalive: true });
  };
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(); });
  window.addEventListener("pagehide", flush);

  // Pressing Lagre or Send inn sends the whole form; wait for a save on its way so the form
  // carries the revision that save produced.
  form.addEventListener("submit", (event) => {
    if (event.submitter && (event.submitter.matches("[data-add-row], [data-remove-row], [data-preview]"))) return;
    if (inflight) {
      event.preventDefault();
      const submitter = event.submitter;
      inflight.then(() => form.requestSubmit(submitter));
      return;
    }
    window.clearTimeout(timer);
    submitting = true;
    remember(collect(), { sentByForm: true });
  });

  // --- Coming back to unsaved work -----------------------------------------------------------

  function sameAnswers(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function offerRestore(entry) {
    const box = document.getElementById("gjenopprett");
    if (!box) return;
    const text = box.querySelector("[data-restore-text]");
    const locale = document.documentElement.lang || "nb";
    const time = new Date(entry.time).toLocaleString(locale, { dateStyle: "short", timeStyle: "short" });
    text.textContent = text.dataset.template.replace("{tid}", time);
    box.hidden = false;
    box.querySelector("[data-restore]").addEventListener("click", () => {
      box.hidden = true;
      if (entry.revision === pageRevision) {
        fill(entry.answers);
        changed();
        return;
      }
      // Someone saved after this copy was made: let the person see both and choose.
      showConflict(entry.answers);
      conflictBox.querySelector("form").requestSubmit();
    });
    box.querySelector("[data-discard]").addEventListener("click", () => {
      local.forget(submissionId);
      box.hidden = true;
    });
  }

  const stored = local.read(submissionId);
  if (stored) {
    const current = collect();
    if (sameAnswers(stored.answers, current) || (stored.sentByForm && stored.revision < pageRevision)) {
      local.forget(submissionId);
    } else {
      offerRestore(stored);
    }
  }
  countWords();
})();
