/**
 * Roles and what each may change. Everybody signed in reads everything; writes are by duty:
 * admin — users, workspace settings, shared layers; planner — plots; fire officer — reviews,
 * facilities, rectification orders and acceptance; station — rectification reports on its own
 * township's zones; viewer — nothing (reads and exports).
 */
export const ROLES = ['admin', 'planner', 'fire_officer', 'station', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  /** Stations only: the township code (e.g. 500242001) whose zones they report on. */
  readonly townshipCode: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
