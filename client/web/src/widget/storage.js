/**
 * localStorage under `flowsupport:<widget_key>:<name>`, falling back to memory where storage
 * is refused (private modes, sandboxed frames, full quota): the widget then still works for
 * the page's lifetime.
 */
export class Store {
  /** @param {string} widgetKey */
  constructor(widgetKey) {
    this.prefix = `flowsupport:${widgetKey}:`;
    /** @type {Map<string, string>} */
    this.memory = new Map();
  }

  /**
   * @param {string} name
   * @returns {string | null}
   */
  get(name) {
    try {
      return window.localStorage.getItem(this.prefix + name);
    } catch {
      return this.memory.get(name) ?? null;
    }
  }

  /**
   * @param {string} name
   * @param {string | null} value null removes it
   */
  set(name, value) {
    try {
      if (value === null) window.localStorage.removeItem(this.prefix + name);
      else window.localStorage.setItem(this.prefix + name, value);
    } catch {
      if (value === null) this.memory.delete(name);
      else this.memory.set(name, value);
    }
  }

  /**
   * @param {string} name
   * @returns {unknown} the parsed JSON, or null
   */
  getJSON(name) {
    try {
      return JSON.parse(this.get(name) || 'null');
    } catch {
      return null;
    }
  }

  /**
   * @param {string} name
   * @param {unknown} value
   */
  setJSON(name, value) {
    this.set(name, JSON.stringify(value));
  }
}
