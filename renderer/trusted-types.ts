/**
 * Trusted Types for the window (the CSP says `require-trusted-types-for 'script'; trusted-types default
 * report-preview`): no string ever becomes HTML or script in this page except through a policy made
 * here, first thing, before any other code runs. There are two, each as narrow as its use:
 *
 * - `report-preview`: the print preview puts the submission's HTML in a shadow root. That HTML is made
 *   by the one report renderer, which escapes every value from the workbook (shared/report/render.ts);
 *   the policy takes only a document that starts as the renderer's does and holds no element that
 *   could load or run anything (script, frame, object, embed, link, base, form).
 * - `default`: ECharts' SVG painter (zrender) clears its own elements with `innerHTML = ''` when a chart
 *   is disposed, and Trusted Types refuse even that. The default policy lets exactly the empty string
 *   through (clearing an element) and refuses everything else, as if there were no policy.
 *
 * React 19 and AG Grid 36 need no exception: neither writes HTML from strings in this app (no
 * `dangerouslySetInnerHTML`, no HTML cell renderers); ECharts' tooltips are drawn as text
 * (shared/charts.ts, `renderMode: 'richText'`).
 */
import { z } from 'zod';

interface TrustedHtmlPolicy {
  createHTML(input: string): unknown;
}
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createHTML?: (input: string) => string | null }): TrustedHtmlPolicy;
}

// zod would probe for `new Function` (its JIT); the CSP forbids eval, and Trusted Types report the probe.
z.config({ jitless: true });

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;

/** How every submission the report renderer makes starts (shared/report/render.ts), and what none may hold. */
const REPORT_START = /^<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/;
const LOADS_OR_RUNS = /<(script|iframe|frame|object|embed|link|base|form|meta\s+http-equiv=["']?refresh)\b/i;

/** Why a string is not a report the preview may show, or null when it is one. */
export function notAReport(html: string): string | null {
  if (!REPORT_START.test(html)) return 'it is not a submission made by the report renderer';
  if (LOADS_OR_RUNS.test(html)) return 'it holds an element that could load or run something';
  return null;
}

const reportPolicy = factory?.createPolicy('report-preview', {
  createHTML: (html) => {
    const why = notAReport(html);
    if (why) throw new TypeError(`The print preview refused this HTML: ${why}.`);
    return html;
  },
});

factory?.createPolicy('default', {
  createHTML: (input) => (input === '' ? '' : null),
});

/** Put a submission's HTML into the preview's shadow root, through the `report-preview` policy. */
export function setReportHtml(root: ShadowRoot, html: string): void {
  const why = notAReport(html);
  if (why) throw new TypeError(`The print preview refused this HTML: ${why}.`);
  // (The doctype is ignored inside a shadow root.) Trusted Types take the policy's TrustedHTML where
  // TypeScript's DOM types say string.
  root.innerHTML = (reportPolicy ? reportPolicy.createHTML(html) : html) as string;
}
