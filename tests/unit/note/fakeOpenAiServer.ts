/**
 * A local server speaking the Chat Completions wire format (OpenAI `/v1/chat/completions` and Azure
 * `/openai/deployments/{d}/chat/completions?api-version=`), with scripted behaviours: grounded answers built from
 * the transcript lines in the request, raw contents (schema violations), unknown evidence ids, HTTP errors with
 * real error bodies (Azure content filter, 429 + Retry-After), finish_reason content_filter, slow answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behavior =
  | { kind: 'grounded' }
  | { kind: 'content'; content: string; finish?: string }
  | { kind: 'unknownEvidence' }
  | { kind: 'http'; status: number; headers?: Record<string, string>; body: unknown }
  | { kind: 'slow'; ms: number };

export interface RecordedRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
  };
}

export interface FakeOpenAi {
  url: string;
  script: Behavior[];
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const AZURE_CONTENT_FILTER_BODY = {
  error: {
    message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
    type: null,
    param: 'prompt',
    code: 'content_filter',
    status: 400,
    innererror: {
      code: 'ResponsibleAIPolicyViolation',
      content_filter_result: { self_harm: { filtered: true, severity: 'medium' } },
    },
  },
};

function sectionIds(body: RecordedRequest['body']): string[] {
  const schema = body.response_format?.json_schema.schema as {
    properties: { sections: { items: { properties: { id: { enum: string[] } } } } };
  };
  return schema.properties.sections.items.properties.id.enum;
}

/** A "model" that only restates transcript lines, citing each: grounded by construction. */
function groundedAnswer(body: RecordedRequest['body']): unknown {
  const user = body.messages.find((m) => m.role === 'user')!.content;
  if (user.startsWith('Merge')) {
    const partials = JSON.parse(user.slice(user.indexOf('\n[') + 1)) as Array<{ sections: unknown[] }>;
    return { sections: partials.flatMap((p) => p.sections) };
  }
  const ids = sectionIds(body);
  const lines = [...user.matchAll(/^\[([^\]]+)\] (clinician|patient|other): (.*)$/gm)];
  return {
    sections: ids.map((id, i) => ({
      id,
      sentences: lines
        .filter((_, j) => j % ids.length === i)
        .map((m) => ({ text: `The ${m[2]} said: ${m[3]}`, evidence: [m[1]] })),
    })),
  };
}

const completion = (model: string, content: string, finish = 'stop') => ({
  id: 'chatcmpl-fake',
  object: 'chat.completion',
  created: 1_700_000_000,
  model,
  choices: [
    { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish, logprobs: null },
  ],
  usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
});

/** Starts the fake on a random port; behaviours are consumed in order, then `grounded` answers. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const fake = { script: [] as Behavior[], requests: [] as RecordedRequest[] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
      fake.requests.push({ url: req.url ?? '', headers: req.headers, body });
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (!/\/chat\/completions(\?|$)/.test(req.url ?? ''))
        return json(404, { error: { message: 'not found', code: 'NotFound' } });
      const behavior = fake.script.shift() ?? { kind: 'grounded' };
      switch (behavior.kind) {
        case 'grounded':
          return json(200, completion(body.model, JSON.stringify(groundedAnswer(body))));
        case 'content':
          return json(200, completion(body.model, behavior.content, behavior.finish));
        case 'unknownEvidence': {
          const [first] = sectionIds(body);
          const answer = {
            sections: [
              {
                id: first,
                sentences: [
                  { text: 'Invented.', evidence: ['s999'] },
                  { text: 'Half grounded.', evidence: ['s1', 's999'] },
                ],
              },
            ],
          };
          return json(200, completion(body.model, JSON.stringify(answer)));
        }
        case 'http':
          return json(behavior.status, behavior.body, behavior.headers);
        case 'slow':
          setTimeout(
            () => json(200, completion(body.model, JSON.stringify(groundedAnswer(body)))),
            behavior.ms,
          ).unref();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
