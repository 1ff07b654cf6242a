/**
 * Builds the object the renderer sees as `window.totalPlace`: one function per method (each on its
 * own channel), plus subscriptions to the main process's events. The preload builds it over
 * Electron's IPC; the browser test harness builds the very same object over Playwright's binding.
 */
import { METHOD_NAMES, type Command, type MethodName } from './methods';

export type Invoke = (method: MethodName, input: unknown) => Promise<unknown>;
export type Subscribe = (event: 'command' | 'stateChanged', listener: (payload: unknown) => void) => () => void;

export interface Bridge {
  call: Record<MethodName, (input?: unknown) => Promise<unknown>>;
  onCommand(listener: (command: Command) => void): () => void;
  onStateChanged(listener: () => void): () => void;
}

export function makeBridge(invoke: Invoke, subscribe: Subscribe): Bridge {
  const call = {} as Record<MethodName, (input?: unknown) => Promise<unknown>>;
  for (const method of METHOD_NAMES) call[method] = (input?: unknown) => invoke(method, input ?? {});
  return {
    call: Object.freeze(call),
    onCommand: (listener) => subscribe('command', (c) => {
      if (typeof c === 'string') listener(c as Command);
    }),
    onStateChanged: (listener) => subscribe('stateChanged', () => listener()),
  };
}
