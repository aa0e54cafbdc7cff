// The article editor: progressive enhancement of the body's <textarea>, which works on its own without
// JavaScript. Shows a contenteditable area and the toolbar the template rendered (hidden); on submit, the
// area's HTML is written back into the textarea. The server sanitises whatever arrives: this file is a
// convenience, not a gate. No inline scripts or handlers (the Content-Security-Policy forbids them).
(() => {
  "use strict";

  const ALLOWED = {
    P: [], BR: [], STRONG: [], EM: [], B: [], I: [], U: [], H2: [], H3: [], H4: [], UL: [], OL: [], LI: [],
    BLOCKQUOTE: [], A: ["href", "title"], IMG: ["src", "alt", "width", "height"], FIGURE: [], FIGCAPTION: [],
  };
  const DROP = new Set(["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "TEMPLATE", "NOSCRIPT", "SVG", "MATH"]);
  const SAFE_LINK = /^(https?:|mailto:)/i;
  const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

  // Keep only the markup the server keeps, so what the editor shows is close to what will be published.
  function clean(node) {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) continue;
      if (child.nodeType !== Node.ELEMENT_NODE) { child.remove(); continue; }
      const tag = child.tagName.toUpperCase();
      if (DROP.has(tag)) { child.remove(); continue; }
      clean(child);
      if (!(tag in ALLOWED)) { child.replaceWith(...child.childNodes); continue; }
      for (const attr of Array.from(child.attributes)) {
        if (!ALLOWED[tag].includes(attr.name.toLowerCase())) child.removeAttribute(attr.name);
      }
      const href = child.getAttribute("href");
      if (href !== null && !SAFE_LINK.test(href.trim())) child.removeAttribute("href");
      const src = child.getAttribute("src");
      if (src !== null && HAS_SCHEME.test(src.trim()) && !/^https?:/i.test(src.trim())) child.removeAttribute("src");
    }
  }

  // Parsed in an inert document (nothing runs or loads there), cleaned, then brought into the page.
  function safeNodes(html) {
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, "text/html");
    clean(doc.body);
    return Array.from(doc.body.childNodes).map((node) => document.importNode(node, true));
  }

  function currentBlock(editable) {
    let node = window.getSelection().anchorNode;
    while (node && node !== editable) {
      if (node.nodeType === Node.ELEMENT_NODE && /^(P|H2|H3|H4|BLOCKQUOTE|LI)$/.test(node.tagName)) return node;
      node = node.parentNode;
    }
    return null;
  }

  function enhance(area) {
    const toolbar = document.querySelector(`[data-editor-for="${area.id}"]`);
    if (!toolbar || typeof document.execCommand !== "function") return;
    const label = area.form.querySelector(`label[for="${area.id}"]`);
    const editable = document.createElement("div");
    editable.className = "editor-area";
    editable.contentEditable = "true";
    editable.setAttribute("role", "textbox");
    editable.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || `${area.id}-label`;
      editable.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", (event) => { event.preventDefault(); editable.focus(); });
    }
    editable.replaceChildren(...safeNodes(area.value));
    if (!editable.textContent.trim() && !editable.querySelector("img")) editable.innerHTML = "<p><br></p>";
    area.after(editable);
    area.hidden = true;
    toolbar.hidden = false;
    document.execCommand("defaultParagraphSeparator", false, "p");

    const sync = () => { if (area.hidden) area.value = editable.innerHTML; };
    editable.addEventListener("input", sync);
    editable.addEventListener("paste", (event) => {  // pasted text arrives plain: no office-suite markup
      event.preventDefault();
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    });
    area.form.addEventListener("submit", sync);

    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-command]");
      if (!button) return;
      event.preventDefault();
      const command = button.dataset.command;
      if (command === "source") {
        if (area.hidden) { sync(); } else { editable.replaceChildren(...safeNodes(area.value)); }
        area.hidden = !area.hidden;
        editable.hidden = !area.hidden;
        button.setAttribute("aria-pressed", String(!area.hidden));
        (area.hidden ? editable : area).focus();
        return;
      }
      if (!area.hidden) return;  // formatting acts on the visual editor only
      editable.focus();
      if (command === "bold" || command === "italic") {
        document.execCommand(command);
      } else if (command === "heading" || command === "quote") {
        const tag = command === "heading" ? "H2" : "BLOCKQUOTE";
        const block = currentBlock(editable);
        document.execCommand("formatBlock", false, block && block.tagName === tag ? "<p>" : `<${tag.toLowerCase()}>`);
      } else if (command === "list") {
        document.execCommand("insertUnorderedList");
      } else if (command === "link") {
        const url = (window.prompt(button.dataset.prompt || "URL", "https://") || "").trim();
        if (!url || url === "https://") return;
        if (!SAFE_LINK.test(url)) { window.alert(button.dataset.refused || "http, https or mailto"); return; }
        document.execCommand("createLink", false, url);
      }
      sync();
    });
  }

  document.querySelectorAll("textarea[data-rich-editor]").forEach(enhance);
})();
