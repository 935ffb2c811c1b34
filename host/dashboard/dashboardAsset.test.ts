import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { dashboardAsset, publicDir } from './dashboardAsset';

describe('dashboardAsset', () => {
  it.each([
    ['', 'index.html', 'text/html; charset=utf-8'],
    ['index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app.js', 'app.js', 'text/javascript; charset=utf-8'],
    ['style.css', 'style.css', 'text/css; charset=utf-8'],
  ])('serves %j as %s', (name, file, contentType) => {
    expect(dashboardAsset(name)).toEqual({ file, contentType });
  });

  it.each(['..', '../keys.json', 'constructor', 'toString', '__proto__', 'format.test.ts', 'x.js'])(
    'refuses %j',
    (name) => {
      expect(dashboardAsset(name)).toBeUndefined();
    },
  );

  it('finds the page files, from source and from the build output folder', () => {
    for (const file of [
      'index.html',
      'style.css',
      'detail.css',
      'format.js',
      'api.js',
      'instances.js',
      'timeline.js',
      'app.js',
    ]) {
      expect(fs.existsSync(path.join(publicDir(), file))).toBe(true);
      expect(dashboardAsset(file)).toBeDefined();
    }
    const fromDist = publicDir(path.resolve(__dirname, '..', '..', 'dist', 'host', 'dashboard'));
    expect(fromDist).toBe(publicDir());
  });
});
