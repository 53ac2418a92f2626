/**
 * The data retention form's values (`retention_days` of `PATCH /v1/settings`): keep
 * forever (null) or delete a conversation's content a number of days after it was
 * resolved. Pure, so the rules are tested without a browser; the server checks again.
 */

import { parseWhole, wholeText } from './values.js';

export const MAX_RETENTION_DAYS = 36_500; // the server's bound: a hundred years
export const SUGGESTED_DAYS = 365;

/** The form's draft: {mode: 'forever' | 'days', days: text}. */
export function retentionForm(settings) {
  const days = settings?.retention_days ?? null;
  return { mode: days == null ? 'forever' : 'days', days: wholeText(days ?? SUGGESTED_DAYS) };
}

/** The setting the draft stands for: {value: {retention_days}} or {error}. */
export function retentionValue(draft) {
  if (draft.mode === 'forever') return { value: { retention_days: null } };
  const days = parseWhole(draft.days, {
    label: 'Days after resolution',
    min: 1,
    max: MAX_RETENTION_DAYS,
    empty: false,
  });
  if (days.error) return days;
  return { value: { retention_days: days.value } };
}

/** What the choice means, in words: "Kept forever." or "Deleted 30 days after resolution." */
export function retentionText(draft) {
  const result = retentionValue(draft);
  if (result.error) return '';
  const days = result.value.retention_days;
  if (days == null) return 'Conversations are kept forever.';
  return `Conversations are emptied ${days === 1 ? '1 day' : `${days.toLocaleString('en')} days`} after they were resolved.`;
}
