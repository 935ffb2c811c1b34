import { execFileSync } from 'node:child_process';

let cached: string | undefined;

/**
 * The ffmpeg binary to use: the one on PATH when present (Debian's is newer), else the build that
 * `@ffmpeg-installer/ffmpeg` ships inside the npm package (works where nothing can be apt-installed).
 */
export function ffmpegPath(): string {
  if (cached) return cached;
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore' });
    cached = 'ffmpeg';
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  }
  return cached;
}
