import { parseWrkReport } from './wrk-load.js';

const REPORT = `Running 3s test @ http://127.0.0.1:40111/orders?limit=50
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    19.83ms    6.10ms  71.35ms   80.12%
    Req/Sec     2.53k   201.45     2.89k    70.00%
  Latency Distribution
     50%   18.95ms
     75%   21.84ms
     90%   26.52ms
     99%  812.00us
  7562 requests in 3.00s, 60.01MB read
Requests/sec:   2519.61
Transfer/sec:     20.00MB
`;

describe('parseWrkReport', () => {
  test('reads requests/s and the p50/p99 latencies in ms, whatever their unit', () => {
    expect(parseWrkReport(REPORT)).toEqual({ reqPerSec: 2519.61, p50: 18.95, p99: 0.812 });
  });
  test('fails on non-2xx answers or socket errors', () => {
    expect(() => parseWrkReport(`${REPORT}  Non-2xx or 3xx responses: 12\n`)).toThrow(/Non-2xx/);
    expect(() => parseWrkReport(`${REPORT}  Socket errors: connect 0, read 3, write 0, timeout 0\n`)).toThrow(
      /Socket errors/,
    );
  });
  test('fails on a report it cannot read', () => expect(() => parseWrkReport('oops')).toThrow(/unexpected/));
});
