import type { IntakeRequest, TextRecord } from '../intake-request.ts';

/** A message's text and its place in it (IntakeRequest.textRecord and textPart). */
export interface TextPlace {
  readonly record: TextRecord;
  readonly part: number;
}

/** Where a request stands in its HTTP/REST text; undefined for a message of its own. */
export function textPlaceOf(r: IntakeRequest): TextPlace | undefined {
  return r.textRecord ? { record: r.textRecord, part: r.textPart ?? 1 } : undefined;
}

/** The indexes of each text's parts among `items`, in part order (a text's parts share one TextRecord object). Pure. */
export function partsByText<T>(items: readonly T[], placeOf: (item: T) => TextPlace | undefined): Map<TextRecord, number[]> {
  const texts = new Map<TextRecord, number[]>();
  const parts: number[] = [];
  items.forEach((item, i) => {
    const place = placeOf(item);
    if (place === undefined) return;
    parts[i] = place.part;
    const indexes = texts.get(place.record);
    if (indexes) indexes.push(i);
    else texts.set(place.record, [i]);
  });
  for (const indexes of texts.values()) indexes.sort((a, b) => (parts[a] as number) - (parts[b] as number));
  return texts;
}

/** Every part of the text is there, once: parts 1 to record.parts, in order. */
export function isWholeText(record: TextRecord, partNumbers: readonly number[]): boolean {
  return partNumbers.length === record.parts && partNumbers.every((n, k) => n === k + 1);
}
