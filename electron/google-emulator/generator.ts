/**
 * Deterministic mailbox generator. Cheap header-level facts (sender, subject, date, labels) are made up
 * front; bodies and MIME source are produced only when a message is first read, so 10,000+ messages cost
 * milliseconds. The same seed always yields the same mailbox.
 */
import type { Address, BinaryPart, MailSpec } from './mime.js';
import { hash32, pick, seededRandom } from './random.js';

/** Subjects of the special messages at the top of the first user's mailbox (newest first), for demo/e2e tests. */
export const SPECIAL_SUBJECTS = {
  windows1252: 'Your Café Zoë receipt: €42.50 — “thanks” for visiting',
  iso88592: 'Spotkanie w Łodzi: zażółć gęślą jaźń',
  iso2022jp: 'こんにちは、グランスのテストです',
  hostileHtml: 'Hostile HTML sample: scripts must never run',
  plainTextUrls: 'Links for the trip (plain text)',
  inlineImage: 'Photos from Saturday (inline image)',
  attachments: 'Invoice INV-2026-0042 with attachments',
} as const;

export type SpecialKind = keyof typeof SPECIAL_SUBJECTS;
const SPECIAL_ORDER: SpecialKind[] = [
  'windows1252',
  'iso88592',
  'iso2022jp',
  'hostileHtml',
  'plainTextUrls',
  'inlineImage',
  'attachments',
];

