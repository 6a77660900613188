import { useEffect, useState } from 'react';
import { destinations, type Destination } from '../api/routing.ts';

const known = new Map<number, Destination>();

/**
 * The destinations behind a list of ids (routes carry only the id), fetched once each and kept
 * for the session; an id that cannot be read stays unnamed.
 */
export function useDestinations(ids: readonly (number | null)[]): ReadonlyMap<number, Destination> {
  const [, setTick] = useState(0);
  const missing = [...new Set(ids.filter((id): id is number => id !== null && !known.has(id)))];
  const key = missing.join(',');

  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      key.split(',').map((id) =>
        destinations.get(Number(id)).then(
          ({ destination }) => known.set(destination.id, destination),
          () => undefined,
        ),
      ),
    ).then(() => live && setTick((t) => t + 1));
    return () => {
      live = false;
    };
  }, [key]);

  return known;
}
