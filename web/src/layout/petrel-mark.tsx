/** Petrel's mark: a seabird's wing over the wave, in the primary colour. */
export function PetrelMark({ size = 28 }: { readonly size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1677ff" />
      <path d="M6 20c5-1 9-5 12-11 1 4 4 7 8 8-5 0-9 2-12 6-2-2-5-3-8-3z" fill="#fff" />
    </svg>
  );
}
