// The bpmn-io packages below ship JavaScript without type declarations; the modeler uses a few of their exports.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, any>;
  export const BpmnPropertiesProviderModule: Record<string, any>;
  export const ZeebePropertiesProviderModule: Record<string, any>;
  export function useService<T = any>(name: string): T;
}
declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: any;
  export const TextFieldEntry: any;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isTextFieldEntryEdited(node: unknown): boolean;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(component: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, any>;
  export default module;
}
declare module 'dmn-js/lib/Modeler' {
  const DmnModeler: new (options: Record<string, unknown>) => any;
  export default DmnModeler;
}
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: object; resolver: object });
    lint(definitions: unknown): Promise<unknown>;
  }
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  const StaticResolver: new (cache: Record<string, unknown>) => object;
  export default StaticResolver;
}
declare module 'bpmnlint/config/recommended' {
  const config: object;
  export default config;
}
declare module 'bpmnlint/rules/*' {
  const rule: (config?: unknown) => object;
  export default rule;
}
