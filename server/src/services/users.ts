import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { QueryFailedError, type DataSource } from 'typeorm';
import { ApiError, conflict, unauthorized } from '../http/errors.js';
import { ROLES, SessionEntity, UserEntity, type Role, type UserRow } from '../persistence/entities.js';
import { query } from '../persistence/prepared.js';
import { generatePassword, hashPassword, UNUSABLE_HASH, verifyPassword } from './passwords.js';
import { SessionCache } from './session-cache.js';

/** The channel on which a server process tells the others that a session ended (payload: its token hash). */
export const SESSION_REVOKED_CHANNEL = 'loket_session_revoked';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
  createdAt: string;
}

/** The user behind a request, once their token checked out. Structurally an engine-side `Actor`. */
export type AuthenticatedUser = Omit<UserView, 'createdAt'>;

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  roles: Role[];
  groups?: string[];
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: UserView;
}

export interface UserServiceOptions {
  tokenTtlMinutes: number;
  clock?: () => Date;
  /** Default: an open cache, right for a database only this process uses; see `sessions`. */
  sessions?: SessionCache;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Only the SHA-256 of a token is stored: a leaked sessions table logs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    groups: row.groups,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === '23505';
}

export class UserService {
  private readonly clock: () => Date;
  /**
   * Sessions checked recently. With other server processes on the database it stays closed until it hears
   * their revocations (server.ts listens on SESSION_REVOKED_CHANNEL).
   */
  readonly sessions: SessionCache;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: UserServiceOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.sessions = options.sessions ?? new SessionCache();
  }

  async create(input: NewUser): Promise<UserView> {
    const unknownRoles = input.roles.filter((role) => !isRole(role));
    if (unknownRoles.length > 0) {
      throw new ApiError(400, 'bad-request', `unknown role: ${unknownRoles.join(', ')}; roles are ${ROLES.join(', ')}`,
        unknownRoles.map((role) => ({ in: 'body', path: `/roles/${input.roles.indexOf(role)}`, message: `"${role}" is not a role` })));
    }
    const users = this.dataSource.getRepository(UserEntity);
    if (await users.existsBy({ username: input.username })) throw conflict(`a user named "${input.username}" already exists`);
    const row: UserRow = {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName ?? input.username,
      password_hash: await hashPassword(input.password),
      roles: [...new Set(input.roles)],
      groups: [...new Set(input.groups ?? [])],
      created_at: this.clock(),
    };
    try {
      await users.insert(row);
    } catch (err) {
      // Two requests for the same name at once: the unique index decides.
      if (isUniqueViolation(err)) throw conflict(`a user named "${input.username}" already exists`);
      throw err;
    }
    return toView(row);
  }

  async list(): Promise<UserView[]> {
    const rows = await this.dataSource.getRepository(UserEntity).find({ order: { username: 'ASC' } });
    return rows.map(toView);
  }

  /** The departments that exist: every group some user belongs to, by name. */
  async departments(): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query('SELECT DISTINCT jsonb_array_elements_text(groups) AS name FROM users ORDER BY name');
    return rows.map((row) => row.name);
  }

  /** How the pages name these users; a name not found stays as it is. */
  async displayNames(usernames: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(usernames)];
    if (unique.length === 0) return new Map();
    const rows: { username: string; display_name: string }[] = await this.dataSource.query(
      'SELECT username, display_name FROM users WHERE username = ANY($1)',
      [unique],
    );
    const names = new Map(rows.map((row) => [row.username, row.display_name || row.username]));
    return new Map(unique.map((name) => [name, names.get(name) ?? name]));
  }

  async findByUsername(username: string): Promise<UserView | undefined> {
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    return row ? toView(row) : undefined;
  }

  /** Checks the password and opens a session; the same 401 for an unknown name and a wrong password. */
  async login(username: string, password: string): Promise<LoginResult> {
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    const valid = await verifyPassword(password, row?.password_hash ?? UNUSABLE_HASH);
    if (!row || !valid) throw unauthorized('wrong username or password');
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.options.tokenTtlMinutes * 60_000);
    const sessions = this.dataSource.getRepository(SessionEntity);
    await sessions.insert({ token_hash: hashToken(token), user_id: row.id, expires_at: expiresAt, created_at: now });
    // Housekeeping on the way: expired sessions are of no use to anyone.
    await sessions.createQueryBuilder().delete().where('expires_at < :now', { now }).execute();
    return { token, expiresAt: expiresAt.toISOString(), user: toView(row) };
  }

  /** The user a bearer token belongs to, or undefined when the token is unknown or expired. */
  async authenticate(token: string): Promise<AuthenticatedUser | undefined> {
    const tokenHash = hashToken(token);
    const now = this.clock();
    const cached = this.sessions.get(tokenHash, now);
    if (cached) return cached;
    const readMark = this.sessions.readMark();
    const rows = await query<UserRow & { session_expires_at: Date }>(
      this.dataSource.manager,
      `SELECT u.*, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    if (rows.length === 0) return undefined;
    const { session_expires_at: expiresAt, ...row } = rows[0];
    const { createdAt: _createdAt, ...user } = toView(row);
    this.sessions.remember(tokenHash, user, new Date(expiresAt), now, readMark);
    return user;
  }

  /** Ends the session; the notification tells the other server processes to forget it too (sent on commit). */
  async logout(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(SessionEntity).delete({ token_hash: tokenHash });
      await em.query('SELECT pg_notify($1, $2)', [SESSION_REVOKED_CHANNEL, tokenHash]);
    });
    // After the commit: a read that began before it may have found the session and must not keep it.
    this.sessions.forget(tokenHash);
  }

  /**
   * On a database without users, creates `admin` with the admin role. Returns the password when this
   * call generated it (so it can be shown once), undefined otherwise.
   */
  async ensureAdmin(configuredPassword?: string): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await this.dataSource.getRepository(UserEntity).count()) > 0) return { created: false };
    const password = configuredPassword || generatePassword();
    try {
      await this.create({ username: 'admin', password, displayName: 'Beheerder', roles: ['admin'], groups: [] });
    } catch (err) {
      // Another server process on the same database got there first.
      if (err instanceof ApiError && err.code === 'conflict') return { created: false };
      throw err;
    }
    return configuredPassword ? { created: true } : { created: true, generatedPassword: password };
  }
}
