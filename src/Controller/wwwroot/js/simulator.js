// The testers' panel, shown with the simulator backend only: a hold-to-spray virtual foot pedal
// (touch, mouse or the space bar), the power switch and fault injection.

import { get, post } from './api.js';
import { find, t } from './i18n.js';

const LEASE_S = 1;
const RENEW_MS = 300;

const faultName = name => find(`Fault.${name}`) ?? name;
const targetName = name => find(`FaultTarget.${name}`) ?? name;

function editable(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

export class SimulatorPanel {
  constructor(root) {
    this.root = root;
    this.pedal = root.querySelector('#pedal');
    this.power = root.querySelector('#power');
    this.kind = root.querySelector('#fault-kind');
    this.target = root.querySelector('#fault-target');
    this.value = root.querySelector('#fault-value');
    this.valueLabel = root.querySelector('#fault-value-label');
    this.valueHint = root.querySelector('#fault-value-hint');
    this.error = root.querySelector('#fault-error');
    this.active = root.querySelector('#faults-active');
    this.down = false;
    this.spaceHeld = false;
    this.renewTimer = 0;
    this.powerOn = true;
    this.catalog = [];
    this.injected = [];
  }

  /** Puts the current language's texts into what this panel builds itself. */
  applyTexts() {
    this.pedal.querySelector('.pedal-title').textContent = t(this.down ? 'Ui.Sim.PedalActive' : 'Ui.Sim.Pedal');
    this.power.textContent = t('Ui.Sim.Power', t(this.powerOn ? 'Ui.Sim.On' : 'Ui.Sim.Off'));
    const kind = this.kind.value;
    this.kind.replaceChildren(...this.catalog.map(f => new Option(faultName(f.name), f.name)));
    if (kind) this.kind.value = kind;
    this.fitFaultFields();
    this.showInjected(this.injected);
  }

  async start() {
    this.root.hidden = false;
    this.wirePedal();
    this.power.addEventListener('click', () => this.togglePower());
    this.kind.addEventListener('change', () => this.fitFaultFields());
    this.root.querySelector('#fault-form').addEventListener('submit', e => {
      e.preventDefault();
      this.inject();
    });
    this.root.querySelector('#fault-clear').addEventListener('click', () => this.clear(this.kind.value, this.target.value || undefined));
    const catalog = await get('api/sim/faults');
    this.catalog = catalog.faults;
    this.injected = catalog.injected;
    this.applyTexts();
  }

  // ---- pedal ------------------------------------------------------------------------------

  wirePedal() {
    const pedal = this.pedal;
    // Pointer events carry touch, pen and mouse alike; the touch events are handled too, so that a
    // panel whose driver sends touches only (and a finger held still, which some browsers turn into
    // a long-press) still works the pedal.
    pedal.addEventListener('pointerdown', e => {
      if (e.button !== 0) return;
      e.preventDefault();
      pedal.setPointerCapture(e.pointerId);
      this.press();
    });
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) {
      pedal.addEventListener(type, () => this.release());
    }
    pedal.addEventListener('touchstart', e => {
      e.preventDefault();
      this.press();
    }, { passive: false });
    for (const type of ['touchend', 'touchcancel']) {
      pedal.addEventListener(type, e => {
        if (e.touches.length === 0) this.release();
      });
    }
    pedal.addEventListener('contextmenu', e => e.preventDefault());
    // Keyboard users hold Enter on the focused button, everyone else the space bar.
    pedal.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.repeat) this.press();
    });
    pedal.addEventListener('keyup', e => {
      if (e.key === 'Enter') this.release();
    });
    document.addEventListener('keydown', e => {
      if (e.code !== 'Space' || editable(e.target)) return;
      e.preventDefault();
      if (!e.repeat) {
        this.spaceHeld = true;
        this.press();
      }
    });
    document.addEventListener('keyup', e => {
      if (e.code !== 'Space' || !this.spaceHeld) return;
      e.preventDefault();
      this.spaceHeld = false;
      this.release();
    });
    // A foot that leaves the page leaves the pedal.
    window.addEventListener('blur', () => this.release());
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) this.release();
    });
  }

  press() {
    if (this.down) return;
    this.down = true;
    this.pedal.setAttribute('aria-pressed', 'true');
    this.pedal.querySelector('.pedal-title').textContent = t('Ui.Sim.PedalActive');
    this.sendPedal(true);
    // The press is a lease: renewed while held, it lapses by itself if this page goes away.
    this.renewTimer = setInterval(() => this.sendPedal(true), RENEW_MS);
  }

  release() {
    if (!this.down) return;
    this.down = false;
    clearInterval(this.renewTimer);
    this.pedal.setAttribute('aria-pressed', 'false');
    this.pedal.querySelector('.pedal-title').textContent = t('Ui.Sim.Pedal');
    this.sendPedal(false);
  }

  sendPedal(down) {
    post('api/sim/pedal', down ? { down: true, leaseS: LEASE_S } : { down: false })
      .then(() => { this.error.textContent = ''; })
      .catch(e => { this.error.textContent = e.message; });
  }

  // ---- power ------------------------------------------------------------------------------

  async togglePower() {
    const on = !this.powerOn;
    try {
      await post('api/sim/power', { on });
      this.powerOn = on;
      this.power.setAttribute('aria-pressed', String(on));
      this.power.textContent = t('Ui.Sim.Power', t(on ? 'Ui.Sim.On' : 'Ui.Sim.Off'));
      this.error.textContent = '';
    } catch (e) {
      this.error.textContent = e.message;
    }
  }

  // ---- faults -----------------------------------------------------------------------------

  fitFaultFields() {
    const fault = this.catalog.find(f => f.name === this.kind.value);
    this.target.replaceChildren();
    if (fault && !fault.targetRequired) this.target.append(new Option(t(fault.targets.length ? 'Ui.Sim.All' : 'Ui.Sim.NoTarget'), ''));
    for (const target of fault?.targets ?? []) this.target.append(new Option(targetName(target), target));
    this.target.disabled = !fault || fault.targets.length === 0;
    const takesValue = Boolean(fault?.value);
    this.valueLabel.hidden = !takesValue;
    this.value.disabled = !takesValue;
    this.valueHint.textContent = takesValue ? t('Ui.Sim.ValueHint', fault.value) : '';
  }

  async inject() {
    const body = { fault: this.kind.value };
    if (this.target.value) body.target = this.target.value;
    if (!this.value.disabled) body.value = this.value.value === '' ? null : Number(this.value.value);
    try {
      await post('api/sim/fault', body);
      this.error.textContent = '';
      await this.refresh();
    } catch (e) {
      this.error.textContent = e.message;
    }
  }

  async clear(fault, target) {
    try {
      await post('api/sim/fault/clear', target ? { fault, target } : { fault });
      this.error.textContent = '';
      await this.refresh();
    } catch (e) {
      this.error.textContent = e.message;
    }
  }

  async refresh() {
    this.injected = (await get('api/sim/faults')).injected;
    this.showInjected(this.injected);
  }

  showInjected(injected) {
    this.active.replaceChildren(...injected.map(f => {
      const item = document.createElement('li');
      const name = [faultName(f.fault), f.target ? targetName(f.target) : null, f.value ?? null].filter(x => x !== null && x !== undefined).join(' · ');
      item.dataset.fault = f.fault;
      item.append(name);
      const clear = document.createElement('button');
      clear.type = 'button';
      clear.textContent = '×';
      clear.title = t('Ui.Sim.ClearOne', name);
      clear.setAttribute('aria-label', t('Ui.Sim.ClearOne', name));
      clear.addEventListener('click', () => this.clear(f.fault, f.target ?? undefined));
      item.append(clear);
      return item;
    }));
  }
}
