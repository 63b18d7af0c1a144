// New poll: choosing a gathering ticks "start from the evaluation template" and suggests a
// title; choosing none unticks it. A title the leader typed is left alone.
(() => {
  const box = document.querySelector("[data-new-poll]");
  if (!box) return;
  const select = box.querySelector("select[name=gathering_id]");
  const title = box.querySelector("input[name=title]");
  const template = box.querySelector("input[name=from_template]");
  if (!select || !title || !template) return;
  const pattern = box.dataset.titlePattern || "{title}";
  const suggestion = () => {
    const option = select.options[select.selectedIndex];
    if (!option || option.value === "0") return "";
    const name = option.text.replace(/^[^:]*:\s*/, "").replace(/\s*\([^)]*\)$/, "");
    return pattern.replace("{title}", name);
  };
  let suggested = title.value.trim() === suggestion() ? title.value : "";
  select.addEventListener("change", () => {
    template.checked = select.value !== "0";
    if (title.value.trim() === "" || title.value === suggested) {
      suggested = suggestion();
      title.value = suggested;
    }
  });
})();
