/**
 * The Node.js flags the platform runs with: `npm start` passes them (package.json), and so do
 * the benchmark's Petrel (src/bench/petrel-child.ts) and the benchmarks that run the platform in
 * their own process (src/bench/with-node-flags.ts), so that they measure what ships. Run
 * `node bin/petrel.js start` yourself with them too (or in NODE_OPTIONS).
 *
 * - `--max-semi-space-size=32`: a young generation of up to 32 MB per semi-space instead of 16.
 *   The message path makes many short-lived objects per message (PDUs, drafts, query arrays);
 *   with the larger nursery fewer of them survive into the old generation, so scavenges are
 *   rarer and mark-compacts too. +1 to +9 % end to end in three alternating benchmark pairs
 *   (64 MB: −2 to +18 %, no better). The space grows only when used: idle RSS is unchanged.
 * - `--single-threaded-gc`: the collector works on the main thread only. By default V8 adds
 *   four helper threads for parallel scavenges and concurrent marking; on the two cores that
 *   Petrel shares with PostgreSQL they took 0.38 of a core at 6,300 messages a second (the main
 *   thread 0.60) and the main thread waited for a core as long as it ran. Without them Petrel's
 *   CPU per message fell by 4 to 9 % and end to end rose by 3 to 7 % in three alternating pairs
 *   (twelfth session). On a machine with cores to spare the helpers shorten pauses instead:
 *   start without this flag there. It cannot be set at run time (V8 aborts).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--single-threaded-gc'];
