import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type FetchLike } from '../../src/lib/sync/api-client';

interface Call {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): { fetcher: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetcher: async (url, init) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    },
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('workspace API client', () => {
  it('sends JSON with the session cookie and reads the answer', async () => {
    const { fetcher, calls } = fakeFetch(() => json(200, { user: { id: 1, name: '张三', role: 'planner', townshipCode: null } }));
    const user = await new ApiClient('/api/', fetcher).signIn('张三', 'secret');
    expect(user).toEqual({ id: 1, name: '张三', role: 'planner', townshipCode: null });
    expect(calls[0]?.url).toBe('/api/session');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    expect(new Headers(calls[0]?.init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ name: '张三', password: 'secret' });
  });

  it('types 401 as signed out, 403 as forbidden and 429 as too many, keeping the server message', async () => {
    const statuses = [401, 403, 429, 400, 500];
    const kinds: string[] = [];
    for (const status of statuses) {
      const { fetcher } = fakeFetch(() => json(status, { error: `refused ${status} / 拒绝` }));
      const error = await failure(new ApiClient('/api/', fetcher).listPlots());
      expect(error.status).toBe(status);
      expect(error.message).toBe(`refused ${status} / 拒绝`);
      kinds.push(error.kind);
    }
    expect(kinds).toEqual(['signed-out', 'forbidden', 'too-many', 'invalid', 'server']);
  });

  it('gives a 409 with the record as the server has it now', async () => {
    const current = { id: 'p1', name: 'theirs', revision: 3 };
    const { fetcher, calls } = fakeFetch(() => json(409, { error: 'Changed by someone else / 该记录已被他人修改', current }));
    const error = await failure(
      new ApiClient('/api/', fetcher).updatePlot('p1', 2, { name: 'mine', plotType: '造林', targetYear: 2024, notes: '', geometry: { type: 'Polygon', coordinates: [] } }),
    );
    expect(error.kind).toBe('conflict');
    expect(error.current).toEqual(current);
    expect(calls[0]?.url).toBe('/api/plots/p1');
    expect(JSON.parse(String(calls[0]?.init?.body))).toMatchObject({ revision: 2, name: 'mine' });
  });

  it('types a network failure as offline', async () => {
    const error = await failure(
      new ApiClient('/api/', async () => {
        throw new TypeError('Failed to fetch');
      }).health(),
    );
    expect(error.kind).toBe('offline');
    expect(error.status).toBe(0);
  });

  it('types a non-JSON error page by its status', async () => {
    const { fetcher } = fakeFetch(() => new Response('<html>Not Found</html>', { status: 404 }));
    const error = await failure(new ApiClient('/api/', fetcher).health());
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('HTTP 404');
  });
});
