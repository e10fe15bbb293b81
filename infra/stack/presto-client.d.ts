// Minimal typings for presto-client 1.2 (the package ships none).
declare module 'presto-client' {
  export interface PrestoClientOptions {
    host?: string;
    port?: number;
    user?: string;
    catalog?: string;
    schema?: string;
    source?: string;
    engine?: 'presto' | 'trino';
    checkInterval?: number;
    timeout?: number | null;
  }
  export interface ExecuteOptions {
    query: string;
    catalog?: string;
    schema?: string;
    data?: (error: unknown, data: unknown[][], columns: Array<{ name: string; type: string }>) => void;
    success?: (error: unknown, stats: unknown) => void;
    error?: (error: { message?: string; error?: { message?: string } } | unknown) => void;
  }
  export class Client {
    constructor(opts: PrestoClientOptions);
    execute(opts: ExecuteOptions): void;
  }
  const presto: { Client: typeof Client };
  export default presto;
}
