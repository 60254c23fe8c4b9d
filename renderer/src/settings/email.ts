/**
 * An address a trusted sender can be: one @, something on each side, a dot in the domain, no spaces or
 * angle brackets. Deliberately simple: it is compared with the From address of mail, never sent anywhere.
 * The core keeps the same rule (electron/core/settings/settings-file.ts; a unit test holds them equal).
 */
export function isEmailAddress(text: string): boolean {
  const address = text.trim();
  return address.length <= 320 && /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;.]+$/.test(address);
}
