export { eventually, EVENTUALLY_WITHIN_MS, type EventuallyOptions } from '../../kit/eventually.js';
