import{$ as e,A as t,B as n,C as r,D as i,E as a,F as o,G as s,H as c,I as l,J as u,K as d,L as f,M as p,N as m,O as h,P as g,Q as _,R as ee,S as v,T as y,U as te,V as ne,W as re,X as ie,Y as ae,Z as oe,_ as se,a as ce,at as b,b as le,c as ue,ct as x,d as de,et as fe,f as pe,g as me,h as he,i as ge,j as _e,k as S,l as C,lt as ve,m as ye,n as be,nt as w,o as xe,ot as Se,p as T,r as Ce,rt as E,s as we,st as D,t as Te,u as Ee,v as O,w as De,x as Oe,y as ke,z as k}from"./inbox-CmlZzgbu.js";import{a as A,c as Ae,d as j,f as M,i as N,l as P,m as F,n as I,o as L,p as R,r as z,s as B,t as je,u as V}from"./kit-B8PnBQqr.js";var Me=()=>b(`/v1/settings`);function H({title:e,text:t,what:n,toForm:r,fromForm:i,children:a,testid:o,after:s=null}){let c=R(Me);return x`<${B} title=${e} text=${t} />
    <${A} resource=${c} what=${n}>
      ${e=>x`<${U} data=${e} reload=${c.reload} refreshError=${c.error}
        toForm=${r} fromForm=${i} testid=${o}>${a}</${U}>${s}`}
    </${A}>`}function U({data:t,reload:n,refreshError:r,toForm:i,fromForm:a,children:o,testid:s}){let[c,l]=w(()=>i(t)),[u,d]=w(!1),f=e(t),p=j();E(()=>{f.current!==t&&(f.current=t,l(i(t)))},[t]);let m=JSON.stringify(c)!==JSON.stringify(i(t)),h=e=>{d(!1),l(t=>typeof e==`function`?e(t):{...t,...e})};async function g(e){e.preventDefault();let r=a(c,t);if(r.error){p.setError(r.error);return}let i=ke(t,r.value);Object.keys(i).length&&await p.run(`save`,async()=>(await b(`/v1/settings`,{method:`PATCH`,body:i}),!0))&&(await n(),d(!0))}return x`<form class="settings-form" onSubmit=${g} data-testid=${s} noValidate>
    ${r&&x`<${z} error=${`Could not read the settings again: ${r.message}`} />`}
    ${o(c,h,t)}
    <${Ae} dirty=${m} busy=${!!p.busy} error=${p.error} saved=${u}
      onDiscard=${()=>{p.setError(null),l(i(t))}} />
  </form>`}var W=1e9,Ne=604800;function Pe(e){return{ai_enabled:e.ai_enabled,ai_greeting:e.ai_greeting,ai_tokens_per_conversation:k(e.ai_tokens_per_conversation),ai_tokens_per_month:k(e.ai_tokens_per_month),escalation_message:e.escalation_message,unanswered_escalation_s:k(e.unanswered_escalation_s),escalate_on_disconnect:e.escalate_on_disconnect,auto_assign:e.auto_assign}}function Fe(e){let t=p(e.ai_tokens_per_conversation,{label:`Tokens per conversation`,max:W});if(t.error)return t;let n=p(e.ai_tokens_per_month,{label:`Tokens per month`,max:W});if(n.error)return n;let r=p(e.unanswered_escalation_s,{label:`Unanswered for`,max:Ne,empty:!1});return r.error?r:{value:{ai_enabled:e.ai_enabled,ai_greeting:e.ai_greeting,ai_tokens_per_conversation:t.value,ai_tokens_per_month:n.value,escalation_message:e.escalation_message,unanswered_escalation_s:r.value,escalate_on_disconnect:e.escalate_on_disconnect,auto_assign:e.auto_assign}}}function Ie(e){let t=p(e);return t.error||t.value==null?`0: never.`:t.value===0?`0: never. Now: questions never go to a person for waiting.`:`0: never. Now: ${g(t.value)}.`}function Le(){return x`<${H} title="AI answers" what="AI settings" testid="ai-form"
    text="The assistant answers visitors from your knowledge base, with its sources, and hands over what it cannot answer."
    toForm=${Pe} fromForm=${Fe}>
    ${(e,t)=>x`
      <${P} title="Assistant">
        <${V} label="Answer visitors with AI" testid="ai-enabled" checked=${e.ai_enabled}
          text="Conversations started while this is off wait for a person. Those already running keep their setting."
          onChange=${e=>t({ai_enabled:e})} />
        <${N} label="Reply to a greeting" id="ai-greeting" wide
          help="What the assistant says to hello, hi or good morning: no search, no ticket.">
          <textarea id="ai-greeting" rows="2" maxlength="1000" data-testid="ai-greeting" aria-describedby="ai-greeting-help"
            value=${e.ai_greeting} onInput=${e=>t({ai_greeting:e.currentTarget.value})}></textarea>
        </${N}>
      </${P}>
      <${P} title="Token budgets" text="Only answers written by a language model use tokens; answers quoted from the knowledge base cost nothing.">
        <div class="field-grid">
          <${N} label="Tokens per conversation" id="ai-tokens-conversation" help="Empty: no limit. Past it, the conversation goes to a person.">
            <input id="ai-tokens-conversation" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-conversation"
              aria-describedby="ai-tokens-conversation-help" value=${e.ai_tokens_per_conversation}
              onInput=${e=>t({ai_tokens_per_conversation:e.currentTarget.value})} />
          </${N}>
          <${N} label="Tokens per month" id="ai-tokens-month" help="The whole workspace, per calendar month (UTC). Empty: no limit.">
            <input id="ai-tokens-month" inputmode="numeric" placeholder="No limit" data-testid="ai-tokens-month"
              aria-describedby="ai-tokens-month-help" value=${e.ai_tokens_per_month}
              onInput=${e=>t({ai_tokens_per_month:e.currentTarget.value})} />
          </${N}>
        </div>
      </${P}>
      <${P} title="Handing over to a person">
        <${N} label="What the visitor reads when a person takes over" id="ai-escalation" wide>
          <textarea id="ai-escalation" rows="2" maxlength="1000" data-testid="ai-escalation-message"
            value=${e.escalation_message} onInput=${e=>t({escalation_message:e.currentTarget.value})}></textarea>
        </${N}>
        <${N} label="A question unanswered for (seconds) goes to a person" id="ai-unanswered"
          help=${Ie(e.unanswered_escalation_s)}>
          <input id="ai-unanswered" inputmode="numeric" data-testid="ai-unanswered" aria-describedby="ai-unanswered-help"
            value=${e.unanswered_escalation_s} onInput=${e=>t({unanswered_escalation_s:e.currentTarget.value})} />
        </${N}>
        <${V} label="When a visitor leaves with a question unanswered" testid="ai-escalate-disconnect"
          text="Hand it to a person shortly after they close the page (a reload is not leaving)."
          checked=${e.escalate_on_disconnect} onChange=${e=>t({escalate_on_disconnect:e})} />
        <${V} label="Assign handed-over tickets automatically" testid="ai-auto-assign"
          text="Round the agents online, in turn; nobody online leaves them unassigned."
          checked=${e.auto_assign} onChange=${e=>t({auto_assign:e})} />
      </${P}>`}
  </${H}>`}function Re(){let e=R(()=>b(`/v1/apikeys`).then(e=>e.api_keys));return x`<${B} title="API keys" text="Bots and scripts use a key as their bearer credential, over HTTP and the WebSocket protocol." />
    <${A} resource=${e} what="API keys">
      ${t=>x`<${ze} reload=${e.reload} /><${Be} list=${t} reload=${e.reload} refreshError=${e.error} />`}
    </${A}>`}function ze({reload:e}){let[t,n]=w(``),[r,i]=w(null),a=j();async function o(r){r.preventDefault();let o=await a.run(`create`,()=>b(`/v1/apikeys`,{method:`POST`,body:{name:t.trim()}}));o&&(i(o),n(``),await e())}return x`<${P} title="Create a key" text="Name it after what uses it, so you know what to revoke." testid="apikey-create">
    <form class="invite-form" onSubmit=${o}>
      <${N} label="Name" id="apikey-name">
        <input id="apikey-name" required maxlength="100" placeholder="Order-status bot" value=${t}
          onInput=${e=>n(e.currentTarget.value)} data-testid="apikey-name" />
      </${N}>
      <button class="btn btn-primary" type="submit" disabled=${!!a.busy} data-testid="apikey-submit">
        ${a.busy?`Creating…`:`Create key`}
      </button>
    </form>
    <${z} error=${a.error} testid="apikey-error" />
    ${r&&x`<${L} title=${`The key for ${r.name}`} testid="apikey-secret" secret=${r.api_key}
        text="Copy it now and store it where the bot runs: it is not shown again. Lost it? Revoke it and create another."
        onDone=${()=>i(null)} />`}
  </${P}>`}function Be({list:e,reload:t,refreshError:n}){let r=j(),[i,a]=M(),o=e.filter(e=>!e.revoked_at),s=e.filter(e=>e.revoked_at);async function c(e){await a({title:`Revoke ${e.name}?`,text:`Whatever uses it is refused from now on and its connections close. This cannot be undone.`,confirm:`Revoke key`})&&await r.run(e.id,async()=>(await b(`/v1/apikeys/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return x`<${P} title="Keys" text=${`${o.length} in use`} testid="apikey-list">
    ${n&&x`<${z} error=${`Could not read the keys again: ${n.message}`} />`}
    <${z} error=${r.error} />
    ${e.length?x`<table class="settings-table" data-testid="apikey-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${[...o,...s].map(e=>x`<tr key=${e.id} data-testid="apikey-row" data-name=${e.name} class=${e.revoked_at?`revoked`:``}>
            <td><span class="inline-icon"><${C} name="key" size=${14} /> <strong>${e.name}</strong></span></td>
            <td class="muted small">${F(e.created_at)}</td>
            <td class="muted small">${e.last_used_at?D(e.last_used_at):`Never`}</td>
            <td class="cell-actions">${e.revoked_at?x`<span class="chip" data-testid="apikey-revoked">Revoked ${F(e.revoked_at)}</span>`:x`<button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!r.busy} data-testid="apikey-revoke">
                  ${r.busy===e.id?`Revoking…`:`Revoke`}</button>`}</td>
          </tr>`)}
        </tbody>
      </table>`:x`<p class="muted">No keys yet.</p>`}
    ${i}
  </${P}>`}var Ve=/^(\d{4})-(\d{2})-(\d{2})$/,He=/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;function G(e,t=0){let n=Ve.exec(String(e||``).trim());if(!n)return null;let[r,i,a]=n.slice(1).map(Number),o=new Date(r,i-1,a);return o.getMonth()!==i-1||o.getDate()!==a?null:new Date(r,i-1,a+t).toISOString()}function K(e,t=null){let n=String(e.action||``).trim(),r=String(e.actor||``).trim();if(n&&!He.test(n))return{error:`Action: dotted lower-case words, e.g. auth.login or auth.`};let i=e.from?G(e.from):null;if(e.from&&!i)return{error:`From: pick a date.`};let a=e.to?G(e.to,1):null;if(e.to&&!a)return{error:`To: pick a date.`};if(i&&a&&a<=i)return{error:`To is before From.`};let o={limit:50};return n&&(o.action=n),r&&(o.actor=r),i&&(o.since=i),a&&(o.until=a),t&&(o.cursor=t),{query:o}}function q(e){if(!e)return`—`;let t=e.id?String(e.id):``;return t?`${e.kind} ${t.length>12?`${t.slice(0,8)}…`:t}`:e.kind}function Ue(e,t=80){let n=Object.entries(e||{}).map(([e,t])=>`${e}: ${typeof t==`string`?t:JSON.stringify(t)}`).join(`, `);return n.length>t?`${n.slice(0,t-1)}…`:n}function J(e,t=Date.now()){if(e.status===`completed`)return`done`;if(e.status===`failed`)return`failed`;let n=Date.parse(e.due_at);return Number.isNaN(n)?`ok`:t>n?`overdue`:n-t<=6048e5?`soon`:`ok`}function We(e,t=Date.now()){let n=J(e,t),r=Math.ceil(Math.abs(Date.parse(e.due_at)-t)/864e5);return n===`overdue`?`Overdue by ${r} day${r===1?``:`s`}`:n===`soon`?`Due in ${r} day${r===1?``:`s`}`:``}var Ge={action:``,actor:``,from:``,to:``};function Ke(){let[e,t]=w(Ge),[n,r]=w(Ge),[i,a]=w(null),[o,s]=w({entries:[],cursor:void 0}),c=R(()=>(s({entries:[],cursor:void 0}),b(`/v1/audit`,{query:K(n).query})),[n]),l=j(),u=j(),[d,f]=w(null);function p(t){t.preventDefault();let n=K(e);a(n.error||null),n.error||r({...e})}async function m(e){let t=await l.run(`more`,()=>b(`/v1/audit`,{query:K(n,e).query}));t&&s(e=>({entries:[...e.entries,...t.entries],cursor:t.next_cursor}))}async function h(){let{limit:e,...t}=K(n).query,r=await u.run(`audit`,()=>Se(`/v1/audit`,{query:{...t,format:`csv`},filename:`audit-log.csv`}));r&&f(r.get(`x-truncated`)===`true`?`Downloaded the newest 100,000 entries: narrow the filters for the rest.`:`Downloaded the filtered log as CSV.`)}async function g(){await u.run(`review`,()=>Se(`/v1/users/access-review`,{query:{format:`csv`},filename:`access-review.csv`}))&&f(`Downloaded the access review as CSV.`)}return x`<${B} title="Audit log" text="Every change to your workspace, sign-ins and refused attempts: who, what, when and from where. Entries cannot be changed or removed.">
      <button class="btn" onClick=${g} disabled=${!!u.busy} data-testid="access-review-download">
        ${u.busy===`review`?`Preparing…`:`Access review (CSV)`}
      </button>
    </${B}>
    <${P} title="Filters" testid="audit-filters">
      <form class="invite-form" onSubmit=${p}>
        <${N} label="Action" id="audit-action" help="e.g. auth. for every sign-in entry">
          <input id="audit-action" placeholder="auth." value=${e.action} maxlength="200"
            onInput=${n=>t({...e,action:n.currentTarget.value})} data-testid="audit-action" />
        </${N}>
        <${N} label="Actor id" id="audit-actor">
          <input id="audit-actor" placeholder="a user or key id" value=${e.actor} maxlength="200"
            onInput=${n=>t({...e,actor:n.currentTarget.value})} data-testid="audit-actor" />
        </${N}>
        <${N} label="From" id="audit-from">
          <input id="audit-from" type="date" value=${e.from}
            onInput=${n=>t({...e,from:n.currentTarget.value})} data-testid="audit-from" />
        </${N}>
        <${N} label="To" id="audit-to">
          <input id="audit-to" type="date" value=${e.to}
            onInput=${n=>t({...e,to:n.currentTarget.value})} data-testid="audit-to" />
        </${N}>
        <button class="btn btn-primary" type="submit" data-testid="audit-apply">Apply</button>
        <button class="btn" type="button" onClick=${h} disabled=${!!u.busy} data-testid="audit-csv">
          ${u.busy===`audit`?`Preparing…`:`Download CSV`}
        </button>
      </form>
      <${z} error=${i} testid="audit-filter-error" />
      <${z} error=${u.error} testid="audit-download-error" />
      ${d&&x`<p class="form-ok" role="status" data-testid="audit-notice">${d}</p>`}
    </${P}>
    <${A} resource=${c} what="Audit log">
      ${e=>{let t=[...e.entries,...o.entries],n=o.cursor===void 0?e.next_cursor:o.cursor;return x`<${qe} entries=${t} cursor=${n} more=${l} loadMore=${m} error=${c.error} />`}}
    </${A}>`}function qe({entries:e,cursor:t,more:n,loadMore:r,error:i}){return x`<${P} title="Entries" text=${`${e.length} shown, newest first`} testid="audit-entries">
    ${i&&x`<${z} error=${`Could not read the log again: ${i.message}`} />`}
    ${e.length?x`<table class="settings-table" data-testid="audit-table">
        <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Client address</th><th scope="col">Details</th></tr></thead>
        <tbody>
          ${e.map(e=>x`<tr key=${e.id} data-testid="audit-row" data-action=${e.action}>
            <td class="muted small" title=${e.at}>${F(e.at)}</td>
            <td class="small" title=${e.actor.id||``}>${q(e.actor)}</td>
            <td><code>${e.action}</code></td>
            <td class="small" title=${e.target?.id||``}>${q(e.target)}</td>
            <td class="small">${e.client_address||`—`}</td>
            <td class="muted small" title=${JSON.stringify(e.details)}>${Ue(e.details)}</td>
          </tr>`)}
        </tbody>
      </table>`:x`<p class="muted" data-testid="audit-empty">No entries match these filters.</p>`}
    <${z} error=${n.error} testid="audit-more-error" />
    ${t&&x`<button class="btn" onClick=${()=>r(t)} disabled=${!!n.busy} data-testid="audit-more">
        ${n.busy?`Loading…`:`Load more`}
      </button>`}
  </${P}>`}var Y={email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`},Je={smtp:`Mailgun or SMTP`,twilio:`Twilio`,meta:`Meta Cloud API`},Ye={auth_token:`Auth token`,app_secret:`App secret`,verify_token:`Verify token`,access_token:`Access token`};function Xe(e,t){return t===`twilio`?`In the Twilio console, set the number’s “A message comes in” webhook (HTTP POST) to this URL.`:t===`meta`?`In the app’s WhatsApp configuration, set the callback URL to this, the verify token to the one you gave, and subscribe to messages.`:e===`email`?`Mail to this address reaches the inbox through your Mailgun route or the SMTP listener.`:``}function Ze(){let e=R(()=>b(`/v1/channels`).then(e=>e.channels));return x`<${B} title="Channels" text="E-mail, SMS and WhatsApp land in the same inbox as web chats; replies go back the way the customer wrote." />
    <${A} resource=${e} what="Channels">
      ${t=>x`<${Qe} reload=${e.reload} /><${$e} list=${t} reload=${e.reload} refreshError=${e.error} />`}
    </${A}>`}function Qe({reload:e}){let[t,n]=w(`email`),[r,i]=w({}),[a,o]=w(null),s=j(),c=T.find(e=>e.id===t);async function l(n){n.preventDefault();let a=await s.run(`add`,()=>b(`/v1/channels`,{method:`POST`,body:le(t,r)}));a&&(o({...a,kind:c.kind,provider:c.provider}),i({}),await e())}return x`<${P} title="Add a channel" testid="channel-add">
    <form class="settings-form" onSubmit=${l} autocomplete="off">
      <fieldset class="choice-list wrap">
        <legend class="visually-hidden">Channel</legend>
        ${T.map(e=>x`<label class=${`choice-card ${e.id===t?`on`:``}`}>
          <input type="radio" name="channel-form" value=${e.id} checked=${e.id===t} data-testid=${`channel-form-${e.id}`}
            onChange=${()=>{n(e.id),s.setError(null)}} />
          <${C} name=${e.kind} size=${15} /> ${e.label}
        </label>`)}
      </fieldset>
      <div class="field-grid">
        ${c.fields.map(e=>x`<${N} key=${`${t}-${e.key}`} label=${e.label} id=${`ch-${e.key}`} help=${e.help}>
          <input id=${`ch-${e.key}`} type=${e.secret?`password`:e.type||`text`} required placeholder=${e.placeholder||``}
            autocomplete=${e.secret?`new-password`:`off`} value=${r[e.key]||``} data-testid=${`channel-${e.key}`}
            aria-describedby=${e.help?`ch-${e.key}-help`:void 0}
            onInput=${t=>i(n=>({...n,[e.key]:t.currentTarget.value}))} />
        </${N}>`)}
      </div>
      ${c.provider&&x`<details class="advanced">
        <summary>Advanced</summary>
        <${N} label="API base URL" id="ch-api-base" help="Only to reach the provider through a proxy or a stand-in; empty: the provider's own.">
          <input id="ch-api-base" type="url" placeholder="https://api.twilio.com" value=${r.api_base||``} data-testid="channel-api_base"
            aria-describedby="ch-api-base-help" onInput=${e=>i(t=>({...t,api_base:e.currentTarget.value}))} />
        </${N}>
      </details>`}
      <${z} error=${s.error} testid="channel-error" />
      <div><button class="btn btn-primary" type="submit" disabled=${!!s.busy} data-testid="channel-submit">
        ${s.busy?`Adding…`:`Add ${c.label}`}
      </button></div>
    </form>
    ${a&&x`<div class="once" role="region" aria-label="The channel was added" data-testid="channel-added">
      <div class="once-head"><${C} name="check" size=${15} /> <strong>${Y[a.kind]} ${a.channel?.address||``} added</strong></div>
      ${a.webhook_url?x`<p class="small">${Xe(a.kind,a.provider)}</p><${I} text=${a.webhook_url} testid="channel-webhook" />`:x`<p class="small">${Xe(a.kind,a.provider)}</p>`}
      <div><button class="btn btn-sm" onClick=${()=>o(null)} data-testid="channel-added-done">Done</button></div>
    </div>`}
  </${P}>`}function $e({list:e,reload:t,refreshError:n}){let r=j(),[i,a]=M(),[o,s]=w(null);async function c(e){await a({title:`Remove ${Y[e.kind]} ${e.address}?`,text:`Messages to it are refused from now on, and replies to its conversations can no longer go out this way. Conversations already in the inbox stay.`,confirm:`Remove channel`})&&await r.run(e.id,async()=>(await b(`/v1/channels/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return x`<${P} title="Channels" text=${e.length?``:`Web chat needs none: it comes through the widget.`} testid="channel-list">
    ${n&&x`<${z} error=${`Could not read the channels again: ${n.message}`} />`}
    <${z} error=${r.error} />
    ${!e.length&&x`<p class="muted">No e-mail, SMS or WhatsApp channel yet.</p>`}
    <ul class="settings-list">
      ${e.map(e=>x`<li key=${e.id} class="settings-item channel-item" data-testid="channel-row" data-address=${e.address}>
        <span class="settings-item-icon"><${C} name=${e.kind} size=${16} /></span>
        <div class="settings-item-main">
          <div><strong>${e.address}</strong> <span class="chip">${Y[e.kind]||e.kind}</span>
            <span class="muted small"> · ${Je[e.provider]||e.provider} · added ${F(e.created_at)}</span>
            ${!e.sealed_ok&&x` <span class="chip chip-danger" data-testid="channel-unsealed">Credentials unreadable</span>`}</div>
          ${e.webhook_url&&x`<${I} text=${e.webhook_url} testid="channel-row-webhook" label="Copy URL" />`}
          ${!e.sealed_ok&&(o===e.id?x`<${et} channel=${e} onDone=${async()=>{s(null),await t()}} onCancel=${()=>s(null)} />`:x`<p class="small danger-text">The server's secret key changed, so it cannot open this channel's credentials: replies cannot go out.
                  <button class="link-btn" onClick=${()=>s(e.id)} data-testid="channel-reseal">Enter them again</button></p>`)}
        </div>
        <button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!r.busy} data-testid="channel-remove">
          ${r.busy===e.id?`Removing…`:`Remove`}
        </button>
      </li>`)}
    </ul>
    ${i}
  </${P}>`}function et({channel:e,onDone:t,onCancel:n}){let[r,i]=w({}),a=j(),o=ye[e.provider]||[];async function s(n){n.preventDefault(),await a.run(`reseal`,async()=>(await b(`/v1/channels/${encodeURIComponent(e.id)}/credentials`,{method:`POST`,body:v(e.provider,r)}),!0))&&await t()}return x`<form class="reseal" onSubmit=${s} autocomplete="off" data-testid="channel-reseal-form">
    <div class="field-grid">
      ${o.map(t=>x`<${N} key=${t} label=${Ye[t]} id=${`reseal-${e.id}-${t}`}>
        <input id=${`reseal-${e.id}-${t}`} type="password" required autocomplete="new-password" value=${r[t]||``}
          data-testid=${`reseal-${t}`} onInput=${e=>i(n=>({...n,[t]:e.currentTarget.value}))} />
      </${N}>`)}
    </div>
    <${z} error=${a.error} />
    <div class="savebar-actions">
      <button type="button" class="btn" onClick=${n}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!a.busy} data-testid="reseal-submit">${a.busy?`Saving…`:`Save credentials`}</button>
    </div>
  </form>`}var tt={text:`Text`,number:`Number`,boolean:`Yes / no`,choice:`One of a list`},nt=e=>({rows:De(e.ticket_fields)});function rt(e){let t=y(e.rows);return t.error?t:{value:{ticket_fields:t.value}}}function it(){return x`<${H} title="Ticket fields" what="Ticket fields" testid="fields-form" toForm=${nt} fromForm=${rt}
    text="Custom fields on every ticket, set by agents and bots (PATCH /v1/tickets/{id} custom_fields).">
    ${(e,t)=>x`<${at} rows=${e.rows} update=${t} />`}
  </${H}>`}function at({rows:t,update:n}){let[i,a]=M(),o=e(0),s=(e,t)=>n(n=>({...n,rows:n.rows.map(n=>n.id===e?{...n,...t}:n)}));function c(){let e=`new${++o.current}`;n(t=>({...t,rows:[...t.rows,{id:e,key:``,label:``,type:`text`,choices:``,saved:!1,autoKey:!0}]})),requestAnimationFrame(()=>document.querySelector(`[data-row="${e}"] input`)?.focus())}async function l(e){(!e.saved||await a({title:`Remove the field ${e.label||e.key}?`,text:`Once you save, tickets can no longer be given a value for it; the values tickets hold now stay on them.`,confirm:`Remove field`}))&&n(t=>({...t,rows:t.rows.filter(t=>t.id!==e.id)}))}return x`<${P} title="Fields" text=${t.length?`Keys are what bots and the API use; labels are what agents read.`:``}
    actions=${x`<button type="button" class="btn btn-sm" onClick=${c} data-testid="field-add"><${C} name="plus" size=${13} /> Add field</button>`}>
    ${t.length?x`<table class="settings-table" data-testid="field-table">
        <thead><tr><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Choices</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
          ${t.map((e,t)=>x`<tr key=${e.id} data-row=${e.id} data-testid="field-row">
            <td><input aria-label=${`Field ${t+1}: label`} value=${e.label} maxlength="100" data-testid="field-label"
              onInput=${t=>{let n=t.currentTarget.value;s(e.id,e.autoKey?{label:n,key:r(n)}:{label:n})}} /></td>
            <td><input aria-label=${`Field ${t+1}: key`} class="mono-input" value=${e.key} maxlength="50" data-testid="field-key"
              readOnly=${e.saved} title=${e.saved?`Saved keys stay: tickets hold values under them`:``}
              onInput=${t=>s(e.id,{key:t.currentTarget.value,autoKey:!1})} /></td>
            <td><select aria-label=${`Field ${t+1}: type`} value=${e.type} data-testid="field-type"
              onChange=${t=>s(e.id,{type:t.currentTarget.value})}>
              ${he.map(e=>x`<option value=${e}>${tt[e]}</option>`)}
            </select></td>
            <td>${e.type===`choice`?x`<input aria-label=${`Field ${t+1}: choices, separated by commas`} value=${e.choices} placeholder="Basic, Pro, Enterprise"
                  data-testid="field-choices" onInput=${t=>s(e.id,{choices:t.currentTarget.value})} />`:x`<span class="faint small">—</span>`}</td>
            <td><button type="button" class="icon-btn" aria-label=${`Remove field ${e.label||e.key||t+1}`} onClick=${()=>l(e)}
              data-testid="field-remove"><${C} name="trash" size=${15} /></button></td>
          </tr>`)}
        </tbody>
      </table>`:x`<p class="muted" data-testid="fields-empty">No custom fields yet. Tickets have a subject, status, priority, assignee and tags; add fields for anything else you track (order number, plan, …).</p>`}
    ${i}
  </${P}>`}var ot=500,X=`new`,st=`.md,.mdx,.markdown,.html,.htm,.txt,.zip`;function ct(e,t){let[n,r]=w(e);return E(()=>{let n=setTimeout(()=>r(e),t);return()=>clearTimeout(n)},[e,t]),n}function lt(){let[t,n]=w(``),r=ct(t.trim(),250),i=R(()=>b(`/v1/kb/articles`,{query:{limit:ot,q:r}}).then(e=>({q:r,list:e.articles})),[r]),[a,o]=w(()=>d.get().kbDraft);E(()=>{a&&d.set(e=>({...e,kbDraft:null}))},[]);let[s,c]=w(a?X:null),l=e(!1),[u,f]=M();async function p(e){e!==s&&(!l.current||await f({title:`Discard your changes?`,text:`The article you are editing has changes that are not saved.`,confirm:`Discard changes`}))&&(l.current=!1,o(null),c(e))}return x`<${B} title="Knowledge base"
      text="The AI answers visitors only from these articles, citing them, and hands over what they do not cover.">
      <button class="btn btn-primary" onClick=${()=>p(X)} data-testid="kb-new"><${C} name="plus" size=${14} /> New article</button>
    </${B}>
    <${A} resource=${i} what="The knowledge base">
      ${({q:e,list:r})=>x`<div class="kb">
        <div class="kb-side">
          <label class="search">
            <${C} name="search" size=${14} />
            <input type="search" placeholder="Find in titles, paths and text" aria-label="Find articles" data-testid="kb-search"
              value=${t} onInput=${e=>n(e.currentTarget.value)} />
            ${i.reloading&&x`<${pe} label="Searching" />`}
          </label>
          ${i.error&&x`<${z} error=${i.error} />`}
          <${ut} list=${r} filtered=${!!e} selected=${s} onOpen=${p} />
          <${dt} onOpen=${p} />
          <${ft} reload=${i.reload} />
        </div>
        <div class="kb-main">
          ${s?x`<${ht} key=${s} id=${s===X?null:s} draft=${s===X?a:null}
                onDirty=${e=>{l.current=e}}
                onSaved=${async e=>{l.current=!1,await i.reload(),c(e)}}
                onDeleted=${async()=>{l.current=!1,c(null),await i.reload()}} />`:x`<div class="placeholder" data-testid="kb-placeholder">
                <span class="placeholder-icon"><${C} name="book" size=${26} /></span>
                <h2>${r.length||e?`Pick an article`:`No articles yet`}</h2>
                <p class="muted">${r.length||e?`Open one to edit it, or write a new one.`:`Write one here, or upload your help center’s Markdown or HTML files (or a .zip of them).`}</p>
              </div>`}
        </div>
      </div>`}
    </${A}>
    ${u}`}function ut({list:e,filtered:t,selected:n,onOpen:r}){let i=`${e.length}${e.length===ot?`+`:``}`;return x`<div class="kb-list-wrap">
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
  </div>`}function dt({onOpen:e}){let[t,n]=w(``),[r,i]=w(null),a=j();async function o(e){if(e.preventDefault(),!t.trim())return;let n=await a.run(`search`,()=>b(`/v1/kb/search`,{query:{q:t.trim(),limit:5}}));i(n?n.results:null)}return x`<form class="kb-try" onSubmit=${o} aria-labelledby="kb-try-title">
    <h3 id="kb-try-title">Try a question</h3>
    <p class="muted small">The passages the AI would answer from, best first.</p>
    <div class="inline-form">
      <input aria-label="A visitor's question" placeholder="How do I cancel my plan?" value=${t} onInput=${e=>n(e.currentTarget.value)}
        data-testid="kb-try-input" maxlength="500" />
      <button class="btn btn-sm" type="submit" disabled=${!!a.busy} data-testid="kb-try-submit">${a.busy?x`<${pe} />`:`Search`}</button>
    </div>
    <${z} error=${a.error} />
    ${r&&x`<ol class="kb-results" data-testid="kb-try-results">
      ${r.length?``:x`<li class="muted small">Nothing found: the AI would hand this question to a person.</li>`}
      ${r.map(t=>x`<li key=${t.article_id}>
        <button type="button" class="link-btn" onClick=${()=>e(t.article_id)}>${t.title}</button>
        ${t.heading_path&&x`<span class="faint small"> · ${t.heading_path}</span>`}
        <div class="small muted md kb-snippet">${Te(t.snippet,ve)}</div>
      </li>`)}
    </ol>`}
  </form>`}function ft({reload:t}){let[n,r]=w([]),[i,a]=w(``),[o,s]=w(null),c=j(),l=e(null);async function u(e){if(e.preventDefault(),!n.length)return;s(null);let a=new FormData;for(let e of n)a.append(`files`,e,e.name);i.trim()&&a.append(`base_url`,i.trim());let o=await c.run(`upload`,()=>b(`/v1/kb/uploads`,{method:`POST`,form:a}));if(!o)return;let u=(e,t,n)=>`${e} ${e===1?t:n}`;s(`${u(o.articles,`article`,`articles`)} written (${u(o.chunks,`passage`,`passages`)}), ${o.skipped} unchanged.`),r([]),l.current&&(l.current.value=``),await t()}async function d(){s(null);let e=await c.run(`reingest`,()=>b(`/v1/kb/reingest`,{method:`POST`}));e&&(s(`${e.articles} ${e.articles===1?`article`:`articles`} embedded again (${e.chunks} passages).`),await t())}return x`<form class="kb-try" onSubmit=${u} aria-labelledby="kb-import-title" data-testid="kb-import">
    <h3 id="kb-import-title">Upload articles</h3>
    <p class="muted small">Markdown, HTML or text files, or a .zip of a help-center folder. A file with the same path updates its article; unchanged ones are skipped.</p>
    <input ref=${l} type="file" multiple accept=${st} aria-label="Files to upload" data-testid="kb-upload-files"
      onChange=${e=>r([...e.currentTarget.files])} />
    <input class="kb-base" type="url" placeholder="https://help.example.com (optional)" aria-label="Where the help center is published (optional)"
      value=${i} onInput=${e=>a(e.currentTarget.value)} data-testid="kb-upload-base" />
    <div class="inline-form">
      <button class="btn btn-sm btn-primary" type="submit" disabled=${!n.length||!!c.busy} data-testid="kb-upload-submit">
        <${C} name="upload" size=${13} /> ${c.busy===`upload`?`Uploading and embedding…`:n.length>1?`Upload ${n.length} files`:`Upload`}
      </button>
      <button class="btn btn-sm" type="button" onClick=${d} disabled=${!!c.busy} data-testid="kb-reingest"
        title="Chunk and embed every article again with this server's embedding model (after it changed)">
        <${C} name="refresh" size=${13} /> ${c.busy===`reingest`?`Embedding…`:`Re-embed all`}
      </button>
    </div>
    <${z} error=${c.error} testid="kb-import-error" />
    ${o&&x`<p class="form-ok" role="status" data-testid="kb-import-result"><${C} name="check" size=${14} /> ${o}</p>`}
  </form>`}function pt({id:e}){let t=R(()=>b(`/v1/kb/articles/${encodeURIComponent(e)}/questions`,{query:{limit:20}}),[e]);return x`<${P} title="Questions it answered" text="What visitors asked when the AI answered citing this article, newest first." testid="kb-questions">
    <${A} resource=${t} what="Its questions">
      ${e=>e.questions.length?x`<ul class="settings-list">
          ${e.questions.map(e=>x`<li class="settings-item" data-testid="kb-question">
            <div class="settings-item-main"><span class="break">${e.text}</span><span class="muted small">${D(e.asked_at)}</span></div>
            <button type="button" class="btn btn-sm" onClick=${()=>s({view:`conversations`,conversationId:e.conversation_id})}>Open conversation</button>
          </li>`)}
        </ul>`:x`<p class="muted small">No AI answer has cited it yet.</p>`}
    </${A}>
  </${P}>`}var Z={title:``,url:``,tags:``,body:``},mt=e=>({title:e.title,url:e.url||``,tags:(e.tags||[]).join(`, `),body:e.body||``});function ht({id:e,draft:t,onDirty:n,onSaved:r,onDeleted:i}){let a=R(()=>e?b(`/v1/kb/articles/${encodeURIComponent(e)}`):Promise.resolve(null),[e]);return e?x`<${A} resource=${a} what="The article">
    ${e=>x`<${gt} article=${e} refreshError=${a.error} onDirty=${n} onDeleted=${i}
      onSaved=${async e=>{await a.reload(),await r(e)}} />`}
  </${A}>`:x`<${gt} article=${null} start=${t} onDirty=${n} onSaved=${r} onDeleted=${i} />`}function gt({article:t,start:n,refreshError:r,onDirty:i,onSaved:a,onDeleted:o}){let s=t?mt(t):Z,[c,l]=w(n?{...Z,...n}:s),u=e(t);E(()=>{u.current!==t&&(u.current=t,l(t?mt(t):Z))},[t]);let[d,p]=w(`split`),m=j(),[h,g]=M(),_=JSON.stringify(c)!==JSON.stringify(s);E(()=>i(_),[_]);let ee=fe(()=>Te(c.body,ve),[c.body]),v=e=>t=>l(n=>({...n,[e]:t.currentTarget.value}));async function y(e){e.preventDefault();let n={title:c.title.trim(),body:c.body,url:c.url.trim()||null,tags:f(c.tags)},r=await m.run(`save`,()=>t?b(`/v1/kb/articles/${encodeURIComponent(t.id)}`,{method:`PUT`,body:n}):b(`/v1/kb/articles`,{method:`POST`,body:n}));r&&await a(r.id)}async function te(){await g({title:`Delete "${t.title}"?`,text:t.source_path?`The AI stops answering from it at once. It was imported from ${t.source_path}: importing that file again brings it back.`:`The AI stops answering from it at once. This cannot be undone.`,confirm:`Delete article`})&&await m.run(`delete`,async()=>(await b(`/v1/kb/articles/${encodeURIComponent(t.id)}`,{method:`DELETE`}),!0))&&await o()}return x`<form class="kb-editor" onSubmit=${y} data-testid="kb-editor" aria-label=${t?`Edit ${t.title}`:`New article`}>
    <div class="kb-editor-head">
      <h2>${t?`Edit article`:`New article`}</h2>
      ${t&&x`<span class="muted small">${t.source_path?`Imported from ${t.source_path}`:`Written here`} · updated ${F(t.updated_at)}</span>`}
    </div>
    ${r&&x`<${z} error=${`Could not read the article again: ${r.message}`} />`}
    <${N} label="Title" id="kb-title" wide>
      <input id="kb-title" required maxlength="500" value=${c.title} onInput=${v(`title`)} data-testid="kb-title" />
    </${N}>
    <div class="field-grid">
      <${N} label="Public URL" id="kb-url" help="Where visitors can read it: citations link here. Empty: cited by title.">
        <input id="kb-url" type="url" maxlength="2000" placeholder="https://help.example.com/…" value=${c.url} onInput=${v(`url`)}
          aria-describedby="kb-url-help" data-testid="kb-url" />
      </${N}>
      <${N} label="Tags" id="kb-tags" help="Separated by commas.">
        <input id="kb-tags" value=${c.tags} onInput=${v(`tags`)} aria-describedby="kb-tags-help" data-testid="kb-tags" />
      </${N}>
    </div>
    <div class="kb-body-head">
      <label for="kb-body">Body <span class="muted small">(Markdown)</span></label>
      <div class="segmented" role="group" aria-label="Editor layout">
        ${[[`split`,`Side by side`],[`write`,`Write`],[`preview`,`Preview`]].map(([e,t])=>x`<button type="button" class=${`segment ${d===e?`on`:``}`} aria-pressed=${d===e}
              onClick=${()=>p(e)} data-testid=${`kb-view-${e}`}>${t}</button>`)}
      </div>
    </div>
    <div class=${`kb-body kb-body-${d}`}>
      <textarea id="kb-body" required maxlength="200000" value=${c.body} onInput=${v(`body`)} data-testid="kb-body"
        hidden=${d===`preview`} spellcheck="true"></textarea>
      <div class="kb-preview msg-body md" hidden=${d===`write`} data-testid="kb-preview" aria-label="Preview" role="region">
        ${c.body.trim()?ee:x`<p class="faint">The preview appears here as you write.</p>`}
      </div>
    </div>
    <${z} error=${m.error} testid="kb-error" />
    <div class="savebar-actions">
      ${t&&x`<button type="button" class="btn btn-danger-ghost" onClick=${te} disabled=${!!m.busy} data-testid="kb-delete">
        <${C} name="trash" size=${14} /> Delete</button>`}
      <span class="muted small" role="status">${m.busy===`save`?`Saving and embedding…`:_?`Unsaved changes`:``}</span>
      <button type="submit" class="btn btn-primary" disabled=${!!m.busy||!_&&!!t} data-testid="kb-save">
        ${m.busy===`save`?`Saving…`:t?`Save article`:`Create article`}
      </button>
    </div>
    ${h}
  </form>
  ${t&&x`<${pt} id=${t.id} />`}`}function _t(){let e=R(()=>b(`/v1/labels`)),[t,n]=w(null),r=j(),[i,a]=M();async function o(){await e.reload(),we({force:!0})}async function s(e){await a({title:`Delete the label “${e.name}”?`,text:`Its tag is removed from every conversation that carries it.`,confirm:`Delete`})&&await r.run(e.id,()=>b(`/v1/labels/${encodeURIComponent(e.id)}`,{method:`DELETE`}))&&await o()}let c=async e=>{n(null),e&&await o()};return x`<${B} title="Labels"
      text="Coloured labels agents put on conversations and filter the inbox by. A label is the conversation's tag: renaming it renames the tag everywhere." />
    <${A} resource=${e} what="Labels">
      ${e=>x`<${P} title="Workspace labels" testid="labels-settings"
        actions=${x`<button type="button" class="btn btn-sm" data-testid="label-new" onClick=${()=>n(`new`)}><${C} name="plus" size=${13} /> New label</button>`}>
        <${z} error=${r.error} />
        ${t===`new`&&x`<${vt} onDone=${c} />`}
        ${e.labels.length?x`<ul class="reply-list">
              ${e.labels.map(e=>t===e.id?x`<li key=${e.id}><${vt} label=${e} onDone=${c} /></li>`:x`<li key=${e.id} class="reply-row" data-testid="label-row" data-label=${e.name}>
                    <div class="reply-row-head">
                      <span class=${`label-chip label-${e.colour}`}>${e.name}</span>
                      <span class="muted small">${e.description}</span>
                      <span class="cell-actions">
                        <button class="btn btn-sm" data-testid="label-edit" onClick=${()=>n(e.id)}>Edit</button>
                        <button class="btn btn-sm btn-danger-ghost" data-testid="label-delete" disabled=${!!r.busy} onClick=${()=>s(e)}>Delete</button>
                      </span>
                    </div>
                  </li>`)}
            </ul>`:t!==`new`&&x`<p class="muted" data-testid="labels-empty">No labels yet.</p>`}
        ${i}
      </${P}>`}
    </${A}>`}function vt({label:e,onDone:t}){let[n,r]=w(e?.name||``),[i,a]=w(e?.colour||`blue`),[o,s]=w(e?.description||``),c=j(),l=e?.id||`new`;async function u(r){r.preventDefault();let a={name:n.trim(),colour:i,description:o.trim()};await c.run(`save`,()=>e?b(`/v1/labels/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:a}):b(`/v1/labels`,{method:`POST`,body:a}))&&t(!0)}return x`<form class="reply-form" onSubmit=${u} data-testid="label-form">
    <div class="form-row">
      <${N} label="Name" id=${`label-name-${l}`} help="The tag conversations carry (no commas)">
        <input id=${`label-name-${l}`} required maxlength="50" pattern="[^,]+" value=${n}
          onInput=${e=>r(e.currentTarget.value)} data-testid="label-name" placeholder="billing" />
      </${N}>
      <${N} label="Colour" id=${`label-colour-${l}`}>
        <select id=${`label-colour-${l}`} value=${i} onChange=${e=>a(e.currentTarget.value)} data-testid="label-colour">
          ${xe.map(e=>x`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </${N}>
    </div>
    <p><span class=${`label-chip label-${i}`} aria-label="Preview">${n.trim()||`preview`}</span></p>
    <${N} label="Description" id=${`label-description-${l}`} wide=${!0}>
      <input id=${`label-description-${l}`} maxlength="200" value=${o}
        onInput=${e=>s(e.currentTarget.value)} data-testid="label-description" placeholder="What the label is for" />
    </${N}>
    <${z} error=${c.error} testid="label-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${()=>t(!1)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!c.busy} data-testid="label-save">${c.busy?`Saving…`:`Save label`}</button>
    </div>
  </form>`}var yt=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function bt(){let e=R(()=>b(`/v1/macros`).then(e=>e.macros)),t=u(_(d,e=>e.session.user.role));return x`<${B} title="Macros"
      text="Several actions applied to a conversation in one click, from the Macros menu above its transcript." />
    <${A} resource=${e} what="Macros">
      ${n=>x`
        <${xt} title="Shared macros" shared=${!0} editable=${t} testid="macros-shared" reload=${e.reload}
          list=${n.filter(e=>e.shared)}
          text=${t?`Everyone in the workspace can apply these.`:`Written by your admins; everyone can apply them.`} />
        <${xt} title="My macros" shared=${!1} editable=${!0} testid="macros-mine" reload=${e.reload}
          list=${n.filter(e=>!e.shared)} text="Only you see these." />`}
    </${A}>`}function xt({title:e,text:t,list:n,shared:r,editable:i,reload:a,testid:o}){let[s,c]=w(null),l=j(),[u,d]=M(),f=async e=>{c(null),e&&await a()};async function p(e){await d({title:`Delete the macro ${e.name}?`,text:`It leaves the Macros menu at once.`,confirm:`Delete`})&&await l.run(e.id,async()=>(await b(`/v1/macros/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await a()}return x`<${P} title=${e} text=${t} testid=${o}
    actions=${i&&x`<button type="button" class="btn btn-sm" onClick=${()=>c(`new`)} data-testid=${`${o}-add`}>
      <${C} name="plus" size=${13} /> New macro</button>`}>
    <${z} error=${l.error} />
    ${s===`new`&&x`<${St} shared=${r} onDone=${f} />`}
    ${n.length?x`<ul class="reply-list">
          ${n.map(e=>s===e.id?x`<li key=${e.id}><${St} macro=${e} shared=${r} onDone=${f} /></li>`:x`<li key=${e.id} class="reply-row" data-testid="macro-row" data-name=${e.name}>
                <div class="reply-row-head">
                  <strong>${e.name}</strong>
                  ${i&&x`<span class="reply-actions">
                    <button class="btn btn-sm" onClick=${()=>c(e.id)} data-testid="macro-edit">Edit</button>
                    <button class="btn btn-sm btn-danger-ghost" onClick=${()=>p(e)} disabled=${!!l.busy} data-testid="macro-delete">Delete</button>
                  </span>`}
                </div>
                <ol class="macro-steps muted small">${e.actions.map((e,t)=>x`<li key=${t}>${ge(e)}</li>`)}</ol>
              </li>`)}
        </ul>`:s!==`new`&&x`<p class="muted" data-testid=${`${o}-empty`}>No macros yet.</p>`}
    ${u}
  </${P}>`}function St({macro:e,shared:t,onDone:n}){let[r,i]=w(e?.name||``),[a,o]=w(e?e.actions.map(ce):[{type:`send_reply`,text:``}]),[s,c]=w(``),l=j(),u=e?.id||(t?`new-shared`:`new-mine`),d=(e,t)=>o(n=>n.map((n,r)=>r===e?{...n,...t}:n));async function f(i){i.preventDefault();let o=a.map(Ce),s=o.findIndex(e=>e.error);if(s>=0){c(`Action ${s+1}: ${o[s].error}`);return}c(``);let u={name:r.trim(),actions:o.map(e=>e.value)};await l.run(`save`,()=>e?b(`/v1/macros/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:u}):b(`/v1/macros`,{method:`POST`,body:{...u,shared:t}}))&&n(!0)}return x`<form class="reply-form" onSubmit=${f} data-testid="macro-form">
    <${N} label="Name" id=${`macro-name-${u}`}>
      <input id=${`macro-name-${u}`} required maxlength="100" value=${r} onInput=${e=>i(e.currentTarget.value)}
        data-testid="macro-name" placeholder="Refund issued" />
    </${N}>
    <ol class="macro-editor">
      ${a.map((e,t)=>x`<li key=${t} class="macro-action" data-testid="macro-action">
        <select aria-label=${`Action ${t+1}`} value=${e.type} data-testid="macro-action-type"
          onChange=${e=>d(t,{type:e.currentTarget.value,text:``})}>
          ${Object.entries(be).map(([e,t])=>x`<option value=${e}>${t}</option>`)}
        </select>
        <${Ct} row=${e} index=${t} onChange=${e=>d(t,{text:e})} />
        <button type="button" class="icon-btn" aria-label=${`Remove action ${t+1}`} disabled=${a.length===1}
          onClick=${()=>o(e=>e.filter((e,n)=>n!==t))}><${C} name="trash" size=${15} /></button>
      </li>`)}
    </ol>
    <button type="button" class="btn btn-sm" disabled=${a.length>=20} data-testid="macro-add-action"
      onClick=${()=>o(e=>[...e,{type:`add_tags`,text:``}])}><${C} name="plus" size=${13} /> Add action</button>
    <${z} error=${s||l.error} testid="macro-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${()=>n(!1)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!l.busy} data-testid="macro-save">${l.busy?`Saving…`:`Save macro`}</button>
    </div>
  </form>`}function Ct({row:e,index:t,onChange:n}){let r=`Action ${t+1}: value`,i=_(d,e=>e.staff?.state===`ok`&&e.staff.users||[]);if(e.type===`send_reply`)return x`<textarea aria-label=${r} rows="2" maxlength="5000" value=${e.text} data-testid="macro-action-value"
      placeholder="Hi {contact.first_name}, …" onInput=${e=>n(e.currentTarget.value)}></textarea>`;if(e.type===`set_status`||e.type===`set_priority`){let t=e.type===`set_status`?yt:Ee,i=e.text||(e.type===`set_status`?`open`:`normal`);return x`<select aria-label=${r} value=${i} data-testid="macro-action-value" onChange=${e=>n(e.currentTarget.value)}>
      ${t.map(e=>x`<option value=${e}>${de[e]||e[0].toUpperCase()+e.slice(1)}</option>`)}
    </select>`}return e.type===`assign`?x`<select aria-label=${r} value=${e.text||`me`} data-testid="macro-action-value" onChange=${e=>n(e.currentTarget.value)}>
      <option value="me">The agent applying it</option>
      <option value="none">Nobody (unassign)</option>
      ${i.map(e=>x`<option value=${e.id}>${e.name||e.email}</option>`)}
    </select>`:x`<input aria-label=${r} value=${e.text} maxlength="500" data-testid="macro-action-value"
    placeholder="billing, refund" onInput=${e=>n(e.currentTarget.value)} />`}var wt={export:`Export`,erasure:`Erasure`},Tt={received:`Received`,completed:`Completed`,failed:`Failed`},Et={overdue:`chip chip-danger`,soon:`chip chip-warn`,failed:`chip chip-danger`,done:`chip chip-quiet`};function Dt(){let e=R(()=>b(`/v1/privacy-requests`,{query:{limit:50}})),[t,n]=w({requests:[],cursor:void 0}),r=j();async function i(e){let t=await r.run(`more`,()=>b(`/v1/privacy-requests`,{query:{limit:50,cursor:e}}));t&&n(e=>({requests:[...e.requests,...t.requests],cursor:t.next_cursor}))}return x`<${B} title="Privacy requests" text="Data-subject requests (GDPR): exports and erasures, due one month after they were received." />
    <${A} resource=${e} what="Privacy requests">
      ${n=>{let a=[...n.requests,...t.requests],o=t.cursor===void 0?n.next_cursor:t.cursor;return x`<${Ot} requests=${a} cursor=${o} more=${r} loadMore=${i} error=${e.error} />`}}
    </${A}>`}function Ot({requests:e,cursor:t,more:n,loadMore:r,error:i}){let a=Date.now(),o=e.filter(e=>J(e,a)===`overdue`).length;return x`<${P} title="Requests" text=${o?`${o} overdue`:`${e.length} shown, newest first`} testid="privacy-requests">
    ${i&&x`<${z} error=${`Could not read the requests again: ${i.message}`} />`}
    ${e.length?x`<table class="settings-table" data-testid="privacy-table">
        <thead><tr><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Requested</th><th scope="col">By</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
        <tbody>
          ${e.map(e=>{let t=J(e,a),n=We(e,a);return x`<tr key=${e.id} data-testid="privacy-row" data-kind=${e.kind} data-state=${t}>
              <td><strong>${wt[e.kind]||e.kind}</strong></td>
              <td class="small" title=${e.subject_ref}>${e.contact_id?`contact ${e.contact_id.slice(0,8)}…`:`erased (${String(e.subject_ref).slice(0,8)}…)`}</td>
              <td class="muted small">${F(e.requested_at)}</td>
              <td class="small">${e.requested_by?e.requested_by.name||`an admin`:`operator (CLI)`}</td>
              <td class="small">${F(e.due_at)} ${n&&x`<span class=${Et[t]} data-testid="privacy-due-warning">${n}</span>`}</td>
              <td><span class=${Et[t]||`chip`}>${Tt[e.status]||e.status}</span>${e.completed_at?x` <span class="muted small">${F(e.completed_at)}</span>`:``}</td>
            </tr>`})}
        </tbody>
      </table>`:x`<p class="muted" data-testid="privacy-empty">No privacy requests yet.</p>`}
    <${z} error=${n.error} />
    ${t&&x`<button class="btn" onClick=${()=>r(t)} disabled=${!!n.busy} data-testid="privacy-more">
        ${n.busy?`Loading…`:`Load more`}
      </button>`}
  </${P}>`}var kt={agent:`Agent`,admin:`Admin`,super_admin:`Super admin`};function At(){let e=R(()=>b(`/v1/auth/sessions`).then(e=>e.sessions));return x`<${B} title="Profile" text="Your account, where you are signed in, and how the inbox looks and behaves in this browser." />
    <${jt} />
    <${Mt} onChanged=${e.reload} />
    <${Nt} sessions=${e} />
    <${Pt} />`}function jt(){let e=_(d,e=>e.session.user),t=u(e.role),[n,r]=w(e.name||``),[i,a]=w(!1),o=j();async function s(t){t.preventDefault(),a(!1),await o.run(`name`,async()=>(await b(`/v1/users/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{name:n.trim()}}),await ne(),!0))&&(r(d.get().session.user.name||``),a(!0))}return x`<${P} title="You" testid="profile-you">
    ${t?x`<form class="inline-form narrow-form" onSubmit=${s}>
          <${N} label="Name" id="profile-name-input" help="What customers and teammates see beside your replies.">
            <input id="profile-name-input" required maxlength="200" autocomplete="name" value=${n} data-testid="profile-name-input"
              aria-describedby="profile-name-input-help" onInput=${e=>{a(!1),r(e.currentTarget.value)}} />
          </${N}>
          <button class="btn" type="submit" disabled=${!!o.busy||!n.trim()||n.trim()===e.name} data-testid="profile-name-save">
            ${o.busy?`Saving…`:`Save name`}</button>
        </form>
        <${z} error=${o.error} testid="profile-name-error" />
        ${i&&x`<p class="form-ok" role="status" data-testid="profile-name-saved"><${C} name="check" size=${14} /> Saved.</p>`}`:``}
    <dl class="facts settings-facts">
      ${!t&&x`<dt>Name</dt><dd data-testid="profile-name">${e.name||`—`} <span class="muted small">(an admin can change it)</span></dd>`}
      <dt>E-mail</dt><dd data-testid="profile-email">${e.email}</dd>
      <dt>Role</dt><dd data-testid="profile-role">${kt[e.role]||e.role}</dd>
    </dl>
  </${P}>`}function Mt({onChanged:e}){let[t,n]=w({current:``,next:``,again:``}),[r,i]=w(!1),a=j(),o=e=>t=>{i(!1),n(n=>({...n,[e]:t.currentTarget.value}))};async function s(r){r.preventDefault();let o=m(t.next,t.again);o?a.setError(o):await a.run(`password`,async()=>(await b(`/v1/auth/password`,{method:`POST`,body:{current_password:t.current,new_password:t.next}}),!0))&&(n({current:``,next:``,again:``}),i(!0),await e())}return x`<${P} title="Password" text=${`At least 8 characters. Changing it signs you out everywhere else; you stay signed in here.`} testid="profile-password">
    <form class="settings-form narrow" onSubmit=${s}>
      <${N} label="Current password" id="pw-current">
        <input id="pw-current" type="password" autocomplete="current-password" required value=${t.current}
          onInput=${o(`current`)} data-testid="password-current" />
      </${N}>
      <${N} label="New password" id="pw-new">
        <input id="pw-new" type="password" autocomplete="new-password" required value=${t.next}
          onInput=${o(`next`)} data-testid="password-new" />
      </${N}>
      <${N} label="New password again" id="pw-again">
        <input id="pw-again" type="password" autocomplete="new-password" required value=${t.again}
          onInput=${o(`again`)} data-testid="password-again" />
      </${N}>
      <${z} error=${a.error} testid="password-error" />
      ${r&&x`<p class="form-ok" role="status" data-testid="password-done"><${C} name="check" size=${14} /> Your password is changed; your other sessions are signed out.</p>`}
      <div><button class="btn btn-primary" type="submit" disabled=${!!a.busy} data-testid="password-submit">
        ${a.busy?`Changing…`:`Change password`}
      </button></div>
    </form>
  </${P}>`}function Nt({sessions:e}){let t=j(),[n,r]=M();async function i(n){await r({title:`Sign this session out?`,text:`${O(n.user_agent)}${n.address?` at ${n.address}`:``} will have to sign in again.`,confirm:`Sign out`})&&(await t.run(n.id,()=>b(`/v1/auth/sessions/${encodeURIComponent(n.id)}`,{method:`DELETE`})),await e.reload())}return x`<${P} title="Where you are signed in" text="Sign out a browser you no longer use, or one that is not yours." testid="profile-sessions">
    <${A} resource=${e} what="Your sessions">
      ${n=>x`<${z} error=${t.error||e.error&&`Could not refresh: ${e.error.message}`} />
        <ul class="settings-list" data-testid="session-list">
          ${n.map(e=>x`<li key=${e.id} class="settings-item" data-testid="session-row" data-current=${e.current?`true`:`false`}>
            <span class="settings-item-icon"><${C} name="device" size=${16} /></span>
            <div class="settings-item-main">
              <div><strong>${O(e.user_agent)}</strong>${e.current&&x` <span class="chip status-open">This browser</span>`}</div>
              <div class="muted small">${e.address||`Unknown address`} · signed in ${F(e.created_at)} · active ${D(e.last_seen_at)||F(e.last_seen_at)}</div>
            </div>
            ${!e.current&&x`<button class="btn btn-sm" disabled=${!!t.busy} onClick=${()=>i(e)} data-testid="session-end">
                ${t.busy===e.id?`Signing out…`:`Sign out`}
              </button>`}
          </li>`)}
        </ul>`}
    </${A}>
    ${n}
  </${P}>`}function Pt(){let e=_(d,e=>e.prefs),[t,r]=w(!0),i=e=>r(n(e));return x`<${P} title="Preferences" text="Kept in this browser, for you only." testid="profile-preferences">
    <fieldset class="setting-row">
      <legend class="setting-label">Density
        <span class="muted small">How much fits on screen in lists and transcripts.</span>
      </legend>
      <div class="segmented" role="radiogroup" aria-label="Density">
        ${[[`comfortable`,`Comfortable`],[`compact`,`Compact`]].map(([t,n])=>x`<label class=${`segment ${e.density===t?`on`:``}`}>
          <input type="radio" name="density" value=${t} checked=${e.density===t}
            onChange=${()=>i({density:t})} data-testid=${`pref-density-${t}`} />
          ${n}
        </label>`)}
      </div>
    </fieldset>
    <${V} label="Single-key shortcuts" testid="pref-shortcuts" checked=${e.shortcuts}
      text="j, k, r, n, a, e, s, / and ? act without a modifier key. Turn them off if you use speech input or they fire by accident; Esc still leaves a field."
      onChange=${e=>i({shortcuts:e})} />
    <${It} prefs=${e} change=${i} />
    ${!t&&x`<p class="form-error" role="alert">This browser would not store them: they last until you reload.</p>`}
  </${P}>`}var Ft={granted:`This browser shows them.`,denied:`This browser blocks notifications from this site: allow them in its site settings.`,default:`This browser has not been asked yet.`,unsupported:`This browser cannot show notifications; the tab title still counts them.`};function It({prefs:e,change:t}){let[n,r]=w(te());return x`<fieldset class="setting-group" data-testid="profile-notifications">
    <legend class="setting-label">Notifications
      <span class="muted small" data-testid="notify-permission">${Ft[n]||n}</span>
    </legend>
    ${n==="default"&&x`<button class="btn btn-sm" type="button" data-testid="notify-ask"
        onClick=${async()=>r(await c())}>Allow desktop notifications</button>`}
    <${V} label="A customer waits for a person" testid="pref-notify-waiting" checked=${e.notifyWaiting}
      text="A conversation handed over by the AI or asked for by the customer, unassigned or assigned to you."
      onChange=${e=>t({notifyWaiting:e})} />
    <${V} label="Replies in my conversations" testid="pref-notify-replies" checked=${e.notifyReplies}
      text="A customer writes in a conversation assigned to you, while you are not reading it."
      onChange=${e=>t({notifyReplies:e})} />
    <${V} label="Play a sound" testid="pref-sound" checked=${e.sound}
      text="A short chime with each of them."
      onChange=${e=>{t({sound:e}),e&&re()}} />
  </fieldset>`}function Lt(){let e=R(()=>b(`/v1/canned_replies`)),t=_(d,e=>e.session.user.role),n=u(t);return x`<${B} title="Canned replies"
      text="Type / and a code in the composer to insert a reply; its {variables} are filled in for the conversation." />
    <${A} resource=${e} what="Canned replies">
      ${t=>x`
        <${Q} title="Shared replies" shared=${!0} editable=${n} testid="replies-shared" reload=${e.reload}
          list=${t.replies.filter(e=>e.shared)}
          text=${n?`Everyone in the workspace can use these.`:`Written by your admins; everyone can use them.`} />
        <${Q} title="My replies" shared=${!1} editable=${!0} testid="replies-mine" reload=${e.reload}
          list=${t.replies.filter(e=>!e.shared)} text="Only you see these." />
        <${P} title="Variables" text="Written in braces in a body; a value the conversation lacks is left empty and named when you insert the reply.">
          <ul class="variables" data-testid="reply-variables">
            ${t.variables.map(e=>x`<li key=${e.name}><code>{${e.name}}</code> <span class="muted small">${e.description}</span></li>`)}
          </ul>
        </${P}>`}
    </${A}>`}function Q({title:e,text:t,list:n,shared:r,editable:i,reload:a,testid:o}){let[s,c]=w(null),l=j(),[u,d]=M();async function f(e){await d({title:`Delete /${e.code}?`,text:`It leaves the composer’s menu at once.`,confirm:`Delete`})&&await l.run(e.id,async()=>(await b(`/v1/canned_replies/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await a()}return x`<${P} title=${e} text=${t} testid=${o}
    actions=${i&&x`<button type="button" class="btn btn-sm" onClick=${()=>c(`new`)} data-testid=${`${o}-add`}>
      <${C} name="plus" size=${13} /> New reply</button>`}>
    <${z} error=${l.error} />
    ${s===`new`&&x`<${Rt} shared=${r} onDone=${async e=>{c(null),e&&await a()}} />`}
    ${n.length?x`<ul class="reply-list">
          ${n.map(e=>s===e.id?x`<li key=${e.id}><${Rt} reply=${e} shared=${r} onDone=${async e=>{c(null),e&&await a()}} /></li>`:x`<li key=${e.id} class="reply-row" data-testid="reply-row" data-code=${e.code}>
                <div class="reply-row-head">
                  <code>/${e.code}</code> <strong>${e.title}</strong>
                  ${i&&x`<span class="reply-actions">
                    <button class="btn btn-sm" onClick=${()=>c(e.id)} data-testid="reply-edit">Edit</button>
                    <button class="btn btn-sm btn-danger-ghost" onClick=${()=>f(e)} disabled=${!!l.busy} data-testid="reply-delete">Delete</button>
                  </span>`}
                </div>
                <p class="reply-body muted small">${e.body}</p>
              </li>`)}
        </ul>`:s!==`new`&&x`<p class="muted" data-testid=${`${o}-empty`}>No replies yet.</p>`}
    ${u}
  </${P}>`}function Rt({reply:e,shared:t,onDone:n}){let[r,i]=w(e?.code||``),[a,o]=w(e?.title||``),[s,c]=w(e?.body||``),l=j(),u=e?.id||(t?`new-shared`:`new-mine`);async function d(i){i.preventDefault();let o={code:r.trim().toLowerCase(),title:a.trim(),body:s};await l.run(`save`,()=>e?b(`/v1/canned_replies/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:o}):b(`/v1/canned_replies`,{method:`POST`,body:{...o,shared:t}}))&&n(!0)}return x`<form class="reply-form" onSubmit=${d} data-testid="reply-form">
    <div class="form-row">
      <${N} label="Code" id=${`reply-code-${u}`} help="What you type after / (letters, digits, - and _)">
        <input id=${`reply-code-${u}`} class="mono-input" required maxlength="40" pattern="[a-zA-Z0-9][a-zA-Z0-9_\\-]*"
          value=${r} onInput=${e=>i(e.currentTarget.value)} data-testid="reply-code" placeholder="refund-policy" />
      </${N}>
      <${N} label="Title" id=${`reply-title-${u}`}>
        <input id=${`reply-title-${u}`} required maxlength="100" value=${a} onInput=${e=>o(e.currentTarget.value)}
          data-testid="reply-title" placeholder="Our refund policy" />
      </${N}>
    </div>
    <${N} label="Body" id=${`reply-body-${u}`} wide=${!0} help="Variables such as {contact.name} and {agent.name} are filled in when inserted">
      <textarea id=${`reply-body-${u}`} required maxlength="5000" rows="4" value=${s} onInput=${e=>c(e.currentTarget.value)}
        data-testid="reply-body" placeholder="Hi {contact.first_name}, …"></textarea>
    </${N}>
    <${z} error=${l.error} testid="reply-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${()=>n(!1)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!l.busy} data-testid="reply-save">${l.busy?`Saving…`:`Save reply`}</button>
    </div>
  </form>`}var zt=36500;function Bt(e){let t=e?.retention_days??null;return{mode:t==null?`forever`:`days`,days:k(t??365)}}function Vt(e){if(e.mode===`forever`)return{value:{retention_days:null}};let t=p(e.days,{label:`Days after resolution`,min:1,max:zt,empty:!1});return t.error?t:{value:{retention_days:t.value}}}function Ht(e){let t=Vt(e);if(t.error)return``;let n=t.value.retention_days;return n==null?`Conversations are kept forever.`:`Conversations are emptied ${n===1?`1 day`:`${n.toLocaleString(`en`)} days`} after they were resolved.`}function Ut(){return x`<${H} title="Data retention" what="retention settings" testid="retention-form"
    text="How long resolved conversations keep their messages and attachments."
    toForm=${Bt} fromForm=${Vt}>
    ${(e,t)=>x`
      <${P} title="Resolved conversations"
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
        ${e.mode===`days`&&x`<${N} label="Days after resolution" id="retention-days"
            help=${`From 1 to ${36500 .toLocaleString(`en`)}. The worker checks every few minutes.`}>
            <input id="retention-days" inputmode="numeric" data-testid="retention-days" aria-describedby="retention-days-help"
              value=${e.days} onInput=${e=>t({days:e.currentTarget.value})} />
          </${N}>`}
        <p class="muted small" id="retention-now" role="status" data-testid="retention-now">${Ht(e)}</p>
      </${P}>`}
  </${H}>`}var Wt={urgent:`Urgent`,high:`High`,normal:`Normal`,low:`Low`},Gt=e=>({sla:o(e.sla),hours:a(e.business_hours)});function Kt(e){let t=l(e.sla);if(t.error)return t;let n=i(e.hours);return n.error?n:{value:{sla:t.value,business_hours:n.value}}}function qt(){return x`<${H} title="SLA & hours" what="SLA settings" testid="sla-form" toForm=${Gt} fromForm=${Kt}
    text="How soon a ticket should get its first answer and be solved, by priority. Clocks pause while a ticket is pending on the customer.">
    ${(e,t)=>x`<${Jt} sla=${e.sla} update=${t} /><${Yt} hours=${e.hours} update=${t} />`}
  </${H}>`}function Jt({sla:e,update:n}){let r=(e,t)=>r=>{let i=r.currentTarget.value;n(n=>({...n,sla:{...n.sla,[e]:{...n.sla[e],[t]:i}}}))},i=e=>{let n=p(e);return n.error?``:n.value==null?`no target`:t(n.value)};return x`<${P} title="Targets" text="In minutes. Leave a target empty for none.">
    <table class="settings-table sla-table" data-testid="sla-table">
      <thead><tr><th scope="col">Priority</th><th scope="col">First response</th><th scope="col">Resolution</th></tr></thead>
      <tbody>
        ${me.map(t=>x`<tr key=${t}>
          <th scope="row">${Wt[t]}</th>
          ${[`first_response`,`resolution`].map(n=>x`<td>
            <div class="minutes">
              <input inputmode="numeric" aria-label=${`${Wt[t]}: ${n===`first_response`?`first response`:`resolution`}, minutes`}
                data-testid=${`sla-${t}-${n}`} value=${e[t][n]} onInput=${r(t,n)} placeholder="None" />
              <span class="muted small" aria-hidden="true">${i(e[t][n])}</span>
            </div>
          </td>`)}
        </tr>`)}
      </tbody>
    </table>
  </${P}>`}function Yt({hours:e,update:t}){let n=e=>t(t=>({...t,hours:{...t.hours,...e}})),r=(t,r)=>n({days:r?[...new Set([...e.days,t])].sort((e,t)=>e-t):e.days.filter(e=>e!==t)});return x`<${P} title="Business hours" text="SLA clocks run only inside them: Friday 16:50 plus 30 minutes is Monday 09:20.">
    <fieldset class="choice-list">
      <legend class="visually-hidden">When SLA clocks run</legend>
      <label class="choice"><input type="radio" name="hours" checked=${e.always} onChange=${()=>n({always:!0})}
        data-testid="hours-always" /> Round the clock</label>
      <label class="choice"><input type="radio" name="hours" checked=${!e.always} onChange=${()=>n({always:!1})}
        data-testid="hours-business" /> Business hours only</label>
    </fieldset>
    ${!e.always&&x`<div class="hours" data-testid="hours-detail">
      <${N} label="Time zone" id="hours-zone">
        <select id="hours-zone" value=${e.timezone} onChange=${e=>n({timezone:e.currentTarget.value})} data-testid="hours-timezone">
          ${ee(e.timezone).map(e=>x`<option value=${e}>${e}</option>`)}
        </select>
      </${N}>
      <fieldset class="days">
        <legend>Days</legend>
        ${se.map((t,n)=>x`<label class=${`day-chip ${e.days.includes(n)?`on`:``}`}>
          <input type="checkbox" checked=${e.days.includes(n)} onChange=${e=>r(n,e.currentTarget.checked)}
            data-testid=${`hours-day-${n}`} /> ${t}
        </label>`)}
      </fieldset>
      <div class="field-grid">
        <${N} label="Opens" id="hours-start">
          <input id="hours-start" type="time" value=${e.start} onInput=${e=>n({start:e.currentTarget.value})} data-testid="hours-start" />
        </${N}>
        <${N} label="Closes" id="hours-end">
          <input id="hours-end" type="time" value=${e.end} onInput=${e=>n({end:e.currentTarget.value})} data-testid="hours-end" />
        </${N}>
      </div>
    </div>`}
  </${P}>`}var Xt=[[`agent`,`Agent`],[`admin`,`Admin`]],$={agent:`Agent`,admin:`Admin`,super_admin:`Super admin`};async function Zt(){let[e,t]=await Promise.all([b(`/v1/users`,{query:{include_inactive:!0}}),b(`/v1/invitations`)]);return{users:e.users,invitations:t.invitations}}function Qt(){let e=R(Zt),[t,n]=w(null);return x`<${B} title="Team" text="Everyone who signs in to this workspace: agents answer customers, admins also change these settings." />
    <${A} resource=${e} what="The team">
      ${r=>x`<${$t} reload=${e.reload} link=${t} setLink=${n} />
        <${en} invitations=${r.invitations} reload=${e.reload} link=${t} setLink=${n} />
        <${rn} users=${r.users} reload=${e.reload} refreshError=${e.error} />`}
    </${A}>`}function $t({reload:e,link:t,setLink:n}){let[r,i]=w(``),[a,o]=w(`agent`),s=j();async function c(t){t.preventDefault(),n(null);let o=await s.run(`invite`,()=>b(`/v1/users`,{method:`POST`,body:{email:r.trim(),role:a}}));o&&(n({id:o.invitation?.id,email:o.invitation?.email||r.trim(),url:o.invite_url,resent:!1}),i(``),await e())}return x`<${P} title="Invite a teammate" text="They choose their name and password from the link; it works once, for 72 hours." testid="team-invite">
    <form class="invite-form" onSubmit=${c}>
      <${N} label="E-mail" id="invite-email">
        <input id="invite-email" type="email" required autocomplete="off" placeholder="teammate@company.com" value=${r}
          onInput=${e=>i(e.currentTarget.value)} data-testid="invite-email" />
      </${N}>
      <${N} label="Role" id="invite-role">
        <select id="invite-role" value=${a} onChange=${e=>o(e.currentTarget.value)} data-testid="invite-role">
          ${Xt.map(([e,t])=>x`<option value=${e}>${t}</option>`)}
        </select>
      </${N}>
      <button class="btn btn-primary" type="submit" disabled=${!!s.busy} data-testid="invite-submit">
        ${s.busy?`Inviting…`:`Invite`}
      </button>
    </form>
    <${z} error=${s.error} testid="invite-error" />
    ${t?.url&&!t.resent&&x`<${L} title=${`Invitation link for ${t.email}`} testid="invite-link" secret=${t.url}
        text="Send them this link (it was also e-mailed to them if this server sends mail). It is shown only now: for a new one, use Resend below."
        onDone=${()=>n(null)} />`}
  </${P}>`}function en({invitations:e,reload:t,link:n,setLink:r}){let i=j(),[a,o]=M();if(!e.length)return null;async function s(e){r(null);let n=await i.run(`resend-${e.id}`,()=>b(`/v1/invitations/${encodeURIComponent(e.id)}/resend`,{method:`POST`}));n&&(n.invite_url&&r({id:n.invitation?.id||e.id,email:e.email,url:n.invite_url,resent:!0}),await t())}async function c(e){await o({title:`Revoke the invitation for ${e.email}?`,text:`Its link stops working at once. You can invite them again later.`,confirm:`Revoke invitation`})&&await i.run(`revoke-${e.id}`,async()=>(await b(`/v1/invitations/${encodeURIComponent(e.id)}`,{method:`DELETE`}),!0))&&await t()}return x`<${P} title="Open invitations" testid="team-invitations">
    <${z} error=${i.error} />
    ${n?.resent&&x`<${L} title=${`New invitation link for ${n.email}`} testid="invite-link" secret=${n.url}
        text="The earlier link no longer works. This one is shown only now." onDone=${()=>r(null)} />`}
    <ul class="settings-list" data-testid="invitation-list">
      ${e.map(e=>x`<li key=${e.id} class="settings-item" data-testid="invitation-row" data-email=${e.email}>
        <span class="settings-item-icon"><${C} name="email" size=${15} /></span>
        <div class="settings-item-main">
          <div><strong>${e.email}</strong> <span class="chip">${$[e.role]||e.role}</span></div>
          <div class="muted small">Invited ${D(e.created_at)}${tn(e)?` by ${tn(e)}`:``} · ${nn(e.expires_at)}</div>
        </div>
        <button class="btn btn-sm" onClick=${()=>s(e)} disabled=${!!i.busy} data-testid="invitation-resend">
          ${i.busy===`resend-${e.id}`?`Sending…`:`Resend`}
        </button>
        <button class="btn btn-sm btn-danger-ghost" onClick=${()=>c(e)} disabled=${!!i.busy} data-testid="invitation-revoke">Revoke</button>
      </li>`)}
    </ul>
    ${a}
  </${P}>`}function tn(e){let t=e.invited_by;return t?typeof t==`object`?t.name||t.email||null:e.invited_by_name||d.get().names[t]||null:e.invited_by_name||null}function nn(e){let t=Date.parse(e||``);return Number.isFinite(t)?t<Date.now()?`expired ${F(e)}`:`expires ${F(e)}`:`no expiry given`}function rn({users:e,reload:t,refreshError:n}){let r=_(d,e=>e.session.user),i=j(),[a,o]=M(),[s,c]=w(null),l=e.filter(e=>e.active!==!1),u=e.filter(e=>e.active===!1);async function f(e,n){if(n===e.role)return;let a=e.id===r.id,s=a?`You are signed out everywhere and sign in again`:`They are signed out everywhere and sign in again`;await o({title:`Make ${a?`yourself`:e.name||e.email} ${n===`admin`?`an admin`:`an agent`}?`,text:n===`admin`?`Admins change every setting of the workspace: the team, keys, channels, the AI and the knowledge base. ${s} with the new role.`:`${a?`You`:`They`} keep answering customers, without the workspace settings. ${s} with the new role.`,confirm:`Change role`,danger:n!==`admin`&&a})&&(c(null),await i.run(`role-${e.id}`,()=>b(`/v1/users/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{role:n}}))&&await t())}async function p(e){if(!await o({title:`Deactivate ${e.name||e.email}?`,text:`They are signed out everywhere at once and can no longer sign in. Their replies and notes stay in the history.`,confirm:`Deactivate`}))return;c(null);let n=await i.run(`remove-${e.id}`,()=>b(`/v1/users/${encodeURIComponent(e.id)}`,{method:`DELETE`}));if(!n)return;let r=n.sessions_closed??0;c(`${e.name||e.email} is deactivated; ${r} ${r===1?`session was`:`sessions were`} signed out.`),await t()}return x`<${P} title="Members" text=${`${l.length} active`} testid="team-members">
    ${n&&x`<${z} error=${`Could not read the team again: ${n.message}`} />`}
    <${z} error=${i.error} testid="team-error" />
    ${s&&x`<p class="form-ok" role="status" data-testid="team-notice"><${C} name="check" size=${14} /> ${s}</p>`}
    <table class="settings-table members" data-testid="member-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Last sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${l.map(e=>x`<tr key=${e.id} data-testid="member-row" data-email=${e.email}>
          <td><div class="member">
            <${ue} name=${e.name||e.email} id=${e.id} kind="agent" size=${28} />
            <div class="settings-item-main"><strong>${e.name||e.email}${e.id===r.id?` (you)`:``}</strong><span class="muted small">${e.email}</span></div>
          </div></td>
          <td>${e.role===`super_admin`?$.super_admin:x`<select aria-label=${`Role of ${e.name||e.email}`} value=${e.role} disabled=${!!i.busy}
                onChange=${t=>{let n=t.currentTarget.value;t.currentTarget.value=e.role,f(e,n)}} data-testid="member-role">
                ${Xt.map(([e,t])=>x`<option value=${e}>${t}</option>`)}
              </select>`}</td>
          <td class="muted small">${e.last_sign_in_at?D(e.last_sign_in_at):`Never`}</td>
          <td class="cell-actions">${e.id!==r.id&&x`<button class="btn btn-sm btn-danger-ghost" onClick=${()=>p(e)} disabled=${!!i.busy} data-testid="member-deactivate">
              ${i.busy===`remove-${e.id}`?`Deactivating…`:`Deactivate`}
            </button>`}</td>
        </tr>`)}
      </tbody>
    </table>
    ${u.length>0&&x`<details class="inactive" data-testid="member-inactive">
      <summary>${u.length} deactivated</summary>
      <ul class="settings-list">
        ${u.map(e=>x`<li key=${e.id} class="settings-item"><div class="settings-item-main"><span>${e.name||e.email}</span><span class="muted small">${e.email} · ${$[e.role]||e.role}</span></div></li>`)}
      </ul>
    </details>`}
    ${a}
  </${P}>`}var an=[[`dark`,`Dark`],[`light`,`Light`],[`auto`,`Visitor's system setting`]],on=e=>({origins:[...e.allowed_origins],adding:``,widget:{...e.widget},colourText:e.widget.brand_color});function sn(e){return e.adding.trim()?{error:`Add the site you typed (or clear it) before saving.`}:S(e.widget.brand_color)?{value:{allowed_origins:e.origins,widget:e.widget}}:{error:`The brand colour must be #RRGGBB, e.g. #1d6ae5.`}}function cn(){return x`<${H} title="Widget" what="Widget settings" testid="widget-form" toForm=${on} fromForm=${sn}
    text="The chat on your website: where it may run and how it looks. Visitors' chats land in Conversations."
    after=${x`<${fn} />`}>
    ${(e,t,n)=>x`
      <${P} title="Install" text="Paste this tag before </body> on every page that should offer the chat.">
        <${I} text=${n.widget_snippet} testid="widget-snippet" label="Copy tag" />
      </${P}>
      <${ln} d=${e} update=${t} />
      <${un} d=${e} update=${t} name=${n.name} />`}
  </${H}>`}function ln({d:e,update:t}){function n(){let n=_e(e.adding).filter(t=>!e.origins.includes(t));t({origins:[...e.origins,...n],adding:``})}return x`<${P} title="Sites it may run on" text="The widget refuses to start on any other site (its origin: scheme, host and port).">
    <ul class="settings-list origins" data-testid="origin-list">
      ${e.origins.map(n=>x`<li key=${n} class="settings-item" data-testid="origin-row">
        <span class="settings-item-icon"><${C} name="web" size=${15} /></span>
        <span class="settings-item-main mono">${n}</span>
        <button type="button" class="icon-btn" aria-label=${`Remove ${n}`} data-testid="origin-remove"
          onClick=${()=>t({origins:e.origins.filter(e=>e!==n)})}><${C} name="x" size=${15} /></button>
      </li>`)}
      ${!e.origins.length&&x`<li class="muted small">No site yet: the widget runs nowhere.</li>`}
    </ul>
    <div class="inline-form">
      <input aria-label="Add a site" placeholder="https://www.example.com" value=${e.adding} data-testid="origin-input"
        onInput=${e=>t({adding:e.currentTarget.value})}
        onKeyDown=${e=>{e.key===`Enter`&&(e.preventDefault(),n())}} />
      <button type="button" class="btn btn-sm" onClick=${n} disabled=${!e.adding.trim()} data-testid="origin-add"><${C} name="plus" size=${13} /> Add site</button>
    </div>
  </${P}>`}function un({d:e,update:t,name:n}){let r=e.widget,i=e=>t(t=>({...t,widget:{...t.widget,...e}})),a=S(r.brand_color),o=h(r.brand_color),s=a?Oe(r.brand_color,o):null;return x`<${P} title="Look">
    <div class="look">
      <div class="look-fields">
        <${N} label="Greeting" id="widget-greeting" wide help="The first line a visitor reads when they open the chat.">
          <textarea id="widget-greeting" rows="3" maxlength="500" value=${r.greeting} data-testid="widget-greeting"
            aria-describedby="widget-greeting-help" onInput=${e=>i({greeting:e.currentTarget.value})}></textarea>
        </${N}>
        <${N} label="Brand colour" id="widget-colour" help=${a?`Text on it: ${o===`#ffffff`?`white`:`dark`}, contrast ${s.toFixed(1)}:1${s<4.5?` (below 4.5:1: hard to read)`:``}.`:`As #RRGGBB.`}>
          <div class="colour">
            <input type="color" aria-label="Pick the brand colour" value=${a?r.brand_color:`#000000`} data-testid="widget-colour-picker"
              onInput=${e=>{let n=e.currentTarget.value;t(e=>({...e,colourText:n,widget:{...e.widget,brand_color:n}}))}} />
            <input id="widget-colour" class="mono-input" maxlength="7" value=${e.colourText} data-testid="widget-colour"
              aria-describedby="widget-colour-help" aria-invalid=${a?void 0:`true`}
              onInput=${e=>{let n=e.currentTarget.value.trim();t(e=>({...e,colourText:n,widget:{...e.widget,brand_color:n.toLowerCase()}}))}} />
          </div>
        </${N}>
        <fieldset class="choice-list stacked">
          <legend>Theme</legend>
          ${an.map(([e,t])=>x`<label class="choice"><input type="radio" name="widget-theme" value=${e} checked=${r.theme===e}
              onChange=${()=>i({theme:e})} data-testid=${`widget-theme-${e}`} /> ${t}</label>`)}
        </fieldset>
        <fieldset class="choice-list">
          <legend>Launcher</legend>
          ${[[`right`,`Bottom right`],[`left`,`Bottom left`]].map(([e,t])=>x`<label class="choice"><input type="radio" name="widget-position" value=${e}
              checked=${r.launcher_position===e} onChange=${()=>i({launcher_position:e})}
              data-testid=${`widget-position-${e}`} /> ${t}</label>`)}
        </fieldset>
      </div>
      <${dn} look=${r} name=${n} />
    </div>
  </${P}>`}function dn({look:e,name:t}){let n=S(e.brand_color)?e.brand_color:`#1d6ae5`,r=h(n),i=e.theme===`auto`?`auto`:e.theme;return x`<figure class="look-preview" data-testid="widget-preview" data-theme=${i} data-position=${e.launcher_position}>
    <div class="lp-site" aria-hidden="true">
      <div class="lp-panel">
        <div class="lp-head" style=${`background:${n};color:${r}`}><strong>${t||`Support`}</strong></div>
        <div class="lp-body">
          <p class="lp-greeting">${e.greeting||` `}</p>
          <p class="lp-visitor" style=${`background:${n};color:${r}`}>Do you have a free trial?</p>
        </div>
        <div class="lp-composer">Write a message…</div>
      </div>
      <span class="lp-launcher" style=${`background:${n};color:${r}`}><${C} name="sms" size=${18} /></span>
    </div>
    <figcaption class="muted small">Preview${e.theme===`auto`?`: light or dark as the visitor’s system is set`:``}.</figcaption>
  </figure>`}function fn(){let e=j(),[t,n]=M(),[r,i]=w(null);async function a(){if(!await n({title:`Make a new identity secret?`,text:`Your site must sign visitors’ ids with the new secret. The current one keeps working for a while, so you can switch without downtime.`,confirm:`Make a new secret`}))return;let t=await e.run(`rotate`,()=>b(`/v1/settings/identity-secret`,{method:`POST`}));t&&i(t)}return x`<${P} title="Identity verification" testid="widget-identity"
    text="A signed-in visitor's id, signed by your server with this secret (HMAC-SHA256), proves who they are: FlowSupport.identify({external_id, hmac}).">
    <div><button type="button" class="btn" onClick=${a} disabled=${!!e.busy} data-testid="identity-rotate">
      <${C} name="refresh" size=${14} /> ${e.busy?`Making…`:`Make a new secret`}</button></div>
    <${z} error=${e.error} />
    ${r&&x`<${L} title="The new identity secret" testid="identity-secret" secret=${r.identity_secret}
        text=${`Store it on your server now: it is not shown again. The previous secret keeps verifying until ${F(r.previous_valid_until)}.`}
        onDone=${()=>i(null)} />`}
    ${t}
  </${P}>`}var pn={profile:At,replies:Lt,macros:bt,team:Qt,"api-keys":Re,widget:cn,channels:Ze,ai:Le,sla:qt,retention:Ut,fields:it,labels:_t,kb:lt,audit:Ke,privacy:Dt};function mn(){let t=_(d,e=>e.route.page),n=_(d,e=>e.session.user),r=ie(n),i=u(n.role),a=ae(t),o=a?pn[a.id]:null,s=e(null),c=e(!0);E(()=>{c.current?c.current=!1:(s.current?.scrollTo?.(0,0),s.current?.querySelector(`#settings-title`)?.focus())},[t]);let l;return l=!a||!o?x`<${B} title="No such settings page" text="The address names a page that does not exist." />`:a.admin&&!i?x`<${B} title=${a.label} /><${je} what=${a.label} />`:x`<${o} key=${a.id} />`,x`<div class="settings" data-testid="settings">
    <nav class="settings-nav" aria-label="Settings" data-testid="settings-nav">
      <div class="settings-nav-head">
        <h2>Settings</h2>
        <p class="muted small">${i?`Your account and your workspace`:`Your account`}</p>
      </div>
      <${hn} title="You" pages=${r.filter(e=>!e.admin)} current=${t} />
      ${i&&x`<${hn} title="Workspace" pages=${r.filter(e=>e.admin)} current=${t} />`}
    </nav>
    <main class="settings-main" ref=${s} aria-labelledby="settings-title" data-testid=${`settings-page-${t}`}>
      <div class="settings-page">${l}</div>
    </main>
  </div>`}function hn({title:e,pages:t,current:n}){let r=`settings-nav-${e.toLowerCase()}`;return x`<div class="settings-nav-group">
    <h3 id=${r}>${e}</h3>
    <ul aria-labelledby=${r}>
      ${t.map(e=>x`<li key=${e.id}>
        <a href=${oe(e.id)} class=${`settings-link ${e.id===n?`active`:``}`}
          aria-current=${e.id===n?`page`:void 0} data-testid=${`settings-nav-${e.id}`}
          onClick=${t=>{t.button!==0||t.metaKey||t.ctrlKey||t.shiftKey||t.altKey||(t.preventDefault(),s({view:`settings`,page:e.id}))}}>
          <${C} name=${e.icon} size=${15} /> ${e.label}
        </a>
      </li>`)}
    </ul>
  </div>`}export{mn as Settings};