// dmn-moddle ships no typings; this is the part of its API Loket uses. The elements themselves are
// typed loosely in ./parse.ts, at the one place they are read.
declare module 'dmn-moddle' {
  export interface DmnParseWarning {
    message: string;
    error?: Error;
  }
  export interface DmnParseResult {
    rootElement: unknown;
    warnings: DmnParseWarning[];
  }
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<DmnParseResult>;
  }
}
