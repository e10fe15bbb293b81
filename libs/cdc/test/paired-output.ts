/**
 * Both outputs of the built-in source from one stream: each item is built as a Debezium JSON record and as the
 * in-process event, so a spec can check that decoding the record gives the event.
 */
import type { CdcEvent, CdcRecord, PgoutputEvent } from '../src/adapters/pgoutput/cdc-record.js';
import {
  eventOutput,
  recordOutput,
  type CdcOutput,
  type RecordItem,
} from '../src/adapters/pgoutput/cdc-output.js';
import type { EnvelopeSettings } from '../src/adapters/pgoutput/envelope-builder.js';

export interface PairedItem {
  record: CdcRecord;
  event: CdcEvent;
}

export function pairedOutput(
  s: EnvelopeSettings,
  placeholder: string,
): CdcOutput<[RecordItem, PgoutputEvent], PairedItem> {
  const records = recordOutput(s);
  const events = eventOutput(s, placeholder);
  return {
    change: (c) => [records.change(c), events.change(c)],
    tombstone: ([r, e]) => {
      const rt = records.tombstone(r);
      const et = events.tombstone(e);
      if ((rt === null) !== (et === null)) throw new Error('one output wrote a tombstone, the other did not');
      return rt && et && [rt, et];
    },
    message: (...args) => [records.message(...args), events.message(...args)],
    marker: (...args) => [records.marker(...args), events.marker(...args)],
    place: ([r, e], position) => ({ record: records.place(r, position), event: events.place(e, position) }),
  };
}
