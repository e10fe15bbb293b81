import { CopyBothQuery } from './copy-both-query.js';

describe('CopyBothQuery', () => {
  it('copies each CopyData frame: pg reuses the receive buffer the frame is a view of', () => {
    // pg-protocol's Parser hands out `buffer.slice(…)` views and, in mergeBuffer, moves the unparsed rest to the
    // front of the same buffer when it fits: a frame kept for later decoding would then hold other bytes.
    const received: Buffer[] = [];
    const query = new CopyBothQuery('START_REPLICATION …', (chunk) => received.push(chunk));
    const socketBuffer = Buffer.from('w-first-frame|w-second-frame');
    query.handleCopyData({ chunk: socketBuffer.subarray(0, 13) });
    socketBuffer.copy(socketBuffer, 0, 14); // the parser compacts the buffer
    query.handleCopyData({ chunk: socketBuffer.subarray(0, 14) });
    expect(received.map((b) => b.toString())).toEqual(['w-first-frame', 'w-second-frame']);
  });
});
