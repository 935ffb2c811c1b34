/* eslint-disable @typescript-eslint/no-require-imports -- run by node directly, like the durable crash runner */
// Runs the embedded host with this app (built output in dist/) and the offline engines, against the storage account
// in CHAOS_STORAGE (an Azurite the test owns, so killing this process loses no blob): node runAppHost.js <dataDir>.
// Prints "READY <baseUrl> <functionKey>" once it accepts requests.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const { startHost } = require(path.join(root, 'dist/host/start.js'));
const { defaultExtensions } = require(path.join(root, 'dist/host/extensions.js'));

const [dataDir] = process.argv.slice(2);
const quiet = { info() {}, warn() {}, error: (m) => process.stderr.write(`${m}\n`) };
const env = {
  AzureWebJobsStorage: process.env.CHAOS_STORAGE,
  SPEECH_ENGINE: 'local',
  LANGUAGE_ENGINE: 'local',
  NOTE_ENGINE: 'local',
  CLINSCRIBE_TEMP_DIR: path.join(dataDir, 'tmp'),
};
startHost({ appDir: root, dataDir, port: 0, extensions: defaultExtensions(), env, log: quiet, blobPollMs: 300 }).then(
  (host) => {
    process.stdout.write(`READY ${host.baseUrl} ${host.keys.functionKeys.default}\n`);
    const stop = () => host.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (error) => {
    process.stderr.write(`host failed: ${error.stack || error}\n`);
    process.exit(1);
  },
);
