export { Simulator, startSimulator, type SimulatorEvents, type SubmitEvent } from './simulator.ts';
export type { SimulatorOptions, Credentials } from './simulator-options.ts';
export { formatCounters, type SimulatorCounters } from './counters.ts';
export { DEFAULT_OUTCOMES, DEFAULT_OUTCOME_ERRORS, OUTCOME_STATS, type OutcomeMix, type OutcomeErrors, type OutcomeStat } from './pick-outcome.ts';
export type { MoMessage } from './mo-pdus.ts';
