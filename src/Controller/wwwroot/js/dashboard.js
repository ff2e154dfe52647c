// The technician's screen: one view with everything a treatment needs (state, pressures, setpoint,
// program, gas, the active alarm and its remedy, timers), and other views for the chart and
// engineering figures, the records and the simulator. Live over server-sent events; figures that
// are not live are shown as such. Everything the device decides (ranges, refusals) comes from the
// API, in the page's language; every text comes from the controller's string table.

import { get, post } from './api.js';
import { PressureChart } from './chart.js';
import { SimulatorPanel } from './simulator.js';
import './supplies.js';
import { showDayRoutine } from './dayroutines.js';
import { apply, choose, find, hasTable, language, languages, load, t } from './i18n.js';
import { clock, dateTime, duration, mpa, number, setpoint } from './format.js';

const $ = id => document.getElementById(id);
const STEP_MPA = 0.01;
const STALE_AFTER_MS = 1500;
const chart = new PressureChart($('chart'));
let device = null;
let status = null;
let stream = null;
let lastMessageAt = 0;
let live = false;
let wired = false;
let simulator = null;
let plans = [];

// Read-only hooks for tests and for a curious engineer's console.
window.hydroxy = Object.freeze({
  samples: () => chart.samples.slice(),
  status: () => status,
  live: () => live,
});

// ---- texts ----------------------------------------------------------------------------------

const stateName = state => t(`State.${state}`);
const gasName = gas => t(`Gas.${gas === 'oxygen' ? 'Oxygen' : gas === 'compressor' ? 'Compressor' : 'None'}`);
const programName = name => find(`Program.${name}.Name`) ?? name;
const alarmName = code => find(`Alarm.${code}.Name`) ?? code;
const priorityName = p => t(`Priority.${p[0].toUpperCase()}${p.slice(1)}`);
const regionName = name => find(`Region.${name}`) ?? name;

function applyTexts() {
  apply();
  const other = languages().find(l => l.tag !== language()) ?? { tag: 'en', name: 'English' };
  const button = $('language-name');
  button.textContent = other.name;
  button.lang = other.tag;
  $('language').dataset.language = other.tag;
  $('language').setAttribute('aria-label', `${t('Ui.Language')}: ${other.name}`);
  $('setpoint-down').setAttribute('aria-label', t('Ui.Setpoint.Down', STEP_MPA.toFixed(2)));
  $('setpoint-up').setAttribute('aria-label', t('Ui.Setpoint.Up', STEP_MPA.toFixed(2)));
  chart.labels = { now: t('Ui.Chart.Now'), ago: s => t('Ui.Chart.SecondsAgo', s) };
  chart.requestDraw();
  if (device) fillPrograms();
  loadPlans();
  simulator?.applyTexts();
  if (status) showStatus(status);
  showConnection();
  loadRecords();
}

// ---- views ----------------------------------------------------------------------------------

function showView(view) {
  document.body.dataset.view = view;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.view === view;
    tab.setAttribute('aria-selected', String(selected));
    $(tab.getAttribute('aria-controls')).hidden = !selected;
  }
  if (view === 'details') chart.requestDraw();
  if (view === 'records') loadRecords();
}

// ---- live stream ----------------------------------------------------------------------------

