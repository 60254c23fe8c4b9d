import { describe, expect, it } from 'vitest';
import {
  DND_MORNING_HOUR,
  describeDoNotDisturb,
  doNotDisturbActive,
  doNotDisturbFor,
  inQuietHours,
  localMinuteOfDay,
  matchesAccountRule,
  mayAnnounce,
  PRIMARY_CATEGORY_LABEL,
  RECENT_MAIL_WINDOW_MS,
  recentWindowMs,
  type AnnounceContext,
} from '../../../electron/main/notification-policy.js';
import {
  MAX_SEPARATE_NOTIFICATIONS,
  planNotifications,
  type NotificationContext,
} from '../../../electron/main/notifications.js';
import {
  DEFAULT_ACCOUNT_NOTIFICATIONS,
  DEFAULT_SETTINGS,
  type MailboxChange,
  type MessageSummary,
  type Settings,
} from '../../../electron/shared/ipc-contract.js';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const QUIET_22_TO_7 = { enabled: true, startMinute: 22 * 60, endMinute: 7 * 60 };

/** The instant a London wall clock shows this date and time (UTC in winter, UTC+1 in summer). */
function london(iso: string): number {
  const utc = Date.parse(`${iso}Z`);
  // London is UTC or UTC+1: whichever reads back as the asked-for wall clock.
  for (const offsetHours of [0, 1]) {
    const at = utc - offsetHours * 3600_000;
    const minute = Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
    if (localMinuteOfDay(at, LONDON) === minute) return at;
  }
  throw new Error(`${iso} does not exist in London`);
}

describe('quiet hours 22:00–07:00 (local time, across midnight)', () => {
  const quietAt = (iso: string) => inQuietHours(QUIET_22_TO_7, london(iso), LONDON);

  it('starts at 22:00 and ends at 07:00: 21:59 and 07:00 are outside, 22:00 and 06:59 inside', () => {
    expect(quietAt('2026-12-07T21:59')).toBe(false);
    expect(quietAt('2026-12-07T22:00')).toBe(true);
    expect(quietAt('2026-12-07T23:59')).toBe(true);
    expect(quietAt('2026-12-08T00:00')).toBe(true);
    expect(quietAt('2026-12-08T06:59')).toBe(true);
    expect(quietAt('2026-12-08T07:00')).toBe(false);
    expect(quietAt('2026-12-08T12:00')).toBe(false);
  });

  it('follows the wall clock across daylight-saving changes (spring forward and fall back)', () => {
    // 29 March 2026: London clocks jump from 01:00 to 02:00. 25 October 2026: from 02:00 back to 01:00.
    for (const night of ['2026-03-28', '2026-10-24']) {
      const next = night === '2026-03-28' ? '2026-03-29' : '2026-10-25';
      expect(quietAt(`${night}T21:59`)).toBe(false);
      expect(quietAt(`${night}T22:00`)).toBe(true);
      expect(quietAt(`${next}T06:59`)).toBe(true);
      expect(quietAt(`${next}T07:00`)).toBe(false);
    }
    // The same UTC instant is 06:30 in winter and 07:30 in summer: quiet only in winter.
    expect(inQuietHours(QUIET_22_TO_7, Date.parse('2026-03-28T06:30Z'), LONDON)).toBe(true);
    expect(inQuietHours(QUIET_22_TO_7, Date.parse('2026-03-29T06:30Z'), LONDON)).toBe(false);
    // Fall back: 01:30 happens twice that night; both are quiet.
    expect(inQuietHours(QUIET_22_TO_7, Date.parse('2026-10-25T00:30Z'), LONDON)).toBe(true);
    expect(inQuietHours(QUIET_22_TO_7, Date.parse('2026-10-25T01:30Z'), LONDON)).toBe(true);
  });

  it('reads the person’s own time zone', () => {
    const at = Date.parse('2026-12-08T03:30Z'); // 03:30 in London, 22:30 the evening before in New York
    expect(inQuietHours({ enabled: true, startMinute: 23 * 60, endMinute: 7 * 60 }, at, LONDON)).toBe(true);
    expect(inQuietHours({ enabled: true, startMinute: 23 * 60, endMinute: 7 * 60 }, at, NEW_YORK)).toBe(false);
  });

  it('a same-day schedule, a disabled one and an empty one', () => {
    const working = { enabled: true, startMinute: 9 * 60, endMinute: 17 * 60 };
    expect(inQuietHours(working, london('2026-12-07T08:59'), LONDON)).toBe(false);
    expect(inQuietHours(working, london('2026-12-07T09:00'), LONDON)).toBe(true);
    expect(inQuietHours(working, london('2026-12-07T17:00'), LONDON)).toBe(false);
    expect(inQuietHours({ ...QUIET_22_TO_7, enabled: false }, london('2026-12-07T23:00'), LONDON)).toBe(false);
    expect(inQuietHours({ enabled: true, startMinute: 600, endMinute: 600 }, london('2026-12-07T10:00'), LONDON)).toBe(
      false,
    );
  });
});