/** A 1×1 PNG, used for inline images and .png attachments. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function tinyPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R>>endobj\n` +
      `4 0 obj<</Length ${text.length + 24}>>stream\nBT /F1 12 Tf 20 100 Td (${text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}

const FIRST_NAMES = [
  'Priya',
  'Mateo',
  'Aisha',
  'Lukas',
  'Mei',
  'Tomasz',
  'Fatima',
  'Jonas',
  'Chloé',
  'Kwame',
  'Ingrid',
  'Rahul',
  'Sofía',
  'Hiroshi',
  'Amara',
  'Oliver',
  'Zeynep',
  'Diego',
  'Hannah',
  'Nikolai',
  'Leilani',
  'Omar',
  'Greta',
  'Wei',
  'Isabela',
  'Finn',
  'Yara',
  'Samuel',
  'Ngozi',
  'Elif',
  'Marcus',
  'Anja',
  'José',
  'Keiko',
  'Dmitri',
];
const LAST_NAMES = [
  'Shah',
  'García',
  'Okonkwo',
  'Müller',
  'Chen',
  'Nowak',
  'Haddad',
  'Lindqvist',
  'Dubois',
  'Mensah',
  'Larsen',
  'Iyer',
  'Romero',
  'Tanaka',
  'Eze',
  'Bennett',
  'Yılmaz',
  'Fernández',
  'Schmidt',
  'Petrov',
  'Kahale',
  'Farouk',
  'Berg',
  'Zhang',
  'Costa',
  "O'Brien",
  'Haddad',
  'Adeyemi',
  'Novak',
  'Kaya',
  'Johnson',
  'Kowalski',
  'Álvarez',
];
const COMPANIES = [
  { name: 'Northwind Traders', domain: 'northwind.example' },
  { name: 'Contoso', domain: 'contoso.example' },
  { name: 'Fabrikam', domain: 'fabrikam.example' },
  { name: 'Tailspin Toys', domain: 'tailspin.example' },
  { name: 'Wide World Importers', domain: 'wideworld.example' },
  { name: 'Lamna Healthcare', domain: 'lamna.example' },
  { name: 'Proseware', domain: 'proseware.example' },
  { name: 'Adventure Works', domain: 'adventure-works.example' },
];
const NEWSLETTERS = [
  {
    name: 'The Weekly Byte',
    email: 'digest@weeklybyte.example',
    topics: ['Rust in the kernel', 'Why your CI is slow', 'A tour of WebGPU', 'SQLite everywhere'],
  },
  {
    name: 'Garden Notes',
    email: 'hello@gardennotes.example',
    topics: ['Autumn bulbs', 'Composting 101', 'Tomatoes that ripen late', 'Pruning roses'],
  },
  {
    name: 'City Runner',
    email: 'news@cityrunner.example',
    topics: ['Your 10k plan', 'Shoes for winter', 'Race calendar', 'Recovery days'],
  },
  {
    name: 'Kitchen Table',
    email: 'recipes@kitchentable.example',
    topics: ['One-pot lentils', 'Sourdough starter tips', 'Five-minute salsa', 'Miso soup'],
  },
  {
    name: 'Product Hunt-ish',
    email: 'daily@launches.example',
    topics: ['Top launches today', 'Makers to follow', 'Tools for writers', 'AI notebooks'],
  },
];
const SHOPS = [
  { name: 'Paperleaf Books', email: 'receipts@paperleaf.example' },
  { name: 'Bolt Rides', email: 'no-reply@boltrides.example' },
  { name: 'Harbor Coffee', email: 'orders@harborcoffee.example' },
  { name: 'Nimbus Cloud Hosting', email: 'billing@nimbus.example' },
  { name: 'Trainline-ish', email: 'tickets@railway.example' },
];
const NOTIFIERS = [
  { name: 'CodeHost', email: 'notifications@codehost.example' },
  { name: 'Calendar', email: 'calendar-notification@calendar.example' },
  { name: 'Bank of Example', email: 'alerts@bank.example' },
  { name: 'ShipFast Delivery', email: 'tracking@shipfast.example' },
];
const WORK_TOPICS = [
  'Q3 planning',
  'the onboarding doc',
  'Friday demo',
  'the design review',
  'budget numbers',
  'hiring loop',
  'release checklist',
  'customer call notes',
  'offsite agenda',
  'the migration plan',
  'incident follow-up',
];
const PERSONAL_TOPICS = [
  'Dinner on Saturday?',
  'Photos from the hike',
  'Happy birthday!',
  'Book club pick',
  'Moving boxes',
  'Weekend plans',
];
const CITIES = ['Lisbon', 'Kraków', 'Osaka', 'Nairobi', 'Montréal', 'Reykjavík', 'Valparaíso', 'Tbilisi'];
const SENTENCES = [
  'Thanks for the quick turnaround on this.',
  'I have attached the notes from our last conversation.',
  'Could you take a look before the end of the week?',
  'Let me know if anything is unclear and I will follow up.',
  'We moved the meeting to Thursday at 10:00 because of the holiday.',
  'The numbers look better than last quarter, mostly thanks to the new pricing.',
  'Please ignore the earlier draft; this one has the right figures.',
  'I think we can ship this as long as the tests stay green.',
  'Happy to pair on it tomorrow morning if that helps.',
  'No rush on this, it can wait until after the release.',
  'Here is a summary of what we agreed on.',
  'The venue confirmed the booking for twelve people.',
  'Reminder: the office is closed on Monday.',
  "I'll bring snacks — let me know about allergies.",
  'Your feedback shaped most of the changes in this version.',
];

/** The user label generated receipts carry (see mailbox.ts USER_LABELS). */
export const RECEIPTS_LABEL_ID = 'Label_1';

type Kind = 'newsletter' | 'receipt' | 'colleague' | 'notification' | 'personal' | 'travel';
const KINDS: Kind[] = [
  'newsletter',
  'newsletter',
  'receipt',
  'colleague',
  'colleague',
  'colleague',
  'notification',
  'notification',
  'personal',
  'travel',
];

export interface GeneratorUser {
  email: string;
  name: string;
}

/** Eager, cheap facts about one generated message. */
export interface GeneratedHeader {
  index: number;
  id: string;
  threadId: string;
  internalDate: number;
  labelIds: string[];
  historyId: number;
  from: Address;
  subject: string;
  hasAttachment: boolean;
  /** Builds the full message (bodies, attachments); called lazily and cached by the mailbox. */
  build(): MailSpec;
}

export interface GenerateOptions {
  seed: number;
  user: GeneratorUser;
  unread: number;
  read: number;
  /** Put the special charset/hostile/attachment messages first (the default first user). */
  withSpecials: boolean;
  now: number;
  /** Mailbox historyId at creation; every generated message's historyId is below it. */
  baseHistoryId: number;
  remoteOrigin: string;
}

