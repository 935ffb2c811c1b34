import type { Entity } from '../../model/health';
import { parseSpokenNumber } from '../fhir/quantities';

const QUALIFIER =
  /^(unspecified.*|uncomplicated|initial encounter|subsequent encounter|not elsewhere classified|without .*|nos)$/i;
const CODE_DISPLAY_SUFFIX = /\b(structure|procedure|panel|finding|measurement|observable)$/i;

/** A terminology display usable in prose: "Pain, unspecified" → "Pain"; long or coded displays → undefined. */
function proseName(normalized: string): string | undefined {
  const [head, ...rest] = normalized.split(',').map((p) => p.trim());
  if (!head || rest.some((r) => !QUALIFIER.test(r)) || /[/()[\]]/.test(head)) return undefined;
  const name = head.replace(/^unspecified\s+/i, '');
  return name.split(/\s+/).length <= 4 && !CODE_DISPLAY_SUFFIX.test(name) ? name : undefined;
}

const stems = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3)
    .map((w) => w.slice(0, 4));

/**
 * Display name of an entity: its normalized (terminology) name when that reads as prose and shares a word with
 * what was said, else the words spoken ("wound", not "laceration"; "heart attack", not "myocardial infarction":
 * a name the speaker never used is a coding decision, not something to state in their note); lower-cased unless
 * it is an acronym.
 */
export function nameOf(entity: Entity): string {
  const normalized = entity.normalizedText && proseName(entity.normalizedText);
  const said = new Set(stems(entity.text));
  const shares = normalized !== undefined && stems(normalized).some((w) => said.has(w));
  const name = (normalized && shares ? normalized : entity.text).trim();
  return /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

const UNIT_ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/^milligrams?$/i, 'mg'],
  [/^micrograms?$/i, 'mcg'],
  [/^grams?$/i, 'g'],
  [/^milliliters?$/i, 'mL'],
  [/^units?$/i, 'units'],
  [/^percent$/i, '%'],
];

/** "five hundred milligrams" → "500 mg"; text that is not a number stays as spoken. */
export function formatAmount(valueText: string, unitText?: string): string {
  let value = valueText.trim();
  let unit = unitText?.trim();
  if (!unit) {
    const split = /^(.*?)\s+(\S+)$/.exec(value);
    if (split && parseSpokenNumber(split[1]!) !== undefined) [value, unit] = [split[1]!, split[2]!];
  }
  const n = parseSpokenNumber(value);
  if (unit && /^degrees?$/i.test(unit) && n !== undefined) unit = n < 50 ? '°C' : '°F';
  const shortUnit = unit && (UNIT_ABBREVIATIONS.find(([p]) => p.test(unit!))?.[1] ?? unit);
  const number = n === undefined ? value : String(n);
  if (!shortUnit) return number;
  return (shortUnit === '%' || shortUnit.startsWith('°')) && n !== undefined
    ? `${number}${shortUnit === '%' ? '' : ' '}${shortUnit}`
    : `${number} ${shortUnit}`;
}

/** "one hundred and forty over ninety" → "140/90"; other values via formatAmount. */
export function formatValue(valueText: string, unitText?: string): string {
  const pair = /^(.+?)\s+over\s+(.+)$/i.exec(valueText.trim());
  const a = pair && parseSpokenNumber(pair[1]!);
  const b = pair && parseSpokenNumber(pair[2]!);
  if (a !== undefined && a !== null && b !== undefined && b !== null)
    return `${a}/${b}${unitText ? ` ${unitText}` : ' mmHg'}`;
  return formatAmount(valueText, unitText);
}

/** "a, b and c". */
export function joinList(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

/** First letter upper-cased. */
export function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** Possessive object for a body site phrase: "my left leg" → "the left leg". */
export function siteOf(entity: Entity): string {
  const text = entity.text.trim().replace(/^(my|your|his|her|the)\s+/i, '');
  const lower = `${text[0]!.toLowerCase()}${text.slice(1)}`;
  return /^(both|each|all|either)\b/.test(lower) ? lower : `the ${lower}`;
}

/** "sore throat" + site "throat": the site adds nothing. */
export function withSite(name: string, site: Entity | undefined): string {
  if (!site) return name;
  const last = site.text.trim().split(/\s+/).pop()!.toLowerCase();
  return name.toLowerCase().includes(last) ? name : `${name} in ${siteOf(site)}`;
}
