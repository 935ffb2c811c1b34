import type { DialogueAct } from '../../model/dialogue';
import type { Entity } from '../../model/health';
import type { Transcript } from '../../model/transcript';
import { transcriptText } from '../../model/transcriptText';
import { readDialogue } from '../health/local/dialogue';

/**
 * The dialogue act of the clause each entity sits in (from the dialogue layer), looked up by the entity's offset
 * into the full transcript text; `undefined` when no clause covers it.
 */
export function clauseActOf(transcript: Transcript): (entity: Entity) => DialogueAct | undefined {
  const { spans } = transcriptText(transcript);
  const start = new Map(spans.map((s) => [s.id, s.offset]));
  const clauses = readDialogue(transcript).map((c) => ({
    from: (start.get(c.segmentId) ?? 0) + c.offset,
    to: (start.get(c.segmentId) ?? 0) + c.offset + c.length,
    act: c.act,
  }));
  return (entity) => clauses.find((c) => entity.offset >= c.from && entity.offset < c.to)?.act;
}
