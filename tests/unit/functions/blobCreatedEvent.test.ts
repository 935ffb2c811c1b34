import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createdBlobOf } from '../../../src/functions/lib/blobCreatedEvent';
import { streamUploadFacts } from '../../../src/functions/lib/uploadFacts';
import { ensureContainers, writeBlob } from '../../../src/store/blobIo';
import { startTestStorage } from '../store/azurite';

const subject = (name: string, container = 'uploads') => `/blobServices/default/containers/${container}/blobs/${name}`;
const created = (s: string, data: Record<string, unknown> = { eTag: '0x8DC1', contentLength: 10 }) => ({
  eventType: 'Microsoft.Storage.BlobCreated',
  subject: s,
  data,
});

describe('BlobCreated events → the upload they refer to (reference only)', () => {
  it.each([
    [created(subject('4f1c.wav')), { name: '4f1c.wav', etag: '0x8DC1' }],
    [created(subject('dir/visit.pdf'), {}), { name: 'dir/visit.pdf', etag: undefined }],
    [created(subject('a.wav', 'encounters')), undefined],
    [{ ...created(subject('a.wav')), eventType: 'Microsoft.Storage.BlobDeleted' }, undefined],
    [created(subject('../encounters/x.json')), undefined],
    [created(subject('a/../../b')), undefined],
    [created(subject('')), undefined],
    [created(subject('bad\u0001name')), undefined],
    [created('/blobServices/default/containers/uploadsX/blobs/a.wav'), undefined],
  ])('%j → %j', (event, expected) => {
    expect(createdBlobOf(event, 'uploads')).toEqual(expected);
  });
});

describe('streamUploadFacts (Azurite)', () => {
  let storage: Awaited<ReturnType<typeof startTestStorage>>;
  beforeAll(async () => {
    storage = await startTestStorage();
    await ensureContainers(storage.blobs, ['uploads']);
  });
  afterAll(async () => {
    await storage?.stop();
  });

  it('reads type, size and sha256 as a stream, with the etag and metadata of the read', async () => {
    const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 0x41)]);
    const ref = await writeBlob(storage.blobs, { container: 'uploads', name: 'x.pdf' }, body);
    await storage.blobs.getContainerClient('uploads').getBlobClient('x.pdf').setMetadata({ template: 'hp' });
    const { etag, metadata, facts } = await streamUploadFacts(storage.blobs, 'uploads', 'x.pdf');
    const { createHash } = await import('node:crypto');
    expect(facts).toEqual({ type: 'pdf', size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect(metadata).toEqual({ template: 'hp' });
    expect(etag).not.toBe('');
    expect(etag).not.toBe(ref.etag); // setMetadata changed it: the etag is the one of the bytes just read
  });
});
