/**
 * The typed error of the connector config generator and the connector CLI.
 */
import { EcomError } from '@ecom/domain';

/**
 * Thrown for a bad connector option; `option` names it.
 *
 * @example
 * try { debeziumConnectorConfig({ ...opts, topicPrefix: 'a b' }) } catch (e) { if (e instanceof ConnectorConfigError) e.option } // 'topicPrefix'
 */
export class ConnectorConfigError extends EcomError<'INVALID_CONNECTOR_OPTION'> {
  override readonly name = 'ConnectorConfigError';
  readonly option: string;

  constructor(option: string, message: string) {
    super('INVALID_CONNECTOR_OPTION', `connector option ${option}: ${message}`);
    this.option = option;
  }
}
