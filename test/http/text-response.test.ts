import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { listenNode } from '../../src/http/node-server.js';
import { TextResponse } from '../../src/http/text-response.js';

const json = (status = 200) => new TextResponse('{"ok":true}', { status, headers: { 'Content-Type': 'application/json' } });

test('a TextResponse reads like any Response, its string read once', async () => {
  const response = json(201);
  assert.ok(response instanceof Response);
  assert.equal(response.status, 201);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.bodyUsed, false);
  assert.deepEqual(await response.json(), { ok: true });
  assert.equal(response.bodyUsed, true);
  await assert.rejects(response.text(), TypeError);
});

test('its body is a stream for those who ask, and clone gives an independent copy', async () => {
  const response = json();
  const copy = response.clone();
  assert.ok(response.body instanceof ReadableStream);
  assert.equal(await new Response(response.body).text(), '{"ok":true}');
  assert.equal(await copy.text(), '{"ok":true}');
  copy.headers.set('X-Copy', '1');
  assert.equal(response.headers.get('x-copy'), null);
  assert.throws(() => response.clone(), TypeError);
});

test('a plain string gets the content type a Response would give it', () => {
  assert.equal(new TextResponse('hello').headers.get('content-type'), 'text/plain;charset=UTF-8');
});

test('a body on a null-body status is refused when built, not when first read', () => {
  for (const status of [204, 304]) assert.throws(() => new TextResponse('x', { status }), TypeError);
});

test('unreadText gives the string until the body is read, and nothing for other responses', async () => {
  const response = json();
  assert.equal(TextResponse.unreadText(response), '{"ok":true}');
  assert.equal(TextResponse.unreadText(new Response('{"ok":true}')), undefined);
  // Copying the response (as `new Response(res.body, res)` does) reads it: the copy is then the answer.
  const copy = new Response(response.body, response);
  assert.equal(TextResponse.unreadText(response), undefined);
  assert.equal(await copy.text(), '{"ok":true}');
});

test('listenNode writes a TextResponse as is: status, every header, both cookies, the length', async (t) => {
  const listener = await listenNode('127.0.0.1', 0);
  t.after(() => listener.close());
  listener.setHandler(async () => {
    const response = new TextResponse('{"name":"é"}', { status: 418, statusText: 'Teapot', headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
    response.headers.append('Set-Cookie', 'a=1');
    response.headers.append('Set-Cookie', 'b=2');
    return response;
  });
  const answer = await new Promise<{ status?: number; message?: string; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    httpRequest(`http://127.0.0.1:${listener.port}/`, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, message: res.statusMessage, headers: res.headers, body }));
    }).on('error', reject).end();
  });
  assert.equal(answer.status, 418);
  // The adapter's own writer would send Node's default reason ("I'm a Teapot"): this one is ours.
  assert.equal(answer.message, 'Teapot');
  assert.equal(answer.body, '{"name":"é"}');
  assert.equal(answer.headers['content-length'], String(Buffer.byteLength('{"name":"é"}')));
  assert.equal(answer.headers['content-type'], 'application/json');
  assert.equal(answer.headers['cache-control'], 'no-store');
  assert.deepEqual(answer.headers['set-cookie'], ['a=1', 'b=2']);
});

test('listenNode still streams other responses, and a TextResponse already read', async (t) => {
  const listener = await listenNode('127.0.0.1', 0);
  t.after(() => listener.close());
  const answers = [() => new Response('plain'), () => new Response(json().body, { status: 202 })];
  let next = 0;
  listener.setHandler(async () => answers[next++]!());
  const first = await fetch(`http://127.0.0.1:${listener.port}/`);
  assert.equal(await first.text(), 'plain');
  const second = await fetch(`http://127.0.0.1:${listener.port}/`);
  assert.equal(second.status, 202);
  assert.equal(await second.text(), '{"ok":true}');
});
