// The page's credentials, in one place so sign-in (Entra ID, issue 17) can replace it: today a function key kept in
// this tab only (sessionStorage), sent as a header, never read from or written to a URL.
const STORAGE = 'clinscribe.key';

/** The key of this tab, or ''. */
export const getKey = () => sessionStorage.getItem(STORAGE) || '';

/** Stores (or with '' forgets) the key for this tab. */
export const setKey = (key) => (key ? sessionStorage.setItem(STORAGE, key) : sessionStorage.removeItem(STORAGE));

/** Headers that authenticate an API call. */
export const authHeaders = () => ({ 'x-functions-key': getKey() });

/** A key someone put in the address bar is not used, and is removed from the URL and the history entry. */
export function dropKeyFromUrl() {
  const url = new URL(location.href);
  if (!url.searchParams.has('code')) return;
  url.searchParams.delete('code');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}
