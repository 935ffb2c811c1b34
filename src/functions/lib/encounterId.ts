import { createHash } from 'node:crypto';

/** Hex digits of the hash kept in the id: 128 bits, collision-free for any realistic number of uploads. */
const PREFIX_LENGTH = 32;

/**
 * The encounter (and orchestration instance) id of an upload: `enc-` + the first 32 hex digits of
 * sha256(`container/name/etag`). The same blob version always maps to the same id, so a re-delivered trigger finds
 * its instance instead of starting another; a new version of the blob (new etag) is a new encounter. The etag is
 * taken without quotes or weak prefix: storage SDKs quote it, trigger metadata may not.
 */
export function encounterId(container: string, name: string, etag: string): string {
  const bare = etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  const hash = createHash('sha256').update(`${container}/${name}/${bare}`).digest('hex');
  return `enc-${hash.slice(0, PREFIX_LENGTH)}`;
}
