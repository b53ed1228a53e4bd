import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Steps of different cases that are ready at the same moment are written together: one statement, one
 * transaction, one commit (see StepWriter). `ps` is an array of loket_write_step parameters; a row comes
 * back for each, in order, its columns all null where the case had been stepped since it was read (nothing of
 * that step written). A start on the latest version (`onLatest`) is checked as loket_on_latest does. An error
 * in any step rolls back the whole statement; the caller then writes each step alone.
 */
export const WRITE_STEPS = `
CREATE FUNCTION loket_write_steps(ps jsonb) RETURNS SETOF process_instances LANGUAGE plpgsql AS $fn$
DECLARE
  p jsonb;
  written process_instances;
BEGIN
  FOR p IN SELECT value FROM jsonb_array_elements(ps) LOOP
    IF p->>'onLatest' = 'true' THEN
      PERFORM loket_on_latest(p);
    END IF;
    written := NULL;
    SELECT * INTO written FROM loket_write_step(p);
    RETURN NEXT written;
  END LOOP;
END
$fn$`;

export class StepsWrittenTogether1732300000013 implements MigrationInterface {
  readonly name = 'StepsWrittenTogether1732300000013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(WRITE_STEPS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION loket_write_steps(jsonb)');
  }
}
