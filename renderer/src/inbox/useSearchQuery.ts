import { useEffect, useState } from 'react';
import type { ListScope } from '../mail/mail-state.js';
import type { ListQuery } from './ListPane.js';

/** The search box and the scope: what is typed, and the query it becomes after a short pause (or Enter). */
export function useSearchQuery() {
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState<ListQuery>({ scope: 'unread', text: '' });

  useEffect(() => {
    const trimmed = searchText.trim();
    if (trimmed === query.text) return;
    const timer = window.setTimeout(() => setQuery((current) => ({ ...current, text: trimmed })), 350);
    return () => window.clearTimeout(timer);
  }, [searchText, query.text]);

  const setScope = (scope: ListScope) => setQuery((current) => ({ ...current, scope }));
  const clearSearch = () => {
    setSearchText('');
    setQuery({ scope: 'unread', text: '' });
  };
  return { searchText, setSearchText, query, setQuery, setScope, clearSearch };
}
