// What the load generator sends and how it judges each answer. Runs inside the loader process
// (bench/lib/loader.ts); the benchmark process passes a plan name and its data as JSON.
import { createHash, randomBytes } from 'node:crypto';

/** The part of an autocannon request definition used here (autocannon ships no types). */
export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: LoadRequest, context: Record<string, unknown>) => LoadRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
}

/** Called for every answer that is not the right result (a fast error is not a success). */
export type Fail = (why: string) => void;

export interface McpCallData {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Bearer tokens sent in turn, one per request (one entry: a host reusing its token). */
  tokens?: string[];
}

export interface CodeExchangeData {
  path: string;
  /** Form fields sent with every exchange (client_id, redirect_uri, resource…). */
  form: Record<string, string>;
  /** One code per request, each used once. */
  codes: Array<{ code: string; verifier: string }>;
}

export interface RefreshData {
  path: string;
  form: Record<string, string>;
  /** The starting refresh token of each family; every answer's new token goes back to the pool. */
  tokens: string[];
}

export interface AuthorizeFlowData {
  /** `/authorize?…` without `code_challenge` and `state` (added per flow). */
  authorizePath: string;
  cookie: string;
  redirectUri: string;
  tokenPath: string;
  form: Record<string, string>;
}

export type PlanData =
  | { plan: 'mcp-call'; data: McpCallData }
  | { plan: 'code-exchange'; data: CodeExchangeData }
  | { plan: 'refresh'; data: RefreshData }
  | { plan: 'authorize-flow'; data: AuthorizeFlowData };

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function checkMcpResult(status: number, body: string, fail: Fail): void {
  if (status !== 200) return fail(`status ${status}: ${body.slice(0, 200)}`);
  if (!body.includes('"result":{') || body.includes('"error":') || body.includes('"isError":true')) fail(`not a tool result: ${body.slice(0, 200)}`);
}

/** A token response, parsed; `undefined` (and a failure) unless it carries an access token. */
function tokenResponse(status: number, body: string, fail: Fail, needRefresh: boolean): { refresh_token?: string } | undefined {
  if (status !== 200) return void fail(`status ${status}: ${body.slice(0, 200)}`);
  const parsed = JSON.parse(body) as { access_token?: string; refresh_token?: string; token_type?: string };
  if (!parsed.access_token || !/^bearer$/i.test(parsed.token_type ?? '')) return void fail(`no access token: ${body.slice(0, 200)}`);
  if (needRefresh && !parsed.refresh_token) return void fail(`no refresh token: ${body.slice(0, 200)}`);
  return parsed;
}

function mcpCall(d: McpCallData, fail: Fail): LoadRequest[] {
  const tokens = d.tokens ?? [];
  let next = 0;
  // Every variant (auth off included) goes through setupRequest, so the loader's own cost is the same.
  return [{
    method: 'POST',
    path: d.path,
    headers: d.headers,
    body: d.body,
    setupRequest(request) {
      if (tokens.length === 0) return request;
      return { ...request, headers: { ...d.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } };
    },
    onResponse: (status, body) => checkMcpResult(status, body, fail),
  }];
}

function codeExchange(d: CodeExchangeData, fail: Fail): LoadRequest[] {
  let next = 0;
  return [{
    method: 'POST',
    path: d.path,
    headers: FORM,
    setupRequest(request) {
      const item = d.codes[next++];
      if (!item) throw new Error('ran out of codes: the run asked for more requests than codes minted');
      return { ...request, body: form({ ...d.form, grant_type: 'authorization_code', code: item.code, code_verifier: item.verifier }) };
    },
    onResponse: (status, body) => void tokenResponse(status, body, fail, true),
  }];
}

function refresh(d: RefreshData, fail: Fail): LoadRequest[] {
  // More families than connections: a connection always finds a token not in flight.
  const pool = [...d.tokens];
  return [{
    method: 'POST',
    path: d.path,
    headers: FORM,
    setupRequest(request) {
      const token = pool.shift();
      if (!token) throw new Error('no refresh token left in the pool');
      return { ...request, body: form({ ...d.form, grant_type: 'refresh_token', refresh_token: token }) };
    },
    onResponse(status, body) {
      const parsed = tokenResponse(status, body, fail, true);
      if (parsed?.refresh_token) pool.push(parsed.refresh_token);
    },
  }];
}

/** Two requests per flow: `/authorize` (signed in, consent remembered) → redirect with a code → `/token`. */
function authorizeFlow(d: AuthorizeFlowData, fail: Fail): LoadRequest[] {
  return [
    {
      method: 'GET',
      path: d.authorizePath,
      headers: { cookie: d.cookie },
      setupRequest(request, context) {
        const verifier = randomBytes(32).toString('base64url');
        const state = randomBytes(9).toString('base64url');
        context.verifier = verifier;
        context.state = state;
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        return { ...request, path: `${d.authorizePath}&code_challenge=${challenge}&code_challenge_method=S256&state=${state}` };
      },
      onResponse(status, body, context, headers) {
        const location = headers.location ?? headers.Location;
        if (status !== 302 && status !== 303) return fail(`authorize answered ${status}: ${body.slice(0, 200)}`);
        const url = new URL(location ?? '', 'http://x');
        if (!location?.startsWith(d.redirectUri) || url.searchParams.get('state') !== context.state || !url.searchParams.get('code')) {
          return fail(`authorize redirected to ${location}`);
        }
        context.code = url.searchParams.get('code');
      },
    },
    {
      method: 'POST',
      path: d.tokenPath,
      headers: FORM,
      setupRequest(request, context) {
        // A failed first step leaves no code: send a request that must fail, and is counted as failed.
        const fields = { ...d.form, grant_type: 'authorization_code', code: String(context.code ?? 'none'), code_verifier: String(context.verifier) };
        return { ...request, body: form(fields) };
      },
      onResponse: (status, body) => void tokenResponse(status, body, fail, true),
    },
  ];
}

export function buildRequests(plan: PlanData, fail: Fail): LoadRequest[] {
  switch (plan.plan) {
    case 'mcp-call':
      return mcpCall(plan.data, fail);
    case 'code-exchange':
      return codeExchange(plan.data, fail);
    case 'refresh':
      return refresh(plan.data, fail);
    case 'authorize-flow':
      return authorizeFlow(plan.data, fail);
  }
}
