import type { Moddle } from '../../../model/moddle.js';
import type { RootDefinitions } from '../../../model/root-definitions.js';
import type { Unsupported } from '../../../model/rejection.js';
import type { EventDefinition, EventDefinitionKind } from '../../../model/types.js';
import type { ElementInstance } from '../../entities.js';
import type { Transition } from '../../transition.js';

export interface EventCompileContext {
  /** The id of the event element the definition belongs to. */
  id: string;
  root: RootDefinitions;
  unsupported: Unsupported;
}

/** One kind of event definition: how it is read from the diagram, what it evaluates, and how a catch waits for it. */
export interface EventUnit<D extends EventDefinition> {
  compile(d: Moddle, context: EventCompileContext): D;
  /** Its value expressions (static text or `=`-prefixed FEEL), checked at deployment. */
  expressions(definition: D): string[];
  /** Opens the timer or subscription an `owner` instance waits on; false when that raised an incident. */
  open?(tx: Transition, owner: ElementInstance, eventId: string, definition: D): boolean;
}

export type EventUnits = { [K in EventDefinitionKind]: EventUnit<Extract<EventDefinition, { kind: K }>> };
