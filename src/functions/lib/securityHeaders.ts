/**
 * Headers of the web page's files: a strict CSP (own origin only, no inline script or style, never framed), no
 * MIME sniffing, no referrer (the page URL never carries a key, but ids should not leak either).
 */
export const WEB_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
    "media-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Headers of a served `report.html`: a sandbox without scripts, so the report (which embeds transcript text) can
 * never run code or act with the page's origin, even when opened directly.
 */
export const REPORT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};
