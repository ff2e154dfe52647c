// Number and time formats of the screen, in the page's language (the browser's Intl does the
// culture's part; pressures keep the device's fixed decimals).

import { language } from './i18n.js';

export function mpa(value) {
  return Number.isFinite(value) ? value.toFixed(3) : '—';
}

/** A setpoint with the precision it was set with: 0.45 as 0.45, 0.305 as 0.305. */
export function setpoint(value) {
  if (!Number.isFinite(value)) return '—';
  for (const digits of [2, 3]) {
    if (Math.abs(Number(value.toFixed(digits)) - value) < 1e-6) return value.toFixed(digits);
  }
  return value.toFixed(4);
}

/** A duration as m:ss, or h:mm:ss from an hour on. */
export function duration(seconds) {
  if (!Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** hh:mm:ss in the page's language, 24-hour: what a treatment room's clock says. */
export function clock(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime())
    ? ''
    : new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(time);
}

export function dateTime(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime())
    ? ''
    : new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(time);
}

export function number(value, digits) {
  return Number.isFinite(value)
    ? new Intl.NumberFormat(language(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
    : '—';
}
