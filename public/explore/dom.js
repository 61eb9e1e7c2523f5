// Small DOM helpers shared by the panels.

export const $ = (id) => document.getElementById(id);

/** Builds an element: h("a", { href }, "text", child…). */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "className") el.className = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/**
 * A schema description as text: its Markdown code spans (`role`) become <code> elements,
 * and nothing else in it is read as markup.
 */
export function describe(text) {
  return String(text)
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) => (/^`[^`]+`$/.test(part) ? h("code", {}, part.slice(1, -1)) : part));
}

/** The same description as plain text, for a tooltip. */
export const plainDescription = (text) => String(text).replace(/`([^`]+)`/g, "$1");

export function setStatus(text, { error = false } = {}) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", error);
}

/** body[data-state] is "loading" or "ready" (the browser tests wait for "ready"). */
export function setBusy(busy) {
  document.body.dataset.state = busy ? "loading" : "ready";
}

/** "1 node", "3 nodes". */
export const count = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;
