import type { RpcTypedData } from './rpcTypes';

/**
 * A value as the worker's RPC `TypedData`, the way the real host delivers trigger and input data: strings as
 * `string`, bytes as `bytes`, integers as `int`, other numbers as `double`, everything else as `json`.
 */
export function toTypedData(value: unknown): RpcTypedData | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { string: value };
  if (Buffer.isBuffer(value)) return { bytes: value };
  if (value instanceof Uint8Array) return { bytes: value };
  if (value instanceof ArrayBuffer) return { bytes: new Uint8Array(value) };
  if (typeof value === 'number') return Number.isInteger(value) ? { int: value } : { double: value };
  return { json: JSON.stringify(value) };
}

/** Reads a `TypedData` back (return values and outputs): json parsed, strings kept as they are, bytes as Buffer. */
export function fromTypedData(data: RpcTypedData | null | undefined): unknown {
  if (!data) return undefined;
  if (data.json !== undefined && data.json !== null) return JSON.parse(data.json) as unknown;
  if (data.string !== undefined && data.string !== null) return data.string;
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.stream) return Buffer.from(data.stream);
  if (data.int !== undefined && data.int !== null) return Number(data.int);
  if (data.double !== undefined && data.double !== null) return data.double;
  if (data.http) return data.http;
  if (data.collectionString?.string) return data.collectionString.string;
  if (data.collectionBytes?.bytes) return data.collectionBytes.bytes.map((b) => Buffer.from(b));
  if (data.collectionDouble?.double) return data.collectionDouble.double;
  if (data.collectionSint64?.sint64) return data.collectionSint64.sint64.map(Number);
  return undefined;
}

/** The bytes of a `TypedData` (for blob and queue outputs). */
export function typedDataBytes(data: RpcTypedData): Buffer {
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.stream) return Buffer.from(data.stream);
  if (data.string !== undefined && data.string !== null) return Buffer.from(data.string, 'utf8');
  if (data.json !== undefined && data.json !== null) return Buffer.from(data.json, 'utf8');
  if (data.int !== undefined && data.int !== null) return Buffer.from(String(data.int));
  if (data.double !== undefined && data.double !== null) return Buffer.from(String(data.double));
  return Buffer.alloc(0);
}
