/**
 * The benchmark's process, twice: for the embedded engine (Zeebe job workers, FEEL) and for bare
 * bpmn-engine (in-process service functions, a JavaScript condition). Same shape: 4 service tasks,
 * an exclusive gateway, then one of two branches of 4 more, so every instance runs 8 tasks.
 */
const TASKS = 8;

function layout(task: (i: number) => string, condition: (expr: 'high' | 'low') => string, header: string): string {
  const first = Array.from({ length: 4 }, (_, i) => task(i + 1)).join('\n');
  const high = Array.from({ length: TASKS - 4 }, (_, i) => task(i + 5)).join('\n');
  const low = Array.from({ length: TASKS - 4 }, (_, i) => task(i + 5).replace(/id="task-(\d+)"/, 'id="task-low-$1"')).join('\n');
  const chain = (prefix: string, from: number, to: number) =>
    Array.from(
      { length: to - from },
      (_, i) =>
        `<sequenceFlow id="${prefix}${from + i}" sourceRef="${prefix === 'fl' ? 'task-low-' : 'task-'}${from + i}" targetRef="${prefix === 'fl' ? 'task-low-' : 'task-'}${from + i + 1}" />`,
    ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions ${header} id="bench-defs" targetNamespace="http://sote-tyopari/bench">
<process id="bench-process" isExecutable="true">
<startEvent id="start" />
${first}
<exclusiveGateway id="route" />
${high}
${low}
<endEvent id="end" />
<sequenceFlow id="s0" sourceRef="start" targetRef="task-1" />
${chain('f', 1, 4)}
<sequenceFlow id="toRoute" sourceRef="task-4" targetRef="route" />
<sequenceFlow id="toHigh" sourceRef="route" targetRef="task-5">${condition('high')}</sequenceFlow>
<sequenceFlow id="toLow" sourceRef="route" targetRef="task-low-5">${condition('low')}</sequenceFlow>
${chain('f', 5, 8)}
${chain('fl', 5, 8)}
<sequenceFlow id="endHigh" sourceRef="task-8" targetRef="end" />
<sequenceFlow id="endLow" sourceRef="task-low-8" targetRef="end" />
</process>
</definitions>`;
}

/** Job types task-1 … task-8 (the low branch reuses types 5–8). */
export const jobTypes = Array.from({ length: TASKS }, (_, i) => `bench-task-${i + 1}`);

export const zeebeDiagram = layout(
  (i) => `<serviceTask id="task-${i}"><extensionElements><zeebe:taskDefinition type="bench-task-${i}" /></extensionElements></serviceTask>`,
  (branch) =>
    `<conditionExpression xsi:type="tFormalExpression">=${branch === 'high' ? 'amount &gt; 50' : 'amount &lt;= 50'}</conditionExpression>`,
  'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
);

export const bareDiagram = layout(
  (i) => `<serviceTask id="task-${i}" implementation="\${environment.services.work}" />`,
  (branch) =>
    `<conditionExpression xsi:type="tFormalExpression" language="js">next(null, environment.variables.amount ${branch === 'high' ? '&gt;' : '&lt;='} 50)</conditionExpression>`,
  'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
);
