/** A value that survives JSON.stringify / JSON.parse unchanged: what JSON columns hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Serialises a JSON column value; `undefined` is stored as SQL null. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Parses a JSON column; SQL null gives `fallback`. */
export function fromJson<T = JsonValue>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}
