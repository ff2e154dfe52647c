// The technician's dashboard: live status and chart over server-sent events, the treatment
// controls, alarms and session records. Everything the device decides (ranges, refusals) comes
// from the API; the page shows the API's own messages rather than guessing them.

import { get, post } from './api.js';
import { PressureChart } from './chart.js';
import { SimulatorPanel } from './simulator.js';
import { capitalize, clock, dateTime, duration, mpa } from './format.js';

const $ = id => document.getElementById(id);
const chart = new PressureChart($('chart'));
let device = null;
let status = null;
let setpointDirty = false;

// Read-only hooks for tests and for a curious engineer's console.
window.hydroxy = Object.freeze({
  samples: () => chart.samples.slice(),
  status: () => status,
});

// ---- live stream ----------------------------------------------------------------------------

function connect() {
  const stream = new EventSource('api/stream');
  stream.addEventListener('open', () => setConnection('live', 'live'));
  stream.addEventListener('error', () => setConnection('lost', 'connection lost — reconnecting…'));
  stream.addEventListener('status', e => showStatus(JSON.parse(e.data)));
  stream.addEventListener('history', e => chart.reset(JSON.parse(e.data)));
  stream.addEventListener('sample', e => chart.add(JSON.parse(e.data)));
}

function setConnection(state, text) {
  const badge = $('connection');
  badge.dataset.state = state;
  badge.textContent = text;
}

// ---- status ---------------------------------------------------------------------------------

// A faulty sensor's figure is its last good reading: shown struck through and marked, never as live.
function showPressure(id, value, faulty) {
  const field = $(id);
  field.textContent = mpa(value);
  field.closest('dd').classList.toggle('sensor-fault', faulty);
}

function showStatus(next) {
  const previous = status;
  status = next;
  const state = $('state');
  state.textContent = next.state;
  state.dataset.state = next.state;
  $('program-name').textContent = capitalize(next.program) || '—';
  $('gas-name').textContent = capitalize(next.gasSource);
  $('setpoint-value').textContent = next.setpointMpa.toFixed(2);
  showPressure('p-out', next.pressures.outMpa, next.pressures.faulty.includes('out'));
  showPressure('p-bottle', next.pressures.bottleMpa, next.pressures.faulty.includes('bottle'));
  showPressure('p-src', next.pressures.srcMpa, next.pressures.faulty.includes('src'));
  $('session-timer').textContent = next.session.active ? duration(next.session.elapsedS) : 'not running';
  $('spray-time').textContent = duration(next.session.sprayS);
  $('liquid-used').textContent = next.session.liquidUsedMl.toFixed(1);
  const loop = next.loop;
  $('loop-timing').textContent = `${loop.rateHz} Hz, late ≤ ${loop.latenessP99Us.toFixed(0)} µs (p99), ${loop.overruns} overruns`;
  showAlarms(next.alarms);
  showSetpoint(next);
  showProgram(next);
  for (const button of document.querySelectorAll('[data-source]')) {
    button.setAttribute('aria-pressed', String(button.dataset.source === next.gasSource));
  }
  $('shutdown').disabled = next.state === 'Off' || next.state === 'ShuttingDown';
  if (previous && previous.session.active !== next.session.active) loadRecords();
  // A new alarm is written to the open session's record as it is raised; show it there without
  // waiting for the periodic refresh (a moment later, once the record writer has stored it).
  if (previous && raisedAlarms(previous) !== raisedAlarms(next)) setTimeout(loadRecords, 300);
}

const raisedAlarms = s => s.alarms.map(a => `${a.code}@${a.since}`).sort().join(' ');

function showAlarms(alarms) {
  const list = $('alarms');
  list.replaceChildren(...alarms.map(alarm => {
    const item = document.createElement('li');
    item.className = 'alarm';
    item.dataset.code = alarm.code;
    item.dataset.priority = alarm.priority;
    item.dataset.acknowledged = String(alarm.acknowledged);
    const priority = document.createElement('span');
    priority.className = 'priority';
    priority.textContent = alarm.priority;
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = alarm.code;
    const since = document.createElement('span');
    since.className = 'since';
    since.textContent = `${clock(alarm.since)}${alarm.acknowledged ? ' · acknowledged' : ''}${alarm.active ? '' : ' · cleared'}`;
    item.append(priority, code, since);
    return item;
  }));
  $('no-alarms').hidden = alarms.length > 0;
  $('ack').disabled = !alarms.some(a => !a.acknowledged);
}

