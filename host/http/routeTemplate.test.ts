import { describe, expect, it } from 'vitest';

import { parseRouteTemplate } from './routeTemplate';

describe('parseRouteTemplate', () => {
  it.each([
    ['api/hello', 'api/hello', {}],
    ['api/hello', 'API/Hello/', {}],
    ['api/items/{id}', 'api/items/a%20b', { id: 'a b' }],
    ['api/items/{id:int}', 'api/items/-12', { id: '-12' }],
    ['api/items/{id:int}', 'api/items/1.5', undefined],
    ['api/items/{id:int}/{part:alpha?}', 'api/items/3', { id: '3' }],
    ['api/items/{id:int}/{part:alpha?}', 'api/items/3/abc', { id: '3', part: 'abc' }],
    ['api/items/{id:int}/{part:alpha?}', 'api/items/3/ab1', undefined],
    ['api/files/{*path}', 'api/files/a/b/c.txt', { path: 'a/b/c.txt' }],
    ['api/files/{*path}', 'api/files', {}],
    ['api/v/{n=7}', 'api/v', { n: '7' }],
    ['api/g/{id:guid}', 'api/g/0f8fad5b-d9cb-469f-a165-70867728950e', { id: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['api/g/{id:guid}', 'api/g/nope', undefined],
    ['api/b/{flag:bool}', 'api/b/TRUE', { flag: 'TRUE' }],
    ['api/r/{n:range(1,5)}', 'api/r/6', undefined],
    ['api/r/{n:min(2):max(4)}', 'api/r/3', { n: '3' }],
    ['api/l/{s:length(2,3)}', 'api/l/abcd', undefined],
    ['api/x/{code:regex(^[a-z]{{2}}\\d$)}', 'api/x/ab1', { code: 'ab1' }],
    ['api/x/{code:regex(^[a-z]{{2}}\\d$)}', 'api/x/a1', undefined],
    ['api/x/{code:regex(^\\d+$)}', 'api/x/123', { code: '123' }],
    ['api/f/{name}.{ext}', 'api/f/report.pdf', { name: 'report', ext: 'pdf' }],
    ['api/hello', 'api/hello/extra', undefined],
  ])('%s matches %s → %j', (template, path, expected) => {
    expect(parseRouteTemplate(template).match(path)).toEqual(expected);
  });

  it.each([
    ['api/items/{id', /unbalanced|malformed/],
    ['api/items/id}', /unbalanced/],
    ['api/{id}/{id}', /appears twice/],
    ['api/{a:nope}', /unknown constraint/],
    ['api/{*rest}/more', /catch-all/],
    ['api/{a?}/b', /optional/],
    ['api//x', /empty segment/],
    ['api/{}', /malformed parameter/],
    ['api/{a}{b}', /two parameters/],
  ])('rejects %s', (template, message) => {
    expect(() => parseRouteTemplate(template, 'fn')).toThrow(message);
  });

  it('orders literal segments before parameters before catch-alls', () => {
    const [lit, param, all] = ['api/items/new', 'api/items/{id}', 'api/{*rest}'].map(
      (t) => parseRouteTemplate(t).precedence,
    );
    expect(lit! < param!).toBe(true);
    expect(param! < all!).toBe(true);
  });
});
