/**
 * A minimal observable store for Preact: immutable state, `set(fn)` producing the next
 * state, and `useStore(store, select)` re-rendering a component only when what it
 * selected changed (Object.is). Updates are synchronous; Preact batches the renders.
 */

import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    /** `fn(state) -> next state` (return the same object to change nothing). */
    set(fn) {
      const next = fn(state);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) {
        try {
          listener(state);
        } catch (error) {
          setTimeout(() => {
            throw error; // reported, without stopping the other listeners
          });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore(store, select) {
  const [, rerender] = useReducer((n) => n + 1, 0);
  const selectRef = useRef(select);
  selectRef.current = select;
  const value = select(store.get());
  const valueRef = useRef(value);
  valueRef.current = value;
  useLayoutEffect(() => {
    const check = (state) => {
      let changed;
      try {
        changed = !Object.is(selectRef.current(state), valueRef.current);
      } catch {
        changed = true; // the state no longer fits this component (e.g. signed out): its parent decides
      }
      if (changed) rerender();
    };
    const unsubscribe = store.subscribe(check);
    check(store.get()); // a change between this render and the subscription is not missed
    return unsubscribe;
  }, [store]);
  return value;
}