/**
 * Gmail ids are 16 hex digits that start with the time the message reached Gmail, in milliseconds. The
 * emulator counts that time from this fixed instant instead of the wall clock, so a seed always yields the
 * same ids (dates stay relative to "now", ids don't): tests and fixtures can name a message by its id.
 */
export const ID_EPOCH_MS = Date.UTC(2026, 0, 1);

/** A Gmail-style id: 11 hex digits of `idTimeMs` (see ID_EPOCH_MS) + 5 hex digits of `salt`. */
export function gmailStyleId(idTimeMs: number, salt: number): string {
  return idTimeMs.toString(16).padStart(11, '0').slice(-11) + (salt & 0xfffff).toString(16).padStart(5, '0');
}

function slug(email: string): string {
  return email.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function personAddress(random: () => number): Address {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const company = pick(random, COMPANIES);
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return { name: `${first} ${last}`, email: `${local}@${company.domain}` };
}

function paragraph(random: () => number, count: number): string {
  return Array.from({ length: count }, () => pick(random, SENTENCES)).join(' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Wraps body HTML in a document that pulls a remote stylesheet and a remote image (unique per message). */
function remoteHtml(
  remote: string,
  userSlug: string,
  id: string,
  title: string,
  inner: string,
  charset = 'utf-8',
): string {
  return [
    `<!DOCTYPE html><html><head><meta charset="${charset}">`,
    `<link rel="stylesheet" href="${remote}/css/${userSlug}/${id}.css">`,
    `<title>${escapeHtml(title)}</title></head><body>`,
    `<img src="${remote}/img/${userSlug}/${id}/banner.png" width="600" height="120" alt="banner">`,
    inner,
    '</body></html>',
  ].join('\n');
}

export function generateMailbox(options: GenerateOptions): GeneratedHeader[] {
  const total = options.unread + options.read;
  const master = seededRandom(hash32(options.seed, options.user.email, 'mailbox'));
  // Which positions are unread: specials first (unread while unread budget lasts), then shuffled.
  const specials = options.withSpecials ? SPECIAL_ORDER.slice(0, total) : [];
  const unreadFlags: boolean[] = [];
  let unreadLeft = options.unread;
  for (let index = 0; index < specials.length; index++) {
    unreadFlags.push(unreadLeft > 0);
    if (unreadLeft > 0) unreadLeft--;
  }
  const rest: boolean[] = [];
  for (let index = specials.length; index < total; index++) rest.push(index - specials.length < unreadLeft);
  for (let index = rest.length - 1; index > 0; index--) {
    const swap = Math.floor(master() * (index + 1));
    [rest[index], rest[swap]] = [rest[swap] as boolean, rest[index] as boolean];
  }
  unreadFlags.push(...rest);

  // Dates newest first, minutes to hours apart.
  const dates: number[] = [];
  let cursor = options.now - 60_000 - Math.floor(master() * 600_000);
  for (let index = 0; index < total; index++) {
    dates.push(cursor);
    cursor -= 300_000 + Math.floor(master() * master() * 6 * 3_600_000);
  }
  const kinds: Kind[] = Array.from({ length: total }, () => pick(master, KINDS));

  const headers: GeneratedHeader[] = new Array<GeneratedHeader>(total);
  const userSlug = slug(options.user.email);
  // Oldest first so replies can join the thread of an older colleague message.
  for (let index = total - 1; index >= 0; index--) {
    const internalDate = dates[index] ?? options.now;
    const random = seededRandom(hash32(options.seed, options.user.email, index));
    // The id's time part is the message's age before ID_EPOCH_MS, which depends on the seed only.
    const id = gmailStyleId(
      ID_EPOCH_MS - (options.now - internalDate),
      hash32(options.seed, options.user.email, 'id', index),
    );
    const special = specials[index];
    const labels = ['INBOX'];
    if (unreadFlags[index]) labels.push('UNREAD');
    const kind = kinds[index] ?? 'colleague';
    let header: GeneratedHeader;
    if (special) {
      header = specialMessage(special, { index, id, internalDate, labels, options, userSlug });
    } else {
      header = regularMessage(kind, random, {
        index,
        id,
        internalDate,
        labels,
        options,
        userSlug,
        headers,
        kinds,
        total,
      });
    }
    if (random() < 0.06 && !special) header.labelIds.push('STARRED');
    if (!special && kind !== 'newsletter' && random() < 0.2) header.labelIds.push('IMPORTANT');
    if (!special && kind === 'receipt') header.labelIds.push(RECEIPTS_LABEL_ID);
    header.labelIds.push(
      kind === 'newsletter'
        ? 'CATEGORY_PROMOTIONS'
        : kind === 'notification' || kind === 'receipt'
          ? 'CATEGORY_UPDATES'
          : 'CATEGORY_PERSONAL',
    );
    headers[index] = header;
  }
  return headers;
}

interface MessageContext {
  index: number;
  id: string;
  internalDate: number;
  labels: string[];
  options: GenerateOptions;
  userSlug: string;
}

function regularMessage(
  kind: Kind,
  random: () => number,
  context: MessageContext & { headers: GeneratedHeader[]; kinds: Kind[]; total: number },
): GeneratedHeader {
  const { index, id, internalDate, labels, options, userSlug } = context;
  const me: Address = { name: options.user.name, email: options.user.email };
  const remote = options.remoteOrigin;
  const historyId = options.baseHistoryId - 1 - index * 2;
  const messageId = `${id}.${index}@mail.${userSlug}.example`;
  const base = { index, id, threadId: id, internalDate, labelIds: labels, historyId };
  switch (kind) {
    case 'newsletter': {
      const letter = pick(random, NEWSLETTERS);
      const topic = pick(random, letter.topics);
      const subject = `${letter.name}: ${topic}`;
      const from = { name: letter.name, email: letter.email };
      const withInline = random() < 0.3;
      return {
        ...base,
        from,
        subject,
        hasAttachment: withInline,
        build: () => {
          const body = paragraph(seededRandom(hash32(id, 'body')), 4);
          const inline = withInline ? `<p><img src="cid:logo-${id}" alt="logo" width="32" height="32"></p>` : '';
          return {
            from,
            to: [me],
            subject,
            date: internalDate,
            messageId,
            extraHeaders: [['List-Unsubscribe', `<mailto:unsubscribe@${letter.email.split('@')[1]}>`]],
            text: {
              content: `${topic}\n\n${body}\n\nRead online: https://${letter.email.split('@')[1]}/issues/${index}\n`,
              charset: 'utf-8',
            },
            html: {
              content: remoteHtml(
                remote,
                userSlug,
                id,
                subject,
                `${inline}<h1>${escapeHtml(topic)}</h1><p>${escapeHtml(body)}</p><p><a href="https://${letter.email.split('@')[1]}/issues/${index}">Read online</a></p>`,
              ),
              charset: 'utf-8',
            },
            ...(withInline
              ? { inlineImages: [{ cid: `logo-${id}`, filename: 'logo.png', mimeType: 'image/png', data: TINY_PNG }] }
              : {}),
          };
        },
      };
    }
    case 'receipt': {
      const shop = pick(random, SHOPS);
      const amount = (5 + random() * 195).toFixed(2);
      const orderNumber = 10000 + Math.floor(random() * 89999);
      const subject = `Your receipt from ${shop.name} #${orderNumber}`;
      const from = { name: shop.name, email: shop.email };
      const withPdf = random() < 0.5;
      return {
        ...base,
        from,
        subject,
        hasAttachment: withPdf,
        build: () => ({
          from,
          to: [me],
          subject,
          date: internalDate,
          messageId,
          text: {
            content: `Thanks for your order #${orderNumber}.\nTotal: $${amount}\n\nQuestions? Reply to this email.\n`,
            charset: 'utf-8',
          },
          html: {
            content: remoteHtml(
              remote,
              userSlug,
              id,
              subject,
              `<h2>Thanks for your order #${orderNumber}</h2><table><tr><td>Total</td><td><b>$${amount}</b></td></tr></table>`,
            ),
            charset: 'utf-8',
          },
          ...(withPdf
            ? {
                attachments: [
                  {
                    filename: `receipt-${orderNumber}.pdf`,
                    mimeType: 'application/pdf',
                    data: tinyPdf(`Receipt ${orderNumber}: $${amount}`),
                  },
                ],
              }
            : {}),
        }),
      };
    }
    case 'notification': {
      const notifier = pick(random, NOTIFIERS);
      const number = 100 + Math.floor(random() * 900);
      const subjects: Record<string, string> = {
        CodeHost: `[glance/app] Pull request #${number}: ${pick(random, ['Fix flaky test', 'Add dark mode', 'Bump deps', 'Speed up sync'])}`,
        Calendar: `Invitation: ${pick(random, WORK_TOPICS)} @ ${pick(random, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])} 10:00`,
        'Bank of Example': `Card ending ${number} was used for a purchase`,
        'ShipFast Delivery': `Your package ${number}-${Math.floor(random() * 9999)} is out for delivery`,
      };
      const subject = subjects[notifier.name] ?? `Notification ${number}`;
      const from = { name: notifier.name, email: notifier.email };
      return {
        ...base,
        from,
        subject,
        hasAttachment: false,
        build: () => ({
          from,
          to: [me],
          subject,
          date: internalDate,
          messageId,
          text: {
            content: `${subject}\n\nView details: https://${notifier.email.split('@')[1]}/n/${id}\n\nYou are receiving this because you subscribed to notifications.\n`,
            charset: 'utf-8',
          },
        }),
      };
    }
    case 'travel': {
      const city = pick(random, CITIES);
      const subject = `Your trip to ${city} is confirmed`;
      const from = { name: 'Wayfarer Travel', email: 'bookings@wayfarer.example' };
      return {
        ...base,
        from,
        subject,
        hasAttachment: false,
        build: () => ({
          from,
          to: [me],
          subject,
          date: internalDate,
          messageId,
          text: {
            content: `Pack your bags! Your booking to ${city} is confirmed.\nReference: WF-${id.slice(-6).toUpperCase()}\n`,
            charset: 'utf-8',
          },
          html: {
            content: remoteHtml(
              remote,
              userSlug,
              id,
              subject,
              `<h1>${escapeHtml(city)} awaits</h1><p>Reference: <b>WF-${id.slice(-6).toUpperCase()}</b></p>`,
            ),
            charset: 'utf-8',
          },
        }),
      };
    }
    case 'personal':
    case 'colleague': {
      const from = personAddress(random);
      let subject =
        kind === 'personal'
          ? pick(random, PERSONAL_TOPICS)
          : `${pick(random, ['Notes on', 'Quick question about', 'Update:', 'Re:', 'Draft of'])} ${pick(random, WORK_TOPICS)}`;
      let threadId = id;
      let inReplyTo: string | undefined;
      // Sometimes reply in the thread of a slightly older colleague message.
      const olderIndex = index + 1 + Math.floor(random() * 3);
      const older = context.headers[olderIndex];
      if (kind === 'colleague' && older && context.kinds[olderIndex] === 'colleague' && random() < 0.35) {
        threadId = older.threadId;
        subject = older.subject.startsWith('Re: ') ? older.subject : `Re: ${older.subject}`;
        inReplyTo = `${older.id}.${olderIndex}@mail.${userSlug}.example`;
      }
      const withTxt = kind === 'colleague' && random() < 0.1;
      const html = random() < 0.5;
      return {
        ...base,
        threadId,
        from,
        subject,
        hasAttachment: withTxt,
        build: () => {
          const bodyRandom = seededRandom(hash32(id, 'body'));
          const body = `Hi ${me.name.split(' ')[0]},\n\n${paragraph(bodyRandom, 3)}\n\n${paragraph(bodyRandom, 2)}\n\nBest,\n${from.name.split(' ')[0]}\n`;
          return {
            from,
            to: [me],
            subject,
            date: internalDate,
            messageId,
            ...(inReplyTo ? { inReplyTo } : {}),
            text: { content: body, charset: 'utf-8' },
            ...(html
              ? {
                  html: {
                    content: remoteHtml(
                      remote,
                      userSlug,
                      id,
                      subject,
                      body
                        .split('\n\n')
                        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
                        .join(''),
                    ),
                    charset: 'utf-8',
                  },
                }
              : {}),
            ...(withTxt
              ? {
                  attachments: [
                    {
                      filename: 'notes.txt',
                      mimeType: 'text/plain',
                      data: Buffer.from(`Notes for ${subject}\n- item one\n- item two\n`),
                    },
                  ],
                }
              : {}),
          };
        },
      };
    }
  }
}

function specialMessage(kind: SpecialKind, context: MessageContext): GeneratedHeader {
  const { index, id, internalDate, labels, options, userSlug } = context;
  const me: Address = { name: options.user.name, email: options.user.email };
  const remote = options.remoteOrigin;
  const subject = SPECIAL_SUBJECTS[kind];
  const messageId = `${id}.special-${kind}@mail.${userSlug}.example`;
  const base = {
    index,
    id,
    threadId: id,
    internalDate,
    labelIds: labels,
    historyId: options.baseHistoryId - 1 - index * 2,
    subject,
  };
  const wrap = (inner: string, charset?: string) => remoteHtml(remote, userSlug, id, subject, inner, charset);
  const specs: Record<SpecialKind, { from: Address; hasAttachment: boolean; build: () => MailSpec }> = {
    windows1252: {
      from: { name: 'Café Zoë', email: 'orders@cafe-zoe.example' },
      hasAttachment: false,
      build: () => ({
        from: { name: 'Café Zoë', email: 'orders@cafe-zoe.example' },
        to: [me],
        subject,
        subjectCharset: 'windows-1252',
        date: internalDate,
        messageId,
        text: {
          content: 'Total: €42.50\n“Thanks” for visiting Café Zoë — it’s always a pleasure.\n',
          charset: 'windows-1252',
        },
        html: {
          content: wrap(
            '<p>Total: <b>€42.50</b></p><p>“Thanks” for visiting Café Zoë — it’s always a pleasure.</p>',
            'windows-1252',
          ),
          charset: 'windows-1252',
        },
      }),
    },
    iso88592: {
      from: { name: 'Łukasz Żółkiewski', email: 'lukasz@lodz.example' },
      hasAttachment: false,
      build: () => ({
        from: { name: 'Łukasz Żółkiewski', email: 'lukasz@lodz.example' },
        to: [me],
        subject,
        subjectCharset: 'iso-8859-2',
        date: internalDate,
        messageId,
        text: {
          content:
            'Cześć,\nzażółć gęślą jaźń. Spotkajmy się w Łodzi w środę.\nPříliš žluťoučký kůň úpěl ďábelské ódy.\nŁukasz\n',
          charset: 'iso-8859-2',
        },
      }),
    },
    iso2022jp: {
      from: { name: 'Sato Keiko', email: 'keiko@tokyo.example' },
      hasAttachment: false,
      build: () => ({
        from: { name: 'Sato Keiko', email: 'keiko@tokyo.example' },
        to: [me],
        subject,
        subjectCharset: 'iso-2022-jp',
        date: internalDate,
        messageId,
        text: { content: 'こんにちは。\nメールのテストです。\nよろしくおねがいします。\n', charset: 'iso-2022-jp' },
      }),
    },
    hostileHtml: {
      from: { name: 'Totally Legit Security', email: 'security@phish.example' },
      hasAttachment: false,
      build: () => ({
        from: { name: 'Totally Legit Security', email: 'security@phish.example' },
        to: [me],
        subject,
        date: internalDate,
        messageId,
        text: {
          content: 'This message carries hostile HTML for safety tests. Nothing in it may run.\n',
          charset: 'utf-8',
        },
        html: {
          content: wrap(
            [
              '<script>window.__glanceHostileRan = true; alert("xss")</script>',
              '<p>This message carries hostile HTML for safety tests.</p>',
              '<img src="x-broken-image" onerror="window.__glanceHostileRan = true">',
              '<a href="javascript:window.__glanceHostileRan = true">Click to verify your account</a>',
              '<iframe src="https://phish.example/frame"></iframe>',
              '<form action="https://phish.example/steal" method="post"><input name="password"><button>Log in</button></form>',
              '<div onclick="window.__glanceHostileRan = true" style="background:url(javascript:alert(1))">Click me</div>',
            ].join('\n'),
          ),
          charset: 'utf-8',
        },
      }),
    },
    plainTextUrls: {
      from: { name: 'Mateo García', email: 'mateo@adventure-works.example' },
      hasAttachment: false,
      build: () => ({
        from: { name: 'Mateo García', email: 'mateo@adventure-works.example' },
        to: [me],
        subject,
        date: internalDate,
        messageId,
        text: {
          content:
            'Hi!\n\nHere are the links for the trip:\n- Tickets: https://railway.example/tickets/ABC123\n- Hotel: https://hotel.example/booking?id=42&lang=en\n' +
            '- Map: www.maps.example/route/lisbon\n- Questions: mailto:mateo@adventure-works.example\n\nSee you there,\nMateo\n',
          charset: 'utf-8',
        },
      }),
    },
    inlineImage: {
      from: { name: 'Aisha Okonkwo', email: 'aisha@fabrikam.example' },
      hasAttachment: true,
      build: () => ({
        from: { name: 'Aisha Okonkwo', email: 'aisha@fabrikam.example' },
        to: [me],
        subject,
        date: internalDate,
        messageId,
        text: { content: 'Photos from Saturday are below (inline image).\n', charset: 'utf-8' },
        html: {
          content: wrap(
            `<p>Photos from Saturday:</p><p><img src="cid:photo-${id}" alt="Saturday photo" width="64" height="64"></p>`,
          ),
          charset: 'utf-8',
        },
        inlineImages: [{ cid: `photo-${id}`, filename: 'saturday.png', mimeType: 'image/png', data: TINY_PNG }],
      }),
    },
    attachments: {
      from: { name: 'Nimbus Cloud Hosting', email: 'billing@nimbus.example' },
      hasAttachment: true,
      build: () => {
        const attachments: BinaryPart[] = [
          {
            filename: 'INV-2026-0042.pdf',
            mimeType: 'application/pdf',
            data: tinyPdf('Invoice INV-2026-0042: $19.00'),
          },
          { filename: 'usage.txt', mimeType: 'text/plain', data: Buffer.from('compute: 120 h\nstorage: 40 GB\n') },
          { filename: 'chart.png', mimeType: 'image/png', data: TINY_PNG },
        ];
        return {
          from: { name: 'Nimbus Cloud Hosting', email: 'billing@nimbus.example' },
          to: [me],
          subject,
          date: internalDate,
          messageId,
          text: {
            content: 'Your invoice INV-2026-0042 is attached (PDF), with a usage report and a chart.\n',
            charset: 'utf-8',
          },
          html: { content: wrap('<p>Your invoice <b>INV-2026-0042</b> is attached.</p>'), charset: 'utf-8' },
          attachments,
        };
      },
    },
  };
  const spec = specs[kind];
  return { ...base, from: spec.from, hasAttachment: spec.hasAttachment, build: spec.build };
}

/** Sender, subject and text for a message that "arrives" via MailboxControl.add() without details. */
export function arrivalDefaults(
  seed: number,
  userEmail: string,
  sequence: number,
): { from: Address; subject: string; text: string } {
  const random = seededRandom(hash32(seed, userEmail, 'arrival', sequence));
  const from = personAddress(random);
  const subject = `${pick(random, ['New:', 'Fresh update on', 'Question about', 'Heads-up:'])} ${pick(random, WORK_TOPICS)} (${sequence})`;
  return { from, subject, text: `Hi,\n\n${paragraph(random, 3)}\n\n${from.name}\n` };
}
