// The screen's texts: the controller's string table (GET /api/ui/strings), the same resources the
// API's messages come from. The last table is kept in the browser, so that a page that loses the
// controller still speaks the device's language.

import { get, post } from './api.js';

const STORE = 'hydroxy.strings';
let table = { language: 'en', strings: {}, languages: [], scope: 'device' };

try {
  const kept = JSON.parse(localStorage.getItem(STORE) ?? 'null');
  if (kept?.strings) table = kept;
} catch {
  // Nothing kept, or storage refused: the page waits for the controller.
}

/** The text of a key, with {0}, {1}… replaced by the arguments. */
export function t(key, ...args) {
  const text = table.strings[key];
  if (text === undefined) {
    console.error(`no text for ${key}`);
    return key;
  }
  return args.length ? text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? '')) : text;
}

/** The text of a key, or null where the table has none (a configured program without an entry). */
export function find(key) {
  return table.strings[key] ?? null;
}

export const language = () => table.language;
export const scope = () => table.scope;
export const languages = () => table.languages;
export const hasTable = () => Object.keys(table.strings).length > 0;

/** Dispatched on document whenever a table has loaded: views that render on their own timers redraw in it. */
export const TEXTS_LOADED = 'hydroxy:texts';

/** Loads the table for this browser (the device's language on its own screen). */
export async function load() {
  table = await get('api/ui/strings');
  try {
    localStorage.setItem(STORE, JSON.stringify(table));
  } catch {
    // A full or disabled storage only loses the offline copy.
  }
  document.dispatchEvent(new Event(TEXTS_LOADED));
  return table;
}

/** Switches the language (the device's on its own screen, this browser's elsewhere) and reloads the table. */
export async function choose(tag) {
  await post('api/ui/language', { language: tag });
  return load();
}

/** Puts the table's texts into the page: data-t (text), data-t-aria (aria-label), and <html lang>. */
export function apply(root = document) {
  document.documentElement.lang = table.language;
  for (const element of root.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  for (const element of root.querySelectorAll('[data-t-aria]')) element.setAttribute('aria-label', t(element.dataset.tAria));
}