function connect() {
  stream?.close();
  stream = new EventSource('api/stream');
  stream.addEventListener('open', () => heard());
  stream.addEventListener('error', () => {
    setLive(false);
    // A stream the browser gave up on (an error answer while the controller restarts) is opened again.
    if (stream.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
  });
  stream.addEventListener('status', e => { heard(); showStatus(JSON.parse(e.data)); });
  stream.addEventListener('history', e => { heard(); chart.reset(JSON.parse(e.data)); });
  stream.addEventListener('sample', e => { heard(); chart.add(JSON.parse(e.data)); });
}

function heard() {
  lastMessageAt = performance.now();
  if (!live) {
    const wasLost = document.body.classList.contains('stale');
    setLive(true);
    // Back after a loss: the controller may have restarted with another language or programs.
    if (wasLost) refreshDevice();
  }
}

// The stream sends a status twice a second: silence longer than that is a lost connection, even
// when no error arrives (a cable pulled, a controller hung).
setInterval(() => {
  if (live && performance.now() - lastMessageAt > STALE_AFTER_MS) setLive(false);
}, 250);

function setLive(value) {
  live = value;
  document.body.classList.toggle('stale', !value && status !== null);
  showConnection();
}

function showConnection() {
  const badge = $('connection');
  const state = live ? 'live' : status ? 'lost' : 'connecting';
  badge.dataset.state = state;
  const banner = $('stale-banner');
  if (!hasTable()) return;
  $('connection-text').textContent = state === 'live' ? t('Ui.Connection.Live') : state === 'lost' ? t('Ui.Connection.Reconnecting') : t('Ui.Connection.Connecting');
  banner.hidden = state !== 'lost';
  if (state === 'lost') banner.textContent = `${t('Ui.Connection.Lost', clock(status.time))} · ${t('Ui.Connection.Reconnecting')}`;
}

async function refreshDevice() {
  try {
    const [next] = await Promise.all([get('api/device'), load()]);
    device = next;
    applyTexts();
  } catch {
    // Still coming up: the next reconnection tries again.
  }
}

// ---- status ---------------------------------------------------------------------------------

// A faulty sensor's figure is its last good reading: shown struck through and marked, never as live.
function showPressure(id, value, faulty) {
  $(id).textContent = mpa(value);
  $(id).closest('.reading, dd, div').classList.toggle('sensor-fault', faulty);
}

function showStatus(next) {
  const previous = status;
  status = next;
  if (!hasTable()) return;
  const state = $('state');
  state.textContent = stateName(next.state);
  state.dataset.state = next.state;
  showPressure('p-out', next.pressures.outMpa, next.pressures.faulty.includes('out'));
  showPressure('p-bottle', next.pressures.bottleMpa, next.pressures.faulty.includes('bottle'));
  showPressure('p-src', next.pressures.srcMpa, next.pressures.faulty.includes('src'));
  $('session-timer').textContent = next.session.active ? duration(next.session.elapsedS) : t('Ui.Session.NotRunning');
  $('spray-time').textContent = duration(next.session.sprayS);
  $('liquid-used').textContent = number(next.session.liquidUsedMl, 1);
  const loop = next.loop;
  $('loop-timing').textContent = t('Ui.Details.LoopText', loop.rateHz, loop.latenessP99Us.toFixed(0), loop.overruns);
  showBottleWarning(next.bottleUnderPressure);
  showAlarms(next.alarms);
  showSetpoint(next);
  showProgram(next);
  showPlan(next);
  showDayRoutine(next);
  // The plan has ended (its end button, or the device switched off): the treatment's summary.
  if (previous?.plan && !next.plan) showSummary();
  for (const button of document.querySelectorAll('[data-source]')) {
    button.setAttribute('aria-pressed', String(button.dataset.source === next.gasSource));
  }
  $('shutdown').disabled = next.state === 'Off' || next.state === 'ShuttingDown';
  if (previous && previous.session.active !== next.session.active) loadRecords();
  // A new alarm is written to the open session's record as it is raised; show it there without
  // waiting for the periodic refresh (a moment later, once the record writer has stored it).
  if (previous && raisedAlarms(previous) !== raisedAlarms(next)) setTimeout(loadRecords, 300);
}

/** DESIGN §2.5: a bottle that may hold pressure is said on the screen, above any alarm. */
function showBottleWarning(warning) {
  const banner = $('bottle-warning');
  banner.hidden = !warning;
  banner.textContent = warning
    ? t(warning.sensorFaulty ? 'Status.BottleMayBeUnderPressure' : 'Status.BottleUnderPressure', warning.mpa.toFixed(3))
    : '';
}

const raisedAlarms = s => s.alarms.map(a => `${a.code}@${a.since}`).sort().join(' ');

function alarmStatus(alarm) {
  return [t('Ui.Alarms.Since', clock(alarm.since)), alarm.acknowledged ? t('Ui.Alarms.Acknowledged') : null, alarm.active ? null : t('Ui.Alarms.Cleared')]
    .filter(Boolean).join(' · ');
}

function showAlarms(alarms) {
  // The technician's view: the first alarm (highest priority, newest) with what to do about it.
  const current = $('alarm-current');
  const first = alarms[0];
  current.hidden = !first;
  $('no-alarms').hidden = Boolean(first);
  if (!first) {
    for (const key of ['code', 'priority', 'acknowledged']) delete current.dataset[key];
  } else {
    current.dataset.code = first.code;
    current.dataset.priority = first.priority;
    current.dataset.acknowledged = String(first.acknowledged);
    current.querySelector('.priority').textContent = priorityName(first.priority);
    current.querySelector('.alarm-name').textContent = alarmName(first.code);
    current.querySelector('.since').textContent = alarmStatus(first);
    current.querySelector('.remedy').textContent = find(`Alarm.${first.code}.Remedy`) ?? '';
    const more = $('alarm-more');
    more.hidden = alarms.length < 2;
    more.textContent = t('Ui.Alarms.More', alarms.length - 1);
  }
  $('ack').disabled = !alarms.some(a => !a.acknowledged);

  // The details view: every alarm, its meaning and its remedy.
  if (alarms.length === 0) {
    const none = document.createElement('li');
    none.className = 'quiet';
    none.textContent = t('Ui.Alarms.None');
    $('alarms').replaceChildren(none);
    return;
  }
  $('alarms').replaceChildren(...alarms.map(alarm => {
    const item = document.createElement('li');
    item.className = 'alarm';
    item.dataset.code = alarm.code;
    item.dataset.priority = alarm.priority;
    item.dataset.acknowledged = String(alarm.acknowledged);
    const head = document.createElement('div');
    head.className = 'alarm-head';
    const priority = document.createElement('span');
    priority.className = 'priority';
    priority.textContent = priorityName(alarm.priority);
    const name = document.createElement('strong');
    name.textContent = alarmName(alarm.code);
    const since = document.createElement('span');
    since.className = 'since';
    since.textContent = alarmStatus(alarm);
    head.append(priority, name, since);
    const meaning = document.createElement('p');
    meaning.textContent = find(`Alarm.${alarm.code}.Meaning`) ?? '';
    const remedy = document.createElement('p');
    remedy.className = 'remedy';
    remedy.textContent = find(`Alarm.${alarm.code}.Remedy`) ?? '';
    item.append(head, meaning, remedy);
    return item;
  }));
}

function range() {
  return status?.setpointRange ?? device?.setpointLimits ?? { minMpa: 0.3, maxMpa: 0.6 };
}

function rangeText() {
  const r = range();
  const capped = device && r.maxMpa < device.setpointLimits.maxMpa;
  return capped
    ? t('Ui.Setpoint.AllowedCeiling', r.minMpa.toFixed(2), r.maxMpa.toFixed(2), programName(status.program))
    : t('Ui.Setpoint.Allowed', r.minMpa.toFixed(2), r.maxMpa.toFixed(2));
}

function showSetpoint(next) {
  $('setpoint-value').textContent = setpoint(next.setpointMpa);
  $('setpoint-fact').textContent = setpoint(next.setpointMpa);
  $('setpoint-range').textContent = rangeText();
  $('setpoint-dialog-range').textContent = rangeText();
  const r = next.setpointRange;
  $('setpoint-down').disabled = next.setpointMpa <= r.minMpa + 1e-9;
  $('setpoint-up').disabled = next.setpointMpa >= r.maxMpa - 1e-9;
}

function showProgram(next) {
  const select = $('program-select');
  if (document.activeElement !== select) select.value = next.program;
}

function fillPrograms() {
  const select = $('program-select');
  select.replaceChildren(...device.programs.map(p => new Option(`${programName(p.name)} · ${p.setpointMpa.toFixed(2)} MPa`, p.name)));
  if (status) select.value = status.program;
}

// ---- treatment plans ------------------------------------------------------------------------

async function loadPlans() {
  if (!device || !hasTable()) return;
  try {
    ({ plans } = await get('api/plans'));
    fillPlanChoices();
    if (status) showPlan(status);
  } catch {
    // Plans are configuration: the next language change or reconnection loads them again.
  }
}

function fillPlanChoices() {
  $('plan-choices').replaceChildren(...plans.map(plan => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button plan-choice';
    button.dataset.plan = plan.name;
    const name = document.createElement('strong');
    name.className = 'plan-name';
    name.textContent = plan.title;
    const about = document.createElement('span');
    about.className = 'plan-about';
    about.textContent = [t('Ui.Plan.Steps', plan.steps.length), plan.steps.map(s => s.regionTitle).filter((r, i, all) => all.indexOf(r) === i).join(' · ')].join(' — ');
    button.append(name, about);
    button.addEventListener('click', async () => {
      if (await command('plan-start-error', () => post('api/plan/start', { plan: plan.name }))) $('plan-dialog').close();
    });
    return button;
  }));
}

