// Number and time formats of the dashboard.

export function mpa(value) {
  return Number.isFinite(value) ? value.toFixed(3) : '—';
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

export function clock(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? '' : time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function dateTime(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? '' : time.toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
}

export function capitalize(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