describe('do not disturb', () => {
  const now = london('2026-12-07T15:20');

  it('for 1 hour ends by itself an hour later', () => {
    const dnd = doNotDisturbFor('hour', { now, timeZone: LONDON });
    expect(dnd).toEqual({ until: now + 3600_000 });
    expect(doNotDisturbActive(dnd, now + 3600_000 - 1)).toBe(true);
    expect(doNotDisturbActive(dnd, now + 3600_000)).toBe(false);
  });

  it(`until tomorrow ends at ${DND_MORNING_HOUR}:00 on the next morning (this morning when set in the night)`, () => {
    expect(doNotDisturbFor('tomorrow', { now, timeZone: LONDON })).toEqual({ until: london('2026-12-08T08:00') });
    expect(doNotDisturbFor('tomorrow', { now: london('2026-12-07T07:59'), timeZone: LONDON })).toEqual({
      until: london('2026-12-08T08:00'),
    });
    expect(doNotDisturbFor('tomorrow', { now: london('2026-12-08T01:30'), timeZone: LONDON })).toEqual({
      until: london('2026-12-08T08:00'),
    });
    // Across the spring-forward night the morning is still 08:00 on the wall clock.
    expect(doNotDisturbFor('tomorrow', { now: london('2026-03-28T23:00'), timeZone: LONDON })).toEqual({
      until: Date.parse('2026-03-29T07:00Z'),
    });
    expect(doNotDisturbFor('tomorrow', { now, timeZone: NEW_YORK })).toEqual({
      until: Date.parse('2026-12-08T13:00Z'),
    });
  });

  it('until turned off lasts until turned off', () => {
    const dnd = doNotDisturbFor('off-manually', { now });
    expect(dnd).toEqual({ until: null });
    expect(doNotDisturbActive(dnd, now + 365 * 86_400_000)).toBe(true);
    expect(doNotDisturbActive(null, now)).toBe(false);
  });

  it('says how long it lasts', () => {
    const clock = { now, timeZone: LONDON };
    expect(describeDoNotDisturb(null, clock)).toBeNull();
    expect(describeDoNotDisturb({ until: now - 1 }, clock)).toBeNull();
    expect(describeDoNotDisturb({ until: null }, clock)).toBe('until you turn it off');
    expect(describeDoNotDisturb({ until: now + 42 * 60_000 }, clock)).toBe('for 42 more minutes');
    expect(describeDoNotDisturb({ until: now + 30_000 }, clock)).toBe('for 1 more minute');
    expect(describeDoNotDisturb({ until: london('2026-12-07T19:00') }, clock)).toBe('until 19:00');
    expect(describeDoNotDisturb({ until: london('2026-12-08T08:00') }, clock)).toBe('until 08:00 tomorrow');
  });
});