function showPlan(next) {
  const plan = next.plan;
  $('plan-card').hidden = !plan;
  $('plan-step').hidden = !plan;
  $('program-choice').hidden = Boolean(plan);
  $('plan-open').disabled = plans.length === 0;
  if (!plan) return;
  const definition = plans.find(p => p.name === plan.name);
  const step = definition?.steps[plan.step - 1];
  $('plan-progress').textContent = `${definition?.title ?? plan.name} · ${t('Ui.Plan.StepOf', plan.step, plan.steps)}`;
  $('plan-region').textContent = step?.regionTitle ?? regionName(plan.region);
  $('plan-passes').textContent = t('Ui.Plan.Passes', plan.passes);
  $('plan-spray').textContent = t('Ui.Plan.StepSpray', duration(plan.stepSprayS));
  $('plan-guide').textContent = step?.guide ?? '';
  $('plan-card').dataset.region = plan.region;
  $('plan-step').dataset.step = String(plan.step);
  $('plan-previous').disabled = plan.step <= 1;
  const last = plan.step >= plan.steps;
  $('plan-next').textContent = last ? t('Ui.Plan.Finish') : t('Ui.Plan.Next');
  $('plan-next').dataset.last = String(last);
}

async function showSummary() {
  let summary;
  try {
    summary = await get('api/plan/summary');
  } catch {
    return;
  }
  $('summary-title').textContent = t('Ui.Summary.Title', summary.title);
  $('summary-duration').textContent = duration(summary.durationS);
  $('summary-spray').textContent = duration(summary.sprayS);
  $('summary-liquid').textContent = `${number(summary.liquidUsedMl, 1)} ${t('Ui.Unit.Ml')}`;
  $('summary-oxygen').textContent = `${number(summary.oxygenUsedL, 1)} ${t('Ui.Unit.Litre')}`;
  $('summary-regions').replaceChildren(...summary.regions.map(region => {
    const item = document.createElement('li');
    item.dataset.region = region.region;
    const name = document.createElement('span');
    name.textContent = region.regionTitle;
    const time = document.createElement('strong');
    time.textContent = duration(region.sprayS);
    item.append(name, time);
    return item;
  }));
  $('summary-alarms').textContent = summary.alarms.length ? summary.alarms.map(alarmName).join('、') : t('Ui.Summary.NoAlarms');
  const dialog = $('summary-dialog');
  if (!dialog.open) dialog.showModal();
}

