import { test } from 'vitest';
import { writeLocalNote } from '../../../src/engines/note/local';
import { encounterFixtures } from '../fhir/fixtures';
test('scratch', () => {
  for (const f of encounterFixtures()) for (const t of ['soap', 'hp'] as const) {
    const n = writeLocalNote(f.transcript, f.analysis, t);
    console.log(`== ${f.id} ${t} dropped=${n.dropped}\n` + n.sections.map((s) => `## ${s.title}\n` + s.sentences.map((x) => `${x.text} [${x.evidence.join(',')}]`).join('\n')).join('\n'));
  }
});
