/**
 * The Reports page (agents and admins; its own chunk, loaded when opened): a date range,
 * then one section per report of `GET /v1/reports/{name}` (volume, AI, team, CSAT,
 * knowledge gaps), each headline figure compared with the previous period, every chart
 * with a table of the same numbers, and a CSV of each report (`?format=csv`). A knowledge
 * gap's "Draft an article" opens the knowledge-base editor pre-filled (state.kbDraft).
 */

import { html } from 'htm/preact';
import { useMemo, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { navigate } from '../actions.js';
import { api, download } from '../http.js';
import {
  channelBars,
  compare,
  csatBars,
  dateText,
  formatValue,
  gapDraft,
  handoverBars,
  hourGrid,
  RANGE_PRESETS,
  REPORTS,
  rangeOf,
  reportQuery,
  volumeSeries,
  WEEKDAYS,
} from '../reports.js';
import { isAdminRole } from '../settings/pages.js';
import { store, toastError } from '../state.js';
import { Icon, Spinner } from './common.js';
import { Chart } from './ReportsChart.js';
import { ErrorNote, useLoad } from './settings/kit.js';

/** The range the page showed last (it opens again on it). */
let lastChoice = { preset: '30', from: '', to: '' };

export function Reports() {
  const [choice, setChoice] = useState(lastChoice);
  const range = useMemo(() => rangeOf(choice.preset, new Date(), choice), [choice]);
  const [applied, setApplied] = useState(range.error ? rangeOf('30', new Date()) : range);
  function choose(next) {
    lastChoice = next;
    setChoice(next);
    const r = rangeOf(next.preset, new Date(), next);
    if (!r.error) setApplied(r);
  }
  const query = useMemo(() => reportQuery(applied), [applied]);
  const shownUntil = new Date(applied.until.getTime() - 1);

  return html`<section class="pane main-pane reports" data-testid="reports" aria-labelledby="reports-title">
    <div class="reports-page">
      <header class="reports-head">
        <div>
          <h1 id="reports-title" tabIndex="-1">Reports</h1>
          <p class="muted small" data-testid="reports-range-text">
            ${dateText(applied.since)} to ${dateText(shownUntil)}, compared with the ${Math.round((applied.until - applied.since) / 86_400_000)} days before
          </p>
        </div>
        <div class="reports-range">
          <div class="segmented" role="group" aria-label="Date range">
            ${RANGE_PRESETS.map(
              (
                p,
              ) => html`<button type="button" class=${`segment ${choice.preset === p.id ? 'on' : ''}`} aria-pressed=${choice.preset === p.id}
                data-testid=${`reports-range-${p.id}`}
                onClick=${() => choose({ ...choice, preset: p.id, from: choice.from || dateText(applied.since), to: choice.to || dateText(shownUntil) })}>${p.label}</button>`,
            )}
          </div>
          ${
            choice.preset === 'custom' &&
            html`<div class="reports-custom">
            <label>From <input type="date" value=${choice.from} data-testid="reports-from"
              onChange=${(e) => choose({ ...choice, from: e.currentTarget.value })} /></label>
            <label>To <input type="date" value=${choice.to} data-testid="reports-to"
              onChange=${(e) => choose({ ...choice, to: e.currentTarget.value })} /></label>
          </div>`
          }
          ${range.error && html`<${ErrorNote} error=${range.error} testid="reports-range-error" />`}
        </div>
      </header>
      <nav class="reports-nav" aria-label="Report sections">
        ${REPORTS.map((r) => html`<a href=${`#report-${r.name}`} onClick=${jump(r.name)}>${r.title}</a>`)}
      </nav>
      ${REPORTS.map((r) => html`<${ReportSection} key=${r.name} report=${r} query=${query} />`)}
    </div>
  </section>`;
}

/** In-page links without moving the hash (the hash is the route). */
function jump(name) {
  return (e) => {
    e.preventDefault();
    const target = document.getElementById(`report-${name}`);
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector('h2')?.focus();
  };
}

const BODIES = { volume: Volume, ai: Ai, team: Team, csat: Csat, gaps: Gaps };

function ReportSection({ report, query }) {
  const resource = useLoad(() => api(`/v1/reports/${report.name}`, { query }), [report.name, query]);
  const [saving, setSaving] = useState(false);
  const Body = BODIES[report.name];
  async function csv() {
    setSaving(true);
    try {
      await download(`/v1/reports/${report.name}`, {
        query: { ...query, format: 'csv' },
        filename: `${report.name}.csv`,
      });
    } catch (error) {
      toastError(error, 'The CSV could not be downloaded');
    } finally {
      setSaving(false);
    }
  }
  return html`<section class="report" id=${`report-${report.name}`} data-testid=${`report-${report.name}`}
      aria-labelledby=${`report-${report.name}-title`} aria-busy=${resource.status === 'loading' || resource.reloading}>
    <div class="report-head">
      <h2 id=${`report-${report.name}-title`} tabIndex="-1">${report.title}</h2>
      ${resource.reloading && resource.data && html`<${Spinner} label="Updating" />`}
      <button type="button" class="btn btn-sm" onClick=${csv} disabled=${saving} data-testid=${`report-${report.name}-csv`}
        title=${`Download the ${report.title.toLowerCase()} figures as CSV`}>
        ${saving ? 'Downloading…' : 'Download CSV'}
      </button>
    </div>
    ${
      resource.status === 'loading'
        ? html`<div class="settings-loading"><${Spinner} label=${`Loading ${report.title}`} /> Loading…</div>`
        : resource.status === 'forbidden'
          ? html`<p class="muted" role="status">Reports are for the team's agents and admins.</p>`
          : !resource.data
            ? html`<div role="alert"><${ErrorNote} error=${resource.error} testid=${`report-${report.name}-error`} />
              <button class="btn btn-sm" onClick=${resource.reload}>Try again</button></div>`
            : html`${resource.error && html`<${ErrorNote} error=${resource.error} />`}<${Body} data=${resource.data} />`
    }
  </section>`;
}

// -- headline figures --------------------------------------------------------------------

const ARROWS = { up: '▲', down: '▼', flat: '▬' };

/** A headline figure and how it moved since the previous period (`better`: which way is good). */
function Figure({ label, figure, kind = 'count', better = 'up', testid }) {
  const change = compare(figure, better);
  const before = formatValue(figure?.previous, kind);
  return html`<div class="figure" data-testid=${testid} data-value=${figure?.value ?? ''}>
    <span class="figure-label">${label}</span>
    <span class="figure-value">${formatValue(figure?.value, kind)}</span>
    <span class=${`figure-change tone-${change.tone}`} data-testid=${testid && `${testid}-change`}
      title=${`Compared with the previous period: ${before}`}>
      ${change.direction && html`<span aria-hidden="true">${ARROWS[change.direction]} </span>`}
      <span class="visually-hidden">${change.direction === 'up' ? 'Up' : change.direction === 'down' ? 'Down' : ''} </span>
      ${change.text}${change.percent != null && html`<span class="muted"> (was ${before})</span>`}
    </span>
  </div>`;
}

function Figures({ children }) {
  return html`<div class="figures">${children}</div>`;
}

// -- the reports -------------------------------------------------------------------------

function Volume({ data }) {
  const series = useMemo(() => volumeSeries(data), [data]);
  const channels = useMemo(() => channelBars(data), [data]);
  return html`<${Figures}>
      <${Figure} label="Conversations" figure=${data.conversations} testid="fig-volume-conversations" />
      <${Figure} label="Messages" figure=${data.messages} testid="fig-volume-messages" />
    </${Figures}>
    <div class="report-grid">
      <${Chart} shape=${series} title="Conversations and messages over time" xLabel="From" testid="chart-volume-series" />
      <${Chart} shape=${channels} title="By channel" xLabel="Channel" testid="chart-volume-channels" />
    </div>
    <${HourOfWeek} data=${data} />`;
}

/** The hour-of-week heat map: a table by nature (a cell per hour, shaded by its count). */
function HourOfWeek({ data }) {
  const { grid, max } = useMemo(() => hourGrid(data), [data]);
  return html`<figure class="report-chart" data-testid="chart-volume-hours">
    <figcaption class="report-chart-head"><span class="report-chart-title">Conversations by hour of the week</span></figcaption>
    <div class="heat-wrap">
      <table class="heat">
        <caption class="visually-hidden">Conversations started by weekday and hour</caption>
        <thead><tr><th scope="col"><span class="visually-hidden">Day</span></th>
          ${grid[0].map((_, h) => html`<th scope="col" class="heat-hour">${h % 3 === 0 ? String(h).padStart(2, '0') : html`<span class="visually-hidden">${h}</span>`}</th>`)}
        </tr></thead>
        <tbody>
          ${grid.map(
            (row, d) => html`<tr><th scope="row">${WEEKDAYS[d]}</th>
            ${row.map(
              (
                n,
                h,
              ) => html`<td class="heat-cell" data-value=${n} title=${`${WEEKDAYS[d]} ${String(h).padStart(2, '0')}:00 · ${n}`}
                style=${`--heat: ${max ? (n / max).toFixed(3) : 0}`}><span class="visually-hidden">${n}</span></td>`,
            )}
          </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </figure>`;
}

function Ai({ data }) {
  const reasons = useMemo(() => handoverBars(data), [data]);
  return html`<${Figures}>
      <${Figure} label="Answered by the AI" figure=${data.answered} testid="fig-ai-answered" />
      <${Figure} label="Answer rate" figure=${data.answer_rate} kind="rate" testid="fig-ai-answer-rate" />
      <${Figure} label="Resolution rate" figure=${data.resolution_rate} kind="rate" testid="fig-ai-resolution-rate" />
      <${Figure} label="Handover rate" figure=${data.handover_rate} kind="rate" better="down" testid="fig-ai-handover-rate" />
    </${Figures}>
    <p class="muted small">Resolved by the AI: resolved in the period with no public reply from an agent, and not reopened within 7 days.</p>
    <div class="report-grid">
      <${Chart} shape=${reasons} title="Handovers by reason" xLabel="Reason" testid="chart-ai-reasons" />
      <div class="report-chart">
        <div class="report-chart-head"><span class="report-chart-title">Articles cited most</span></div>
        ${
          data.top_articles.length
            ? html`<table class="report-table" data-testid="table-ai-articles">
            <thead><tr><th scope="col">Article</th><th scope="col" class="num">Citations</th></tr></thead>
            <tbody>${data.top_articles.map((a) => html`<tr><th scope="row">${a.title}</th><td class="num">${formatValue(a.citations)}</td></tr>`)}</tbody>
          </table>`
            : html`<p class="muted small report-empty">No AI answer cited an article in this period.</p>`
        }
      </div>
    </div>`;
}

function Team({ data }) {
  const me = useStore(store, (s) => s.session?.user);
  return html`<${Figures}>
      <${Figure} label="First response, median" figure=${data.first_response.median_minutes} kind="minutes" better="down" testid="fig-team-frt-median" />
      <${Figure} label="First response, 90th percentile" figure=${data.first_response.p90_minutes} kind="minutes" better="down" testid="fig-team-frt-p90" />
      <${Figure} label="Resolution, median" figure=${data.resolution.median_minutes} kind="minutes" better="down" testid="fig-team-res-median" />
      <${Figure} label="Resolution, 90th percentile" figure=${data.resolution.p90_minutes} kind="minutes" better="down" testid="fig-team-res-p90" />
      <${Figure} label="SLA attained" figure=${data.sla.attained} testid="fig-team-sla-attained" />
      <${Figure} label="SLA breached" figure=${data.sla.breached} better="down" testid="fig-team-sla-breached" />
      <${Figure} label="SLA attainment" figure=${data.sla.attainment_rate} kind="rate" testid="fig-team-sla-rate" />
    </${Figures}>
    <p class="muted small">Times count business hours when the workspace has them (Settings › SLA & hours).</p>
    <div class="report-chart">
      <div class="report-chart-head"><span class="report-chart-title">${isAdminRole(me?.role) ? 'Agents' : 'You'}</span></div>
      ${
        data.agents.length
          ? html`<table class="report-table" data-testid="table-team-agents">
          <thead><tr><th scope="col">Agent</th><th scope="col" class="num">Conversations</th><th scope="col" class="num">Replies</th>
            <th scope="col" class="num">First response (median)</th><th scope="col" class="num">Resolution (median)</th>
            <th scope="col" class="num">SLA attained</th><th scope="col" class="num">SLA breached</th><th scope="col" class="num">SLA attainment</th></tr></thead>
          <tbody>${data.agents.map(
            (
              a,
            ) => html`<tr data-agent-id=${a.id}><th scope="row">${a.name}</th><td class="num">${formatValue(a.conversations)}</td>
              <td class="num">${formatValue(a.replies)}</td><td class="num">${formatValue(a.first_response_median_minutes, 'minutes')}</td>
              <td class="num">${formatValue(a.resolution_median_minutes, 'minutes')}</td>
              <td class="num">${formatValue(a.sla_attained)}</td><td class="num">${formatValue(a.sla_breached)}</td>
              <td class="num">${formatValue(a.sla_attainment_rate, 'rate')}</td></tr>`,
          )}</tbody>
        </table>`
          : html`<p class="muted small report-empty">No agent replied in this period.</p>`
      }
    </div>`;
}

function Csat({ data }) {
  const bars = useMemo(() => csatBars(data), [data]);
  return html`<${Figures}>
      <${Figure} label="Average rating" figure=${data.average} kind="rating" testid="fig-csat-average" />
      <${Figure} label="Responses" figure=${data.responses} testid="fig-csat-responses" />
    </${Figures}>
    <div class="report-grid">
      <${Chart} shape=${bars} title="Ratings" xLabel="Rating" testid="chart-csat-distribution" />
      <div class="report-chart">
        <div class="report-chart-head"><span class="report-chart-title">Latest comments</span></div>
        ${
          data.comments.length
            ? html`<ul class="report-comments" data-testid="csat-comments">${data.comments.map(
                (c) => html`<li>
                <span class="chip" aria-label=${`Rated ${c.rating} of 5`}>${c.rating} ★</span>
                <span class="break">${c.comment}</span>
                <button type="button" class="link-btn small" onClick=${() => navigate({ view: 'conversations', conversationId: c.conversation_id })}
                  title="Open the conversation">
                  ${new Date(c.at).toLocaleDateString()}</button>
              </li>`,
              )}</ul>`
            : html`<p class="muted small report-empty">No comments in this period.</p>`
        }
      </div>
    </div>`;
}

function Gaps({ data }) {
  const me = useStore(store, (s) => s.session?.user);
  const admin = isAdminRole(me?.role);
  const groups = data.groups || data.gaps || []; // the contract names the groups, not their key
  function draft(group) {
    store.set((s) => ({ ...s, kbDraft: gapDraft(group) }));
    navigate({ view: 'settings', page: 'kb' });
  }
  if (!groups.length)
    return html`<p class="muted small report-empty">The AI handed over no question in this period.</p>`;
  return html`<p class="muted small">Questions the AI handed to a person, grouped by meaning, the most asked first: what the knowledge base lacks.</p>
    <ol class="gaps" data-testid="gaps">
      ${groups.map(
        (g) => html`<li class="gap" data-testid="gap">
        <div class="gap-head">
          <strong class="break" data-testid="gap-label">${g.label}</strong>
          <span class="chip" data-testid="gap-size">${g.size} ${g.size === 1 ? 'question' : 'questions'}</span>
          ${
            admin &&
            html`<button type="button" class="btn btn-sm" onClick=${() => draft(g)} data-testid="gap-draft">
            <${Icon} name="edit" size=${13} /> Draft an article</button>`
          }
        </div>
        <ul class="gap-examples">${g.examples.map((q) => html`<li class="break">${q}</li>`)}</ul>
        <div class="chips">${g.conversation_ids.slice(0, 5).map(
          (
            id,
            i,
          ) => html`<button type="button" class="chip-link small" onClick=${() => navigate({ view: 'conversations', conversationId: id })}>
            Conversation ${i + 1}</button>`,
        )}</div>
      </li>`,
      )}
    </ol>`;
}
