import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { openDatabase } from '../../../../electron/core/store/account-database.js';
import { ActionJournal, JOURNAL_MIGRATIONS } from '../../../../electron/core/store/action-journal.js';
import { MailStore, type StoreOpen } from '../../../../electron/core/store/mail-store.js';
import { testSecretStore } from '../cache/helpers.js';
import { ACCOUNT, snapshot } from './helpers.js';

let dataDir: string;
const journals: ActionJournal[] = [];
const opened: StoreOpen[] = [];
/** What every message action read back carries besides its own fields. */
const messages = { target: 'messages', unreadDelta: 0, conversationDelta: 0 } as const;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-journal-'));
});
afterEach(async () => {
  for (const journal of journals.splice(0)) journal.close();
  for (const o of opened.splice(0)) if (o.status !== 'unavailable') o.db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function setup(secretStore = testSecretStore()) {
  const logger = memoryLogger('test');
  const store = new MailStore({ paths: { dataDir }, secretStore, logger, now: () => Date.UTC(2026, 11, 7, 12) });
  return {
    store,
    logger,
    secretStore,
    journal: async () => {
      const journal = await store.openJournal(ACCOUNT);
      journals.push(journal);
      return journal;
    },
    open: async () => {
      const result = await store.open(ACCOUNT);
      opened.push(result);
      return result;
    },
  };
}

/** What a restart reads: the journal closed, then opened again from its file. */
async function reopened(journal: ActionJournal, open: () => Promise<ActionJournal>): Promise<ActionJournal> {
  journal.close();
  return open();
}

describe('ActionJournal', () => {
  it('keeps actions in the order they were made, across a restart, with how far each moved the count', async () => {
    const { journal: open, store } = setup();
    const journal = await open();
    // An account that never queued anything has no file (a cold start writes nothing for it).
    expect(existsSync(store.journalPathFor(ACCOUNT))).toBe(false);
    const first = journal.append('archive', ['m1'], 1000);
    const second = journal.append('markRead', ['m2', 'm3'], 2000);
    journal.append('star', ['m4'], 3000);
    expect(second.seq).toBeGreaterThan(first.seq);
    journal.setDeltas(first.seq, { messages: -1, conversations: -1 });
    const conversation = journal.append('archive', ['t1'], 4000, 'threads');
    journal.setDeltas(conversation.seq, { messages: -2, conversations: -1 });
    expect(existsSync(store.journalPathFor(ACCOUNT))).toBe(true);

    const again = await reopened(journal, open);
    expect(again.pending()).toEqual([
      {
        ...messages,
        seq: first.seq,
        action: 'archive',
        ids: ['m1'],
        madeAt: 1000,
        unreadDelta: -1,
        conversationDelta: -1,
      },
      { ...messages, seq: second.seq, action: 'markRead', ids: ['m2', 'm3'], madeAt: 2000 },
      { ...messages, seq: second.seq + 1, action: 'star', ids: ['m4'], madeAt: 3000 },
      // A conversation action: its ids are thread ids, and it keeps both counts' deltas.
      {
        seq: conversation.seq,
        action: 'archive',
        ids: ['t1'],
        target: 'threads',
        madeAt: 4000,
        unreadDelta: -2,
        conversationDelta: -1,
      },
    ]);
  });

  it('a journal written before conversation actions existed opens with its actions as message actions', () => {
    const path = join(dataDir, 'old.actions.db');
    const key = Buffer.alloc(32, 7);
    const old = openDatabase(path, key, ACCOUNT, JOURNAL_MIGRATIONS.slice(0, 1));
    old
      .prepare('INSERT INTO actions (action, ids, made_at, unread_delta) VALUES (?, ?, ?, ?)')
      .run('archive', JSON.stringify(['m1']), 1000, -1);
    old.close();
    const journal = ActionJournal.open(path, key, ACCOUNT);
    journals.push(journal);
    expect(journal.pending()).toEqual([
      {
        seq: 1,
        action: 'archive',
        ids: ['m1'],
        target: 'messages',
        madeAt: 1000,
        unreadDelta: -1,
        conversationDelta: 0,
      },
    ]);
  });

  it('removes accepted actions and never reuses their place in the order', async () => {
    const { journal: open } = setup();
    const journal = await open();
    const a = journal.append('archive', ['m1'], 1);
    const b = journal.append('archive', ['m2', 'm3'], 2);
    journal.remove([a.seq]);
    journal.keepIds(b.seq, ['m3']);
    const again = await reopened(journal, open);
    expect(again.pending().map((entry) => [entry.seq, entry.ids])).toEqual([[b.seq, ['m3']]]);
    const c = again.append('unarchive', ['m1'], 3);
    expect(c.seq).toBeGreaterThan(b.seq);
    again.keepIds(b.seq, []);
    again.remove([c.seq]);
    expect((await reopened(again, open)).pending()).toEqual([]);
  });

  it('is encrypted at rest: no message id or action in the file', async () => {
    const { journal: open, store } = setup();
    const journal = await open();
    journal.append('archive', ['19b75bbfba5cead8'], 1);
    journal.close();
    const bytes = await readFile(store.journalPathFor(ACCOUNT));
    expect(bytes.includes('19b75bbfba5cead8')).toBe(false);
    expect(bytes.includes('archive')).toBe(false);
  });

  it('is kept when the mail copy is unreadable and rebuilt', async () => {
    const { journal: open, open: openStore, store } = setup();
    const first = await openStore();
    if (first.status === 'unavailable') throw new Error('expected a store');
    first.db.save(snapshot());
    const journal = await open();
    journal.append('archive', ['a1'], 1);
    journal.close();
    first.db.close();
    await writeFile(store.pathFor(ACCOUNT), 'garbage, not a database');

    expect(await openStore()).toMatchObject({ status: 'empty', rebuilding: true });
    expect((await open()).pending().map((entry) => entry.ids)).toEqual([['a1']]);
  });

  it('an unreadable journal is set aside and a new one starts empty', async () => {
    const { journal: open, store, logger } = setup();
    const journal = await open();
    journal.append('archive', ['a1'], 1);
    journal.close();
    await writeFile(store.journalPathFor(ACCOUNT), 'garbage, not a database');
    const again = await open();
    expect(again.pending()).toEqual([]);
    expect(logger.lines.some((line) => line.includes('unreadable action journal'))).toBe(true);
    expect((await readdir(store.folder)).some((name) => name.includes('.actions.db.corrupt-'))).toBe(true);
    again.append('star', ['b1'], 2);
    expect((await reopened(again, open)).pending().map((entry) => entry.action)).toEqual(['star']);
  });

  it('waits in memory when the keychain is unavailable', async () => {
    const { journal: open, store } = setup(testSecretStore({ failing: true }));
    const journal = await open();
    journal.append('archive', ['a1'], 1);
    expect(journal.pending()).toHaveLength(1);
    expect(existsSync(store.journalPathFor(ACCOUNT))).toBe(false);
  });

  it('sign-out deletes the journal and any copy set aside', async () => {
    const { journal: open, store } = setup();
    const journal = await open();
    journal.append('archive', ['a1'], 1);
    journal.close();
    await writeFile(store.journalPathFor(ACCOUNT), 'garbage');
    (await open()).append('star', ['b1'], 2);
    for (const j of journals.splice(0)) j.close();
    await store.remove(ACCOUNT);
    expect((await readdir(store.folder)).filter((name) => name.startsWith(ACCOUNT))).toEqual([]);
  });
});
