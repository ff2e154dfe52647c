// The supplies view (DESIGN §2.8): liquid left in the bottle and oxygen left in the cylinder, as the
// controller estimates them; the technician records a refill or a cylinder change here. The wear
// counters against their service intervals are shown; the engineer sets those elsewhere.

import { get, post } from './api.js';
import { hasTable, language, t, TEXTS_LOADED } from './i18n.js';

const $ = id => document.getElementById(id);
const POLL_MS = 5000;

function figure(value, unit) {
  return value === null || value === undefined ? t('Ui.Supplies.Unknown') : `${Math.round(value)} ${unit}`;
}

function show(consumables, maintenance) {
  $('liquid-left').textContent = figure(consumables.bottle.liquidMl, 'mL');
  $('oxygen-left').textContent = figure(consumables.oxygen.litres, 'L');
  const minutes = consumables.oxygen.minutesLeft;
  $('oxygen-minutes').textContent = minutes === null || minutes === undefined ? '' : t('Ui.Supplies.MinutesLeft', Math.round(minutes));
  const notices = [...consumables.notices, ...maintenance.notices];
  $('supply-notices').replaceChildren(...notices.map(n => {
    const li = document.createElement('li');
    li.dataset.code = n.code;
    li.textContent = n.message;
    return li;
  }));
  // What the technician must know during a treatment (liquid low, oxygen will not last, service due)
  // is also one compact line on the treatment view; "not recorded yet" stays in this tab.
  const pressing = notices.filter(n => n.code !== 'BottleNotRecorded' && n.code !== 'CylinderNotRecorded');
  $('tab-supplies').dataset.notices = String(pressing.length > 0);
  const line = $('supply-line');
  line.hidden = pressing.length === 0;
  line.textContent = pressing.map(n => n.message).join(' · ');
  line.title = line.textContent;
  line.dataset.codes = pressing.map(n => n.code).join(' ');
  $('wear-list').replaceChildren(...maintenance.items.map(item => {
    const li = document.createElement('li');
    li.dataset.due = String(item.due);
    const key = `Wear.${item.item[0].toUpperCase()}${item.item.slice(1)}`;
    const value = item.item.endsWith('Hours') ? item.value.toFixed(1) : String(Math.round(item.value));
    li.textContent = `${t(key)}: ${value} / ${item.interval}${item.due ? ` — ${t('Ui.Supplies.Due')}` : ''}`;
    return li;
  }));
}

async function refresh() {
  try {
    const [consumables, maintenance] = await Promise.all([get('api/consumables'), get('api/maintenance')]);
    // Before the first table (a browser that never had one) there is nothing to say it in: the
    // table's arrival fetches again, and the notices then come in its language too.
    if (hasTable()) show(consumables, maintenance);
  } catch {
    // The connection line of the page says when the controller is away; the figures stay as they were.
  }
}

function number(id) {
  const text = $(id).value.trim().replace(',', '.');
  return text === '' ? null : Number(text);
}

const ANSWERS = ['refill-error', 'cylinder-error'];

async function record(form, errorId, path, body) {
  const answer = $(errorId);
  try {
    await post(path, body);
    // Marked with its key, the confirmation follows a language switch like the page's fixed texts.
    answer.dataset.t = 'Ui.Supplies.Recorded';
    answer.textContent = t('Ui.Supplies.Recorded');
    form.reset();
    await refresh();
  } catch (e) {
    delete answer.dataset.t;
    answer.dataset.language = language();
    answer.textContent = e.message;
  }
}

// The controller's refusals come in the language they were asked in: after a switch they go, rather
// than stay in the other language.
function dropAnswersInAnotherLanguage() {
  for (const id of ANSWERS) {
    const answer = $(id);
    if (!answer.dataset.t && answer.dataset.language !== language()) answer.textContent = '';
  }
}

$('refill-form').addEventListener('submit', event => {
  event.preventDefault();
  record(event.target, 'refill-error', 'api/consumables/bottle-refilled', { ml: number('refill-ml') });
});

$('cylinder-form').addEventListener('submit', event => {
  event.preventDefault();
  record(event.target, 'cylinder-error', 'api/consumables/cylinder-changed', { litres: number('cylinder-litres'), mpa: number('cylinder-mpa') });
});

$('tab-supplies').addEventListener('click', refresh);
document.addEventListener(TEXTS_LOADED, () => {
  dropAnswersInAnotherLanguage();
  refresh();
});
setInterval(refresh, POLL_MS);
refresh();
