import type { EntityManager } from 'typeorm';
import type { Subscription } from '../../../../engine/src/index.js';

export interface EventSubscriptionRow {
  id: string;
  kind: 'message' | 'signal';
  name: string;
  correlation_key: string | null;
  process_instance_id: string | null;
  definition_id: string | null;
  element_id: string;
  created_at: Date;
}

/** A message or signal start event of a process version (a case's own subscriptions are written by loket_write_steps). */
export async function insertStartSubscription(
  em: EntityManager,
  definitionId: string,
  subscription: Pick<Subscription, 'id' | 'kind' | 'name' | 'elementId'>,
  now: string,
): Promise<void> {
  await em.query(
    `INSERT INTO event_subscriptions (id, kind, name, definition_id, element_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [subscription.id, subscription.kind, subscription.name, definitionId, subscription.elementId, now],
  );
}

/** Waiting catch events of running cases for a message with this name and correlation key, oldest first. */
export async function messageSubscriptions(em: EntityManager, name: string, correlationKey: string): Promise<EventSubscriptionRow[]> {
  return em.query(
    `SELECT * FROM event_subscriptions
      WHERE kind = 'message' AND name = $1 AND correlation_key = $2 AND process_instance_id IS NOT NULL
      ORDER BY created_at, id`,
    [name, correlationKey],
  );
}

/** Start events (of the latest version of each process) that a message or signal with this name starts. */
export async function startSubscriptions(em: EntityManager, kind: 'message' | 'signal', name: string): Promise<EventSubscriptionRow[]> {
  return em.query(
    `SELECT * FROM event_subscriptions WHERE kind = $1 AND name = $2 AND definition_id IS NOT NULL ORDER BY created_at, id`,
    [kind, name],
  );
}

export async function signalSubscriptions(em: EntityManager, name: string): Promise<EventSubscriptionRow[]> {
  return em.query(
    `SELECT * FROM event_subscriptions WHERE kind = 'signal' AND name = $1 AND process_instance_id IS NOT NULL ORDER BY created_at, id`,
    [name],
  );
}

export async function deleteStartSubscriptionsOfOtherVersions(em: EntityManager, key: string, keepDefinitionId: string): Promise<void> {
  await em.query(
    `DELETE FROM event_subscriptions WHERE definition_id IN (SELECT id FROM process_definitions WHERE key = $1 AND id <> $2)`,
    [key, keepDefinitionId],
  );
}