function wirePlans() {
  $('plan-open').addEventListener('click', () => {
    $('plan-start-error').textContent = '';
    $('plan-dialog').showModal();
  });
  $('plan-previous').addEventListener('click', () => command('plan-error', () => post('api/plan/previous')));
  $('plan-next').addEventListener('click', () =>
    command('plan-error', () => post($('plan-next').dataset.last === 'true' ? 'api/plan/end' : 'api/plan/next')));
  $('plan-end').addEventListener('click', () => command('plan-error', () => post('api/plan/end')));
}

// ---- controls -------------------------------------------------------------------------------

/** Runs a command and shows the API's refusal (in the page's language) beside the control, or clears it. */
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

/** The next setpoint on the 0.01 MPa grid: a value set between steps (0.305) goes to its neighbour. */
function stepped(value, direction) {
  const hundredths = value * 100;
  const next = direction > 0 ? Math.floor(hundredths + 1e-6) + 1 : Math.ceil(hundredths - 1e-6) - 1;
  const r = range();
  return Math.min(r.maxMpa, Math.max(r.minMpa, next / 100));
}

function wireSetpoint() {
  const dialog = $('setpoint-dialog');
  const input = $('setpoint-input');
  const error = $('setpoint-error');

  for (const [id, direction] of [['setpoint-down', -1], ['setpoint-up', 1]]) {
    $(id).addEventListener('click', () => {
      if (!status) return;
      const value = stepped(status.setpointMpa, direction);
      command('setpoint-note', () => post('api/setpoint', { mpa: value }));
    });
  }

  $('setpoint-edit').addEventListener('click', () => {
    input.value = status ? setpoint(status.setpointMpa) : '';
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    dialog.showModal();
    input.select();
  });
  for (const key of dialog.querySelectorAll('[data-key]')) {
    key.addEventListener('click', () => {
      const k = key.dataset.key;
      input.value = k === 'back' ? input.value.slice(0, -1) : input.value + k;
      input.removeAttribute('aria-invalid');
    });
  }
  $('setpoint-cancel').addEventListener('click', () => dialog.close());
  $('setpoint-form').addEventListener('submit', async e => {
    e.preventDefault();
    const text = input.value.trim();
    const r = range();
    // What cannot be a number is answered here; the range and the program's ceiling by the controller.
    let problem = null;
    if (text === '') problem = t('Ui.Setpoint.Empty', r.minMpa.toFixed(2), r.maxMpa.toFixed(2));
    else if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text.replace('−', '-'))) problem = t('Ui.Setpoint.NotANumber', text, r.minMpa.toFixed(2), r.maxMpa.toFixed(2));
    if (problem) {
      error.textContent = problem;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    const ok = await command('setpoint-error', () => post('api/setpoint', { mpa: Number(text.replace('−', '-')) }));
    input.setAttribute('aria-invalid', String(!ok));
    if (ok) {
      $('setpoint-note').textContent = '';
      dialog.close();
    }
  });
}

