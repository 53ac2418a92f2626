var e,t,n,r,i,a,o,s,c,l,u,d,f,p,m={},h=[],g=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,_=Array.isArray;function v(e,t){for(var n in t)e[n]=t[n];return e}function ee(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function y(t,n,r){var i,a,o,s={};for(o in n)o==`key`?i=n[o]:o==`ref`?a=n[o]:s[o]=n[o];if(arguments.length>2&&(s.children=arguments.length>3?e.call(arguments,2):r),typeof t==`function`&&t.defaultProps!=null)for(o in t.defaultProps)s[o]===void 0&&(s[o]=t.defaultProps[o]);return b(t,s,i,a,null)}function b(e,r,i,a,o){var s={type:e,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:o??++n,__i:-1,__u:0};return o==null&&t.vnode!=null&&t.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t}function C(e,t){if(t==null)return e.__?C(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type==`function`?C(e):null}function te(e){if(e.__P&&e.__d){var n=e.__v,r=n.__e,i=[],a=[],o=v({},n);o.__v=n.__v+1,t.vnode&&t.vnode(o),se(e.__P,o,n,e.__n,e.__P.namespaceURI,32&n.__u?[r]:null,i,r??C(n),!!(32&n.__u),a),o.__v=n.__v,o.__.__k[o.__i]=o,le(i,o,a),n.__e=n.__=null,o.__e!=r&&w(o)}}function w(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),w(e)}function T(e){(!e.__d&&(e.__d=!0)&&r.push(e)&&!E.__r++||i!=t.debounceRendering)&&((i=t.debounceRendering)||a)(E)}function E(){try{for(var e,t=1;r.length;)r.length>t&&r.sort(o),e=r.shift(),t=r.length,te(e)}finally{r.length=E.__r=0}}function ne(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,g,_,v,ee=r&&r.__k||h,y=t.length;for(c=D(n,t,ee,c,y),d=0;d<y;d++)(p=n.__k[d])!=null&&(f=p.__i!=-1&&ee[p.__i]||m,p.__i=d,v=se(e,p,f,i,a,o,s,c,l,u),g=p.__e,p.ref&&f.ref!=p.ref&&(f.ref&&fe(f.ref,null,p),u.push(p.ref,p.__c||g,p)),_==null&&g!=null&&(_=g),4&p.__u?(c=re(p,c,e),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),p.__u&=-7);return n.__e=_,c}function D(e,t,n,r,i){var a,o,s,c,l,u=n.length,d=u,f=0;for(e.__k=Array(i),a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o==`string`||typeof o==`number`||typeof o==`bigint`||o.constructor==String?o=e.__k[a]=b(null,o,null,null,null):_(o)?o=e.__k[a]=b(x,{children:o},null,null,null):o.constructor===void 0&&o.__b>0?o=e.__k[a]=b(o.type,o.props,o.key,o.ref?o.ref:null,o.__v):e.__k[a]=o,c=a+f,o.__=e,o.__b=e.__b+1,s=null,(l=o.__i=ie(o,n,c,d))!=-1&&(d--,(s=n[l])&&(s.__u|=2)),s==null||s.__v==null?(l==-1&&(i>u?f--:i<u&&f++),typeof o.type!=`function`&&(o.__u|=4)):l!=c&&(l==c-1?f--:l==c+1?f++:(l>c?f--:f++,o.__u|=4))):e.__k[a]=null;if(d)for(a=0;a<u;a++)(s=n[a])!=null&&!(2&s.__u)&&(s.__e==r&&(r=C(s)),pe(s,s));return r}function re(e,t,n){var r,i;if(typeof e.type==`function`){for(r=e.__k,i=0;r&&i<r.length;i++)r[i]&&(r[i].__=e,t=re(r[i],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=C(e)),t=n.insertBefore(e.__e,t||null));do t&&=t.nextSibling;while(t!=null&&t.nodeType==8);return t}function ie(e,t,n,r){var i,a,o,s=e.key,c=e.type,l=t[n],u=l!=null&&!(2&l.__u);if(l===null&&s==null||u&&s==l.key&&c==l.type)return n;if(r>+!!u){for(i=n-1,a=n+1;i>=0||a<t.length;)if((l=t[o=i>=0?i--:a++])!=null&&!(2&l.__u)&&s==l.key&&c==l.type)return o}return-1}function ae(e,t,n){t[0]==`-`?e.setProperty(t,n??``):e[t]=n==null?``:typeof n!=`number`||g.test(t)?n:n+`px`}function oe(e,t,n,r,i){var a,o;n:if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||ae(e.style,t,``);if(n)for(t in n)r&&n[t]==r[t]||ae(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)a=t!=(t=t.replace(u,`$1`)),o=t.toLowerCase(),t=o in e||t==`onFocusOut`||t==`onFocusIn`?o.slice(2):t.slice(2),e.l||={},e.l[t+a]=n,n?r?n[l]=r[l]:(n[l]=d,e.addEventListener(t,a?p:f,a)):e.removeEventListener(t,a?p:f,a);else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;break n}catch{}typeof n==`function`||(n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n))}}function O(e){return function(n){if(this.l){var r=this.l[n.type+e];if(n[c]==null)n[c]=d++;else if(n[c]<r[l])return;return r(t.event?t.event(n):n)}}}function se(e,n,r,i,a,o,s,c,l,u){var d,f,p,m,g,y,b,te,w,T,E,D,re,ie,ae,oe,O=n.type;if(n.constructor!==void 0)return null;128&r.__u&&(l=!!(32&r.__u),o=[c=n.__e=r.__e]),(d=t.__b)&&d(n);n:if(typeof O==`function`){f=s.length;try{if(w=n.props,T=O.prototype&&O.prototype.render,E=(d=O.contextType)&&i[d.__c],D=d?E?E.props.value:d.__:i,r.__c?te=(p=n.__c=r.__c).__=p.__E:(T?n.__c=p=new O(w,D):(n.__c=p=new S(w,D),p.constructor=O,p.render=me),E&&E.sub(p),p.state||(p.state={}),p.__n=i,m=p.__d=!0,p.__h=[],p._sb=[]),T&&p.__s==null&&(p.__s=p.state),T&&O.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=v({},p.__s)),v(p.__s,O.getDerivedStateFromProps(w,p.__s))),g=p.props,y=p.state,p.__v=n,m)T&&O.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),T&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(T&&O.getDerivedStateFromProps==null&&w!==g&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(w,D),n.__v==r.__v||!p.__e&&p.shouldComponentUpdate!=null&&!1===p.shouldComponentUpdate(w,p.__s,D)){n.__v!=r.__v&&(p.props=w,p.state=p.__s,p.__d=!1),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),h.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&s.push(p),c=C(r);break n}p.componentWillUpdate!=null&&p.componentWillUpdate(w,p.__s,D),T&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(g,y,b)})}if(p.context=D,p.props=w,p.__P=e,p.__e=!1,re=t.__r,ie=0,T)p.state=p.__s,p.__d=!1,re&&re(n),d=p.render(p.props,p.state,p.context),h.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,re&&re(n),d=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++ie<25);p.state=p.__s,p.getChildContext!=null&&(i=v(v({},i),p.getChildContext())),T&&!m&&p.getSnapshotBeforeUpdate!=null&&(b=p.getSnapshotBeforeUpdate(g,y)),ae=d!=null&&d.type===x&&d.key==null?ue(d.props.children):d,c=ne(e,_(ae)?ae:[ae],n,r,i,a,o,s,c,l,u),p.base=n.__e,n.__u&=-161,p.__h.length&&s.push(p),te&&(p.__E=p.__=null)}catch(e){if(s.length=f,n.__v=null,l||o!=null){if(e.then){for(n.__u|=l?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),n.__e=c}else if(o!=null)for(oe=o.length;oe--;)ee(o[oe])}else n.__e=r.__e;n.__k??=r.__k||[],e.then||ce(n),t.__e(e,n,r)}}else o==null&&n.__v==r.__v?(n.__k=r.__k,n.__e=r.__e):c=n.__e=de(r.__e,n,r,i,a,o,s,l,u);return(d=t.diffed)&&d(n),128&n.__u?void 0:c}function ce(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(ce))}function le(e,n,r){for(var i=0;i<r.length;i++)fe(r[i],r[++i],r[++i]);t.__c&&t.__c(n,e),e.some(function(n){try{e=n.__h,n.__h=[],e.some(function(e){e.call(n)})}catch(e){t.__e(e,n.__v)}})}function ue(e){return typeof e!=`object`||!e||e.__b>0?e:_(e)?e.map(ue):e.constructor===void 0?v({},e):null}function de(n,r,i,a,o,s,c,l,u){var d,f,p,h,g,v,y,b=i.props||m,x=r.props,S=r.type;if(S==`svg`?o=`http://www.w3.org/2000/svg`:S==`math`?o=`http://www.w3.org/1998/Math/MathML`:o||=`http://www.w3.org/1999/xhtml`,s!=null){for(d=0;d<s.length;d++)if((g=s[d])&&`setAttribute`in g==!!S&&(S?g.localName==S:g.nodeType==3)){n=g,s[d]=null;break}}if(n==null){if(S==null)return document.createTextNode(x);n=document.createElementNS(o,S,x.is&&x),l&&=(t.__m&&t.__m(r,s),!1),s=null}if(S==null)b===x||l&&n.data==x||(n.data=x);else{if(s=S==`textarea`&&x.defaultValue!=null?null:s&&e.call(n.childNodes),!l&&s!=null)for(b={},d=0;d<n.attributes.length;d++)b[(g=n.attributes[d]).name]=g.value;for(d in b)g=b[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in x||d==`value`&&`defaultValue`in x||d==`checked`&&`defaultChecked`in x||oe(n,d,null,g,o);for(d in x)g=x[d],d==`children`?h=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?v=g:d==`checked`?y=g:l&&typeof g!=`function`||b[d]===g||oe(n,d,g,b[d],o);if(f)l||p&&(f.__html==p.__html||f.__html==n.innerHTML)||(n.innerHTML=f.__html),r.__k=[];else if(p&&(n.innerHTML=``),ne(r.type==`template`?n.content:n,_(h)?h:[h],r,i,a,S==`foreignObject`?`http://www.w3.org/1999/xhtml`:o,s,c,s?s[0]:i.__k&&C(i,0),l,u),s!=null)for(d=s.length;d--;)ee(s[d]);l&&S!=`textarea`||(d=`value`,S==`progress`&&v==null?n.removeAttribute(`value`):v!=null&&(v!==n[d]||S==`progress`&&!v||S==`option`&&v!=b[d])&&oe(n,d,v,b[d],o),d=`checked`,y!=null&&y!=n[d]&&oe(n,d,y,b[d],o))}return n}function fe(e,n,r){try{if(typeof e==`function`){var i=typeof e.__u==`function`;i&&e.__u(),i&&n==null||(e.__u=e(n))}else e.current=n}catch(e){t.__e(e,r)}}function pe(e,n,r){var i,a;if(t.unmount&&t.unmount(e),(i=e.ref)&&(i.current&&i.current!=e.__e||fe(i,null,n)),(i=e.__c)!=null){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(e){t.__e(e,n)}i.base=i.__P=i.__n=null}if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&pe(i[a],n,r||typeof e.type!=`function`);r||ee(e.__e),e.__c=e.__=e.__e=void 0}function me(e,t,n){return this.constructor(e,n)}function he(n,r,i){var a,o,s,c;r==document&&(r=document.documentElement),t.__&&t.__(n,r),o=(a=typeof i==`function`)?null:i&&i.__k||r.__k,s=[],c=[],se(r,n=(!a&&i||r).__k=y(x,null,[n]),o||m,m,r.namespaceURI,!a&&i?[i]:o?null:r.firstChild?e.call(r.childNodes):null,s,!a&&i?i:o?o.__e:r.firstChild,a,c),le(s,n,c),n.props.children=null}e=h.slice,t={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!i.__)try{if((a=i.constructor)&&a.getDerivedStateFromError!=null&&(i.setState(a.getDerivedStateFromError(e)),o=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,r||{}),o=i.__d),o)return i.__E=i}catch(t){e=t}throw e}},n=0,S.prototype.setState=function(e,t){var n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=v({},this.state);typeof e==`function`&&(e=e(v({},n),this.props)),e&&v(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),T(this))},S.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),T(this))},S.prototype.render=x,r=[],a=typeof Promise==`function`?Promise.prototype.then.bind(Promise.resolve()):setTimeout,o=function(e,t){return e.__v.__b-t.__v.__b},E.__r=0,s=Math.random().toString(8),c=`__d`+s,l=`__a`+s,u=/(PointerCapture)$|Capture$/i,d=0,f=O(!1),p=O(!0);var ge=function(e,t,n,r){var i;t[0]=0;for(var a=1;a<t.length;a++){var o=t[a++],s=t[a]?(t[0]|=o?1:2,n[t[a++]]):t[++a];o===3?r[0]=s:o===4?r[1]=Object.assign(r[1]||{},s):o===5?(r[1]=r[1]||{})[t[++a]]=s:o===6?r[1][t[++a]]+=s+``:o?(i=e.apply(s,ge(e,s,n,[``,null])),r.push(i),s[0]?t[0]|=2:(t[a-2]=0,t[a]=i)):r.push(s)}return r},_e=new Map;function ve(e){var t=_e.get(this);return t||(t=new Map,_e.set(this,t)),(t=ge(this,t.get(e)||(t.set(e,t=function(e){for(var t,n,r=1,i=``,a=``,o=[0],s=function(e){r===1&&(e||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,``)))?o.push(0,e,i):r===3&&(e||i)?(o.push(3,e,i),r=2):r===2&&i===`...`&&e?o.push(4,e,0):r===2&&i&&!e?o.push(5,0,!0,i):r>=5&&((i||!e&&r===5)&&(o.push(r,0,i,n),r=6),e&&(o.push(r,e,0,n),r=6)),i=``},c=0;c<e.length;c++){c&&(r===1&&s(),s(c));for(var l=0;l<e[c].length;l++)t=e[c][l],r===1?t===`<`?(s(),o=[o],r=3):i+=t:r===4?i===`--`&&t===`>`?(r=1,i=``):i=t+i[0]:a?t===a?a=``:i+=t:t===`"`||t===`'`?a=t:t===`>`?(s(),r=1):r&&(t===`=`?(r=5,n=i,i=``):t===`/`&&(r<5||e[c][l+1]===`>`)?(s(),r===3&&(o=o[0]),r=o,(o=o[0]).push(2,0,r),r=0):t===` `||t===`	`||t===`
`||t===`\r`?(s(),r=2):i+=t),r===3&&i===`!--`&&(r=4,o=o[0])}return s(),o}(e)),t),arguments,[])).length>1?t:t[0]}var k=ve.bind(y);function ye(e=globalThis.crypto){if(typeof e.randomUUID==`function`)return e.randomUUID();let t=e.getRandomValues(new Uint8Array(16));t[6]=t[6]&15|64,t[8]=t[8]&63|128;let n=[...t].map(e=>e.toString(16).padStart(2,`0`)).join(``);return`${n.slice(0,8)}-${n.slice(8,12)}-${n.slice(12,16)}-${n.slice(16,20)}-${n.slice(20)}`}function be(e=`r`){let t=0;return()=>`${e}${++t}`}function xe(e){return String(e||``).replace(/-/g,``).slice(-6)}var Se=6e4,Ce=60*Se,we=24*Ce;function A(e){let t=typeof e==`number`?e:Date.parse(e||``);return Number.isFinite(t)?t:0}function Te(e,t=Date.now()){let n=A(e);if(!n)return``;let r=t-n;if(r<Se)return`now`;if(r<Ce)return`${Math.floor(r/Se)}m`;let i=new Date(n),a=new Date(t);if(r<we&&i.getDate()===a.getDate())return`${Math.floor(r/Ce)}h`;let o=Math.round((Ae(t)-Ae(n))/we);if(o<=1)return`Yesterday`;if(o<7)return i.toLocaleDateString(void 0,{weekday:`short`});let s=i.getFullYear()===a.getFullYear();return i.toLocaleDateString(void 0,s?{month:`short`,day:`numeric`}:{month:`short`,day:`numeric`,year:`numeric`})}function Ee(e){let t=A(e);return t?new Date(t).toLocaleTimeString(void 0,{hour:`2-digit`,minute:`2-digit`}):``}function De(e,t=Date.now()){let n=A(e),r=Math.round((Ae(t)-Ae(n))/we);return r===0?`Today`:r===1?`Yesterday`:new Date(n).toLocaleDateString(void 0,{weekday:`long`,month:`long`,day:`numeric`,year:`numeric`})}function j(e){let t=A(e);return t?new Date(t).toLocaleString(void 0,{dateStyle:`medium`,timeStyle:`short`}):``}function Oe(e,t=Date.now()){let n=A(e);if(!n)return``;let r=n-t,i=ke(Math.abs(r));return r>=0?`due in ${i}`:`overdue by ${i}`}function ke(e){let t=Math.max(1,Math.round(e/Se));if(t<60)return`${t}m`;if(t<1440){let e=Math.floor(t/60),n=t%60;return n?`${e}h ${n}m`:`${e}h`}let n=Math.round(t/60),r=Math.floor(n/24),i=n%24;return i?`${r}d ${i}h`:`${r}d`}function Ae(e){let t=new Date(e);return t.setHours(0,0,0,0),t.getTime()}var je=class extends Error{constructor(e,t,n){super(n),this.status=e,this.code=t}},Me=null,Ne=()=>{};function Pe({accessToken:e,unauthorized:t}){Me=e,t&&(Ne=t)}function Fe(e,t={}){let n=new URLSearchParams;for(let[e,r]of Object.entries(t))r!==``&&r!=null&&r!==!1&&n.set(e,String(r));let r=n.toString();return r?`${e}?${r}`:e}async function M(e,{method:t=`GET`,body:n,form:r,query:i,auth:a=!0}={}){let o={accept:`application/json`};n!==void 0&&(o[`content-type`]=`application/json`),a&&Me&&(o.authorization=`Bearer ${Me}`);let s;try{s=await fetch(Fe(e,i),{method:t,headers:o,body:r===void 0?n===void 0?void 0:JSON.stringify(n):r,credentials:`same-origin`})}catch{throw new je(0,`unavailable`,`The server cannot be reached. Check your connection.`)}let c=null;if((s.headers.get(`content-type`)||``).includes(`json`))try{c=await s.json()}catch{c=null}if(s.ok)return c;let l=c?.error?c.error:{},u=new je(s.status,l.code||(s.status===404?`not_found`:`internal`),l.message||`${t} ${e} failed (${s.status})`);throw s.status===401&&a&&Ne(u),u}async function Ie(e,{query:t,filename:n}){let r;try{r=await fetch(Fe(e,t),{headers:Me?{authorization:`Bearer ${Me}`}:{},credentials:`same-origin`})}catch{throw new je(0,`unavailable`,`The server cannot be reached. Check your connection.`)}if(!r.ok){let e={};try{e=(await r.json()).error||{}}catch{e={}}let t=new je(r.status,e.code||`internal`,e.message||`Download failed (${r.status})`);throw r.status===401&&Ne(t),t}let i=URL.createObjectURL(await r.blob()),a=Object.assign(document.createElement(`a`),{href:i,download:n});return document.body.append(a),a.click(),a.remove(),setTimeout(()=>URL.revokeObjectURL(i),1e4),r.headers}var Le,N,Re,ze,Be=0,Ve=[],P=t,He=P.__b,Ue=P.__r,We=P.diffed,Ge=P.__c,Ke=P.unmount,qe=P.__;function Je(e,t){P.__h&&P.__h(N,e,Be||t),Be=0;var n=N.__H||(N.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function F(e){return Be=1,Ye(at,e)}function Ye(e,t,n){var r=Je(Le++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):at(void 0,t),function(e){var t=r.__N?r.__N[0]:r.__[0],n=r.t(t,e);t!==n&&(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=N,!N.__f)){var i=function(e,t,n){if(!r.__c.__H)return!0;var i=!1,o=r.__c.props!==e;if(r.__c.__H.__.some(function(e){if(e.__N){i=!0;var t=e.__[0];e.__=e.__N,e.__N=void 0,t!==e.__[0]&&(o=!0)}}),a){var s=a.call(this,e,t,n);return i?s||o:s}return!i||o};N.__f=!0;var a=N.shouldComponentUpdate,o=N.componentWillUpdate;N.componentWillUpdate=function(e,t,n){if(this.__e){var r=a;a=void 0,i(e,t,n),a=r}o&&o.call(this,e,t,n)},N.shouldComponentUpdate=i}return r.__N||r.__}function I(e,t){var n=Je(Le++,3);!P.__s&&it(n.__H,t)&&(n.__=e,n.u=t,N.__H.__h.push(n))}function Xe(e,t){var n=Je(Le++,4);!P.__s&&it(n.__H,t)&&(n.__=e,n.u=t,N.__h.push(n))}function L(e){return Be=5,Ze(function(){return{current:e}},[])}function Ze(e,t){var n=Je(Le++,7);return it(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function Qe(e,t){return Be=8,Ze(function(){return e},t)}function $e(){for(var e;e=Ve.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(nt),t.__h.some(rt),t.__h=[]}catch(n){t.__h=[],P.__e(n,e.__v)}}}P.__b=function(e){N=null,He&&He(e)},P.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),qe&&qe(e,t)},P.__r=function(e){Ue&&Ue(e),Le=0;var t=(N=e.__c).__H;t&&(Re===N?(t.__h=[],N.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})):(t.__h.some(nt),t.__h.some(rt),t.__h=[],Le=0)),Re=N},P.diffed=function(e){We&&We(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(Ve.push(t)!==1&&ze===P.requestAnimationFrame||((ze=P.requestAnimationFrame)||tt)($e)),t.__H.__.some(function(e){e.u&&=(e.__H=e.u,void 0)})),Re=N=null},P.__c=function(e,t){t.some(function(e){try{e.__h.some(nt),e.__h=e.__h.filter(function(e){return!e.__||rt(e)})}catch(n){t.some(function(e){e.__h&&=[]}),t=[],P.__e(n,e.__v)}}),Ge&&Ge(e,t)},P.unmount=function(e){Ke&&Ke(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(e){try{nt(e)}catch(e){t=e}}),n.__H=void 0,t&&P.__e(t,n.__v))};var et=typeof requestAnimationFrame==`function`;function tt(e){var t,n=function(){clearTimeout(r),et&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);et&&(t=requestAnimationFrame(n))}function nt(e){var t=N,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),N=t}function rt(e){var t=N;e.__c=e.__(),N=t}function it(e,t){return!e||e.length!==t.length||t.some(function(t,n){return t!==e[n]})}function at(e,t){return typeof t==`function`?t(e):t}function ot(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=e(t);if(r!==t){t=r;for(let e of[...n])try{e(t)}catch(e){setTimeout(()=>{throw e})}}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function R(e,t){let[,n]=Ye(e=>e+1,0),r=L(t);r.current=t;let i=t(e.get()),a=L(i);return a.current=i,Xe(()=>{let t=e=>{let t;try{t=!Object.is(r.current(e),a.current)}catch{t=!0}t&&n()},i=e.subscribe(t);return t(e.get()),i},[e]),i}var st=[`comfortable`,`compact`],ct=Object.freeze({density:`comfortable`,shortcuts:!0}),lt=e=>`flowsupport.inbox.prefs.${e}`;function ut(e){let t=e&&typeof e==`object`?e:{};return{density:st.includes(t.density)?t.density:ct.density,shortcuts:typeof t.shortcuts==`boolean`?t.shortcuts:ct.shortcuts}}function dt(e,t=globalThis.localStorage){if(!e||!t)return{...ct};try{return ut(JSON.parse(t.getItem(lt(e))||`null`))}catch{return{...ct}}}function ft(e,t,n=globalThis.localStorage){try{return n.setItem(lt(e),JSON.stringify(ut(t))),!0}catch{return!1}}function pt(e,t=globalThis.document?.documentElement){t&&(t.dataset.density=ut(e).density)}var mt=`/inbox/settings`,ht=[{id:`profile`,label:`Profile`,icon:`user`,admin:!1},{id:`team`,label:`Team`,icon:`users`,admin:!0},{id:`api-keys`,label:`API keys`,icon:`key`,admin:!0},{id:`widget`,label:`Widget`,icon:`api`,admin:!0},{id:`channels`,label:`Channels`,icon:`plug`,admin:!0},{id:`ai`,label:`AI answers`,icon:`sparkle`,admin:!0},{id:`sla`,label:`SLA & hours`,icon:`clock`,admin:!0},{id:`fields`,label:`Ticket fields`,icon:`tag`,admin:!0},{id:`retention`,label:`Data retention`,icon:`trash`,admin:!0},{id:`kb`,label:`Knowledge base`,icon:`book`,admin:!0},{id:`audit`,label:`Audit log`,icon:`shield`,admin:!0},{id:`privacy`,label:`Privacy requests`,icon:`lock`,admin:!0}],gt=new Set([`admin`,`super_admin`]);function _t(e){return gt.has(e)}function vt(e){let t=_t(e?.role);return ht.filter(e=>t||!e.admin)}function yt(e){return ht.find(t=>t.id===e)||null}function bt(e){return`${mt}/${encodeURIComponent(e||`profile`)}`}function xt(e){let t=/^\/inbox\/settings(?:\/([^/]*))?\/?$/.exec(e||``);if(!t)return null;try{return decodeURIComponent(t[1]||``)||`profile`}catch{return t[1]}}var St=`flowsupport.inbox.session`,Ct=[{value:`active`,label:`Active`,statuses:[`open`,`waiting_human`,`pending`]},{value:`open`,label:`Open`,statuses:[`open`]},{value:`waiting_human`,label:`Waiting for human`,statuses:[`waiting_human`]},{value:`pending`,label:`Pending`,statuses:[`pending`]},{value:`resolved`,label:`Resolved`,statuses:[`resolved`]},{value:`closed`,label:`Closed`,statuses:[`closed`]},{value:`all`,label:`All`,statuses:null}];function wt(){return{session:At(),conn:`connecting`,connProblem:null,presence:{count:0,agents:[]},names:{},staff:{state:`idle`,loading:!1,users:null},route:Et(globalThis.location),lastConversationId:null,lastTicketId:null,lastSettingsPage:null,convs:{},list:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null,source:`http`},filters:{status:`active`,assignee:``,channel:``,q:``},cursor:null,seen:{},unread:{},unreadServer:{},readUpTo:{},threads:{},streams:{},typing:{},viewers:{},visitorRead:{},drafts:{},composerMode:`reply`,contacts:{},tickets:{},ticketList:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null},ticketFilters:{status:``,priority:``,assignee:``,q:``},ticketDetail:{},toasts:[],help:!1,prefs:dt(null)}}var z=ot(wt());function B(e,t,n,r){let i=e[t],a=i[n],o=typeof r==`function`?r(a):{...a,...r};return o===a?e:{...e,[t]:{...i,[n]:o}}}function Tt(e,t,n){if(!(n in e[t]))return e;let{[n]:r,...i}=e[t];return{...e,[t]:i}}function Et(e){let t=xt(e?.pathname);return t?{view:`settings`,page:t,conversationId:null,ticketId:null}:Ot(e?.hash||``)}function Dt(e){return e.view===`settings`?bt(e.page):`/inbox${kt(e)}`}function Ot(e){let t=e.replace(/^#\/?/,``).split(`/`).filter(Boolean).map(decodeURIComponent);return t[0]===`tickets`?{view:`tickets`,conversationId:null,ticketId:t[1]||null}:{view:`conversations`,conversationId:t[1]||null,ticketId:null}}function kt(e){return e.view===`tickets`?e.ticketId?`#/tickets/${encodeURIComponent(e.ticketId)}`:`#/tickets`:e.conversationId?`#/conversations/${encodeURIComponent(e.conversationId)}`:`#/conversations`}function At(){try{let e=JSON.parse(sessionStorage.getItem(St)||`null`);if(e?.token&&e.user&&e.expiresAt>Date.now())return e}catch{}return null}function jt(e){try{e?sessionStorage.setItem(St,JSON.stringify(e)):sessionStorage.removeItem(St)}catch{}}var Mt=2e3;function Nt(e){return Lt(`flowsupport.inbox.seen.${e}`)||{}}function Pt(e,t){let n=Object.entries(t);n.length>Mt&&(n=n.slice(n.length-Mt)),Rt(`flowsupport.inbox.seen.${e}`,Object.fromEntries(n))}function Ft(e){return Lt(`flowsupport.inbox.names.${e}`)||{}}function It(e,t){Rt(`flowsupport.inbox.names.${e}`,t)}function Lt(e){try{return JSON.parse(localStorage.getItem(e)||`null`)}catch{return null}}function Rt(e,t){try{localStorage.setItem(e,JSON.stringify(t))}catch{}}var zt=0;function Bt(e,t=`error`){let n=++zt;z.set(r=>({...r,toasts:[...r.toasts.filter(t=>t.text!==e),{id:n,text:e,kind:t}].slice(-4)})),setTimeout(()=>Vt(n),t===`error`?7e3:4e3)}function Vt(e){z.set(t=>t.toasts.some(t=>t.id===e)?{...t,toasts:t.toasts.filter(t=>t.id!==e)}:t)}function V(e,t){if(!e)return;let n=e.message||`Something went wrong`;Bt(t?`${t}: ${n}`:n,`error`)}function Ht(e=0){return{last:e,until:e,ahead:[]}}function Ut(e,t){return t>e.until?{...e,until:t}:e}function Wt(e,t){if(!Number.isInteger(t))return{seqs:e,verdict:`old`};let n=t,{last:r,until:i,ahead:a}=e;n>i&&r<i&&(r=i);let o=`old`;n>r&&(n===r+1||n<=i)?(a.includes(n)||(o=`next`),r=n):n>r&&(o=`gap`,a.includes(n)||(a=[...a,n].sort((e,t)=>e-t)));let s=0;for(;s<a.length&&a[s]<=r+1;)r=Math.max(r,a[s++]);return s&&(a=a.slice(s)),r===e.last&&i===e.until&&a===e.ahead?{seqs:e,verdict:o}:{seqs:{last:r,until:i,ahead:a},verdict:o}}function Gt(e=0){return{next:e,text:``,early:{}}}function Kt(e,t,n){if(!Number.isInteger(t)||typeof n!=`string`)return e;let r=t;if(r<e.next||Object.hasOwn(e.early,r))return e;let i={...e.early,[r]:n},{next:a,text:o}=e;for(;Object.hasOwn(i,a);)o+=i[a],delete i[a],a+=1;return{next:a,text:o,early:i}}function qt(){return{messages:[],seq:Ht(0),ready:!1,truncated:!1,pending:[]}}function Jt(e,t){let n=e.messages,r=n.findIndex(e=>e.id===t.id||e.seq===t.seq),i;r>=0?(i=n.slice(),i[r]=t):i=!n.length||n[n.length-1].seq<t.seq?[...n,t]:[...n,t].sort((e,t)=>e.seq-t.seq);let a=t.client_msg_id?e.pending.filter(e=>e.client_msg_id!==t.client_msg_id):e.pending;return{...e,messages:i,pending:a}}function Yt(e,t){return t.reduce(Jt,e)}function Xt(e,t){return{...e,pending:[...e.pending,t]}}var Zt=3e5;function Qt(e,t){let n=[],r=null,i=null;for(let a of e){let e=t(a.created_at);e!==r&&(n.push({kind:`day`,key:`day-${a.seq??a.id}`,label:e}),r=e,i=null);let o=a.sender||{},s=Date.parse(a.created_at)||0;o.kind===`system`?(n.push({kind:`system`,key:`m-${a.id}`,message:a}),i=null):i&&i.sender.kind===o.kind&&(i.sender.id||null)===(o.id||null)&&i.private===!!a.private&&i.comment===!!a.comment&&o.kind!==`ai`&&s-i.lastAt<=Zt?(i.messages.push(a),i.lastAt=s):(i={kind:`group`,key:`g-${a.id}`,sender:o,private:!!a.private,comment:!!a.comment,messages:[a],lastAt:s},n.push(i))}return n}function $t(e,t){if(!t?.length)return e;let n=new Set(e.map(e=>e.client_msg_id).filter(Boolean)),r=new Set(e.filter(e=>!e.private).map(e=>`${e.sender?.id||``}\u0000${String(e.body||``).trim()}`)),i=t.filter(e=>!n.has(`comment-${e.id}`)&&!(e.public&&r.has(`${e.author?.id||``}\u0000${String(e.body||``).trim()}`))).map(e=>({id:`comment-${e.id}`,comment:!0,sender:e.author||{kind:`agent`},body:e.body,private:!e.public,created_at:e.created_at}));if(!i.length)return e;let a=e=>Date.parse(e.created_at)||0,o=[],s=0;for(let t of e){for(;s<i.length&&a(i[s])<a(t);)o.push(i[s++]);o.push(t)}for(;s<i.length;)o.push(i[s++]);return o}function en(e,t){return!!e.unreadServer[t]}function tn(e,t,n){let r={...e.unreadServer,[t]:n},i=n.count+n.live.length;return e.unread[t]===i?{...e,unreadServer:r}:{...e,unreadServer:r,unread:{...e.unread,[t]:i}}}function nn(e,t,n=0){if(!t||typeof t.unread_count!=`number`)return e;let r=e.unreadServer[t.id],i=Number(t.last_seq)||0;if(r&&i<r.seq)return e;let a=i<=n?0:Math.max(0,Math.floor(t.unread_count)),o=(r?.live||[]).filter(e=>e>i);return tn(e,t.id,{seq:i,count:a,live:o})}function rn(e,t,{reading:n}){let r=t.conversation_id,i=e.unreadServer[r];return!i||n||t.sender?.kind!==`visitor`||!(t.seq>i.seq)||i.live.includes(t.seq)?e:tn(e,r,{...i,live:[...i.live,t.seq]})}function an(e,t,n){let r=e.unreadServer[t];if(!r)return e;let i=r.live.filter(e=>e>n);return tn(e,t,{seq:Math.max(r.seq,n),count:n>=r.seq?0:r.count,live:i})}var on=15e3,sn=new Set([4001,4003]);function cn(e,t=Math.random){let n=Math.min(on,500*2**Math.min(e,16));return Math.floor(t()*n)}function ln(e=Math.random){return Math.round(100+e()*400)}function un({code:e,attempt:t,stable:n=!1,welcomed:r=!1},i=Math.random){if(sn.has(e))return null;let a=r&&(e===1012||e===1001),o=n||a?0:t;return{attempt:o+1,delay:a?ln(i):cn(o,i)}}var dn=`flowsupport.v1.json`,fn=`disconnected`,pn=`timeout`,mn=1,hn=1e4,gn=15e3,_n=2e4,vn=25,yn=new Set([fn,pn,`unavailable`,`rate_limited`,`internal`]),bn=class extends Error{constructor(e,t,n={}){super(t),this.name=`RequestError`,this.code=e,this.retry_after_ms=n.retry_after_ms}get retryable(){return yn.has(this.code)}};function xn(e=globalThis.location.origin){return`${e.replace(/^http/,`ws`).replace(/\/+$/,``)}/v1/ws`}var Sn=class{constructor(e){this.url=e.url,this.hello=e.hello,this.onWelcome=e.onWelcome,this.onFrame=e.onFrame||(()=>{}),this.onStatus=e.onStatus||(()=>{}),this.onUnauthorized=e.onUnauthorized||(()=>!1),this.WebSocket=e.WebSocket||globalThis.WebSocket,this.random=e.random||Math.random,this.requestTimeoutMs=e.requestTimeoutMs||_n,this.ws=null,this.active=!1,this.halted=!1,this.everConnected=!1,this.welcomedAt=0,this.heartbeatMs=vn*1e3,this.attempt=0,this.nextId=be(`r`),this.pending=new Map,this.retryTimer=null,this.pingTimer=null,this.pongTimer=null,this.retryNow=this.retryNow.bind(this)}get ready(){return this.welcomedAt>0}start(){this.active||(this.active=!0,globalThis.addEventListener?.(`online`,this.retryNow),this.connect())}stop(){this.active&&(this.active=!1,globalThis.removeEventListener?.(`online`,this.retryNow),clearTimeout(this.retryTimer),this.retryTimer=null,this.detach(),this.onStatus(`stopped`,{}))}restart(){this.active&&(this.halted=!1,this.attempt=0,this.detach(),this.connect())}retryNow(){this.retryTimer&&this.connect()}request(e,{timeoutMs:t=this.requestTimeoutMs}={}){if(!this.ready)return Promise.reject(new bn(fn,`Not connected; retrying shortly`));let n=this.nextId();return new Promise((r,i)=>{let a=setTimeout(()=>{this.pending.delete(n),i(new bn(pn,`The server did not answer in time`))},t);this.pending.set(n,{resolve:r,reject:i,timer:a}),this.write({...e,id:n})})}send(e){return this.ready&&this.write(e)}connect(){if(clearTimeout(this.retryTimer),this.retryTimer=null,!this.active||this.halted||this.ws)return;this.onStatus(`connecting`,{});let e;try{e=new this.WebSocket(this.url,[dn])}catch{this.ended(1006,``,{welcomed:!1,stable:!1});return}this.ws=e,e.onopen=()=>{this.write(this.hello()),this.pongTimer=setTimeout(()=>this.silent(),gn)},e.onmessage=t=>this.receive(e,t.data),e.onclose=t=>{e===this.ws&&this.ended(t.code,t.reason||``,this.detach())},e.onerror=()=>{}}write(e){let t=this.ws;if(!t||t.readyState!==mn)return!1;try{return t.send(JSON.stringify(e)),!0}catch{return!1}}receive(e,t){if(e!==this.ws||typeof t!=`string`)return;let n;try{n=JSON.parse(t)}catch{return}if(!n||typeof n.type!=`string`)return;if(!this.ready){if(n.type!==`welcome`)return;let e=this.everConnected;this.everConnected=!0,this.welcomedAt=Date.now(),this.heartbeatMs=Math.max(5,Number(n.heartbeat_s)||vn)*1e3,this.heard(),this.onStatus(`connected`,{}),this.onWelcome(n,{resumed:e});return}this.heard();let r=typeof n.id==`string`?this.pending.get(n.id):void 0;if(r&&(n.type===`ack`||n.type===`error`)){if(this.pending.delete(n.id),clearTimeout(r.timer),n.type===`ack`)r.resolve(n);else{let e=new bn(String(n.code||`internal`),String(n.message||`Request failed`),{retry_after_ms:Number(n.retry_after_ms)||void 0});r.reject(e)}}else n.type!==`pong`&&this.onFrame(n)}heard(){clearTimeout(this.pongTimer),this.pongTimer=null,clearTimeout(this.pingTimer),this.ready&&(this.pingTimer=setTimeout(()=>{this.write({type:`ping`,id:this.nextId()}),this.pongTimer=setTimeout(()=>this.silent(),hn)},this.heartbeatMs))}silent(){this.ws&&this.ended(1006,`no answer from the server`,this.detach())}detach(){let e=this.ws,t=this.ready,n=t&&Date.now()-this.welcomedAt>=1e4;if(this.ws=null,this.welcomedAt=0,clearTimeout(this.pingTimer),clearTimeout(this.pongTimer),this.pingTimer=this.pongTimer=null,e){e.onopen=e.onmessage=e.onclose=e.onerror=null;try{e.close(1e3)}catch{}}let r=[...this.pending.values()];this.pending.clear();for(let{reject:e,timer:t}of r)clearTimeout(t),e(new bn(fn,`Connection lost; retrying`));return{welcomed:t,stable:n}}ended(e,t,{welcomed:n,stable:r}){if(!this.active)return;if(e===4001&&this.onUnauthorized(t)){this.attempt=0,this.onStatus(`offline`,{code:e,reason:t,delay:0}),this.retryTimer=setTimeout(()=>this.connect(),0);return}let i=un({code:e,attempt:this.attempt,stable:r,welcomed:n},this.random);i?(this.attempt=i.attempt,this.onStatus(`offline`,{code:e,reason:t,delay:i.delay}),this.retryTimer=setTimeout(()=>this.connect(),i.delay)):(this.halted=!0,this.onStatus(`failed`,{code:e,reason:t}))}},H=null,Cn=!1;function wn(){return Cn}function Tn({handlers:e,...t}){En(),H=new Sn({...t,onFrame:t=>{let n=Object.hasOwn(e,t.type)?e[t.type]:null;if(n){Cn=!0;try{n(t)}finally{Cn=!1}}}}),H.start()}function En(){let e=H;H=null,e?.stop()}function Dn(){return!!H&&H.ready}function On(){return!!H&&H.everConnected}function U(e,t={},n={}){return H?H.request({...t,type:e},n):Promise.reject(new bn(fn,`Not connected`))}function kn(e){return H?H.send(e):!1}var An=50,jn=0;function Mn(e){return(Ct.find(t=>t.value===e)||Ct[0]).statuses}function Nn(e,t){let n=Mn(e.status);return{status:n?n.join(`,`):``,assignee:e.assignee,channel:e.channel,q:e.q.trim(),limit:An,cursor:t}}function Pn(e,t,n){let r=Mn(t.status);if(r&&!r.includes(e.status)||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.channel&&e.channel!==t.channel)return!1;let i=t.q.trim().toLowerCase();return!(i&&![e.subject,e.contact?.name,e.contact?.email,e.preview?.body].filter(Boolean).join(` `).toLowerCase().includes(i))}function Fn(e){return Math.max(A(e.updated_at),A(e.preview?.created_at),e.activity||0)}function In(e){let t=e.session?.user.id,n=e.route.conversationId;return e.list.ids.map(t=>e.convs[t]).filter(r=>r&&(r.id===n||Pn(r,e.filters,t))).sort((e,t)=>Fn(t)-Fn(e)||(e.id<t.id?1:-1)).map(e=>e.id)}function W(e,t){if(t=t.filter(e=>e?.id),!t.length)return e;let n={...e.convs};for(let e of t){let t=n[e.id]||{},[r,i]=Number(e.last_seq)<Number(t.last_seq)?[e,t]:[t,e];n[e.id]={...r,...i,contact:i.contact||r.contact,preview:i.preview===void 0?r.preview:i.preview}}return t.reduce((e,t)=>nn(e,t,e.readUpTo[t.id]||0),{...e,convs:n})}async function Ln(){let e=++jn,{filters:t}=z.get();z.set(e=>({...e,list:{...e.list,loading:!0,error:null}}));try{let n=await M(`/v1/conversations`,{query:Nn(t)});if(e!==jn)return;z.set(e=>{let t=W(e,n.conversations),r=n.conversations.map(e=>e.id);return{...t,list:{...e.list,ids:r,loading:!1,nextCursor:n.next_cursor,source:`http`}}}),Jn(n.conversations.map(e=>e.id))}catch(t){if(e!==jn)return;if(t.status===404||t.status===405){z.set(e=>({...e,list:{...e.list,loading:!1,source:`ws`,ids:Object.keys(e.convs)}}));return}z.set(e=>({...e,list:{...e.list,loading:!1,error:t.message}}))}}async function Rn(){let{filters:e,list:t}=z.get();if(!t.nextCursor||t.loadingMore)return;let n=jn;z.set(e=>({...e,list:{...e.list,loadingMore:!0}}));try{let r=await M(`/v1/conversations`,{query:Nn(e,t.nextCursor)});if(n!==jn)return;z.set(e=>{let t=W(e,r.conversations),n=[...new Set([...e.list.ids,...r.conversations.map(e=>e.id)])];return{...t,list:{...e.list,ids:n,loadingMore:!1,nextCursor:r.next_cursor}}}),Jn(r.conversations.map(e=>e.id))}catch(e){z.set(e=>({...e,list:{...e.list,loadingMore:!1}})),V(e,`Loading more conversations`)}}var zn=null;function Bn(e){z.set(t=>({...t,filters:{...t.filters,...e}})),clearTimeout(zn),`q`in e?zn=setTimeout(Ln,250):Ln()}function Vn(e){z.set(t=>{let n=W(t,e);if(t.list.source!==`ws`)return n;let r=[...new Set([...t.list.ids,...e.map(e=>e.id)])];return{...n,list:{...n.list,ids:r}}}),Jn(e.map(e=>e.id))}function Hn(e,t){if(e.list.ids.includes(t))return e;let n=e.convs[t];return!n||!Pn(n,e.filters,e.session?.user.id)?e:{...e,list:{...e.list,ids:[t,...e.list.ids]}}}var Un=null;function Wn(){clearTimeout(Un),Un=setTimeout(async()=>{let{filters:e,list:t}=z.get();if(t.source===`ws`)U(`inbox.subscribe`,{}).then(e=>Vn(e.conversations||[])).catch(()=>{});else try{let t=await M(`/v1/conversations`,{query:{...Nn({...e,status:`all`,assignee:``,channel:``,q:``}),limit:20}});z.set(e=>t.conversations.reduce((e,t)=>Hn(e,t.id),W(e,t.conversations)))}catch{}},300)}var G={},Gn=[],Kn=0;function qn(){G={},Gn=[]}function Jn(e){let t=z.get(),n=t.session?.user.id;for(let n of e){let e=t.convs[n],r=t.seen[n]||0;!e||en(t,n)||e.last_seq<=Math.max(r,G[n]||0)||n===t.route.conversationId||Gn.includes(n)||Gn.push(n)}for(;Kn<4&&Gn.length;){let e=Gn.shift();Kn+=1;let t=z.get().seen[e]||0;M(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:t,limit:200}}).then(r=>{let i=e=>e.sender?.kind===`agent`&&e.sender?.id===n,a=r.messages.filter(e=>!i(e)),o=r.messages.reduce((e,t)=>Math.max(e,t.seq),t);G[e]=Math.max(G[e]||0,o),z.set(t=>t.route.conversationId===e?t:B(t,`unread`,e,()=>a.length))}).catch(()=>{}).finally(()=>{--Kn,Jn([])})}}function Yn(e,t,{reading:n}){let r=t.conversation_id,i=e.session?.user.id;return en(e,r)?rn(e,t,{me:i,reading:n}):t.sender?.kind===`agent`&&t.sender?.id===i||n||t.seq<=(e.seen[r]||0)||t.seq<=(G[r]||0)?e:(G[r]=t.seq,B(e,`unread`,r,e=>(e||0)+1))}function Xn(e,t,n=!0){z.set(r=>{if(en(r,e))return!n||(r.readUpTo[e]||0)>=t&&!r.unread[e]?r:an({...r,readUpTo:{...r.readUpTo,[e]:Math.max(r.readUpTo[e]||0,t)}},e,t);if((r.seen[e]||0)>=t&&!r.unread[e])return r;G[e]=Math.max(G[e]||0,t);let i={...r,seen:{...r.seen,[e]:Math.max(r.seen[e]||0,t)},unread:{...r.unread,[e]:0}};return Pt(r.session.user.id,i.seen),i})}async function Zn(e){let t=z.get().threads[e];if(!t||t.loadingOlder||!t.truncated)return;let n=t.truncatedAt||0,r=t.messages.reduce((e,t)=>t.seq<=n?Math.max(e,t.seq):e,0);z.set(t=>B(t,`threads`,e,{loadingOlder:!0}));try{let t=[];for(;r<n;){let i=await M(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:r,limit:1e3}});if(t.push(...i.messages.filter(e=>e.seq<=n)),i.next_after_seq==null||!i.messages.length)break;r=i.next_after_seq}z.set(n=>B(n,`threads`,e,e=>({...Yt(e,t),truncated:!1,loadingOlder:!1})))}catch(t){z.set(t=>B(t,`threads`,e,{loadingOlder:!1})),V(t,`Loading earlier messages`)}}async function Qn(e,{force:t=!1}={}){if(!e)return;let n=z.get().contacts[e];if(!n||t||n.state===`error`){n||z.set(t=>B(t,`contacts`,e,{state:`loading`}));try{let t=await M(`/v1/contacts/${encodeURIComponent(e)}`);z.set(n=>{let r=B(n,`contacts`,e,{state:`ok`,profile:t}),i={...r.tickets};for(let e of t.tickets||[])i[e.id]={...i[e.id],...e};r={...r,tickets:i};let a={id:t.contact.id,name:t.contact.name,email:t.contact.email},o={...r.convs};for(let t of Object.values(o))t.contact_id===e&&(o[t.id]={...t,contact:a});return{...r,convs:o}})}catch(t){let n=t.status===404||t.status===405?`missing`:`error`;z.set(r=>B(r,`contacts`,e,{state:n,error:t.message}))}}}var $n=0;function er(e){return e.name||e.email||``}function tr(e,t){return e.staff.state===`ok`&&!!e.staff.users?.some(e=>e.id===t)}function nr(e,t){if(e.staff.state!==`ok`||!t)return null;let n=e.staff.users?.find(e=>e.id===t);return n&&er(n)||null}async function rr(){let e=z.get().session;if(!e)return;let t=++$n;z.set(e=>({...e,staff:{...e.staff,loading:!0}}));let n;try{let e=await M(`/v1/users`);if(n=Array.isArray(e?.users)?e.users:null,!n)throw Error(`malformed staff list`)}catch(n){if(t!==$n||z.get().session!==e)return;let r=n.status===403||n.status===404||n.status===405?`unavailable`:`error`;z.set(e=>({...e,staff:{...e.staff,loading:!1,state:e.staff.users?e.staff.state:r}}));return}t===$n&&z.get().session===e&&z.set(e=>{let t={...e.names};for(let e of n){let n=er(e);e.id&&n&&(t[e.id]=n)}return It(e.session.user.tenant_id,t),{...e,names:t,staff:{state:`ok`,loading:!1,users:n}}})}var ir=0;function ar(e,t){return{...e,q:e.q.trim(),limit:50,cursor:t}}function or(e,t,n){return!(t.status&&e.status!==t.status||t.priority&&e.priority!==t.priority||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.q.trim()&&!e.subject.toLowerCase().includes(t.q.trim().toLowerCase()))}function sr(e){let t=e.session?.user.id,n=e.route.ticketId;return e.ticketList.ids.map(t=>e.tickets[t]).filter(r=>r&&(r.id===n||or(r,e.ticketFilters,t))).sort((e,t)=>Date.parse(t.updated_at)-Date.parse(e.updated_at)||t.number-e.number).map(e=>e.id)}function cr(e,t){let n={...e.tickets};for(let e of t)n[e.id]={...n[e.id],...e};return{...e,tickets:n}}async function lr(){let e=++ir,t=z.get().ticketFilters;z.set(e=>({...e,ticketList:{...e.ticketList,loading:!0,error:null}}));try{let n=await M(`/v1/tickets`,{query:ar(t)});if(e!==ir)return;z.set(e=>({...cr(e,n.tickets),ticketList:{...e.ticketList,ids:n.tickets.map(e=>e.id),loading:!1,nextCursor:n.next_cursor,loaded:!0}}))}catch(t){if(e!==ir)return;z.set(e=>({...e,ticketList:{...e.ticketList,loading:!1,error:t.message}}))}}async function ur(){let{ticketFilters:e,ticketList:t}=z.get();if(t.nextCursor&&!t.loadingMore){z.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!0}}));try{let n=await M(`/v1/tickets`,{query:ar(e,t.nextCursor)});z.set(e=>({...cr(e,n.tickets),ticketList:{...e.ticketList,ids:[...new Set([...e.ticketList.ids,...n.tickets.map(e=>e.id)])],loadingMore:!1,nextCursor:n.next_cursor}}))}catch(e){z.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!1}})),V(e,`Loading more tickets`)}}}var dr=null;function fr(e){z.set(t=>({...t,ticketFilters:{...t.ticketFilters,...e}})),clearTimeout(dr),`q`in e?dr=setTimeout(lr,250):lr()}function pr(){let e=z.get();e.ticketList.loaded&&lr(),e.route.ticketId&&mr(e.route.ticketId)}async function mr(e,{quiet:t=!1}={}){z.get().ticketDetail[e]||z.set(t=>B(t,`ticketDetail`,e,{state:`loading`,comments:[]}));try{let{comments:t,...n}=await M(`/v1/tickets/${encodeURIComponent(e)}`);z.set(r=>{let i=cr(r,[n]);i=B(i,`ticketDetail`,e,{state:`ok`,comments:t||[]});let a={...i.names};for(let e of t||[]){let t=e.author;t?.kind===`agent`&&t.id&&t.name&&!tr(i,t.id)&&(a[t.id]=t.name)}return{...i,names:a}})}catch(n){z.set(t=>B(t,`ticketDetail`,e,{state:n.status===404?`missing`:`error`,error:n.message})),!t&&n.status!==404&&V(n,`Loading the ticket`)}}function hr(e){let t=e.ticket;if(!t)return;z.set(e=>{let n=cr(e,[t]);return!n.ticketList.ids.includes(t.id)&&n.ticketList.loaded&&or(t,n.ticketFilters,n.session?.user.id)&&(n={...n,ticketList:{...n.ticketList,ids:[t.id,...n.ticketList.ids]}}),n});let n=e.changes||[];e.type===`ticket.sla_breached`&&Bt(`Ticket #${t.number} missed its ${String(n[0]||`SLA`).replace(`_`,` `)} target`,`warning`),z.get().ticketDetail[t.id]&&(n.includes(`comments`)||e.type===`ticket.created`)&&mr(t.id,{quiet:!0})}async function gr(e,t){let n=z.get().tickets[e];z.set(n=>B(n,`tickets`,e,t));try{let n=await M(`/v1/tickets/${encodeURIComponent(e)}`,{method:`PATCH`,body:t});z.set(t=>B(t,`tickets`,e,n))}catch(r){n&&z.set(r=>B(r,`tickets`,e,Object.fromEntries(Object.keys(t).map(e=>[e,n[e]])))),V(r,`Ticket not changed`)}}async function _r(e,t,n){try{let r=await M(`/v1/tickets/${encodeURIComponent(e)}/comments`,{method:`POST`,body:{body:t,public:n}});return z.set(t=>B(t,`ticketDetail`,e,e=>{let t=(e?.comments||[]).filter(e=>e.id!==r.id);return{...e||{state:`ok`},comments:[...t,r]}})),!0}catch(e){return V(e,`Comment not added`),!1}}function vr(e,t){let n=Array.isArray(e.breaches)?e.breaches:[],r=`sla_paused_at`in e?!!e.sla_paused_at:e.status===`pending`||e.status===`solved`,i=null;e.status===`closed`?i=null:r?i=e.due_at||n.length||e.sla_paused_at?`paused`:null:e.due_at&&(i=`running`);let a=Date.parse(e.due_at||``);return{clock:i,breached:n,soon:i===`running`&&Number.isFinite(a)&&a-t<36e5}}var yr=1e3,K=new Set,br=new Set,xr=new Set;function Sr({handlers:e,onUnauthorized:t,url:n,WebSocket:r}){Cr(),z.get().session&&Tn({url:n||xn(),WebSocket:r,handlers:e,hello:()=>({type:`hello`,token:z.get().session?.token,client:`flowsupport-inbox/0.1`}),onWelcome:wr,onStatus:(e,{code:n})=>{let r=`stopped`;e===`connected`?r=`connected`:(e===`connecting`||e===`offline`)&&(r=On()?`reconnecting`:`connecting`),z.set(e=>e.conn===r?e:{...e,conn:r}),e===`failed`&&(n===4003?z.set(e=>({...e,connProblem:`This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).`})):t())}})}function Cr(){En(),K.clear(),br.clear(),xr.clear();for(let e of Object.keys(q))delete q[e];for(let e of Object.keys(J))clearTimeout(J[e].idleTimer),delete J[e];for(let e of Object.keys(Nr))delete Nr[e]}function wr(e,{resumed:t}){U(`inbox.subscribe`,{}).then(e=>Vn(e.conversations||[])).catch(e=>V(e,`Inbox`));let n=new Set([...K,...xr,z.get().route.conversationId].filter(Boolean));K.clear();for(let e of n)Tr(e);t&&(Ln(),pr(),rr()),Br()}function Tr(e){if(z.set(t=>t.threads[e]?t:B(t,`threads`,e,()=>qt())),!Dn())return;let t=z.get().threads[e];K.add(e),br.add(e);let n=t.messages.length>0;U(`subscribe`,{conversation_id:e,after_seq:t.seq.last}).then(t=>{z.set(n=>{let r=W(n,[t.conversation]);return r=B(r,`threads`,e,e=>{e||=qt();let n=Ut(e.seq,Number(t.last_seq)||0);if(!t.truncated)return{...e,seq:n,ready:!0,error:null};let r=t.last_seq-yr;return{...e,seq:n,ready:!0,error:null,truncated:!0,truncatedAt:Math.max(e.truncatedAt||0,r)}}),r}),t.truncated&&n&&Zn(e),Ir(e)}).catch(t=>{K.delete(e),z.set(n=>B(n,`threads`,e,e=>({...e||qt(),ready:!0,error:t.message}))),V(t,`Opening the conversation`)}).finally(()=>br.delete(e))}function Er(e){K.has(e)&&!xr.has(e)&&(K.delete(e),zr(e),U(`unsubscribe`,{conversation_id:e}).catch(()=>{}))}function Dr(e){xr.add(e),K.has(e)||Tr(e)}function Or(e){xr.delete(e),z.get().route.conversationId!==e&&Er(e)}function kr(e){return K.has(e)}function Ar(e,t,n){let r=e.threads[t];if(!K.has(t)||!r)return e;let i=Wt(r.seq,n);return i.verdict===`gap`&&!br.has(t)&&queueMicrotask(()=>Tr(t)),i.seqs===r.seq?e:B(e,`threads`,t,{seq:i.seqs})}var jr=null,Mr=null,Nr={},q={};function Pr(e){return z.get().route.conversationId===e&&document.visibilityState===`visible`&&q[e]!==!1}function Fr(e,t){t===null?(Mr===e&&q[e]!==!1&&(clearTimeout(jr),Lr(e,{closing:!0})),delete q[e]):q[e]!==!1!==t&&(q[e]=t,t&&Ir(e))}function Ir(e){clearTimeout(jr),Mr=e,jr=setTimeout(()=>Lr(e),250)}function Lr(e,{heartbeat:t=!1,closing:n=!1}={}){if(Mr===e&&(Mr=null),!n&&!Pr(e))return;let r=z.get().threads[e];if(!r?.ready)return;let i=r.seq.last,a=!t&&Nr[e]===i||kn({type:`read`,conversation_id:e,seq:i});a&&(Nr[e]=i),Xn(e,i,a)}var J={};function Rr(e){J[e]||(J[e]={sentAt:0,idleTimer:null});let t=J[e],n=Date.now();n-t.sentAt>=3e3&&kn({type:`typing`,conversation_id:e,state:!0})&&(t.sentAt=n),clearTimeout(t.idleTimer),t.idleTimer=setTimeout(()=>zr(e),5e3)}function zr(e){let t=J[e];t&&(clearTimeout(t.idleTimer),delete J[e],t.sentAt&&kn({type:`typing`,conversation_id:e,state:!1}))}function Br(){let{threads:e}=z.get();for(let[t,n]of Object.entries(e))for(let e of n.pending)e.state!==`failed`&&Vr(t,e)}function Vr(e,t){z.set(n=>B(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`sending`}:e)}))),U(`message.send`,{conversation_id:e,client_msg_id:t.client_msg_id,body:t.body,private:t.private}).then(t=>{z.set(n=>B(n,`threads`,e,e=>Jt(e,t.message))),Ir(e)}).catch(n=>{n.retryable?(z.set(n=>B(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`queued`}:e)}))),n.code!==`disconnected`&&setTimeout(()=>Vr(e,t),n.retry_after_ms||2e3)):(z.set(n=>{let r=B(n,`threads`,e,e=>({...e,pending:e.pending.filter(e=>e.client_msg_id!==t.client_msg_id)})),i=r.drafts[e]||``;return r=B(r,`drafts`,e,()=>i?`${t.body}\n${i}`:t.body),{...r,composerMode:t.private?`note`:`reply`}}),V(n,`Message not sent`))})}function Y(e){if(e.view!==`settings`&&location.pathname===`/inbox`){let t=kt(e);location.hash===t?Hr(Et(location)):location.hash=t;return}let t=Dt(e);`${location.pathname}${location.hash}`!==t&&history.pushState(null,``,t),Hr(Et(location))}function Hr(e){let t=z.get().route;t.conversationId&&t.conversationId!==e.conversationId&&(Er(t.conversationId),Jn([t.conversationId])),z.set(t=>({...t,route:e,cursor:e.conversationId||e.ticketId||t.cursor,lastConversationId:e.view===`conversations`?e.conversationId:t.lastConversationId,lastTicketId:e.view===`tickets`?e.ticketId:t.lastTicketId,lastSettingsPage:e.view===`settings`?e.page:t.lastSettingsPage})),e.conversationId&&e.conversationId!==t.conversationId&&Wr(e.conversationId),e.ticketId&&mr(e.ticketId)}function Ur(e){let t=z.get();Y(e===`settings`?{view:e,page:t.lastSettingsPage}:e===`tickets`?{view:e,ticketId:t.lastTicketId}:{view:e,conversationId:t.lastConversationId})}function Wr(e){Tr(e)}function Gr(e,t){z.set(n=>B(n,`drafts`,e,()=>t))}function Kr(e){z.set(t=>t.composerMode===e?t:{...t,composerMode:e})}function qr(e){let t=z.get(),n=(t.drafts[e]||``).trim();if(!n)return!1;if(n.length>8e3)return Bt(`Messages are limited to 8,000 characters.`),!1;let r=t.composerMode===`note`,i={client_msg_id:ye(),body:n,private:r,state:`sending`,created_at:new Date().toISOString()};return zr(e),z.set(t=>B(B(t,`threads`,e,e=>Xt(e,i)),`drafts`,e,()=>``)),Vr(e,i),!0}async function Jr(e,t){let n=z.get().convs[e];if(n){z.set(n=>B(n,`convs`,e,t));try{let n=await U(`conversation.update`,{conversation_id:e,...t});z.set(e=>W(e,[n.conversation]))}catch(r){let i=Object.fromEntries(Object.keys(t).map(e=>[e,n[e]]));z.set(t=>B(t,`convs`,e,i)),V(r,`Not changed`)}}}function Yr(e){let t=z.get().session?.user.id;e&&t&&Jr(e,{assignee_id:t})}function Xr(e){e&&Jr(e,{status:`resolved`})}function Zr(e,t){let n=z.get().convs[e],r=t.split(`,`).map(e=>e.trim()).filter(Boolean);if(r.find(e=>e.length>50)){Bt(`Tags are at most 50 characters.`);return}let i=[...new Set([...n.tags||[],...r])];i.length!==(n.tags||[]).length&&Jr(e,{tags:i})}function Qr(e,t){let n=z.get().convs[e];Jr(e,{tags:(n.tags||[]).filter(e=>e!==t)})}async function $r(e){if(e&&z.get().streams[e])try{await U(`ai.stop`,{conversation_id:e}),z.set(t=>{let{[e]:n,...r}=t.streams;return{...t,streams:r}}),ei(`reply`)}catch(e){V(e,`Could not stop the AI`)}}function ei(e){e&&z.set(t=>t.composerMode===e?t:{...t,composerMode:e});let t=()=>document.querySelector(`[data-testid="composer"]`)?.focus();t(),requestAnimationFrame(t)}function ti(e,t){if(!t?.id||!t.name||t.kind!==`agent`&&t.kind!==`bot`||e.names[t.id]===t.name||tr(e,t.id))return e;let n={...e.names,[t.id]:t.name};return It(e.session.user.tenant_id,n),{...e,names:n}}function ni(e){let t=e.message,n=e.conversation_id,r=!!z.get().convs[n];z.set(r=>{let i=ti(r,t.sender);if(i.convs[n]&&(i=B(i,`convs`,n,n=>({...n,last_seq:Math.max(n.last_seq||0,e.seq),preview:t.private?n.preview:{body:t.body,sender_kind:t.sender?.kind,created_at:t.created_at},activity:Math.max(n.activity||0,Date.parse(t.created_at)||Date.now())})),i=Hn(i,n)),kr(n)&&i.threads[n]){i=B(i,`threads`,n,e=>Jt(e,t)),i=Ar(i,n,e.seq);let r=hi(t.sender);i.typing[n]?.[r]&&(i=B(i,`typing`,n,e=>gi(e,r)))}return Yn(i,t,{reading:Pr(n)})}),r||Wn(),Pr(n)&&Ir(n)}function ri(e){let t=e.conversation_id,n=z.get().convs[t];z.set(r=>{let i=W(r,[{...e.conversation,activity:Math.max(n?.activity||0,Fn(e.conversation))}]);return i=Hn(i,t),Ar(i,t,e.seq)}),n?.contact||Wn(),Pr(t)&&Ir(t)}function ii(e){let t=e.conversation;t?.id&&(z.set(e=>Hn(W(e,[{...t,activity:Math.max(e.convs[t.id]?.activity||0,Fn(t))}]),t.id)),z.get().convs[t.id]?.contact||Wn())}function ai(e){let t=e.conversation_id;z.set(n=>{let r=Ar(n,t,e.seq);return r.convs[t]&&e.ticket&&(r=B(r,`convs`,t,{ticket_id:e.ticket.id})),r}),hr(e),Pr(t)&&Ir(t)}function oi(e){z.set(t=>B(t,`streams`,e.conversation_id,()=>({stream_id:e.stream_id,...Gt(0)})))}function si(e){z.set(t=>B(t,`streams`,e.conversation_id,t=>{let n=Number.isInteger(e.index)?e.index:0,r=t&&t.stream_id===e.stream_id?t:{stream_id:e.stream_id,...Gt(n)},i=Kt(r,e.index,e.text);return i===r?r:{stream_id:r.stream_id,...i}}))}function ci(e){let t=e.conversation_id;z.set(n=>{let r=Tt(n,`streams`,t);return e.message&&kr(t)&&r.threads[t]&&(r=B(r,`threads`,t,t=>Jt(t,e.message))),r}),e.error?.message&&z.get().route.conversationId===t&&V(e.error,`AI answer`),e.reason===`stopped`&&z.get().route.conversationId===t&&ei(`reply`)}function li(e){let t=e.participant||{};if(t.kind===`agent`&&t.id===z.get().session?.user.id)return;let n=e.conversation_id,r=hi(t);z.set(i=>{let a=ti(i,t);return t.kind===`agent`&&(a=B(a,`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}}))),B(a,`typing`,n,n=>e.state?{...n,[r]:{name:t.name,kind:t.kind,until:Date.now()+8e3}}:n?.[r]?gi(n,r):n||{})})}function ui(e){let t=e.participant||{},n=e.conversation_id;z.set(r=>t.kind===`visitor`?B(r,`visitorRead`,n,t=>Math.max(t||0,e.seq)):t.kind===`agent`&&t.id===r.session?.user.id?!en(r,n)||!(e.seq>0)?r:an({...r,readUpTo:{...r.readUpTo,[n]:Math.max(r.readUpTo[n]||0,e.seq)}},n,e.seq):t.kind===`agent`?B(ti(r,t),`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}})):r)}function di(e){z.set(t=>{let n={...t,presence:{count:e.agents_online||0,agents:e.agents||t.presence.agents}};for(let t of e.agents||[])n=ti(n,{...t,kind:`agent`});return n})}function fi(e){V(e)}function pi(e){let t=e.conversation_id,n=e.message;z.set(e=>{let r=e.threads[t];return!r||!n?.id||!r.messages.some(e=>e.id===n.id)?e:B(e,`threads`,t,e=>Jt(e,n))})}var mi={"message.created":ni,"message.updated":pi,"conversation.updated":ri,"conversation.created":ii,"ticket.created":ai,"ticket.updated":hr,"ticket.sla_breached":hr,"ai.started":oi,"ai.delta":si,"ai.done":ci,typing:li,read:ui,presence:di,error:fi};function hi(e){return`${e?.kind||`?`}:${e?.id||``}`}function gi(e,t){let{[t]:n,...r}=e;return r}function _i(){let e=Date.now();z.set(t=>{let n=!1,r={};for(let[i,a]of Object.entries(t.typing)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>t.until>e));Object.keys(t).length!==Object.keys(a).length&&(n=!0),r[i]=t}let i={};for(let[r,a]of Object.entries(t.viewers)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>e-t.at<9e4));Object.keys(t).length!==Object.keys(a).length&&(n=!0),i[r]=t}return n?{...t,typing:r,viewers:i}:t})}var vi=[];async function yi(e,t){xi(await M(`/v1/auth/login`,{method:`POST`,body:{email:e,password:t},auth:!1}))}async function bi(e){let t=await M(`/v1/setup`,{method:`POST`,body:e,auth:!1});history.replaceState(null,``,`/inbox#/`),xi(t)}function xi(e){let t={token:e.access_token,user:e.user,expiresAt:Date.now()+(e.expires_in||3600)*1e3};jt(t),z.set(e=>({...wt(),session:t,route:e.route})),Ei()}function Si(e){Cr(),qn();for(let e of vi)clearInterval(e);vi=[],jt(null),z.set(e=>({...wt(),session:null,route:e.route})),pt(z.get().prefs),e&&Bt(e,`info`)}async function Ci(){let e=await M(`/v1/me`);z.set(t=>{if(!t.session||t.session.user.id!==e.id)return t;let n={...t.session,user:{...t.session.user,name:e.name??t.session.user.name,role:e.role}};return jt(n),{...t,session:n,names:{...t.names,[e.id]:n.user.name}}})}function wi(e){let{session:t,prefs:n}=z.get();if(!t)return!1;let r=ut({...n,...e});return z.set(e=>({...e,prefs:r})),pt(r),ft(t.user.id,r)}function Ti(){Si(`Your session has ended. Please sign in again.`)}function Ei(){let{session:e}=z.get();if(!e)return;Pe({accessToken:e.token,unauthorized:Ti});let t=e.user;z.set(e=>({...e,seen:Nt(t.id),names:{...Ft(t.tenant_id),[t.id]:t.name},prefs:dt(t.id)})),pt(z.get().prefs),Sr({handlers:mi,onUnauthorized:Ti}),Ln(),rr();let n=z.get().route;z.set(e=>({...e,route:{...n,conversationId:null,ticketId:null}})),Hr(n),vi.push(setInterval(_i,2e3)),vi.push(setInterval(()=>{let e=z.get().route.conversationId;e&&Lr(e,{heartbeat:!0})},3e4))}function Di(){Pe({accessToken:null,unauthorized:Ti});let{route:e}=z.get();e.view===`settings`&&location.pathname!==Dt(e)&&history.replaceState(null,``,Dt(e));let t=()=>{z.get().session?Hr(Et(location)):z.set(e=>({...e,route:Et(location)}))};addEventListener(`hashchange`,t),addEventListener(`popstate`,t),document.addEventListener(`visibilitychange`,()=>{let e=z.get().route.conversationId;e&&document.visibilityState===`visible`&&Lr(e)}),z.get().session&&Ei()}var Oi=[[`j`,`Next conversation or ticket`],[`k`,`Previous conversation or ticket`],[`Enter`,`Open the highlighted one`],[`r`,`Reply`],[`n`,`Internal note`],[`a`,`Assign to me`],[`e`,`Resolve`],[`s`,`Stop AI and take over`],[`/`,`Search`],[`g then c`,`Go to conversations`],[`g then t`,`Go to tickets`],[`g then s`,`Go to settings`],[`?`,`Show these shortcuts`],[`Esc`,`Close, or leave the field`]];function ki(e){if(!e?.tagName)return!1;let t=e.tagName;return t===`INPUT`||t===`TEXTAREA`||t===`SELECT`||e.isContentEditable}function Ai(e){let t=z.get(),n=t.route.view===`tickets`?sr(t):In(t);if(!n.length)return;let r=t.cursor&&n.includes(t.cursor)?t.cursor:t.route.view===`tickets`?t.route.ticketId:t.route.conversationId,i=n.indexOf(r);i=i<0?e>0?0:n.length-1:Math.min(n.length-1,Math.max(0,i+e)),z.set(e=>({...e,cursor:n[i]}))}function ji(){let e=z.get();e.cursor&&(e.route.view===`tickets`?Y({view:`tickets`,ticketId:e.cursor}):Y({view:`conversations`,conversationId:e.cursor}))}var Mi=0;function Ni(e){let t=z.get();if(!t.session)return;if(e.key===`Escape`){t.help?z.set(e=>({...e,help:!1})):document.activeElement&&document.activeElement!==document.body&&document.activeElement.blur();return}if(ki(e.target)||e.ctrlKey||e.metaKey||e.altKey||e.isComposing||!t.prefs.shortcuts||t.help&&e.key!==`?`)return;let n=t.route.view===`conversations`?t.route.conversationId:null,r=t.route.view!==`settings`;if(Mi&&Date.now()-Mi<1500){if(Mi=0,e.key===`t`){e.preventDefault(),Ur(`tickets`);return}if(e.key===`c`){e.preventDefault(),Ur(`conversations`);return}if(e.key===`s`){e.preventDefault(),Ur(`settings`);return}}let i={j:()=>r&&Ai(1),k:()=>r&&Ai(-1),Enter:()=>{let t=e.target?.tagName;if(r&&t!==`BUTTON`&&t!==`A`)ji();else return!1},r:()=>n&&ei(`reply`),n:()=>n&&ei(`note`),a:()=>n&&Yr(n),e:()=>n&&Xr(n),s:()=>n&&$r(n),"/":()=>{let e={tickets:`ticket-search`,settings:`kb-search`}[t.route.view]||`conv-search`;document.querySelector(`[data-testid="${e}"]`)?.focus()},"?":()=>z.set(e=>({...e,help:!e.help})),g:()=>{Mi=Date.now()}}[e.key];i&&i()!==!1&&e.preventDefault()}var Pi=[`urgent`,`high`,`normal`,`low`],Fi=[`text`,`number`,`boolean`,`choice`],Ii=[`Mon`,`Tue`,`Wed`,`Thu`,`Fri`,`Sat`,`Sun`],Li={timezone:`UTC`,days:[0,1,2,3,4],start:`09:00`,end:`17:00`};function Ri(e,{label:t,min:n=0,max:r=2**53-1,empty:i=!0}={}){let a=String(e??``).trim().replace(/[\s,_']/g,``);if(!a)return i?{value:null}:{error:`${t} is required.`};if(!/^\d+$/.test(a))return{error:`${t} must be a whole number.`};let o=Number(a);return o<n||o>r?{error:`${t} must be from ${n} to ${r.toLocaleString(`en`)}.`}:{value:o}}function zi(e){return e==null?``:String(e)}function Bi(e){if(e==null||!Number.isFinite(e))return``;if(e<60)return`${e} min`;if(e%1440==0)return`${e/1440} ${e===1440?`day`:`days`}`;let t=Math.floor(e/60),n=e%60;return n?`${t} h ${n} min`:`${t} h`}function Vi(e){if(e==null||!Number.isFinite(e))return``;if(e===0)return`never`;if(e<60)return`${e} s`;if(e<3600||e%60){let t=e%60;return t?`${Math.floor(e/60)} min ${t} s`:`${e/60} min`}return Bi(e/60)}function Hi(e,t,n=Object.keys(t)){let r={};for(let i of n)JSON.stringify(e?.[i]??null)!==JSON.stringify(t[i]??null)&&(r[i]=t[i]);return r}function Ui(e){let t={};for(let n of Pi){let r=e?.[n]||{};t[n]={first_response:zi(r.first_response_minutes),resolution:zi(r.resolution_minutes)}}return t}var Wi=525600;function Gi(e){let t={};for(let n of Pi){let r=e[n]||{},i=n[0].toUpperCase()+n.slice(1),a=Ri(r.first_response,{label:`${i}: first response`,min:1,max:Wi});if(a.error)return{error:a.error};let o=Ri(r.resolution,{label:`${i}: resolution`,min:1,max:Wi});if(o.error)return{error:o.error};t[n]={first_response_minutes:a.value,resolution_minutes:o.value}}return{value:t}}function Ki(e){return e?{always:!1,...e,days:[...e.days]}:{always:!0,...Li}}function qi(e){return e.always?{value:null}:e.days.length?e.start<e.end?{value:{timezone:e.timezone,days:[...new Set(e.days)].sort((e,t)=>e-t),start:e.start,end:e.end}}:{error:`Business hours must start before they end.`}:{error:`Pick at least one business day, or choose round the clock.`}}function Ji(e){let t=[];try{t=Intl.supportedValuesOf(`timeZone`)}catch{t=[]}let n=new Set([`UTC`,...t]);return e&&n.add(e),[...n]}function Yi(e){return String(e||``).normalize(`NFKD`).replace(/[\u0300-\u036f]/g,``).toLowerCase().replace(/[^a-z0-9]+/g,`_`).replace(/^[^a-z]+/,``).replace(/_+$/,``).slice(0,50).replace(/_+$/,``)}function Xi(e){return[...new Set(String(e||``).split(/[,\n]/).map(e=>e.trim()).filter(Boolean))]}function Zi(e){return(e||[]).map((e,t)=>({id:`f${t}`,key:e.key,label:e.label??``,type:e.type,choices:(e.choices||[]).join(`, `),saved:!0}))}function Qi(e){let t=new Set,n=[];for(let[r,i]of e.entries()){let e=`Field ${r+1}${i.label?` (${i.label})`:``}`,a=i.key.trim();if(!/^[a-z][a-z0-9_]{0,49}$/.test(a))return{error:`${e}: the key must start with a letter and use a-z, 0-9 and _ only.`};if(t.has(a))return{error:`${e}: the key ${a} is used twice.`};t.add(a);let o={key:a,type:i.type};if(i.label.trim()&&(o.label=i.label.trim()),i.type===`choice`){let t=Xi(i.choices);if(!t.length)return{error:`${e}: a choice field needs at least one choice.`};o.choices=t}n.push(o)}return{value:n}}function $i(e){return e.split(/[\s,]+/).filter(Boolean).map(e=>{try{let{origin:t}=new URL(/^[a-z]+:\/\//i.test(e)?e:`https://${e}`);return t===`null`?e:t}catch{return e}})}function ea(e){return Xi(e)}function ta(e,t){return e.length<8?`The password needs at least 8 characters.`:e===t?null:`The two passwords differ.`}function na(e){let t=String(e||``);if(!t)return`Unknown browser`;let n=[[/Edg(?:e|A|iOS)?\//,`Edge`],[/OPR\/|Opera/,`Opera`],[/Firefox\/|FxiOS\//,`Firefox`],[/Chrom(?:e|ium)\/|CriOS\//,`Chrome`],[/Safari\//,`Safari`],[/^curl\//,`curl`],[/python-httpx|python-requests|aiohttp/,`a script`]].find(([e])=>e.test(t))?.[1]||null,r=[[/Windows/,`Windows`],[/iPhone|iPad|iOS/,`iOS`],[/Mac OS X|Macintosh/,`macOS`],[/Android/,`Android`],[/CrOS/,`ChromeOS`],[/Linux/,`Linux`]].find(([e])=>e.test(t))?.[1]||null;return n?r?`${n} on ${r}`:n:t.length>60?`${t.slice(0,57)}…`:t}function ra(e){let[t,n,r]=[1,3,5].map(t=>{let n=Number.parseInt(e.slice(t,t+2),16)/255;return n<=.04045?n/12.92:((n+.055)/1.055)**2.4});return .2126*t+.7152*n+.0722*r}var ia=e=>/^#[0-9a-f]{6}$/i.test(String(e||``));function aa(e,t){let[n,r]=[ra(e),ra(t)].sort((e,t)=>t-e);return(n+.05)/(r+.05)}function oa(e){return ia(e)?aa(e,`#ffffff`)>=aa(e,`#111418`)?`#ffffff`:`#111418`:`#ffffff`}var sa=[{id:`email`,kind:`email`,provider:null,label:`E-mail address`,fields:[{key:`address`,label:`Address customers write to`,placeholder:`support@example.com`,type:`email`}]},{id:`sms-twilio`,kind:`sms`,provider:`twilio`,label:`SMS (Twilio)`,fields:[{key:`number`,label:`Phone number`,placeholder:`+14155550199`,help:`E.164: + and the country code.`},{key:`account_sid`,label:`Account SID`,placeholder:`AC…`},{key:`auth_token`,label:`Auth token`,secret:!0}]},{id:`whatsapp-twilio`,kind:`whatsapp`,provider:`twilio`,label:`WhatsApp (Twilio)`,fields:[{key:`number`,label:`WhatsApp number`,placeholder:`+14155550199`,help:`E.164: + and the country code.`},{key:`account_sid`,label:`Account SID`,placeholder:`AC…`},{key:`auth_token`,label:`Auth token`,secret:!0}]},{id:`whatsapp-meta`,kind:`whatsapp`,provider:`meta`,label:`WhatsApp (Meta Cloud API)`,fields:[{key:`phone_number_id`,label:`Phone number id`,placeholder:`1065…`},{key:`app_secret`,label:`App secret`,secret:!0},{key:`verify_token`,label:`Verify token`,secret:!0,help:`Any string you choose; give Meta the same.`},{key:`access_token`,label:`Access token`,secret:!0}]}],ca={twilio:[`auth_token`],meta:[`app_secret`,`verify_token`,`access_token`]};function la(e,t){let n=sa.find(t=>t.id===e);if(!n)throw Error(`no channel form ${e}`);let r={kind:n.kind};n.provider&&(r.provider=n.provider);for(let e of n.fields)r[e.key]=String(t[e.key]??``).trim();let i=String(t.api_base??``).trim();return n.provider&&i&&(r.api_base=i),r}function ua(e,t){return Object.fromEntries((ca[e]||[]).map(e=>[e,String(t[e]??``).trim()]))}var da={inbox:`M22 12h-6l-2 3h-4l-2-3H2 M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z`,ticket:`M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z M14 5v2 M14 11v2 M14 17v2`,web:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M2 12h20 M12 2a15 15 0 0 1 4 10 15 15 0 0 1-4 10 15 15 0 0 1-4-10 15 15 0 0 1 4-10z`,email:`M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M22 6l-10 7L2 6`,sms:`M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z`,whatsapp:`M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.18 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.1 9.9a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.9.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z`,api:`M16 18l6-6-6-6 M8 6l-6 6 6 6`,search:`M11 3a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M21 21l-4.35-4.35`,x:`M18 6 6 18 M6 6l12 12`,sparkle:`M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z M19 15l.9 2.1L22 18l-2.1.9L19 21l-.9-2.1L16 18l2.1-.9z`,bot:`M12 8V4 M8 4h8 M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z M9 13v2 M15 13v2`,lock:`M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M7 11V7a5 5 0 0 1 10 0v4`,send:`M22 2 11 13 M22 2l-7 20-4-9-9-4z`,help:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01`,logout:`M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9`,external:`M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6 M15 3h6v6 M10 14 21 3`,clock:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 6v6l4 2`,alert:`M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01`,user:`M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z`,users:`M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2 M9 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M23 21v-2a4 4 0 0 0-3-3.87 M16 3.13a4 4 0 0 1 0 7.75`,arrowDown:`M12 5v14 M19 12l-7 7-7-7`,check:`M20 6 9 17l-5-5`,eye:`M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z`,tag:`M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01`,panel:`M3 3h18v18H3z M15 3v18`,stop:`M6 6h12v12H6z`,book:`M4 19.5A2.5 2.5 0 0 1 6.5 17H20 M6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5v-15A2.5 2.5 0 0 1 6.5 2z`,logo:`M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4a2 2 0 0 1-2-2z M8 8h8 M8 12h5`,star:`M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.9L12 17.8l-6.2 3.3L7 14.2 2 9.3l6.9-1z`,pause:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M10 9v6 M14 9v6`,settings:`M3 6h4 M11 6h10 M3 12h10 M17 12h4 M3 18h6 M13 18h8 M9 4a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M15 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M11 16a2 2 0 1 1 0 4 2 2 0 0 1 0-4z`,key:`M7 11a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M10 12l9-9 M16 6l3 3 M14 8l2 2`,trash:`M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13 M10 11v6 M14 11v6`,plus:`M12 5v14 M5 12h14`,copy:`M9 9h11v11H9z M5 15H4V4h11v1`,refresh:`M20 12a8 8 0 1 1-2.34-5.66 M20 4v5h-5`,upload:`M12 16V4 M7 9l5-5 5 5 M4 16v4h16v-4`,plug:`M9 2v6 M15 2v6 M6 8h12v4a6 6 0 0 1-12 0z M12 18v4`,shield:`M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z`,device:`M3 4h18v12H3z M8 20h8 M12 16v4`,edit:`M4 20h4L19 9l-4-4L4 16z M13 7l4 4`};function X({name:e,size:t=16,label:n,class:r=``}){let i=da[e]||da.help;return k`<svg class=${`icon ${r}`} width=${t} height=${t} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${n?void 0:`true`}
    role=${n?`img`:void 0} aria-label=${n}><path d=${i} /></svg>`}var fa={web:`Web chat`,email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`,api:`API`};function pa({channel:e}){return k`<span class="channel" title=${fa[e]||e}>
    <${X} name=${da[e]?e:`web`} size=${13} label=${fa[e]||e} />
  </span>`}var ma={open:`Open`,pending:`Pending`,waiting_human:`Waiting for human`,resolved:`Resolved`,closed:`Closed`,new:`New`,solved:`Solved`};function ha({status:e,short:t=!1}){let n=t&&e===`waiting_human`?`Needs human`:ma[e]||e;return k`<span class=${`chip status-${e}`}>${n}</span>`}var ga=[`low`,`normal`,`high`,`urgent`];function _a({priority:e}){return e!==`high`&&e!==`urgent`?null:k`<span class=${`chip priority-${e}`}>${e===`urgent`?`Urgent`:`High`}</span>`}function Z(e,t){return e?.name?e.name:e?.email?e.email:`Visitor · ${xe(e?.id||t)}`}function va(e){let t=String(e||`?`).replace(/[^\p{L}\p{N} ]/gu,` `).trim().split(/\s+/);return((t.length>1?t[0][0]+t[t.length-1][0]:(t[0]||`?`).slice(0,2))||`?`).toUpperCase()}var ya=[`#5b4a8a`,`#2f6f5e`,`#7a4a3a`,`#3d5a80`,`#6b4f2a`,`#4f5d75`,`#70406b`,`#2e6a7a`];function ba(e){let t=0;for(let n of String(e))t=t*31+n.charCodeAt(0)>>>0;return ya[t%ya.length]}function Q({name:e,kind:t=`visitor`,id:n,size:r=32}){let i=`width:${r}px;height:${r}px;font-size:${Math.round(r*.38)}px`;return t===`ai`?k`<span class="avatar avatar-ai" style=${i}><${X} name="sparkle" size=${Math.round(r*.55)} /></span>`:t===`bot`?k`<span class="avatar avatar-bot" style=${i}><${X} name="bot" size=${Math.round(r*.55)} /></span>`:t===`system`?k`<span class="avatar avatar-bot" style=${i}><${X} name="alert" size=${Math.round(r*.5)} /></span>`:k`<span class="avatar" style=${`${i};background:${ba(n||e)}`} aria-hidden="true">${va(e)}</span>`}function xa(e=3e4){let[t,n]=F(Date.now());return I(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function Sa(e,t,n){return t?n&&t===n.id?`${n.name} (you)`:e[t]||`Agent ${xe(t)}`:`Unassigned`}var Ca=`● `;function wa(e,t){let n=e.session.user,r=new Set((e.presence.agents||[]).map(e=>e.id)),i=new Set([n.id]),a=[{value:``,label:`Unassigned`},{value:n.id,label:`${n.name} (you)`}],o=(t,o)=>{if(!t||i.has(t))return;i.add(t);let s=o||Sa(e.names,t,n);a.push({value:t,label:r.has(t)?`${Ca}${s}`:s})},s=e.staff?.state===`ok`&&e.staff.users||[];for(let e of s)o(e.id,e.name||e.email);for(let t of e.presence.agents||[])o(t.id,t.name||e.names[t.id]);return t&&o(t,null),a}function $({label:e=`Loading`}){return k`<span class="spinner" role="status" aria-label=${e}></span>`}function Ta(e){class t extends S{shouldComponentUpdate(e){for(let t in e)if(e[t]!==this.props[t])return!0;for(let t in this.props)if(!(t in e))return!0;return!1}render(t){return y(e,t)}}return t.displayName=`Memo(${e.name})`,t}function Ea(){return k`<div class="brand brand-large"><span class="brand-mark"><${X} name="logo" size=${22} /></span> FlowSupport</div>`}function Da(e,t=e=>e.message){let[n,r]=F(!1),[i,a]=F(null);async function o(i){if(i.preventDefault(),!n){r(!0),a(null);try{await e()}catch(e){a(t(e)),r(!1)}}}return{busy:n,error:i,setError:a,submit:o}}function Oa({busy:e,error:t,testid:n,label:r,busyLabel:i}){return k`${t&&k`<p class="form-error" role="alert">${t}</p>`}
    <button data-testid=${n} class="btn btn-primary btn-block" type="submit" disabled=${e}>
      ${e?i:r}
    </button>`}var ka=()=>new URLSearchParams(location.search).get(`token`)||``;function Aa({title:e,children:t,testid:n}){return k`<main class="signin"><div class="signin-card" data-testid=${n}>
    <${Ea} />
    <h1>${e}</h1>
    ${t}
  </div></main>`}function ja({form:e,set:t}){return k`<div class="field">
      <label for="account-password">Password</label>
      <input id="account-password" data-testid="account-password" type="password" required autocomplete="new-password"
        value=${e.password} onInput=${t(`password`)} aria-describedby="account-password-help" />
      <small id="account-password-help" class="muted">At least ${8} characters.</small>
    </div>
    <label class="field">
      <span>Password again</span>
      <input data-testid="account-password-again" type="password" required autocomplete="new-password"
        value=${e.again} onInput=${t(`again`)} />
    </label>`}function Ma(){let e=ka(),[t,n]=F(null),[r,i]=F(e?null:`This link has no invitation in it. Open the link from the e-mail as it is.`),[a,o]=F({name:``,password:``,again:``}),s=e=>t=>o(n=>({...n,[e]:t.currentTarget.value})),{busy:c,error:l,submit:u}=Da(async()=>{let t=ta(a.password,a.again);if(t)throw Error(t);let n=await M(`/v1/invitations/accept`,{method:`POST`,body:{token:e,name:a.name.trim(),password:a.password},auth:!1});history.replaceState(null,``,`/inbox#/`),xi(n)});return I(()=>{e&&M(`/v1/invitations/accept`,{query:{token:e},auth:!1}).then(n,e=>i(e.message))},[]),r?k`<${Aa} title="This invitation cannot be used" testid="invite-invalid">
      <p class="form-error" role="alert">${r}</p>
      <p class="muted">Invitations work once, for a limited time. Ask an admin of your workspace to send you a new one.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${Aa}>`:t?k`<main class="signin">
    <form class="signin-card" onSubmit=${u} aria-labelledby="invite-title" data-testid="invite-form">
      <${Ea} />
      <h1 id="invite-title">Join ${t.tenant_name}</h1>
      <p class="muted">You were invited as <strong data-testid="invite-email">${t.email}</strong>. Choose the name your teammates see and a password.</p>
      <label class="field">
        <span>Your name</span>
        <input data-testid="account-name" required autofocus maxlength="200" autocomplete="name" value=${a.name} onInput=${s(`name`)} />
      </label>
      <${ja} form=${a} set=${s} />
      <${Oa} busy=${c} error=${l} testid="invite-accept" label="Join and sign in" busyLabel="Joining…" />
    </form>
  </main>`:k`<main class="signin"><${$} label="Checking the invitation" /></main>`}function Na(){let e=ka(),[t,n]=F({password:``,again:``}),[r,i]=F(!1),a=e=>t=>n(n=>({...n,[e]:t.currentTarget.value})),{busy:o,error:s,submit:c}=Da(async()=>{let n=ta(t.password,t.again);if(n)throw Error(n);await M(`/v1/auth/password-reset/confirm`,{method:`POST`,body:{token:e,password:t.password},auth:!1}),i(!0)});return e?r?k`<${Aa} title="Your password is changed" testid="reset-done">
      <p class="muted">Sign in with your new password.</p>
      <a class="btn btn-primary btn-block" href="/inbox" data-testid="reset-signin">Sign in</a>
    </${Aa}>`:k`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="reset-title" data-testid="reset-form">
      <${Ea} />
      <h1 id="reset-title">Choose a new password</h1>
      <p class="muted">The link works once, for a short time.</p>
      <${ja} form=${t} set=${a} />
      <${Oa} busy=${o} error=${s} testid="reset-submit" label="Change password" busyLabel="Changing…" />
    </form>
  </main>`:k`<${Aa} title="This link is incomplete" testid="reset-invalid">
      <p class="muted">Open the link from the e-mail as it is, or ask for a new one from the sign-in page.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${Aa}>`}function Pa({email:e,onBack:t}){let[n,r]=F(e),[i,a]=F(!1),{busy:o,error:s,submit:c}=Da(async()=>{await M(`/v1/auth/password-reset`,{method:`POST`,body:{email:n.trim()},auth:!1}),a(!0)});return i?k`<main class="signin"><div class="signin-card" data-testid="forgot-sent" role="status">
      <${Ea} />
      <h1>Check your e-mail</h1>
      <p class="muted">If an account uses <strong>${n.trim()}</strong>, a link to choose a new password is on its way. It works once, for 30 minutes.</p>
      <button class="btn btn-block" onClick=${t} data-testid="forgot-back">Back to sign-in</button>
    </div></main>`:k`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="forgot-title" data-testid="forgot-form">
      <${Ea} />
      <h1 id="forgot-title">Forgot your password?</h1>
      <p class="muted">We send a link to choose a new one to the address you sign in with.</p>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="forgot-email" type="email" autocomplete="username" required autofocus value=${n}
          onInput=${e=>r(e.currentTarget.value)} placeholder="you@company.com" />
      </label>
      <${Oa} busy=${o} error=${s} testid="forgot-submit" label="Send the link" busyLabel="Sending…" />
      <button type="button" class="link-btn" onClick=${t} data-testid="forgot-back">Back to sign-in</button>
    </form>
  </main>`}var Fa=new Set([`admin`,`super_admin`]),Ia=e=>`flowsupport.inbox.checklist.${e}`;function La(e,t){return`<script src="${e}/widget.js" data-widget-key="${t}" async><\/script>`}function Ra(e){return/^[A-Za-z0-9_.@:/+-]+$/.test(e)?e:`'${e.replaceAll(`'`,`'\\''`)}'`}function za(e){return Fa.has(e?.role)}function Ba(e){return localStorage.getItem(Ia(e))===`dismissed`}function Va({onDismiss:e}){let t=R(z,e=>e.session.user),n=R(z,e=>e.staff.state===`ok`?e.staff.users.length:0),r=R(z,e=>Object.values(e.convs).some(e=>e.channel===`web`)),[i,a]=F(null),[o,s]=F(null),[c,l]=F(null);I(()=>{M(`/v1/settings`).then(a,e=>l(e.message)),M(`/v1/kb/articles`,{query:{limit:1}}).then(e=>s(e.articles.length),()=>s(0))},[]);function u(){localStorage.setItem(Ia(t.tenant_id),`dismissed`),e()}if(c)return k`<p class="form-error" role="alert">${c}</p>`;if(!i)return null;let d=Ra(i.name),f=i.widget_snippet||La(location.origin,i.widget_key),p=[{id:`widget`,done:r,title:`Put the chat widget on your website`,text:k`Paste this before <code>${`</body>`}</code> on ${i.allowed_origins.join(`, `)||`your site`}. Visitors' chats then land in Conversations.`,code:f},{id:`kb`,done:o>0,title:`Import your help center`,text:`The AI answers visitors from these articles, with links to them, and hands over what they do not cover. Upload Markdown or HTML files (or a .zip) in the settings, or ingest a folder:`,code:`python -m kb_ingest ./help-center --tenant ${d} --base-url https://help.example.com`,page:[`kb`,`Upload articles`]},{id:`team`,done:n>1,title:`Invite a teammate`,text:`Give each agent their own account: invite them by e-mail, and they choose their password from the link.`,page:[`team`,`Invite from Settings`]}],m=p.filter(e=>!e.done).length;return k`<section class="checklist" data-testid="checklist" aria-labelledby="checklist-title">
    <div class="checklist-head">
      <h2 id="checklist-title">Get ${i.name} ready</h2>
      <span class="muted small">${m?`${m} of ${p.length} left`:`All done`}</span>
      <button class="icon-btn" onClick=${u} aria-label="Hide the checklist" title="Hide"><${X} name="x" /></button>
    </div>
    <ol class="checklist-steps">
      ${p.map(e=>k`<li key=${e.id} class=${e.done?`done`:``} data-testid=${`checklist-${e.id}`}>
        <span class="check-mark" aria-label=${e.done?`done`:`to do`}>${e.done?k`<${X} name="check" size=${14} />`:``}</span>
        <div>
          <h3>${e.title}</h3>
          <p class="muted">${e.text}</p>
          ${e.code&&k`<${Ha} text=${e.code} testid=${`checklist-${e.id}-code`} />`}
          ${e.page&&k`<a class="btn btn-sm checklist-go" href=${bt(e.page[0])} data-testid=${`checklist-${e.id}-go`}
              onClick=${t=>{t.preventDefault(),Y({view:`settings`,page:e.page[0]})}}>${e.page[1]}</a>`}
        </div>
      </li>`)}
    </ol>
  </section>`}function Ha({text:e,testid:t}){let[n,r]=F(!1);async function i(){try{await navigator.clipboard.writeText(e),r(!0),setTimeout(()=>r(!1),2e3)}catch{r(!1)}}return k`<div class="copybox">
    <code data-testid=${t}>${e}</code>
    <button class="btn btn-sm" type="button" onClick=${i}>${n?`Copied`:`Copy`}</button>
  </div>`}var Ua={agent:`Agent: `,ai:`AI: `,bot:`Bot: `,system:``};function Wa(){let e=R(z,e=>e.filters),t=R(z,e=>e.list),n=R(z,qa),r=R(z,e=>e.route.conversationId),i=R(z,e=>e.cursor),a=xa(3e4);return k`<section class="pane list-pane" aria-label="Conversations">
    <div class="pane-head">
      <div class="pane-title">
        <h2>Inbox</h2>
        <span class="muted small">${t.loading?k`<${$} />`:`${n.length}${t.nextCursor?`+`:``}`}</span>
      </div>
      <label class="search">
        <${X} name="search" size=${14} />
        <input data-testid="conv-search" type="search" placeholder="Search conversations" aria-label="Search conversations"
          value=${e.q} onInput=${e=>Bn({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="filter-status" aria-label="Status" value=${e.status} onChange=${e=>Bn({status:e.currentTarget.value})}>
          ${Ct.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
        </select>
        <select data-testid="filter-channel" aria-label="Channel" value=${e.channel} onChange=${e=>Bn({channel:e.currentTarget.value})}>
          <option value="">All channels</option>
          ${Object.entries(fa).map(([e,t])=>k`<option value=${e}>${t}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>Bn({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>Bn({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="conv-list" class="list" aria-label="Conversation list">
      ${n.map(e=>k`<${Ja} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&k`<li class="empty">
        ${t.error?k`<p>Could not load conversations.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${Ln}>Try again</button>`:k`<p>No conversations here.</p><p class="muted small">${e.q?`Nothing matches your search.`:`New chats appear here as they arrive.`}</p>`}
      </li>`}
      ${t.nextCursor&&k`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${Rn} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var Ga=null,Ka=[];function qa(e){if(e===Ga)return Ka;let t=In(e);return Ga=e,(t.length!==Ka.length||t.some((e,t)=>e!==Ka[t]))&&(Ka=t),Ka}var Ja=Ta(function({id:e,active:t,highlighted:n,now:r}){let i=R(z,t=>t.convs[e]),a=R(z,t=>t.unread[e]||0),o=R(z,t=>!!t.streams[e]),s=R(z,t=>Object.keys(t.typing[e]||{}).length>0),c=R(z,e=>i?.assignee_id?Sa(e.names,i.assignee_id,e.session.user):null),l=L(null);if(I(()=>{(n||t)&&l.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let u=Z(i.contact,i.contact_id),d=i.preview,f;return f=o?k`<span class="accent-text">AI is answering…</span>`:s?k`<span class="accent-text">typing…</span>`:d?`${Ua[d.sender_kind]||``}${d.body}`:k`<span class="faint">${i.subject||`No messages yet`}</span>`,k`<li>
    <button ref=${l} data-testid="conv-item" data-conversation-id=${e} data-status=${i.status}
      class=${`row ${t?`active`:``} ${n?`highlighted`:``} ${a?`unread`:``}`}
      aria-current=${t?`true`:void 0}
      onClick=${()=>Y({view:`conversations`,conversationId:e})}>
      <${Q} name=${u} id=${i.contact_id} size=${34} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">${u}</span>
          <time class="row-time" datetime=${i.updated_at}>${Te(Math.max(Date.parse(i.updated_at)||0,i.activity||0),r)}</time>
        </span>
        <span class="row-preview">${f}</span>
        <span class="row-meta">
          <${ha} status=${i.status} short />
          <${pa} channel=${i.channel} />
          <${_a} priority=${i.priority} />
          ${i.ticket_id&&k`<span class="mini" title="Has a ticket"><${X} name="ticket" size=${12} /></span>`}
          ${c&&k`<span class="mini assignee" title=${`Assigned to ${c}`}><${X} name="user" size=${11} />${c.replace(` (you)`,``)}</span>`}
          ${a>0&&k`<span data-testid="conv-unread" class="badge" aria-label=${`${a} unread`}>${a>99?`99+`:a}</span>`}
        </span>
      </span>
    </button>
  </li>`});function Ya({id:e}){let t=R(z,e=>e.composerMode),n=R(z,t=>t.drafts[e]||``),r=L(null),i=t===`note`;Xe(()=>{let e=r.current;e&&(e.style.height=`auto`,e.style.height=`${Math.min(e.scrollHeight,220)}px`)},[n,t]);function a(t){Gr(e,t.currentTarget.value),!i&&t.currentTarget.value.trim()&&Rr(e)}function o(t){t.key===`Enter`&&!t.shiftKey&&!t.isComposing&&!t.altKey?(t.preventDefault(),qr(e)):t.key===`Escape`&&t.currentTarget.blur()}function s(t){t===`note`&&zr(e),Kr(t),r.current?.focus()}return k`<div class=${`composer ${i?`composer-note`:``}`}>
    <div class="composer-modes" role="group" aria-label="Message type">
      <button data-testid="composer-mode-reply" class=${`mode ${i?``:`on`}`} aria-pressed=${!i} onClick=${()=>s(`reply`)} title="Reply (r)">
        Reply
      </button>
      <button data-testid="composer-mode-note" class=${`mode mode-note ${i?`on`:``}`} aria-pressed=${i} onClick=${()=>s(`note`)} title="Internal note (n)">
        <${X} name="lock" size=${12} /> Internal note
      </button>
      ${i&&k`<span class="note-hint">Only your team sees notes</span>`}
    </div>
    <div class="composer-box">
      <textarea ref=${r} data-testid="composer" rows="1" value=${n} onInput=${a} onKeyDown=${o}
        onBlur=${()=>zr(e)}
        aria-label=${i?`Internal note`:`Reply to the customer`}
        placeholder=${i?`Write an internal note — only your team can see it`:`Write a reply…`}></textarea>
      <div class="composer-foot">
        <span class="muted small"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="composer-send" class=${`btn ${i?`btn-note`:`btn-primary`}`} disabled=${!n.trim()} onClick=${()=>{qr(e),r.current?.focus()}}>
          <${X} name="send" size=${14} /> ${i?`Add note`:`Send`}
        </button>
      </div>
    </div>
  </div>`}var Xa=`noopener noreferrer nofollow`;function Za(e){if(typeof e!=`string`||!/^\s*https?:\/\//i.test(e))return null;try{let t=new URL(e);return t.protocol===`https:`||t.protocol===`http:`?t.href:null}catch{return null}}function Qa(e){return{href:e,target:`_blank`,rel:Xa}}var $a=6,eo=/^ {0,3}(`{3,}|~{3,})/,to=/^ {0,3}#{1,6}(?:\s+(.*?))?\s*$/,no=/^ {0,3}([-*_])(?:[ \t]*\1){2,}\s*$/,ro=/^( {0,3})([-*+]|(\d{1,9})[.)])(\s+|$)/,io=e=>e.search(/\S|$/),ao=(e,t)=>eo.test(e)||to.test(e)||no.test(e)||t<$a&&ro.test(e);function oo(e){return so(String(e??``).replace(/\r\n?/g,`
`).split(`
`).map(e=>e.replace(/^[ \t]+/,e=>e.replace(/\t/g,`    `))),0,!0)}function so(e,t,n=!1){let r=[],i=0;for(;i<e.length;){let a=e[i],o=i,s,c=eo.exec(a),l=to.exec(a);if(!a.trim())i++;else{if(c){let t=c[1],n=io(a),r=[];for(i++;i<e.length&&!co(e[i],t);i++)r.push(e[i].slice(Math.min(n,io(e[i]))));i++,s={type:`code`,text:r.join(`
`)}}else if(no.test(a))i++,s={type:`hr`};else if(l)i++,s={type:`h`,text:l[1]||``};else if(t<$a&&ro.test(a)){let[n,r]=lo(e,i,t);s=n,i=r}else{let n=[a.trim()];for(i++;i<e.length&&e[i].trim()&&!ao(e[i],t);i++)n.push(e[i].trim());s={type:`p`,text:n.join(`
`)}}n&&(s.src=e.slice(o,i).join(`
`)),r.push(s)}}return r}function co(e,t){let n=e.trim();return io(e)<4&&n.length>=t.length&&n===t[0].repeat(n.length)}function lo(e,t,n){let r=ro.exec(e[t]),i=r[3]!==void 0,a=[];for(;;){let r=ro.exec(e[t]);if(!r||r[3]!==void 0!==i||no.test(e[t]))break;let o=r[1].length+r[2].length,s=r[4].length,c=o+(s>=1&&s<=4&&e[t].trim().length>r[2].length?s:1),l=[e[t].slice(c)];for(t++;t<e.length;t++){let r=e[t];if(!r.trim()){let n=t;for(;n<e.length&&!e[n].trim();)n++;if(n<e.length&&io(e[n])>=c){l.push(...Array(n-t).fill(``)),t=n-1;continue}break}if(io(r)>=c)l.push(r.slice(c));else if(l[l.length-1].trim()&&!ao(r,n))l.push(r);else break}a.push(so(l,n+1));let u=t;for(;u<e.length&&!e[u].trim();)u++;if(u>=e.length||!ro.test(e[u]))break;t=u}return[{type:i?`ol`:`ul`,start:i?Number(r[3]):1,items:a},t]}function uo(e,t){switch(e.type){case`code`:return t(`pre`,null,t(`code`,null,e.text));case`hr`:return t(`hr`,null);case`h`:return t(`p`,null,t(`strong`,null,...ho(e.text,t)));case`p`:return t(`p`,null,...ho(e.text,t));default:return t(e.type,e.start===1?null:{start:e.start},...e.items.map(e=>t(`li`,null,...e.length===1&&e[0].type===`p`?ho(e[0].text,t):e.map(e=>uo(e,t)))))}}function fo(e,t){return oo(e).map(e=>uo(e,t))}var po=`\\bhttps?:\\/\\/[^\\s<>"'\`]*[^\\s<>"'\`.,;:!?)\\]}*_~]`,mo=new RegExp(["\\\\([!-/:-@[-`{-~])","(?<!`)(`+)([^`]|[^`][\\s\\S]*?[^`])\\2(?!`)",`\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*`,`(?<!\\w)__(?=\\S)([\\s\\S]*?\\S)__(?!\\w)`,`\\*(?=[^\\s*])([\\s\\S]*?[^\\s*])\\*(?!\\*)`,`(?<!\\w)_(?=[^\\s_])([\\s\\S]*?[^\\s_])_(?!\\w)`,`\\[([^[\\]\\n]*)\\]\\(\\s*([^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+"[^"\\n]*")?\\s*\\)`,po].join(`|`),`gi`);function ho(e,t,n=0,r=!1){let i=[],a=e=>e.split(`
`).forEach((e,n)=>{n&&i.push(t(`br`,null)),e&&i.push(e)});if(n>8)return a(e),i;let o=(e,i=r)=>ho(e,t,n+1,i),s=0;for(let n of e.matchAll(mo)){let[c,l,,u,d,f,p,m,h,g]=n;if(a(e.slice(s,n.index)),s=n.index+c.length,l)i.push(l);else if(u){let e=u.replace(/\n/g,` `);i.push(t(`code`,null,/^ .*[^ ].* $/.test(e)?e.slice(1,-1):e))}else if(d||f)i.push(t(`strong`,null,...o(d||f)));else if(p||m)i.push(t(`em`,null,...o(p||m)));else{let e=h!==void 0,n=r?null:Za(e?g:c),s=e?h||g:c;n?i.push(t(`a`,Qa(n),...e?o(s,!0):[s])):e?i.push(...o(s)):a(c)}}return a(e.slice(s)),i}function go(e,t){let n=String(e??``),r=[],i=0;for(let e of n.matchAll(new RegExp(po,`gi`))){let a=Za(e[0]);a&&(r.push(n.slice(i,e.index),t(`a`,Qa(a),e[0])),i=e.index+e[0].length)}return r.push(n.slice(i)),r}function _o({id:e,conv:t,comments:n,top:r,cls:i}){let a=R(z,t=>t.threads[e]),o=R(z,t=>t.streams[e]),s=R(z,t=>t.visitorRead[e]||0),c=L(null),l=L(!0),[u,d]=F(!1),f=Ze(()=>Qt($t(a?a.messages:[],n),e=>De(e)),[a?.messages,n]);I(()=>()=>Fr(e,null),[e]);let p=Z(t?.contact,t?.contact_id),m=a?a.messages:[],h=`${m.length?m[m.length-1].seq:0}:${a?a.pending.length:0}:${o?o.text.length:-1}:${n?n.length:0}`,g=m.length?m[0].seq:0,_=L({tail:null,head:null,height:0});Xe(()=>{let e=c.current;if(!e)return;let t=_.current;t.head!==null&&g!==t.head&&!l.current?e.scrollTop+=e.scrollHeight-t.height:h!==t.tail&&(l.current?e.scrollTop=e.scrollHeight:d(!0)),_.current={tail:h,head:g,height:e.scrollHeight}});function v(){let t=c.current;l.current=t.scrollHeight-t.scrollTop-t.clientHeight<60,l.current&&d(!1),Fr(e,l.current)}function ee(){let t=c.current;t.scrollTop=t.scrollHeight,l.current=!0,d(!1),Fr(e,!0)}let y=a?[...a.messages].reverse().find(e=>e.sender?.kind===`agent`&&!e.private)?.seq:null;return k`<div class=${i?`transcript ${i}`:`transcript`} ref=${c} onScroll=${v} role="log" aria-live="polite" aria-label="Conversation transcript">
    <div class="transcript-inner">
      ${r}
      ${a?.truncated&&k`<div class="older">
        <button class="btn btn-ghost btn-sm" onClick=${()=>Zn(e)} disabled=${a.loadingOlder}>
          ${a.loadingOlder?`Loading…`:`Load earlier messages`}
        </button>
      </div>`}
      ${a?.ready?null:k`<div class="transcript-loading"><${$} /> Loading conversation…</div>`}
      ${a?.ready&&!f.length&&!a.pending.length&&!o&&k`<div class="transcript-empty muted">No messages yet.</div>`}
      ${f.map(e=>e.kind===`day`?k`<div key=${e.key} class="day"><span>${e.label}</span></div>`:e.kind===`system`?k`<${wo} key=${e.key} message=${e.message} />`:k`<${yo} key=${e.key} group=${e} messages=${e.messages} visitor=${p} contactId=${t?.contact_id}
          seenSeq=${e.messages.some(e=>e.seq===y)&&s>=y?y:0} />`)}
      ${a?.pending.map(t=>k`<${To} key=${t.client_msg_id} item=${t} id=${e} />`)}
      ${o&&k`<${Eo} stream=${o} />`}
    </div>
    ${u&&k`<button class="jump" onClick=${ee}><${X} name="arrowDown" size=${14} /> New messages</button>`}
  </div>`}function vo(e,t,n,r,i){switch(e.kind){case`visitor`:return e.name||t;case`ai`:return`AI Assistant`;case`bot`:return e.name||`Bot`;case`agent`:return e.id===r.id?`${e.name||r.name}`:i||e.name||n[e.id]||`Agent`;default:return e.name||`System`}}var yo=Ta(function({group:e,messages:t,visitor:n,contactId:r,seenSeq:i}){let a=R(z,e=>e.names),o=R(z,e=>e.session.user),s=e.sender,c=vo(s,n,a,o,R(z,e=>s.kind===`agent`?nr(e,s.id):null)),l=t[0],u=s.kind===`agent`&&s.id===o.id;return k`<div class=${`group kind-${s.kind} ${e.private?`note`:``} ${u?`mine`:``}`}>
    <${Q} name=${c} kind=${s.kind} id=${s.kind===`visitor`?r:s.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${c}</span>
        ${s.kind===`ai`&&k`<span class="badge-kind badge-ai">AI</span>`}
        ${s.kind===`bot`&&k`<span class="badge-kind">Bot</span>`}
        ${u&&k`<span class="badge-kind">You</span>`}
        ${e.private&&k`<span class="badge-note"><${X} name="lock" size=${11} /> ${e.comment?`Internal comment`:`Internal note`}</span>`}
        ${e.comment&&!e.private&&k`<span class="badge-kind">Ticket reply</span>`}
        <time datetime=${l.created_at} title=${j(l.created_at)}>${Ee(l.created_at)}</time>
      </div>
      ${t.map(e=>k`<${bo} key=${e.id} message=${e} />`)}
      ${i?k`<div class="seen"><${X} name="check" size=${12} /> Seen</div>`:null}
    </div>
  </div>`});function bo({message:e}){let t=Array.isArray(e.citations)?e.citations:[],n=e.sender?.kind===`ai`,r=Ze(()=>n?fo(e.body,y):go(e.body,y),[n,e.body]);return k`<div data-testid="msg" class="msg" data-seq=${e.seq} data-sender=${e.sender?.kind||`system`} data-private=${e.private?`true`:`false`}
    data-comment=${e.comment?`true`:void 0}>
    <div data-testid="msg-body" class=${n?`msg-body md`:`msg-body`}>${r}</div>
    ${t.length>0&&k`<div class="citations">
      <span class="citations-label">Sources</span>
      ${t.map((e,t)=>{let n=Za(e.url),r=e.title||e.article_id||`Source ${t+1}`;return n?k`<a data-testid="citation" class="citation" ...${Qa(n)}><${X} name="book" size=${11} />${r}<${X} name="external" size=${10} /></a>`:k`<span data-testid="citation" class="citation"><${X} name="book" size=${11} />${r}</span>`})}
    </div>`}
    ${e.status&&k`<${So} status=${e.status} />`}
  </div>`}var xo={queued:[`clock`,`Sending…`],sent:[`check`,`Sent`],delivered:[`check`,`Delivered`],read:[`check`,`Read`],failed:[`alert`,`Not delivered`]};function So({status:e}){let[t,n]=xo[e]||[`check`,e];return k`<div data-testid="msg-status" data-status=${e} class=${`delivery delivery-${e}`}>
    <${X} name=${t} size=${11} /> ${n}
  </div>`}var Co={escalated:[`users`,`Handed over to a person`],agent_joined:[`user`,`An agent joined`],resolved:[`check`,`Resolved`],reopened:[`inbox`,`Reopened`],csat_requested:[`star`,`Rating requested`]};function wo({message:e}){let t=Object.hasOwn(Co,e.event||``)?e.event:null,n=String(e.body||``).trim()||(t?Co[t][1]:``);return k`<div data-testid="msg" class=${t?`system event event-${t}`:`system`} data-seq=${e.seq} data-sender="system"
    data-event=${t||void 0} data-private=${e.private?`true`:`false`}>
    ${t&&k`<${X} name=${Co[t][0]} size=${13} />`}
    <span data-testid="msg-body" class="msg-body">${n}</span>
    <time datetime=${e.created_at}>${Ee(e.created_at)}</time>
  </div>`}function To({item:e,id:t}){let n=R(z,e=>e.session.user);return k`<div class=${`group kind-agent mine pending ${e.private?`note`:``}`}>
    <${Q} name=${n.name} kind="agent" id=${n.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n.name}</span>
        ${e.private&&k`<span class="badge-note"><${X} name="lock" size=${11} /> Internal note</span>`}
        <span class="muted small">${e.state===`queued`?`Waiting for connection…`:`Sending…`}</span>
        ${e.state===`queued`&&k`<button class="link-btn" onClick=${()=>Vr(t,e)}>Retry now</button>`}
      </div>
      <div class="msg msg-pending"><div class="msg-body">${e.body}</div></div>
    </div>
  </div>`}function Eo({stream:e}){return k`<div data-testid="ai-stream" class="group kind-ai streaming" aria-live="off">
    <${Q} kind="ai" size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">AI Assistant</span><span class="badge-kind badge-ai">AI</span>
        <span class="answering">AI is answering<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
      </div>
      <div class="msg"><div data-testid="msg-body" class="msg-body md">${Ze(()=>fo(e.text,y),[e.text])}${!e.text&&k`<span class="caret" aria-hidden="true"></span>`}</div></div>
    </div>
  </div>`}function Do({id:e}){return R(z,t=>!!t.streams[e])?k`<div class="takeover" role="status">
    <span class="takeover-text"><${X} name="sparkle" size=${15} /> AI is answering this customer<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
    <button data-testid="ai-stop" class="btn btn-stop" onClick=${()=>$r(e)} title="Stop AI (s)">
      <${X} name="stop" size=${12} /> Stop AI and take over
    </button>
  </div>`:null}var Oo=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function ko({id:e}){let t=R(z,t=>t.convs[e]),n=R(z,t=>t.threads[e]);return t?k`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e} aria-label="Conversation">
    <${Ao} conv=${t} />
    <${_o} key=${e} id=${e} conv=${t} />
    <${Mo} id=${e} conv=${t} />
    <${Do} id=${e} />
    <${Ya} id=${e} />
  </section>`:k`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e}>
      <div class="placeholder">${n?.error?k`<p>${n.error}</p>`:k`<p class="muted">Loading conversation…</p>`}</div>
    </section>`}function Ao({conv:e}){let t=Z(e.contact,e.contact_id),n=R(z,e=>e.session),r=wa({session:n,presence:R(z,e=>e.presence),names:R(z,e=>e.names),staff:R(z,e=>e.staff)},e.assignee_id),i=n.user.id,a=R(z,t=>t.viewers[e.id]),o=R(z,t=>e.ticket_id?t.tickets[e.ticket_id]:null),s=Object.entries(a||{});return k`<header class="conv-head">
    <div class="conv-title">
      <${Q} name=${t} id=${e.contact_id} size=${36} />
      <div class="conv-title-text">
        <h2>${t}</h2>
        <span class="muted small">
          <${pa} channel=${e.channel} /> ${fa[e.channel]||e.channel}
          ${e.contact?.email&&e.contact.name?k` · ${e.contact.email}`:``}
          ${e.subject?k` · ${e.subject}`:``}
        </span>
      </div>
      <div class="conv-title-side">
        ${s.length>0&&k`<span class="viewers" title=${`${s.map(([,e])=>e.name).join(`, `)} also here`}>
          ${s.slice(0,3).map(([e,t])=>k`<${Q} key=${e} name=${t.name} id=${e} kind="agent" size=${22} />`)}
          <span class="small"><${X} name="eye" size=${12} /> ${s.length===1?`${s[0][1].name||`An agent`} is viewing`:`${s.length} agents viewing`}</span>
        </span>`}
        ${e.ticket_id&&k`<button data-testid="conv-ticket-link" class="chip chip-link" onClick=${()=>Y({view:`tickets`,ticketId:e.ticket_id})}>
          <${X} name="ticket" size=${12} /> ${o?`Ticket #${o.number}`:`Ticket`}
        </button>`}
      </div>
    </div>
    <div class="controls">
      <label class="control">
        <span>Status</span>
        <select data-testid="conv-status" class=${`sel status-${e.status}`} value=${e.status} onChange=${t=>Jr(e.id,{status:t.currentTarget.value})}>
          ${Oo.map(e=>k`<option value=${e}>${ma[e]}</option>`)}
        </select>
      </label>
      <label class="control">
        <span>Assignee</span>
        <select data-testid="conv-assignee" class="sel" value=${e.assignee_id||``} onChange=${t=>Jr(e.id,{assignee_id:t.currentTarget.value||null})}>
          ${r.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
        </select>
      </label>
      <button data-testid="conv-assign-me" class="btn btn-sm" onClick=${()=>Yr(e.id)} title="Assign to me (a)">
        <${X} name="user" size=${13} /> ${e.assignee_id===i?`Assigned to you`:`Assign to me`}
      </button>
      <label class="control">
        <span>Priority</span>
        <select data-testid="conv-priority" class=${`sel priority-${e.priority}`} value=${e.priority} onChange=${t=>Jr(e.id,{priority:t.currentTarget.value})}>
          ${ga.map(e=>k`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </label>
      <${jo} conv=${e} />
    </div>
  </header>`}function jo({conv:e}){let[t,n]=F(``);function r(){t.trim()&&Zr(e.id,t),n(``)}function i(i){i.key===`Enter`||i.key===`,`?(i.preventDefault(),r()):i.key===`Backspace`&&!t&&e.tags?.length?Qr(e.id,e.tags[e.tags.length-1]):i.key===`Escape`&&(n(``),i.currentTarget.blur())}return k`<div class="tags" role="group" aria-label="Tags">
    <${X} name="tag" size=${13} />
    ${(e.tags||[]).map(t=>k`<span class="tag" key=${t}>${t}<button class="tag-x" aria-label=${`Remove tag ${t}`} onClick=${()=>Qr(e.id,t)}><${X} name="x" size=${11} /></button></span>`)}
    <input data-testid="conv-tags" class="tag-input" value=${t} placeholder=${e.tags?.length?`Add tag`:`Add tags…`} aria-label="Add a tag"
      onInput=${t=>{let r=t.currentTarget.value;r.includes(`,`)?(Zr(e.id,r),n(``)):n(r)}}
      onKeyDown=${i} onBlur=${r} maxLength="200" />
  </div>`}function Mo({id:e,conv:t}){let n=R(z,t=>t.typing[e]),r=Object.values(n||{});if(!r.length)return k`<div class="typing-slot"></div>`;let i=r.map(e=>e.name||(e.kind===`visitor`?Z(t.contact,t.contact_id):e.kind===`bot`?`A bot`:`An agent`));return k`<div class="typing-slot"><div data-testid="typing-indicator" class="typing" role="status">
    <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${i.length===1?`${i[0]} is typing…`:`${i.slice(0,-1).join(`, `)} and ${i[i.length-1]} are typing…`}
  </div></div>`}var No=[``,`Very poor`,`Poor`,`Okay`,`Good`,`Great`];function Po(e){let t=e?.rating;return Number.isInteger(t)&&t>=1&&t<=5?t:0}function Fo({rating:e,size:t=14}){return k`<span class="stars" role="img" aria-label=${`Rated ${e} out of 5`}>
    ${[1,2,3,4,5].map(n=>k`<${X} key=${n} name="star" size=${t} class=${n<=e?`star-on`:``} />`)}
  </span>`}function Io({csat:e,now:t,testid:n=`csat`}){let r=Po(e);return r?k`<section class="card csat" data-testid=${n} data-rating=${r} aria-label="Customer rating">
    <div class="card-head">
      <h4><${X} name="star" size=${13} /> Customer rating</h4>
      ${e.at&&k`<time class="faint small" datetime=${e.at} title=${j(e.at)}>${Te(e.at,t)}</time>`}
    </div>
    <div class="csat-score"><${Fo} rating=${r} size=${16} /><span><strong>${r}</strong>/5 · ${No[r]}</span></div>
    ${e.comment&&k`<blockquote data-testid=${`${n}-comment`} class="csat-comment">${e.comment}</blockquote>`}
  </section>`:null}var Lo=e=>e.map(e=>e.replace(`_`,` `)).join(`, `);function Ro({ticket:e,now:t}){let{clock:n,breached:r,soon:i}=vr(e,t),a=n===`paused`;return r.length?k`<span data-testid="sla-clock" data-state=${n||`none`} class="chip chip-danger" title=${`Missed: ${Lo(r)}${a?` · clock paused`:``}`}>
      Breached${a?` · paused`:``}</span>`:a?k`<span data-testid="sla-clock" data-state="paused" class="chip chip-paused"
      title=${`The SLA clock is paused${e.sla_paused_at?` since ${j(e.sla_paused_at)}`:``} while the ticket is ${e.status}; it runs again when it reopens`}><${X} name="pause" size=${11} /> SLA paused</span>`:n===`running`?k`<span data-testid="sla-clock" data-state="running" class=${`chip ${i?`chip-warn`:`chip-quiet`}`} title=${`Next SLA target ${j(e.due_at)}`}>
    <${X} name="clock" size=${11} /> ${Oe(e.due_at,t)}</span>`:null}function zo({id:e}){let t=R(z,t=>t.convs[e]),n=t?.contact_id,r=t?.ticket_id,i=R(z,e=>n?e.contacts[n]:null),a=R(z,e=>r?e.tickets[r]:null),o=xa(6e4);if(I(()=>{n&&Qn(n)},[n]),I(()=>{r&&mr(r,{quiet:!0})},[r]),!t)return k`<aside class="pane details-pane" data-testid="details-panel" aria-label="Details"></aside>`;let s=i?.state===`ok`?i.profile:null,c=s?.contact||t.contact||{id:n},l=Z(c,n),u=Object.entries(s?.contact.attributes||{}).filter(([,e])=>e!==null&&e!==``),d=(s?.conversations||[]).filter(e=>e.id!==t.id),f=(s?.tickets||[]).filter(e=>e.id!==r);return k`<aside class="pane details-pane" data-testid="details-panel" aria-label="Customer details">
    <section class="card customer">
      <${Q} name=${l} id=${n} size=${48} />
      <h3>${l}</h3>
      ${c.email&&c.name&&k`<p class="muted small break">${c.email}</p>`}
      ${i?.state===`loading`&&k`<p class="muted small"><${$} /> Loading profile…</p>`}
      ${i?.state===`missing`&&k`<p class="muted small">No customer profile is available for this visitor yet.</p>`}
      ${i?.state===`error`&&k`<p class="muted small">Profile unavailable. <button class="link-btn" onClick=${()=>Qn(n,{force:!0})}>Retry</button></p>`}
    </section>

    <${Io} csat=${t.csat} now=${o} testid="details-csat" />

    ${r&&k`<section class="card handoff">
      <div class="card-head">
        <h4><${X} name="ticket" size=${13} /> Handoff summary</h4>
        ${a&&k`<button class="link-btn" onClick=${()=>Y({view:`tickets`,ticketId:r})}>#${a.number} <${X} name="external" size=${11} /></button>`}
      </div>
      ${a?k`<div class="chips">
              <${ha} status=${a.status} /> <${_a} priority=${a.priority} />
              <${Ro} ticket=${a} now=${o} />
            </div>
            ${a.escalation_reason&&k`<p class="muted small">Escalated: ${Ho(a.escalation_reason)}</p>`}
            <p data-testid="details-ticket-summary" class="summary">${a.summary||`No summary was written for this handoff.`}</p>`:k`<p class="muted small"><${$} /> Loading ticket…</p>`}
    </section>`}

    <section class="card">
      <h4>Conversation</h4>
      <dl class="facts">
        <dt>Channel</dt><dd>${fa[t.channel]||t.channel}</dd>
        <dt>Started</dt><dd title=${j(t.created_at)}>${Bo(t.created_at,o)}</dd>
        ${t.first_response_at&&k`<dt>First response</dt><dd title=${j(t.first_response_at)}>${Bo(t.first_response_at,o)}</dd>`}
        ${t.resolved_at&&(t.status===`resolved`||t.status===`closed`)&&k`<dt>Resolved</dt><dd title=${j(t.resolved_at)}>${Bo(t.resolved_at,o)}</dd>`}
        <dt>AI answers</dt><dd>${t.ai_enabled?`On`:`Off`}</dd>
        ${c.external_id||s?.contact.external_id?k`<dt>External ID</dt><dd class="break">${s?.contact.external_id}</dd>`:null}
        ${s&&k`<dt>Customer since</dt><dd>${j(s.contact.created_at)}</dd>`}
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
      ${d.length?k`<ul class="links">${d.slice(0,8).map(e=>k`<li><button class="link-row" onClick=${()=>Y({view:`conversations`,conversationId:e.id})}>
            <span class="ellipsis">${e.subject||e.preview?.body||`${fa[e.channel]||e.channel} conversation`}</span>
            <span class="row-side"><${ha} status=${e.status} short /> <span class="faint small">${Te(e.updated_at,o)}</span></span>
          </button></li>`)}</ul>`:k`<p class="muted small">This is their first conversation.</p>`}
    </section>`}

    ${f.length>0&&k`<section class="card">
      <h4>Other tickets</h4>
      <ul class="links">${f.slice(0,8).map(e=>k`<li><button class="link-row" onClick=${()=>Y({view:`tickets`,ticketId:e.id})}>
        <span class="ellipsis">#${e.number} ${e.subject}</span><${ha} status=${e.status} />
      </button></li>`)}</ul>
    </section>`}
  </aside>`}function Bo(e,t){let n=Te(e,t);return n===`now`?`just now`:/^\d+[mh]$/.test(n)?`${n} ago`:n}var Vo={customer_asked:`the customer asked for a person`,no_answer:`the AI found no answer in the knowledge base`,ai_error:`the AI could not answer`,unanswered:`the question went unanswered too long`,visitor_left:`the customer left with a question unanswered`,marked:`handed over by an agent or bot`,budget:`the AI budget was used up`};function Ho(e){return Vo[e]||String(e).replace(/_/g,` `)}function Uo(){let e=new URLSearchParams(location.search).get(`token`)||void 0,[t,n]=F(null),[r,i]=F({workspace:``,website:``,name:``,email:``,password:``}),{busy:a,error:o,setError:s,submit:c}=Da(()=>bi({token:e,workspace:r.workspace.trim(),allowed_origins:$i(r.website),name:r.name.trim(),email:r.email.trim(),password:r.password}));I(()=>{M(`/v1/setup`,{auth:!1}).then(n,e=>s(e.message))},[]);let l=e=>t=>i(n=>({...n,[e]:t.currentTarget.value}));return t?t.needed?t.token_required&&!e?k`<main class="signin"><div class="signin-card">
      <h1>Open the setup link from the server's log</h1>
      <p class="muted">From another machine, setup needs the one-time token that <code>flowsupport serve</code> printed when it started.</p>
    </div></main>`:k`<main class="signin">
    <form class="signin-card setup-card" onSubmit=${c} aria-labelledby="setup-title" data-testid="setup-form">
      <${Ea} />
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
      <${Oa} busy=${a} error=${o} testid="setup-submit" label="Create workspace" busyLabel="Creating…" />
    </form>
  </main>`:k`<main class="signin"><div class="signin-card">
      <h1>This server is already set up</h1>
      <p class="muted">Sign in with your account instead.</p>
      <a class="btn btn-primary btn-block" href="/inbox">Go to sign-in</a>
    </div></main>`:k`<main class="signin">${o?k`<p class="form-error" role="alert">${o}</p>`:k`<${$} />`}</main>`}function Wo(){let[e,t]=F(``),[n,r]=F(``),[i,a]=F(!1),{busy:o,error:s,submit:c}=Da(()=>yi(e.trim(),n),e=>e.status===401?`That e-mail and password do not match an account.`:e.message);return i?k`<${Pa} email=${e} onBack=${()=>a(!1)} />`:k`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="signin-title">
      <${Ea} />
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
      <${Oa} busy=${o} error=${s} testid="inbox-signin" label="Sign in" busyLabel="Signing in…" />
    </form>
  </main>`}var Go=[`new`,`open`,`pending`,`solved`,`closed`],Ko=e=>e[0].toUpperCase()+e.slice(1);function qo(){let e=R(z,e=>e.ticketFilters),t=R(z,e=>e.ticketList),n=R(z,Xo),r=R(z,e=>e.route.ticketId),i=R(z,e=>e.cursor),a=xa(3e4);return I(()=>{z.get().ticketList.loaded||lr()},[]),k`<section class="pane list-pane" aria-label="Tickets">
    <div class="pane-head">
      <div class="pane-title"><h2>Tickets</h2><span class="muted small">${t.loading?k`<${$} />`:`${n.length}${t.nextCursor?`+`:``}`}</span></div>
      <label class="search">
        <${X} name="search" size=${14} />
        <input data-testid="ticket-search" type="search" placeholder="Search subjects and comments" aria-label="Search tickets"
          value=${e.q} onInput=${e=>fr({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="ticket-filter-status" aria-label="Ticket status" value=${e.status} onChange=${e=>fr({status:e.currentTarget.value})}>
          <option value="">Any status</option>
          ${Go.map(e=>k`<option value=${e}>${ma[e]}</option>`)}
        </select>
        <select data-testid="ticket-filter-priority" aria-label="Priority" value=${e.priority} onChange=${e=>fr({priority:e.currentTarget.value})}>
          <option value="">Any priority</option>
          ${ga.map(e=>k`<option value=${e}>${Ko(e)}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="ticket-filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>fr({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="ticket-filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>fr({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="ticket-list" class="list" aria-label="Ticket list">
      ${n.map(e=>k`<${Qo} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&k`<li class="empty">
        ${t.error?k`<p>Could not load tickets.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${lr}>Try again</button>`:k`<p>No tickets here.</p><p class="muted small">Conversations the AI cannot answer become tickets.</p>`}
      </li>`}
      ${t.nextCursor&&k`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${ur} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var Jo=null,Yo=[];function Xo(e){if(e===Jo)return Yo;let t=sr(e);return Jo=e,(t.length!==Yo.length||t.some((e,t)=>e!==Yo[t]))&&(Yo=t),Yo}function Zo(e,t){return e.requester?{...e.requester,id:e.requester.id||e.requester_contact_id}:t?.state===`ok`?t.profile.contact:{id:e.requester_contact_id}}var Qo=Ta(function({id:e,active:t,highlighted:n,now:r}){let i=R(z,t=>t.tickets[e]),a=R(z,e=>i?.assignee_id?Sa(e.names,i.assignee_id,e.session.user):null),o=R(z,e=>i&&!i.requester?e.contacts[i.requester_contact_id]:null),s=L(null);if(I(()=>{(n||t)&&s.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let c=Zo(i,o),l=Z(c,i.requester_contact_id);return k`<li>
    <button ref=${s} data-testid="ticket-item" data-ticket-id=${e} data-status=${i.status}
      class=${`row ticket-row ${t?`active`:``} ${n?`highlighted`:``}`} aria-current=${t?`true`:void 0}
      onClick=${()=>Y({view:`tickets`,ticketId:e})}>
      <span class="row-main">
        <span class="row-top">
          <span class="row-name"><span class="ticket-no">#${i.number}</span> ${i.subject}</span>
          <time class="row-time" datetime=${i.updated_at}>${Te(i.updated_at,r)}</time>
        </span>
        <span class="row-preview row-requester" title=${c.email&&c.name?`${l} <${c.email}>`:l}>
          <${Q} name=${l} id=${i.requester_contact_id} size=${18} />
          <span data-testid="ticket-requester" class="ellipsis">${l}</span>
        </span>
        <span class="row-meta">
          <${ha} status=${i.status} />
          <${_a} priority=${i.priority} />
          <${Ro} ticket=${i} now=${r} />
          <span class="mini assignee"><${X} name="user" size=${11} />${a?a.replace(` (you)`,``):`Unassigned`}</span>
        </span>
      </span>
    </button>
  </li>`});function $o({id:e}){let t=R(z,t=>t.tickets[e]),n=R(z,t=>t.ticketDetail[e]),r=R(z,e=>t&&!t.requester?e.contacts[t.requester_contact_id]:null),i=R(z,e=>e.session),a=R(z,e=>e.presence),o=R(z,e=>e.names),s=R(z,e=>e.staff),c=t?.conversation_id||null,l=R(z,e=>c?e.convs[c]:null),u=xa(3e4),d=L(null),f=n?.comments?.length||0;if(Xe(()=>{d.current&&f&&(d.current.scrollTop=d.current.scrollHeight)},[f,e]),I(()=>{if(c)return Dr(c),()=>Or(c)},[c]),!t)return k`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e}>
      <div class="placeholder">${n?.state===`missing`?k`<p>This ticket does not exist or is not yours to see.</p>`:n?.state===`error`?k`<p>${n.error}</p>`:k`<p class="muted"><${$} /> Loading ticket…</p>`}</div>
    </section>`;let p=wa({session:i,presence:a,names:o,staff:s},t.assignee_id),m=n?.comments||[],h=Zo(t,r),g=Z(h,t.requester_contact_id);return k`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e} aria-label=${`Ticket ${t.number}`}>
    <header class="conv-head">
      <div class="conv-title">
        <span class="ticket-badge"><${X} name="ticket" size=${18} /></span>
        <div class="conv-title-text">
          <h2><span class="ticket-no">#${t.number}</span> ${t.subject}</h2>
          <span class="muted small">
            <span class="requester-inline" title=${h.email&&h.name?`${g} <${h.email}>`:g}>
              <${X} name="user" size=${12} />
              <span data-testid="ticket-view-requester" class="ellipsis">${g}${h.email&&h.name?k` <span class="faint">· ${h.email}</span>`:``}</span>
            </span>
            <span class="nowrap">· Opened ${Bo(t.created_at,u)} · updated ${Bo(t.updated_at,u)}</span>
          </span>
        </div>
        <div class="conv-title-side">
          <${Ro} ticket=${t} now=${u} />
          ${t.conversation_id&&k`<button data-testid="ticket-conversation-link" class="chip chip-link" onClick=${()=>Y({view:`conversations`,conversationId:t.conversation_id})}>
            <${X} name="sms" size=${12} /> Open conversation</button>`}
        </div>
      </div>
      <div class="controls">
        <label class="control"><span>Status</span>
          <select data-testid="ticket-status" class=${`sel status-${t.status}`} value=${t.status} onChange=${t=>gr(e,{status:t.currentTarget.value})}>
            ${Go.map(e=>k`<option value=${e}>${ma[e]}</option>`)}
          </select></label>
        <label class="control"><span>Priority</span>
          <select data-testid="ticket-priority" class=${`sel priority-${t.priority}`} value=${t.priority} onChange=${t=>gr(e,{priority:t.currentTarget.value})}>
            ${ga.map(e=>k`<option value=${e}>${Ko(e)}</option>`)}
          </select></label>
        <label class="control"><span>Assignee</span>
          <select data-testid="ticket-assignee" class="sel" value=${t.assignee_id||``} onChange=${t=>gr(e,{assignee_id:t.currentTarget.value||null})}>
            ${p.map(e=>k`<option value=${e.value}>${e.label}</option>`)}
          </select></label>
        ${t.tags?.length>0&&k`<div class="tags">${t.tags.map(e=>k`<span class="tag" key=${e}>${e}</span>`)}</div>`}
      </div>
    </header>
    ${c?k`<${_o} key=${c} id=${c} conv=${l} cls="ticket-body" comments=${n?.state===`ok`?n.comments:void 0}
          top=${k`<${es} ticket=${t} csat=${t.csat||l?.csat} now=${u} />
            <h3 class="section-title">Conversation</h3>`} />`:k`<div class="transcript ticket-body" ref=${d}>
          <div class="transcript-inner">
            <${es} ticket=${t} csat=${t.csat} now=${u} />
            <h3 class="section-title">Activity</h3>
            ${!n||n.state===`loading`?k`<p class="muted"><${$} /> Loading comments…</p>`:null}
            ${n?.state===`ok`&&!m.length&&k`<p class="muted small">No comments yet.</p>`}
            ${m.map(e=>k`<${ts} key=${e.id} comment=${e} />`)}
          </div>
        </div>`}
    <${rs} id=${e} />
  </section>`}function es({ticket:e,csat:t,now:n}){return k`<section class="summary-card" aria-label="Handoff summary">
      <div class="card-head"><h3><${X} name="sparkle" size=${14} /> Handoff summary</h3>
        ${e.escalation_reason&&k`<span class="muted small">Escalated because ${Ho(e.escalation_reason)}</span>`}</div>
      <p data-testid="ticket-summary" class="summary">${e.summary||`No summary was written for this ticket.`}</p>
    </section>
    <${Io} csat=${t} now=${n} testid="ticket-csat" />`}function ts({comment:e}){let t=e.author||{},n=R(z,e=>t.kind===`agent`?nr(e,t.id):null)||t.name||(t.kind===`visitor`?`Customer`:t.kind===`ai`?`AI Assistant`:t.kind===`system`?`System`:`Agent`);return k`<article data-testid="ticket-comment" data-public=${e.public?`true`:`false`} class=${`comment ${e.public?`public`:`internal`}`}>
    <${Q} name=${n} kind=${t.kind===`agent`||t.kind===`visitor`?`visitor`:t.kind} id=${t.id} size=${30} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n}</span>
        ${e.public?k`<span class="badge-kind">Public reply</span>`:k`<span class="badge-note"><${X} name="lock" size=${11} /> Internal</span>`}
        <time datetime=${e.created_at} title=${j(e.created_at)}>${Te(e.created_at)} · ${Ee(e.created_at)}</time>
      </div>
      <div class="msg-body">${e.body}</div>
    </div>
  </article>`}var ns={};function rs({id:e}){let[t,n]=F(ns[e]||``),[r,i]=F(!1),[a,o]=F(!1);I(()=>{n(ns[e]||``),i(!1)},[e]);async function s(){let i=t.trim();if(!i||a)return;o(!0);let s=await _r(e,i,r);o(!1),s&&(ns[e]=``,n(``))}return k`<div class=${`composer ${r?``:`composer-note`}`}>
    <div class="composer-box">
      <textarea data-testid="ticket-comment-input" rows="3" value=${t} aria-label="Comment"
        placeholder=${r?`Write a public reply — the customer receives it`:`Write an internal comment — only your team sees it`}
        onInput=${t=>{ns[e]=t.currentTarget.value,n(t.currentTarget.value)}}
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
  </div>`}function is({id:e}){let t=R(z,t=>t.tickets[e]),n=R(z,e=>t?e.contacts[t.requester_contact_id]:null),r=xa(3e4);if(I(()=>{t?.requester_contact_id&&Qn(t.requester_contact_id)},[t?.requester_contact_id]),!t)return k`<aside class="pane details-pane" aria-label="Ticket details"></aside>`;let i=Zo(t,n),a=Z(i,t.requester_contact_id),o=(e,t)=>t&&k`<dt>${e}</dt><dd title=${j(t)}>${j(t)}</dd>`;return k`<aside class="pane details-pane" data-testid="ticket-details" aria-label="Ticket details">
    <section class="card customer" data-testid="ticket-details-requester" aria-label="Requester">
      <h4>Requester</h4>
      <${Q} name=${a} id=${t.requester_contact_id} size=${48} />
      <h3>${a}</h3>
      ${i.email&&i.name&&k`<p class="muted small break">${i.email}</p>`}
      ${n?.state===`missing`&&k`<p class="muted small">No customer profile available.</p>`}
    </section>
    <section class="card">
      <h4>SLA</h4>
      <div class="chips"><${Ro} ticket=${t} now=${r} /></div>
      <dl class="facts">
        ${o(`First response due`,t.first_response_due_at)}
        ${o(`First response`,t.first_responded_at)}
        ${o(`Resolution due`,t.resolution_due_at)}
        ${o(`Solved`,t.solved_at)}
        ${vr(t,r).clock&&k`<dt>Clock</dt><dd data-testid="ticket-sla-state">${vr(t,r).clock===`paused`?`Paused`:`Running`}</dd>`}
        ${t.breaches?.length?k`<dt>Missed</dt><dd class="danger-text">${t.breaches.map(e=>e.replace(`_`,` `)).join(`, `)}</dd>`:null}
      </dl>
    </section>
    <section class="card">
      <h4>Ticket</h4>
      <dl class="facts">
        <dt>Number</dt><dd>#${t.number}</dd>
        <dt>Created</dt><dd>${j(t.created_at)}</dd>
        ${Object.entries(t.custom_fields||{}).map(([e,t])=>k`<dt class="break">${e}</dt><dd class="break">${String(t)}</dd>`)}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>
  </aside>`}var as={connected:`Connected`,connecting:`Connecting…`,reconnecting:`Reconnecting…`,stopped:`Offline`};function os(){let e=R(z,e=>e.route.view),t=R(z,e=>e.conn),n=R(z,e=>e.connProblem),r=R(z,e=>e.presence),i=R(z,e=>e.session.user),a=R(z,e=>Object.values(e.unread).filter(e=>e>0).length),o=(r.agents||[]).filter(e=>e.id!==i.id);return I(()=>{let t={tickets:`Tickets`,settings:`Settings`}[e]||`Inbox`;document.title=`${a?`(${a}) `:``}${t} · FlowSupport`},[a,e]),k`<header class="topbar">
    <div class="brand"><span class="brand-mark"><${X} name="logo" size=${18} /></span> FlowSupport</div>
    <nav class="tabs" aria-label="Sections">
      <button data-testid="nav-conversations" class=${`tab ${e===`conversations`?`active`:``}`}
        aria-current=${e===`conversations`?`page`:void 0} onClick=${()=>Ur(`conversations`)}
        title="Conversations (g then c)">
        <${X} name="inbox" /> Conversations
        ${a>0&&k`<span class="tab-count" aria-label=${`${a} with unread messages`}>${a}</span>`}
      </button>
      <button data-testid="nav-tickets" class=${`tab ${e===`tickets`?`active`:``}`}
        aria-current=${e===`tickets`?`page`:void 0} onClick=${()=>Ur(`tickets`)}
        title="Tickets (g then t)">
        <${X} name="ticket" /> Tickets
      </button>
      <button data-testid="nav-settings" class=${`tab ${e===`settings`?`active`:``}`}
        aria-current=${e===`settings`?`page`:void 0} onClick=${()=>Ur(`settings`)}
        title="Settings (g then s)">
        <${X} name="settings" /> Settings
      </button>
    </nav>
    <div class="topbar-right">
      <span data-testid="inbox-connection" class=${`conn conn-${t}`} role="status" title=${n||``}>
        <span class="dot" aria-hidden="true"></span>${n?`Origin not allowed`:as[t]||t}
      </span>
      <span class="presence" title=${(r.agents||[]).map(e=>e.name).join(`, `)||`Agents online`}>
        <span class="presence-faces" aria-hidden="true">
          ${o.slice(0,3).map(e=>k`<${Q} key=${e.id} name=${e.name} id=${e.id} kind="agent" size=${22} />`)}
        </span>
        <${X} name="users" size=${14} /> ${r.count} online
      </span>
      <button class="icon-btn" onClick=${()=>z.set(e=>({...e,help:!0}))} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <${X} name="help" />
      </button>
      <span class="me">
        <${Q} name=${i.name} id=${i.id} kind="agent" size=${26} />
        <span class="me-name">${i.name}</span>
      </span>
      <button class="btn btn-ghost btn-sm" data-testid="inbox-signout" onClick=${()=>Si()} title="Sign out">
        <${X} name="logout" size=${14} /> Sign out
      </button>
    </div>
  </header>`}var ss=(function(){let e=typeof document<`u`&&document.createElement(`link`).relList;return e&&e.supports&&e.supports(`modulepreload`)?`modulepreload`:`preload`})(),cs=function(e){return`/inbox/`+e},ls={},us=function(e){return e.pathname.endsWith(`.css`)},ds=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw e[t]=void 0,n});return e[t]=i,i},fs=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=cs(t,n);let r=s(t),i=us(r);return ds(ls,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}if((i?e.styles:e.all).has(r.href))return;let t=document.createElement(`link`);if(t.rel=i?`stylesheet`:ss,i||(t.as=`script`),t.crossOrigin=``,t.href=r.href,a&&t.setAttribute(`nonce`,a),document.head.appendChild(t),i)return new Promise((e,n)=>{let i=a=>{t.removeEventListener(`load`,i),t.removeEventListener(`error`,i),a.type===`error`?n(Error(`Unable to preload CSS for ${r}`)):e(a)};t.addEventListener(`load`,i),t.addEventListener(`error`,i)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},ps={"/invite":Ma,"/reset":Na};function ms(){let e=R(z,e=>e.session),t=ps[location.pathname],n=location.pathname===`/setup`?Uo:Wo;return k`<${t||(e?hs:n)} /><${xs} />`}function hs(){let e=R(z,e=>e.route),t=R(z,e=>e.help);return k`<div class="app" data-testid="inbox-app">
    <${os} />
    ${R(z,e=>e.conn)===`reconnecting`&&k`<div class="banner" role="status">Connection lost. Reconnecting… new messages will appear when it is back.</div>`}
    <div class="panes">
      ${e.view===`settings`?k`<${_s} />`:e.view===`tickets`?k`<${qo} />
            ${e.ticketId?k`<${$o} id=${e.ticketId} /><${is} id=${e.ticketId} />`:k`<${ys} icon="ticket" title="Select a ticket" text="Escalated conversations become tickets with an SLA and a handoff summary." />`}`:k`<${Wa} />
            ${e.conversationId?k`<${ko} id=${e.conversationId} /><${zo} id=${e.conversationId} />`:k`<${vs} />`}`}
    </div>
    ${t&&k`<${bs} />`}
  </div>`}var gs=null;function _s(){let[e,t]=F(gs),[n,r]=F(null);return I(()=>{e||fs(()=>import(`./Settings-CRhaf-1v.js`).then(e=>{gs=e,t(e)},e=>r(e)),[])},[]),n?k`<section class="pane main-pane empty-main"><div class="placeholder" role="alert">
      <h2>The settings could not be loaded</h2>
      <p class="muted">${n.message||`Check your connection.`}</p>
      <button class="btn" onClick=${()=>location.reload()}>Reload</button>
    </div></section>`:e?k`<${e.Settings} />`:k`<section class="pane main-pane empty-main"><div class="placeholder"><${$} label="Loading the settings" /></div></section>`}function vs(){let e=R(z,e=>e.session.user),[t,n]=F(()=>!za(e)||Ba(e.tenant_id));return t?k`<${ys} icon="inbox" title="Select a conversation" text="Pick a conversation on the left, or press j / k and Enter." />`:k`<section class="pane main-pane empty-main"><${Va} onDismiss=${()=>n(!0)} /></section>`}function ys({icon:e,title:t,text:n}){return k`<section class="pane main-pane empty-main">
    <div class="placeholder">
      <span class="placeholder-icon"><${X} name=${e} size=${28} /></span>
      <h2>${t}</h2>
      <p class="muted">${n}</p>
      <p class="muted small">Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>
  </section>`}function bs(){let e=L(null);I(()=>{let t=document.activeElement;return e.current?.focus(),()=>t?.focus?.()},[]);let t=()=>z.set(e=>({...e,help:!1}));return k`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&t()}>
    <div data-testid="shortcuts-help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex="-1" ref=${e}>
      <div class="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button class="icon-btn" onClick=${t} aria-label="Close"><${X} name="x" /></button>
      </div>
      <dl class="shortcuts">
        ${Oi.map(([e,t])=>k`<dt>${e.split(` then `).map((e,t)=>k`${t?k`<span class="muted small"> then </span>`:``}<kbd>${e}</kbd>`)}</dt><dd>${t}</dd>`)}
      </dl>
      <p class="muted small">Shortcuts pause while you type in a field; Esc leaves the field.</p>
    </div>
  </div>`}function xs(){return k`<div class="toasts" role="status" aria-live="polite">
    ${R(z,e=>e.toasts).map(e=>k`<div key=${e.id} data-testid="toast" class=${`toast toast-${e.kind}`}>
      <${X} name=${e.kind===`error`?`alert`:e.kind===`warning`?`clock`:`check`} size=${15} />
      <span>${e.text}</span>
      <button class="icon-btn" aria-label="Dismiss" onClick=${()=>Vt(e.id)}><${X} name="x" size=${14} /></button>
    </div>`)}
  </div>`}t.debounceRendering=e=>wn()?document.visibilityState===`visible`?requestAnimationFrame(e):setTimeout(e,0):Promise.resolve().then(e),Di(),document.addEventListener(`keydown`,Ni),he(k`<${ms} />`,document.getElementById(`app`));export{ea as A,bt as B,Bi as C,Vi as D,ta as E,Y as F,F as G,L as H,z as I,M as J,I as K,_t as L,zi as M,wi as N,Ui as O,Ci as P,yt as R,ia as S,Ri as T,Ze as U,R as V,Xe as W,k as X,Ie as Y,y as Z,Zi as _,$ as a,qi as b,Fi as c,na as d,Hi as f,Yi as g,ua as h,X as i,Ji as j,Gi as k,Pi as l,aa as m,fo as n,sa as o,la as p,Qe as q,Q as r,ca as s,Bo as t,Ii as u,Qi as v,$i as w,oa as x,Ki as y,vt as z};