function showSetpoint(next) {
  const input = $('setpoint-input');
  const range = next.setpointRange;
  input.min = range.minMpa.toFixed(2);
  input.max = range.maxMpa.toFixed(2);
  $('setpoint-range').textContent = `allowed ${range.minMpa.toFixed(2)}–${range.maxMpa.toFixed(2)} MPa` +
    (range.maxMpa < (device?.setpointLimits.maxMpa ?? range.maxMpa) ? ` (ceiling of program ${next.program})` : '');
  if (!setpointDirty && document.activeElement !== input) input.value = next.setpointMpa.toFixed(2);
}

function showProgram(next) {
  const select = $('program-select');
  if (document.activeElement !== select) select.value = next.program;
  const program = device?.programs.find(p => p.name === next.program);
  $('program-description').textContent = program
    ? `${program.description}${program.requiresOxygen ? ' · oxygen only' : ''}`
    : '';
}

// ---- controls -------------------------------------------------------------------------------

/** Runs a command and shows the API's refusal beside the control, or clears it. */
async function command(errorId, action) {
  const error = $(errorId);
  try {
    const answer = await action();
    error.textContent = '';
    if (answer?.status) showStatus(answer.status);
    return true;
  } catch (e) {
    error.textContent = e.message;
    return false;
  }
}

function wireControls() {
  const input = $('setpoint-input');
  input.addEventListener('input', () => { setpointDirty = true; });
  const applySetpoint = async () => {
    const value = input.value.trim() === '' ? null : Number(input.value);
    const ok = await command('setpoint-error', () => post('api/setpoint', { mpa: value }));
    input.setAttribute('aria-invalid', String(!ok));
    if (ok) setpointDirty = false;
  };
  $('setpoint-form').addEventListener('submit', e => {
    e.preventDefault();
    applySetpoint();
  });
  for (const [id, step] of [['setpoint-down', -0.01], ['setpoint-up', 0.01]]) {
    $(id).addEventListener('click', () => {
      const base = Number.isFinite(Number(input.value)) && input.value !== '' ? Number(input.value) : status?.setpointMpa ?? 0;
      input.value = (Math.round((base + step) * 100) / 100).toFixed(2);
      setpointDirty = true;
      applySetpoint();
    });
  }

  const select = $('program-select');
  for (const program of device.programs) {
    select.append(new Option(`${program.name} — ${program.setpointMpa.toFixed(2)} MPa`, program.name));
  }
  select.addEventListener('change', async () => {
    const ok = await command('program-error', () => post('api/program', { name: select.value }));
    if (!ok && status) select.value = status.program;
    if (ok) setpointDirty = false;
  });

  for (const button of document.querySelectorAll('[data-source]')) {
    button.addEventListener('click', () => command('source-error', () => post('api/source', { source: button.dataset.source })));
  }

  $('ack').addEventListener('click', () => command('ack-error', () => post('api/alarms/ack')));

  const dialog = $('shutdown-dialog');
  $('shutdown').addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'confirm') command('shutdown-error', () => post('api/shutdown'));
  });
}

// ---- records --------------------------------------------------------------------------------

async function loadRecords() {
  if (!device?.records) {
    $('records-error').textContent = 'Session records are not available on this device.';
    return;
  }
  try {
    const { sessions } = await get('api/sessions?limit=5');
    $('records').replaceChildren(...sessions.map(s => {
      const row = document.createElement('tr');
      const cells = [
        s.id,
        dateTime(s.startedAt),
        duration(s.durationS),
        s.programs.join(' › '),
        s.gasSources.join(' › '),
        duration(s.sprayS),
        `${s.liquidMl.toFixed(1)} mL`,
        s.alarms.length ? s.alarms.join(', ') : '—',
        s.endReason ?? 'open',
      ];
      row.append(...cells.map(text => {
        const cell = document.createElement('td');
        cell.textContent = String(text);
        return cell;
      }));
      return row;
    }));
    $('records-error').textContent = '';
  } catch (e) {
    $('records-error').textContent = e.message;
  }
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  try {
    device = await get('api/device');
  } catch {
    setConnection('lost', 'controller not reachable — retrying…');
    setTimeout(start, 2000);
    return;
  }
  if (device.simulated) {
    const badge = $('backend');
    badge.textContent = 'SIMULATOR';
    badge.hidden = false;
  }
  wireControls();
  connect();
  loadRecords();
  // The open session's figures are checkpointed every few seconds; the table follows them.
  setInterval(loadRecords, 10000);
  if (device.simulated) await new SimulatorPanel($('simulator')).start();
}

start();
