import { describe, expect, it } from 'vitest';
import {
  ClientConfigError,
  ClientRejectedError,
  GlanceError,
  GoogleApiError,
  toIpcError,
} from '../../../electron/core/errors.js';

describe('toIpcError: the structured details the window words', () => {
  it('carries Google’s word for a rejected client as its reason', () => {
    expect(toIpcError(new ClientRejectedError('deleted_client', 'id.apps'))).toMatchObject({
      reason: 'deleted-client',
    });
    expect(toIpcError(new ClientRejectedError('invalid_client', 'id.apps'))).toMatchObject({
      reason: 'invalid-client',
    });
    expect(toIpcError(new ClientRejectedError('unauthorized_client', 'id.apps'))).toMatchObject({
      reason: 'unauthorized-client',
    });
  });

  it('carries what Google answered: Gmail’s status, or the sign-in redirect’s code', () => {
    expect(toIpcError(new GoogleApiError('x', { status: 403 }))).toEqual({
      code: 'GOOGLE_ERROR',
      message: 'x',
      reason: 'gmail-refused',
      status: 403,
    });
    expect(toIpcError(new GoogleApiError('x', { status: undefined }))).toEqual({
      code: 'GOOGLE_ERROR',
      message: 'x',
      reason: 'gmail-refused',
    });
    expect(toIpcError(new GoogleApiError('x', { googleCode: 'server_error' }))).toMatchObject({
      reason: 'sign-in-refused',
      googleCode: 'server_error',
    });
  });

  it('sends no detail the contract does not allow, and keeps the ones that fit', () => {
    const otherCodes = new GlanceError('GOOGLE_ERROR', 'x', { details: { reason: 'deleted-client' } });
    expect(toIpcError(otherCodes)).toEqual({ code: 'GOOGLE_ERROR', message: 'x' });
    const path = new ClientConfigError('x', { reason: 'not-json', file: '/home/alex/secret/client.json' });
    expect(toIpcError(path)).toEqual({ code: 'CLIENT_CONFIG_INVALID', message: 'x', reason: 'not-json' });
    const field = new ClientConfigError('x', {
      reason: 'missing-field',
      field: 'installed.<b>client_id</b>',
      file: 'client.json',
    });
    expect(toIpcError(field)).toEqual({
      code: 'CLIENT_CONFIG_INVALID',
      message: 'x',
      reason: 'missing-field',
      file: 'client.json',
    });
    const status = new GoogleApiError('x', { status: 42 });
    expect(toIpcError(status)).toEqual({ code: 'GOOGLE_ERROR', message: 'x', reason: 'gmail-refused' });
  });

  it('keeps Google’s code as it sent it, capitals included', () => {
    expect(toIpcError(new GoogleApiError('x', { googleCode: 'Invalid_Request' }))).toMatchObject({
      reason: 'sign-in-refused',
      googleCode: 'Invalid_Request',
    });
  });

  it('says nothing of an unexpected failure but a generic sentence', () => {
    expect(toIpcError(new TypeError('x is not a function at /home/alex'))).toEqual({
      code: 'INTERNAL',
      message: expect.not.stringContaining('/home/alex'),
    });
  });
});
