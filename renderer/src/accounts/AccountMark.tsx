import { useTranslation } from 'react-i18next';
import type { AccountMarkInfo } from './account-marks.js';

/**
 * The colour + initial mark of an account. The initial and the label name the account, so the colour is
 * never the only signal; `decorative` hides it from screen readers where the text around it already names it
 * (a list row's label ends "in <email>"). A decorative mark draws its initial with CSS (`data-initial`), so it
 * is not part of the row's text, which must sit whole inside the row's label (WCAG 2.5.3, label in name).
 */
export function AccountMark({ mark, decorative = false }: { mark: AccountMarkInfo; decorative?: boolean }) {
  const { t } = useTranslation('accounts');
  if (decorative)
    return (
      <span
        className="account-mark"
        data-colour={mark.colour}
        data-account-mark={mark.accountId}
        data-initial={mark.initial}
        title={mark.email}
        aria-hidden="true"
      />
    );
  return (
    <span
      className="account-mark"
      data-colour={mark.colour}
      data-account-mark={mark.accountId}
      title={mark.email}
      role="img"
      aria-label={t('markLabel', { email: mark.email })}
    >
      {mark.initial}
    </span>
  );
}
