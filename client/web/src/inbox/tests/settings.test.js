// The settings area's pure parts: where its pages live and who sees them, the routes
// between it and the inbox, this browser's preferences, and what the forms send.
// `node --test src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { applyPrefs, DEFAULT_PREFS, loadPrefs, normalizePrefs, savePrefs } from '../prefs.js';
import { isAdminRole, pageById, pagesFor, SETTINGS_PAGES, settingsPageOf, settingsPath } from '../settings/pages.js';
import {
  browserOf,
  CHANNEL_FORMS,
  changedValues,
  channelBody,
  choicesOf,
  contrastRatio,
  credentialsBody,
  fieldKeyOf,
  fieldsForm,
  fieldsValue,
  hoursForm,
  hoursValue,
  inkOn,
  minutesText,
  originsOf,
  parseWhole,
  passwordProblem,
  secondsText,
  slaForm,
  slaValue,
  tagsOf,
} from '../settings/values.js';
import { parseLocation, urlOf } from '../state.js';

test('pages: agents are offered their own pages only; admins every page, Profile first', () => {
  assert.deepEqual(
    pagesFor({ role: 'agent' }).map((p) => p.id),
    ['profile', 'replies', 'macros'],
  );
  const admin = pagesFor({ role: 'admin' }).map((p) => p.id);
  assert.equal(admin[0], 'profile');
  assert.deepEqual(
    admin,
    SETTINGS_PAGES.map((p) => p.id),
  );
  assert.deepEqual(pagesFor({ role: 'super_admin' }), SETTINGS_PAGES);
  assert.deepEqual(pagesFor(null), pagesFor({ role: 'agent' }));
  assert.equal(isAdminRole('agent'), false);
  assert.equal(pageById('team').admin, true);
  assert.equal(pageById('nope'), null);
});

test('pages: paths name a page; the bare area is Profile; others are not settings', () => {
  assert.equal(settingsPageOf('/inbox/settings/team'), 'team');
  assert.equal(settingsPageOf('/inbox/settings/api-keys/'), 'api-keys');
  assert.equal(settingsPageOf('/inbox/settings'), 'profile');
  assert.equal(settingsPageOf('/inbox/settings/'), 'profile');
  assert.equal(settingsPageOf('/inbox/settings/what%20ever'), 'what ever'); // the app says "no such page"
  assert.equal(settingsPageOf('/inbox/settings/%E0%A4%A'), '%E0%A4%A'); // undecodable: as written
  assert.equal(settingsPageOf('/inbox'), null);
  assert.equal(settingsPageOf('/inbox/settingsx'), null);
  assert.equal(settingsPageOf('/inbox/settings/kb/123'), null);
  assert.equal(settingsPageOf(undefined), null);
  assert.equal(settingsPath('kb'), '/inbox/settings/kb');
  assert.equal(settingsPath(null), '/inbox/settings/profile');
});

test('routes: the settings area by path, the inbox by hash, and back', () => {
  assert.deepEqual(parseLocation({ pathname: '/inbox/settings/sla', hash: '#/tickets/t1' }), {
    view: 'settings',
    page: 'sla',
    conversationId: null,
    ticketId: null,
  });
  assert.deepEqual(parseLocation({ pathname: '/inbox', hash: '#/tickets/t1' }), {
    view: 'tickets',
    conversationId: null,
    ticketId: 't1',
  });
  assert.equal(parseLocation(undefined).view, 'conversations');
  assert.equal(urlOf({ view: 'settings', page: 'ai' }), '/inbox/settings/ai');
  assert.equal(urlOf({ view: 'settings', page: null }), '/inbox/settings/profile');
  assert.equal(urlOf({ view: 'conversations', conversationId: 'c 1' }), '/inbox#/conversations/c%201');
  assert.equal(urlOf({ view: 'tickets', ticketId: null }), '/inbox#/tickets');
});

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    items,
  };
}

