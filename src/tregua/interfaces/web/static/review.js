// The review page's keys (issue #18): j / ArrowDown next, k / ArrowUp previous,
// c confirm, r reject, e correct (focus its first field). Each decision is the item's own
// form, posted as a click would post it. Nothing here reads or writes the token.
"use strict";
(function () {
  // adding by selection: the selected words of the document, as offsets into its text
  const text = document.getElementById("doc-text");
  if (text) {
    const start = document.getElementById("add-start");
    const end = document.getElementById("add-end");
    const shown = document.getElementById("selection");
    const submit = document.getElementById("add-submit");
    document.addEventListener("selectionchange", () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return;
      const range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
      const before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const from = before.toString().length;
      const words = range.toString();
      start.value = String(from);
      end.value = String(from + words.length);
      shown.textContent = words;
      submit.disabled = false;
    });
    // the fields of the kind being added, only
    const kind = document.getElementById("add-kind");
    const fields = () => {
      for (const span of document.querySelectorAll("#add-form [data-for]")) span.hidden = span.dataset.for !== kind.value;
    };
    kind.addEventListener("change", fields);
    fields();
  }
  const items = Array.from(document.querySelectorAll(".review-item"));
  document.body.dataset.ready = "1";
  if (!items.length) return;
  const first = items.find((item) => !item.classList.contains("reviewed")) || items[0];
  first.focus();
  const current = () => document.activeElement.closest(".review-item");
  function move(step) {
    const at = items.indexOf(current());
    const next = items[Math.min(items.length - 1, Math.max(0, (at < 0 ? -1 : at) + step))];
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") return;
    const item = current();
    const form = (action) => item && item.querySelector("form[data-action='" + action + "']");
    if (event.key === "j" || event.key === "ArrowDown") move(1);
    else if (event.key === "k" || event.key === "ArrowUp") move(-1);
    else if (event.key === "c" && form("confirm")) form("confirm").requestSubmit();
    else if (event.key === "r" && form("reject")) form("reject").requestSubmit();
    else if (event.key === "e" && form("correct")) form("correct").querySelector("select, input:not([type=hidden])").focus();
    else return;
    event.preventDefault();
  });
})();
