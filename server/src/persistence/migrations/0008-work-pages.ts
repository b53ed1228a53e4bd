import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the civil servants' pages:
 * - A form's fields have an order, and jsonb keeps keys in its own (shortest first): the task page drew
 *   "Opmerking" above "Aanvraag volledig". json keeps the file's text, so the column becomes json, filled
 *   again from the files as deployed.
 * - The inbox sorts open tasks by due date, so they are indexed in that order too.
 * - Cases are looked up by the start of their business key, whatever its case.
 * - The college's decision list reads the college's tasks completed on a day (the group named as shipped).
 */
export class WorkPages1732300000008 implements MigrationInterface {
  readonly name = 'WorkPages1732300000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE form_definitions ALTER COLUMN schema TYPE json USING schema::json');
    await queryRunner.query(`
      UPDATE form_definitions f SET schema = r.content::json
        FROM deployment_resources r
       WHERE r.deployment_id = f.deployment_id AND r.kind = 'form'
         AND regexp_replace(regexp_replace(r.name, '^.*/', ''), '\\.form\\.json$', '') = f.key`);
    await queryRunner.query(`CREATE INDEX tasks_open_by_due ON tasks (due_date, created_at, id) WHERE state = 'open'`);
    await queryRunner.query('CREATE INDEX process_instances_business_key_lower ON process_instances (lower(business_key) text_pattern_ops) WHERE business_key IS NOT NULL');
    await queryRunner.query(`CREATE INDEX tasks_college_completed ON tasks (completed_at) WHERE state = 'completed' AND candidate_groups ? 'college'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tasks_college_completed');
    await queryRunner.query('DROP INDEX process_instances_business_key_lower');
    await queryRunner.query('DROP INDEX tasks_open_by_due');
    await queryRunner.query('ALTER TABLE form_definitions ALTER COLUMN schema TYPE jsonb USING schema::jsonb');
  }
}
