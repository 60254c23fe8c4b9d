// @vitest-environment jsdom
/**
 * The inbox and the reader in German (issue 15, item 5): the list's rows, the reader's toolbar, the unread
 * count and what the live region says come from the German catalogues, counts through ICU plurals and names
 * listed as German lists them. A pseudo-locale run shows the toolbar has no string outside a catalogue.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupConversations } from '../../../electron/shared/conversations.js';
import { switchLocale } from '../../../electron/shared/i18n/create-i18n.js';
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { statusText } from '../../../renderer/src/inbox/ListPane.js';
import { MessageList } from '../../../renderer/src/inbox/MessageList.js';
import { TopBar } from '../../../renderer/src/inbox/TopBar.js';
import { i18n } from '../../../renderer/src/i18n/i18n.js';
import { ReaderToolbar } from '../../../renderer/src/reader/ReaderToolbar.js';
import { openedConversationText } from '../../../renderer/src/reader/useReaderAnnouncement.js';
import { summary } from './fake-glance.js';
import { stubListLayout } from './render-app.js';

stubListLayout();

beforeAll(() => switchLocale(i18n, 'de'));
afterAll(() => switchLocale(i18n, 'en'));
afterEach(cleanup);

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const noop = () => undefined;
const toolbarActions = { onArchive: noop, onToggleStar: noop, onToggleRead: noop, onOpenInGmail: noop, onClose: noop };

function listProps(items: MessageSummary[]) {
  return {
    label: 'Ungelesene Nachrichten',
    items,
    hasMore: false,
    loadingMore: false,
    moreError: null,
    selected: null,
    open: null,
    marks: null,
    onSelect: noop,
    onLoadMore: noop,
    now,
  };
}

const from = (name: string) => ({ name, address: `${name.toLowerCase()}@example.com` });

describe('the inbox in German', () => {
  it('labels a message row with its states and visible text in German', () => {
    render(<MessageList {...listProps([summary(1, { starred: true, hasAttachments: true })])} />);
    const row = screen.getByRole('option');
    expect(row.getAttribute('aria-label')).toMatch(
      /^Ungelesen, Markiert, Mit Anhang, von Sender 1, .+, Subject number 1, Snippet of message 1$/,
    );
  });

  it('counts a conversation’s messages with German plurals and lists its senders as German does', () => {
    const three = ['Alex', 'Sam', 'Kim'].map((name, index) =>
      summary(10 + index, { threadId: 'big', from: from(name), date: now - (3 - index) * 60_000 }),
    );
    const lone = summary(20, { threadId: 'lone', from: from('Jo'), date: now - 10 * 60_000 });
    const rows = groupConversations([...three, lone]);
    render(<MessageList {...listProps([])} conversations={{ rows, selected: null, open: null, onSelect: noop }} />);
    const [big, single] = screen.getAllByRole('option');
    expect(within(big!).getByText('Alex, Sam und Kim (3)')).toBeTruthy();
    expect(big!.getAttribute('aria-label')).toMatch(
      /^3 ungelesen, Konversation mit 3 Nachrichten, von Alex, Sam und Kim \(3\), /,
    );
    expect(single!.getAttribute('aria-label')).toMatch(/^1 ungelesen, Konversation mit 1 Nachricht, von Jo, /);
  });

  it('shows the unread count with German digits and words', () => {
    render(
      <TopBar
        unreadCount={1234}
        countLabel="alex@example.com"
        searchRef={createRef()}
        searchText=""
        scope="unread"
        onSearchText={noop}
        onSearchNow={noop}
        onScope={noop}
        onRefresh={noop}
        onHelp={noop}
        onSettings={noop}
      >
        {null}
      </TopBar>,
    );
    expect(screen.getByTestId('unread-count').textContent).toBe('1.234 ungelesen');
    expect(screen.getByRole('searchbox', { name: 'E-Mails durchsuchen (Gmail-Suchsyntax)' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Ungelesen' }).getAttribute('aria-checked')).toBe('true');
  });

  it('words a sync failure from its code, not the core’s English sentence', () => {
    const text = statusText(
      {
        accountId: 'a1',
        status: 'error',
        lastSyncedAt: null,
        message: 'Google no longer accepts Glance’s OAuth client.',
        error: { code: 'CLIENT_REJECTED', message: 'Google no longer accepts Glance’s OAuth client.' },
      },
      Date.now(),
      false,
    );
    expect(text).not.toMatch(/Google no longer accepts/);
    expect(text).toBe(`Problem bei der Synchronisierung: ${i18n.t('errors:clientRejected.title')}`);
  });

  it('says an opened conversation in German', () => {
    const messages = [summary(1, { from: from('Sam') }), summary(2, { from: from('Alex'), subject: 'Mittagessen?' })];
    expect(openedConversationText({ messages })).toBe(
      'Konversation mit Sam und Alex geöffnet: Mittagessen?, 2 Nachrichten',
    );
  });
});

describe('the reader’s toolbar in German', () => {
  it('names every action in German, as the flags say', () => {
    render(
      <ReaderToolbar
        {...toolbarActions}
        flags={{ unread: true, starred: true, inInbox: true }}
        account={{ accountId: 'a', email: 'work@example.com', initial: 'W', colour: 0 }}
      />,
    );
    const toolbar = screen.getByRole('toolbar', { name: 'Aktionen für die Nachricht' });
    const names = within(toolbar)
      .getAllByRole('button')
      .map((button) => button.getAttribute('aria-label') ?? button.textContent?.trim());
    expect(names).toEqual(['Zurück zur Liste', 'Archivieren', 'Als gelesen markieren', 'Markiert', 'In Gmail öffnen']);
    expect(within(toolbar).getByText('Im Konto work@example.com')).toBeTruthy();
  });

  it('has no word outside a catalogue (pseudo-locale)', async () => {
    await switchLocale(i18n, 'en-XA');
    try {
      render(
        <ReaderToolbar {...toolbarActions} flags={{ unread: false, starred: false, inInbox: true }} account={null} />,
      );
      for (const button of screen.getAllByRole('button')) {
        const said = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '';
        expect(said, said).toMatch(/^⟦.*⟧$/);
        expect(button.getAttribute('title')).toMatch(/^⟦.*⟧$/);
      }
    } finally {
      await switchLocale(i18n, 'de');
    }
  });
});
