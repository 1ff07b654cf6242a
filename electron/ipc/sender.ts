/**
 * Who may call the API: only our own pages, served from the `app://` protocol, in the top frame of
 * a window we made. Anything else — a navigated page, an iframe, a file:// page — is refused.
 */
export const APP_ORIGIN = 'app://totalplace';

export interface SenderFacts {
  /** The URL of the frame that sent the message. */
  frameUrl: string | undefined;
  /** Whether that frame is the window's top frame. */
  isTopFrame: boolean;
  /** Whether the window is one of ours. */
  knownWindow: boolean;
}

/** `origin` is the app's own origin; the browser test harness serves the same pages from its own. */
export function isTrustedSender(s: SenderFacts, origin: string = APP_ORIGIN): boolean {
  if (!s.knownWindow || !s.isTopFrame || !s.frameUrl) return false;
  try {
    const u = new URL(s.frameUrl);
    return `${u.protocol}//${u.host}` === origin;
  } catch {
    return false;
  }
}
