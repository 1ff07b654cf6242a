/**
 * The one way the submission's HTML is written: the `html` template tag. What the renderer writes in a
 * template is markup; every value put into it is text, escaped by `escapeHtml`, unless it is markup the
 * renderer made itself (`Markup`, from another `html` template or `rawMarkup`). A value from a workbook
 * can therefore never become an element or an attribute, wherever it is put (text or a quoted attribute).
 * Numbers are not accepted as values at all: figures are formatted from numbers by the renderer's own
 * helpers (which check that they are numbers), so a "number" from a file is never printed as itself.
 */

/** Markup the renderer made. Only `html` and `rawMarkup` make it. */
export class Markup {
  private constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  /** @internal for `html` and `rawMarkup` only. */
  static of(text: string): Markup {
    return new Markup(text);
  }
}

/** Text as HTML text or a quoted attribute value: & < > " ' escaped. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A value a template can take: text (escaped), markup (as is), a list of either, or nothing. */
export type HtmlValue = Markup | string | null | undefined | false | readonly HtmlValue[];

function part(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Markup) return v.text;
  if (Array.isArray(v)) return v.map(part).join('');
  // Anything else (a string, or a number a file put where text was expected) is text.
  return escapeHtml(v);
}

/** A piece of the report: the template is markup, every value is escaped unless it is `Markup`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Markup {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return Markup.of(out);
}

/**
 * Markup made by code, not by a template: the SVG ECharts draws (its text escaped by zrender) and the
 * renderer's own style sheet. Never for anything read from a workbook.
 */
export function rawMarkup(text: string): Markup {
  return Markup.of(text);
}

/** A figure the report may print: a finite number. Anything else from a file is never printed as itself. */
export function isFigure(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** What is printed in place of a figure that is not a number (a value that got past the store's checks). */
export const NOT_A_FIGURE = '(not a figure)';
