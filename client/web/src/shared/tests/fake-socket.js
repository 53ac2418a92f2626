// A WebSocket stand-in for the clients' tests: no network, the test plays the server.
// `FakeSocket.all` holds every socket made, newest last.

export class FakeSocket {
  static OPEN = 1;
  /** @type {FakeSocket[]} */
  static all = [];

  /** The newest socket. */
  static get last() {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }

  static reset() {
    FakeSocket.all = [];
  }

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.readyState = 0;
    /** @type {any[]} every frame the client sent, parsed */
    this.sent = [];
    this.closedWith = null;
    FakeSocket.all.push(this);
  }

  send(data) {
    if (this.readyState !== 1) throw new Error('InvalidStateError');
    this.sent.push(JSON.parse(data));
  }

  close(code) {
    this.readyState = 3;
    this.closedWith = code;
  }

  // -- the server's side ---------------------------------------------------------------

  /** The upgrade succeeds (the client then says hello). */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** @param {object | string} frame */
  deliver(frame) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The server closes (or the network drops) the connection. */
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** Open and welcome: the connection is ready. */
  welcome(extra = {}) {
    this.open();
    this.deliver({
      type: 'welcome',
      session_id: 's1',
      principal: { kind: 'agent', id: 'ag_me' },
      heartbeat_s: 25,
      ...extra,
    });
  }

  /** The frames of one type the client sent. */
  frames(type) {
    return this.sent.filter((f) => f.type === type);
  }

  /** Answer the client's newest request of this type with an ack. */
  ack(type, fields = {}) {
    const request = this.frames(type).at(-1);
    if (!request) throw new Error(`no ${type} request was sent`);
    this.deliver({ type: 'ack', id: request.id, ...fields });
    return request;
  }
}

/** Let promise callbacks (acks resolving requests) run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
