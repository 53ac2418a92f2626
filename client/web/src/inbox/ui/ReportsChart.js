/**
 * One chart of the Reports page, drawn by uPlot (canvas, 22 KB gzipped, in the Reports
 * chunk only) in the inbox's dark colours (styles.css variables), with a tooltip that
 * follows the pointer or the arrow keys, and a table of the same numbers: shown by the
 * "Table" toggle, and always what screen readers get (the canvas is only an image to them).
 */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { formatValue, tableRows } from '../reports.js';

/** The series colours: accent, amber, green, red (all readable on --main). */
const PALETTE = ['--accent', '--note-text', '--ok', '--danger'];

function cssVar(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** A tooltip over the plot: the x label and each series' value at the cursor. */
function tooltipPlugin(shape, kind) {
  let tip = null;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart-tip';
        tip.setAttribute('aria-hidden', 'true');
        tip.hidden = true;
        u.over.append(tip);
      },
      setCursor: (u) => {
        const i = u.cursor.idx;
        if (i == null || u.cursor.left == null || u.cursor.left < 0) {
          tip.hidden = true;
          return;
        }
        const head = document.createElement('strong');
        head.textContent = shape.labels[i];
        const lines = shape.series.map((s, n) => {
          const line = document.createElement('div');
          const mark = document.createElement('span');
          mark.className = 'chart-tip-mark';
          mark.style.background = u.series[n + 1].stroke();
          line.append(mark, `${s.label}: ${formatValue(s.values[i], kind)}`);
          return line;
        });
        tip.replaceChildren(head, ...lines);
        tip.hidden = false;
        const width = u.over.clientWidth;
        const left = u.cursor.left + 12;
        tip.style.left = `${left + 160 > width ? Math.max(0, u.cursor.left - 172) : left}px`;
        tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
      },
    },
  };
}

function optionsOf(shape, width, height, kind) {
  const text = cssVar('--text-2', '#b1b4b8');
  const grid = cssVar('--border-soft', '#2c2f33');
  const font = `12px ${cssVar('--font', 'system-ui')}`;
  const bars = shape.kind === 'bar';
  const n = shape.series.length;
  const axis = { stroke: text, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const x = bars
    ? {
        ...axis,
        grid: { show: false },
        splits: () => shape.labels.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => shape.labels[i] ?? ''),
      }
    : { ...axis };
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    scales: {
      x: bars ? { time: false, range: () => [-0.5, shape.labels.length - 0.5] } : { time: true },
      y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
    },
    axes: [x, { ...axis, size: 50, values: (_u, splits) => splits.map((v) => formatValue(v, kind)) }],
    series: [
      {},
      ...shape.series.map((s, i) => {
        const color = cssVar(PALETTE[i % PALETTE.length], '#4a9eff');
        return bars
          ? {
              label: s.label,
              stroke: color,
              fill: color,
              width: 0,
              paths: uPlot.paths.bars({ size: [0.7 / n, 48], align: n === 1 ? 0 : i === 0 ? -1 : 1 }),
              points: { show: false },
            }
          : { label: s.label, stroke: color, width: 2, points: { show: shape.xs.length < 40 } };
      }),
    ],
    plugins: [tooltipPlugin(shape, kind)],
  };
}

/** The numbers a chart draws, as a table (the first column the x labels). */
export function ChartTable({ shape, title, kind, xLabel, hidden = false, testid }) {
  return html`<table class=${`report-table ${hidden ? 'visually-hidden' : ''}`} data-testid=${testid}>
    <caption class="visually-hidden">${title}</caption>
    <thead><tr><th scope="col">${xLabel}</th>${shape.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}</tr></thead>
    <tbody>
      ${tableRows(shape).map(
        ([label, ...values]) =>
          html`<tr><th scope="row">${label}</th>${values.map((v) => html`<td class="num" data-value=${v ?? ''}>${formatValue(v, kind)}</td>`)}</tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * A chart with its "Chart / Table" toggle. `kind` formats the values ('count' | 'minutes'
 * | 'rate'); `xLabel` heads the table's first column.
 */
export function Chart({ shape, title, kind = 'count', xLabel = '', height = 220, testid }) {
  const [view, setView] = useState('chart');
  const box = useRef(null);
  const plot = useRef(null);
  const cursor = useRef(-1);
  const empty = !shape.labels.length;

  useEffect(() => {
    if (view !== 'chart' || empty || !box.current) return undefined;
    const width = box.current.clientWidth || 600;
    const xs = shape.kind === 'bar' ? shape.labels.map((_, i) => i) : shape.xs;
    const u = new uPlot(optionsOf(shape, width, height, kind), [xs, ...shape.series.map((s) => s.values)], box.current);
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const w = box.current?.clientWidth;
      if (w && w !== u.width) u.setSize({ width: w, height });
    });
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape, view, height, kind, empty]);

  /** Arrow keys move the tooltip from point to point (the pointer's job for keyboards). */
  function onKeyDown(e) {
    const u = plot.current;
    if (!u || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const last = shape.labels.length - 1;
    cursor.current = Math.min(last, Math.max(0, cursor.current + (e.key === 'ArrowRight' ? 1 : -1)));
    const x = shape.kind === 'bar' ? cursor.current : shape.xs[cursor.current];
    const top = u.valToPos(shape.series[0].values[cursor.current] ?? 0, 'y');
    u.setCursor({ left: u.valToPos(x, 'x'), top });
  }

  return html`<figure class="report-chart" data-testid=${testid}>
    <figcaption class="report-chart-head">
      <span class="report-chart-title">${title}</span>
      <div class="segmented" role="group" aria-label=${`${title}: show as`}>
        ${[
          ['chart', 'Chart'],
          ['table', 'Table'],
        ].map(
          ([value, label]) =>
            html`<button type="button" class=${`segment ${view === value ? 'on' : ''}`} aria-pressed=${view === value}
              onClick=${() => setView(value)} data-testid=${`${testid}-${value}`}>${label}</button>`,
        )}
      </div>
    </figcaption>
    ${
      empty
        ? html`<p class="muted small report-empty">Nothing in this period.</p>`
        : html`${
            view === 'chart' &&
            html`<div class="report-canvas" ref=${box} tabIndex="0" role="img" onKeyDown=${onKeyDown}
              aria-label=${`${title}: a chart; the left and right arrows move between its points, the table holds the same numbers`}
              onBlur=${() => {
                cursor.current = -1;
                plot.current?.setCursor({ left: -10, top: -10 });
              }}></div>`
          }
          <${ChartTable} shape=${shape} title=${title} kind=${kind} xLabel=${xLabel} hidden=${view === 'chart'} testid=${`${testid}-data`} />`
    }
  </figure>`;
}
