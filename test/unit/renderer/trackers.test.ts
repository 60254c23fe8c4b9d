// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from '../../../renderer/src/reader/sanitize.js';
import {
  blockedSummary,
  isPixelOrHidden,
  isTrackingHost,
  TRACKING_DOMAINS,
} from '../../../renderer/src/reader/trackers.js';

const blocked = { allowRemoteImages: false, cidUrls: new Map<string, string>() };
const img = (attributes: string) => {
  const doc = new DOMParser().parseFromString(`<img ${attributes}>`, 'text/html');
  return doc.querySelector('img')!;
};

describe('trackers in mail', () => {
  it('counts 1×1, hidden and known-host images as trackers, the rest as images: "3 images and 2 trackers"', () => {
    const result = sanitizeMailHtml(
      [
        '<img src="https://shop.example/banner.png" width="600" height="200">',
        '<img src="https://shop.example/a.png">',
        '<p style="background:url(https://shop.example/bg.png)">x</p>',
        '<img src="https://shop.example/open?id=42" width="1" height="1">',
        '<img src="https://u123.ct.sendgrid.net/wf/open?upn=abc">',
      ].join(''),
      blocked,
    );
    expect(result).toMatchObject({ remoteImages: 5, trackers: 2 });
    expect(blockedSummary(result.remoteImages, result.trackers)).toBe('3 images and 2 trackers blocked');
  });

  it.each([
    ['width="1" height="1"', true],
    ['width="0" height="0"', true],
    ['width="1px" height="1px"', true],
    ['height="0"', true],
    ['style="width:1px;height:1px"', true],
    ['style="display: none"', true],
    ['style="visibility:hidden"', true],
    ['style="opacity:0"', true],
    ['hidden', true],
    ['width="1" height="40"', false],
    ['width="600" height="200"', false],
    ['style="opacity:0.5"', false],
    ['', false],
  ])('<img %s> is a pixel or hidden: %s', (attributes, expected) => {
    expect(isPixelOrHidden(img(attributes))).toBe(expected);
  });

  it('knows tracking hosts by registrable domain, and exact hosts where the domain also serves images', () => {
    expect(isTrackingHost('https://shop.us1.list-manage.com/track/open.php?u=1')).toBe(true);
    expect(isTrackingHost('//awstrack.me/I0/abc')).toBe(true);
    expect(isTrackingHost('https://t.yesware.com/t/x.png')).toBe(true);
    expect(isTrackingHost('https://www.yesware.com/logo.png')).toBe(false);
    expect(isTrackingHost('https://mailfoogae.appspot.com/t?x')).toBe(true);
    expect(isTrackingHost('https://other.appspot.com/logo.png')).toBe(false);
    expect(isTrackingHost('https://shop.example/logo.png')).toBe(false);
    expect(isTrackingHost('not a url')).toBe(false);
    // Every entry is a lower-case host name.
    for (const domain of TRACKING_DOMAINS.keys()) expect(domain).toMatch(/^[a-z0-9.-]+$/);
  });

  it('words the privacy bar for any mix', () => {
    expect(blockedSummary(1, 1)).toBe('1 tracker blocked');
    expect(blockedSummary(2, 0)).toBe('2 images blocked');
    expect(blockedSummary(2, 1)).toBe('1 image and 1 tracker blocked');
    expect(blockedSummary(0, 0)).toBe('Remote content blocked');
  });
});
