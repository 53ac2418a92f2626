/**
 * Managed labels in the inbox (`GET /v1/labels`): the tenant's set, loaded once per sign-in
 * and again after an admin changes it; a label is the tag string conversations carry, shown
 * as a chip in its colour. A tag outside the set (a free tag, from before labels or from
 * the API) shows as a grey chip. The palette's names are the server's (domain/labels.py);
 * each chip's text and background keep at least 4.5:1 on the dark theme (styles.css
 * `.label-*`).
 */

import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { updateConversation } from '../actions.js';
import { api } from '../http.js';
import { store, toastError } from '../state.js';
import { Icon } from './common.js';

export const PALETTE = ['grey', 'red', 'orange', 'amber', 'green', 'teal', 'blue', 'indigo', 'purple', 'pink'];

let loading = null;

/** Load (or reload, `force`) the tenant's labels into the store (`labels`: a list). */
export function loadLabels({ force = false } = {}) {
  if (loading && !force) return loading;
  loading = api('/v1/labels')
    .then((page) => {
      store.set((s) => ({ ...s, labels: page.labels }));
      return page.labels;
    })
    .catch((error) => {
      loading = null;
      toastError(error, 'Labels could not be loaded');
      return [];
    });
  return loading;
}

/** The managed labels, loading them on first use. */
export function useLabels() {
  const labels = useStore(store, (s) => s.labels);
  useEffect(() => {
    if (!labels) loadLabels();
  }, [labels]);
  return labels || [];
}

/** The label a tag names, or null (a free tag). */
export function labelOf(labels, tag) {
  return labels.find((l) => l.name === tag) || null;
}

/** The chip class of a tag: its label's colour, grey for a free tag. */
export function tagClass(labels, tag) {
  const label = labelOf(labels, tag);
  return `label-chip label-${label ? label.colour : 'grey'}${label ? '' : ' free'}`;
}

export function LabelChip({ tag, labels, small = false }) {
  const label = labelOf(labels, tag);
  return html`<span class=${`${tagClass(labels, tag)} ${small ? 'small' : ''}`} data-testid="label-chip" data-label=${tag}
    title=${label?.description || (label ? tag : `${tag} (free tag)`)}>${tag}</span>`;
}

/** A conversation's tags as chips (the list's rows). */
export function LabelChips({ tags }) {
  const labels = useLabels();
  if (!tags?.length) return null;
  return html`<span class="label-chips">${tags.map((t) => html`<${LabelChip} key=${t} tag=${t} labels=${labels} small />`)}</span>`;
}

/**
 * The details panel's labels: the conversation's tags as chips (each removable), and a
 * menu of the managed labels it does not carry yet to add one.
 */
export function LabelPicker({ conv }) {
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const tags = conv.tags || [];
  const addable = labels.filter((l) => !tags.includes(l.name));

  function set(next) {
    updateConversation(conv.id, { tags: [...new Set(next)].sort() });
  }

  return html`<section class="card" data-testid="details-labels">
    <div class="card-head">
      <h4><${Icon} name="tag" size=${13} /> Labels</h4>
      <button type="button" class="link-btn" data-testid="label-add" aria-expanded=${open} disabled=${!addable.length}
        onClick=${() => setOpen(!open)}>${addable.length ? 'Add' : labels.length ? 'All added' : 'None defined'}</button>
    </div>
    <div class="label-chips wrap">
      ${tags.length === 0 && html`<span class="muted small">No labels yet.</span>`}
      ${tags.map(
        (t) => html`<span class=${tagClass(labels, t)} key=${t} data-testid="label-chip" data-label=${t}>
          ${t}<button type="button" class="tag-x" aria-label=${`Remove label ${t}`} onClick=${() => set(tags.filter((x) => x !== t))}><${Icon} name="x" size=${10} /></button>
        </span>`,
      )}
    </div>
    ${
      open &&
      html`<ul class="label-menu" role="listbox" aria-label="Add a label" data-testid="label-menu">
        ${addable.map(
          (l) => html`<li key=${l.id}><button type="button" role="option" class="label-option" data-label=${l.name}
            onClick=${() => {
              setOpen(false);
              set([...tags, l.name]);
            }}>
            <span class=${`label-dot label-${l.colour}`} aria-hidden="true"></span>
            <span class="label-name">${l.name}</span>
            ${l.description && html`<span class="muted small ellipsis">${l.description}</span>`}
          </button></li>`,
        )}
      </ul>`
    }
  </section>`;
}
