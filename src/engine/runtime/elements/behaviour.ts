import type { ElementModel } from '../../model/types.js';
import type { ElementInstance } from '../entities.js';
import type { Transition } from '../transition.js';

/** An element kind's own work once its instance is activated, as Zeebe's processor's onActivate. */
export type ElementBehaviour = (tx: Transition, ei: ElementInstance, element: ElementModel) => void;
