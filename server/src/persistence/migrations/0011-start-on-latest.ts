import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A server process keeps which version of each process is the latest, so starting a case does not ask the
 * database first (a round trip of three for a start). Another process may have deployed a newer version
 * meanwhile: the start's own write checks it, `loket_write_step(loket_on_latest(p))`, and raises SQLSTATE
 * LK002 (nothing written) when a version newer than `processVersion` exists, so every new case still starts
 * on the latest version. The check runs as the argument is evaluated, before the write begins.
 */
const ON_LATEST = `
CREATE FUNCTION loket_on_latest(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM process_definitions WHERE key = p->>'processKey' AND version > (p->>'processVersion')::integer) THEN
    RAISE EXCEPTION 'a newer version of process % than % has been deployed', p->>'processKey', p->>'processVersion' USING ERRCODE = 'LK002';
  END IF;
  RETURN p;
END
$fn$`;

export class StartOnLatest1732300000011 implements MigrationInterface {
  readonly name = 'StartOnLatest1732300000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ON_LATEST);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION loket_on_latest(jsonb)');
  }
}
