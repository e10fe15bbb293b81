module.exports = require('../../jest.preset.cjs')({ displayName: 'lakehouse', rootDir: __dirname });