test('prefs: anything stored reads back as valid preferences, per user', () => {
  assert.deepEqual(normalizePrefs(null), DEFAULT_PREFS);
  assert.deepEqual(normalizePrefs({ density: 'tiny', shortcuts: 'no', extra: 1 }), DEFAULT_PREFS);
  const compact = { ...DEFAULT_PREFS, density: 'compact', shortcuts: false };
  assert.deepEqual(normalizePrefs({ density: 'compact', shortcuts: false }), compact);
  const storage = memoryStorage();
  assert.deepEqual(loadPrefs('u1', storage), DEFAULT_PREFS);
  assert.equal(savePrefs('u1', { density: 'compact', shortcuts: false }, storage), true);
  assert.deepEqual(loadPrefs('u1', storage), compact);
  assert.deepEqual(loadPrefs('u2', storage), DEFAULT_PREFS);
  storage.setItem('flowsupport.inbox.prefs.u3', '{not json');
  assert.deepEqual(loadPrefs('u3', storage), DEFAULT_PREFS);
  assert.deepEqual(loadPrefs(null, storage), DEFAULT_PREFS);
  const refusing = {
    setItem() {
      throw new Error('QuotaExceededError');
    },
  };
  assert.equal(savePrefs('u1', DEFAULT_PREFS, refusing), false);
  const root = { dataset: {} };
  applyPrefs({ density: 'compact' }, root);
  assert.equal(root.dataset.density, 'compact');
  applyPrefs({ density: 'bogus' }, root);
  assert.equal(root.dataset.density, 'comfortable');
});

test('values: whole numbers, empty as null where allowed, named when wrong', () => {
  assert.deepEqual(parseWhole('', { label: 'X' }), { value: null });
  assert.deepEqual(parseWhole(' 20 000 ', { label: 'X' }), { value: 20000 });
  assert.deepEqual(parseWhole('1,000,000', { label: 'X' }), { value: 1000000 });
  assert.match(parseWhole('12.5', { label: 'Tokens' }).error, /Tokens must be a whole number/);
  assert.match(parseWhole('-3', { label: 'Tokens' }).error, /whole number/);
  assert.match(parseWhole('0', { label: 'Minutes', min: 1 }).error, /from 1/);
  assert.match(parseWhole('', { label: 'Wait', empty: false }).error, /Wait is required/);
  assert.deepEqual(parseWhole('0', { label: 'Wait', empty: false }), { value: 0 });
});

test('values: minutes and seconds as people say them', () => {
  assert.equal(minutesText(15), '15 min');
  assert.equal(minutesText(60), '1 h');
  assert.equal(minutesText(90), '1 h 30 min');
  assert.equal(minutesText(1440), '1 day');
  assert.equal(minutesText(2880), '2 days');
  assert.equal(minutesText(null), '');
  assert.equal(secondsText(0), 'never');
  assert.equal(secondsText(45), '45 s');
  assert.equal(secondsText(120), '2 min');
  assert.equal(secondsText(90), '1 min 30 s');
  assert.equal(secondsText(7200), '2 h');
});

test('values: a PATCH sends only what changed', () => {
  const before = { ai_enabled: true, ai_tokens_per_month: null, sla: { high: { a: 1 } }, name: 'Shop' };
  assert.deepEqual(changedValues(before, { ai_enabled: true, ai_tokens_per_month: null }), {});
  assert.deepEqual(changedValues(before, { ai_enabled: false, ai_tokens_per_month: 5 }), {
    ai_enabled: false,
    ai_tokens_per_month: 5,
  });
  assert.deepEqual(changedValues(before, { sla: { high: { a: 2 } } }), { sla: { high: { a: 2 } } });
  assert.deepEqual(changedValues(before, { sla: { high: { a: 1 } } }), {});
});

test('values: the SLA table round-trips; an empty target is none; the first bad one is named', () => {
  const sla = {
    urgent: { first_response_minutes: 15, resolution_minutes: 240 },
    high: { first_response_minutes: 60, resolution_minutes: null },
    normal: { first_response_minutes: 240, resolution_minutes: 1440 },
    low: { first_response_minutes: null, resolution_minutes: 2880 },
  };
  const form = slaForm(sla);
  assert.equal(form.high.resolution, '');
  assert.deepEqual(slaValue(form), { value: sla });
  form.normal.first_response = 'soon';
  assert.match(slaValue(form).error, /^Normal: first response must be a whole number/);
  form.normal.first_response = '0';
  assert.match(slaValue(form).error, /from 1/);
});

test('values: business hours, or round the clock with a draft to switch back to', () => {
  const always = hoursForm(null);
  assert.equal(always.always, true);
  assert.deepEqual(hoursValue(always), { value: null });
  const hours = hoursForm({ timezone: 'Europe/Berlin', days: [4, 0, 1], start: '08:00', end: '16:30' });
  assert.deepEqual(hoursValue(hours), {
    value: { timezone: 'Europe/Berlin', days: [0, 1, 4], start: '08:00', end: '16:30' },
  });
  assert.match(hoursValue({ ...hours, days: [] }).error, /at least one/);
  assert.match(hoursValue({ ...hours, start: '17:00' }).error, /start before/);
});