function wireControls() {
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => showView(tab.dataset.view));
  wireSetpoint();
  wirePlans();

  const select = $('program-select');
  select.addEventListener('change', async () => {
    const ok = await command('program-error', () => post('api/program', { name: select.value }));
    if (!ok && status) select.value = status.program;
  });

  for (const button of document.querySelectorAll('[data-source]')) {
    button.addEventListener('click', () => command('source-error', () => post('api/source', { source: button.dataset.source })));
  }

  $('ack').addEventListener('click', () => command('ack-error', () => post('api/alarms/ack')));
  $('alarm-more').addEventListener('click', () => showView('details'));

  const dialog = $('shutdown-dialog');
  $('shutdown').addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'confirm') command('ack-error', () => post('api/shutdown'));
  });

  $('language').addEventListener('click', async () => {
    try {
      await choose($('language').dataset.language);
      applyTexts();
    } catch (e) {
      $('ack-error').textContent = e.message;
    }
  });
}

// ---- records --------------------------------------------------------------------------------

async function loadRecords() {
  if (!device || !hasTable()) return;
  if (!device.records) {
    $('records-error').textContent = t('Ui.Records.Unavailable');
    return;
  }
  try {
    const { sessions } = await get('api/sessions?limit=8');
    $('records').replaceChildren(...sessions.map(s => {
      const row = document.createElement('tr');
      const cells = [
        s.id,
        dateTime(s.startedAt),
        duration(s.durationS),
        s.programs.map(programName).join(' › '),
        s.gasSources.map(gasName).join(' › '),
        duration(s.sprayS),
        `${number(s.liquidMl, 1)} ${t('Ui.Unit.Ml')}`,
        s.alarms.length ? s.alarms.map(alarmName).join('、') : '—',
        s.endReason ? find(`Ui.EndReason.${s.endReason}`) ?? s.endReason : t('Ui.Records.Open'),
      ];
      row.dataset.alarms = s.alarms.join(' ');
      row.append(...cells.map(text => {
        const cell = document.createElement('td');
        cell.textContent = String(text);
        return cell;
      }));
      return row;
    }));
    await loadSummary();
    $('records-error').textContent = '';
  } catch (e) {
    $('records-error').textContent = e.message;
  }
}

// The manager's questions: treatments, their time, spraying, liquid, oxygen and alarms per local
// day (newest first) and per program; the server counts the days in the device's time zone.
async function loadSummary() {
  const { days } = await get('api/sessions/summary');
  const rows = [];
  const row = (date, program, f, kind) => {
    const tr = document.createElement('tr');
    tr.className = kind;
    tr.append(...[
      date,
      program,
      f.treatments,
      duration(f.treatmentTimeS),
      duration(f.sprayS),
      `${number(f.liquidMl, 1)} ${t('Ui.Unit.Ml')}`,
      `${number(f.oxygenLitres, 1)} ${t('Ui.Unit.L')}`,
      f.alarms,
    ].map(text => {
      const cell = document.createElement('td');
      cell.textContent = String(text);
      return cell;
    }));
    rows.push(tr);
  };
  for (const day of [...days].reverse()) {
    row(day.date, t('Ui.Daily.AllPrograms'), day.figures, 'summary-day');
    for (const p of day.programs) row('', programName(p.program), p.figures, 'summary-program');
  }
  $('summary').replaceChildren(...rows);
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  try {
    [device] = await Promise.all([get('api/device'), load()]);
  } catch {
    // The controller is not up yet: say so (in the last language kept, if any) and try again.
    if (hasTable()) {
      apply();
      $('stale-banner').textContent = t('Ui.Connection.Unreachable');
      $('stale-banner').hidden = false;
    }
    document.body.classList.remove('loading');
    setTimeout(start, 2000);
    return;
  }
  $('stale-banner').hidden = true;
  $('backend-name').textContent = device.backend;
  if (device.simulated) {
    $('tab-simulator').hidden = false;
    simulator = new SimulatorPanel($('simulator'));
  }
  if (!wired) {
    wired = true;
    wireControls();
  }
  applyTexts();
  document.body.classList.remove('loading');
  connect();
  // The open session's figures are checkpointed every few seconds; the table follows them.
  setInterval(loadRecords, 10000);
  if (simulator) await simulator.start();
}

start();
