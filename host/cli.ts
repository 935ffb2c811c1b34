/**
 * `clinscribe-host start [--app DIR] [--port N] [--data DIR]`: the embedded Functions host for any Azure Functions
 * v4 Node app folder. Prints its URLs, the key file and "Host started" once it accepts requests; Ctrl-C stops the
 * host and Azurite.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { defaultExtensions } from './extensions';
import { routePrefixOf } from './http/routeTable';
import { startHost } from './start';

export const usage = `Usage: clinscribe-host start [--app DIR] [--port N] [--data DIR]

Runs an Azure Functions v4 Node app (default: this repository) without Core Tools: starts Azurite (unless
AzureWebJobsStorage names another account), loads the app from its package.json "main", serves its HTTP functions
and runs its blob triggers.

Options:
  --app DIR    the function app folder (package.json, host.json, local.settings.json)   [default: this repository]
  --port N     HTTP port; 0 picks a free one                                              [default: 7071]
  --data DIR   keys.json, trigger receipts, Azurite and Durable state                   [default: <app>/.data]
  -h, --help   this text`;

function fail(message: string): number {
  process.stderr.write(`clinscribe-host: ${message.split('\n')[0]}\n`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        app: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`clinscribe-host: ${(error as Error).message} (see clinscribe-host --help)\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (positionals[0] !== 'start' || positionals.length > 1) {
    process.stderr.write(`clinscribe-host: expected the command 'start' (see clinscribe-host --help)\n`);
    return 2;
  }
  const port = values.port === undefined ? 7071 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`clinscribe-host: --port must be an integer from 0 to 65535\n`);
    return 2;
  }
  const appDir = path.resolve(values.app ?? path.join(__dirname, '..', '..'));
  const dataDir = path.resolve(values.data ?? path.join(appDir, '.data'));
  let host;
  try {
    host = await startHost({ appDir, port, dataDir, extensions: defaultExtensions() });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const lines = [
    `Functions host (embedded) for ${appDir}`,
    `  App:       ${host.baseUrl}/`,
    `  Dashboard: ${host.baseUrl}/dashboard`,
    ...host.app.functions
      .filter((f) => f.trigger.type.toLowerCase() === 'httptrigger')
      .map((f) => {
        const route = [routePrefixOf(host.app.hostJson), String(f.trigger.route ?? f.name)].filter(Boolean).join('/');
        const methods = ((f.trigger.methods as string[] | undefined) ?? ['GET', 'POST']).join(',');
        return `  ${f.name}: [${methods}] ${host.baseUrl}/${route} (${String(f.trigger.authLevel ?? 'function')})`;
      }),
    `  Keys:      ${host.keysFile} (x-functions-key header or ?code=)`,
    `  Storage:   ${host.azurite ? `Azurite ${host.azurite.blobEndpoint} (data ${path.join(dataDir, 'azurite')})` : 'AzureWebJobsStorage'}`,
    'Host started',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = () => {
      signals += 1;
      if (signals > 1) process.exit(130); // a second Ctrl-C does not wait for a clean shutdown
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  process.stdout.write('Stopping host…\n');
  await host.stop();
  process.stdout.write('Host stopped\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(fail(String(error))),
);
