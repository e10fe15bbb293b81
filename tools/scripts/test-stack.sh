#!/usr/bin/env bash
# The real-stack part of `npm test`: bring the local stack up (downloading on first use), run the smoke round
# trip through every service and the infra tests, then take the stack down again unless KEEP_STACK=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

down() {
  if [ "${KEEP_STACK:-0}" != "1" ]; then npm run -s stack -- down; fi
}
trap down EXIT

npm run -s stack -- up
npm run -s stack:smoke
npx jest -c infra/jest.config.cjs
