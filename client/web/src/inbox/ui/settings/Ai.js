/**
 * AI answers (admins): whether the assistant answers, what it says to a greeting, its
 * token budgets (empty: no limit), and when a conversation goes to a person. All of it is
 * `GET|PATCH /v1/settings` (README "AI answers", "Escalation and tickets").
 */

import { html } from 'htm/preact';
import { parseWhole, secondsText, wholeText } from '../../settings/values.js';
import { Field, Section, Toggle } from './kit.js';
import { SettingsPage } from './tenant.js';

const MAX_TOKENS = 1_000_000_000;
const MAX_WAIT_S = 604_800;

function toForm(s) {
  return {
    ai_enabled: s.ai_enabled,
    ai_greeting: s.ai_greeting,
    ai_tokens_per_conversation: wholeText(s.ai_tokens_per_conversation),
    ai_tokens_per_month: wholeText(s.ai_tokens_per_month),
    escalation_message: s.escalation_message,
    unanswered_escalation_s: wholeText(s.unanswered_escalation_s),
    escalate_on_disconnect: s.escalate_on_disconnect,
    auto_assign: s.auto_assign,
  };
}

function fromForm(d) {
  const perConversation = parseWhole(d.ai_tokens_per_conversation, {
    label: 'Tokens per conversation',
    max: MAX_TOKENS,
  });
  if (perConversation.error) return perConversation;
  const perMonth = parseWhole(d.ai_tokens_per_month, { label: 'Tokens per month', max: MAX_TOKENS });
  if (perMonth.error) return perMonth;
  const wait = parseWhole(d.unanswered_escalation_s, { label: 'Unanswered for', max: MAX_WAIT_S, empty: false });
  if (wait.error) return wait;
  return {
    value: {
      ai_enabled: d.ai_enabled,
      ai_greeting: d.ai_greeting,
      ai_tokens_per_conversation: perConversation.value,
      ai_tokens_per_month: perMonth.value,
      escalation_message: d.escalation_message,
      unanswered_escalation_s: wait.value,
      escalate_on_disconnect: d.escalate_on_disconnect,
      auto_assign: d.auto_assign,
    },
  };
}

function waitHelp(text) {
  const wait = parseWhole(text);
  if (wait.error || wait.value == null) return '0: never.';
  return wait.value === 0
    ? '0: never. Now: questions never go to a person for waiting.'
    : `0: never. Now: ${secondsText(wait.value)}.`;
}

export function AiSettings() {
  return html`<${SettingsPage} title="AI answers" what="AI settings" testid="ai-form"
    text="The assistant answers visitors from your knowledge base, with its sources, and hands over what it cannot answer."
    toForm=${toForm} fromForm=${fromForm}>
    ${(d, update) => html`
      <${Section} title="Assistant">
        <${Toggle} label="Answer visitors with AI" testid="ai-enabled" checked=${d.ai_enabled}
          text="Conversations started while this is off wait for a person. Those already running keep their setting."
          onChange=${(on) => update({ ai_enabled: on })} />
        <${Field} label="Reply to a greeting" id="ai-greeting" wide
          help="What the assistant says to hello, hi or good morning: no search, no ticket.">
          <textarea id="ai-greeting" rows="2" maxlength="1000" data-testid="ai-greeting" aria-describedby="ai-greeting-help"
            value=${d.ai_greeting} onInput=${(e) => update({ ai_greeting: e.currentTarget.value })}></textarea>
        </${Field}>
      </${Section}>
      <${Section} title="Token budgets" text="Only answers written by a language model use tokens; answers quoted from the knowledge base cost nothing.">
        <div class="field-grid">
          <${Field} label="Tokens per conversation" id="ai-tokens-conversation" help="Empty: no limit. Past it, the conversation goes to a person.">
            <input id="ai-tokens-conversation" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-conversation"
              aria-describedby="ai-tokens-conversation-help" value=${d.ai_tokens_per_conversation}
              onInput=${(e) => update({ ai_tokens_per_conversation: e.currentTarget.value })} />
          </${Field}>
          <${Field} label="Tokens per month" id="ai-tokens-month" help="The whole workspace, per calendar month (UTC). Empty: no limit.">
            <input id="ai-tokens-month" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-month"
              aria-describedby="ai-tokens-month-help" value=${d.ai_tokens_per_month}
              onInput=${(e) => update({ ai_tokens_per_month: e.currentTarget.value })} />
          </${Field}>
        </div>
      </${Section}>
      <${Section} title="Handing over to a person">
        <${Field} label="What the visitor reads when a person takes over" id="ai-escalation" wide>
          <textarea id="ai-escalation" rows="2" maxlength="1000" data-testid="ai-escalation-message"
            value=${d.escalation_message} onInput=${(e) => update({ escalation_message: e.currentTarget.value })}></textarea>
        </${Field}>
        <${Field} label="A question unanswered for (seconds) goes to a person" id="ai-unanswered"
          help=${waitHelp(d.unanswered_escalation_s)}>
          <input id="ai-unanswered" inputmode="numeric" data-testid="ai-unanswered" aria-describedby="ai-unanswered-help"
            value=${d.unanswered_escalation_s} onInput=${(e) => update({ unanswered_escalation_s: e.currentTarget.value })} />
        </${Field}>
        <${Toggle} label="When a visitor leaves with a question unanswered" testid="ai-escalate-disconnect"
          text="Hand it to a person shortly after they close the page (a reload is not leaving)."
          checked=${d.escalate_on_disconnect} onChange=${(on) => update({ escalate_on_disconnect: on })} />
        <${Toggle} label="Assign handed-over tickets automatically" testid="ai-auto-assign"
          text="Round the agents online, in turn; nobody online leaves them unassigned."
          checked=${d.auto_assign} onChange=${(on) => update({ auto_assign: on })} />
      </${Section}>`}
  </${SettingsPage}>`;
}
