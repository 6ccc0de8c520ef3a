import type { Moddle } from '../../model/moddle.js';
import type { Unsupported } from '../../model/rejection.js';
import type { RootDefinitions } from '../../model/root-definitions.js';
import type { ElementCommon, ElementKind, ElementModel, ElementOfKind } from '../../model/types.js';
import type { ElementInstance } from '../entities.js';
import type { Transition } from '../transition.js';

export interface CompileContext {
  root: RootDefinitions;
  unsupported: Unsupported;
}

/** What a linked process offers its validation: every element and its link catch events. */
export interface LinkedProcess {
  elements: ReadonlyMap<string, ElementModel>;
  /** `${scopeId}#${linkName}` → the link catch event's id. */
  linkTargets: ReadonlyMap<string, string>;
}

export interface ValidationContext {
  process: LinkedProcess;
  unsupported: Unsupported;
}

/**
 * One element kind, as Zeebe has one processor per element: how it is read from the diagram, what
 * the engine rejects at deployment, and its own work once its instance is activated (onActivate).
 */
export interface ElementUnit<E extends ElementModel> {
  /** Adds the kind's own fields to those every element has. */
  compile(e: Moddle, common: ElementCommon<E['kind']>, context: CompileContext): E;
  /** Runs once the process is linked (flows, boundaries, link targets). */
  validate?(element: E, context: ValidationContext): void;
  /** Its value expressions (static text or `=`-prefixed FEEL), checked at deployment with every element's mappings. */
  expressions?(element: E): string[];
  activate(tx: Transition, ei: ElementInstance, element: E): void;
}

export type ElementUnits = { [K in ElementKind]: ElementUnit<ElementOfKind<K>> };
