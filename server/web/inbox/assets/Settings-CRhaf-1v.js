import{A as e,B as t,C as n,D as r,E as i,F as a,G as o,H as s,I as c,J as l,K as u,L as d,M as f,N as p,O as m,P as h,R as g,S as _,T as v,U as ee,V as y,W as b,X as x,Y as S,Z as C,_ as w,a as T,b as te,c as ne,d as E,f as re,g as ie,h as ae,i as D,j as oe,k as se,l as ce,m as le,n as O,o as k,p as ue,q as A,r as de,s as fe,t as j,u as pe,v as me,w as he,x as ge,y as _e,z as ve}from"./inbox-DxF9MuE6.js";function M(e,t=[]){let[n,r]=o({status:`loading`,data:null,error:null,reloading:!1}),i=s(0),a=s(!0);u(()=>()=>{a.current=!1},[]);let c=A(async()=>{let t=++i.current;r(e=>({...e,reloading:!0}));try{let n=await e();a.current&&t===i.current&&r({status:`ok`,data:n,error:null,reloading:!1})}catch(e){if(!a.current||t!==i.current)return;let n=e.status===403?`forbidden`:`error`;r(t=>({status:t.data&&n===`error`?`ok`:n,data:t.data,error:e,reloading:!1}))}},t);return u(()=>{c()},[c]),{...n,reload:c}}function N(){let[e,t]=o(null),[n,r]=o(null),[i,a]=o(!1),c=s(!1),l=s(!0);u(()=>()=>{l.current=!1},[]);async function d(e,n){if(!c.current){c.current=!0,t(e),r(null);try{return await n()}catch(e){l.current&&(r(e.message||`Something went wrong.`),e.status===403&&a(!0));return}finally{c.current=!1,l.current&&t(null)}}}return{busy:e,error:n,setError:r,forbidden:i,run:d}}function P({title:e,text:t,children:n}){return x`<header class="settings-head">
    <div>
      <h1 id="settings-title" tabIndex="-1" data-testid="settings-title">${e}</h1>
      ${t&&x`<p class="muted">${t}</p>`}
    </div>
    ${n&&x`<div class="settings-head-actions">${n}</div>`}
  </header>`}function F({title:e,text:t,children:n,testid:r,actions:i}){let a=`section-${String(e).toLowerCase().replace(/[^a-z0-9]+/g,`-`)}`;return x`<section class="settings-section" aria-labelledby=${a} data-testid=${r}>
    <div class="settings-section-head">
      <div>
        <h2 id=${a}>${e}</h2>
        ${t&&x`<p class="muted small">${t}</p>`}
      </div>
      ${i&&x`<div class="settings-section-actions">${i}</div>`}
    </div>
    ${n}
  </section>`}function I({error:e,testid:t=`settings-error`}){return e?x`<p class="form-error" role="alert" data-testid=${t}>${typeof e==`string`?e:e.message}</p>`:null}function ye({what:e}){return x`<div class="settings-blocked" data-testid="settings-admins-only" role="status">
    <span class="placeholder-icon"><${D} name="shield" size=${26} /></span>
    <h2>Admins only</h2>
    <p class="muted">${e?`${e} is`:`This page is`} for your workspace's admins. Ask an admin if something here needs to change.</p>
    <a class="btn" href="/inbox/settings/profile" data-testid="settings-back-to-profile" onClick=${e=>{e.preventDefault(),a({view:`settings`,page:`profile`})}}>Go to your profile</a>
  </div>`}function L({resource:e,what:t,children:n}){return e.status===`forbidden`?x`<${ye} what=${t} />`:e.status===`loading`?x`<div class="settings-loading"><${T} label=${`Loading ${t||`settings`}`} /> Loading…</div>`:e.status===`error`&&!e.data?x`<div class="settings-blocked" role="alert">
      <h2>Could not load ${t?t.toLowerCase():`this page`}</h2>
      <p class="muted">${e.error?.message}</p>
      <button class="btn" onClick=${e.reload}>Try again</button>
    </div>`:n(e.data)}function R(){let[e,t]=o(null),n=A(e=>new Promise(n=>t({...e,resolve:n})),[]);return[e&&x`<${be} ...${e} onClose=${n=>{e?.resolve(n),t(null)}} />`,n]}function be({title:e,text:t,confirm:n=`Confirm`,danger:r=!0,onClose:i}){let a=s(null);b(()=>{let e=document.activeElement;return a.current?.querySelector(`[data-cancel]`)?.focus(),()=>e?.focus?.()},[]);function o(e){e.key===`Escape`?(e.stopPropagation(),e.preventDefault(),i(!1)):e.key===`Tab`&&xe(e,a.current)}return x`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&i(!1)}>
    <div ref=${a} class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
      aria-describedby="confirm-text" data-testid="confirm-dialog" onKeyDown=${o}>
      <div class="dialog-head"><h2 id="confirm-title">${e}</h2></div>
      <p id="confirm-text" class="dialog-text">${t}</p>
      <div class="dialog-actions">
        <button class="btn" data-cancel data-testid="confirm-cancel" onClick=${()=>i(!1)}>Cancel</button>
        <button class=${`btn ${r?`btn-danger`:`btn-primary`}`} data-testid="confirm-ok" onClick=${()=>i(!0)}>${n}</button>
      </div>
    </div>
  </div>`}function xe(e,t){if(!t)return;let n=[...t.querySelectorAll(`button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])`)].filter(e=>!e.disabled);if(!n.length)return;let r=n[0],i=n[n.length-1];e.shiftKey&&document.activeElement===r?(e.preventDefault(),i.focus()):!e.shiftKey&&document.activeElement===i&&(e.preventDefault(),r.focus())}function z({text:e,testid:t,label:n=`Copy`,multiline:r=!1}){let[i,a]=o(`idle`),c=s(null);u(()=>{if(i===`idle`)return;let e=setTimeout(()=>a(`idle`),2500);return()=>clearTimeout(e)},[i]);async function l(){try{await navigator.clipboard.writeText(e),a(`copied`)}catch{let e=document.createRange();e.selectNodeContents(c.current);let t=getSelection();t.removeAllRanges(),t.addRange(e),a(`failed`)}}return x`<div class="copybox">
    <code ref=${c} data-testid=${t} class=${r?`multiline`:``}>${e}</code>
    <button class="btn btn-sm" type="button" onClick=${l} data-testid=${t&&`${t}-copy`}>
      <${D} name=${i===`copied`?`check`:`copy`} size=${13} /> ${i===`copied`?`Copied`:n}
    </button>
    <span class="visually-hidden" role="status">${i===`copied`?`Copied to the clipboard`:i===`failed`?`Selected: press Ctrl+C to copy`:``}</span>
  </div>`}function B({title:e,text:t,secret:n,testid:r,onDone:i}){return x`<div class="once" role="region" aria-label=${e} data-testid=${r}>
    <div class="once-head"><${D} name="key" size=${15} /> <strong>${e}</strong></div>
    <p class="small">${t}</p>
    <${z} text=${n} testid=${`${r}-value`} />
    ${i&&x`<div><button class="btn btn-sm" onClick=${i} data-testid=${`${r}-done`}>Done</button></div>`}
  </div>`}function V({checked:e,onChange:t,label:n,text:r,testid:i,disabled:a=!1}){let o=`toggle-${i||n}`;return x`<div class="setting-row">
    <div class="setting-label">
      <label for=${o}>${n}</label>
      ${r&&x`<p class="muted small" id=${`${o}-text`}>${r}</p>`}
    </div>
    <label class="switch">
      <input id=${o} type="checkbox" role="switch" data-testid=${i} checked=${e} disabled=${a}
        aria-describedby=${r?`${o}-text`:void 0} onChange=${e=>t(e.currentTarget.checked)} />
      <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
    </label>
  </div>`}function H({label:e,help:t,children:n,id:r,wide:i=!1}){return x`<div class=${`sfield ${i?`sfield-wide`:``}`}>
    <label for=${r}>${e}</label>
    ${n}
    ${t&&x`<small class="muted" id=${`${r}-help`}>${t}</small>`}
  </div>`}function Se({dirty:e,busy:t,error:n,saved:r,testid:i=`settings-save`,label:a=`Save changes`,onDiscard:o}){return x`<div class="savebar">
    <${I} error=${n} />
    <div class="savebar-actions">
      <span class="muted small" role="status">${t?`Saving…`:e?`Unsaved changes`:r?`Saved`:``}</span>
      ${o&&x`<button type="button" class="btn" disabled=${!e||t} onClick=${o} data-testid=${`${i}-discard`}>Discard</button>`}
      <button type="submit" class="btn btn-primary" disabled=${!e||t} data-testid=${i}>${t?`Saving…`:a}</button>
    </div>
  </div>`}function U(e,t=`—`){if(!e)return t;let n=new Date(e);return Number.isNaN(n.getTime())?t:n.toLocaleString(void 0,{day:`numeric`,month:`short`,year:`numeric`,hour:`2-digit`,minute:`2-digit`})}var Ce=()=>l(`/v1/settings`);function W({title:e,text:t,what:n,toForm:r,fromForm:i,children:a,testid:o,after:s=null}){let c=M(Ce);return x`<${P} title=${e} text=${t} />
    <${L} resource=${c} what=${n}>
      ${e=>x`<${G} data=${e} reload=${c.reload} refreshError=${c.error}
        toForm=${r} fromForm=${i} testid=${o}>${a}</${G}>${s}`}
    </${L}>`}function G({data:e,reload:t,refreshError:n,toForm:r,fromForm:i,children:a,testid:c}){let[d,f]=o(()=>r(e)),[p,m]=o(!1),h=s(e),g=N();u(()=>{h.current!==e&&(h.current=e,f(r(e)))},[e]);let _=JSON.stringify(d)!==JSON.stringify(r(e)),v=e=>{m(!1),f(t=>typeof e==`function`?e(t):{...t,...e})};async function ee(n){n.preventDefault();let r=i(d,e);if(r.error){g.setError(r.error);return}let a=re(e,r.value);Object.keys(a).length&&await g.run(`save`,async()=>(await l(`/v1/settings`,{method:`PATCH`,body:a}),!0))&&(await t(),m(!0))}return x`<form class="settings-form" onSubmit=${ee} data-testid=${c} noValidate>
    ${n&&x`<${I} error=${`Could not read the settings again: ${n.message}`} />`}
    ${a(d,v,e)}
    <${Se} dirty=${_} busy=${!!g.busy} error=${g.error} saved=${p}
      onDiscard=${()=>{g.setError(null),f(r(e))}} />
  </form>`}var K=1e9,we=604800;function Te(e){return{ai_enabled:e.ai_enabled,ai_greeting:e.ai_greeting,ai_tokens_per_conversation:f(e.ai_tokens_per_conversation),ai_tokens_per_month:f(e.ai_tokens_per_month),escalation_message:e.escalation_message,unanswered_escalation_s:f(e.unanswered_escalation_s),escalate_on_disconnect:e.escalate_on_disconnect,auto_assign:e.auto_assign}}function Ee(e){let t=v(e.ai_tokens_per_conversation,{label:`Tokens per conversation`,max:K});if(t.error)return t;let n=v(e.ai_tokens_per_month,{label:`Tokens per month`,max:K});if(n.error)return n;let r=v(e.unanswered_escalation_s,{label:`Unanswered for`,max:we,empty:!1});return r.error?r:{value:{ai_enabled:e.ai_enabled,ai_greeting:e.ai_greeting,ai_tokens_per_conversation:t.value,ai_tokens_per_month:n.value,escalation_message:e.escalation_message,unanswered_escalation_s:r.value,escalate_on_disconnect:e.escalate_on_disconnect,auto_assign:e.auto_assign}}}function De(e){let t=v(e);return t.error||t.value==null?`0: never.`:t.value===0?`0: never. Now: questions never go to a person for waiting.`:`0: never. Now: ${r(t.value)}.`}function Oe(){return x`<${W} title="AI answers" what="AI settings" testid="ai-form"
    text="The assistant answers visitors from your knowledge base, with its sources, and hands over what it cannot answer."
    toForm=${Te} fromForm=${Ee}>
    ${(e,t)=>x`
      <${F} title="Assistant">
        <${V} label="Answer visitors with AI" testid="ai-enabled" checked=${e.ai_enabled}
          text="Conversations started while this is off wait for a person. Those already running keep their setting."
          onChange=${e=>t({ai_enabled:e})} />
        <${H} label="Reply to a greeting" id="ai-greeting" wide
          help="What the assistant says to hello, hi or good morning: no search, no ticket.">
          <textarea id="ai-greeting" rows="2" maxlength="1000" data-testid="ai-greeting" aria-describedby="ai-greeting-help"
            value=${e.ai_greeting} onInput=${e=>t({ai_greeting:e.currentTarget.value})}></textarea>
        </${H}>
      </${F}>
      <${F} title="Token budgets" text="Only answers written by a language model use tokens; answers quoted from the knowledge base cost nothing.">
        <div class="field-grid">
          <${H} label="Tokens per conversation" id="ai-tokens-conversation" help="Empty: no limit. Past it, the conversation goes to a person.">
            <input id="ai-tokens-conversation" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-conversation"
              aria-describedby="ai-tokens-conversation-help" value=${e.ai_tokens_per_conversation}
              onInput=${e=>t({ai_tokens_per_conversation:e.currentTarget.value})} />
          </${H}>
          <${H} label="Tokens per month" id="ai-tokens-month" help="The whole workspace, per calendar month (UTC). Empty: no limit.">
            <input id="ai-tokens-month" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-month"
              aria-describedby="ai-tokens-month-help" value=${e.ai_tokens_per_month}
              onInput=${e=>t({ai_tokens_per_month:e.currentTarget.value})} />
          </${H}>
        </div>
      </${F}>
      <${F} title="Handing over to a person">
        <${H} label="What the visitor reads when a person takes over" id="ai-escalation" wide>
          <textarea id="ai-escalation" rows="2" maxlength="1000" data-testid="ai-escalation-message"
            value=${e.escalation_message} onInput=${e=>t({escalation_message:e.currentTarget.value})}></textarea>
        </${H}>
        <${H} label="A question unanswered for (seconds) goes to a person" id="ai-unanswered"
          help=${De(e.unanswered_escalation_s)}>
          <input id="ai-unanswered" inputmode="numeric" data-testid="ai-unanswered" aria-describedby="ai-unanswered-help"
            value=${e.unanswered_escalation_s} onInput=${e=>t({unanswered_escalation_s:e.currentTarget.value})} />
        </${H}>
        <${V} label="When a visitor leaves with a question unanswered" testid="ai-escalate-disconnect"
          text="Hand it to a person shortly after they close the page (a reload is not leaving)."
          checked=${e.escalate_on_disconnect} onChange=${e=>t({escalate_on_disconnect:e})} />
        <${V} label="Assign handed-over tickets automatically" testid="ai-auto-assign"
          text="Round the agents online, in turn; nobody online leaves them unassigned."
          checked=${e.auto_assign} onChange=${e=>t({auto_assign:e})} />
      </${F}>`}
  </${W}>`}function ke(){let e=M(()=>l(`/v1/apikeys`).then(e=>e.api_keys));return x`<${P} title="API keys" text="Bots and scripts use a key as their bearer credential, over HTTP and the WebSocket protocol." />
    <${L} resource=${e} what="API keys">
      ${t=>x`<${Ae} reload=${e.reload} /><${je} list=${t} reload=${e.reload} refreshError=${e.error} />`}
    </${L}>`}function Ae({reload:e}){let[t,n]=o(``),[r,i]=o(null),a=N();async function s(r){r.preventDefault();let o=await a.run(`create`,()=>l(`/v1/apikeys`,{method:`POST`,body:{name:t.trim()}}));o&&(i(o),n(``),await e())}return x`<${F} title="Create a key" text="Name it after what uses it, so you know what to revoke." testid="apikey-create">
    <form class="invite-form" onSubmit=${s}>
      <${H} label="Name" id="apikey-name">
        <input id="apikey-name" required maxlength="100" placeholder="Order-status bot" value=${t}
          onInput=${e=>n(e.currentTarget.value)} data-testid="apikey-name" />
      </${H}>
      <button class="btn btn-primary" type="submit" disabled=${!!a.busy} data-testid="apikey-submit">
        ${a.busy?`Creating…`:`Create key`}
      </button>
    </form>
    <${I} error=${a.error} testid="apikey-error" />
    ${r&&x`<${B} title=${`The key for ${r.name}`} testid="apikey-secret" secret=${r.api_key}
        text="Copy it now and store it where the bot runs: it is not shown again. Lost it? Revoke it and create another."
        onDone=${()=>i(null)} />`}
  </${F}>`}function je({list:e,reload:t,refreshError:n}){let r=N(),[i,a]=R(),o=e.filter(e=>!e.revoked_at),s=e.filter(e=>e.revoked_at);async function c(e){await a({title:`Revoke ${e.name}?`,text:`Whatever uses it is refused from now on and its connections close. This cannot be undone.`,confirm:`Revoke key`})&&await r.run(e.id,async()=>(await l(`/v1/apikeys/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return x`<${F} title="Keys" text=${`${o.length} in use`} testid="apikey-list">
    ${n&&x`<${I} error=${`Could not read the keys again: ${n.message}`} />`}
    <${I} error=${r.error} />
    ${e.length?x`<table class="settings-table" data-testid="apikey-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${[...o,...s].map(e=>x`<tr key=${e.id} data-testid="apikey-row" data-name=${e.name} class=${e.revoked_at?`revoked`:``}>
            <td><span class="inline-icon"><${D} name="key" size=${14} /> <strong>${e.name}</strong></span></td>
            <td class="muted small">${U(e.created_at)}</td>
            <td class="muted small">${e.last_used_at?j(e.last_used_at):`Never`}</td>
            <td class="cell-actions">${e.revoked_at?x`<span class="chip" data-testid="apikey-revoked">Revoked ${U(e.revoked_at)}</span>`:x`<button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!r.busy} data-testid="apikey-revoke">
                  ${r.busy===e.id?`Revoking…`:`Revoke`}</button>`}</td>
          </tr>`)}
        </tbody>
      </table>`:x`<p class="muted">No keys yet.</p>`}
    ${i}
  </${F}>`}var Me=/^(\d{4})-(\d{2})-(\d{2})$/,Ne=/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;function q(e,t=0){let n=Me.exec(String(e||``).trim());if(!n)return null;let[r,i,a]=n.slice(1).map(Number),o=new Date(r,i-1,a);return o.getMonth()!==i-1||o.getDate()!==a?null:new Date(r,i-1,a+t).toISOString()}function J(e,t=null){let n=String(e.action||``).trim(),r=String(e.actor||``).trim();if(n&&!Ne.test(n))return{error:`Action: dotted lower-case words, e.g. auth.login or auth.`};let i=e.from?q(e.from):null;if(e.from&&!i)return{error:`From: pick a date.`};let a=e.to?q(e.to,1):null;if(e.to&&!a)return{error:`To: pick a date.`};if(i&&a&&a<=i)return{error:`To is before From.`};let o={limit:50};return n&&(o.action=n),r&&(o.actor=r),i&&(o.since=i),a&&(o.until=a),t&&(o.cursor=t),{query:o}}function Y(e){if(!e)return`—`;let t=e.id?String(e.id):``;return t?`${e.kind} ${t.length>12?`${t.slice(0,8)}…`:t}`:e.kind}function Pe(e,t=80){let n=Object.entries(e||{}).map(([e,t])=>`${e}: ${typeof t==`string`?t:JSON.stringify(t)}`).join(`, `);return n.length>t?`${n.slice(0,t-1)}…`:n}function X(e,t=Date.now()){if(e.status===`completed`)return`done`;if(e.status===`failed`)return`failed`;let n=Date.parse(e.due_at);return Number.isNaN(n)?`ok`:t>n?`overdue`:n-t<=6048e5?`soon`:`ok`}function Fe(e,t=Date.now()){let n=X(e,t),r=Math.ceil(Math.abs(Date.parse(e.due_at)-t)/864e5);return n===`overdue`?`Overdue by ${r} day${r===1?``:`s`}`:n===`soon`?`Due in ${r} day${r===1?``:`s`}`:``}var Z={action:``,actor:``,from:``,to:``};function Ie(){let[e,t]=o(Z),[n,r]=o(Z),[i,a]=o(null),[s,c]=o({entries:[],cursor:void 0}),u=M(()=>(c({entries:[],cursor:void 0}),l(`/v1/audit`,{query:J(n).query})),[n]),d=N(),f=N(),[p,m]=o(null);function h(t){t.preventDefault();let n=J(e);a(n.error||null),n.error||r({...e})}async function g(e){let t=await d.run(`more`,()=>l(`/v1/audit`,{query:J(n,e).query}));t&&c(e=>({entries:[...e.entries,...t.entries],cursor:t.next_cursor}))}async function _(){let{limit:e,...t}=J(n).query,r=await f.run(`audit`,()=>S(`/v1/audit`,{query:{...t,format:`csv`},filename:`audit-log.csv`}));r&&m(r.get(`x-truncated`)===`true`?`Downloaded the newest 100,000 entries: narrow the filters for the rest.`:`Downloaded the filtered log as CSV.`)}async function v(){await f.run(`review`,()=>S(`/v1/users/access-review`,{query:{format:`csv`},filename:`access-review.csv`}))&&m(`Downloaded the access review as CSV.`)}return x`<${P} title="Audit log" text="Every change to your workspace, sign-ins and refused attempts: who, what, when and from where. Entries cannot be changed or removed.">
      <button class="btn" onClick=${v} disabled=${!!f.busy} data-testid="access-review-download">
        ${f.busy===`review`?`Preparing…`:`Access review (CSV)`}
      </button>
    </${P}>
    <${F} title="Filters" testid="audit-filters">
      <form class="invite-form" onSubmit=${h}>
        <${H} label="Action" id="audit-action" help="e.g. auth. for every sign-in entry">
          <input id="audit-action" placeholder="auth." value=${e.action} maxlength="200"
            onInput=${n=>t({...e,action:n.currentTarget.value})} data-testid="audit-action" />
        </${H}>
        <${H} label="Actor id" id="audit-actor">
          <input id="audit-actor" placeholder="a user or key id" value=${e.actor} maxlength="200"
            onInput=${n=>t({...e,actor:n.currentTarget.value})} data-testid="audit-actor" />
        </${H}>
        <${H} label="From" id="audit-from">
          <input id="audit-from" type="date" value=${e.from}
            onInput=${n=>t({...e,from:n.currentTarget.value})} data-testid="audit-from" />
        </${H}>
        <${H} label="To" id="audit-to">
          <input id="audit-to" type="date" value=${e.to}
            onInput=${n=>t({...e,to:n.currentTarget.value})} data-testid="audit-to" />
        </${H}>
        <button class="btn btn-primary" type="submit" data-testid="audit-apply">Apply</button>
        <button class="btn" type="button" onClick=${_} disabled=${!!f.busy} data-testid="audit-csv">
          ${f.busy===`audit`?`Preparing…`:`Download CSV`}
        </button>
      </form>
      <${I} error=${i} testid="audit-filter-error" />
      <${I} error=${f.error} testid="audit-download-error" />
      ${p&&x`<p class="form-ok" role="status" data-testid="audit-notice">${p}</p>`}
    </${F}>
    <${L} resource=${u} what="Audit log">
      ${e=>{let t=[...e.entries,...s.entries],n=s.cursor===void 0?e.next_cursor:s.cursor;return x`<${Le} entries=${t} cursor=${n} more=${d} loadMore=${g} error=${u.error} />`}}
    </${L}>`}function Le({entries:e,cursor:t,more:n,loadMore:r,error:i}){return x`<${F} title="Entries" text=${`${e.length} shown, newest first`} testid="audit-entries">
    ${i&&x`<${I} error=${`Could not read the log again: ${i.message}`} />`}
    ${e.length?x`<table class="settings-table" data-testid="audit-table">
        <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Client address</th><th scope="col">Details</th></tr></thead>
        <tbody>
          ${e.map(e=>x`<tr key=${e.id} data-testid="audit-row" data-action=${e.action}>
            <td class="muted small" title=${e.at}>${U(e.at)}</td>
            <td class="small" title=${e.actor.id||``}>${Y(e.actor)}</td>
            <td><code>${e.action}</code></td>
            <td class="small" title=${e.target?.id||``}>${Y(e.target)}</td>
            <td class="small">${e.client_address||`—`}</td>
            <td class="muted small" title=${JSON.stringify(e.details)}>${Pe(e.details)}</td>
          </tr>`)}
        </tbody>
      </table>`:x`<p class="muted" data-testid="audit-empty">No entries match these filters.</p>`}
    <${I} error=${n.error} testid="audit-more-error" />
    ${t&&x`<button class="btn" onClick=${()=>r(t)} disabled=${!!n.busy} data-testid="audit-more">
        ${n.busy?`Loading…`:`Load more`}
      </button>`}
  </${F}>`}var Q={email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`},Re={smtp:`Mailgun or SMTP`,twilio:`Twilio`,meta:`Meta Cloud API`},ze={auth_token:`Auth token`,app_secret:`App secret`,verify_token:`Verify token`,access_token:`Access token`};function Be(e,t){return t===`twilio`?`In the Twilio console, set the number’s “A message comes in” webhook (HTTP POST) to this URL.`:t===`meta`?`In the app’s WhatsApp configuration, set the callback URL to this, the verify token to the one you gave, and subscribe to messages.`:e===`email`?`Mail to this address reaches the inbox through your Mailgun route or the SMTP listener.`:``}function Ve(){let e=M(()=>l(`/v1/channels`).then(e=>e.channels));return x`<${P} title="Channels" text="E-mail, SMS and WhatsApp land in the same inbox as web chats; replies go back the way the customer wrote." />
    <${L} resource=${e} what="Channels">
      ${t=>x`<${He} reload=${e.reload} /><${Ue} list=${t} reload=${e.reload} refreshError=${e.error} />`}
    </${L}>`}function He({reload:e}){let[t,n]=o(`email`),[r,i]=o({}),[a,s]=o(null),c=N(),u=k.find(e=>e.id===t);async function d(n){n.preventDefault();let a=await c.run(`add`,()=>l(`/v1/channels`,{method:`POST`,body:ue(t,r)}));a&&(s({...a,kind:u.kind,provider:u.provider}),i({}),await e())}return x`<${F} title="Add a channel" testid="channel-add">
    <form class="settings-form" onSubmit=${d} autocomplete="off">
      <fieldset class="choice-list wrap">
        <legend class="visually-hidden">Channel</legend>
        ${k.map(e=>x`<label class=${`choice-card ${e.id===t?`on`:``}`}>
          <input type="radio" name="channel-form" value=${e.id} checked=${e.id===t} data-testid=${`channel-form-${e.id}`}
            onChange=${()=>{n(e.id),c.setError(null)}} />
          <${D} name=${e.kind} size=${15} /> ${e.label}
        </label>`)}
      </fieldset>
      <div class="field-grid">
        ${u.fields.map(e=>x`<${H} key=${`${t}-${e.key}`} label=${e.label} id=${`ch-${e.key}`} help=${e.help}>
          <input id=${`ch-${e.key}`} type=${e.secret?`password`:e.type||`text`} required placeholder=${e.placeholder||``}
            autocomplete=${e.secret?`new-password`:`off`} value=${r[e.key]||``} data-testid=${`channel-${e.key}`}
            aria-describedby=${e.help?`ch-${e.key}-help`:void 0}
            onInput=${t=>i(n=>({...n,[e.key]:t.currentTarget.value}))} />
        </${H}>`)}
      </div>
      ${u.provider&&x`<details class="advanced">
        <summary>Advanced</summary>
        <${H} label="API base URL" id="ch-api-base" help="Only to reach the provider through a proxy or a stand-in; empty: the provider's own.">
          <input id="ch-api-base" type="url" placeholder="https://api.twilio.com" value=${r.api_base||``} data-testid="channel-api_base"
            aria-describedby="ch-api-base-help" onInput=${e=>i(t=>({...t,api_base:e.currentTarget.value}))} />
        </${H}>
      </details>`}
      <${I} error=${c.error} testid="channel-error" />
      <div><button class="btn btn-primary" type="submit" disabled=${!!c.busy} data-testid="channel-submit">
        ${c.busy?`Adding…`:`Add ${u.label}`}
      </button></div>
    </form>
    ${a&&x`<div class="once" role="region" aria-label="The channel was added" data-testid="channel-added">
      <div class="once-head"><${D} name="check" size=${15} /> <strong>${Q[a.kind]} ${a.channel?.address||``} added</strong></div>
      ${a.webhook_url?x`<p class="small">${Be(a.kind,a.provider)}</p><${z} text=${a.webhook_url} testid="channel-webhook" />`:x`<p class="small">${Be(a.kind,a.provider)}</p>`}
      <div><button class="btn btn-sm" onClick=${()=>s(null)} data-testid="channel-added-done">Done</button></div>
    </div>`}
  </${F}>`}function Ue({list:e,reload:t,refreshError:n}){let r=N(),[i,a]=R(),[s,c]=o(null);async function u(e){await a({title:`Remove ${Q[e.kind]} ${e.address}?`,text:`Messages to it are refused from now on, and replies to its conversations can no longer go out this way. Conversations already in the inbox stay.`,confirm:`Remove channel`})&&await r.run(e.id,async()=>(await l(`/v1/channels/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return x`<${F} title="Channels" text=${e.length?``:`Web chat needs none: it comes through the widget.`} testid="channel-list">
    ${n&&x`<${I} error=${`Could not read the channels again: ${n.message}`} />`}
    <${I} error=${r.error} />
    ${!e.length&&x`<p class="muted">No e-mail, SMS or WhatsApp channel yet.</p>`}
    <ul class="settings-list">
      ${e.map(e=>x`<li key=${e.id} class="settings-item channel-item" data-testid="channel-row" data-address=${e.address}>
        <span class="settings-item-icon"><${D} name=${e.kind} size=${16} /></span>
        <div class="settings-item-main">
          <div><strong>${e.address}</strong> <span class="chip">${Q[e.kind]||e.kind}</span>
            <span class="muted small"> · ${Re[e.provider]||e.provider} · added ${U(e.created_at)}</span>
            ${!e.sealed_ok&&x` <span class="chip chip-danger" data-testid="channel-unsealed">Credentials unreadable</span>`}</div>
          ${e.webhook_url&&x`<${z} text=${e.webhook_url} testid="channel-row-webhook" label="Copy URL" />`}
          ${!e.sealed_ok&&(s===e.id?x`<${We} channel=${e} onDone=${async()=>{c(null),await t()}} onCancel=${()=>c(null)} />`:x`<p class="small danger-text">The server's secret key changed, so it cannot open this channel's credentials: replies cannot go out.
                  <button class="link-btn" onClick=${()=>c(e.id)} data-testid="channel-reseal">Enter them again</button></p>`)}
        </div>
        <button class="btn btn-sm btn-danger-ghost" onClick=${()=>u(e)} disabled=${!!r.busy} data-testid="channel-remove">
          ${r.busy===e.id?`Removing…`:`Remove`}
        </button>
      </li>`)}
    </ul>
    ${i}
  </${F}>`}function We({channel:e,onDone:t,onCancel:n}){let[r,i]=o({}),a=N(),s=fe[e.provider]||[];async function c(n){n.preventDefault(),await a.run(`reseal`,async()=>(await l(`/v1/channels/${encodeURIComponent(e.id)}/credentials`,{method:`POST`,body:ae(e.provider,r)}),!0))&&await t()}return x`<form class="reseal" onSubmit=${c} autocomplete="off" data-testid="channel-reseal-form">
    <div class="field-grid">
      ${s.map(t=>x`<${H} key=${t} label=${ze[t]} id=${`reseal-${e.id}-${t}`}>
        <input id=${`reseal-${e.id}-${t}`} type="password" required autocomplete="new-password" value=${r[t]||``}
          data-testid=${`reseal-${t}`} onInput=${e=>i(n=>({...n,[t]:e.currentTarget.value}))} />
      </${H}>`)}
    </div>
    <${I} error=${a.error} />
    <div class="savebar-actions">
      <button type="button" class="btn" onClick=${n}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!a.busy} data-testid="reseal-submit">${a.busy?`Saving…`:`Save credentials`}</button>
    </div>
  </form>`}var Ge={text:`Text`,number:`Number`,boolean:`Yes / no`,choice:`One of a list`},Ke=e=>({rows:w(e.ticket_fields)});function qe(e){let t=me(e.rows);return t.error?t:{value:{ticket_fields:t.value}}}function Je(){return x`<${W} title="Ticket fields" what="Ticket fields" testid="fields-form" toForm=${Ke} fromForm=${qe}
    text="Custom fields on every ticket, set by agents and bots (PATCH /v1/tickets/{id} custom_fields).">
    ${(e,t)=>x`<${Ye} rows=${e.rows} update=${t} />`}
  </${W}>`}function Ye({rows:e,update:t}){let[n,r]=R(),i=s(0),a=(e,n)=>t(t=>({...t,rows:t.rows.map(t=>t.id===e?{...t,...n}:t)}));function o(){let e=`new${++i.current}`;t(t=>({...t,rows:[...t.rows,{id:e,key:``,label:``,type:`text`,choices:``,saved:!1,autoKey:!0}]})),requestAnimationFrame(()=>document.querySelector(`[data-row="${e}"] input`)?.focus())}async function c(e){(!e.saved||await r({title:`Remove the field ${e.label||e.key}?`,text:`Once you save, tickets can no longer be given a value for it; the values tickets hold now stay on them.`,confirm:`Remove field`}))&&t(t=>({...t,rows:t.rows.filter(t=>t.id!==e.id)}))}return x`<${F} title="Fields" text=${e.length?`Keys are what bots and the API use; labels are what agents read.`:``}
    actions=${x`<button type="button" class="btn btn-sm" onClick=${o} data-testid="field-add"><${D} name="plus" size=${13} /> Add field</button>`}>
    ${e.length?x`<table class="settings-table" data-testid="field-table">
        <thead><tr><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Choices</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
          ${e.map((e,t)=>x`<tr key=${e.id} data-row=${e.id} data-testid="field-row">
            <td><input aria-label=${`Field ${t+1}: label`} value=${e.label} maxlength="100" data-testid="field-label"
              onInput=${t=>{let n=t.currentTarget.value;a(e.id,e.autoKey?{label:n,key:ie(n)}:{label:n})}} /></td>
            <td><input aria-label=${`Field ${t+1}: key`} class="mono-input" value=${e.key} maxlength="50" data-testid="field-key"
              readOnly=${e.saved} title=${e.saved?`Saved keys stay: tickets hold values under them`:``}
              onInput=${t=>a(e.id,{key:t.currentTarget.value,autoKey:!1})} /></td>
            <td><select aria-label=${`Field ${t+1}: type`} value=${e.type} data-testid="field-type"
              onChange=${t=>a(e.id,{type:t.currentTarget.value})}>
              ${ne.map(e=>x`<option value=${e}>${Ge[e]}</option>`)}
            </select></td>
            <td>${e.type===`choice`?x`<input aria-label=${`Field ${t+1}: choices, separated by commas`} value=${e.choices} placeholder="Basic, Pro, Enterprise"
                  data-testid="field-choices" onInput=${t=>a(e.id,{choices:t.currentTarget.value})} />`:x`<span class="faint small">—</span>`}</td>
            <td><button type="button" class="icon-btn" aria-label=${`Remove field ${e.label||e.key||t+1}`} onClick=${()=>c(e)}
              data-testid="field-remove"><${D} name="trash" size=${15} /></button></td>
          </tr>`)}
        </tbody>
      </table>`:x`<p class="muted" data-testid="fields-empty">No custom fields yet. Tickets have a subject, status, priority, assignee and tags; add fields for anything else you track (order number, plan, …).</p>`}
    ${n}
  </${F}>`}var Xe=500,Ze=`new`,Qe=`.md,.mdx,.markdown,.html,.htm,.txt,.zip`;function $e(e,t){let[n,r]=o(e);return u(()=>{let n=setTimeout(()=>r(e),t);return()=>clearTimeout(n)},[e,t]),n}function et(){let[e,t]=o(``),n=$e(e.trim(),250),r=M(()=>l(`/v1/kb/articles`,{query:{limit:Xe,q:n}}).then(e=>({q:n,list:e.articles})),[n]),[i,a]=o(null),c=s(!1),[u,d]=R();async function f(e){e!==i&&(!c.current||await d({title:`Discard your changes?`,text:`The article you are editing has changes that are not saved.`,confirm:`Discard changes`}))&&(c.current=!1,a(e))}return x`<${P} title="Knowledge base"
      text="The AI answers visitors only from these articles, citing them, and hands over what they do not cover.">
      <button class="btn btn-primary" onClick=${()=>f(Ze)} data-testid="kb-new"><${D} name="plus" size=${14} /> New article</button>
    </${P}>
    <${L} resource=${r} what="The knowledge base">
      ${({q:n,list:o})=>x`<div class="kb">
        <div class="kb-side">
          <label class="search">
            <${D} name="search" size=${14} />
            <input type="search" placeholder="Find in titles, paths and text" aria-label="Find articles" data-testid="kb-search"
              value=${e} onInput=${e=>t(e.currentTarget.value)} />
            ${r.reloading&&x`<${T} label="Searching" />`}
          </label>
          ${r.error&&x`<${I} error=${r.error} />`}
          <${tt} list=${o} filtered=${!!n} selected=${i} onOpen=${f} />
          <${nt} onOpen=${f} />
          <${rt} reload=${r.reload} />
        </div>
        <div class="kb-main">
          ${i?x`<${st} key=${i} id=${i===Ze?null:i}
                onDirty=${e=>{c.current=e}}
                onSaved=${async e=>{c.current=!1,await r.reload(),a(e)}}
                onDeleted=${async()=>{c.current=!1,a(null),await r.reload()}} />`:x`<div class="placeholder" data-testid="kb-placeholder">
                <span class="placeholder-icon"><${D} name="book" size=${26} /></span>
                <h2>${o.length||n?`Pick an article`:`No articles yet`}</h2>
                <p class="muted">${o.length||n?`Open one to edit it, or write a new one.`:`Write one here, or upload your help center’s Markdown or HTML files (or a .zip of them).`}</p>
              </div>`}
        </div>
      </div>`}
    </${L}>
    ${u}`}function tt({list:e,filtered:t,selected:n,onOpen:r}){let i=`${e.length}${e.length===Xe?`+`:``}`;return x`<div class="kb-list-wrap">
    <p class="muted small" role="status" data-testid="kb-count">${t?`${i} ${e.length===1?`article matches`:`articles match`}`:`${i} ${e.length===1?`article`:`articles`}`}</p>
    <ul class="kb-list" data-testid="kb-list" aria-label="Articles">
      ${e.map(e=>x`<li key=${e.id}>
        <button class=${`kb-item ${e.id===n?`active`:``}`} aria-current=${e.id===n?`true`:void 0}
          onClick=${()=>r(e.id)} data-testid="kb-item" data-article-id=${e.id}>
          <span class="kb-item-title">${e.title}</span>
          <span class="muted small ellipsis">${e.source_path||`Written here`} · ${e.chunks??0} ${e.chunks===1?`passage`:`passages`}</span>
        </button>
      </li>`)}
    </ul>
  </div>`}function nt({onOpen:e}){let[t,n]=o(``),[r,i]=o(null),a=N();async function s(e){if(e.preventDefault(),!t.trim())return;let n=await a.run(`search`,()=>l(`/v1/kb/search`,{query:{q:t.trim(),limit:5}}));i(n?n.results:null)}return x`<form class="kb-try" onSubmit=${s} aria-labelledby="kb-try-title">
    <h3 id="kb-try-title">Try a question</h3>
    <p class="muted small">The passages the AI would answer from, best first.</p>
    <div class="inline-form">
      <input aria-label="A visitor's question" placeholder="How do I cancel my plan?" value=${t} onInput=${e=>n(e.currentTarget.value)}
        data-testid="kb-try-input" maxlength="500" />
      <button class="btn btn-sm" type="submit" disabled=${!!a.busy} data-testid="kb-try-submit">${a.busy?x`<${T} />`:`Search`}</button>
    </div>
    <${I} error=${a.error} />
    ${r&&x`<ol class="kb-results" data-testid="kb-try-results">
      ${r.length?``:x`<li class="muted small">Nothing found: the AI would hand this question to a person.</li>`}
      ${r.map(t=>x`<li key=${t.article_id}>
        <button type="button" class="link-btn" onClick=${()=>e(t.article_id)}>${t.title}</button>
        ${t.heading_path&&x`<span class="faint small"> · ${t.heading_path}</span>`}
        <div class="small muted md kb-snippet">${O(t.snippet,C)}</div>
      </li>`)}
    </ol>`}
  </form>`}function rt({reload:e}){let[t,n]=o([]),[r,i]=o(``),[a,c]=o(null),u=N(),d=s(null);async function f(i){if(i.preventDefault(),!t.length)return;c(null);let a=new FormData;for(let e of t)a.append(`files`,e,e.name);r.trim()&&a.append(`base_url`,r.trim());let o=await u.run(`upload`,()=>l(`/v1/kb/uploads`,{method:`POST`,form:a}));if(!o)return;let s=(e,t,n)=>`${e} ${e===1?t:n}`;c(`${s(o.articles,`article`,`articles`)} written (${s(o.chunks,`passage`,`passages`)}), ${o.skipped} unchanged.`),n([]),d.current&&(d.current.value=``),await e()}async function p(){c(null);let t=await u.run(`reingest`,()=>l(`/v1/kb/reingest`,{method:`POST`}));t&&(c(`${t.articles} ${t.articles===1?`article`:`articles`} embedded again (${t.chunks} passages).`),await e())}return x`<form class="kb-try" onSubmit=${f} aria-labelledby="kb-import-title" data-testid="kb-import">
    <h3 id="kb-import-title">Upload articles</h3>
    <p class="muted small">Markdown, HTML or text files, or a .zip of a help-center folder. A file with the same path updates its article; unchanged ones are skipped.</p>
    <input ref=${d} type="file" multiple accept=${Qe} aria-label="Files to upload" data-testid="kb-upload-files"
      onChange=${e=>n([...e.currentTarget.files])} />
    <input class="kb-base" type="url" placeholder="https://help.example.com (optional)" aria-label="Where the help center is published (optional)"
      value=${r} onInput=${e=>i(e.currentTarget.value)} data-testid="kb-upload-base" />
    <div class="inline-form">
      <button class="btn btn-sm btn-primary" type="submit" disabled=${!t.length||!!u.busy} data-testid="kb-upload-submit">
        <${D} name="upload" size=${13} /> ${u.busy===`upload`?`Uploading and embedding…`:t.length>1?`Upload ${t.length} files`:`Upload`}
      </button>
      <button class="btn btn-sm" type="button" onClick=${p} disabled=${!!u.busy} data-testid="kb-reingest"
        title="Chunk and embed every article again with this server's embedding model (after it changed)">
        <${D} name="refresh" size=${13} /> ${u.busy===`reingest`?`Embedding…`:`Re-embed all`}
      </button>
    </div>
    <${I} error=${u.error} testid="kb-import-error" />
    ${a&&x`<p class="form-ok" role="status" data-testid="kb-import-result"><${D} name="check" size=${14} /> ${a}</p>`}
  </form>`}function it({id:e}){let t=M(()=>l(`/v1/kb/articles/${encodeURIComponent(e)}/questions`,{query:{limit:20}}),[e]);return x`<${F} title="Questions it answered" text="What visitors asked when the AI answered citing this article, newest first." testid="kb-questions">
    <${L} resource=${t} what="Its questions">
      ${e=>e.questions.length?x`<ul class="settings-list">
          ${e.questions.map(e=>x`<li class="settings-item" data-testid="kb-question">
            <div class="settings-item-main"><span class="break">${e.text}</span><span class="muted small">${j(e.asked_at)}</span></div>
            <button type="button" class="btn btn-sm" onClick=${()=>a({view:`conversations`,conversationId:e.conversation_id})}>Open conversation</button>
          </li>`)}
        </ul>`:x`<p class="muted small">No AI answer has cited it yet.</p>`}
    </${L}>
  </${F}>`}var at={title:``,url:``,tags:``,body:``},ot=e=>({title:e.title,url:e.url||``,tags:(e.tags||[]).join(`, `),body:e.body||``});function st({id:e,onDirty:t,onSaved:n,onDeleted:r}){let i=M(()=>e?l(`/v1/kb/articles/${encodeURIComponent(e)}`):Promise.resolve(null),[e]);return e?x`<${L} resource=${i} what="The article">
    ${e=>x`<${ct} article=${e} refreshError=${i.error} onDirty=${t} onDeleted=${r}
      onSaved=${async e=>{await i.reload(),await n(e)}} />`}
  </${L}>`:x`<${ct} article=${null} onDirty=${t} onSaved=${n} onDeleted=${r} />`}function ct({article:t,refreshError:n,onDirty:r,onSaved:i,onDeleted:a}){let c=t?ot(t):at,[d,f]=o(c),p=s(t);u(()=>{p.current!==t&&(p.current=t,f(t?ot(t):at))},[t]);let[m,h]=o(`split`),g=N(),[_,v]=R(),y=JSON.stringify(d)!==JSON.stringify(c);u(()=>r(y),[y]);let b=ee(()=>O(d.body,C),[d.body]),S=e=>t=>f(n=>({...n,[e]:t.currentTarget.value}));async function w(n){n.preventDefault();let r={title:d.title.trim(),body:d.body,url:d.url.trim()||null,tags:e(d.tags)},a=await g.run(`save`,()=>t?l(`/v1/kb/articles/${encodeURIComponent(t.id)}`,{method:`PUT`,body:r}):l(`/v1/kb/articles`,{method:`POST`,body:r}));a&&await i(a.id)}async function T(){await v({title:`Delete "${t.title}"?`,text:t.source_path?`The AI stops answering from it at once. It was imported from ${t.source_path}: importing that file again brings it back.`:`The AI stops answering from it at once. This cannot be undone.`,confirm:`Delete article`})&&await g.run(`delete`,async()=>(await l(`/v1/kb/articles/${encodeURIComponent(t.id)}`,{method:`DELETE`}),!0))&&await a()}return x`<form class="kb-editor" onSubmit=${w} data-testid="kb-editor" aria-label=${t?`Edit ${t.title}`:`New article`}>
    <div class="kb-editor-head">
      <h2>${t?`Edit article`:`New article`}</h2>
      ${t&&x`<span class="muted small">${t.source_path?`Imported from ${t.source_path}`:`Written here`} · updated ${U(t.updated_at)}</span>`}
    </div>
    ${n&&x`<${I} error=${`Could not read the article again: ${n.message}`} />`}
    <${H} label="Title" id="kb-title" wide>
      <input id="kb-title" required maxlength="500" value=${d.title} onInput=${S(`title`)} data-testid="kb-title" />
    </${H}>
    <div class="field-grid">
      <${H} label="Public URL" id="kb-url" help="Where visitors can read it: citations link here. Empty: cited by title.">
        <input id="kb-url" type="url" maxlength="2000" placeholder="https://help.example.com/…" value=${d.url} onInput=${S(`url`)}
          aria-describedby="kb-url-help" data-testid="kb-url" />
      </${H}>
      <${H} label="Tags" id="kb-tags" help="Separated by commas.">
        <input id="kb-tags" value=${d.tags} onInput=${S(`tags`)} aria-describedby="kb-tags-help" data-testid="kb-tags" />
      </${H}>
    </div>
    <div class="kb-body-head">
      <label for="kb-body">Body <span class="muted small">(Markdown)</span></label>
      <div class="segmented" role="group" aria-label="Editor layout">
        ${[[`split`,`Side by side`],[`write`,`Write`],[`preview`,`Preview`]].map(([e,t])=>x`<button type="button" class=${`segment ${m===e?`on`:``}`} aria-pressed=${m===e}
              onClick=${()=>h(e)} data-testid=${`kb-view-${e}`}>${t}</button>`)}
      </div>
    </div>
    <div class=${`kb-body kb-body-${m}`}>
      <textarea id="kb-body" required maxlength="200000" value=${d.body} onInput=${S(`body`)} data-testid="kb-body"
        hidden=${m===`preview`} spellcheck="true"></textarea>
      <div class="kb-preview msg-body md" hidden=${m===`write`} data-testid="kb-preview" aria-label="Preview" role="region">
        ${d.body.trim()?b:x`<p class="faint">The preview appears here as you write.</p>`}
      </div>
    </div>
    <${I} error=${g.error} testid="kb-error" />
    <div class="savebar-actions">
      ${t&&x`<button type="button" class="btn btn-danger-ghost" onClick=${T} disabled=${!!g.busy} data-testid="kb-delete">
        <${D} name="trash" size=${14} /> Delete</button>`}
      <span class="muted small" role="status">${g.busy===`save`?`Saving and embedding…`:y?`Unsaved changes`:``}</span>
      <button type="submit" class="btn btn-primary" disabled=${!!g.busy||!y&&!!t} data-testid="kb-save">
        ${g.busy===`save`?`Saving…`:t?`Save article`:`Create article`}
      </button>
    </div>
    ${_}
  </form>
  ${t&&x`<${it} id=${t.id} />`}`}var lt={export:`Export`,erasure:`Erasure`},ut={received:`Received`,completed:`Completed`,failed:`Failed`},dt={overdue:`chip chip-danger`,soon:`chip chip-warn`,failed:`chip chip-danger`,done:`chip chip-quiet`};function ft(){let e=M(()=>l(`/v1/privacy-requests`,{query:{limit:50}})),[t,n]=o({requests:[],cursor:void 0}),r=N();async function i(e){let t=await r.run(`more`,()=>l(`/v1/privacy-requests`,{query:{limit:50,cursor:e}}));t&&n(e=>({requests:[...e.requests,...t.requests],cursor:t.next_cursor}))}return x`<${P} title="Privacy requests" text="Data-subject requests (GDPR): exports and erasures, due one month after they were received." />
    <${L} resource=${e} what="Privacy requests">
      ${n=>{let a=[...n.requests,...t.requests],o=t.cursor===void 0?n.next_cursor:t.cursor;return x`<${pt} requests=${a} cursor=${o} more=${r} loadMore=${i} error=${e.error} />`}}
    </${L}>`}function pt({requests:e,cursor:t,more:n,loadMore:r,error:i}){let a=Date.now(),o=e.filter(e=>X(e,a)===`overdue`).length;return x`<${F} title="Requests" text=${o?`${o} overdue`:`${e.length} shown, newest first`} testid="privacy-requests">
    ${i&&x`<${I} error=${`Could not read the requests again: ${i.message}`} />`}
    ${e.length?x`<table class="settings-table" data-testid="privacy-table">
        <thead><tr><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Requested</th><th scope="col">By</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
        <tbody>
          ${e.map(e=>{let t=X(e,a),n=Fe(e,a);return x`<tr key=${e.id} data-testid="privacy-row" data-kind=${e.kind} data-state=${t}>
              <td><strong>${lt[e.kind]||e.kind}</strong></td>
              <td class="small" title=${e.subject_ref}>${e.contact_id?`contact ${e.contact_id.slice(0,8)}…`:`erased (${String(e.subject_ref).slice(0,8)}…)`}</td>
              <td class="muted small">${U(e.requested_at)}</td>
              <td class="small">${e.requested_by?e.requested_by.name||`an admin`:`operator (CLI)`}</td>
              <td class="small">${U(e.due_at)} ${n&&x`<span class=${dt[t]} data-testid="privacy-due-warning">${n}</span>`}</td>
              <td><span class=${dt[t]||`chip`}>${ut[e.status]||e.status}</span>${e.completed_at?x` <span class="muted small">${U(e.completed_at)}</span>`:``}</td>
            </tr>`})}
        </tbody>
      </table>`:x`<p class="muted" data-testid="privacy-empty">No privacy requests yet.</p>`}
    <${I} error=${n.error} />
    ${t&&x`<button class="btn" onClick=${()=>r(t)} disabled=${!!n.busy} data-testid="privacy-more">
        ${n.busy?`Loading…`:`Load more`}
      </button>`}
  </${F}>`}var mt={agent:`Agent`,admin:`Admin`,super_admin:`Super admin`};function ht(){let e=M(()=>l(`/v1/auth/sessions`).then(e=>e.sessions));return x`<${P} title="Profile" text="Your account, where you are signed in, and how the inbox looks and behaves in this browser." />
    <${gt} />
    <${_t} onChanged=${e.reload} />
    <${vt} sessions=${e} />
    <${yt} />`}function gt(){let e=y(c,e=>e.session.user),t=d(e.role),[n,r]=o(e.name||``),[i,a]=o(!1),s=N();async function u(t){t.preventDefault(),a(!1),await s.run(`name`,async()=>(await l(`/v1/users/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{name:n.trim()}}),await h(),!0))&&(r(c.get().session.user.name||``),a(!0))}return x`<${F} title="You" testid="profile-you">
    ${t?x`<form class="inline-form narrow-form" onSubmit=${u}>
          <${H} label="Name" id="profile-name-input" help="What customers and teammates see beside your replies.">
            <input id="profile-name-input" required maxlength="200" autocomplete="name" value=${n} data-testid="profile-name-input"
              aria-describedby="profile-name-input-help" onInput=${e=>{a(!1),r(e.currentTarget.value)}} />
          </${H}>
          <button class="btn" type="submit" disabled=${!!s.busy||!n.trim()||n.trim()===e.name} data-testid="profile-name-save">
            ${s.busy?`Saving…`:`Save name`}</button>
        </form>
        <${I} error=${s.error} testid="profile-name-error" />
        ${i&&x`<p class="form-ok" role="status" data-testid="profile-name-saved"><${D} name="check" size=${14} /> Saved.</p>`}`:``}
    <dl class="facts settings-facts">
      ${!t&&x`<dt>Name</dt><dd data-testid="profile-name">${e.name||`—`} <span class="muted small">(an admin can change it)</span></dd>`}
      <dt>E-mail</dt><dd data-testid="profile-email">${e.email}</dd>
      <dt>Role</dt><dd data-testid="profile-role">${mt[e.role]||e.role}</dd>
    </dl>
  </${F}>`}function _t({onChanged:e}){let[t,n]=o({current:``,next:``,again:``}),[r,a]=o(!1),s=N(),c=e=>t=>{a(!1),n(n=>({...n,[e]:t.currentTarget.value}))};async function u(r){r.preventDefault();let o=i(t.next,t.again);o?s.setError(o):await s.run(`password`,async()=>(await l(`/v1/auth/password`,{method:`POST`,body:{current_password:t.current,new_password:t.next}}),!0))&&(n({current:``,next:``,again:``}),a(!0),await e())}return x`<${F} title="Password" text=${`At least 8 characters. Changing it signs you out everywhere else; you stay signed in here.`} testid="profile-password">
    <form class="settings-form narrow" onSubmit=${u}>
      <${H} label="Current password" id="pw-current">
        <input id="pw-current" type="password" autocomplete="current-password" required value=${t.current}
          onInput=${c(`current`)} data-testid="password-current" />
      </${H}>
      <${H} label="New password" id="pw-new">
        <input id="pw-new" type="password" autocomplete="new-password" required value=${t.next}
          onInput=${c(`next`)} data-testid="password-new" />
      </${H}>
      <${H} label="New password again" id="pw-again">
        <input id="pw-again" type="password" autocomplete="new-password" required value=${t.again}
          onInput=${c(`again`)} data-testid="password-again" />
      </${H}>
      <${I} error=${s.error} testid="password-error" />
      ${r&&x`<p class="form-ok" role="status" data-testid="password-done"><${D} name="check" size=${14} /> Your password is changed; your other sessions are signed out.</p>`}
      <div><button class="btn btn-primary" type="submit" disabled=${!!s.busy} data-testid="password-submit">
        ${s.busy?`Changing…`:`Change password`}
      </button></div>
    </form>
  </${F}>`}function vt({sessions:e}){let t=N(),[n,r]=R();async function i(n){await r({title:`Sign this session out?`,text:`${E(n.user_agent)}${n.address?` at ${n.address}`:``} will have to sign in again.`,confirm:`Sign out`})&&(await t.run(n.id,()=>l(`/v1/auth/sessions/${encodeURIComponent(n.id)}`,{method:`DELETE`})),await e.reload())}return x`<${F} title="Where you are signed in" text="Sign out a browser you no longer use, or one that is not yours." testid="profile-sessions">
    <${L} resource=${e} what="Your sessions">
      ${n=>x`<${I} error=${t.error||e.error&&`Could not refresh: ${e.error.message}`} />
        <ul class="settings-list" data-testid="session-list">
          ${n.map(e=>x`<li key=${e.id} class="settings-item" data-testid="session-row" data-current=${e.current?`true`:`false`}>
            <span class="settings-item-icon"><${D} name="device" size=${16} /></span>
            <div class="settings-item-main">
              <div><strong>${E(e.user_agent)}</strong>${e.current&&x` <span class="chip status-open">This browser</span>`}</div>
              <div class="muted small">${e.address||`Unknown address`} · signed in ${U(e.created_at)} · active ${j(e.last_seen_at)||U(e.last_seen_at)}</div>
            </div>
            ${!e.current&&x`<button class="btn btn-sm" disabled=${!!t.busy} onClick=${()=>i(e)} data-testid="session-end">
                ${t.busy===e.id?`Signing out…`:`Sign out`}
              </button>`}
          </li>`)}
        </ul>`}
    </${L}>
    ${n}
  </${F}>`}function yt(){let e=y(c,e=>e.prefs),[t,n]=o(!0),r=e=>n(p(e));return x`<${F} title="Preferences" text="Kept in this browser, for you only." testid="profile-preferences">
    <fieldset class="setting-row">
      <legend class="setting-label">Density
        <span class="muted small">How much fits on screen in lists and transcripts.</span>
      </legend>
      <div class="segmented" role="radiogroup" aria-label="Density">
        ${[[`comfortable`,`Comfortable`],[`compact`,`Compact`]].map(([t,n])=>x`<label class=${`segment ${e.density===t?`on`:``}`}>
          <input type="radio" name="density" value=${t} checked=${e.density===t}
            onChange=${()=>r({density:t})} data-testid=${`pref-density-${t}`} />
          ${n}
        </label>`)}
      </div>
    </fieldset>
    <${V} label="Single-key shortcuts" testid="pref-shortcuts" checked=${e.shortcuts}
      text="j, k, r, n, a, e, s, / and ? act without a modifier key. Turn them off if you use speech input or they fire by accident; Esc still leaves a field."
      onChange=${e=>r({shortcuts:e})} />
    ${!t&&x`<p class="form-error" role="alert">This browser would not store them: they last until you reload.</p>`}
  </${F}>`}var bt=36500;function xt(e){let t=e?.retention_days??null;return{mode:t==null?`forever`:`days`,days:f(t??365)}}function St(e){if(e.mode===`forever`)return{value:{retention_days:null}};let t=v(e.days,{label:`Days after resolution`,min:1,max:bt,empty:!1});return t.error?t:{value:{retention_days:t.value}}}function Ct(e){let t=St(e);if(t.error)return``;let n=t.value.retention_days;return n==null?`Conversations are kept forever.`:`Conversations are emptied ${n===1?`1 day`:`${n.toLocaleString(`en`)} days`} after they were resolved.`}function wt(){return x`<${W} title="Data retention" what="retention settings" testid="retention-form"
    text="How long resolved conversations keep their messages and attachments."
    toForm=${xt} fromForm=${St}>
    ${(e,t)=>x`
      <${F} title="Resolved conversations"
        text="Once deleted, messages, attachments, the ticket's summary and its public replies cannot be recovered. The conversation itself stays, empty, so reports keep counting it.">
        <fieldset class="retention-choice" aria-describedby="retention-now">
          <legend class="visually-hidden">Retention</legend>
          <label class="setting-row">
            <input type="radio" name="retention" value="forever" data-testid="retention-forever"
              checked=${e.mode===`forever`} onChange=${()=>t({mode:`forever`})} />
            <span>Keep forever</span>
          </label>
          <label class="setting-row">
            <input type="radio" name="retention" value="days" data-testid="retention-delete"
              checked=${e.mode===`days`} onChange=${()=>t({mode:`days`})} />
            <span>Delete a number of days after resolution</span>
          </label>
        </fieldset>
        ${e.mode===`days`&&x`<${H} label="Days after resolution" id="retention-days"
            help=${`From 1 to ${36500 .toLocaleString(`en`)}. The worker checks every few minutes.`}>
            <input id="retention-days" inputmode="numeric" data-testid="retention-days" aria-describedby="retention-days-help"
              value=${e.days} onInput=${e=>t({days:e.currentTarget.value})} />
          </${H}>`}
        <p class="muted small" id="retention-now" role="status" data-testid="retention-now">${Ct(e)}</p>
      </${F}>`}
  </${W}>`}var Tt={urgent:`Urgent`,high:`High`,normal:`Normal`,low:`Low`},Et=e=>({sla:m(e.sla),hours:_e(e.business_hours)});function Dt(e){let t=se(e.sla);if(t.error)return t;let n=te(e.hours);return n.error?n:{value:{sla:t.value,business_hours:n.value}}}function Ot(){return x`<${W} title="SLA & hours" what="SLA settings" testid="sla-form" toForm=${Et} fromForm=${Dt}
    text="How soon a ticket should get its first answer and be solved, by priority. Clocks pause while a ticket is pending on the customer.">
    ${(e,t)=>x`<${kt} sla=${e.sla} update=${t} /><${At} hours=${e.hours} update=${t} />`}
  </${W}>`}function kt({sla:e,update:t}){let r=(e,n)=>r=>{let i=r.currentTarget.value;t(t=>({...t,sla:{...t.sla,[e]:{...t.sla[e],[n]:i}}}))},i=e=>{let t=v(e);return t.error?``:t.value==null?`no target`:n(t.value)};return x`<${F} title="Targets" text="In minutes. Leave a target empty for none.">
    <table class="settings-table sla-table" data-testid="sla-table">
      <thead><tr><th scope="col">Priority</th><th scope="col">First response</th><th scope="col">Resolution</th></tr></thead>
      <tbody>
        ${ce.map(t=>x`<tr key=${t}>
          <th scope="row">${Tt[t]}</th>
          ${[`first_response`,`resolution`].map(n=>x`<td>
            <div class="minutes">
              <input inputmode="numeric" aria-label=${`${Tt[t]}: ${n===`first_response`?`first response`:`resolution`}, minutes`}
                data-testid=${`sla-${t}-${n}`} value=${e[t][n]} onInput=${r(t,n)} placeholder="None" />
              <span class="muted small" aria-hidden="true">${i(e[t][n])}</span>
            </div>
          </td>`)}
        </tr>`)}
      </tbody>
    </table>
  </${F}>`}function At({hours:e,update:t}){let n=e=>t(t=>({...t,hours:{...t.hours,...e}})),r=(t,r)=>n({days:r?[...new Set([...e.days,t])].sort((e,t)=>e-t):e.days.filter(e=>e!==t)});return x`<${F} title="Business hours" text="SLA clocks run only inside them: Friday 16:50 plus 30 minutes is Monday 09:20.">
    <fieldset class="choice-list">
      <legend class="visually-hidden">When SLA clocks run</legend>
      <label class="choice"><input type="radio" name="hours" checked=${e.always} onChange=${()=>n({always:!0})}
        data-testid="hours-always" /> Round the clock</label>
      <label class="choice"><input type="radio" name="hours" checked=${!e.always} onChange=${()=>n({always:!1})}
        data-testid="hours-business" /> Business hours only</label>
    </fieldset>
    ${!e.always&&x`<div class="hours" data-testid="hours-detail">
      <${H} label="Time zone" id="hours-zone">
        <select id="hours-zone" value=${e.timezone} onChange=${e=>n({timezone:e.currentTarget.value})} data-testid="hours-timezone">
          ${oe(e.timezone).map(e=>x`<option value=${e}>${e}</option>`)}
        </select>
      </${H}>
      <fieldset class="days">
        <legend>Days</legend>
        ${pe.map((t,n)=>x`<label class=${`day-chip ${e.days.includes(n)?`on`:``}`}>
          <input type="checkbox" checked=${e.days.includes(n)} onChange=${e=>r(n,e.currentTarget.checked)}
            data-testid=${`hours-day-${n}`} /> ${t}
        </label>`)}
      </fieldset>
      <div class="field-grid">
        <${H} label="Opens" id="hours-start">
          <input id="hours-start" type="time" value=${e.start} onInput=${e=>n({start:e.currentTarget.value})} data-testid="hours-start" />
        </${H}>
        <${H} label="Closes" id="hours-end">
          <input id="hours-end" type="time" value=${e.end} onInput=${e=>n({end:e.currentTarget.value})} data-testid="hours-end" />
        </${H}>
      </div>
    </div>`}
  </${F}>`}var jt=[[`agent`,`Agent`],[`admin`,`Admin`]],$={agent:`Agent`,admin:`Admin`,super_admin:`Super admin`};async function Mt(){let[e,t]=await Promise.all([l(`/v1/users`,{query:{include_inactive:!0}}),l(`/v1/invitations`)]);return{users:e.users,invitations:t.invitations}}function Nt(){let e=M(Mt),[t,n]=o(null);return x`<${P} title="Team" text="Everyone who signs in to this workspace: agents answer customers, admins also change these settings." />
    <${L} resource=${e} what="The team">
      ${r=>x`<${Pt} reload=${e.reload} link=${t} setLink=${n} />
        <${Ft} invitations=${r.invitations} reload=${e.reload} link=${t} setLink=${n} />
        <${Rt} users=${r.users} reload=${e.reload} refreshError=${e.error} />`}
    </${L}>`}function Pt({reload:e,link:t,setLink:n}){let[r,i]=o(``),[a,s]=o(`agent`),c=N();async function u(t){t.preventDefault(),n(null);let o=await c.run(`invite`,()=>l(`/v1/users`,{method:`POST`,body:{email:r.trim(),role:a}}));o&&(n({id:o.invitation?.id,email:o.invitation?.email||r.trim(),url:o.invite_url,resent:!1}),i(``),await e())}return x`<${F} title="Invite a teammate" text="They choose their name and password from the link; it works once, for 72 hours." testid="team-invite">
    <form class="invite-form" onSubmit=${u}>
      <${H} label="E-mail" id="invite-email">
        <input id="invite-email" type="email" required autocomplete="off" placeholder="teammate@company.com" value=${r}
          onInput=${e=>i(e.currentTarget.value)} data-testid="invite-email" />
      </${H}>
      <${H} label="Role" id="invite-role">
        <select id="invite-role" value=${a} onChange=${e=>s(e.currentTarget.value)} data-testid="invite-role">
          ${jt.map(([e,t])=>x`<option value=${e}>${t}</option>`)}
        </select>
      </${H}>
      <button class="btn btn-primary" type="submit" disabled=${!!c.busy} data-testid="invite-submit">
        ${c.busy?`Inviting…`:`Invite`}
      </button>
    </form>
    <${I} error=${c.error} testid="invite-error" />
    ${t?.url&&!t.resent&&x`<${B} title=${`Invitation link for ${t.email}`} testid="invite-link" secret=${t.url}
        text="Send them this link (it was also e-mailed to them if this server sends mail). It is shown only now: for a new one, use Resend below."
        onDone=${()=>n(null)} />`}
  </${F}>`}function Ft({invitations:e,reload:t,link:n,setLink:r}){let i=N(),[a,o]=R();if(!e.length)return null;async function s(e){r(null);let n=await i.run(`resend-${e.id}`,()=>l(`/v1/invitations/${encodeURIComponent(e.id)}/resend`,{method:`POST`}));n&&(n.invite_url&&r({id:n.invitation?.id||e.id,email:e.email,url:n.invite_url,resent:!0}),await t())}async function c(e){await o({title:`Revoke the invitation for ${e.email}?`,text:`Its link stops working at once. You can invite them again later.`,confirm:`Revoke invitation`})&&await i.run(`revoke-${e.id}`,async()=>(await l(`/v1/invitations/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return x`<${F} title="Open invitations" testid="team-invitations">
    <${I} error=${i.error} />
    ${n?.resent&&x`<${B} title=${`New invitation link for ${n.email}`} testid="invite-link" secret=${n.url}
        text="The earlier link no longer works. This one is shown only now." onDone=${()=>r(null)} />`}
    <ul class="settings-list" data-testid="invitation-list">
      ${e.map(e=>x`<li key=${e.id} class="settings-item" data-testid="invitation-row" data-email=${e.email}>
        <span class="settings-item-icon"><${D} name="email" size=${15} /></span>
        <div class="settings-item-main">
          <div><strong>${e.email}</strong> <span class="chip">${$[e.role]||e.role}</span></div>
          <div class="muted small">Invited ${j(e.created_at)}${It(e)?` by ${It(e)}`:``} · ${Lt(e.expires_at)}</div>
        </div>
        <button class="btn btn-sm" onClick=${()=>s(e)} disabled=${!!i.busy} data-testid="invitation-resend">
          ${i.busy===`resend-${e.id}`?`Sending…`:`Resend`}
        </button>
        <button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!i.busy} data-testid="invitation-revoke">Revoke</button>
      </li>`)}
    </ul>
    ${a}
  </${F}>`}function It(e){let t=e.invited_by;return t?typeof t==`object`?t.name||t.email||null:e.invited_by_name||c.get().names[t]||null:e.invited_by_name||null}function Lt(e){let t=Date.parse(e||``);return Number.isFinite(t)?t<Date.now()?`expired ${U(e)}`:`expires ${U(e)}`:`no expiry given`}function Rt({users:e,reload:t,refreshError:n}){let r=y(c,e=>e.session.user),i=N(),[a,s]=R(),[u,d]=o(null),f=e.filter(e=>e.active!==!1),p=e.filter(e=>e.active===!1);async function m(e,n){if(n===e.role)return;let a=e.id===r.id,o=a?`You are signed out everywhere and sign in again`:`They are signed out everywhere and sign in again`;await s({title:`Make ${a?`yourself`:e.name||e.email} ${n===`admin`?`an admin`:`an agent`}?`,text:n===`admin`?`Admins change every setting of the workspace: the team, keys, channels, the AI and the knowledge base. ${o} with the new role.`:`${a?`You`:`They`} keep answering customers, without the workspace settings. ${o} with the new role.`,confirm:`Change role`,danger:n!==`admin`&&a})&&(d(null),await i.run(`role-${e.id}`,()=>l(`/v1/users/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{role:n}}))&&await t())}async function h(e){if(!await s({title:`Deactivate ${e.name||e.email}?`,text:`They are signed out everywhere at once and can no longer sign in. Their replies and notes stay in the history.`,confirm:`Deactivate`}))return;d(null);let n=await i.run(`remove-${e.id}`,()=>l(`/v1/users/${encodeURIComponent(e.id)}`,{method:`DELETE`}));if(!n)return;let r=n.sessions_closed??0;d(`${e.name||e.email} is deactivated; ${r} ${r===1?`session was`:`sessions were`} signed out.`),await t()}return x`<${F} title="Members" text=${`${f.length} active`} testid="team-members">
    ${n&&x`<${I} error=${`Could not read the team again: ${n.message}`} />`}
    <${I} error=${i.error} testid="team-error" />
    ${u&&x`<p class="form-ok" role="status" data-testid="team-notice"><${D} name="check" size=${14} /> ${u}</p>`}
    <table class="settings-table members" data-testid="member-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Last sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${f.map(e=>x`<tr key=${e.id} data-testid="member-row" data-email=${e.email}>
          <td><div class="member">
            <${de} name=${e.name||e.email} id=${e.id} kind="agent" size=${28} />
            <div class="settings-item-main"><strong>${e.name||e.email}${e.id===r.id?` (you)`:``}</strong><span class="muted small">${e.email}</span></div>
          </div></td>
          <td>${e.role===`super_admin`?$.super_admin:x`<select aria-label=${`Role of ${e.name||e.email}`} value=${e.role} disabled=${!!i.busy}
                onChange=${t=>{let n=t.currentTarget.value;t.currentTarget.value=e.role,m(e,n)}} data-testid="member-role">
                ${jt.map(([e,t])=>x`<option value=${e}>${t}</option>`)}
              </select>`}</td>
          <td class="muted small">${e.last_sign_in_at?j(e.last_sign_in_at):`Never`}</td>
          <td class="cell-actions">${e.id!==r.id&&x`<button class="btn btn-sm btn-danger-ghost" onClick=${()=>h(e)} disabled=${!!i.busy} data-testid="member-deactivate">
              ${i.busy===`remove-${e.id}`?`Deactivating…`:`Deactivate`}
            </button>`}</td>
        </tr>`)}
      </tbody>
    </table>
    ${p.length>0&&x`<details class="inactive" data-testid="member-inactive">
      <summary>${p.length} deactivated</summary>
      <ul class="settings-list">
        ${p.map(e=>x`<li key=${e.id} class="settings-item"><div class="settings-item-main"><span>${e.name||e.email}</span><span class="muted small">${e.email} · ${$[e.role]||e.role}</span></div></li>`)}
      </ul>
    </details>`}
    ${a}
  </${F}>`}var zt=[[`dark`,`Dark`],[`light`,`Light`],[`auto`,`Visitor's system setting`]],Bt=e=>({origins:[...e.allowed_origins],adding:``,widget:{...e.widget},colourText:e.widget.brand_color});function Vt(e){return e.adding.trim()?{error:`Add the site you typed (or clear it) before saving.`}:_(e.widget.brand_color)?{value:{allowed_origins:e.origins,widget:e.widget}}:{error:`The brand colour must be #RRGGBB, e.g. #1d6ae5.`}}function Ht(){return x`<${W} title="Widget" what="Widget settings" testid="widget-form" toForm=${Bt} fromForm=${Vt}
    text="The chat on your website: where it may run and how it looks. Visitors' chats land in Conversations."
    after=${x`<${Kt} />`}>
    ${(e,t,n)=>x`
      <${F} title="Install" text="Paste this tag before </body> on every page that should offer the chat.">
        <${z} text=${n.widget_snippet} testid="widget-snippet" label="Copy tag" />
      </${F}>
      <${Ut} d=${e} update=${t} />
      <${Wt} d=${e} update=${t} name=${n.name} />`}
  </${W}>`}function Ut({d:e,update:t}){function n(){let n=he(e.adding).filter(t=>!e.origins.includes(t));t({origins:[...e.origins,...n],adding:``})}return x`<${F} title="Sites it may run on" text="The widget refuses to start on any other site (its origin: scheme, host and port).">
    <ul class="settings-list origins" data-testid="origin-list">
      ${e.origins.map(n=>x`<li key=${n} class="settings-item" data-testid="origin-row">
        <span class="settings-item-icon"><${D} name="web" size=${15} /></span>
        <span class="settings-item-main mono">${n}</span>
        <button type="button" class="icon-btn" aria-label=${`Remove ${n}`} data-testid="origin-remove"
          onClick=${()=>t({origins:e.origins.filter(e=>e!==n)})}><${D} name="x" size=${15} /></button>
      </li>`)}
      ${!e.origins.length&&x`<li class="muted small">No site yet: the widget runs nowhere.</li>`}
    </ul>
    <div class="inline-form">
      <input aria-label="Add a site" placeholder="https://www.example.com" value=${e.adding} data-testid="origin-input"
        onInput=${e=>t({adding:e.currentTarget.value})}
        onKeyDown=${e=>{e.key===`Enter`&&(e.preventDefault(),n())}} />
      <button type="button" class="btn btn-sm" onClick=${n} disabled=${!e.adding.trim()} data-testid="origin-add"><${D} name="plus" size=${13} /> Add site</button>
    </div>
  </${F}>`}function Wt({d:e,update:t,name:n}){let r=e.widget,i=e=>t(t=>({...t,widget:{...t.widget,...e}})),a=_(r.brand_color),o=ge(r.brand_color),s=a?le(r.brand_color,o):null;return x`<${F} title="Look">
    <div class="look">
      <div class="look-fields">
        <${H} label="Greeting" id="widget-greeting" wide help="The first line a visitor reads when they open the chat.">
          <textarea id="widget-greeting" rows="3" maxlength="500" value=${r.greeting} data-testid="widget-greeting"
            aria-describedby="widget-greeting-help" onInput=${e=>i({greeting:e.currentTarget.value})}></textarea>
        </${H}>
        <${H} label="Brand colour" id="widget-colour" help=${a?`Text on it: ${o===`#ffffff`?`white`:`dark`}, contrast ${s.toFixed(1)}:1${s<4.5?` (below 4.5:1: hard to read)`:``}.`:`As #RRGGBB.`}>
          <div class="colour">
            <input type="color" aria-label="Pick the brand colour" value=${a?r.brand_color:`#000000`} data-testid="widget-colour-picker"
              onInput=${e=>{let n=e.currentTarget.value;t(e=>({...e,colourText:n,widget:{...e.widget,brand_color:n}}))}} />
            <input id="widget-colour" class="mono-input" maxlength="7" value=${e.colourText} data-testid="widget-colour"
              aria-describedby="widget-colour-help" aria-invalid=${a?void 0:`true`}
              onInput=${e=>{let n=e.currentTarget.value.trim();t(e=>({...e,colourText:n,widget:{...e.widget,brand_color:n.toLowerCase()}}))}} />
          </div>
        </${H}>
        <fieldset class="choice-list stacked">
          <legend>Theme</legend>
          ${zt.map(([e,t])=>x`<label class="choice"><input type="radio" name="widget-theme" value=${e} checked=${r.theme===e}
              onChange=${()=>i({theme:e})} data-testid=${`widget-theme-${e}`} /> ${t}</label>`)}
        </fieldset>
        <fieldset class="choice-list">
          <legend>Launcher</legend>
          ${[[`right`,`Bottom right`],[`left`,`Bottom left`]].map(([e,t])=>x`<label class="choice"><input type="radio" name="widget-position" value=${e}
              checked=${r.launcher_position===e} onChange=${()=>i({launcher_position:e})}
              data-testid=${`widget-position-${e}`} /> ${t}</label>`)}
        </fieldset>
      </div>
      <${Gt} look=${r} name=${n} />
    </div>
  </${F}>`}function Gt({look:e,name:t}){let n=_(e.brand_color)?e.brand_color:`#1d6ae5`,r=ge(n),i=e.theme===`auto`?`auto`:e.theme;return x`<figure class="look-preview" data-testid="widget-preview" data-theme=${i} data-position=${e.launcher_position}>
    <div class="lp-site" aria-hidden="true">
      <div class="lp-panel">
        <div class="lp-head" style=${`background:${n};color:${r}`}><strong>${t||`Support`}</strong></div>
        <div class="lp-body">
          <p class="lp-greeting">${e.greeting||` `}</p>
          <p class="lp-visitor" style=${`background:${n};color:${r}`}>Do you have a free trial?</p>
        </div>
        <div class="lp-composer">Write a message…</div>
      </div>
      <span class="lp-launcher" style=${`background:${n};color:${r}`}><${D} name="sms" size=${18} /></span>
    </div>
    <figcaption class="muted small">Preview${e.theme===`auto`?`: light or dark as the visitor’s system is set`:``}.</figcaption>
  </figure>`}function Kt(){let e=N(),[t,n]=R(),[r,i]=o(null);async function a(){if(!await n({title:`Make a new identity secret?`,text:`Your site must sign visitors’ ids with the new secret. The current one keeps working for a while, so you can switch without downtime.`,confirm:`Make a new secret`}))return;let t=await e.run(`rotate`,()=>l(`/v1/settings/identity-secret`,{method:`POST`}));t&&i(t)}return x`<${F} title="Identity verification" testid="widget-identity"
    text="A signed-in visitor's id, signed by your server with this secret (HMAC-SHA256), proves who they are: FlowSupport.identify({external_id, hmac}).">
    <div><button type="button" class="btn" onClick=${a} disabled=${!!e.busy} data-testid="identity-rotate">
      <${D} name="refresh" size=${14} /> ${e.busy?`Making…`:`Make a new secret`}</button></div>
    <${I} error=${e.error} />
    ${r&&x`<${B} title="The new identity secret" testid="identity-secret" secret=${r.identity_secret}
        text=${`Store it on your server now: it is not shown again. The previous secret keeps verifying until ${U(r.previous_valid_until)}.`}
        onDone=${()=>i(null)} />`}
    ${t}
  </${F}>`}var qt={profile:ht,team:Nt,"api-keys":ke,widget:Ht,channels:Ve,ai:Oe,sla:Ot,retention:wt,fields:Je,kb:et,audit:Ie,privacy:ft};function Jt(){let e=y(c,e=>e.route.page),t=y(c,e=>e.session.user),n=ve(t),r=d(t.role),i=g(e),a=i?qt[i.id]:null,o=s(null),l=s(!0);u(()=>{l.current?l.current=!1:(o.current?.scrollTo?.(0,0),o.current?.querySelector(`#settings-title`)?.focus())},[e]);let f;return f=!i||!a?x`<${P} title="No such settings page" text="The address names a page that does not exist." />`:i.admin&&!r?x`<${P} title=${i.label} /><${ye} what=${i.label} />`:x`<${a} key=${i.id} />`,x`<div class="settings" data-testid="settings">
    <nav class="settings-nav" aria-label="Settings" data-testid="settings-nav">
      <div class="settings-nav-head">
        <h2>Settings</h2>
        <p class="muted small">${r?`Your account and your workspace`:`Your account`}</p>
      </div>
      <${Yt} title="You" pages=${n.filter(e=>!e.admin)} current=${e} />
      ${r&&x`<${Yt} title="Workspace" pages=${n.filter(e=>e.admin)} current=${e} />`}
    </nav>
    <main class="settings-main" ref=${o} aria-labelledby="settings-title" data-testid=${`settings-page-${e}`}>
      <div class="settings-page">${f}</div>
    </main>
  </div>`}function Yt({title:e,pages:n,current:r}){let i=`settings-nav-${e.toLowerCase()}`;return x`<div class="settings-nav-group">
    <h3 id=${i}>${e}</h3>
    <ul aria-labelledby=${i}>
      ${n.map(e=>x`<li key=${e.id}>
        <a href=${t(e.id)} class=${`settings-link ${e.id===r?`active`:``}`}
          aria-current=${e.id===r?`page`:void 0} data-testid=${`settings-nav-${e.id}`}
          onClick=${t=>{t.button!==0||t.metaKey||t.ctrlKey||t.shiftKey||t.altKey||(t.preventDefault(),a({view:`settings`,page:e.id}))}}>
          <${D} name=${e.icon} size=${15} /> ${e.label}
        </a>
      </li>`)}
    </ul>
  </div>`}export{Jt as Settings};