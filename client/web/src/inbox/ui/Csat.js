/** The customer's rating (PROTOCOL.md additions: conversation `csat` {rating, comment?, at}). */

import { html } from 'htm/preact';
import { fullTime, relativeTime } from '../../shared/time.js';
import { Icon } from './common.js';

const WORDS = ['', 'Very poor', 'Poor', 'Okay', 'Good', 'Great'];

/** A rating the inbox can show: 1..5. */
export function ratingOf(csat) {
  const n = csat?.rating;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : 0;
}

export function Stars({ rating, size = 14 }) {
  return html`<span class="stars" role="img" aria-label=${`Rated ${rating} out of 5`}>
    ${[1, 2, 3, 4, 5].map((n) => html`<${Icon} key=${n} name="star" size=${size} class=${n <= rating ? 'star-on' : ''} />`)}
  </span>`;
}

export function CsatCard({ csat, now, testid = 'csat' }) {
  const rating = ratingOf(csat);
  if (!rating) return null;
  return html`<section class="card csat" data-testid=${testid} data-rating=${rating} aria-label="Customer rating">
    <div class="card-head">
      <h4><${Icon} name="star" size=${13} /> Customer rating</h4>
      ${csat.at && html`<time class="faint small" datetime=${csat.at} title=${fullTime(csat.at)}>${relativeTime(csat.at, now)}</time>`}
    </div>
    <div class="csat-score"><${Stars} rating=${rating} size=${16} /><span><strong>${rating}</strong>/5 · ${WORDS[rating]}</span></div>
    ${csat.comment && html`<blockquote data-testid=${`${testid}-comment`} class="csat-comment">${csat.comment}</blockquote>`}
  </section>`;
}
