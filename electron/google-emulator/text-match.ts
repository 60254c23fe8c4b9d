/**
 * How the emulator's `q` text matches a message: Gmail's word rules, which live in ../shared/words.ts so
 * Glance's offline search (core/search/) uses the very same ones. See that file, and README.md for the options.
 */
export {
  addressSegments,
  DEFAULT_TEXT_MATCH,
  matchesWords,
  wordsOf,
  type AddressSegment,
  type TextMatchOptions,
} from '../shared/words.js';
