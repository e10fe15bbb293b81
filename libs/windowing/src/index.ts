export { tumblingWindows } from './tumbling.js';
