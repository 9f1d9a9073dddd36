/** Request bodies: JSON only, parsed and checked against a valibot schema; any problem → 400 naming it. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { badRequest } from './errors';

type Schema = v.GenericSchema;

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export function check<S extends Schema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw badRequest(`Invalid request / 请求内容无效: ${describeIssues(result.issues)}`);
  return result.output;
}

export async function jsonBody<S extends Schema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw badRequest('Expected a JSON body (Content-Type: application/json) / 需要 JSON 请求体');
  let value: unknown;
  try {
    value = await c.req.json();
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status === 413) throw error;
    throw badRequest('Malformed JSON / JSON 格式错误');
  }
  return check(schema, value);
}
