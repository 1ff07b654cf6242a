/**
 * The only module that uses `window.totalPlace`. Every call answers with the method's typed value or
 * throws an `ApiError` carrying the error's code; `cancelled` (a dialog closed) is an ordinary outcome.
 */
import type { Input, Method, Outputs } from '../../shared/api';
import type { Bridge } from '../../shared/bridge';
import type { ErrorInfo, Result } from '../../shared/errors';
import type { Command } from '../../shared/methods';

declare global {
  interface Window {
    totalPlace?: Bridge;
  }
}

export class ApiError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }
  get code() {
    return this.info.code;
  }
}

function bridge(): Bridge {
  const b = window.totalPlace;
  if (!b) throw new ApiError({ code: 'internal', message: 'The app’s connection to its files is missing. Close the app and open it again.' });
  return b;
}

export async function api<M extends Method>(method: M, input?: Input<M>): Promise<Outputs[M]> {
  const r = (await bridge().call[method](input ?? {})) as Result<Outputs[M]>;
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export function onCommand(listener: (c: Command) => void): () => void {
  return bridge().onCommand(listener);
}

export function onStateChanged(listener: () => void): () => void {
  return bridge().onStateChanged(listener);
}
