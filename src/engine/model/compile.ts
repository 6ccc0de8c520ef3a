import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import type { Moddle } from './moddle.js';
import { ProcessCompiler } from './process-compiler.js';
import { firstLine, reject } from './rejection.js';
import { readRootDefinitions } from './root-definitions.js';
import type { ProcessModel } from './types.js';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

/** Everything a deployment's BPMN resource yields: its executable processes. */
export interface CompiledResource {
  processes: ProcessModel[];
}

/** Parses BPMN XML and compiles every executable process, rejecting whatever the engine cannot run as written. */
export async function compileBpmn(xml: string, resourceName: string): Promise<CompiledResource> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  let parsed: Moddle;
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (error) {
    throw reject(resourceName, `is not valid BPMN XML: ${firstLine(error)}`);
  }
  if (parsed.warnings?.length) {
    throw reject(resourceName, `is not valid BPMN: ${firstLine(parsed.warnings[0])}`);
  }
  const rootElements: Moddle[] = parsed.rootElement.rootElements ?? [];
  const root = readRootDefinitions(rootElements);
  const processes = rootElements
    .filter((e) => e.$type === 'bpmn:Process' && e.isExecutable !== false)
    .map((p) => new ProcessCompiler(p, resourceName, root).compile());
  if (processes.length === 0) {
    throw reject(resourceName, 'contains no executable process');
  }
  return { processes };
}
