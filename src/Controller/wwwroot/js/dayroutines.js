// The daily routines (DESIGN §2.8): the start-of-day check and the end-of-day purge, started from the
// Supplies tab; what they ask of the technician (hold the foot switch, clean the pen) shows on the
// treatment view too, with a large stop / done button. Each run's result, with its reason, is listed.

import { get, post } from './api.js';
import { hasTable, t, TEXTS_LOADED } from './i18n.js';
import { dateTime } from './format.js';

const $ = id => document.getElementById(id);
let lastEnded = null;

const routineName = kind => t(kind === 'startOfDayCheck' ? 'Day.StartOfDayCheck' : 'Day.EndOfDayPurge');

// The prompt is made here from the step (the status stream is not in this page's language); the
// result's reason, with its figures, comes from GET /api/day-routines, which answers in it.
function prompt(routine) {
  switch (routine.step) {
    case 'supply': return t('Day.Step.Supply');
    case 'charge': return t('Day.Step.Charge');
    case 'nozzle': return t(routine.waitingForPedal ? 'Day.Step.Nozzle.Hold' : 'Day.Step.Nozzle');
    case 'venting': return t(routine.waitingForPedal ? 'Day.Step.Venting.Hold' : 'Day.Step.Venting');
    case 'cleanPen': return t('Day.Step.CleanPen');
    default: return '';
  }
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
    $('day-prompt').textContent = `${routineName(routine.kind)}: ${prompt(routine)}`;
    $('day-card-stop').textContent = t(routine.running ? 'Day.Stop' : 'Day.Done');
  }
  $('day-stop').hidden = !asking;
  $('day-stop').textContent = t(routine?.running === false ? 'Day.Done' : 'Day.Stop');
  $('day-check').disabled = asking;
  $('day-purge').disabled = asking;
  if (routine?.running) {
    $('day-now').textContent = `${routineName(routine.kind)}: ${prompt(routine)}`;
    $('day-now').dataset.result = 'running';
  }
  const ended = routine?.running === false ? `${routine.kind}@${routine.endedAt}` : null;
  if (ended && ended !== lastEnded) {
    lastEnded = ended;
    loadRuns();
  }
}

export async function loadRuns() {
  try {
    const answer = await get('api/day-routines');
    // The reasons come in the table's language: with no table yet, its arrival loads the runs again.
    if (!hasTable()) return;
    const current = answer.current;
    if (current && !current.running) {
      $('day-now').textContent = `${routineName(current.kind)}: ${current.reason}`;
      $('day-now').dataset.result = current.result;
    }
    const items = answer.runs.slice(0, 6).map(run => {
      const li = document.createElement('li');
      li.dataset.result = run.result;
      li.textContent = `${dateTime(run.endedAt)} · ${routineName(run.kind)}: ${run.reason}`;
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
document.addEventListener(TEXTS_LOADED, loadRuns);
loadRuns();
