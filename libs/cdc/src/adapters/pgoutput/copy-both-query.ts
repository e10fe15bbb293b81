/**
 * A `pg` submittable that runs `START_REPLICATION` and keeps the connection in COPY BOTH mode: CopyData frames
 * from the server go to a callback, standby status updates go back with {@link CopyBothQuery.send}.
 */

/** The parts of pg's internal `Connection` this query uses. */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream: { pause(): void; resume(): void };
  once(event: 'replicationStart', listener: () => void): unknown;
}

/**
 * Submit with `client.query(new CopyBothQuery(sql, onData))`; `done` settles when the server ends the stream.
 *
 * @example
 * const q = new CopyBothQuery("START_REPLICATION SLOT s LOGICAL 0/0 (proto_version '1', publication_names 'p')", onFrame);
 * client.query(q as never); await q.started;
 */
export class CopyBothQuery {
  private connection: PgConnection | null = null;
  private error: Error | null = null;
  private settle!: { resolve: () => void; reject: (e: Error) => void };
  private markStarted!: () => void;
  private ended = false;
  /** Settles when the server ends the replication stream (resolves after CopyDone, rejects on an error). */
  readonly done: Promise<void>;
  /** Resolves when the server switched to COPY BOTH (CopyBothResponse), or the stream ended. */
  readonly started: Promise<void>;

  constructor(
    readonly text: string,
    private readonly onData: (chunk: Buffer) => void,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.done.catch(() => undefined);
    this.started = new Promise<void>((resolve) => {
      this.markStarted = resolve;
    });
  }

  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.once('replicationStart', () => this.markStarted());
    connection.query(this.text);
  }

  /** Sends one CopyData frame (a standby status update). Ignored once the stream ended. */
  send(chunk: Buffer): void {
    if (this.connection && !this.ended) this.connection.sendCopyFromChunk(chunk);
  }

  /** Asks the server to end the stream (CopyDone). */
  end(): void {
    if (this.connection && !this.ended) {
      this.ended = true;
      this.connection.endCopyFrom();
    }
  }

  /** Pauses / resumes reading from the socket (backpressure). */
  pause(): void {
    this.connection?.stream.pause();
  }

  resume(): void {
    this.connection?.stream.resume();
  }

  /**
   * One CopyData frame. `pg` hands out a view of its receive buffer, which its parser later reuses (it moves the
   * unparsed rest to the front of the same buffer), so a frame queued for later would be overwritten: it is copied.
   */
  handleCopyData(msg: { chunk: Buffer }): void {
    this.markStarted();
    this.onData(Buffer.from(msg.chunk));
  }

  handleError(err: Error): void {
    this.error = err;
    this.ended = true;
    this.markStarted();
    // A connection-level error never gets a ReadyForQuery: settle now.
    this.settle.reject(err);
  }

  handleReadyForQuery(): void {
    this.ended = true;
    this.markStarted();
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve();
  }

  handleCopyInResponse(): void {
    // not part of a replication stream
  }
  handleRowDescription(): void {
    // not part of a replication stream
  }
  handleDataRow(): void {
    // not part of a replication stream
  }
  handleCommandComplete(): void {
    // not part of a replication stream
  }
  handleEmptyQuery(): void {
    // not part of a replication stream
  }
  handlePortalSuspended(): void {
    // not part of a replication stream
  }
}
