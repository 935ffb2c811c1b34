/** Inline stylesheet of report.html: self-contained, readable on screen, clean on paper. */
export const REPORT_CSS = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}.meta{color:#555}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
.sentence a.ev{font-size:.8em;margin-left:.2em;color:#245;text-decoration:none;border:1px solid #9ab;border-radius:3px;padding:0 .2em}
.seg{display:grid;grid-template-columns:9rem 1fr;gap:.5rem;padding:.3rem 0;border-bottom:1px dotted #ddd}
.seg:target{background:#fff6cc}.who{font-weight:600}.role-clinician .who{color:#1a4f8b}.role-patient .who{color:#7a3b00}
.time{display:block;font-weight:400;color:#777;font-size:.85em}
mark.ent{border-radius:3px;padding:0 .1em}.a-positive{background:#d7f0d7}.a-negative{background:#f6d0d0;text-decoration:line-through}
.a-possible{background:#fbe7b5}.a-conditional{background:#e3dcf5}.a-other{background:#d4e6f7}.a-past{background:#e6e6e6}.a-future{background:#d9f2f2}
.legend mark{margin-right:.5rem}.flagged{background:#fff0e0}.flag{color:#b35900;margin-left:.2em}ul.flags{color:#8a4500;font-size:.9em;margin:.2rem 0}.empty{color:#777;font-style:italic}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit}.seg{break-inside:avoid}h2{break-after:avoid}.sentence a.ev{border:none}}
`;
