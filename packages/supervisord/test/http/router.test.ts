import { HttpRouter, type RouteHandler } from '../../src/http/router';

describe('HttpRouter.resolve', () => {
  const rpc: RouteHandler = () => undefined;
  const tail: RouteHandler = () => undefined;
  const ui: RouteHandler = () => undefined;
  const router = new HttpRouter()
    .route('POST', '/RPC2', rpc)
    .route('GET', '/logtail', tail)
    .route(['GET', 'POST'], (path) => path === '/index.html' || path === '/é', ui, { otherMethods: 'next' });

  it('picks the first route whose path test matches, as handle does', () => {
    expect(router.resolve('POST', '/RPC2')).toBe(rpc);
    expect(router.resolve('post', '/RPC2/more?x=1')).toBe(rpc);
    expect(router.resolve('GET', '/logtail/web?x')).toBe(tail);
    expect(router.resolve('POST', '/index.html?x')).toBe(ui);
    expect(router.resolve('GET', '/%C3%A9')).toBe(ui);
  });

  it('rejects a method the matching route refuses, unless the route lets later ones try', () => {
    expect(router.resolve('GET', '/RPC2')).toBe('reject');
    expect(router.resolve('HEAD', '/logtail/x')).toBe('reject');
    expect(router.resolve('PUT', '/index.html')).toBeUndefined();
  });

  it('finds nothing for other paths', () => {
    expect(router.resolve('POST', '/')).toBeUndefined();
    expect(router.resolve('POST', '/rpc2')).toBeUndefined();
  });
});
