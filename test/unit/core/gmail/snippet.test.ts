import { describe, expect, it } from 'vitest';
import { decodeSnippet } from '../../../../electron/core/gmail/snippet.js';

describe('decodeSnippet', () => {
  it('decodes the HTML entities Gmail puts in snippets, as text only', () => {
    expect(decodeSnippet('I&#39;ll bring snacks &amp; drinks &lt;b&gt;x&lt;/b&gt; &#x20AC;5 &quot;ok&quot;')).toBe(
      'I\'ll bring snacks & drinks <b>x</b> €5 "ok"',
    );
    expect(decodeSnippet('&bogus; &#0; plain')).toBe('&bogus; &#0; plain');
  });
});

describe('message summaries', () => {
  it('carry the decoded snippet, so the list and notifications show text, not entities', async () => {
    const { toStoredMessage } = await import('../../../../electron/core/gmail/summary.js');
    const stored = toStoredMessage({
      id: '18c0000000000001',
      threadId: '18c0000000000001',
      labelIds: ['INBOX', 'UNREAD'],
      snippet: 'Tom &amp; Jerry&#39;s &lt;show&gt;',
      internalDate: '1700000000000',
      payload: { headers: [{ name: 'Subject', value: 'Hi' }] },
    } as Parameters<typeof toStoredMessage>[0]);
    expect(stored.snippet).toBe("Tom & Jerry's <show>");
  });
});