describe('which mail an account announces', () => {
  const rule = (which: 'inbox' | 'primary' | 'labels', labelIds: string[] = []) => ({ enabled: true, which, labelIds });

  it('all inbox mail, Primary only (CATEGORY_PERSONAL), or any of the chosen labels; off is off', () => {
    const primary = ['INBOX', 'UNREAD', PRIMARY_CATEGORY_LABEL];
    const promotions = ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS', 'Label_2'];
    expect(matchesAccountRule(rule('inbox'), promotions)).toBe(true);
    expect(matchesAccountRule(rule('primary'), primary)).toBe(true);
    expect(matchesAccountRule(rule('primary'), promotions)).toBe(false);
    expect(matchesAccountRule(rule('labels', ['Label_1', 'Label_2']), promotions)).toBe(true);
    expect(matchesAccountRule(rule('labels', ['Label_1']), promotions)).toBe(false);
    expect(matchesAccountRule(rule('labels', []), promotions)).toBe(false);
    expect(matchesAccountRule({ ...rule('inbox'), enabled: false }, primary)).toBe(false);
    expect(DEFAULT_ACCOUNT_NOTIFICATIONS).toEqual({ enabled: true, which: 'inbox', labelIds: [] });
  });

  it('when the labels are not known, only the all-inbox rule matches (the person asked for less)', () => {
    expect(matchesAccountRule(rule('inbox'), undefined)).toBe(true);
    expect(matchesAccountRule(rule('primary'), undefined)).toBe(false);
    expect(matchesAccountRule(rule('labels', ['Label_1']), undefined)).toBe(false);
  });
});

describe('recency', () => {
  it(`announces mail up to ${RECENT_MAIL_WINDOW_MS / 60_000} minutes old, or two poll intervals when longer`, () => {
    expect(recentWindowMs(60)).toBe(RECENT_MAIL_WINDOW_MS);
    expect(recentWindowMs(3600)).toBe(2 * 3600_000);
  });
});

// ----------------------------------------------------------------------------------------------------
// Planning, as the router does it for one `mailbox:changed`
// ----------------------------------------------------------------------------------------------------

const NOW = london('2026-12-07T15:20');
let nextId = 0;
function message(overrides: Partial<MessageSummary> = {}): MessageSummary {
  nextId += 1;
  return {
    accountId: 'work',
    id: `m${nextId}`,
    threadId: `t${nextId}`,
    from: { name: `Sender ${nextId}`, address: `s${nextId}@example.com` },
    subject: `Subject ${nextId}`,
    snippet: '',
    date: NOW - 60_000,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
    ...overrides,
  };
}

/** A change whose `added` all arrived as new mail, each with these labels. */
function arrival(
  added: MessageSummary[],
  labels: string[] = ['INBOX', 'UNREAD', PRIMARY_CATEGORY_LABEL],
): Pick<MailboxChange, 'accountId' | 'added' | 'arrivedIds' | 'arrivedLabelIds'> {
  return {
    accountId: added[0]?.accountId ?? 'work',
    added,
    arrivedIds: added.map((m) => m.id),
    arrivedLabelIds: Object.fromEntries(added.map((m) => [m.id, labels])),
  };
}

function context(
  settings: Partial<Settings> = {},
  at = NOW,
  extra: Partial<AnnounceContext> = {},
): NotificationContext {
  return {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    clock: { now: at, timeZone: LONDON },
    recentMs: recentWindowMs(DEFAULT_SETTINGS.pollSeconds),
    windowFocused: false,
    ...extra,
  };
}

