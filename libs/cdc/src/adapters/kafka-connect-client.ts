/**
 * A {@link ConnectRestApi} over the Kafka Connect REST API with the global `fetch`.
 */
import {
  ConnectRestError,
  type ConnectRestApi,
  type ConnectorStatus,
} from '../connector/connect-rest-api.js';

/**
 * Options of {@link KafkaConnectClient}.
 *
 * @example
 * const options: KafkaConnectClientOptions = { url: 'http://127.0.0.1:18083' };
 */
export interface KafkaConnectClientOptions {
  /** Base URL of the Connect worker's REST API. */
  url: string;
  /** Per-request timeout. Default 30 000 ms (a PUT waits for the rebalance). */
  timeoutMs?: number;
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Kafka Connect REST client; every failure is a {@link ConnectRestError}.
 *
 * @example
 * ```ts
 * const connect = new KafkaConnectClient({ url: process.env.CONNECT_URL ?? 'http://127.0.0.1:18083' });
 * const { name, config } = debeziumConnectorConfig({ database: { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' } });
 * await connect.putConnectorConfig(name, config);
 * (await connect.getConnectorStatus(name)).connector.state; // 'RUNNING'
 * ```
 */
export class KafkaConnectClient implements ConnectRestApi {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: KafkaConnectClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  async listConnectors(): Promise<string[]> {
    return (await this.call('GET', '/connectors')).body as string[];
  }

  async putConnectorConfig(name: string, config: Record<string, string>): Promise<{ created: boolean }> {
    const r = await this.call('PUT', `/connectors/${encodeURIComponent(name)}/config`, config, name);
    return { created: r.status === 201 };
  }

  async getConnectorConfig(name: string): Promise<Record<string, string>> {
    return (await this.call('GET', `/connectors/${encodeURIComponent(name)}/config`, undefined, name))
      .body as Record<string, string>;
  }

  async getConnectorStatus(name: string): Promise<ConnectorStatus> {
    return (await this.call('GET', `/connectors/${encodeURIComponent(name)}/status`, undefined, name))
      .body as ConnectorStatus;
  }

  async deleteConnector(name: string): Promise<void> {
    await this.call('DELETE', `/connectors/${encodeURIComponent(name)}`, undefined, name);
  }

  async restartConnector(name: string): Promise<void> {
    await this.call(
      'POST',
      `/connectors/${encodeURIComponent(name)}/restart?includeTasks=true&onlyFailed=false`,
      undefined,
      name,
    );
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    connector?: string,
  ): Promise<{ status: number; body: unknown }> {
    const url = this.baseUrl + path;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new ConnectRestError(
        'CONNECT_UNREACHABLE',
        `${method} ${url} failed: ${(e as Error)?.message ?? e} (is Kafka Connect running? check CONNECT_URL)`,
        { cause: e },
      );
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (response.status >= 200 && response.status < 300) return { status: response.status, body: parsed };
    const reason = (parsed as { message?: string } | undefined)?.message ?? text.slice(0, 500);
    if (response.status === 404 && connector !== undefined) {
      throw new ConnectRestError('CONNECTOR_NOT_FOUND', `connector ${JSON.stringify(connector)} not found`, {
        status: 404,
      });
    }
    const code = [400, 409, 422].includes(response.status) ? 'CONNECT_REJECTED' : 'CONNECT_HTTP_ERROR';
    throw new ConnectRestError(code, `${method} ${url} answered ${response.status}: ${reason}`, {
      status: response.status,
    });
  }
}
