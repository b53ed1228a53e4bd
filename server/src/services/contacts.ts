import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { LOKET_ZONE, type ProcessModel } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { latestFormDefinition } from '../persistence/repositories/definitions.js';
import { findInstance, rootVariables } from '../persistence/repositories/instances.js';
import type { Catalog } from './catalog.js';

/** Who registered a contact the citizen made herself (an action on her status page); no username looks like it. */
export const CITIZEN_HERSELF = '(burger)';

export const CHANNELS = ['desk', 'phone', 'email', 'web', 'chat', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];
export type PartyKind = 'person' | 'organisation';

export interface PartyView {
  id: string;
  kind: PartyKind;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface ContactView {
  id: string;
  partyId: string;
  processInstanceId: string | null;
  channel: Channel;
  subject: string;
  text: string;
  registeredBy: string;
  at: string;
}

export interface NewContact {
  channel: Channel;
  subject: string;
  text: string;
  processInstanceId?: string;
  party?: { kind?: PartyKind; name: string; email?: string; phone?: string };
  at?: string;
}

/** Who asked for a case, as its start form says: its first field names them, its first e-mail field reaches them. */
export interface Requester {
  name: string;
  email?: string;
}

interface PartyRow {
  id: string;
  kind: PartyKind;
  name: string;
  email: string | null;
  phone: string | null;
}

interface ContactRow {
  id: string;
  party_id: string;
  process_instance_id: string | null;
  channel: Channel;
  subject: string;
  text: string;
  registered_by: string;
  at: Date;
}

/** A party is known by its e-mail address, else by its name: the same citizen on every case she starts. */
function identityOf(party: { name: string; email?: string | null }): string {
  const email = party.email?.trim().toLowerCase();
  return email ? `email:${email}` : `name:${party.name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/** The start form's field that names who asks (its first) and the one that reaches them (its first e-mail field). */
export async function requesterFields(em: EntityManager, model: ProcessModel): Promise<{ name?: string; email?: string }> {
  const start = model.elements.get(model.startEventIds[0] ?? '');
  const formKey = start?.kind === 'startEvent' ? start.formKey : undefined;
  if (!formKey) return {};
  const form = await latestFormDefinition(em, formKey);
  const properties = Object.entries((form?.schema as { properties?: Record<string, { format?: unknown }> } | undefined)?.properties ?? {});
  const name = properties[0]?.[0];
  const email = properties.find(([, property]) => property.format === 'email')?.[0];
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** Who asked, as a case of this process says it in its variables; undefined when its start form does not name her. */
export async function requesterIn(em: EntityManager, model: ProcessModel, variables: Record<string, unknown>): Promise<Requester | undefined> {
  const fields = await requesterFields(em, model);
  const name = fields.name ? variables[fields.name] : undefined;
  const email = fields.email ? variables[fields.email] : undefined;
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  return { name: name.trim(), ...(typeof email === 'string' && email.trim() ? { email: email.trim() } : {}) };
}

function toParty(row: PartyRow): PartyView {
  return { id: row.id, kind: row.kind, name: row.name, email: row.email, phone: row.phone };
}

function toContact(row: ContactRow): ContactView {
  return {
    id: row.id,
    partyId: row.party_id,
    processInstanceId: row.process_instance_id,
    channel: row.channel,
    subject: row.subject,
    text: row.text,
    registeredBy: row.registered_by,
    at: new Date(row.at).toISOString(),
  };
}

/** Parties and their contact moments across channels: the integral view of a citizen. */
export class ContactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
    private readonly clock: () => Date,
  ) {}

  /** Who asked for this case; undefined when its start form does not say. */
  async requesterOf(caseId: string, em: EntityManager = this.dataSource.manager): Promise<Requester | undefined> {
    const instance = await findInstance(em, caseId);
    if (!instance) throw new ApiError(404, 'not-found', `process instance ${caseId} does not exist`);
    const definition = await this.catalog.definition(em, instance.definition_id);
    return definition && requesterIn(em, await this.catalog.model(definition), rootVariables(instance.state));
  }

  /** The party of a case's requester, if one was registered. */
  async partyOfCase(caseId: string): Promise<PartyView | undefined> {
    const requester = await this.requesterOf(caseId);
    if (!requester) return undefined;
    const rows: PartyRow[] = await this.dataSource.query('SELECT * FROM parties WHERE identity = $1', [identityOf(requester)]);
    return rows[0] && toParty(rows[0]);
  }

  async register(input: NewContact, user: string): Promise<ContactView & { party: PartyView }> {
    return this.dataSource.transaction((em) => this.registerIn(em, input, user));
  }

  /** `register` inside the caller's transaction: the contact is kept only if what it was about is too. */
  async registerIn(em: EntityManager, input: NewContact, user: string): Promise<ContactView & { party: PartyView }> {
    if (!input.processInstanceId && !input.party) {
      throw new ApiError(400, 'bad-request', 'say who the contact was with: a party, a processInstanceId (its requester), or both');
    }
    const who = input.party ?? (input.processInstanceId ? await this.requesterOf(input.processInstanceId, em) : undefined);
    if (!who) {
      throw new ApiError(400, 'bad-request', `the start form of case ${input.processInstanceId} does not name its requester; give the party`);
    }
    const party = await this.findOrCreateParty(em, { kind: input.party?.kind ?? 'person', name: who.name, email: who.email, phone: input.party?.phone });
    const at = input.at ?? this.clock().toISOString();
    const [row] = (await em.query(
      `INSERT INTO contact_moments (id, party_id, process_instance_id, channel, subject, text, registered_by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [randomUUID(), party.id, input.processInstanceId ?? null, input.channel, input.subject, input.text, user, at],
    )) as ContactRow[];
    return { ...toContact(row!), party };
  }

  private async findOrCreateParty(em: EntityManager, party: { kind: PartyKind; name: string; email?: string | undefined; phone?: string | undefined }): Promise<PartyView> {
    const identity = identityOf(party);
    // One row per identity, also when two registrations race: the second finds the first's row.
    await em.query(
      `INSERT INTO parties (id, kind, name, email, phone, identity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (identity) DO NOTHING`,
      [randomUUID(), party.kind, party.name, party.email ?? null, party.phone ?? null, identity, this.clock().toISOString()],
    );
    if (party.phone) await em.query('UPDATE parties SET phone = $1 WHERE identity = $2 AND phone IS NULL', [party.phone, identity]);
    const rows: PartyRow[] = await em.query('SELECT * FROM parties WHERE identity = $1', [identity]);
    return toParty(rows[0]!);
  }

  /** Every contact of a party, newest first, whichever case it was about. */
  async ofParty(partyId: string): Promise<ContactView[]> {
    const rows: ContactRow[] = await this.dataSource.query('SELECT * FROM contact_moments WHERE party_id = $1 ORDER BY at DESC, id LIMIT 500', [partyId]);
    return rows.map(toContact);
  }

  /** Contacts per week (from Monday, in LOKET_ZONE) and channel over the last `weeks` weeks. */
  async perWeek(weeks: number): Promise<{ week: string; channel: Channel; count: number }[]> {
    const since = new Date(this.clock().getTime() - weeks * 7 * 24 * 3600 * 1000);
    const rows: { week: string; channel: Channel; count: string }[] = await this.dataSource.query(
      `SELECT to_char(date_trunc('week', at AT TIME ZONE $2), 'YYYY-MM-DD') AS week, channel, count(*) AS count
         FROM contact_moments WHERE at >= $1 GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
      [since, LOKET_ZONE],
    );
    return rows.map((row) => ({ week: row.week, channel: row.channel, count: Number(row.count) }));
  }
}
