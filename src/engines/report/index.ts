export { renderReportHtml, type ReportInput } from './html';
export { renderNoteMarkdown } from './markdown';
