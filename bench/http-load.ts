/**
 * The HTTP load generator of run-all.bench.ts, run as a child process so that autocannon does not share
 * the server's event loop. Reads {url, tokens, connections, seconds} as JSON from argv[2], rotates the
 * bearer tokens request by request (the API limits each credential to API_RATE_LIMIT requests a minute),
 * and prints {p50, p99, rps, non2xx} as JSON on stdout. Only 127.0.0.1 is allowed.
 */
import autocannon from 'autocannon';

interface LoadSpec {
  url: string;
  tokens: string[];
  connections: number;
  seconds: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const target = new URL(spec.url);
if (target.hostname !== '127.0.0.1') throw new Error(`refusing to load ${target.hostname}: only 127.0.0.1`);
let next = 0;
const result = await autocannon({
  url: target.origin,
  connections: spec.connections,
  duration: spec.seconds,
  requests: [
    {
      method: 'GET',
      path: target.pathname + target.search,
      setupRequest: (request) => ({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${spec.tokens[next++ % spec.tokens.length]!}` },
      }),
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx + result.errors,
  }) + '\n',
);
