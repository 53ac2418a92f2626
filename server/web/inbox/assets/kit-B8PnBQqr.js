import{$ as e,G as t,ct as n,f as r,it as i,l as a,nt as o,rt as s,tt as c}from"./inbox-CmlZzgbu.js";function l(t,n=[]){let[r,a]=o({status:`loading`,data:null,error:null,reloading:!1}),c=e(0),l=e(!0);s(()=>()=>{l.current=!1},[]);let u=i(async()=>{let e=++c.current;a(e=>({...e,reloading:!0}));try{let n=await t();l.current&&e===c.current&&a({status:`ok`,data:n,error:null,reloading:!1})}catch(t){if(!l.current||e!==c.current)return;let n=t.status===403?`forbidden`:`error`;a(e=>({status:e.data&&n===`error`?`ok`:n,data:e.data,error:t,reloading:!1}))}},n);return s(()=>{u()},[u]),{...r,reload:u}}function u(){let[t,n]=o(null),[r,i]=o(null),[a,c]=o(!1),l=e(!1),u=e(!0);s(()=>()=>{u.current=!1},[]);async function d(e,t){if(!l.current){l.current=!0,n(e),i(null);try{return await t()}catch(e){u.current&&(i(e.message||`Something went wrong.`),e.status===403&&c(!0));return}finally{l.current=!1,u.current&&n(null)}}}return{busy:t,error:r,setError:i,forbidden:a,run:d}}function d({title:e,text:t,children:r}){return n`<header class="settings-head">
    <div>
      <h1 id="settings-title" tabIndex="-1" data-testid="settings-title">${e}</h1>
      ${t&&n`<p class="muted">${t}</p>`}
    </div>
    ${r&&n`<div class="settings-head-actions">${r}</div>`}
  </header>`}function f({title:e,text:t,children:r,testid:i,actions:a}){let o=`section-${String(e).toLowerCase().replace(/[^a-z0-9]+/g,`-`)}`;return n`<section class="settings-section" aria-labelledby=${o} data-testid=${i}>
    <div class="settings-section-head">
      <div>
        <h2 id=${o}>${e}</h2>
        ${t&&n`<p class="muted small">${t}</p>`}
      </div>
      ${a&&n`<div class="settings-section-actions">${a}</div>`}
    </div>
    ${r}
  </section>`}function p({error:e,testid:t=`settings-error`}){return e?n`<p class="form-error" role="alert" data-testid=${t}>${typeof e==`string`?e:e.message}</p>`:null}function m({what:e}){return n`<div class="settings-blocked" data-testid="settings-admins-only" role="status">
    <span class="placeholder-icon"><${a} name="shield" size=${26} /></span>
    <h2>Admins only</h2>
    <p class="muted">${e?`${e} is`:`This page is`} for your workspace's admins. Ask an admin if something here needs to change.</p>
    <a class="btn" href="/inbox/settings/profile" data-testid="settings-back-to-profile" onClick=${e=>{e.preventDefault(),t({view:`settings`,page:`profile`})}}>Go to your profile</a>
  </div>`}function h({resource:e,what:t,children:i}){return e.status===`forbidden`?n`<${m} what=${t} />`:e.status===`loading`?n`<div class="settings-loading"><${r} label=${`Loading ${t||`settings`}`} /> Loading…</div>`:e.status===`error`&&!e.data?n`<div class="settings-blocked" role="alert">
      <h2>Could not load ${t?t.toLowerCase():`this page`}</h2>
      <p class="muted">${e.error?.message}</p>
      <button class="btn" onClick=${e.reload}>Try again</button>
    </div>`:i(e.data)}function g(){let[e,t]=o(null),r=i(e=>new Promise(n=>t({...e,resolve:n})),[]);return[e&&n`<${_} ...${e} onClose=${n=>{e?.resolve(n),t(null)}} />`,r]}function _({title:t,text:r,confirm:i=`Confirm`,danger:a=!0,onClose:o}){let s=e(null);c(()=>{let e=document.activeElement;return s.current?.querySelector(`[data-cancel]`)?.focus(),()=>e?.focus?.()},[]);function l(e){e.key===`Escape`?(e.stopPropagation(),e.preventDefault(),o(!1)):e.key===`Tab`&&v(e,s.current)}return n`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&o(!1)}>
    <div ref=${s} class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
      aria-describedby="confirm-text" data-testid="confirm-dialog" onKeyDown=${l}>
      <div class="dialog-head"><h2 id="confirm-title">${t}</h2></div>
      <p id="confirm-text" class="dialog-text">${r}</p>
      <div class="dialog-actions">
        <button class="btn" data-cancel data-testid="confirm-cancel" onClick=${()=>o(!1)}>Cancel</button>
        <button class=${`btn ${a?`btn-danger`:`btn-primary`}`} data-testid="confirm-ok" onClick=${()=>o(!0)}>${i}</button>
      </div>
    </div>
  </div>`}function v(e,t){if(!t)return;let n=[...t.querySelectorAll(`button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])`)].filter(e=>!e.disabled);if(!n.length)return;let r=n[0],i=n[n.length-1];e.shiftKey&&document.activeElement===r?(e.preventDefault(),i.focus()):!e.shiftKey&&document.activeElement===i&&(e.preventDefault(),r.focus())}function y({text:t,testid:r,label:i=`Copy`,multiline:c=!1}){let[l,u]=o(`idle`),d=e(null);s(()=>{if(l===`idle`)return;let e=setTimeout(()=>u(`idle`),2500);return()=>clearTimeout(e)},[l]);async function f(){try{await navigator.clipboard.writeText(t),u(`copied`)}catch{let e=document.createRange();e.selectNodeContents(d.current);let t=getSelection();t.removeAllRanges(),t.addRange(e),u(`failed`)}}return n`<div class="copybox">
    <code ref=${d} data-testid=${r} class=${c?`multiline`:``}>${t}</code>
    <button class="btn btn-sm" type="button" onClick=${f} data-testid=${r&&`${r}-copy`}>
      <${a} name=${l===`copied`?`check`:`copy`} size=${13} /> ${l===`copied`?`Copied`:i}
    </button>
    <span class="visually-hidden" role="status">${l===`copied`?`Copied to the clipboard`:l===`failed`?`Selected: press Ctrl+C to copy`:``}</span>
  </div>`}function b({title:e,text:t,secret:r,testid:i,onDone:o}){return n`<div class="once" role="region" aria-label=${e} data-testid=${i}>
    <div class="once-head"><${a} name="key" size=${15} /> <strong>${e}</strong></div>
    <p class="small">${t}</p>
    <${y} text=${r} testid=${`${i}-value`} />
    ${o&&n`<div><button class="btn btn-sm" onClick=${o} data-testid=${`${i}-done`}>Done</button></div>`}
  </div>`}function x({checked:e,onChange:t,label:r,text:i,testid:a,disabled:o=!1}){let s=`toggle-${a||r}`;return n`<div class="setting-row">
    <div class="setting-label">
      <label for=${s}>${r}</label>
      ${i&&n`<p class="muted small" id=${`${s}-text`}>${i}</p>`}
    </div>
    <label class="switch">
      <input id=${s} type="checkbox" role="switch" data-testid=${a} checked=${e} disabled=${o}
        aria-describedby=${i?`${s}-text`:void 0} onChange=${e=>t(e.currentTarget.checked)} />
      <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
    </label>
  </div>`}function S({label:e,help:t,children:r,id:i,wide:a=!1}){return n`<div class=${`sfield ${a?`sfield-wide`:``}`}>
    <label for=${i}>${e}</label>
    ${r}
    ${t&&n`<small class="muted" id=${`${i}-help`}>${t}</small>`}
  </div>`}function C({dirty:e,busy:t,error:r,saved:i,testid:a=`settings-save`,label:o=`Save changes`,onDiscard:s}){return n`<div class="savebar">
    <${p} error=${r} />
    <div class="savebar-actions">
      <span class="muted small" role="status">${t?`Saving…`:e?`Unsaved changes`:i?`Saved`:``}</span>
      ${s&&n`<button type="button" class="btn" disabled=${!e||t} onClick=${s} data-testid=${`${a}-discard`}>Discard</button>`}
      <button type="submit" class="btn btn-primary" disabled=${!e||t} data-testid=${a}>${t?`Saving…`:o}</button>
    </div>
  </div>`}function w(e,t=`—`){if(!e)return t;let n=new Date(e);return Number.isNaN(n.getTime())?t:n.toLocaleString(void 0,{day:`numeric`,month:`short`,year:`numeric`,hour:`2-digit`,minute:`2-digit`})}export{h as a,C as c,u as d,g as f,S as i,f as l,w as m,y as n,b as o,l as p,p as r,d as s,m as t,x as u};