/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Anchor id of a transcript segment in report.html. */
export const segmentAnchor = (segmentId: string): string => `seg-${segmentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
