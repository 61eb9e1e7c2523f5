// What the panels ask for when a button in them is pressed. The panels name an intent and
// main.js says which action carries it out, so a panel never imports the actions that in
// turn redraw it.

const handlers = new Map();

/** Says which function carries out the intent `name`. */
export function onIntent(name, handler) {
  handlers.set(name, handler);
}

/** Asks for the intent `name`; answers what its handler answers. */
export function intent(name, ...args) {
  const handler = handlers.get(name);
  if (!handler) throw new Error(`no handler for the intent "${name}"`);
  return handler(...args);
}
