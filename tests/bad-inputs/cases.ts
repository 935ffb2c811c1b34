/**
 * Hostile but realistic inputs (issue 10): files, API bodies, paths and queries, options, blob names and upload
 * metadata. Each case names what it sends and the clear answer it must get. Texts are our own paraphrases.
 */
import { wavHeader } from '../../src/engines/audio/wavFile';

export const DIALOGUE = 'Doctor: What brings you in today?\nPatient: A dry cough since last week, no fever.\n';

/** A request to the API and the answer it must get: an immediate status (and code), or 202 then a Failed code. */
export interface ApiCase {
  name: string;
  method?: string;
  path: string;
  body?: Buffer | string;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  /** After the 202, the encounter must end Failed with this code. */
  failsWith?: string;
}

const wav = (seconds: number, dataBytes: number, fill = 0) =>
  Buffer.concat([wavHeader(seconds * 32000, 16000), Buffer.alloc(dataBytes, fill)]);
const upload = (name: string, body: Buffer | string, extra: Partial<ApiCase> & { status: number }): ApiCase => ({
  name,
  method: 'POST',
  path: '/api/encounters',
  body,
  headers: { 'content-type': 'application/octet-stream' },
  ...extra,
});
const utf16 = (bom: number[], text: string, encoding: BufferEncoding) =>
  Buffer.concat([Buffer.from(bom), Buffer.from(text, encoding)]);
const junk = (magic: Buffer | string, n = 600) =>
  Buffer.concat([Buffer.isBuffer(magic) ? magic : Buffer.from(magic, 'latin1'), Buffer.alloc(n, 0x5a)]);
const multipart = (parts: string, boundary = 'XyZ') => ({
  body: parts.replace(/\n/g, '\r\n'),
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
});

export const FILE_CASES: ApiCase[] = [
  upload('an empty body', '', { status: 400, code: 'InvalidRequest' }),
  upload('random binary', Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 37) % 9)), {
    status: 415,
    code: 'UnsupportedType',
  }),
  upload('UTF-16 LE text', utf16([0xff, 0xfe], DIALOGUE, 'utf16le'), { status: 415, code: 'UnsupportedEncoding' }),
  upload('UTF-16 BE text', utf16([0xfe, 0xff], '\0D\0o\0c', 'latin1'), { status: 415, code: 'UnsupportedEncoding' }),
  upload('invalid UTF-8 text', Buffer.from([0x44, 0x6f, 0xc3, 0x28, 0x20, 0x41]), { status: 415 }),
  upload('text with control bytes', Buffer.from('Doctor: hi\x01\x02 there'), { status: 415 }),
  upload('a 44-byte WAV header only', wavHeader(0, 16000), { status: 202, failsWith: 'UndecodableAudio' }),
  upload('a WAV header declaring 10 s with 0.25 s of data', wav(10, 8000, 1), {
    status: 202,
    failsWith: 'TruncatedAudio',
  }),
  upload('a silent WAV', wav(3, 96000), { status: 202, failsWith: 'SilentAudio' }),
  upload('mp3 frame sync then junk', junk(Buffer.from([0xff, 0xfb, 0x90, 0x64])), {
    status: 202,
    failsWith: 'UnsupportedAudio',
  }),
  upload('ID3 tag then junk', junk('ID3\x04\0\0\0\0\0\0'), { status: 202, failsWith: 'UnsupportedAudio' }),
  upload('OggS then junk', junk('OggS'), { status: 202, failsWith: 'UnsupportedAudio' }),
  upload('fLaC then junk', junk('fLaC'), { status: 202, failsWith: 'UnsupportedAudio' }),
  upload('EBML (webm) then junk', junk(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])), {
    status: 202,
    failsWith: 'UnsupportedAudio',
  }),
  upload('ftyp (m4a) then junk', junk('\0\0\0\x18ftypM4A '), { status: 202, failsWith: 'UnsupportedAudio' }),
  upload('a PDF header then junk', junk('%PDF-1.4\n'), { status: 202, failsWith: 'InvalidDocument' }),
  upload('WEBVTT without cues', 'WEBVTT\n\n', { status: 202, failsWith: 'InvalidDocument' }),
  upload('text of blank lines only', '\n\n   \n\t\n', { status: 202, failsWith: 'InvalidDocument' }),
  upload('a text over the document limit', 'cough '.repeat(800_000), { status: 202, failsWith: 'TooLarge' }),
  upload('text declared as audio/wav', DIALOGUE, { headers: { 'content-type': 'audio/wav' }, status: 415 }),
  upload('a WAV declared as application/pdf', wav(1, 32000, 3), {
    headers: { 'content-type': 'application/pdf' },
    status: 415,
  }),
  {
    name: 'multipart without a file part',
    method: 'POST',
    path: '/api/encounters',
    ...multipart('--XyZ\nContent-Disposition: form-data; name="template"\n\nsoap\n--XyZ--\n'),
    status: 400,
    code: 'InvalidRequest',
  },
  {
    name: 'multipart with an empty file part',
    method: 'POST',
    path: '/api/encounters',
    ...multipart('--XyZ\nContent-Disposition: form-data; name="file"; filename="a.txt"\n\n\n--XyZ--\n'),
    status: 400,
    code: 'InvalidRequest',
  },
  {
    name: 'multipart without a boundary',
    method: 'POST',
    path: '/api/encounters',
    body: 'whatever',
    headers: { 'content-type': 'multipart/form-data' },
    status: 400,
    code: 'InvalidRequest',
  },
  {
    name: 'multipart with a bad option field',
    method: 'POST',
    path: '/api/encounters',
    ...multipart(
      `--XyZ\nContent-Disposition: form-data; name="file"; filename="visit.txt"\n\n${DIALOGUE}\n--XyZ\nContent-Disposition: form-data; name="review"\n\nperhaps\n--XyZ--\n`,
    ),
    status: 400,
    code: 'InvalidOptions',
  },
];

