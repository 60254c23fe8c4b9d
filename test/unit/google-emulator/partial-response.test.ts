import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESPONSE_SHAPES } from '../../../electron/google-emulator/gmail-shapes.js';
import {
  applyFieldSelection,
  checkFieldSelection,
  FieldSelectionError,
  parseFieldSelection,
  type FieldSelection,
  type ResourceShape,
} from '../../../electron/google-emulator/partial-response.js';

const message = {
  id: 'a1',
  threadId: 't1',
  labelIds: ['INBOX', 'UNREAD'],
  snippet: 'Hello',
  payload: {
    partId: '',
    mimeType: 'multipart/mixed',
    filename: '',
    headers: [
      { name: 'From', value: 'Priya <p@x.example>' },
      { name: 'Subject', value: 'Report' },
    ],
    body: { size: 0 },
    parts: [{ partId: '0', mimeType: 'text/plain', filename: '', headers: [], body: { size: 5, data: 'SGVsbG8=' } }],
  },
  sizeEstimate: 1234,
  historyId: '99',
  internalDate: '1700000000000',
};

const trim = (fields: string, value: unknown = message) => applyFieldSelection(value, parseFieldSelection(fields));
const messageShape = RESPONSE_SHAPES['users.messages.get'] as ResourceShape;
const check = (fields: string, shape: ResourceShape = messageShape) =>
  checkFieldSelection(parseFieldSelection(fields), shape);
const refusal = (action: () => unknown): string | undefined => {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof FieldSelectionError) return error.message;
    throw error;
  }
};

