import type { AccountMarkInfo } from './account-marks.js';

/**
 * The colour + initial mark of an account. The initial and the label name the account, so the colour is
 * never the only signal; `decorative` hides it from screen readers where the text around it already names it.
 */
export function AccountMark({ mark, decorative = false }: { mark: AccountMarkInfo; decorative?: boolean }) {
  return (
    <span
      className="account-mark"
      data-colour={mark.colour}
      data-account-mark={mark.accountId}
      title={mark.email}
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': `Account ${mark.email}` })}
    >
      {mark.initial}
    </span>
  );
}