const option = (query: string): ApiCase =>
  upload(`option ${query}`, DIALOGUE, { path: `/api/encounters?${query}`, status: 400, code: 'InvalidOptions' });
export const OPTION_CASES: ApiCase[] = [
  option('template=evil'),
  option('template=%00'),
  option('review=maybe'),
  option('maxSpeakers=0'),
  option('maxSpeakers=11'),
  option('maxSpeakers=abc'),
  option('maxSpeakers=2.5'),
  option('locale=x'),
  option('locale=..%2F..%2Fetc'),
  option(`locale=${'a'.repeat(40)}`),
  option('reviewTimeoutHours=-1'),
  option('reviewTimeoutHours=99999'),
  option('reviewTimeoutHours=NaN'),
];

const ID = 'enc-0123456789abcdef0123456789abcdef';
const review = (
  name: string,
  body: string | Buffer,
  status: number,
  code?: string,
  path = `/api/encounters/${ID}/review`,
): ApiCase => ({
  name,
  method: 'POST',
  path,
  body,
  headers: { 'content-type': 'application/json' },
  status,
  code,
});
export const BODY_CASES: ApiCase[] = [
  review('review: not JSON', '{action: approve', 400, 'InvalidRequest'),
  review('review: a JSON array', '[1,2]', 400, 'InvalidRequest'),
  review('review: an unknown action', '{"action":"delete-all"}', 400, 'InvalidRequest'),
  review('review: a 5,000-character comment', JSON.stringify({ action: 'approve', comment: 'x'.repeat(5000) }), 400),
  review('review: invalid UTF-8', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 400, 'InvalidRequest'),
  review('review: a 2 MB body', JSON.stringify({ action: 'approve', comment: 'y'.repeat(2_000_000) }), 413, 'TooLarge'),
  review('review: valid, unknown encounter', '{"action":"approve"}', 404, 'NotFound'),
  review('review: valid, malformed id', '{"action":"approve"}', 404, 'NotFound', '/api/encounters/..%2Fx/review'),
];

const get = (path: string, status: number, code?: string, method = 'GET'): ApiCase => ({
  name: `${method} ${path.length > 80 ? `${path.slice(0, 60)}… (${path.length} chars)` : path}`,
  method,
  path,
  status,
  code,
});
export const PATH_CASES: ApiCase[] = [
  get('/api/encounters/constructor', 404, 'NotFound'),
  get(`/api/encounters/${ID}/constructor`, 404, 'NotFound'),
  get(`/api/encounters/${ID}/__proto__`, 404, 'NotFound'),
  get(`/api/encounters/${ID}/toString`, 404, 'NotFound'),
  get(`/api/encounters/${ID}/hasOwnProperty`, 404, 'NotFound'),
  get(`/api/encounters/${ID}/transcript`, 404, 'NotFound'),
  get('/api/encounters/..%2F..%2Fuploads', 404, 'NotFound'),
  get('/api/encounters/enc-XYZ/status', 404, 'NotFound'),
  get(`/api/encounters/${ID}/status`, 404, 'NotFound'),
  get('/api/encounters?continuationToken=%00%01garbage', 400, 'InvalidRequest'),
  get('/api/encounters?continuationToken=%E2%98%83', 400, 'InvalidRequest'),
  get(`/api/encounters?continuationToken=${'A'.repeat(5000)}`, 400, 'InvalidRequest'),
  get('/api/encounters?pageSize=-5', 200),
  get('/api/encounters?pageSize=abc', 200),
  get('/api/encounters/not-an-id', 404, 'NotFound', 'DELETE'),
  get(`/api/encounters/${ID}`, 404, 'NotFound', 'DELETE'),
];

/** Blob names dropped straight into `uploads/`: every legal name is processed, once. */
export const BLOB_NAMES: string[] = [
  'Jäne Doé visit 2026-03-01.txt',
  'folder/sub folder/visit.txt',
  'visit #3 ?query&x=1.txt',
  'percent %20 literal.txt',
  'trailing dot.',
  `${'long'.repeat(200)}.txt`,
  'emoji 🩺 visit.txt',
  'quote " and apostrophe \'.txt',
  'semi;colon,comma=equals.txt',
  'tab\tin name.txt',
  'line\nbreak.txt',
];

/** A name storage (Azurite) cannot list: it is skipped, and must not stop the names above from being processed. */
export const UNLISTABLE_NAME = 'control \u0001 character.txt';

/** Upload metadata `clinscribeoptions` and the outcome it must have. */
export const METADATA_CASES: { name: string; value: string; failsWith?: string }[] = [
  { name: 'not JSON', value: '{template: soap', failsWith: 'InvalidOptions' },
  { name: 'an unknown template', value: '{"template":"x"}', failsWith: 'InvalidOptions' },
  { name: 'review as a string', value: '{"review":"yes please"}', failsWith: 'InvalidOptions' },
  { name: 'a traversing locale', value: '{"locale":"../../x"}', failsWith: 'InvalidOptions' },
  { name: 'valid options', value: '{"template":"progress"}' },
];

export const CASE_COUNT =
  1 + // UNLISTABLE_NAME
  FILE_CASES.length +
  OPTION_CASES.length +
  BODY_CASES.length +
  PATH_CASES.length +
  BLOB_NAMES.length +
  METADATA_CASES.length;
