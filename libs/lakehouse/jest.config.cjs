// hyparquet, hyparquet-writer and uuid (through @dsnp/parquetjs → thrift) ship ESM only; jest runs CommonJS, so swc also transforms their sources.
const base = require('../../jest.preset.cjs')({ displayName: 'lakehouse', rootDir: __dirname });

module.exports = {
  ...base,
  transformIgnorePatterns: ['/node_modules/(?!(hyparquet|hyparquet-writer|uuid)/)'],
};
