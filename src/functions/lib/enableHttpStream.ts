import { app } from '@azure/functions';

/**
 * Imported (for this side effect) by every function file: HTTP bodies reach handlers as streams, so a large upload
 * is never buffered whole by the worker. `request.json()`/`text()` keep working. Needs Functions host ≥ 4.28 (or
 * the embedded host); the setting is process-wide and locked once the app has started.
 */
app.setup({ enableHttpStream: true });
