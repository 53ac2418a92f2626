import{$ as e,A as t,B as n,C as r,D as i,E as a,F as o,G as s,H as c,I as l,J as u,K as d,L as f,M as p,N as m,O as h,P as g,Q as _,R as ee,S as v,T as y,U as b,V as te,W as ne,X as re,Y as ie,Z as x,_ as ae,a as oe,at as se,b as ce,c as le,ct as ue,d as de,et as fe,f as S,g as pe,h as me,i as he,it as C,j as ge,k as w,l as T,m as _e,n as ve,nt as E,o as ye,ot as D,p as O,q as k,r as be,rt as A,s as xe,st as j,t as Se,tt as M,u as Ce,v as we,w as Te,x as Ee,y as De,z as N}from"./inbox-CMGIOIl0.js";function P(e,t=[]){let[n,r]=M({status:`loading`,data:null,error:null,reloading:!1}),i=_(0),a=_(!0);E(()=>()=>{a.current=!1},[]);let o=A(async()=>{let t=++i.current;r(e=>({...e,reloading:!0}));try{let n=await e();a.current&&t===i.current&&r({status:`ok`,data:n,error:null,reloading:!1})}catch(e){if(!a.current||t!==i.current)return;let n=e.status===403?`forbidden`:`error`;r(t=>({status:t.data&&n===`error`?`ok`:n,data:t.data,error:e,reloading:!1}))}},t);return E(()=>{o()},[o]),{...n,reload:o}}function F(){let[e,t]=M(null),[n,r]=M(null),[i,a]=M(!1),o=_(!1),s=_(!0);E(()=>()=>{s.current=!1},[]);async function c(e,n){if(!o.current){o.current=!0,t(e),r(null);try{return await n()}catch(e){s.current&&(r(e.message||`Something went wrong.`),e.status===403&&a(!0));return}finally{o.current=!1,s.current&&t(null)}}}return{busy:e,error:n,setError:r,forbidden:i,run:c}}function I({title:e,text:t,children:n}){return j`<header class="settings-head">
    <div>
      <h1 id="settings-title" tabIndex="-1" data-testid="settings-title">${e}</h1>
      ${t&&j`<p class="muted">${t}</p>`}
    </div>
    ${n&&j`<div class="settings-head-actions">${n}</div>`}
  </header>`}function L({title:e,text:t,children:n,testid:r,actions:i}){let a=`section-${String(e).toLowerCase().replace(/[^a-z0-9]+/g,`-`)}`;return j`<section class="settings-section" aria-labelledby=${a} data-testid=${r}>
    <div class="settings-section-head">
      <div>
        <h2 id=${a}>${e}</h2>
        ${t&&j`<p class="muted small">${t}</p>`}
      </div>
      ${i&&j`<div class="settings-section-actions">${i}</div>`}
    </div>
    ${n}
  </section>`}function R({error:e,testid:t=`settings-error`}){return e?j`<p class="form-error" role="alert" data-testid=${t}>${typeof e==`string`?e:e.message}</p>`:null}function Oe({what:e}){return j`<div class="settings-blocked" data-testid="settings-admins-only" role="status">
    <span class="placeholder-icon"><${T} name="shield" size=${26} /></span>
    <h2>Admins only</h2>
    <p class="muted">${e?`${e} is`:`This page is`} for your workspace's admins. Ask an admin if something here needs to change.</p>
    <a class="btn" href="/inbox/settings/profile" data-testid="settings-back-to-profile" onClick=${e=>{e.preventDefault(),s({view:`settings`,page:`profile`})}}>Go to your profile</a>
  </div>`}function z({resource:e,what:t,children:n}){return e.status===`forbidden`?j`<${Oe} what=${t} />`:e.status===`loading`?j`<div class="settings-loading"><${S} label=${`Loading ${t||`settings`}`} /> Loading…</div>`:e.status===`error`&&!e.data?j`<div class="settings-blocked" role="alert">
      <h2>Could not load ${t?t.toLowerCase():`this page`}</h2>
      <p class="muted">${e.error?.message}</p>
      <button class="btn" onClick=${e.reload}>Try again</button>
    </div>`:n(e.data)}function B(){let[e,t]=M(null),n=A(e=>new Promise(n=>t({...e,resolve:n})),[]);return[e&&j`<${ke} ...${e} onClose=${n=>{e?.resolve(n),t(null)}} />`,n]}function ke({title:e,text:t,confirm:n=`Confirm`,danger:r=!0,onClose:i}){let a=_(null);fe(()=>{let e=document.activeElement;return a.current?.querySelector(`[data-cancel]`)?.focus(),()=>e?.focus?.()},[]);function o(e){e.key===`Escape`?(e.stopPropagation(),e.preventDefault(),i(!1)):e.key===`Tab`&&Ae(e,a.current)}return j`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&i(!1)}>
    <div ref=${a} class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
      aria-describedby="confirm-text" data-testid="confirm-dialog" onKeyDown=${o}>
      <div class="dialog-head"><h2 id="confirm-title">${e}</h2></div>
      <p id="confirm-text" class="dialog-text">${t}</p>
      <div class="dialog-actions">
        <button class="btn" data-cancel data-testid="confirm-cancel" onClick=${()=>i(!1)}>Cancel</button>
        <button class=${`btn ${r?`btn-danger`:`btn-primary`}`} data-testid="confirm-ok" onClick=${()=>i(!0)}>${n}</button>
      </div>
    </div>
  </div>`}function Ae(e,t){if(!t)return;let n=[...t.querySelectorAll(`button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])`)].filter(e=>!e.disabled);if(!n.length)return;let r=n[0],i=n[n.length-1];e.shiftKey&&document.activeElement===r?(e.preventDefault(),i.focus()):!e.shiftKey&&document.activeElement===i&&(e.preventDefault(),r.focus())}function V({text:e,testid:t,label:n=`Copy`,multiline:r=!1}){let[i,a]=M(`idle`),o=_(null);E(()=>{if(i===`idle`)return;let e=setTimeout(()=>a(`idle`),2500);return()=>clearTimeout(e)},[i]);async function s(){try{await navigator.clipboard.writeText(e),a(`copied`)}catch{let e=document.createRange();e.selectNodeContents(o.current);let t=getSelection();t.removeAllRanges(),t.addRange(e),a(`failed`)}}return j`<div class="copybox">
    <code ref=${o} data-testid=${t} class=${r?`multiline`:``}>${e}</code>
    <button class="btn btn-sm" type="button" onClick=${s} data-testid=${t&&`${t}-copy`}>
      <${T} name=${i===`copied`?`check`:`copy`} size=${13} /> ${i===`copied`?`Copied`:n}
    </button>
    <span class="visually-hidden" role="status">${i===`copied`?`Copied to the clipboard`:i===`failed`?`Selected: press Ctrl+C to copy`:``}</span>
  </div>`}function H({title:e,text:t,secret:n,testid:r,onDone:i}){return j`<div class="once" role="region" aria-label=${e} data-testid=${r}>
    <div class="once-head"><${T} name="key" size=${15} /> <strong>${e}</strong></div>
    <p class="small">${t}</p>
    <${V} text=${n} testid=${`${r}-value`} />
    ${i&&j`<div><button class="btn btn-sm" onClick=${i} data-testid=${`${r}-done`}>Done</button></div>`}
  </div>`}function U({checked:e,onChange:t,label:n,text:r,testid:i,disabled:a=!1}){let o=`toggle-${i||n}`;return j`<div class="setting-row">
    <div class="setting-label">
      <label for=${o}>${n}</label>
      ${r&&j`<p class="muted small" id=${`${o}-text`}>${r}</p>`}
    </div>
    <label class="switch">
      <input id=${o} type="checkbox" role="switch" data-testid=${i} checked=${e} disabled=${a}
        aria-describedby=${r?`${o}-text`:void 0} onChange=${e=>t(e.currentTarget.checked)} />
      <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
    </label>
  </div>`}function W({label:e,help:t,children:n,id:r,wide:i=!1}){return j`<div class=${`sfield ${i?`sfield-wide`:``}`}>
    <label for=${r}>${e}</label>
    ${n}
    ${t&&j`<small class="muted" id=${`${r}-help`}>${t}</small>`}
  </div>`}function je({dirty:e,busy:t,error:n,saved:r,testid:i=`settings-save`,label:a=`Save changes`,onDiscard:o}){return j`<div class="savebar">
    <${R} error=${n} />
    <div class="savebar-actions">
      <span class="muted small" role="status">${t?`Saving…`:e?`Unsaved changes`:r?`Saved`:``}</span>
      ${o&&j`<button type="button" class="btn" disabled=${!e||t} onClick=${o} data-testid=${`${i}-discard`}>Discard</button>`}
      <button type="submit" class="btn btn-primary" disabled=${!e||t} data-testid=${i}>${t?`Saving…`:a}</button>
    </div>
  </div>`}function G(e,t=`—`){if(!e)return t;let n=new Date(e);return Number.isNaN(n.getTime())?t:n.toLocaleString(void 0,{day:`numeric`,month:`short`,year:`numeric`,hour:`2-digit`,minute:`2-digit`})}var Me=()=>C(`/v1/settings`);function K({title:e,text:t,what:n,toForm:r,fromForm:i,children:a,testid:o,after:s=null}){let c=P(Me);return j`<${I} title=${e} text=${t} />
    <${z} resource=${c} what=${n}>
      ${e=>j`<${q} data=${e} reload=${c.reload} refreshError=${c.error}
        toForm=${r} fromForm=${i} testid=${o}>${a}</${q}>${s}`}
    </${z}>`}function q({data:e,reload:t,refreshError:n,toForm:r,fromForm:i,children:a,testid:o}){let[s,c]=M(()=>r(e)),[l,u]=M(!1),d=_(e),f=F();E(()=>{d.current!==e&&(d.current=e,c(r(e)))},[e]);let p=JSON.stringify(s)!==JSON.stringify(r(e)),m=e=>{u(!1),c(t=>typeof e==`function`?e(t):{...t,...e})};async function h(n){n.preventDefault();let r=i(s,e);if(r.error){f.setError(r.error);return}let a=De(e,r.value);Object.keys(a).length&&await f.run(`save`,async()=>(await C(`/v1/settings`,{method:`PATCH`,body:a}),!0))&&(await t(),u(!0))}return j`<form class="settings-form" onSubmit=${h} data-testid=${o} noValidate>
    ${n&&j`<${R} error=${`Could not read the settings again: ${n.message}`} />`}
    ${a(s,m,e)}
    <${je} dirty=${p} busy=${!!f.busy} error=${f.error} saved=${l}
      onDiscard=${()=>{f.setError(null),c(r(e))}} />
  </form>`}var J=1e9,Ne=604800;function Pe(e){return{ai_enabled:e.ai_enabled,ai_greeting:e.ai_greeting,ai_tokens_per_conversation:N(e.ai_tokens_per_conversation),ai_tokens_per_month:N(e.ai_tokens_per_month),escalation_message:e.escalation_message,unanswered_escalation_s:N(e.unanswered_escalation_s),escalate_on_disconnect:e.escalate_on_disconnect,auto_assign:e.auto_assign}}function Fe(e){let t=p(e.ai_tokens_per_conversation,{label:`Tokens per conversation`,max:J});if(t.error)return t;let n=p(e.ai_tokens_per_month,{label:`Tokens per month`,max:J});if(n.error)return n;let r=p(e.unanswered_escalation_s,{label:`Unanswered for`,max:Ne,empty:!1});return r.error?r:{value:{ai_enabled:e.ai_enabled,ai_greeting:e.ai_greeting,ai_tokens_per_conversation:t.value,ai_tokens_per_month:n.value,escalation_message:e.escalation_message,unanswered_escalation_s:r.value,escalate_on_disconnect:e.escalate_on_disconnect,auto_assign:e.auto_assign}}}function Ie(e){let t=p(e);return t.error||t.value==null?`0: never.`:t.value===0?`0: never. Now: questions never go to a person for waiting.`:`0: never. Now: ${g(t.value)}.`}function Le(){return j`<${K} title="AI answers" what="AI settings" testid="ai-form"
    text="The assistant answers visitors from your knowledge base, with its sources, and hands over what it cannot answer."
    toForm=${Pe} fromForm=${Fe}>
    ${(e,t)=>j`
      <${L} title="Assistant">
        <${U} label="Answer visitors with AI" testid="ai-enabled" checked=${e.ai_enabled}
          text="Conversations started while this is off wait for a person. Those already running keep their setting."
          onChange=${e=>t({ai_enabled:e})} />
        <${W} label="Reply to a greeting" id="ai-greeting" wide
          help="What the assistant says to hello, hi or good morning: no search, no ticket.">
          <textarea id="ai-greeting" rows="2" maxlength="1000" data-testid="ai-greeting" aria-describedby="ai-greeting-help"
            value=${e.ai_greeting} onInput=${e=>t({ai_greeting:e.currentTarget.value})}></textarea>
        </${W}>
      </${L}>
      <${L} title="Token budgets" text="Only answers written by a language model use tokens; answers quoted from the knowledge base cost nothing.">
        <div class="field-grid">
          <${W} label="Tokens per conversation" id="ai-tokens-conversation" help="Empty: no limit. Past it, the conversation goes to a person.">
            <input id="ai-tokens-conversation" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-conversation"
              aria-describedby="ai-tokens-conversation-help" value=${e.ai_tokens_per_conversation}
              onInput=${e=>t({ai_tokens_per_conversation:e.currentTarget.value})} />
          </${W}>
          <${W} label="Tokens per month" id="ai-tokens-month" help="The whole workspace, per calendar month (UTC). Empty: no limit.">
            <input id="ai-tokens-month" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-month"
              aria-describedby="ai-tokens-month-help" value=${e.ai_tokens_per_month}
              onInput=${e=>t({ai_tokens_per_month:e.currentTarget.value})} />
          </${W}>
        </div>
      </${L}>
      <${L} title="Handing over to a person">
        <${W} label="What the visitor reads when a person takes over" id="ai-escalation" wide>
          <textarea id="ai-escalation" rows="2" maxlength="1000" data-testid="ai-escalation-message"
            value=${e.escalation_message} onInput=${e=>t({escalation_message:e.currentTarget.value})}></textarea>
        </${W}>
        <${W} label="A question unanswered for (seconds) goes to a person" id="ai-unanswered"
          help=${Ie(e.unanswered_escalation_s)}>
          <input id="ai-unanswered" inputmode="numeric" data-testid="ai-unanswered" aria-describedby="ai-unanswered-help"
            value=${e.unanswered_escalation_s} onInput=${e=>t({unanswered_escalation_s:e.currentTarget.value})} />
        </${W}>
        <${U} label="When a visitor leaves with a question unanswered" testid="ai-escalate-disconnect"
          text="Hand it to a person shortly after they close the page (a reload is not leaving)."
          checked=${e.escalate_on_disconnect} onChange=${e=>t({escalate_on_disconnect:e})} />
        <${U} label="Assign handed-over tickets automatically" testid="ai-auto-assign"
          text="Round the agents online, in turn; nobody online leaves them unassigned."
          checked=${e.auto_assign} onChange=${e=>t({auto_assign:e})} />
      </${L}>`}
  </${K}>`}function Re(){let e=P(()=>C(`/v1/apikeys`).then(e=>e.api_keys));return j`<${I} title="API keys" text="Bots and scripts use a key as their bearer credential, over HTTP and the WebSocket protocol." />
    <${z} resource=${e} what="API keys">
      ${t=>j`<${ze} reload=${e.reload} /><${Be} list=${t} reload=${e.reload} refreshError=${e.error} />`}
    </${z}>`}function ze({reload:e}){let[t,n]=M(``),[r,i]=M(null),a=F();async function o(r){r.preventDefault();let o=await a.run(`create`,()=>C(`/v1/apikeys`,{method:`POST`,body:{name:t.trim()}}));o&&(i(o),n(``),await e())}return j`<${L} title="Create a key" text="Name it after what uses it, so you know what to revoke." testid="apikey-create">
    <form class="invite-form" onSubmit=${o}>
      <${W} label="Name" id="apikey-name">
        <input id="apikey-name" required maxlength="100" placeholder="Order-status bot" value=${t}
          onInput=${e=>n(e.currentTarget.value)} data-testid="apikey-name" />
      </${W}>
      <button class="btn btn-primary" type="submit" disabled=${!!a.busy} data-testid="apikey-submit">
        ${a.busy?`Creating…`:`Create key`}
      </button>
    </form>
    <${R} error=${a.error} testid="apikey-error" />
    ${r&&j`<${H} title=${`The key for ${r.name}`} testid="apikey-secret" secret=${r.api_key}
        text="Copy it now and store it where the bot runs: it is not shown again. Lost it? Revoke it and create another."
        onDone=${()=>i(null)} />`}
  </${L}>`}function Be({list:e,reload:t,refreshError:n}){let r=F(),[i,a]=B(),o=e.filter(e=>!e.revoked_at),s=e.filter(e=>e.revoked_at);async function c(e){await a({title:`Revoke ${e.name}?`,text:`Whatever uses it is refused from now on and its connections close. This cannot be undone.`,confirm:`Revoke key`})&&await r.run(e.id,async()=>(await C(`/v1/apikeys/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return j`<${L} title="Keys" text=${`${o.length} in use`} testid="apikey-list">
    ${n&&j`<${R} error=${`Could not read the keys again: ${n.message}`} />`}
    <${R} error=${r.error} />
    ${e.length?j`<table class="settings-table" data-testid="apikey-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${[...o,...s].map(e=>j`<tr key=${e.id} data-testid="apikey-row" data-name=${e.name} class=${e.revoked_at?`revoked`:``}>
            <td><span class="inline-icon"><${T} name="key" size=${14} /> <strong>${e.name}</strong></span></td>
            <td class="muted small">${G(e.created_at)}</td>
            <td class="muted small">${e.last_used_at?D(e.last_used_at):`Never`}</td>
            <td class="cell-actions">${e.revoked_at?j`<span class="chip" data-testid="apikey-revoked">Revoked ${G(e.revoked_at)}</span>`:j`<button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!r.busy} data-testid="apikey-revoke">
                  ${r.busy===e.id?`Revoking…`:`Revoke`}</button>`}</td>
          </tr>`)}
        </tbody>
      </table>`:j`<p class="muted">No keys yet.</p>`}
    ${i}
  </${L}>`}var Ve=/^(\d{4})-(\d{2})-(\d{2})$/,He=/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;function Ue(e,t=0){let n=Ve.exec(String(e||``).trim());if(!n)return null;let[r,i,a]=n.slice(1).map(Number),o=new Date(r,i-1,a);return o.getMonth()!==i-1||o.getDate()!==a?null:new Date(r,i-1,a+t).toISOString()}function Y(e,t=null){let n=String(e.action||``).trim(),r=String(e.actor||``).trim();if(n&&!He.test(n))return{error:`Action: dotted lower-case words, e.g. auth.login or auth.`};let i=e.from?Ue(e.from):null;if(e.from&&!i)return{error:`From: pick a date.`};let a=e.to?Ue(e.to,1):null;if(e.to&&!a)return{error:`To: pick a date.`};if(i&&a&&a<=i)return{error:`To is before From.`};let o={limit:50};return n&&(o.action=n),r&&(o.actor=r),i&&(o.since=i),a&&(o.until=a),t&&(o.cursor=t),{query:o}}function We(e){if(!e)return`—`;let t=e.id?String(e.id):``;return t?`${e.kind} ${t.length>12?`${t.slice(0,8)}…`:t}`:e.kind}function Ge(e,t=80){let n=Object.entries(e||{}).map(([e,t])=>`${e}: ${typeof t==`string`?t:JSON.stringify(t)}`).join(`, `);return n.length>t?`${n.slice(0,t-1)}…`:n}function X(e,t=Date.now()){if(e.status===`completed`)return`done`;if(e.status===`failed`)return`failed`;let n=Date.parse(e.due_at);return Number.isNaN(n)?`ok`:t>n?`overdue`:n-t<=6048e5?`soon`:`ok`}function Ke(e,t=Date.now()){let n=X(e,t),r=Math.ceil(Math.abs(Date.parse(e.due_at)-t)/864e5);return n===`overdue`?`Overdue by ${r} day${r===1?``:`s`}`:n===`soon`?`Due in ${r} day${r===1?``:`s`}`:``}var qe={action:``,actor:``,from:``,to:``};function Je(){let[e,t]=M(qe),[n,r]=M(qe),[i,a]=M(null),[o,s]=M({entries:[],cursor:void 0}),c=P(()=>(s({entries:[],cursor:void 0}),C(`/v1/audit`,{query:Y(n).query})),[n]),l=F(),u=F(),[d,f]=M(null);function p(t){t.preventDefault();let n=Y(e);a(n.error||null),n.error||r({...e})}async function m(e){let t=await l.run(`more`,()=>C(`/v1/audit`,{query:Y(n,e).query}));t&&s(e=>({entries:[...e.entries,...t.entries],cursor:t.next_cursor}))}async function h(){let{limit:e,...t}=Y(n).query,r=await u.run(`audit`,()=>se(`/v1/audit`,{query:{...t,format:`csv`},filename:`audit-log.csv`}));r&&f(r.get(`x-truncated`)===`true`?`Downloaded the newest 100,000 entries: narrow the filters for the rest.`:`Downloaded the filtered log as CSV.`)}async function g(){await u.run(`review`,()=>se(`/v1/users/access-review`,{query:{format:`csv`},filename:`access-review.csv`}))&&f(`Downloaded the access review as CSV.`)}return j`<${I} title="Audit log" text="Every change to your workspace, sign-ins and refused attempts: who, what, when and from where. Entries cannot be changed or removed.">
      <button class="btn" onClick=${g} disabled=${!!u.busy} data-testid="access-review-download">
        ${u.busy===`review`?`Preparing…`:`Access review (CSV)`}
      </button>
    </${I}>
    <${L} title="Filters" testid="audit-filters">
      <form class="invite-form" onSubmit=${p}>
        <${W} label="Action" id="audit-action" help="e.g. auth. for every sign-in entry">
          <input id="audit-action" placeholder="auth." value=${e.action} maxlength="200"
            onInput=${n=>t({...e,action:n.currentTarget.value})} data-testid="audit-action" />
        </${W}>
        <${W} label="Actor id" id="audit-actor">
          <input id="audit-actor" placeholder="a user or key id" value=${e.actor} maxlength="200"
            onInput=${n=>t({...e,actor:n.currentTarget.value})} data-testid="audit-actor" />
        </${W}>
        <${W} label="From" id="audit-from">
          <input id="audit-from" type="date" value=${e.from}
            onInput=${n=>t({...e,from:n.currentTarget.value})} data-testid="audit-from" />
        </${W}>
        <${W} label="To" id="audit-to">
          <input id="audit-to" type="date" value=${e.to}
            onInput=${n=>t({...e,to:n.currentTarget.value})} data-testid="audit-to" />
        </${W}>
        <button class="btn btn-primary" type="submit" data-testid="audit-apply">Apply</button>
        <button class="btn" type="button" onClick=${h} disabled=${!!u.busy} data-testid="audit-csv">
          ${u.busy===`audit`?`Preparing…`:`Download CSV`}
        </button>
      </form>
      <${R} error=${i} testid="audit-filter-error" />
      <${R} error=${u.error} testid="audit-download-error" />
      ${d&&j`<p class="form-ok" role="status" data-testid="audit-notice">${d}</p>`}
    </${L}>
    <${z} resource=${c} what="Audit log">
      ${e=>{let t=[...e.entries,...o.entries],n=o.cursor===void 0?e.next_cursor:o.cursor;return j`<${Ye} entries=${t} cursor=${n} more=${l} loadMore=${m} error=${c.error} />`}}
    </${z}>`}function Ye({entries:e,cursor:t,more:n,loadMore:r,error:i}){return j`<${L} title="Entries" text=${`${e.length} shown, newest first`} testid="audit-entries">
    ${i&&j`<${R} error=${`Could not read the log again: ${i.message}`} />`}
    ${e.length?j`<table class="settings-table" data-testid="audit-table">
        <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Client address</th><th scope="col">Details</th></tr></thead>
        <tbody>
          ${e.map(e=>j`<tr key=${e.id} data-testid="audit-row" data-action=${e.action}>
            <td class="muted small" title=${e.at}>${G(e.at)}</td>
            <td class="small" title=${e.actor.id||``}>${We(e.actor)}</td>
            <td><code>${e.action}</code></td>
            <td class="small" title=${e.target?.id||``}>${We(e.target)}</td>
            <td class="small">${e.client_address||`—`}</td>
            <td class="muted small" title=${JSON.stringify(e.details)}>${Ge(e.details)}</td>
          </tr>`)}
        </tbody>
      </table>`:j`<p class="muted" data-testid="audit-empty">No entries match these filters.</p>`}
    <${R} error=${n.error} testid="audit-more-error" />
    ${t&&j`<button class="btn" onClick=${()=>r(t)} disabled=${!!n.busy} data-testid="audit-more">
        ${n.busy?`Loading…`:`Load more`}
      </button>`}
  </${L}>`}var Z={email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`},Xe={smtp:`Mailgun or SMTP`,twilio:`Twilio`,meta:`Meta Cloud API`},Ze={auth_token:`Auth token`,app_secret:`App secret`,verify_token:`Verify token`,access_token:`Access token`};function Qe(e,t){return t===`twilio`?`In the Twilio console, set the number’s “A message comes in” webhook (HTTP POST) to this URL.`:t===`meta`?`In the app’s WhatsApp configuration, set the callback URL to this, the verify token to the one you gave, and subscribe to messages.`:e===`email`?`Mail to this address reaches the inbox through your Mailgun route or the SMTP listener.`:``}function $e(){let e=P(()=>C(`/v1/channels`).then(e=>e.channels));return j`<${I} title="Channels" text="E-mail, SMS and WhatsApp land in the same inbox as web chats; replies go back the way the customer wrote." />
    <${z} resource=${e} what="Channels">
      ${t=>j`<${et} reload=${e.reload} /><${tt} list=${t} reload=${e.reload} refreshError=${e.error} />`}
    </${z}>`}function et({reload:e}){let[t,n]=M(`email`),[r,i]=M({}),[a,o]=M(null),s=F(),c=O.find(e=>e.id===t);async function l(n){n.preventDefault();let a=await s.run(`add`,()=>C(`/v1/channels`,{method:`POST`,body:ce(t,r)}));a&&(o({...a,kind:c.kind,provider:c.provider}),i({}),await e())}return j`<${L} title="Add a channel" testid="channel-add">
    <form class="settings-form" onSubmit=${l} autocomplete="off">
      <fieldset class="choice-list wrap">
        <legend class="visually-hidden">Channel</legend>
        ${O.map(e=>j`<label class=${`choice-card ${e.id===t?`on`:``}`}>
          <input type="radio" name="channel-form" value=${e.id} checked=${e.id===t} data-testid=${`channel-form-${e.id}`}
            onChange=${()=>{n(e.id),s.setError(null)}} />
          <${T} name=${e.kind} size=${15} /> ${e.label}
        </label>`)}
      </fieldset>
      <div class="field-grid">
        ${c.fields.map(e=>j`<${W} key=${`${t}-${e.key}`} label=${e.label} id=${`ch-${e.key}`} help=${e.help}>
          <input id=${`ch-${e.key}`} type=${e.secret?`password`:e.type||`text`} required placeholder=${e.placeholder||``}
            autocomplete=${e.secret?`new-password`:`off`} value=${r[e.key]||``} data-testid=${`channel-${e.key}`}
            aria-describedby=${e.help?`ch-${e.key}-help`:void 0}
            onInput=${t=>i(n=>({...n,[e.key]:t.currentTarget.value}))} />
        </${W}>`)}
      </div>
      ${c.provider&&j`<details class="advanced">
        <summary>Advanced</summary>
        <${W} label="API base URL" id="ch-api-base" help="Only to reach the provider through a proxy or a stand-in; empty: the provider's own.">
          <input id="ch-api-base" type="url" placeholder="https://api.twilio.com" value=${r.api_base||``} data-testid="channel-api_base"
            aria-describedby="ch-api-base-help" onInput=${e=>i(t=>({...t,api_base:e.currentTarget.value}))} />
        </${W}>
      </details>`}
      <${R} error=${s.error} testid="channel-error" />
      <div><button class="btn btn-primary" type="submit" disabled=${!!s.busy} data-testid="channel-submit">
        ${s.busy?`Adding…`:`Add ${c.label}`}
      </button></div>
    </form>
    ${a&&j`<div class="once" role="region" aria-label="The channel was added" data-testid="channel-added">
      <div class="once-head"><${T} name="check" size=${15} /> <strong>${Z[a.kind]} ${a.channel?.address||``} added</strong></div>
      ${a.webhook_url?j`<p class="small">${Qe(a.kind,a.provider)}</p><${V} text=${a.webhook_url} testid="channel-webhook" />`:j`<p class="small">${Qe(a.kind,a.provider)}</p>`}
      <div><button class="btn btn-sm" onClick=${()=>o(null)} data-testid="channel-added-done">Done</button></div>
    </div>`}
  </${L}>`}function tt({list:e,reload:t,refreshError:n}){let r=F(),[i,a]=B(),[o,s]=M(null);async function c(e){await a({title:`Remove ${Z[e.kind]} ${e.address}?`,text:`Messages to it are refused from now on, and replies to its conversations can no longer go out this way. Conversations already in the inbox stay.`,confirm:`Remove channel`})&&await r.run(e.id,async()=>(await C(`/v1/channels/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return j`<${L} title="Channels" text=${e.length?``:`Web chat needs none: it comes through the widget.`} testid="channel-list">
    ${n&&j`<${R} error=${`Could not read the channels again: ${n.message}`} />`}
    <${R} error=${r.error} />
    ${!e.length&&j`<p class="muted">No e-mail, SMS or WhatsApp channel yet.</p>`}
    <ul class="settings-list">
      ${e.map(e=>j`<li key=${e.id} class="settings-item channel-item" data-testid="channel-row" data-address=${e.address}>
        <span class="settings-item-icon"><${T} name=${e.kind} size=${16} /></span>
        <div class="settings-item-main">
          <div><strong>${e.address}</strong> <span class="chip">${Z[e.kind]||e.kind}</span>
            <span class="muted small"> · ${Xe[e.provider]||e.provider} · added ${G(e.created_at)}</span>
            ${!e.sealed_ok&&j` <span class="chip chip-danger" data-testid="channel-unsealed">Credentials unreadable</span>`}</div>
          ${e.webhook_url&&j`<${V} text=${e.webhook_url} testid="channel-row-webhook" label="Copy URL" />`}
          ${!e.sealed_ok&&(o===e.id?j`<${nt} channel=${e} onDone=${async()=>{s(null),await t()}} onCancel=${()=>s(null)} />`:j`<p class="small danger-text">The server's secret key changed, so it cannot open this channel's credentials: replies cannot go out.
                  <button class="link-btn" onClick=${()=>s(e.id)} data-testid="channel-reseal">Enter them again</button></p>`)}
        </div>
        <button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!r.busy} data-testid="channel-remove">
          ${r.busy===e.id?`Removing…`:`Remove`}
        </button>
      </li>`)}
    </ul>
    ${i}
  </${L}>`}function nt({channel:e,onDone:t,onCancel:n}){let[r,i]=M({}),a=F(),o=_e[e.provider]||[];async function s(n){n.preventDefault(),await a.run(`reseal`,async()=>(await C(`/v1/channels/${encodeURIComponent(e.id)}/credentials`,{method:`POST`,body:v(e.provider,r)}),!0))&&await t()}return j`<form class="reseal" onSubmit=${s} autocomplete="off" data-testid="channel-reseal-form">
    <div class="field-grid">
      ${o.map(t=>j`<${W} key=${t} label=${Ze[t]} id=${`reseal-${e.id}-${t}`}>
        <input id=${`reseal-${e.id}-${t}`} type="password" required autocomplete="new-password" value=${r[t]||``}
          data-testid=${`reseal-${t}`} onInput=${e=>i(n=>({...n,[t]:e.currentTarget.value}))} />
      </${W}>`)}
    </div>
    <${R} error=${a.error} />
    <div class="savebar-actions">
      <button type="button" class="btn" onClick=${n}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!a.busy} data-testid="reseal-submit">${a.busy?`Saving…`:`Save credentials`}</button>
    </div>
  </form>`}var rt={text:`Text`,number:`Number`,boolean:`Yes / no`,choice:`One of a list`},it=e=>({rows:Te(e.ticket_fields)});function at(e){let t=y(e.rows);return t.error?t:{value:{ticket_fields:t.value}}}function ot(){return j`<${K} title="Ticket fields" what="Ticket fields" testid="fields-form" toForm=${it} fromForm=${at}
    text="Custom fields on every ticket, set by agents and bots (PATCH /v1/tickets/{id} custom_fields).">
    ${(e,t)=>j`<${st} rows=${e.rows} update=${t} />`}
  </${K}>`}function st({rows:e,update:t}){let[n,i]=B(),a=_(0),o=(e,n)=>t(t=>({...t,rows:t.rows.map(t=>t.id===e?{...t,...n}:t)}));function s(){let e=`new${++a.current}`;t(t=>({...t,rows:[...t.rows,{id:e,key:``,label:``,type:`text`,choices:``,saved:!1,autoKey:!0}]})),requestAnimationFrame(()=>document.querySelector(`[data-row="${e}"] input`)?.focus())}async function c(e){(!e.saved||await i({title:`Remove the field ${e.label||e.key}?`,text:`Once you save, tickets can no longer be given a value for it; the values tickets hold now stay on them.`,confirm:`Remove field`}))&&t(t=>({...t,rows:t.rows.filter(t=>t.id!==e.id)}))}return j`<${L} title="Fields" text=${e.length?`Keys are what bots and the API use; labels are what agents read.`:``}
    actions=${j`<button type="button" class="btn btn-sm" onClick=${s} data-testid="field-add"><${T} name="plus" size=${13} /> Add field</button>`}>
    ${e.length?j`<table class="settings-table" data-testid="field-table">
        <thead><tr><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Choices</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
          ${e.map((e,t)=>j`<tr key=${e.id} data-row=${e.id} data-testid="field-row">
            <td><input aria-label=${`Field ${t+1}: label`} value=${e.label} maxlength="100" data-testid="field-label"
              onInput=${t=>{let n=t.currentTarget.value;o(e.id,e.autoKey?{label:n,key:r(n)}:{label:n})}} /></td>
            <td><input aria-label=${`Field ${t+1}: key`} class="mono-input" value=${e.key} maxlength="50" data-testid="field-key"
              readOnly=${e.saved} title=${e.saved?`Saved keys stay: tickets hold values under them`:``}
              onInput=${t=>o(e.id,{key:t.currentTarget.value,autoKey:!1})} /></td>
            <td><select aria-label=${`Field ${t+1}: type`} value=${e.type} data-testid="field-type"
              onChange=${t=>o(e.id,{type:t.currentTarget.value})}>
              ${me.map(e=>j`<option value=${e}>${rt[e]}</option>`)}
            </select></td>
            <td>${e.type===`choice`?j`<input aria-label=${`Field ${t+1}: choices, separated by commas`} value=${e.choices} placeholder="Basic, Pro, Enterprise"
                  data-testid="field-choices" onInput=${t=>o(e.id,{choices:t.currentTarget.value})} />`:j`<span class="faint small">—</span>`}</td>
            <td><button type="button" class="icon-btn" aria-label=${`Remove field ${e.label||e.key||t+1}`} onClick=${()=>c(e)}
              data-testid="field-remove"><${T} name="trash" size=${15} /></button></td>
          </tr>`)}
        </tbody>
      </table>`:j`<p class="muted" data-testid="fields-empty">No custom fields yet. Tickets have a subject, status, priority, assignee and tags; add fields for anything else you track (order number, plan, …).</p>`}
    ${n}
  </${L}>`}var ct=500,lt=`new`,ut=`.md,.mdx,.markdown,.html,.htm,.txt,.zip`;function dt(e,t){let[n,r]=M(e);return E(()=>{let n=setTimeout(()=>r(e),t);return()=>clearTimeout(n)},[e,t]),n}function ft(){let[e,t]=M(``),n=dt(e.trim(),250),r=P(()=>C(`/v1/kb/articles`,{query:{limit:ct,q:n}}).then(e=>({q:n,list:e.articles})),[n]),[i,a]=M(null),o=_(!1),[s,c]=B();async function l(e){e!==i&&(!o.current||await c({title:`Discard your changes?`,text:`The article you are editing has changes that are not saved.`,confirm:`Discard changes`}))&&(o.current=!1,a(e))}return j`<${I} title="Knowledge base"
      text="The AI answers visitors only from these articles, citing them, and hands over what they do not cover.">
      <button class="btn btn-primary" onClick=${()=>l(lt)} data-testid="kb-new"><${T} name="plus" size=${14} /> New article</button>
    </${I}>
    <${z} resource=${r} what="The knowledge base">
      ${({q:n,list:s})=>j`<div class="kb">
        <div class="kb-side">
          <label class="search">
            <${T} name="search" size=${14} />
            <input type="search" placeholder="Find in titles, paths and text" aria-label="Find articles" data-testid="kb-search"
              value=${e} onInput=${e=>t(e.currentTarget.value)} />
            ${r.reloading&&j`<${S} label="Searching" />`}
          </label>
          ${r.error&&j`<${R} error=${r.error} />`}
          <${pt} list=${s} filtered=${!!n} selected=${i} onOpen=${l} />
          <${mt} onOpen=${l} />
          <${ht} reload=${r.reload} />
        </div>
        <div class="kb-main">
          ${i?j`<${yt} key=${i} id=${i===lt?null:i}
                onDirty=${e=>{o.current=e}}
                onSaved=${async e=>{o.current=!1,await r.reload(),a(e)}}
                onDeleted=${async()=>{o.current=!1,a(null),await r.reload()}} />`:j`<div class="placeholder" data-testid="kb-placeholder">
                <span class="placeholder-icon"><${T} name="book" size=${26} /></span>
                <h2>${s.length||n?`Pick an article`:`No articles yet`}</h2>
                <p class="muted">${s.length||n?`Open one to edit it, or write a new one.`:`Write one here, or upload your help center’s Markdown or HTML files (or a .zip of them).`}</p>
              </div>`}
        </div>
      </div>`}
    </${z}>
    ${s}`}function pt({list:e,filtered:t,selected:n,onOpen:r}){let i=`${e.length}${e.length===ct?`+`:``}`;return j`<div class="kb-list-wrap">
    <p class="muted small" role="status" data-testid="kb-count">${t?`${i} ${e.length===1?`article matches`:`articles match`}`:`${i} ${e.length===1?`article`:`articles`}`}</p>
    <ul class="kb-list" data-testid="kb-list" aria-label="Articles">
      ${e.map(e=>j`<li key=${e.id}>
        <button class=${`kb-item ${e.id===n?`active`:``}`} aria-current=${e.id===n?`true`:void 0}
          onClick=${()=>r(e.id)} data-testid="kb-item" data-article-id=${e.id}>
          <span class="kb-item-title">${e.title}</span>
          <span class="muted small ellipsis">${e.source_path||`Written here`} · ${e.chunks??0} ${e.chunks===1?`passage`:`passages`}</span>
        </button>
      </li>`)}
    </ul>
  </div>`}function mt({onOpen:e}){let[t,n]=M(``),[r,i]=M(null),a=F();async function o(e){if(e.preventDefault(),!t.trim())return;let n=await a.run(`search`,()=>C(`/v1/kb/search`,{query:{q:t.trim(),limit:5}}));i(n?n.results:null)}return j`<form class="kb-try" onSubmit=${o} aria-labelledby="kb-try-title">
    <h3 id="kb-try-title">Try a question</h3>
    <p class="muted small">The passages the AI would answer from, best first.</p>
    <div class="inline-form">
      <input aria-label="A visitor's question" placeholder="How do I cancel my plan?" value=${t} onInput=${e=>n(e.currentTarget.value)}
        data-testid="kb-try-input" maxlength="500" />
      <button class="btn btn-sm" type="submit" disabled=${!!a.busy} data-testid="kb-try-submit">${a.busy?j`<${S} />`:`Search`}</button>
    </div>
    <${R} error=${a.error} />
    ${r&&j`<ol class="kb-results" data-testid="kb-try-results">
      ${r.length?``:j`<li class="muted small">Nothing found: the AI would hand this question to a person.</li>`}
      ${r.map(t=>j`<li key=${t.article_id}>
        <button type="button" class="link-btn" onClick=${()=>e(t.article_id)}>${t.title}</button>
        ${t.heading_path&&j`<span class="faint small"> · ${t.heading_path}</span>`}
        <div class="small muted md kb-snippet">${Se(t.snippet,ue)}</div>
      </li>`)}
    </ol>`}
  </form>`}function ht({reload:e}){let[t,n]=M([]),[r,i]=M(``),[a,o]=M(null),s=F(),c=_(null);async function l(i){if(i.preventDefault(),!t.length)return;o(null);let a=new FormData;for(let e of t)a.append(`files`,e,e.name);r.trim()&&a.append(`base_url`,r.trim());let l=await s.run(`upload`,()=>C(`/v1/kb/uploads`,{method:`POST`,form:a}));if(!l)return;let u=(e,t,n)=>`${e} ${e===1?t:n}`;o(`${u(l.articles,`article`,`articles`)} written (${u(l.chunks,`passage`,`passages`)}), ${l.skipped} unchanged.`),n([]),c.current&&(c.current.value=``),await e()}async function u(){o(null);let t=await s.run(`reingest`,()=>C(`/v1/kb/reingest`,{method:`POST`}));t&&(o(`${t.articles} ${t.articles===1?`article`:`articles`} embedded again (${t.chunks} passages).`),await e())}return j`<form class="kb-try" onSubmit=${l} aria-labelledby="kb-import-title" data-testid="kb-import">
    <h3 id="kb-import-title">Upload articles</h3>
    <p class="muted small">Markdown, HTML or text files, or a .zip of a help-center folder. A file with the same path updates its article; unchanged ones are skipped.</p>
    <input ref=${c} type="file" multiple accept=${ut} aria-label="Files to upload" data-testid="kb-upload-files"
      onChange=${e=>n([...e.currentTarget.files])} />
    <input class="kb-base" type="url" placeholder="https://help.example.com (optional)" aria-label="Where the help center is published (optional)"
      value=${r} onInput=${e=>i(e.currentTarget.value)} data-testid="kb-upload-base" />
    <div class="inline-form">
      <button class="btn btn-sm btn-primary" type="submit" disabled=${!t.length||!!s.busy} data-testid="kb-upload-submit">
        <${T} name="upload" size=${13} /> ${s.busy===`upload`?`Uploading and embedding…`:t.length>1?`Upload ${t.length} files`:`Upload`}
      </button>
      <button class="btn btn-sm" type="button" onClick=${u} disabled=${!!s.busy} data-testid="kb-reingest"
        title="Chunk and embed every article again with this server's embedding model (after it changed)">
        <${T} name="refresh" size=${13} /> ${s.busy===`reingest`?`Embedding…`:`Re-embed all`}
      </button>
    </div>
    <${R} error=${s.error} testid="kb-import-error" />
    ${a&&j`<p class="form-ok" role="status" data-testid="kb-import-result"><${T} name="check" size=${14} /> ${a}</p>`}
  </form>`}function gt({id:e}){let t=P(()=>C(`/v1/kb/articles/${encodeURIComponent(e)}/questions`,{query:{limit:20}}),[e]);return j`<${L} title="Questions it answered" text="What visitors asked when the AI answered citing this article, newest first." testid="kb-questions">
    <${z} resource=${t} what="Its questions">
      ${e=>e.questions.length?j`<ul class="settings-list">
          ${e.questions.map(e=>j`<li class="settings-item" data-testid="kb-question">
            <div class="settings-item-main"><span class="break">${e.text}</span><span class="muted small">${D(e.asked_at)}</span></div>
            <button type="button" class="btn btn-sm" onClick=${()=>s({view:`conversations`,conversationId:e.conversation_id})}>Open conversation</button>
          </li>`)}
        </ul>`:j`<p class="muted small">No AI answer has cited it yet.</p>`}
    </${z}>
  </${L}>`}var _t={title:``,url:``,tags:``,body:``},vt=e=>({title:e.title,url:e.url||``,tags:(e.tags||[]).join(`, `),body:e.body||``});function yt({id:e,onDirty:t,onSaved:n,onDeleted:r}){let i=P(()=>e?C(`/v1/kb/articles/${encodeURIComponent(e)}`):Promise.resolve(null),[e]);return e?j`<${z} resource=${i} what="The article">
    ${e=>j`<${bt} article=${e} refreshError=${i.error} onDirty=${t} onDeleted=${r}
      onSaved=${async e=>{await i.reload(),await n(e)}} />`}
  </${z}>`:j`<${bt} article=${null} onDirty=${t} onSaved=${n} onDeleted=${r} />`}function bt({article:t,refreshError:n,onDirty:r,onSaved:i,onDeleted:a}){let o=t?vt(t):_t,[s,c]=M(o),l=_(t);E(()=>{l.current!==t&&(l.current=t,c(t?vt(t):_t))},[t]);let[u,d]=M(`split`),p=F(),[m,h]=B(),g=JSON.stringify(s)!==JSON.stringify(o);E(()=>r(g),[g]);let ee=e(()=>Se(s.body,ue),[s.body]),v=e=>t=>c(n=>({...n,[e]:t.currentTarget.value}));async function y(e){e.preventDefault();let n={title:s.title.trim(),body:s.body,url:s.url.trim()||null,tags:f(s.tags)},r=await p.run(`save`,()=>t?C(`/v1/kb/articles/${encodeURIComponent(t.id)}`,{method:`PUT`,body:n}):C(`/v1/kb/articles`,{method:`POST`,body:n}));r&&await i(r.id)}async function b(){await h({title:`Delete "${t.title}"?`,text:t.source_path?`The AI stops answering from it at once. It was imported from ${t.source_path}: importing that file again brings it back.`:`The AI stops answering from it at once. This cannot be undone.`,confirm:`Delete article`})&&await p.run(`delete`,async()=>(await C(`/v1/kb/articles/${encodeURIComponent(t.id)}`,{method:`DELETE`}),!0))&&await a()}return j`<form class="kb-editor" onSubmit=${y} data-testid="kb-editor" aria-label=${t?`Edit ${t.title}`:`New article`}>
    <div class="kb-editor-head">
      <h2>${t?`Edit article`:`New article`}</h2>
      ${t&&j`<span class="muted small">${t.source_path?`Imported from ${t.source_path}`:`Written here`} · updated ${G(t.updated_at)}</span>`}
    </div>
    ${n&&j`<${R} error=${`Could not read the article again: ${n.message}`} />`}
    <${W} label="Title" id="kb-title" wide>
      <input id="kb-title" required maxlength="500" value=${s.title} onInput=${v(`title`)} data-testid="kb-title" />
    </${W}>
    <div class="field-grid">
      <${W} label="Public URL" id="kb-url" help="Where visitors can read it: citations link here. Empty: cited by title.">
        <input id="kb-url" type="url" maxlength="2000" placeholder="https://help.example.com/…" value=${s.url} onInput=${v(`url`)}
          aria-describedby="kb-url-help" data-testid="kb-url" />
      </${W}>
      <${W} label="Tags" id="kb-tags" help="Separated by commas.">
        <input id="kb-tags" value=${s.tags} onInput=${v(`tags`)} aria-describedby="kb-tags-help" data-testid="kb-tags" />
      </${W}>
    </div>
    <div class="kb-body-head">
      <label for="kb-body">Body <span class="muted small">(Markdown)</span></label>
      <div class="segmented" role="group" aria-label="Editor layout">
        ${[[`split`,`Side by side`],[`write`,`Write`],[`preview`,`Preview`]].map(([e,t])=>j`<button type="button" class=${`segment ${u===e?`on`:``}`} aria-pressed=${u===e}
              onClick=${()=>d(e)} data-testid=${`kb-view-${e}`}>${t}</button>`)}
      </div>
    </div>
    <div class=${`kb-body kb-body-${u}`}>
      <textarea id="kb-body" required maxlength="200000" value=${s.body} onInput=${v(`body`)} data-testid="kb-body"
        hidden=${u===`preview`} spellcheck="true"></textarea>
      <div class="kb-preview msg-body md" hidden=${u===`write`} data-testid="kb-preview" aria-label="Preview" role="region">
        ${s.body.trim()?ee:j`<p class="faint">The preview appears here as you write.</p>`}
      </div>
    </div>
    <${R} error=${p.error} testid="kb-error" />
    <div class="savebar-actions">
      ${t&&j`<button type="button" class="btn btn-danger-ghost" onClick=${b} disabled=${!!p.busy} data-testid="kb-delete">
        <${T} name="trash" size=${14} /> Delete</button>`}
      <span class="muted small" role="status">${p.busy===`save`?`Saving and embedding…`:g?`Unsaved changes`:``}</span>
      <button type="submit" class="btn btn-primary" disabled=${!!p.busy||!g&&!!t} data-testid="kb-save">
        ${p.busy===`save`?`Saving…`:t?`Save article`:`Create article`}
      </button>
    </div>
    ${m}
  </form>
  ${t&&j`<${gt} id=${t.id} />`}`}function xt(){let e=P(()=>C(`/v1/labels`)),[t,n]=M(null),r=F(),[i,a]=B();async function o(){await e.reload(),xe({force:!0})}async function s(e){await a({title:`Delete the label “${e.name}”?`,text:`Its tag is removed from every conversation that carries it.`,confirm:`Delete`})&&await r.run(e.id,()=>C(`/v1/labels/${encodeURIComponent(e.id)}`,{method:`DELETE`}))&&await o()}let c=async e=>{n(null),e&&await o()};return j`<${I} title="Labels"
      text="Coloured labels agents put on conversations and filter the inbox by. A label is the conversation's tag: renaming it renames the tag everywhere." />
    <${z} resource=${e} what="Labels">
      ${e=>j`<${L} title="Workspace labels" testid="labels-settings"
        actions=${j`<button type="button" class="btn btn-sm" data-testid="label-new" onClick=${()=>n(`new`)}><${T} name="plus" size=${13} /> New label</button>`}>
        <${R} error=${r.error} />
        ${t===`new`&&j`<${St} onDone=${c} />`}
        ${e.labels.length?j`<ul class="reply-list">
              ${e.labels.map(e=>t===e.id?j`<li key=${e.id}><${St} label=${e} onDone=${c} /></li>`:j`<li key=${e.id} class="reply-row" data-testid="label-row" data-label=${e.name}>
                    <div class="reply-row-head">
                      <span class=${`label-chip label-${e.colour}`}>${e.name}</span>
                      <span class="muted small">${e.description}</span>
                      <span class="cell-actions">
                        <button class="btn btn-sm" data-testid="label-edit" onClick=${()=>n(e.id)}>Edit</button>
                        <button class="btn btn-sm btn-danger-ghost" data-testid="label-delete" disabled=${!!r.busy} onClick=${()=>s(e)}>Delete</button>
                      </span>
                    </div>
                  </li>`)}
            </ul>`:t!==`new`&&j`<p class="muted" data-testid="labels-empty">No labels yet.</p>`}
        ${i}
      </${L}>`}
    </${z}>`}function St({label:e,onDone:t}){let[n,r]=M(e?.name||``),[i,a]=M(e?.colour||`blue`),[o,s]=M(e?.description||``),c=F(),l=e?.id||`new`;async function u(r){r.preventDefault();let a={name:n.trim(),colour:i,description:o.trim()};await c.run(`save`,()=>e?C(`/v1/labels/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:a}):C(`/v1/labels`,{method:`POST`,body:a}))&&t(!0)}return j`<form class="reply-form" onSubmit=${u} data-testid="label-form">
    <div class="form-row">
      <${W} label="Name" id=${`label-name-${l}`} help="The tag conversations carry (no commas)">
        <input id=${`label-name-${l}`} required maxlength="50" pattern="[^,]+" value=${n}
          onInput=${e=>r(e.currentTarget.value)} data-testid="label-name" placeholder="billing" />
      </${W}>
      <${W} label="Colour" id=${`label-colour-${l}`}>
        <select id=${`label-colour-${l}`} value=${i} onChange=${e=>a(e.currentTarget.value)} data-testid="label-colour">
          ${ye.map(e=>j`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </${W}>
    </div>
    <p><span class=${`label-chip label-${i}`} aria-label="Preview">${n.trim()||`preview`}</span></p>
    <${W} label="Description" id=${`label-description-${l}`} wide=${!0}>
      <input id=${`label-description-${l}`} maxlength="200" value=${o}
        onInput=${e=>s(e.currentTarget.value)} data-testid="label-description" placeholder="What the label is for" />
    </${W}>
    <${R} error=${c.error} testid="label-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${()=>t(!1)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!c.busy} data-testid="label-save">${c.busy?`Saving…`:`Save label`}</button>
    </div>
  </form>`}var Ct=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function wt(){let e=P(()=>C(`/v1/macros`).then(e=>e.macros)),t=k(x(d,e=>e.session.user.role));return j`<${I} title="Macros"
      text="Several actions applied to a conversation in one click, from the Macros menu above its transcript." />
    <${z} resource=${e} what="Macros">
      ${n=>j`
        <${Q} title="Shared macros" shared=${!0} editable=${t} testid="macros-shared" reload=${e.reload}
          list=${n.filter(e=>e.shared)}
          text=${t?`Everyone in the workspace can apply these.`:`Written by your admins; everyone can apply them.`} />
        <${Q} title="My macros" shared=${!1} editable=${!0} testid="macros-mine" reload=${e.reload}
          list=${n.filter(e=>!e.shared)} text="Only you see these." />`}
    </${z}>`}function Q({title:e,text:t,list:n,shared:r,editable:i,reload:a,testid:o}){let[s,c]=M(null),l=F(),[u,d]=B(),f=async e=>{c(null),e&&await a()};async function p(e){await d({title:`Delete the macro ${e.name}?`,text:`It leaves the Macros menu at once.`,confirm:`Delete`})&&await l.run(e.id,async()=>(await C(`/v1/macros/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await a()}return j`<${L} title=${e} text=${t} testid=${o}
    actions=${i&&j`<button type="button" class="btn btn-sm" onClick=${()=>c(`new`)} data-testid=${`${o}-add`}>
      <${T} name="plus" size=${13} /> New macro</button>`}>
    <${R} error=${l.error} />
    ${s===`new`&&j`<${Tt} shared=${r} onDone=${f} />`}
    ${n.length?j`<ul class="reply-list">
          ${n.map(e=>s===e.id?j`<li key=${e.id}><${Tt} macro=${e} shared=${r} onDone=${f} /></li>`:j`<li key=${e.id} class="reply-row" data-testid="macro-row" data-name=${e.name}>
                <div class="reply-row-head">
                  <strong>${e.name}</strong>
                  ${i&&j`<span class="reply-actions">
                    <button class="btn btn-sm" onClick=${()=>c(e.id)} data-testid="macro-edit">Edit</button>
                    <button class="btn btn-sm btn-danger-ghost" onClick=${()=>p(e)} disabled=${!!l.busy} data-testid="macro-delete">Delete</button>
                  </span>`}
                </div>
                <ol class="macro-steps muted small">${e.actions.map((e,t)=>j`<li key=${t}>${he(e)}</li>`)}</ol>
              </li>`)}
        </ul>`:s!==`new`&&j`<p class="muted" data-testid=${`${o}-empty`}>No macros yet.</p>`}
    ${u}
  </${L}>`}function Tt({macro:e,shared:t,onDone:n}){let[r,i]=M(e?.name||``),[a,o]=M(e?e.actions.map(oe):[{type:`send_reply`,text:``}]),[s,c]=M(``),l=F(),u=e?.id||(t?`new-shared`:`new-mine`),d=(e,t)=>o(n=>n.map((n,r)=>r===e?{...n,...t}:n));async function f(i){i.preventDefault();let o=a.map(be),s=o.findIndex(e=>e.error);if(s>=0){c(`Action ${s+1}: ${o[s].error}`);return}c(``);let u={name:r.trim(),actions:o.map(e=>e.value)};await l.run(`save`,()=>e?C(`/v1/macros/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:u}):C(`/v1/macros`,{method:`POST`,body:{...u,shared:t}}))&&n(!0)}return j`<form class="reply-form" onSubmit=${f} data-testid="macro-form">
    <${W} label="Name" id=${`macro-name-${u}`}>
      <input id=${`macro-name-${u}`} required maxlength="100" value=${r} onInput=${e=>i(e.currentTarget.value)}
        data-testid="macro-name" placeholder="Refund issued" />
    </${W}>
    <ol class="macro-editor">
      ${a.map((e,t)=>j`<li key=${t} class="macro-action" data-testid="macro-action">
        <select aria-label=${`Action ${t+1}`} value=${e.type} data-testid="macro-action-type"
          onChange=${e=>d(t,{type:e.currentTarget.value,text:``})}>
          ${Object.entries(ve).map(([e,t])=>j`<option value=${e}>${t}</option>`)}
        </select>
        <${Et} row=${e} index=${t} onChange=${e=>d(t,{text:e})} />
        <button type="button" class="icon-btn" aria-label=${`Remove action ${t+1}`} disabled=${a.length===1}
          onClick=${()=>o(e=>e.filter((e,n)=>n!==t))}><${T} name="trash" size=${15} /></button>
      </li>`)}
    </ol>
    <button type="button" class="btn btn-sm" disabled=${a.length>=20} data-testid="macro-add-action"
      onClick=${()=>o(e=>[...e,{type:`add_tags`,text:``}])}><${T} name="plus" size=${13} /> Add action</button>
    <${R} error=${s||l.error} testid="macro-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${()=>n(!1)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!l.busy} data-testid="macro-save">${l.busy?`Saving…`:`Save macro`}</button>
    </div>
  </form>`}function Et({row:e,index:t,onChange:n}){let r=`Action ${t+1}: value`,i=x(d,e=>e.staff?.state===`ok`&&e.staff.users||[]);if(e.type===`send_reply`)return j`<textarea aria-label=${r} rows="2" maxlength="5000" value=${e.text} data-testid="macro-action-value"
      placeholder="Hi {contact.first_name}, …" onInput=${e=>n(e.currentTarget.value)}></textarea>`;if(e.type===`set_status`||e.type===`set_priority`){let t=e.type===`set_status`?Ct:Ce,i=e.text||(e.type===`set_status`?`open`:`normal`);return j`<select aria-label=${r} value=${i} data-testid="macro-action-value" onChange=${e=>n(e.currentTarget.value)}>
      ${t.map(e=>j`<option value=${e}>${de[e]||e[0].toUpperCase()+e.slice(1)}</option>`)}
    </select>`}return e.type===`assign`?j`<select aria-label=${r} value=${e.text||`me`} data-testid="macro-action-value" onChange=${e=>n(e.currentTarget.value)}>
      <option value="me">The agent applying it</option>
      <option value="none">Nobody (unassign)</option>
      ${i.map(e=>j`<option value=${e.id}>${e.name||e.email}</option>`)}
    </select>`:j`<input aria-label=${r} value=${e.text} maxlength="500" data-testid="macro-action-value"
    placeholder="billing, refund" onInput=${e=>n(e.currentTarget.value)} />`}var Dt={export:`Export`,erasure:`Erasure`},Ot={received:`Received`,completed:`Completed`,failed:`Failed`},kt={overdue:`chip chip-danger`,soon:`chip chip-warn`,failed:`chip chip-danger`,done:`chip chip-quiet`};function At(){let e=P(()=>C(`/v1/privacy-requests`,{query:{limit:50}})),[t,n]=M({requests:[],cursor:void 0}),r=F();async function i(e){let t=await r.run(`more`,()=>C(`/v1/privacy-requests`,{query:{limit:50,cursor:e}}));t&&n(e=>({requests:[...e.requests,...t.requests],cursor:t.next_cursor}))}return j`<${I} title="Privacy requests" text="Data-subject requests (GDPR): exports and erasures, due one month after they were received." />
    <${z} resource=${e} what="Privacy requests">
      ${n=>{let a=[...n.requests,...t.requests],o=t.cursor===void 0?n.next_cursor:t.cursor;return j`<${jt} requests=${a} cursor=${o} more=${r} loadMore=${i} error=${e.error} />`}}
    </${z}>`}function jt({requests:e,cursor:t,more:n,loadMore:r,error:i}){let a=Date.now(),o=e.filter(e=>X(e,a)===`overdue`).length;return j`<${L} title="Requests" text=${o?`${o} overdue`:`${e.length} shown, newest first`} testid="privacy-requests">
    ${i&&j`<${R} error=${`Could not read the requests again: ${i.message}`} />`}
    ${e.length?j`<table class="settings-table" data-testid="privacy-table">
        <thead><tr><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Requested</th><th scope="col">By</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
        <tbody>
          ${e.map(e=>{let t=X(e,a),n=Ke(e,a);return j`<tr key=${e.id} data-testid="privacy-row" data-kind=${e.kind} data-state=${t}>
              <td><strong>${Dt[e.kind]||e.kind}</strong></td>
              <td class="small" title=${e.subject_ref}>${e.contact_id?`contact ${e.contact_id.slice(0,8)}…`:`erased (${String(e.subject_ref).slice(0,8)}…)`}</td>
              <td class="muted small">${G(e.requested_at)}</td>
              <td class="small">${e.requested_by?e.requested_by.name||`an admin`:`operator (CLI)`}</td>
              <td class="small">${G(e.due_at)} ${n&&j`<span class=${kt[t]} data-testid="privacy-due-warning">${n}</span>`}</td>
              <td><span class=${kt[t]||`chip`}>${Ot[e.status]||e.status}</span>${e.completed_at?j` <span class="muted small">${G(e.completed_at)}</span>`:``}</td>
            </tr>`})}
        </tbody>
      </table>`:j`<p class="muted" data-testid="privacy-empty">No privacy requests yet.</p>`}
    <${R} error=${n.error} />
    ${t&&j`<button class="btn" onClick=${()=>r(t)} disabled=${!!n.busy} data-testid="privacy-more">
        ${n.busy?`Loading…`:`Load more`}
      </button>`}
  </${L}>`}var Mt={agent:`Agent`,admin:`Admin`,super_admin:`Super admin`};function Nt(){let e=P(()=>C(`/v1/auth/sessions`).then(e=>e.sessions));return j`<${I} title="Profile" text="Your account, where you are signed in, and how the inbox looks and behaves in this browser." />
    <${Pt} />
    <${Ft} onChanged=${e.reload} />
    <${It} sessions=${e} />
    <${Lt} />`}function Pt(){let e=x(d,e=>e.session.user),t=k(e.role),[n,r]=M(e.name||``),[i,a]=M(!1),o=F();async function s(t){t.preventDefault(),a(!1),await o.run(`name`,async()=>(await C(`/v1/users/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{name:n.trim()}}),await te(),!0))&&(r(d.get().session.user.name||``),a(!0))}return j`<${L} title="You" testid="profile-you">
    ${t?j`<form class="inline-form narrow-form" onSubmit=${s}>
          <${W} label="Name" id="profile-name-input" help="What customers and teammates see beside your replies.">
            <input id="profile-name-input" required maxlength="200" autocomplete="name" value=${n} data-testid="profile-name-input"
              aria-describedby="profile-name-input-help" onInput=${e=>{a(!1),r(e.currentTarget.value)}} />
          </${W}>
          <button class="btn" type="submit" disabled=${!!o.busy||!n.trim()||n.trim()===e.name} data-testid="profile-name-save">
            ${o.busy?`Saving…`:`Save name`}</button>
        </form>
        <${R} error=${o.error} testid="profile-name-error" />
        ${i&&j`<p class="form-ok" role="status" data-testid="profile-name-saved"><${T} name="check" size=${14} /> Saved.</p>`}`:``}
    <dl class="facts settings-facts">
      ${!t&&j`<dt>Name</dt><dd data-testid="profile-name">${e.name||`—`} <span class="muted small">(an admin can change it)</span></dd>`}
      <dt>E-mail</dt><dd data-testid="profile-email">${e.email}</dd>
      <dt>Role</dt><dd data-testid="profile-role">${Mt[e.role]||e.role}</dd>
    </dl>
  </${L}>`}function Ft({onChanged:e}){let[t,n]=M({current:``,next:``,again:``}),[r,i]=M(!1),a=F(),o=e=>t=>{i(!1),n(n=>({...n,[e]:t.currentTarget.value}))};async function s(r){r.preventDefault();let o=m(t.next,t.again);o?a.setError(o):await a.run(`password`,async()=>(await C(`/v1/auth/password`,{method:`POST`,body:{current_password:t.current,new_password:t.next}}),!0))&&(n({current:``,next:``,again:``}),i(!0),await e())}return j`<${L} title="Password" text=${`At least 8 characters. Changing it signs you out everywhere else; you stay signed in here.`} testid="profile-password">
    <form class="settings-form narrow" onSubmit=${s}>
      <${W} label="Current password" id="pw-current">
        <input id="pw-current" type="password" autocomplete="current-password" required value=${t.current}
          onInput=${o(`current`)} data-testid="password-current" />
      </${W}>
      <${W} label="New password" id="pw-new">
        <input id="pw-new" type="password" autocomplete="new-password" required value=${t.next}
          onInput=${o(`next`)} data-testid="password-new" />
      </${W}>
      <${W} label="New password again" id="pw-again">
        <input id="pw-again" type="password" autocomplete="new-password" required value=${t.again}
          onInput=${o(`again`)} data-testid="password-again" />
      </${W}>
      <${R} error=${a.error} testid="password-error" />
      ${r&&j`<p class="form-ok" role="status" data-testid="password-done"><${T} name="check" size=${14} /> Your password is changed; your other sessions are signed out.</p>`}
      <div><button class="btn btn-primary" type="submit" disabled=${!!a.busy} data-testid="password-submit">
        ${a.busy?`Changing…`:`Change password`}
      </button></div>
    </form>
  </${L}>`}function It({sessions:e}){let t=F(),[n,r]=B();async function i(n){await r({title:`Sign this session out?`,text:`${we(n.user_agent)}${n.address?` at ${n.address}`:``} will have to sign in again.`,confirm:`Sign out`})&&(await t.run(n.id,()=>C(`/v1/auth/sessions/${encodeURIComponent(n.id)}`,{method:`DELETE`})),await e.reload())}return j`<${L} title="Where you are signed in" text="Sign out a browser you no longer use, or one that is not yours." testid="profile-sessions">
    <${z} resource=${e} what="Your sessions">
      ${n=>j`<${R} error=${t.error||e.error&&`Could not refresh: ${e.error.message}`} />
        <ul class="settings-list" data-testid="session-list">
          ${n.map(e=>j`<li key=${e.id} class="settings-item" data-testid="session-row" data-current=${e.current?`true`:`false`}>
            <span class="settings-item-icon"><${T} name="device" size=${16} /></span>
            <div class="settings-item-main">
              <div><strong>${we(e.user_agent)}</strong>${e.current&&j` <span class="chip status-open">This browser</span>`}</div>
              <div class="muted small">${e.address||`Unknown address`} · signed in ${G(e.created_at)} · active ${D(e.last_seen_at)||G(e.last_seen_at)}</div>
            </div>
            ${!e.current&&j`<button class="btn btn-sm" disabled=${!!t.busy} onClick=${()=>i(e)} data-testid="session-end">
                ${t.busy===e.id?`Signing out…`:`Sign out`}
              </button>`}
          </li>`)}
        </ul>`}
    </${z}>
    ${n}
  </${L}>`}function Lt(){let e=x(d,e=>e.prefs),[t,r]=M(!0),i=e=>r(n(e));return j`<${L} title="Preferences" text="Kept in this browser, for you only." testid="profile-preferences">
    <fieldset class="setting-row">
      <legend class="setting-label">Density
        <span class="muted small">How much fits on screen in lists and transcripts.</span>
      </legend>
      <div class="segmented" role="radiogroup" aria-label="Density">
        ${[[`comfortable`,`Comfortable`],[`compact`,`Compact`]].map(([t,n])=>j`<label class=${`segment ${e.density===t?`on`:``}`}>
          <input type="radio" name="density" value=${t} checked=${e.density===t}
            onChange=${()=>i({density:t})} data-testid=${`pref-density-${t}`} />
          ${n}
        </label>`)}
      </div>
    </fieldset>
    <${U} label="Single-key shortcuts" testid="pref-shortcuts" checked=${e.shortcuts}
      text="j, k, r, n, a, e, s, / and ? act without a modifier key. Turn them off if you use speech input or they fire by accident; Esc still leaves a field."
      onChange=${e=>i({shortcuts:e})} />
    <${zt} prefs=${e} change=${i} />
    ${!t&&j`<p class="form-error" role="alert">This browser would not store them: they last until you reload.</p>`}
  </${L}>`}var Rt={granted:`This browser shows them.`,denied:`This browser blocks notifications from this site: allow them in its site settings.`,default:`This browser has not been asked yet.`,unsupported:`This browser cannot show notifications; the tab title still counts them.`};function zt({prefs:e,change:t}){let[n,r]=M(b());return j`<fieldset class="setting-group" data-testid="profile-notifications">
    <legend class="setting-label">Notifications
      <span class="muted small" data-testid="notify-permission">${Rt[n]||n}</span>
    </legend>
    ${n==="default"&&j`<button class="btn btn-sm" type="button" data-testid="notify-ask"
        onClick=${async()=>r(await c())}>Allow desktop notifications</button>`}
    <${U} label="A customer waits for a person" testid="pref-notify-waiting" checked=${e.notifyWaiting}
      text="A conversation handed over by the AI or asked for by the customer, unassigned or assigned to you."
      onChange=${e=>t({notifyWaiting:e})} />
    <${U} label="Replies in my conversations" testid="pref-notify-replies" checked=${e.notifyReplies}
      text="A customer writes in a conversation assigned to you, while you are not reading it."
      onChange=${e=>t({notifyReplies:e})} />
    <${U} label="Play a sound" testid="pref-sound" checked=${e.sound}
      text="A short chime with each of them."
      onChange=${e=>{t({sound:e}),e&&ne()}} />
  </fieldset>`}function Bt(){let e=P(()=>C(`/v1/canned_replies`)),t=x(d,e=>e.session.user.role),n=k(t);return j`<${I} title="Canned replies"
      text="Type / and a code in the composer to insert a reply; its {variables} are filled in for the conversation." />
    <${z} resource=${e} what="Canned replies">
      ${t=>j`
        <${Vt} title="Shared replies" shared=${!0} editable=${n} testid="replies-shared" reload=${e.reload}
          list=${t.replies.filter(e=>e.shared)}
          text=${n?`Everyone in the workspace can use these.`:`Written by your admins; everyone can use them.`} />
        <${Vt} title="My replies" shared=${!1} editable=${!0} testid="replies-mine" reload=${e.reload}
          list=${t.replies.filter(e=>!e.shared)} text="Only you see these." />
        <${L} title="Variables" text="Written in braces in a body; a value the conversation lacks is left empty and named when you insert the reply.">
          <ul class="variables" data-testid="reply-variables">
            ${t.variables.map(e=>j`<li key=${e.name}><code>{${e.name}}</code> <span class="muted small">${e.description}</span></li>`)}
          </ul>
        </${L}>`}
    </${z}>`}function Vt({title:e,text:t,list:n,shared:r,editable:i,reload:a,testid:o}){let[s,c]=M(null),l=F(),[u,d]=B();async function f(e){await d({title:`Delete /${e.code}?`,text:`It leaves the composer’s menu at once.`,confirm:`Delete`})&&await l.run(e.id,async()=>(await C(`/v1/canned_replies/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await a()}return j`<${L} title=${e} text=${t} testid=${o}
    actions=${i&&j`<button type="button" class="btn btn-sm" onClick=${()=>c(`new`)} data-testid=${`${o}-add`}>
      <${T} name="plus" size=${13} /> New reply</button>`}>
    <${R} error=${l.error} />
    ${s===`new`&&j`<${Ht} shared=${r} onDone=${async e=>{c(null),e&&await a()}} />`}
    ${n.length?j`<ul class="reply-list">
          ${n.map(e=>s===e.id?j`<li key=${e.id}><${Ht} reply=${e} shared=${r} onDone=${async e=>{c(null),e&&await a()}} /></li>`:j`<li key=${e.id} class="reply-row" data-testid="reply-row" data-code=${e.code}>
                <div class="reply-row-head">
                  <code>/${e.code}</code> <strong>${e.title}</strong>
                  ${i&&j`<span class="reply-actions">
                    <button class="btn btn-sm" onClick=${()=>c(e.id)} data-testid="reply-edit">Edit</button>
                    <button class="btn btn-sm btn-danger-ghost" onClick=${()=>f(e)} disabled=${!!l.busy} data-testid="reply-delete">Delete</button>
                  </span>`}
                </div>
                <p class="reply-body muted small">${e.body}</p>
              </li>`)}
        </ul>`:s!==`new`&&j`<p class="muted" data-testid=${`${o}-empty`}>No replies yet.</p>`}
    ${u}
  </${L}>`}function Ht({reply:e,shared:t,onDone:n}){let[r,i]=M(e?.code||``),[a,o]=M(e?.title||``),[s,c]=M(e?.body||``),l=F(),u=e?.id||(t?`new-shared`:`new-mine`);async function d(i){i.preventDefault();let o={code:r.trim().toLowerCase(),title:a.trim(),body:s};await l.run(`save`,()=>e?C(`/v1/canned_replies/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:o}):C(`/v1/canned_replies`,{method:`POST`,body:{...o,shared:t}}))&&n(!0)}return j`<form class="reply-form" onSubmit=${d} data-testid="reply-form">
    <div class="form-row">
      <${W} label="Code" id=${`reply-code-${u}`} help="What you type after / (letters, digits, - and _)">
        <input id=${`reply-code-${u}`} class="mono-input" required maxlength="40" pattern="[a-zA-Z0-9][a-zA-Z0-9_\\-]*"
          value=${r} onInput=${e=>i(e.currentTarget.value)} data-testid="reply-code" placeholder="refund-policy" />
      </${W}>
      <${W} label="Title" id=${`reply-title-${u}`}>
        <input id=${`reply-title-${u}`} required maxlength="100" value=${a} onInput=${e=>o(e.currentTarget.value)}
          data-testid="reply-title" placeholder="Our refund policy" />
      </${W}>
    </div>
    <${W} label="Body" id=${`reply-body-${u}`} wide=${!0} help="Variables such as {contact.name} and {agent.name} are filled in when inserted">
      <textarea id=${`reply-body-${u}`} required maxlength="5000" rows="4" value=${s} onInput=${e=>c(e.currentTarget.value)}
        data-testid="reply-body" placeholder="Hi {contact.first_name}, …"></textarea>
    </${W}>
    <${R} error=${l.error} testid="reply-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${()=>n(!1)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!l.busy} data-testid="reply-save">${l.busy?`Saving…`:`Save reply`}</button>
    </div>
  </form>`}var Ut=36500;function Wt(e){let t=e?.retention_days??null;return{mode:t==null?`forever`:`days`,days:N(t??365)}}function Gt(e){if(e.mode===`forever`)return{value:{retention_days:null}};let t=p(e.days,{label:`Days after resolution`,min:1,max:Ut,empty:!1});return t.error?t:{value:{retention_days:t.value}}}function Kt(e){let t=Gt(e);if(t.error)return``;let n=t.value.retention_days;return n==null?`Conversations are kept forever.`:`Conversations are emptied ${n===1?`1 day`:`${n.toLocaleString(`en`)} days`} after they were resolved.`}function qt(){return j`<${K} title="Data retention" what="retention settings" testid="retention-form"
    text="How long resolved conversations keep their messages and attachments."
    toForm=${Wt} fromForm=${Gt}>
    ${(e,t)=>j`
      <${L} title="Resolved conversations"
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
        ${e.mode===`days`&&j`<${W} label="Days after resolution" id="retention-days"
            help=${`From 1 to ${36500 .toLocaleString(`en`)}. The worker checks every few minutes.`}>
            <input id="retention-days" inputmode="numeric" data-testid="retention-days" aria-describedby="retention-days-help"
              value=${e.days} onInput=${e=>t({days:e.currentTarget.value})} />
          </${W}>`}
        <p class="muted small" id="retention-now" role="status" data-testid="retention-now">${Kt(e)}</p>
      </${L}>`}
  </${K}>`}var Jt={urgent:`Urgent`,high:`High`,normal:`Normal`,low:`Low`},Yt=e=>({sla:o(e.sla),hours:a(e.business_hours)});function Xt(e){let t=l(e.sla);if(t.error)return t;let n=i(e.hours);return n.error?n:{value:{sla:t.value,business_hours:n.value}}}function Zt(){return j`<${K} title="SLA & hours" what="SLA settings" testid="sla-form" toForm=${Yt} fromForm=${Xt}
    text="How soon a ticket should get its first answer and be solved, by priority. Clocks pause while a ticket is pending on the customer.">
    ${(e,t)=>j`<${Qt} sla=${e.sla} update=${t} /><${$t} hours=${e.hours} update=${t} />`}
  </${K}>`}function Qt({sla:e,update:n}){let r=(e,t)=>r=>{let i=r.currentTarget.value;n(n=>({...n,sla:{...n.sla,[e]:{...n.sla[e],[t]:i}}}))},i=e=>{let n=p(e);return n.error?``:n.value==null?`no target`:t(n.value)};return j`<${L} title="Targets" text="In minutes. Leave a target empty for none.">
    <table class="settings-table sla-table" data-testid="sla-table">
      <thead><tr><th scope="col">Priority</th><th scope="col">First response</th><th scope="col">Resolution</th></tr></thead>
      <tbody>
        ${pe.map(t=>j`<tr key=${t}>
          <th scope="row">${Jt[t]}</th>
          ${[`first_response`,`resolution`].map(n=>j`<td>
            <div class="minutes">
              <input inputmode="numeric" aria-label=${`${Jt[t]}: ${n===`first_response`?`first response`:`resolution`}, minutes`}
                data-testid=${`sla-${t}-${n}`} value=${e[t][n]} onInput=${r(t,n)} placeholder="None" />
              <span class="muted small" aria-hidden="true">${i(e[t][n])}</span>
            </div>
          </td>`)}
        </tr>`)}
      </tbody>
    </table>
  </${L}>`}function $t({hours:e,update:t}){let n=e=>t(t=>({...t,hours:{...t.hours,...e}})),r=(t,r)=>n({days:r?[...new Set([...e.days,t])].sort((e,t)=>e-t):e.days.filter(e=>e!==t)});return j`<${L} title="Business hours" text="SLA clocks run only inside them: Friday 16:50 plus 30 minutes is Monday 09:20.">
    <fieldset class="choice-list">
      <legend class="visually-hidden">When SLA clocks run</legend>
      <label class="choice"><input type="radio" name="hours" checked=${e.always} onChange=${()=>n({always:!0})}
        data-testid="hours-always" /> Round the clock</label>
      <label class="choice"><input type="radio" name="hours" checked=${!e.always} onChange=${()=>n({always:!1})}
        data-testid="hours-business" /> Business hours only</label>
    </fieldset>
    ${!e.always&&j`<div class="hours" data-testid="hours-detail">
      <${W} label="Time zone" id="hours-zone">
        <select id="hours-zone" value=${e.timezone} onChange=${e=>n({timezone:e.currentTarget.value})} data-testid="hours-timezone">
          ${ee(e.timezone).map(e=>j`<option value=${e}>${e}</option>`)}
        </select>
      </${W}>
      <fieldset class="days">
        <legend>Days</legend>
        ${ae.map((t,n)=>j`<label class=${`day-chip ${e.days.includes(n)?`on`:``}`}>
          <input type="checkbox" checked=${e.days.includes(n)} onChange=${e=>r(n,e.currentTarget.checked)}
            data-testid=${`hours-day-${n}`} /> ${t}
        </label>`)}
      </fieldset>
      <div class="field-grid">
        <${W} label="Opens" id="hours-start">
          <input id="hours-start" type="time" value=${e.start} onInput=${e=>n({start:e.currentTarget.value})} data-testid="hours-start" />
        </${W}>
        <${W} label="Closes" id="hours-end">
          <input id="hours-end" type="time" value=${e.end} onInput=${e=>n({end:e.currentTarget.value})} data-testid="hours-end" />
        </${W}>
      </div>
    </div>`}
  </${L}>`}var en=[[`agent`,`Agent`],[`admin`,`Admin`]],$={agent:`Agent`,admin:`Admin`,super_admin:`Super admin`};async function tn(){let[e,t]=await Promise.all([C(`/v1/users`,{query:{include_inactive:!0}}),C(`/v1/invitations`)]);return{users:e.users,invitations:t.invitations}}function nn(){let e=P(tn),[t,n]=M(null);return j`<${I} title="Team" text="Everyone who signs in to this workspace: agents answer customers, admins also change these settings." />
    <${z} resource=${e} what="The team">
      ${r=>j`<${rn} reload=${e.reload} link=${t} setLink=${n} />
        <${an} invitations=${r.invitations} reload=${e.reload} link=${t} setLink=${n} />
        <${cn} users=${r.users} reload=${e.reload} refreshError=${e.error} />`}
    </${z}>`}function rn({reload:e,link:t,setLink:n}){let[r,i]=M(``),[a,o]=M(`agent`),s=F();async function c(t){t.preventDefault(),n(null);let o=await s.run(`invite`,()=>C(`/v1/users`,{method:`POST`,body:{email:r.trim(),role:a}}));o&&(n({id:o.invitation?.id,email:o.invitation?.email||r.trim(),url:o.invite_url,resent:!1}),i(``),await e())}return j`<${L} title="Invite a teammate" text="They choose their name and password from the link; it works once, for 72 hours." testid="team-invite">
    <form class="invite-form" onSubmit=${c}>
      <${W} label="E-mail" id="invite-email">
        <input id="invite-email" type="email" required autocomplete="off" placeholder="teammate@company.com" value=${r}
          onInput=${e=>i(e.currentTarget.value)} data-testid="invite-email" />
      </${W}>
      <${W} label="Role" id="invite-role">
        <select id="invite-role" value=${a} onChange=${e=>o(e.currentTarget.value)} data-testid="invite-role">
          ${en.map(([e,t])=>j`<option value=${e}>${t}</option>`)}
        </select>
      </${W}>
      <button class="btn btn-primary" type="submit" disabled=${!!s.busy} data-testid="invite-submit">
        ${s.busy?`Inviting…`:`Invite`}
      </button>
    </form>
    <${R} error=${s.error} testid="invite-error" />
    ${t?.url&&!t.resent&&j`<${H} title=${`Invitation link for ${t.email}`} testid="invite-link" secret=${t.url}
        text="Send them this link (it was also e-mailed to them if this server sends mail). It is shown only now: for a new one, use Resend below."
        onDone=${()=>n(null)} />`}
  </${L}>`}function an({invitations:e,reload:t,link:n,setLink:r}){let i=F(),[a,o]=B();if(!e.length)return null;async function s(e){r(null);let n=await i.run(`resend-${e.id}`,()=>C(`/v1/invitations/${encodeURIComponent(e.id)}/resend`,{method:`POST`}));n&&(n.invite_url&&r({id:n.invitation?.id||e.id,email:e.email,url:n.invite_url,resent:!0}),await t())}async function c(e){await o({title:`Revoke the invitation for ${e.email}?`,text:`Its link stops working at once. You can invite them again later.`,confirm:`Revoke invitation`})&&await i.run(`revoke-${e.id}`,async()=>(await C(`/v1/invitations/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return j`<${L} title="Open invitations" testid="team-invitations">
    <${R} error=${i.error} />
    ${n?.resent&&j`<${H} title=${`New invitation link for ${n.email}`} testid="invite-link" secret=${n.url}
        text="The earlier link no longer works. This one is shown only now." onDone=${()=>r(null)} />`}
    <ul class="settings-list" data-testid="invitation-list">
      ${e.map(e=>j`<li key=${e.id} class="settings-item" data-testid="invitation-row" data-email=${e.email}>
        <span class="settings-item-icon"><${T} name="email" size=${15} /></span>
        <div class="settings-item-main">
          <div><strong>${e.email}</strong> <span class="chip">${$[e.role]||e.role}</span></div>
          <div class="muted small">Invited ${D(e.created_at)}${on(e)?` by ${on(e)}`:``} · ${sn(e.expires_at)}</div>
        </div>
        <button class="btn btn-sm" onClick=${()=>s(e)} disabled=${!!i.busy} data-testid="invitation-resend">
          ${i.busy===`resend-${e.id}`?`Sending…`:`Resend`}
        </button>
        <button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!i.busy} data-testid="invitation-revoke">Revoke</button>
      </li>`)}
    </ul>
    ${a}
  </${L}>`}function on(e){let t=e.invited_by;return t?typeof t==`object`?t.name||t.email||null:e.invited_by_name||d.get().names[t]||null:e.invited_by_name||null}function sn(e){let t=Date.parse(e||``);return Number.isFinite(t)?t<Date.now()?`expired ${G(e)}`:`expires ${G(e)}`:`no expiry given`}function cn({users:e,reload:t,refreshError:n}){let r=x(d,e=>e.session.user),i=F(),[a,o]=B(),[s,c]=M(null),l=e.filter(e=>e.active!==!1),u=e.filter(e=>e.active===!1);async function f(e,n){if(n===e.role)return;let a=e.id===r.id,s=a?`You are signed out everywhere and sign in again`:`They are signed out everywhere and sign in again`;await o({title:`Make ${a?`yourself`:e.name||e.email} ${n===`admin`?`an admin`:`an agent`}?`,text:n===`admin`?`Admins change every setting of the workspace: the team, keys, channels, the AI and the knowledge base. ${s} with the new role.`:`${a?`You`:`They`} keep answering customers, without the workspace settings. ${s} with the new role.`,confirm:`Change role`,danger:n!==`admin`&&a})&&(c(null),await i.run(`role-${e.id}`,()=>C(`/v1/users/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{role:n}}))&&await t())}async function p(e){if(!await o({title:`Deactivate ${e.name||e.email}?`,text:`They are signed out everywhere at once and can no longer sign in. Their replies and notes stay in the history.`,confirm:`Deactivate`}))return;c(null);let n=await i.run(`remove-${e.id}`,()=>C(`/v1/users/${encodeURIComponent(e.id)}`,{method:`DELETE`}));if(!n)return;let r=n.sessions_closed??0;c(`${e.name||e.email} is deactivated; ${r} ${r===1?`session was`:`sessions were`} signed out.`),await t()}return j`<${L} title="Members" text=${`${l.length} active`} testid="team-members">
    ${n&&j`<${R} error=${`Could not read the team again: ${n.message}`} />`}
    <${R} error=${i.error} testid="team-error" />
    ${s&&j`<p class="form-ok" role="status" data-testid="team-notice"><${T} name="check" size=${14} /> ${s}</p>`}
    <table class="settings-table members" data-testid="member-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Last sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${l.map(e=>j`<tr key=${e.id} data-testid="member-row" data-email=${e.email}>
          <td><div class="member">
            <${le} name=${e.name||e.email} id=${e.id} kind="agent" size=${28} />
            <div class="settings-item-main"><strong>${e.name||e.email}${e.id===r.id?` (you)`:``}</strong><span class="muted small">${e.email}</span></div>
          </div></td>
          <td>${e.role===`super_admin`?$.super_admin:j`<select aria-label=${`Role of ${e.name||e.email}`} value=${e.role} disabled=${!!i.busy}
                onChange=${t=>{let n=t.currentTarget.value;t.currentTarget.value=e.role,f(e,n)}} data-testid="member-role">
                ${en.map(([e,t])=>j`<option value=${e}>${t}</option>`)}
              </select>`}</td>
          <td class="muted small">${e.last_sign_in_at?D(e.last_sign_in_at):`Never`}</td>
          <td class="cell-actions">${e.id!==r.id&&j`<button class="btn btn-sm btn-danger-ghost" onClick=${()=>p(e)} disabled=${!!i.busy} data-testid="member-deactivate">
              ${i.busy===`remove-${e.id}`?`Deactivating…`:`Deactivate`}
            </button>`}</td>
        </tr>`)}
      </tbody>
    </table>
    ${u.length>0&&j`<details class="inactive" data-testid="member-inactive">
      <summary>${u.length} deactivated</summary>
      <ul class="settings-list">
        ${u.map(e=>j`<li key=${e.id} class="settings-item"><div class="settings-item-main"><span>${e.name||e.email}</span><span class="muted small">${e.email} · ${$[e.role]||e.role}</span></div></li>`)}
      </ul>
    </details>`}
    ${a}
  </${L}>`}var ln=[[`dark`,`Dark`],[`light`,`Light`],[`auto`,`Visitor's system setting`]],un=e=>({origins:[...e.allowed_origins],adding:``,widget:{...e.widget},colourText:e.widget.brand_color});function dn(e){return e.adding.trim()?{error:`Add the site you typed (or clear it) before saving.`}:w(e.widget.brand_color)?{value:{allowed_origins:e.origins,widget:e.widget}}:{error:`The brand colour must be #RRGGBB, e.g. #1d6ae5.`}}function fn(){return j`<${K} title="Widget" what="Widget settings" testid="widget-form" toForm=${un} fromForm=${dn}
    text="The chat on your website: where it may run and how it looks. Visitors' chats land in Conversations."
    after=${j`<${gn} />`}>
    ${(e,t,n)=>j`
      <${L} title="Install" text="Paste this tag before </body> on every page that should offer the chat.">
        <${V} text=${n.widget_snippet} testid="widget-snippet" label="Copy tag" />
      </${L}>
      <${pn} d=${e} update=${t} />
      <${mn} d=${e} update=${t} name=${n.name} />`}
  </${K}>`}function pn({d:e,update:t}){function n(){let n=ge(e.adding).filter(t=>!e.origins.includes(t));t({origins:[...e.origins,...n],adding:``})}return j`<${L} title="Sites it may run on" text="The widget refuses to start on any other site (its origin: scheme, host and port).">
    <ul class="settings-list origins" data-testid="origin-list">
      ${e.origins.map(n=>j`<li key=${n} class="settings-item" data-testid="origin-row">
        <span class="settings-item-icon"><${T} name="web" size=${15} /></span>
        <span class="settings-item-main mono">${n}</span>
        <button type="button" class="icon-btn" aria-label=${`Remove ${n}`} data-testid="origin-remove"
          onClick=${()=>t({origins:e.origins.filter(e=>e!==n)})}><${T} name="x" size=${15} /></button>
      </li>`)}
      ${!e.origins.length&&j`<li class="muted small">No site yet: the widget runs nowhere.</li>`}
    </ul>
    <div class="inline-form">
      <input aria-label="Add a site" placeholder="https://www.example.com" value=${e.adding} data-testid="origin-input"
        onInput=${e=>t({adding:e.currentTarget.value})}
        onKeyDown=${e=>{e.key===`Enter`&&(e.preventDefault(),n())}} />
      <button type="button" class="btn btn-sm" onClick=${n} disabled=${!e.adding.trim()} data-testid="origin-add"><${T} name="plus" size=${13} /> Add site</button>
    </div>
  </${L}>`}function mn({d:e,update:t,name:n}){let r=e.widget,i=e=>t(t=>({...t,widget:{...t.widget,...e}})),a=w(r.brand_color),o=h(r.brand_color),s=a?Ee(r.brand_color,o):null;return j`<${L} title="Look">
    <div class="look">
      <div class="look-fields">
        <${W} label="Greeting" id="widget-greeting" wide help="The first line a visitor reads when they open the chat.">
          <textarea id="widget-greeting" rows="3" maxlength="500" value=${r.greeting} data-testid="widget-greeting"
            aria-describedby="widget-greeting-help" onInput=${e=>i({greeting:e.currentTarget.value})}></textarea>
        </${W}>
        <${W} label="Brand colour" id="widget-colour" help=${a?`Text on it: ${o===`#ffffff`?`white`:`dark`}, contrast ${s.toFixed(1)}:1${s<4.5?` (below 4.5:1: hard to read)`:``}.`:`As #RRGGBB.`}>
          <div class="colour">
            <input type="color" aria-label="Pick the brand colour" value=${a?r.brand_color:`#000000`} data-testid="widget-colour-picker"
              onInput=${e=>{let n=e.currentTarget.value;t(e=>({...e,colourText:n,widget:{...e.widget,brand_color:n}}))}} />
            <input id="widget-colour" class="mono-input" maxlength="7" value=${e.colourText} data-testid="widget-colour"
              aria-describedby="widget-colour-help" aria-invalid=${a?void 0:`true`}
              onInput=${e=>{let n=e.currentTarget.value.trim();t(e=>({...e,colourText:n,widget:{...e.widget,brand_color:n.toLowerCase()}}))}} />
          </div>
        </${W}>
        <fieldset class="choice-list stacked">
          <legend>Theme</legend>
          ${ln.map(([e,t])=>j`<label class="choice"><input type="radio" name="widget-theme" value=${e} checked=${r.theme===e}
              onChange=${()=>i({theme:e})} data-testid=${`widget-theme-${e}`} /> ${t}</label>`)}
        </fieldset>
        <fieldset class="choice-list">
          <legend>Launcher</legend>
          ${[[`right`,`Bottom right`],[`left`,`Bottom left`]].map(([e,t])=>j`<label class="choice"><input type="radio" name="widget-position" value=${e}
              checked=${r.launcher_position===e} onChange=${()=>i({launcher_position:e})}
              data-testid=${`widget-position-${e}`} /> ${t}</label>`)}
        </fieldset>
      </div>
      <${hn} look=${r} name=${n} />
    </div>
  </${L}>`}function hn({look:e,name:t}){let n=w(e.brand_color)?e.brand_color:`#1d6ae5`,r=h(n),i=e.theme===`auto`?`auto`:e.theme;return j`<figure class="look-preview" data-testid="widget-preview" data-theme=${i} data-position=${e.launcher_position}>
    <div class="lp-site" aria-hidden="true">
      <div class="lp-panel">
        <div class="lp-head" style=${`background:${n};color:${r}`}><strong>${t||`Support`}</strong></div>
        <div class="lp-body">
          <p class="lp-greeting">${e.greeting||` `}</p>
          <p class="lp-visitor" style=${`background:${n};color:${r}`}>Do you have a free trial?</p>
        </div>
        <div class="lp-composer">Write a message…</div>
      </div>
      <span class="lp-launcher" style=${`background:${n};color:${r}`}><${T} name="sms" size=${18} /></span>
    </div>
    <figcaption class="muted small">Preview${e.theme===`auto`?`: light or dark as the visitor’s system is set`:``}.</figcaption>
  </figure>`}function gn(){let e=F(),[t,n]=B(),[r,i]=M(null);async function a(){if(!await n({title:`Make a new identity secret?`,text:`Your site must sign visitors’ ids with the new secret. The current one keeps working for a while, so you can switch without downtime.`,confirm:`Make a new secret`}))return;let t=await e.run(`rotate`,()=>C(`/v1/settings/identity-secret`,{method:`POST`}));t&&i(t)}return j`<${L} title="Identity verification" testid="widget-identity"
    text="A signed-in visitor's id, signed by your server with this secret (HMAC-SHA256), proves who they are: FlowSupport.identify({external_id, hmac}).">
    <div><button type="button" class="btn" onClick=${a} disabled=${!!e.busy} data-testid="identity-rotate">
      <${T} name="refresh" size=${14} /> ${e.busy?`Making…`:`Make a new secret`}</button></div>
    <${R} error=${e.error} />
    ${r&&j`<${H} title="The new identity secret" testid="identity-secret" secret=${r.identity_secret}
        text=${`Store it on your server now: it is not shown again. The previous secret keeps verifying until ${G(r.previous_valid_until)}.`}
        onDone=${()=>i(null)} />`}
    ${t}
  </${L}>`}var _n={profile:Nt,replies:Bt,macros:wt,team:nn,"api-keys":Re,widget:fn,channels:$e,ai:Le,sla:Zt,retention:qt,fields:ot,labels:xt,kb:ft,audit:Je,privacy:At};function vn(){let e=x(d,e=>e.route.page),t=x(d,e=>e.session.user),n=ie(t),r=k(t.role),i=u(e),a=i?_n[i.id]:null,o=_(null),s=_(!0);E(()=>{s.current?s.current=!1:(o.current?.scrollTo?.(0,0),o.current?.querySelector(`#settings-title`)?.focus())},[e]);let c;return c=!i||!a?j`<${I} title="No such settings page" text="The address names a page that does not exist." />`:i.admin&&!r?j`<${I} title=${i.label} /><${Oe} what=${i.label} />`:j`<${a} key=${i.id} />`,j`<div class="settings" data-testid="settings">
    <nav class="settings-nav" aria-label="Settings" data-testid="settings-nav">
      <div class="settings-nav-head">
        <h2>Settings</h2>
        <p class="muted small">${r?`Your account and your workspace`:`Your account`}</p>
      </div>
      <${yn} title="You" pages=${n.filter(e=>!e.admin)} current=${e} />
      ${r&&j`<${yn} title="Workspace" pages=${n.filter(e=>e.admin)} current=${e} />`}
    </nav>
    <main class="settings-main" ref=${o} aria-labelledby="settings-title" data-testid=${`settings-page-${e}`}>
      <div class="settings-page">${c}</div>
    </main>
  </div>`}function yn({title:e,pages:t,current:n}){let r=`settings-nav-${e.toLowerCase()}`;return j`<div class="settings-nav-group">
    <h3 id=${r}>${e}</h3>
    <ul aria-labelledby=${r}>
      ${t.map(e=>j`<li key=${e.id}>
        <a href=${re(e.id)} class=${`settings-link ${e.id===n?`active`:``}`}
          aria-current=${e.id===n?`page`:void 0} data-testid=${`settings-nav-${e.id}`}
          onClick=${t=>{t.button!==0||t.metaKey||t.ctrlKey||t.shiftKey||t.altKey||(t.preventDefault(),s({view:`settings`,page:e.id}))}}>
          <${T} name=${e.icon} size=${15} /> ${e.label}
        </a>
      </li>`)}
    </ul>
  </div>`}export{vn as Settings};