declare module 'bpmn-moddle' {
  /** bpmn-moddle ships no declarations for its ESM build; the engine only needs fromXML. */
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}
