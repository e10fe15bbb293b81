/**
 * The typed error of the connector config generator and the connector CLI.
 */

/**
 * Thrown for a bad connector option; `option` names it.
 *
 * @example
 * try { debeziumConnectorConfig({ ...opts, topicPrefix: 'a b' }) } catch (e) { if (e instanceof ConnectorConfigError) e.option } // 'topicPrefix'
 */
export class ConnectorConfigError extends Error {
  override readonly name = 'ConnectorConfigError';
  readonly code = 'INVALID_CONNECTOR_OPTION';
  readonly option: string;

  constructor(option: string, message: string) {
    super(`connector option ${option}: ${message}`);
    this.option = option;
  }
}
