// The review page's keys (issue #18): j / ArrowDown next, k / ArrowUp previous,
// c confirm, r reject, e correct (focus its first field). Each decision is the item's own
// form, posted as a click would post it. Nothing here reads or writes the token.
"use strict";
(function () {
  const items = Array.from(document.querySelectorAll(".review-item"));
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
  document.body.dataset.ready = "1";
})();