describe('planning new-mail notifications', () => {
  it('200 unread already present at start-up → 0 notifications (history since the last sync, all old)', () => {
    // Glance was closed overnight: Gmail's history since the last successful sync lists 200 arrivals.
    const overnight = Array.from({ length: 200 }, (_, i) => message({ date: NOW - 10 * 3600_000 + i * 60_000 }));
    expect(planNotifications(arrival(overnight), context())).toEqual([]);
  });

  it('3 new → 3 notifications; 30 new → 1 grouped', () => {
    expect(planNotifications(arrival([message(), message(), message()]), context())).toHaveLength(3);
    const burst = Array.from({ length: 30 }, () => message());
    const grouped = planNotifications(arrival(burst), context());
    expect(grouped).toHaveLength(1);
    expect(grouped[0]?.title).toBe('30 new messages');
    expect(MAX_SEPARATE_NOTIFICATIONS).toBe(3);
  });

  it('after waking from sleep or coming back online: only the recent part of what arrived meanwhile', () => {
    const old = message({ date: NOW - 3 * 3600_000 });
    const recent = message({ date: NOW - 5 * 60_000 });
    const planned = planNotifications(arrival([old, recent]), context());
    expect(planned.map((p) => p.target.messageId)).toEqual([recent.id]);
  });

  it('master switch and per-account off', () => {
    expect(planNotifications(arrival([message()]), context({ notifications: false }))).toEqual([]);
    const off = { accountNotifications: { work: { enabled: false, which: 'inbox' as const, labelIds: [] } } };
    expect(planNotifications(arrival([message()]), context(off))).toEqual([]);
    // Another account keeps its own (default) rule.
    expect(planNotifications(arrival([message({ accountId: 'home' })]), context(off))).toHaveLength(1);
  });

  it('Primary only and chosen labels read the arrived messages’ labels', () => {
    const primaryOnly = { accountNotifications: { work: { enabled: true, which: 'primary' as const, labelIds: [] } } };
    expect(planNotifications(arrival([message()]), context(primaryOnly))).toHaveLength(1);
    expect(
      planNotifications(arrival([message()], ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS']), context(primaryOnly)),
    ).toEqual([]);
    const receipts = {
      accountNotifications: { work: { enabled: true, which: 'labels' as const, labelIds: ['Label_1'] } },
    };
    expect(planNotifications(arrival([message()], ['INBOX', 'UNREAD', 'Label_1']), context(receipts))).toHaveLength(1);
    expect(planNotifications(arrival([message()]), context(receipts))).toEqual([]);
  });

  it('nothing during quiet hours, and nothing from quiet hours announced retroactively after they end', () => {
    const quiet = { quietHours: QUIET_22_TO_7 };
    const atNight = london('2026-12-07T23:30');
    const nightMail = message({ date: atNight - 60_000 });
    expect(planNotifications(arrival([nightMail]), context(quiet, atNight))).toEqual([]);
    // The laptop slept through the night; at 07:05 the sync brings the 06:58 message in.
    const lateSync = london('2026-12-08T07:05');
    const beforeEnd = message({ date: london('2026-12-08T06:58') });
    const afterEnd = message({ date: london('2026-12-08T07:01') });
    const planned = planNotifications(arrival([beforeEnd, afterEnd]), context(quiet, lateSync));
    expect(planned.map((p) => p.target.messageId)).toEqual([afterEnd.id]);
  });

  it('do not disturb: nothing while on; expired, it lets new mail through but not mail from during it', () => {
    const until = NOW + 3600_000;
    const dnd = { doNotDisturb: { until } };
    expect(planNotifications(arrival([message()]), context(dnd))).toEqual([]);
    const after = until + 2 * 60_000;
    const during = message({ date: until - 60_000 });
    const fresh = message({ date: until + 60_000 });
    const planned = planNotifications(arrival([during, fresh]), context(dnd, after));
    expect(planned.map((p) => p.target.messageId)).toEqual([fresh.id]);
  });

  it('mail dated before `notBefore` (do not disturb turned off by hand) is not announced', () => {
    const turnedOffAt = NOW - 30_000;
    const during = message({ date: NOW - 60_000 });
    const fresh = message({ date: NOW - 10_000 });
    const planned = planNotifications(arrival([during, fresh]), context({}, NOW, { notBefore: turnedOffAt }));
    expect(planned.map((p) => p.target.messageId)).toEqual([fresh.id]);
  });

  it('each rule alone, through mayAnnounce', () => {
    const candidate = { accountId: 'work', date: NOW - 1000, labelIds: ['INBOX'] };
    expect(mayAnnounce(candidate, context())).toBe(true);
    expect(mayAnnounce({ ...candidate, date: NOW - RECENT_MAIL_WINDOW_MS - 1 }, context())).toBe(false);
    expect(mayAnnounce({ ...candidate, date: NOW - RECENT_MAIL_WINDOW_MS }, context())).toBe(true);
  });
});
