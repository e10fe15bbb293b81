export { TestClock } from './test-clock.js';
export { runWindowed, type TestEvent, type WindowedRun, type WindowedSpec } from './run-windowed.js';
