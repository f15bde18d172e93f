/**
 * Escaping for everything the web UI writes into HTML, and the URL quoting it uses for names.
 */

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/**
 * Percent-encodes a value for a URL the way the status page always has: everything except
 * letters, digits, `_.-~` and `/` is encoded (so `apps:api` becomes `apps%3Aapi`).
 */
export function quoteUrlComponent(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');
}

/** Tagged template helper: interpolated values are escaped unless wrapped with `raw()`. */
export class RawHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export function raw(html: string): RawHtml {
  return new RawHtml(html);
}

type HtmlValue = string | number | RawHtml | readonly RawHtml[] | null | undefined | false;

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? '');
  });
  return new RawHtml(out);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof RawHtml) return value.html;
  if (Array.isArray(value)) return value.map((v: RawHtml) => v.html).join('');
  return escapeHtml(String(value));
}
