import { customersTable, shipmentsTable, shopTables } from '@ecom/domain';
import { RESOURCES } from '../resources/index.js';
import { maskPersonalData, maskValue, PERSONAL_DATA_FIELDS } from './personal-data.js';

describe('personal data', () => {
  it('masks e-mails, phone numbers and addresses', () => {
    expect(maskValue('email', 'an.nguyen@example.vn')).toBe('a***@example.vn');
    expect(maskValue('email', 'not-an-email')).toBe('***');
    expect(maskValue('phone', '0901234567')).toBe('***4567');
    expect(maskValue('phone', '+84 90 123 4567')).toBe('***4567');
    expect(maskValue('phone', '112')).toBe('***');
    expect(maskValue('redact', '12 Lê Lợi, Quận 1')).toBe('***');
    expect(maskValue('redact', null)).toBeNull();
    expect(maskValue('redact', 700000)).toBe('***');
  });

  it('masks every listed key at any depth and leaves the rest alone', () => {
    const detail = {
      data: {
        order_id: 1,
        email: 'lan.tran@example.vn',
        items: [{ address: 'x', constructor: 'kept', toString: 'kept' }],
        shipment: { address: '1 Tràng Tiền', city: 'Hà Nội', zip_code: '100000', phone_number: null },
      },
    };
    expect(maskPersonalData(detail)).toEqual({
      data: {
        order_id: 1,
        email: 'l***@example.vn',
        items: [{ address: '***', constructor: 'kept', toString: 'kept' }],
        shipment: { address: '***', city: 'Hà Nội', zip_code: '***', phone_number: null },
      },
    });
    expect(JSON.stringify(maskPersonalData({ at: new Date(0), email: 'a@b.c', address: new Date(0) }))).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","email":"a***@b.c","address":"***"}',
    );
  });

  it('copies only what it masks', () => {
    const orders = { data: [{ order_id: 1, items: [{ price: '1.00' }] }], page: { limit: 50 } };
    expect(maskPersonalData(orders)).toBe(orders);
    const shipment = { city: 'Hà Nội' };
    const detail = { order: { shipment: { address: 'x' } }, other: shipment };
    const masked = maskPersonalData(detail);
    expect(masked.other).toBe(shipment);
    expect(detail.order.shipment.address).toBe('x');
    expect(masked.order.shipment.address).toBe('***');
    const withToJson = { toJSON: () => ({ email: 'an@example.vn' }) };
    expect(JSON.stringify(maskPersonalData(withToJson))).toBe('{"email":"a***@example.vn"}');
  });

  it('lists exactly the personal-data columns of the tables the API serves', () => {
    const tables = [...Object.values(shopTables), ...RESOURCES.map((resource) => resource.table)];
    const looksPersonal = /mail|phone|address|zip|postal/;
    const personal = new Set(
      tables.flatMap((table) => Object.keys(table.columns).filter((column) => looksPersonal.test(column))),
    );
    expect([...personal].sort()).toEqual(Object.keys(PERSONAL_DATA_FIELDS).sort());
    expect(Object.keys(customersTable.columns)).toEqual(
      expect.arrayContaining(['email', 'phone_number', 'address']),
    );
    expect(Object.keys(shipmentsTable.columns)).toEqual(expect.arrayContaining(['address', 'zip_code']));
  });
});
