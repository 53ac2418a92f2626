var e,t,n,r,i,a,o,s,c,l,u,d,f,p,m={},h=[],g=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,_=Array.isArray;function v(e,t){for(var n in t)e[n]=t[n];return e}function ee(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function y(t,n,r){var i,a,o,s={};for(o in n)o==`key`?i=n[o]:o==`ref`?a=n[o]:s[o]=n[o];if(arguments.length>2&&(s.children=arguments.length>3?e.call(arguments,2):r),typeof t==`function`&&t.defaultProps!=null)for(o in t.defaultProps)s[o]===void 0&&(s[o]=t.defaultProps[o]);return b(t,s,i,a,null)}function b(e,r,i,a,o){var s={type:e,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:o??++n,__i:-1,__u:0};return o==null&&t.vnode!=null&&t.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t}function C(e,t){if(t==null)return e.__?C(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type==`function`?C(e):null}function te(e){if(e.__P&&e.__d){var n=e.__v,r=n.__e,i=[],a=[],o=v({},n);o.__v=n.__v+1,t.vnode&&t.vnode(o),ae(e.__P,o,n,e.__n,e.__P.namespaceURI,32&n.__u?[r]:null,i,r??C(n),!!(32&n.__u),a),o.__v=n.__v,o.__.__k[o.__i]=o,se(i,o,a),n.__e=n.__=null,o.__e!=r&&w(o)}}function w(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),w(e)}function T(e){(!e.__d&&(e.__d=!0)&&r.push(e)&&!E.__r++||i!=t.debounceRendering)&&((i=t.debounceRendering)||a)(E)}function E(){try{for(var e,t=1;r.length;)r.length>t&&r.sort(o),e=r.shift(),t=r.length,te(e)}finally{r.length=E.__r=0}}function ne(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,g,_,v,ee=r&&r.__k||h,y=t.length;for(c=D(n,t,ee,c,y),d=0;d<y;d++)(p=n.__k[d])!=null&&(f=p.__i!=-1&&ee[p.__i]||m,p.__i=d,v=ae(e,p,f,i,a,o,s,c,l,u),g=p.__e,p.ref&&f.ref!=p.ref&&(f.ref&&ue(f.ref,null,p),u.push(p.ref,p.__c||g,p)),_==null&&g!=null&&(_=g),4&p.__u?(c=O(p,c,e),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),p.__u&=-7);return n.__e=_,c}function D(e,t,n,r,i){var a,o,s,c,l,u=n.length,d=u,f=0;for(e.__k=Array(i),a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o==`string`||typeof o==`number`||typeof o==`bigint`||o.constructor==String?o=e.__k[a]=b(null,o,null,null,null):_(o)?o=e.__k[a]=b(x,{children:o},null,null,null):o.constructor===void 0&&o.__b>0?o=e.__k[a]=b(o.type,o.props,o.key,o.ref?o.ref:null,o.__v):e.__k[a]=o,c=a+f,o.__=e,o.__b=e.__b+1,s=null,(l=o.__i=re(o,n,c,d))!=-1&&(d--,(s=n[l])&&(s.__u|=2)),s==null||s.__v==null?(l==-1&&(i>u?f--:i<u&&f++),typeof o.type!=`function`&&(o.__u|=4)):l!=c&&(l==c-1?f--:l==c+1?f++:(l>c?f--:f++,o.__u|=4))):e.__k[a]=null;if(d)for(a=0;a<u;a++)(s=n[a])!=null&&!(2&s.__u)&&(s.__e==r&&(r=C(s)),de(s,s));return r}function O(e,t,n){var r,i;if(typeof e.type==`function`){for(r=e.__k,i=0;r&&i<r.length;i++)r[i]&&(r[i].__=e,t=O(r[i],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=C(e)),t=n.insertBefore(e.__e,t||null));do t&&=t.nextSibling;while(t!=null&&t.nodeType==8);return t}function re(e,t,n,r){var i,a,o,s=e.key,c=e.type,l=t[n],u=l!=null&&!(2&l.__u);if(l===null&&s==null||u&&s==l.key&&c==l.type)return n;if(r>+!!u){for(i=n-1,a=n+1;i>=0||a<t.length;)if((l=t[o=i>=0?i--:a++])!=null&&!(2&l.__u)&&s==l.key&&c==l.type)return o}return-1}function ie(e,t,n){t[0]==`-`?e.setProperty(t,n??``):e[t]=n==null?``:typeof n!=`number`||g.test(t)?n:n+`px`}function k(e,t,n,r,i){var a,o;n:if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||ie(e.style,t,``);if(n)for(t in n)r&&n[t]==r[t]||ie(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)a=t!=(t=t.replace(u,`$1`)),o=t.toLowerCase(),t=o in e||t==`onFocusOut`||t==`onFocusIn`?o.slice(2):t.slice(2),e.l||={},e.l[t+a]=n,n?r?n[l]=r[l]:(n[l]=d,e.addEventListener(t,a?p:f,a)):e.removeEventListener(t,a?p:f,a);else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;break n}catch{}typeof n==`function`||(n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n))}}function A(e){return function(n){if(this.l){var r=this.l[n.type+e];if(n[c]==null)n[c]=d++;else if(n[c]<r[l])return;return r(t.event?t.event(n):n)}}}function ae(e,n,r,i,a,o,s,c,l,u){var d,f,p,m,g,y,b,te,w,T,E,D,O,re,ie,k,A=n.type;if(n.constructor!==void 0)return null;128&r.__u&&(l=!!(32&r.__u),o=[c=n.__e=r.__e]),(d=t.__b)&&d(n);n:if(typeof A==`function`){f=s.length;try{if(w=n.props,T=A.prototype&&A.prototype.render,E=(d=A.contextType)&&i[d.__c],D=d?E?E.props.value:d.__:i,r.__c?te=(p=n.__c=r.__c).__=p.__E:(T?n.__c=p=new A(w,D):(n.__c=p=new S(w,D),p.constructor=A,p.render=fe),E&&E.sub(p),p.state||(p.state={}),p.__n=i,m=p.__d=!0,p.__h=[],p._sb=[]),T&&p.__s==null&&(p.__s=p.state),T&&A.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=v({},p.__s)),v(p.__s,A.getDerivedStateFromProps(w,p.__s))),g=p.props,y=p.state,p.__v=n,m)T&&A.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),T&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(T&&A.getDerivedStateFromProps==null&&w!==g&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(w,D),n.__v==r.__v||!p.__e&&p.shouldComponentUpdate!=null&&!1===p.shouldComponentUpdate(w,p.__s,D)){n.__v!=r.__v&&(p.props=w,p.state=p.__s,p.__d=!1),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),h.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&s.push(p),c=C(r);break n}p.componentWillUpdate!=null&&p.componentWillUpdate(w,p.__s,D),T&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(g,y,b)})}if(p.context=D,p.props=w,p.__P=e,p.__e=!1,O=t.__r,re=0,T)p.state=p.__s,p.__d=!1,O&&O(n),d=p.render(p.props,p.state,p.context),h.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,O&&O(n),d=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++re<25);p.state=p.__s,p.getChildContext!=null&&(i=v(v({},i),p.getChildContext())),T&&!m&&p.getSnapshotBeforeUpdate!=null&&(b=p.getSnapshotBeforeUpdate(g,y)),ie=d!=null&&d.type===x&&d.key==null?ce(d.props.children):d,c=ne(e,_(ie)?ie:[ie],n,r,i,a,o,s,c,l,u),p.base=n.__e,n.__u&=-161,p.__h.length&&s.push(p),te&&(p.__E=p.__=null)}catch(e){if(s.length=f,n.__v=null,l||o!=null){if(e.then){for(n.__u|=l?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),n.__e=c}else if(o!=null)for(k=o.length;k--;)ee(o[k])}else n.__e=r.__e;n.__k??=r.__k||[],e.then||oe(n),t.__e(e,n,r)}}else o==null&&n.__v==r.__v?(n.__k=r.__k,n.__e=r.__e):c=n.__e=le(r.__e,n,r,i,a,o,s,l,u);return(d=t.diffed)&&d(n),128&n.__u?void 0:c}function oe(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(oe))}function se(e,n,r){for(var i=0;i<r.length;i++)ue(r[i],r[++i],r[++i]);t.__c&&t.__c(n,e),e.some(function(n){try{e=n.__h,n.__h=[],e.some(function(e){e.call(n)})}catch(e){t.__e(e,n.__v)}})}function ce(e){return typeof e!=`object`||!e||e.__b>0?e:_(e)?e.map(ce):e.constructor===void 0?v({},e):null}function le(n,r,i,a,o,s,c,l,u){var d,f,p,h,g,v,y,b=i.props||m,x=r.props,S=r.type;if(S==`svg`?o=`http://www.w3.org/2000/svg`:S==`math`?o=`http://www.w3.org/1998/Math/MathML`:o||=`http://www.w3.org/1999/xhtml`,s!=null){for(d=0;d<s.length;d++)if((g=s[d])&&`setAttribute`in g==!!S&&(S?g.localName==S:g.nodeType==3)){n=g,s[d]=null;break}}if(n==null){if(S==null)return document.createTextNode(x);n=document.createElementNS(o,S,x.is&&x),l&&=(t.__m&&t.__m(r,s),!1),s=null}if(S==null)b===x||l&&n.data==x||(n.data=x);else{if(s=S==`textarea`&&x.defaultValue!=null?null:s&&e.call(n.childNodes),!l&&s!=null)for(b={},d=0;d<n.attributes.length;d++)b[(g=n.attributes[d]).name]=g.value;for(d in b)g=b[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in x||d==`value`&&`defaultValue`in x||d==`checked`&&`defaultChecked`in x||k(n,d,null,g,o);for(d in x)g=x[d],d==`children`?h=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?v=g:d==`checked`?y=g:l&&typeof g!=`function`||b[d]===g||k(n,d,g,b[d],o);if(f)l||p&&(f.__html==p.__html||f.__html==n.innerHTML)||(n.innerHTML=f.__html),r.__k=[];else if(p&&(n.innerHTML=``),ne(r.type==`template`?n.content:n,_(h)?h:[h],r,i,a,S==`foreignObject`?`http://www.w3.org/1999/xhtml`:o,s,c,s?s[0]:i.__k&&C(i,0),l,u),s!=null)for(d=s.length;d--;)ee(s[d]);l&&S!=`textarea`||(d=`value`,S==`progress`&&v==null?n.removeAttribute(`value`):v!=null&&(v!==n[d]||S==`progress`&&!v||S==`option`&&v!=b[d])&&k(n,d,v,b[d],o),d=`checked`,y!=null&&y!=n[d]&&k(n,d,y,b[d],o))}return n}function ue(e,n,r){try{if(typeof e==`function`){var i=typeof e.__u==`function`;i&&e.__u(),i&&n==null||(e.__u=e(n))}else e.current=n}catch(e){t.__e(e,r)}}function de(e,n,r){var i,a;if(t.unmount&&t.unmount(e),(i=e.ref)&&(i.current&&i.current!=e.__e||ue(i,null,n)),(i=e.__c)!=null){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(e){t.__e(e,n)}i.base=i.__P=i.__n=null}if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&de(i[a],n,r||typeof e.type!=`function`);r||ee(e.__e),e.__c=e.__=e.__e=void 0}function fe(e,t,n){return this.constructor(e,n)}function pe(n,r,i){var a,o,s,c;r==document&&(r=document.documentElement),t.__&&t.__(n,r),o=(a=typeof i==`function`)?null:i&&i.__k||r.__k,s=[],c=[],ae(r,n=(!a&&i||r).__k=y(x,null,[n]),o||m,m,r.namespaceURI,!a&&i?[i]:o?null:r.firstChild?e.call(r.childNodes):null,s,!a&&i?i:o?o.__e:r.firstChild,a,c),se(s,n,c),n.props.children=null}e=h.slice,t={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!i.__)try{if((a=i.constructor)&&a.getDerivedStateFromError!=null&&(i.setState(a.getDerivedStateFromError(e)),o=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,r||{}),o=i.__d),o)return i.__E=i}catch(t){e=t}throw e}},n=0,S.prototype.setState=function(e,t){var n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=v({},this.state);typeof e==`function`&&(e=e(v({},n),this.props)),e&&v(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),T(this))},S.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),T(this))},S.prototype.render=x,r=[],a=typeof Promise==`function`?Promise.prototype.then.bind(Promise.resolve()):setTimeout,o=function(e,t){return e.__v.__b-t.__v.__b},E.__r=0,s=Math.random().toString(8),c=`__d`+s,l=`__a`+s,u=/(PointerCapture)$|Capture$/i,d=0,f=A(!1),p=A(!0);var me=function(e,t,n,r){var i;t[0]=0;for(var a=1;a<t.length;a++){var o=t[a++],s=t[a]?(t[0]|=o?1:2,n[t[a++]]):t[++a];o===3?r[0]=s:o===4?r[1]=Object.assign(r[1]||{},s):o===5?(r[1]=r[1]||{})[t[++a]]=s:o===6?r[1][t[++a]]+=s+``:o?(i=e.apply(s,me(e,s,n,[``,null])),r.push(i),s[0]?t[0]|=2:(t[a-2]=0,t[a]=i)):r.push(s)}return r},he=new Map;function ge(e){var t=he.get(this);return t||(t=new Map,he.set(this,t)),(t=me(this,t.get(e)||(t.set(e,t=function(e){for(var t,n,r=1,i=``,a=``,o=[0],s=function(e){r===1&&(e||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,``)))?o.push(0,e,i):r===3&&(e||i)?(o.push(3,e,i),r=2):r===2&&i===`...`&&e?o.push(4,e,0):r===2&&i&&!e?o.push(5,0,!0,i):r>=5&&((i||!e&&r===5)&&(o.push(r,0,i,n),r=6),e&&(o.push(r,e,0,n),r=6)),i=``},c=0;c<e.length;c++){c&&(r===1&&s(),s(c));for(var l=0;l<e[c].length;l++)t=e[c][l],r===1?t===`<`?(s(),o=[o],r=3):i+=t:r===4?i===`--`&&t===`>`?(r=1,i=``):i=t+i[0]:a?t===a?a=``:i+=t:t===`"`||t===`'`?a=t:t===`>`?(s(),r=1):r&&(t===`=`?(r=5,n=i,i=``):t===`/`&&(r<5||e[c][l+1]===`>`)?(s(),r===3&&(o=o[0]),r=o,(o=o[0]).push(2,0,r),r=0):t===` `||t===`	`||t===`
`||t===`\r`?(s(),r=2):i+=t),r===3&&i===`!--`&&(r=4,o=o[0])}return s(),o}(e)),t),arguments,[])).length>1?t:t[0]}var j=ge.bind(y),_e=15e3;function ve(e,t=Math.random){let n=Math.min(_e,500*2**Math.min(e,16));return Math.floor(t()*n)}function ye(e=Math.random){return Math.round(100+e()*400)}var be=`flowsupport.v1.json`,xe=25e3,Se=1e4,Ce=1e4,we=2e4,Te=class extends Error{constructor(e,t,n={}){super(t),this.code=e,Object.assign(this,n)}get retryable(){return this.code===`unavailable`||this.code===`rate_limited`||this.code===`internal`}};function Ee(e=globalThis.location,t=`/v1/ws`){return`${e.protocol===`https:`?`wss:`:`ws:`}//${e.host}${t}`}var De=class{constructor({url:e,hello:t,onWelcome:n,onFrame:r,onStatus:i,onFatal:a,WebSocketImpl:o=globalThis.WebSocket}){this.url=e,this.hello=t,this.onWelcome=n,this.onFrame=r,this.onStatus=i||(()=>{}),this.onFatal=a||(()=>{}),this.WebSocketImpl=o,this.ws=null,this.welcomed=!1,this.everWelcomed=!1,this.stopped=!0,this.attempt=0,this.nextId=1,this.pending=new Map,this.retryTimer=null,this.pingTimer=null,this.pongTimer=null,this.welcomedAt=0,this.onOnline=()=>{!this.stopped&&!this.ws&&this.connectNow()}}start(){this.stopped&&(this.stopped=!1,globalThis.addEventListener?.(`online`,this.onOnline),this.connectNow())}stop(){this.stopped=!0,globalThis.removeEventListener?.(`online`,this.onOnline),clearTimeout(this.retryTimer),this.drop(1e3,`signed out`),this.onStatus(`stopped`)}get connected(){return this.welcomed}request(e,t={},{timeoutMs:n=we}={}){if(!this.welcomed)return Promise.reject(new Te(`unavailable`,`Not connected; retrying shortly`));let r=`r${this.nextId++}`;return new Promise((i,a)=>{let o=setTimeout(()=>{this.pending.delete(r),a(new Te(`unavailable`,`The server did not answer in time`))},n);this.pending.set(r,{resolve:i,reject:a,timer:o}),this.raw({type:e,id:r,...t})})}notify(e){return this.welcomed?this.raw(e):!1}raw(e){try{return this.ws.send(JSON.stringify(e)),!0}catch{return!1}}connectNow(){clearTimeout(this.retryTimer),this.retryTimer=null,this.onStatus(this.everWelcomed?`reconnecting`:`connecting`);let e;try{e=new this.WebSocketImpl(this.url,[be])}catch{this.scheduleRetry(1006);return}this.ws=e,e.onopen=()=>this.raw(this.hello()),e.onmessage=e=>this.receive(e.data),e.onclose=t=>{this.ws===e&&this.closed(t.code)},e.onerror=()=>{}}receive(e){let t;try{t=JSON.parse(e)}catch{return}if(t&&typeof t.type==`string`){if(t.type===`welcome`){let e=this.everWelcomed;this.welcomed=!0,this.everWelcomed=!0,this.welcomedAt=Date.now(),this.startHeartbeat(),this.onStatus(`connected`),this.onWelcome(t,{resumed:e})}else if(t.type===`pong`)clearTimeout(this.pongTimer),this.pongTimer=null;else{if((t.type===`ack`||t.type===`error`)&&t.id!=null){let e=this.pending.get(t.id);if(e){if(this.pending.delete(t.id),clearTimeout(e.timer),t.type===`ack`)e.resolve(t);else{let{code:n,message:r,...i}=t;e.reject(new Te(n||`internal`,r||`Request failed`,i))}return}}this.onFrame(t)}}}startHeartbeat(){clearInterval(this.pingTimer),this.pingTimer=setInterval(()=>{this.welcomed&&!this.pongTimer&&(this.raw({type:`ping`}),this.pongTimer=setTimeout(()=>this.closed(1006,!0),Se))},xe)}drop(e,t){let n=this.ws;if(this.ws=null,this.welcomed=!1,clearInterval(this.pingTimer),clearTimeout(this.pongTimer),this.pingTimer=this.pongTimer=null,n){n.onopen=n.onmessage=n.onclose=n.onerror=null;try{n.close(e,t)}catch{}}for(let[,e]of this.pending)clearTimeout(e.timer),e.reject(new Te(`unavailable`,`Connection lost; retrying`));this.pending.clear()}closed(e,t=!1){let n=this.welcomed,r=n&&Date.now()-this.welcomedAt>=Ce;this.drop(t?4e3:1e3,`closing`),this.stopped||(e===4001?(this.stopped=!0,this.onStatus(`stopped`),this.onFatal(`unauthorized`)):e===4003?(this.stopped=!0,this.onStatus(`stopped`),this.onFatal(`forbidden_origin`)):((r||n&&e===1012)&&(this.attempt=0),this.scheduleRetry(e)))}scheduleRetry(e){this.onStatus(this.everWelcomed?`reconnecting`:`connecting`);let t=(e===1012||e===1001)&&this.attempt===0?ye():ve(this.attempt);this.attempt+=1,clearTimeout(this.retryTimer),this.retryTimer=setTimeout(()=>this.connectNow(),t)}},Oe=class extends Error{constructor(e,t,n){super(n),this.status=e,this.code=t}},ke=null,Ae=()=>{};function je({accessToken:e,unauthorized:t}){ke=e,t&&(Ae=t)}function Me(e,t={}){let n=new URLSearchParams;for(let[e,r]of Object.entries(t))r!==``&&r!=null&&r!==!1&&n.set(e,String(r));let r=n.toString();return r?`${e}?${r}`:e}async function M(e,{method:t=`GET`,body:n,query:r,auth:i=!0}={}){let a={accept:`application/json`};n!==void 0&&(a[`content-type`]=`application/json`),i&&ke&&(a.authorization=`Bearer ${ke}`);let o;try{o=await fetch(Me(e,r),{method:t,headers:a,body:n===void 0?void 0:JSON.stringify(n),credentials:`same-origin`})}catch{throw new Oe(0,`unavailable`,`The server cannot be reached. Check your connection.`)}let s=null;if((o.headers.get(`content-type`)||``).includes(`json`))try{s=await o.json()}catch{s=null}if(o.ok)return s;let c=s&&s.error?s.error:{},l=new Oe(o.status,c.code||(o.status===404?`not_found`:`internal`),c.message||`${t} ${e} failed (${o.status})`);throw o.status===401&&i&&Ae(l),l}var Ne,N,Pe,Fe,Ie=0,Le=[],P=t,Re=P.__b,ze=P.__r,Be=P.diffed,Ve=P.__c,He=P.unmount,Ue=P.__;function We(e,t){P.__h&&P.__h(N,e,Ie||t),Ie=0;var n=N.__H||(N.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function F(e){return Ie=1,Ge(et,e)}function Ge(e,t,n){var r=We(Ne++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):et(void 0,t),function(e){var t=r.__N?r.__N[0]:r.__[0],n=r.t(t,e);t!==n&&(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=N,!N.__f)){var i=function(e,t,n){if(!r.__c.__H)return!0;var i=!1,o=r.__c.props!==e;if(r.__c.__H.__.some(function(e){if(e.__N){i=!0;var t=e.__[0];e.__=e.__N,e.__N=void 0,t!==e.__[0]&&(o=!0)}}),a){var s=a.call(this,e,t,n);return i?s||o:s}return!i||o};N.__f=!0;var a=N.shouldComponentUpdate,o=N.componentWillUpdate;N.componentWillUpdate=function(e,t,n){if(this.__e){var r=a;a=void 0,i(e,t,n),a=r}o&&o.call(this,e,t,n)},N.shouldComponentUpdate=i}return r.__N||r.__}function I(e,t){var n=We(Ne++,3);!P.__s&&$e(n.__H,t)&&(n.__=e,n.u=t,N.__H.__h.push(n))}function Ke(e,t){var n=We(Ne++,4);!P.__s&&$e(n.__H,t)&&(n.__=e,n.u=t,N.__h.push(n))}function L(e){return Ie=5,qe(function(){return{current:e}},[])}function qe(e,t){var n=We(Ne++,7);return $e(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function Je(){for(var e;e=Le.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Ze),t.__h.some(Qe),t.__h=[]}catch(n){t.__h=[],P.__e(n,e.__v)}}}P.__b=function(e){N=null,Re&&Re(e)},P.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Ue&&Ue(e,t)},P.__r=function(e){ze&&ze(e),Ne=0;var t=(N=e.__c).__H;t&&(Pe===N?(t.__h=[],N.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})):(t.__h.some(Ze),t.__h.some(Qe),t.__h=[],Ne=0)),Pe=N},P.diffed=function(e){Be&&Be(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(Le.push(t)!==1&&Fe===P.requestAnimationFrame||((Fe=P.requestAnimationFrame)||Xe)(Je)),t.__H.__.some(function(e){e.u&&=(e.__H=e.u,void 0)})),Pe=N=null},P.__c=function(e,t){t.some(function(e){try{e.__h.some(Ze),e.__h=e.__h.filter(function(e){return!e.__||Qe(e)})}catch(n){t.some(function(e){e.__h&&=[]}),t=[],P.__e(n,e.__v)}}),Ve&&Ve(e,t)},P.unmount=function(e){He&&He(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(e){try{Ze(e)}catch(e){t=e}}),n.__H=void 0,t&&P.__e(t,n.__v))};var Ye=typeof requestAnimationFrame==`function`;function Xe(e){var t,n=function(){clearTimeout(r),Ye&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);Ye&&(t=requestAnimationFrame(n))}function Ze(e){var t=N,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),N=t}function Qe(e){var t=N;e.__c=e.__(),N=t}function $e(e,t){return!e||e.length!==t.length||t.some(function(t,n){return t!==e[n]})}function et(e,t){return typeof t==`function`?t(e):t}function tt(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=e(t);if(r!==t){t=r;for(let e of[...n])try{e(t)}catch(e){setTimeout(()=>{throw e})}}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function R(e,t){let[,n]=Ge(e=>e+1,0),r=L(t);r.current=t;let i=t(e.get()),a=L(i);return a.current=i,Ke(()=>{let t=e=>{let t;try{t=!Object.is(r.current(e),a.current)}catch{t=!0}t&&n()},i=e.subscribe(t);return t(e.get()),i},[e]),i}var nt=`flowsupport.inbox.session`,rt=[{value:`active`,label:`Active`,statuses:[`open`,`waiting_human`,`pending`]},{value:`open`,label:`Open`,statuses:[`open`]},{value:`waiting_human`,label:`Waiting for human`,statuses:[`waiting_human`]},{value:`pending`,label:`Pending`,statuses:[`pending`]},{value:`resolved`,label:`Resolved`,statuses:[`resolved`]},{value:`closed`,label:`Closed`,statuses:[`closed`]},{value:`all`,label:`All`,statuses:null}];function it(){return{session:ct(),conn:`connecting`,connProblem:null,presence:{count:0,agents:[]},names:{},staff:{state:`idle`,loading:!1,users:null},route:ot(globalThis.location?.hash||``),lastConversationId:null,lastTicketId:null,convs:{},list:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null,source:`http`},filters:{status:`active`,assignee:``,channel:``,q:``},cursor:null,seen:{},unread:{},unreadServer:{},readUpTo:{},threads:{},streams:{},typing:{},viewers:{},visitorRead:{},drafts:{},composerMode:`reply`,contacts:{},tickets:{},ticketList:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null},ticketFilters:{status:``,priority:``,assignee:``,q:``},ticketDetail:{},toasts:[],help:!1}}var z=tt(it());function B(e,t,n,r){let i=e[t],a=i[n],o=typeof r==`function`?r(a):{...a,...r};return o===a?e:{...e,[t]:{...i,[n]:o}}}function at(e,t,n){if(!(n in e[t]))return e;let{[n]:r,...i}=e[t];return{...e,[t]:i}}function ot(e){let t=e.replace(/^#\/?/,``).split(`/`).filter(Boolean).map(decodeURIComponent);return t[0]===`tickets`?{view:`tickets`,conversationId:null,ticketId:t[1]||null}:{view:`conversations`,conversationId:t[1]||null,ticketId:null}}function st(e){return e.view===`tickets`?e.ticketId?`#/tickets/${encodeURIComponent(e.ticketId)}`:`#/tickets`:e.conversationId?`#/conversations/${encodeURIComponent(e.conversationId)}`:`#/conversations`}function ct(){try{let e=JSON.parse(sessionStorage.getItem(nt)||`null`);if(e&&e.token&&e.user&&e.expiresAt>Date.now())return e}catch{}return null}function lt(e){try{e?sessionStorage.setItem(nt,JSON.stringify(e)):sessionStorage.removeItem(nt)}catch{}}var ut=2e3;function dt(e){return ht(`flowsupport.inbox.seen.${e}`)||{}}function ft(e,t){let n=Object.entries(t);n.length>ut&&(n=n.slice(n.length-ut)),gt(`flowsupport.inbox.seen.${e}`,Object.fromEntries(n))}function pt(e){return ht(`flowsupport.inbox.names.${e}`)||{}}function mt(e,t){gt(`flowsupport.inbox.names.${e}`,t)}function ht(e){try{return JSON.parse(localStorage.getItem(e)||`null`)}catch{return null}}function gt(e,t){try{localStorage.setItem(e,JSON.stringify(t))}catch{}}var _t=0;function vt(e,t=`error`){let n=++_t;z.set(r=>({...r,toasts:[...r.toasts.filter(t=>t.text!==e),{id:n,text:e,kind:t}].slice(-4)})),setTimeout(()=>yt(n),t===`error`?7e3:4e3)}function yt(e){z.set(t=>t.toasts.some(t=>t.id===e)?{...t,toasts:t.toasts.filter(t=>t.id!==e)}:t)}function V(e,t){if(!e)return;let n=e.message||`Something went wrong`;vt(t?`${t}: ${n}`:n,`error`)}function bt(e,t){return!!e.unreadServer[t]}function xt(e,t,n){let r={...e.unreadServer,[t]:n},i=n.count+n.live.length;return e.unread[t]===i?{...e,unreadServer:r}:{...e,unreadServer:r,unread:{...e.unread,[t]:i}}}function St(e,t,n=0){if(!t||typeof t.unread_count!=`number`)return e;let r=e.unreadServer[t.id],i=Number(t.last_seq)||0;if(r&&i<r.seq)return e;let a=i<=n?0:Math.max(0,Math.floor(t.unread_count)),o=(r?.live||[]).filter(e=>e>i);return xt(e,t.id,{seq:i,count:a,live:o})}function Ct(e,t,{me:n,reading:r}){let i=t.conversation_id,a=e.unreadServer[i];return!a||r||t.sender?.kind===`agent`&&t.sender?.id===n||!(t.seq>a.seq)||a.live.includes(t.seq)?e:xt(e,i,{...a,live:[...a.live,t.seq]})}function wt(e,t,n){let r=e.unreadServer[t];if(!r)return e;let i=r.live.filter(e=>e>n);return xt(e,t,{seq:Math.max(r.seq,n),count:n>=r.seq?0:r.count,live:i})}var Tt=6e4,Et=60*Tt,Dt=24*Et;function H(e){let t=typeof e==`number`?e:Date.parse(e||``);return Number.isFinite(t)?t:0}function Ot(e,t=Date.now()){let n=H(e);if(!n)return``;let r=t-n;if(r<Tt)return`now`;if(r<Et)return`${Math.floor(r/Tt)}m`;let i=new Date(n),a=new Date(t);if(r<Dt&&i.getDate()===a.getDate())return`${Math.floor(r/Et)}h`;let o=Math.round((Nt(t)-Nt(n))/Dt);if(o<=1)return`Yesterday`;if(o<7)return i.toLocaleDateString(void 0,{weekday:`short`});let s=i.getFullYear()===a.getFullYear();return i.toLocaleDateString(void 0,s?{month:`short`,day:`numeric`}:{month:`short`,day:`numeric`,year:`numeric`})}function kt(e){let t=H(e);return t?new Date(t).toLocaleTimeString(void 0,{hour:`2-digit`,minute:`2-digit`}):``}function At(e,t=Date.now()){let n=H(e),r=Math.round((Nt(t)-Nt(n))/Dt);return r===0?`Today`:r===1?`Yesterday`:new Date(n).toLocaleDateString(void 0,{weekday:`long`,month:`long`,day:`numeric`,year:`numeric`})}function U(e){let t=H(e);return t?new Date(t).toLocaleString(void 0,{dateStyle:`medium`,timeStyle:`short`}):``}function jt(e,t=Date.now()){let n=H(e);if(!n)return``;let r=n-t,i=Mt(Math.abs(r));return r>=0?`due in ${i}`:`overdue by ${i}`}function Mt(e){let t=Math.max(1,Math.round(e/Tt));if(t<60)return`${t}m`;if(t<1440){let e=Math.floor(t/60),n=t%60;return n?`${e}h ${n}m`:`${e}h`}let n=Math.round(t/60),r=Math.floor(n/24),i=n%24;return i?`${r}d ${i}h`:`${r}d`}function Nt(e){let t=new Date(e);return t.setHours(0,0,0,0),t.getTime()}var Pt=50,Ft=0;function It(e){return(rt.find(t=>t.value===e)||rt[0]).statuses}function Lt(e,t){let n=It(e.status);return{status:n?n.join(`,`):``,assignee:e.assignee,channel:e.channel,q:e.q.trim(),limit:Pt,cursor:t}}function Rt(e,t,n){let r=It(t.status);if(r&&!r.includes(e.status)||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.channel&&e.channel!==t.channel)return!1;let i=t.q.trim().toLowerCase();return!(i&&![e.subject,e.contact?.name,e.contact?.email,e.preview?.body].filter(Boolean).join(` `).toLowerCase().includes(i))}function zt(e){return Math.max(H(e.updated_at),H(e.preview?.created_at),e.activity||0)}function Bt(e){let t=e.session?.user.id,n=e.route.conversationId;return e.list.ids.map(t=>e.convs[t]).filter(r=>r&&(r.id===n||Rt(r,e.filters,t))).sort((e,t)=>zt(t)-zt(e)||(e.id<t.id?1:-1)).map(e=>e.id)}function W(e,t){if(t=t.filter(e=>e&&e.id),!t.length)return e;let n={...e.convs};for(let e of t){let t=n[e.id]||{};n[e.id]={...t,...e,contact:e.contact||t.contact,preview:e.preview===void 0?t.preview:e.preview}}return t.reduce((e,t)=>St(e,t,e.readUpTo[t.id]||0),{...e,convs:n})}async function Vt(){let e=++Ft,{filters:t}=z.get();z.set(e=>({...e,list:{...e.list,loading:!0,error:null}}));try{let n=await M(`/v1/conversations`,{query:Lt(t)});if(e!==Ft)return;z.set(e=>{let t=W(e,n.conversations),r=n.conversations.map(e=>e.id);return{...t,list:{...e.list,ids:r,loading:!1,nextCursor:n.next_cursor,source:`http`}}}),Qt(n.conversations.map(e=>e.id))}catch(t){if(e!==Ft)return;if(t.status===404||t.status===405){z.set(e=>({...e,list:{...e.list,loading:!1,source:`ws`,ids:Object.keys(e.convs)}}));return}z.set(e=>({...e,list:{...e.list,loading:!1,error:t.message}}))}}async function Ht(){let{filters:e,list:t}=z.get();if(!t.nextCursor||t.loadingMore)return;let n=Ft;z.set(e=>({...e,list:{...e.list,loadingMore:!0}}));try{let r=await M(`/v1/conversations`,{query:Lt(e,t.nextCursor)});if(n!==Ft)return;z.set(e=>{let t=W(e,r.conversations),n=[...new Set([...e.list.ids,...r.conversations.map(e=>e.id)])];return{...t,list:{...e.list,ids:n,loadingMore:!1,nextCursor:r.next_cursor}}}),Qt(r.conversations.map(e=>e.id))}catch(e){z.set(e=>({...e,list:{...e.list,loadingMore:!1}})),V(e,`Loading more conversations`)}}var Ut=null;function Wt(e){z.set(t=>({...t,filters:{...t.filters,...e}})),clearTimeout(Ut),`q`in e?Ut=setTimeout(Vt,250):Vt()}function Gt(e){z.set(t=>{let n=W(t,e);if(t.list.source!==`ws`)return n;let r=[...new Set([...t.list.ids,...e.map(e=>e.id)])];return{...n,list:{...n.list,ids:r}}}),Qt(e.map(e=>e.id))}function Kt(e,t){if(e.list.ids.includes(t))return e;let n=e.convs[t];return!n||!Rt(n,e.filters,e.session?.user.id)?e:{...e,list:{...e.list,ids:[t,...e.list.ids]}}}var qt=null;function Jt(){clearTimeout(qt),qt=setTimeout(async()=>{let{filters:e,list:t}=z.get();if(t.source===`ws`)X(`inbox.subscribe`,{}).then(e=>Gt(e.conversations||[])).catch(()=>{});else try{let t=await M(`/v1/conversations`,{query:{...Lt({...e,status:`all`,assignee:``,channel:``,q:``}),limit:20}});z.set(e=>t.conversations.reduce((e,t)=>Kt(e,t.id),W(e,t.conversations)))}catch{}},300)}var G={},Yt=[],Xt=0;function Zt(){G={},Yt=[]}function Qt(e){let t=z.get(),n=t.session?.user.id;for(let n of e){let e=t.convs[n],r=t.seen[n]||0;!e||bt(t,n)||e.last_seq<=Math.max(r,G[n]||0)||n===t.route.conversationId||Yt.includes(n)||Yt.push(n)}for(;Xt<4&&Yt.length;){let e=Yt.shift();Xt+=1;let t=z.get().seen[e]||0;M(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:t,limit:200}}).then(r=>{let i=e=>e.sender?.kind===`agent`&&e.sender?.id===n,a=r.messages.filter(e=>!i(e)),o=r.messages.reduce((e,t)=>Math.max(e,t.seq),t);G[e]=Math.max(G[e]||0,o),z.set(t=>t.route.conversationId===e?t:B(t,`unread`,e,()=>a.length))}).catch(()=>{}).finally(()=>{--Xt,Qt([])})}}function $t(e,t,{reading:n}){let r=t.conversation_id,i=e.session?.user.id;return bt(e,r)?Ct(e,t,{me:i,reading:n}):t.sender?.kind===`agent`&&t.sender?.id===i||n||t.seq<=(e.seen[r]||0)||t.seq<=(G[r]||0)?e:(G[r]=t.seq,B(e,`unread`,r,e=>(e||0)+1))}function en(e,t,n=!0){z.set(r=>{if(bt(r,e))return!n||(r.readUpTo[e]||0)>=t&&!r.unread[e]?r:wt({...r,readUpTo:{...r.readUpTo,[e]:Math.max(r.readUpTo[e]||0,t)}},e,t);if((r.seen[e]||0)>=t&&!r.unread[e])return r;G[e]=Math.max(G[e]||0,t);let i={...r,seen:{...r.seen,[e]:Math.max(r.seen[e]||0,t)},unread:{...r.unread,[e]:0}};return ft(r.session.user.id,i.seen),i})}async function tn(e,{force:t=!1}={}){if(!e)return;let n=z.get().contacts[e];if(!n||t||n.state===`error`){n||z.set(t=>B(t,`contacts`,e,{state:`loading`}));try{let t=await M(`/v1/contacts/${encodeURIComponent(e)}`);z.set(n=>{let r=B(n,`contacts`,e,{state:`ok`,profile:t}),i={...r.tickets};for(let e of t.tickets||[])i[e.id]={...i[e.id],...e};r={...r,tickets:i};let a={id:t.contact.id,name:t.contact.name,email:t.contact.email},o={...r.convs};for(let t of Object.values(o))t.contact_id===e&&(o[t.id]={...t,contact:a});return{...r,convs:o}})}catch(t){let n=t.status===404||t.status===405?`missing`:`error`;z.set(r=>B(r,`contacts`,e,{state:n,error:t.message}))}}}function nn(){return{messages:[],lastSeq:0,ahead:[],ready:!1,truncated:!1,pending:[]}}function rn(e,t){if(typeof t!=`number`||t<=e.lastSeq||e.ahead.includes(t))return e;if(t!==e.lastSeq+1)return{...e,ahead:[...e.ahead,t].sort((e,t)=>e-t)};let n=t,r=[...e.ahead];for(;r.length&&r[0]<=n+1;)n=Math.max(n,r.shift());return{...e,lastSeq:n,ahead:r}}function an(e){return e.ahead.length>0}function on(e,t){let n=e.messages,r=n.findIndex(e=>e.id===t.id||e.seq===t.seq),i;r>=0?(i=n.slice(),i[r]=t):i=!n.length||n[n.length-1].seq<t.seq?[...n,t]:[...n,t].sort((e,t)=>e.seq-t.seq);let a=t.client_msg_id?e.pending.filter(e=>e.client_msg_id!==t.client_msg_id):e.pending;return{...e,messages:i,pending:a}}function sn(e,t){return t.reduce(on,e)}function cn(e,t){return{...e,pending:[...e.pending,t]}}var ln=3e5;function un(e,t){let n=[],r=null,i=null;for(let a of e){let e=t(a.created_at);e!==r&&(n.push({kind:`day`,key:`day-${a.seq??a.id}`,label:e}),r=e,i=null);let o=a.sender||{},s=Date.parse(a.created_at)||0;o.kind===`system`?(n.push({kind:`system`,key:`m-${a.id}`,message:a}),i=null):i&&i.sender.kind===o.kind&&(i.sender.id||null)===(o.id||null)&&i.private===!!a.private&&i.comment===!!a.comment&&o.kind!==`ai`&&s-i.lastAt<=ln?(i.messages.push(a),i.lastAt=s):(i={kind:`group`,key:`g-${a.id}`,sender:o,private:!!a.private,comment:!!a.comment,messages:[a],lastAt:s},n.push(i))}return n}function dn(e,t){if(!t||!t.length)return e;let n=new Set(e.map(e=>e.client_msg_id).filter(Boolean)),r=new Set(e.filter(e=>!e.private).map(e=>`${e.sender?.id||``}\u0000${String(e.body||``).trim()}`)),i=t.filter(e=>!n.has(`comment-${e.id}`)&&!(e.public&&r.has(`${e.author?.id||``}\u0000${String(e.body||``).trim()}`))).map(e=>({id:`comment-${e.id}`,comment:!0,sender:e.author||{kind:`agent`},body:e.body,private:!e.public,created_at:e.created_at}));if(!i.length)return e;let a=e=>Date.parse(e.created_at)||0,o=[],s=0;for(let t of e){for(;s<i.length&&a(i[s])<a(t);)o.push(i[s++]);o.push(t)}for(;s<i.length;)o.push(i[s++]);return o}var fn=0;function pn(e){return e.name||e.email||``}function mn(e,t){return e.staff.state===`ok`&&!!e.staff.users?.some(e=>e.id===t)}function hn(e,t){if(e.staff.state!==`ok`||!t)return null;let n=e.staff.users?.find(e=>e.id===t);return n&&pn(n)||null}async function gn(){let e=z.get().session;if(!e)return;let t=++fn;z.set(e=>({...e,staff:{...e.staff,loading:!0}}));let n;try{let e=await M(`/v1/users`);if(n=Array.isArray(e?.users)?e.users:null,!n)throw Error(`malformed staff list`)}catch(n){if(t!==fn||z.get().session!==e)return;let r=n.status===403||n.status===404||n.status===405?`unavailable`:`error`;z.set(e=>({...e,staff:{...e.staff,loading:!1,state:e.staff.users?e.staff.state:r}}));return}t===fn&&z.get().session===e&&z.set(e=>{let t={...e.names};for(let e of n){let n=pn(e);e.id&&n&&(t[e.id]=n)}return mt(e.session.user.tenant_id,t),{...e,names:t,staff:{state:`ok`,loading:!1,users:n}}})}var _n=0;function vn(e,t){return{...e,q:e.q.trim(),limit:50,cursor:t}}function yn(e,t,n){return!(t.status&&e.status!==t.status||t.priority&&e.priority!==t.priority||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.q.trim()&&!e.subject.toLowerCase().includes(t.q.trim().toLowerCase()))}function bn(e){let t=e.session?.user.id,n=e.route.ticketId;return e.ticketList.ids.map(t=>e.tickets[t]).filter(r=>r&&(r.id===n||yn(r,e.ticketFilters,t))).sort((e,t)=>Date.parse(t.updated_at)-Date.parse(e.updated_at)||t.number-e.number).map(e=>e.id)}function xn(e,t){let n={...e.tickets};for(let e of t)n[e.id]={...n[e.id],...e};return{...e,tickets:n}}async function Sn(){let e=++_n,t=z.get().ticketFilters;z.set(e=>({...e,ticketList:{...e.ticketList,loading:!0,error:null}}));try{let n=await M(`/v1/tickets`,{query:vn(t)});if(e!==_n)return;z.set(e=>({...xn(e,n.tickets),ticketList:{...e.ticketList,ids:n.tickets.map(e=>e.id),loading:!1,nextCursor:n.next_cursor,loaded:!0}}))}catch(t){if(e!==_n)return;z.set(e=>({...e,ticketList:{...e.ticketList,loading:!1,error:t.message}}))}}async function Cn(){let{ticketFilters:e,ticketList:t}=z.get();if(t.nextCursor&&!t.loadingMore){z.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!0}}));try{let n=await M(`/v1/tickets`,{query:vn(e,t.nextCursor)});z.set(e=>({...xn(e,n.tickets),ticketList:{...e.ticketList,ids:[...new Set([...e.ticketList.ids,...n.tickets.map(e=>e.id)])],loadingMore:!1,nextCursor:n.next_cursor}}))}catch(e){z.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!1}})),V(e,`Loading more tickets`)}}}var wn=null;function Tn(e){z.set(t=>({...t,ticketFilters:{...t.ticketFilters,...e}})),clearTimeout(wn),`q`in e?wn=setTimeout(Sn,250):Sn()}function En(){let e=z.get();e.ticketList.loaded&&Sn(),e.route.ticketId&&Dn(e.route.ticketId)}async function Dn(e,{quiet:t=!1}={}){z.get().ticketDetail[e]||z.set(t=>B(t,`ticketDetail`,e,{state:`loading`,comments:[]}));try{let{comments:t,...n}=await M(`/v1/tickets/${encodeURIComponent(e)}`);z.set(r=>{let i=xn(r,[n]);i=B(i,`ticketDetail`,e,{state:`ok`,comments:t||[]});let a={...i.names};for(let e of t||[]){let t=e.author;t?.kind===`agent`&&t.id&&t.name&&!mn(i,t.id)&&(a[t.id]=t.name)}return{...i,names:a}})}catch(n){z.set(t=>B(t,`ticketDetail`,e,{state:n.status===404?`missing`:`error`,error:n.message})),!t&&n.status!==404&&V(n,`Loading the ticket`)}}function On(e){let t=e.ticket;if(!t)return;z.set(e=>{let n=xn(e,[t]);return!n.ticketList.ids.includes(t.id)&&n.ticketList.loaded&&yn(t,n.ticketFilters,n.session?.user.id)&&(n={...n,ticketList:{...n.ticketList,ids:[t.id,...n.ticketList.ids]}}),n});let n=e.changes||[];e.type===`ticket.sla_breached`&&vt(`Ticket #${t.number} missed its ${String(n[0]||`SLA`).replace(`_`,` `)} target`,`warning`),z.get().ticketDetail[t.id]&&(n.includes(`comments`)||e.type===`ticket.created`)&&Dn(t.id,{quiet:!0})}async function kn(e,t){let n=z.get().tickets[e];z.set(n=>B(n,`tickets`,e,t));try{let n=await M(`/v1/tickets/${encodeURIComponent(e)}`,{method:`PATCH`,body:t});z.set(t=>B(t,`tickets`,e,n))}catch(r){n&&z.set(r=>B(r,`tickets`,e,Object.fromEntries(Object.keys(t).map(e=>[e,n[e]])))),V(r,`Ticket not changed`)}}async function An(e,t,n){try{let r=await M(`/v1/tickets/${encodeURIComponent(e)}/comments`,{method:`POST`,body:{body:t,public:n}});return z.set(t=>B(t,`ticketDetail`,e,e=>{let t=(e?.comments||[]).filter(e=>e.id!==r.id);return{...e||{state:`ok`},comments:[...t,r]}})),!0}catch(e){return V(e,`Comment not added`),!1}}function jn(e,t){let n=Array.isArray(e.breaches)?e.breaches:[],r=`sla_paused_at`in e?!!e.sla_paused_at:e.status===`pending`||e.status===`solved`,i=null;e.status===`closed`?i=null:r?i=e.due_at||n.length||e.sla_paused_at?`paused`:null:e.due_at&&(i=`running`);let a=Date.parse(e.due_at||``);return{clock:i,breached:n,soon:i===`running`&&Number.isFinite(a)&&a-t<36e5}}function Mn(){let e=globalThis.crypto;if(e&&typeof e.randomUUID==`function`)return e.randomUUID();let t=e.getRandomValues(new Uint8Array(16));t[6]=t[6]&15|64,t[8]=t[8]&63|128;let n=[...t].map(e=>e.toString(16).padStart(2,`0`)).join(``);return`${n.slice(0,8)}-${n.slice(8,12)}-${n.slice(12,16)}-${n.slice(16,20)}-${n.slice(20)}`}function Nn(e){return String(e||``).replace(/-/g,``).slice(-6)}function K(e){let t=st(e);location.hash===t?Pn(ot(t)):location.hash=t}function Pn(e){let t=z.get().route;t.conversationId&&t.conversationId!==e.conversationId&&(yr(t.conversationId),Qt([t.conversationId])),z.set(t=>({...t,route:e,cursor:e.conversationId||e.ticketId||t.cursor,lastConversationId:e.view===`conversations`?e.conversationId:t.lastConversationId,lastTicketId:e.view===`tickets`?e.ticketId:t.lastTicketId})),e.conversationId&&e.conversationId!==t.conversationId&&In(e.conversationId),e.ticketId&&Dn(e.ticketId)}function Fn(e){let t=z.get();K(e===`tickets`?{view:e,ticketId:t.lastTicketId}:{view:e,conversationId:t.lastConversationId})}function In(e){vr(e)}function Ln(e,t){z.set(n=>B(n,`drafts`,e,()=>t))}function Rn(e){z.set(t=>t.composerMode===e?t:{...t,composerMode:e})}function zn(e){let t=z.get(),n=(t.drafts[e]||``).trim();if(!n)return!1;if(n.length>8e3)return vt(`Messages are limited to 8,000 characters.`),!1;let r=t.composerMode===`note`,i={client_msg_id:Mn(),body:n,private:r,state:`sending`,created_at:new Date().toISOString()};return Nr(e),z.set(t=>B(B(t,`threads`,e,e=>cn(e,i)),`drafts`,e,()=>``)),Fr(e,i),!0}async function q(e,t){let n=z.get().convs[e];if(n){z.set(n=>B(n,`convs`,e,t));try{let n=await X(`conversation.update`,{conversation_id:e,...t});z.set(e=>W(e,[n.conversation]))}catch(r){let i=Object.fromEntries(Object.keys(t).map(e=>[e,n[e]]));z.set(t=>B(t,`convs`,e,i)),V(r,`Not changed`)}}}function Bn(e){let t=z.get().session?.user.id;e&&t&&q(e,{assignee_id:t})}function Vn(e){e&&q(e,{status:`resolved`})}function Hn(e,t){let n=z.get().convs[e],r=t.split(`,`).map(e=>e.trim()).filter(Boolean);if(r.find(e=>e.length>50)){vt(`Tags are at most 50 characters.`);return}let i=[...new Set([...n.tags||[],...r])];i.length!==(n.tags||[]).length&&q(e,{tags:i})}function Un(e,t){let n=z.get().convs[e];q(e,{tags:(n.tags||[]).filter(e=>e!==t)})}async function Wn(e){if(e&&z.get().streams[e])try{await X(`ai.stop`,{conversation_id:e}),z.set(t=>{let{[e]:n,...r}=t.streams;return{...t,streams:r}}),Ir(`reply`)}catch(e){V(e,`Could not stop the AI`)}}async function Gn(e){let t=z.get().threads[e];if(!t||t.loadingOlder||!t.truncated)return;let n=t.truncatedAt||0,r=t.messages.reduce((e,t)=>t.seq<=n?Math.max(e,t.seq):e,0);z.set(t=>B(t,`threads`,e,{loadingOlder:!0}));try{let t=[];for(;r<n;){let i=await M(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:r,limit:1e3}});if(t.push(...i.messages.filter(e=>e.seq<=n)),i.next_after_seq==null||!i.messages.length)break;r=i.next_after_seq}z.set(n=>B(n,`threads`,e,e=>({...sn(e,t),truncated:!1,loadingOlder:!1})))}catch(t){z.set(t=>B(t,`threads`,e,{loadingOlder:!1})),V(t,`Loading earlier messages`)}}function Kn(e,t){if(!t||!t.id||!t.name||t.kind!==`agent`&&t.kind!==`bot`||e.names[t.id]===t.name||mn(e,t.id))return e;let n={...e.names,[t.id]:t.name};return mt(e.session.user.tenant_id,n),{...e,names:n}}function qn(e){let t=e.message,n=e.conversation_id,r=!!z.get().convs[n];z.set(r=>{let i=Kn(r,t.sender);if(i.convs[n]&&(i=B(i,`convs`,n,n=>({...n,last_seq:Math.max(n.last_seq||0,e.seq),preview:t.private?n.preview:{body:t.body,sender_kind:t.sender?.kind,created_at:t.created_at},activity:Math.max(n.activity||0,Date.parse(t.created_at)||Date.now())})),i=Kt(i,n)),Sr(n)&&i.threads[n]){i=B(i,`threads`,n,e=>on(e,t)),i=Cr(i,n,e.seq);let r=ar(t.sender);i.typing[n]?.[r]&&(i=B(i,`typing`,n,e=>or(e,r)))}return $t(i,t,{reading:Dr(n)})}),r||Jt(),Dr(n)&&kr(n)}function Jn(e){let t=e.conversation_id,n=z.get().convs[t];z.set(r=>{let i=W(r,[{...e.conversation,activity:Math.max(n?.activity||0,zt(e.conversation))}]);return i=Kt(i,t),Cr(i,t,e.seq)}),n&&n.contact||Jt(),Dr(t)&&kr(t)}function Yn(e){let t=e.conversation;t&&t.id&&(z.set(e=>Kt(W(e,[{...t,activity:Math.max(e.convs[t.id]?.activity||0,zt(t))}]),t.id)),z.get().convs[t.id]?.contact||Jt())}function Xn(e){let t=e.conversation_id;z.set(n=>{let r=Cr(n,t,e.seq);return r.convs[t]&&e.ticket&&(r=B(r,`convs`,t,{ticket_id:e.ticket.id})),r}),On(e),Dr(t)&&kr(t)}function Zn(e){z.set(t=>B(t,`streams`,e.conversation_id,()=>({stream_id:e.stream_id,parts:[],text:``})))}function Qn(e){z.set(t=>B(t,`streams`,e.conversation_id,t=>{let n=t&&t.stream_id===e.stream_id?t:{stream_id:e.stream_id,parts:[],text:``},r=n.parts.slice();return r[e.index]=e.text,{...n,parts:r,text:r.join(``)}}))}function $n(e){let t=e.conversation_id;z.set(n=>{let r=at(n,`streams`,t);return e.message&&Sr(t)&&r.threads[t]&&(r=B(r,`threads`,t,t=>on(t,e.message))),r}),e.error&&e.error.message&&z.get().route.conversationId===t&&V(e.error,`AI answer`),e.reason===`stopped`&&z.get().route.conversationId===t&&Ir(`reply`)}function er(e){let t=e.participant||{};if(t.kind===`agent`&&t.id===z.get().session?.user.id)return;let n=e.conversation_id,r=ar(t);z.set(i=>{let a=Kn(i,t);return t.kind===`agent`&&(a=B(a,`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}}))),B(a,`typing`,n,n=>e.state?{...n,[r]:{name:t.name,kind:t.kind,until:Date.now()+8e3}}:n&&n[r]?or(n,r):n||{})})}function tr(e){let t=e.participant||{},n=e.conversation_id;z.set(r=>t.kind===`visitor`?B(r,`visitorRead`,n,t=>Math.max(t||0,e.seq)):t.kind===`agent`&&t.id===r.session?.user.id?!bt(r,n)||!(e.seq>0)?r:wt({...r,readUpTo:{...r.readUpTo,[n]:Math.max(r.readUpTo[n]||0,e.seq)}},n,e.seq):t.kind===`agent`?B(Kn(r,t),`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}})):r)}function nr(e){z.set(t=>{let n={...t,presence:{count:e.agents_online||0,agents:e.agents||t.presence.agents}};for(let t of e.agents||[])n=Kn(n,{...t,kind:`agent`});return n})}function rr(e){V(e)}var ir={"message.created":qn,"conversation.updated":Jn,"conversation.created":Yn,"ticket.created":Xn,"ticket.updated":On,"ticket.sla_breached":On,"ai.started":Zn,"ai.delta":Qn,"ai.done":$n,typing:er,read:tr,presence:nr,error:rr};function ar(e){return`${e?.kind||`?`}:${e?.id||``}`}function or(e,t){let{[t]:n,...r}=e;return r}function sr(){let e=Date.now();z.set(t=>{let n=!1,r={};for(let[i,a]of Object.entries(t.typing)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>t.until>e));Object.keys(t).length!==Object.keys(a).length&&(n=!0),r[i]=t}let i={};for(let[r,a]of Object.entries(t.viewers)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>e-t.at<9e4));Object.keys(t).length!==Object.keys(a).length&&(n=!0),i[r]=t}return n?{...t,typing:r,viewers:i}:t})}var cr=1e3,J=null,Y=new Set,lr=new Set,ur=new Set,dr=!1;function fr(){return dr}function pr(){}function mr(e){hr();let{session:t}=z.get();J=new De({url:Ee(),hello:()=>({type:`hello`,token:z.get().session?.token,client:`flowsupport-inbox/0.1`}),onWelcome:_r,onFrame:e=>{dr=!0;try{(ir[e.type]||pr)(e)}finally{dr=!1}},onStatus:e=>z.set(t=>t.conn===e?t:{...t,conn:e}),onFatal:t=>{t===`unauthorized`?e():z.set(e=>({...e,connProblem:`This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).`}))}}),t&&J.start()}function hr(){J&&J.stop(),J=null,Y.clear(),lr.clear(),ur.clear();for(let e of Object.keys(Er))delete Er[e];for(let e of Object.keys(jr))clearTimeout(jr[e].idleTimer),delete jr[e];for(let e of Object.keys(Tr))delete Tr[e]}function X(e,t,n){return J?J.request(e,t,n):Promise.reject(Error(`Not connected`))}function gr(e){return J?J.notify(e):!1}function _r(e,{resumed:t}){X(`inbox.subscribe`,{}).then(e=>Gt(e.conversations||[])).catch(e=>V(e,`Inbox`));let n=new Set([...Y,...ur,z.get().route.conversationId].filter(Boolean));Y.clear();for(let e of n)vr(e);t&&(Vt(),En(),gn()),Pr()}function vr(e){if(z.set(t=>t.threads[e]?t:B(t,`threads`,e,()=>nn())),!J||!J.connected)return;let t=z.get().threads[e];Y.add(e),lr.add(e);let n=t.messages.length>0;X(`subscribe`,{conversation_id:e,after_seq:t.lastSeq}).then(t=>{z.set(n=>{let r=W(n,[t.conversation]);return r=B(r,`threads`,e,e=>{if(e||=nn(),!t.truncated)return{...e,ready:!0,error:null};let n=t.last_seq-cr;return{...e,ready:!0,error:null,truncated:!0,truncatedAt:Math.max(e.truncatedAt||0,n),lastSeq:Math.max(e.lastSeq,n),ahead:e.ahead.filter(e=>e>n)}}),r}),t.truncated&&n&&Gn(e),kr(e)}).catch(t=>{Y.delete(e),z.set(n=>B(n,`threads`,e,e=>({...e||nn(),ready:!0,error:t.message}))),V(t,`Opening the conversation`)}).finally(()=>lr.delete(e))}function yr(e){Y.has(e)&&!ur.has(e)&&(Y.delete(e),Nr(e),X(`unsubscribe`,{conversation_id:e}).catch(()=>{}))}function br(e){ur.add(e),Y.has(e)||vr(e)}function xr(e){ur.delete(e),z.get().route.conversationId!==e&&yr(e)}function Sr(e){return Y.has(e)}function Cr(e,t,n){if(!Y.has(t)||!e.threads[t])return e;let r=B(e,`threads`,t,e=>rn(e,n));return an(r.threads[t])&&!lr.has(t)&&queueMicrotask(()=>vr(t)),r}var wr=null,Tr={},Er={};function Dr(e){return z.get().route.conversationId===e&&document.visibilityState===`visible`&&Er[e]!==!1}function Or(e,t){t===null?delete Er[e]:Er[e]!==!1!==t&&(Er[e]=t,t&&kr(e))}function kr(e){clearTimeout(wr),wr=setTimeout(()=>Ar(e),250)}function Ar(e,{heartbeat:t=!1}={}){if(!Dr(e))return;let n=z.get().threads[e];if(!n||!n.ready)return;let r=n.lastSeq,i=!t&&Tr[e]===r||gr({type:`read`,conversation_id:e,seq:r});i&&(Tr[e]=r),en(e,r,i)}var jr={};function Mr(e){let t=jr[e]||={sentAt:0,idleTimer:null},n=Date.now();n-t.sentAt>=3e3&&gr({type:`typing`,conversation_id:e,state:!0})&&(t.sentAt=n),clearTimeout(t.idleTimer),t.idleTimer=setTimeout(()=>Nr(e),5e3)}function Nr(e){let t=jr[e];t&&(clearTimeout(t.idleTimer),delete jr[e],t.sentAt&&gr({type:`typing`,conversation_id:e,state:!1}))}function Pr(){let{threads:e}=z.get();for(let[t,n]of Object.entries(e))for(let e of n.pending)e.state!==`failed`&&Fr(t,e)}function Fr(e,t){z.set(n=>B(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`sending`}:e)}))),X(`message.send`,{conversation_id:e,client_msg_id:t.client_msg_id,body:t.body,private:t.private}).then(t=>{z.set(n=>B(n,`threads`,e,e=>on(e,t.message))),kr(e)}).catch(n=>{n.retryable?(z.set(n=>B(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`queued`}:e)}))),n.code!==`unavailable`&&setTimeout(()=>Fr(e,t),n.retry_after_ms||2e3)):(z.set(n=>{let r=B(n,`threads`,e,e=>({...e,pending:e.pending.filter(e=>e.client_msg_id!==t.client_msg_id)})),i=r.drafts[e]||``;return r=B(r,`drafts`,e,()=>i?`${t.body}\n${i}`:t.body),{...r,composerMode:t.private?`note`:`reply`}}),V(n,`Message not sent`))})}function Ir(e){e&&z.set(t=>t.composerMode===e?t:{...t,composerMode:e});let t=()=>document.querySelector(`[data-testid="composer"]`)?.focus();t(),requestAnimationFrame(t)}var Lr=[];async function Rr(e,t){let n=await M(`/v1/auth/login`,{method:`POST`,body:{email:e,password:t},auth:!1}),r={token:n.access_token,user:n.user,expiresAt:Date.now()+(n.expires_in||3600)*1e3};lt(r),z.set(e=>({...it(),session:r,route:e.route})),Vr()}function zr(e){hr(),Zt();for(let e of Lr)clearInterval(e);Lr=[],lt(null),z.set(e=>({...it(),session:null,route:e.route})),e&&vt(e,`info`)}function Br(){zr(`Your session has ended. Please sign in again.`)}function Vr(){let{session:e}=z.get();if(!e)return;je({accessToken:e.token,unauthorized:Br});let t=e.user;z.set(e=>({...e,seen:dt(t.id),names:{...pt(t.tenant_id),[t.id]:t.name}})),mr(Br),Vt(),gn();let n=z.get().route;z.set(e=>({...e,route:{view:n.view,conversationId:null,ticketId:null}})),Pn(n),Lr.push(setInterval(sr,2e3)),Lr.push(setInterval(()=>{let e=z.get().route.conversationId;e&&Ar(e,{heartbeat:!0})},3e4))}function Hr(){je({accessToken:null,unauthorized:Br}),addEventListener(`hashchange`,()=>{z.get().session?Pn(ot(location.hash)):z.set(e=>({...e,route:ot(location.hash)}))}),document.addEventListener(`visibilitychange`,()=>{let e=z.get().route.conversationId;e&&document.visibilityState===`visible`&&Ar(e)}),z.get().session&&Vr()}var Ur=[[`j`,`Next conversation or ticket`],[`k`,`Previous conversation or ticket`],[`Enter`,`Open the highlighted one`],[`r`,`Reply`],[`n`,`Internal note`],[`a`,`Assign to me`],[`e`,`Resolve`],[`s`,`Stop AI and take over`],[`/`,`Search`],[`g then c`,`Go to conversations`],[`g then t`,`Go to tickets`],[`?`,`Show these shortcuts`],[`Esc`,`Close, or leave the field`]];function Wr(e){if(!e||!e.tagName)return!1;let t=e.tagName;return t===`INPUT`||t===`TEXTAREA`||t===`SELECT`||e.isContentEditable}function Gr(e){let t=z.get(),n=t.route.view===`tickets`?bn(t):Bt(t);if(!n.length)return;let r=t.cursor&&n.includes(t.cursor)?t.cursor:t.route.view===`tickets`?t.route.ticketId:t.route.conversationId,i=n.indexOf(r);i=i<0?e>0?0:n.length-1:Math.min(n.length-1,Math.max(0,i+e)),z.set(e=>({...e,cursor:n[i]}))}function Kr(){let e=z.get();e.cursor&&(e.route.view===`tickets`?K({view:`tickets`,ticketId:e.cursor}):K({view:`conversations`,conversationId:e.cursor}))}var qr=0;function Jr(e){let t=z.get();if(!t.session)return;if(e.key===`Escape`){t.help?z.set(e=>({...e,help:!1})):document.activeElement&&document.activeElement!==document.body&&document.activeElement.blur();return}if(Wr(e.target)||e.ctrlKey||e.metaKey||e.altKey||e.isComposing||t.help&&e.key!==`?`)return;let n=t.route.view===`conversations`?t.route.conversationId:null;if(qr&&Date.now()-qr<1500){if(qr=0,e.key===`t`){e.preventDefault(),Fn(`tickets`);return}if(e.key===`c`){e.preventDefault(),Fn(`conversations`);return}}let r={j:()=>Gr(1),k:()=>Gr(-1),Enter:()=>{let t=e.target?.tagName;if(t!==`BUTTON`&&t!==`A`)Kr();else return!1},r:()=>n&&Ir(`reply`),n:()=>n&&Ir(`note`),a:()=>n&&Bn(n),e:()=>n&&Vn(n),s:()=>n&&Wn(n),"/":()=>{let e=t.route.view===`tickets`?`ticket-search`:`conv-search`;document.querySelector(`[data-testid="${e}"]`)?.focus()},"?":()=>z.set(e=>({...e,help:!e.help})),g:()=>{qr=Date.now()}}[e.key];r&&r()!==!1&&e.preventDefault()}var Yr={inbox:`M22 12h-6l-2 3h-4l-2-3H2 M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z`,ticket:`M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z M14 5v2 M14 11v2 M14 17v2`,web:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M2 12h20 M12 2a15 15 0 0 1 4 10 15 15 0 0 1-4 10 15 15 0 0 1-4-10 15 15 0 0 1 4-10z`,email:`M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M22 6l-10 7L2 6`,sms:`M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z`,whatsapp:`M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.18 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.1 9.9a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.9.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z`,api:`M16 18l6-6-6-6 M8 6l-6 6 6 6`,search:`M11 3a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M21 21l-4.35-4.35`,x:`M18 6 6 18 M6 6l12 12`,sparkle:`M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z M19 15l.9 2.1L22 18l-2.1.9L19 21l-.9-2.1L16 18l2.1-.9z`,bot:`M12 8V4 M8 4h8 M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z M9 13v2 M15 13v2`,lock:`M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M7 11V7a5 5 0 0 1 10 0v4`,send:`M22 2 11 13 M22 2l-7 20-4-9-9-4z`,help:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01`,logout:`M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9`,external:`M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6 M15 3h6v6 M10 14 21 3`,clock:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 6v6l4 2`,alert:`M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01`,user:`M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z`,users:`M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2 M9 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M23 21v-2a4 4 0 0 0-3-3.87 M16 3.13a4 4 0 0 1 0 7.75`,arrowDown:`M12 5v14 M19 12l-7 7-7-7`,check:`M20 6 9 17l-5-5`,eye:`M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z`,tag:`M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01`,panel:`M3 3h18v18H3z M15 3v18`,stop:`M6 6h12v12H6z`,book:`M4 19.5A2.5 2.5 0 0 1 6.5 17H20 M6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5v-15A2.5 2.5 0 0 1 6.5 2z`,logo:`M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4a2 2 0 0 1-2-2z M8 8h8 M8 12h5`,star:`M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.9L12 17.8l-6.2 3.3L7 14.2 2 9.3l6.9-1z`,pause:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M10 9v6 M14 9v6`};function Z({name:e,size:t=16,label:n,class:r=``}){let i=Yr[e]||Yr.help;return j`<svg class=${`icon ${r}`} width=${t} height=${t} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${n?void 0:`true`}
    role=${n?`img`:void 0} aria-label=${n}><path d=${i} /></svg>`}var Xr={web:`Web chat`,email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`,api:`API`};function Zr({channel:e}){return j`<span class="channel" title=${Xr[e]||e}>
    <${Z} name=${Yr[e]?e:`web`} size=${13} label=${Xr[e]||e} />
  </span>`}var Qr={open:`Open`,pending:`Pending`,waiting_human:`Waiting for human`,resolved:`Resolved`,closed:`Closed`,new:`New`,solved:`Solved`};function $r({status:e,short:t=!1}){let n=t&&e===`waiting_human`?`Needs human`:Qr[e]||e;return j`<span class=${`chip status-${e}`}>${n}</span>`}var ei=[`low`,`normal`,`high`,`urgent`];function ti({priority:e}){return e!==`high`&&e!==`urgent`?null:j`<span class=${`chip priority-${e}`}>${e===`urgent`?`Urgent`:`High`}</span>`}function Q(e,t){return e?.name?e.name:e?.email?e.email:`Visitor · ${Nn(e?.id||t)}`}function ni(e){let t=String(e||`?`).replace(/[^\p{L}\p{N} ]/gu,` `).trim().split(/\s+/);return((t.length>1?t[0][0]+t[t.length-1][0]:(t[0]||`?`).slice(0,2))||`?`).toUpperCase()}var ri=[`#5b4a8a`,`#2f6f5e`,`#7a4a3a`,`#3d5a80`,`#6b4f2a`,`#4f5d75`,`#70406b`,`#2e6a7a`];function ii(e){let t=0;for(let n of String(e))t=t*31+n.charCodeAt(0)>>>0;return ri[t%ri.length]}function $({name:e,kind:t=`visitor`,id:n,size:r=32}){let i=`width:${r}px;height:${r}px;font-size:${Math.round(r*.38)}px`;return t===`ai`?j`<span class="avatar avatar-ai" style=${i}><${Z} name="sparkle" size=${Math.round(r*.55)} /></span>`:t===`bot`?j`<span class="avatar avatar-bot" style=${i}><${Z} name="bot" size=${Math.round(r*.55)} /></span>`:t===`system`?j`<span class="avatar avatar-bot" style=${i}><${Z} name="alert" size=${Math.round(r*.5)} /></span>`:j`<span class="avatar" style=${`${i};background:${ii(n||e)}`} aria-hidden="true">${ni(e)}</span>`}function ai(e=3e4){let[t,n]=F(Date.now());return I(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function oi(e,t,n){return t?n&&t===n.id?`${n.name} (you)`:e[t]||`Agent ${Nn(t)}`:`Unassigned`}var si=`● `;function ci(e,t){let n=e.session.user,r=new Set((e.presence.agents||[]).map(e=>e.id)),i=new Set([n.id]),a=[{value:``,label:`Unassigned`},{value:n.id,label:`${n.name} (you)`}],o=(t,o)=>{if(!t||i.has(t))return;i.add(t);let s=o||oi(e.names,t,n);a.push({value:t,label:r.has(t)?`${si}${s}`:s})},s=e.staff?.state===`ok`&&e.staff.users||[];for(let e of s)o(e.id,e.name||e.email);for(let t of e.presence.agents||[])o(t.id,t.name||e.names[t.id]);return t&&o(t,null),a}function li({label:e=`Loading`}){return j`<span class="spinner" role="status" aria-label=${e}></span>`}function ui(e){class t extends S{shouldComponentUpdate(e){for(let t in e)if(e[t]!==this.props[t])return!0;for(let t in this.props)if(!(t in e))return!0;return!1}render(t){return y(e,t)}}return t.displayName=`Memo(${e.name})`,t}var di={agent:`Agent: `,ai:`AI: `,bot:`Bot: `,system:``};function fi(){let e=R(z,e=>e.filters),t=R(z,e=>e.list),n=R(z,hi),r=R(z,e=>e.route.conversationId),i=R(z,e=>e.cursor),a=ai(3e4);return j`<section class="pane list-pane" aria-label="Conversations">
    <div class="pane-head">
      <div class="pane-title">
        <h2>Inbox</h2>
        <span class="muted small">${t.loading?j`<${li} />`:`${n.length}${t.nextCursor?`+`:``}`}</span>
      </div>
      <label class="search">
        <${Z} name="search" size=${14} />
        <input data-testid="conv-search" type="search" placeholder="Search conversations" aria-label="Search conversations"
          value=${e.q} onInput=${e=>Wt({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="filter-status" aria-label="Status" value=${e.status} onChange=${e=>Wt({status:e.currentTarget.value})}>
          ${rt.map(e=>j`<option value=${e.value}>${e.label}</option>`)}
        </select>
        <select data-testid="filter-channel" aria-label="Channel" value=${e.channel} onChange=${e=>Wt({channel:e.currentTarget.value})}>
          <option value="">All channels</option>
          ${Object.entries(Xr).map(([e,t])=>j`<option value=${e}>${t}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>Wt({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>Wt({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="conv-list" class="list" aria-label="Conversation list">
      ${n.map(e=>j`<${gi} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&j`<li class="empty">
        ${t.error?j`<p>Could not load conversations.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${Vt}>Try again</button>`:j`<p>No conversations here.</p><p class="muted small">${e.q?`Nothing matches your search.`:`New chats appear here as they arrive.`}</p>`}
      </li>`}
      ${t.nextCursor&&j`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${Ht} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var pi=null,mi=[];function hi(e){if(e===pi)return mi;let t=Bt(e);return pi=e,(t.length!==mi.length||t.some((e,t)=>e!==mi[t]))&&(mi=t),mi}var gi=ui(function({id:e,active:t,highlighted:n,now:r}){let i=R(z,t=>t.convs[e]),a=R(z,t=>t.unread[e]||0),o=R(z,t=>!!t.streams[e]),s=R(z,t=>Object.keys(t.typing[e]||{}).length>0),c=R(z,e=>i?.assignee_id?oi(e.names,i.assignee_id,e.session.user):null),l=L(null);if(I(()=>{(n||t)&&l.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let u=Q(i.contact,i.contact_id),d=i.preview,f;return f=o?j`<span class="accent-text">AI is answering…</span>`:s?j`<span class="accent-text">typing…</span>`:d?`${di[d.sender_kind]||``}${d.body}`:j`<span class="faint">${i.subject||`No messages yet`}</span>`,j`<li>
    <button ref=${l} data-testid="conv-item" data-conversation-id=${e} data-status=${i.status}
      class=${`row ${t?`active`:``} ${n?`highlighted`:``} ${a?`unread`:``}`}
      aria-current=${t?`true`:void 0}
      onClick=${()=>K({view:`conversations`,conversationId:e})}>
      <${$} name=${u} id=${i.contact_id} size=${34} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">${u}</span>
          <time class="row-time" datetime=${i.updated_at}>${Ot(Math.max(Date.parse(i.updated_at)||0,i.activity||0),r)}</time>
        </span>
        <span class="row-preview">${f}</span>
        <span class="row-meta">
          <${$r} status=${i.status} short />
          <${Zr} channel=${i.channel} />
          <${ti} priority=${i.priority} />
          ${i.ticket_id&&j`<span class="mini" title="Has a ticket"><${Z} name="ticket" size=${12} /></span>`}
          ${c&&j`<span class="mini assignee" title=${`Assigned to ${c}`}><${Z} name="user" size=${11} />${c.replace(` (you)`,``)}</span>`}
          ${a>0&&j`<span data-testid="conv-unread" class="badge" aria-label=${`${a} unread`}>${a>99?`99+`:a}</span>`}
        </span>
      </span>
    </button>
  </li>`});function _i({id:e}){let t=R(z,e=>e.composerMode),n=R(z,t=>t.drafts[e]||``),r=L(null),i=t===`note`;Ke(()=>{let e=r.current;e&&(e.style.height=`auto`,e.style.height=`${Math.min(e.scrollHeight,220)}px`)},[n,t]);function a(t){Ln(e,t.currentTarget.value),!i&&t.currentTarget.value.trim()&&Mr(e)}function o(t){t.key===`Enter`&&!t.shiftKey&&!t.isComposing&&!t.altKey?(t.preventDefault(),zn(e)):t.key===`Escape`&&t.currentTarget.blur()}function s(t){t===`note`&&Nr(e),Rn(t),r.current?.focus()}return j`<div class=${`composer ${i?`composer-note`:``}`}>
    <div class="composer-modes" role="group" aria-label="Message type">
      <button data-testid="composer-mode-reply" class=${`mode ${i?``:`on`}`} aria-pressed=${!i} onClick=${()=>s(`reply`)} title="Reply (r)">
        Reply
      </button>
      <button data-testid="composer-mode-note" class=${`mode mode-note ${i?`on`:``}`} aria-pressed=${i} onClick=${()=>s(`note`)} title="Internal note (n)">
        <${Z} name="lock" size=${12} /> Internal note
      </button>
      ${i&&j`<span class="note-hint">Only your team sees notes</span>`}
    </div>
    <div class="composer-box">
      <textarea ref=${r} data-testid="composer" rows="1" value=${n} onInput=${a} onKeyDown=${o}
        onBlur=${()=>Nr(e)}
        aria-label=${i?`Internal note`:`Reply to the customer`}
        placeholder=${i?`Write an internal note — only your team can see it`:`Write a reply…`}></textarea>
      <div class="composer-foot">
        <span class="muted small"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="composer-send" class=${`btn ${i?`btn-note`:`btn-primary`}`} disabled=${!n.trim()} onClick=${()=>{zn(e),r.current?.focus()}}>
          <${Z} name="send" size=${14} /> ${i?`Add note`:`Send`}
        </button>
      </div>
    </div>
  </div>`}var vi=`noopener noreferrer nofollow`;function yi(e){if(typeof e!=`string`||!/^\s*https?:\/\//i.test(e))return null;try{let t=new URL(e);return t.protocol===`https:`||t.protocol===`http:`?t.href:null}catch{return null}}function bi(e){return{href:e,target:`_blank`,rel:vi}}var xi=6,Si=/^ {0,3}(`{3,}|~{3,})/,Ci=/^ {0,3}#{1,6}(?:\s+(.*?))?\s*$/,wi=/^ {0,3}([-*_])(?:[ \t]*\1){2,}\s*$/,Ti=/^( {0,3})([-*+]|(\d{1,9})[.)])(\s+|$)/,Ei=e=>e.search(/\S|$/),Di=(e,t)=>Si.test(e)||Ci.test(e)||wi.test(e)||t<xi&&Ti.test(e);function Oi(e){return ki(String(e??``).replace(/\r\n?/g,`
`).split(`
`).map(e=>e.replace(/^[ \t]+/,e=>e.replace(/\t/g,`    `))),0,!0)}function ki(e,t,n=!1){let r=[],i=0;for(;i<e.length;){let a=e[i],o=i,s,c;if(!a.trim())i++;else{if(c=Si.exec(a)){let t=c[1],n=Ei(a),r=[];for(i++;i<e.length&&!Ai(e[i],t);i++)r.push(e[i].slice(Math.min(n,Ei(e[i]))));i++,s={type:`code`,text:r.join(`
`)}}else if(wi.test(a))i++,s={type:`hr`};else if(c=Ci.exec(a))i++,s={type:`h`,text:c[1]||``};else if(t<xi&&Ti.test(a)){let[n,r]=ji(e,i,t);s=n,i=r}else{let n=[a.trim()];for(i++;i<e.length&&e[i].trim()&&!Di(e[i],t);i++)n.push(e[i].trim());s={type:`p`,text:n.join(`
`)}}n&&(s.src=e.slice(o,i).join(`
`)),r.push(s)}}return r}function Ai(e,t){let n=e.trim();return Ei(e)<4&&n.length>=t.length&&n===t[0].repeat(n.length)}function ji(e,t,n){let r=Ti.exec(e[t]),i=r[3]!==void 0,a=[];for(;;){let r=Ti.exec(e[t]);if(!r||r[3]!==void 0!==i||wi.test(e[t]))break;let o=r[1].length+r[2].length,s=r[4].length,c=o+(s>=1&&s<=4&&e[t].trim().length>r[2].length?s:1),l=[e[t].slice(c)];for(t++;t<e.length;t++){let r=e[t];if(!r.trim()){let n=t;for(;n<e.length&&!e[n].trim();)n++;if(n<e.length&&Ei(e[n])>=c){l.push(...Array(n-t).fill(``)),t=n-1;continue}break}if(Ei(r)>=c)l.push(r.slice(c));else if(l[l.length-1].trim()&&!Di(r,n))l.push(r);else break}a.push(ki(l,n+1));let u=t;for(;u<e.length&&!e[u].trim();)u++;if(u>=e.length||!Ti.test(e[u]))break;t=u}return[{type:i?`ol`:`ul`,start:i?Number(r[3]):1,items:a},t]}function Mi(e,t){switch(e.type){case`code`:return t(`pre`,null,t(`code`,null,e.text));case`hr`:return t(`hr`,null);case`h`:return t(`p`,null,t(`strong`,null,...Ii(e.text,t)));case`p`:return t(`p`,null,...Ii(e.text,t));default:return t(e.type,e.start===1?null:{start:e.start},...e.items.map(e=>t(`li`,null,...e.length===1&&e[0].type===`p`?Ii(e[0].text,t):e.map(e=>Mi(e,t)))))}}function Ni(e,t){return Oi(e).map(e=>Mi(e,t))}var Pi=`\\bhttps?:\\/\\/[^\\s<>"'\`]*[^\\s<>"'\`.,;:!?)\\]}*_~]`,Fi=new RegExp(["\\\\([!-/:-@[-`{-~])","(?<!`)(`+)([^`]|[^`][\\s\\S]*?[^`])\\2(?!`)",`\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*`,`(?<!\\w)__(?=\\S)([\\s\\S]*?\\S)__(?!\\w)`,`\\*(?=[^\\s*])([\\s\\S]*?[^\\s*])\\*(?!\\*)`,`(?<!\\w)_(?=[^\\s_])([\\s\\S]*?[^\\s_])_(?!\\w)`,`\\[([^[\\]\\n]*)\\]\\(\\s*([^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+"[^"\\n]*")?\\s*\\)`,Pi].join(`|`),`gi`);function Ii(e,t,n=0,r=!1){let i=[],a=e=>e.split(`
`).forEach((e,n)=>{n&&i.push(t(`br`,null)),e&&i.push(e)});if(n>8)return a(e),i;let o=(e,i=r)=>Ii(e,t,n+1,i),s=0;for(let n of e.matchAll(Fi)){let[c,l,,u,d,f,p,m,h,g]=n;if(a(e.slice(s,n.index)),s=n.index+c.length,l)i.push(l);else if(u){let e=u.replace(/\n/g,` `);i.push(t(`code`,null,/^ .*[^ ].* $/.test(e)?e.slice(1,-1):e))}else if(d||f)i.push(t(`strong`,null,...o(d||f)));else if(p||m)i.push(t(`em`,null,...o(p||m)));else{let e=h!==void 0,n=r?null:yi(e?g:c),s=e?h||g:c;n?i.push(t(`a`,bi(n),...e?o(s,!0):[s])):e?i.push(...o(s)):a(c)}}return a(e.slice(s)),i}function Li(e,t){let n=String(e??``),r=[],i=0;for(let e of n.matchAll(new RegExp(Pi,`gi`))){let a=yi(e[0]);a&&(r.push(n.slice(i,e.index),t(`a`,bi(a),e[0])),i=e.index+e[0].length)}return r.push(n.slice(i)),r}function Ri({id:e,conv:t,comments:n,top:r,cls:i}){let a=R(z,t=>t.threads[e]),o=R(z,t=>t.streams[e]),s=R(z,t=>t.visitorRead[e]||0),c=L(null),l=L(!0),[u,d]=F(!1),f=qe(()=>un(dn(a?a.messages:[],n),e=>At(e)),[a&&a.messages,n]);I(()=>()=>Or(e,null),[e]);let p=Q(t?.contact,t?.contact_id),m=a?a.messages:[],h=`${m.length?m[m.length-1].seq:0}:${a?a.pending.length:0}:${o?o.text.length:-1}:${n?n.length:0}`,g=m.length?m[0].seq:0,_=L({tail:null,head:null,height:0});Ke(()=>{let e=c.current;if(!e)return;let t=_.current;t.head!==null&&g!==t.head&&!l.current?e.scrollTop+=e.scrollHeight-t.height:h!==t.tail&&(l.current?e.scrollTop=e.scrollHeight:d(!0)),_.current={tail:h,head:g,height:e.scrollHeight}});function v(){let t=c.current;l.current=t.scrollHeight-t.scrollTop-t.clientHeight<60,l.current&&d(!1),Or(e,l.current)}function ee(){let t=c.current;t.scrollTop=t.scrollHeight,l.current=!0,d(!1),Or(e,!0)}let y=a?[...a.messages].reverse().find(e=>e.sender?.kind===`agent`&&!e.private)?.seq:null;return j`<div class=${i?`transcript ${i}`:`transcript`} ref=${c} onScroll=${v} role="log" aria-live="polite" aria-label="Conversation transcript">
    <div class="transcript-inner">
      ${r}
      ${a&&a.truncated&&j`<div class="older">
        <button class="btn btn-ghost btn-sm" onClick=${()=>Gn(e)} disabled=${a.loadingOlder}>
          ${a.loadingOlder?`Loading…`:`Load earlier messages`}
        </button>
      </div>`}
      ${!a||!a.ready?j`<div class="transcript-loading"><${li} /> Loading conversation…</div>`:null}
      ${a&&a.ready&&!f.length&&!a.pending.length&&!o&&j`<div class="transcript-empty muted">No messages yet.</div>`}
      ${f.map(e=>e.kind===`day`?j`<div key=${e.key} class="day"><span>${e.label}</span></div>`:e.kind===`system`?j`<${Ui} key=${e.key} message=${e.message} />`:j`<${Bi} key=${e.key} group=${e} messages=${e.messages} visitor=${p} contactId=${t?.contact_id}
          seenSeq=${e.messages.some(e=>e.seq===y)&&s>=y?y:0} />`)}
      ${a&&a.pending.map(t=>j`<${Wi} key=${t.client_msg_id} item=${t} id=${e} />`)}
      ${o&&j`<${Gi} stream=${o} />`}
    </div>
    ${u&&j`<button class="jump" onClick=${ee}><${Z} name="arrowDown" size=${14} /> New messages</button>`}
  </div>`}function zi(e,t,n,r,i){switch(e.kind){case`visitor`:return e.name||t;case`ai`:return`AI Assistant`;case`bot`:return e.name||`Bot`;case`agent`:return e.id===r.id?`${e.name||r.name}`:i||e.name||n[e.id]||`Agent`;default:return e.name||`System`}}var Bi=ui(function({group:e,messages:t,visitor:n,contactId:r,seenSeq:i}){let a=R(z,e=>e.names),o=R(z,e=>e.session.user),s=e.sender,c=zi(s,n,a,o,R(z,e=>s.kind===`agent`?hn(e,s.id):null)),l=t[0],u=s.kind===`agent`&&s.id===o.id;return j`<div class=${`group kind-${s.kind} ${e.private?`note`:``} ${u?`mine`:``}`}>
    <${$} name=${c} kind=${s.kind} id=${s.kind===`visitor`?r:s.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${c}</span>
        ${s.kind===`ai`&&j`<span class="badge-kind badge-ai">AI</span>`}
        ${s.kind===`bot`&&j`<span class="badge-kind">Bot</span>`}
        ${u&&j`<span class="badge-kind">You</span>`}
        ${e.private&&j`<span class="badge-note"><${Z} name="lock" size=${11} /> ${e.comment?`Internal comment`:`Internal note`}</span>`}
        ${e.comment&&!e.private&&j`<span class="badge-kind">Ticket reply</span>`}
        <time datetime=${l.created_at} title=${U(l.created_at)}>${kt(l.created_at)}</time>
      </div>
      ${t.map(e=>j`<${Vi} key=${e.id} message=${e} />`)}
      ${i?j`<div class="seen"><${Z} name="check" size=${12} /> Seen</div>`:null}
    </div>
  </div>`});function Vi({message:e}){let t=Array.isArray(e.citations)?e.citations:[],n=e.sender?.kind===`ai`,r=qe(()=>n?Ni(e.body,y):Li(e.body,y),[n,e.body]);return j`<div data-testid="msg" class="msg" data-seq=${e.seq} data-sender=${e.sender?.kind||`system`} data-private=${e.private?`true`:`false`}
    data-comment=${e.comment?`true`:void 0}>
    <div data-testid="msg-body" class=${n?`msg-body md`:`msg-body`}>${r}</div>
    ${t.length>0&&j`<div class="citations">
      <span class="citations-label">Sources</span>
      ${t.map((e,t)=>{let n=yi(e.url),r=e.title||e.article_id||`Source ${t+1}`;return n?j`<a data-testid="citation" class="citation" href=${n} target="_blank" rel=${`noopener noreferrer nofollow`}><${Z} name="book" size=${11} />${r}<${Z} name="external" size=${10} /></a>`:j`<span data-testid="citation" class="citation"><${Z} name="book" size=${11} />${r}</span>`})}
    </div>`}
  </div>`}var Hi={escalated:[`users`,`Handed over to a person`],agent_joined:[`user`,`An agent joined`],resolved:[`check`,`Resolved`],reopened:[`inbox`,`Reopened`],csat_requested:[`star`,`Rating requested`]};function Ui({message:e}){let t=Object.hasOwn(Hi,e.event||``)?e.event:null,n=String(e.body||``).trim()||(t?Hi[t][1]:``);return j`<div data-testid="msg" class=${t?`system event event-${t}`:`system`} data-seq=${e.seq} data-sender="system"
    data-event=${t||void 0} data-private=${e.private?`true`:`false`}>
    ${t&&j`<${Z} name=${Hi[t][0]} size=${13} />`}
    <span data-testid="msg-body" class="msg-body">${n}</span>
    <time datetime=${e.created_at}>${kt(e.created_at)}</time>
  </div>`}function Wi({item:e,id:t}){let n=R(z,e=>e.session.user);return j`<div class=${`group kind-agent mine pending ${e.private?`note`:``}`}>
    <${$} name=${n.name} kind="agent" id=${n.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n.name}</span>
        ${e.private&&j`<span class="badge-note"><${Z} name="lock" size=${11} /> Internal note</span>`}
        <span class="muted small">${e.state===`queued`?`Waiting for connection…`:`Sending…`}</span>
        ${e.state===`queued`&&j`<button class="link-btn" onClick=${()=>Fr(t,e)}>Retry now</button>`}
      </div>
      <div class="msg msg-pending"><div class="msg-body">${e.body}</div></div>
    </div>
  </div>`}function Gi({stream:e}){return j`<div data-testid="ai-stream" class="group kind-ai streaming" aria-live="off">
    <${$} kind="ai" size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">AI Assistant</span><span class="badge-kind badge-ai">AI</span>
        <span class="answering">AI is answering<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
      </div>
      <div class="msg"><div data-testid="msg-body" class="msg-body md">${qe(()=>Ni(e.text,y),[e.text])}${!e.text&&j`<span class="caret" aria-hidden="true"></span>`}</div></div>
    </div>
  </div>`}function Ki({id:e}){return R(z,t=>!!t.streams[e])?j`<div class="takeover" role="status">
    <span class="takeover-text"><${Z} name="sparkle" size=${15} /> AI is answering this customer<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
    <button data-testid="ai-stop" class="btn btn-stop" onClick=${()=>Wn(e)} title="Stop AI (s)">
      <${Z} name="stop" size=${12} /> Stop AI and take over
    </button>
  </div>`:null}var qi=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function Ji({id:e}){let t=R(z,t=>t.convs[e]),n=R(z,t=>t.threads[e]);return t?j`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e} aria-label="Conversation">
    <${Yi} conv=${t} />
    <${Ri} key=${e} id=${e} conv=${t} />
    <${Zi} id=${e} conv=${t} />
    <${Ki} id=${e} />
    <${_i} id=${e} />
  </section>`:j`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e}>
      <div class="placeholder">${n&&n.error?j`<p>${n.error}</p>`:j`<p class="muted">Loading conversation…</p>`}</div>
    </section>`}function Yi({conv:e}){let t=Q(e.contact,e.contact_id),n=R(z,e=>e.session),r=ci({session:n,presence:R(z,e=>e.presence),names:R(z,e=>e.names),staff:R(z,e=>e.staff)},e.assignee_id),i=n.user.id,a=R(z,t=>t.viewers[e.id]),o=R(z,t=>e.ticket_id?t.tickets[e.ticket_id]:null),s=Object.entries(a||{});return j`<header class="conv-head">
    <div class="conv-title">
      <${$} name=${t} id=${e.contact_id} size=${36} />
      <div class="conv-title-text">
        <h2>${t}</h2>
        <span class="muted small">
          <${Zr} channel=${e.channel} /> ${Xr[e.channel]||e.channel}
          ${e.contact?.email&&e.contact.name?j` · ${e.contact.email}`:``}
          ${e.subject?j` · ${e.subject}`:``}
        </span>
      </div>
      <div class="conv-title-side">
        ${s.length>0&&j`<span class="viewers" title=${`${s.map(([,e])=>e.name).join(`, `)} also here`}>
          ${s.slice(0,3).map(([e,t])=>j`<${$} key=${e} name=${t.name} id=${e} kind="agent" size=${22} />`)}
          <span class="small"><${Z} name="eye" size=${12} /> ${s.length===1?`${s[0][1].name||`An agent`} is viewing`:`${s.length} agents viewing`}</span>
        </span>`}
        ${e.ticket_id&&j`<button data-testid="conv-ticket-link" class="chip chip-link" onClick=${()=>K({view:`tickets`,ticketId:e.ticket_id})}>
          <${Z} name="ticket" size=${12} /> ${o?`Ticket #${o.number}`:`Ticket`}
        </button>`}
      </div>
    </div>
    <div class="controls">
      <label class="control">
        <span>Status</span>
        <select data-testid="conv-status" class=${`sel status-${e.status}`} value=${e.status} onChange=${t=>q(e.id,{status:t.currentTarget.value})}>
          ${qi.map(e=>j`<option value=${e}>${Qr[e]}</option>`)}
        </select>
      </label>
      <label class="control">
        <span>Assignee</span>
        <select data-testid="conv-assignee" class="sel" value=${e.assignee_id||``} onChange=${t=>q(e.id,{assignee_id:t.currentTarget.value||null})}>
          ${r.map(e=>j`<option value=${e.value}>${e.label}</option>`)}
        </select>
      </label>
      <button data-testid="conv-assign-me" class="btn btn-sm" onClick=${()=>Bn(e.id)} title="Assign to me (a)">
        <${Z} name="user" size=${13} /> ${e.assignee_id===i?`Assigned to you`:`Assign to me`}
      </button>
      <label class="control">
        <span>Priority</span>
        <select data-testid="conv-priority" class=${`sel priority-${e.priority}`} value=${e.priority} onChange=${t=>q(e.id,{priority:t.currentTarget.value})}>
          ${ei.map(e=>j`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </label>
      <${Xi} conv=${e} />
    </div>
  </header>`}function Xi({conv:e}){let[t,n]=F(``);function r(){t.trim()&&Hn(e.id,t),n(``)}function i(i){i.key===`Enter`||i.key===`,`?(i.preventDefault(),r()):i.key===`Backspace`&&!t&&e.tags?.length?Un(e.id,e.tags[e.tags.length-1]):i.key===`Escape`&&(n(``),i.currentTarget.blur())}return j`<div class="tags" role="group" aria-label="Tags">
    <${Z} name="tag" size=${13} />
    ${(e.tags||[]).map(t=>j`<span class="tag" key=${t}>${t}<button class="tag-x" aria-label=${`Remove tag ${t}`} onClick=${()=>Un(e.id,t)}><${Z} name="x" size=${11} /></button></span>`)}
    <input data-testid="conv-tags" class="tag-input" value=${t} placeholder=${e.tags?.length?`Add tag`:`Add tags…`} aria-label="Add a tag"
      onInput=${t=>{let r=t.currentTarget.value;r.includes(`,`)?(Hn(e.id,r),n(``)):n(r)}}
      onKeyDown=${i} onBlur=${r} maxLength="200" />
  </div>`}function Zi({id:e,conv:t}){let n=R(z,t=>t.typing[e]),r=Object.values(n||{});if(!r.length)return j`<div class="typing-slot"></div>`;let i=r.map(e=>e.name||(e.kind===`visitor`?Q(t.contact,t.contact_id):e.kind===`bot`?`A bot`:`An agent`));return j`<div class="typing-slot"><div data-testid="typing-indicator" class="typing" role="status">
    <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${i.length===1?`${i[0]} is typing…`:`${i.slice(0,-1).join(`, `)} and ${i[i.length-1]} are typing…`}
  </div></div>`}var Qi=[``,`Very poor`,`Poor`,`Okay`,`Good`,`Great`];function $i(e){let t=e?.rating;return Number.isInteger(t)&&t>=1&&t<=5?t:0}function ea({rating:e,size:t=14}){return j`<span class="stars" role="img" aria-label=${`Rated ${e} out of 5`}>
    ${[1,2,3,4,5].map(n=>j`<${Z} key=${n} name="star" size=${t} class=${n<=e?`star-on`:``} />`)}
  </span>`}function ta({csat:e,now:t,testid:n=`csat`}){let r=$i(e);return r?j`<section class="card csat" data-testid=${n} data-rating=${r} aria-label="Customer rating">
    <div class="card-head">
      <h4><${Z} name="star" size=${13} /> Customer rating</h4>
      ${e.at&&j`<time class="faint small" datetime=${e.at} title=${U(e.at)}>${Ot(e.at,t)}</time>`}
    </div>
    <div class="csat-score"><${ea} rating=${r} size=${16} /><span><strong>${r}</strong>/5 · ${Qi[r]}</span></div>
    ${e.comment&&j`<blockquote data-testid=${`${n}-comment`} class="csat-comment">${e.comment}</blockquote>`}
  </section>`:null}var na=e=>e.map(e=>e.replace(`_`,` `)).join(`, `);function ra({ticket:e,now:t}){let{clock:n,breached:r,soon:i}=jn(e,t),a=n===`paused`;return r.length?j`<span data-testid="sla-clock" data-state=${n||`none`} class="chip chip-danger" title=${`Missed: ${na(r)}${a?` · clock paused`:``}`}>
      Breached${a?` · paused`:``}</span>`:a?j`<span data-testid="sla-clock" data-state="paused" class="chip chip-paused"
      title=${`The SLA clock is paused${e.sla_paused_at?` since ${U(e.sla_paused_at)}`:``} while the ticket is ${e.status}; it runs again when it reopens`}><${Z} name="pause" size=${11} /> SLA paused</span>`:n===`running`?j`<span data-testid="sla-clock" data-state="running" class=${`chip ${i?`chip-warn`:`chip-quiet`}`} title=${`Next SLA target ${U(e.due_at)}`}>
    <${Z} name="clock" size=${11} /> ${jt(e.due_at,t)}</span>`:null}function ia({id:e}){let t=R(z,t=>t.convs[e]),n=t?.contact_id,r=t?.ticket_id,i=R(z,e=>n?e.contacts[n]:null),a=R(z,e=>r?e.tickets[r]:null),o=ai(6e4);if(I(()=>{n&&tn(n)},[n]),I(()=>{r&&Dn(r,{quiet:!0})},[r]),!t)return j`<aside class="pane details-pane" data-testid="details-panel" aria-label="Details"></aside>`;let s=i?.state===`ok`?i.profile:null,c=s?.contact||t.contact||{id:n},l=Q(c,n),u=Object.entries(s?.contact.attributes||{}).filter(([,e])=>e!==null&&e!==``),d=(s?.conversations||[]).filter(e=>e.id!==t.id),f=(s?.tickets||[]).filter(e=>e.id!==r);return j`<aside class="pane details-pane" data-testid="details-panel" aria-label="Customer details">
    <section class="card customer">
      <${$} name=${l} id=${n} size=${48} />
      <h3>${l}</h3>
      ${c.email&&c.name&&j`<p class="muted small break">${c.email}</p>`}
      ${i?.state===`loading`&&j`<p class="muted small"><${li} /> Loading profile…</p>`}
      ${i?.state===`missing`&&j`<p class="muted small">No customer profile is available for this visitor yet.</p>`}
      ${i?.state===`error`&&j`<p class="muted small">Profile unavailable. <button class="link-btn" onClick=${()=>tn(n,{force:!0})}>Retry</button></p>`}
    </section>

    <${ta} csat=${t.csat} now=${o} testid="details-csat" />

    ${r&&j`<section class="card handoff">
      <div class="card-head">
        <h4><${Z} name="ticket" size=${13} /> Handoff summary</h4>
        ${a&&j`<button class="link-btn" onClick=${()=>K({view:`tickets`,ticketId:r})}>#${a.number} <${Z} name="external" size=${11} /></button>`}
      </div>
      ${a?j`<div class="chips">
              <${$r} status=${a.status} /> <${ti} priority=${a.priority} />
              <${ra} ticket=${a} now=${o} />
            </div>
            ${a.escalation_reason&&j`<p class="muted small">Escalated: ${sa(a.escalation_reason)}</p>`}
            <p data-testid="details-ticket-summary" class="summary">${a.summary||`No summary was written for this handoff.`}</p>`:j`<p class="muted small"><${li} /> Loading ticket…</p>`}
    </section>`}

    <section class="card">
      <h4>Conversation</h4>
      <dl class="facts">
        <dt>Channel</dt><dd>${Xr[t.channel]||t.channel}</dd>
        <dt>Started</dt><dd title=${U(t.created_at)}>${aa(t.created_at,o)}</dd>
        ${t.first_response_at&&j`<dt>First response</dt><dd title=${U(t.first_response_at)}>${aa(t.first_response_at,o)}</dd>`}
        ${t.resolved_at&&(t.status===`resolved`||t.status===`closed`)&&j`<dt>Resolved</dt><dd title=${U(t.resolved_at)}>${aa(t.resolved_at,o)}</dd>`}
        <dt>AI answers</dt><dd>${t.ai_enabled?`On`:`Off`}</dd>
        ${c.external_id||s?.contact.external_id?j`<dt>External ID</dt><dd class="break">${s?.contact.external_id}</dd>`:null}
        ${s&&j`<dt>Customer since</dt><dd>${U(s.contact.created_at)}</dd>`}
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
      ${d.length?j`<ul class="links">${d.slice(0,8).map(e=>j`<li><button class="link-row" onClick=${()=>K({view:`conversations`,conversationId:e.id})}>
            <span class="ellipsis">${e.subject||e.preview?.body||`${Xr[e.channel]||e.channel} conversation`}</span>
            <span class="row-side"><${$r} status=${e.status} short /> <span class="faint small">${Ot(e.updated_at,o)}</span></span>
          </button></li>`)}</ul>`:j`<p class="muted small">This is their first conversation.</p>`}
    </section>`}

    ${f.length>0&&j`<section class="card">
      <h4>Other tickets</h4>
      <ul class="links">${f.slice(0,8).map(e=>j`<li><button class="link-row" onClick=${()=>K({view:`tickets`,ticketId:e.id})}>
        <span class="ellipsis">#${e.number} ${e.subject}</span><${$r} status=${e.status} />
      </button></li>`)}</ul>
    </section>`}
  </aside>`}function aa(e,t){let n=Ot(e,t);return n===`now`?`just now`:/^\d+[mh]$/.test(n)?`${n} ago`:n}var oa={customer_asked:`the customer asked for a person`,no_answer:`the AI found no answer in the knowledge base`,ai_error:`the AI could not answer`,unanswered:`the question went unanswered too long`,visitor_left:`the customer left with a question unanswered`,marked:`handed over by an agent or bot`,budget:`the AI budget was used up`};function sa(e){return oa[e]||String(e).replace(/_/g,` `)}function ca(){let[e,t]=F(``),[n,r]=F(``),[i,a]=F(!1),[o,s]=F(null);async function c(t){if(t.preventDefault(),!i){a(!0),s(null);try{await Rr(e.trim(),n)}catch(e){s(e.status===401?`That e-mail and password do not match an account.`:e.message),a(!1)}}}return j`<main class="signin">
    <form class="signin-card" onSubmit=${c} aria-labelledby="signin-title">
      <div class="brand brand-large"><span class="brand-mark"><${Z} name="logo" size=${22} /></span> FlowSupport</div>
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
      ${o&&j`<p class="form-error" role="alert">${o}</p>`}
      <button data-testid="inbox-signin" class="btn btn-primary btn-block" type="submit" disabled=${i}>
        ${i?`Signing in…`:`Sign in`}
      </button>
    </form>
  </main>`}var la=[`new`,`open`,`pending`,`solved`,`closed`],ua=e=>e[0].toUpperCase()+e.slice(1);function da(){let e=R(z,e=>e.ticketFilters),t=R(z,e=>e.ticketList),n=R(z,ma),r=R(z,e=>e.route.ticketId),i=R(z,e=>e.cursor),a=ai(3e4);return I(()=>{z.get().ticketList.loaded||Sn()},[]),j`<section class="pane list-pane" aria-label="Tickets">
    <div class="pane-head">
      <div class="pane-title"><h2>Tickets</h2><span class="muted small">${t.loading?j`<${li} />`:`${n.length}${t.nextCursor?`+`:``}`}</span></div>
      <label class="search">
        <${Z} name="search" size=${14} />
        <input data-testid="ticket-search" type="search" placeholder="Search subjects and comments" aria-label="Search tickets"
          value=${e.q} onInput=${e=>Tn({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="ticket-filter-status" aria-label="Ticket status" value=${e.status} onChange=${e=>Tn({status:e.currentTarget.value})}>
          <option value="">Any status</option>
          ${la.map(e=>j`<option value=${e}>${Qr[e]}</option>`)}
        </select>
        <select data-testid="ticket-filter-priority" aria-label="Priority" value=${e.priority} onChange=${e=>Tn({priority:e.currentTarget.value})}>
          <option value="">Any priority</option>
          ${ei.map(e=>j`<option value=${e}>${ua(e)}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="ticket-filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>Tn({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="ticket-filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>Tn({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="ticket-list" class="list" aria-label="Ticket list">
      ${n.map(e=>j`<${ga} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&j`<li class="empty">
        ${t.error?j`<p>Could not load tickets.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${Sn}>Try again</button>`:j`<p>No tickets here.</p><p class="muted small">Conversations the AI cannot answer become tickets.</p>`}
      </li>`}
      ${t.nextCursor&&j`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${Cn} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var fa=null,pa=[];function ma(e){if(e===fa)return pa;let t=bn(e);return fa=e,(t.length!==pa.length||t.some((e,t)=>e!==pa[t]))&&(pa=t),pa}function ha(e,t){return e.requester?{...e.requester,id:e.requester.id||e.requester_contact_id}:t?.state===`ok`?t.profile.contact:{id:e.requester_contact_id}}var ga=ui(function({id:e,active:t,highlighted:n,now:r}){let i=R(z,t=>t.tickets[e]),a=R(z,e=>i?.assignee_id?oi(e.names,i.assignee_id,e.session.user):null),o=R(z,e=>i&&!i.requester?e.contacts[i.requester_contact_id]:null),s=L(null);if(I(()=>{(n||t)&&s.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let c=ha(i,o),l=Q(c,i.requester_contact_id);return j`<li>
    <button ref=${s} data-testid="ticket-item" data-ticket-id=${e} data-status=${i.status}
      class=${`row ticket-row ${t?`active`:``} ${n?`highlighted`:``}`} aria-current=${t?`true`:void 0}
      onClick=${()=>K({view:`tickets`,ticketId:e})}>
      <span class="row-main">
        <span class="row-top">
          <span class="row-name"><span class="ticket-no">#${i.number}</span> ${i.subject}</span>
          <time class="row-time" datetime=${i.updated_at}>${Ot(i.updated_at,r)}</time>
        </span>
        <span class="row-preview row-requester" title=${c.email&&c.name?`${l} <${c.email}>`:l}>
          <${$} name=${l} id=${i.requester_contact_id} size=${18} />
          <span data-testid="ticket-requester" class="ellipsis">${l}</span>
        </span>
        <span class="row-meta">
          <${$r} status=${i.status} />
          <${ti} priority=${i.priority} />
          <${ra} ticket=${i} now=${r} />
          <span class="mini assignee"><${Z} name="user" size=${11} />${a?a.replace(` (you)`,``):`Unassigned`}</span>
        </span>
      </span>
    </button>
  </li>`});function _a({id:e}){let t=R(z,t=>t.tickets[e]),n=R(z,t=>t.ticketDetail[e]),r=R(z,e=>t&&!t.requester?e.contacts[t.requester_contact_id]:null),i=R(z,e=>e.session),a=R(z,e=>e.presence),o=R(z,e=>e.names),s=R(z,e=>e.staff),c=t?.conversation_id||null,l=R(z,e=>c?e.convs[c]:null),u=ai(3e4),d=L(null),f=n?.comments?.length||0;if(Ke(()=>{d.current&&f&&(d.current.scrollTop=d.current.scrollHeight)},[f,e]),I(()=>{if(c)return br(c),()=>xr(c)},[c]),!t)return j`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e}>
      <div class="placeholder">${n?.state===`missing`?j`<p>This ticket does not exist or is not yours to see.</p>`:n?.state===`error`?j`<p>${n.error}</p>`:j`<p class="muted"><${li} /> Loading ticket…</p>`}</div>
    </section>`;let p=ci({session:i,presence:a,names:o,staff:s},t.assignee_id),m=n?.comments||[],h=ha(t,r),g=Q(h,t.requester_contact_id);return j`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e} aria-label=${`Ticket ${t.number}`}>
    <header class="conv-head">
      <div class="conv-title">
        <span class="ticket-badge"><${Z} name="ticket" size=${18} /></span>
        <div class="conv-title-text">
          <h2><span class="ticket-no">#${t.number}</span> ${t.subject}</h2>
          <span class="muted small">
            <span class="requester-inline" title=${h.email&&h.name?`${g} <${h.email}>`:g}>
              <${Z} name="user" size=${12} />
              <span data-testid="ticket-view-requester" class="ellipsis">${g}${h.email&&h.name?j` <span class="faint">· ${h.email}</span>`:``}</span>
            </span>
            <span class="nowrap">· Opened ${aa(t.created_at,u)} · updated ${aa(t.updated_at,u)}</span>
          </span>
        </div>
        <div class="conv-title-side">
          <${ra} ticket=${t} now=${u} />
          ${t.conversation_id&&j`<button data-testid="ticket-conversation-link" class="chip chip-link" onClick=${()=>K({view:`conversations`,conversationId:t.conversation_id})}>
            <${Z} name="sms" size=${12} /> Open conversation</button>`}
        </div>
      </div>
      <div class="controls">
        <label class="control"><span>Status</span>
          <select data-testid="ticket-status" class=${`sel status-${t.status}`} value=${t.status} onChange=${t=>kn(e,{status:t.currentTarget.value})}>
            ${la.map(e=>j`<option value=${e}>${Qr[e]}</option>`)}
          </select></label>
        <label class="control"><span>Priority</span>
          <select data-testid="ticket-priority" class=${`sel priority-${t.priority}`} value=${t.priority} onChange=${t=>kn(e,{priority:t.currentTarget.value})}>
            ${ei.map(e=>j`<option value=${e}>${ua(e)}</option>`)}
          </select></label>
        <label class="control"><span>Assignee</span>
          <select data-testid="ticket-assignee" class="sel" value=${t.assignee_id||``} onChange=${t=>kn(e,{assignee_id:t.currentTarget.value||null})}>
            ${p.map(e=>j`<option value=${e.value}>${e.label}</option>`)}
          </select></label>
        ${t.tags?.length>0&&j`<div class="tags">${t.tags.map(e=>j`<span class="tag" key=${e}>${e}</span>`)}</div>`}
      </div>
    </header>
    ${c?j`<${Ri} key=${c} id=${c} conv=${l} cls="ticket-body" comments=${n?.state===`ok`?n.comments:void 0}
          top=${j`<${va} ticket=${t} csat=${t.csat||l?.csat} now=${u} />
            <h3 class="section-title">Conversation</h3>`} />`:j`<div class="transcript ticket-body" ref=${d}>
          <div class="transcript-inner">
            <${va} ticket=${t} csat=${t.csat} now=${u} />
            <h3 class="section-title">Activity</h3>
            ${!n||n.state===`loading`?j`<p class="muted"><${li} /> Loading comments…</p>`:null}
            ${n?.state===`ok`&&!m.length&&j`<p class="muted small">No comments yet.</p>`}
            ${m.map(e=>j`<${ya} key=${e.id} comment=${e} />`)}
          </div>
        </div>`}
    <${xa} id=${e} />
  </section>`}function va({ticket:e,csat:t,now:n}){return j`<section class="summary-card" aria-label="Handoff summary">
      <div class="card-head"><h3><${Z} name="sparkle" size=${14} /> Handoff summary</h3>
        ${e.escalation_reason&&j`<span class="muted small">Escalated because ${sa(e.escalation_reason)}</span>`}</div>
      <p data-testid="ticket-summary" class="summary">${e.summary||`No summary was written for this ticket.`}</p>
    </section>
    <${ta} csat=${t} now=${n} testid="ticket-csat" />`}function ya({comment:e}){let t=e.author||{},n=R(z,e=>t.kind===`agent`?hn(e,t.id):null)||t.name||(t.kind===`visitor`?`Customer`:t.kind===`ai`?`AI Assistant`:t.kind===`system`?`System`:`Agent`);return j`<article data-testid="ticket-comment" data-public=${e.public?`true`:`false`} class=${`comment ${e.public?`public`:`internal`}`}>
    <${$} name=${n} kind=${t.kind===`agent`||t.kind===`visitor`?`visitor`:t.kind} id=${t.id} size=${30} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n}</span>
        ${e.public?j`<span class="badge-kind">Public reply</span>`:j`<span class="badge-note"><${Z} name="lock" size=${11} /> Internal</span>`}
        <time datetime=${e.created_at} title=${U(e.created_at)}>${Ot(e.created_at)} · ${kt(e.created_at)}</time>
      </div>
      <div class="msg-body">${e.body}</div>
    </div>
  </article>`}var ba={};function xa({id:e}){let[t,n]=F(ba[e]||``),[r,i]=F(!1),[a,o]=F(!1);I(()=>{n(ba[e]||``),i(!1)},[e]);async function s(){let i=t.trim();if(!i||a)return;o(!0);let s=await An(e,i,r);o(!1),s&&(ba[e]=``,n(``))}return j`<div class=${`composer ${r?``:`composer-note`}`}>
    <div class="composer-box">
      <textarea data-testid="ticket-comment-input" rows="3" value=${t} aria-label="Comment"
        placeholder=${r?`Write a public reply — the customer receives it`:`Write an internal comment — only your team sees it`}
        onInput=${t=>{ba[e]=t.currentTarget.value,n(t.currentTarget.value)}}
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
  </div>`}function Sa({id:e}){let t=R(z,t=>t.tickets[e]),n=R(z,e=>t?e.contacts[t.requester_contact_id]:null),r=ai(3e4);if(I(()=>{t?.requester_contact_id&&tn(t.requester_contact_id)},[t?.requester_contact_id]),!t)return j`<aside class="pane details-pane" aria-label="Ticket details"></aside>`;let i=ha(t,n),a=Q(i,t.requester_contact_id),o=(e,t)=>t&&j`<dt>${e}</dt><dd title=${U(t)}>${U(t)}</dd>`;return j`<aside class="pane details-pane" data-testid="ticket-details" aria-label="Ticket details">
    <section class="card customer" data-testid="ticket-details-requester" aria-label="Requester">
      <h4>Requester</h4>
      <${$} name=${a} id=${t.requester_contact_id} size=${48} />
      <h3>${a}</h3>
      ${i.email&&i.name&&j`<p class="muted small break">${i.email}</p>`}
      ${n?.state===`missing`&&j`<p class="muted small">No customer profile available.</p>`}
    </section>
    <section class="card">
      <h4>SLA</h4>
      <div class="chips"><${ra} ticket=${t} now=${r} /></div>
      <dl class="facts">
        ${o(`First response due`,t.first_response_due_at)}
        ${o(`First response`,t.first_responded_at)}
        ${o(`Resolution due`,t.resolution_due_at)}
        ${o(`Solved`,t.solved_at)}
        ${jn(t,r).clock&&j`<dt>Clock</dt><dd data-testid="ticket-sla-state">${jn(t,r).clock===`paused`?`Paused`:`Running`}</dd>`}
        ${t.breaches?.length?j`<dt>Missed</dt><dd class="danger-text">${t.breaches.map(e=>e.replace(`_`,` `)).join(`, `)}</dd>`:null}
      </dl>
    </section>
    <section class="card">
      <h4>Ticket</h4>
      <dl class="facts">
        <dt>Number</dt><dd>#${t.number}</dd>
        <dt>Created</dt><dd>${U(t.created_at)}</dd>
        ${Object.entries(t.custom_fields||{}).map(([e,t])=>j`<dt class="break">${e}</dt><dd class="break">${String(t)}</dd>`)}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>
  </aside>`}var Ca={connected:`Connected`,connecting:`Connecting…`,reconnecting:`Reconnecting…`,stopped:`Offline`};function wa(){let e=R(z,e=>e.route.view),t=R(z,e=>e.conn),n=R(z,e=>e.connProblem),r=R(z,e=>e.presence),i=R(z,e=>e.session.user),a=R(z,e=>Object.values(e.unread).filter(e=>e>0).length),o=(r.agents||[]).filter(e=>e.id!==i.id);return I(()=>{document.title=`${a?`(${a}) `:``}${e===`tickets`?`Tickets`:`Inbox`} · FlowSupport`},[a,e]),j`<header class="topbar">
    <div class="brand"><span class="brand-mark"><${Z} name="logo" size=${18} /></span> FlowSupport</div>
    <nav class="tabs" aria-label="Sections">
      <button data-testid="nav-conversations" class=${`tab ${e===`conversations`?`active`:``}`}
        aria-current=${e===`conversations`?`page`:void 0} onClick=${()=>Fn(`conversations`)}
        title="Conversations (g then c)">
        <${Z} name="inbox" /> Conversations
        ${a>0&&j`<span class="tab-count" aria-label=${`${a} with unread messages`}>${a}</span>`}
      </button>
      <button data-testid="nav-tickets" class=${`tab ${e===`tickets`?`active`:``}`}
        aria-current=${e===`tickets`?`page`:void 0} onClick=${()=>Fn(`tickets`)}
        title="Tickets (g then t)">
        <${Z} name="ticket" /> Tickets
      </button>
    </nav>
    <div class="topbar-right">
      <span data-testid="inbox-connection" class=${`conn conn-${t}`} role="status" title=${n||``}>
        <span class="dot" aria-hidden="true"></span>${n?`Origin not allowed`:Ca[t]||t}
      </span>
      <span class="presence" title=${(r.agents||[]).map(e=>e.name).join(`, `)||`Agents online`}>
        <span class="presence-faces" aria-hidden="true">
          ${o.slice(0,3).map(e=>j`<${$} key=${e.id} name=${e.name} id=${e.id} kind="agent" size=${22} />`)}
        </span>
        <${Z} name="users" size=${14} /> ${r.count} online
      </span>
      <button class="icon-btn" onClick=${()=>z.set(e=>({...e,help:!0}))} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <${Z} name="help" />
      </button>
      <span class="me">
        <${$} name=${i.name} id=${i.id} kind="agent" size=${26} />
        <span class="me-name">${i.name}</span>
      </span>
      <button class="btn btn-ghost btn-sm" data-testid="inbox-signout" onClick=${()=>zr()} title="Sign out">
        <${Z} name="logout" size=${14} /> Sign out
      </button>
    </div>
  </header>`}function Ta(){return j`${R(z,e=>!!e.session)?j`<${Ea} />`:j`<${ca} />`}<${ka} />`}function Ea(){let e=R(z,e=>e.route),t=R(z,e=>e.help);return j`<div class="app" data-testid="inbox-app">
    <${wa} />
    ${R(z,e=>e.conn)===`reconnecting`&&j`<div class="banner" role="status">Connection lost. Reconnecting… new messages will appear when it is back.</div>`}
    <div class="panes">
      ${e.view===`tickets`?j`<${da} />
            ${e.ticketId?j`<${_a} id=${e.ticketId} /><${Sa} id=${e.ticketId} />`:j`<${Da} icon="ticket" title="Select a ticket" text="Escalated conversations become tickets with an SLA and a handoff summary." />`}`:j`<${fi} />
            ${e.conversationId?j`<${Ji} id=${e.conversationId} /><${ia} id=${e.conversationId} />`:j`<${Da} icon="inbox" title="Select a conversation" text="Pick a conversation on the left, or press j / k and Enter." />`}`}
    </div>
    ${t&&j`<${Oa} />`}
  </div>`}function Da({icon:e,title:t,text:n}){return j`<section class="pane main-pane empty-main">
    <div class="placeholder">
      <span class="placeholder-icon"><${Z} name=${e} size=${28} /></span>
      <h2>${t}</h2>
      <p class="muted">${n}</p>
      <p class="muted small">Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>
  </section>`}function Oa(){let e=L(null);I(()=>{let t=document.activeElement;return e.current?.focus(),()=>t?.focus?.()},[]);let t=()=>z.set(e=>({...e,help:!1}));return j`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&t()}>
    <div data-testid="shortcuts-help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex="-1" ref=${e}>
      <div class="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button class="icon-btn" onClick=${t} aria-label="Close"><${Z} name="x" /></button>
      </div>
      <dl class="shortcuts">
        ${Ur.map(([e,t])=>j`<dt>${e.split(` then `).map((e,t)=>j`${t?j`<span class="muted small"> then </span>`:``}<kbd>${e}</kbd>`)}</dt><dd>${t}</dd>`)}
      </dl>
      <p class="muted small">Shortcuts pause while you type in a field; Esc leaves the field.</p>
    </div>
  </div>`}function ka(){return j`<div class="toasts" role="status" aria-live="polite">
    ${R(z,e=>e.toasts).map(e=>j`<div key=${e.id} data-testid="toast" class=${`toast toast-${e.kind}`}>
      <${Z} name=${e.kind===`error`?`alert`:e.kind===`warning`?`clock`:`check`} size=${15} />
      <span>${e.text}</span>
      <button class="icon-btn" aria-label="Dismiss" onClick=${()=>yt(e.id)}><${Z} name="x" size=${14} /></button>
    </div>`)}
  </div>`}t.debounceRendering=e=>fr()?document.visibilityState===`visible`?requestAnimationFrame(e):setTimeout(e,0):Promise.resolve().then(e),Hr(),document.addEventListener(`keydown`,Jr),pe(j`<${Ta} />`,document.getElementById(`app`));