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

/** The latest version of every process, without its XML: what a list of processes shows. */
export async function latestProcessVersions(em: EntityManager): Promise<Pick<ProcessDefinitionRow, 'key' | 'version' | 'name'>[]> {
  return em.query(`SELECT DISTINCT ON (key) key, version, name FROM process_definitions ${LATEST_FIRST}`);
}

/** The versions of one process, newest first. */
export async function processVersions(em: EntityManager, key: string): Promise<number[]> {
  const rows: { version: number }[] = await em.query('SELECT version FROM process_definitions WHERE key = $1 ORDER BY version DESC', [key]);
  return rows.map((row) => row.version);
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

/** One version of a deployed process, decision or form, with who deployed it and when. */
export interface DeployedVersion {
  kind: 'process' | 'decision' | 'form';
  key: string;
  name: string | null;
  version: number;
  deployed_at: Date;
  deployed_by: string;
  deployment_name: string;
}

/** Every version of everything deployed: by kind, key, newest version first. */
export async function deployedVersions(em: EntityManager): Promise<DeployedVersion[]> {
  return em.query(`
    SELECT v.kind, v.key, v.name, v.version, d.created_at AS deployed_at, d.created_by AS deployed_by, d.name AS deployment_name
      FROM (SELECT 'process' AS kind, key, name, version, deployment_id FROM process_definitions
            UNION ALL SELECT 'decision', key, name, version, deployment_id FROM decision_definitions
            UNION ALL SELECT 'form', key, NULL, version, deployment_id FROM form_definitions) v
      JOIN deployments d ON d.id = v.deployment_id
     ORDER BY CASE v.kind WHEN 'process' THEN 0 WHEN 'decision' THEN 1 ELSE 2 END, v.key, v.version DESC`);
}

/** The key a form resource deploys as: its file name without folders and `.form.json`. */
export function formKeyOfResource(resourceName: string): string {
  return resourceName.replace(/^.*\//, '').replace(/\.form\.json$/, '');
}

/**
 * The file one version (default: the latest) was deployed as: BPMN XML, the DMN file its decision came from,
 * or the form's JSON Schema.
 */
export async function deployedFile(
  em: EntityManager,
  kind: DeployedVersion['kind'],
  key: string,
  asked?: number,
): Promise<{ name: string; content: string; type: string } | undefined> {
  const version = asked ?? (await latestVersionOf(em, kind, key));
  if (version === undefined) return undefined;
  if (kind === 'process') {
    const definition = await processDefinition(em, key, version);
    return definition && { name: `${key}-v${version}.bpmn`, content: definition.xml, type: 'application/xml' };
  }
  if (kind === 'decision') {
    const rows: { content: string }[] = await em.query(
      'SELECT r.content FROM decision_definitions d JOIN deployment_resources r ON r.id = d.dmn_resource_id WHERE d.key = $1 AND d.version = $2',
      [key, version],
    );
    return rows[0] && { name: `${key}-v${version}.dmn`, content: rows[0].content, type: 'application/xml' };
  }
  // The file as deployed, not the jsonb column: jsonb orders the keys its own way, and a form's fields have an order.
  const files: { name: string; content: string }[] = await em.query(
    `SELECT r.name, r.content FROM form_definitions f JOIN deployment_resources r ON r.deployment_id = f.deployment_id AND r.kind = 'form'
      WHERE f.key = $1 AND f.version = $2`,
    [key, version],
  );
  const file = files.find((row) => formKeyOfResource(row.name) === key);
  return file && { name: `${key}-v${version}.form.json`, content: file.content, type: 'application/json' };
}

/** The newest version of a deployed process, decision or form; undefined when none is deployed. */
async function latestVersionOf(em: EntityManager, kind: DeployedVersion['kind'], key: string): Promise<number | undefined> {
  const table = { process: 'process_definitions', decision: 'decision_definitions', form: 'form_definitions' }[kind];
  const rows: { version: number | null }[] = await em.query(`SELECT max(version) AS version FROM ${table} WHERE key = $1`, [key]);
  return rows[0]?.version ?? undefined;
}
