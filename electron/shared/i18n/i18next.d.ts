// Keys are checked against the English catalogues: `t('inbox:archive')` fails the typecheck if the key is missing.
import 'i18next';
import type { ENGLISH } from './catalogues.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof ENGLISH;
  }
}
