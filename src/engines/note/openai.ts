import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';

import type { Config } from '../../config';
import { NonRetriableError, TransientError } from '../../errors';
import { log } from '../../log';
import type { HealthAnalysis } from '../../model/health';
import type { Note, NoteSection, NoteTemplate } from '../../model/note';
import type { Transcript } from '../../model/transcript';
import { groundSections } from './grounding';
import type { NoteEngine } from './index';
import { createChatTarget } from './openaiClient';
import { toNoteError } from './openaiErrors';
import {
  type Answer,
  answerSchema,
  chunkLines,
  chunkPrompt,
  entityHints,
  reducePrompt,
  segmentLine,
  systemPrompt,
} from './openaiPrompt';
import { TEMPLATES, type TemplateSchema } from './templates';

export interface OpenAiNoteOptions {
  client: OpenAI;
  model: string;
  name?: string;
  /** Transcript characters per request before map-reduce kicks in (≈ 4 characters per token). */
  maxInputChars?: number;
  /** Size of the partial notes that still fit one merge request (defaults to maxInputChars). */
  maxReduceChars?: number;
  /** Attempts for transient failures (429, 5xx, timeouts) inside one activity run. */
  maxAttempts?: number;
  /** A Retry-After longer than this is handed to the orchestrator's retry instead of waited here. */
  maxWaitMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Messages = OpenAI.Chat.Completions.ChatCompletionMessageParam[];
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The note engine backed by Azure OpenAI or any OpenAI-compatible Chat Completions server. */
export function createOpenAiNoteEngine(source: Config | OpenAiNoteOptions): NoteEngine {
  const timeoutMs = ('timeoutMs' in source && source.timeoutMs) || 120_000;
  const o: OpenAiNoteOptions =
    'settings' in source ? { ...createChatTarget(source, timeoutMs), name: source.engines.note } : source;
  const name = o.name ?? 'openai';
  const sleep = o.sleep ?? defaultSleep;

  /** One request; transient failures are retried here while their wait is short. */
  async function complete(
    template: TemplateSchema,
    messages: Messages,
  ): Promise<OpenAI.Chat.Completions.ChatCompletion> {
    const attempts = o.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await o.client.chat.completions.create({
          model: o.model,
          messages,
          temperature: 0,
          response_format: zodResponseFormat(answerSchema(template), 'clinical_note'),
        });
      } catch (raw) {
        const error = toNoteError(raw);
        const wait = error instanceof TransientError ? (error.retryAfterMs ?? 1000 * 2 ** (attempt - 1)) : Infinity;
        if (!error.retriable || attempt >= attempts || wait > (o.maxWaitMs ?? 20_000)) throw error;
        log.warn('note.openai.retry', { engine: name, code: error.code, attempt, waitMs: wait });
        await sleep(wait);
      }
    }
  }

  /** A structured answer; one more request when the answer breaks the schema. */
  async function ask(template: TemplateSchema, messages: Messages): Promise<Answer> {
    const schema = answerSchema(template);
    let problem = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      const choice = (await complete(template, messages)).choices[0];
      if (choice?.finish_reason === 'content_filter')
        throw new NonRetriableError('ContentFiltered', "The language model's content filter stopped the note");
      if (choice?.message.refusal)
        throw new NonRetriableError(
          'ModelRefused',
          `The language model refused: ${choice.message.refusal.slice(0, 200)}`,
        );
      try {
        const parsed = schema.safeParse(JSON.parse(choice?.message.content ?? ''));
        if (parsed.success) return parsed.data;
        problem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      } catch {
        problem = choice?.finish_reason === 'length' ? 'answer cut at the token limit' : 'answer is not JSON';
      }
      log.warn('note.openai.schemaViolation', { engine: name, attempt });
    }
    throw new NonRetriableError(
      'NoteSchemaViolation',
      `The language model's answer broke the note schema twice: ${problem.slice(0, 300)}`,
    );
  }

  return {
    name,
    async write(
      transcript: Transcript,
      analysis: HealthAnalysis,
      options?: { template?: NoteTemplate },
    ): Promise<Note> {
      const template = TEMPLATES[options?.template ?? 'soap'];
      const system = { role: 'system' as const, content: systemPrompt(template) };
      const chunks = chunkLines(transcript.segments.map(segmentLine), o.maxInputChars ?? 48_000);
      const partials: Answer[] = [];
      for (const [index, lines] of chunks.entries()) {
        const ids = new Set(lines.map((l) => /^\[([^\]]+)\]/.exec(l)?.[1] ?? ''));
        const part = chunks.length > 1 ? { index, count: chunks.length } : undefined;
        partials.push(
          await ask(template, [
            system,
            { role: 'user', content: chunkPrompt(lines, entityHints(analysis, ids), part) },
          ]),
        );
      }
      let answer = partials[0] ?? { sections: [] };
      if (partials.length > 1) {
        const merged = reducePrompt(partials);
        answer =
          merged.length <= (o.maxReduceChars ?? o.maxInputChars ?? 48_000)
            ? await ask(template, [system, { role: 'user', content: merged }])
            : concatAnswers(partials);
      }
      const sections: NoteSection[] = template.sections.map((s) => ({
        id: s.id,
        title: s.title,
        sentences: answer.sections.filter((a) => a.id === s.id).flatMap((a) => a.sentences),
      }));
      const grounded = groundSections(sections, transcript);
      log.info('note.written', {
        engine: name,
        template: template.id,
        chunks: chunks.length,
        dropped: grounded.dropped,
      });
      return { template: template.id, engine: name, sections: grounded.sections, dropped: grounded.dropped };
    },
  };
}

/** Deterministic fallback when the partial notes are themselves too long to merge in one request. */
function concatAnswers(partials: Answer[]): Answer {
  return { sections: partials.flatMap((p) => p.sections) };
}
