import { describe, expect, it } from 'vitest';
import { embeddedClientFrom, readEnvironment } from '../../../electron/main/environment.js';

const development = { isPackaged: false };
const installed = { isPackaged: true };

describe('readEnvironment', () => {
  it('reads the Glance variables once, ignoring blanks', () => {
    expect(readEnvironment({}, development)).toEqual({ forceDemo: false, logLevel: 'info' });
    expect(
      readEnvironment(
        {
          GLANCE_CLIENT_SECRETS: ' /home/alex/client_secret.json ',
          GLANCE_DEMO: '1',
          GLANCE_DEV_SERVER_URL: 'http://127.0.0.1:5173/',
          GLANCE_USER_DATA_DIR: '/tmp/glance-profile',
          GLANCE_LOG_LEVEL: 'debug',
        },
        development,
      ),
    ).toEqual({
      clientSecretsPath: '/home/alex/client_secret.json',
      forceDemo: true,
      devServerUrl: 'http://127.0.0.1:5173/',
      userDataDir: '/tmp/glance-profile',
      logLevel: 'debug',
    });
    expect(readEnvironment({ GLANCE_CLIENT_SECRETS: '  ', GLANCE_DEMO: 'yes' }, development)).toEqual({
      forceDemo: false,
      logLevel: 'info',
    });
  });

  it('ignores a dev server URL in an installed app, where it would make a loopback page trusted', () => {
    const env = { GLANCE_DEV_SERVER_URL: 'http://127.0.0.1:5173/', GLANCE_DEMO: '1' };
    expect(readEnvironment(env, installed)).toEqual({ forceDemo: true, logLevel: 'info' });
    expect(readEnvironment(env, development).devServerUrl).toBe('http://127.0.0.1:5173/');
  });

  it('GLANCE_LOG_LEVEL takes debug, info, warn or error, and says so when given anything else', () => {
    expect(readEnvironment({ GLANCE_LOG_LEVEL: 'WARN' }, installed).logLevel).toBe('warn');
    expect(() => readEnvironment({ GLANCE_LOG_LEVEL: 'verbose' }, installed)).toThrow(
      'GLANCE_LOG_LEVEL must be one of debug, info, warn, error, not “verbose”.',
    );
  });

  it('GLANCE_LOCALE names a shipped language or a pseudo-locale, and says which when given anything else', () => {
    expect(readEnvironment({ GLANCE_LOCALE: 'de' }, development).locale).toBe('de');
    expect(readEnvironment({ GLANCE_LOCALE: ' en-XA ' }, development).locale).toBe('en-XA');
    expect(readEnvironment({ GLANCE_LOCALE: 'ar-XB' }, installed).locale).toBe('ar-XB');
    expect(readEnvironment({ GLANCE_LOCALE: '' }, development).locale).toBeUndefined();
    expect(() => readEnvironment({ GLANCE_LOCALE: 'fr' }, development)).toThrow(
      'GLANCE_LOCALE must be one of en, de, en-XA, ar-XB, not “fr”.',
    );
  });

  it('knows the AppImage file when running from one', () => {
    expect(readEnvironment({ APPIMAGE: '/home/alex/Apps/Glance.AppImage' }, installed).appImagePath).toBe(
      '/home/alex/Apps/Glance.AppImage',
    );
    expect(readEnvironment({ APPIMAGE: 'Glance.AppImage' }, installed)).not.toHaveProperty('appImagePath');
  });

  it('says what to do with a relative data folder', () => {
    expect(() => readEnvironment({ GLANCE_USER_DATA_DIR: 'profile' }, development)).toThrow(/absolute folder path/);
  });
});

describe('embeddedClientFrom', () => {
  it('accepts a client id with or without a secret, nothing else', () => {
    expect(embeddedClientFrom(null)).toBeNull();
    expect(embeddedClientFrom({ clientId: '' })).toBeNull();
    expect(embeddedClientFrom({ clientId: 42 })).toBeNull();
    expect(embeddedClientFrom({ clientId: 'id.apps.googleusercontent.com', clientSecret: '' })).toEqual({
      clientId: 'id.apps.googleusercontent.com',
    });
    expect(embeddedClientFrom({ clientId: 'id', clientSecret: 's' })).toEqual({ clientId: 'id', clientSecret: 's' });
  });
});
