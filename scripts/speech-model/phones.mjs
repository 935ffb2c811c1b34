// Flite's phone set → the CMU phone set of pocketsphinx's en-US acoustic model.
export const STOCK_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
export const STOCK_DICT = `${STOCK_MODEL_DIR}/cmudict-en-us.dict`;
export const STOCK_LM = `${STOCK_MODEL_DIR}/en-us.lm.bin`;

// Flite's reduced vowels have no CMU phone of their own: schwa is AH, r-coloured schwa is ER.
const MAP = { ax: 'AH', axr: 'ER' };

/** Converts `t2p` output ("pau m eh1 t f ao1 r m ih n pau") to CMU phones ("M EH T F AO R M IH N"). */
export function toCmuPhones(t2pOutput) {
  return t2pOutput
    .trim()
    .split(/\s+/)
    .filter((p) => p && p !== 'pau')
    .map((p) => p.replace(/[0-9]$/, ''))
    .map((p) => MAP[p] ?? p.toUpperCase());
}
