import type { EntityManager } from 'typeorm';
import type { DecisionDefinitionEntityRow, FormDefinitionEntityRow, ProcessDefinitionEntityRow } from '../entities.js';
import { query } from '../prepared.js';

export type ProcessDefinitionRow = ProcessDefinitionEntityRow;

export type DecisionDefinitionRow = DecisionDefinitionEntityRow;

export type FormDefinitionRow = FormDefinitionEntityRow;

const LATEST_FIRST = 'ORDER BY key, version DESC';

export async function allProcessDefinitions(em: EntityManager): Promise<ProcessDefinitionRow[]> {
  return em.query(`SELECT * FROM process_definitions ${LATEST_FIRST}`);
}

export async function processDefinition(em: EntityManager, key: string, version?: number): Promise<ProcessDefinitionRow | undefined> {
  const rows: ProcessDefinitionRow[] =
    version === undefined
      ? await em.query('SELECT * FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1', [key])
      : await em.query('SELECT * FROM process_definitions WHERE key = $1 AND version = $2', [key, version]);
  return rows[0];
}

/** The id of a process's latest version (or of the version given), without reading its XML. */
export async function processDefinitionId(em: EntityManager, key: string, version?: number): Promise<string | undefined> {
  const rows: { id: string }[] =
    version === undefined
      ? await query<{ id: string }>(em, 'SELECT id FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1', [key])
      : await query<{ id: string }>(em, 'SELECT id FROM process_definitions WHERE key = $1 AND version = $2', [key, version]);
  return rows[0]?.id;
}

export async function processDefinitionById(em: EntityManager, id: string): Promise<ProcessDefinitionRow | undefined> {
  const rows: ProcessDefinitionRow[] = await em.query('SELECT * FROM process_definitions WHERE id = $1', [id]);
  return rows[0];
}

/** The latest version of every decision; its DMN text stays in deployment_resources (see resourceContent). */
export async function latestDecisionVersions(em: EntityManager): Promise<DecisionDefinitionRow[]> {
  return em.query(`SELECT DISTINCT ON (key) * FROM decision_definitions ${LATEST_FIRST}`);
}

/** Every version of every decision, for choosing the one in force at a moment. */
export async function allDecisionVersions(em: EntityManager): Promise<DecisionDefinitionRow[]> {
  return em.query(`SELECT * FROM decision_definitions ${LATEST_FIRST}`);
}

export async function resourceContent(em: EntityManager, resourceId: string): Promise<string | undefined> {
  const rows: { content: string }[] = await em.query('SELECT content FROM deployment_resources WHERE id = $1', [resourceId]);
  return rows[0]?.content;
}

export async function latestFormDefinition(em: EntityManager, key: string): Promise<FormDefinitionRow | undefined> {
  const rows: FormDefinitionRow[] = await em.query('SELECT * FROM form_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1', [key]);
  return rows[0];
}

export async function latestFormDefinitions(em: EntityManager): Promise<FormDefinitionRow[]> {
  return em.query(`SELECT DISTINCT ON (key) * FROM form_definitions ${LATEST_FIRST}`);
}

/** The latest version and content hash per key of one definition table, for "identical content → same version". */
export async function latestHashes(
  em: EntityManager,
  table: 'process_definitions' | 'decision_definitions' | 'form_definitions',
  keys: string[],
): Promise<Map<string, { id: string; version: number; content_hash: string; deployment_id: string }>> {
  if (keys.length === 0) return new Map();
  const rows: { key: string; id: string; version: number; content_hash: string; deployment_id: string }[] = await em.query(
    `SELECT DISTINCT ON (key) key, id, version, content_hash, deployment_id FROM ${table} WHERE key = ANY($1) ${LATEST_FIRST}`,
    [keys],
  );
  return new Map(rows.map((row) => [row.key, row]));
}
