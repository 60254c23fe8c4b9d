/** How rows are ordered and told apart across accounts, the same way the core does. */

export interface SortKey {
  date: number;
  accountId: string;
  id: string;
}

/** The core's order: newest first by date, then account id ascending, then message id descending. */
export function compareNewestFirst(a: SortKey, b: SortKey): number {
  if (a.date !== b.date) return b.date - a.date;
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return 0;
}

/** One message across accounts: Gmail ids are unique only within an account. */
export function messageKey(message: { accountId: string; id: string }): string {
  return `${message.accountId}/${message.id}`;
}
