// The unit picker (places/forms.py): a text box that lists matching units as you type, from the server's
// search (the same candidates the page accepts). Without this script the box is a plain search box that the
// page reads back. Follows the ARIA combobox pattern: arrows move, Enter chooses, Escape closes.
(() => {
  let serial = 0;

  function enhance(box) {
    const input = box.querySelector("input[type=text]");
    if (!input) return;
    const list = document.createElement("ul");
    list.id = `${input.id || "picker-" + ++serial}-options`;
    list.className = "picker-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    let timer = null;
    let asked = 0;

    const options = () => [...list.querySelectorAll("[role=option]:not([aria-disabled])")];
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    const activate = (option) => {
      options().forEach((o) => o.setAttribute("aria-selected", String(o === option)));
      if (option) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    };
    const choose = (option) => {
      input.value = option.dataset.value;
      // A "which one?" choice left from the page would override the box: the box now says which unit.
      box.querySelectorAll(".picker-matches input").forEach((radio) => { radio.checked = false; });
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    };
    const ask = async () => {
      const ticket = ++asked;
      const url = `${box.dataset.picker}&q=${encodeURIComponent(input.value)}`;
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok || ticket !== asked) return; // a later keystroke's answer wins
      list.innerHTML = await response.text();
      list.querySelectorAll("[role=option]").forEach((o, i) => { o.id = `${list.id}-${i}`; });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };

    input.addEventListener("input", () => {
      box.querySelectorAll(".picker-matches input").forEach((radio) => { radio.checked = false; });
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("focus", () => { if (!input.value) ask(); });
    input.addEventListener("keydown", (event) => {
      const all = options();
      const current = all.findIndex((o) => o.getAttribute("aria-selected") === "true");
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { ask(); return; }
        const step = event.key === "ArrowDown" ? 1 : -1;
        activate(all[(current + step + all.length) % all.length]);
      } else if (event.key === "Enter" && !list.hidden && current >= 0) {
        event.preventDefault();
        choose(all[current]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
    list.addEventListener("mousedown", (event) => {
      const option = event.target.closest("[role=option]:not([aria-disabled])");
      if (option) {
        event.preventDefault(); // keep the focus in the box
        choose(option);
      }
    });
  }

  document.querySelectorAll("[data-picker]").forEach(enhance);
})();
