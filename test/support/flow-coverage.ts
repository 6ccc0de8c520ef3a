import type { Knex } from 'knex';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn } from '../../src/engine/model/compile.js';

/** Sequence flows of every process in a folder of diagrams, and which of them a run has taken. */
export interface FlowCoverage {
  total: number;
  taken: number;
  percent: number;
  missing: string[];
  perProcess: Array<{ bpmnProcessId: string; total: number; taken: number }>;
}

export async function flowCoverage(knex: Knex, dir: string): Promise<FlowCoverage> {
  const taken = new Set(
    (await knex('engine.sequence_flows').distinct('bpmn_process_id', 'flow_id')).map((r) => `${r.bpmn_process_id}#${r.flow_id}`),
  );
  const perProcess: FlowCoverage['perProcess'] = [];
  const missing: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()) {
    const { processes } = await compileBpmn(readFileSync(join(dir, file), 'utf8'), file);
    for (const process of processes) {
      const flows = [...process.elements.values()].flatMap((e) => e.outgoing.map((f) => f.id));
      const hit = flows.filter((id) => taken.has(`${process.bpmnProcessId}#${id}`));
      missing.push(...flows.filter((id) => !hit.includes(id)).map((id) => `${process.bpmnProcessId}#${id}`));
      perProcess.push({ bpmnProcessId: process.bpmnProcessId, total: flows.length, taken: hit.length });
    }
  }
  const total = perProcess.reduce((n, p) => n + p.total, 0);
  const hitCount = perProcess.reduce((n, p) => n + p.taken, 0);
  return { total, taken: hitCount, percent: total ? (hitCount / total) * 100 : 100, missing, perProcess };
}

/** The report printed after the pathway suite. */
export function formatCoverage(coverage: FlowCoverage): string {
  const lines = coverage.perProcess.map((p) => `  ${p.bpmnProcessId.padEnd(24)} ${p.taken}/${p.total} sequence flows`);
  lines.push(`  total ${coverage.taken}/${coverage.total} = ${coverage.percent.toFixed(1)} %`);
  if (coverage.missing.length) lines.push(`  not taken: ${coverage.missing.join(', ')}`);
  return `BPMN sequence-flow coverage\n${lines.join('\n')}`;
}
