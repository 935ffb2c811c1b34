/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes Markdown control characters so transcript or model text cannot inject links, HTML or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!|<>~]/g, (c) => `\\${c}`);
}

/** Anchor id of a transcript segment in report.html. */
export const segmentAnchor = (segmentId: string): string => `seg-${segmentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
