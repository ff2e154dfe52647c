// The daily routines (DESIGN §2.8): the start-of-day check and the end-of-day purge, started from the
// Supplies tab; what they ask of the technician (hold the foot switch, clean the pen) shows on the
// treatment view too, with a large stop / done button. Each run's result, with its reason, is listed.

import { get, post } from './api.js';
import { t } from './i18n.js';
import { dateTime } from './format.js';

const $ = id => document.getElementById(id);
let lastRuns = null;

function describe(routine) {
  return `${t(routine.kind === 'startOfDayCheck' ? 'Day.StartOfDayCheck' : 'Day.EndOfDayPurge')}: ${routine.prompt || routine.reason}`;
}

/** Called with every status: the prompt card on the treatment view and the state of the buttons. */
export function showDayRoutine(status) {
  const routine = status.dayRoutine ?? null;
  const asking = Boolean(routine && (routine.running || routine.step === 'cleanPen'));
  const card = $('day-card');
  card.hidden = !asking;
  card.dataset.waiting = String(Boolean(routine?.waitingForPedal));
  card.dataset.step = routine?.step ?? '';
  if (asking) {
    $('day-prompt').textContent = describe(routine);
    $('day-card-stop').textContent = t(routine.running ? 'Day.Stop' : 'Day.Done');
  }
  $('day-now').textContent = routine ? describe(routine) : '';
  $('day-now').dataset.result = routine?.result ?? '';
  $('day-stop').hidden = !asking;
  $('day-stop').textContent = t(routine?.running === false ? 'Day.Done' : 'Day.Stop');
  $('day-check').disabled = asking;
  $('day-purge').disabled = asking;
  const runs = routine?.running === false ? `${routine.kind}@${routine.endedAt}` : null;
  if (runs && runs !== lastRuns) {
    lastRuns = runs;
    loadRuns();
  }
}

export async function loadRuns() {
  try {
    const answer = await get('api/day-routines');
    const items = answer.runs.slice(0, 6).map(run => {
      const li = document.createElement('li');
      li.dataset.result = run.result;
      li.textContent = `${dateTime(run.endedAt)} · ${describe(run)}`;
      return li;
    });
    if (items.length === 0) {
      const li = document.createElement('li');
      li.textContent = t('Day.None');
      items.push(li);
    }
    $('day-runs').replaceChildren(...items);
  } catch {
    // The page's connection line says when the controller is away.
  }
}

async function send(path) {
  $('day-error').textContent = '';
  try {
    await post(path);
  } catch (e) {
    $('day-error').textContent = e.message;
  }
}

$('day-check').addEventListener('click', () => send('api/day-routines/check'));
$('day-purge').addEventListener('click', () => send('api/day-routines/purge'));
$('day-stop').addEventListener('click', () => send('api/day-routines/stop'));
$('day-card-stop').addEventListener('click', () => send('api/day-routines/stop'));
$('tab-supplies').addEventListener('click', loadRuns);
loadRuns();
