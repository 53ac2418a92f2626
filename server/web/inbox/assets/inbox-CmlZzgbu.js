const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/Settings-yVc9chkS.js","assets/kit-B8PnBQqr.js","assets/Reports-CrnQkLlF.js"])))=>i.map(i=>d[i]);
var e,t,n,r,i,a,o,s,c,l,u,d,f,p,m={},h=[],g=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,_=Array.isArray;function v(e,t){for(var n in t)e[n]=t[n];return e}function ee(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function y(t,n,r){var i,a,o,s={};for(o in n)o==`key`?i=n[o]:o==`ref`?a=n[o]:s[o]=n[o];if(arguments.length>2&&(s.children=arguments.length>3?e.call(arguments,2):r),typeof t==`function`&&t.defaultProps!=null)for(o in t.defaultProps)s[o]===void 0&&(s[o]=t.defaultProps[o]);return b(t,s,i,a,null)}function b(e,r,i,a,o){var s={type:e,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:o??++n,__i:-1,__u:0};return o==null&&t.vnode!=null&&t.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t}function C(e,t){if(t==null)return e.__?C(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type==`function`?C(e):null}function te(e){if(e.__P&&e.__d){var n=e.__v,r=n.__e,i=[],a=[],o=v({},n);o.__v=n.__v+1,t.vnode&&t.vnode(o),se(e.__P,o,n,e.__n,e.__P.namespaceURI,32&n.__u?[r]:null,i,r??C(n),!!(32&n.__u),a),o.__v=n.__v,o.__.__k[o.__i]=o,le(i,o,a),n.__e=n.__=null,o.__e!=r&&w(o)}}function w(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),w(e)}function T(e){(!e.__d&&(e.__d=!0)&&r.push(e)&&!E.__r++||i!=t.debounceRendering)&&((i=t.debounceRendering)||a)(E)}function E(){try{for(var e,t=1;r.length;)r.length>t&&r.sort(o),e=r.shift(),t=r.length,te(e)}finally{r.length=E.__r=0}}function ne(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,g,_,v,ee=r&&r.__k||h,y=t.length;for(c=D(n,t,ee,c,y),d=0;d<y;d++)(p=n.__k[d])!=null&&(f=p.__i!=-1&&ee[p.__i]||m,p.__i=d,v=se(e,p,f,i,a,o,s,c,l,u),g=p.__e,p.ref&&f.ref!=p.ref&&(f.ref&&fe(f.ref,null,p),u.push(p.ref,p.__c||g,p)),_==null&&g!=null&&(_=g),4&p.__u?(c=re(p,c,e),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),p.__u&=-7);return n.__e=_,c}function D(e,t,n,r,i){var a,o,s,c,l,u=n.length,d=u,f=0;for(e.__k=Array(i),a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o==`string`||typeof o==`number`||typeof o==`bigint`||o.constructor==String?o=e.__k[a]=b(null,o,null,null,null):_(o)?o=e.__k[a]=b(x,{children:o},null,null,null):o.constructor===void 0&&o.__b>0?o=e.__k[a]=b(o.type,o.props,o.key,o.ref?o.ref:null,o.__v):e.__k[a]=o,c=a+f,o.__=e,o.__b=e.__b+1,s=null,(l=o.__i=ie(o,n,c,d))!=-1&&(d--,(s=n[l])&&(s.__u|=2)),s==null||s.__v==null?(l==-1&&(i>u?f--:i<u&&f++),typeof o.type!=`function`&&(o.__u|=4)):l!=c&&(l==c-1?f--:l==c+1?f++:(l>c?f--:f++,o.__u|=4))):e.__k[a]=null;if(d)for(a=0;a<u;a++)(s=n[a])!=null&&!(2&s.__u)&&(s.__e==r&&(r=C(s)),pe(s,s));return r}function re(e,t,n){var r,i;if(typeof e.type==`function`){for(r=e.__k,i=0;r&&i<r.length;i++)r[i]&&(r[i].__=e,t=re(r[i],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=C(e)),t=n.insertBefore(e.__e,t||null));do t&&=t.nextSibling;while(t!=null&&t.nodeType==8);return t}function ie(e,t,n,r){var i,a,o,s=e.key,c=e.type,l=t[n],u=l!=null&&!(2&l.__u);if(l===null&&s==null||u&&s==l.key&&c==l.type)return n;if(r>+!!u){for(i=n-1,a=n+1;i>=0||a<t.length;)if((l=t[o=i>=0?i--:a++])!=null&&!(2&l.__u)&&s==l.key&&c==l.type)return o}return-1}function ae(e,t,n){t[0]==`-`?e.setProperty(t,n??``):e[t]=n==null?``:typeof n!=`number`||g.test(t)?n:n+`px`}function oe(e,t,n,r,i){var a,o;n:if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||ae(e.style,t,``);if(n)for(t in n)r&&n[t]==r[t]||ae(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)a=t!=(t=t.replace(u,`$1`)),o=t.toLowerCase(),t=o in e||t==`onFocusOut`||t==`onFocusIn`?o.slice(2):t.slice(2),e.l||={},e.l[t+a]=n,n?r?n[l]=r[l]:(n[l]=d,e.addEventListener(t,a?p:f,a)):e.removeEventListener(t,a?p:f,a);else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;break n}catch{}typeof n==`function`||(n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n))}}function O(e){return function(n){if(this.l){var r=this.l[n.type+e];if(n[c]==null)n[c]=d++;else if(n[c]<r[l])return;return r(t.event?t.event(n):n)}}}function se(e,n,r,i,a,o,s,c,l,u){var d,f,p,m,g,y,b,te,w,T,E,D,re,ie,ae,oe,O=n.type;if(n.constructor!==void 0)return null;128&r.__u&&(l=!!(32&r.__u),o=[c=n.__e=r.__e]),(d=t.__b)&&d(n);n:if(typeof O==`function`){f=s.length;try{if(w=n.props,T=O.prototype&&O.prototype.render,E=(d=O.contextType)&&i[d.__c],D=d?E?E.props.value:d.__:i,r.__c?te=(p=n.__c=r.__c).__=p.__E:(T?n.__c=p=new O(w,D):(n.__c=p=new S(w,D),p.constructor=O,p.render=me),E&&E.sub(p),p.state||(p.state={}),p.__n=i,m=p.__d=!0,p.__h=[],p._sb=[]),T&&p.__s==null&&(p.__s=p.state),T&&O.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=v({},p.__s)),v(p.__s,O.getDerivedStateFromProps(w,p.__s))),g=p.props,y=p.state,p.__v=n,m)T&&O.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),T&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(T&&O.getDerivedStateFromProps==null&&w!==g&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(w,D),n.__v==r.__v||!p.__e&&p.shouldComponentUpdate!=null&&!1===p.shouldComponentUpdate(w,p.__s,D)){n.__v!=r.__v&&(p.props=w,p.state=p.__s,p.__d=!1),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),h.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&s.push(p),c=C(r);break n}p.componentWillUpdate!=null&&p.componentWillUpdate(w,p.__s,D),T&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(g,y,b)})}if(p.context=D,p.props=w,p.__P=e,p.__e=!1,re=t.__r,ie=0,T)p.state=p.__s,p.__d=!1,re&&re(n),d=p.render(p.props,p.state,p.context),h.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,re&&re(n),d=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++ie<25);p.state=p.__s,p.getChildContext!=null&&(i=v(v({},i),p.getChildContext())),T&&!m&&p.getSnapshotBeforeUpdate!=null&&(b=p.getSnapshotBeforeUpdate(g,y)),ae=d!=null&&d.type===x&&d.key==null?ue(d.props.children):d,c=ne(e,_(ae)?ae:[ae],n,r,i,a,o,s,c,l,u),p.base=n.__e,n.__u&=-161,p.__h.length&&s.push(p),te&&(p.__E=p.__=null)}catch(e){if(s.length=f,n.__v=null,l||o!=null){if(e.then){for(n.__u|=l?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),n.__e=c}else if(o!=null)for(oe=o.length;oe--;)ee(o[oe])}else n.__e=r.__e;n.__k??=r.__k||[],e.then||ce(n),t.__e(e,n,r)}}else o==null&&n.__v==r.__v?(n.__k=r.__k,n.__e=r.__e):c=n.__e=de(r.__e,n,r,i,a,o,s,l,u);return(d=t.diffed)&&d(n),128&n.__u?void 0:c}function ce(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(ce))}function le(e,n,r){for(var i=0;i<r.length;i++)fe(r[i],r[++i],r[++i]);t.__c&&t.__c(n,e),e.some(function(n){try{e=n.__h,n.__h=[],e.some(function(e){e.call(n)})}catch(e){t.__e(e,n.__v)}})}function ue(e){return typeof e!=`object`||!e||e.__b>0?e:_(e)?e.map(ue):e.constructor===void 0?v({},e):null}function de(n,r,i,a,o,s,c,l,u){var d,f,p,h,g,v,y,b=i.props||m,x=r.props,S=r.type;if(S==`svg`?o=`http://www.w3.org/2000/svg`:S==`math`?o=`http://www.w3.org/1998/Math/MathML`:o||=`http://www.w3.org/1999/xhtml`,s!=null){for(d=0;d<s.length;d++)if((g=s[d])&&`setAttribute`in g==!!S&&(S?g.localName==S:g.nodeType==3)){n=g,s[d]=null;break}}if(n==null){if(S==null)return document.createTextNode(x);n=document.createElementNS(o,S,x.is&&x),l&&=(t.__m&&t.__m(r,s),!1),s=null}if(S==null)b===x||l&&n.data==x||(n.data=x);else{if(s=S==`textarea`&&x.defaultValue!=null?null:s&&e.call(n.childNodes),!l&&s!=null)for(b={},d=0;d<n.attributes.length;d++)b[(g=n.attributes[d]).name]=g.value;for(d in b)g=b[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in x||d==`value`&&`defaultValue`in x||d==`checked`&&`defaultChecked`in x||oe(n,d,null,g,o);for(d in x)g=x[d],d==`children`?h=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?v=g:d==`checked`?y=g:l&&typeof g!=`function`||b[d]===g||oe(n,d,g,b[d],o);if(f)l||p&&(f.__html==p.__html||f.__html==n.innerHTML)||(n.innerHTML=f.__html),r.__k=[];else if(p&&(n.innerHTML=``),ne(r.type==`template`?n.content:n,_(h)?h:[h],r,i,a,S==`foreignObject`?`http://www.w3.org/1999/xhtml`:o,s,c,s?s[0]:i.__k&&C(i,0),l,u),s!=null)for(d=s.length;d--;)ee(s[d]);l&&S!=`textarea`||(d=`value`,S==`progress`&&v==null?n.removeAttribute(`value`):v!=null&&(v!==n[d]||S==`progress`&&!v||S==`option`&&v!=b[d])&&oe(n,d,v,b[d],o),d=`checked`,y!=null&&y!=n[d]&&oe(n,d,y,b[d],o))}return n}function fe(e,n,r){try{if(typeof e==`function`){var i=typeof e.__u==`function`;i&&e.__u(),i&&n==null||(e.__u=e(n))}else e.current=n}catch(e){t.__e(e,r)}}function pe(e,n,r){var i,a;if(t.unmount&&t.unmount(e),(i=e.ref)&&(i.current&&i.current!=e.__e||fe(i,null,n)),(i=e.__c)!=null){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(e){t.__e(e,n)}i.base=i.__P=i.__n=null}if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&pe(i[a],n,r||typeof e.type!=`function`);r||ee(e.__e),e.__c=e.__=e.__e=void 0}function me(e,t,n){return this.constructor(e,n)}function he(n,r,i){var a,o,s,c;r==document&&(r=document.documentElement),t.__&&t.__(n,r),o=(a=typeof i==`function`)?null:i&&i.__k||r.__k,s=[],c=[],se(r,n=(!a&&i||r).__k=y(x,null,[n]),o||m,m,r.namespaceURI,!a&&i?[i]:o?null:r.firstChild?e.call(r.childNodes):null,s,!a&&i?i:o?o.__e:r.firstChild,a,c),le(s,n,c),n.props.children=null}e=h.slice,t={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!i.__)try{if((a=i.constructor)&&a.getDerivedStateFromError!=null&&(i.setState(a.getDerivedStateFromError(e)),o=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,r||{}),o=i.__d),o)return i.__E=i}catch(t){e=t}throw e}},n=0,S.prototype.setState=function(e,t){var n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=v({},this.state);typeof e==`function`&&(e=e(v({},n),this.props)),e&&v(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),T(this))},S.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),T(this))},S.prototype.render=x,r=[],a=typeof Promise==`function`?Promise.prototype.then.bind(Promise.resolve()):setTimeout,o=function(e,t){return e.__v.__b-t.__v.__b},E.__r=0,s=Math.random().toString(8),c=`__d`+s,l=`__a`+s,u=/(PointerCapture)$|Capture$/i,d=0,f=O(!1),p=O(!0);var ge=function(e,t,n,r){var i;t[0]=0;for(var a=1;a<t.length;a++){var o=t[a++],s=t[a]?(t[0]|=o?1:2,n[t[a++]]):t[++a];o===3?r[0]=s:o===4?r[1]=Object.assign(r[1]||{},s):o===5?(r[1]=r[1]||{})[t[++a]]=s:o===6?r[1][t[++a]]+=s+``:o?(i=e.apply(s,ge(e,s,n,[``,null])),r.push(i),s[0]?t[0]|=2:(t[a-2]=0,t[a]=i)):r.push(s)}return r},_e=new Map;function ve(e){var t=_e.get(this);return t||(t=new Map,_e.set(this,t)),(t=ge(this,t.get(e)||(t.set(e,t=function(e){for(var t,n,r=1,i=``,a=``,o=[0],s=function(e){r===1&&(e||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,``)))?o.push(0,e,i):r===3&&(e||i)?(o.push(3,e,i),r=2):r===2&&i===`...`&&e?o.push(4,e,0):r===2&&i&&!e?o.push(5,0,!0,i):r>=5&&((i||!e&&r===5)&&(o.push(r,0,i,n),r=6),e&&(o.push(r,e,0,n),r=6)),i=``},c=0;c<e.length;c++){c&&(r===1&&s(),s(c));for(var l=0;l<e[c].length;l++)t=e[c][l],r===1?t===`<`?(s(),o=[o],r=3):i+=t:r===4?i===`--`&&t===`>`?(r=1,i=``):i=t+i[0]:a?t===a?a=``:i+=t:t===`"`||t===`'`?a=t:t===`>`?(s(),r=1):r&&(t===`=`?(r=5,n=i,i=``):t===`/`&&(r<5||e[c][l+1]===`>`)?(s(),r===3&&(o=o[0]),r=o,(o=o[0]).push(2,0,r),r=0):t===` `||t===`	`||t===`
`||t===`\r`?(s(),r=2):i+=t),r===3&&i===`!--`&&(r=4,o=o[0])}return s(),o}(e)),t),arguments,[])).length>1?t:t[0]}var k=ve.bind(y);function ye(e=globalThis.crypto){if(typeof e.randomUUID==`function`)return e.randomUUID();let t=e.getRandomValues(new Uint8Array(16));t[6]=t[6]&15|64,t[8]=t[8]&63|128;let n=[...t].map(e=>e.toString(16).padStart(2,`0`)).join(``);return`${n.slice(0,8)}-${n.slice(8,12)}-${n.slice(12,16)}-${n.slice(16,20)}-${n.slice(20)}`}function be(e=`r`){let t=0;return()=>`${e}${++t}`}function xe(e){return String(e||``).replace(/-/g,``).slice(-6)}var Se=6e4,Ce=60*Se,we=24*Ce;function Te(e){let t=typeof e==`number`?e:Date.parse(e||``);return Number.isFinite(t)?t:0}function Ee(e,t=Date.now()){let n=Te(e);if(!n)return``;let r=t-n;if(r<Se)return`now`;if(r<Ce)return`${Math.floor(r/Se)}m`;let i=new Date(n),a=new Date(t);if(r<we&&i.getDate()===a.getDate())return`${Math.floor(r/Ce)}h`;let o=Math.round((je(t)-je(n))/we);if(o<=1)return`Yesterday`;if(o<7)return i.toLocaleDateString(void 0,{weekday:`short`});let s=i.getFullYear()===a.getFullYear();return i.toLocaleDateString(void 0,s?{month:`short`,day:`numeric`}:{month:`short`,day:`numeric`,year:`numeric`})}function De(e){let t=Te(e);return t?new Date(t).toLocaleTimeString(void 0,{hour:`2-digit`,minute:`2-digit`}):``}function Oe(e,t=Date.now()){let n=Te(e),r=Math.round((je(t)-je(n))/we);return r===0?`Today`:r===1?`Yesterday`:new Date(n).toLocaleDateString(void 0,{weekday:`long`,month:`long`,day:`numeric`,year:`numeric`})}function A(e){let t=Te(e);return t?new Date(t).toLocaleString(void 0,{dateStyle:`medium`,timeStyle:`short`}):``}function ke(e,t=Date.now()){let n=Te(e);if(!n)return``;let r=n-t,i=Ae(Math.abs(r));return r>=0?`due in ${i}`:`overdue by ${i}`}function Ae(e){let t=Math.max(1,Math.round(e/Se));if(t<60)return`${t}m`;if(t<1440){let e=Math.floor(t/60),n=t%60;return n?`${e}h ${n}m`:`${e}h`}let n=Math.round(t/60),r=Math.floor(n/24),i=n%24;return i?`${r}d ${i}h`:`${r}d`}function je(e){let t=new Date(e);return t.setHours(0,0,0,0),t.getTime()}function Me(e,t){let n=Ee(e,t);return n===`now`?`just now`:/^\d+[mh]$/.test(n)?`${n} ago`:n}var Ne=class extends Error{constructor(e,t,n){super(n),this.status=e,this.code=t}},Pe=null,Fe=()=>{};function Ie({accessToken:e,unauthorized:t}){Pe=e,t&&(Fe=t)}function Le(e,t={}){let n=new URLSearchParams;for(let[e,r]of Object.entries(t))r!==``&&r!=null&&r!==!1&&n.set(e,String(r));let r=n.toString();return r?`${e}?${r}`:e}async function j(e,{method:t=`GET`,body:n,form:r,query:i,auth:a=!0}={}){let o={accept:`application/json`};n!==void 0&&(o[`content-type`]=`application/json`),a&&Pe&&(o.authorization=`Bearer ${Pe}`);let s;try{s=await fetch(Le(e,i),{method:t,headers:o,body:r===void 0?n===void 0?void 0:JSON.stringify(n):r,credentials:`same-origin`})}catch{throw new Ne(0,`unavailable`,`The server cannot be reached. Check your connection.`)}let c=null;if((s.headers.get(`content-type`)||``).includes(`json`))try{c=await s.json()}catch{c=null}if(s.ok)return c;let l=c?.error?c.error:{},u=new Ne(s.status,l.code||(s.status===404?`not_found`:`internal`),l.message||`${t} ${e} failed (${s.status})`);throw s.status===401&&a&&Fe(u),u}async function Re(e,{query:t,filename:n}){let r;try{r=await fetch(Le(e,t),{headers:Pe?{authorization:`Bearer ${Pe}`}:{},credentials:`same-origin`})}catch{throw new Ne(0,`unavailable`,`The server cannot be reached. Check your connection.`)}if(!r.ok){let e={};try{e=(await r.json()).error||{}}catch{e={}}let t=new Ne(r.status,e.code||`internal`,e.message||`Download failed (${r.status})`);throw r.status===401&&Fe(t),t}let i=URL.createObjectURL(await r.blob()),a=Object.assign(document.createElement(`a`),{href:i,download:n});return document.body.append(a),a.click(),a.remove(),setTimeout(()=>URL.revokeObjectURL(i),1e4),r.headers}var ze,M,Be,Ve,He=0,Ue=[],N=t,We=N.__b,Ge=N.__r,Ke=N.diffed,qe=N.__c,Je=N.unmount,Ye=N.__;function Xe(e,t){N.__h&&N.__h(M,e,He||t),He=0;var n=M.__H||(M.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function P(e){return He=1,Ze(st,e)}function Ze(e,t,n){var r=Xe(ze++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):st(void 0,t),function(e){var t=r.__N?r.__N[0]:r.__[0],n=r.t(t,e);t!==n&&(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=M,!M.__f)){var i=function(e,t,n){if(!r.__c.__H)return!0;var i=!1,o=r.__c.props!==e;if(r.__c.__H.__.some(function(e){if(e.__N){i=!0;var t=e.__[0];e.__=e.__N,e.__N=void 0,t!==e.__[0]&&(o=!0)}}),a){var s=a.call(this,e,t,n);return i?s||o:s}return!i||o};M.__f=!0;var a=M.shouldComponentUpdate,o=M.componentWillUpdate;M.componentWillUpdate=function(e,t,n){if(this.__e){var r=a;a=void 0,i(e,t,n),a=r}o&&o.call(this,e,t,n)},M.shouldComponentUpdate=i}return r.__N||r.__}function F(e,t){var n=Xe(ze++,3);!N.__s&&ot(n.__H,t)&&(n.__=e,n.u=t,M.__H.__h.push(n))}function Qe(e,t){var n=Xe(ze++,4);!N.__s&&ot(n.__H,t)&&(n.__=e,n.u=t,M.__h.push(n))}function I(e){return He=5,$e(function(){return{current:e}},[])}function $e(e,t){var n=Xe(ze++,7);return ot(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function et(e,t){return He=8,$e(function(){return e},t)}function tt(){for(var e;e=Ue.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(it),t.__h.some(at),t.__h=[]}catch(n){t.__h=[],N.__e(n,e.__v)}}}N.__b=function(e){M=null,We&&We(e)},N.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Ye&&Ye(e,t)},N.__r=function(e){Ge&&Ge(e),ze=0;var t=(M=e.__c).__H;t&&(Be===M?(t.__h=[],M.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})):(t.__h.some(it),t.__h.some(at),t.__h=[],ze=0)),Be=M},N.diffed=function(e){Ke&&Ke(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(Ue.push(t)!==1&&Ve===N.requestAnimationFrame||((Ve=N.requestAnimationFrame)||rt)(tt)),t.__H.__.some(function(e){e.u&&=(e.__H=e.u,void 0)})),Be=M=null},N.__c=function(e,t){t.some(function(e){try{e.__h.some(it),e.__h=e.__h.filter(function(e){return!e.__||at(e)})}catch(n){t.some(function(e){e.__h&&=[]}),t=[],N.__e(n,e.__v)}}),qe&&qe(e,t)},N.unmount=function(e){Je&&Je(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(e){try{it(e)}catch(e){t=e}}),n.__H=void 0,t&&N.__e(t,n.__v))};var nt=typeof requestAnimationFrame==`function`;function rt(e){var t,n=function(){clearTimeout(r),nt&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);nt&&(t=requestAnimationFrame(n))}function it(e){var t=M,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),M=t}function at(e){var t=M;e.__c=e.__(),M=t}function ot(e,t){return!e||e.length!==t.length||t.some(function(t,n){return t!==e[n]})}function st(e,t){return typeof t==`function`?t(e):t}function ct(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=e(t);if(r!==t){t=r;for(let e of[...n])try{e(t)}catch(e){setTimeout(()=>{throw e})}}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function L(e,t){let[,n]=Ze(e=>e+1,0),r=I(t);r.current=t;let i=t(e.get()),a=I(i);return a.current=i,Qe(()=>{let t=e=>{let t;try{t=!Object.is(r.current(e),a.current)}catch{t=!0}t&&n()},i=e.subscribe(t);return t(e.get()),i},[e]),i}var lt=[`comfortable`,`compact`],ut=Object.freeze({density:`comfortable`,shortcuts:!0,notifyWaiting:!0,notifyReplies:!0,sound:!1}),dt=[`shortcuts`,`notifyWaiting`,`notifyReplies`,`sound`],ft=e=>`flowsupport.inbox.prefs.${e}`;function pt(e){let t=e&&typeof e==`object`?e:{},n={density:lt.includes(t.density)?t.density:ut.density};for(let e of dt)n[e]=typeof t[e]==`boolean`?t[e]:ut[e];return n}function mt(e,t=globalThis.localStorage){if(!e||!t)return{...ut};try{return pt(JSON.parse(t.getItem(ft(e))||`null`))}catch{return{...ut}}}function ht(e,t,n=globalThis.localStorage){try{return n.setItem(ft(e),JSON.stringify(pt(t))),!0}catch{return!1}}function gt(e,t=globalThis.document?.documentElement){t&&(t.dataset.density=pt(e).density)}var _t=`/inbox/settings`,vt=[{id:`profile`,label:`Profile`,icon:`user`,admin:!1},{id:`replies`,label:`Canned replies`,icon:`send`,admin:!1},{id:`macros`,label:`Macros`,icon:`sparkle`,admin:!1},{id:`team`,label:`Team`,icon:`users`,admin:!0},{id:`api-keys`,label:`API keys`,icon:`key`,admin:!0},{id:`widget`,label:`Widget`,icon:`api`,admin:!0},{id:`channels`,label:`Channels`,icon:`plug`,admin:!0},{id:`ai`,label:`AI answers`,icon:`sparkle`,admin:!0},{id:`sla`,label:`SLA & hours`,icon:`clock`,admin:!0},{id:`fields`,label:`Ticket fields`,icon:`tag`,admin:!0},{id:`labels`,label:`Labels`,icon:`tag`,admin:!0},{id:`retention`,label:`Data retention`,icon:`trash`,admin:!0},{id:`kb`,label:`Knowledge base`,icon:`book`,admin:!0},{id:`audit`,label:`Audit log`,icon:`shield`,admin:!0},{id:`privacy`,label:`Privacy requests`,icon:`lock`,admin:!0}],yt=new Set([`admin`,`super_admin`]);function bt(e){return yt.has(e)}function xt(e){let t=bt(e?.role);return vt.filter(e=>t||!e.admin)}function St(e){return vt.find(t=>t.id===e)||null}function Ct(e){return`${_t}/${encodeURIComponent(e||`profile`)}`}function wt(e){let t=/^\/inbox\/settings(?:\/([^/]*))?\/?$/.exec(e||``);if(!t)return null;try{return decodeURIComponent(t[1]||``)||`profile`}catch{return t[1]}}var Tt=`flowsupport.inbox.session`,Et=[{value:`active`,label:`Active`,statuses:[`open`,`waiting_human`,`pending`]},{value:`open`,label:`Open`,statuses:[`open`]},{value:`waiting_human`,label:`Waiting for human`,statuses:[`waiting_human`]},{value:`pending`,label:`Pending`,statuses:[`pending`]},{value:`snoozed`,label:`Snoozed`,statuses:[`pending`],snoozed:!0},{value:`resolved`,label:`Resolved`,statuses:[`resolved`]},{value:`closed`,label:`Closed`,statuses:[`closed`]},{value:`all`,label:`All`,statuses:null}];function Dt(){return{session:Nt(),conn:`connecting`,connProblem:null,presence:{count:0,agents:[]},names:{},staff:{state:`idle`,loading:!1,users:null},route:kt(globalThis.location),lastConversationId:null,lastTicketId:null,lastSettingsPage:null,convs:{},list:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null,source:`http`},filters:{status:`active`,assignee:``,channel:``,q:``,label:``},cursor:null,seen:{},unread:{},unreadServer:{},readUpTo:{},threads:{},streams:{},typing:{},viewers:{},visitorRead:{},drafts:{},uploads:{},composerMode:`reply`,contacts:{},tickets:{},ticketList:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null},ticketFilters:{status:``,priority:``,assignee:``,q:``},ticketDetail:{},toasts:[],notices:{},help:!1,kbDraft:null,prefs:mt(null)}}var R=ct(Dt());function z(e,t,n,r){let i=e[t],a=i[n],o=typeof r==`function`?r(a):{...a,...r};return o===a?e:{...e,[t]:{...i,[n]:o}}}function Ot(e,t,n){if(!(n in e[t]))return e;let{[n]:r,...i}=e[t];return{...e,[t]:i}}function kt(e){let t=wt(e?.pathname);return t?{view:`settings`,page:t,conversationId:null,ticketId:null}:jt(e?.hash||``)}function At(e){return e.view===`settings`?Ct(e.page):`/inbox${Mt(e)}`}function jt(e){let t=e.replace(/^#\/?/,``).split(`/`).filter(Boolean).map(decodeURIComponent);return t[0]===`tickets`?{view:`tickets`,conversationId:null,ticketId:t[1]||null}:t[0]===`reports`?{view:`reports`,conversationId:null,ticketId:null}:{view:`conversations`,conversationId:t[1]||null,ticketId:null}}function Mt(e){return e.view===`reports`?`#/reports`:e.view===`tickets`?e.ticketId?`#/tickets/${encodeURIComponent(e.ticketId)}`:`#/tickets`:e.conversationId?`#/conversations/${encodeURIComponent(e.conversationId)}`:`#/conversations`}function Nt(){try{let e=JSON.parse(sessionStorage.getItem(Tt)||`null`);if(e?.token&&e.user&&e.expiresAt>Date.now())return e}catch{}return null}function Pt(e){try{e?sessionStorage.setItem(Tt,JSON.stringify(e)):sessionStorage.removeItem(Tt)}catch{}}var Ft=2e3;function It(e){return Bt(`flowsupport.inbox.seen.${e}`)||{}}function Lt(e,t){let n=Object.entries(t);n.length>Ft&&(n=n.slice(n.length-Ft)),Vt(`flowsupport.inbox.seen.${e}`,Object.fromEntries(n))}function Rt(e){return Bt(`flowsupport.inbox.names.${e}`)||{}}function zt(e,t){Vt(`flowsupport.inbox.names.${e}`,t)}function Bt(e){try{return JSON.parse(localStorage.getItem(e)||`null`)}catch{return null}}function Vt(e,t){try{localStorage.setItem(e,JSON.stringify(t))}catch{}}var Ht=0;function B(e,t=`error`){let n=++Ht;R.set(r=>({...r,toasts:[...r.toasts.filter(t=>t.text!==e),{id:n,text:e,kind:t}].slice(-4)})),setTimeout(()=>Ut(n),t===`error`?7e3:4e3)}function Ut(e){R.set(t=>t.toasts.some(t=>t.id===e)?{...t,toasts:t.toasts.filter(t=>t.id!==e)}:t)}function V(e,t){if(!e)return;let n=e.message||`Something went wrong`;B(t?`${t}: ${n}`:n,`error`)}function Wt(e=0){return{last:e,until:e,ahead:[]}}function Gt(e,t){return t>e.until?{...e,until:t}:e}function Kt(e,t){if(!Number.isInteger(t))return{seqs:e,verdict:`old`};let n=t,{last:r,until:i,ahead:a}=e;n>i&&r<i&&(r=i);let o=`old`;n>r&&(n===r+1||n<=i)?(a.includes(n)||(o=`next`),r=n):n>r&&(o=`gap`,a.includes(n)||(a=[...a,n].sort((e,t)=>e-t)));let s=0;for(;s<a.length&&a[s]<=r+1;)r=Math.max(r,a[s++]);return s&&(a=a.slice(s)),r===e.last&&i===e.until&&a===e.ahead?{seqs:e,verdict:o}:{seqs:{last:r,until:i,ahead:a},verdict:o}}function qt(e=0){return{next:e,text:``,early:{}}}function Jt(e,t,n){if(!Number.isInteger(t)||typeof n!=`string`)return e;let r=t;if(r<e.next||Object.hasOwn(e.early,r))return e;let i={...e.early,[r]:n},{next:a,text:o}=e;for(;Object.hasOwn(i,a);)o+=i[a],delete i[a],a+=1;return{next:a,text:o,early:i}}function Yt(){return{messages:[],seq:Wt(0),ready:!1,truncated:!1,pending:[]}}function Xt(e,t){let n=e.messages,r=n.findIndex(e=>e.id===t.id||e.seq===t.seq),i;r>=0?(i=n.slice(),i[r]=t):i=!n.length||n[n.length-1].seq<t.seq?[...n,t]:[...n,t].sort((e,t)=>e.seq-t.seq);let a=t.client_msg_id?e.pending.filter(e=>e.client_msg_id!==t.client_msg_id):e.pending;return{...e,messages:i,pending:a}}function Zt(e,t){return t.reduce(Xt,e)}function Qt(e,t){return{...e,pending:[...e.pending,t]}}var $t=3e5;function en(e,t){let n=[],r=null,i=null;for(let a of e){let e=t(a.created_at);e!==r&&(n.push({kind:`day`,key:`day-${a.seq??a.id}`,label:e}),r=e,i=null);let o=a.sender||{},s=Date.parse(a.created_at)||0;o.kind===`system`?(n.push({kind:`system`,key:`m-${a.id}`,message:a}),i=null):i&&i.sender.kind===o.kind&&(i.sender.id||null)===(o.id||null)&&i.private===!!a.private&&i.comment===!!a.comment&&o.kind!==`ai`&&s-i.lastAt<=$t?(i.messages.push(a),i.lastAt=s):(i={kind:`group`,key:`g-${a.id}`,sender:o,private:!!a.private,comment:!!a.comment,messages:[a],lastAt:s},n.push(i))}return n}function tn(e,t){if(!t?.length)return e;let n=new Set(e.map(e=>e.client_msg_id).filter(Boolean)),r=new Set(e.filter(e=>!e.private).map(e=>`${e.sender?.id||``}\u0000${String(e.body||``).trim()}`)),i=t.filter(e=>!n.has(`comment-${e.id}`)&&!(e.public&&r.has(`${e.author?.id||``}\u0000${String(e.body||``).trim()}`))).map(e=>({id:`comment-${e.id}`,comment:!0,sender:e.author||{kind:`agent`},body:e.body,private:!e.public,created_at:e.created_at}));if(!i.length)return e;let a=e=>Date.parse(e.created_at)||0,o=[],s=0;for(let t of e){for(;s<i.length&&a(i[s])<a(t);)o.push(i[s++]);o.push(t)}for(;s<i.length;)o.push(i[s++]);return o}function nn(e,t){return!!e.unreadServer[t]}function rn(e,t,n){let r={...e.unreadServer,[t]:n},i=n.count+n.live.length;return e.unread[t]===i?{...e,unreadServer:r}:{...e,unreadServer:r,unread:{...e.unread,[t]:i}}}function an(e,t,n=0){if(!t||typeof t.unread_count!=`number`)return e;let r=e.unreadServer[t.id],i=Number(t.last_seq)||0;if(r&&i<r.seq)return e;let a=i<=n?0:Math.max(0,Math.floor(t.unread_count)),o=(r?.live||[]).filter(e=>e>i);return rn(e,t.id,{seq:i,count:a,live:o})}function on(e,t,{reading:n}){let r=t.conversation_id,i=e.unreadServer[r];return!i||n||t.sender?.kind!==`visitor`||!(t.seq>i.seq)||i.live.includes(t.seq)?e:rn(e,r,{...i,live:[...i.live,t.seq]})}function sn(e,t,n){let r=e.unreadServer[t];if(!r)return e;let i=r.live.filter(e=>e>n);return rn(e,t,{seq:Math.max(r.seq,n),count:n>=r.seq?0:r.count,live:i})}var cn=15e3,ln=new Set([4001,4003]);function un(e,t=Math.random){let n=Math.min(cn,500*2**Math.min(e,16));return Math.floor(t()*n)}function dn(e=Math.random){return Math.round(100+e()*400)}function fn({code:e,attempt:t,stable:n=!1,welcomed:r=!1},i=Math.random){if(ln.has(e))return null;let a=r&&(e===1012||e===1001),o=n||a?0:t;return{attempt:o+1,delay:a?dn(i):un(o,i)}}var pn=`flowsupport.v1.json`,mn=`disconnected`,hn=`timeout`,gn=1,_n=1e4,vn=15e3,yn=2e4,bn=25,xn=new Set([mn,hn,`unavailable`,`rate_limited`,`internal`]),Sn=class extends Error{constructor(e,t,n={}){super(t),this.name=`RequestError`,this.code=e,this.retry_after_ms=n.retry_after_ms}get retryable(){return xn.has(this.code)}};function Cn(e=globalThis.location.origin){return`${e.replace(/^http/,`ws`).replace(/\/+$/,``)}/v1/ws`}var wn=class{constructor(e){this.url=e.url,this.hello=e.hello,this.onWelcome=e.onWelcome,this.onFrame=e.onFrame||(()=>{}),this.onStatus=e.onStatus||(()=>{}),this.onUnauthorized=e.onUnauthorized||(()=>!1),this.WebSocket=e.WebSocket||globalThis.WebSocket,this.random=e.random||Math.random,this.requestTimeoutMs=e.requestTimeoutMs||yn,this.ws=null,this.active=!1,this.halted=!1,this.everConnected=!1,this.welcomedAt=0,this.heartbeatMs=bn*1e3,this.attempt=0,this.nextId=be(`r`),this.pending=new Map,this.retryTimer=null,this.pingTimer=null,this.pongTimer=null,this.retryNow=this.retryNow.bind(this)}get ready(){return this.welcomedAt>0}start(){this.active||(this.active=!0,globalThis.addEventListener?.(`online`,this.retryNow),this.connect())}stop(){this.active&&(this.active=!1,globalThis.removeEventListener?.(`online`,this.retryNow),clearTimeout(this.retryTimer),this.retryTimer=null,this.detach(),this.onStatus(`stopped`,{}))}restart(){this.active&&(this.halted=!1,this.attempt=0,this.detach(),this.connect())}retryNow(){this.retryTimer&&this.connect()}request(e,{timeoutMs:t=this.requestTimeoutMs}={}){if(!this.ready)return Promise.reject(new Sn(mn,`Not connected; retrying shortly`));let n=this.nextId();return new Promise((r,i)=>{let a=setTimeout(()=>{this.pending.delete(n),i(new Sn(hn,`The server did not answer in time`))},t);this.pending.set(n,{resolve:r,reject:i,timer:a}),this.write({...e,id:n})})}send(e){return this.ready&&this.write(e)}connect(){if(clearTimeout(this.retryTimer),this.retryTimer=null,!this.active||this.halted||this.ws)return;this.onStatus(`connecting`,{});let e;try{e=new this.WebSocket(this.url,[pn])}catch{this.ended(1006,``,{welcomed:!1,stable:!1});return}this.ws=e,e.onopen=()=>{this.write(this.hello()),this.pongTimer=setTimeout(()=>this.silent(),vn)},e.onmessage=t=>this.receive(e,t.data),e.onclose=t=>{e===this.ws&&this.ended(t.code,t.reason||``,this.detach())},e.onerror=()=>{}}write(e){let t=this.ws;if(!t||t.readyState!==gn)return!1;try{return t.send(JSON.stringify(e)),!0}catch{return!1}}receive(e,t){if(e!==this.ws||typeof t!=`string`)return;let n;try{n=JSON.parse(t)}catch{return}if(!n||typeof n.type!=`string`)return;if(!this.ready){if(n.type!==`welcome`)return;let e=this.everConnected;this.everConnected=!0,this.welcomedAt=Date.now(),this.heartbeatMs=Math.max(5,Number(n.heartbeat_s)||bn)*1e3,this.heard(),this.onStatus(`connected`,{}),this.onWelcome(n,{resumed:e});return}this.heard();let r=typeof n.id==`string`?this.pending.get(n.id):void 0;if(r&&(n.type===`ack`||n.type===`error`)){if(this.pending.delete(n.id),clearTimeout(r.timer),n.type===`ack`)r.resolve(n);else{let e=new Sn(String(n.code||`internal`),String(n.message||`Request failed`),{retry_after_ms:Number(n.retry_after_ms)||void 0});r.reject(e)}}else n.type!==`pong`&&this.onFrame(n)}heard(){clearTimeout(this.pongTimer),this.pongTimer=null,clearTimeout(this.pingTimer),this.ready&&(this.pingTimer=setTimeout(()=>{this.write({type:`ping`,id:this.nextId()}),this.pongTimer=setTimeout(()=>this.silent(),_n)},this.heartbeatMs))}silent(){this.ws&&this.ended(1006,`no answer from the server`,this.detach())}detach(){let e=this.ws,t=this.ready,n=t&&Date.now()-this.welcomedAt>=1e4;if(this.ws=null,this.welcomedAt=0,clearTimeout(this.pingTimer),clearTimeout(this.pongTimer),this.pingTimer=this.pongTimer=null,e){e.onopen=e.onmessage=e.onclose=e.onerror=null;try{e.close(1e3)}catch{}}let r=[...this.pending.values()];this.pending.clear();for(let{reject:e,timer:t}of r)clearTimeout(t),e(new Sn(mn,`Connection lost; retrying`));return{welcomed:t,stable:n}}ended(e,t,{welcomed:n,stable:r}){if(!this.active)return;if(e===4001&&this.onUnauthorized(t)){this.attempt=0,this.onStatus(`offline`,{code:e,reason:t,delay:0}),this.retryTimer=setTimeout(()=>this.connect(),0);return}let i=fn({code:e,attempt:this.attempt,stable:r,welcomed:n},this.random);i?(this.attempt=i.attempt,this.onStatus(`offline`,{code:e,reason:t,delay:i.delay}),this.retryTimer=setTimeout(()=>this.connect(),i.delay)):(this.halted=!0,this.onStatus(`failed`,{code:e,reason:t}))}},H=null,Tn=!1;function En(){return Tn}function Dn({handlers:e,...t}){On(),H=new wn({...t,onFrame:t=>{let n=Object.hasOwn(e,t.type)?e[t.type]:null;if(n){Tn=!0;try{n(t)}finally{Tn=!1}}}}),H.start()}function On(){let e=H;H=null,e?.stop()}function kn(){return!!H&&H.ready}function An(){return!!H&&H.everConnected}function jn(e,t={},n={}){return H?H.request({...t,type:e},n):Promise.reject(new Sn(mn,`Not connected`))}function Mn(e){return H?H.send(e):!1}var Nn=50,Pn=0;function Fn(e){return(Et.find(t=>t.value===e)||Et[0]).statuses}function In(e,t){let n=Fn(e.status);return{status:n?n.join(`,`):``,label:e.label||``,snoozed:e.status===`snoozed`?`true`:``,assignee:e.assignee,channel:e.channel,q:e.q.trim(),limit:Nn,cursor:t}}function Ln(e,t,n){let r=Fn(t.status);if(r&&!r.includes(e.status)||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.channel&&e.channel!==t.channel||t.label&&!(e.tags||[]).includes(t.label)||t.status===`snoozed`&&!e.snoozed_until)return!1;let i=t.q.trim().toLowerCase();return!(i&&![e.subject,e.contact?.name,e.contact?.email,e.preview?.body].filter(Boolean).join(` `).toLowerCase().includes(i))}function Rn(e){return Math.max(Te(e.updated_at),Te(e.preview?.created_at),e.activity||0)}function zn(e){let t=e.session?.user.id,n=e.route.conversationId;return e.list.ids.map(t=>e.convs[t]).filter(r=>r&&(r.id===n||Ln(r,e.filters,t))).sort((e,t)=>Rn(t)-Rn(e)||(e.id<t.id?1:-1)).map(e=>e.id)}function U(e,t){if(t=t.filter(e=>e?.id),!t.length)return e;let n={...e.convs};for(let e of t){let t=n[e.id]||{},[r,i]=Number(e.last_seq)<Number(t.last_seq)?[e,t]:[t,e];n[e.id]={...r,...i,contact:i.contact||r.contact,preview:i.preview===void 0?r.preview:i.preview}}return t.reduce((e,t)=>an(e,t,e.readUpTo[t.id]||0),{...e,convs:n})}async function Bn(){let e=++Pn,{filters:t}=R.get();R.set(e=>({...e,list:{...e.list,loading:!0,error:null}}));try{let n=await j(`/v1/conversations`,{query:In(t)});if(e!==Pn)return;R.set(e=>{let t=U(e,n.conversations),r=n.conversations.map(e=>e.id);return{...t,list:{...e.list,ids:r,loading:!1,nextCursor:n.next_cursor,source:`http`}}}),Zn(n.conversations.map(e=>e.id))}catch(t){if(e!==Pn)return;if(t.status===404||t.status===405){R.set(e=>({...e,list:{...e.list,loading:!1,source:`ws`,ids:Object.keys(e.convs)}}));return}R.set(e=>({...e,list:{...e.list,loading:!1,error:t.message}}))}}async function Vn(){let{filters:e,list:t}=R.get();if(!t.nextCursor||t.loadingMore)return;let n=Pn;R.set(e=>({...e,list:{...e.list,loadingMore:!0}}));try{let r=await j(`/v1/conversations`,{query:In(e,t.nextCursor)});if(n!==Pn)return;R.set(e=>{let t=U(e,r.conversations),n=[...new Set([...e.list.ids,...r.conversations.map(e=>e.id)])];return{...t,list:{...e.list,ids:n,loadingMore:!1,nextCursor:r.next_cursor}}}),Zn(r.conversations.map(e=>e.id))}catch(e){R.set(e=>({...e,list:{...e.list,loadingMore:!1}})),V(e,`Loading more conversations`)}}var Hn=null;function Un(e){R.set(t=>({...t,filters:{...t.filters,...e}})),clearTimeout(Hn),`q`in e?Hn=setTimeout(Bn,250):Bn()}function Wn(e){R.set(t=>{let n=U(t,e);if(t.list.source!==`ws`)return n;let r=[...new Set([...t.list.ids,...e.map(e=>e.id)])];return{...n,list:{...n.list,ids:r}}}),Zn(e.map(e=>e.id))}function Gn(e,t){if(e.list.ids.includes(t))return e;let n=e.convs[t];return!n||!Ln(n,e.filters,e.session?.user.id)?e:{...e,list:{...e.list,ids:[t,...e.list.ids]}}}var Kn=null;function qn(){clearTimeout(Kn),Kn=setTimeout(async()=>{let{filters:e,list:t}=R.get();if(t.source===`ws`)jn(`inbox.subscribe`,{}).then(e=>Wn(e.conversations||[])).catch(()=>{});else try{let t=await j(`/v1/conversations`,{query:{...In({...e,status:`all`,assignee:``,channel:``,q:``,label:``}),limit:20}});R.set(e=>t.conversations.reduce((e,t)=>Gn(e,t.id),U(e,t.conversations)))}catch{}},300)}var W={},Jn=[],Yn=0;function Xn(){W={},Jn=[]}function Zn(e){let t=R.get(),n=t.session?.user.id;for(let n of e){let e=t.convs[n],r=t.seen[n]||0;!e||nn(t,n)||e.last_seq<=Math.max(r,W[n]||0)||n===t.route.conversationId||Jn.includes(n)||Jn.push(n)}for(;Yn<4&&Jn.length;){let e=Jn.shift();Yn+=1;let t=R.get().seen[e]||0;j(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:t,limit:200}}).then(r=>{let i=e=>e.sender?.kind===`agent`&&e.sender?.id===n,a=r.messages.filter(e=>!i(e)),o=r.messages.reduce((e,t)=>Math.max(e,t.seq),t);W[e]=Math.max(W[e]||0,o),R.set(t=>t.route.conversationId===e?t:z(t,`unread`,e,()=>a.length))}).catch(()=>{}).finally(()=>{--Yn,Zn([])})}}function Qn(e,t,{reading:n}){let r=t.conversation_id,i=e.session?.user.id;return nn(e,r)?on(e,t,{me:i,reading:n}):t.sender?.kind===`agent`&&t.sender?.id===i||n||t.seq<=(e.seen[r]||0)||t.seq<=(W[r]||0)?e:(W[r]=t.seq,z(e,`unread`,r,e=>(e||0)+1))}function $n(e,t,n=!0){R.set(r=>{if(nn(r,e))return!n||(r.readUpTo[e]||0)>=t&&!r.unread[e]?r:sn({...r,readUpTo:{...r.readUpTo,[e]:Math.max(r.readUpTo[e]||0,t)}},e,t);if((r.seen[e]||0)>=t&&!r.unread[e])return r;W[e]=Math.max(W[e]||0,t);let i={...r,seen:{...r.seen,[e]:Math.max(r.seen[e]||0,t)},unread:{...r.unread,[e]:0}};return Lt(r.session.user.id,i.seen),i})}async function er(e){let t=R.get().threads[e];if(!t||t.loadingOlder||!t.truncated)return;let n=t.truncatedAt||0,r=t.messages.reduce((e,t)=>t.seq<=n?Math.max(e,t.seq):e,0);R.set(t=>z(t,`threads`,e,{loadingOlder:!0}));try{let t=[];for(;r<n;){let i=await j(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:r,limit:1e3}});if(t.push(...i.messages.filter(e=>e.seq<=n)),i.next_after_seq==null||!i.messages.length)break;r=i.next_after_seq}R.set(n=>z(n,`threads`,e,e=>({...Zt(e,t),truncated:!1,loadingOlder:!1})))}catch(t){R.set(t=>z(t,`threads`,e,{loadingOlder:!1})),V(t,`Loading earlier messages`)}}async function tr(e,{force:t=!1}={}){if(!e)return;let n=R.get().contacts[e];if(!n||t||n.state===`error`){n||R.set(t=>z(t,`contacts`,e,{state:`loading`}));try{let t=await j(`/v1/contacts/${encodeURIComponent(e)}`);R.set(n=>{let r=z(n,`contacts`,e,{state:`ok`,profile:t}),i={...r.tickets};for(let e of t.tickets||[])i[e.id]={...i[e.id],...e};r={...r,tickets:i};let a={id:t.contact.id,name:t.contact.name,email:t.contact.email},o={...r.convs};for(let t of Object.values(o))t.contact_id===e&&(o[t.id]={...t,contact:a});return{...r,convs:o}})}catch(t){let n=t.status===404||t.status===405?`missing`:`error`;R.set(r=>z(r,`contacts`,e,{state:n,error:t.message}))}}}var nr=0;function rr(e){return e.name||e.email||``}function ir(e,t){return e.staff.state===`ok`&&!!e.staff.users?.some(e=>e.id===t)}function ar(e,t){if(e.staff.state!==`ok`||!t)return null;let n=e.staff.users?.find(e=>e.id===t);return n&&rr(n)||null}async function or(){let e=R.get().session;if(!e)return;let t=++nr;R.set(e=>({...e,staff:{...e.staff,loading:!0}}));let n;try{let e=await j(`/v1/users`);if(n=Array.isArray(e?.users)?e.users:null,!n)throw Error(`malformed staff list`)}catch(n){if(t!==nr||R.get().session!==e)return;let r=n.status===403||n.status===404||n.status===405?`unavailable`:`error`;R.set(e=>({...e,staff:{...e.staff,loading:!1,state:e.staff.users?e.staff.state:r}}));return}t===nr&&R.get().session===e&&R.set(e=>{let t={...e.names};for(let e of n){let n=rr(e);e.id&&n&&(t[e.id]=n)}return zt(e.session.user.tenant_id,t),{...e,names:t,staff:{state:`ok`,loading:!1,users:n}}})}var sr=0;function cr(e,t){return{...e,q:e.q.trim(),limit:50,cursor:t}}function lr(e,t,n){return!(t.status&&e.status!==t.status||t.priority&&e.priority!==t.priority||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.q.trim()&&!e.subject.toLowerCase().includes(t.q.trim().toLowerCase()))}function ur(e){let t=e.session?.user.id,n=e.route.ticketId;return e.ticketList.ids.map(t=>e.tickets[t]).filter(r=>r&&(r.id===n||lr(r,e.ticketFilters,t))).sort((e,t)=>Date.parse(t.updated_at)-Date.parse(e.updated_at)||t.number-e.number).map(e=>e.id)}function dr(e,t){let n={...e.tickets};for(let e of t)n[e.id]={...n[e.id],...e};return{...e,tickets:n}}async function fr(){let e=++sr,t=R.get().ticketFilters;R.set(e=>({...e,ticketList:{...e.ticketList,loading:!0,error:null}}));try{let n=await j(`/v1/tickets`,{query:cr(t)});if(e!==sr)return;R.set(e=>({...dr(e,n.tickets),ticketList:{...e.ticketList,ids:n.tickets.map(e=>e.id),loading:!1,nextCursor:n.next_cursor,loaded:!0}}))}catch(t){if(e!==sr)return;R.set(e=>({...e,ticketList:{...e.ticketList,loading:!1,error:t.message}}))}}async function pr(){let{ticketFilters:e,ticketList:t}=R.get();if(t.nextCursor&&!t.loadingMore){R.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!0}}));try{let n=await j(`/v1/tickets`,{query:cr(e,t.nextCursor)});R.set(e=>({...dr(e,n.tickets),ticketList:{...e.ticketList,ids:[...new Set([...e.ticketList.ids,...n.tickets.map(e=>e.id)])],loadingMore:!1,nextCursor:n.next_cursor}}))}catch(e){R.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!1}})),V(e,`Loading more tickets`)}}}var mr=null;function hr(e){R.set(t=>({...t,ticketFilters:{...t.ticketFilters,...e}})),clearTimeout(mr),`q`in e?mr=setTimeout(fr,250):fr()}function gr(){let e=R.get();e.ticketList.loaded&&fr(),e.route.ticketId&&_r(e.route.ticketId)}async function _r(e,{quiet:t=!1}={}){R.get().ticketDetail[e]||R.set(t=>z(t,`ticketDetail`,e,{state:`loading`,comments:[]}));try{let{comments:t,...n}=await j(`/v1/tickets/${encodeURIComponent(e)}`);R.set(r=>{let i=dr(r,[n]);i=z(i,`ticketDetail`,e,{state:`ok`,comments:t||[]});let a={...i.names};for(let e of t||[]){let t=e.author;t?.kind===`agent`&&t.id&&t.name&&!ir(i,t.id)&&(a[t.id]=t.name)}return{...i,names:a}})}catch(n){R.set(t=>z(t,`ticketDetail`,e,{state:n.status===404?`missing`:`error`,error:n.message})),!t&&n.status!==404&&V(n,`Loading the ticket`)}}function vr(e){let t=e.ticket;if(!t)return;R.set(e=>{let n=dr(e,[t]);return!n.ticketList.ids.includes(t.id)&&n.ticketList.loaded&&lr(t,n.ticketFilters,n.session?.user.id)&&(n={...n,ticketList:{...n.ticketList,ids:[t.id,...n.ticketList.ids]}}),n});let n=e.changes||[];e.type===`ticket.sla_breached`&&B(`Ticket #${t.number} missed its ${String(n[0]||`SLA`).replace(`_`,` `)} target`,`warning`),R.get().ticketDetail[t.id]&&(n.includes(`comments`)||e.type===`ticket.created`)&&_r(t.id,{quiet:!0})}async function yr(e,t){let n=R.get().tickets[e];R.set(n=>z(n,`tickets`,e,t));try{let n=await j(`/v1/tickets/${encodeURIComponent(e)}`,{method:`PATCH`,body:t});R.set(t=>z(t,`tickets`,e,n))}catch(r){n&&R.set(r=>z(r,`tickets`,e,Object.fromEntries(Object.keys(t).map(e=>[e,n[e]])))),V(r,`Ticket not changed`)}}async function br(e,t,n){try{let r=await j(`/v1/tickets/${encodeURIComponent(e)}/comments`,{method:`POST`,body:{body:t,public:n}});return R.set(t=>z(t,`ticketDetail`,e,e=>{let t=(e?.comments||[]).filter(e=>e.id!==r.id);return{...e||{state:`ok`},comments:[...t,r]}})),!0}catch(e){return V(e,`Comment not added`),!1}}function xr(e,t){let n=Array.isArray(e.breaches)?e.breaches:[],r=`sla_paused_at`in e?!!e.sla_paused_at:e.status===`pending`||e.status===`solved`,i=null;e.status===`closed`?i=null:r?i=e.due_at||n.length||e.sla_paused_at?`paused`:null:e.due_at&&(i=`running`);let a=Date.parse(e.due_at||``);return{clock:i,breached:n,soon:i===`running`&&Number.isFinite(a)&&a-t<36e5}}var Sr=1e3,G=new Set,Cr=new Set,wr=new Set;function Tr({handlers:e,onUnauthorized:t,url:n,WebSocket:r}){Er(),R.get().session&&Dn({url:n||Cn(),WebSocket:r,handlers:e,hello:()=>({type:`hello`,token:R.get().session?.token,client:`flowsupport-inbox/0.1`}),onWelcome:Dr,onStatus:(e,{code:n})=>{let r=`stopped`;e===`connected`?r=`connected`:(e===`connecting`||e===`offline`)&&(r=An()?`reconnecting`:`connecting`),R.set(e=>e.conn===r?e:{...e,conn:r}),e===`failed`&&(n===4003?R.set(e=>({...e,connProblem:`This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).`})):t())}})}function Er(){On(),G.clear(),Cr.clear(),wr.clear();for(let e of Object.keys(Lr))delete Lr[e];for(let e of Object.keys(K))clearTimeout(K[e].idleTimer),delete K[e];for(let e of Object.keys(Ir))delete Ir[e]}function Dr(e,{resumed:t}){jn(`inbox.subscribe`,{}).then(e=>Wn(e.conversations||[])).catch(e=>V(e,`Inbox`));let n=new Set([...G,...wr,R.get().route.conversationId].filter(Boolean));G.clear();for(let e of n)Or(e);t&&(Bn(),gr(),or()),Wr()}function Or(e){if(R.set(t=>t.threads[e]?t:z(t,`threads`,e,()=>Yt())),!kn())return;let t=R.get().threads[e];G.add(e),Cr.add(e);let n=t.messages.length>0;jn(`subscribe`,{conversation_id:e,after_seq:t.seq.last}).then(t=>{R.set(n=>{let r=U(n,[t.conversation]);return r=z(r,`threads`,e,e=>{e||=Yt();let n=Gt(e.seq,Number(t.last_seq)||0);if(!t.truncated)return{...e,seq:n,ready:!0,error:null};let r=t.last_seq-Sr;return{...e,seq:n,ready:!0,error:null,truncated:!0,truncatedAt:Math.max(e.truncatedAt||0,r)}}),r}),t.truncated&&n&&er(e),Br(e)}).catch(t=>{G.delete(e),R.set(n=>z(n,`threads`,e,e=>({...e||Yt(),ready:!0,error:t.message}))),V(t,`Opening the conversation`)}).finally(()=>Cr.delete(e))}function kr(e){G.has(e)&&!wr.has(e)&&(G.delete(e),Ur(e),jn(`unsubscribe`,{conversation_id:e}).catch(()=>{}))}function Ar(e){wr.add(e),G.has(e)||Or(e)}function jr(e){wr.delete(e),R.get().route.conversationId!==e&&kr(e)}function Mr(e){return G.has(e)}function Nr(e,t,n){let r=e.threads[t];if(!G.has(t)||!r)return e;let i=Kt(r.seq,n);return i.verdict===`gap`&&!Cr.has(t)&&queueMicrotask(()=>Or(t)),i.seqs===r.seq?e:z(e,`threads`,t,{seq:i.seqs})}var Pr=null,Fr=null,Ir={},Lr={};function Rr(e){return R.get().route.conversationId===e&&document.visibilityState===`visible`&&Lr[e]!==!1}function zr(e,t){t===null?(Fr===e&&Lr[e]!==!1&&(clearTimeout(Pr),Vr(e,{closing:!0})),delete Lr[e]):Lr[e]!==!1!==t&&(Lr[e]=t,t&&Br(e))}function Br(e){clearTimeout(Pr),Fr=e,Pr=setTimeout(()=>Vr(e),250)}function Vr(e,{heartbeat:t=!1,closing:n=!1}={}){if(Fr===e&&(Fr=null),!n&&!Rr(e))return;let r=R.get().threads[e];if(!r?.ready)return;let i=r.seq.last,a=!t&&Ir[e]===i||Mn({type:`read`,conversation_id:e,seq:i});a&&(Ir[e]=i),$n(e,i,a)}var K={};function Hr(e){K[e]||(K[e]={sentAt:0,idleTimer:null});let t=K[e],n=Date.now();n-t.sentAt>=3e3&&Mn({type:`typing`,conversation_id:e,state:!0})&&(t.sentAt=n),clearTimeout(t.idleTimer),t.idleTimer=setTimeout(()=>Ur(e),5e3)}function Ur(e){let t=K[e];t&&(clearTimeout(t.idleTimer),delete K[e],t.sentAt&&Mn({type:`typing`,conversation_id:e,state:!1}))}function Wr(){let{threads:e}=R.get();for(let[t,n]of Object.entries(e))for(let e of n.pending)e.state!==`failed`&&Gr(t,e)}function Gr(e,t){R.set(n=>z(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`sending`}:e)}))),jn(`message.send`,{conversation_id:e,client_msg_id:t.client_msg_id,body:t.body,private:t.private,...t.attachments?.length?{attachments:t.attachments.map(e=>e.upload_id)}:{}}).then(t=>{R.set(n=>z(n,`threads`,e,e=>Xt(e,t.message))),Br(e)}).catch(n=>{n.retryable?(R.set(n=>z(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`queued`}:e)}))),n.code!==`disconnected`&&setTimeout(()=>Gr(e,t),n.retry_after_ms||2e3)):(R.set(n=>{let r=z(n,`threads`,e,e=>({...e,pending:e.pending.filter(e=>e.client_msg_id!==t.client_msg_id)})),i=r.drafts[e]||``;return r=z(r,`drafts`,e,()=>i?`${t.body}\n${i}`:t.body),{...r,composerMode:t.private?`note`:`reply`}}),V(n,`Message not sent`))})}function q(e){if(e.view!==`settings`&&location.pathname===`/inbox`){let t=Mt(e);location.hash===t?Kr(kt(location)):location.hash=t;return}let t=At(e);`${location.pathname}${location.hash}`!==t&&history.pushState(null,``,t),Kr(kt(location))}function Kr(e){let t=R.get().route;t.conversationId&&t.conversationId!==e.conversationId&&(kr(t.conversationId),Zn([t.conversationId])),R.set(t=>({...t,route:e,cursor:e.conversationId||e.ticketId||t.cursor,lastConversationId:e.view===`conversations`?e.conversationId:t.lastConversationId,lastTicketId:e.view===`tickets`?e.ticketId:t.lastTicketId,lastSettingsPage:e.view===`settings`?e.page:t.lastSettingsPage})),e.conversationId&&e.conversationId!==t.conversationId&&Jr(e.conversationId),e.ticketId&&_r(e.ticketId)}function qr(e){let t=R.get();q(e===`settings`?{view:e,page:t.lastSettingsPage}:e===`tickets`?{view:e,ticketId:t.lastTicketId}:e===`reports`?{view:e}:{view:e,conversationId:t.lastConversationId})}function Jr(e){Or(e)}function Yr(e,t){R.set(n=>z(n,`drafts`,e,()=>t))}function Xr(e){R.set(t=>t.composerMode===e?t:{...t,composerMode:e})}function Zr(e){let t=R.get(),n=t.uploads[e]||[];if(n.some(e=>e.state===`uploading`))return!1;let r=n.filter(e=>e.state===`ready`).map(e=>e.upload),i=(t.drafts[e]||``).trim();if(!i&&!r.length)return!1;if(i.length>8e3)return B(`Messages are limited to 8,000 characters.`),!1;let a={client_msg_id:ye(),body:i,private:t.composerMode===`note`,state:`sending`,created_at:new Date().toISOString()};return r.length&&(a.attachments=r),Ur(e),R.set(t=>{let n=z(t,`threads`,e,e=>Qt(e,a));return n=z(n,`drafts`,e,()=>``),r.length?z(n,`uploads`,e,()=>[]):n}),Gr(e,a),!0}async function J(e,t){let n=R.get().convs[e];if(n){R.set(n=>z(n,`convs`,e,t));try{let n=await jn(`conversation.update`,{conversation_id:e,...t});R.set(e=>U(e,[n.conversation]))}catch(r){let i=Object.fromEntries(Object.keys(t).map(e=>[e,n[e]]));R.set(t=>z(t,`convs`,e,i)),V(r,`Not changed`)}}}function Qr(e){let t=R.get().session?.user.id;e&&t&&J(e,{assignee_id:t})}function $r(e){e&&J(e,{status:`resolved`})}function ei(e,t){let n=R.get().convs[e],r=t.split(`,`).map(e=>e.trim()).filter(Boolean);if(r.find(e=>e.length>50)){B(`Tags are at most 50 characters.`);return}let i=[...new Set([...n.tags||[],...r])];i.length!==(n.tags||[]).length&&J(e,{tags:i})}function ti(e,t){let n=R.get().convs[e];J(e,{tags:(n.tags||[]).filter(e=>e!==t)})}async function ni(e){if(e&&R.get().streams[e])try{await jn(`ai.stop`,{conversation_id:e}),R.set(t=>{let{[e]:n,...r}=t.streams;return{...t,streams:r}}),ri(`reply`)}catch(e){V(e,`Could not stop the AI`)}}function ri(e){e&&R.set(t=>t.composerMode===e?t:{...t,composerMode:e});let t=()=>document.querySelector(`[data-testid="composer"]`)?.focus();t(),requestAnimationFrame(t)}function ii(e,t){if(!t?.id||!t.name||t.kind!==`agent`&&t.kind!==`bot`||e.names[t.id]===t.name||ir(e,t.id))return e;let n={...e.names,[t.id]:t.name};return zt(e.session.user.tenant_id,n),{...e,names:n}}function ai(e){let t=e.message,n=e.conversation_id,r=!!R.get().convs[n];R.set(r=>{let i=ii(r,t.sender);if(i.convs[n]&&(i=z(i,`convs`,n,n=>({...n,last_seq:Math.max(n.last_seq||0,e.seq),preview:t.private?n.preview:{body:t.body,sender_kind:t.sender?.kind,created_at:t.created_at},activity:Math.max(n.activity||0,Date.parse(t.created_at)||Date.now())})),i=Gn(i,n)),Mr(n)&&i.threads[n]){i=z(i,`threads`,n,e=>Xt(e,t)),i=Nr(i,n,e.seq);let r=vi(t.sender);i.typing[n]?.[r]&&(i=z(i,`typing`,n,e=>yi(e,r)))}return Qn(i,t,{reading:Rr(n)})}),r||qn(),Rr(n)&&Br(n)}function oi(e){let t=e.conversation_id,n=R.get().convs[t];R.set(r=>{let i=U(r,[{...e.conversation,activity:Math.max(n?.activity||0,Rn(e.conversation))}]);return i=Gn(i,t),Nr(i,t,e.seq)}),n?.contact||qn(),Rr(t)&&Br(t)}function si(e){let t=e.conversation;t?.id&&(R.set(e=>Gn(U(e,[{...t,activity:Math.max(e.convs[t.id]?.activity||0,Rn(t))}]),t.id)),R.get().convs[t.id]?.contact||qn())}function ci(e){let t=e.conversation_id;R.set(n=>{let r=Nr(n,t,e.seq);return r.convs[t]&&e.ticket&&(r=z(r,`convs`,t,{ticket_id:e.ticket.id})),r}),vr(e),Rr(t)&&Br(t)}function li(e){R.set(t=>z(t,`streams`,e.conversation_id,()=>({stream_id:e.stream_id,...qt(0)})))}function ui(e){R.set(t=>z(t,`streams`,e.conversation_id,t=>{let n=Number.isInteger(e.index)?e.index:0,r=t&&t.stream_id===e.stream_id?t:{stream_id:e.stream_id,...qt(n)},i=Jt(r,e.index,e.text);return i===r?r:{stream_id:r.stream_id,...i}}))}function di(e){let t=e.conversation_id;R.set(n=>{let r=Ot(n,`streams`,t);return e.message&&Mr(t)&&r.threads[t]&&(r=z(r,`threads`,t,t=>Xt(t,e.message))),r}),e.error?.message&&R.get().route.conversationId===t&&V(e.error,`AI answer`),e.reason===`stopped`&&R.get().route.conversationId===t&&ri(`reply`)}function fi(e){let t=e.participant||{};if(t.kind===`agent`&&t.id===R.get().session?.user.id)return;let n=e.conversation_id,r=vi(t);R.set(i=>{let a=ii(i,t);return t.kind===`agent`&&(a=z(a,`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}}))),z(a,`typing`,n,n=>e.state?{...n,[r]:{name:t.name,kind:t.kind,until:Date.now()+8e3}}:n?.[r]?yi(n,r):n||{})})}function pi(e){let t=e.participant||{},n=e.conversation_id;R.set(r=>t.kind===`visitor`?z(r,`visitorRead`,n,t=>Math.max(t||0,e.seq)):t.kind===`agent`&&t.id===r.session?.user.id?!nn(r,n)||!(e.seq>0)?r:sn({...r,readUpTo:{...r.readUpTo,[n]:Math.max(r.readUpTo[n]||0,e.seq)}},n,e.seq):t.kind===`agent`?z(ii(r,t),`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}})):r)}function mi(e){R.set(t=>{let n={...t,presence:{count:e.agents_online||0,agents:e.agents||t.presence.agents}};for(let t of e.agents||[])n=ii(n,{...t,kind:`agent`});return n})}function hi(e){V(e)}function gi(e){let t=e.conversation_id,n=e.message;R.set(e=>{let r=e.threads[t];return!r||!n?.id||!r.messages.some(e=>e.id===n.id)?e:z(e,`threads`,t,e=>Xt(e,n))})}var _i={"message.created":ai,"message.updated":gi,"conversation.updated":oi,"conversation.created":si,"ticket.created":ci,"ticket.updated":vr,"ticket.sla_breached":vr,"ai.started":li,"ai.delta":ui,"ai.done":di,typing:fi,read:pi,presence:mi,error:hi};function vi(e){return`${e?.kind||`?`}:${e?.id||``}`}function yi(e,t){let{[t]:n,...r}=e;return r}function bi(){let e=Date.now();R.set(t=>{let n=!1,r={};for(let[i,a]of Object.entries(t.typing)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>t.until>e));Object.keys(t).length!==Object.keys(a).length&&(n=!0),r[i]=t}let i={};for(let[r,a]of Object.entries(t.viewers)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>e-t.at<9e4));Object.keys(t).length!==Object.keys(a).length&&(n=!0),i[r]=t}return n?{...t,typing:r,viewers:i}:t})}var xi=null;function Si(){try{xi||=new AudioContext;let e=xi.currentTime;for(let[t,n]of[[0,880],[.12,1320]]){let r=xi.createOscillator(),i=xi.createGain();r.frequency.value=n,i.gain.setValueAtTime(1e-4,e+t),i.gain.exponentialRampToValueAtTime(.15,e+t+.02),i.gain.exponentialRampToValueAtTime(1e-4,e+t+.25),r.connect(i).connect(xi.destination),r.start(e+t),r.stop(e+t+.3)}}catch{}}var Ci=new Set([`visitor`]),wi=140;function Ti(e,t,{reading:n}){let r=e.session?.user.id,i=e.prefs||{};if(!r)return null;if(t.type===`conversation.created`||t.type===`conversation.updated`){let a=t.conversation;if(!i.notifyWaiting||!a?.id||a.status!==`waiting_human`||a.assignee_id&&a.assignee_id!==r)return null;let o=e.convs[a.id];return o&&(o.status===`waiting_human`||Ei(o,t.seq))||n(a.id)?null:{conversationId:a.id,kind:`waiting`,title:`A customer is waiting for a person`,body:Oi(a.subject||o?.preview?.body||Di(o||a))}}if(t.type===`message.created`){let a=t.message,o=t.conversation_id,s=e.convs[o];return!i.notifyReplies||!a||a.private||!Ci.has(a.sender?.kind)||!s||s.assignee_id!==r||Ei(s,t.seq)||n(o)?null:{conversationId:o,kind:`reply`,title:`${Di(s,a.sender)} replied`,body:Oi(a.body)}}return null}function Ei(e,t){return Number.isInteger(t)&&t<=(Number(e.last_seq)||0)}function Di(e,t){return e?.contact?.name||t?.name||`A customer`}function Oi(e){let t=String(e||``).replace(/\s+/g,` `).trim();return t.length>wi?`${t.slice(0,139)}…`:t}function ki(e,{reading:t,announce:n=Ai}){let r={...e};for(let i of[`conversation.created`,`conversation.updated`,`message.created`]){let a=e[i];r[i]=e=>{let r=R.get();a?.(e);let o=Ti(r,{...e,type:i},{reading:t});o&&n(o)}}return r}function Ai(e){R.set(t=>({...t,notices:{...t.notices,[e.conversationId]:e.kind}}));let{prefs:t}=R.get();if(t.sound&&Si(),Mi()===`granted`)try{let t=new Notification(e.title,{body:e.body,tag:`flowsupport:${e.conversationId}`});t.onclick=()=>{globalThis.focus?.(),q({view:`conversations`,conversationId:e.conversationId,ticketId:null}),t.close()}}catch{}}function ji(){let e=e=>{let t=e.route.conversationId;t&&e.notices[t]&&R.set(e=>Ot(e,`notices`,t))};return e(R.get()),R.subscribe(e)}function Mi(){return typeof Notification>`u`?`unsupported`:Notification.permission}async function Ni(){if(Mi()===`unsupported`)return`unsupported`;try{return await Notification.requestPermission()}catch{return Mi()}}var Pi=[],Fi=()=>{};async function Ii(e,t){Ri(await j(`/v1/auth/login`,{method:`POST`,body:{email:e,password:t},auth:!1}))}async function Li(e){let t=await j(`/v1/setup`,{method:`POST`,body:e,auth:!1});history.replaceState(null,``,`/inbox#/`),Ri(t)}function Ri(e){let t={token:e.access_token,user:e.user,expiresAt:Date.now()+(e.expires_in||3600)*1e3};Pt(t),R.set(e=>({...Dt(),session:t,route:e.route})),Ui()}function zi(e){Er(),Xn();for(let e of Pi)clearInterval(e);Pi=[],Fi(),Pt(null),R.set(e=>({...Dt(),session:null,route:e.route})),gt(R.get().prefs),e&&B(e,`info`)}async function Bi(){let e=await j(`/v1/me`);R.set(t=>{if(!t.session||t.session.user.id!==e.id)return t;let n={...t.session,user:{...t.session.user,name:e.name??t.session.user.name,role:e.role}};return Pt(n),{...t,session:n,names:{...t.names,[e.id]:n.user.name}}})}function Vi(e){let{session:t,prefs:n}=R.get();if(!t)return!1;let r=pt({...n,...e});return R.set(e=>({...e,prefs:r})),gt(r),ht(t.user.id,r)}function Hi(){zi(`Your session has ended. Please sign in again.`)}function Ui(){let{session:e}=R.get();if(!e)return;Ie({accessToken:e.token,unauthorized:Hi});let t=e.user;R.set(e=>({...e,seen:It(t.id),names:{...Rt(t.tenant_id),[t.id]:t.name},prefs:mt(t.id)})),gt(R.get().prefs),Tr({handlers:ki(_i,{reading:Rr}),onUnauthorized:Hi}),Fi=ji(),Bn(),or();let n=R.get().route;R.set(e=>({...e,route:{...n,conversationId:null,ticketId:null}})),Kr(n),Pi.push(setInterval(bi,2e3)),Pi.push(setInterval(()=>{let e=R.get().route.conversationId;e&&Vr(e,{heartbeat:!0})},3e4))}function Wi(){Ie({accessToken:null,unauthorized:Hi});let{route:e}=R.get();e.view===`settings`&&location.pathname!==At(e)&&history.replaceState(null,``,At(e));let t=()=>{R.get().session?Kr(kt(location)):R.set(e=>({...e,route:kt(location)}))};addEventListener(`hashchange`,t),addEventListener(`popstate`,t),document.addEventListener(`visibilitychange`,()=>{let e=R.get().route.conversationId;e&&document.visibilityState===`visible`&&Vr(e)}),R.get().session&&Ui()}var Gi=[[`j`,`Next conversation or ticket`],[`k`,`Previous conversation or ticket`],[`Enter`,`Open the highlighted one`],[`r`,`Reply`],[`n`,`Internal note`],[`a`,`Assign to me`],[`e`,`Resolve`],[`s`,`Stop AI and take over`],[`/`,`Search`],[`g then c`,`Go to conversations`],[`g then t`,`Go to tickets`],[`g then s`,`Go to settings`],[`?`,`Show these shortcuts`],[`Esc`,`Close, or leave the field`]];function Ki(e){if(!e?.tagName)return!1;let t=e.tagName;return t===`INPUT`||t===`TEXTAREA`||t===`SELECT`||e.isContentEditable}function qi(e){let t=R.get(),n=t.route.view===`tickets`?ur(t):zn(t);if(!n.length)return;let r=t.cursor&&n.includes(t.cursor)?t.cursor:t.route.view===`tickets`?t.route.ticketId:t.route.conversationId,i=n.indexOf(r);i=i<0?e>0?0:n.length-1:Math.min(n.length-1,Math.max(0,i+e)),R.set(e=>({...e,cursor:n[i]}))}function Ji(){let e=R.get();e.cursor&&(e.route.view===`tickets`?q({view:`tickets`,ticketId:e.cursor}):q({view:`conversations`,conversationId:e.cursor}))}var Yi=0;function Xi(e){let t=R.get();if(!t.session)return;if(e.key===`Escape`){t.help?R.set(e=>({...e,help:!1})):document.activeElement&&document.activeElement!==document.body&&document.activeElement.blur();return}if(Ki(e.target)||e.ctrlKey||e.metaKey||e.altKey||e.isComposing||!t.prefs.shortcuts||t.help&&e.key!==`?`)return;let n=t.route.view===`conversations`?t.route.conversationId:null,r=t.route.view!==`settings`;if(Yi&&Date.now()-Yi<1500){if(Yi=0,e.key===`t`){e.preventDefault(),qr(`tickets`);return}if(e.key===`c`){e.preventDefault(),qr(`conversations`);return}if(e.key===`s`){e.preventDefault(),qr(`settings`);return}}let i={j:()=>r&&qi(1),k:()=>r&&qi(-1),Enter:()=>{let t=e.target?.tagName;if(r&&t!==`BUTTON`&&t!==`A`)Ji();else return!1},r:()=>n&&ri(`reply`),n:()=>n&&ri(`note`),a:()=>n&&Qr(n),e:()=>n&&$r(n),s:()=>n&&ni(n),"/":()=>{let e={tickets:`ticket-search`,settings:`kb-search`}[t.route.view]||`conv-search`;document.querySelector(`[data-testid="${e}"]`)?.focus()},"?":()=>R.set(e=>({...e,help:!e.help})),g:()=>{Yi=Date.now()}}[e.key];i&&i()!==!1&&e.preventDefault()}var Zi=[`urgent`,`high`,`normal`,`low`],Qi=[`text`,`number`,`boolean`,`choice`],$i=[`Mon`,`Tue`,`Wed`,`Thu`,`Fri`,`Sat`,`Sun`],ea={timezone:`UTC`,days:[0,1,2,3,4],start:`09:00`,end:`17:00`};function ta(e,{label:t,min:n=0,max:r=2**53-1,empty:i=!0}={}){let a=String(e??``).trim().replace(/[\s,_']/g,``);if(!a)return i?{value:null}:{error:`${t} is required.`};if(!/^\d+$/.test(a))return{error:`${t} must be a whole number.`};let o=Number(a);return o<n||o>r?{error:`${t} must be from ${n} to ${r.toLocaleString(`en`)}.`}:{value:o}}function na(e){return e==null?``:String(e)}function ra(e){if(e==null||!Number.isFinite(e))return``;if(e<60)return`${e} min`;if(e%1440==0)return`${e/1440} ${e===1440?`day`:`days`}`;let t=Math.floor(e/60),n=e%60;return n?`${t} h ${n} min`:`${t} h`}function ia(e){if(e==null||!Number.isFinite(e))return``;if(e===0)return`never`;if(e<60)return`${e} s`;if(e<3600||e%60){let t=e%60;return t?`${Math.floor(e/60)} min ${t} s`:`${e/60} min`}return ra(e/60)}function aa(e,t,n=Object.keys(t)){let r={};for(let i of n)JSON.stringify(e?.[i]??null)!==JSON.stringify(t[i]??null)&&(r[i]=t[i]);return r}function oa(e){let t={};for(let n of Zi){let r=e?.[n]||{};t[n]={first_response:na(r.first_response_minutes),resolution:na(r.resolution_minutes)}}return t}var sa=525600;function ca(e){let t={};for(let n of Zi){let r=e[n]||{},i=n[0].toUpperCase()+n.slice(1),a=ta(r.first_response,{label:`${i}: first response`,min:1,max:sa});if(a.error)return{error:a.error};let o=ta(r.resolution,{label:`${i}: resolution`,min:1,max:sa});if(o.error)return{error:o.error};t[n]={first_response_minutes:a.value,resolution_minutes:o.value}}return{value:t}}function la(e){return e?{always:!1,...e,days:[...e.days]}:{always:!0,...ea}}function ua(e){return e.always?{value:null}:e.days.length?e.start<e.end?{value:{timezone:e.timezone,days:[...new Set(e.days)].sort((e,t)=>e-t),start:e.start,end:e.end}}:{error:`Business hours must start before they end.`}:{error:`Pick at least one business day, or choose round the clock.`}}function da(e){let t=[];try{t=Intl.supportedValuesOf(`timeZone`)}catch{t=[]}let n=new Set([`UTC`,...t]);return e&&n.add(e),[...n]}function fa(e){return String(e||``).normalize(`NFKD`).replace(/[\u0300-\u036f]/g,``).toLowerCase().replace(/[^a-z0-9]+/g,`_`).replace(/^[^a-z]+/,``).replace(/_+$/,``).slice(0,50).replace(/_+$/,``)}function pa(e){return[...new Set(String(e||``).split(/[,\n]/).map(e=>e.trim()).filter(Boolean))]}function ma(e){return(e||[]).map((e,t)=>({id:`f${t}`,key:e.key,label:e.label??``,type:e.type,choices:(e.choices||[]).join(`, `),saved:!0}))}function ha(e){let t=new Set,n=[];for(let[r,i]of e.entries()){let e=`Field ${r+1}${i.label?` (${i.label})`:``}`,a=i.key.trim();if(!/^[a-z][a-z0-9_]{0,49}$/.test(a))return{error:`${e}: the key must start with a letter and use a-z, 0-9 and _ only.`};if(t.has(a))return{error:`${e}: the key ${a} is used twice.`};t.add(a);let o={key:a,type:i.type};if(i.label.trim()&&(o.label=i.label.trim()),i.type===`choice`){let t=pa(i.choices);if(!t.length)return{error:`${e}: a choice field needs at least one choice.`};o.choices=t}n.push(o)}return{value:n}}function ga(e){return e.split(/[\s,]+/).filter(Boolean).map(e=>{try{let{origin:t}=new URL(/^[a-z]+:\/\//i.test(e)?e:`https://${e}`);return t===`null`?e:t}catch{return e}})}function _a(e){return pa(e)}function va(e,t){return e.length<8?`The password needs at least 8 characters.`:e===t?null:`The two passwords differ.`}function ya(e){let t=String(e||``);if(!t)return`Unknown browser`;let n=[[/Edg(?:e|A|iOS)?\//,`Edge`],[/OPR\/|Opera/,`Opera`],[/Firefox\/|FxiOS\//,`Firefox`],[/Chrom(?:e|ium)\/|CriOS\//,`Chrome`],[/Safari\//,`Safari`],[/^curl\//,`curl`],[/python-httpx|python-requests|aiohttp/,`a script`]].find(([e])=>e.test(t))?.[1]||null,r=[[/Windows/,`Windows`],[/iPhone|iPad|iOS/,`iOS`],[/Mac OS X|Macintosh/,`macOS`],[/Android/,`Android`],[/CrOS/,`ChromeOS`],[/Linux/,`Linux`]].find(([e])=>e.test(t))?.[1]||null;return n?r?`${n} on ${r}`:n:t.length>60?`${t.slice(0,57)}…`:t}function ba(e){let[t,n,r]=[1,3,5].map(t=>{let n=Number.parseInt(e.slice(t,t+2),16)/255;return n<=.04045?n/12.92:((n+.055)/1.055)**2.4});return .2126*t+.7152*n+.0722*r}var xa=e=>/^#[0-9a-f]{6}$/i.test(String(e||``));function Sa(e,t){let[n,r]=[ba(e),ba(t)].sort((e,t)=>t-e);return(n+.05)/(r+.05)}function Ca(e){return xa(e)?Sa(e,`#ffffff`)>=Sa(e,`#111418`)?`#ffffff`:`#111418`:`#ffffff`}var wa=[{id:`email`,kind:`email`,provider:null,label:`E-mail address`,fields:[{key:`address`,label:`Address customers write to`,placeholder:`support@example.com`,type:`email`}]},{id:`sms-twilio`,kind:`sms`,provider:`twilio`,label:`SMS (Twilio)`,fields:[{key:`number`,label:`Phone number`,placeholder:`+14155550199`,help:`E.164: + and the country code.`},{key:`account_sid`,label:`Account SID`,placeholder:`AC…`},{key:`auth_token`,label:`Auth token`,secret:!0}]},{id:`whatsapp-twilio`,kind:`whatsapp`,provider:`twilio`,label:`WhatsApp (Twilio)`,fields:[{key:`number`,label:`WhatsApp number`,placeholder:`+14155550199`,help:`E.164: + and the country code.`},{key:`account_sid`,label:`Account SID`,placeholder:`AC…`},{key:`auth_token`,label:`Auth token`,secret:!0}]},{id:`whatsapp-meta`,kind:`whatsapp`,provider:`meta`,label:`WhatsApp (Meta Cloud API)`,fields:[{key:`phone_number_id`,label:`Phone number id`,placeholder:`1065…`},{key:`app_secret`,label:`App secret`,secret:!0},{key:`verify_token`,label:`Verify token`,secret:!0,help:`Any string you choose; give Meta the same.`},{key:`access_token`,label:`Access token`,secret:!0}]}],Ta={twilio:[`auth_token`],meta:[`app_secret`,`verify_token`,`access_token`]};function Ea(e,t){let n=wa.find(t=>t.id===e);if(!n)throw Error(`no channel form ${e}`);let r={kind:n.kind};n.provider&&(r.provider=n.provider);for(let e of n.fields)r[e.key]=String(t[e.key]??``).trim();let i=String(t.api_base??``).trim();return n.provider&&i&&(r.api_base=i),r}function Da(e,t){return Object.fromEntries((Ta[e]||[]).map(e=>[e,String(t[e]??``).trim()]))}var Oa={inbox:`M22 12h-6l-2 3h-4l-2-3H2 M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z`,ticket:`M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z M14 5v2 M14 11v2 M14 17v2`,web:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M2 12h20 M12 2a15 15 0 0 1 4 10 15 15 0 0 1-4 10 15 15 0 0 1-4-10 15 15 0 0 1 4-10z`,email:`M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M22 6l-10 7L2 6`,sms:`M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z`,whatsapp:`M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.18 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.1 9.9a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.9.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z`,api:`M16 18l6-6-6-6 M8 6l-6 6 6 6`,search:`M11 3a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M21 21l-4.35-4.35`,x:`M18 6 6 18 M6 6l12 12`,sparkle:`M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z M19 15l.9 2.1L22 18l-2.1.9L19 21l-.9-2.1L16 18l2.1-.9z`,bot:`M12 8V4 M8 4h8 M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z M9 13v2 M15 13v2`,lock:`M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M7 11V7a5 5 0 0 1 10 0v4`,send:`M22 2 11 13 M22 2l-7 20-4-9-9-4z`,help:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01`,logout:`M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9`,external:`M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6 M15 3h6v6 M10 14 21 3`,clock:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 6v6l4 2`,alert:`M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01`,user:`M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z`,users:`M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2 M9 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M23 21v-2a4 4 0 0 0-3-3.87 M16 3.13a4 4 0 0 1 0 7.75`,arrowDown:`M12 5v14 M19 12l-7 7-7-7`,check:`M20 6 9 17l-5-5`,eye:`M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z`,tag:`M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01`,panel:`M3 3h18v18H3z M15 3v18`,stop:`M6 6h12v12H6z`,book:`M4 19.5A2.5 2.5 0 0 1 6.5 17H20 M6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5v-15A2.5 2.5 0 0 1 6.5 2z`,logo:`M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4a2 2 0 0 1-2-2z M8 8h8 M8 12h5`,star:`M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.9L12 17.8l-6.2 3.3L7 14.2 2 9.3l6.9-1z`,pause:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M10 9v6 M14 9v6`,settings:`M3 6h4 M11 6h10 M3 12h10 M17 12h4 M3 18h6 M13 18h8 M9 4a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M15 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M11 16a2 2 0 1 1 0 4 2 2 0 0 1 0-4z`,key:`M7 11a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M10 12l9-9 M16 6l3 3 M14 8l2 2`,trash:`M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13 M10 11v6 M14 11v6`,plus:`M12 5v14 M5 12h14`,copy:`M9 9h11v11H9z M5 15H4V4h11v1`,refresh:`M20 12a8 8 0 1 1-2.34-5.66 M20 4v5h-5`,upload:`M12 16V4 M7 9l5-5 5 5 M4 16v4h16v-4`,plug:`M9 2v6 M15 2v6 M6 8h12v4a6 6 0 0 1-12 0z M12 18v4`,shield:`M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z`,device:`M3 4h18v12H3z M8 20h8 M12 16v4`,edit:`M4 20h4L19 9l-4-4L4 16z M13 7l4 4`,chart:`M3 3v18h18 M8 17v-5 M13 17V8 M18 17v-8`};function Y({name:e,size:t=16,label:n,class:r=``}){let i=Oa[e]||Oa.help;return k`<svg class=${`icon ${r}`} width=${t} height=${t} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${n?void 0:`true`}
    role=${n?`img`:void 0} aria-label=${n}><path d=${i} /></svg>`}var ka={web:`Web chat`,email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`,api:`API`};function Aa({channel:e}){return k`<span class="channel" title=${ka[e]||e}>
    <${Y} name=${Oa[e]?e:`web`} size=${13} label=${ka[e]||e} />
  </span>`}var ja={open:`Open`,pending:`Pending`,waiting_human:`Waiting for human`,resolved:`Resolved`,closed:`Closed`,new:`New`,solved:`Solved`};function Ma({status:e,short:t=!1}){let n=t&&e===`waiting_human`?`Needs human`:ja[e]||e;return k`<span class=${`chip status-${e}`}>${n}</span>`}var Na=[`low`,`normal`,`high`,`urgent`];function Pa({priority:e}){return e!==`high`&&e!==`urgent`?null:k`<span class=${`chip priority-${e}`}>${e===`urgent`?`Urgent`:`High`}</span>`}function X(e,t){return e?.name?e.name:e?.email?e.email:`Visitor · ${xe(e?.id||t)}`}function Fa(e){let t=String(e||`?`).replace(/[^\p{L}\p{N} ]/gu,` `).trim().split(/\s+/);return((t.length>1?t[0][0]+t[t.length-1][0]:(t[0]||`?`).slice(0,2))||`?`).toUpperCase()}var Ia=[`#5b4a8a`,`#2f6f5e`,`#7a4a3a`,`#3d5a80`,`#6b4f2a`,`#4f5d75`,`#70406b`,`#2e6a7a`];function La(e){let t=0;for(let n of String(e))t=t*31+n.charCodeAt(0)>>>0;return Ia[t%Ia.length]}function Z({name:e,kind:t=`visitor`,id:n,size:r=32}){let i=`width:${r}px;height:${r}px;font-size:${Math.round(r*.38)}px`;return t===`ai`?k`<span class="avatar avatar-ai" style=${i}><${Y} name="sparkle" size=${Math.round(r*.55)} /></span>`:t===`bot`?k`<span class="avatar avatar-bot" style=${i}><${Y} name="bot" size=${Math.round(r*.55)} /></span>`:t===`system`?k`<span class="avatar avatar-bot" style=${i}><${Y} name="alert" size=${Math.round(r*.5)} /></span>`:k`<span class="avatar" style=${`${i};background:${La(n||e)}`} aria-hidden="true">${Fa(e)}</span>`}function Ra(e=3e4){let[t,n]=P(Date.now());return F(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function za(e,t,n){return t?n&&t===n.id?`${n.name} (you)`:e[t]||`Agent ${xe(t)}`:`Unassigned`}var Ba=`● `;function Va(e,t){let n=e.session.user,r=new Set((e.presence.agents||[]).map(e=>e.id)),i=new Set([n.id]),a=[{value:``,label:`Unassigned`},{value:n.id,label:`${n.name} (you)`}],o=(t,o)=>{if(!t||i.has(t))return;i.add(t);let s=o||za(e.names,t,n);a.push({value:t,label:r.has(t)?`${Ba}${s}`:s})},s=e.staff?.state===`ok`&&e.staff.users||[];for(let e of s)o(e.id,e.name||e.email);for(let t of e.presence.agents||[])o(t.id,t.name||e.names[t.id]);return t&&o(t,null),a}function Q({label:e=`Loading`}){return k`<span class="spinner" role="status" aria-label=${e}></span>`}function Ha(e){class t extends S{shouldComponentUpdate(e){for(let t in e)if(e[t]!==this.props[t])return!0;for(let t in this.props)if(!(t in e))return!0;return!1}render(t){return y(e,t)}}return t.displayName=`Memo(${e.name})`,t}function Ua(){return k`<div class="brand brand-large"><span class="brand-mark"><${Y} name="logo" size=${22} /></span> FlowSupport</div>`}function Wa(e,t=e=>e.message){let[n,r]=P(!1),[i,a]=P(null);async function o(i){if(i.preventDefault(),!n){r(!0),a(null);try{await e()}catch(e){a(t(e)),r(!1)}}}return{busy:n,error:i,setError:a,submit:o}}function Ga({busy:e,error:t,testid:n,label:r,busyLabel:i}){return k`${t&&k`<p class="form-error" role="alert">${t}</p>`}
    <button data-testid=${n} class="btn btn-primary btn-block" type="submit" disabled=${e}>
      ${e?i:r}
    </button>`}var Ka=()=>new URLSearchParams(location.search).get(`token`)||``;function qa({title:e,children:t,testid:n}){return k`<main class="signin"><div class="signin-card" data-testid=${n}>
    <${Ua} />
    <h1>${e}</h1>
    ${t}
  </div></main>`}function Ja({form:e,set:t}){return k`<div class="field">
      <label for="account-password">Password</label>
      <input id="account-password" data-testid="account-password" type="password" required autocomplete="new-password"
        value=${e.password} onInput=${t(`password`)} aria-describedby="account-password-help" />
      <small id="account-password-help" class="muted">At least ${8} characters.</small>
    </div>
    <label class="field">
      <span>Password again</span>
      <input data-testid="account-password-again" type="password" required autocomplete="new-password"
        value=${e.again} onInput=${t(`again`)} />
    </label>`}function Ya(){let e=Ka(),[t,n]=P(null),[r,i]=P(e?null:`This link has no invitation in it. Open the link from the e-mail as it is.`),[a,o]=P({name:``,password:``,again:``}),s=e=>t=>o(n=>({...n,[e]:t.currentTarget.value})),{busy:c,error:l,submit:u}=Wa(async()=>{let t=va(a.password,a.again);if(t)throw Error(t);let n=await j(`/v1/invitations/accept`,{method:`POST`,body:{token:e,name:a.name.trim(),password:a.password},auth:!1});history.replaceState(null,``,`/inbox#/`),Ri(n)});return F(()=>{e&&j(`/v1/invitations/accept`,{query:{token:e},auth:!1}).then(n,e=>i(e.message))},[]),r?k`<${qa} title="This invitation cannot be used" testid="invite-invalid">
      <p class="form-error" role="alert">${r}</p>
      <p class="muted">Invitations work once, for a limited time. Ask an admin of your workspace to send you a new one.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${qa}>`:t?k`<main class="signin">
    <form class="signin-card" onSubmit=${u} aria-labelledby="invite-title" data-testid="invite-form">
      <${Ua} />
      <h1 id="invite-title">Join ${t.tenant_name}</h1>
      <p class="muted">You were invited as <strong data-testid="invite-email">${t.email}</strong>. Choose the name your teammates see and a password.</p>
      <label class="field">
        <span>Your name</span>
        <input data-testid="account-name" required autofocus maxlength="200" autocomplete="name" value=${a.name} onInput=${s(`name`)} />
      </label>
      <${Ja} form=${a} set=${s} />
      <${Ga} busy=${c} error=${l} testid="invite-accept" label="Join and sign in" busyLabel="Joining…" />
    </form>
  </main>`:k`<main class="signin"><${Q} label="Checking the invitation" /></main>`}function Xa(){let e=Ka(),[t,n]=P({password:``,again:``}),[r,i]=P(!1),a=e=>t=>n(n=>({...n,[e]:t.currentTarget.value})),{busy:o,error:s,submit:c}=Wa(async()=>{let n=va(t.password,t.again);if(n)throw Error(n);await j(`/v1/auth/password-reset/confirm`,{method:`POST`,body:{token:e,password:t.password},auth:!1}),i(!0)});return e?r?k`<${qa} title="Your password is changed" testid="reset-done">
      <p class="muted">Sign in with your new password.</p>
      <a class="btn btn-primary btn-block" href="/inbox" data-testid="reset-signin">Sign in</a>
    </${qa}>`:k`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="reset-title" data-testid="reset-form">
      <${Ua} />
      <h1 id="reset-title">Choose a new password</h1>
      <p class="muted">The link works once, for a short time.</p>
      <${Ja} form=${t} set=${a} />
      <${Ga} busy=${o} error=${s} testid="reset-submit" label="Change password" busyLabel="Changing…" />
    </form>
  </main>`:k`<${qa} title="This link is incomplete" testid="reset-invalid">
      <p class="muted">Open the link from the e-mail as it is, or ask for a new one from the sign-in page.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${qa}>`}function Za({email:e,onBack:t}){let[n,r]=P(e),[i,a]=P(!1),{busy:o,error:s,submit:c}=Wa(async()=>{await j(`/v1/auth/password-reset`,{method:`POST`,body:{email:n.trim()},auth:!1}),a(!0)});return i?k`<main class="signin"><div class="signin-card" data-testid="forgot-sent" role="status">
      <${Ua} />
      <h1>Check your e-mail</h1>
      <p class="muted">If an account uses <strong>${n.trim()}</strong>, a link to choose a new password is on its way. It works once, for 30 minutes.</p>
      <button class="btn btn-block" onClick=${t} data-testid="forgot-back">Back to sign-in</button>
    </div></main>`:k`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="forgot-title" data-testid="forgot-form">
      <${Ua} />
      <h1 id="forgot-title">Forgot your password?</h1>
      <p class="muted">We send a link to choose a new one to the address you sign in with.</p>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="forgot-email" type="email" autocomplete="username" required autofocus value=${n}
          onInput=${e=>r(e.currentTarget.value)} placeholder="you@company.com" />
      </label>
      <${Ga} busy=${o} error=${s} testid="forgot-submit" label="Send the link" busyLabel="Sending…" />
      <button type="button" class="link-btn" onClick=${t} data-testid="forgot-back">Back to sign-in</button>
    </form>
  </main>`}var Qa=new Set([`admin`,`super_admin`]),$a=e=>`flowsupport.inbox.checklist.${e}`;function eo(e,t){return`<script src="${e}/widget.js" data-widget-key="${t}" async><\/script>`}function to(e){return/^[A-Za-z0-9_.@:/+-]+$/.test(e)?e:`'${e.replaceAll(`'`,`'\\''`)}'`}function no(e){return Qa.has(e?.role)}function ro(e){return localStorage.getItem($a(e))===`dismissed`}function io({onDismiss:e}){let t=L(R,e=>e.session.user),n=L(R,e=>e.staff.state===`ok`?e.staff.users.length:0),r=L(R,e=>Object.values(e.convs).some(e=>e.channel===`web`)),[i,a]=P(null),[o,s]=P(null),[c,l]=P(null);F(()=>{j(`/v1/settings`).then(a,e=>l(e.message)),j(`/v1/kb/articles`,{query:{limit:1}}).then(e=>s(e.articles.length),()=>s(0))},[]);function u(){localStorage.setItem($a(t.tenant_id),`dismissed`),e()}if(c)return k`<p class="form-error" role="alert">${c}</p>`;if(!i)return null;let d=to(i.name),f=i.widget_snippet||eo(location.origin,i.widget_key),p=[{id:`widget`,done:r,title:`Put the chat widget on your website`,text:k`Paste this before <code>${`</body>`}</code> on ${i.allowed_origins.join(`, `)||`your site`}. Visitors' chats then land in Conversations.`,code:f},{id:`kb`,done:o>0,title:`Import your help center`,text:`The AI answers visitors from these articles, with links to them, and hands over what they do not cover. Upload Markdown or HTML files (or a .zip) in the settings, or ingest a folder:`,code:`python -m kb_ingest ./help-center --tenant ${d} --base-url https://help.example.com`,page:[`kb`,`Upload articles`]},{id:`team`,done:n>1,title:`Invite a teammate`,text:`Give each agent their own account: invite them by e-mail, and they choose their password from the link.`,page:[`team`,`Invite from Settings`]}],m=p.filter(e=>!e.done).length;return k`<section class="checklist" data-testid="checklist" aria-labelledby="checklist-title">
    <div class="checklist-head">
      <h2 id="checklist-title">Get ${i.name} ready</h2>
      <span class="muted small">${m?`${m} of ${p.length} left`:`All done`}</span>
      <button class="icon-btn" onClick=${u} aria-label="Hide the checklist" title="Hide"><${Y} name="x" /></button>
    </div>
    <ol class="checklist-steps">
      ${p.map(e=>k`<li key=${e.id} class=${e.done?`done`:``} data-testid=${`checklist-${e.id}`}>
        <span class="check-mark" aria-label=${e.done?`done`:`to do`}>${e.done?k`<${Y} name="check" size=${14} />`:``}</span>
        <div>
          <h3>${e.title}</h3>
          <p class="muted">${e.text}</p>
          ${e.code&&k`<${ao} text=${e.code} testid=${`checklist-${e.id}-code`} />`}
          ${e.page&&k`<a class="btn btn-sm checklist-go" href=${Ct(e.page[0])} data-testid=${`checklist-${e.id}-go`}
              onClick=${t=>{t.preventDefault(),q({view:`settings`,page:e.page[0]})}}>${e.page[1]}</a>`}
        </div>
      </li>`)}
    </ol>
  </section>`}function ao({text:e,testid:t}){let[n,r]=P(!1);async function i(){try{await navigator.clipboard.writeText(e),r(!0),setTimeout(()=>r(!1),2e3)}catch{r(!1)}}return k`<div class="copybox">
    <code data-testid=${t}>${e}</code>
    <button class="btn btn-sm" type="button" onClick=${i}>${n?`Copied`:`Copy`}</button>
  </div>`}var oo=[`grey`,`red`,`orange`,`amber`,`green`,`teal`,`blue`,`indigo`,`purple`,`pink`],so=null;function co({force:e=!1}={}){return so&&!e||(so=j(`/v1/labels`).then(e=>(R.set(t=>({...t,labels:e.labels})),e.labels)).catch(e=>(so=null,V(e,`Labels could not be loaded`),[]))),so}function lo(){let e=L(R,e=>e.labels);return F(()=>{e||co()},[e]),e||[]}function uo(e,t){return e.find(e=>e.name===t)||null}function fo(e,t){let n=uo(e,t);return`label-chip label-${n?n.colour:`grey`}${n?``:` free`}`}function po({tag:e,labels:t,small:n=!1}){let r=uo(t,e);return k`<span class=${`${fo(t,e)} ${n?`small`:``}`} data-testid="label-chip" data-label=${e}
    title=${r?.description||(r?e:`${e} (free tag)`)}>${e}</span>`}function mo({tags:e}){let t=lo();return e?.length?k`<span class="label-chips">${e.map(e=>k`<${po} key=${e} tag=${e} labels=${t} small />`)}</span>`:null}function ho({conv:e}){let t=lo(),[n,r]=P(!1),i=e.tags||[],a=t.filter(e=>!i.includes(e.name));function o(t){J(e.id,{tags:[...new Set(t)].sort()})}return k`<section class="card" data-testid="details-labels">
    <div class="card-head">
      <h4><${Y} name="tag" size=${13} /> Labels</h4>
      <button type="button" class="link-btn" data-testid="label-add" aria-expanded=${n} disabled=${!a.length}
        onClick=${()=>r(!n)}>${a.length?`Add`:t.length?`All added`:`None defined`}</button>
    </div>
    <div class="label-chips wrap">
      ${i.length===0&&k`<span class="muted small">No labels yet.</span>`}
      ${i.map(e=>k`<span class=${fo(t,e)} key=${e} data-testid="label-chip" data-label=${e}>
          ${e}<button type="button" class="tag-x" aria-label=${`Remove label ${e}`} onClick=${()=>o(i.filter(t=>t!==e))}><${Y} name="x" size=${10} /></button>
        </span>`)}
    </div>
    ${n&&k`<ul class="label-menu" role="listbox" aria-label="Add a label" data-testid="label-menu">
        ${a.map(e=>k`<li key=${e.id}><button type="button" role="option" class="label-option" data-label=${e.name}
            onClick=${()=>{r(!1),o([...i,e.name])}}>
            <span class=${`label-dot label-${e.colour}`} aria-hidden="true"></span>
            <span class="label-name">${e.name}</span>
            ${e.description&&k`<span class="muted small ellipsis">${e.description}</span>`}
          </button></li>`)}
      </ul>`}
  </section>`}var go=``;function _o(e){return Object.keys(e.selected||{})}function vo(e,{shift:t=!1,ids:n=[]}={}){R.set(r=>{let i={...r.selected||{}},a=!i[e],o=n.indexOf(r.selectAnchor),s=n.indexOf(e),c=t&&o>=0&&s>=0?n.slice(Math.min(o,s),Math.max(o,s)+1):[e];for(let e of c)a?i[e]=!0:delete i[e];return{...r,selected:i,selectAnchor:e}})}function yo(e){R.set(t=>{let n=e.length>0&&e.every(e=>t.selected?.[e]);return{...t,selected:n?{}:Object.fromEntries(e.map(e=>[e,!0])),selectAnchor:null}})}function bo(){R.set(e=>({...e,selected:{},selectAnchor:null}))}async function xo(e){let t=_o(R.get()).slice(0,100);if(!t.length)return;let n;try{n=await j(`/v1/conversations/bulk`,{method:`POST`,body:{ids:t,changes:e}})}catch(e){V(e,`Not changed`);return}let r=n.results.filter(e=>!e.ok),i=n.results.filter(e=>e.ok).map(e=>e.id),a=await Promise.all(i.map(e=>j(`/v1/conversations/${encodeURIComponent(e)}`).catch(()=>null)));R.set(e=>({...U(e,a.filter(Boolean)),selected:{},selectAnchor:null})),r.length?B(`${i.length} changed; ${r.length} not: ${r[0].error?.message||`refused`}`):B(`${i.length} conversation${i.length===1?``:`s`} changed`,`info`)}function So({ids:e}){let t=L(R,e=>e),n=_o(t).length,r=Va(t,null),i=lo(),[a,o]=P(!1),s=e.length>0&&e.every(e=>t.selected?.[e]);async function c(e){o(!0);try{await xo(e)}finally{o(!1)}}let l=Et.filter(e=>e.statuses?.length===1&&e.value===e.statuses[0]).map(e=>e.value);return k`<div class=${`bulk-bar ${n?`on`:``}`} data-testid="bulk-bar" role="toolbar" aria-label="Bulk actions">
    <label class="bulk-all">
      <input type="checkbox" data-testid="bulk-select-all" checked=${s} aria-label="Select every conversation shown"
        onChange=${()=>yo(e)} />
      <span class="small">${n?`${n} selected`:`Select`}</span>
    </label>
    ${n>0&&k`
      <select data-testid="bulk-status" aria-label="Set status" disabled=${a} value=${go}
        onChange=${e=>e.currentTarget.value&&c({status:e.currentTarget.value})}>
        <option value=${go}>Status…</option>
        ${l.map(e=>k`<option value=${e}>${ja[e]||e}</option>`)}
      </select>
      <select data-testid="bulk-assignee" aria-label="Assign to" disabled=${a} value="-"
        onChange=${e=>{let t=e.currentTarget.value;t!==`-`&&c({assignee_id:t||null})}}>
        <option value="-">Assign…</option>
        ${r.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
      </select>
      <select data-testid="bulk-add-label" aria-label="Add a label" disabled=${a||!i.length} value=${go}
        onChange=${e=>e.currentTarget.value&&c({add_tags:[e.currentTarget.value]})}>
        <option value=${go}>Add label…</option>
        ${i.map(e=>k`<option value=${e.name}>${e.name}</option>`)}
      </select>
      <select data-testid="bulk-remove-label" aria-label="Remove a label" disabled=${a||!i.length} value=${go}
        onChange=${e=>e.currentTarget.value&&c({remove_tags:[e.currentTarget.value]})}>
        <option value=${go}>Remove label…</option>
        ${i.map(e=>k`<option value=${e.name}>${e.name}</option>`)}
      </select>
      <button type="button" class="btn btn-ghost btn-sm" onClick=${bo} aria-label="Clear the selection"><${Y} name="x" size=${12} /></button>`}
  </div>`}var Co={agent:`Agent: `,ai:`AI: `,bot:`Bot: `,system:``};function wo(){let e=L(R,e=>e.filters),t=L(R,e=>e.list),n=L(R,Do),r=L(R,e=>e.route.conversationId),i=L(R,e=>e.cursor),a=Ra(3e4),o=lo();return k`<section class="pane list-pane" aria-label="Conversations">
    <div class="pane-head">
      <div class="pane-title">
        <h2>Inbox</h2>
        <span class="muted small">${t.loading?k`<${Q} />`:`${n.length}${t.nextCursor?`+`:``}`}</span>
      </div>
      <label class="search">
        <${Y} name="search" size=${14} />
        <input data-testid="conv-search" type="search" placeholder="Search conversations" aria-label="Search conversations"
          value=${e.q} onInput=${e=>Un({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="filter-status" aria-label="Status" value=${e.status} onChange=${e=>Un({status:e.currentTarget.value})}>
          ${Et.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
        </select>
        <select data-testid="filter-channel" aria-label="Channel" value=${e.channel} onChange=${e=>Un({channel:e.currentTarget.value})}>
          <option value="">All channels</option>
          ${Object.entries(ka).map(([e,t])=>k`<option value=${e}>${t}</option>`)}
        </select>
        <select data-testid="filter-label" aria-label="Label" value=${e.label||``} onChange=${e=>Un({label:e.currentTarget.value})}>
          <option value="">All labels</option>
          ${o.map(e=>k`<option value=${e.name}>${e.name}</option>`)}
          ${e.label&&!o.some(t=>t.name===e.label)&&k`<option value=${e.label}>${e.label}</option>`}
        </select>
      </div>
      <div class="filters">
        <button data-testid="filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>Un({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>Un({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
      <${So} ids=${n} />
    </div>
    <ul data-testid="conv-list" class="list" aria-label="Conversation list">
      ${n.map(e=>k`<${Oo} key=${e} id=${e} ids=${n} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&k`<li class="empty">
        ${t.error?k`<p>Could not load conversations.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${Bn}>Try again</button>`:k`<p>No conversations here.</p><p class="muted small">${e.q?`Nothing matches your search.`:`New chats appear here as they arrive.`}</p>`}
      </li>`}
      ${t.nextCursor&&k`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${Vn} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var To=null,Eo=[];function Do(e){if(e===To)return Eo;let t=zn(e);return To=e,(t.length!==Eo.length||t.some((e,t)=>e!==Eo[t]))&&(Eo=t),Eo}var Oo=Ha(function({id:e,ids:t,active:n,highlighted:r,now:i}){let a=L(R,t=>t.convs[e]),o=L(R,t=>!!t.selected?.[e]),s=L(R,t=>t.unread[e]||0),c=L(R,t=>!!t.streams[e]),l=L(R,t=>Object.keys(t.typing[e]||{}).length>0),u=L(R,e=>a?.assignee_id?za(e.names,a.assignee_id,e.session.user):null),d=I(null);if(F(()=>{(r||n)&&d.current?.scrollIntoView({block:`nearest`})},[r,n]),!a)return null;let f=X(a.contact,a.contact_id),p=a.preview,m;return m=c?k`<span class="accent-text">AI is answering…</span>`:l?k`<span class="accent-text">typing…</span>`:p?`${Co[p.sender_kind]||``}${p.body}`:k`<span class="faint">${a.subject||`No messages yet`}</span>`,k`<li class=${`row-item ${o?`selected`:``}`}>
    <input type="checkbox" class="row-check" data-testid="conv-select" checked=${o} aria-label=${`Select ${f}`}
      onClick=${n=>vo(e,{shift:n.shiftKey,ids:t})} />
    <button ref=${d} data-testid="conv-item" data-conversation-id=${e} data-status=${a.status}
      class=${`row ${n?`active`:``} ${r?`highlighted`:``} ${s?`unread`:``}`}
      aria-current=${n?`true`:void 0}
      onClick=${()=>q({view:`conversations`,conversationId:e})}>
      <${Z} name=${f} id=${a.contact_id} size=${34} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">${f}</span>
          <time class="row-time" datetime=${a.updated_at}>${Ee(Math.max(Date.parse(a.updated_at)||0,a.activity||0),i)}</time>
        </span>
        <span class="row-preview">${m}</span>
        <${mo} tags=${a.tags} />
        <span class="row-meta">
          <${Ma} status=${a.status} short />
          <${Aa} channel=${a.channel} />
          <${Pa} priority=${a.priority} />
          ${a.snoozed_until&&k`<span class="mini" data-testid="conv-snoozed" title=${`Snoozed until ${new Date(a.snoozed_until).toLocaleString()}`}><${Y} name="clock" size=${11} />Snoozed</span>`}
          ${a.ticket_id&&k`<span class="mini" title="Has a ticket"><${Y} name="ticket" size=${12} /></span>`}
          ${u&&k`<span class="mini assignee" title=${`Assigned to ${u}`}><${Y} name="user" size=${11} />${u.replace(` (you)`,``)}</span>`}
          ${s>0&&k`<span data-testid="conv-unread" class="badge" aria-label=${`${s} unread`}>${s>99?`99+`:s}</span>`}
        </span>
      </span>
    </button>
  </li>`}),ko={no_question:`The customer has not asked anything yet.`,refund:`The AI leaves refunds and compensation to a person.`,price:`The AI does not quote prices the help center does not state.`,future_price:`The AI makes no promises about future prices.`,discount:`The AI offers no discounts beyond a documented programme.`,legal:`The AI makes no legal or compliance commitments.`,account_action:`This asks for a change on the account that only a person can make.`,account_state:`This is about the customer's own account, which the AI cannot see.`,instruction:`This gives instructions to the assistant: a person should answer.`,budget:`The AI budget is used up.`,not_grounded:`The AI found that its sources do not answer this question.`},Ao=`The help center does not answer this question.`;function jo(e,t){let n=(e||``).trimEnd();return n?`${n}\n\n${t}`:t}function Mo({id:e}){let[t,n]=P(null),[r,i]=P(null);F(()=>i(null),[e]);async function a(){n(`suggest`);try{let t=await j(`/v1/conversations/${encodeURIComponent(e)}/suggested-reply`,{method:`POST`});t.body&&(Yr(e,jo(R.get().drafts[e],t.body)),ri(`reply`)),i({kind:`draft`,draft:t})}catch(e){i({kind:`error`,message:e.message||`No suggestion: try again.`})}finally{n(null)}}async function o(){n(`summary`);try{let t=await j(`/v1/conversations/${encodeURIComponent(e)}/summary`,{method:`POST`});i({kind:`summary`,...t})}catch(e){i({kind:`error`,message:e.message||`No summary: try again.`})}finally{n(null)}}return k`<div class="assist" data-testid="assist">
    <div class="assist-bar" role="group" aria-label="AI help">
      <button class="btn btn-ghost btn-sm" data-testid="assist-suggest" disabled=${!!t} onClick=${a}
        title="Draft a reply to the customer's last question from the knowledge base">
        <${Y} name="sparkle" size=${13} /> ${t===`suggest`?`Drafting…`:`Suggest a reply`}
      </button>
      <button class="btn btn-ghost btn-sm" data-testid="assist-summarise" disabled=${!!t} onClick=${o}
        title="The conversation so far in a few lines">
        <${Y} name="book" size=${13} /> ${t===`summary`?`Summarising…`:`Summarise`}
      </button>
    </div>
    ${r&&k`<${No} result=${r} onClose=${()=>i(null)} />`}
  </div>`}function No({result:e,onClose:t}){let n=k`<button class="icon-btn assist-close" aria-label="Close" onClick=${t}><${Y} name="x" size=${12} /></button>`;if(e.kind===`error`)return k`<div class="assist-card assist-error" role="alert" data-testid="assist-error">${e.message}${n}</div>`;if(e.kind===`summary`)return k`<div class="assist-card" data-testid="assist-summary" role="status">
      <div class="assist-head"><strong>Summary</strong>
        <span class="muted small">${e.by===`llm`?`written by the AI`:`from the conversation`}</span>${n}</div>
      <div class="assist-text">${e.summary.split(`
`).map(e=>k`<p>${e}</p>`)}</div>
    </div>`;let{draft:r}=e,i=(r.citations||[]).map(e=>k`<li>${e.url?k`<a href=${e.url} target="_blank" rel="noopener noreferrer">${e.title}</a>`:e.title}</li>`);return r.body?k`<div class="assist-card" data-testid="assist-draft" role="status">
      <div class="assist-head"><strong>Draft in the composer</strong>
        <span class="muted small">edit it, then send: nothing went to the customer</span>${n}</div>
      ${i.length>0&&k`<div class="small">From: <ul class="assist-sources" data-testid="assist-sources">${i}</ul></div>`}
    </div>`:k`<div class="assist-card" data-testid="assist-none" role="status">
    <div class="assist-head"><strong>No draft</strong>${n}</div>
    <p class="small" data-testid="assist-reason">${ko[r.reason]||Ao}</p>
    ${i.length>0&&k`<div class="small">Closest articles: <ul class="assist-sources" data-testid="assist-sources">${i}</ul></div>`}
  </div>`}var Po=new Set([`image/png`,`image/jpeg`,`image/gif`,`image/webp`]),$=class extends Error{constructor(e,t,n){super(n),this.name=`UploadError`,this.status=e,this.code=t}};function Fo(e){return typeof e==`string`&&Po.has(e.toLowerCase())}function Io(e){let t=Number(e);if(!Number.isFinite(t)||t<0)return``;if(t<1e3)return`${t} B`;if(t<1e6)return`${Math.round(t/1e3)} KB`;let n=t/1e6;return`${n<10?n.toFixed(1):Math.round(n)} MB`}function Lo(e,t){return typeof t!=`string`||!/^\/v1\/attachments\/[A-Za-z0-9_-]+$/.test(t)?null:`${e.replace(/\/+$/,``)}${t}`}function Ro(e,t){let n=t?.error||{},r=typeof n.message==`string`&&n.message?n.message:``;if(e===0)return new $(0,`unavailable`,`The server cannot be reached. Please try again.`);let i=r.replace(/^file:?\s+/,``);if(e===413)return new $(413,`too_large`,`This file is too large${i?` (${i})`:``}.`);if(e===422){let e=i?`Not accepted: ${i}`:`This type of file is not accepted.`;return new $(422,n.code||`bad_request`,e)}return e===429?new $(429,`rate_limited`,`Too many files at once. Please wait a moment.`):e===401?new $(401,`unauthorized`,`Your session has ended. Please reload.`):e===404?new $(404,`not_found`,`This file is no longer available.`):new $(e,n.code||`internal`,r||`The file could not be sent (${e}).`)}function zo(e){return!e||typeof e.upload_id!=`string`?null:{upload_id:e.upload_id,name:String(e.name||`file`),content_type:String(e.content_type||`application/octet-stream`),size:Number(e.size)||0}}function Bo({server:e,token:t,file:n,name:r,onProgress:i,signal:a}){return new Promise((o,s)=>{let c=new XMLHttpRequest;c.open(`POST`,`${e.replace(/\/+$/,``)}/v1/uploads`),t&&c.setRequestHeader(`authorization`,`Bearer ${t}`),c.responseType=`text`,c.upload.onprogress=e=>{e.lengthComputable&&i&&i(Math.min(1,e.loaded/e.total))},c.onload=()=>{let e=null;try{e=JSON.parse(c.responseText)}catch{e=null}let t=c.status>=200&&c.status<300?zo(e):null;t?o(t):s(Ro(c.status||0,e))},c.onerror=()=>s(Ro(0,null)),c.onabort=()=>s(new $(0,`cancelled`,`Cancelled`)),a?.addEventListener(`abort`,()=>c.abort(),{once:!0});let l=new FormData;l.append(`file`,n,r||n.name||`pasted-image`),c.send(l)})}async function Vo(e,t){let n;try{n=await fetch(e,{headers:t?{authorization:`Bearer ${t}`}:{},credentials:`omit`})}catch{throw Ro(0,null)}if(!n.ok){let e=null;try{e=await n.json()}catch{e=null}throw Ro(n.status,e)}return n.blob()}async function Ho(e,t){let n=await Vo(e,t);if(!Fo(n.type.split(`;`)[0]))throw new $(422,`bad_request`,`This file is not an image.`);return new Promise((e,t)=>{let r=new FileReader;r.onload=()=>e(String(r.result)),r.onerror=()=>t(new $(0,`internal`,`The image could not be read.`)),r.readAsDataURL(n)})}async function Uo(e,t,n){let r=await Vo(e,t),i=URL.createObjectURL(r),a=Object.assign(document.createElement(`a`),{href:i,download:n||`attachment`});a.style.display=`none`,document.body.append(a),a.click(),a.remove(),setTimeout(()=>URL.revokeObjectURL(i),1e4)}function Wo(e){if(!e)return[];let t=Array.from(e.files||[]);return t.length?t:Array.from(e.items||[]).filter(e=>e.kind===`file`).map(e=>e.getAsFile()).filter(e=>e!==null)}var Go=()=>R.get().session?.token||null;function Ko({size:e=14}){return k`<svg class="icon" width=${e} height=${e} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <path d="M21 11.5 12.6 19.9a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
  </svg>`}var qo=0;function Jo(e,t){R.set(n=>z(n,`uploads`,e,e=>t(e||[])))}function Yo(e,t,n){Jo(e,e=>e.map(e=>e.key===t?{...e,...n}:e))}var Xo=[`sms`,`whatsapp`];function Zo(e,t){let n=R.get().convs[e]?.channel;if(Xo.includes(n)){B(`Files cannot be sent on ${n===`sms`?`SMS`:`WhatsApp`} conversations.`);return}let r=10-(R.get().uploads[e]||[]).length;t.length>r&&B(`You can send up to 10 files at once.`);for(let n of t.slice(0,Math.max(0,r))){let t=++qo,r=new AbortController,i=n.name||`pasted-image.png`;Jo(e,e=>[...e,{key:t,name:i,state:`uploading`,progress:0,upload:null,error:``,abort:r}]),Bo({server:``,token:Go(),file:n,name:i,signal:r.signal,onProgress:n=>Yo(e,t,{progress:n})}).then(n=>Yo(e,t,{state:`ready`,upload:n}),n=>{n.code!==`cancelled`&&Yo(e,t,{state:`error`,error:n.message})})}}function Qo(e,t){(R.get().uploads[e]||[]).find(e=>e.key===t)?.abort.abort(),Jo(e,e=>e.filter(e=>e.key!==t))}function $o(e){let t=L(R,t=>t.uploads[e])||[],n=L(R,t=>Xo.includes(t.convs[e]?.channel)),r=I(null),[i,a]=P(!1),o=e=>Array.from(e.dataTransfer?.types||[]).includes(`Files`);return{ready:t.some(e=>e.state===`ready`),busy:t.some(e=>e.state===`uploading`),over:i,onPaste(t){let n=Wo(t.clipboardData);n.length&&(t.preventDefault(),Zo(e,n))},drop:{onDragOver(e){o(e)&&(e.preventDefault(),a(!0))},onDragLeave(){a(!1)},onDrop(t){a(!1);let n=Wo(t.dataTransfer);n.length&&(t.preventDefault(),Zo(e,n))}},button:k`<button type="button" data-testid="composer-attach" class="btn btn-ghost btn-sm"
        title=${n?`Files cannot be sent on this channel`:`Attach files (or drop or paste them)`}
        aria-label="Attach files" disabled=${n} onClick=${()=>r.current?.click()}>
      <${Ko} size=${14} /> Attach
      <input ref=${r} data-testid="composer-file-input" type="file" multiple hidden tabIndex="-1"
        onChange=${t=>{Zo(e,Array.from(t.currentTarget.files||[])),t.currentTarget.value=``}} />
    </button>`,tray:t.length>0&&k`<ul class="upload-tray" data-testid="composer-files" aria-label="Files to send">
        ${t.map(t=>k`<${es} key=${t.key} file=${t} onRemove=${()=>Qo(e,t.key)} />`)}
      </ul>`}}function es({file:e,onRemove:t}){let n=e.state===`uploading`?`Uploading ${Math.round(e.progress*100)}%`:e.state===`error`?e.error:Io(e.upload?.size);return k`<li class=${`upload-chip upload-${e.state}`} data-testid="composer-file" data-state=${e.state}>
    ${e.state===`error`?k`<${Y} name="alert" size=${13} />`:k`<${Ko} size=${13} />`}
    <span class="upload-text">
      <span class="upload-name">${e.name}</span>
      <span class="upload-status" data-testid="composer-file-status" role=${e.state===`error`?`alert`:void 0}>${n}</span>
    </span>
    <button type="button" class="upload-x" aria-label=${`Remove ${e.name}`} onClick=${t}><${Y} name="x" size=${12} /></button>
  </li>`}function ts({attachments:e}){return!Array.isArray(e)||!e.length?null:k`<div class="attachments" data-testid="msg-attachments">
    ${e.map(e=>{let t=Lo(``,e?.url);return t?Fo(e.content_type)?k`<${rs} key=${e.id} url=${t} name=${e.name||`image`} />`:k`<${is} key=${e.id} url=${t} name=${e.name||`attachment`} size=${e.size} />`:null})}
  </div>`}function ns(e,t){let[n,r]=P(``);return[()=>Uo(e,Go(),t).then(()=>r(``),e=>r(e.message)),n]}function rs({url:e,name:t}){let[n,r]=P(null),[i,a]=P(``),[o,s]=ns(e,t);return F(()=>{let t=!0;return Ho(e,Go()).then(e=>t&&r(e),e=>t&&a(e.message)),()=>{t=!1}},[e]),k`<span class="attachment">
    <button type="button" class="thumb" data-testid="attachment-image-button" title=${t} aria-label=${`Download ${t}`} onClick=${o}>
      ${n?k`<img data-testid="attachment-image" src=${n} alt=${t} />`:k`<span class="thumb-wait">${i||`Loading image…`}</span>`}
    </button>
    ${s&&k`<span class="attachment-error" role="alert">${s}</span>`}
  </span>`}function is({url:e,name:t,size:n}){let[r,i]=ns(e,t);return k`<span class="attachment">
    <button type="button" class="file-link" data-testid="attachment-file" aria-label=${`Download ${t}`} onClick=${r}>
      <${Ko} size=${13} /><span class="file-name">${t}</span><span class="muted small">${Io(n)}</span>
    </button>
    ${i&&k`<span class="attachment-error" role="alert">${i}</span>`}
  </span>`}function as(){return j(`/v1/canned_replies`)}function os(e,t){return j(`/v1/canned_replies/${encodeURIComponent(e)}/render`,{method:`POST`,body:{conversation_id:t}})}function ss(){return j(`/v1/macros`).then(e=>e.macros)}function cs(e,t){return j(`/v1/macros/${encodeURIComponent(e)}/apply`,{method:`POST`,body:{conversation_id:t}})}function ls(e,t){let n=e.slice(0,t),r=/(^|\s)\/([a-z0-9_-]*)$/i.exec(n);return r?{start:t-r[2].length-1,end:t,query:r[2].toLowerCase()}:null}function us(e,t,n=8){let r=(t||``).toLowerCase(),i=[],a=[];for(let t of e){let e=t.code.toLowerCase();e.startsWith(r)?i.push(t):(e.includes(r)||t.title.toLowerCase().includes(r))&&a.push(t)}return[...i,...a].slice(0,n)}function ds(e,t,n,r){return{text:e.slice(0,t)+r+e.slice(n),caret:t+r.length}}function fs({missing:e=[],unknown:t=[]}){let n=[];return e.length&&n.push(`No value for ${e.map(e=>`{${e}}`).join(`, `)}: left empty`),t.length&&n.push(`Unknown ${t.map(e=>`{${e}}`).join(`, `)}: left as written`),n.join(` · `)}var ps={send_reply:`Send a reply`,add_tags:`Add tags`,remove_tags:`Remove tags`,set_status:`Set status`,assign:`Assign to`,set_priority:`Set priority`};function ms(e){switch(e.type){case`send_reply`:return`Reply: ${e.body.length>60?`${e.body.slice(0,60)}…`:e.body}`;case`add_tags`:return`Add tags ${e.tags.join(`, `)}`;case`remove_tags`:return`Remove tags ${e.tags.join(`, `)}`;case`set_status`:return`Status: ${e.status}`;case`assign`:return e.assignee_id===`me`?`Assign to me`:e.assignee_id?`Assign to a teammate`:`Unassign`;case`set_priority`:return`Priority: ${e.priority}`;default:return e.type}}function hs(e){let t=(e.text||``).trim();switch(e.type){case`send_reply`:return t?{value:{type:`send_reply`,body:t}}:{error:`A reply needs its text.`};case`add_tags`:case`remove_tags`:{let n=[...new Set(t.split(`,`).map(e=>e.trim().toLowerCase()).filter(Boolean))];return n.length?{value:{type:e.type,tags:n}}:{error:`Name at least one tag.`}}case`set_status`:return{value:{type:`set_status`,status:t||`open`}};case`set_priority`:return{value:{type:`set_priority`,priority:t||`normal`}};case`assign`:return{value:{type:`assign`,assignee_id:t===`none`?null:t||`me`}};default:return{error:`Unknown action ${e.type}`}}}function gs(e){switch(e.type){case`send_reply`:return{type:e.type,text:e.body};case`add_tags`:case`remove_tags`:return{type:e.type,text:e.tags.join(`, `)};case`set_status`:return{type:e.type,text:e.status};case`set_priority`:return{type:e.type,text:e.priority};case`assign`:return{type:e.type,text:e.assignee_id||`none`};default:return{type:e.type,text:``}}}var _s=`canned-menu`;function vs(e,t){let[n,r]=P(null),[i,a]=P(null),[o,s]=P(0),[c,l]=P(``),[u,d]=P(``),f=I(!0);F(()=>()=>{f.current=!1},[]),F(()=>{r(null),l(``)},[e]);let p=n&&i?us(i,n.query):[],m=!!n;function h(){d(``),as().then(e=>f.current&&a(e.replies)).catch(e=>f.current&&d(e.message||`Could not read the canned replies`))}function g(e){let t=e.currentTarget,i=ls(t.value,t.selectionStart??t.value.length);i&&!n&&h(),i&&i.query===n?.query||s(0),r(i)}async function _(i){let a=n;if(r(null),!i||!a)return;let o;try{o=await os(i.id,e)}catch(e){V(e,`Could not insert the reply`);return}let s=R.get().drafts[e]||``,c=s[a.start]===`/`?/^\/[a-z0-9_-]*/i.exec(s.slice(a.start))[0]:null,u=ds(s,c?a.start:s.length,c?a.start+c.length:s.length,o.body);Yr(e,u.text),l(fs(o)),requestAnimationFrame(()=>{let e=t.current;e&&(e.focus(),e.setSelectionRange(u.caret,u.caret))})}function v(e){if(!m)return!1;if(e.key===`Escape`)return e.preventDefault(),r(null),!0;if(!p.length)return!1;if(e.key===`ArrowDown`||e.key===`ArrowUp`){e.preventDefault();let t=e.key===`ArrowDown`?1:-1;return s(e=>(e+t+p.length)%p.length),!0}return e.key===`Enter`&&!e.shiftKey&&!e.isComposing||e.key===`Tab`?(e.preventDefault(),_(p[Math.min(o,p.length-1)]),!0):!1}let ee=p.length?`${_s}-${Math.min(o,p.length-1)}`:void 0;return{onInput:g,onKeyDown:v,aria:{"aria-autocomplete":`list`,"aria-expanded":m?`true`:`false`,"aria-controls":m?_s:void 0,"aria-activedescendant":m?ee:void 0},menu:k`${m&&k`<div class="canned-menu" data-testid="canned-menu">
      ${u?k`<p class="canned-empty" role="alert">${u}</p>`:i===null?k`<p class="canned-empty muted small">Loading canned replies…</p>`:p.length?k`<ul id=${_s} role="listbox" aria-label="Canned replies">
                  ${p.map((e,t)=>k`<li key=${e.id} id=${`${_s}-${t}`} role="option" aria-selected=${t===o}
                      class=${`canned-item ${t===o?`on`:``}`} data-testid="canned-item" data-code=${e.code}
                      onMouseDown=${e=>e.preventDefault()} onMouseEnter=${()=>s(t)} onClick=${()=>_(e)}>
                      <span class="canned-code">/${e.code}</span>
                      <span class="canned-title">${e.title}</span>
                      ${!e.shared&&k`<span class="chip canned-mine">Mine</span>`}
                      <span class="canned-body muted small">${e.body}</span>
                    </li>`)}
                </ul>`:k`<p class="canned-empty muted small" data-testid="canned-empty">
                  ${i.length?`No canned reply matches /${n.query}`:`No canned replies yet: add them in Settings → Canned replies`}
                </p>`}
      <p class="canned-foot muted small"><kbd>↑</kbd><kbd>↓</kbd> choose · <kbd>Enter</kbd> insert · <kbd>Esc</kbd> close</p>
    </div>`}
  ${c&&k`<p class="canned-hint small" role="status" data-testid="canned-hint">${c}
    <button class="link-btn" onClick=${()=>l(``)} aria-label="Dismiss">×</button></p>`}`,close:()=>r(null)}}function ys({id:e}){let t=L(R,e=>e.composerMode),n=L(R,t=>t.drafts[e]||``),r=I(null),i=t===`note`,a=vs(e,r),o=$o(e);Qe(()=>{let e=r.current;e&&(e.style.height=`auto`,e.style.height=`${Math.min(e.scrollHeight,220)}px`)},[n,t]);function s(t){Yr(e,t.currentTarget.value),a.onInput(t),!i&&t.currentTarget.value.trim()&&Hr(e)}function c(t){a.onKeyDown(t)||(t.key===`Enter`&&!t.shiftKey&&!t.isComposing&&!t.altKey?(t.preventDefault(),Zr(e)):t.key===`Escape`&&t.currentTarget.blur())}function l(t){t===`note`&&Ur(e),Xr(t),r.current?.focus()}return k`<div class=${`composer ${i?`composer-note`:``}`}>
    <div class="composer-modes" role="group" aria-label="Message type">
      <button data-testid="composer-mode-reply" class=${`mode ${i?``:`on`}`} aria-pressed=${!i} onClick=${()=>l(`reply`)} title="Reply (r)">
        Reply
      </button>
      <button data-testid="composer-mode-note" class=${`mode mode-note ${i?`on`:``}`} aria-pressed=${i} onClick=${()=>l(`note`)} title="Internal note (n)">
        <${Y} name="lock" size=${12} /> Internal note
      </button>
      ${i&&k`<span class="note-hint">Only your team sees notes</span>`}
    </div>
    <div class=${`composer-box ${o.over?`drop-over`:``}`} ...${o.drop}>
      ${a.menu}
      ${o.tray}
      <textarea ref=${r} data-testid="composer" rows="1" value=${n} onInput=${s} onKeyDown=${c}
        onBlur=${()=>{Ur(e),a.close()}} ...${a.aria} onPaste=${o.onPaste}
        aria-label=${i?`Internal note`:`Reply to the customer`}
        placeholder=${i?`Write an internal note — only your team can see it`:`Write a reply…`}></textarea>
      <div class="composer-foot">
        ${o.button}
        <span class="muted small"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="composer-send" class=${`btn ${i?`btn-note`:`btn-primary`}`} disabled=${o.busy||!n.trim()&&!o.ready} onClick=${()=>{Zr(e),r.current?.focus()}}>
          <${Y} name="send" size=${14} /> ${i?`Add note`:`Send`}
        </button>
      </div>
    </div>
  </div>`}function bs({conversationId:e}){let[t,n]=P(!1),[r,i]=P(null),[a,o]=P(``),[s,c]=P(null),l=I(null);F(()=>{if(!t)return;let e=!0;o(``),ss().then(t=>e&&i(t)).catch(t=>e&&o(t.message||`Could not read the macros`));let r=e=>{l.current&&!l.current.contains(e.target)&&n(!1)};return document.addEventListener(`mousedown`,r),()=>{e=!1,document.removeEventListener(`mousedown`,r)}},[t]);async function u(t){c(t.id);try{let r=await cs(t.id,e);R.set(e=>U(e,[r.conversation]));let i=fs({missing:r.missing});B(`Macro “${t.name}” applied${i?` · ${i}`:``}`,`info`),n(!1)}catch(e){V(e,`Macro “${t.name}”`)}finally{c(null)}}function d(e){e.key===`Escape`&&(e.stopPropagation(),n(!1),l.current?.querySelector(`[data-testid="macros-button"]`)?.focus())}return k`<div class="macros" ref=${l} onKeyDown=${d}>
    <button data-testid="macros-button" class="btn btn-sm" aria-haspopup="menu" aria-expanded=${t} onClick=${()=>n(!t)}>
      <${Y} name="sparkle" size=${13} /> Macros
    </button>
    ${t&&k`<div class="macros-menu" role="menu" aria-label="Macros" data-testid="macros-menu">
        ${a&&k`<p class="form-error" role="alert">${a}</p>`}
        ${!a&&r===null&&k`<p class="muted small macros-empty">Loading…</p>`}
        ${r?.length===0&&k`<p class="muted small macros-empty">No macros yet.
            <button class="link-btn" onClick=${()=>q({view:`settings`,page:`macros`})}>Create one in Settings</button></p>`}
        ${(r||[]).map(e=>k`<button key=${e.id} role="menuitem" class="macros-item" data-testid="macro-item" data-name=${e.name}
            disabled=${!!s} onClick=${()=>u(e)} title=${e.actions.map(ms).join(`
`)}>
            <span class="macros-name">${s===e.id?`Applying…`:e.name}${!e.shared&&k` <span class="chip">Mine</span>`}</span>
            <span class="muted small">${e.actions.map(ms).join(` · `)}</span>
          </button>`)}
      </div>`}
  </div>`}var xs=`noopener noreferrer nofollow`;function Ss(e){if(typeof e!=`string`||!/^\s*https?:\/\//i.test(e))return null;try{let t=new URL(e);return t.protocol===`https:`||t.protocol===`http:`?t.href:null}catch{return null}}function Cs(e){let t=typeof e==`string`?e.trim():``;return/^mailto:[^\s<>"\\@]+@[^\s<>"\\]+$/i.test(t)&&[...t].every(e=>e>=` `&&e!==``)?`mailto:${t.slice(7)}`:Ss(e)}function ws(e){return{href:e,target:`_blank`,rel:xs}}var Ts=6,Es=/^ {0,3}(`{3,}|~{3,})/,Ds=/^ {0,3}#{1,6}(?:\s+(.*?))?\s*$/,Os=/^ {0,3}([-*_])(?:[ \t]*\1){2,}\s*$/,ks=/^( {0,3})([-*+]|(\d{1,9})[.)])(\s+|$)/,As=e=>e.search(/\S|$/),js=(e,t)=>Es.test(e)||Ds.test(e)||Os.test(e)||t<Ts&&ks.test(e);function Ms(e){return Ns(String(e??``).replace(/\r\n?/g,`
`).split(`
`).map(e=>e.replace(/^[ \t]+/,e=>e.replace(/\t/g,`    `))),0,!0)}function Ns(e,t,n=!1){let r=[],i=0;for(;i<e.length;){let a=e[i],o=i,s,c=Es.exec(a),l=Ds.exec(a);if(!a.trim())i++;else{if(c){let t=c[1],n=As(a),r=[];for(i++;i<e.length&&!Ps(e[i],t);i++)r.push(e[i].slice(Math.min(n,As(e[i]))));i++,s={type:`code`,text:r.join(`
`)}}else if(Os.test(a))i++,s={type:`hr`};else if(l)i++,s={type:`h`,text:l[1]||``};else if(t<Ts&&ks.test(a)){let[n,r]=Fs(e,i,t);s=n,i=r}else{let n=[a.trim()];for(i++;i<e.length&&e[i].trim()&&!js(e[i],t);i++)n.push(e[i].trim());s={type:`p`,text:n.join(`
`)}}n&&(s.src=e.slice(o,i).join(`
`)),r.push(s)}}return r}function Ps(e,t){let n=e.trim();return As(e)<4&&n.length>=t.length&&n===t[0].repeat(n.length)}function Fs(e,t,n){let r=ks.exec(e[t]),i=r[3]!==void 0,a=[];for(;;){let r=ks.exec(e[t]);if(!r||r[3]!==void 0!==i||Os.test(e[t]))break;let o=r[1].length+r[2].length,s=r[4].length,c=o+(s>=1&&s<=4&&e[t].trim().length>r[2].length?s:1),l=[e[t].slice(c)];for(t++;t<e.length;t++){let r=e[t];if(!r.trim()){let n=t;for(;n<e.length&&!e[n].trim();)n++;if(n<e.length&&As(e[n])>=c){l.push(...Array(n-t).fill(``)),t=n-1;continue}break}if(As(r)>=c)l.push(r.slice(c));else if(l[l.length-1].trim()&&!js(r,n))l.push(r);else break}a.push(Ns(l,n+1));let u=t;for(;u<e.length&&!e[u].trim();)u++;if(u>=e.length||!ks.test(e[u]))break;t=u}return[{type:i?`ol`:`ul`,start:i?Number(r[3]):1,items:a},t]}function Is(e,t){switch(e.type){case`code`:return t(`pre`,null,t(`code`,null,e.text));case`hr`:return t(`hr`,null);case`h`:return t(`p`,null,t(`strong`,null,...zs(e.text,t)));case`p`:return t(`p`,null,...zs(e.text,t));default:return t(e.type,e.start===1?null:{start:e.start},...e.items.map(e=>t(`li`,null,...e.length===1&&e[0].type===`p`?zs(e[0].text,t):e.map(e=>Is(e,t)))))}}function Ls(e,t){return Ms(e).map(e=>Is(e,t))}var Rs=RegExp('\\\\([!-/:-@[-`{-~])|(?<!`)(`+)([^`]|[^`][\\s\\S]*?[^`])\\2(?!`)|\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*|(?<!\\w)__(?=\\S)([\\s\\S]*?\\S)__(?!\\w)|\\*(?=[^\\s*])([\\s\\S]*?[^\\s*])\\*(?!\\*)|(?<!\\w)_(?=[^\\s_])([\\s\\S]*?[^\\s_])_(?!\\w)|\\[([^[\\]\\n]*)\\]\\(\\s*([^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+"[^"\\n]*")?\\s*\\)|\\bhttps?:\\/\\/[^\\s<>"\'`]*[^\\s<>"\'`.,;:!?)\\]}*_~]',`gi`);function zs(e,t,n=0,r=!1){let i=[],a=e=>e.split(`
`).forEach((e,n)=>{n&&i.push(t(`br`,null)),e&&i.push(e)});if(n>8)return a(e),i;let o=(e,i=r)=>zs(e,t,n+1,i),s=0;for(let n of e.matchAll(Rs)){let[c,l,,u,d,f,p,m,h,g]=n;if(a(e.slice(s,n.index)),s=n.index+c.length,l)i.push(l);else if(u){let e=u.replace(/\n/g,` `);i.push(t(`code`,null,/^ .*[^ ].* $/.test(e)?e.slice(1,-1):e))}else if(d||f)i.push(t(`strong`,null,...o(d||f)));else if(p||m)i.push(t(`em`,null,...o(p||m)));else{let e=h!==void 0,n=r?null:e?Cs(g):Ss(c),s=e?h||g:c;n?i.push(t(`a`,ws(n),...e?o(s,!0):[s])):e?i.push(...o(s)):a(c)}}return a(e.slice(s)),i}function Bs({id:e,conv:t,comments:n,top:r,cls:i}){let a=L(R,t=>t.threads[e]),o=L(R,t=>t.streams[e]),s=L(R,t=>t.visitorRead[e]||0),c=I(null),l=I(!0),[u,d]=P(!1),f=$e(()=>en(tn(a?a.messages:[],n),e=>Oe(e)),[a?.messages,n]);F(()=>()=>zr(e,null),[e]);let p=X(t?.contact,t?.contact_id),m=a?a.messages:[],h=`${m.length?m[m.length-1].seq:0}:${a?a.pending.length:0}:${o?o.text.length:-1}:${n?n.length:0}`,g=m.length?m[0].seq:0,_=I({tail:null,head:null,height:0});Qe(()=>{let e=c.current;if(!e)return;let t=_.current;t.head!==null&&g!==t.head&&!l.current?e.scrollTop+=e.scrollHeight-t.height:h!==t.tail&&(l.current?e.scrollTop=e.scrollHeight:d(!0)),_.current={tail:h,head:g,height:e.scrollHeight}});function v(){let t=c.current;l.current=t.scrollHeight-t.scrollTop-t.clientHeight<60,l.current&&d(!1),zr(e,l.current)}function ee(){let t=c.current;t.scrollTop=t.scrollHeight,l.current=!0,d(!1),zr(e,!0)}let y=a?[...a.messages].reverse().find(e=>e.sender?.kind===`agent`&&!e.private)?.seq:null;return k`<div class=${i?`transcript ${i}`:`transcript`} ref=${c} onScroll=${v} role="log" aria-live="polite" aria-label="Conversation transcript">
    <div class="transcript-inner">
      ${r}
      ${a?.truncated&&k`<div class="older">
        <button class="btn btn-ghost btn-sm" onClick=${()=>er(e)} disabled=${a.loadingOlder}>
          ${a.loadingOlder?`Loading…`:`Load earlier messages`}
        </button>
      </div>`}
      ${a?.ready?null:k`<div class="transcript-loading"><${Q} /> Loading conversation…</div>`}
      ${a?.ready&&!f.length&&!a.pending.length&&!o&&k`<div class="transcript-empty muted">No messages yet.</div>`}
      ${f.map(e=>e.kind===`day`?k`<div key=${e.key} class="day"><span>${e.label}</span></div>`:e.kind===`system`?k`<${qs} key=${e.key} message=${e.message} />`:k`<${Hs} key=${e.key} group=${e} messages=${e.messages} visitor=${p} contactId=${t?.contact_id}
          seenSeq=${e.messages.some(e=>e.seq===y)&&s>=y?y:0} />`)}
      ${a?.pending.map(t=>k`<${Js} key=${t.client_msg_id} item=${t} id=${e} />`)}
      ${o&&k`<${Ys} stream=${o} />`}
    </div>
    ${u&&k`<button class="jump" onClick=${ee}><${Y} name="arrowDown" size=${14} /> New messages</button>`}
  </div>`}function Vs(e,t,n,r,i){switch(e.kind){case`visitor`:return e.name||t;case`ai`:return`AI Assistant`;case`bot`:return e.name||`Bot`;case`agent`:return e.id===r.id?`${e.name||r.name}`:i||e.name||n[e.id]||`Agent`;default:return e.name||`System`}}var Hs=Ha(function({group:e,messages:t,visitor:n,contactId:r,seenSeq:i}){let a=L(R,e=>e.names),o=L(R,e=>e.session.user),s=e.sender,c=Vs(s,n,a,o,L(R,e=>s.kind===`agent`?ar(e,s.id):null)),l=t[0],u=s.kind===`agent`&&s.id===o.id;return k`<div class=${`group kind-${s.kind} ${e.private?`note`:``} ${u?`mine`:``}`}>
    <${Z} name=${c} kind=${s.kind} id=${s.kind===`visitor`?r:s.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${c}</span>
        ${s.kind===`ai`&&k`<span class="badge-kind badge-ai">AI</span>`}
        ${s.kind===`bot`&&k`<span class="badge-kind">Bot</span>`}
        ${u&&k`<span class="badge-kind">You</span>`}
        ${e.private&&k`<span class="badge-note"><${Y} name="lock" size=${11} /> ${e.comment?`Internal comment`:`Internal note`}</span>`}
        ${e.comment&&!e.private&&k`<span class="badge-kind">Ticket reply</span>`}
        <time datetime=${l.created_at} title=${A(l.created_at)}>${De(l.created_at)}</time>
      </div>
      ${t.map(e=>k`<${Us} key=${e.id} message=${e} />`)}
      ${i?k`<div class="seen"><${Y} name="check" size=${12} /> Seen</div>`:null}
    </div>
  </div>`});function Us({message:e}){let t=Array.isArray(e.citations)?e.citations:[],n=$e(()=>Ls(e.body,y),[e.body]);return k`<div data-testid="msg" class="msg" data-seq=${e.seq} data-sender=${e.sender?.kind||`system`} data-private=${e.private?`true`:`false`}
    data-comment=${e.comment?`true`:void 0}>
    ${String(e.body||``).trim()&&k`<div data-testid="msg-body" class="msg-body md">${n}</div>`}
    <${ts} attachments=${e.attachments} />
    ${t.length>0&&k`<div class="citations">
      <span class="citations-label">Sources</span>
      ${t.map((e,t)=>{let n=Ss(e.url),r=e.title||e.article_id||`Source ${t+1}`;return n?k`<a data-testid="citation" class="citation" ...${ws(n)}><${Y} name="book" size=${11} />${r}<${Y} name="external" size=${10} /></a>`:k`<span data-testid="citation" class="citation"><${Y} name="book" size=${11} />${r}</span>`})}
    </div>`}
    ${e.status&&k`<${Gs} status=${e.status} reason=${e.status_reason} />`}
  </div>`}var Ws={queued:[`clock`,`Sending…`],sent:[`check`,`Sent`],delivered:[`check`,`Delivered`],read:[`check`,`Read`],failed:[`alert`,`Not delivered`]};function Gs({status:e,reason:t}){let[n,r]=Ws[e]||[`check`,e];return k`<div data-testid="msg-status" data-status=${e} class=${`delivery delivery-${e}`}>
    <${Y} name=${n} size=${11} /> ${r}${t?`: ${t}`:``}
  </div>`}var Ks={escalated:[`users`,`Handed over to a person`],agent_joined:[`user`,`An agent joined`],resolved:[`check`,`Resolved`],reopened:[`inbox`,`Reopened`],csat_requested:[`star`,`Rating requested`]};function qs({message:e}){let t=Object.hasOwn(Ks,e.event||``)?e.event:null,n=String(e.body||``).trim()||(t?Ks[t][1]:``);return k`<div data-testid="msg" class=${t?`system event event-${t}`:`system`} data-seq=${e.seq} data-sender="system"
    data-event=${t||void 0} data-private=${e.private?`true`:`false`}>
    ${t&&k`<${Y} name=${Ks[t][0]} size=${13} />`}
    <span data-testid="msg-body" class="msg-body">${n}</span>
    <time datetime=${e.created_at}>${De(e.created_at)}</time>
  </div>`}function Js({item:e,id:t}){let n=L(R,e=>e.session.user);return k`<div class=${`group kind-agent mine pending ${e.private?`note`:``}`}>
    <${Z} name=${n.name} kind="agent" id=${n.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n.name}</span>
        ${e.private&&k`<span class="badge-note"><${Y} name="lock" size=${11} /> Internal note</span>`}
        <span class="muted small">${e.state===`queued`?`Waiting for connection…`:`Sending…`}</span>
        ${e.state===`queued`&&k`<button class="link-btn" onClick=${()=>Gr(t,e)}>Retry now</button>`}
      </div>
      <div class="msg msg-pending">
        ${e.body&&k`<div class="msg-body">${e.body}</div>`}
        ${e.attachments?.length>0&&k`<div class="attachments">${e.attachments.map(e=>k`<span class="file-link pending-file">${e.name}</span>`)}</div>`}
      </div>
    </div>
  </div>`}function Ys({stream:e}){return k`<div data-testid="ai-stream" class="group kind-ai streaming" aria-live="off">
    <${Z} kind="ai" size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">AI Assistant</span><span class="badge-kind badge-ai">AI</span>
        <span class="answering">AI is answering<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
      </div>
      <div class="msg"><div data-testid="msg-body" class="msg-body md">${$e(()=>Ls(e.text,y),[e.text])}${!e.text&&k`<span class="caret" aria-hidden="true"></span>`}</div></div>
    </div>
  </div>`}function Xs({id:e}){return L(R,t=>!!t.streams[e])?k`<div class="takeover" role="status">
    <span class="takeover-text"><${Y} name="sparkle" size=${15} /> AI is answering this customer<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
    <button data-testid="ai-stop" class="btn btn-stop" onClick=${()=>ni(e)} title="Stop AI (s)">
      <${Y} name="stop" size=${12} /> Stop AI and take over
    </button>
  </div>`:null}var Zs=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function Qs({id:e}){let t=L(R,t=>t.convs[e]),n=L(R,t=>t.threads[e]);return t?k`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e} aria-label="Conversation">
    <${$s} conv=${t} />
    <${Bs} key=${e} id=${e} conv=${t} />
    <${tc} id=${e} conv=${t} />
    <${Xs} id=${e} />
    <${Mo} id=${e} />
    <${ys} id=${e} />
  </section>`:k`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e}>
      <div class="placeholder">${n?.error?k`<p>${n.error}</p>`:k`<p class="muted">Loading conversation…</p>`}</div>
    </section>`}function $s({conv:e}){let t=X(e.contact,e.contact_id),n=L(R,e=>e.session),r=Va({session:n,presence:L(R,e=>e.presence),names:L(R,e=>e.names),staff:L(R,e=>e.staff)},e.assignee_id),i=n.user.id,a=L(R,t=>t.viewers[e.id]),o=L(R,t=>e.ticket_id?t.tickets[e.ticket_id]:null),s=Object.entries(a||{});return k`<header class="conv-head">
    <div class="conv-title">
      <${Z} name=${t} id=${e.contact_id} size=${36} />
      <div class="conv-title-text">
        <h2>${t}</h2>
        <span class="muted small">
          <${Aa} channel=${e.channel} /> ${ka[e.channel]||e.channel}
          ${e.contact?.email&&e.contact.name?k` · ${e.contact.email}`:``}
          ${e.subject?k` · ${e.subject}`:``}
        </span>
      </div>
      <div class="conv-title-side">
        ${s.length>0&&k`<span class="viewers" title=${`${s.map(([,e])=>e.name).join(`, `)} also here`}>
          ${s.slice(0,3).map(([e,t])=>k`<${Z} key=${e} name=${t.name} id=${e} kind="agent" size=${22} />`)}
          <span class="small"><${Y} name="eye" size=${12} /> ${s.length===1?`${s[0][1].name||`An agent`} is viewing`:`${s.length} agents viewing`}</span>
        </span>`}
        ${e.ticket_id&&k`<button data-testid="conv-ticket-link" class="chip chip-link" onClick=${()=>q({view:`tickets`,ticketId:e.ticket_id})}>
          <${Y} name="ticket" size=${12} /> ${o?`Ticket #${o.number}`:`Ticket`}
        </button>`}
      </div>
    </div>
    <div class="controls">
      <label class="control">
        <span>Status</span>
        <select data-testid="conv-status" class=${`sel status-${e.status}`} value=${e.status} onChange=${t=>J(e.id,{status:t.currentTarget.value})}>
          ${Zs.map(e=>k`<option value=${e}>${ja[e]}</option>`)}
        </select>
      </label>
      <label class="control">
        <span>Assignee</span>
        <select data-testid="conv-assignee" class="sel" value=${e.assignee_id||``} onChange=${t=>J(e.id,{assignee_id:t.currentTarget.value||null})}>
          ${r.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
        </select>
      </label>
      <button data-testid="conv-assign-me" class="btn btn-sm" onClick=${()=>Qr(e.id)} title="Assign to me (a)">
        <${Y} name="user" size=${13} /> ${e.assignee_id===i?`Assigned to you`:`Assign to me`}
      </button>
      <label class="control">
        <span>Priority</span>
        <select data-testid="conv-priority" class=${`sel priority-${e.priority}`} value=${e.priority} onChange=${t=>J(e.id,{priority:t.currentTarget.value})}>
          ${Na.map(e=>k`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </label>
      <${ec} conv=${e} />
      <${bs} conversationId=${e.id} />
    </div>
  </header>`}function ec({conv:e}){let[t,n]=P(``),r=lo();function i(){t.trim()&&ei(e.id,t),n(``)}function a(r){r.key===`Enter`||r.key===`,`?(r.preventDefault(),i()):r.key===`Backspace`&&!t&&e.tags?.length?ti(e.id,e.tags[e.tags.length-1]):r.key===`Escape`&&(n(``),r.currentTarget.blur())}return k`<div class="tags" role="group" aria-label="Tags">
    <${Y} name="tag" size=${13} />
    ${(e.tags||[]).map(t=>k`<span class=${`tag ${fo(r,t)}`} key=${t}>${t}<button class="tag-x" aria-label=${`Remove tag ${t}`} onClick=${()=>ti(e.id,t)}><${Y} name="x" size=${11} /></button></span>`)}
    <input data-testid="conv-tags" class="tag-input" value=${t} placeholder=${e.tags?.length?`Add tag`:`Add tags…`} aria-label="Add a tag"
      onInput=${t=>{let r=t.currentTarget.value;r.includes(`,`)?(ei(e.id,r),n(``)):n(r)}}
      onKeyDown=${a} onBlur=${i} maxLength="200" />
  </div>`}function tc({id:e,conv:t}){let n=L(R,t=>t.typing[e]),r=Object.values(n||{});if(!r.length)return k`<div class="typing-slot"></div>`;let i=r.map(e=>e.name||(e.kind===`visitor`?X(t.contact,t.contact_id):e.kind===`bot`?`A bot`:`An agent`));return k`<div class="typing-slot"><div data-testid="typing-indicator" class="typing" role="status">
    <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${i.length===1?`${i[0]} is typing…`:`${i.slice(0,-1).join(`, `)} and ${i[i.length-1]} are typing…`}
  </div></div>`}function nc(e,t=Date.now()){if(!e)return``;try{return new Intl.DateTimeFormat(void 0,{hour:`2-digit`,minute:`2-digit`,timeZone:e}).format(t)}catch{return``}}function rc(e){try{let t=new URL(e),n=`${t.host}${t.pathname===`/`?``:t.pathname}${t.search}`;return n.length>60?`${n.slice(0,59)}…`:n}catch{return e}}function ic({contact:e,now:t}){let[n,r]=P(!1);if(!e)return null;let i=e.seen||{},a=nc(i.timezone,t);return k`<section class="card" data-testid="contact-details">
    <div class="card-head">
      <h4><${Y} name="user" size=${13} /> Customer</h4>
      ${!n&&k`<button class="link-btn" data-testid="contact-edit" onClick=${()=>r(!0)}>Edit</button>`}
    </div>
    ${n?k`<${ac} contact=${e} onDone=${()=>r(!1)} />`:k`<dl class="facts">
          <dt>Name</dt><dd data-testid="contact-name" class="break">${e.name||`—`}</dd>
          <dt>E-mail</dt><dd data-testid="contact-email" class="break">${e.email||`—`}</dd>
          ${e.phone&&k`<dt>Phone</dt><dd class="break">${e.phone}</dd>`}
        </dl>`}
    <dl class="facts" data-testid="contact-seen">
      ${i.page&&k`<dt>Page</dt><dd class="break"><a href=${i.page} target="_blank" rel="noopener noreferrer nofollow" data-testid="contact-page">${rc(i.page)}</a></dd>`}
      ${i.referrer&&k`<dt>Came from</dt><dd class="break" data-testid="contact-referrer">${rc(i.referrer)}</dd>`}
      ${i.browser&&k`<dt>Browser</dt><dd data-testid="contact-browser">${i.browser}${i.os?` on ${i.os}`:``}</dd>`}
      ${!i.browser&&i.os&&k`<dt>System</dt><dd>${i.os}</dd>`}
      ${i.language&&k`<dt>Language</dt><dd data-testid="contact-language">${i.language}</dd>`}
      ${i.timezone&&k`<dt>Time zone</dt><dd data-testid="contact-timezone">${i.timezone}${a?` · ${a} there`:``}</dd>`}
      ${e.visits>0&&k`<dt>Visits</dt><dd data-testid="contact-visits">${e.visits}</dd>`}
      ${e.last_seen_at&&k`<dt>Last seen</dt><dd title=${A(e.last_seen_at)}>${Me(e.last_seen_at,t)}</dd>`}
    </dl>
  </section>`}function ac({contact:e,onDone:t}){let[n,r]=P(e.name||``),[i,a]=P(e.email||``),[o,s]=P(!1),[c,l]=P(null);async function u(r){r.preventDefault(),s(!0),l(null);try{await j(`/v1/contacts/${encodeURIComponent(e.id)}`,{method:`PATCH`,body:{name:n,email:i}}),await tr(e.id,{force:!0}),t()}catch(e){l(e.message||`Not saved.`)}finally{s(!1)}}return k`<form class="contact-form" onSubmit=${u} data-testid="contact-form">
    <label>Name<input data-testid="contact-name-input" maxlength="200" autocomplete="off" value=${n}
      onInput=${e=>r(e.currentTarget.value)} /></label>
    <label>E-mail<input data-testid="contact-email-input" type="email" maxlength="320" autocomplete="off" value=${i}
      onInput=${e=>a(e.currentTarget.value)} /></label>
    ${c&&k`<p class="form-error" role="alert" data-testid="contact-error">${c}</p>`}
    <div class="contact-form-actions">
      <button class="btn btn-sm btn-primary" type="submit" disabled=${o} data-testid="contact-save">${o?`Saving…`:`Save`}</button>
      <button class="btn btn-sm btn-ghost" type="button" onClick=${t}>Cancel</button>
    </div>
  </form>`}var oc=[``,`Very poor`,`Poor`,`Okay`,`Good`,`Great`];function sc(e){let t=e?.rating;return Number.isInteger(t)&&t>=1&&t<=5?t:0}function cc({rating:e,size:t=14}){return k`<span class="stars" role="img" aria-label=${`Rated ${e} out of 5`}>
    ${[1,2,3,4,5].map(n=>k`<${Y} key=${n} name="star" size=${t} class=${n<=e?`star-on`:``} />`)}
  </span>`}function lc({csat:e,now:t,testid:n=`csat`}){let r=sc(e);return r?k`<section class="card csat" data-testid=${n} data-rating=${r} aria-label="Customer rating">
    <div class="card-head">
      <h4><${Y} name="star" size=${13} /> Customer rating</h4>
      ${e.at&&k`<time class="faint small" datetime=${e.at} title=${A(e.at)}>${Ee(e.at,t)}</time>`}
    </div>
    <div class="csat-score"><${cc} rating=${r} size=${16} /><span><strong>${r}</strong>/5 · ${oc[r]}</span></div>
    ${e.comment&&k`<blockquote data-testid=${`${n}-comment`} class="csat-comment">${e.comment}</blockquote>`}
  </section>`:null}var uc=e=>e.map(e=>e.replace(`_`,` `)).join(`, `);function dc({ticket:e,now:t}){let{clock:n,breached:r,soon:i}=xr(e,t),a=n===`paused`;return r.length?k`<span data-testid="sla-clock" data-state=${n||`none`} class="chip chip-danger" title=${`Missed: ${uc(r)}${a?` · clock paused`:``}`}>
      Breached${a?` · paused`:``}</span>`:a?k`<span data-testid="sla-clock" data-state="paused" class="chip chip-paused"
      title=${`The SLA clock is paused${e.sla_paused_at?` since ${A(e.sla_paused_at)}`:``} while the ticket is ${e.status}; it runs again when it reopens`}><${Y} name="pause" size=${11} /> SLA paused</span>`:n===`running`?k`<span data-testid="sla-clock" data-state="running" class=${`chip ${i?`chip-warn`:`chip-quiet`}`} title=${`Next SLA target ${A(e.due_at)}`}>
    <${Y} name="clock" size=${11} /> ${ke(e.due_at,t)}</span>`:null}function fc(e=new Date){let t=new Date(e.getTime()+36e5),n=new Date(e);n.setDate(e.getDate()+1),n.setHours(9,0,0,0);let r=new Date(e);return r.setDate(e.getDate()+((8-e.getDay())%7||7)),r.setHours(9,0,0,0),[{id:`hour`,label:`In 1 hour`,at:t},{id:`tomorrow`,label:`Tomorrow, 9:00`,at:n},{id:`week`,label:`Next week (Monday, 9:00)`,at:r}]}function pc(e){if(!e)return null;let t=new Date(e);return Number.isNaN(t.getTime())?null:t}function mc(e,t){return J(e,{snoozed_until:t.toISOString()})}function hc({conv:e}){let[t,n]=P(``),[r,i]=P(!1),a=e.snoozed_until,o=e.status===`resolved`||e.status===`closed`,s=pc(t);return k`<section class="card" data-testid="details-snooze">
    <div class="card-head">
      <h4><${Y} name="clock" size=${13} /> Snooze</h4>
      ${a?k`<button type="button" class="link-btn" data-testid="snooze-end" onClick=${()=>J(e.id,{snoozed_until:null,status:`open`})}>Wake now</button>`:k`<button type="button" class="link-btn" data-testid="snooze-open" aria-expanded=${r} disabled=${o} onClick=${()=>i(!r)}>Snooze…</button>`}
    </div>
    ${a?k`<p class="small" data-testid="snooze-until">Snoozed until <time datetime=${a}>${A(a)}</time>; it reopens then, or when the customer writes.</p>`:k`<p class="muted small">${o?`Resolved conversations cannot be snoozed.`:`Put it aside as pending; it reopens by itself.`}</p>`}
    ${r&&!a&&k`<div class="snooze-menu" data-testid="snooze-menu">
        ${fc().map(t=>k`<button type="button" class="btn btn-sm" key=${t.id} data-testid=${`snooze-${t.id}`} title=${A(t.at.toISOString())}
            onClick=${()=>{i(!1),mc(e.id,t.at)}}>${t.label}</button>`)}
        <label class="snooze-custom">
          <span class="small">Until</span>
          <input type="datetime-local" data-testid="snooze-custom" value=${t} onInput=${e=>n(e.currentTarget.value)} />
        </label>
        <button type="button" class="btn btn-sm btn-primary" data-testid="snooze-custom-go" disabled=${!s||s<=new Date}
          onClick=${()=>{i(!1),mc(e.id,s)}}>Snooze</button>
      </div>`}
  </section>`}function gc({id:e}){let t=L(R,t=>t.convs[e]),n=t?.contact_id,r=t?.ticket_id,i=L(R,e=>n?e.contacts[n]:null),a=L(R,e=>r?e.tickets[r]:null),o=Ra(6e4);if(F(()=>{n&&tr(n)},[n]),F(()=>{r&&_r(r,{quiet:!0})},[r]),!t)return k`<aside class="pane details-pane" data-testid="details-panel" aria-label="Details"></aside>`;let s=i?.state===`ok`?i.profile:null,c=s?.contact||t.contact||{id:n},l=X(c,n),u=Object.entries(s?.contact.attributes||{}).filter(([,e])=>e!==null&&e!==``),d=(s?.conversations||[]).filter(e=>e.id!==t.id),f=(s?.tickets||[]).filter(e=>e.id!==r);return k`<aside class="pane details-pane" data-testid="details-panel" aria-label="Customer details">
    <section class="card customer">
      <${Z} name=${l} id=${n} size=${48} />
      <h3>${l}</h3>
      ${c.email&&c.name&&k`<p class="muted small break">${c.email}</p>`}
      ${i?.state===`loading`&&k`<p class="muted small"><${Q} /> Loading profile…</p>`}
      ${i?.state===`missing`&&k`<p class="muted small">No customer profile is available for this visitor yet.</p>`}
      ${i?.state===`error`&&k`<p class="muted small">Profile unavailable. <button class="link-btn" onClick=${()=>tr(n,{force:!0})}>Retry</button></p>`}
    </section>

    <${ic} contact=${s?.contact} now=${o} />

    <${lc} csat=${t.csat} now=${o} testid="details-csat" />

    <${ho} conv=${t} />
    <${hc} conv=${t} />

    ${r&&k`<section class="card handoff">
      <div class="card-head">
        <h4><${Y} name="ticket" size=${13} /> Handoff summary</h4>
        ${a&&k`<button class="link-btn" onClick=${()=>q({view:`tickets`,ticketId:r})}>#${a.number} <${Y} name="external" size=${11} /></button>`}
      </div>
      ${a?k`<div class="chips">
              <${Ma} status=${a.status} /> <${Pa} priority=${a.priority} />
              <${dc} ticket=${a} now=${o} />
            </div>
            ${a.escalation_reason&&k`<p class="muted small">Escalated: ${vc(a.escalation_reason)}</p>`}
            <p data-testid="details-ticket-summary" class="summary">${a.summary||`No summary was written for this handoff.`}</p>`:k`<p class="muted small"><${Q} /> Loading ticket…</p>`}
    </section>`}

    <section class="card">
      <h4>Conversation</h4>
      <dl class="facts">
        <dt>Channel</dt><dd>${ka[t.channel]||t.channel}</dd>
        <dt>Started</dt><dd title=${A(t.created_at)}>${Me(t.created_at,o)}</dd>
        ${t.first_response_at&&k`<dt>First response</dt><dd title=${A(t.first_response_at)}>${Me(t.first_response_at,o)}</dd>`}
        ${t.resolved_at&&(t.status===`resolved`||t.status===`closed`)&&k`<dt>Resolved</dt><dd title=${A(t.resolved_at)}>${Me(t.resolved_at,o)}</dd>`}
        <dt>AI answers</dt><dd>${t.ai_enabled?`On`:`Off`}</dd>
        ${c.external_id||s?.contact.external_id?k`<dt>External ID</dt><dd class="break">${s?.contact.external_id}</dd>`:null}
        ${s&&k`<dt>Customer since</dt><dd>${A(s.contact.created_at)}</dd>`}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>

    ${u.length>0&&k`<section class="card">
      <h4>Attributes</h4>
      <dl class="facts">
        ${u.map(([e,t])=>k`<dt class="break">${e}</dt><dd class="break">${typeof t==`object`?JSON.stringify(t):String(t)}</dd>`)}
      </dl>
    </section>`}

    ${s&&k`<section class="card">
      <h4>Past conversations</h4>
      ${d.length?k`<ul class="links">${d.slice(0,8).map(e=>k`<li><button class="link-row" onClick=${()=>q({view:`conversations`,conversationId:e.id})}>
            <span class="ellipsis">${e.subject||e.preview?.body||`${ka[e.channel]||e.channel} conversation`}</span>
            <span class="row-side"><${Ma} status=${e.status} short /> <span class="faint small">${Ee(e.updated_at,o)}</span></span>
          </button></li>`)}</ul>`:k`<p class="muted small">This is their first conversation.</p>`}
    </section>`}

    ${f.length>0&&k`<section class="card">
      <h4>Other tickets</h4>
      <ul class="links">${f.slice(0,8).map(e=>k`<li><button class="link-row" onClick=${()=>q({view:`tickets`,ticketId:e.id})}>
        <span class="ellipsis">#${e.number} ${e.subject}</span><${Ma} status=${e.status} />
      </button></li>`)}</ul>
    </section>`}
  </aside>`}var _c={customer_asked:`the customer asked for a person`,no_answer:`the AI found no answer in the knowledge base`,ai_error:`the AI could not answer`,unanswered:`the question went unanswered too long`,visitor_left:`the customer left with a question unanswered`,marked:`handed over by an agent or bot`,budget:`the AI budget was used up`};function vc(e){return _c[e]||String(e).replace(/_/g,` `)}function yc(){let e=new URLSearchParams(location.search).get(`token`)||void 0,[t,n]=P(null),[r,i]=P({workspace:``,website:``,name:``,email:``,password:``}),{busy:a,error:o,setError:s,submit:c}=Wa(()=>Li({token:e,workspace:r.workspace.trim(),allowed_origins:ga(r.website),name:r.name.trim(),email:r.email.trim(),password:r.password}));F(()=>{j(`/v1/setup`,{auth:!1}).then(n,e=>s(e.message))},[]);let l=e=>t=>i(n=>({...n,[e]:t.currentTarget.value}));return t?t.needed?t.token_required&&!e?k`<main class="signin"><div class="signin-card">
      <h1>Open the setup link from the server's log</h1>
      <p class="muted">From another machine, setup needs the one-time token that <code>flowsupport serve</code> printed when it started.</p>
    </div></main>`:k`<main class="signin">
    <form class="signin-card setup-card" onSubmit=${c} aria-labelledby="setup-title" data-testid="setup-form">
      <${Ua} />
      <h1 id="setup-title">Set up your workspace</h1>
      <p class="muted">Nobody has an account on this server yet. You will be its first admin.</p>
      <label class="field">
        <span>Company or team name</span>
        <input data-testid="setup-workspace" required autofocus maxlength="200" value=${r.workspace}
          onInput=${l(`workspace`)} placeholder="Acme" />
      </label>
      <label class="field">
        <span>Your website</span>
        <input data-testid="setup-website" required value=${r.website} onInput=${l(`website`)}
          placeholder="https://www.acme.com" aria-describedby="setup-website-help" />
        <small id="setup-website-help" class="muted">The chat widget runs only on these sites (several: separate with commas).</small>
      </label>
      <label class="field">
        <span>Your name</span>
        <input data-testid="setup-name" required maxlength="200" autocomplete="name" value=${r.name} onInput=${l(`name`)} />
      </label>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="setup-email" type="email" required autocomplete="username" value=${r.email}
          onInput=${l(`email`)} placeholder="you@acme.com" />
      </label>
      <label class="field">
        <span>Password</span>
        <input data-testid="setup-password" type="password" required minlength="8" autocomplete="new-password"
          value=${r.password} onInput=${l(`password`)} />
        <small class="muted">At least 8 characters.</small>
      </label>
      <${Ga} busy=${a} error=${o} testid="setup-submit" label="Create workspace" busyLabel="Creating…" />
    </form>
  </main>`:k`<main class="signin"><div class="signin-card">
      <h1>This server is already set up</h1>
      <p class="muted">Sign in with your account instead.</p>
      <a class="btn btn-primary btn-block" href="/inbox">Go to sign-in</a>
    </div></main>`:k`<main class="signin">${o?k`<p class="form-error" role="alert">${o}</p>`:k`<${Q} />`}</main>`}function bc(){let[e,t]=P(``),[n,r]=P(``),[i,a]=P(!1),{busy:o,error:s,submit:c}=Wa(()=>Ii(e.trim(),n),e=>e.status===401?`That e-mail and password do not match an account.`:e.message);return i?k`<${Za} email=${e} onBack=${()=>a(!1)} />`:k`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="signin-title">
      <${Ua} />
      <h1 id="signin-title">Sign in to your inbox</h1>
      <p class="muted">Agents and admins of your workspace.</p>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="inbox-email" type="email" autocomplete="username" required autofocus
          value=${e} onInput=${e=>t(e.currentTarget.value)} placeholder="you@company.com" />
      </label>
      <label class="field">
        <span>Password</span>
        <input data-testid="inbox-password" type="password" autocomplete="current-password" required
          value=${n} onInput=${e=>r(e.currentTarget.value)} />
      </label>
      <div class="forgot-row">
        <button type="button" class="link-btn" onClick=${()=>a(!0)} data-testid="forgot-password">Forgot password?</button>
      </div>
      <${Ga} busy=${o} error=${s} testid="inbox-signin" label="Sign in" busyLabel="Signing in…" />
    </form>
  </main>`}var xc=[`new`,`open`,`pending`,`solved`,`closed`],Sc=e=>e[0].toUpperCase()+e.slice(1);function Cc(){let e=L(R,e=>e.ticketFilters),t=L(R,e=>e.ticketList),n=L(R,Ec),r=L(R,e=>e.route.ticketId),i=L(R,e=>e.cursor),a=Ra(3e4);return F(()=>{R.get().ticketList.loaded||fr()},[]),k`<section class="pane list-pane" aria-label="Tickets">
    <div class="pane-head">
      <div class="pane-title"><h2>Tickets</h2><span class="muted small">${t.loading?k`<${Q} />`:`${n.length}${t.nextCursor?`+`:``}`}</span></div>
      <label class="search">
        <${Y} name="search" size=${14} />
        <input data-testid="ticket-search" type="search" placeholder="Search subjects and comments" aria-label="Search tickets"
          value=${e.q} onInput=${e=>hr({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="ticket-filter-status" aria-label="Ticket status" value=${e.status} onChange=${e=>hr({status:e.currentTarget.value})}>
          <option value="">Any status</option>
          ${xc.map(e=>k`<option value=${e}>${ja[e]}</option>`)}
        </select>
        <select data-testid="ticket-filter-priority" aria-label="Priority" value=${e.priority} onChange=${e=>hr({priority:e.currentTarget.value})}>
          <option value="">Any priority</option>
          ${Na.map(e=>k`<option value=${e}>${Sc(e)}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="ticket-filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>hr({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="ticket-filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>hr({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="ticket-list" class="list" aria-label="Ticket list">
      ${n.map(e=>k`<${Oc} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&k`<li class="empty">
        ${t.error?k`<p>Could not load tickets.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${fr}>Try again</button>`:k`<p>No tickets here.</p><p class="muted small">Conversations the AI cannot answer become tickets.</p>`}
      </li>`}
      ${t.nextCursor&&k`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${pr} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var wc=null,Tc=[];function Ec(e){if(e===wc)return Tc;let t=ur(e);return wc=e,(t.length!==Tc.length||t.some((e,t)=>e!==Tc[t]))&&(Tc=t),Tc}function Dc(e,t){return e.requester?{...e.requester,id:e.requester.id||e.requester_contact_id}:t?.state===`ok`?t.profile.contact:{id:e.requester_contact_id}}var Oc=Ha(function({id:e,active:t,highlighted:n,now:r}){let i=L(R,t=>t.tickets[e]),a=L(R,e=>i?.assignee_id?za(e.names,i.assignee_id,e.session.user):null),o=L(R,e=>i&&!i.requester?e.contacts[i.requester_contact_id]:null),s=I(null);if(F(()=>{(n||t)&&s.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let c=Dc(i,o),l=X(c,i.requester_contact_id);return k`<li>
    <button ref=${s} data-testid="ticket-item" data-ticket-id=${e} data-status=${i.status}
      class=${`row ticket-row ${t?`active`:``} ${n?`highlighted`:``}`} aria-current=${t?`true`:void 0}
      onClick=${()=>q({view:`tickets`,ticketId:e})}>
      <span class="row-main">
        <span class="row-top">
          <span class="row-name"><span class="ticket-no">#${i.number}</span> ${i.subject}</span>
          <time class="row-time" datetime=${i.updated_at}>${Ee(i.updated_at,r)}</time>
        </span>
        <span class="row-preview row-requester" title=${c.email&&c.name?`${l} <${c.email}>`:l}>
          <${Z} name=${l} id=${i.requester_contact_id} size=${18} />
          <span data-testid="ticket-requester" class="ellipsis">${l}</span>
        </span>
        <span class="row-meta">
          <${Ma} status=${i.status} />
          <${Pa} priority=${i.priority} />
          <${dc} ticket=${i} now=${r} />
          <span class="mini assignee"><${Y} name="user" size=${11} />${a?a.replace(` (you)`,``):`Unassigned`}</span>
        </span>
      </span>
    </button>
  </li>`});function kc({id:e}){let t=L(R,t=>t.tickets[e]),n=L(R,t=>t.ticketDetail[e]),r=L(R,e=>t&&!t.requester?e.contacts[t.requester_contact_id]:null),i=L(R,e=>e.session),a=L(R,e=>e.presence),o=L(R,e=>e.names),s=L(R,e=>e.staff),c=t?.conversation_id||null,l=L(R,e=>c?e.convs[c]:null),u=Ra(3e4),d=I(null),f=n?.comments?.length||0;if(Qe(()=>{d.current&&f&&(d.current.scrollTop=d.current.scrollHeight)},[f,e]),F(()=>{if(c)return Ar(c),()=>jr(c)},[c]),!t)return k`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e}>
      <div class="placeholder">${n?.state===`missing`?k`<p>This ticket does not exist or is not yours to see.</p>`:n?.state===`error`?k`<p>${n.error}</p>`:k`<p class="muted"><${Q} /> Loading ticket…</p>`}</div>
    </section>`;let p=Va({session:i,presence:a,names:o,staff:s},t.assignee_id),m=n?.comments||[],h=Dc(t,r),g=X(h,t.requester_contact_id);return k`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e} aria-label=${`Ticket ${t.number}`}>
    <header class="conv-head">
      <div class="conv-title">
        <span class="ticket-badge"><${Y} name="ticket" size=${18} /></span>
        <div class="conv-title-text">
          <h2><span class="ticket-no">#${t.number}</span> ${t.subject}</h2>
          <span class="muted small">
            <span class="requester-inline" title=${h.email&&h.name?`${g} <${h.email}>`:g}>
              <${Y} name="user" size=${12} />
              <span data-testid="ticket-view-requester" class="ellipsis">${g}${h.email&&h.name?k` <span class="faint">· ${h.email}</span>`:``}</span>
            </span>
            <span class="nowrap">· Opened ${Me(t.created_at,u)} · updated ${Me(t.updated_at,u)}</span>
          </span>
        </div>
        <div class="conv-title-side">
          <${dc} ticket=${t} now=${u} />
          ${t.conversation_id&&k`<button data-testid="ticket-conversation-link" class="chip chip-link" onClick=${()=>q({view:`conversations`,conversationId:t.conversation_id})}>
            <${Y} name="sms" size=${12} /> Open conversation</button>`}
        </div>
      </div>
      <div class="controls">
        <label class="control"><span>Status</span>
          <select data-testid="ticket-status" class=${`sel status-${t.status}`} value=${t.status} onChange=${t=>yr(e,{status:t.currentTarget.value})}>
            ${xc.map(e=>k`<option value=${e}>${ja[e]}</option>`)}
          </select></label>
        <label class="control"><span>Priority</span>
          <select data-testid="ticket-priority" class=${`sel priority-${t.priority}`} value=${t.priority} onChange=${t=>yr(e,{priority:t.currentTarget.value})}>
            ${Na.map(e=>k`<option value=${e}>${Sc(e)}</option>`)}
          </select></label>
        <label class="control"><span>Assignee</span>
          <select data-testid="ticket-assignee" class="sel" value=${t.assignee_id||``} onChange=${t=>yr(e,{assignee_id:t.currentTarget.value||null})}>
            ${p.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
          </select></label>
        ${t.tags?.length>0&&k`<div class="tags">${t.tags.map(e=>k`<span class="tag" key=${e}>${e}</span>`)}</div>`}
      </div>
    </header>
    ${c?k`<${Bs} key=${c} id=${c} conv=${l} cls="ticket-body" comments=${n?.state===`ok`?n.comments:void 0}
          top=${k`<${Ac} ticket=${t} csat=${t.csat||l?.csat} now=${u} />
            <h3 class="section-title">Conversation</h3>`} />`:k`<div class="transcript ticket-body" ref=${d}>
          <div class="transcript-inner">
            <${Ac} ticket=${t} csat=${t.csat} now=${u} />
            <h3 class="section-title">Activity</h3>
            ${!n||n.state===`loading`?k`<p class="muted"><${Q} /> Loading comments…</p>`:null}
            ${n?.state===`ok`&&!m.length&&k`<p class="muted small">No comments yet.</p>`}
            ${m.map(e=>k`<${jc} key=${e.id} comment=${e} />`)}
          </div>
        </div>`}
    <${Nc} id=${e} />
  </section>`}function Ac({ticket:e,csat:t,now:n}){return k`<section class="summary-card" aria-label="Handoff summary">
      <div class="card-head"><h3><${Y} name="sparkle" size=${14} /> Handoff summary</h3>
        ${e.escalation_reason&&k`<span class="muted small">Escalated because ${vc(e.escalation_reason)}</span>`}</div>
      <p data-testid="ticket-summary" class="summary">${e.summary||`No summary was written for this ticket.`}</p>
    </section>
    <${lc} csat=${t} now=${n} testid="ticket-csat" />`}function jc({comment:e}){let t=e.author||{},n=L(R,e=>t.kind===`agent`?ar(e,t.id):null)||t.name||(t.kind===`visitor`?`Customer`:t.kind===`ai`?`AI Assistant`:t.kind===`system`?`System`:`Agent`);return k`<article data-testid="ticket-comment" data-public=${e.public?`true`:`false`} class=${`comment ${e.public?`public`:`internal`}`}>
    <${Z} name=${n} kind=${t.kind===`agent`||t.kind===`visitor`?`visitor`:t.kind} id=${t.id} size=${30} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n}</span>
        ${e.public?k`<span class="badge-kind">Public reply</span>`:k`<span class="badge-note"><${Y} name="lock" size=${11} /> Internal</span>`}
        <time datetime=${e.created_at} title=${A(e.created_at)}>${Ee(e.created_at)} · ${De(e.created_at)}</time>
      </div>
      <div class="msg-body">${e.body}</div>
    </div>
  </article>`}var Mc={};function Nc({id:e}){let[t,n]=P(Mc[e]||``),[r,i]=P(!1),[a,o]=P(!1);F(()=>{n(Mc[e]||``),i(!1)},[e]);async function s(){let i=t.trim();if(!i||a)return;o(!0);let s=await br(e,i,r);o(!1),s&&(Mc[e]=``,n(``))}return k`<div class=${`composer ${r?``:`composer-note`}`}>
    <div class="composer-box">
      <textarea data-testid="ticket-comment-input" rows="3" value=${t} aria-label="Comment"
        placeholder=${r?`Write a public reply — the customer receives it`:`Write an internal comment — only your team sees it`}
        onInput=${t=>{Mc[e]=t.currentTarget.value,n(t.currentTarget.value)}}
        onKeyDown=${e=>{e.key===`Enter`&&!e.shiftKey&&!e.isComposing&&!e.altKey?(e.preventDefault(),s()):e.key===`Escape`&&e.currentTarget.blur()}}></textarea>
      <div class="composer-foot">
        <label class="switch">
          <input data-testid="ticket-comment-public" type="checkbox" checked=${r} onChange=${e=>i(e.currentTarget.checked)} />
          <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
          <span>${r?`Public reply: the customer sees it`:`Internal: only your team sees it`}</span>
        </label>
        <span class="muted small hide-narrow"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="ticket-comment-send" class=${`btn ${r?`btn-primary`:`btn-note`}`} disabled=${!t.trim()||a} onClick=${s}>
          ${a?`Posting…`:r?`Send reply`:`Add comment`}
        </button>
      </div>
    </div>
  </div>`}function Pc({id:e}){let t=L(R,t=>t.tickets[e]),n=L(R,e=>t?e.contacts[t.requester_contact_id]:null),r=Ra(3e4);if(F(()=>{t?.requester_contact_id&&tr(t.requester_contact_id)},[t?.requester_contact_id]),!t)return k`<aside class="pane details-pane" aria-label="Ticket details"></aside>`;let i=Dc(t,n),a=X(i,t.requester_contact_id),o=(e,t)=>t&&k`<dt>${e}</dt><dd title=${A(t)}>${A(t)}</dd>`;return k`<aside class="pane details-pane" data-testid="ticket-details" aria-label="Ticket details">
    <section class="card customer" data-testid="ticket-details-requester" aria-label="Requester">
      <h4>Requester</h4>
      <${Z} name=${a} id=${t.requester_contact_id} size=${48} />
      <h3>${a}</h3>
      ${i.email&&i.name&&k`<p class="muted small break">${i.email}</p>`}
      ${n?.state===`missing`&&k`<p class="muted small">No customer profile available.</p>`}
    </section>
    <section class="card">
      <h4>SLA</h4>
      <div class="chips"><${dc} ticket=${t} now=${r} /></div>
      <dl class="facts">
        ${o(`First response due`,t.first_response_due_at)}
        ${o(`First response`,t.first_responded_at)}
        ${o(`Resolution due`,t.resolution_due_at)}
        ${o(`Solved`,t.solved_at)}
        ${xr(t,r).clock&&k`<dt>Clock</dt><dd data-testid="ticket-sla-state">${xr(t,r).clock===`paused`?`Paused`:`Running`}</dd>`}
        ${t.breaches?.length?k`<dt>Missed</dt><dd class="danger-text">${t.breaches.map(e=>e.replace(`_`,` `)).join(`, `)}</dd>`:null}
      </dl>
    </section>
    <section class="card">
      <h4>Ticket</h4>
      <dl class="facts">
        <dt>Number</dt><dd>#${t.number}</dd>
        <dt>Created</dt><dd>${A(t.created_at)}</dd>
        ${Object.entries(t.custom_fields||{}).map(([e,t])=>k`<dt class="break">${e}</dt><dd class="break">${String(t)}</dd>`)}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>
  </aside>`}var Fc={connected:`Connected`,connecting:`Connecting…`,reconnecting:`Reconnecting…`,stopped:`Offline`};function Ic(){let e=L(R,e=>e.route.view),t=L(R,e=>e.conn),n=L(R,e=>e.connProblem),r=L(R,e=>e.presence),i=L(R,e=>e.session.user),a=L(R,e=>Object.values(e.unread).filter(e=>e>0).length),o=L(R,e=>{let t=new Set(Object.keys(e.notices));for(let[n,r]of Object.entries(e.unread))r>0&&t.add(n);return t.size}),s=(r.agents||[]).filter(e=>e.id!==i.id);return F(()=>{let t={tickets:`Tickets`,reports:`Reports`,settings:`Settings`}[e]||`Inbox`;document.title=`${o?`(${o}) `:``}${t} · FlowSupport`},[o,e]),k`<header class="topbar">
    <div class="brand"><span class="brand-mark"><${Y} name="logo" size=${18} /></span> FlowSupport</div>
    <nav class="tabs" aria-label="Sections">
      <button data-testid="nav-conversations" class=${`tab ${e===`conversations`?`active`:``}`}
        aria-current=${e===`conversations`?`page`:void 0} onClick=${()=>qr(`conversations`)}
        title="Conversations (g then c)">
        <${Y} name="inbox" /> Conversations
        ${a>0&&k`<span class="tab-count" aria-label=${`${a} with unread messages`}>${a}</span>`}
      </button>
      <button data-testid="nav-tickets" class=${`tab ${e===`tickets`?`active`:``}`}
        aria-current=${e===`tickets`?`page`:void 0} onClick=${()=>qr(`tickets`)}
        title="Tickets (g then t)">
        <${Y} name="ticket" /> Tickets
      </button>
      <button data-testid="nav-reports" class=${`tab ${e===`reports`?`active`:``}`}
        aria-current=${e===`reports`?`page`:void 0} onClick=${()=>qr(`reports`)} title="Reports">
        <${Y} name="chart" /> Reports
      </button>
      <button data-testid="nav-settings" class=${`tab ${e===`settings`?`active`:``}`}
        aria-current=${e===`settings`?`page`:void 0} onClick=${()=>qr(`settings`)}
        title="Settings (g then s)">
        <${Y} name="settings" /> Settings
      </button>
    </nav>
    <div class="topbar-right">
      <span data-testid="inbox-connection" class=${`conn conn-${t}`} role="status" title=${n||``}>
        <span class="dot" aria-hidden="true"></span>${n?`Origin not allowed`:Fc[t]||t}
      </span>
      <span class="presence" title=${(r.agents||[]).map(e=>e.name).join(`, `)||`Agents online`}>
        <span class="presence-faces" aria-hidden="true">
          ${s.slice(0,3).map(e=>k`<${Z} key=${e.id} name=${e.name} id=${e.id} kind="agent" size=${22} />`)}
        </span>
        <${Y} name="users" size=${14} /> ${r.count} online
      </span>
      <button class="icon-btn" onClick=${()=>R.set(e=>({...e,help:!0}))} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <${Y} name="help" />
      </button>
      <span class="me">
        <${Z} name=${i.name} id=${i.id} kind="agent" size=${26} />
        <span class="me-name">${i.name}</span>
      </span>
      <button class="btn btn-ghost btn-sm" data-testid="inbox-signout" onClick=${()=>zi()} title="Sign out">
        <${Y} name="logout" size=${14} /> Sign out
      </button>
    </div>
  </header>`}var Lc=(function(){let e=typeof document<`u`&&document.createElement(`link`).relList;return e&&e.supports&&e.supports(`modulepreload`)?`modulepreload`:`preload`})(),Rc=function(e){return`/inbox/`+e},zc={},Bc=function(e){return e.pathname.endsWith(`.css`)},Vc=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw e[t]=void 0,n});return e[t]=i,i},Hc=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=Rc(t,n);let r=s(t),i=Bc(r);return Vc(zc,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}if((i?e.styles:e.all).has(r.href))return;let t=document.createElement(`link`);if(t.rel=i?`stylesheet`:Lc,i||(t.as=`script`),t.crossOrigin=``,t.href=r.href,a&&t.setAttribute(`nonce`,a),document.head.appendChild(t),i)return new Promise((e,n)=>{let i=a=>{t.removeEventListener(`load`,i),t.removeEventListener(`error`,i),a.type===`error`?n(Error(`Unable to preload CSS for ${r}`)):e(a)};t.addEventListener(`load`,i),t.addEventListener(`error`,i)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},Uc={"/invite":Ya,"/reset":Xa};function Wc(){let e=L(R,e=>e.session),t=Uc[location.pathname],n=location.pathname===`/setup`?yc:bc;return k`<${t||(e?Gc:n)} /><${$c} />`}function Gc(){let e=L(R,e=>e.route),t=L(R,e=>e.help);return k`<div class="app" data-testid="inbox-app">
    <${Ic} />
    ${L(R,e=>e.conn)===`reconnecting`&&k`<div class="banner" role="status">Connection lost. Reconnecting… new messages will appear when it is back.</div>`}
    <div class="panes">
      ${e.view===`settings`?k`<${qc} />`:e.view===`reports`?k`<${Yc} />`:e.view===`tickets`?k`<${Cc} />
            ${e.ticketId?k`<${kc} id=${e.ticketId} /><${Pc} id=${e.ticketId} />`:k`<${Zc} icon="ticket" title="Select a ticket" text="Escalated conversations become tickets with an SLA and a handoff summary." />`}`:k`<${wo} />
            ${e.conversationId?k`<${Qs} id=${e.conversationId} /><${gc} id=${e.conversationId} />`:k`<${Xc} />`}`}
    </div>
    ${t&&k`<${Qc} />`}
  </div>`}var Kc=null;function qc(){let[e,t]=P(Kc),[n,r]=P(null);return F(()=>{e||Hc(()=>import(`./Settings-yVc9chkS.js`).then(e=>{Kc=e,t(e)},e=>r(e)),__vite__mapDeps([0,1]))},[]),n?k`<section class="pane main-pane empty-main"><div class="placeholder" role="alert">
      <h2>The settings could not be loaded</h2>
      <p class="muted">${n.message||`Check your connection.`}</p>
      <button class="btn" onClick=${()=>location.reload()}>Reload</button>
    </div></section>`:e?k`<${e.Settings} />`:k`<section class="pane main-pane empty-main"><div class="placeholder"><${Q} label="Loading the settings" /></div></section>`}var Jc=null;function Yc(){let[e,t]=P(Jc),[n,r]=P(null);return F(()=>{e||Hc(()=>import(`./Reports-CrnQkLlF.js`).then(e=>{Jc=e,t(e)},e=>r(e)),__vite__mapDeps([2,1]))},[]),n?k`<section class="pane main-pane empty-main"><div class="placeholder" role="alert">
      <h2>The reports could not be loaded</h2>
      <p class="muted">${n.message||`Check your connection.`}</p>
      <button class="btn" onClick=${()=>location.reload()}>Reload</button>
    </div></section>`:e?k`<${e.Reports} />`:k`<section class="pane main-pane empty-main"><div class="placeholder"><${Q} label="Loading the reports" /></div></section>`}function Xc(){let e=L(R,e=>e.session.user),[t,n]=P(()=>!no(e)||ro(e.tenant_id));return t?k`<${Zc} icon="inbox" title="Select a conversation" text="Pick a conversation on the left, or press j / k and Enter." />`:k`<section class="pane main-pane empty-main"><${io} onDismiss=${()=>n(!0)} /></section>`}function Zc({icon:e,title:t,text:n}){return k`<section class="pane main-pane empty-main">
    <div class="placeholder">
      <span class="placeholder-icon"><${Y} name=${e} size=${28} /></span>
      <h2>${t}</h2>
      <p class="muted">${n}</p>
      <p class="muted small">Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>
  </section>`}function Qc(){let e=I(null);F(()=>{let t=document.activeElement;return e.current?.focus(),()=>t?.focus?.()},[]);let t=()=>R.set(e=>({...e,help:!1}));return k`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&t()}>
    <div data-testid="shortcuts-help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex="-1" ref=${e}>
      <div class="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button class="icon-btn" onClick=${t} aria-label="Close"><${Y} name="x" /></button>
      </div>
      <dl class="shortcuts">
        ${Gi.map(([e,t])=>k`<dt>${e.split(` then `).map((e,t)=>k`${t?k`<span class="muted small"> then </span>`:``}<kbd>${e}</kbd>`)}</dt><dd>${t}</dd>`)}
      </dl>
      <p class="muted small">Shortcuts pause while you type in a field; Esc leaves the field.</p>
    </div>
  </div>`}function $c(){return k`<div class="toasts" role="status" aria-live="polite">
    ${L(R,e=>e.toasts).map(e=>k`<div key=${e.id} data-testid="toast" class=${`toast toast-${e.kind}`}>
      <${Y} name=${e.kind===`error`?`alert`:e.kind===`warning`?`clock`:`check`} size=${15} />
      <span>${e.text}</span>
      <button class="icon-btn" aria-label="Dismiss" onClick=${()=>Ut(e.id)}><${Y} name="x" size=${14} /></button>
    </div>`)}
  </div>`}t.debounceRendering=e=>En()?document.visibilityState===`visible`?requestAnimationFrame(e):setTimeout(e,0):Promise.resolve().then(e),Wi(),document.addEventListener(`keydown`,Xi),he(k`<${Wc} />`,document.getElementById(`app`));export{I as $,ra as A,Vi as B,fa as C,ua as D,la as E,oa as F,q as G,Ni as H,ca as I,bt as J,R as K,_a as L,ta as M,va as N,Ca as O,ia as P,L as Q,da as R,Da as S,ha as T,Mi as U,Bi as V,Si as W,xt as X,St as Y,Ct as Z,$i as _,gs as a,j as at,Ea as b,Z as c,k as ct,ja as d,$e as et,Q as f,Zi as g,Qi as h,ms as i,et as it,ga as j,xa as k,Y as l,y as lt,Ta as m,ps as n,P as nt,oo as o,Re as ot,wa as p,V as q,hs as r,F as rt,co as s,Me as st,Ls as t,Qe as tt,Na as u,ya as v,ma as w,Sa as x,aa as y,na as z};