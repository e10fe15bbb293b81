/**
 * The Kafka Connect REST PORT (what the connector CLI needs) and its typed error. The fetch-based client lives
 * in the adapters entry point (`KafkaConnectClient`).
 */
import { EcomError } from '@ecom/domain';

/**
 * State of a connector or task as Kafka Connect reports it.
 *
 * @example
 * const s: ConnectState = 'RUNNING';
 */
export type ConnectState =
  'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING' | 'STOPPED' | (string & {});

/**
 * `GET /connectors/{name}/status`.
 *
 * @example
 * status.tasks.filter((t) => t.state === 'FAILED').map((t) => t.trace);
 */
export interface ConnectorStatus {
  name: string;
  connector: { state: ConnectState; worker_id: string; trace?: string };
  tasks: { id: number; state: ConnectState; worker_id: string; trace?: string }[];
  type?: string;
}

/**
 * The Kafka Connect REST calls the connector CLI uses.
 *
 * @example
 * const api: ConnectRestApi = new KafkaConnectClient({ url: 'http://127.0.0.1:18083' });
 */
export interface ConnectRestApi {
  /** Names of the connectors. */
  listConnectors(): Promise<string[]>;
  /** Creates or updates (`PUT /connectors/{name}/config`); `created` is true for a new connector. */
  putConnectorConfig(name: string, config: Record<string, string>): Promise<{ created: boolean }>;
  /** `GET /connectors/{name}/config`. */
  getConnectorConfig(name: string): Promise<Record<string, string>>;
  /** `GET /connectors/{name}/status`. */
  getConnectorStatus(name: string): Promise<ConnectorStatus>;
  /** `DELETE /connectors/{name}`. */
  deleteConnector(name: string): Promise<void>;
  /** `POST /connectors/{name}/restart?includeTasks=true`. */
  restartConnector(name: string): Promise<void>;
}

/**
 * Why a Connect REST call failed.
 *
 * - `CONNECT_UNREACHABLE`: no answer (worker down, wrong CONNECT_URL).
 * - `CONNECTOR_NOT_FOUND`: 404 for the named connector.
 * - `CONNECT_REJECTED`: 400/409/422, e.g. an invalid config or a rebalance in progress; `message` has Connect's reason.
 * - `CONNECT_HTTP_ERROR`: any other status.
 *
 * @example
 * if (e instanceof ConnectRestError && e.code === 'CONNECTOR_NOT_FOUND') console.log('nothing to delete');
 */
export type ConnectRestErrorCode =
  'CONNECT_UNREACHABLE' | 'CONNECTOR_NOT_FOUND' | 'CONNECT_REJECTED' | 'CONNECT_HTTP_ERROR';

/**
 * The typed error of {@link ConnectRestApi} implementations.
 *
 * @example
 * throw new ConnectRestError('CONNECTOR_NOT_FOUND', 'no connector "x"', { status: 404 });
 */
export class ConnectRestError extends EcomError<ConnectRestErrorCode> {
  override readonly name = 'ConnectRestError';
  readonly status: number | undefined;

  constructor(
    code: ConnectRestErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    // Retriable: Connect was not reachable, or answered 5xx.
    const retriable = code === 'CONNECT_UNREACHABLE' || (options.status ?? 0) >= 500;
    super(code, message, { cause: options.cause, retriable });
    this.status = options.status;
  }
}
