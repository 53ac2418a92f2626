var e,t,n,r,i,a,o,s,c,l,u,d,f,p,m={},h=[],g=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,_=Array.isArray;function v(e,t){for(var n in t)e[n]=t[n];return e}function ee(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function y(t,n,r){var i,a,o,s={};for(o in n)o==`key`?i=n[o]:o==`ref`?a=n[o]:s[o]=n[o];if(arguments.length>2&&(s.children=arguments.length>3?e.call(arguments,2):r),typeof t==`function`&&t.defaultProps!=null)for(o in t.defaultProps)s[o]===void 0&&(s[o]=t.defaultProps[o]);return b(t,s,i,a,null)}function b(e,r,i,a,o){var s={type:e,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:o??++n,__i:-1,__u:0};return o==null&&t.vnode!=null&&t.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t}function C(e,t){if(t==null)return e.__?C(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type==`function`?C(e):null}function te(e){if(e.__P&&e.__d){var n=e.__v,r=n.__e,i=[],a=[],o=v({},n);o.__v=n.__v+1,t.vnode&&t.vnode(o),ie(e.__P,o,n,e.__n,e.__P.namespaceURI,32&n.__u?[r]:null,i,r??C(n),!!(32&n.__u),a),o.__v=n.__v,o.__.__k[o.__i]=o,oe(i,o,a),n.__e=n.__=null,o.__e!=r&&w(o)}}function w(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),w(e)}function T(e){(!e.__d&&(e.__d=!0)&&r.push(e)&&!E.__r++||i!=t.debounceRendering)&&((i=t.debounceRendering)||a)(E)}function E(){try{for(var e,t=1;r.length;)r.length>t&&r.sort(o),e=r.shift(),t=r.length,te(e)}finally{r.length=E.__r=0}}function ne(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,g,_,v,ee=r&&r.__k||h,y=t.length;for(c=D(n,t,ee,c,y),d=0;d<y;d++)(p=n.__k[d])!=null&&(f=p.__i!=-1&&ee[p.__i]||m,p.__i=d,v=ie(e,p,f,i,a,o,s,c,l,u),g=p.__e,p.ref&&f.ref!=p.ref&&(f.ref&&le(f.ref,null,p),u.push(p.ref,p.__c||g,p)),_==null&&g!=null&&(_=g),4&p.__u?(c=O(p,c,e),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),p.__u&=-7);return n.__e=_,c}function D(e,t,n,r,i){var a,o,s,c,l,u=n.length,d=u,f=0;for(e.__k=Array(i),a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o==`string`||typeof o==`number`||typeof o==`bigint`||o.constructor==String?o=e.__k[a]=b(null,o,null,null,null):_(o)?o=e.__k[a]=b(x,{children:o},null,null,null):o.constructor===void 0&&o.__b>0?o=e.__k[a]=b(o.type,o.props,o.key,o.ref?o.ref:null,o.__v):e.__k[a]=o,c=a+f,o.__=e,o.__b=e.__b+1,s=null,(l=o.__i=re(o,n,c,d))!=-1&&(d--,(s=n[l])&&(s.__u|=2)),s==null||s.__v==null?(l==-1&&(i>u?f--:i<u&&f++),typeof o.type!=`function`&&(o.__u|=4)):l!=c&&(l==c-1?f--:l==c+1?f++:(l>c?f--:f++,o.__u|=4))):e.__k[a]=null;if(d)for(a=0;a<u;a++)(s=n[a])!=null&&!(2&s.__u)&&(s.__e==r&&(r=C(s)),ue(s,s));return r}function O(e,t,n){var r,i;if(typeof e.type==`function`){for(r=e.__k,i=0;r&&i<r.length;i++)r[i]&&(r[i].__=e,t=O(r[i],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=C(e)),t=n.insertBefore(e.__e,t||null));do t&&=t.nextSibling;while(t!=null&&t.nodeType==8);return t}function re(e,t,n,r){var i,a,o,s=e.key,c=e.type,l=t[n],u=l!=null&&!(2&l.__u);if(l===null&&s==null||u&&s==l.key&&c==l.type)return n;if(r>+!!u){for(i=n-1,a=n+1;i>=0||a<t.length;)if((l=t[o=i>=0?i--:a++])!=null&&!(2&l.__u)&&s==l.key&&c==l.type)return o}return-1}function k(e,t,n){t[0]==`-`?e.setProperty(t,n??``):e[t]=n==null?``:typeof n!=`number`||g.test(t)?n:n+`px`}function A(e,t,n,r,i){var a,o;n:if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||k(e.style,t,``);if(n)for(t in n)r&&n[t]==r[t]||k(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)a=t!=(t=t.replace(u,`$1`)),o=t.toLowerCase(),t=o in e||t==`onFocusOut`||t==`onFocusIn`?o.slice(2):t.slice(2),e.l||={},e.l[t+a]=n,n?r?n[l]=r[l]:(n[l]=d,e.addEventListener(t,a?p:f,a)):e.removeEventListener(t,a?p:f,a);else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;break n}catch{}typeof n==`function`||(n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n))}}function j(e){return function(n){if(this.l){var r=this.l[n.type+e];if(n[c]==null)n[c]=d++;else if(n[c]<r[l])return;return r(t.event?t.event(n):n)}}}function ie(e,n,r,i,a,o,s,c,l,u){var d,f,p,m,g,y,b,te,w,T,E,D,O,re,k,A,j=n.type;if(n.constructor!==void 0)return null;128&r.__u&&(l=!!(32&r.__u),o=[c=n.__e=r.__e]),(d=t.__b)&&d(n);n:if(typeof j==`function`){f=s.length;try{if(w=n.props,T=j.prototype&&j.prototype.render,E=(d=j.contextType)&&i[d.__c],D=d?E?E.props.value:d.__:i,r.__c?te=(p=n.__c=r.__c).__=p.__E:(T?n.__c=p=new j(w,D):(n.__c=p=new S(w,D),p.constructor=j,p.render=de),E&&E.sub(p),p.state||(p.state={}),p.__n=i,m=p.__d=!0,p.__h=[],p._sb=[]),T&&p.__s==null&&(p.__s=p.state),T&&j.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=v({},p.__s)),v(p.__s,j.getDerivedStateFromProps(w,p.__s))),g=p.props,y=p.state,p.__v=n,m)T&&j.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),T&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(T&&j.getDerivedStateFromProps==null&&w!==g&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(w,D),n.__v==r.__v||!p.__e&&p.shouldComponentUpdate!=null&&!1===p.shouldComponentUpdate(w,p.__s,D)){n.__v!=r.__v&&(p.props=w,p.state=p.__s,p.__d=!1),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),h.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&s.push(p),c=C(r);break n}p.componentWillUpdate!=null&&p.componentWillUpdate(w,p.__s,D),T&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(g,y,b)})}if(p.context=D,p.props=w,p.__P=e,p.__e=!1,O=t.__r,re=0,T)p.state=p.__s,p.__d=!1,O&&O(n),d=p.render(p.props,p.state,p.context),h.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,O&&O(n),d=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++re<25);p.state=p.__s,p.getChildContext!=null&&(i=v(v({},i),p.getChildContext())),T&&!m&&p.getSnapshotBeforeUpdate!=null&&(b=p.getSnapshotBeforeUpdate(g,y)),k=d!=null&&d.type===x&&d.key==null?se(d.props.children):d,c=ne(e,_(k)?k:[k],n,r,i,a,o,s,c,l,u),p.base=n.__e,n.__u&=-161,p.__h.length&&s.push(p),te&&(p.__E=p.__=null)}catch(e){if(s.length=f,n.__v=null,l||o!=null){if(e.then){for(n.__u|=l?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),n.__e=c}else if(o!=null)for(A=o.length;A--;)ee(o[A])}else n.__e=r.__e;n.__k??=r.__k||[],e.then||ae(n),t.__e(e,n,r)}}else o==null&&n.__v==r.__v?(n.__k=r.__k,n.__e=r.__e):c=n.__e=ce(r.__e,n,r,i,a,o,s,l,u);return(d=t.diffed)&&d(n),128&n.__u?void 0:c}function ae(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(ae))}function oe(e,n,r){for(var i=0;i<r.length;i++)le(r[i],r[++i],r[++i]);t.__c&&t.__c(n,e),e.some(function(n){try{e=n.__h,n.__h=[],e.some(function(e){e.call(n)})}catch(e){t.__e(e,n.__v)}})}function se(e){return typeof e!=`object`||!e||e.__b>0?e:_(e)?e.map(se):e.constructor===void 0?v({},e):null}function ce(n,r,i,a,o,s,c,l,u){var d,f,p,h,g,v,y,b=i.props||m,x=r.props,S=r.type;if(S==`svg`?o=`http://www.w3.org/2000/svg`:S==`math`?o=`http://www.w3.org/1998/Math/MathML`:o||=`http://www.w3.org/1999/xhtml`,s!=null){for(d=0;d<s.length;d++)if((g=s[d])&&`setAttribute`in g==!!S&&(S?g.localName==S:g.nodeType==3)){n=g,s[d]=null;break}}if(n==null){if(S==null)return document.createTextNode(x);n=document.createElementNS(o,S,x.is&&x),l&&=(t.__m&&t.__m(r,s),!1),s=null}if(S==null)b===x||l&&n.data==x||(n.data=x);else{if(s=S==`textarea`&&x.defaultValue!=null?null:s&&e.call(n.childNodes),!l&&s!=null)for(b={},d=0;d<n.attributes.length;d++)b[(g=n.attributes[d]).name]=g.value;for(d in b)g=b[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in x||d==`value`&&`defaultValue`in x||d==`checked`&&`defaultChecked`in x||A(n,d,null,g,o);for(d in x)g=x[d],d==`children`?h=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?v=g:d==`checked`?y=g:l&&typeof g!=`function`||b[d]===g||A(n,d,g,b[d],o);if(f)l||p&&(f.__html==p.__html||f.__html==n.innerHTML)||(n.innerHTML=f.__html),r.__k=[];else if(p&&(n.innerHTML=``),ne(r.type==`template`?n.content:n,_(h)?h:[h],r,i,a,S==`foreignObject`?`http://www.w3.org/1999/xhtml`:o,s,c,s?s[0]:i.__k&&C(i,0),l,u),s!=null)for(d=s.length;d--;)ee(s[d]);l&&S!=`textarea`||(d=`value`,S==`progress`&&v==null?n.removeAttribute(`value`):v!=null&&(v!==n[d]||S==`progress`&&!v||S==`option`&&v!=b[d])&&A(n,d,v,b[d],o),d=`checked`,y!=null&&y!=n[d]&&A(n,d,y,b[d],o))}return n}function le(e,n,r){try{if(typeof e==`function`){var i=typeof e.__u==`function`;i&&e.__u(),i&&n==null||(e.__u=e(n))}else e.current=n}catch(e){t.__e(e,r)}}function ue(e,n,r){var i,a;if(t.unmount&&t.unmount(e),(i=e.ref)&&(i.current&&i.current!=e.__e||le(i,null,n)),(i=e.__c)!=null){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(e){t.__e(e,n)}i.base=i.__P=i.__n=null}if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&ue(i[a],n,r||typeof e.type!=`function`);r||ee(e.__e),e.__c=e.__=e.__e=void 0}function de(e,t,n){return this.constructor(e,n)}function fe(n,r,i){var a,o,s,c;r==document&&(r=document.documentElement),t.__&&t.__(n,r),o=(a=typeof i==`function`)?null:i&&i.__k||r.__k,s=[],c=[],ie(r,n=(!a&&i||r).__k=y(x,null,[n]),o||m,m,r.namespaceURI,!a&&i?[i]:o?null:r.firstChild?e.call(r.childNodes):null,s,!a&&i?i:o?o.__e:r.firstChild,a,c),oe(s,n,c),n.props.children=null}e=h.slice,t={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!i.__)try{if((a=i.constructor)&&a.getDerivedStateFromError!=null&&(i.setState(a.getDerivedStateFromError(e)),o=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,r||{}),o=i.__d),o)return i.__E=i}catch(t){e=t}throw e}},n=0,S.prototype.setState=function(e,t){var n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=v({},this.state);typeof e==`function`&&(e=e(v({},n),this.props)),e&&v(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),T(this))},S.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),T(this))},S.prototype.render=x,r=[],a=typeof Promise==`function`?Promise.prototype.then.bind(Promise.resolve()):setTimeout,o=function(e,t){return e.__v.__b-t.__v.__b},E.__r=0,s=Math.random().toString(8),c=`__d`+s,l=`__a`+s,u=/(PointerCapture)$|Capture$/i,d=0,f=j(!1),p=j(!0);var pe=function(e,t,n,r){var i;t[0]=0;for(var a=1;a<t.length;a++){var o=t[a++],s=t[a]?(t[0]|=o?1:2,n[t[a++]]):t[++a];o===3?r[0]=s:o===4?r[1]=Object.assign(r[1]||{},s):o===5?(r[1]=r[1]||{})[t[++a]]=s:o===6?r[1][t[++a]]+=s+``:o?(i=e.apply(s,pe(e,s,n,[``,null])),r.push(i),s[0]?t[0]|=2:(t[a-2]=0,t[a]=i)):r.push(s)}return r},me=new Map;function he(e){var t=me.get(this);return t||(t=new Map,me.set(this,t)),(t=pe(this,t.get(e)||(t.set(e,t=function(e){for(var t,n,r=1,i=``,a=``,o=[0],s=function(e){r===1&&(e||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,``)))?o.push(0,e,i):r===3&&(e||i)?(o.push(3,e,i),r=2):r===2&&i===`...`&&e?o.push(4,e,0):r===2&&i&&!e?o.push(5,0,!0,i):r>=5&&((i||!e&&r===5)&&(o.push(r,0,i,n),r=6),e&&(o.push(r,e,0,n),r=6)),i=``},c=0;c<e.length;c++){c&&(r===1&&s(),s(c));for(var l=0;l<e[c].length;l++)t=e[c][l],r===1?t===`<`?(s(),o=[o],r=3):i+=t:r===4?i===`--`&&t===`>`?(r=1,i=``):i=t+i[0]:a?t===a?a=``:i+=t:t===`"`||t===`'`?a=t:t===`>`?(s(),r=1):r&&(t===`=`?(r=5,n=i,i=``):t===`/`&&(r<5||e[c][l+1]===`>`)?(s(),r===3&&(o=o[0]),r=o,(o=o[0]).push(2,0,r),r=0):t===` `||t===`	`||t===`
`||t===`\r`?(s(),r=2):i+=t),r===3&&i===`!--`&&(r=4,o=o[0])}return s(),o}(e)),t),arguments,[])).length>1?t:t[0]}var M=he.bind(y),ge=15e3;function _e(e,t=Math.random){let n=Math.min(ge,500*2**Math.min(e,16));return Math.floor(t()*n)}function ve(e=Math.random){return Math.round(100+e()*400)}var ye=`flowsupport.v1.json`,be=25e3,xe=1e4,Se=1e4,Ce=2e4,we=class extends Error{constructor(e,t,n={}){super(t),this.code=e,Object.assign(this,n)}get retryable(){return this.code===`unavailable`||this.code===`rate_limited`||this.code===`internal`}};function Te(e=globalThis.location,t=`/v1/ws`){return`${e.protocol===`https:`?`wss:`:`ws:`}//${e.host}${t}`}var Ee=class{constructor({url:e,hello:t,onWelcome:n,onFrame:r,onStatus:i,onFatal:a,WebSocketImpl:o=globalThis.WebSocket}){this.url=e,this.hello=t,this.onWelcome=n,this.onFrame=r,this.onStatus=i||(()=>{}),this.onFatal=a||(()=>{}),this.WebSocketImpl=o,this.ws=null,this.welcomed=!1,this.everWelcomed=!1,this.stopped=!0,this.attempt=0,this.nextId=1,this.pending=new Map,this.retryTimer=null,this.pingTimer=null,this.pongTimer=null,this.welcomedAt=0,this.onOnline=()=>{!this.stopped&&!this.ws&&this.connectNow()}}start(){this.stopped&&(this.stopped=!1,globalThis.addEventListener?.(`online`,this.onOnline),this.connectNow())}stop(){this.stopped=!0,globalThis.removeEventListener?.(`online`,this.onOnline),clearTimeout(this.retryTimer),this.drop(1e3,`signed out`),this.onStatus(`stopped`)}get connected(){return this.welcomed}request(e,t={},{timeoutMs:n=Ce}={}){if(!this.welcomed)return Promise.reject(new we(`unavailable`,`Not connected; retrying shortly`));let r=`r${this.nextId++}`;return new Promise((i,a)=>{let o=setTimeout(()=>{this.pending.delete(r),a(new we(`unavailable`,`The server did not answer in time`))},n);this.pending.set(r,{resolve:i,reject:a,timer:o}),this.raw({type:e,id:r,...t})})}notify(e){return this.welcomed?this.raw(e):!1}raw(e){try{return this.ws.send(JSON.stringify(e)),!0}catch{return!1}}connectNow(){clearTimeout(this.retryTimer),this.retryTimer=null,this.onStatus(this.everWelcomed?`reconnecting`:`connecting`);let e;try{e=new this.WebSocketImpl(this.url,[ye])}catch{this.scheduleRetry(1006);return}this.ws=e,e.onopen=()=>this.raw(this.hello()),e.onmessage=e=>this.receive(e.data),e.onclose=t=>{this.ws===e&&this.closed(t.code)},e.onerror=()=>{}}receive(e){let t;try{t=JSON.parse(e)}catch{return}if(t&&typeof t.type==`string`){if(t.type===`welcome`){let e=this.everWelcomed;this.welcomed=!0,this.everWelcomed=!0,this.welcomedAt=Date.now(),this.startHeartbeat(),this.onStatus(`connected`),this.onWelcome(t,{resumed:e})}else if(t.type===`pong`)clearTimeout(this.pongTimer),this.pongTimer=null;else{if((t.type===`ack`||t.type===`error`)&&t.id!=null){let e=this.pending.get(t.id);if(e){if(this.pending.delete(t.id),clearTimeout(e.timer),t.type===`ack`)e.resolve(t);else{let{code:n,message:r,...i}=t;e.reject(new we(n||`internal`,r||`Request failed`,i))}return}}this.onFrame(t)}}}startHeartbeat(){clearInterval(this.pingTimer),this.pingTimer=setInterval(()=>{this.welcomed&&!this.pongTimer&&(this.raw({type:`ping`}),this.pongTimer=setTimeout(()=>this.closed(1006,!0),xe))},be)}drop(e,t){let n=this.ws;if(this.ws=null,this.welcomed=!1,clearInterval(this.pingTimer),clearTimeout(this.pongTimer),this.pingTimer=this.pongTimer=null,n){n.onopen=n.onmessage=n.onclose=n.onerror=null;try{n.close(e,t)}catch{}}for(let[,e]of this.pending)clearTimeout(e.timer),e.reject(new we(`unavailable`,`Connection lost; retrying`));this.pending.clear()}closed(e,t=!1){let n=this.welcomed,r=n&&Date.now()-this.welcomedAt>=Se;this.drop(t?4e3:1e3,`closing`),this.stopped||(e===4001?(this.stopped=!0,this.onStatus(`stopped`),this.onFatal(`unauthorized`)):e===4003?(this.stopped=!0,this.onStatus(`stopped`),this.onFatal(`forbidden_origin`)):((r||n&&e===1012)&&(this.attempt=0),this.scheduleRetry(e)))}scheduleRetry(e){this.onStatus(this.everWelcomed?`reconnecting`:`connecting`);let t=(e===1012||e===1001)&&this.attempt===0?ve():_e(this.attempt);this.attempt+=1,clearTimeout(this.retryTimer),this.retryTimer=setTimeout(()=>this.connectNow(),t)}},De=class extends Error{constructor(e,t,n){super(n),this.status=e,this.code=t}},Oe=null,ke=()=>{};function Ae({accessToken:e,unauthorized:t}){Oe=e,t&&(ke=t)}function je(e,t={}){let n=new URLSearchParams;for(let[e,r]of Object.entries(t))r!==``&&r!=null&&r!==!1&&n.set(e,String(r));let r=n.toString();return r?`${e}?${r}`:e}async function N(e,{method:t=`GET`,body:n,query:r,auth:i=!0}={}){let a={accept:`application/json`};n!==void 0&&(a[`content-type`]=`application/json`),i&&Oe&&(a.authorization=`Bearer ${Oe}`);let o;try{o=await fetch(je(e,r),{method:t,headers:a,body:n===void 0?void 0:JSON.stringify(n),credentials:`same-origin`})}catch{throw new De(0,`unavailable`,`The server cannot be reached. Check your connection.`)}let s=null;if((o.headers.get(`content-type`)||``).includes(`json`))try{s=await o.json()}catch{s=null}if(o.ok)return s;let c=s&&s.error?s.error:{},l=new De(o.status,c.code||(o.status===404?`not_found`:`internal`),c.message||`${t} ${e} failed (${o.status})`);throw o.status===401&&i&&ke(l),l}var Me,P,Ne,Pe,Fe=0,Ie=[],F=t,Le=F.__b,Re=F.__r,ze=F.diffed,Be=F.__c,Ve=F.unmount,He=F.__;function Ue(e,t){F.__h&&F.__h(P,e,Fe||t),Fe=0;var n=P.__H||(P.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function I(e){return Fe=1,We($e,e)}function We(e,t,n){var r=Ue(Me++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):$e(void 0,t),function(e){var t=r.__N?r.__N[0]:r.__[0],n=r.t(t,e);t!==n&&(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=P,!P.__f)){var i=function(e,t,n){if(!r.__c.__H)return!0;var i=!1,o=r.__c.props!==e;if(r.__c.__H.__.some(function(e){if(e.__N){i=!0;var t=e.__[0];e.__=e.__N,e.__N=void 0,t!==e.__[0]&&(o=!0)}}),a){var s=a.call(this,e,t,n);return i?s||o:s}return!i||o};P.__f=!0;var a=P.shouldComponentUpdate,o=P.componentWillUpdate;P.componentWillUpdate=function(e,t,n){if(this.__e){var r=a;a=void 0,i(e,t,n),a=r}o&&o.call(this,e,t,n)},P.shouldComponentUpdate=i}return r.__N||r.__}function L(e,t){var n=Ue(Me++,3);!F.__s&&Qe(n.__H,t)&&(n.__=e,n.u=t,P.__H.__h.push(n))}function Ge(e,t){var n=Ue(Me++,4);!F.__s&&Qe(n.__H,t)&&(n.__=e,n.u=t,P.__h.push(n))}function R(e){return Fe=5,Ke(function(){return{current:e}},[])}function Ke(e,t){var n=Ue(Me++,7);return Qe(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function qe(){for(var e;e=Ie.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Xe),t.__h.some(Ze),t.__h=[]}catch(n){t.__h=[],F.__e(n,e.__v)}}}F.__b=function(e){P=null,Le&&Le(e)},F.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),He&&He(e,t)},F.__r=function(e){Re&&Re(e),Me=0;var t=(P=e.__c).__H;t&&(Ne===P?(t.__h=[],P.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})):(t.__h.some(Xe),t.__h.some(Ze),t.__h=[],Me=0)),Ne=P},F.diffed=function(e){ze&&ze(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(Ie.push(t)!==1&&Pe===F.requestAnimationFrame||((Pe=F.requestAnimationFrame)||Ye)(qe)),t.__H.__.some(function(e){e.u&&=(e.__H=e.u,void 0)})),Ne=P=null},F.__c=function(e,t){t.some(function(e){try{e.__h.some(Xe),e.__h=e.__h.filter(function(e){return!e.__||Ze(e)})}catch(n){t.some(function(e){e.__h&&=[]}),t=[],F.__e(n,e.__v)}}),Be&&Be(e,t)},F.unmount=function(e){Ve&&Ve(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(e){try{Xe(e)}catch(e){t=e}}),n.__H=void 0,t&&F.__e(t,n.__v))};var Je=typeof requestAnimationFrame==`function`;function Ye(e){var t,n=function(){clearTimeout(r),Je&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);Je&&(t=requestAnimationFrame(n))}function Xe(e){var t=P,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),P=t}function Ze(e){var t=P;e.__c=e.__(),P=t}function Qe(e,t){return!e||e.length!==t.length||t.some(function(t,n){return t!==e[n]})}function $e(e,t){return typeof t==`function`?t(e):t}function et(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=e(t);if(r!==t){t=r;for(let e of[...n])try{e(t)}catch(e){setTimeout(()=>{throw e})}}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function z(e,t){let[,n]=We(e=>e+1,0),r=R(t);r.current=t;let i=t(e.get()),a=R(i);return a.current=i,Ge(()=>{let t=e=>{let t;try{t=!Object.is(r.current(e),a.current)}catch{t=!0}t&&n()},i=e.subscribe(t);return t(e.get()),i},[e]),i}var tt=`flowsupport.inbox.session`,nt=[{value:`active`,label:`Active`,statuses:[`open`,`waiting_human`,`pending`]},{value:`open`,label:`Open`,statuses:[`open`]},{value:`waiting_human`,label:`Waiting for human`,statuses:[`waiting_human`]},{value:`pending`,label:`Pending`,statuses:[`pending`]},{value:`resolved`,label:`Resolved`,statuses:[`resolved`]},{value:`closed`,label:`Closed`,statuses:[`closed`]},{value:`all`,label:`All`,statuses:null}];function rt(){return{session:st(),conn:`connecting`,connProblem:null,presence:{count:0,agents:[]},names:{},route:at(globalThis.location?.hash||``),lastConversationId:null,lastTicketId:null,convs:{},list:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null,source:`http`},filters:{status:`active`,assignee:``,channel:``,q:``},cursor:null,seen:{},unread:{},threads:{},streams:{},typing:{},viewers:{},visitorRead:{},drafts:{},composerMode:`reply`,contacts:{},tickets:{},ticketList:{ids:[],loading:!1,loadingMore:!1,error:null,nextCursor:null},ticketFilters:{status:``,priority:``,assignee:``,q:``},ticketDetail:{},toasts:[],help:!1}}var B=et(rt());function V(e,t,n,r){let i=e[t],a=i[n],o=typeof r==`function`?r(a):{...a,...r};return o===a?e:{...e,[t]:{...i,[n]:o}}}function it(e,t,n){if(!(n in e[t]))return e;let{[n]:r,...i}=e[t];return{...e,[t]:i}}function at(e){let t=e.replace(/^#\/?/,``).split(`/`).filter(Boolean).map(decodeURIComponent);return t[0]===`tickets`?{view:`tickets`,conversationId:null,ticketId:t[1]||null}:{view:`conversations`,conversationId:t[1]||null,ticketId:null}}function ot(e){return e.view===`tickets`?e.ticketId?`#/tickets/${encodeURIComponent(e.ticketId)}`:`#/tickets`:e.conversationId?`#/conversations/${encodeURIComponent(e.conversationId)}`:`#/conversations`}function st(){try{let e=JSON.parse(sessionStorage.getItem(tt)||`null`);if(e&&e.token&&e.user&&e.expiresAt>Date.now())return e}catch{}return null}function ct(e){try{e?sessionStorage.setItem(tt,JSON.stringify(e)):sessionStorage.removeItem(tt)}catch{}}var lt=2e3;function ut(e){return mt(`flowsupport.inbox.seen.${e}`)||{}}function dt(e,t){let n=Object.entries(t);n.length>lt&&(n=n.slice(n.length-lt)),ht(`flowsupport.inbox.seen.${e}`,Object.fromEntries(n))}function ft(e){return mt(`flowsupport.inbox.names.${e}`)||{}}function pt(e,t){ht(`flowsupport.inbox.names.${e}`,t)}function mt(e){try{return JSON.parse(localStorage.getItem(e)||`null`)}catch{return null}}function ht(e,t){try{localStorage.setItem(e,JSON.stringify(t))}catch{}}var gt=0;function _t(e,t=`error`){let n=++gt;B.set(r=>({...r,toasts:[...r.toasts.filter(t=>t.text!==e),{id:n,text:e,kind:t}].slice(-4)})),setTimeout(()=>vt(n),t===`error`?7e3:4e3)}function vt(e){B.set(t=>t.toasts.some(t=>t.id===e)?{...t,toasts:t.toasts.filter(t=>t.id!==e)}:t)}function H(e,t){if(!e)return;let n=e.message||`Something went wrong`;_t(t?`${t}: ${n}`:n,`error`)}var yt=6e4,bt=60*yt,xt=24*bt;function U(e){let t=typeof e==`number`?e:Date.parse(e||``);return Number.isFinite(t)?t:0}function St(e,t=Date.now()){let n=U(e);if(!n)return``;let r=t-n;if(r<yt)return`now`;if(r<bt)return`${Math.floor(r/yt)}m`;let i=new Date(n),a=new Date(t);if(r<xt&&i.getDate()===a.getDate())return`${Math.floor(r/bt)}h`;let o=Math.round((Dt(t)-Dt(n))/xt);if(o<=1)return`Yesterday`;if(o<7)return i.toLocaleDateString(void 0,{weekday:`short`});let s=i.getFullYear()===a.getFullYear();return i.toLocaleDateString(void 0,s?{month:`short`,day:`numeric`}:{month:`short`,day:`numeric`,year:`numeric`})}function Ct(e){let t=U(e);return t?new Date(t).toLocaleTimeString(void 0,{hour:`2-digit`,minute:`2-digit`}):``}function wt(e,t=Date.now()){let n=U(e),r=Math.round((Dt(t)-Dt(n))/xt);return r===0?`Today`:r===1?`Yesterday`:new Date(n).toLocaleDateString(void 0,{weekday:`long`,month:`long`,day:`numeric`,year:`numeric`})}function W(e){let t=U(e);return t?new Date(t).toLocaleString(void 0,{dateStyle:`medium`,timeStyle:`short`}):``}function Tt(e,t=Date.now()){let n=U(e);if(!n)return``;let r=n-t,i=Et(Math.abs(r));return r>=0?`due in ${i}`:`overdue by ${i}`}function Et(e){let t=Math.max(1,Math.round(e/yt));if(t<60)return`${t}m`;if(t<1440){let e=Math.floor(t/60),n=t%60;return n?`${e}h ${n}m`:`${e}h`}let n=Math.round(t/60),r=Math.floor(n/24),i=n%24;return i?`${r}d ${i}h`:`${r}d`}function Dt(e){let t=new Date(e);return t.setHours(0,0,0,0),t.getTime()}var Ot=50,kt=0;function At(e){return(nt.find(t=>t.value===e)||nt[0]).statuses}function jt(e,t){let n=At(e.status);return{status:n?n.join(`,`):``,assignee:e.assignee,channel:e.channel,q:e.q.trim(),limit:Ot,cursor:t}}function Mt(e,t,n){let r=At(t.status);if(r&&!r.includes(e.status)||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.channel&&e.channel!==t.channel)return!1;let i=t.q.trim().toLowerCase();return!(i&&![e.subject,e.contact?.name,e.contact?.email,e.preview?.body].filter(Boolean).join(` `).toLowerCase().includes(i))}function Nt(e){return Math.max(U(e.updated_at),U(e.preview?.created_at),e.activity||0)}function Pt(e){let t=e.session?.user.id,n=e.route.conversationId;return e.list.ids.map(t=>e.convs[t]).filter(r=>r&&(r.id===n||Mt(r,e.filters,t))).sort((e,t)=>Nt(t)-Nt(e)||(e.id<t.id?1:-1)).map(e=>e.id)}function Ft(e,t){if(!t.length)return e;let n={...e.convs};for(let e of t){let t=n[e.id]||{};n[e.id]={...t,...e,contact:e.contact||t.contact,preview:e.preview===void 0?t.preview:e.preview}}return{...e,convs:n}}async function It(){let e=++kt,{filters:t}=B.get();B.set(e=>({...e,list:{...e.list,loading:!0,error:null}}));try{let n=await N(`/v1/conversations`,{query:jt(t)});if(e!==kt)return;B.set(e=>{let t=Ft(e,n.conversations),r=n.conversations.map(e=>e.id);return{...t,list:{...e.list,ids:r,loading:!1,nextCursor:n.next_cursor,source:`http`}}}),qt(n.conversations.map(e=>e.id))}catch(t){if(e!==kt)return;if(t.status===404||t.status===405){B.set(e=>({...e,list:{...e.list,loading:!1,source:`ws`,ids:Object.keys(e.convs)}}));return}B.set(e=>({...e,list:{...e.list,loading:!1,error:t.message}}))}}async function Lt(){let{filters:e,list:t}=B.get();if(!t.nextCursor||t.loadingMore)return;let n=kt;B.set(e=>({...e,list:{...e.list,loadingMore:!0}}));try{let r=await N(`/v1/conversations`,{query:jt(e,t.nextCursor)});if(n!==kt)return;B.set(e=>{let t=Ft(e,r.conversations),n=[...new Set([...e.list.ids,...r.conversations.map(e=>e.id)])];return{...t,list:{...e.list,ids:n,loadingMore:!1,nextCursor:r.next_cursor}}}),qt(r.conversations.map(e=>e.id))}catch(e){B.set(e=>({...e,list:{...e.list,loadingMore:!1}})),H(e,`Loading more conversations`)}}var Rt=null;function zt(e){B.set(t=>({...t,filters:{...t.filters,...e}})),clearTimeout(Rt),`q`in e?Rt=setTimeout(It,250):It()}function Bt(e){B.set(t=>{let n=Ft(t,e);if(t.list.source!==`ws`)return n;let r=[...new Set([...t.list.ids,...e.map(e=>e.id)])];return{...n,list:{...n.list,ids:r}}}),qt(e.map(e=>e.id))}function Vt(e,t){if(e.list.ids.includes(t))return e;let n=e.convs[t];return!n||!Mt(n,e.filters,e.session?.user.id)?e:{...e,list:{...e.list,ids:[t,...e.list.ids]}}}var Ht=null;function Ut(){clearTimeout(Ht),Ht=setTimeout(async()=>{let{filters:e,list:t}=B.get();if(t.source===`ws`)X(`inbox.subscribe`,{}).then(e=>Bt(e.conversations||[])).catch(()=>{});else try{let t=await N(`/v1/conversations`,{query:{...jt({...e,status:`all`,assignee:``,channel:``,q:``}),limit:20}});B.set(e=>t.conversations.reduce((e,t)=>Vt(e,t.id),Ft(e,t.conversations)))}catch{}},300)}var G={},Wt=[],Gt=0;function Kt(){G={},Wt=[]}function qt(e){let t=B.get(),n=t.session?.user.id;for(let n of e){let e=t.convs[n],r=t.seen[n]||0;!e||e.last_seq<=Math.max(r,G[n]||0)||n===t.route.conversationId||Wt.includes(n)||Wt.push(n)}for(;Gt<4&&Wt.length;){let e=Wt.shift();Gt+=1;let t=B.get().seen[e]||0;N(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:t,limit:200}}).then(r=>{let i=e=>e.sender?.kind===`agent`&&e.sender?.id===n,a=r.messages.filter(e=>!i(e)),o=r.messages.reduce((e,t)=>Math.max(e,t.seq),t);G[e]=Math.max(G[e]||0,o),B.set(t=>t.route.conversationId===e?t:V(t,`unread`,e,()=>a.length))}).catch(()=>{}).finally(()=>{--Gt,qt([])})}}function Jt(e,t,{reading:n}){let r=t.conversation_id,i=e.session?.user.id;return t.sender?.kind===`agent`&&t.sender?.id===i||n||t.seq<=(e.seen[r]||0)||t.seq<=(G[r]||0)?e:(G[r]=t.seq,V(e,`unread`,r,e=>(e||0)+1))}function Yt(e,t){B.set(n=>{if((n.seen[e]||0)>=t&&!n.unread[e])return n;G[e]=Math.max(G[e]||0,t);let r={...n,seen:{...n.seen,[e]:Math.max(n.seen[e]||0,t)},unread:{...n.unread,[e]:0}};return dt(n.session.user.id,r.seen),r})}async function Xt(e,{force:t=!1}={}){if(!e)return;let n=B.get().contacts[e];if(!n||t||n.state===`error`){n||B.set(t=>V(t,`contacts`,e,{state:`loading`}));try{let t=await N(`/v1/contacts/${encodeURIComponent(e)}`);B.set(n=>{let r=V(n,`contacts`,e,{state:`ok`,profile:t}),i={...r.tickets};for(let e of t.tickets||[])i[e.id]={...i[e.id],...e};r={...r,tickets:i};let a={id:t.contact.id,name:t.contact.name,email:t.contact.email},o={...r.convs};for(let t of Object.values(o))t.contact_id===e&&(o[t.id]={...t,contact:a});return{...r,convs:o}})}catch(t){let n=t.status===404||t.status===405?`missing`:`error`;B.set(r=>V(r,`contacts`,e,{state:n,error:t.message}))}}}function Zt(){return{messages:[],lastSeq:0,ahead:[],ready:!1,truncated:!1,pending:[]}}function Qt(e,t){if(typeof t!=`number`||t<=e.lastSeq||e.ahead.includes(t))return e;if(t!==e.lastSeq+1)return{...e,ahead:[...e.ahead,t].sort((e,t)=>e-t)};let n=t,r=[...e.ahead];for(;r.length&&r[0]<=n+1;)n=Math.max(n,r.shift());return{...e,lastSeq:n,ahead:r}}function $t(e){return e.ahead.length>0}function en(e,t){let n=e.messages,r=n.findIndex(e=>e.id===t.id||e.seq===t.seq),i;r>=0?(i=n.slice(),i[r]=t):i=!n.length||n[n.length-1].seq<t.seq?[...n,t]:[...n,t].sort((e,t)=>e.seq-t.seq);let a=t.client_msg_id?e.pending.filter(e=>e.client_msg_id!==t.client_msg_id):e.pending;return{...e,messages:i,pending:a}}function tn(e,t){return t.reduce(en,e)}function nn(e,t){return{...e,pending:[...e.pending,t]}}var rn=3e5;function an(e,t){let n=[],r=null,i=null;for(let a of e){let e=t(a.created_at);e!==r&&(n.push({kind:`day`,key:`day-${a.seq}`,label:e}),r=e,i=null);let o=a.sender||{},s=Date.parse(a.created_at)||0;o.kind===`system`?(n.push({kind:`system`,key:`m-${a.id}`,message:a}),i=null):i&&i.sender.kind===o.kind&&(i.sender.id||null)===(o.id||null)&&i.private===!!a.private&&o.kind!==`ai`&&s-i.lastAt<=rn?(i.messages.push(a),i.lastAt=s):(i={kind:`group`,key:`g-${a.id}`,sender:o,private:!!a.private,messages:[a],lastAt:s},n.push(i))}return n}function on(e){if(typeof e!=`string`)return null;try{let t=new URL(e,`https://invalid.example`);return!/^https?:$/.test(t.protocol)||!/^https?:\/\//i.test(e.trim())?null:t.href}catch{return null}}var sn=0;function cn(e,t){return{...e,q:e.q.trim(),limit:50,cursor:t}}function ln(e,t,n){return!(t.status&&e.status!==t.status||t.priority&&e.priority!==t.priority||t.assignee===`me`&&e.assignee_id!==n||t.assignee===`none`&&e.assignee_id||t.q.trim()&&!e.subject.toLowerCase().includes(t.q.trim().toLowerCase()))}function un(e){let t=e.session?.user.id,n=e.route.ticketId;return e.ticketList.ids.map(t=>e.tickets[t]).filter(r=>r&&(r.id===n||ln(r,e.ticketFilters,t))).sort((e,t)=>Date.parse(t.updated_at)-Date.parse(e.updated_at)||t.number-e.number).map(e=>e.id)}function dn(e,t){let n={...e.tickets};for(let e of t)n[e.id]={...n[e.id],...e};return{...e,tickets:n}}async function fn(){let e=++sn,t=B.get().ticketFilters;B.set(e=>({...e,ticketList:{...e.ticketList,loading:!0,error:null}}));try{let n=await N(`/v1/tickets`,{query:cn(t)});if(e!==sn)return;B.set(e=>({...dn(e,n.tickets),ticketList:{...e.ticketList,ids:n.tickets.map(e=>e.id),loading:!1,nextCursor:n.next_cursor,loaded:!0}}))}catch(t){if(e!==sn)return;B.set(e=>({...e,ticketList:{...e.ticketList,loading:!1,error:t.message}}))}}async function pn(){let{ticketFilters:e,ticketList:t}=B.get();if(t.nextCursor&&!t.loadingMore){B.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!0}}));try{let n=await N(`/v1/tickets`,{query:cn(e,t.nextCursor)});B.set(e=>({...dn(e,n.tickets),ticketList:{...e.ticketList,ids:[...new Set([...e.ticketList.ids,...n.tickets.map(e=>e.id)])],loadingMore:!1,nextCursor:n.next_cursor}}))}catch(e){B.set(e=>({...e,ticketList:{...e.ticketList,loadingMore:!1}})),H(e,`Loading more tickets`)}}}var mn=null;function hn(e){B.set(t=>({...t,ticketFilters:{...t.ticketFilters,...e}})),clearTimeout(mn),`q`in e?mn=setTimeout(fn,250):fn()}function gn(){let e=B.get();e.ticketList.loaded&&fn(),e.route.ticketId&&_n(e.route.ticketId)}async function _n(e,{quiet:t=!1}={}){B.get().ticketDetail[e]||B.set(t=>V(t,`ticketDetail`,e,{state:`loading`,comments:[]}));try{let{comments:t,...n}=await N(`/v1/tickets/${encodeURIComponent(e)}`);B.set(r=>{let i=dn(r,[n]);i=V(i,`ticketDetail`,e,{state:`ok`,comments:t||[]});let a={...i.names};for(let e of t||[])e.author?.kind===`agent`&&e.author.id&&e.author.name&&(a[e.author.id]=e.author.name);return{...i,names:a}})}catch(n){B.set(t=>V(t,`ticketDetail`,e,{state:n.status===404?`missing`:`error`,error:n.message})),!t&&n.status!==404&&H(n,`Loading the ticket`)}}function vn(e){let t=e.ticket;if(!t)return;B.set(e=>{let n=dn(e,[t]);return!n.ticketList.ids.includes(t.id)&&n.ticketList.loaded&&ln(t,n.ticketFilters,n.session?.user.id)&&(n={...n,ticketList:{...n.ticketList,ids:[t.id,...n.ticketList.ids]}}),n});let n=e.changes||[];e.type===`ticket.sla_breached`&&_t(`Ticket #${t.number} missed its ${String(n[0]||`SLA`).replace(`_`,` `)} target`,`warning`),B.get().ticketDetail[t.id]&&(n.includes(`comments`)||e.type===`ticket.created`)&&_n(t.id,{quiet:!0})}async function yn(e,t){let n=B.get().tickets[e];B.set(n=>V(n,`tickets`,e,t));try{let n=await N(`/v1/tickets/${encodeURIComponent(e)}`,{method:`PATCH`,body:t});B.set(t=>V(t,`tickets`,e,n))}catch(r){n&&B.set(r=>V(r,`tickets`,e,Object.fromEntries(Object.keys(t).map(e=>[e,n[e]])))),H(r,`Ticket not changed`)}}async function bn(e,t,n){try{let r=await N(`/v1/tickets/${encodeURIComponent(e)}/comments`,{method:`POST`,body:{body:t,public:n}});return B.set(t=>V(t,`ticketDetail`,e,e=>{let t=(e?.comments||[]).filter(e=>e.id!==r.id);return{...e||{state:`ok`},comments:[...t,r]}})),!0}catch(e){return H(e,`Comment not added`),!1}}function xn(){let e=globalThis.crypto;if(e&&typeof e.randomUUID==`function`)return e.randomUUID();let t=e.getRandomValues(new Uint8Array(16));t[6]=t[6]&15|64,t[8]=t[8]&63|128;let n=[...t].map(e=>e.toString(16).padStart(2,`0`)).join(``);return`${n.slice(0,8)}-${n.slice(8,12)}-${n.slice(12,16)}-${n.slice(16,20)}-${n.slice(20)}`}function Sn(e){return String(e||``).replace(/-/g,``).slice(-6)}function K(e){let t=ot(e);location.hash===t?Cn(at(t)):location.hash=t}function Cn(e){let t=B.get().route;t.conversationId&&t.conversationId!==e.conversationId&&(or(t.conversationId),qt([t.conversationId])),B.set(t=>({...t,route:e,cursor:e.conversationId||e.ticketId||t.cursor,lastConversationId:e.view===`conversations`?e.conversationId:t.lastConversationId,lastTicketId:e.view===`tickets`?e.ticketId:t.lastTicketId})),e.conversationId&&e.conversationId!==t.conversationId&&Tn(e.conversationId),e.ticketId&&_n(e.ticketId)}function wn(e){let t=B.get();K(e===`tickets`?{view:e,ticketId:t.lastTicketId}:{view:e,conversationId:t.lastConversationId})}function Tn(e){ar(e)}function En(e,t){B.set(n=>V(n,`drafts`,e,()=>t))}function Dn(e){B.set(t=>t.composerMode===e?t:{...t,composerMode:e})}function On(e){let t=B.get(),n=(t.drafts[e]||``).trim();if(!n)return!1;if(n.length>8e3)return _t(`Messages are limited to 8,000 characters.`),!1;let r=t.composerMode===`note`,i={client_msg_id:xn(),body:n,private:r,state:`sending`,created_at:new Date().toISOString()};return gr(e),B.set(t=>V(V(t,`threads`,e,e=>nn(e,i)),`drafts`,e,()=>``)),vr(e,i),!0}async function q(e,t){let n=B.get().convs[e];if(n){B.set(n=>V(n,`convs`,e,t));try{let n=await X(`conversation.update`,{conversation_id:e,...t});B.set(t=>V(t,`convs`,e,n.conversation))}catch(r){let i=Object.fromEntries(Object.keys(t).map(e=>[e,n[e]]));B.set(t=>V(t,`convs`,e,i)),H(r,`Not changed`)}}}function kn(e){let t=B.get().session?.user.id;e&&t&&q(e,{assignee_id:t})}function An(e){e&&q(e,{status:`resolved`})}function jn(e,t){let n=B.get().convs[e],r=t.split(`,`).map(e=>e.trim()).filter(Boolean);if(r.find(e=>e.length>50)){_t(`Tags are at most 50 characters.`);return}let i=[...new Set([...n.tags||[],...r])];i.length!==(n.tags||[]).length&&q(e,{tags:i})}function Mn(e,t){let n=B.get().convs[e];q(e,{tags:(n.tags||[]).filter(e=>e!==t)})}async function Nn(e){if(e&&B.get().streams[e])try{await X(`ai.stop`,{conversation_id:e}),B.set(t=>{let{[e]:n,...r}=t.streams;return{...t,streams:r}}),yr(`reply`)}catch(e){H(e,`Could not stop the AI`)}}async function Pn(e){let t=B.get().threads[e];if(!t||t.loadingOlder||!t.truncated)return;let n=t.truncatedAt||0,r=t.messages.reduce((e,t)=>t.seq<=n?Math.max(e,t.seq):e,0);B.set(t=>V(t,`threads`,e,{loadingOlder:!0}));try{let t=[];for(;r<n;){let i=await N(`/v1/conversations/${encodeURIComponent(e)}/messages`,{query:{after_seq:r,limit:1e3}});if(t.push(...i.messages.filter(e=>e.seq<=n)),i.next_after_seq==null||!i.messages.length)break;r=i.next_after_seq}B.set(n=>V(n,`threads`,e,e=>({...tn(e,t),truncated:!1,loadingOlder:!1})))}catch(t){B.set(t=>V(t,`threads`,e,{loadingOlder:!1})),H(t,`Loading earlier messages`)}}function Fn(e,t){if(!t||!t.id||!t.name||t.kind!==`agent`&&t.kind!==`bot`||e.names[t.id]===t.name)return e;let n={...e.names,[t.id]:t.name};return pt(e.session.user.tenant_id,n),{...e,names:n}}function In(e){let t=e.message,n=e.conversation_id,r=!!B.get().convs[n];B.set(r=>{let i=Fn(r,t.sender);if(i.convs[n]&&(i=V(i,`convs`,n,n=>({...n,last_seq:Math.max(n.last_seq||0,e.seq),preview:t.private?n.preview:{body:t.body,sender_kind:t.sender?.kind,created_at:t.created_at},activity:Math.max(n.activity||0,Date.parse(t.created_at)||Date.now())})),i=Vt(i,n)),sr(n)&&i.threads[n]){i=V(i,`threads`,n,e=>en(e,t)),i=cr(i,n,e.seq);let r=qn(t.sender);i.typing[n]?.[r]&&(i=V(i,`typing`,n,e=>Jn(e,r)))}return Jt(i,t,{reading:dr(n)})}),r||Ut(),dr(n)&&fr(n)}function Ln(e){let t=e.conversation_id,n=B.get().convs[t];B.set(r=>{let i=Ft(r,[{...e.conversation,activity:Math.max(n?.activity||0,Nt(e.conversation))}]);return i=Vt(i,t),cr(i,t,e.seq)}),n&&n.contact||Ut(),dr(t)&&fr(t)}function Rn(e){let t=e.conversation_id;B.set(n=>{let r=cr(n,t,e.seq);return r.convs[t]&&e.ticket&&(r=V(r,`convs`,t,{ticket_id:e.ticket.id})),r}),vn(e),dr(t)&&fr(t)}function zn(e){B.set(t=>V(t,`streams`,e.conversation_id,()=>({stream_id:e.stream_id,parts:[],text:``})))}function Bn(e){B.set(t=>V(t,`streams`,e.conversation_id,t=>{let n=t&&t.stream_id===e.stream_id?t:{stream_id:e.stream_id,parts:[],text:``},r=n.parts.slice();return r[e.index]=e.text,{...n,parts:r,text:r.join(``)}}))}function Vn(e){let t=e.conversation_id;B.set(n=>{let r=it(n,`streams`,t);return e.message&&sr(t)&&r.threads[t]&&(r=V(r,`threads`,t,t=>en(t,e.message))),r}),e.error&&e.error.message&&B.get().route.conversationId===t&&H(e.error,`AI answer`),e.reason===`stopped`&&B.get().route.conversationId===t&&yr(`reply`)}function Hn(e){let t=e.participant||{};if(t.kind===`agent`&&t.id===B.get().session?.user.id)return;let n=e.conversation_id,r=qn(t);B.set(i=>{let a=Fn(i,t);return t.kind===`agent`&&(a=V(a,`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}}))),V(a,`typing`,n,n=>e.state?{...n,[r]:{name:t.name,kind:t.kind,until:Date.now()+8e3}}:n&&n[r]?Jn(n,r):n||{})})}function Un(e){let t=e.participant||{},n=e.conversation_id;B.set(r=>t.kind===`visitor`?V(r,`visitorRead`,n,t=>Math.max(t||0,e.seq)):t.kind!==`agent`||t.id===r.session?.user.id?r:V(Fn(r,t),`viewers`,n,e=>({...e,[t.id]:{name:t.name,at:Date.now()}})))}function Wn(e){B.set(t=>{let n={...t,presence:{count:e.agents_online||0,agents:e.agents||t.presence.agents}};for(let t of e.agents||[])n=Fn(n,{...t,kind:`agent`});return n})}function Gn(e){H(e)}var Kn={"message.created":In,"conversation.updated":Ln,"ticket.created":Rn,"ticket.updated":vn,"ticket.sla_breached":vn,"ai.started":zn,"ai.delta":Bn,"ai.done":Vn,typing:Hn,read:Un,presence:Wn,error:Gn};function qn(e){return`${e?.kind||`?`}:${e?.id||``}`}function Jn(e,t){let{[t]:n,...r}=e;return r}function Yn(){let e=Date.now();B.set(t=>{let n=!1,r={};for(let[i,a]of Object.entries(t.typing)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>t.until>e));Object.keys(t).length!==Object.keys(a).length&&(n=!0),r[i]=t}let i={};for(let[r,a]of Object.entries(t.viewers)){let t=Object.fromEntries(Object.entries(a).filter(([,t])=>e-t.at<9e4));Object.keys(t).length!==Object.keys(a).length&&(n=!0),i[r]=t}return n?{...t,typing:r,viewers:i}:t})}var Xn=1e3,J=null,Y=new Set,Zn=new Set,Qn=!1;function $n(){return Qn}function er(){}function tr(e){nr();let{session:t}=B.get();J=new Ee({url:Te(),hello:()=>({type:`hello`,token:B.get().session?.token,client:`flowsupport-inbox/0.1`}),onWelcome:ir,onFrame:e=>{Qn=!0;try{(Kn[e.type]||er)(e)}finally{Qn=!1}},onStatus:e=>B.set(t=>t.conn===e?t:{...t,conn:e}),onFatal:t=>{t===`unauthorized`?e():B.set(e=>({...e,connProblem:`This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).`}))}}),t&&J.start()}function nr(){J&&J.stop(),J=null,Y.clear(),Zn.clear();for(let e of Object.keys(mr))clearTimeout(mr[e].idleTimer),delete mr[e];for(let e of Object.keys(ur))delete ur[e]}function X(e,t,n){return J?J.request(e,t,n):Promise.reject(Error(`Not connected`))}function rr(e){return J?J.notify(e):!1}function ir(e,{resumed:t}){X(`inbox.subscribe`,{}).then(e=>Bt(e.conversations||[])).catch(e=>H(e,`Inbox`));let n=B.get().route.conversationId;Y.clear(),n&&ar(n),t&&(It(),gn()),_r()}function ar(e){if(B.set(t=>t.threads[e]?t:V(t,`threads`,e,()=>Zt())),!J||!J.connected)return;let t=B.get().threads[e];Y.add(e),Zn.add(e);let n=t.messages.length>0;X(`subscribe`,{conversation_id:e,after_seq:t.lastSeq}).then(t=>{B.set(n=>{let r=Ft(n,[t.conversation]);return r=V(r,`threads`,e,e=>{if(e||=Zt(),!t.truncated)return{...e,ready:!0,error:null};let n=t.last_seq-Xn;return{...e,ready:!0,error:null,truncated:!0,truncatedAt:Math.max(e.truncatedAt||0,n),lastSeq:Math.max(e.lastSeq,n),ahead:e.ahead.filter(e=>e>n)}}),r}),t.truncated&&n&&Pn(e),fr(e)}).catch(t=>{Y.delete(e),B.set(n=>V(n,`threads`,e,e=>({...e||Zt(),ready:!0,error:t.message}))),H(t,`Opening the conversation`)}).finally(()=>Zn.delete(e))}function or(e){Y.has(e)&&(Y.delete(e),gr(e),X(`unsubscribe`,{conversation_id:e}).catch(()=>{}))}function sr(e){return Y.has(e)}function cr(e,t,n){if(!Y.has(t)||!e.threads[t])return e;let r=V(e,`threads`,t,e=>Qt(e,n));return $t(r.threads[t])&&!Zn.has(t)&&queueMicrotask(()=>ar(t)),r}var lr=null,ur={};function dr(e){return B.get().route.conversationId===e&&document.visibilityState===`visible`}function fr(e){clearTimeout(lr),lr=setTimeout(()=>pr(e),250)}function pr(e,{heartbeat:t=!1}={}){if(!dr(e))return;let n=B.get().threads[e];if(!n||!n.ready)return;let r=n.lastSeq;Yt(e,r),(t||ur[e]!==r)&&rr({type:`read`,conversation_id:e,seq:r})&&(ur[e]=r)}var mr={};function hr(e){let t=mr[e]||={sentAt:0,idleTimer:null},n=Date.now();n-t.sentAt>=3e3&&rr({type:`typing`,conversation_id:e,state:!0})&&(t.sentAt=n),clearTimeout(t.idleTimer),t.idleTimer=setTimeout(()=>gr(e),5e3)}function gr(e){let t=mr[e];t&&(clearTimeout(t.idleTimer),delete mr[e],t.sentAt&&rr({type:`typing`,conversation_id:e,state:!1}))}function _r(){let{threads:e}=B.get();for(let[t,n]of Object.entries(e))for(let e of n.pending)e.state!==`failed`&&vr(t,e)}function vr(e,t){B.set(n=>V(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`sending`}:e)}))),X(`message.send`,{conversation_id:e,client_msg_id:t.client_msg_id,body:t.body,private:t.private}).then(t=>{B.set(n=>V(n,`threads`,e,e=>en(e,t.message))),fr(e)}).catch(n=>{n.retryable?(B.set(n=>V(n,`threads`,e,e=>({...e,pending:e.pending.map(e=>e.client_msg_id===t.client_msg_id?{...e,state:`queued`}:e)}))),n.code!==`unavailable`&&setTimeout(()=>vr(e,t),n.retry_after_ms||2e3)):(B.set(n=>{let r=V(n,`threads`,e,e=>({...e,pending:e.pending.filter(e=>e.client_msg_id!==t.client_msg_id)})),i=r.drafts[e]||``;return r=V(r,`drafts`,e,()=>i?`${t.body}\n${i}`:t.body),{...r,composerMode:t.private?`note`:`reply`}}),H(n,`Message not sent`))})}function yr(e){e&&B.set(t=>t.composerMode===e?t:{...t,composerMode:e});let t=()=>document.querySelector(`[data-testid="composer"]`)?.focus();t(),requestAnimationFrame(t)}var br=[];async function xr(e,t){let n=await N(`/v1/auth/login`,{method:`POST`,body:{email:e,password:t},auth:!1}),r={token:n.access_token,user:n.user,expiresAt:Date.now()+(n.expires_in||3600)*1e3};ct(r),B.set(e=>({...rt(),session:r,route:e.route})),wr()}function Sr(e){nr(),Kt();for(let e of br)clearInterval(e);br=[],ct(null),B.set(e=>({...rt(),session:null,route:e.route})),e&&_t(e,`info`)}function Cr(){Sr(`Your session has ended. Please sign in again.`)}function wr(){let{session:e}=B.get();if(!e)return;Ae({accessToken:e.token,unauthorized:Cr});let t=e.user;B.set(e=>({...e,seen:ut(t.id),names:{...ft(t.tenant_id),[t.id]:t.name}})),tr(Cr),It();let n=B.get().route;B.set(e=>({...e,route:{view:n.view,conversationId:null,ticketId:null}})),Cn(n),br.push(setInterval(Yn,2e3)),br.push(setInterval(()=>{let e=B.get().route.conversationId;e&&pr(e,{heartbeat:!0})},3e4))}function Tr(){Ae({accessToken:null,unauthorized:Cr}),addEventListener(`hashchange`,()=>{B.get().session?Cn(at(location.hash)):B.set(e=>({...e,route:at(location.hash)}))}),document.addEventListener(`visibilitychange`,()=>{let e=B.get().route.conversationId;e&&document.visibilityState===`visible`&&pr(e)}),B.get().session&&wr()}var Er=[[`j`,`Next conversation or ticket`],[`k`,`Previous conversation or ticket`],[`Enter`,`Open the highlighted one`],[`r`,`Reply`],[`n`,`Internal note`],[`a`,`Assign to me`],[`e`,`Resolve`],[`s`,`Stop AI and take over`],[`/`,`Search`],[`g then c`,`Go to conversations`],[`g then t`,`Go to tickets`],[`?`,`Show these shortcuts`],[`Esc`,`Close, or leave the field`]];function Dr(e){if(!e||!e.tagName)return!1;let t=e.tagName;return t===`INPUT`||t===`TEXTAREA`||t===`SELECT`||e.isContentEditable}function Or(e){let t=B.get(),n=t.route.view===`tickets`?un(t):Pt(t);if(!n.length)return;let r=t.cursor&&n.includes(t.cursor)?t.cursor:t.route.view===`tickets`?t.route.ticketId:t.route.conversationId,i=n.indexOf(r);i=i<0?e>0?0:n.length-1:Math.min(n.length-1,Math.max(0,i+e)),B.set(e=>({...e,cursor:n[i]}))}function kr(){let e=B.get();e.cursor&&(e.route.view===`tickets`?K({view:`tickets`,ticketId:e.cursor}):K({view:`conversations`,conversationId:e.cursor}))}var Ar=0;function jr(e){let t=B.get();if(!t.session)return;if(e.key===`Escape`){t.help?B.set(e=>({...e,help:!1})):document.activeElement&&document.activeElement!==document.body&&document.activeElement.blur();return}if(Dr(e.target)||e.ctrlKey||e.metaKey||e.altKey||e.isComposing||t.help&&e.key!==`?`)return;let n=t.route.view===`conversations`?t.route.conversationId:null;if(Ar&&Date.now()-Ar<1500){if(Ar=0,e.key===`t`){e.preventDefault(),wn(`tickets`);return}if(e.key===`c`){e.preventDefault(),wn(`conversations`);return}}let r={j:()=>Or(1),k:()=>Or(-1),Enter:()=>{let t=e.target?.tagName;if(t!==`BUTTON`&&t!==`A`)kr();else return!1},r:()=>n&&yr(`reply`),n:()=>n&&yr(`note`),a:()=>n&&kn(n),e:()=>n&&An(n),s:()=>n&&Nn(n),"/":()=>{let e=t.route.view===`tickets`?`ticket-search`:`conv-search`;document.querySelector(`[data-testid="${e}"]`)?.focus()},"?":()=>B.set(e=>({...e,help:!e.help})),g:()=>{Ar=Date.now()}}[e.key];r&&r()!==!1&&e.preventDefault()}var Mr={inbox:`M22 12h-6l-2 3h-4l-2-3H2 M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z`,ticket:`M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z M14 5v2 M14 11v2 M14 17v2`,web:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M2 12h20 M12 2a15 15 0 0 1 4 10 15 15 0 0 1-4 10 15 15 0 0 1-4-10 15 15 0 0 1 4-10z`,email:`M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M22 6l-10 7L2 6`,sms:`M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z`,whatsapp:`M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.18 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.1 9.9a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.9.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z`,api:`M16 18l6-6-6-6 M8 6l-6 6 6 6`,search:`M11 3a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M21 21l-4.35-4.35`,x:`M18 6 6 18 M6 6l12 12`,sparkle:`M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z M19 15l.9 2.1L22 18l-2.1.9L19 21l-.9-2.1L16 18l2.1-.9z`,bot:`M12 8V4 M8 4h8 M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z M9 13v2 M15 13v2`,lock:`M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M7 11V7a5 5 0 0 1 10 0v4`,send:`M22 2 11 13 M22 2l-7 20-4-9-9-4z`,help:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01`,logout:`M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9`,external:`M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6 M15 3h6v6 M10 14 21 3`,clock:`M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 6v6l4 2`,alert:`M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01`,user:`M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z`,users:`M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2 M9 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M23 21v-2a4 4 0 0 0-3-3.87 M16 3.13a4 4 0 0 1 0 7.75`,arrowDown:`M12 5v14 M19 12l-7 7-7-7`,check:`M20 6 9 17l-5-5`,eye:`M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z`,tag:`M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01`,panel:`M3 3h18v18H3z M15 3v18`,stop:`M6 6h12v12H6z`,book:`M4 19.5A2.5 2.5 0 0 1 6.5 17H20 M6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5v-15A2.5 2.5 0 0 1 6.5 2z`,logo:`M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4a2 2 0 0 1-2-2z M8 8h8 M8 12h5`};function Z({name:e,size:t=16,label:n,class:r=``}){let i=Mr[e]||Mr.help;return M`<svg class=${`icon ${r}`} width=${t} height=${t} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${n?void 0:`true`}
    role=${n?`img`:void 0} aria-label=${n}><path d=${i} /></svg>`}var Nr={web:`Web chat`,email:`E-mail`,sms:`SMS`,whatsapp:`WhatsApp`,api:`API`};function Pr({channel:e}){return M`<span class="channel" title=${Nr[e]||e}>
    <${Z} name=${Mr[e]?e:`web`} size=${13} label=${Nr[e]||e} />
  </span>`}var Fr={open:`Open`,pending:`Pending`,waiting_human:`Waiting for human`,resolved:`Resolved`,closed:`Closed`,new:`New`,solved:`Solved`};function Ir({status:e,short:t=!1}){let n=t&&e===`waiting_human`?`Needs human`:Fr[e]||e;return M`<span class=${`chip status-${e}`}>${n}</span>`}var Lr=[`low`,`normal`,`high`,`urgent`];function Rr({priority:e}){return e!==`high`&&e!==`urgent`?null:M`<span class=${`chip priority-${e}`}>${e===`urgent`?`Urgent`:`High`}</span>`}function zr(e,t){return e?.name?e.name:e?.email?e.email:`Visitor · ${Sn(e?.id||t)}`}function Br(e){let t=String(e||`?`).replace(/[^\p{L}\p{N} ]/gu,` `).trim().split(/\s+/);return((t.length>1?t[0][0]+t[t.length-1][0]:(t[0]||`?`).slice(0,2))||`?`).toUpperCase()}var Vr=[`#5b4a8a`,`#2f6f5e`,`#7a4a3a`,`#3d5a80`,`#6b4f2a`,`#4f5d75`,`#70406b`,`#2e6a7a`];function Hr(e){let t=0;for(let n of String(e))t=t*31+n.charCodeAt(0)>>>0;return Vr[t%Vr.length]}function Q({name:e,kind:t=`visitor`,id:n,size:r=32}){let i=`width:${r}px;height:${r}px;font-size:${Math.round(r*.38)}px`;return t===`ai`?M`<span class="avatar avatar-ai" style=${i}><${Z} name="sparkle" size=${Math.round(r*.55)} /></span>`:t===`bot`?M`<span class="avatar avatar-bot" style=${i}><${Z} name="bot" size=${Math.round(r*.55)} /></span>`:t===`system`?M`<span class="avatar avatar-bot" style=${i}><${Z} name="alert" size=${Math.round(r*.5)} /></span>`:M`<span class="avatar" style=${`${i};background:${Hr(n||e)}`} aria-hidden="true">${Br(e)}</span>`}function Ur(e=3e4){let[t,n]=I(Date.now());return L(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function Wr(e,t,n){return t?n&&t===n.id?`${n.name} (you)`:e[t]||`Agent ${Sn(t)}`:`Unassigned`}function Gr(e,t){let n=e.session.user,r=new Set([n.id]),i=[{value:``,label:`Unassigned`},{value:n.id,label:`${n.name} (you)`}];for(let t of e.presence.agents||[])r.has(t.id)||(r.add(t.id),i.push({value:t.id,label:`${t.name||`Agent ${Sn(t.id)}`} · online`}));return t&&!r.has(t)&&i.push({value:t,label:Wr(e.names,t,n)}),i}function $({label:e=`Loading`}){return M`<span class="spinner" role="status" aria-label=${e}></span>`}function Kr(e){class t extends S{shouldComponentUpdate(e){for(let t in e)if(e[t]!==this.props[t])return!0;for(let t in this.props)if(!(t in e))return!0;return!1}render(t){return y(e,t)}}return t.displayName=`Memo(${e.name})`,t}var qr={agent:`Agent: `,ai:`AI: `,bot:`Bot: `,system:``};function Jr(){let e=z(B,e=>e.filters),t=z(B,e=>e.list),n=z(B,Zr),r=z(B,e=>e.route.conversationId),i=z(B,e=>e.cursor),a=Ur(3e4);return M`<section class="pane list-pane" aria-label="Conversations">
    <div class="pane-head">
      <div class="pane-title">
        <h2>Inbox</h2>
        <span class="muted small">${t.loading?M`<${$} />`:`${n.length}${t.nextCursor?`+`:``}`}</span>
      </div>
      <label class="search">
        <${Z} name="search" size=${14} />
        <input data-testid="conv-search" type="search" placeholder="Search conversations" aria-label="Search conversations"
          value=${e.q} onInput=${e=>zt({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="filter-status" aria-label="Status" value=${e.status} onChange=${e=>zt({status:e.currentTarget.value})}>
          ${nt.map(e=>M`<option value=${e.value}>${e.label}</option>`)}
        </select>
        <select data-testid="filter-channel" aria-label="Channel" value=${e.channel} onChange=${e=>zt({channel:e.currentTarget.value})}>
          <option value="">All channels</option>
          ${Object.entries(Nr).map(([e,t])=>M`<option value=${e}>${t}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>zt({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>zt({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="conv-list" class="list" aria-label="Conversation list">
      ${n.map(e=>M`<${Qr} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&M`<li class="empty">
        ${t.error?M`<p>Could not load conversations.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${It}>Try again</button>`:M`<p>No conversations here.</p><p class="muted small">${e.q?`Nothing matches your search.`:`New chats appear here as they arrive.`}</p>`}
      </li>`}
      ${t.nextCursor&&M`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${Lt} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var Yr=null,Xr=[];function Zr(e){if(e===Yr)return Xr;let t=Pt(e);return Yr=e,(t.length!==Xr.length||t.some((e,t)=>e!==Xr[t]))&&(Xr=t),Xr}var Qr=Kr(function({id:e,active:t,highlighted:n,now:r}){let i=z(B,t=>t.convs[e]),a=z(B,t=>t.unread[e]||0),o=z(B,t=>!!t.streams[e]),s=z(B,t=>Object.keys(t.typing[e]||{}).length>0),c=z(B,e=>i?.assignee_id?Wr(e.names,i.assignee_id,e.session.user):null),l=R(null);if(L(()=>{(n||t)&&l.current?.scrollIntoView({block:`nearest`})},[n,t]),!i)return null;let u=zr(i.contact,i.contact_id),d=i.preview,f;return f=o?M`<span class="accent-text">AI is answering…</span>`:s?M`<span class="accent-text">typing…</span>`:d?`${qr[d.sender_kind]||``}${d.body}`:M`<span class="faint">${i.subject||`No messages yet`}</span>`,M`<li>
    <button ref=${l} data-testid="conv-item" data-conversation-id=${e} data-status=${i.status}
      class=${`row ${t?`active`:``} ${n?`highlighted`:``} ${a?`unread`:``}`}
      aria-current=${t?`true`:void 0}
      onClick=${()=>K({view:`conversations`,conversationId:e})}>
      <${Q} name=${u} id=${i.contact_id} size=${34} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">${u}</span>
          <time class="row-time" datetime=${i.updated_at}>${St(Math.max(Date.parse(i.updated_at)||0,i.activity||0),r)}</time>
        </span>
        <span class="row-preview">${f}</span>
        <span class="row-meta">
          <${Ir} status=${i.status} short />
          <${Pr} channel=${i.channel} />
          <${Rr} priority=${i.priority} />
          ${i.ticket_id&&M`<span class="mini" title="Has a ticket"><${Z} name="ticket" size=${12} /></span>`}
          ${c&&M`<span class="mini assignee" title=${`Assigned to ${c}`}><${Z} name="user" size=${11} />${c.replace(` (you)`,``)}</span>`}
          ${a>0&&M`<span data-testid="conv-unread" class="badge" aria-label=${`${a} unread`}>${a>99?`99+`:a}</span>`}
        </span>
      </span>
    </button>
  </li>`});function $r({id:e}){let t=z(B,e=>e.composerMode),n=z(B,t=>t.drafts[e]||``),r=R(null),i=t===`note`;Ge(()=>{let e=r.current;e&&(e.style.height=`auto`,e.style.height=`${Math.min(e.scrollHeight,220)}px`)},[n,t]);function a(t){En(e,t.currentTarget.value),!i&&t.currentTarget.value.trim()&&hr(e)}function o(t){t.key===`Enter`&&!t.shiftKey&&!t.isComposing&&!t.altKey?(t.preventDefault(),On(e)):t.key===`Escape`&&t.currentTarget.blur()}function s(t){t===`note`&&gr(e),Dn(t),r.current?.focus()}return M`<div class=${`composer ${i?`composer-note`:``}`}>
    <div class="composer-modes" role="group" aria-label="Message type">
      <button data-testid="composer-mode-reply" class=${`mode ${i?``:`on`}`} aria-pressed=${!i} onClick=${()=>s(`reply`)} title="Reply (r)">
        Reply
      </button>
      <button data-testid="composer-mode-note" class=${`mode mode-note ${i?`on`:``}`} aria-pressed=${i} onClick=${()=>s(`note`)} title="Internal note (n)">
        <${Z} name="lock" size=${12} /> Internal note
      </button>
      ${i&&M`<span class="note-hint">Only your team sees notes</span>`}
    </div>
    <div class="composer-box">
      <textarea ref=${r} data-testid="composer" rows="1" value=${n} onInput=${a} onKeyDown=${o}
        onBlur=${()=>gr(e)}
        aria-label=${i?`Internal note`:`Reply to the customer`}
        placeholder=${i?`Write an internal note — only your team can see it`:`Write a reply…`}></textarea>
      <div class="composer-foot">
        <span class="muted small"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="composer-send" class=${`btn ${i?`btn-note`:`btn-primary`}`} disabled=${!n.trim()} onClick=${()=>{On(e),r.current?.focus()}}>
          <${Z} name="send" size=${14} /> ${i?`Add note`:`Send`}
        </button>
      </div>
    </div>
  </div>`}function ei({id:e,conv:t}){let n=z(B,t=>t.threads[e]),r=z(B,t=>t.streams[e]),i=z(B,t=>t.visitorRead[e]||0),a=R(null),o=R(!0),[s,c]=I(!1),l=Ke(()=>an(n?n.messages:[],e=>wt(e)),[n&&n.messages]),u=zr(t?.contact,t?.contact_id),d=n?n.messages:[],f=`${d.length?d[d.length-1].seq:0}:${n?n.pending.length:0}:${r?r.text.length:-1}`,p=d.length?d[0].seq:0,m=R({tail:null,head:null,height:0});Ge(()=>{let e=a.current;if(!e)return;let t=m.current;t.head!==null&&p!==t.head&&!o.current?e.scrollTop+=e.scrollHeight-t.height:f!==t.tail&&(o.current?e.scrollTop=e.scrollHeight:c(!0)),m.current={tail:f,head:p,height:e.scrollHeight}});function h(){let e=a.current;o.current=e.scrollHeight-e.scrollTop-e.clientHeight<60,o.current&&c(!1)}function g(){let e=a.current;e.scrollTop=e.scrollHeight,o.current=!0,c(!1)}let _=n?[...n.messages].reverse().find(e=>e.sender?.kind===`agent`&&!e.private)?.seq:null;return M`<div class="transcript" ref=${a} onScroll=${h} role="log" aria-live="polite" aria-label="Conversation transcript">
    <div class="transcript-inner">
      ${n&&n.truncated&&M`<div class="older">
        <button class="btn btn-ghost btn-sm" onClick=${()=>Pn(e)} disabled=${n.loadingOlder}>
          ${n.loadingOlder?`Loading…`:`Load earlier messages`}
        </button>
      </div>`}
      ${!n||!n.ready?M`<div class="transcript-loading"><${$} /> Loading conversation…</div>`:null}
      ${n&&n.ready&&!n.messages.length&&!n.pending.length&&!r&&M`<div class="transcript-empty muted">No messages yet.</div>`}
      ${l.map(e=>e.kind===`day`?M`<div key=${e.key} class="day"><span>${e.label}</span></div>`:e.kind===`system`?M`<${ii} key=${e.key} message=${e.message} />`:M`<${ni} key=${e.key} group=${e} messages=${e.messages} visitor=${u} contactId=${t?.contact_id}
          seenSeq=${e.messages.some(e=>e.seq===_)&&i>=_?_:0} />`)}
      ${n&&n.pending.map(t=>M`<${ai} key=${t.client_msg_id} item=${t} id=${e} />`)}
      ${r&&M`<${oi} stream=${r} />`}
    </div>
    ${s&&M`<button class="jump" onClick=${g}><${Z} name="arrowDown" size=${14} /> New messages</button>`}
  </div>`}function ti(e,t,n,r){switch(e.kind){case`visitor`:return e.name||t;case`ai`:return`AI Assistant`;case`bot`:return e.name||`Bot`;case`agent`:return e.id===r.id?`${e.name||r.name}`:e.name||n[e.id]||`Agent`;default:return e.name||`System`}}var ni=Kr(function({group:e,messages:t,visitor:n,contactId:r,seenSeq:i}){let a=z(B,e=>e.names),o=z(B,e=>e.session.user),s=e.sender,c=ti(s,n,a,o),l=t[0],u=s.kind===`agent`&&s.id===o.id;return M`<div class=${`group kind-${s.kind} ${e.private?`note`:``} ${u?`mine`:``}`}>
    <${Q} name=${c} kind=${s.kind} id=${s.kind===`visitor`?r:s.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${c}</span>
        ${s.kind===`ai`&&M`<span class="badge-kind badge-ai">AI</span>`}
        ${s.kind===`bot`&&M`<span class="badge-kind">Bot</span>`}
        ${u&&M`<span class="badge-kind">You</span>`}
        ${e.private&&M`<span class="badge-note"><${Z} name="lock" size=${11} /> Internal note</span>`}
        <time datetime=${l.created_at} title=${W(l.created_at)}>${Ct(l.created_at)}</time>
      </div>
      ${t.map(e=>M`<${ri} key=${e.id} message=${e} />`)}
      ${i?M`<div class="seen"><${Z} name="check" size=${12} /> Seen</div>`:null}
    </div>
  </div>`});function ri({message:e}){let t=Array.isArray(e.citations)?e.citations:[];return M`<div data-testid="msg" class="msg" data-seq=${e.seq} data-sender=${e.sender?.kind||`system`} data-private=${e.private?`true`:`false`}>
    <div data-testid="msg-body" class="msg-body">${li(e.body)}</div>
    ${t.length>0&&M`<div class="citations">
      <span class="citations-label">Sources</span>
      ${t.map((e,t)=>{let n=on(e.url),r=e.title||e.article_id||`Source ${t+1}`;return n?M`<a class="citation" href=${n} target="_blank" rel="noopener noreferrer nofollow"><${Z} name="book" size=${11} />${r}<${Z} name="external" size=${10} /></a>`:M`<span class="citation"><${Z} name="book" size=${11} />${r}</span>`})}
    </div>`}
  </div>`}function ii({message:e}){return M`<div data-testid="msg" class="system" data-seq=${e.seq} data-sender="system" data-private=${e.private?`true`:`false`}>
    <span data-testid="msg-body" class="msg-body">${e.body}</span>
    <time datetime=${e.created_at}>${Ct(e.created_at)}</time>
  </div>`}function ai({item:e,id:t}){let n=z(B,e=>e.session.user);return M`<div class=${`group kind-agent mine pending ${e.private?`note`:``}`}>
    <${Q} name=${n.name} kind="agent" id=${n.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n.name}</span>
        ${e.private&&M`<span class="badge-note"><${Z} name="lock" size=${11} /> Internal note</span>`}
        <span class="muted small">${e.state===`queued`?`Waiting for connection…`:`Sending…`}</span>
        ${e.state===`queued`&&M`<button class="link-btn" onClick=${()=>vr(t,e)}>Retry now</button>`}
      </div>
      <div class="msg msg-pending"><div class="msg-body">${e.body}</div></div>
    </div>
  </div>`}function oi({stream:e}){return M`<div data-testid="ai-stream" class="group kind-ai streaming" aria-live="off">
    <${Q} kind="ai" size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">AI Assistant</span><span class="badge-kind badge-ai">AI</span>
        <span class="answering">AI is answering<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
      </div>
      <div class="msg"><div data-testid="msg-body" class="msg-body">${e.text}<span class="caret" aria-hidden="true"></span></div></div>
    </div>
  </div>`}function si({id:e}){return z(B,t=>!!t.streams[e])?M`<div class="takeover" role="status">
    <span class="takeover-text"><${Z} name="sparkle" size=${15} /> AI is answering this customer<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
    <button data-testid="ai-stop" class="btn btn-stop" onClick=${()=>Nn(e)} title="Stop AI (s)">
      <${Z} name="stop" size=${12} /> Stop AI and take over
    </button>
  </div>`:null}var ci=/\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;function li(e){let t=[],n=0;for(let r of String(e||``).matchAll(ci)){let i=on(r[0]);i&&(t.push(e.slice(n,r.index)),t.push(M`<a href=${i} target="_blank" rel="noopener noreferrer nofollow">${r[0]}</a>`),n=r.index+r[0].length)}return t.push(String(e||``).slice(n)),t}var ui=[`open`,`waiting_human`,`pending`,`resolved`,`closed`];function di({id:e}){let t=z(B,t=>t.convs[e]),n=z(B,t=>t.threads[e]);return t?M`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e} aria-label="Conversation">
    <${fi} conv=${t} />
    <${ei} key=${e} id=${e} conv=${t} />
    <${mi} id=${e} conv=${t} />
    <${si} id=${e} />
    <${$r} id=${e} />
  </section>`:M`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${e}>
      <div class="placeholder">${n&&n.error?M`<p>${n.error}</p>`:M`<p class="muted">Loading conversation…</p>`}</div>
    </section>`}function fi({conv:e}){let t=zr(e.contact,e.contact_id),n=z(B,e=>e.session),r=Gr({session:n,presence:z(B,e=>e.presence),names:z(B,e=>e.names)},e.assignee_id),i=n.user.id,a=z(B,t=>t.viewers[e.id]),o=z(B,t=>e.ticket_id?t.tickets[e.ticket_id]:null),s=Object.entries(a||{});return M`<header class="conv-head">
    <div class="conv-title">
      <${Q} name=${t} id=${e.contact_id} size=${36} />
      <div class="conv-title-text">
        <h2>${t}</h2>
        <span class="muted small">
          <${Pr} channel=${e.channel} /> ${Nr[e.channel]||e.channel}
          ${e.contact?.email&&e.contact.name?M` · ${e.contact.email}`:``}
          ${e.subject?M` · ${e.subject}`:``}
        </span>
      </div>
      <div class="conv-title-side">
        ${s.length>0&&M`<span class="viewers" title=${`${s.map(([,e])=>e.name).join(`, `)} also here`}>
          ${s.slice(0,3).map(([e,t])=>M`<${Q} key=${e} name=${t.name} id=${e} kind="agent" size=${22} />`)}
          <span class="small"><${Z} name="eye" size=${12} /> ${s.length===1?`${s[0][1].name||`An agent`} is viewing`:`${s.length} agents viewing`}</span>
        </span>`}
        ${e.ticket_id&&M`<button class="chip chip-link" onClick=${()=>K({view:`tickets`,ticketId:e.ticket_id})}>
          <${Z} name="ticket" size=${12} /> ${o?`Ticket #${o.number}`:`Ticket`}
        </button>`}
      </div>
    </div>
    <div class="controls">
      <label class="control">
        <span>Status</span>
        <select data-testid="conv-status" class=${`sel status-${e.status}`} value=${e.status} onChange=${t=>q(e.id,{status:t.currentTarget.value})}>
          ${ui.map(e=>M`<option value=${e}>${Fr[e]}</option>`)}
        </select>
      </label>
      <label class="control">
        <span>Assignee</span>
        <select data-testid="conv-assignee" class="sel" value=${e.assignee_id||``} onChange=${t=>q(e.id,{assignee_id:t.currentTarget.value||null})}>
          ${r.map(e=>M`<option value=${e.value}>${e.label}</option>`)}
        </select>
      </label>
      <button data-testid="conv-assign-me" class="btn btn-sm" onClick=${()=>kn(e.id)} title="Assign to me (a)">
        <${Z} name="user" size=${13} /> ${e.assignee_id===i?`Assigned to you`:`Assign to me`}
      </button>
      <label class="control">
        <span>Priority</span>
        <select data-testid="conv-priority" class=${`sel priority-${e.priority}`} value=${e.priority} onChange=${t=>q(e.id,{priority:t.currentTarget.value})}>
          ${Lr.map(e=>M`<option value=${e}>${e[0].toUpperCase()+e.slice(1)}</option>`)}
        </select>
      </label>
      <${pi} conv=${e} />
    </div>
  </header>`}function pi({conv:e}){let[t,n]=I(``);function r(){t.trim()&&jn(e.id,t),n(``)}function i(i){i.key===`Enter`||i.key===`,`?(i.preventDefault(),r()):i.key===`Backspace`&&!t&&e.tags?.length?Mn(e.id,e.tags[e.tags.length-1]):i.key===`Escape`&&(n(``),i.currentTarget.blur())}return M`<div class="tags" role="group" aria-label="Tags">
    <${Z} name="tag" size=${13} />
    ${(e.tags||[]).map(t=>M`<span class="tag" key=${t}>${t}<button class="tag-x" aria-label=${`Remove tag ${t}`} onClick=${()=>Mn(e.id,t)}><${Z} name="x" size=${11} /></button></span>`)}
    <input data-testid="conv-tags" class="tag-input" value=${t} placeholder=${e.tags?.length?`Add tag`:`Add tags…`} aria-label="Add a tag"
      onInput=${t=>{let r=t.currentTarget.value;r.includes(`,`)?(jn(e.id,r),n(``)):n(r)}}
      onKeyDown=${i} onBlur=${r} maxLength="200" />
  </div>`}function mi({id:e,conv:t}){let n=z(B,t=>t.typing[e]),r=Object.values(n||{});if(!r.length)return M`<div class="typing-slot"></div>`;let i=r.map(e=>e.name||(e.kind===`visitor`?zr(t.contact,t.contact_id):e.kind===`bot`?`A bot`:`An agent`));return M`<div class="typing-slot"><div data-testid="typing-indicator" class="typing" role="status">
    <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${i.length===1?`${i[0]} is typing…`:`${i.slice(0,-1).join(`, `)} and ${i[i.length-1]} are typing…`}
  </div></div>`}function hi({id:e}){let t=z(B,t=>t.convs[e]),n=t?.contact_id,r=t?.ticket_id,i=z(B,e=>n?e.contacts[n]:null),a=z(B,e=>r?e.tickets[r]:null),o=Ur(6e4);if(L(()=>{n&&Xt(n)},[n]),L(()=>{r&&_n(r,{quiet:!0})},[r]),!t)return M`<aside class="pane details-pane" data-testid="details-panel" aria-label="Details"></aside>`;let s=i?.state===`ok`?i.profile:null,c=s?.contact||t.contact||{id:n},l=zr(c,n),u=Object.entries(s?.contact.attributes||{}).filter(([,e])=>e!==null&&e!==``),d=(s?.conversations||[]).filter(e=>e.id!==t.id),f=(s?.tickets||[]).filter(e=>e.id!==r);return M`<aside class="pane details-pane" data-testid="details-panel" aria-label="Customer details">
    <section class="card customer">
      <${Q} name=${l} id=${n} size=${48} />
      <h3>${l}</h3>
      ${c.email&&c.name&&M`<p class="muted small break">${c.email}</p>`}
      ${i?.state===`loading`&&M`<p class="muted small"><${$} /> Loading profile…</p>`}
      ${i?.state===`missing`&&M`<p class="muted small">No customer profile is available for this visitor yet.</p>`}
      ${i?.state===`error`&&M`<p class="muted small">Profile unavailable. <button class="link-btn" onClick=${()=>Xt(n,{force:!0})}>Retry</button></p>`}
    </section>

    ${r&&M`<section class="card handoff">
      <div class="card-head">
        <h4><${Z} name="ticket" size=${13} /> Handoff summary</h4>
        ${a&&M`<button class="link-btn" onClick=${()=>K({view:`tickets`,ticketId:r})}>#${a.number} <${Z} name="external" size=${11} /></button>`}
      </div>
      ${a?M`<div class="chips">
              <${Ir} status=${a.status} /> <${Rr} priority=${a.priority} />
              ${a.breaches?.length?M`<span class="chip chip-danger">Breached</span>`:a.due_at&&M`<span class="chip chip-quiet"><${Z} name="clock" size=${11} /> ${Tt(a.due_at,o)}</span>`}
            </div>
            ${a.escalation_reason&&M`<p class="muted small">Escalated: ${vi(a.escalation_reason)}</p>`}
            <p data-testid="details-ticket-summary" class="summary">${a.summary||`No summary was written for this handoff.`}</p>`:M`<p class="muted small"><${$} /> Loading ticket…</p>`}
    </section>`}

    <section class="card">
      <h4>Conversation</h4>
      <dl class="facts">
        <dt>Channel</dt><dd>${Nr[t.channel]||t.channel}</dd>
        <dt>Started</dt><dd title=${W(t.created_at)}>${gi(t.created_at,o)}</dd>
        <dt>AI answers</dt><dd>${t.ai_enabled?`On`:`Off`}</dd>
        ${c.external_id||s?.contact.external_id?M`<dt>External ID</dt><dd class="break">${s?.contact.external_id}</dd>`:null}
        ${s&&M`<dt>Customer since</dt><dd>${W(s.contact.created_at)}</dd>`}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>

    ${u.length>0&&M`<section class="card">
      <h4>Attributes</h4>
      <dl class="facts">
        ${u.map(([e,t])=>M`<dt class="break">${e}</dt><dd class="break">${typeof t==`object`?JSON.stringify(t):String(t)}</dd>`)}
      </dl>
    </section>`}

    ${s&&M`<section class="card">
      <h4>Past conversations</h4>
      ${d.length?M`<ul class="links">${d.slice(0,8).map(e=>M`<li><button class="link-row" onClick=${()=>K({view:`conversations`,conversationId:e.id})}>
            <span class="ellipsis">${e.subject||e.preview?.body||`${Nr[e.channel]||e.channel} conversation`}</span>
            <span class="row-side"><${Ir} status=${e.status} short /> <span class="faint small">${St(e.updated_at,o)}</span></span>
          </button></li>`)}</ul>`:M`<p class="muted small">This is their first conversation.</p>`}
    </section>`}

    ${f.length>0&&M`<section class="card">
      <h4>Other tickets</h4>
      <ul class="links">${f.slice(0,8).map(e=>M`<li><button class="link-row" onClick=${()=>K({view:`tickets`,ticketId:e.id})}>
        <span class="ellipsis">#${e.number} ${e.subject}</span><${Ir} status=${e.status} />
      </button></li>`)}</ul>
    </section>`}
  </aside>`}function gi(e,t){let n=St(e,t);return n===`now`?`just now`:/^\d+[mh]$/.test(n)?`${n} ago`:n}var _i={customer_asked:`the customer asked for a person`,no_answer:`the AI found no answer in the knowledge base`,ai_error:`the AI could not answer`,unanswered:`the question went unanswered too long`,visitor_left:`the customer left with a question unanswered`,marked:`handed over by an agent or bot`,budget:`the AI budget was used up`};function vi(e){return _i[e]||String(e).replace(/_/g,` `)}function yi(){let[e,t]=I(``),[n,r]=I(``),[i,a]=I(!1),[o,s]=I(null);async function c(t){if(t.preventDefault(),!i){a(!0),s(null);try{await xr(e.trim(),n)}catch(e){s(e.status===401?`That e-mail and password do not match an account.`:e.message),a(!1)}}}return M`<main class="signin">
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
      ${o&&M`<p class="form-error" role="alert">${o}</p>`}
      <button data-testid="inbox-signin" class="btn btn-primary btn-block" type="submit" disabled=${i}>
        ${i?`Signing in…`:`Sign in`}
      </button>
    </form>
  </main>`}var bi=[`new`,`open`,`pending`,`solved`,`closed`],xi=e=>e[0].toUpperCase()+e.slice(1);function Si(){let e=z(B,e=>e.ticketFilters),t=z(B,e=>e.ticketList),n=z(B,Ti),r=z(B,e=>e.route.ticketId),i=z(B,e=>e.cursor),a=Ur(3e4);return L(()=>{B.get().ticketList.loaded||fn()},[]),M`<section class="pane list-pane" aria-label="Tickets">
    <div class="pane-head">
      <div class="pane-title"><h2>Tickets</h2><span class="muted small">${t.loading?M`<${$} />`:`${n.length}${t.nextCursor?`+`:``}`}</span></div>
      <label class="search">
        <${Z} name="search" size=${14} />
        <input data-testid="ticket-search" type="search" placeholder="Search subjects and comments" aria-label="Search tickets"
          value=${e.q} onInput=${e=>hn({q:e.currentTarget.value})} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="ticket-filter-status" aria-label="Ticket status" value=${e.status} onChange=${e=>hn({status:e.currentTarget.value})}>
          <option value="">Any status</option>
          ${bi.map(e=>M`<option value=${e}>${Fr[e]}</option>`)}
        </select>
        <select data-testid="ticket-filter-priority" aria-label="Priority" value=${e.priority} onChange=${e=>hn({priority:e.currentTarget.value})}>
          <option value="">Any priority</option>
          ${Lr.map(e=>M`<option value=${e}>${xi(e)}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="ticket-filter-mine" class=${`toggle ${e.assignee===`me`?`on`:``}`} aria-pressed=${e.assignee===`me`}
          onClick=${()=>hn({assignee:e.assignee===`me`?``:`me`})}>Mine</button>
        <button data-testid="ticket-filter-unassigned" class=${`toggle ${e.assignee===`none`?`on`:``}`} aria-pressed=${e.assignee===`none`}
          onClick=${()=>hn({assignee:e.assignee===`none`?``:`none`})}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="ticket-list" class="list" aria-label="Ticket list">
      ${n.map(e=>M`<${Di} key=${e} id=${e} active=${e===r} highlighted=${e===i&&e!==r} now=${a} />`)}
      ${!n.length&&!t.loading&&M`<li class="empty">
        ${t.error?M`<p>Could not load tickets.</p><p class="muted small">${t.error}</p><button class="btn btn-sm" onClick=${fn}>Try again</button>`:M`<p>No tickets here.</p><p class="muted small">Conversations the AI cannot answer become tickets.</p>`}
      </li>`}
      ${t.nextCursor&&M`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${pn} disabled=${t.loadingMore}>${t.loadingMore?`Loading…`:`Load more`}</button></li>`}
    </ul>
  </section>`}var Ci=null,wi=[];function Ti(e){if(e===Ci)return wi;let t=un(e);return Ci=e,(t.length!==wi.length||t.some((e,t)=>e!==wi[t]))&&(wi=t),wi}function Ei({ticket:e,now:t}){return e.breaches?.length?M`<span class="chip chip-danger" title=${`Missed: ${e.breaches.map(e=>e.replace(`_`,` `)).join(`, `)}`}>Breached</span>`:!e.due_at||e.status===`solved`||e.status===`closed`?null:M`<span class=${`chip ${U(e.due_at)-t<36e5?`chip-warn`:`chip-quiet`}`} title=${`Next SLA target ${W(e.due_at)}`}><${Z} name="clock" size=${11} /> ${Tt(e.due_at,t)}</span>`}var Di=Kr(function({id:e,active:t,highlighted:n,now:r}){let i=z(B,t=>t.tickets[e]),a=z(B,e=>i?.assignee_id?Wr(e.names,i.assignee_id,e.session.user):null),o=R(null);return L(()=>{(n||t)&&o.current?.scrollIntoView({block:`nearest`})},[n,t]),i?M`<li>
    <button ref=${o} data-testid="ticket-item" data-ticket-id=${e} data-status=${i.status}
      class=${`row ticket-row ${t?`active`:``} ${n?`highlighted`:``}`} aria-current=${t?`true`:void 0}
      onClick=${()=>K({view:`tickets`,ticketId:e})}>
      <span class="row-main">
        <span class="row-top">
          <span class="row-name"><span class="ticket-no">#${i.number}</span> ${i.subject}</span>
          <time class="row-time" datetime=${i.updated_at}>${St(i.updated_at,r)}</time>
        </span>
        <span class="row-meta">
          <${Ir} status=${i.status} />
          <${Rr} priority=${i.priority} />
          <${Ei} ticket=${i} now=${r} />
          <span class="mini assignee"><${Z} name="user" size=${11} />${a?a.replace(` (you)`,``):`Unassigned`}</span>
        </span>
      </span>
    </button>
  </li>`:null});function Oi({id:e}){let t=z(B,t=>t.tickets[e]),n=z(B,t=>t.ticketDetail[e]),r=z(B,e=>e.session),i=z(B,e=>e.presence),a=z(B,e=>e.names),o=Ur(3e4),s=R(null),c=n?.comments?.length||0;if(Ge(()=>{s.current&&c&&(s.current.scrollTop=s.current.scrollHeight)},[c,e]),!t)return M`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e}>
      <div class="placeholder">${n?.state===`missing`?M`<p>This ticket does not exist or is not yours to see.</p>`:n?.state===`error`?M`<p>${n.error}</p>`:M`<p class="muted"><${$} /> Loading ticket…</p>`}</div>
    </section>`;let l=Gr({session:r,presence:i,names:a},t.assignee_id),u=n?.comments||[];return M`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${e} aria-label=${`Ticket ${t.number}`}>
    <header class="conv-head">
      <div class="conv-title">
        <span class="ticket-badge"><${Z} name="ticket" size=${18} /></span>
        <div class="conv-title-text">
          <h2><span class="ticket-no">#${t.number}</span> ${t.subject}</h2>
          <span class="muted small">Opened ${gi(t.created_at,o)} · updated ${gi(t.updated_at,o)}</span>
        </div>
        <div class="conv-title-side">
          <${Ei} ticket=${t} now=${o} />
          ${t.conversation_id&&M`<button data-testid="ticket-conversation-link" class="chip chip-link" onClick=${()=>K({view:`conversations`,conversationId:t.conversation_id})}>
            <${Z} name="sms" size=${12} /> Open conversation</button>`}
        </div>
      </div>
      <div class="controls">
        <label class="control"><span>Status</span>
          <select data-testid="ticket-status" class=${`sel status-${t.status}`} value=${t.status} onChange=${t=>yn(e,{status:t.currentTarget.value})}>
            ${bi.map(e=>M`<option value=${e}>${Fr[e]}</option>`)}
          </select></label>
        <label class="control"><span>Priority</span>
          <select data-testid="ticket-priority" class=${`sel priority-${t.priority}`} value=${t.priority} onChange=${t=>yn(e,{priority:t.currentTarget.value})}>
            ${Lr.map(e=>M`<option value=${e}>${xi(e)}</option>`)}
          </select></label>
        <label class="control"><span>Assignee</span>
          <select data-testid="ticket-assignee" class="sel" value=${t.assignee_id||``} onChange=${t=>yn(e,{assignee_id:t.currentTarget.value||null})}>
            ${l.map(e=>M`<option value=${e.value}>${e.label}</option>`)}
          </select></label>
        ${t.tags?.length>0&&M`<div class="tags">${t.tags.map(e=>M`<span class="tag" key=${e}>${e}</span>`)}</div>`}
      </div>
    </header>
    <div class="transcript ticket-body" ref=${s}>
      <div class="transcript-inner">
        <section class="summary-card" aria-label="Handoff summary">
          <div class="card-head"><h3><${Z} name="sparkle" size=${14} /> Handoff summary</h3>
            ${t.escalation_reason&&M`<span class="muted small">Escalated because ${vi(t.escalation_reason)}</span>`}</div>
          <p data-testid="ticket-summary" class="summary">${t.summary||`No summary was written for this ticket.`}</p>
        </section>
        <h3 class="section-title">Activity</h3>
        ${!n||n.state===`loading`?M`<p class="muted"><${$} /> Loading comments…</p>`:null}
        ${n?.state===`ok`&&!u.length&&M`<p class="muted small">No comments yet. Public comments reach the customer in their conversation.</p>`}
        ${u.map(e=>M`<${ki} key=${e.id} comment=${e} />`)}
      </div>
    </div>
    <${ji} id=${e} />
  </section>`}function ki({comment:e}){let t=e.author||{},n=t.name||(t.kind===`visitor`?`Customer`:t.kind===`ai`?`AI Assistant`:t.kind===`system`?`System`:`Agent`);return M`<article data-testid="ticket-comment" data-public=${e.public?`true`:`false`} class=${`comment ${e.public?`public`:`internal`}`}>
    <${Q} name=${n} kind=${t.kind===`agent`||t.kind===`visitor`?`visitor`:t.kind} id=${t.id} size=${30} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${n}</span>
        ${e.public?M`<span class="badge-kind">Public reply</span>`:M`<span class="badge-note"><${Z} name="lock" size=${11} /> Internal</span>`}
        <time datetime=${e.created_at} title=${W(e.created_at)}>${St(e.created_at)} · ${Ct(e.created_at)}</time>
      </div>
      <div class="msg-body">${e.body}</div>
    </div>
  </article>`}var Ai={};function ji({id:e}){let[t,n]=I(Ai[e]||``),[r,i]=I(!1),[a,o]=I(!1);L(()=>{n(Ai[e]||``),i(!1)},[e]);async function s(){let i=t.trim();if(!i||a)return;o(!0);let s=await bn(e,i,r);o(!1),s&&(Ai[e]=``,n(``))}return M`<div class=${`composer ${r?``:`composer-note`}`}>
    <div class="composer-box">
      <textarea data-testid="ticket-comment-input" rows="3" value=${t} aria-label="Comment"
        placeholder=${r?`Write a public reply — the customer receives it`:`Write an internal comment — only your team sees it`}
        onInput=${t=>{Ai[e]=t.currentTarget.value,n(t.currentTarget.value)}}
        onKeyDown=${e=>{e.key===`Enter`&&(e.metaKey||e.ctrlKey)?(e.preventDefault(),s()):e.key===`Escape`&&e.currentTarget.blur()}}></textarea>
      <div class="composer-foot">
        <label class="switch">
          <input data-testid="ticket-comment-public" type="checkbox" checked=${r} onChange=${e=>i(e.currentTarget.checked)} />
          <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
          <span>${r?`Public reply: the customer sees it`:`Internal: only your team sees it`}</span>
        </label>
        <span class="muted small hide-narrow"><kbd>Ctrl</kbd>+<kbd>Enter</kbd></span>
        <button data-testid="ticket-comment-send" class=${`btn ${r?`btn-primary`:`btn-note`}`} disabled=${!t.trim()||a} onClick=${s}>
          ${a?`Posting…`:r?`Send reply`:`Add comment`}
        </button>
      </div>
    </div>
  </div>`}function Mi({id:e}){let t=z(B,t=>t.tickets[e]),n=z(B,e=>t?e.contacts[t.requester_contact_id]:null),r=Ur(3e4);if(L(()=>{t?.requester_contact_id&&Xt(t.requester_contact_id)},[t?.requester_contact_id]),!t)return M`<aside class="pane details-pane" aria-label="Ticket details"></aside>`;let i=n?.state===`ok`?n.profile.contact:{id:t.requester_contact_id},a=zr(i,t.requester_contact_id),o=(e,t)=>t&&M`<dt>${e}</dt><dd title=${W(t)}>${W(t)}</dd>`;return M`<aside class="pane details-pane" data-testid="ticket-details" aria-label="Ticket details">
    <section class="card customer">
      <${Q} name=${a} id=${t.requester_contact_id} size=${48} />
      <h3>${a}</h3>
      ${i.email&&i.name&&M`<p class="muted small break">${i.email}</p>`}
      ${n?.state===`missing`&&M`<p class="muted small">No customer profile available.</p>`}
    </section>
    <section class="card">
      <h4>SLA</h4>
      <div class="chips"><${Ei} ticket=${t} now=${r} /></div>
      <dl class="facts">
        ${o(`First response due`,t.first_response_due_at)}
        ${o(`First response`,t.first_responded_at)}
        ${o(`Resolution due`,t.resolution_due_at)}
        ${o(`Solved`,t.solved_at)}
        ${t.breaches?.length?M`<dt>Missed</dt><dd class="danger-text">${t.breaches.map(e=>e.replace(`_`,` `)).join(`, `)}</dd>`:null}
      </dl>
    </section>
    <section class="card">
      <h4>Ticket</h4>
      <dl class="facts">
        <dt>Number</dt><dd>#${t.number}</dd>
        <dt>Created</dt><dd>${W(t.created_at)}</dd>
        ${Object.entries(t.custom_fields||{}).map(([e,t])=>M`<dt class="break">${e}</dt><dd class="break">${String(t)}</dd>`)}
        <dt>ID</dt><dd class="mono break">${t.id}</dd>
      </dl>
    </section>
  </aside>`}var Ni={connected:`Connected`,connecting:`Connecting…`,reconnecting:`Reconnecting…`,stopped:`Offline`};function Pi(){let e=z(B,e=>e.route.view),t=z(B,e=>e.conn),n=z(B,e=>e.connProblem),r=z(B,e=>e.presence),i=z(B,e=>e.session.user),a=z(B,e=>Object.values(e.unread).filter(e=>e>0).length),o=(r.agents||[]).filter(e=>e.id!==i.id);return L(()=>{document.title=`${a?`(${a}) `:``}${e===`tickets`?`Tickets`:`Inbox`} · FlowSupport`},[a,e]),M`<header class="topbar">
    <div class="brand"><span class="brand-mark"><${Z} name="logo" size=${18} /></span> FlowSupport</div>
    <nav class="tabs" aria-label="Sections">
      <button data-testid="nav-conversations" class=${`tab ${e===`conversations`?`active`:``}`}
        aria-current=${e===`conversations`?`page`:void 0} onClick=${()=>wn(`conversations`)}
        title="Conversations (g then c)">
        <${Z} name="inbox" /> Conversations
        ${a>0&&M`<span class="tab-count" aria-label=${`${a} with unread messages`}>${a}</span>`}
      </button>
      <button data-testid="nav-tickets" class=${`tab ${e===`tickets`?`active`:``}`}
        aria-current=${e===`tickets`?`page`:void 0} onClick=${()=>wn(`tickets`)}
        title="Tickets (g then t)">
        <${Z} name="ticket" /> Tickets
      </button>
    </nav>
    <div class="topbar-right">
      <span data-testid="inbox-connection" class=${`conn conn-${t}`} role="status" title=${n||``}>
        <span class="dot" aria-hidden="true"></span>${n?`Origin not allowed`:Ni[t]||t}
      </span>
      <span class="presence" title=${(r.agents||[]).map(e=>e.name).join(`, `)||`Agents online`}>
        <span class="presence-faces" aria-hidden="true">
          ${o.slice(0,3).map(e=>M`<${Q} key=${e.id} name=${e.name} id=${e.id} kind="agent" size=${22} />`)}
        </span>
        <${Z} name="users" size=${14} /> ${r.count} online
      </span>
      <button class="icon-btn" onClick=${()=>B.set(e=>({...e,help:!0}))} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <${Z} name="help" />
      </button>
      <span class="me">
        <${Q} name=${i.name} id=${i.id} kind="agent" size=${26} />
        <span class="me-name">${i.name}</span>
      </span>
      <button class="btn btn-ghost btn-sm" data-testid="inbox-signout" onClick=${()=>Sr()} title="Sign out">
        <${Z} name="logout" size=${14} /> Sign out
      </button>
    </div>
  </header>`}function Fi(){return M`${z(B,e=>!!e.session)?M`<${Ii} />`:M`<${yi} />`}<${zi} />`}function Ii(){let e=z(B,e=>e.route),t=z(B,e=>e.help);return M`<div class="app" data-testid="inbox-app">
    <${Pi} />
    ${z(B,e=>e.conn)===`reconnecting`&&M`<div class="banner" role="status">Connection lost. Reconnecting… new messages will appear when it is back.</div>`}
    <div class="panes">
      ${e.view===`tickets`?M`<${Si} />
            ${e.ticketId?M`<${Oi} id=${e.ticketId} /><${Mi} id=${e.ticketId} />`:M`<${Li} icon="ticket" title="Select a ticket" text="Escalated conversations become tickets with an SLA and a handoff summary." />`}`:M`<${Jr} />
            ${e.conversationId?M`<${di} id=${e.conversationId} /><${hi} id=${e.conversationId} />`:M`<${Li} icon="inbox" title="Select a conversation" text="Pick a conversation on the left, or press j / k and Enter." />`}`}
    </div>
    ${t&&M`<${Ri} />`}
  </div>`}function Li({icon:e,title:t,text:n}){return M`<section class="pane main-pane empty-main">
    <div class="placeholder">
      <span class="placeholder-icon"><${Z} name=${e} size=${28} /></span>
      <h2>${t}</h2>
      <p class="muted">${n}</p>
      <p class="muted small">Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>
  </section>`}function Ri(){let e=R(null);L(()=>{let t=document.activeElement;return e.current?.focus(),()=>t?.focus?.()},[]);let t=()=>B.set(e=>({...e,help:!1}));return M`<div class="overlay" onClick=${e=>e.target===e.currentTarget&&t()}>
    <div data-testid="shortcuts-help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex="-1" ref=${e}>
      <div class="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button class="icon-btn" onClick=${t} aria-label="Close"><${Z} name="x" /></button>
      </div>
      <dl class="shortcuts">
        ${Er.map(([e,t])=>M`<dt>${e.split(` then `).map((e,t)=>M`${t?M`<span class="muted small"> then </span>`:``}<kbd>${e}</kbd>`)}</dt><dd>${t}</dd>`)}
      </dl>
      <p class="muted small">Shortcuts pause while you type in a field; Esc leaves the field.</p>
    </div>
  </div>`}function zi(){return M`<div class="toasts" role="status" aria-live="polite">
    ${z(B,e=>e.toasts).map(e=>M`<div key=${e.id} data-testid="toast" class=${`toast toast-${e.kind}`}>
      <${Z} name=${e.kind===`error`?`alert`:e.kind===`warning`?`clock`:`check`} size=${15} />
      <span>${e.text}</span>
      <button class="icon-btn" aria-label="Dismiss" onClick=${()=>vt(e.id)}><${Z} name="x" size=${14} /></button>
    </div>`)}
  </div>`}t.debounceRendering=e=>$n()?document.visibilityState===`visible`?requestAnimationFrame(e):setTimeout(e,0):Promise.resolve().then(e),Tr(),document.addEventListener(`keydown`,jr),fe(M`<${Fi} />`,document.getElementById(`app`));