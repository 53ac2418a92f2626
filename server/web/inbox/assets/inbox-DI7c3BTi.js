var e,t,n,r,i,a,o,s,c,l,u,d,f,p,m={},h=[],g=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,_=Array.isArray;function v(e,t){for(var n in t)e[n]=t[n];return e}function ee(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function y(t,n,r){var i,a,o,s={};for(o in n)o==`key`?i=n[o]:o==`ref`?a=n[o]:s[o]=n[o];if(arguments.length>2&&(s.children=arguments.length>3?e.call(arguments,2):r),typeof t==`function`&&t.defaultProps!=null)for(o in t.defaultProps)s[o]===void 0&&(s[o]=t.defaultProps[o]);return b(t,s,i,a,null)}function b(e,r,i,a,o){var s={type:e,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:o??++n,__i:-1,__u:0};return o==null&&t.vnode!=null&&t.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t}function C(e,t){if(t==null)return e.__?C(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type==`function`?C(e):null}function te(e){if(e.__P&&e.__d){var n=e.__v,r=n.__e,i=[],a=[],o=v({},n);o.__v=n.__v+1,t.vnode&&t.vnode(o),ae(e.__P,o,n,e.__n,e.__P.namespaceURI,32&n.__u?[r]:null,i,r??C(n),!!(32&n.__u),a),o.__v=n.__v,o.__.__k[o.__i]=o,se(i,o,a),n.__e=n.__=null,o.__e!=r&&w(o)}}function w(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),w(e)}function T(e){(!e.__d&&(e.__d=!0)&&r.push(e)&&!E.__r++||i!=t.debounceRendering)&&((i=t.debounceRendering)||a)(E)}function E(){try{for(var e,t=1;r.length;)r.length>t&&r.sort(o),e=r.shift(),t=r.length,te(e)}finally{r.length=E.__r=0}}function ne(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,g,_,v,ee=r&&r.__k||h,y=t.length;for(c=D(n,t,ee,c,y),d=0;d<y;d++)(p=n.__k[d])!=null&&(f=p.__i!=-1&&ee[p.__i]||m,p.__i=d,v=ae(e,p,f,i,a,o,s,c,l,u),g=p.__e,p.ref&&f.ref!=p.ref&&(f.ref&&ue(f.ref,null,p),u.push(p.ref,p.__c||g,p)),_==null&&g!=null&&(_=g),4&p.__u?(c=O(p,c,e),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),p.__u&=-7);return n.__e=_,c}function D(e,t,n,r,i){var a,o,s,c,l,u=n.length,d=u,f=0;for(e.__k=Array(i),a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o==`string`||typeof o==`number`||typeof o==`bigint`||o.constructor==String?o=e.__k[a]=b(null,o,null,null,null):_(o)?o=e.__k[a]=b(x,{children:o},null,null,null):o.constructor===void 0&&o.__b>0?o=e.__k[a]=b(o.type,o.props,o.key,o.ref?o.ref:null,o.__v):e.__k[a]=o,c=a+f,o.__=e,o.__b=e.__b+1,s=null,(l=o.__i=re(o,n,c,d))!=-1&&(d--,(s=n[l])&&(s.__u|=2)),s==null||s.__v==null?(l==-1&&(i>u?f--:i<u&&f++),typeof o.type!=`function`&&(o.__u|=4)):l!=c&&(l==c-1?f--:l==c+1?f++:(l>c?f--:f++,o.__u|=4))):e.__k[a]=null;if(d)for(a=0;a<u;a++)(s=n[a])!=null&&!(2&s.__u)&&(s.__e==r&&(r=C(s)),de(s,s));return r}function O(e,t,n){var r,i;if(typeof e.type==`function`){for(r=e.__k,i=0;r&&i<r.length;i++)r[i]&&(r[i].__=e,t=O(r[i],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=C(e)),t=n.insertBefore(e.__e,t||null));do t&&=t.nextSibling;while(t!=null&&t.nodeType==8);return t}function re(e,t,n,r){var i,a,o,s=e.key,c=e.type,l=t[n],u=l!=null&&!(2&l.__u);if(l===null&&s==null||u&&s==l.key&&c==l.type)return n;if(r>+!!u){for(i=n-1,a=n+1;i>=0||a<t.length;)if((l=t[o=i>=0?i--:a++])!=null&&!(2&l.__u)&&s==l.key&&c==l.type)return o}return-1}function ie(e,t,n){t[0]==`-`?e.setProperty(t,n??``):e[t]=n==null?``:typeof n!=`number`||g.test(t)?n:n+`px`}function k(e,t,n,r,i){var a,o;n:if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||ie(e.style,t,``);if(n)for(t in n)r&&n[t]==r[t]||ie(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)a=t!=(t=t.replace(u,`$1`)),o=t.toLowerCase(),t=o in e||t==`onFocusOut`||t==`onFocusIn`?o.slice(2):t.slice(2),e.l||={},e.l[t+a]=n,n?r?n[l]=r[l]:(n[l]=d,e.addEventListener(t,a?p:f,a)):e.removeEventListener(t,a?p:f,a);else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;break n}catch{}typeof n==`function`||(n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n))}}function A(e){return function(n){if(this.l){var r=this.l[n.type+e];if(n[c]==null)n[c]=d++;else if(n[c]<r[l])return;return r(t.event?t.event(n):n)}}}function ae(e,n,r,i,a,o,s,c,l,u){var d,f,p,m,g,y,b,te,w,T,E,D,O,re,ie,k,A=n.type;if(n.constructor!==void 0)return null;128&r.__u&&(l=!!(32&r.__u),o=[c=n.__e=r.__e]),(d=t.__b)&&d(n);n:if(typeof A==`function`){f=s.length;try{if(w=n.props,T=A.prototype&&A.prototype.render,E=(d=A.contextType)&&i[d.__c],D=d?E?E.props.value:d.__:i,r.__c?te=(p=n.__c=r.__c).__=p.__E:(T?n.__c=p=new A(w,D):(n.__c=p=new S(w,D),p.constructor=A,p.render=fe),E&&E.sub(p),p.state||(p.state={}),p.__n=i,m=p.__d=!0,p.__h=[],p._sb=[]),T&&p.__s==null&&(p.__s=p.state),T&&A.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=v({},p.__s)),v(p.__s,A.getDerivedStateFromProps(w,p.__s))),g=p.props,y=p.state,p.__v=n,m)T&&A.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),T&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(T&&A.getDerivedStateFromProps==null&&w!==g&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(w,D),n.__v==r.__v||!p.__e&&p.shouldComponentUpdate!=null&&!1===p.shouldComponentUpdate(w,p.__s,D)){n.__v!=r.__v&&(p.props=w,p.state=p.__s,p.__d=!1),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),h.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&s.push(p),c=C(r);break n}p.componentWillUpdate!=null&&p.componentWillUpdate(w,p.__s,D),T&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(g,y,b)})}if(p.context=D,p.props=w,p.__P=e,p.__e=!1,O=t.__r,re=0,T)p.state=p.__s,p.__d=!1,O&&O(n),d=p.render(p.props,p.state,p.context),h.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,O&&O(n),d=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++re<25);p.state=p.__s,p.getChildContext!=null&&(i=v(v({},i),p.getChildContext())),T&&!m&&p.getSnapshotBeforeUpdate!=null&&(b=p.getSnapshotBeforeUpdate(g,y)),ie=d!=null&&d.type===x&&d.key==null?ce(d.props.children):d,c=ne(e,_(ie)?ie:[ie],n,r,i,a,o,s,c,l,u),p.base=n.__e,n.__u&=-161,p.__h.length&&s.push(p),te&&(p.__E=p.__=null)}catch(e){if(s.length=f,n.__v=null,l||o!=null){if(e.then){for(n.__u|=l?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),n.__e=c}else if(o!=null)for(k=o.length;k--;)ee(o[k])}else n.__e=r.__e;n.__k??=r.__k||[],e.then||oe(n),t.__e(e,n,r)}}else o==null&&n.__v==r.__v?(n.__k=r.__k,n.__e=r.__e):c=n.__e=le(r.__e,n,r,i,a,o,s,l,u);return(d=t.diffed)&&d(n),128&n.__u?void 0:c}function oe(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(oe))}function se(e,n,r){for(var i=0;i<r.length;i++)ue(r[i],r[++i],r[++i]);t.__c&&t.__c(n,e),e.some(function(n){try{e=n.__h,n.__h=[],e.some(function(e){e.call(n)})}catch(e){t.__e(e,n.__v)}})}function ce(e){return typeof e!=`object`||!e||e.__b>0?e:_(e)?e.map(ce):e.constructor===void 0?v({},e):null}function le(n,r,i,a,o,s,c,l,u){var d,f,p,h,g,v,y,b=i.props||m,x=r.props,S=r.type;if(S==`svg`?o=`http://www.w3.org/2000/svg`:S==`math`?o=`http://www.w3.org/1998/Math/MathML`:o||=`http://www.w3.org/1999/xhtml`,s!=null){for(d=0;d<s.length;d++)if((g=s[d])&&`setAttribute`in g==!!S&&(S?g.localName==S:g.nodeType==3)){n=g,s[d]=null;break}}if(n==null){if(S==null)return document.createTextNode(x);n=document.createElementNS(o,S,x.is&&x),l&&=(t.__m&&t.__m(r,s),!1),s=null}if(S==null)b===x||l&&n.data==x||(n.data=x);else{if(s=S==`textarea`&&x.defaultValue!=null?null:s&&e.call(n.childNodes),!l&&s!=null)for(b={},d=0;d<n.attributes.length;d++)b[(g=n.attributes[d]).name]=g.value;for(d in b)g=b[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in x||d==`value`&&`defaultValue`in x||d==`checked`&&`defaultChecked`in x||k(n,d,null,g,o);for(d in x)g=x[d],d==`children`?h=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?v=g:d==`checked`?y=g:l&&typeof g!=`function`||b[d]===g||k(n,d,g,b[d],o);if(f)l||p&&(f.__html==p.__html||f.__html==n.innerHTML)||(n.innerHTML=f.__html),r.__k=[];else if(p&&(n.innerHTML=``),ne(r.type==`template`?n.content:n,_(h)?h:[h],r,i,a,S==`foreignObject`?`http://www.w3.org/1999/xhtml`:o,s,c,s?s[0]:i.__k&&C(i,0),l,u),s!=null)for(d=s.length;d--;)ee(s[d]);l&&S!=`textarea`||(d=`value`,S==`progress`&&v==null?n.removeAttribute(`value`):v!=null&&(v!==n[d]||S==`progress`&&!v||S==`option`&&v!=b[d])&&k(n,d,v,b[d],o),d=`checked`,y!=null&&y!=n[d]&&k(n,d,y,b[d],o))}return n}function ue(e,n,r){try{if(typeof e==`function`){var i=typeof e.__u==`function`;i&&e.__u(),i&&n==null||(e.__u=e(n))}else e.current=n}catch(e){t.__e(e,r)}}function de(e,n,r){var i,a;if(t.unmount&&t.unmount(e),(i=e.ref)&&(i.current&&i.current!=e.__e||ue(i,null,n)),(i=e.__c)!=null){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(e){t.__e(e,n)}i.base=i.__P=i.__n=null}if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&de(i[a],n,r||typeof e.type!=`function`);r||ee(e.__e),e.__c=e.__=e.__e=void 0}function fe(e,t,n){return this.constructor(e,n)}function pe(n,r,i){var a,o,s,c;r==document&&(r=document.documentElement),t.__&&t.__(n,r),o=(a=typeof i==`function`)?null:i&&i.__k||r.__k,s=[],c=[],ae(r,n=(!a&&i||r).__k=y(x,null,[n]),o||m,m,r.namespaceURI,!a&&i?[i]:o?null:r.firstChild?e.call(r.childNodes):null,s,!a&&i?i:o?o.__e:r.firstChild,a,c),se(s,n,c),n.props.children=null}e=h.slice,t={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!i.__)try{if((a=i.constructor)&&a.getDerivedStateFromError!=null&&(i.setState(a.getDerivedStateFromError(e)),o=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,r||{}),o=i.__d),o)return i.__E=i}catch(t){e=t}throw e}},n=0,S.prototype.setState=function(e,t){var n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=v({},this.state);typeof e==`function`&&(e=e(v({},n),this.props)),e&&v(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),T(this))},S.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),T(this))},S.prototype.render=x,r=[],a=typeof Promise==`function`?Promise.prototype.then.bind(Promise.resolve()):setTimeout,o=function(e,t){return e.__v.__b-t.__v.__b},E.__r=0,s=Math.random().toString(8),c=`__d`+s,l=`__a`+s,u=/(PointerCapture)$|Capture$/i,d=0,f=A(!1),p=A(!0);var me=function(e,t,n,r){var i;t[0]=0;for(var a=1;a<t.length;a++){var o=t[a++],s=t[a]?(t[0]|=o?1:2,n[t[a++]]):t[++a];o===3?r[0]=s:o===4?r[1]=Object.assign(r[1]||{},s):o===5?(r[1]=r[1]||{})[t[++a]]=s:o===6?r[1][t[++a]]+=s+``:o?(i=e.apply(s,me(e,s,n,[``,null])),r.push(i),s[0]?t[0]|=2:(t[a-2]=0,t[a]=i)):r.push(s)}return r},he=new Map;function ge(e){var t=he.get(this);return t||(t=new Map,he.set(this,t)),(t=me(this,t.get(e)||(t.set(e,t=function(e){for(var t,n,r=1,i=``,a=``,o=[0],s=function(e){r===1&&(e||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,``)))?o.push(0,e,i):r===3&&(e||i)?(o.push(3,e,i),r=2):r===2&&i===`...`&&e?o.push(4,e,0):r===2&&i&&!e?o.push(5,0,!0,i):r>=5&&((i||!e&&r===5)&&(o.push(r,0,i,n),r=6),e&&(o.push(r,e,0,n),r=6)),i=``},c=0;c<e.length;c++){c&&(r===1&&s(),s(c));for(var l=0;l<e[c].length;l++)t=e[c][l],r===1?t===`<`?(s(),o=[o],r=3):i+=t:r===4?i===`--`&&t===`>`?(r=1,i=``):i=t+i[0]:a?t===a?a=``:i+=t:t===`"`||t===`'`?a=t:t===`>`?(s(),r=1):r&&(t===`=`?(r=5,n=i,i=``):t===`/`&&(r<5||e[c][l+1]===`>`)?(s(),r===3&&(o=o[0]),r=o,(o=o[0]).push(2,0,r),r=0):t===` `||t===`	`||t===`
`||t===`\r`?(s(),r=2):i+=t),r===3&&i===`!--`&&(r=4,o=o[0])}return s(),o}(e)),t),arguments,[])).length>1?t:t[0]}var j=ge.bind(y);function _e(e=globalThis.crypto){if(typeof e.randomUUID==`function`)return e.randomUUID();let t=e.getRandomValues(new Uint8Array(16));t[6]=t[6]&15|64,t[8]=t[8]&63|128;let n=[...t].map(e=>e.toString(16).padStart(2,`0`)).join(``);return`${n.slice(0,8)}-${n.slice(8,12)}-${n.slice(12,16)}-${n.slice(16,20)}-${n.slice(20)}`}function ve(e=`r`){let t=0;return()=>`${e}${++t}`}function ye(e){return String(e||``).replace(/-/g,``).slice(-6)}var be=6e4,xe=60*be,Se=24*xe;function Ce(e){let t=typeof e==`number`?e:Date.parse(e||``);return Number.isFinite(t)?t:0}function we(e,t=Date.now()){let n=Ce(e);if(!n)return``;let r=t-n;if(r<be)return`now`;if(r<xe)return`${Math.floor(r/be)}m`;let i=new Date(n),a=new Date(t);if(r<Se&&i.getDate()===a.getDate())return`${Math.floor(r/xe)}h`;let o=Math.round((ke(t)-ke(n))/Se);if(o<=1)return`Yesterday`;if(o<7)return i.toLocaleDateString(void 0,{weekday:`short`});let s=i.getFullYear()===a.getFullYear();return i.toLocaleDateString(void 0,s?{month:`short`,day:`numeric`}:{month:`short`,day:`numeric`,year:`numeric`})}function Te(e){let t=Ce(e);return t?new Date(t).toLocaleTimeString(void 0,{hour:`2-digit`,minute:`2-digit`}):``}function Ee(e,t=Date.now()){let n=Ce(e),r=Math.round((ke(t)-ke(n))/Se);return r===0?`Today`:r===1?`Yesterday`:new Date(n).toLocaleDateString(void 0,{weekday:`long`,month:`long`,day:`numeric`,year:`numeric`})}function M(e){let t=Ce(e);return t?new Date(t).toLocaleString(void 0,{dateStyle:`medium`,timeStyle:`short`}):``}function De(e,t=Date.now()){let n=Ce(e);if(!n)return``;let r=n-t,i=Oe(Math.abs(r));return r>=0?`due in ${i}`:`overdue by ${i}`}function Oe(e){let t=Math.max(1,Math.round(e/be));if(t<60)return`${t}m`;if(t<1440){let e=Math.floor(t/60),n=t%60;return n?`${e}h ${n}m`:`${e}h`}let n=Math.round(t/60),r=Math.floor(n/24),i=n%24;return i?`${r}d ${i}h`:`${r}d`}function ke(e){let t=new Date(e);return t.setHours(0,0,0,0),t.getTime()}var Ae=class extends Error{constructor(e,t,n){super(n),this.status=e,this.code=t}},je=null,Me=()=>{};function Ne({accessToken:e,unauthorized:t}){je=e,t&&(Me=t)}function Pe(e,t={}){let n=new URLSearchParams;for(let[e,r]of Object.entries(t))r!==``&&r!=null&&r!==!1&&n.set(e,String(r));let r=n.toString();return r?`${e}?${r}`:e}async function N(e,{method:t=`GET`,body:n,form:r,query:i,auth:a=!0}={}){let o={accept:`application/json`};n!==void 0&&(o[`content-type`]=`application/json`),a&&je&&(o.authorization=`Bearer ${je}`);let s;try{s=await fetch(Pe(e,i),{method:t,headers:o,body:r===void 0?n===void 0?void 0:JSON.stringify(n):r,credentials:`same-origin`})}catch{throw new Ae(0,`unavailable`,`The server cannot be reached. Check your connection.`)}let c=null;if((s.headers.get(`content-type`)||``).includes(`json`))try{c=await s.json()}catch{c=null}if(s.ok)return c;let l=c?.error?c.error:{},u=new Ae(s.status,l.code||(s.status===404?`not_found`:`internal`),l.message||`${t} ${e} failed (${s.status})`);throw s.status===401&&a&&Me(u),u}var Fe,P,Ie,Le,Re=0,ze=[],F=t,Be=F.__b,Ve=F.__r,He=F.diffed,Ue=F.__c,We=F.unmount,Ge=F.__;function Ke(e,t){F.__h&&F.__h(P,e,Re||t),Re=0;var n=P.__H||(P.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function I(e){return Re=1,qe(rt,e)}function qe(e,t,n){var r=Ke(Fe++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):rt(void 0,t),function(e){var t=r.__N?r.__N[0]:r.__[0],n=r.t(t,e);t!==n&&(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=P,!P.__f)){var i=function(e,t,n){if(!r.__c.__H)return!0;var i=!1,o=r.__c.props!==e;if(r.__c.__H.__.some(function(e){if(e.__N){i=!0;var t=e.__[0];e.__=e.__N,e.__N=void 0,t!==e.__[0]&&(o=!0)}}),a){var s=a.call(this,e,t,n);return i?s||o:s}return!i||o};P.__f=!0;var a=P.shouldComponentUpdate,o=P.componentWillUpdate;P.componentWillUpdate=function(e,t,n){if(this.__e){var r=a;a=void 0,i(e,t,n),a=r}o&&o.call(this,e,t,n)},P.shouldComponentUpdate=i}return r.__N||r.__}function L(e,t){var n=Ke(Fe++,3);!F.__s&&nt(n.__H,t)&&(n.__=e,n.u=t,P.__H.__h.push(n))}function Je(e,t){var n=Ke(Fe++,4);!F.__s&&nt(n.__H,t)&&(n.__=e,n.u=t,P.__h.push(n))}function R(e){return Re=5,Ye(function(){return{current:e}},[])}function Ye(e,t){var n=Ke(Fe++,7);return nt(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function Xe(e,t){return Re=8,Ye(function(){return e},t)}function Ze(){for(var e;e=ze.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(et),t.__h.some(tt),t.__h=[]}catch(n){t.__h=[],F.__e(n,e.__v)}}}F.__b=function(e){P=null,Be&&Be(e)},F.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Ge&&Ge(e,t)},F.__r=function(e){Ve&&Ve(e),Fe=0;var t=(P=e.__c).__H;t&&(Ie===P?(t.__h=[],P.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})):(t.__h.some(et),t.__h.some(tt),t.__h=[],Fe=0)),Ie=P},F.diffed=function(e){He&&He(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(ze.push(t)!==1&&Le===F.requestAnimationFrame||((Le=F.requestAnimationFrame)||$e)(Ze)),t.__H.__.some(function(e){e.u&&=(e.__H=e.u,void 0)})),Ie=P=null},F.__c=function(e,t){t.some(function(e){try{e.__h.some(et),e.__h=e.__h.filter(function(e){return!e.__||tt(e)})}catch(n){t.some(function(e){e.__h&&=[]}),t=[],F.__e(n,e.__v)}}),Ue&&Ue(e,t)},F.unmount=function(e){We&&We(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(e){try{et(e)}catch(e){t=e}}),n.__H=void 0,t&&F.__e(t,n.__v))};var Qe=typeof requestAnimationFrame==`function`;function $e(e){var t,n=function(){clearTimeout(r),Qe&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);Qe&&(t=requestAnimationFrame(n))}function et(e){var t=P,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),P=t}function tt(e){var t=P;e.__c=e.__(),P=t}function nt(e,t){return!e||e.length!==t.length||t.some(function(t,n){return t!==e[n]})}function rt(e,t){return typeof t==`function`?t(e):t}function it(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=e(t);if(r!==t){t=r;for(let e of[...n])try{e(t)}catch(e){setTimeout(()=>{throw e})}}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function z(e,t){let[,n]=qe(e=>e+1,0),r=R(t);r.current=t;let i=t(e.get()),a=R(i);return a.current=i,Je(()=>{let t=e=>{let t;try{t=!Object.is(r.current(e),a.current)}catch{t=!0}t&&n()},i=e.subscribe(t);return t(e.get()),i},[e]),i}var at=[`comfortable`,`compact`],ot=Object.freeze({density:`comfortable`,shortcuts:!0}),st=e=>`flowsupport.inbox.prefs.${e}`;function ct(e){let t=e&&typeof e==`object`?e:{};return{density:at.includes(t.density)?t.density:ot.density,shortcuts:typeof t.shortcuts==`boolean`?t.shortcuts:ot.shortcuts}}function lt(e,t=globalThis.localStorage){if(!e||!t)return{...ot};try{return ct(JSON.parse(t.getItem(st(e))||`null`))}catch{return{...ot}}}function ut(e,t,n=globalThis.localStorage){try{return n.setItem(st(e),JSON.stringify(ct(t))),!0}catch{return!1}}function dt(e,t=globalThis.document?.documentElement){t&&(t.dataset.density=ct(e).density)}var ft=`/inbox/settings`,pt=[{id:`profile`,label:`Profile`,icon:`user`,admin:!1},{id:`team`,label:`Team`,icon:`users`,admin:!0},{id:`api-keys`,label:`API keys`,icon:`key`,admin:!0},{id:`widget`,label:`Widget`,icon:`api`,admin:!0},{id:`channels`,label:`Channels`,icon:`plug`,admin:!0},{id:`ai`,label:`AI answers`,icon:`sparkle`,admin:!0},{id:`sla`,label:`SLA & hours`,icon:`clock`,admin:!0},{id:`fields`,label:`Ticket fields`,icon:`tag`,admin:!0},{id:`kb`,label:`Knowledge base`,icon:`book`,admin:!0}],mt=new Set([`admin`,`super_admin`]);function ht(e){return mt.has(e)}function gt(e){let t=ht(e?.role);return pt.filter(e=>t||!e.admin)}function _t(e){return pt.find(t=>t.id===e)||null}function vt(e){return`${ft}/${encodeURIComponent(e||`profile`)}`}function yt(e){let t=/^\/inbox\/settings(?:\/([^/]*))?\/?$/.exec(e||``);if(!t)return null;try{return decodeURIComponent(t[1]||``)||`profile`}catch{return t[1]}}var bt=`flowsupport.inbox.session`,xt=[{value:`active`,label:`Active`,statuses:[`open`,`waiting_human`,`pending`]},{value:`open`,label:`Open`,statuses:[`open`]},{value:`waiting_human`,label:`Waiting for human`,statuses:[`waiting_human`]},{value:`pending`,label:`Pending`,statuses:[`pending`]},{value:`resolved`,label:`Resolved`,statuses:[`resolved`]},{value:`closed`,label:`Closed`,statuses:[`closed`]},{value:`all`,label:`All`,statuses:null}];function St(){return{session:Ot(),conn:`connecting`,connProblem:null,presence:{count:0,agents:[]},names:{},staff:{state:`idle`,loading:!1,users:null},route:wt(globalThis.location),lastConversationId:null,lastTicketId:null,lastSettingsPage:null,convs:{},list:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null,source:`http`},filters:{status:`active`,assignee:``,channel:``,q:``},cursor:null,seen:{},unread:{},unreadServer:{},readUpTo:{},threads:{},streams:{},typing:{},viewers:{},visitorRead:{},drafts:{},composerMode:`reply`,contacts:{},tickets:{},ticketList:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null},ticketFilters:{status:``,priority:``,assignee:``,q:``},ticketDetail:{},toasts:[],help:!1,prefs:lt(null)}}var B=it(St());function V(e,t,n,r){let i=e[t],a=i[n],o=typeof r==`function`?r(a):{...a,...r};return o===a?e:{...e,[t]:{...i,[n]:o}}}function Ct(e,t,n){if(!(n in e[t]))return e;let{[n]:r,...i}=e[t];return{...e,[t]:i}}function wt(e){let t=yt(e?.pathname);return t?{view:`settings`,page:t,conversationId:null,ticketId:null}:Et(e?.hash||``)}function Tt(e){return e.view===`settings`?vt(e.page):`/inbox${Dt(e)}`}function Et(e){let t=e.replace(/^#\/?/,``).split(`/`).filter(Boolean).map(decodeURIComponent);return t[0]===`tickets`?{view:`tickets`,conversationId:null,ticketId:t[1]||null}:{view:`conversations`,conversationId:t[1]||null,ticketId:null}}function Dt(e){return e.view===`tickets`?e.ticketId?`#/tickets/${encodeURIComponent(e.ticketId)}`:`#/tickets`:e.conversationId?`#/conversations/${encodeURIComponent(e.conversationId)}`:`#/conversations`}function Ot(){try{let e=JSON.parse(sessionStorage.getItem(bt)||`null`);if(e?.token&&e.user&&e.expiresAt>Date.now())return e}catch{}return null}function kt(e){try{e?sessionStorage.setItem(bt,JSON.stringify(e)):sessionStorage.removeItem(bt)}catch{}}var At=2e3;function jt(e){return Ft(`flowsupport.inbox.seen.${e}`)||{}}function Mt(e,t){let n=Object.entries(t);n.length>At&&(n=n.slice(n.length-At)),It(`flowsupport.inbox.seen.${e}`,Object.fromEntries(n))}function Nt(e){return Ft(`flowsupport.inbox.names.${e}`)||{}}function Pt(e,t){It(`flowsupport.inbox.names.${e}`,t)}function Ft(e){try{return JSON.parse(localStorage.getItem(e)||`null`)}catch{return null}}function It(e,t){try{localStorage.setItem(e,JSON.stringify(t))}catch{}}var Lt=0;function Rt(e,t=`error`){let n=++Lt;B.set(r=>({...r,toasts:[...r.toasts.filter(t=>t.text!==e),{id:n,text:e,kind:t}].slice(-4)})),setTimeout(()=>zt(n),t===`error`?7e3:4e3)}function zt(e){B.set(t=>t.toasts.some(t=>t.id===e)?{...t,toasts:t.toasts.filter(t=>t.id!==e)}:t)}function H(e,t){if(!e)return;let n=e.message||`Something went wrong`;Rt(t?`${t}: ${n}`:n,`error`)}function Bt(e=0){return{last:e,until:e,ahead:[]}}function Vt(e,t){return t>e.until?{...e,until:t}:e}function Ht(e,t){if(!Number.isInteger(t))return{seqs:e,verdict:`old`};let n=t,{last:r,until:i,ahead:a}=e;n>i&&r<i&&(r=i);let o=`old`;n>r&&(n===r+1||n<=i)?(a.includes(n)||(o=`next`),r=n):n>r&&(o=`gap`,a.includes(n)||(a=[...a,n].sort((e,t)=>e-t)));let s=0;for(;s<a.length&&a[s]<=r+1;)r=Math.max(r,a[s++]);return s&&(a=a.slice(s)),r===e.last&&i===e.until&&a===e.ahead?{seqs:e,verdict:o}:{seqs:{last:r,until:i,ahead:a},verdict:o}}function Ut(e=0){return{next:e,text:``,early:{}}}function Wt(e,t,n){if(!Number.isInteger(t)||typeof n!=`string`)return e;let r=t;if(r<e.next||Object.hasOwn(e.early,r))return e;let i={...e.early,[r]:n},{next:a,text:o}=e;for(;Object.hasOwn(i,a);)o+=i[a],delete i[a],a+=1;return{next:a,text:o,early:i}}function Gt(){return{messages:[],seq:Bt(0),ready:!1,truncated:!1,pending:[]}}function Kt(e,t){let n=e.messages,r=n.findIndex(e=>e.id===t.id||e.seq===t.seq),i;r>=0?(i=n.slice(),i[r]=t):i=!n.length||n[n.length-1].seq<t.seq?[...n,t]:[...n,t].sort((e,t)=>e.seq-t.seq);let a=t.client_msg_id?e.pending.filter(e=>e.client_msg_id!==t.client_msg_id):e.pending;return{...e,messages:i,pending:a}}function qt(e,t){return t.reduce(Kt,e)}function Jt(e,t){return{...e,pending:[...e.pending,t]}}var Yt=3e5;function Xt(e,t){let n=[],r=null,i=null;for(let a of e){let e=t(a.created_at);e!==r&&(n.push({kind:`day`,key:`day-${a.seq??a.id}`,label:e}),r=e,i=null);let o=a.sender||{},s=Date.parse(a.created_at)||0;o.kind===`system`?(n.push({kind:`system`,key:`m-${a.id}`,message:a}),i=null):i&&i.sender.kind===o.kind&&(i.sender.id||null)===(o.id||null)&&i.private===!!a.private&&i.comment===!!a.comment&&o.kind!==`ai`&&s-i.lastAt<=Yt?(i.messages.push(a),i.lastAt=s):(i={kind:`group`,key:`g-${a.id}`,sender:o,private:!!a.private,comment:!!a.comment,messages:[a],lastAt:s},n.push(i))}return n}function Zt(e,t){if(!t?.length)return e;let n=new Set(e.map(e=>e.client_msg_id).filter(Boolean)),r=new Set(e.filter(e=>!e.private).map(e=>`${e.sender?.id||``}\u0000${String(e.body||``).trim()}`)),i=t.filter(e=>!n.has(`comment-${e.id}`)&&!(e.public&&r.has(`${e.author?.id||``}\u0000${String(e.body||``).trim()}`))).map(e=>({id:`comment-${e.id}`,comment:!0,sender:e.author||{kind:`agent`},body:e.body,private:!e.public,created_at:e.created_at}));if(!i.length)return e;let a=e=>Date.parse(e.created_at)||0,o=[],s=0;for(let t of e){for(;s<i.length&&a(i[s])<a(t);)o.push(i[s++]);o.push(t)}for(;s<i.length;)o.push(i[s++]);return o}function Qt(e,t){return!!e.unreadServer[t]}function $t(e,t,n){let r={...e.unreadServer,[t]:n},i=n.count+n.live.length;return e.unread[t]===i?{...e,unreadServer:r}:{...e,unreadServer:r,unread:{...e.unread,[t]:i}}}function en(e,t,n=0){if(!t||typeof t.unread_count!=`number`)return e;let r=e.unreadServer[t.id],i=Number(t.last_seq)||0;if(r&&i<r.seq)return e;let a=i<=n?0:Math.max(0,Math.floor(t.unread_count)),o=(r?.live||[]).filter(e=>e>i);return $t(e,t.id,{seq:i,count:a,live:o})}function tn(e,t,{reading:n}){let r=t.conversation_id,i=e.unreadServer[r];return!i||n||t.sender?.kind!==`visitor`||!(t.seq>i.seq)||i.live.includes(t.seq)?e:$t(e,r,{...i,live:[...i.live,t.seq]})}function nn(e,t,n){let r=e.unreadServer[t];if(!r)return e;let i=r.live.filter(e=>e>n);return $t(e,t,{seq:Math.max(r.seq,n),count:n>=r.seq?0:r.count,live:i})}var rn=15e3,an=new Set([4001,4003]);function on(e,t=Math.random){let n=Math.min(rn,500*2**Math.min(e,16));return Math.floor(t()*n)}function sn(e=Math.random){return Math.round(100+e()*400)}function cn({code:e,attempt:t,stable:n=!1,welcomed:r=!1},i=Math.random){if(an.has(e))return null;let a=r&&(e===1012||e===1001),o=n||a?0:t;return{attempt:o+1,delay:a?sn(i):on(o,i)}}var ln=`flowsupport.v1.json`,un=`disconnected`,dn=`timeout`,fn=1,pn=1e4,mn=15e3,hn=2e4,gn=25,_n=new Set([un,dn,`unavailable`,`rate_limited`,`internal`]),vn=class extends Error{constructor(e,t,n={}){super(t),this.name=`RequestError`,this.code=e,this.retry_after_ms=n.retry_after_ms}get retryable(){return _n.has(this.code)}};function yn(e=globalThis.location.origin){return`${e.replace(/^http/,`ws`).replace(/\/+$/,``)}/v1/ws`}var bn=class{constructor(e){this.url=e.url,this.hello=e.hello,this.onWelcome=e.onWelcome,this.onFrame=e.onFrame||(()=>{}),this.onStatus=e.onStatus||(()=>{}),this.onUnauthorized=e.onUnauthorized||(()=>!1),this.WebSocket=e.WebSocket||globalThis.WebSocket,this.random=e.random||Math.random,this.requestTimeoutMs=e.requestTimeoutMs||hn,this.ws=null,this.active=!1,this.halted=!1,this.everConnected=!1,this.welcomedAt=0,this.heartbeatMs=gn*1e3,this.attempt=0,this.nextId=ve(`r`),this.pending=new Map,this.retryTimer=null,this.pingTimer=null,this.pongTimer=null,this.retryNow=this.retryNow.bind(this)}get ready(){return this.welcomedAt>0}start(){this.active||(this.active=!0,globalThis.addEventListener?.(`online`,this.retryNow),this.connect())}stop(){this.active&&(this.active=!1,globalThis.removeEventListener?.(`online`,this.retryNow),clearTimeout(this.retryTimer),this.retryTimer=null,this.detach(),this.onStatus(`stopped`,{}))}restart(){this.active&&(this.halted=!1,this.attempt=0,this.detach(),this.connect())}retryNow(){this.retryTimer&&this.connect()}request(e,{timeoutMs:t=this.requestTimeoutMs}={}){if(!this.ready)return Promise.reject(new vn(un,`Not connected; retrying shortly`));let n=this.nextId();return new Promise((r,i)=>{let a=setTimeout(()=>{this.pending.delete(n),i(new vn(dn,`The server did not answer in time`))},t);this.pending.set(n,{resolve:r,reject:i,timer:a}),this.write({...e,id:n})})}send(e){return this.ready&&this.write(e)}connect(){if(clearTimeout(this.retryTimer),this.retryTimer=null,!this.active||this.halted||this.ws)return;this.onStatus(`connecting`,{});let e;try{e=new this.WebSocket(this.url,[ln])}catch{this.ended(1006,``,{welcomed:!1,stable:!1});return}this.ws=e,e.onopen=()=>{this.write(this.hello()),this.pongTimer=setTimeout(()=>this.silent(),mn)},e.onmessage=t=>this.receive(e,t.data),e.onclose=t=>{e===this.ws&&this.ended(t.code,t.reason||``,this.detach())},e.onerror=()=>{}}write(e){let t=this.ws;if(!t||t.readyState!==fn)return!1;try{return t.send(JSON.stringify(e)),!0}catch{return!1}}receive(e,t){if(e!==this.ws||typeof t!=`string`)return;let n;try{n=JSON.parse(t)}catch{return}if(!n||typeof n.type!=`string`)return;if(!this.ready){if(n.type!==`welcome`)return;let e=this.everConnected;this.everConnected=!0,this.welcomedAt=Date.now(),this.heartbeatMs=Math.max(5,Number(n.heartbeat_s)||gn)*1e3,this.heard(),this.onStatus(`connected`,{}),this.onWelcome(n,{resumed:e});return}this.heard();let r=typeof n.id==`string`?this.pending.get(n.id):void 0;if(r&&(n.type===`ack`||n.type===`error`)){if(this.pending.delete(n.id),clearTimeout(r.timer),n.type===`ack`)r.resolve(n);else{let e=new vn(String(n.code||`internal`),String(n.message||`Request failed`),{retry_after_ms:Number(n.retry_after_ms)||void 0});r.reject(e)}}else n.type!==`pong`&&this.onFrame(n)}heard(){clearTimeout(this.pongTimer),this.pongTimer=null,clearTimeout(this.pingTimer),this.ready&&(this.pingTimer=setTimeout(()=>{this.write({type:`ping`,id:this.nextId()}),this.pongTimer=setTimeout(()=>this.silent(),pn)},this.heartbeatMs))}silent(){this.ws&&this.ended(1006,`no answer from the server`,this.detach())}detach(){let e=this.ws,t=this.ready,n=t&&Date.now()-this.welcomedAt>=1e4;if(this.ws=null,this.welcomedAt=0,clearTimeout(this.pingTimer),clearTimeout(this.pongTimer),this.pingTimer=this.pongTimer=null,e){e.onopen=e.onmessage=e.onclose=e.onerror=null;try{e.close(1e3)}catch{}}let r=[...this.pending.values()];this.pending.clear();for(let{reject:e,timer:t}of r)clearTimeout(t),e(new vn(un,`Connection lost; retrying`));return{welcomed:t,stable:n}}ended(e,t,{welcomed:n,stable:r}){if(!this.active)return;if(e===4001&&this.onUnauthorized(t)){this.attempt=0,this.onStatus(`offline`,{code:e,reason:t,delay:0}),this.retryTimer=setTimeout(()=>this.connect(),0);return}let i=cn({code:e,attempt:this.attempt,stable:r,welcomed:n},this.random);i?(this.attempt=i.attempt,this.onStatus(`offline`,{code:e,reason:t,delay:i.delay}),this.retryTimer=setTimeout(()=>this.connect(),i.delay)):(this.halted=!0,this.onStatus(`failed`,{code:e,reason:t}))}},U=null,xn=!1;function Sn(){return xn}function Cn({handlers:e,...t}){wn(),U=new bn({...t,onFrame:t=>{let n=Object.hasOwn(e,t.type)?e[t.type]:null;if(n){xn=!0;try{n(t)}finally{xn=!1}}}}),U.start()}function wn(){let e=U;U=null,e?.stop()}function Tn(){return!!U&&U.ready}function En(){return!!U&&U.everConnected}function W(e,t={},n={}){return U?U.request({...t,type:e},n):Promise.reject(new vn(un,`Not connected`))}function Dn(e){return U?U.send(e):!1}var On=50,kn=0;function An(e){return(xt.find(t=>t.value===e)||xt[0]).statuses}function jn(e,t){let n=An(e.status);return{status:n?n.join(`,`):``,assignee:e.assignee,channel:e.channel,q:e.q.trim(),limit:On,cursor:t}}function Mn(e,t,n){let r=An(t.status);if(r&&!r.includes(e.status)||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.channel&&e.channel!==t.channel)return!1;let i=t.q.trim().toLowerCase();return!(i&&![e.subject,e.contact?.name,e.contact?.email,e.preview?.body].filter(Boolean).join(` `).toLowerCase().includes(i))}function Nn(e){return Math.max(Ce(e.updated_at),Ce(e.preview?.created_at),e.activity||0)}function Pn(e){let t=e.session?.user.id,n=e.route.conversationId;return e.list.ids.map(t=>e.convs[t]).filter(r=>r&&(r.id===n||Mn(r,e.filters,t))).sort((e,t)=>Nn(t)-Nn(e)||(e.id<t.id?1:-1)).map(e=>e.id)}function G(e,t){if(t=t.filter(e=>e?.id),!t.length)return e;let n={...e.convs};for(let e of t){let t=n[e.id]||{},[r,i]=Number(e.last_seq)<Number(t.last_seq)?[e,t]:[t,e];n[e.id]={...r,...i,contact:i.contact||r.contact,preview:i.preview===void 0?r.preview:i.preview}}return t.reduce((e,t)=>en(e,t,e.readUpTo[t.id]||0),{...e,convs:n})}async function Fn(){let e=++kn,{filters:t}=B.get();B.set(e=>({...e,list:{...e.list,loading:!0,error:null}}));try{let n=await N(`/v1/conversations`,{query:jn(t)});if(e!==kn)return;B.set(e=>{let t=G(e,n.conversations),r=n.conversations.map(e=>e.id);return{...t,list:{...e.list,ids:r,loading:!1,nextCursor:n.next_cursor,source:`http`}}}),Kn(n.conversations.map(e=>e.id))}catch(t){if(e!==kn)return;if(t.status===404||t.status===405){B.set(e=>({...e,list:{...e.list,loading:!1,source:`ws`,ids:Object.keys(e.convs)}}));return}B.set(e=>({...e,list:{...e.list,loading:!1,error:t.message}}))}}async function In(){let{filters:e,list:t}=B.get();if(!t.nextCursor||t.loadingMore)return;let n=kn;B.set(e=>({...e,list:{...e.list,loadingMore:!0}}));try{let r=await N(`/v1/conversations`,{query:jn(e,t.nextCursor)});if(n!==kn)return;B.set(e=>{let t=G(e,r.conversations),n=[...new Set([...e.list.ids,...r.conversations.map(e=>e.id)])];return{...t,list:{...e.list,ids:n,loadingMore:!1,nextCursor:r.next_cursor}}}),Kn(r.conversations.map(e=>e.id))}catch(e){B.set(e=>({...e,list:{...e.list,loadingMore:!1}})),H(e,`Loading more conversations`)}}var Ln=null;function Rn(e){B.set(t=>({...t,filters:{...t.filters,...e}})),clearTimeout(Ln),`q`in e?Ln=setTimeout(Fn,250):Fn()}function zn(e){B.set(t=>{let n=G(t,e);if(t.list.source!==`ws`)return n;let r=[...new Set([...t.list.ids,...e.map(e=>e.id)])];return{...n,list:{...n.list,ids:r}}}),Kn(e.map(e=>e.id))}function Bn(e,t){if(e.list.ids.includes(t))return e;let n=e.convs[t];return!n||!Mn(n,e.filters,e.session?.user.id)?e:{...e,list:{...e.list,ids:[t,...e.list.ids]}}}var Vn=null;function Hn(){clearTimeout(Vn),Vn=setTimeout(async()=>{let{filters:e,list:t}=B.get();if(t.source===`ws`)W(`inbox.subscribe`,{}).then(e=>zn(e.conversations||[])).catch(()=>{});else try{let t=await N(`/v1/conversations`,{query:{...jn({...e,status:`all`,assignee:``,channel:``,q:``}),limit:20}});B.set(e=>t.conversations.reduce((e,t)=>Bn(e,t.id),G(e,t.conversations)))}catch{}},300)}var K={},Un=[],Wn=0;function Gn(){K={},Un=[]}function Kn(e){let t=B.get(),n=t.session?.user.id;for(let n of e){let e=t.convs[n],r=t.seen[n]||0;!e||Qt(t,n)||e.last_seq<=Math.max(r,K[n]||0)||n===t.route.conversationId||Un.includes(n)||Un.push(n)}for(;Wn<4&&Un.length;){let e=Un.shift();Wn+=1;let t=B.get().seen[e]||0;N(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:t,limit:200}}).then(r=>{let i=e=>e.sender?.kind===`agent`&&e.sender?.id===n,a=r.messages.filter(e=>!i(e)),o=r.messages.reduce((e,t)=>Math.max(e,t.seq),t);K[e]=Math.max(K[e]||0,o),B.set(t=>t.route.conversationId===e?t:V(t,`unread`,e,()=>a.length))}).catch(()=>{}).finally(()=>{--Wn,Kn([])})}}function qn(e,t,{reading:n}){let r=t.conversation_id,i=e.session?.user.id;return Qt(e,r)?tn(e,t,{me:i,reading:n}):t.sender?.kind===`agent`&&t.sender?.id===i||n||t.seq<=(e.seen[r]||0)||t.seq<=(K[r]||0)?e:(K[r]=t.seq,V(e,`unread`,r,e=>(e||0)+1))}function Jn(e,t,n=!0){B.set(r=>{if(Qt(r,e))return!n||(r.readUpTo[e]||0)>=t&&!r.unread[e]?r:nn({...r,readUpTo:{...r.readUpTo,[e]:Math.max(r.readUpTo[e]||0,t)}},e,t);if((r.seen[e]||0)>=t&&!r.unread[e])return r;K[e]=Math.max(K[e]||0,t);let i={...r,seen:{...r.seen,[e]:Math.max(r.seen[e]||0,t)},unread:{...r.unread,[e]:0}};return Mt(r.session.user.id,i.seen),i})}async function Yn(e){let t=B.get().threads[e];if(!t||t.loadingOlder||!t.truncated)return;let n=t.truncatedAt||0,r=t.messages.reduce((e,t)=>t.seq<=n?Math.max(e,t.seq):e,0);B.set(t=>V(t,`threads`,e,{loadingOlder:!0}));try{let t=[];for(;r<n;){let i=await N(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:r,limit:1e3}});if(t.push(...i.messages.filter(e=>e.seq<=n)),i.next_after_seq==null||!i.messages.length)break;r=i.next_after_seq}B.set(n=>V(n,`threads`,e,e=>({...qt(e,t),truncated:!1,loadingOlder:!1})))}catch(t){B.set(t=>V(t,`threads`,e,{loadingOlder:!1})),H(t,`Loading earlier messages`)}}async function Xn(e,{force:t=!1}={}){if(!e)return;let n=B.get().contacts[e];if(!n||t||n.state===`error`){n||B.set(t=>V(t,`contacts`,e,{state:`loading`}));try{let t=await N(`/v1/contacts/${encodeURIComponent(e)}`);B.set(n=>{let r=V(n,`contacts`,e,{state:`ok`,profile:t}),i={...r.tickets};for(let e of t.tickets||[])i[e.id]={...i[e.id],...e};r={...r,tickets:i};let a={id:t.contact.id,name:t.contact.name,email:t.contact.email},o={...r.convs};for(let t of Object.values(o))t.contact_id===e&&(o[t.id]={...t,contact:a});return{...r,convs:o}})}catch(t){let n=t.status===404||t.status===405?`missing`:`error`;B.set(r=>V(r,`contacts`,e,{state:n,error:t.message}))}}}var Zn=0;function Qn(e){return e.name||e.email||``}function $n(e,t){return e.staff.state===`ok`&&!!e.staff.users?.some(e=>e.id===t)}function er(e,t){if(e.staff.state!==`ok`||!t)return null;let n=e.staff.users?.find(e=>e.id===t);return n&&Qn(n)||null}async function tr(){let e=B.get().session;if(!e)return;let t=++Zn;B.set(e=>({...e,staff:{...e.staff,loading:!0}}));let n;try{let e=await N(`/v1/users`);if(n=Array.isArray(e?.users)?e.users:null,!n)throw Error(`malformed staff list`)}catch(n){if(t!==Zn||B.get().session!==e)return;let r=n.status===403||n.status===404||n.status===405?`unavailable`:`error`;B.set(e=>({...e,staff:{...e.staff,loading:!1,state:e.staff.users?e.staff.state:r}}));return}t===Zn&&B.get().session===e&&B.set(e=>{let t={...e.names};for(let e of n){let n=Qn(e);e.id&&n&&(t[e.id]=n)}return Pt(e.session.user.tenant_id,t),{...e,names:t,staff:{state:`ok`,loading:!1,users:n}}})}var nr=0;function rr(e,t){return{...e,q:e.q.trim(),limit:50,cursor:t}}function ir(e,t,n){return!(t.status&&e.status!==t.status||t.priority&&e.priority!==t.priority||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.q.trim()&&!e.subject.toLowerCase().includes(t.q.trim().toLowerCase()))}function ar(e){let t=e.session?.user.id,n=e.route.ticketId;return e.ticketList.ids.map(t=>e.tickets[t]).filter(r=>r&&(r.id===n||ir(r,e.ticketFilters,t))).sort((e,t)=>Date.parse(t.updated_at)-Date.parse(e.updated_at)||t.number-e.number).map(e=>e.id)}function or(e,t){let n={...e.tickets};for(let e of t)n[e.id]={...n[e.id],...e};return{...e,tickets:n}}async function sr(){let e=++nr,t=B.get().ticketFilters;B.set(e=>({...e,ticketList:{...e.ticketList,loading:!0,error:null}}));try{let n=await N(`/v1/tickets`,{query:rr(t)});if(e!==nr)return;B.set(e=>({...or(e,n.tickets),ticketList:{...e.ticketList,ids:n.tickets.map(e=>e.id),loading:!1,nextCursor:n.next_cursor,loaded:!0}}))}catch(t){if(e!==nr)return;B.set(e=>({...e,ticketList:{...e.ticketList,loading:!1,error:t.message}}))}}async function cr(){let{ticketFilters:e,ticketList:t}=B.get();if(t.nextCursor&&!t.loadingMore){B.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!0}}));try{let n=await N(`/v1/tickets`,{query:rr(e,t.nextCursor)});B.set(e=>({...or(e,n.tickets),ticketList:{...e.ticketList,ids:[...new Set([...e.ticketList.ids,...n.tickets.map(e=>e.id)])],loadingMore:!1,nextCursor:n.next_cursor}}))}catch(e){B.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!1}})),H(e,`Loading more tickets`)}}}var lr=null;function ur(e){B.set(t=>({...t,ticketFilters:{...t.ticketFilters,...e}})),clearTimeout(lr),`q`in e?lr=setTimeout(sr,250):sr()}function dr(){let e=B.get();e.ticketList.loaded&&sr(),e.route.ticketId&&fr(e.route.ticketId)}async function fr(e,{quiet:t=!1}={}){B.get().ticketDetail[e]||B.set(t=>V(t,`ticketDetail`,e,{state:`loading`,comments:[]}));try{let{comments:t,...n}=await N(`/v1/tickets/${encodeURIComponent(e)}`);B.set(r=>{let i=or(r,[n]);i=V(i,`ticketDetail`,e,{state:`ok`,comments:t||[]});let a={...i.names};for(let e of t||[]){let t=e.author;t?.kind===`agent`&&t.id&&t.name&&!$n(i,t.id)&&(a[t.id]=t.name)}return{...i,names:a}})}catch(n){B.set(t=>V(t,`ticketDetail`,e,{state:n.status===404?`missing`:`error`,error:n.message})),!t&&n.status!==404&&H(n,`Loading the ticket`)}}function pr(e){let t=e.ticket;if(!t)return;B.set(e=>{let n=or(e,[t]);return!n.ticketList.ids.includes(t.id)&&n.ticketList.loaded&&ir(t,n.ticketFilters,n.session?.user.id)&&(n={...n,ticketList:{...n.ticketList,ids:[t.id,...n.ticketList.ids]}}),n});let n=e.changes||[];e.type===`ticket.sla_breached`&&Rt(`Ticket #${t.number} missed its ${String(n[0]||`SLA`).replace(`_`,` `)} target`,`warning`),B.get().ticketDetail[t.id]&&(n.includes(`comments`)||e.type===`ticket.created`)&&fr(t.id,{quiet:!0})}async function mr(e,t){let n=B.get().tickets[e];B.set(n=>V(n,`tickets`,e,t));try{let n=await N(`/v1/tickets/${encodeURIComponent(e)}`,{method:`PATCH`,body:t});B.set(t=>V(t,`tickets`,e,n))}catch(r){n&&B.set(r=>V(r,`tickets`,e,Object.fromEntries(Object.keys(t).map(e=>[e,n[e]])))),H(r,`Ticket not changed`)}}async function hr(e,t,n){try{let r=await N(`/v1/tickets/${encodeURIComponent(e)}/comments`,{method:`POST`,body:{body:t,public:n}});return B.set(t=>V(t,`ticketDetail`,e,e=>{let t=(e?.comments||[]).filter(e=>e.id!==r.id);return{...e||{state:`ok`},comments:[...t,r]}})),!0}catch(e){return H(e,`Comment not added`),!1}}function gr(e,t){let n=Array.isArray(e.breaches)?e.breaches:[],r=`sla_paused_at`in e?!!e.sla_paused_at:e.status===`pending`||e.status===`solved`,i=null;e.status===`closed`?i=null:r?i=e.due_at||n.length||e.sla_paused_at?`paused`:null:e.due_at&&(i=`running`);let a=Date.parse(e.due_at||``);return{clock:i,breached:n,soon:i===`running`&&Number.isFinite(a)&&a-t<36e5}}var _r=1e3,q=new Set,vr=new Set,yr=new Set;function br({handlers:e,onUnauthorized:t,url:n,WebSocket:r}){xr(),B.get().session&&Cn({url:n||yn(),WebSocket:r,handlers:e,hello:()=>({type:`hello`,token:B.get().session?.token,client:`flowsupport-inbox/0.1`}),onWelcome:Sr,onStatus:(e,{code:n})=>{let r=`stopped`;e===`connected`?r=`connected`:(e===`connecting`||e===`offline`)&&(r=En()?`reconnecting`:`connecting`),B.set(e=>e.conn===r?e:{...e,conn:r}),e===`failed`&&(n===4003?B.set(e=>({...e,connProblem:`This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).`})):t())}})}function xr(){wn(),q.clear(),vr.clear(),yr.clear();for(let e of Object.keys(Mr))delete Mr[e];for(let e of Object.keys(J))clearTimeout(J[e].idleTimer),delete J[e];for(let e of Object.keys(jr))delete jr[e]}function Sr(e,{resumed:t}){W(`inbox.subscribe`,{}).then(e=>zn(e.conversations||[])).catch(e=>H(e,`Inbox`));let n=new Set([...q,...yr,B.get().route.conversationId].filter(Boolean));q.clear();for(let e of n)Cr(e);t&&(Fn(),dr(),tr()),zr()}function Cr(e){if(B.set(t=>t.threads[e]?t:V(t,`threads`,e,()=>Gt())),!Tn())return;let t=B.get().threads[e];q.add(e),vr.add(e);let n=t.messages.length>0;W(`subscribe`,{conversation_id:e,after_seq:t.seq.last}).then(t=>{B.set(n=>{let r=G(n,[t.conversation]);return r=V(r,`threads`,e,e=>{e||=Gt();let n=Vt(e.seq,Number(t.last_seq)||0);if(!t.truncated)return{...e,seq:n,ready:!0,error:null};let r=t.last_seq-_r;return{...e,seq:n,ready:!0,error:null,truncated:!0,truncatedAt:Math.max(e.truncatedAt||0,r)}}),r}),t.truncated&&n&&Yn(e),Fr(e)}).catch(t=>{q.delete(e),B.set(n=>V(n,`threads`,e,e=>({...e||Gt(),ready:!0,error:t.message}))),H(t,`Opening the conversation`)}).finally(()=>vr.delete(e))}function wr(e){q.has(e)&&!yr.has(e)&&(q.delete(e),Rr(e),W(`unsubscribe`,{conversation_id:e}).catch(()=>{}))}function Tr(e){yr.add(e),q.has(e)||Cr(e)}function Er(e){yr.delete(e),B.get().route.conversationId!==e&&wr(e)}function Dr(e){return q.has(e)}function Or(e,t,n){let r=e.threads[t];if(!q.has(t)||!r)return e;let i=Ht(r.seq,n);return i.verdict===`gap`&&!vr.has(t)&&queueMicrotask(()=>Cr(t)),i.seqs===r.seq?e:V(e,`threads`,t,{seq:i.seqs})}var kr=null,Ar=null,jr={},Mr={};function Nr(e){return B.get().route.conversationId===e&&document.visibilityState===`visible`&&Mr[e]!==!1}function Pr(e,t){t===null?(Ar===e&&Mr[e]!==!1&&(clearTimeout(kr),Ir(e,{closing:!0})),delete Mr[e]):Mr[e]!==!1!==t&&(Mr[e]=t,t&&Fr(e))}function Fr(e){clearTimeout(kr),Ar=e,kr=setTimeout(()=>Ir(e),250)}function Ir(e,{heartbeat:t=!1,closing:n=!1}={}){if(Ar===e&&(Ar=null),!n&&!Nr(e))return;let r=B.get().threads[e];if(!r?.ready)return;let i=r.seq.last,a=!t&&jr[e]===i||Dn({type:`read`,conversation_id:e,seq:i});a&&(jr[e]=i),Jn(e,i,a)}var J={};function Lr(e){J[e]||(J[e]={sentAt:0,idleTimer:null});let t=J[e],n=Date.now();n-t.sentAt>=3e3&&Dn({type:`typing`,conversation_id:e,state:!0})&&(t.sentAt=n),clearTimeout(t.idleTimer),t.idleTimer=setTimeout(()=>Rr(e),5e3)}function Rr(e){let t=J[e];t&&(clearTimeout(t.idleTimer),delete J[e],t.sentAt&&Dn({type:`typing`,conversation_id:e,state:!1}))}function zr(){let{threads:e}=B.get();for(let[t,n]of Object.entries(e))for(let e of n.pending)e.state!==`failed`&&Br(t,e)}function Br(e,t){B.set(n=>V(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`sending`}:e)}))),W(`message.send`,{conversation_id:e,client_msg_id:t.client_msg_id,body:t.body,private:t.private}).then(t=>{B.set(n=>V(n,`threads`,e,e=>Kt(e,t.message))),Fr(e)}).catch(n=>{n.retryable?(B.set(n=>V(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`queued`}:e)}))),n.code!==`disconnected`&&setTimeout(()=>Br(e,t),n.retry_after_ms||2e3)):(B.set(n=>{let r=V(n,`threads`,e,e=>({...e,pending:e.pending.filter(e=>e.client_msg_id!==t.client_msg_id)})),i=r.drafts[e]||``;return r=V(r,`drafts`,e,()=>i?`${t.body}\n${i}`:t.body),{...r,composerMode:t.private?`note`:`reply`}}),H(n,`Message not sent`))})}function Y(e){if(e.view!==`settings`&&location.pathname===`/inbox`){let t=Dt(e);location.hash===t?Vr(wt(location)):location.hash=t;return}let t=Tt(e);`${location.pathname}${location.hash}`!==t&&history.pushState(null,``,t),Vr(wt(location))}function Vr(e){let t=B.get().route;t.conversationId&&t.conversationId!==e.conversationId&&(wr(t.conversationId),Kn([t.conversationId])),B.set(t=>({...t,route:e,cursor:e.conversationId||e.ticketId||t.cursor,lastConversationId:e.view===`conversations`?e.conversationId:t.lastConversationId,lastTicketId:e.view===`tickets`?e.ticketId:t.lastTicketId,lastSettingsPage:e.view===`settings`?e.page:t.lastSettingsPage})),e.conversationId&&e.conversationId!==t.conversationId&&Ur(e.conversationId),e.ticketId&&fr(e.ticketId)}function Hr(e){let t=B.get();Y(e===`settings`?{view:e,page:t.lastSettingsPage}:e===`tickets`?{view:e,ticketId:t.lastTicketId}:{view:e,conversationId:t.lastConversationId})}function Ur(e){Cr(e)}function Wr(e,t){B.set(n=>V(n,`drafts`,e,()=>t))}function Gr(e){B.set(t=>t.composerMode===e?t:{...t,composerMode:e})}function Kr(e){let t=B.get(),n=(t.drafts[e]||``).trim();if(!n)return!1;if(n.length>8e3)return Rt(`Messages are limited to 8,000 characters.`),!1;let r=t.composerMode===`note`,i={client_msg_id:_e(),body:n,private:r,state:`sending`,created_at:new Date().toISOString()};return Rr(e),B.set(t=>V(V(t,`threads`,e,e=>Jt(e,i)),`drafts`,e,()=>``)),Br(e,i),!0}async function qr(e,t){let n=B.get().convs[e];if(n){B.set(n=>V(n,`convs`,e,t));try{let n=await W(`conversation.update`,{conversation_id:e,...t});B.set(e=>G(e,[n.conversation]))}catch(r){let i=Object.fromEntries(Object.keys(t).map(e=>[e,n[e]]));B.set(t=>V(t,`convs`,e,i)),H(r,`Not changed`)}}}function Jr(e){let t=B.get().session?.user.id;e&&t&&qr(e,{assignee_id:t})}function Yr(e){e&&qr(e,{status:`resolved`})}function Xr(e,t){let n=B.get().convs[e],r=t.split(`,`).map(e=>e.trim()).filter(Boolean);if(r.find(e=>e.length>50)){Rt(`Tags are at most 50 characters.`);return}let i=[...new Set([...n.tags||[],...r])];i.length!==(n.tags||[]).length&&qr(e,{tags:i})}function Zr(e,t){let n=B.get().convs[e];qr(e,{tags:(n.tags||[]).filter(e=>e!==t)})}async function Qr(e){if(e&&B.get().streams[e])try{await W(`ai.stop`,{conversation_id:e}),B.set(t=>{let{[e]:n,...r}=t.streams;return{...t,streams:r}}),$r(`reply`)}catch(e){H(e,`Could not stop the AI`)}}function $r(e){e&&B.set(t=>t.composerMode===e?t:{...t,composerMode:e});let t=()=>document.querySelector(`[data-testid="composer"]`)?.focus();t(),requestAnimationFrame(t)}function ei(e,t){if(!t?.id||!t.name||t.kind!==`agent`&&t.kind!==`bot`||e.names[t.id]===t.name||$n(e,t.id))return e;let n={...e.names,[t.id]:t.name};return Pt(e.session.user.tenant_id,n),{...e,names:n}}function ti(e){let t=e.message,n=e.conversation_id,r=!!B.get().convs[n];B.set(r=>{let i=ei(r,t.sender);if(i.convs[n]&&(i=V(i,`convs`,n,n=>({...n,last_seq:Math.max(n.last_seq||0,e.seq),preview:t.private?n.preview:{body:t.body,sender_kind:t.sender?.kind,created_at:t.created_at},activity:Math.max(n.activity||0,Date.parse(t.created_at)||Date.now())})),i=Bn(i,n)),Dr(n)&&i.threads[n]){i=V(i,`threads`,n,e=>Kt(e,t)),i=Or(i,n,e.seq);let r=pi(t.sender);i.typing[n]?.[r]&&(i=V(i,`typing`,n,e=>mi(e,r)))}return qn(i,t,{reading:Nr(n)})}),r||Hn(),Nr(n)&&Fr(n)}function ni(e){let t=e.conversation_id,n=B.get().convs[t];B.set(r=>{let i=G(r,[{...e.conversation,activity:Math.max(n?.activity||0,Nn(e.conversation))}]);return i=Bn(i,t),Or(i,t,e.seq)}),n?.contact||Hn(),Nr(t)&&Fr(t)}function ri(e){let t=e.conversation;t?.id&&(B.set(e=>Bn(G(e,[{...t,activity:Math.max(e.convs[t.id]?.activity||0,Nn(t))}]),t.id)),B.get().convs[t.id]?.contact||Hn())}function ii(e){let t=e.conversation_id;B.set(n=>{let r=Or(n,t,e.seq);return r.convs[t]&&e.ticket&&(r=V(r,`convs`,t,{ticket_id:e.ticket.id})),r}),pr(e),Nr(t)&&Fr(t)}function ai(e){B.set(t=>V(t,`streams`,e.conversation_id,()=>({stream_id:e.stream_id,...Ut(0)})))}function oi(e){B.set(t=>V(t,`streams`,e.conversation_id,t=>{let n=Number.isInteger(e.index)?e.index:0,r=t&&t.stream_id===e.stream_id?t:{stream_id:e.stream_id,...Ut(n)},i=Wt(r,e.index,e.text);return i===r?r:{stream_id:r.stream_id,...i}}))}function si(e){let t=e.conversation_id;B.set(n=>{let r=Ct(n,`streams`,t);return e.message&&Dr(t)&&r.threads[t]&&(r=V(r,`threads`,t,t=>Kt(t,e.message))),r}),e.error?.message&&B.get().route.conversationId===t&&H(e.error,`AI answer`),e.reason===`stopped`&&B.get().route.conversationId===t&&$r(`reply`)}function ci(e){let t=e.participant||{};if(t.kind===`agent`&&t.id===B.get().session?.user.id)return;let n=e.conversation_id,r=pi(t);B.set(i=>{let a=ei(i,t);return t.kind===`agent`&&(a=V(a,`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}}))),V(a,`typing`,n,n=>e.state?{...n,[r]:{name:t.name,kind:t.kind,until:Date.now()+8e3}}:n?.[r]?mi(n,r):n||{})})}function li(e){let t=e.participant||{},n=e.conversation_id;B.set(r=>t.kind===`visitor`?V(r,`visitorRead`,n,t=>Math.max(t||0,e.seq)):t.kind===`agent`&&t.id===r.session?.user.id?!Qt(r,n)||!(e.seq>0)?r:nn({...r,readUpTo:{...r.readUpTo,[n]:Math.max(r.readUpTo[n]||0,e.seq)}},n,e.seq):t.kind===`agent`?V(ei(r,t),`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}})):r)}function ui(e){B.set(t=>{let n={...t,presence:{count:e.agents_online||0,agents:e.agents||t.presence.agents}};for(let t of e.agents||[])n=ei(n,{...t,kind:`agent`});return n})}function di(e){H(e)}var fi={"message.created":ti,"conversation.updated":ni,"conversation.created":ri,"ticket.created":ii,"ticket.updated":pr,"ticket.sla_breached":pr,"ai.started":ai,"ai.delta":oi,"ai.done":si,typing:ci,read:li,presence:ui,error:di};function pi(e){return`${e?.kind||`?`}:${e?.id||``}`}function mi(e,t){let{[t]:n,...r}=e;return r}function hi(){let e=Date.now();B.set(t=>{let n=!1,r={};for(let[i,a]of Object.entries(t.typing)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>t.until>e));Object.keys(t).length!==Object.keys(a).length&&(n=!0),r[i]=t}let i={};for(let[r,a]of Object.entries(t.viewers)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>e-t.at<9e4));Object.keys(t).length!==Object.keys(a).length&&(n=!0),i[r]=t}return n?{...t,typing:r,viewers:i}:t})}var gi=[];async function _i(e,t){yi(await N(`/v1/auth/login`,{method:`POST`,body:{email:e,password:t},auth:!1}))}async function vi(e){let t=await N(`/v1/setup`,{method:`POST`,body:e,auth:!1});history.replaceState(null,``,`/inbox#/`),yi(t)}function yi(e){let t={token:e.access_token,user:e.user,expiresAt:Date.now()+(e.expires_in||3600)*1e3};kt(t),B.set(e=>({...St(),session:t,route:e.route})),wi()}function bi(e){xr(),Gn();for(let e of gi)clearInterval(e);gi=[],kt(null),B.set(e=>({...St(),session:null,route:e.route})),dt(B.get().prefs),e&&Rt(e,`info`)}async function xi(){let e=await N(`/v1/me`);B.set(t=>{if(!t.session||t.session.user.id!==e.id)return t;let n={...t.session,user:{...t.session.user,name:e.name??t.session.user.name,role:e.role}};return kt(n),{...t,session:n,names:{...t.names,[e.id]:n.user.name}}})}function Si(e){let{session:t,prefs:n}=B.get();if(!t)return!1;let r=ct({...n,...e});return B.set(e=>({...e,prefs:r})),dt(r),ut(t.user.id,r)}function Ci(){bi(`Your session has ended. Please sign in again.`)}function wi(){let{session:e}=B.get();if(!e)return;Ne({accessToken:e.token,unauthorized:Ci});let t=e.user;B.set(e=>({...e,seen:jt(t.id),names:{...Nt(t.tenant_id),[t.id]:t.name},prefs:lt(t.id)})),dt(B.get().prefs),br({handlers:fi,onUnauthorized:Ci}),Fn(),tr();let n=B.get().route;B.set(e=>({...e,route:{...n,conversationId:null,ticketId:null}})),Vr(n),gi.push(setInterval(hi,2e3)),gi.push(setInterval(()=>{let e=B.get().route.conversationId;e&&Ir(e,{heartbeat:!0})},3e4))}function Ti(){Ne({accessToken:null,unauthorized:Ci});let{route:e}=B.get();e.view===`settings`&&location.pathname!==Tt(e)&&history.replaceState(null,``,Tt(e));let t=()=>{B.get().session?Vr(wt(location)):B.set(e=>({...e,route:wt(location)}))};addEventListener(`hashchange`,t),addEventListener(`popstate`,t),document.addEventListener(`visibilitychange`,()=>{let e=B.get().route.conversationId;e&&document.visibilityState===`visible`&&Ir(e)}),B.get().session&&wi()}var Ei=[[`j`,`Next conversation or ticket`],[`k`,`Previous conversation or ticket`],[`Enter`,`Open the highlighted one`],[`r`,`Reply`],[`n`,`Internal note`],[`a`,`Assign to me`],[`e`,`Resolve`],[`s`,`Stop AI and take over`],[`/`,`Search`],[`g then c`,`Go to conversations`],[`g then t`,`Go to tickets`],[`g then s`,`Go to settings`],[`?`,`Show these shortcuts`],[`Esc`,`Close, or leave the field`]];function Di(e){if(!e?.tagName)return!1;let t=e.tagName;return t===`INPUT`||t===`TEXTAREA`||t===`SELECT`||e.isContentEditable}function Oi(e){let t=B.get(),n=t.route.view===`tickets`?ar(t):Pn(t);if(!n.length)return;let r=t.cursor&&n.includes(t.cursor)?t.cursor:t.route.view===`tickets`?t.route.ticketId:t.route.conversationId,i=n.indexOf(r);i=i<0?e>0?0:n.length-1:Math.min(n.length-1,Math.max(0,i+e)),B.set(e=>({...e,cursor:n[i]}))}function ki(){let e=B.get();e.cursor&&(e.route.view===`tickets`?Y({view:`tickets`,ticketId:e.cursor}):Y({view:`conversations`,conversationId:e.cursor}))}var Ai=0;function ji(e){let t=B.get();if(!t.session)return;if(e.key===`Escape`){t.help?B.set(e=>({...e,help:!1})):document.activeElement&&document.activeElement!==document.body&&document.activeElement.blur();return}if(Di(e.target)||e.ctrlKey||e.metaKey||e.altKey||e.isComposing||!t.prefs.shortcuts||t.help&&e.key!==`?`)return;let n=t.route.view===`conversations`?t.route.conversationId:null,r=t.route.view!==`settings`;if(Ai&&Date.now()-Ai<1500){if(Ai=0,e.key===`t`){e.preventDefault(),Hr(`tickets`);return}if(e.key===`c`){e.preventDefault(),Hr(`conversations`);return}if(e.key===`s`){e.preventDefault(),Hr(`settings`);return}}let i={j:()=>r&&Oi(1),k:()=>r&&Oi(-1),Enter:()=>{let t=e.target?.tagName;if(r&&t!==`BUTTON`&&t!==`A`)ki();else return!1},r:()=>n&&$r(`reply`),n:()=>n&&$r(`note`),a:()=>n&&Jr(n),e:()=>n&&Yr(n),s:()=>n&&Qr(n),"/":()=>{let e={tickets:`ticket-search`,settings:`kb-search`}[t.route.view]||`conv-search`;document.querySelector(`[data-testid="${e}"]`)?.focus()},"?":()=>B.set(e=>({...e,help:!e.help})),g:()=>{Ai=Date.now()}}[e.key];i&&i()!==!1&&e.preventDefault()}var Mi=[`urgent`,`high`,`normal`,`low`],Ni=[`text`,`number`,`boolean`,`choice`],Pi=[`Mon`,`Tue`,`Wed`,`Thu`,`Fri`,`Sat`,`Sun`],Fi={timezone:`UTC`,days:[0,1,2,3,4],start:`09:00`,end:`17:00`};function Ii(e,{label:t,min:n=0,max:r=2**53-1,empty:i=!0}={}){let a=String(e??``).trim().replace(/[\s,_']/g,``);if(!a)return i?{value:null}:{error:`${t} is required.`};if(!/^\d+$/.test(a))return{error:`${t} must be a whole number.`};let o=Number(a);return o<n||o>r?{error:`${t} must be from ${n} to ${r.toLocaleString(`en`)}.`}:{value:o}}function Li(e){return e==null?``:String(e)}function Ri(e){if(e==null||!Number.isFinite(e))return``;if(e<60)return`${e} min`;if(e%1440==0)return`${e/1440} ${e===1440?`day`:`days`}`;let t=Math.floor(e/60),n=e%60;return n?`${t} h ${n} min`:`${t} h`}function zi(e){if(e==null||!Number.isFinite(e))return``;if(e===0)return`never`;if(e<60)return`${e} s`;if(e<3600||e%60){let t=e%60;return t?`${Math.floor(e/60)} min ${t} s`:`${e/60} min`}return Ri(e/60)}function Bi(e,t,n=Object.keys(t)){let r={};for(let i of n)JSON.stringify(e?.[i]??null)!==JSON.stringify(t[i]??null)&&(r[i]=t[i]);return r}function Vi(e){let t={};for(let n of Mi){let r=e?.[n]||{};t[n]={first_response:Li(r.first_response_minutes),resolution:Li(r.resolution_minutes)}}return t}var Hi=525600;function Ui(e){let t={};for(let n of Mi){let r=e[n]||{},i=n[0].toUpperCase()+n.slice(1),a=Ii(r.first_response,{label:`${i}: first response`,min:1,max:Hi});if(a.error)return{error:a.error};let o=Ii(r.resolution,{label:`${i}: resolution`,min:1,max:Hi});if(o.error)return{error:o.error};t[n]={first_response_minutes:a.value,resolution_minutes:o.value}}return{value:t}}function Wi(e){return e?{always:!1,...e,days:[...e.days]}:{always:!0,...Fi}}function Gi(e){return e.always?{value:null}:e.days.length?e.start<e.end?{value:{timezone:e.timezone,days:[...new Set(e.days)].sort((e,t)=>e-t),start:e.start,end:e.end}}:{error:`Business hours must start before they end.`}:{error:`Pick at least one business day, or choose round the clock.`}}function Ki(e){let t=[];try{t=Intl.supportedValuesOf(`timeZone`)}catch{t=[]}let n=new Set([`UTC`,...t]);return e&&n.add(e),[...n]}function qi(e){return String(e||``).normalize(`NFKD`).replace(/[\u0300-\u036f]/g,``).toLowerCase().replace(/[^a-z0-9]+/g,`_`).replace(/^[^a-z]+/,``).replace(/_+$/,``).slice(0,50).replace(/_+$/,``)}function Ji(e){return[...new Set(String(e||``).split(/[,\n]/).map(e=>e.trim()).filter(Boolean))]}function Yi(e){return(e||[]).map((e,t)=>({id:`f${t}`,key:e.key,label:e.label??``,type:e.type,choices:(e.choices||[]).join(`, `),saved:!0}))}function Xi(e){let t=new Set,n=[];for(let[r,i]of e.entries()){let e=`Field ${r+1}${i.label?` (${i.label})`:``}`,a=i.key.trim();if(!/^[a-z][a-z0-9_]{0,49}$/.test(a))return{error:`${e}: the key must start with a letter and use a-z, 0-9 and _ only.`};if(t.has(a))return{error:`${e}: the key ${a} is used twice.`};t.add(a);let o={key:a,type:i.type};if(i.label.trim()&&(o.label=i.label.trim()),i.type===`choice`){let t=Ji(i.choices);if(!t.length)return{error:`${e}: a choice field needs at least one choice.`};o.choices=t}n.push(o)}return{value:n}}function Zi(e){return e.split(/[\s,]+/).filter(Boolean).map(e=>{try{let{origin:t}=new URL(/^[a-z]+:\/\//i.test(e)?e:`https://${e}`);return t===`null`?e:t}catch{return e}})}function Qi(e){return Ji(e)}function $i(e,t){return e.length<8?`The password needs at least 8 characters.`:e===t?null:`The two passwords differ.`}function ea(e){let t=String(e||``);if(!t)return`Unknown browser`;let n=[[/Edg(?:e|A|iOS)?\//,`Edge`],[/OPR\/|Opera/,`Opera`],[/Firefox\/|FxiOS\//,`Firefox`],[/Chrom(?:e|ium)\/|CriOS\//,`Chrome`],[/Safari\//,`Safari`],[/^curl\//,`curl`],[/python-httpx|python-requests|aiohttp/,`a script`]].find(([e])=>e.test(t))?.[1]||null,r=[[/Windows/,`Windows`],[/iPhone|iPad|iOS/,`iOS`],[/Mac OS X|Macintosh/,`macOS`],[/Android/,`Android`],[/CrOS/,`ChromeOS`],[/Linux/,`Linux`]].find(([e])=>e.test(t))?.[1]||null;return n?r?`${n} on ${r}`:n:t.length>60?`${t.slice(0,57)}…`:t}function ta(e){let[t,n,r]=[1,3,5].map(t=>{let n=Number.parseInt(e.slice(t,t+2),16)/255;return n<=.04045?n/12.92:((n+.055)/1.055)**2.4});return .2126*t+.7152*n+.0722*r}var na=e=>/^#[0-9a-f]{6}$/i.test(String(e||``));function ra(e,t){let[n,r]=[ta(e),ta(t)].sort((e,t)=>t-e);return(n+.05)/(r+.05)}function ia(e){return na(e)?ra(e,`#ffffff`)>=ra(e,`#111418`)?`#ffffff`:`#111418`:`#ffffff`}var aa=[{id:`email`,kind:`email`,provider:null,label:`E-mail address`,fields:[{key:`address`,label:`Address customers write to`,placeholder:`support@example.com`,type:`email`}]},{id:`sms-twilio`,kind:`sms`,provider:`twilio`,label:`SMS (Twilio)`,fields:[{key:`number`,label:`Phone number`,placeholder:`+14155550199`,help:`E.164: + and the country code.`},{key:`account_sid`,label:`Account SID`,placeholder:`AC…`},{key:`auth_token`,label:`Auth token`,secret:!0}]},{id:`whatsapp-twilio`,kind:`whatsapp`,provider:`twilio`,label:`WhatsApp (Twilio)`,fields:[{key:`number`,label:`WhatsApp number`,placeholder:`+14155550199`,help:`E.164: + and the country code.`},{key:`account_sid`,label:`Account SID`,placeholder:`AC…`},{key:`auth_token`,label:`Auth token`,secret:!0}]},{id:`whatsapp-meta`,kind:`whatsapp`,provider:`meta`,label:`WhatsApp (Meta Cloud API)`,fields:[{key:`phone_number_id`,label:`Phone number id`,placeholder:`1065…`},{key:`app_secret`,label:`App secret`,secret:!0},{key:`verify_token`,label:`Verify token`,secret:!0,help:`Any string you choose; give Meta the same.`},{key:`access_token`,label:`Access token`,secret:!0}]}],oa={twilio:[`auth_token`],meta:[`app_secret`,`verify_token`,`access_token`]};function sa(e,t){let n=aa.find(t=>t.id===e);if(!n)throw Error(`no channel form ${e}`);let r={kind:n.kind};n.provider&&(r.provider=n.provider);for(let e of n.fields)r[e.key]=String(t[e.key]??``).trim();let i=String(t.api_base??``).trim();return n.provider&&i&&(r.api_base=i),r}function ca(e,t){return Object.fromEntries((oa[e]||[]).map(e=>[e,String(t[e]??``).trim()]))}var la={inbox:`M22 12h-6l-2 3h-4l-2-3H2 M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z`,ticket:`M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z M14 5v2 M14 11v2 M14 17v2`,web:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M2 12h20 M12 2a15 15 0 0 1 4 10 15 15 0 0 1-4 10 15 15 0 0 1-4-10 15 15 0 0 1 4-10z`,email:`M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M22 6l-10 7L2 6`,sms:`M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z`,whatsapp:`M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.18 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.1 9.9a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.9.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z`,api:`M16 18l6-6-6-6 M8 6l-6 6 6 6`,search:`M11 3a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M21 21l-4.35-4.35`,x:`M18 6 6 18 M6 6l12 12`,sparkle:`M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z M19 15l.9 2.1L22 18l-2.1.9L19 21l-.9-2.1L16 18l2.1-.9z`,bot:`M12 8V4 M8 4h8 M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z M9 13v2 M15 13v2`,lock:`M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M7 11V7a5 5 0 0 1 10 0v4`,send:`M22 2 11 13 M22 2l-7 20-4-9-9-4z`,help:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01`,logout:`M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9`,external:`M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6 M15 3h6v6 M10 14 21 3`,clock:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 6v6l4 2`,alert:`M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01`,user:`M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z`,users:`M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2 M9 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M23 21v-2a4 4 0 0 0-3-3.87 M16 3.13a4 4 0 0 1 0 7.75`,arrowDown:`M12 5v14 M19 12l-7 7-7-7`,check:`M20 6 9 17l-5-5`,eye:`M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z`,tag:`M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01`,panel:`M3 3h18v18H3z M15 3v18`,stop:`M6 6h12v12H6z`,book:`M4 19.5A2.5 2.5 0 0 1 6.5 17H20 M6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5v-15A2.5 2.5 0 0 1 6.5 2z`,logo:`M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4a2 2 0 0 1-2-2z M8 8h8 M8 12h5`,star:`M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.9L12 17.8l-6.2 3.3L7 14.2 2 9.3l6.9-1z`,pause:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M10 9v6 M14 9v6`,settings:`M3 6h4 M11 6h10 M3 12h10 M17 12h4 M3 18h6 M13 18h8 M9 4a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M15 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M11 16a2 2 0 1 1 0 4 2 2 0 0 1 0-4z`,key:`M7 11a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M10 12l9-9 M16 6l3 3 M14 8l2 2`,trash:`M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13 M10 11v6 M14 11v6`,plus:`M12 5v14 M5 12h14`,copy:`M9 9h11v11H9z M5 15H4V4h11v1`,refresh:`M20 12a8 8 0 1 1-2.34-5.66 M20 4v5h-5`,upload:`M12 16V4 M7 9l5-5 5 5 M4 16v4h16v-4`,plug:`M9 2v6 M15 2v6 M6 8h12v4a6 6 0 0 1-12 0z M12 18v4`,shield:`M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z`,device:`M3 4h18v12H3z M8 20h8 M12 16v4`,edit:`M4 20h4L19 9l-4-4L4 16z M13 7l4 4`};function X({name:e,size:t=16,label:n,class:r=``}){let i=la[e]||la.help;return j`<svg class=${`icon ${r}`} width=${t} height=${t} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${n?void 0:`true`}
    role=${n?`img`:void 0} aria-label=${n}><path d=${i} /></svg>`}var ua={web:`Web chat`,email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`,api:`API`};function da({channel:e}){return j`<span class="channel" title=${ua[e]||e}>
    <${X} name=${la[e]?e:`web`} size=${13} label=${ua[e]||e} />
  </span>`}var fa={open:`Open`,pending:`Pending`,waiting_human:`Waiting for human`,resolved:`Resolved`,closed:`Closed`,new:`New`,solved:`Solved`};function pa({status:e,short:t=!1}){let n=t&&e===`waiting_human`?`Needs human`:fa[e]||e;return j`<span class=${`chip status-${e}`}>${n}</span>`}var ma=[`low`,`normal`,`high`,`urgent`];function ha({priority:e}){return e!==`high`&&e!==`urgent`?null:j`<span class=${`chip priority-${e}`}>${e===`urgent`?`Urgent`:`High`}</span>`}function Z(e,t){return e?.name?e.name:e?.email?e.email:`Visitor · ${ye(e?.id||t)}`}function ga(e){let t=String(e||`?`).replace(/[^\p{L}\p{N} ]/gu,` `).trim().split(/\s+/);return((t.length>1?t[0][0]+t[t.length-1][0]:(t[0]||`?`).slice(0,2))||`?`).toUpperCase()}var _a=[`#5b4a8a`,`#2f6f5e`,`#7a4a3a`,`#3d5a80`,`#6b4f2a`,`#4f5d75`,`#70406b`,`#2e6a7a`];function va(e){let t=0;for(let n of String(e))t=t*31+n.charCodeAt(0)>>>0;return _a[t%_a.length]}function Q({name:e,kind:t=`visitor`,id:n,size:r=32}){let i=`width:${r}px;height:${r}px;font-size:${Math.round(r*.38)}px`;return t===`ai`?j`<span class="avatar avatar-ai" style=${i}><${X} name="sparkle" size=${Math.round(r*.55)} /></span>`:t===`bot`?j`<span class="avatar avatar-bot" style=${i}><${X} name="bot" size=${Math.round(r*.55)} /></span>`:t===`system`?j`<span class="avatar avatar-bot" style=${i}><${X} name="alert" size=${Math.round(r*.5)} /></span>`:j`<span class="avatar" style=${`${i};background:${va(n||e)}`} aria-hidden="true">${ga(e)}</span>`}function ya(e=3e4){let[t,n]=I(Date.now());return L(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function ba(e,t,n){return t?n&&t===n.id?`${n.name} (you)`:e[t]||`Agent ${ye(t)}`:`Unassigned`}var xa=`● `;function Sa(e,t){let n=e.session.user,r=new Set((e.presence.agents||[]).map(e=>e.id)),i=new Set([n.id]),a=[{value:``,label:`Unassigned`},{value:n.id,label:`${n.name} (you)`}],o=(t,o)=>{if(!t||i.has(t))return;i.add(t);let s=o||ba(e.names,t,n);a.push({value:t,label:r.has(t)?`${xa}${s}`:s})},s=e.staff?.state===`ok`&&e.staff.users||[];for(let e of s)o(e.id,e.name||e.email);for(let t of e.presence.agents||[])o(t.id,t.name||e.names[t.id]);return t&&o(t,null),a}function $({label:e=`Loading`}){return j`<span class="spinner" role="status" aria-label=${e}></span>`}function Ca(e){class t extends S{shouldComponentUpdate(e){for(let t in e)if(e[t]!==this.props[t])return!0;for(let t in this.props)if(!(t in e))return!0;return!1}render(t){return y(e,t)}}return t.displayName=`Memo(${e.name})`,t}function wa(){return j`<div class="brand brand-large"><span class="brand-mark"><${X} name="logo" size=${22} /></span> FlowSupport</div>`}function Ta(e,t=e=>e.message){let[n,r]=I(!1),[i,a]=I(null);async function o(i){if(i.preventDefault(),!n){r(!0),a(null);try{await e()}catch(e){a(t(e)),r(!1)}}}return{busy:n,error:i,setError:a,submit:o}}function Ea({busy:e,error:t,testid:n,label:r,busyLabel:i}){return j`${t&&j`<p class="form-error" role="alert">${t}</p>`}
    <button data-testid=${n} class="btn btn-primary btn-block" type="submit" disabled=${e}>
      ${e?i:r}
    </button>`}var Da=()=>new URLSearchParams(location.search).get(`token`)||``;function Oa({title:e,children:t,testid:n}){return j`<main class="signin"><div class="signin-card" data-testid=${n}>
    <${wa} />
    <h1>${e}</h1>
    ${t}
  </div></main>`}function ka({form:e,set:t}){return j`<div class="field">
      <label for="account-password">Password</label>
      <input id="account-password" data-testid="account-password" type="password" required autocomplete="new-password"
        value=${e.password} onInput=${t(`password`)} aria-describedby="account-password-help" />
      <small id="account-password-help" class="muted">At least ${8} characters.</small>
    </div>
    <label class="field">
      <span>Password again</span>
      <input data-testid="account-password-again" type="password" required autocomplete="new-password"
        value=${e.again} onInput=${t(`again`)} />
    </label>`}function Aa(){let e=Da(),[t,n]=I(null),[r,i]=I(e?null:`This link has no invitation in it. Open the link from the e-mail as it is.`),[a,o]=I({name:``,password:``,again:``}),s=e=>t=>o(n=>({...n,[e]:t.currentTarget.value})),{busy:c,error:l,submit:u}=Ta(async()=>{let t=$i(a.password,a.again);if(t)throw Error(t);let n=await N(`/v1/invitations/accept`,{method:`POST`,body:{token:e,name:a.name.trim(),password:a.password},auth:!1});history.replaceState(null,``,`/inbox#/`),yi(n)});return L(()=>{e&&N(`/v1/invitations/accept`,{query:{token:e},auth:!1}).then(n,e=>i(e.message))},[]),r?j`<${Oa} title="This invitation cannot be used" testid="invite-invalid">
      <p class="form-error" role="alert">${r}</p>
      <p class="muted">Invitations work once, for a limited time. Ask an admin of your workspace to send you a new one.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${Oa}>`:t?j`<main class="signin">
    <form class="signin-card" onSubmit=${u} aria-labelledby="invite-title" data-testid="invite-form">
      <${wa} />
      <h1 id="invite-title">Join ${t.tenant_name}</h1>
      <p class="muted">You were invited as <strong data-testid="invite-email">${t.email}</strong>. Choose the name your teammates see and a password.</p>
      <label class="field">
        <span>Your name</span>
        <input data-testid="account-name" required autofocus maxlength="200" autocomplete="name" value=${a.name} onInput=${s(`name`)} />
      </label>
      <${ka} form=${a} set=${s} />
      <${Ea} busy=${c} error=${l} testid="invite-accept" label="Join and sign in" busyLabel="Joining…" />
    </form>
  </main>`:j`<main class="signin"><${$} label="Checking the invitation" /></main>`}function ja(){let e=Da(),[t,n]=I({password:``,again:``}),[r,i]=I(!1),a=e=>t=>n(n=>({...n,[e]:t.currentTarget.value})),{busy:o,error:s,submit:c}=Ta(async()=>{let n=$i(t.password,t.again);if(n)throw Error(n);await N(`/v1/auth/password-reset/confirm`,{method:`POST`,body:{token:e,password:t.password},auth:!1}),i(!0)});return e?r?j`<${Oa} title="Your password is changed" testid="reset-done">
      <p class="muted">Sign in with your new password.</p>
      <a class="btn btn-primary btn-block" href="/inbox" data-testid="reset-signin">Sign in</a>
    </${Oa}>`:j`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="reset-title" data-testid="reset-form">
      <${wa} />
      <h1 id="reset-title">Choose a new password</h1>
      <p class="muted">The link works once, for a short time.</p>
      <${ka} form=${t} set=${a} />
      <${Ea} busy=${o} error=${s} testid="reset-submit" label="Change password" busyLabel="Changing…" />
    </form>
  </main>`:j`<${Oa} title="This link is incomplete" testid="reset-invalid">
      <p class="muted">Open the link from the e-mail as it is, or ask for a new one from the sign-in page.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${Oa}>`}function Ma({email:e,onBack:t}){let[n,r]=I(e),[i,a]=I(!1),{busy:o,error:s,submit:c}=Ta(async()=>{await N(`/v1/auth/password-reset`,{method:`POST`,body:{email:n.trim()},auth:!1}),a(!0)});return i?j`<main class="signin"><div class="signin-card" data-testid="forgot-sent" role="status">
      <${wa} />
      <h1>Check your e-mail</h1>
      <p class="muted">If an account uses <strong>${n.trim()}</strong>, a link to choose a new password is on its way. It works once, for 30 minutes.</p>
      <button class="btn btn-block" onClick=${t} data-testid="forgot-back">Back to sign-in</button>
    </div></main>`:j`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="forgot-title" data-testid="forgot-form">
      <${wa} />
      <h1 id="forgot-title">Forgot your password?</h1>
      <p class="muted">We send a link to choose a new one to the address you sign in with.</p>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="forgot-email" type="email" autocomplete="username" required autofocus value=${n}
          onInput=${e=>r(e.currentTarget.value)} placeholder="you@company.com" />
      </label>
      <${Ea} busy=${o} error=${s} testid="forgot-submit" label="Send the link" busyLabel="Sending…" />
      <button type="button" class="link-btn" onClick=${t} data-testid="forgot-back">Back to sign-in</button>
    </form>
  </main>`}var Na=new Set([`admin`,`super_admin`]),Pa=e=>`flowsupport.inbox.checklist.${e}`;function Fa(e,t){return`<script src="${e}/widget.js" data-widget-key="${t}" async><\/script>`}function Ia(e){return/^[A-Za-z0-9_.@:/+-]+$/.test(e)?e:`'${e.replaceAll(`'`,`'\\''`)}'`}function La(e){return Na.has(e?.role)}function Ra(e){return localStorage.getItem(Pa(e))===`dismissed`}function za({onDismiss:e}){let t=z(B,e=>e.session.user),n=z(B,e=>e.staff.state===`ok`?e.staff.users.length:0),r=z(B,e=>Object.values(e.convs).some(e=>e.channel===`web`)),[i,a]=I(null),[o,s]=I(null),[c,l]=I(null);L(()=>{N(`/v1/settings`).then(a,e=>l(e.message)),N(`/v1/kb/articles`,{query:{limit:1}}).then(e=>s(e.articles.length),()=>s(0))},[]);function u(){localStorage.setItem(Pa(t.tenant_id),`dismissed`),e()}if(c)return j`<p class="form-error" role="alert">${c}</p>`;if(!i)return null;let d=Ia(i.name),f=i.widget_snippet||Fa(location.origin,i.widget_key),p=[{id:`widget`,done:r,title:`Put the chat widget on your website`,text:j`Paste this before <code>${`</body>`}</code> on ${i.allowed_origins.join(`, `)||`your site`}. Visitors' chats then land in Conversations.`,code:f},{id:`kb`,done:o>0,title:`Import your help center`,text:`The AI answers visitors from these articles, with links to them, and hands over what they do not cover. Upload Markdown or HTML files (or a .zip) in the settings, or ingest a folder:`,code:`python -m kb_ingest ./help-center --tenant ${d} --base-url https://help.example.com`,page:[`kb`,`Upload articles`]},{id:`team`,done:n>1,title:`Invite a teammate`,text:`Give each agent their own account: invite them by e-mail, and they choose their password from the link.`,page:[`team`,`Invite from Settings`]}],m=p.filter(e=>!e.done).length;return j`<section class="checklist" data-testid="checklist" aria-labelledby="checklist-title">
    <div class="checklist-head">
      <h2 id="checklist-title">Get ${i.name} ready</h2>
      <span class="muted small">${m?`${m} of ${p.length} left`:`All done`}</span>
      <button class="icon-btn" onClick=${u} aria-label="Hide the checklist" title="Hide"><${X} name="x" /></button>
    </div>
    <ol class="checklist-steps">
      ${p.map(e=>j`<li key=${e.id} class=${e.done?`done`:``} data-testid=${`checklist-${e.id}`}>
        <span class="check-mark" aria-label=${e.done?`done`:`to do`}>${e.done?j`<${X} name="check" size=${14} />`:``}</span>
        <div>
          <h3>${e.title}</h3>
          <p class="muted">${e.text}</p>
          ${e.code&&j`<${Ba} text=${e.code} testid=${`checklist-${e.id}-code`} />`}
          ${e.page&&j`<a class="btn btn-sm checklist-go" href=${vt(e.page[0])} data-testid=${`checklist-${e.id}-go`}
              onClick=${t=>{t.preventDefault(),Y({view:`settings`,page:e.page[0]})}}>${e.page[1]}</a>`}
        </div>
      </li>`)}
    </ol>
  </section>`}function Ba({text:e,testid:t}){let[n,r]=I(!1);async function i(){try{await navigator.clipboard.writeText(e),r(!0),setTimeout(()=>r(!1),2e3)}catch{r(!1)}}return j`<div class="copybox">
    <code data-testid=${t}>${e}</code>
    <button class="btn btn-sm" type="button" onClick=${i}>${n?`Copied`:`Copy`}</button>
  </div>`}var Va={agent:`Agent: `,ai:`AI: `,bot:`Bot: `,system:``};function Ha(){let e=z(B,e=>e.filters),t=z(B,e=>e.list),n=z(B,Ga),r=z(B,e=>e.route.conversationId),i=z(B,e=>e.cursor),a=ya(3e4);return j`<section class="pane list-pane" aria-label="Conversations">
    <div class="pane-head">
      <div class="pane-title">
        <h2>Inbox</h2>
        <span class="muted small">${t.loading?j`<${$} />`:`${n.length}${t.nextCursor?`+`:``}`}</span>
      </div>
      <label class="search">
        <${X} name="search" size=${14} />
        <input data-testid="conv-search" type="search" placeholder="Search conversations" aria-label="Search conversations"
          value=${e.q} onInput=${e=>Rn({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="filter-status" aria-label="Status" value=${e.status} onChange=${e=>Rn({status:e.currentTarget.value})}>
          ${xt.map(e=>j`<option value=${e.value}>${e.label}</option>`)}
        </select>
        <select data-testid="filter-channel" aria-label="Channel" value=${e.channel} onChange=${e=>Rn({channel:e.currentTarget.value})}>
          <option value="">All channels</option>
          ${Object.entries(ua).map(([e,t])=>j`<option value=${e}>${t}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>Rn({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>Rn({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="conv-list" class="list" aria-label="Conversation list">
      ${n.map(e=>j`<${Ka} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&j`<li class="empty">
        ${t.error?j`<p>Could not load conversations.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${Fn}>Try again</button>`:j`<p>No conversations here.</p><p class="muted small">${e.q?`Nothing matches your search.`:`New chats appear here as they arrive.`}</p>`}
      </li>`}
      ${t.nextCursor&&j`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${In} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var Ua=null,Wa=[];function Ga(e){if(e===Ua)return Wa;let t=Pn(e);return Ua=e,(t.length!==Wa.length||t.some((e,t)=>e!==Wa[t]))&&(Wa=t),Wa}var Ka=Ca(function({id:e,active:t,highlighted:n,now:r}){let i=z(B,t=>t.convs[e]),a=z(B,t=>t.unread[e]||0),o=z(B,t=>!!t.streams[e]),s=z(B,t=>Object.keys(t.typing[e]||{}).length>0),c=z(B,e=>i?.assignee_id?ba(e.names,i.assignee_id,e.session.user):null),l=R(null);if(L(()=>{(n||t)&&l.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let u=Z(i.contact,i.contact_id),d=i.preview,f;return f=o?j`<span class="accent-text">AI is answering…</span>`:s?j`<span class="accent-text">typing…</span>`:d?`${Va[d.sender_kind]||``}${d.body}`:j`<span class="faint">${i.subject||`No messages yet`}</span>`,j`<li>
    <button ref=${l} data-testid="conv-item" data-conversation-id=${e} data-status=${i.status}
      class=${`row ${t?`active`:``} ${n?`highlighted`:``} ${a?`unread`:``}`}
      aria-current=${t?`true`:void 0}
      onClick=${()=>Y({view:`conversations`,conversationId:e})}>
      <${Q} name=${u} id=${i.contact_id} size=${34} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">${u}</span>
          <time class="row-time" datetime=${i.updated_at}>${we(Math.max(Date.parse(i.updated_at)||0,i.activity||0),r)}</time>
        </span>
        <span class="row-preview">${f}</span>
        <span class="row-meta">
          <${pa} status=${i.status} short />
          <${da} channel=${i.channel} />
          <${ha} priority=${i.priority} />
          ${i.ticket_id&&j`<span class="mini" title="Has a ticket"><${X} name="ticket" size=${12} /></span>`}
          ${c&&j`<span class="mini assignee" title=${`Assigned to ${c}`}><${X} name="user" size=${11} />${c.replace(` (you)`,``)}</span>`}
          ${a>0&&j`<span data-testid="conv-unread" class="badge" aria-label=${`${a} unread`}>${a>99?`99+`:a}</span>`}
        </span>
      </span>
    </button>
  </li>`});function qa({id:e}){let t=z(B,e=>e.composerMode),n=z(B,t=>t.drafts[e]||``),r=R(null),i=t===`note`;Je(()=>{let e=r.current;e&&(e.style.height=`auto`,e.style.height=`${Math.min(e.scrollHeight,220)}px`)},[n,t]);function a(t){Wr(e,t.currentTarget.value),!i&&t.currentTarget.value.trim()&&Lr(e)}function o(t){t.key===`Enter`&&!t.shiftKey&&!t.isComposing&&!t.altKey?(t.preventDefault(),Kr(e)):t.key===`Escape`&&t.currentTarget.blur()}function s(t){t===`note`&&Rr(e),Gr(t),r.current?.focus()}return j`<div class=${`composer ${i?`composer-note`:``}`}>
    <div class="composer-modes" role="group" aria-label="Message type">
      <button data-testid="composer-mode-reply" class=${`mode ${i?``:`on`}`} aria-pressed=${!i} onClick=${()=>s(`reply`)} title="Reply (r)">
        Reply
      </button>
      <button data-testid="composer-mode-note" class=${`mode mode-note ${i?`on`:``}`} aria-pressed=${i} onClick=${()=>s(`note`)} title="Internal note (n)">
        <${X} name="lock" size=${12} /> Internal note
      </button>
      ${i&&j`<span class="note-hint">Only your team sees notes</span>`}
    </div>
    <div class="composer-box">
      <textarea ref=${r} data-testid="composer" rows="1" value=${n} onInput=${a} onKeyDown=${o}
        onBlur=${()=>Rr(e)}
        aria-label=${i?`Internal note`:`Reply to the customer`}
        placeholder=${i?`Write an internal note — only your team can see it`:`Write a reply…`}></textarea>
      <div class="composer-foot">
        <span class="muted small"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="composer-send" class=${`btn ${i?`btn-note`:`btn-primary`}`} disabled=${!n.trim()} onClick=${()=>{Kr(e),r.current?.focus()}}>
          <${X} name="send" size=${14} /> ${i?`Add note`:`Send`}
        </button>
      </div>
    </div>
  </div>`}var Ja=`noopener noreferrer nofollow`;function Ya(e){if(typeof e!=`string`||!/^\s*https?:\/\//i.test(e))return null;try{let t=new URL(e);return t.protocol===`https:`||t.protocol===`http:`?t.href:null}catch{return null}}function Xa(e){return{href:e,target:`_blank`,rel:Ja}}var Za=6,Qa=/^ {0,3}(`{3,}|~{3,})/,$a=/^ {0,3}#{1,6}(?:\s+(.*?))?\s*$/,eo=/^ {0,3}([-*_])(?:[ \t]*\1){2,}\s*$/,to=/^( {0,3})([-*+]|(\d{1,9})[.)])(\s+|$)/,no=e=>e.search(/\S|$/),ro=(e,t)=>Qa.test(e)||$a.test(e)||eo.test(e)||t<Za&&to.test(e);function io(e){return ao(String(e??``).replace(/\r\n?/g,`
`).split(`
`).map(e=>e.replace(/^[ \t]+/,e=>e.replace(/\t/g,`    `))),0,!0)}function ao(e,t,n=!1){let r=[],i=0;for(;i<e.length;){let a=e[i],o=i,s,c=Qa.exec(a),l=$a.exec(a);if(!a.trim())i++;else{if(c){let t=c[1],n=no(a),r=[];for(i++;i<e.length&&!oo(e[i],t);i++)r.push(e[i].slice(Math.min(n,no(e[i]))));i++,s={type:`code`,text:r.join(`
`)}}else if(eo.test(a))i++,s={type:`hr`};else if(l)i++,s={type:`h`,text:l[1]||``};else if(t<Za&&to.test(a)){let[n,r]=so(e,i,t);s=n,i=r}else{let n=[a.trim()];for(i++;i<e.length&&e[i].trim()&&!ro(e[i],t);i++)n.push(e[i].trim());s={type:`p`,text:n.join(`
`)}}n&&(s.src=e.slice(o,i).join(`
`)),r.push(s)}}return r}function oo(e,t){let n=e.trim();return no(e)<4&&n.length>=t.length&&n===t[0].repeat(n.length)}function so(e,t,n){let r=to.exec(e[t]),i=r[3]!==void 0,a=[];for(;;){let r=to.exec(e[t]);if(!r||r[3]!==void 0!==i||eo.test(e[t]))break;let o=r[1].length+r[2].length,s=r[4].length,c=o+(s>=1&&s<=4&&e[t].trim().length>r[2].length?s:1),l=[e[t].slice(c)];for(t++;t<e.length;t++){let r=e[t];if(!r.trim()){let n=t;for(;n<e.length&&!e[n].trim();)n++;if(n<e.length&&no(e[n])>=c){l.push(...Array(n-t).fill(``)),t=n-1;continue}break}if(no(r)>=c)l.push(r.slice(c));else if(l[l.length-1].trim()&&!ro(r,n))l.push(r);else break}a.push(ao(l,n+1));let u=t;for(;u<e.length&&!e[u].trim();)u++;if(u>=e.length||!to.test(e[u]))break;t=u}return[{type:i?`ol`:`ul`,start:i?Number(r[3]):1,items:a},t]}function co(e,t){switch(e.type){case`code`:return t(`pre`,null,t(`code`,null,e.text));case`hr`:return t(`hr`,null);case`h`:return t(`p`,null,t(`strong`,null,...po(e.text,t)));case`p`:return t(`p`,null,...po(e.text,t));default:return t(e.type,e.start===1?null:{start:e.start},...e.items.map(e=>t(`li`,null,...e.length===1&&e[0].type===`p`?po(e[0].text,t):e.map(e=>co(e,t)))))}}function lo(e,t){return io(e).map(e=>co(e,t))}var uo=`\\bhttps?:\\/\\/[^\\s<>"'\`]*[^\\s<>"'\`.,;:!?)\\]}*_~]`,fo=new RegExp(["\\\\([!-/:-@[-`{-~])","(?<!`)(`+)([^`]|[^`][\\s\\S]*?[^`])\\2(?!`)",`\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*`,`(?<!\\w)__(?=\\S)([\\s\\S]*?\\S)__(?!\\w)`,`\\*(?=[^\\s*])([\\s\\S]*?[^\\s*])\\*(?!\\*)`,`(?<!\\w)_(?=[^\\s_])([\\s\\S]*?[^\\s_])_(?!\\w)`,`\\[([^[\\]\\n]*)\\]\\(\\s*([^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+"[^"\\n]*")?\\s*\\)`,uo].join(`|`),`gi`);function po(e,t,n=0,r=!1){let i=[],a=e=>e.split(`
`).forEach((e,n)=>{n&&i.push(t(`br`,null)),e&&i.push(e)});if(n>8)return a(e),i;let o=(e,i=r)=>po(e,t,n+1,i),s=0;for(let n of e.matchAll(fo)){let[c,l,,u,d,f,p,m,h,g]=n;if(a(e.slice(s,n.index)),s=n.index+c.length,l)i.push(l);else if(u){let e=u.replace(/\n/g,` `);i.push(t(`code`,null,/^ .*[^ ].* $/.test(e)?e.slice(1,-1):e))}else if(d||f)i.push(t(`strong`,null,...o(d||f)));else if(p||m)i.push(t(`em`,null,...o(p||m)));else{let e=h!==void 0,n=r?null:Ya(e?g:c),s=e?h||g:c;n?i.push(t(`a`,Xa(n),...e?o(s,!0):[s])):e?i.push(...o(s)):a(c)}}return a(e.slice(s)),i}function mo(e,t){let n=String(e??``),r=[],i=0;for(let e of n.matchAll(new RegExp(uo,`gi`))){let a=Ya(e[0]);a&&(r.push(n.slice(i,e.index),t(`a`,Xa(a),e[0])),i=e.index+e[0].length)}return r.push(n.slice(i)),r}function ho({id:e,conv:t,comments:n,top:r,cls:i}){let a=z(B,t=>t.threads[e]),o=z(B,t=>t.streams[e]),s=z(B,t=>t.visitorRead[e]||0),c=R(null),l=R(!0),[u,d]=I(!1),f=Ye(()=>Xt(Zt(a?a.messages:[],n),e=>Ee(e)),[a?.messages,n]);L(()=>()=>Pr(e,null),[e]);let p=Z(t?.contact,t?.contact_id),m=a?a.messages:[],h=`${m.length?m[m.length-1].seq:0}:${a?a.pending.length:0}:${o?o.text.length:-1}:${n?n.length:0}`,g=m.length?m[0].seq:0,_=R({tail:null,head:null,height:0});Je(()=>{let e=c.current;if(!e)return;let t=_.current;t.head!==null&&g!==t.head&&!l.current?e.scrollTop+=e.scrollHeight-t.height:h!==t.tail&&(l.current?e.scrollTop=e.scrollHeight:d(!0)),_.current={tail:h,head:g,height:e.scrollHeight}});function v(){let t=c.current;l.current=t.scrollHeight-t.scrollTop-t.clientHeight<60,l.current&&d(!1),Pr(e,l.current)}function ee(){let t=c.current;t.scrollTop=t.scrollHeight,l.current=!0,d(!1),Pr(e,!0)}let y=a?[...a.messages].reverse().find(e=>e.sender?.kind===`agent`&&!e.private)?.seq:null;return j`<div class=${i?`transcript ${i}`:`transcript`} ref=${c} onScroll=${v} role="log" aria-live="polite" aria-label="Conversation transcript">
    <div class="transcript-inner">
      ${r}
      ${a?.truncated&&j`<div class="older">
        <button class="btn btn-ghost btn-sm" onClick=${()=>Yn(e)} disabled=${a.loadingOlder}>
          ${a.loadingOlder?`Loading…`:`Load earlier messages`}
        </button>
      </div>`}
      ${a?.ready?null:j`<div class="transcript-loading"><${$} /> Loading conversation…</div>`}
      ${a?.ready&&!f.length&&!a.pending.length&&!o&&j`<div class="transcript-empty muted">No messages yet.</div>`}
      ${f.map(e=>e.kind===`day`?j`<div key=${e.key} class="day"><span>${e.label}</span></div>`:e.kind===`system`?j`<${bo} key=${e.key} message=${e.message} />`:j`<${_o} key=${e.key} group=${e} messages=${e.messages} visitor=${p} contactId=${t?.contact_id}
          seenSeq=${e.messages.some(e=>e.seq===y)&&s>=y?y:0} />`)}
      ${a?.pending.map(t=>j`<${xo} key=${t.client_msg_id} item=${t} id=${e} />`)}
      ${o&&j`<${So} stream=${o} />`}
    </div>
    ${u&&j`<button class="jump" onClick=${ee}><${X} name="arrowDown" size=${14} /> New messages</button>`}
  </div>`}function go(e,t,n,r,i){switch(e.kind){case`visitor`:return e.name||t;case`ai`:return`AI Assistant`;case`bot`:return e.name||`Bot`;case`agent`:return e.id===r.id?`${e.name||r.name}`:i||e.name||n[e.id]||`Agent`;default:return e.name||`System`}}var _o=Ca(function({group:e,messages:t,visitor:n,contactId:r,seenSeq:i}){let a=z(B,e=>e.names),o=z(B,e=>e.session.user),s=e.sender,c=go(s,n,a,o,z(B,e=>s.kind===`agent`?er(e,s.id):null)),l=t[0],u=s.kind===`agent`&&s.id===o.id;return j`<div class=${`group kind-${s.kind} ${e.private?`note`:``} ${u?`mine`:``}`}>
    <${Q} name=${c} kind=${s.kind} id=${s.kind===`visitor`?r:s.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${c}</span>
        ${s.kind===`ai`&&j`<span class="badge-kind badge-ai">AI</span>`}
        ${s.kind===`bot`&&j`<span class="badge-kind">Bot</span>`}
        ${u&&j`<span class="badge-kind">You</span>`}
        ${e.private&&j`<span class="badge-note"><${X} name="lock" size=${11} /> ${e.comment?`Internal comment`:`Internal note`}</span>`}
        ${e.comment&&!e.private&&j`<span class="badge-kind">Ticket reply</span>`}
        <time datetime=${l.created_at} title=${M(l.created_at)}>${Te(l.created_at)}</time>
      </div>
      ${t.map(e=>j`<${vo} key=${e.id} message=${e} />`)}
      ${i?j`<div class="seen"><${X} name="check" size=${12} /> Seen</div>`:null}
    </div>
  </div>`});function vo({message:e}){let t=Array.isArray(e.citations)?e.citations:[],n=e.sender?.kind===`ai`,r=Ye(()=>n?lo(e.body,y):mo(e.body,y),[n,e.body]);return j`<div data-testid="msg" class="msg" data-seq=${e.seq} data-sender=${e.sender?.kind||`system`} data-private=${e.private?`true`:`false`}
    data-comment=${e.comment?`true`:void 0}>
    <div data-testid="msg-body" class=${n?`msg-body md`:`msg-body`}>${r}</div>
    ${t.length>0&&j`<div class="citations">
      <span class="citations-label">Sources</span>
      ${t.map((e,t)=>{let n=Ya(e.url),r=e.title||e.article_id||`Source ${t+1}`;return n?j`<a data-testid="citation" class="citation" ...${Xa(n)}><${X} name="book" size=${11} />${r}<${X} name="external" size=${10} /></a>`:j`<span data-testid="citation" class="citation"><${X} name="book" size=${11} />${r}</span>`})}
    </div>`}
  </div>`}var yo={escalated:[`users`,`Handed over to a person`],agent_joined:[`user`,`An agent joined`],resolved:[`check`,`Resolved`],reopened:[`inbox`,`Reopened`],csat_requested:[`star`,`Rating requested`]};function bo({message:e}){let t=Object.hasOwn(yo,e.event||``)?e.event:null,n=String(e.body||``).trim()||(t?yo[t][1]:``);return j`<div data-testid="msg" class=${t?`system event event-${t}`:`system`} data-seq=${e.seq} data-sender="system"
    data-event=${t||void 0} data-private=${e.private?`true`:`false`}>
    ${t&&j`<${X} name=${yo[t][0]} size=${13} />`}
    <span data-testid="msg-body" class="msg-body">${n}</span>
    <time datetime=${e.created_at}>${Te(e.created_at)}</time>
  </div>`}function xo({item:e,id:t}){let n=z(B,e=>e.session.user);return j`<div class=${`group kind-agent mine pending ${e.private?`note`:``}`}>
    <${Q} name=${n.name} kind="agent" id=${n.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n.name}</span>
        ${e.private&&j`<span class="badge-note"><${X} name="lock" size=${11} /> Internal note</span>`}
        <span class="muted small">${e.state===`queued`?`Waiting for connection…`:`Sending…`}</span>
        ${e.state===`queued`&&j`<button class="link-btn" onClick=${()=>Br(t,e)}>Retry now</button>`}
      </div>
      <div class="msg msg-pending"><div class="msg-body">${e.body}</div></div>
    </div>
  </div>`}function So({stream:e}){return j`<div data-testid="ai-stream" class="group kind-ai streaming" aria-live="off">
    <${Q} kind="ai" size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">AI Assistant</span><span class="badge-kind badge-ai">AI</span>
        <span class="answering">AI is answering<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
      </div>
      <div class="msg"><div data-testid="msg-body" class="msg-body md">${Ye(()=>lo(e.text,y),[e.text])}${!e.text&&j`<span class="caret" aria-hidden="true"></span>`}</div></div>
    </div>
  </div>`}function Co({id:e}){return z(B,t=>!!t.streams[e])?j`<div class="takeover" role="status">
    <span class="takeover-text"><${X} name="sparkle" size=${15} /> AI is answering this customer<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
    <button data-testid="ai-stop" class="btn btn-stop" onClick=${()=>Qr(e)} title="Stop AI (s)">
      <${X} name="stop" size=${12} /> Stop AI and take over
    </button>
  </div>`:null}var wo=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function To({id:e}){let t=z(B,t=>t.convs[e]),n=z(B,t=>t.threads[e]);return t?j`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e} aria-label="Conversation">
    <${Eo} conv=${t} />
    <${ho} key=${e} id=${e} conv=${t} />
    <${Oo} id=${e} conv=${t} />
    <${Co} id=${e} />
    <${qa} id=${e} />
  </section>`:j`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e}>
      <div class="placeholder">${n?.error?j`<p>${n.error}</p>`:j`<p class="muted">Loading conversation…</p>`}</div>
    </section>`}function Eo({conv:e}){let t=Z(e.contact,e.contact_id),n=z(B,e=>e.session),r=Sa({session:n,presence:z(B,e=>e.presence),names:z(B,e=>e.names),staff:z(B,e=>e.staff)},e.assignee_id),i=n.user.id,a=z(B,t=>t.viewers[e.id]),o=z(B,t=>e.ticket_id?t.tickets[e.ticket_id]:null),s=Object.entries(a||{});return j`<header class="conv-head">
    <div class="conv-title">
      <${Q} name=${t} id=${e.contact_id} size=${36} />
      <div class="conv-title-text">
        <h2>${t}</h2>
        <span class="muted small">
          <${da} channel=${e.channel} /> ${ua[e.channel]||e.channel}
          ${e.contact?.email&&e.contact.name?j` · ${e.contact.email}`:``}
          ${e.subject?j` · ${e.subject}`:``}
        </span>
      </div>
      <div class="conv-title-side">
        ${s.length>0&&j`<span class="viewers" title=${`${s.map(([,e])=>e.name).join(`, `)} also here`}>
          ${s.slice(0,3).map(([e,t])=>j`<${Q} key=${e} name=${t.name} id=${e} kind="agent" size=${22} />`)}
          <span class="small"><${X} name="eye" size=${12} /> ${s.length===1?`${s[0][1].name||`An agent`} is viewing`:`${s.length} agents viewing`}</span>
        </span>`}
        ${e.ticket_id&&j`<button data-testid="conv-ticket-link" class="chip chip-link" onClick=${()=>Y({view:`tickets`,ticketId:e.ticket_id})}>
          <${X} name="ticket" size=${12} /> ${o?`Ticket #${o.number}`:`Ticket`}
        </button>`}
      </div>
    </div>
    <div class="controls">
      <label class="control">
        <span>Status</span>
        <select data-testid="conv-status" class=${`sel status-${e.status}`} value=${e.status} onChange=${t=>qr(e.id,{status:t.currentTarget.value})}>
          ${wo.map(e=>j`<option value=${e}>${fa[e]}</option>`)}
        </select>
      </label>
      <label class="control">
        <span>Assignee</span>
        <select data-testid="conv-assignee" class="sel" value=${e.assignee_id||``} onChange=${t=>qr(e.id,{assignee_id:t.currentTarget.value||null})}>
          ${r.map(e=>j`<option value=${e.value}>${e.label}</option>`)}
        </select>
      </label>
      <button data-testid="conv-assign-me" class="btn btn-sm" onClick=${()=>Jr(e.id)} title="Assign to me (a)">
        <${X} name="user" size=${13} /> ${e.assignee_id===i?`Assigned to you`:`Assign to me`}
      </button>
      <label class="control">
        <span>Priority</span>
        <select data-testid="conv-priority" class=${`sel priority-${e.priority}`} value=${e.priority} onChange=${t=>qr(e.id,{priority:t.currentTarget.value})}>
          ${ma.map(e=>j`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </label>
      <${Do} conv=${e} />
    </div>
  </header>`}function Do({conv:e}){let[t,n]=I(``);function r(){t.trim()&&Xr(e.id,t),n(``)}function i(i){i.key===`Enter`||i.key===`,`?(i.preventDefault(),r()):i.key===`Backspace`&&!t&&e.tags?.length?Zr(e.id,e.tags[e.tags.length-1]):i.key===`Escape`&&(n(``),i.currentTarget.blur())}return j`<div class="tags" role="group" aria-label="Tags">
    <${X} name="tag" size=${13} />
    ${(e.tags||[]).map(t=>j`<span class="tag" key=${t}>${t}<button class="tag-x" aria-label=${`Remove tag ${t}`} onClick=${()=>Zr(e.id,t)}><${X} name="x" size=${11} /></button></span>`)}
    <input data-testid="conv-tags" class="tag-input" value=${t} placeholder=${e.tags?.length?`Add tag`:`Add tags…`} aria-label="Add a tag"
      onInput=${t=>{let r=t.currentTarget.value;r.includes(`,`)?(Xr(e.id,r),n(``)):n(r)}}
      onKeyDown=${i} onBlur=${r} maxLength="200" />
  </div>`}function Oo({id:e,conv:t}){let n=z(B,t=>t.typing[e]),r=Object.values(n||{});if(!r.length)return j`<div class="typing-slot"></div>`;let i=r.map(e=>e.name||(e.kind===`visitor`?Z(t.contact,t.contact_id):e.kind===`bot`?`A bot`:`An agent`));return j`<div class="typing-slot"><div data-testid="typing-indicator" class="typing" role="status">
    <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${i.length===1?`${i[0]} is typing…`:`${i.slice(0,-1).join(`, `)} and ${i[i.length-1]} are typing…`}
  </div></div>`}var ko=[``,`Very poor`,`Poor`,`Okay`,`Good`,`Great`];function Ao(e){let t=e?.rating;return Number.isInteger(t)&&t>=1&&t<=5?t:0}function jo({rating:e,size:t=14}){return j`<span class="stars" role="img" aria-label=${`Rated ${e} out of 5`}>
    ${[1,2,3,4,5].map(n=>j`<${X} key=${n} name="star" size=${t} class=${n<=e?`star-on`:``} />`)}
  </span>`}function Mo({csat:e,now:t,testid:n=`csat`}){let r=Ao(e);return r?j`<section class="card csat" data-testid=${n} data-rating=${r} aria-label="Customer rating">
    <div class="card-head">
      <h4><${X} name="star" size=${13} /> Customer rating</h4>
      ${e.at&&j`<time class="faint small" datetime=${e.at} title=${M(e.at)}>${we(e.at,t)}</time>`}
    </div>
    <div class="csat-score"><${jo} rating=${r} size=${16} /><span><strong>${r}</strong>/5 · ${ko[r]}</span></div>
    ${e.comment&&j`<blockquote data-testid=${`${n}-comment`} class="csat-comment">${e.comment}</blockquote>`}
  </section>`:null}var No=e=>e.map(e=>e.replace(`_`,` `)).join(`, `);function Po({ticket:e,now:t}){let{clock:n,breached:r,soon:i}=gr(e,t),a=n===`paused`;return r.length?j`<span data-testid="sla-clock" data-state=${n||`none`} class="chip chip-danger" title=${`Missed: ${No(r)}${a?` · clock paused`:``}`}>
      Breached${a?` · paused`:``}</span>`:a?j`<span data-testid="sla-clock" data-state="paused" class="chip chip-paused"
      title=${`The SLA clock is paused${e.sla_paused_at?` since ${M(e.sla_paused_at)}`:``} while the ticket is ${e.status}; it runs again when it reopens`}><${X} name="pause" size=${11} /> SLA paused</span>`:n===`running`?j`<span data-testid="sla-clock" data-state="running" class=${`chip ${i?`chip-warn`:`chip-quiet`}`} title=${`Next SLA target ${M(e.due_at)}`}>
    <${X} name="clock" size=${11} /> ${De(e.due_at,t)}</span>`:null}function Fo({id:e}){let t=z(B,t=>t.convs[e]),n=t?.contact_id,r=t?.ticket_id,i=z(B,e=>n?e.contacts[n]:null),a=z(B,e=>r?e.tickets[r]:null),o=ya(6e4);if(L(()=>{n&&Xn(n)},[n]),L(()=>{r&&fr(r,{quiet:!0})},[r]),!t)return j`<aside class="pane details-pane" data-testid="details-panel" aria-label="Details"></aside>`;let s=i?.state===`ok`?i.profile:null,c=s?.contact||t.contact||{id:n},l=Z(c,n),u=Object.entries(s?.contact.attributes||{}).filter(([,e])=>e!==null&&e!==``),d=(s?.conversations||[]).filter(e=>e.id!==t.id),f=(s?.tickets||[]).filter(e=>e.id!==r);return j`<aside class="pane details-pane" data-testid="details-panel" aria-label="Customer details">
    <section class="card customer">
      <${Q} name=${l} id=${n} size=${48} />
      <h3>${l}</h3>
      ${c.email&&c.name&&j`<p class="muted small break">${c.email}</p>`}
      ${i?.state===`loading`&&j`<p class="muted small"><${$} /> Loading profile…</p>`}
      ${i?.state===`missing`&&j`<p class="muted small">No customer profile is available for this visitor yet.</p>`}
      ${i?.state===`error`&&j`<p class="muted small">Profile unavailable. <button class="link-btn" onClick=${()=>Xn(n,{force:!0})}>Retry</button></p>`}
    </section>

    <${Mo} csat=${t.csat} now=${o} testid="details-csat" />

    ${r&&j`<section class="card handoff">
      <div class="card-head">
        <h4><${X} name="ticket" size=${13} /> Handoff summary</h4>
        ${a&&j`<button class="link-btn" onClick=${()=>Y({view:`tickets`,ticketId:r})}>#${a.number} <${X} name="external" size=${11} /></button>`}
      </div>
      ${a?j`<div class="chips">
              <${pa} status=${a.status} /> <${ha} priority=${a.priority} />
              <${Po} ticket=${a} now=${o} />
            </div>
            ${a.escalation_reason&&j`<p class="muted small">Escalated: ${Ro(a.escalation_reason)}</p>`}
            <p data-testid="details-ticket-summary" class="summary">${a.summary||`No summary was written for this handoff.`}</p>`:j`<p class="muted small"><${$} /> Loading ticket…</p>`}
    </section>`}

    <section class="card">
      <h4>Conversation</h4>
      <dl class="facts">
        <dt>Channel</dt><dd>${ua[t.channel]||t.channel}</dd>
        <dt>Started</dt><dd title=${M(t.created_at)}>${Io(t.created_at,o)}</dd>
        ${t.first_response_at&&j`<dt>First response</dt><dd title=${M(t.first_response_at)}>${Io(t.first_response_at,o)}</dd>`}
        ${t.resolved_at&&(t.status===`resolved`||t.status===`closed`)&&j`<dt>Resolved</dt><dd title=${M(t.resolved_at)}>${Io(t.resolved_at,o)}</dd>`}
        <dt>AI answers</dt><dd>${t.ai_enabled?`On`:`Off`}</dd>
        ${c.external_id||s?.contact.external_id?j`<dt>External ID</dt><dd class="break">${s?.contact.external_id}</dd>`:null}
        ${s&&j`<dt>Customer since</dt><dd>${M(s.contact.created_at)}</dd>`}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>

    ${u.length>0&&j`<section class="card">
      <h4>Attributes</h4>
      <dl class="facts">
        ${u.map(([e,t])=>j`<dt class="break">${e}</dt><dd class="break">${typeof t==`object`?JSON.stringify(t):String(t)}</dd>`)}
      </dl>
    </section>`}

    ${s&&j`<section class="card">
      <h4>Past conversations</h4>
      ${d.length?j`<ul class="links">${d.slice(0,8).map(e=>j`<li><button class="link-row" onClick=${()=>Y({view:`conversations`,conversationId:e.id})}>
            <span class="ellipsis">${e.subject||e.preview?.body||`${ua[e.channel]||e.channel} conversation`}</span>
            <span class="row-side"><${pa} status=${e.status} short /> <span class="faint small">${we(e.updated_at,o)}</span></span>
          </button></li>`)}</ul>`:j`<p class="muted small">This is their first conversation.</p>`}
    </section>`}

    ${f.length>0&&j`<section class="card">
      <h4>Other tickets</h4>
      <ul class="links">${f.slice(0,8).map(e=>j`<li><button class="link-row" onClick=${()=>Y({view:`tickets`,ticketId:e.id})}>
        <span class="ellipsis">#${e.number} ${e.subject}</span><${pa} status=${e.status} />
      </button></li>`)}</ul>
    </section>`}
  </aside>`}function Io(e,t){let n=we(e,t);return n===`now`?`just now`:/^\d+[mh]$/.test(n)?`${n} ago`:n}var Lo={customer_asked:`the customer asked for a person`,no_answer:`the AI found no answer in the knowledge base`,ai_error:`the AI could not answer`,unanswered:`the question went unanswered too long`,visitor_left:`the customer left with a question unanswered`,marked:`handed over by an agent or bot`,budget:`the AI budget was used up`};function Ro(e){return Lo[e]||String(e).replace(/_/g,` `)}function zo(){let e=new URLSearchParams(location.search).get(`token`)||void 0,[t,n]=I(null),[r,i]=I({workspace:``,website:``,name:``,email:``,password:``}),{busy:a,error:o,setError:s,submit:c}=Ta(()=>vi({token:e,workspace:r.workspace.trim(),allowed_origins:Zi(r.website),name:r.name.trim(),email:r.email.trim(),password:r.password}));L(()=>{N(`/v1/setup`,{auth:!1}).then(n,e=>s(e.message))},[]);let l=e=>t=>i(n=>({...n,[e]:t.currentTarget.value}));return t?t.needed?t.token_required&&!e?j`<main class="signin"><div class="signin-card">
      <h1>Open the setup link from the server's log</h1>
      <p class="muted">From another machine, setup needs the one-time token that <code>flowsupport serve</code> printed when it started.</p>
    </div></main>`:j`<main class="signin">
    <form class="signin-card setup-card" onSubmit=${c} aria-labelledby="setup-title" data-testid="setup-form">
      <${wa} />
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
      <${Ea} busy=${a} error=${o} testid="setup-submit" label="Create workspace" busyLabel="Creating…" />
    </form>
  </main>`:j`<main class="signin"><div class="signin-card">
      <h1>This server is already set up</h1>
      <p class="muted">Sign in with your account instead.</p>
      <a class="btn btn-primary btn-block" href="/inbox">Go to sign-in</a>
    </div></main>`:j`<main class="signin">${o?j`<p class="form-error" role="alert">${o}</p>`:j`<${$} />`}</main>`}function Bo(){let[e,t]=I(``),[n,r]=I(``),[i,a]=I(!1),{busy:o,error:s,submit:c}=Ta(()=>_i(e.trim(),n),e=>e.status===401?`That e-mail and password do not match an account.`:e.message);return i?j`<${Ma} email=${e} onBack=${()=>a(!1)} />`:j`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="signin-title">
      <${wa} />
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
      <${Ea} busy=${o} error=${s} testid="inbox-signin" label="Sign in" busyLabel="Signing in…" />
    </form>
  </main>`}var Vo=[`new`,`open`,`pending`,`solved`,`closed`],Ho=e=>e[0].toUpperCase()+e.slice(1);function Uo(){let e=z(B,e=>e.ticketFilters),t=z(B,e=>e.ticketList),n=z(B,Ko),r=z(B,e=>e.route.ticketId),i=z(B,e=>e.cursor),a=ya(3e4);return L(()=>{B.get().ticketList.loaded||sr()},[]),j`<section class="pane list-pane" aria-label="Tickets">
    <div class="pane-head">
      <div class="pane-title"><h2>Tickets</h2><span class="muted small">${t.loading?j`<${$} />`:`${n.length}${t.nextCursor?`+`:``}`}</span></div>
      <label class="search">
        <${X} name="search" size=${14} />
        <input data-testid="ticket-search" type="search" placeholder="Search subjects and comments" aria-label="Search tickets"
          value=${e.q} onInput=${e=>ur({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="ticket-filter-status" aria-label="Ticket status" value=${e.status} onChange=${e=>ur({status:e.currentTarget.value})}>
          <option value="">Any status</option>
          ${Vo.map(e=>j`<option value=${e}>${fa[e]}</option>`)}
        </select>
        <select data-testid="ticket-filter-priority" aria-label="Priority" value=${e.priority} onChange=${e=>ur({priority:e.currentTarget.value})}>
          <option value="">Any priority</option>
          ${ma.map(e=>j`<option value=${e}>${Ho(e)}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="ticket-filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>ur({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="ticket-filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>ur({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="ticket-list" class="list" aria-label="Ticket list">
      ${n.map(e=>j`<${Jo} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&j`<li class="empty">
        ${t.error?j`<p>Could not load tickets.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${sr}>Try again</button>`:j`<p>No tickets here.</p><p class="muted small">Conversations the AI cannot answer become tickets.</p>`}
      </li>`}
      ${t.nextCursor&&j`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${cr} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var Wo=null,Go=[];function Ko(e){if(e===Wo)return Go;let t=ar(e);return Wo=e,(t.length!==Go.length||t.some((e,t)=>e!==Go[t]))&&(Go=t),Go}function qo(e,t){return e.requester?{...e.requester,id:e.requester.id||e.requester_contact_id}:t?.state===`ok`?t.profile.contact:{id:e.requester_contact_id}}var Jo=Ca(function({id:e,active:t,highlighted:n,now:r}){let i=z(B,t=>t.tickets[e]),a=z(B,e=>i?.assignee_id?ba(e.names,i.assignee_id,e.session.user):null),o=z(B,e=>i&&!i.requester?e.contacts[i.requester_contact_id]:null),s=R(null);if(L(()=>{(n||t)&&s.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let c=qo(i,o),l=Z(c,i.requester_contact_id);return j`<li>
    <button ref=${s} data-testid="ticket-item" data-ticket-id=${e} data-status=${i.status}
      class=${`row ticket-row ${t?`active`:``} ${n?`highlighted`:``}`} aria-current=${t?`true`:void 0}
      onClick=${()=>Y({view:`tickets`,ticketId:e})}>
      <span class="row-main">
        <span class="row-top">
          <span class="row-name"><span class="ticket-no">#${i.number}</span> ${i.subject}</span>
          <time class="row-time" datetime=${i.updated_at}>${we(i.updated_at,r)}</time>
        </span>
        <span class="row-preview row-requester" title=${c.email&&c.name?`${l} <${c.email}>`:l}>
          <${Q} name=${l} id=${i.requester_contact_id} size=${18} />
          <span data-testid="ticket-requester" class="ellipsis">${l}</span>
        </span>
        <span class="row-meta">
          <${pa} status=${i.status} />
          <${ha} priority=${i.priority} />
          <${Po} ticket=${i} now=${r} />
          <span class="mini assignee"><${X} name="user" size=${11} />${a?a.replace(` (you)`,``):`Unassigned`}</span>
        </span>
      </span>
    </button>
  </li>`});function Yo({id:e}){let t=z(B,t=>t.tickets[e]),n=z(B,t=>t.ticketDetail[e]),r=z(B,e=>t&&!t.requester?e.contacts[t.requester_contact_id]:null),i=z(B,e=>e.session),a=z(B,e=>e.presence),o=z(B,e=>e.names),s=z(B,e=>e.staff),c=t?.conversation_id||null,l=z(B,e=>c?e.convs[c]:null),u=ya(3e4),d=R(null),f=n?.comments?.length||0;if(Je(()=>{d.current&&f&&(d.current.scrollTop=d.current.scrollHeight)},[f,e]),L(()=>{if(c)return Tr(c),()=>Er(c)},[c]),!t)return j`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e}>
      <div class="placeholder">${n?.state===`missing`?j`<p>This ticket does not exist or is not yours to see.</p>`:n?.state===`error`?j`<p>${n.error}</p>`:j`<p class="muted"><${$} /> Loading ticket…</p>`}</div>
    </section>`;let p=Sa({session:i,presence:a,names:o,staff:s},t.assignee_id),m=n?.comments||[],h=qo(t,r),g=Z(h,t.requester_contact_id);return j`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e} aria-label=${`Ticket ${t.number}`}>
    <header class="conv-head">
      <div class="conv-title">
        <span class="ticket-badge"><${X} name="ticket" size=${18} /></span>
        <div class="conv-title-text">
          <h2><span class="ticket-no">#${t.number}</span> ${t.subject}</h2>
          <span class="muted small">
            <span class="requester-inline" title=${h.email&&h.name?`${g} <${h.email}>`:g}>
              <${X} name="user" size=${12} />
              <span data-testid="ticket-view-requester" class="ellipsis">${g}${h.email&&h.name?j` <span class="faint">· ${h.email}</span>`:``}</span>
            </span>
            <span class="nowrap">· Opened ${Io(t.created_at,u)} · updated ${Io(t.updated_at,u)}</span>
          </span>
        </div>
        <div class="conv-title-side">
          <${Po} ticket=${t} now=${u} />
          ${t.conversation_id&&j`<button data-testid="ticket-conversation-link" class="chip chip-link" onClick=${()=>Y({view:`conversations`,conversationId:t.conversation_id})}>
            <${X} name="sms" size=${12} /> Open conversation</button>`}
        </div>
      </div>
      <div class="controls">
        <label class="control"><span>Status</span>
          <select data-testid="ticket-status" class=${`sel status-${t.status}`} value=${t.status} onChange=${t=>mr(e,{status:t.currentTarget.value})}>
            ${Vo.map(e=>j`<option value=${e}>${fa[e]}</option>`)}
          </select></label>
        <label class="control"><span>Priority</span>
          <select data-testid="ticket-priority" class=${`sel priority-${t.priority}`} value=${t.priority} onChange=${t=>mr(e,{priority:t.currentTarget.value})}>
            ${ma.map(e=>j`<option value=${e}>${Ho(e)}</option>`)}
          </select></label>
        <label class="control"><span>Assignee</span>
          <select data-testid="ticket-assignee" class="sel" value=${t.assignee_id||``} onChange=${t=>mr(e,{assignee_id:t.currentTarget.value||null})}>
            ${p.map(e=>j`<option value=${e.value}>${e.label}</option>`)}
          </select></label>
        ${t.tags?.length>0&&j`<div class="tags">${t.tags.map(e=>j`<span class="tag" key=${e}>${e}</span>`)}</div>`}
      </div>
    </header>
    ${c?j`<${ho} key=${c} id=${c} conv=${l} cls="ticket-body" comments=${n?.state===`ok`?n.comments:void 0}
          top=${j`<${Xo} ticket=${t} csat=${t.csat||l?.csat} now=${u} />
            <h3 class="section-title">Conversation</h3>`} />`:j`<div class="transcript ticket-body" ref=${d}>
          <div class="transcript-inner">
            <${Xo} ticket=${t} csat=${t.csat} now=${u} />
            <h3 class="section-title">Activity</h3>
            ${!n||n.state===`loading`?j`<p class="muted"><${$} /> Loading comments…</p>`:null}
            ${n?.state===`ok`&&!m.length&&j`<p class="muted small">No comments yet.</p>`}
            ${m.map(e=>j`<${Zo} key=${e.id} comment=${e} />`)}
          </div>
        </div>`}
    <${$o} id=${e} />
  </section>`}function Xo({ticket:e,csat:t,now:n}){return j`<section class="summary-card" aria-label="Handoff summary">
      <div class="card-head"><h3><${X} name="sparkle" size=${14} /> Handoff summary</h3>
        ${e.escalation_reason&&j`<span class="muted small">Escalated because ${Ro(e.escalation_reason)}</span>`}</div>
      <p data-testid="ticket-summary" class="summary">${e.summary||`No summary was written for this ticket.`}</p>
    </section>
    <${Mo} csat=${t} now=${n} testid="ticket-csat" />`}function Zo({comment:e}){let t=e.author||{},n=z(B,e=>t.kind===`agent`?er(e,t.id):null)||t.name||(t.kind===`visitor`?`Customer`:t.kind===`ai`?`AI Assistant`:t.kind===`system`?`System`:`Agent`);return j`<article data-testid="ticket-comment" data-public=${e.public?`true`:`false`} class=${`comment ${e.public?`public`:`internal`}`}>
    <${Q} name=${n} kind=${t.kind===`agent`||t.kind===`visitor`?`visitor`:t.kind} id=${t.id} size=${30} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n}</span>
        ${e.public?j`<span class="badge-kind">Public reply</span>`:j`<span class="badge-note"><${X} name="lock" size=${11} /> Internal</span>`}
        <time datetime=${e.created_at} title=${M(e.created_at)}>${we(e.created_at)} · ${Te(e.created_at)}</time>
      </div>
      <div class="msg-body">${e.body}</div>
    </div>
  </article>`}var Qo={};function $o({id:e}){let[t,n]=I(Qo[e]||``),[r,i]=I(!1),[a,o]=I(!1);L(()=>{n(Qo[e]||``),i(!1)},[e]);async function s(){let i=t.trim();if(!i||a)return;o(!0);let s=await hr(e,i,r);o(!1),s&&(Qo[e]=``,n(``))}return j`<div class=${`composer ${r?``:`composer-note`}`}>
    <div class="composer-box">
      <textarea data-testid="ticket-comment-input" rows="3" value=${t} aria-label="Comment"
        placeholder=${r?`Write a public reply — the customer receives it`:`Write an internal comment — only your team sees it`}
        onInput=${t=>{Qo[e]=t.currentTarget.value,n(t.currentTarget.value)}}
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
  </div>`}function es({id:e}){let t=z(B,t=>t.tickets[e]),n=z(B,e=>t?e.contacts[t.requester_contact_id]:null),r=ya(3e4);if(L(()=>{t?.requester_contact_id&&Xn(t.requester_contact_id)},[t?.requester_contact_id]),!t)return j`<aside class="pane details-pane" aria-label="Ticket details"></aside>`;let i=qo(t,n),a=Z(i,t.requester_contact_id),o=(e,t)=>t&&j`<dt>${e}</dt><dd title=${M(t)}>${M(t)}</dd>`;return j`<aside class="pane details-pane" data-testid="ticket-details" aria-label="Ticket details">
    <section class="card customer" data-testid="ticket-details-requester" aria-label="Requester">
      <h4>Requester</h4>
      <${Q} name=${a} id=${t.requester_contact_id} size=${48} />
      <h3>${a}</h3>
      ${i.email&&i.name&&j`<p class="muted small break">${i.email}</p>`}
      ${n?.state===`missing`&&j`<p class="muted small">No customer profile available.</p>`}
    </section>
    <section class="card">
      <h4>SLA</h4>
      <div class="chips"><${Po} ticket=${t} now=${r} /></div>
      <dl class="facts">
        ${o(`First response due`,t.first_response_due_at)}
        ${o(`First response`,t.first_responded_at)}
        ${o(`Resolution due`,t.resolution_due_at)}
        ${o(`Solved`,t.solved_at)}
        ${gr(t,r).clock&&j`<dt>Clock</dt><dd data-testid="ticket-sla-state">${gr(t,r).clock===`paused`?`Paused`:`Running`}</dd>`}
        ${t.breaches?.length?j`<dt>Missed</dt><dd class="danger-text">${t.breaches.map(e=>e.replace(`_`,` `)).join(`, `)}</dd>`:null}
      </dl>
    </section>
    <section class="card">
      <h4>Ticket</h4>
      <dl class="facts">
        <dt>Number</dt><dd>#${t.number}</dd>
        <dt>Created</dt><dd>${M(t.created_at)}</dd>
        ${Object.entries(t.custom_fields||{}).map(([e,t])=>j`<dt class="break">${e}</dt><dd class="break">${String(t)}</dd>`)}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>
  </aside>`}var ts={connected:`Connected`,connecting:`Connecting…`,reconnecting:`Reconnecting…`,stopped:`Offline`};function ns(){let e=z(B,e=>e.route.view),t=z(B,e=>e.conn),n=z(B,e=>e.connProblem),r=z(B,e=>e.presence),i=z(B,e=>e.session.user),a=z(B,e=>Object.values(e.unread).filter(e=>e>0).length),o=(r.agents||[]).filter(e=>e.id!==i.id);return L(()=>{let t={tickets:`Tickets`,settings:`Settings`}[e]||`Inbox`;document.title=`${a?`(${a}) `:``}${t} · FlowSupport`},[a,e]),j`<header class="topbar">
    <div class="brand"><span class="brand-mark"><${X} name="logo" size=${18} /></span> FlowSupport</div>
    <nav class="tabs" aria-label="Sections">
      <button data-testid="nav-conversations" class=${`tab ${e===`conversations`?`active`:``}`}
        aria-current=${e===`conversations`?`page`:void 0} onClick=${()=>Hr(`conversations`)}
        title="Conversations (g then c)">
        <${X} name="inbox" /> Conversations
        ${a>0&&j`<span class="tab-count" aria-label=${`${a} with unread messages`}>${a}</span>`}
      </button>
      <button data-testid="nav-tickets" class=${`tab ${e===`tickets`?`active`:``}`}
        aria-current=${e===`tickets`?`page`:void 0} onClick=${()=>Hr(`tickets`)}
        title="Tickets (g then t)">
        <${X} name="ticket" /> Tickets
      </button>
      <button data-testid="nav-settings" class=${`tab ${e===`settings`?`active`:``}`}
        aria-current=${e===`settings`?`page`:void 0} onClick=${()=>Hr(`settings`)}
        title="Settings (g then s)">
        <${X} name="settings" /> Settings
      </button>
    </nav>
    <div class="topbar-right">
      <span data-testid="inbox-connection" class=${`conn conn-${t}`} role="status" title=${n||``}>
        <span class="dot" aria-hidden="true"></span>${n?`Origin not allowed`:ts[t]||t}
      </span>
      <span class="presence" title=${(r.agents||[]).map(e=>e.name).join(`, `)||`Agents online`}>
        <span class="presence-faces" aria-hidden="true">
          ${o.slice(0,3).map(e=>j`<${Q} key=${e.id} name=${e.name} id=${e.id} kind="agent" size=${22} />`)}
        </span>
        <${X} name="users" size=${14} /> ${r.count} online
      </span>
      <button class="icon-btn" onClick=${()=>B.set(e=>({...e,help:!0}))} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <${X} name="help" />
      </button>
      <span class="me">
        <${Q} name=${i.name} id=${i.id} kind="agent" size=${26} />
        <span class="me-name">${i.name}</span>
      </span>
      <button class="btn btn-ghost btn-sm" data-testid="inbox-signout" onClick=${()=>bi()} title="Sign out">
        <${X} name="logout" size=${14} /> Sign out
      </button>
    </div>
  </header>`}var rs=(function(){let e=typeof document<`u`&&document.createElement(`link`).relList;return e&&e.supports&&e.supports(`modulepreload`)?`modulepreload`:`preload`})(),is=function(e){return`/inbox/`+e},as={},os=function(e){return e.pathname.endsWith(`.css`)},ss=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw e[t]=void 0,n});return e[t]=i,i},cs=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=is(t,n);let r=s(t),i=os(r);return ss(as,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}if((i?e.styles:e.all).has(r.href))return;let t=document.createElement(`link`);if(t.rel=i?`stylesheet`:rs,i||(t.as=`script`),t.crossOrigin=``,t.href=r.href,a&&t.setAttribute(`nonce`,a),document.head.appendChild(t),i)return new Promise((e,n)=>{let i=a=>{t.removeEventListener(`load`,i),t.removeEventListener(`error`,i),a.type===`error`?n(Error(`Unable to preload CSS for ${r}`)):e(a)};t.addEventListener(`load`,i),t.addEventListener(`error`,i)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},ls={"/invite":Aa,"/reset":ja};function us(){let e=z(B,e=>e.session),t=ls[location.pathname],n=location.pathname===`/setup`?zo:Bo;return j`<${t||(e?ds:n)} /><${_s} />`}function ds(){let e=z(B,e=>e.route),t=z(B,e=>e.help);return j`<div class="app" data-testid="inbox-app">
    <${ns} />
    ${z(B,e=>e.conn)===`reconnecting`&&j`<div class="banner" role="status">Connection lost. Reconnecting… new messages will appear when it is back.</div>`}
    <div class="panes">
      ${e.view===`settings`?j`<${ps} />`:e.view===`tickets`?j`<${Uo} />
            ${e.ticketId?j`<${Yo} id=${e.ticketId} /><${es} id=${e.ticketId} />`:j`<${hs} icon="ticket" title="Select a ticket" text="Escalated conversations become tickets with an SLA and a handoff summary." />`}`:j`<${Ha} />
            ${e.conversationId?j`<${To} id=${e.conversationId} /><${Fo} id=${e.conversationId} />`:j`<${ms} />`}`}
    </div>
    ${t&&j`<${gs} />`}
  </div>`}var fs=null;function ps(){let[e,t]=I(fs),[n,r]=I(null);return L(()=>{e||cs(()=>import(`./Settings-Dp0725ux.js`).then(e=>{fs=e,t(e)},e=>r(e)),[])},[]),n?j`<section class="pane main-pane empty-main"><div class="placeholder" role="alert">
      <h2>The settings could not be loaded</h2>
      <p class="muted">${n.message||`Check your connection.`}</p>
      <button class="btn" onClick=${()=>location.reload()}>Reload</button>
    </div></section>`:e?j`<${e.Settings} />`:j`<section class="pane main-pane empty-main"><div class="placeholder"><${$} label="Loading the settings" /></div></section>`}function ms(){let e=z(B,e=>e.session.user),[t,n]=I(()=>!La(e)||Ra(e.tenant_id));return t?j`<${hs} icon="inbox" title="Select a conversation" text="Pick a conversation on the left, or press j / k and Enter." />`:j`<section class="pane main-pane empty-main"><${za} onDismiss=${()=>n(!0)} /></section>`}function hs({icon:e,title:t,text:n}){return j`<section class="pane main-pane empty-main">
    <div class="placeholder">
      <span class="placeholder-icon"><${X} name=${e} size=${28} /></span>
      <h2>${t}</h2>
      <p class="muted">${n}</p>
      <p class="muted small">Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>
  </section>`}function gs(){let e=R(null);L(()=>{let t=document.activeElement;return e.current?.focus(),()=>t?.focus?.()},[]);let t=()=>B.set(e=>({...e,help:!1}));return j`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&t()}>
    <div data-testid="shortcuts-help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex="-1" ref=${e}>
      <div class="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button class="icon-btn" onClick=${t} aria-label="Close"><${X} name="x" /></button>
      </div>
      <dl class="shortcuts">
        ${Ei.map(([e,t])=>j`<dt>${e.split(` then `).map((e,t)=>j`${t?j`<span class="muted small"> then </span>`:``}<kbd>${e}</kbd>`)}</dt><dd>${t}</dd>`)}
      </dl>
      <p class="muted small">Shortcuts pause while you type in a field; Esc leaves the field.</p>
    </div>
  </div>`}function _s(){return j`<div class="toasts" role="status" aria-live="polite">
    ${z(B,e=>e.toasts).map(e=>j`<div key=${e.id} data-testid="toast" class=${`toast toast-${e.kind}`}>
      <${X} name=${e.kind===`error`?`alert`:e.kind===`warning`?`clock`:`check`} size=${15} />
      <span>${e.text}</span>
      <button class="icon-btn" aria-label="Dismiss" onClick=${()=>zt(e.id)}><${X} name="x" size=${14} /></button>
    </div>`)}
  </div>`}t.debounceRendering=e=>Sn()?document.visibilityState===`visible`?requestAnimationFrame(e):setTimeout(e,0):Promise.resolve().then(e),Ti(),document.addEventListener(`keydown`,ji),pe(j`<${us} />`,document.getElementById(`app`));export{Qi as A,vt as B,Ri as C,zi as D,$i as E,Y as F,I as G,R as H,B as I,N as J,L as K,ht as L,Li as M,Si as N,Vi as O,xi as P,_t as R,na as S,Ii as T,Ye as U,z as V,Je as W,y as X,j as Y,Yi as _,$ as a,Gi as b,Ni as c,ea as d,Bi as f,qi as g,ca as h,X as i,Ki as j,Ui as k,Mi as l,ra as m,lo as n,aa as o,sa as p,Xe as q,Q as r,oa as s,Io as t,Pi as u,Xi as v,Zi as w,ia as x,Wi as y,gt as z};