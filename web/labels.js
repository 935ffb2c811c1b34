// The user's own file names for their encounters: kept in this tab only, never sent to the server.
const STORAGE = 'clinscribe.labels';

const read = () => {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE) || '{}');
  } catch {
    return {};
  }
};

export const labelOf = (id) => read()[id] || '';

export function setLabel(id, label) {
  const all = read();
  if (label) all[id] = label;
  else delete all[id];
  sessionStorage.setItem(STORAGE, JSON.stringify(all));
}
