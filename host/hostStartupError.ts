/** A problem that keeps the host from starting (bad app, bad route, missing file): printed as one clear line. */
export class HostStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostStartupError';
  }
}
