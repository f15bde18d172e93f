const SCHEME_CHARS = /^[A-Za-z0-9+\-.]*$/;

/** The scheme of a URL as Python's urlsplit sees it (lower-cased), or '' when there is none. */
export function urlScheme(url: string): string {
  const colon = url.indexOf(':');
  if (colon <= 0 || !/^[A-Za-z]/.test(url)) return '';
  const scheme = url.slice(0, colon);
  return SCHEME_CHARS.test(scheme) ? scheme.toLowerCase() : '';
}

/** True when the value has a scheme and a host or a path (upstream's only check of a server URL). */
export function isUrl(value: string): boolean {
  const scheme = urlScheme(value);
  if (scheme === '') return false;
  let rest = value.slice(scheme.length + 1);
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end < 0 ? '' : rest.slice(2 + end);
  }
  const path = rest.split(/[?#]/)[0].split(';')[0];
  return netloc !== '' || path !== '';
}
