/**
 * /api/health's storage probe against a fake Blob endpoint that answers like Azure Storage does for an identity
 * holding only Storage Blob Data roles: account-level Get Blob Service Properties is refused (403
 * AuthorizationPermissionMismatch), container operations are allowed. The probe must report storage reachable.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkStorage } from '../../../src/functions/health';

const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
let server: Server;
let base = '';
const seen: string[] = [];
let containerExists = true;

const xmlError = (code: string) =>
  `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.method} ${url.pathname}?${url.searchParams.get('restype')}/${url.searchParams.get('comp')}`);
    const xml = { 'content-type': 'application/xml' };
    if (url.searchParams.get('restype') === 'service') {
      res.writeHead(403, { ...xml, 'x-ms-error-code': 'AuthorizationPermissionMismatch' });
      return res.end(xmlError('AuthorizationPermissionMismatch'));
    }
    if (url.pathname === '/devstoreaccount1/encounters' && url.searchParams.get('comp') === 'list') {
      if (!containerExists) {
        res.writeHead(404, { ...xml, 'x-ms-error-code': 'ContainerNotFound' });
        return res.end(xmlError('ContainerNotFound'));
      }
      res.writeHead(200, xml);
      return res.end(
        '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="x" ContainerName="encounters"><MaxResults>1</MaxResults><Blobs /><NextMarker /></EnumerationResults>',
      );
    }
    res.writeHead(400, { ...xml, 'x-ms-error-code': 'InvalidUri' });
    res.end(xmlError('InvalidUri'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const env = () => ({
  AzureWebJobsStorage: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=${base}/devstoreaccount1;`,
});

describe('health storage probe with Storage Blob Data roles only', () => {
  it('is reachable although account properties are refused: it lists one blob of the encounters container', async () => {
    seen.length = 0;
    expect(await checkStorage(env())).toMatchObject({ reachable: true });
    expect(seen).toEqual(['GET /devstoreaccount1/encounters?container/list']);
  });

  it('a missing container still proves the account answers', async () => {
    containerExists = false;
    expect(await checkStorage(env())).toMatchObject({ reachable: true });
    containerExists = true;
  });
});
