/**
 * The pages of the app are served from `app://totalplace/`, never `file://`: a request maps to a file
 * inside the built renderer folder or to nothing, and every response carries the strict CSP.
 * Pure: the Electron protocol handler and the browser test harness both use it.
 */
import fs from 'node:fs';
import path from 'node:path';

export const APP_HOST = 'totalplace';

/**
 * Scripts only from the app itself; no eval, no remote anything. Styles allow inline because AG Grid's
 * theme and ECharts set styles from script — scripts never run inline. Trusted Types are required: a
 * string reaches an HTML or script sink only through the `report-preview` policy (the print preview) or
 * the `default` one, which lets through nothing but the empty string (renderer/trusted-types.ts).
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'self' blob:",
  // Trusted Types: no string becomes HTML or script but through the two policies renderer/trusted-types.ts makes.
  "require-trusted-types-for 'script'",
  'trusted-types default report-preview',
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export type AppResponse =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 403 | 404; headers: Record<string, string> };

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Map a request URL to a file inside `root`, refusing anything outside it. */
export function resolveAppRequest(url: string, root: string, host = APP_HOST): AppResponse {
  const headers = securityHeaders();
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { status: 404, headers };
  }
  if (u.host !== host) return { status: 403, headers };
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { status: 404, headers };
  }
  if (pathname.includes('\0')) return { status: 404, headers };
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = fs.realpathSync(path.resolve(root));
  const candidate = path.resolve(base, rel);
  if (candidate !== base && !candidate.startsWith(base + path.sep)) return { status: 403, headers };
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return { status: 404, headers };
  }
  if (!real.startsWith(base + path.sep) || !fs.statSync(real).isFile()) return { status: real.startsWith(base + path.sep) ? 404 : 403, headers };
  const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, file: real, headers: { ...headers, 'Content-Type': type } };
}
