import { HostStartupError } from '../hostStartupError';

type PortState = 'free' | 'azurite' | 'other';

async function probe(port: number): Promise<PortState> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    return (res.headers.get('server') ?? '').startsWith('Azurite') ? 'azurite' : 'other';
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED' ? 'free' : 'other';
  }
}

/**
 * What holds the development storage ports (blob, queue, table; 10000–10002 by default): `free` (start Azurite),
 * `azurite` (an Azurite already answers on all three: use it, as a Core Tools user runs it), or a clear startup
 * error naming the port another program holds and how to choose other storage.
 */
export async function probeDevelopmentStorage(ports: number[] = [10000, 10001, 10002]): Promise<'free' | 'azurite'> {
  const states = await Promise.all(ports.map(probe));
  if (states.every((s) => s === 'free')) return 'free';
  if (states.every((s) => s === 'azurite')) return 'azurite';
  const how =
    'Stop it, or set AzureWebJobsStorage to a storage account or to an Azurite on other ports ' +
    '(e.g. azurite --blobPort 20000 --queuePort 20001 --tablePort 20002, with BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1 …).';
  const other = states.indexOf('other');
  if (other >= 0) throw new HostStartupError(`Port ${ports[other]} is in use by another program (not Azurite). ${how}`);
  const missing = ports.filter((_, i) => states[i] === 'free').join(', ');
  throw new HostStartupError(`An Azurite answers on some development storage ports but not on ${missing}. ${how}`);
}