describe('fields= partial responses', () => {
  it('keeps the listed fields, in the resource’s own order', () => {
    expect(trim('threadId,id')).toEqual({ id: 'a1', threadId: 't1' });
    expect(Object.keys(trim('threadId,id') as object)).toEqual(['id', 'threadId']);
  });

  it('selects inside objects with a/b and a(b,c), and through arrays', () => {
    expect(trim('id,payload(mimeType,headers)')).toEqual({
      id: 'a1',
      payload: { mimeType: 'multipart/mixed', headers: message.payload.headers },
    });
    expect(trim('payload/headers/name')).toEqual({ payload: { headers: [{ name: 'From' }, { name: 'Subject' }] } });
    expect(trim('payload/parts(partId,body/size)')).toEqual({
      payload: { parts: [{ partId: '0', body: { size: 5 } }] },
    });
    expect(trim('payload.mimeType')).toEqual({ payload: { mimeType: 'multipart/mixed' } });
    const list = {
      messages: [
        { id: 'a', threadId: 'a' },
        { id: 'b', threadId: 'b' },
      ],
      nextPageToken: 'n',
      resultSizeEstimate: 2,
    };
    expect(trim('messages/id,nextPageToken', list)).toEqual({
      messages: [{ id: 'a' }, { id: 'b' }],
      nextPageToken: 'n',
    });
  });

  it('* selects a whole level; repeated selections merge', () => {
    expect(trim('*')).toEqual(message);
    expect(trim('payload/body/*')).toEqual({ payload: { body: { size: 0 } } });
    expect(trim('payload(*)')).toEqual({ payload: message.payload });
    expect(trim('payload/mimeType,payload/partId')).toEqual({ payload: { partId: '', mimeType: 'multipart/mixed' } });
    expect(trim('payload/mimeType,payload')).toEqual({ payload: message.payload });
  });

  it('a selected field the response lacks is simply absent; an object with none of its fields stays {}', () => {
    expect(trim('id,raw')).toEqual({ id: 'a1' });
    expect(trim('payload(attachmentId)', { payload: {} })).toEqual({ payload: {} });
  });

  it('refuses what does not parse, naming the expression', () => {
    for (const bad of [
      '',
      ',',
      'id,',
      ',id',
      'id,,threadId',
      'payload(',
      'payload()',
      'payload)',
      'pay load',
      'id;x',
      '*/id',
      'payload/*/name',
      '*(id)',
      'a//b',
      '(id)',
    ]) {
      expect(
        refusal(() => parseFieldSelection(bad)),
        bad,
      ).toBe(`Invalid field selection ${bad}`);
    }
    expect(refusal(() => parseFieldSelection(' id , payload ( mimeType ) '))).toBeUndefined();
  });

  it('refuses a field the resource does not have, or a sub-selection of a plain value, naming that field', () => {
    expect(refusal(() => check('id,bogus'))).toBe('Invalid field selection bogus');
    expect(refusal(() => check('payload(mimeType,bogus)'))).toBe('Invalid field selection bogus');
    expect(refusal(() => check('payload/parts/parts/body/nothing'))).toBe('Invalid field selection nothing');
    expect(refusal(() => check('id(x)'))).toBe('Invalid field selection id');
    expect(refusal(() => check('labelIds/x'))).toBe('Invalid field selection labelIds');
    expect(refusal(() => check('Id'))).toBe('Invalid field selection Id');
    // Documented fields the emulator never fills are still valid.
    expect(refusal(() => check('classificationLabelValues(labelId,fields/selection),raw'))).toBeUndefined();
    expect(refusal(() => check('*'))).toBeUndefined();
  });

  it('knows what each Gmail method Glance uses answers', () => {
    const ok = (method: keyof typeof RESPONSE_SHAPES, fields: string) =>
      refusal(() => check(fields, RESPONSE_SHAPES[method] as ResourceShape));
    expect(ok('users.messages.list', 'messages(id,threadId),nextPageToken,resultSizeEstimate')).toBeUndefined();
    expect(ok('users.messages.list', 'history')).toBe('Invalid field selection history');
    expect(
      ok('users.history.list', 'history(id,messagesAdded/message(id,labelIds),labelsRemoved(labelIds)),historyId'),
    ).toBeUndefined();
    expect(ok('users.history.list', 'history/messagesAdded/labelIds')).toBe('Invalid field selection labelIds');
    expect(ok('users.labels.get', 'id,messagesUnread,messagesTotal,color/textColor')).toBeUndefined();
    expect(ok('users.labels.list', 'labels(id,name)')).toBeUndefined();
    expect(ok('users.getProfile', 'emailAddress,historyId')).toBeUndefined();
    expect(ok('users.getProfile', 'email')).toBe('Invalid field selection email');
    expect(RESPONSE_SHAPES['users.messages.batchModify']).toBeUndefined();
  });

  it('knows the Thread resource: id, snippet, historyId and Messages; a thread list holds Threads', () => {
    const ok = (method: keyof typeof RESPONSE_SHAPES, fields: string) =>
      refusal(() => check(fields, RESPONSE_SHAPES[method] as ResourceShape));
    expect(ok('users.threads.get', 'id,historyId,snippet,messages(id,labelIds,payload/headers)')).toBeUndefined();
    expect(ok('users.threads.get', 'messages/threadId,messages/bogus')).toBe('Invalid field selection bogus');
    expect(ok('users.threads.get', 'labelIds')).toBe('Invalid field selection labelIds');
    expect(ok('users.threads.list', 'threads(id,snippet,historyId),nextPageToken,resultSizeEstimate')).toBeUndefined();
    expect(ok('users.threads.list', 'messages')).toBe('Invalid field selection messages');
    expect(ok('users.threads.modify', 'id,messages(id,labelIds)')).toBeUndefined();
  });

  it('property: a selection written out parses back to itself, and trimming keeps only selected keys, idempotently', () => {
    const names = fc.constantFrom('id', 'threadId', 'payload', 'headers', 'name', 'value', 'parts', 'body', 'size');
    const selection: fc.Arbitrary<FieldSelection> = fc.letrec<{ node: FieldSelection }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant<FieldSelection>({ all: true, fields: new Map() }),
        fc
          .uniqueArray(fc.tuple(names, tie('node')), { minLength: 1, maxLength: 4, selector: ([name]) => name })
          .map((entries): FieldSelection => ({ all: false, fields: new Map(entries) })),
      ),
    })).node;
    const write = (node: FieldSelection, style: number): string =>
      node.all
        ? '*'
        : [...node.fields]
            .map(([name, child]) =>
              child.all
                ? name
                : style % 2 === 0 || child.fields.size > 1
                  ? `${name}(${write(child, style)})`
                  : `${name}/${write(child, style)}`,
            )
            .join(',');
    const value = fc.jsonValue({ maxDepth: 4 });
    const keysWithin = (trimmed: unknown, node: FieldSelection): boolean => {
      if (node.all || trimmed === null || typeof trimmed !== 'object') return true;
      if (Array.isArray(trimmed)) return trimmed.every((item) => keysWithin(item, node));
      return Object.entries(trimmed).every(([key, child]) => {
        const wanted = node.fields.get(key);
        return wanted !== undefined && keysWithin(child, wanted);
      });
    };
    fc.assert(
      fc.property(selection, fc.nat(), value, (node, style, json) => {
        const text = write(node, style);
        const parsed = parseFieldSelection(text);
        expect(parsed).toEqual(node);
        const once = applyFieldSelection(json, parsed);
        expect(keysWithin(once, parsed)).toBe(true);
        expect(applyFieldSelection(once, parsed)).toEqual(once);
      }),
    );
  });
});
