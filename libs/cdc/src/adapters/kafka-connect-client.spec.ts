import { ConnectRestError } from '../connector/connect-rest-api.js';
import { KafkaConnectClient } from './kafka-connect-client.js';

function client(handler: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; method: string; body?: string }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: String(init.method), body: init.body as string | undefined });
    return handler(url, init);
  }) as unknown as typeof fetch;
  return { api: new KafkaConnectClient({ url: 'http://connect:8083/', fetch: fetchFn }), calls };
}

describe('KafkaConnectClient (fake fetch)', () => {
  test('PUT config: 201 → created, 200 → updated; the body is the config', async () => {
    let status = 201;
    const { api, calls } = client(() => new Response('{}', { status }));
    expect(await api.putConnectorConfig('a b', { k: 'v' })).toEqual({ created: true });
    status = 200;
    expect(await api.putConnectorConfig('a b', { k: 'v' })).toEqual({ created: false });
    expect(calls[0]).toEqual({
      url: 'http://connect:8083/connectors/a%20b/config',
      method: 'PUT',
      body: '{"k":"v"}',
    });
  });

  test('restart asks for the tasks too', async () => {
    const { api, calls } = client(() => new Response(null, { status: 204 }));
    await api.restartConnector('c');
    expect(calls[0]!.url).toBe('http://connect:8083/connectors/c/restart?includeTasks=true&onlyFailed=false');
  });

  test.each([
    [404, '{"error_code":404,"message":"Connector c not found"}', 'CONNECTOR_NOT_FOUND'],
    [409, '{"error_code":409,"message":"rebalance in progress"}', 'CONNECT_REJECTED'],
    [400, '{"error_code":400,"message":"bad config"}', 'CONNECT_REJECTED'],
    [500, 'oops', 'CONNECT_HTTP_ERROR'],
  ])('%i → %s', async (status, body, code) => {
    const { api } = client(() => new Response(body, { status }));
    const err = await api.getConnectorStatus('c').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectRestError);
    expect(err).toMatchObject({ code, status });
    if (status !== 404)
      expect((err as Error).message).toContain(status === 500 ? 'oops' : JSON.parse(body).message);
  });

  test('no answer → CONNECT_UNREACHABLE naming CONNECT_URL', async () => {
    const { api } = client(() => {
      throw new TypeError('fetch failed');
    });
    await expect(api.listConnectors()).rejects.toMatchObject({
      code: 'CONNECT_UNREACHABLE',
      message: expect.stringContaining('CONNECT_URL'),
    });
  });
});