test('values: field keys from labels, choices and tags from text', () => {
  assert.equal(fieldKeyOf('Order number'), 'order_number');
  assert.equal(fieldKeyOf('  Plan (billing) '), 'plan_billing');
  assert.equal(fieldKeyOf('2nd line'), 'nd_line');
  assert.equal(fieldKeyOf('Crème brûlée'), 'creme_brulee');
  assert.equal(fieldKeyOf('x'.repeat(80)).length, 50);
  assert.deepEqual(choicesOf('Basic, Pro,  Enterprise\nBasic,'), ['Basic', 'Pro', 'Enterprise']);
  assert.deepEqual(tagsOf(''), []);
});

test('values: ticket field rows become definitions the server takes, or the row that would not', () => {
  const rows = fieldsForm([
    { key: 'order', label: 'Order', type: 'text' },
    { key: 'plan', type: 'choice', choices: ['Basic', 'Pro'] },
  ]);
  assert.equal(rows[1].choices, 'Basic, Pro');
  assert.equal(rows[0].saved, true);
  assert.deepEqual(fieldsValue(rows), {
    value: [
      { key: 'order', type: 'text', label: 'Order' },
      { key: 'plan', type: 'choice', choices: ['Basic', 'Pro'] },
    ],
  });
  const twice = [...rows, { id: 'n', key: 'order', label: 'Again', type: 'number', choices: '' }];
  assert.match(fieldsValue(twice).error, /^Field 3 \(Again\): the key order is used twice/);
  assert.match(fieldsValue([{ ...rows[0], key: 'Order' }]).error, /start with a letter/);
  assert.match(fieldsValue([{ ...rows[1], choices: ' , ' }]).error, /at least one choice/);
  // A type other than choice drops its choices.
  assert.deepEqual(fieldsValue([{ ...rows[1], type: 'boolean' }]).value, [{ key: 'plan', type: 'boolean' }]);
});

test('values: sites become origins; passwords are checked before they are sent', () => {
  assert.deepEqual(originsOf('shop.example.com/pricing, http://localhost:3000/x'), [
    'https://shop.example.com',
    'http://localhost:3000',
  ]);
  assert.equal(passwordProblem('short', 'short'), 'The password needs at least 8 characters.');
  assert.equal(passwordProblem('long enough', 'long enougH'), 'The two passwords differ.');
  assert.equal(passwordProblem('long enough', 'long enough'), null);
});

test('values: sessions are named by browser and system', () => {
  const chrome =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  assert.equal(browserOf(chrome), 'Chrome on Linux');
  assert.equal(
    browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    'Firefox on Windows',
  );
  assert.equal(
    browserOf(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    ),
    'Safari on iOS',
  );
  assert.equal(browserOf(`${chrome} Edg/131.0.0.0`), 'Edge on Linux');
  assert.equal(browserOf('python-httpx/0.28.1'), 'a script');
  assert.equal(browserOf(''), 'Unknown browser');
  assert.equal(browserOf('SomeBot/1.0'), 'SomeBot/1.0');
});

test('values: text on the brand colour is white or dark, whichever reads better', () => {
  assert.equal(contrastRatio('#ffffff', '#000000').toFixed(0), '21');
  assert.equal(contrastRatio('#777777', '#777777'), 1);
  assert.equal(inkOn('#1d6ae5'), '#ffffff');
  assert.equal(inkOn('#fcd34d'), '#111418');
  assert.equal(inkOn('nope'), '#ffffff');
});

test('values: a channel form sends its own fields only; re-sealing sends every secret', () => {
  assert.deepEqual(channelBody('email', { address: ' help@shop.example ', number: '+1', api_base: 'x' }), {
    kind: 'email',
    address: 'help@shop.example',
  });
  assert.deepEqual(
    channelBody('sms-twilio', { number: '+14155550199', account_sid: 'AC1', auth_token: 't', api_base: ' ' }),
    { kind: 'sms', provider: 'twilio', number: '+14155550199', account_sid: 'AC1', auth_token: 't' },
  );
  assert.deepEqual(channelBody('whatsapp-meta', { api_base: 'http://127.0.0.1:9' }), {
    kind: 'whatsapp',
    provider: 'meta',
    phone_number_id: '',
    app_secret: '',
    verify_token: '',
    access_token: '',
    api_base: 'http://127.0.0.1:9',
  });
  assert.throws(() => channelBody('pigeon', {}), /no channel form/);
  assert.deepEqual(credentialsBody('twilio', { auth_token: ' t ', app_secret: 'x' }), { auth_token: 't' });
  assert.deepEqual(Object.keys(credentialsBody('meta', {})), ['app_secret', 'verify_token', 'access_token']);
  for (const form of CHANNEL_FORMS) assert.ok(form.fields.length > 0, form.id);
});
