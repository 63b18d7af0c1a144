// The feedback form's "Sett inn frase": puts a saved phrase into the text where the cursor is.
// Without script the phrases are listed below the form to copy.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-insert-into]").forEach((select) => {
    const target = document.getElementById(select.dataset.insertInto);
    if (!target) return;
    select.closest("[data-phrase-picker]").hidden = false;
    select.addEventListener("change", () => {
      const phrase = select.value;
      if (!phrase) return;
      const start = target.selectionStart ?? target.value.length;
      const end = target.selectionEnd ?? start;
      const before = target.value.slice(0, start);
      const spacer = before && !/\s$/.test(before) ? " " : "";
      target.value = before + spacer + phrase + target.value.slice(end);
      const caret = before.length + spacer.length + phrase.length;
      target.focus();
      target.setSelectionRange(caret, caret);
      select.value = "";
    });
  });
});
