// A small canvas chart of the last minute of pressures: no library, nothing fetched.
// P_out is drawn with its min–max band (each point covers 50 ms of the loop) so that short dips,
// such as the one at the start of spraying, stay visible however the points fall on pixels.

const WINDOW_S = 60;
const MAX_MPA = 0.8;
const COLOURS = {
  grid: 'rgba(255,255,255,0.08)',
  axis: '#93a1b1',
  out: '#4fa3ff',
  outBand: 'rgba(79,163,255,0.30)',
  bottle: '#66bb6a',
  src: '#ffa726',
  setpoint: '#f5f5f5',
};

export class PressureChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.samples = [];
    this.pending = false;
    this.labels = { now: 'now', ago: s => `−${s} s` };
    new ResizeObserver(() => this.requestDraw()).observe(canvas);
  }

  /** Replaces the data (a new connection's history). */
  reset(samples) {
    this.samples = samples.slice();
    this.requestDraw();
  }

  add(sample) {
    const last = this.samples[this.samples.length - 1];
    if (last && sample.t < last.t) {
      // The controller restarted: its loop clock starts again from zero.
      this.samples = [];
    }
    this.samples.push(sample);
    const oldest = sample.t - WINDOW_S;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop].t < oldest) drop++;
    if (drop > 0) this.samples.splice(0, drop);
    this.requestDraw();
  }

  requestDraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = this.context;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    const left = 52, right = 12, top = 10, bottom = 26;
    const plotW = width - left - right;
    const plotH = height - top - bottom;
    const now = this.samples.length ? this.samples[this.samples.length - 1].t : 0;
    const x = t => left + plotW * (1 - (now - t) / WINDOW_S);
    const y = mpa => top + plotH * (1 - Math.max(0, Math.min(MAX_MPA, mpa)) / MAX_MPA);

    this.drawAxes(g, left, top, plotW, plotH, y);
    if (this.samples.length === 0) return;

    g.save();
    g.beginPath();
    g.rect(left, top, plotW, plotH);
    g.clip();

    // P_out's band: out along the maxima, back along the minima.
    g.beginPath();
    this.samples.forEach((s, i) => (i ? g.lineTo(x(s.t), y(s.outMaxMpa)) : g.moveTo(x(s.t), y(s.outMaxMpa))));
    for (let i = this.samples.length - 1; i >= 0; i--) g.lineTo(x(this.samples[i].t), y(this.samples[i].outMinMpa));
    g.closePath();
    g.fillStyle = COLOURS.outBand;
    g.fill();

    this.line(g, x, y, s => s.srcMpa, COLOURS.src, 2);
    this.line(g, x, y, s => s.bottleMpa, COLOURS.bottle, 2);
    this.line(g, x, y, s => s.setpointMpa, COLOURS.setpoint, 1.5, [6, 5]);
    this.line(g, x, y, s => s.outMpa, COLOURS.out, 2.5);
    g.restore();

    canvas.dataset.lastT = String(now);
    canvas.dataset.points = String(this.samples.length);
  }

  drawAxes(g, left, top, plotW, plotH, y) {
    g.font = '12px "Noto Sans CJK SC", "WenQuanYi Zen Hei", system-ui, sans-serif';
    g.fillStyle = COLOURS.axis;
    g.strokeStyle = COLOURS.grid;
    g.lineWidth = 1;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let mpa = 0; mpa <= MAX_MPA + 1e-9; mpa += 0.1) {
      const yy = Math.round(y(mpa)) + 0.5;
      g.beginPath();
      g.moveTo(left, yy);
      g.lineTo(left + plotW, yy);
      g.stroke();
      g.fillText(mpa.toFixed(1), left - 8, yy);
    }
    g.save();
    g.translate(14, top + plotH / 2);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'center';
    g.fillText('MPa', 0, 0);
    g.restore();
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (let s = 0; s <= WINDOW_S; s += 10) {
      const xx = Math.round(left + plotW * (1 - s / WINDOW_S)) + 0.5;
      g.beginPath();
      g.moveTo(xx, top);
      g.lineTo(xx, top + plotH);
      g.stroke();
      g.fillText(s === 0 ? this.labels.now : this.labels.ago(s), xx, top + plotH + 7);
    }
  }

  line(g, x, y, value, colour, width, dash = []) {
    g.beginPath();
    this.samples.forEach((s, i) => (i ? g.lineTo(x(s.t), y(value(s))) : g.moveTo(x(s.t), y(value(s)))));
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.lineJoin = 'round';
    g.setLineDash(dash);
    g.stroke();
    g.setLineDash([]);
  }
}
