/**
 * A `Response` whose body is a string, kept as the string until someone reads it.
 *
 * Why: Node 20's `Response` wraps every body in a web `ReadableStream` when it is built (and
 * marks the stream transferable, which is costly there), and the Node adapter then reads the
 * string back out of that stream. For the small JSON answers of the token endpoint that was
 * ≈20 % of the server's CPU per code exchange (≈480 → ≈390 µs, docs/performance.md §9). `listenNode` writes the
 * string of an unread `TextResponse` to the socket as is; anyone else gets a real `Response`:
 * every body member (`body`, `text()`, `json()`, `clone()`, …) reads from a `Response` built
 * from the string on first use. @hono/node-server has such a class but does not export it, and
 * installing it as the global `Response` is not ours to do inside a host's process.
 */
export class TextResponse extends Response {
  readonly #text: string;
  #read: Response | undefined;

  constructor(text: string, init: ResponseInit = {}) {
    super(null, init);
    // A body on a null-body status is an error for `Response` itself; caught here, not on first read.
    if (NULL_BODY_STATUSES.has(this.status)) throw new TypeError(`A ${this.status} response has no body.`);
    this.#text = text;
    if (!this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8');
  }

  /** The body, if nothing has read it yet: what a server may write as is. */
  static unreadText(response: Response): string | undefined {
    return #text in response && response.#read === undefined ? response.#text : undefined;
  }

  #response(): Response {
    this.#read ??= new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.#read;
  }

  override get body(): Response['body'] {
    return this.#response().body;
  }
  override get bodyUsed(): boolean {
    return this.#read?.bodyUsed ?? false;
  }
  override text(): Promise<string> {
    return this.#response().text();
  }
  override json(): Promise<unknown> {
    return this.#response().json();
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#response().arrayBuffer();
  }
  override blob(): Promise<Blob> {
    return this.#response().blob();
  }
  override bytes(): ReturnType<Response['bytes']> {
    return this.#response().bytes();
  }
  override formData(): Promise<FormData> {
    return this.#response().formData();
  }
  override clone(): Response {
    if (this.#read) return this.#read.clone();
    return new TextResponse(this.#text, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
