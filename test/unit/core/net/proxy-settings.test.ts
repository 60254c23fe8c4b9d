import { describe, expect, it } from 'vitest';
import { proxySettingsFrom } from '../../../../electron/core/net/node-fetch.js';

describe('proxySettingsFrom (the proxy environment for Node)', () => {
  it('reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY', () => {
    expect(
      proxySettingsFrom({
        HTTP_PROXY: 'http://proxy:3128',
        HTTPS_PROXY: 'http://secure-proxy:3128',
        NO_PROXY: 'localhost,.corp.example',
      }),
    ).toEqual({
      httpProxy: 'http://proxy:3128',
      httpsProxy: 'http://secure-proxy:3128',
      noProxy: 'localhost,.corp.example',
    });
  });

  it('lower-case names win over upper-case ones', () => {
    expect(proxySettingsFrom({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1', no_proxy: 'a' })).toEqual({
      httpProxy: '',
      httpsProxy: 'http://lower:1',
      noProxy: 'a',
    });
  });

  it('https:// URLs use the http proxy when HTTPS_PROXY is unset', () => {
    expect(proxySettingsFrom({ HTTP_PROXY: ' http://proxy:3128 ' })).toMatchObject({
      httpProxy: 'http://proxy:3128',
      httpsProxy: 'http://proxy:3128',
    });
  });

  it('nothing set: no proxy, and never a fallback to the process environment', () => {
    expect(proxySettingsFrom({})).toEqual({ httpProxy: '', httpsProxy: '', noProxy: '' });
  });
});
