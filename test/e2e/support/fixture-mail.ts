/**
 * A small mailbox the language tests write themselves (pseudo-locale.spec.ts), so every string of the
 * person's data on screen is known: names, addresses, subjects, bodies, attachment names.
 */
import type { GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { TINY_PNG } from '../../../electron/google-emulator/index.js';
import type { PersonData } from './untranslated.js';

export interface Person {
  name: string;
  email: string;
}

export const ALEX: Person = { name: 'Alex Rivera', email: 'alex@example.com' };
export const SAM: Person = { name: 'Sam Lee', email: 'sam@example.com' };
const PRIYA: Person = { name: 'Priya Shah', email: 'priya@northwind.example' };
const BILLING: Person = { name: 'Northwind Billing', email: 'billing@northwind.example' };
const JO: Person = { name: 'Jo Park', email: 'jo.park@lakeside.example' };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface FixtureMail {
  key: 'html' | 'plain' | 'attachments' | 'search' | 'old' | 'threadStart' | 'threadMiddle' | 'threadEnd' | 'sam';
  owner: Person;
  from: Person;
  subject: string;
  /** One paragraph, under 200 characters and without quotes or ampersands: the snippet is then the whole text. */
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; mimeType: string; content: string | Uint8Array }>;
  ago: number;
  read?: boolean;
  /** Joins the thread of this earlier message. */
  replyTo?: FixtureMail['key'];
}

export const FIXTURE_MAIL: FixtureMail[] = [
  {
    key: 'html',
    owner: ALEX,
    from: PRIYA,
    subject: 'Quarterly numbers for the board',
    text: 'Revenue grew in every region this quarter. The full table is below.',
    html: '<p>Revenue grew in every region this quarter.</p><table><tr><td>North</td><td>12</td></tr></table>',
    ago: 10 * MINUTE,
  },
  {
    key: 'plain',
    owner: ALEX,
    from: SAM,
    subject: 'Train times for Friday',
    text: 'The 8:15 leaves from platform 4. See you at the station.',
    ago: DAY + 2 * MINUTE,
  },
  {
    key: 'attachments',
    owner: ALEX,
    from: BILLING,
    subject: 'Invoice 2026-0042 with the signed lease',
    text: 'Attached are the invoice and the signed lease for the new office.',
    attachments: [
      { filename: 'invoice-2026-0042.pdf', mimeType: 'application/pdf', content: '%PDF-1.4\n%%EOF\n' },
      { filename: 'floor-plan.png', mimeType: 'image/png', content: TINY_PNG },
    ],
    ago: 3 * DAY,
  },
  {
    key: 'search',
    owner: ALEX,
    from: PRIYA,
    subject: 'Kestrel migration checklist',
    text: 'Three steps remain before the switch on Monday.',
    ago: 40 * DAY,
  },
  {
    key: 'old',
    owner: ALEX,
    from: JO,
    subject: 'Photos from the lake',
    text: 'The album from last summer is finally sorted.',
    ago: 400 * DAY,
  },
  {
    key: 'threadStart',
    owner: ALEX,
    from: SAM,
    subject: 'Dinner on Saturday?',
    text: 'Shall we try the new place on Harbour Street at seven?',
    ago: 2 * DAY,
    read: true,
  },
  {
    key: 'threadMiddle',
    owner: ALEX,
    from: PRIYA,
    subject: 'Re: Dinner on Saturday?',
    text: 'Count me in, I can book a table for four.',
    ago: 2 * DAY - 90 * MINUTE,
    replyTo: 'threadStart',
  },
  {
    key: 'threadEnd',
    owner: ALEX,
    from: SAM,
    subject: 'Re: Dinner on Saturday?',
    text: 'Perfect, see you both there.',
    ago: 2 * DAY - 60 * MINUTE,
    replyTo: 'threadStart',
  },
  {
    key: 'sam',
    owner: SAM,
    from: JO,
    subject: 'Bike repair on Thursday',
    text: 'The shop can fit the new chain on Thursday afternoon.',
    ago: 5 * 60 * MINUTE,
  },
];

/** Puts the fixture mail of `owners` into the emulator; the ids by key. */
export function addFixtureMail(emulator: GoogleEmulator, owners: Person[], now = Date.now()): Map<string, string> {
  const ids = new Map<string, string>();
  for (const mail of FIXTURE_MAIL) {
    if (!owners.includes(mail.owner)) continue;
    const mailbox = emulator.mailbox(mail.owner.email);
    const threadOf = mail.replyTo ? mailbox.get(ids.get(mail.replyTo)!)?.threadId : undefined;
    const id = mailbox.add({
      from: mail.from,
      to: mail.owner,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.attachments ? { attachments: mail.attachments } : {}),
      internalDate: now - mail.ago,
      labelIds: mail.read ? ['INBOX'] : ['INBOX', 'UNREAD'],
      ...(threadOf ? { threadId: threadOf } : {}),
    });
    ids.set(mail.key, id);
  }
  return ids;
}

/** The first letter or digit, as an avatar shows it. */
function initial(text: string): string {
  return text.match(/[\p{L}\p{N}]/u)?.[0]?.toUpperCase() ?? '';
}

/** The person's data the fixtures can put on screen, for checkScreen (support/untranslated.ts). */
export function fixturePersonData(extra: string[] = []): PersonData {
  const people = [...new Set(FIXTURE_MAIL.flatMap((mail) => [mail.owner, mail.from]))];
  const strings = [
    ...people.flatMap((person) => [
      person.name,
      person.email,
      // Conversation rows list senders by first name.
      ...person.name.split(' ').filter((part) => part.length >= 3),
    ]),
    ...FIXTURE_MAIL.flatMap((mail) => [
      mail.subject,
      mail.text,
      // An attachment's name, its stem and extension apart, the extension as its icon shows it, its type.
      ...(mail.attachments ?? []).flatMap((attachment) => {
        const dot = attachment.filename.lastIndexOf('.');
        const extension = attachment.filename.slice(dot + 1);
        return [
          attachment.filename,
          attachment.filename.slice(0, dot),
          `.${extension}`,
          extension.toUpperCase(),
          attachment.mimeType,
        ];
      }),
    ]),
    ...extra,
  ];
  const whole = [
    ...people.flatMap((person) => [initial(person.name), initial(person.email)]),
    // The product's name, standing alone (the brand in the top bar, the sign-in heading, the window title), is
    // the same in every language; inside a sentence it comes from the catalogue with the sentence.
    PRODUCT_NAME,
  ];
  return { strings, whole };
}

/** Never translated. */
const PRODUCT_NAME = 'Glance';
