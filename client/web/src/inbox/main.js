/** The agent inbox's entry: fonts (the server's /fonts/ files) and styles, then the app. */

import './fonts.css';
import './styles.css';

import { html } from 'htm/preact';
import { options, render } from 'preact';
import { boot } from './session.js';
import { onKeyDown } from './shortcuts.js';
import { App } from './ui/App.js';
import { inNetworkFrame } from './wire.js';

// Renders caused by the network are batched per animation frame (a replay of 1,000 events
// or a fast AI stream renders once per frame, not once per WebSocket frame); renders caused
// by the agent (a key, a click) happen at once, as Preact does by default.
options.debounceRendering = (run) => {
  if (!inNetworkFrame()) return Promise.resolve().then(run);
  if (document.visibilityState === 'visible') return requestAnimationFrame(run);
  return setTimeout(run, 0); // hidden tabs have no animation frames
};

boot();
document.addEventListener('keydown', onKeyDown);
render(html`<${App} />`, document.getElementById('app'));
