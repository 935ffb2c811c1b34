export { renderReportHtml, type ReportInput } from './html';
export { markdownText, renderNoteMarkdown, renderNoteText } from './markdown';
