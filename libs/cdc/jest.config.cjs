module.exports = require('../../jest.preset.cjs')({ displayName: 'cdc', rootDir: __dirname });
